"""Files a person names are written whole or not at all (QA1 1, 7): `export -o FILE` and
the dashboard's screenshot go through a temporary file beside the target, fsynced and
renamed, so a full disk leaves the earlier file as it was; every error names the file."""
from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from conftest import fill_disk
from store import model
from store.db import open_store
from store.errors import FristError


def _store_with(path: Path, count: int, title: str = "item") -> None:
    store = open_store(path)
    due = model.Due.from_value("2026-03-01")
    store.add_many([model.Commitment.new(f"{title} {n} " + "x" * 300, due) for n in range(count)])


def test_export_on_a_full_disk_leaves_the_earlier_file_as_it_was(tiny_disk, db_path, frist):
    target = tiny_disk / "backup.json"
    _store_with(db_path, 20)
    frist("export", "--format", "json", "-o", str(target), check=True)
    before = target.read_bytes()
    assert len(json.loads(before)) == 20
    _store_with(db_path, 600, "more")                # an export far bigger than the room left
    filler = fill_disk(tiny_disk, leave=128 * 1024)
    result = frist("export", "--format", "json", "-o", str(target))
    assert result.returncode == 1, result.stderr
    assert result.stderr.count("\n") == 1 and "Traceback" not in result.stderr
    assert str(target) in result.stderr and "No space left on device" in result.stderr
    assert "left as it was" in result.stderr
    assert target.read_bytes() == before
    assert sorted(p.name for p in tiny_disk.iterdir()) == ["backup.json", "filler"]
    # a new file that does not fit is not left behind empty or half written
    result = frist("export", "--format", "ics", "-o", str(tiny_disk / "out.ics"))
    assert result.returncode == 1 and str(tiny_disk / "out.ics") in result.stderr
    assert not (tiny_disk / "out.ics").exists()
    filler.unlink()  # room again: the same export works, the file is replaced whole
    frist("export", "--format", "json", "-o", str(target), check=True)
    assert len(json.loads(target.read_bytes())) == 620


def test_export_keeps_the_files_mode_and_a_symlink_stays_a_link(tmp_path, db_path, frist):
    _store_with(db_path, 2)
    real = tmp_path / "real.csv"
    real.write_text("old")
    real.chmod(0o640)
    link = tmp_path / "link.csv"
    link.symlink_to(real)
    frist("export", "--format", "csv", "-o", str(link), check=True)
    assert link.is_symlink() and real.read_text().startswith("id,uid,title")
    assert real.stat().st_mode & 0o777 == 0o640
    assert [p.name for p in tmp_path.iterdir() if p.name.endswith(".tmp")] == []


@pytest.mark.parametrize("where", ["/proc/version", "FOLDER", "MISSING/out.json"])
def test_an_export_that_cannot_be_written_names_the_file(tmp_path, db_path, frist, where):
    _store_with(db_path, 2)
    where = where.replace("FOLDER", str(tmp_path)).replace("MISSING", str(tmp_path / "nope"))
    result = frist("export", "-o", where)
    assert result.returncode == 1 and "Traceback" not in result.stderr
    assert result.stderr.startswith("error: cannot write ") and where in result.stderr
    assert result.stderr.count("\n") == 1


def test_exporting_to_a_device_writes_to_it(db_path, frist):
    _store_with(db_path, 2)
    result = frist("export", "--format", "csv", "-o", "/dev/stdout")
    assert result.returncode == 0 and result.stdout.startswith("id,uid,title")


async def test_a_screenshot_on_a_full_disk_keeps_the_earlier_one(tiny_disk, db_path):
    from tui.app import FristApp
    _store_with(db_path, 3)
    app = FristApp(open_store(db_path), "2025-11-24")
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        first = app.save_screenshot("shot.svg", str(tiny_disk))
        before = Path(first).read_bytes()
        assert before.startswith(b"<svg")
        fill_disk(tiny_disk, leave=1024)
        with pytest.raises(FristError, match="shot.svg"):
            app.save_screenshot("shot.svg", str(tiny_disk))
        assert Path(first).read_bytes() == before
        assert sorted(p.name for p in tiny_disk.iterdir()) == ["filler", "shot.svg"]


@pytest.mark.parametrize("target", ["STORE", "STORE.journal", "STORE.bak", "LINK"])
def test_an_export_onto_the_stores_own_files_is_refused(tmp_path, db_path, frist, target):
    _store_with(db_path, 2)
    frist("export", "-o", str(tmp_path / "first.json"), check=True)  # a backup and a journal
    link = tmp_path / "link.json"
    link.symlink_to(db_path)
    where = str(link) if target == "LINK" else target.replace("STORE", str(db_path))
    before = {p.name: p.read_bytes() for p in db_path.parent.iterdir() if p.is_file()}
    result = frist("export", "--format", "json", "-o", where)
    assert result.returncode == 1 and result.stderr.count("\n") == 1
    assert "store's own files" in result.stderr and where in result.stderr
    assert {p.name: p.read_bytes() for p in db_path.parent.iterdir() if p.is_file()} == before
    listed = frist("list", "--json", check=True)
    assert len(json.loads(listed.stdout)) == 2

"""An import file whose entries share a uid (QA1 17). The uid is what makes a commitment
the same one on re-import and in sync, so two entries with one uid cannot both be right:
the file is refused in one line naming both positions, and nothing is imported (was: the
first imported, the second counted as "already in the store")."""
from __future__ import annotations

import json

import pytest

UID = "0f1e2d3c4b5a69788796a5b4c3d2e1f0"


def _frist_json(path):
    path.write_text(json.dumps([
        {"title": "first", "due": "2026-03-01", "uid": UID},
        {"title": "other", "due": "2026-03-02"},
        {"title": "second, same uid", "due": "2026-04-01", "uid": UID}]))


def _taskwarrior(path):
    uuid = "0f1e2d3c-4b5a-6978-8796-a5b4c3d2e1f0"
    path.write_text(json.dumps([
        {"description": "first", "due": "20260301T000000Z", "uuid": uuid, "status": "pending"},
        {"description": "other", "due": "20260302T000000Z", "status": "pending"},
        {"description": "second", "due": "20260401T000000Z", "uuid": uuid, "status": "pending"}]))


def _ics(path):
    events = "".join(f"BEGIN:VEVENT\r\nUID:{uid}\r\nDTSTAMP:20251124T100000Z\r\nSUMMARY:{title}"
                     f"\r\nDTSTART;VALUE=DATE:{day}\r\nEND:VEVENT\r\n"
                     for uid, title, day in [(UID, "first", "20260301"), ("x-2", "other", "20260302"),
                                             (UID, "second", "20260401")])
    path.write_text(f"BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//t//t//EN\r\n{events}"
                    "END:VCALENDAR\r\n")


@pytest.mark.parametrize("write, name", [(_frist_json, "items.json"), (_taskwarrior, "tasks.json"),
                                         (_ics, "cal.ics")])
def test_two_entries_with_one_uid_refuse_the_file(frist, tmp_path, write, name):
    path = tmp_path / name
    write(path)
    result = frist("import", str(path))
    assert result.returncode == 1
    assert result.stderr.startswith("error: entry 3: has the uid ")
    assert "of entry 1: one uid is one commitment" in result.stderr
    assert result.stderr.count("\n") == 1
    assert json.loads(frist("list", "--json", "--status", "all").stdout) == []


def test_entries_already_in_the_store_are_still_passed_over(frist, tmp_path):
    path = tmp_path / "items.json"
    path.write_text(json.dumps([{"title": "one", "due": "2026-03-01", "uid": UID}]))
    frist("import", str(path), check=True)
    again = frist("import", str(path))
    assert again.returncode == 0 and "imported 0" in again.stderr
    assert "1 already in the store" in again.stderr

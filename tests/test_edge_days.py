"""The days frist accepts, 1 Jan 1900 to 31 Dec 2999, hold for what the store keeps
(QA1 2): `model.Commitment.problem` refuses a due, window start or decision outside them
(so a record from an older store or another client is damage, named in one line), and
every export format is total on what it accepts, the edge days included."""
from __future__ import annotations

import json

import pytest
from click.testing import CliRunner

from store import model
from store.db import open_store
from store.exchange import FORMATS, export, import_into, parse_import

TODAY = model.now().date()


def _record(due: str, **fields) -> dict:
    doc = dict(model.Commitment.new("edge", model.Due.from_value(due)).doc)
    doc.update(fields)
    return doc


def _numbered(docs: list[dict]) -> list[tuple[int, model.Commitment]]:
    return [(n, model.Commitment(doc)) for n, doc in enumerate(docs, 1)]


@pytest.mark.parametrize("name", ["due", "window_start", "decided"])
@pytest.mark.parametrize("day", ["1899-12-31", "3000-01-01", "0001-01-01", "9999-12-31"])
def test_a_day_outside_the_range_is_refused(name, day):
    doc = _record("2026-01-01", status="met", decided="2026-01-01")
    doc[name] = day
    if name == "due":
        doc["window_start"] = min(day, doc["window_start"])
    problem = model.Commitment.problem(doc)
    assert problem is not None and name in problem and day in problem


@pytest.mark.parametrize("name", ["due", "window_start", "decided"])
@pytest.mark.parametrize("day", ["1900-01-01", "2999-12-31"])
def test_the_edge_days_themselves_are_accepted(name, day):
    doc = _record("2999-12-31", status="met", decided="2026-01-01")
    doc[name] = day
    if name == "due":
        doc["window_start"] = day
    assert model.Commitment.problem(doc) is None


# Records at the edges, as the store accepts them: days, windows and decisions on the
# first and last day, made on those days; each imports back from the formats that can.
EDGE_RECORDS = [
    _record("1900-01-01"),
    _record("2999-12-31"),
    _record("2999-12-31", status="met", decided="2999-12-31",
            created="2999-12-31T09:00:00+00:00", updated="2999-12-31T09:00:00+00:00"),
    _record("1900-01-01", status="missed", decided="1900-01-01",
            created="1900-01-01T12:00:00+00:00", updated="1900-01-01T12:00:00+00:00"),
    _record("2999-12", status="cancelled", decided="2999-12-31"),
    _record("2999-Q4"), _record("2999"), _record("1900-W01"), _record("2999-W52"),
]
# Stamps the store keeps as text (an older frist's, another zone's) that a time zone
# moves out of the range, or that are out of Python's: exported all the same.
ODD_STAMPS = [
    _record("2999-12-31", status="met", decided="2999-12-31",
            created="2999-12-31T23:59:59-12:00", updated="2999-12-31T23:59:59-12:00"),
    _record("1900-01-01", created="1900-01-01T00:00:00+14:00", updated="x"),
    _record("1900-01-01", created="0001-01-01T00:00:00+05:00", status="met",
            history=[{"at": "9999-12-31T23:59:59-05:00", "event": "marked met", "note": "x"}]),
]


@pytest.mark.parametrize("fmt", list(FORMATS))
@pytest.mark.parametrize("tz", ["UTC", "Pacific/Kiritimati", "Etc/GMT+12"])
def test_every_format_exports_the_edge_days(fmt, tz, monkeypatch):
    import time
    monkeypatch.setenv("TZ", tz)
    time.tzset()
    try:
        for doc in EDGE_RECORDS + ODD_STAMPS:
            assert model.Commitment.problem(doc) is None, doc
        assert export(_numbered(EDGE_RECORDS + ODD_STAMPS), fmt, TODAY)
        if fmt in ("json", "ics", "taskwarrior"):  # the formats `frist import` reads
            left_out = []
            data = export(_numbered(EDGE_RECORDS), fmt, TODAY, left_out)
            # Taskwarrior cannot read a date before 1980: those are left out (and named)
            kept = [r for r in EDGE_RECORDS if fmt != "taskwarrior" or r["due"] > "1980"]
            assert left_out == [n for n, r in enumerate(EDGE_RECORDS, 1) if r not in kept]
            # read on the last day: a decision taken on it is no longer in the future
            model.set_today(model.LAST_DAY)
            parsed = parse_import(data.decode(), "edges", model.LAST_DAY)
            assert [(r.due, r.window_start, r.precision, r.status,
                     r.decided) for r in parsed.records] == [
                (r["due"], r["window_start"], r["precision"], r["status"], r.get("decided"))
                for r in kept]
    finally:
        monkeypatch.undo()
        time.tzset()


def test_an_older_store_holding_year_one_is_damage_not_a_traceback(db_path):
    """A schema 1 store (no checksums) with a due of 0001-01-01: every command refuses
    in one line naming the file and the item (was: a traceback from the Taskwarrior
    export)."""
    from tui.cli import cli
    good = _record("2026-01-05")
    bad = {**_record("2026-01-05"), "due": "0001-01-01", "window_start": "0001-01-01"}
    raw = json.dumps({"commitments": {"1": good, "2": bad},
                      "meta": {"1": {"schema": 1, "last_id": 2}}}).encode()
    db_path.write_bytes(raw)
    db_path.with_name(db_path.name + ".bak").write_bytes(raw)
    for command in (["export", "--format", "taskwarrior"], ["export", "--format", "ics"],
                    ["list"]):
        result = CliRunner().invoke(cli, command)
        assert result.exit_code == 1 and not isinstance(result.exception, (ValueError,
                                                                           OverflowError))
        assert result.stderr.count("\n") == 1
        assert "item 2" in result.stderr and "0001-01-01" in result.stderr


def test_the_store_refuses_to_write_a_day_outside_the_range(db_path):
    store = open_store(db_path)
    with pytest.raises(model.FristError, match="9999-12-31"):
        store.add(model.Commitment({**_record("2026-01-01"), "due": "9999-12-31"}))
    assert store.all() == []


@pytest.mark.parametrize("fmt", list(FORMATS))
def test_a_checksummed_store_of_an_earlier_frist_with_year_9999_is_named(db_path, fmt):
    """An earlier frist (its sync) stored a due of 9999-12-31 in a checksummed store,
    whose records are not checked on every read: an export names the item instead of
    ending in a traceback, and `frist check` finds it."""
    from tui.cli import cli
    store = open_store(db_path)
    store.add(model.Commitment(_record("2026-01-05")))
    data = store.storage.read()
    data["commitments"]["1"].update(due="9999-12-31", window_start="9999-12-31")
    with store.storage.locked():
        store.storage.rebuild(data, 5)   # written whole, as the earlier frist wrote it
    result = CliRunner().invoke(cli, ["export", "--format", fmt])
    assert result.exit_code == 1 and not isinstance(result.exception, (ValueError,
                                                                       OverflowError))
    assert result.stderr.count("\n") == 1 and "item 1" in result.stderr
    assert "9999-12-31" in result.stderr and "frist check" in result.stderr
    check = CliRunner().invoke(cli, ["check"])
    assert check.exit_code == 1 and "9999-12-31" in check.stdout

"""The track record: `frist stats` and store.stats, with today fixed at 2025-11-24."""
from __future__ import annotations

import datetime as dt
import json

import pytest

from store import model
from store.model import Event
from store.stats import Record, bar, bar_segments, track_record

ITEMS = [
    {"title": "A", "due": "2025-11-01", "actor": "Donald Trump", "status": "met", "tags": ["trade"]},
    {"title": "B", "due": "2025-10-01", "actor": "Donald Trump", "status": "missed"},
    {"title": "C", "due": "2025-11-10", "actor": "Donald Trump"},
    {"title": "D", "due": "2026-04", "actor": "Donald Trump"},
    {"title": "E", "due": "2025-09-01", "actor": "China", "status": "met", "tags": ["trade"]},
    {"title": "F", "due": "2025-09-02", "actor": "China", "status": "met"},
    {"title": "G", "due": "2025-12-01", "actor": "China", "status": "cancelled"},
    {"title": "H", "due": "2025-12-24"},
]


@pytest.fixture
def record_store(frist, tmp_path):
    path = tmp_path / "items.json"
    path.write_text(json.dumps(ITEMS))
    frist("import", str(path), check=True)
    frist("postpone", "4", "2026-06", check=True)  # Apr 2026 -> Jun 2026: +61 days
    frist("postpone", "4", "2026-07-15", check=True)  # Jun 2026 -> 15 Jul 2026: +15 days


def test_stats_json_per_actor(frist, record_store):
    result = frist("stats", "--json")
    assert result.returncode == 0, result.stderr
    rows = {r["actor"]: r for r in json.loads(result.stdout)}
    assert list(rows) == ["Donald Trump", "China", ""]
    trump = rows["Donald Trump"]
    assert {k: trump[k] for k in ("met", "missed", "cancelled", "open", "overdue", "met_share")} \
        == {"met": 1, "missed": 1, "cancelled": 0, "open": 2, "overdue": 1, "met_share": 0.5}
    assert (trump["postponed"], trump["postponed_items"], trump["postponed_days"]) == (2, 1, 76)
    china = rows["China"]
    assert (china["met"], china["cancelled"], china["met_share"], china["postponed"]) == (2, 1, 1.0, 0)
    assert rows[""]["open"] == 1 and rows[""]["met_share"] is None


def test_stats_follow_today(frist, record_store):
    later = {r["actor"]: r for r in json.loads(
        frist("--today", "2025-12-30", "stats", "--json", check=True).stdout)}
    assert later[""]["overdue"] == 1  # H, due 24 Dec, now past and undecided
    assert later["Donald Trump"]["overdue"] == 1


def test_stats_by_tag(frist, record_store):
    rows = json.loads(frist("stats", "--by", "tag", "--json", check=True).stdout)
    assert [r["tag"] for r in rows] == ["trade", ""]  # the untagged group comes last
    trade = next(r for r in rows if r["tag"] == "trade")
    assert (trade["met"], trade["missed"], trade["open"], trade["met_share"]) == (2, 0, 0, 1.0)
    assert "actor" not in trade


def test_stats_table_fits_80_columns_with_a_bar_per_actor(frist, record_store):
    result = frist("stats")
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    assert lines[0].split()[:8] == ["ACTOR", "MET", "MISSED", "CANC", "OPEN", "OVERDUE", "MET%",
                                    "POSTPONED"]
    assert all(len(line) <= 80 for line in lines)
    trump = next(line for line in lines if line.startswith("Donald Trump"))
    assert "50%" in trump and "2x +76d" in trump and trump.endswith("#x..")
    china = next(line for line in lines if line.startswith("China"))
    assert "100%" in china and china.endswith("##-")
    none = next(line for line in lines if line.startswith("(none)"))
    assert none.split()[6] == "-"  # no met share without a decision
    assert lines[-1].startswith("RECORD:") and "# met" in lines[-1]


def test_untrusted_actor_names_are_shown_literally(frist, tmp_path):
    path = tmp_path / "evil.json"
    path.write_text(json.dumps([{"title": "x", "due": "2026-01-01", "actor": "Evil\x1b[31mRed"}]))
    frist("import", str(path), check=True)
    out = frist("stats", check=True).stdout
    assert "\x1b" not in out and "Evil\\x1b[31mRed" in out


def test_stats_on_an_empty_store(frist):
    result = frist("stats")
    assert result.returncode == 0 and result.stdout == ""
    assert "no commitments yet" in result.stderr
    assert json.loads(frist("stats", "--json", check=True).stdout) == []


def test_stats_usage_and_store_errors(frist, db_path):
    assert frist("stats", "--by", "colour").returncode == 2
    db_path.write_text("{not json")
    result = frist("stats")
    assert result.returncode == 1
    assert result.stderr.startswith("error: the store") and "damaged" in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1


# ---------------------------------------------------------------- store.stats in-process

TODAY = dt.date(2025, 11, 24)


def item(due: str, status="open", actor="A", history=()):
    record = model.Commitment.new("t", model.Due.from_value(due), actor=actor, status=status)
    for e in history:
        record = record.with_event(Event("2025-11-01T00:00:00+00:00", e))
    return record


def postponed(before: str, after: str) -> Event:
    return Event("2025-11-01T00:00:00+00:00", "postponed", "", (("from", before), ("to", after)))


def test_postponements_count_days_and_unknowns():
    record = item("2026-03-31")
    for event in (postponed("2026-01-01", "2026-01-10"), postponed("2026-01-31", "2026-03-31"),
                  Event("2025-11-01T00:00:00+00:00", "postponed")):
        record = record.with_event(event)
    assert record.postponements() == [9, 59, 0]


def test_postponing_through_the_store_is_counted(tmp_path):
    from store.db import Store
    store = Store(tmp_path / "s.json")
    item_id = store.add(item("2026-01-01"))
    store.postpone(item_id, model.Due.from_value("2026-01-15"))
    store.postpone(item_id, model.Due.from_value("2026-02"))
    assert store.get(item_id).postponements() == [14, 44]


def test_track_record_groups_case_insensitively_and_counts_states():
    items = list(enumerate([item("2025-11-01", "met", "EU"), item("2025-11-02", "missed", "eu"),
                            item("2025-11-03", actor="EU"), item("2025-12-30", actor="EU"),
                            item("2025-11-05", "cancelled", "EU")], 1))
    (row,) = track_record(items, TODAY)
    assert (row.met, row.missed, row.cancelled, row.open, row.overdue) == (1, 1, 1, 2, 1)
    assert row.met_share == 0.5 and row.total == 5


def test_track_record_rejects_an_unknown_grouping():
    with pytest.raises(ValueError):
        track_record([], TODAY, by="status")


def test_bars_are_one_cell_per_item_until_they_must_scale():
    row = Record("actor", "X", met=3, missed=2, open=1)
    assert bar(row, 12, largest=6) == "###xx."
    assert bar(row, 12, largest=60) == "#x."  # scaled down, but every kind stays visible
    big = Record("actor", "Y", met=50, missed=30, cancelled=1, open=19)
    segments = dict(bar_segments(big, 12, largest=100))
    assert sum(segments.values()) == 12
    assert segments["met"] > segments["missed"] > segments["cancelled"] >= 1


def test_a_short_name_of_one_actor_counts_under_the_full_name():
    items = [(n, item("2025-10-01", s, a)) for n, (t, s, a) in enumerate([
                 ("a", "met", "Norvane Semiconductors"), ("b", "missed", "Norvane"),
                 ("c", "met", "European Commission"), ("d", "met", "Commission"),
                 ("e", "met", "Federal Trade Commission"), ("f", "open", "Trade")], 1)]
    rows = {r.name: (r.met, r.missed, r.open) for r in track_record(items, dt.date(2025, 11, 24))}
    assert rows["Norvane Semiconductors"] == (1, 1, 0) and "Norvane" not in rows
    # "Commission" could be either commission: it stays apart
    assert rows["Commission"] == (1, 0, 0) and rows["European Commission"] == (1, 0, 0)
    assert rows["Federal Trade Commission"] == (1, 0, 0) and rows["Trade"] == (0, 0, 1)


def test_a_name_nested_in_longer_names_of_one_actor_counts_under_the_fullest():
    # "Merkel" stood apart from "Angela Merkel" and "Bundeskanzlerin Angela Merkel":
    # two longer names, but one person
    items = [(n, item("2025-10-01", s, a)) for n, (t, s, a) in enumerate([
                 ("a", "met", "Bundeskanzlerin Angela Merkel"), ("b", "missed", "Angela Merkel"),
                 ("c", "met", "Merkel"), ("d", "open", "merkel")], 1)]
    rows = {r.name: (r.met, r.missed, r.open) for r in track_record(items, dt.date(2025, 11, 24))}
    assert rows == {"Bundeskanzlerin Angela Merkel": (2, 1, 1)}


def test_a_tag_written_two_ways_counts_once(frist):
    """'Work' and 'work' on one item are one tag: the track record counts the item once
    under it, and `frist list --tag` finds it whichever way the tag is written."""
    frist("add", "Quarterly report", "--due", "2025-12-01", "--tag", "Work", "--tag", "work",
          check=True)
    frist("add", "Board minutes", "--due", "2025-12-02", "--tag", "work", check=True)
    rows = json.loads(frist("stats", "--by", "tag", "--json", check=True).stdout)
    assert [(r["tag"].casefold(), r["open"]) for r in rows] == [("work", 2)]
    for spelling in ("work", "WORK", "Work"):
        listed = json.loads(frist("list", "--tag", spelling, "--json", check=True).stdout)
        assert sorted(c["title"] for c in listed) == ["Board minutes", "Quarterly report"]

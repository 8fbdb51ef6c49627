"""Export and import through the installed `frist` command, with a fixed today (2025-11-24)."""
from __future__ import annotations

import csv
import datetime as dt
import io
import json
import os
import re
import shutil
import subprocess
import uuid

import pytest
from conftest import frist_exe
from icalendar import Calendar

RICH = [
    {"title": "Rare-earth deal with China", "due": "2025-11-27", "actor": "United States",
     "tags": ["trade", "china"], "due_text": "by 27 November",
     "sources": [{"sentence": "The US expects a rare-earth deal with China by 27 November.",
                  "document": "https://example.org/a", "published": "2025-11-24", "lang": "en"}]},
    {"title": "Trump to visit Beijing", "due": "2026-04", "actor": "Donald Trump",
     "due_text": "im April 2026",
     "sources": [{"sentence": "Trump will im April 2026 Peking besuchen.",
                  "document": "seed.txt", "published": "2025-11-24", "lang": "de"}]},
    {"title": "Export licences required", "due": "2025-11-01", "status": "missed",
     "actor": "China"},
    {"title": "Summit | with pipes *and* <b>markup</b>", "due": "2026-Q1"},
]


def write(tmp_path, name, content):
    path = tmp_path / name
    path.write_text(content if isinstance(content, str) else json.dumps(content),
                    encoding="utf-8")
    return str(path)


def listed(frist, *args):
    return json.loads(frist("list", "--status", "all", "--json", *args, check=True).stdout)


@pytest.fixture
def rich_store(frist, tmp_path):
    """A store with sources, windows, decisions and a postponement in its history."""
    frist("import", write(tmp_path, "rich.json", RICH), check=True)
    frist("mark", "1", "met", "--note", "signed on time", check=True)
    frist("postpone", "4", "2026-06-30", "--note", "delayed", check=True)
    return listed(frist)


# ---------------------------------------------------------------- frist JSON

def test_json_export_imports_back_unchanged_apart_from_ids(frist, rich_store, tmp_path):
    exported = frist("export", check=True).stdout
    path = write(tmp_path, "out.json", exported)
    other = str(tmp_path / "other.json")
    frist("--db", other, "add", "Something already there", "--due", "2026-01-01", check=True)
    result = frist("--db", other, "import", path)
    assert result.returncode == 0, result.stderr
    assert "imported 4" in result.stderr
    again = json.loads(frist("--db", other, "export", check=True).stdout)[1:]
    before = json.loads(exported)
    assert [i["id"] for i in again] == [2, 3, 4, 5]
    for old, new in zip(before, again):
        assert {k: v for k, v in old.items() if k != "id"} == \
               {k: v for k, v in new.items() if k != "id"}


def test_json_import_needs_only_title_and_due(frist, tmp_path):
    path = write(tmp_path, "min.json", [{"title": "A", "due": "2026-01-15"},
                                        {"title": "B", "due": "2026-04"},
                                        {"title": "C", "due": "2026-03-31", "precision": "quarter"},
                                        {"title": "D", "due": "2026-05-10", "precision": "month"}])
    result = frist("import", path)
    assert result.returncode == 0, result.stderr
    items = listed(frist)
    got = {i["title"]: (i["due"], i["precision"], i["window_start"], i["status"]) for i in items}
    assert got == {"A": ("2026-01-15", "day", "2026-01-15", "open"),
                   "B": ("2026-04-30", "month", "2026-04-01", "open"),
                   "C": ("2026-03-31", "quarter", "2026-01-01", "open"),
                   "D": ("2026-05-31", "month", "2026-05-01", "open")}
    assert sorted(i["id"] for i in items) == [1, 2, 3, 4]
    assert all(i["actor"] == "" and i["tags"] == [] and i["sources"] == [] for i in items)


def test_a_decision_imported_without_its_day_gets_one(frist, tmp_path):
    """`decided` is null only while an item is open (docs/json.md): a decision brought
    without its day takes the day the other tool last changed it, else the import's."""
    ics = ("BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//t//t//EN\r\nBEGIN:VTODO\r\n"
           "UID:done-1@example.org\r\nSUMMARY:Done elsewhere\r\nDUE;VALUE=DATE:20251101\r\n"
           "STATUS:COMPLETED\r\nEND:VTODO\r\nEND:VCALENDAR\r\n")
    frist("import", write(tmp_path, "d.json", [
        {"title": "Met", "due": "2025-12-01", "status": "met"},
        {"title": "Missed", "due": "2025-10-01", "status": "missed",
         "updated": "2025-10-05T09:00:00+00:00"}]), check=True)
    frist("import", write(tmp_path, "d.ics", ics), check=True)
    got = {i["title"]: (i["status"], i["decided"]) for i in listed(frist)}
    assert got == {"Met": ("met", "2025-11-24"), "Missed": ("missed", "2025-10-05"),
                   "Done elsewhere": ("met", "2025-11-24")}


def test_a_completed_todo_or_task_is_decided_on_the_day_it_was_completed(frist, tmp_path):
    """An iCalendar COMPLETED and a Taskwarrior `end` say the day of the decision; the
    import took the day the entry was created or last modified instead."""
    ics = ("BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//t//t//EN\r\n"
           "BEGIN:VTODO\r\nUID:done-2@example.org\r\nSUMMARY:Report filed\r\n"
           "CREATED:20251001T090000Z\r\nLAST-MODIFIED:20251110T090000Z\r\n"
           "DUE;VALUE=DATE:20251101\r\nSTATUS:COMPLETED\r\nCOMPLETED:20251102T120000Z\r\n"
           "END:VTODO\r\n"
           "BEGIN:VTODO\r\nUID:done-3@example.org\r\nSUMMARY:Done, no status\r\n"
           "CREATED:20251001T090000Z\r\nDUE;VALUE=DATE:20251101\r\n"
           "COMPLETED:20251103T120000Z\r\nEND:VTODO\r\n"
           "BEGIN:VTODO\r\nUID:done-4@example.org\r\nSUMMARY:Done after frist's today\r\n"
           "CREATED:20251001T090000Z\r\nDUE;VALUE=DATE:20251101\r\nSTATUS:COMPLETED\r\n"
           "COMPLETED:20261102T120000Z\r\nEND:VTODO\r\nEND:VCALENDAR\r\n")
    tasks = [{"description": "Shipped", "status": "completed", "due": "20251101T000000Z",
              "entry": "20251001T000000Z", "modified": "20251120T000000Z",
              "end": "20251102T000000Z"},
             {"description": "Dropped", "status": "deleted", "due": "20251101T000000Z",
              "entry": "20251001T000000Z", "end": "20251104T000000Z"}]
    frist("import", write(tmp_path, "done.ics", ics), env={"TZ": "UTC"}, check=True)
    frist("import", write(tmp_path, "done.json", tasks), env={"TZ": "UTC"}, check=True)
    got = {i["title"]: (i["status"], i["decided"]) for i in listed(frist)}
    assert got == {"Report filed": ("met", "2025-11-02"), "Done, no status": ("met", "2025-11-03"),
                   "Done after frist's today": ("met", "2025-11-24"),  # never after today
                   "Shipped": ("met", "2025-11-02"), "Dropped": ("cancelled", "2025-11-04")}


def test_ids_in_an_imported_file_are_ignored(frist, tmp_path):
    frist("add", "First", "--due", "2026-01-01", check=True)
    frist("import", write(tmp_path, "ids.json", [{"id": 1, "title": "Other", "due": "2026-02-02"}]),
          check=True)
    assert [(i["id"], i["title"]) for i in listed(frist)] == [(1, "First"), (2, "Other")]


@pytest.mark.parametrize("entries, message", [
    ([{"title": "ok", "due": "2026-01-01"}, {"title": "x", "due": "2026-01-02"},
      {"title": "bad", "due": "soon"}], "entry 3: 'due' is not a date: 'soon'"),
    ([{"title": "ok", "due": "2026-01-01"}, {"due": "2026-01-01"}], "entry 2: 'title' is missing"),
    ([{"title": "  ", "due": "2026-01-01"}], "entry 1: 'title' is missing or empty"),
    ([{"title": "no due"}], "entry 1: 'due' is missing"),
    ([{"title": "x", "due": 20260101}], "entry 1: 'due' is not a date: 20260101"),
    ([{"title": "x", "due": "2026-02-30"}], "entry 1: 'due' is not a date: '2026-02-30'"),
    ([{"title": "x", "due": "2026-01-01", "status": "done"}], "entry 1: 'status' must be one of"),
    ([{"title": "x", "due": "2026-01-01", "precision": "fortnight"}],
     "entry 1: 'precision' must be one of"),
    ([{"title": "x", "due": "2026-01-01", "tags": "trade"}], "entry 1: 'tags' must be a list"),
    ([{"title": "x", "due": "2026-01-01", "actor": ["a"]}], "entry 1: 'actor' must be a string"),
    ([{"title": "x", "due": "2026-01-01", "sources": "a sentence"}],
     "entry 1: 'sources' must be a list of objects"),
    ([{"title": "x", "due": "2026-01-31", "precision": "month", "window_start": "2026-02-01"}],
     "entry 1: 'window_start' 2026-02-01 is after the due date"),
    ([{"title": "x", "due": "2026-01-01"}, "just text"], "entry 2: not an object"),
    ([{"title": "x", "due": "2026-01-01", "created": "yesterday"}],
     "entry 1: 'created' is not a date and time: 'yesterday'"),
    ([{"title": "x", "due": "2026-01-01", "history": [{"at": "then", "event": "created"}]}],
     "entry 1: 'history' is not a date and time: 'then'"),
])
def test_a_bad_entry_names_its_position_and_nothing_is_imported(frist, tmp_path, entries, message):
    frist("add", "Kept", "--due", "2026-01-01", check=True)
    result = frist("import", write(tmp_path, "bad.json", entries))
    assert result.returncode == 1
    assert result.stderr.startswith(f"error: {message}")
    assert len(result.stderr.strip().splitlines()) == 1
    assert "Traceback" not in result.stderr
    assert [i["title"] for i in listed(frist)] == ["Kept"]


def test_import_is_one_undo_step(frist, tmp_path):
    frist("add", "Before", "--due", "2026-01-01", check=True)
    frist("import", write(tmp_path, "three.json", [{"title": t, "due": "2026-02-01"}
                                                  for t in "ABC"]), check=True)
    assert len(listed(frist)) == 4
    frist("undo", check=True)
    assert [i["title"] for i in listed(frist)] == ["Before"]


def test_importing_the_same_export_twice_adds_nothing_the_second_time(frist, rich_store, tmp_path):
    path = write(tmp_path, "out.json", frist("export", check=True).stdout)
    result = frist("import", path)
    assert result.returncode == 0
    assert "imported 0" in result.stderr and "4 already in the store" in result.stderr
    assert len(listed(frist)) == 4


@pytest.mark.parametrize("content, message", [
    ("hello, this is a letter\n", "is not frist JSON, Taskwarrior JSON or an iCalendar file"),
    ("[{\"title\": \"x\", \"due\": ", "is not valid JSON"),
    ("{\"title\": \"x\", \"due\": \"2026-01-01\"}", "must be a list of commitments"),
    ("", "is empty"),
    ("BEGIN:VCALENDAR\nBEGIN:VEVENT\nSUMMARY:half", "is not a complete iCalendar file"),
])
def test_a_file_that_is_no_known_format_is_refused(frist, tmp_path, content, message):
    result = frist("import", write(tmp_path, "thing.txt", content))
    assert result.returncode == 1
    assert result.stderr.startswith("error: ") and message in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1


def test_missing_binary_and_folder_inputs_are_one_line_errors(frist, tmp_path):
    (tmp_path / "bin.dat").write_bytes(b"\x00\x01\x02binary")
    for target, message in ((str(tmp_path / "nope.json"), "does not exist"),
                            (str(tmp_path / "bin.dat"), "binary"),
                            (str(tmp_path), "is a folder")):
        result = frist("import", target)
        assert result.returncode == 1, target
        assert result.stderr.startswith("error: ") and message in result.stderr
        assert len(result.stderr.strip().splitlines()) == 1


def test_import_without_a_file_is_a_usage_error(frist):
    assert frist("import").returncode == 2


def test_import_reads_standard_input(frist):
    result = frist("import", "-", input=json.dumps([{"title": "From a pipe", "due": "2026-03"}]))
    assert result.returncode == 0, result.stderr
    assert listed(frist)[0]["title"] == "From a pipe"


# ---------------------------------------------------------------- other exports

def test_export_to_a_file_and_unknown_format(frist, rich_store, tmp_path):
    out = tmp_path / "export.json"
    result = frist("export", "-o", str(out))
    assert result.returncode == 0 and result.stdout == ""
    assert len(json.loads(out.read_text())) == 4
    assert frist("export", "--format", "xml").returncode == 2
    bad = frist("export", "-o", str(tmp_path / "no" / "such" / "dir.json"))
    assert bad.returncode == 1 and bad.stderr.startswith("error: ")


def test_every_format_of_the_registry_is_a_choice_of_export(frist, rich_store):
    from store.exchange import FORMATS
    shown = " ".join(frist("export", "--help", check=True).stdout.split())
    for name, fmt in FORMATS.items():
        result = frist("export", "--format", name)
        assert result.returncode == 0 and result.stdout, (name, result.stderr)
        assert f"{name} ({' '.join(fmt.help.split())})" in shown


def test_csv_export_has_one_row_per_commitment_and_defuses_formulas(frist, tmp_path):
    entries = [{"title": "=HYPERLINK(\"http://evil\")", "due": "2026-01-01", "actor": "@x"},
               {"title": "Plain, with comma", "due": "2026-04", "tags": ["a", "b"]}]
    frist("import", write(tmp_path, "c.json", entries), check=True)
    rows = list(csv.DictReader(io.StringIO(frist("export", "--format", "csv", check=True).stdout)))
    assert [r["id"] for r in rows] == ["1", "2"]
    assert rows[0]["title"] == "'=HYPERLINK(\"http://evil\")" and rows[0]["actor"] == "'@x"
    assert rows[1]["title"] == "Plain, with comma"
    assert (rows[1]["due"], rows[1]["precision"], rows[1]["window_start"]) == \
           ("2026-04-30", "month", "2026-04-01")
    assert rows[1]["tags"] == "a; b" and rows[1]["days_left"] == "157"


def test_markdown_export_is_a_table_with_untrusted_text_escaped(frist, rich_store):
    md = frist("export", "--format", "md", check=True).stdout
    assert md.startswith("# frist commitments")
    assert "| ID | Due | When | Title | Actor | Status |" in md
    assert "| 2 | Apr 2026 | in 157 d | Trump to visit Beijing | Donald Trump | open |" in md
    row = next(line for line in md.splitlines() if "Summit" in line)
    assert r"Summit \| with pipes \*and\* \<b\>markup\</b\>" in row
    assert row.count(" | ") == 5  # the escaped pipe does not add a column
    assert "“The US expects a rare-earth deal with China by 27 November.”" in md


def test_ics_export_puts_each_commitment_on_its_due_date(frist, rich_store):
    raw = frist("export", "--format", "ics", check=True).stdout
    cal = Calendar.from_ical(raw)
    events = {str(e["SUMMARY"]): e for e in cal.walk("VEVENT")}
    assert len(events) == 4
    by_title = {i["title"]: i for i in rich_store}
    for title, ev in events.items():
        item = by_title[title]
        start, end = ev.decoded("DTSTART"), ev.decoded("DTEND")
        assert type(start) is dt.date  # all-day
        assert start.isoformat() == item["due"] and end == start + dt.timedelta(days=1)
        assert str(ev["UID"]) == item["uid"]
        assert f"Status: {item['status']}" in str(ev["DESCRIPTION"])
    visit = str(events["Trump to visit Beijing"]["DESCRIPTION"])
    assert "window 2026-04-01 to 2026-04-30" in visit
    assert "Trump will im April 2026 Peking besuchen." in visit


def test_ics_export_imports_back_unchanged_apart_from_ids(frist, rich_store, tmp_path):
    """Sources, notes, history and decisions come back: frist reads its own X-FRIST-RECORD."""
    path = write(tmp_path, "all.ics", frist("export", "--format", "ics", check=True).stdout)
    other = str(tmp_path / "other.json")
    result = frist("--db", other, "import", path)
    assert result.returncode == 0, result.stderr
    back = json.loads(frist("--db", other, "list", "--status", "all", "--json", check=True).stdout)
    strip = lambda items: sorted(({k: v for k, v in i.items() if k != "id"} for i in items),
                                 key=lambda i: i["uid"])
    assert strip(back) == strip(rich_store)
    met = next(i for i in back if i["status"] == "met")
    assert met["decided"] == "2025-11-24" and met["sources"] and \
        [h["note"] for h in met["history"]][-1] == "signed on time"


def test_an_ics_edit_in_a_calendar_app_wins_over_the_record(frist, rich_store, tmp_path):
    raw = frist("export", "--format", "ics", check=True).stdout
    moved = raw.replace("SUMMARY:Trump to visit Beijing", "SUMMARY:Trump visits Beijing") \
               .replace("DTSTART;VALUE=DATE:20260430", "DTSTART;VALUE=DATE:20260515") \
               .replace("DTEND;VALUE=DATE:20260501", "DTEND;VALUE=DATE:20260516")
    # and one event moved to a time of day, which icalendar reads for frist
    moved = moved.replace("DTSTART;VALUE=DATE:20251127", "DTSTART:20251203T090000Z") \
                 .replace("DTEND;VALUE=DATE:20251128", "DTEND:20251203T100000Z")
    other = str(tmp_path / "other.json")
    frist("--db", other, "import", write(tmp_path, "moved.ics", moved), env={"TZ": "UTC"},
          check=True)
    back = {i["uid"]: i for i in json.loads(frist("--db", other, "list", "--status", "all",
                                                  "--json", check=True).stdout)}
    before = {i["uid"]: i for i in rich_store}
    visit = next(u for u, i in before.items() if i["title"] == "Trump to visit Beijing")
    assert (back[visit]["title"], back[visit]["due"], back[visit]["precision"]) == \
        ("Trump visits Beijing", "2026-05-15", "day")
    assert back[visit]["sources"] == before[visit]["sources"]
    deal = next(u for u, i in before.items() if i["title"] == "Rare-earth deal with China")
    assert back[deal]["due"] == "2025-12-03"
    assert back[deal]["history"] == before[deal]["history"]   # the rest is the record's


def test_ics_lines_are_folded_at_75_octets_between_characters(frist, tmp_path):
    long = "Die Bürgermeisterin sagte, die Brücke über die Förde werde bis Ende März " * 4
    frist("import", write(tmp_path, "l.json", [{"title": long.strip(), "due": "2026-03"}]),
          check=True)
    raw = subprocess.run(frist_exe() + ["export", "--format", "ics"], capture_output=True,
                         check=True).stdout
    assert raw.endswith(b"\r\n") and b"\n" not in raw.replace(b"\r\n", b"")
    lines = raw.split(b"\r\n")[:-1]
    assert max(len(line) for line in lines) <= 75
    for line in lines:
        line.decode("utf-8")   # no character cut in two
    event = Calendar.from_ical(raw).walk("VEVENT")[0]
    assert str(event["SUMMARY"]) == " ".join(long.split())


def test_an_older_frist_calendar_reads_its_words_unescaped(frist, tmp_path):
    text = ("BEGIN:VCALENDAR\nVERSION:2.0\nBEGIN:VEVENT\nUID:old-1\nSUMMARY:Report\n"
            "DTSTART;VALUE=DATE:20260101\nDTEND;VALUE=DATE:20260102\nX-FRIST-STATUS:open\n"
            "X-FRIST-PRECISION:day\nX-FRIST-ACTOR:Smith\\, Jones\\; partners\n"
            "X-FRIST-DUE-TEXT:by 1 January\\, at the latest\nEND:VEVENT\nEND:VCALENDAR\n")
    frist("import", write(tmp_path, "old.ics", text), check=True)
    [item] = listed(frist)
    assert item["actor"] == "Smith, Jones; partners"
    assert item["due_text"] == "by 1 January, at the latest"


def test_a_broken_record_in_an_ics_is_an_entry_error(frist, rich_store, tmp_path):
    raw = frist("export", "--format", "ics", check=True).stdout
    broken = re.sub(r"X-FRIST-RECORD:\{", "X-FRIST-RECORD:[", raw, count=1)
    result = frist("--db", str(tmp_path / "o.json"), "import", write(tmp_path, "b.ics", broken))
    assert result.returncode == 1 and result.stderr == \
        "error: entry 1: X-FRIST-RECORD is not valid JSON\n"


# ---------------------------------------------------------------- ICS import

CALENDAR = """BEGIN:VCALENDAR
VERSION:2.0
PRODID:-//someone//calendar//EN
BEGIN:VTODO
UID:todo-1@example.com
SUMMARY:File the report
DUE;VALUE=DATE:20251205
STATUS:NEEDS-ACTION
CATEGORIES:work,reports
END:VTODO
BEGIN:VEVENT
UID:ev-1@example.com
SUMMARY:Summit starts
DTSTART:20251210T230000Z
DTEND:20251211T010000Z
DESCRIPTION:Heads of state meet.
END:VEVENT
BEGIN:VEVENT
UID:ev-2@example.com
SUMMARY:Sometime in April
DTSTART;VALUE=DATE:20260401
DTEND;VALUE=DATE:20260501
END:VEVENT
BEGIN:VEVENT
UID:ev-3@example.com
SUMMARY:Called-off conference
DTSTART;VALUE=DATE:20260310
DTEND;VALUE=DATE:20260313
STATUS:CANCELLED
END:VEVENT
BEGIN:VTODO
UID:todo-2@example.com
SUMMARY:Done thing
DUE:20251120T170000Z
STATUS:COMPLETED
END:VTODO
END:VCALENDAR
"""


def test_ics_import_reads_todos_and_dated_events(frist, tmp_path):
    result = frist("import", write(tmp_path, "cal.ics", CALENDAR), env={"TZ": "UTC"})
    assert result.returncode == 0, result.stderr
    assert "imported 5" in result.stderr
    got = {i["title"]: i for i in listed(frist)}
    assert {t: (i["due"], i["precision"], i["window_start"], i["status"])
            for t, i in got.items()} == {
        "File the report": ("2025-12-05", "day", "2025-12-05", "open"),
        "Summit starts": ("2025-12-11", "day", "2025-12-10", "open"),
        "Sometime in April": ("2026-04-30", "month", "2026-04-01", "open"),
        "Called-off conference": ("2026-03-12", "day", "2026-03-10", "cancelled"),
        "Done thing": ("2025-11-20", "day", "2025-11-20", "met")}
    assert got["File the report"]["tags"] == ["reports", "work"]
    assert got["Summit starts"]["uid"] == "ev-1@example.com"
    assert "Heads of state meet." in got["Summit starts"]["history"][0]["note"]


@pytest.mark.parametrize("entry, message", [
    ("BEGIN:VEVENT\nUID:e\nSUMMARY:Floating\nEND:VEVENT", "entry 2: VEVENT 'Floating' has no DTSTART"),
    ("BEGIN:VEVENT\nUID:e\nSUMMARY:X\nDTSTART:garbage\nEND:VEVENT",
     "entry 2: VEVENT DTSTART is not a date: 'garbage'"),
    ("BEGIN:VEVENT\nUID:e\nDTSTART;VALUE=DATE:20260101\nEND:VEVENT", "entry 2: VEVENT has no SUMMARY"),
])
def test_a_bad_calendar_entry_stops_the_whole_import(frist, tmp_path, entry, message):
    good = "BEGIN:VEVENT\nUID:g\nSUMMARY:Good\nDTSTART;VALUE=DATE:20260101\nEND:VEVENT"
    text = f"BEGIN:VCALENDAR\nVERSION:2.0\n{good}\n{entry}\nEND:VCALENDAR\n"
    result = frist("import", write(tmp_path, "bad.ics", text))
    assert result.returncode == 1
    assert result.stderr.strip() == f"error: {message}" or \
        result.stderr.startswith(f"error: {message}")
    assert len(result.stderr.strip().splitlines()) == 1
    assert listed(frist) == []


def test_an_undated_todo_is_skipped_and_said(frist, tmp_path):
    text = ("BEGIN:VCALENDAR\nVERSION:2.0\n"
            "BEGIN:VEVENT\nUID:g\nSUMMARY:Good\nDTSTART;VALUE=DATE:20260101\nEND:VEVENT\n"
            "BEGIN:VTODO\nUID:t\nSUMMARY:Undated\nEND:VTODO\nEND:VCALENDAR\n")
    result = frist("import", write(tmp_path, "todo.ics", text))
    assert result.returncode == 0, result.stderr
    assert "skipped entry 2: VTODO 'Undated' has no due date" in result.stderr
    assert [i["title"] for i in listed(frist)] == ["Good"]


# ---------------------------------------------------------------- Taskwarrior

TW_DATE = re.compile(r"\d{8}T\d{6}Z")


def test_taskwarrior_export_has_taskwarrior_fields(frist, rich_store):
    tasks = json.loads(frist("export", "--format", "taskwarrior", env={"TZ": "UTC"},
                             check=True).stdout)
    by_title = {t["description"]: t for t in tasks}
    assert len(tasks) == 4
    for item in rich_store:
        task = by_title[item["title"]]
        assert uuid.UUID(task["uuid"]).hex == item["uid"]
        assert TW_DATE.fullmatch(task["due"]) and TW_DATE.fullmatch(task["entry"])
        assert task["due"] == item["due"].replace("-", "") + "T000000Z"
    assert by_title["Rare-earth deal with China"]["status"] == "completed"
    assert TW_DATE.fullmatch(by_title["Rare-earth deal with China"]["end"])
    assert by_title["Export licences required"]["status"] == "deleted"
    assert by_title["Trump to visit Beijing"]["status"] == "pending"
    assert sorted(by_title["Rare-earth deal with China"]["tags"]) == ["china", "trade"]
    notes = [a["description"] for a in by_title["Rare-earth deal with China"]["annotations"]]
    assert any("The US expects a rare-earth deal with China by 27 November." in n for n in notes)
    assert any("signed on time" in n for n in notes)
    assert by_title["Trump to visit Beijing"]["fristprecision"] == "month"


def test_taskwarrior_export_imports_back_unchanged(frist, rich_store, tmp_path):
    path = write(tmp_path, "tw.json", frist("export", "--format", "taskwarrior", check=True).stdout)
    other = str(tmp_path / "other.json")
    result = frist("--db", other, "import", path)
    assert result.returncode == 0, result.stderr
    assert "from Taskwarrior JSON" in result.stderr
    back = json.loads(frist("--db", other, "list", "--status", "all", "--json", check=True).stdout)
    strip = lambda items: sorted(({k: v for k, v in i.items() if k != "id"} for i in items),
                                 key=lambda i: i["uid"])
    assert strip(back) == strip(rich_store)


@pytest.mark.skipif(shutil.which("task") is None and not os.environ.get("CI"),  # CI installs it
                    reason="Taskwarrior is not installed")
def test_task_import_accepts_the_export(frist, rich_store, tmp_path):
    exported = frist("export", "--format", "taskwarrior", env={"TZ": "UTC"}, check=True).stdout
    path = write(tmp_path, "tw.json", exported)
    data = tmp_path / "taskdata"
    data.mkdir()
    rc = tmp_path / "taskrc"
    rc.write_text(f"data.location={data}\n")
    env = dict(os.environ, TASKRC=str(rc), TASKDATA=str(data), TZ="UTC")
    run = lambda *a: subprocess.run(["task", "rc.confirmation=off", "rc.hooks=off", *a],
                                    capture_output=True, text=True, env=env, timeout=60)
    imported = run("import", path)
    assert imported.returncode == 0, imported.stderr
    tasks = {t["description"]: t for t in json.loads(run("export").stdout)}
    assert len(tasks) == 4
    assert tasks["Trump to visit Beijing"]["due"] == "20260430T000000Z"
    assert tasks["Rare-earth deal with China"]["status"] == "completed"


def run_task(tmp_path):
    """The real `task` on a fresh data folder, in UTC."""
    data = tmp_path / "taskdata"
    data.mkdir()
    rc = tmp_path / "taskrc"
    rc.write_text(f"data.location={data}\n")
    env = dict(os.environ, TASKRC=str(rc), TASKDATA=str(data), TZ="UTC")
    return lambda *a: subprocess.run(["task", "rc.confirmation=off", "rc.hooks=off", *a],
                                     capture_output=True, text=True, env=env, timeout=60)


@pytest.mark.skipif(shutil.which("task") is None and not os.environ.get("CI"),  # CI installs it
                    reason="Taskwarrior is not installed")
def test_task_import_takes_the_export_when_some_dues_are_before_1980(frist, tmp_path):
    # `task import` (2.6) fails or crashes on any date before 1980-01-01T00:00:00Z
    for title, due in (("Old", "1900-01-01"), ("Eve", "1969-12-31"), ("Late 70s", "1979-12-31"),
                       ("First day", "1980-01-01"), ("Next", "2027-05-05")):
        frist("add", title, "--due", due, env={"TZ": "UTC"}, check=True)
    out = tmp_path / "tw.json"
    result = frist("export", "--format", "taskwarrior", "-o", str(out), env={"TZ": "UTC"})
    assert result.returncode == 0, result.stderr
    assert result.stderr.splitlines() == [
        "note: left out 3 commitments (ids 1, 2, 3): "
        "Taskwarrior cannot read dates before 1 Jan 1980 (UTC)",
        f"exported 2 commitments to {out}"]
    task = run_task(tmp_path)
    imported = task("import", str(out))
    assert imported.returncode == 0, imported.stderr
    assert sorted(t["description"] for t in json.loads(task("export").stdout)) == [
        "First day", "Next"]


def test_an_export_taskwarrior_cannot_read_at_all_is_an_error(frist, tmp_path):
    frist("add", "Old", "--due", "1900-01-01", check=True)
    result = frist("export", "--format", "taskwarrior", "-o", str(tmp_path / "tw.json"))
    assert result.returncode == 1
    assert result.stderr == ("error: nothing exported: Taskwarrior cannot read dates before "
                             "1 Jan 1980 (UTC), and every commitment has one\n")
    assert not (tmp_path / "tw.json").exists()
    assert json.loads(frist("export", "--format", "json", check=True).stdout)[0]["title"] == "Old"


TASK_EXPORT = [
    {"id": 1, "description": "Pay the invoice", "due": "20251201T230000Z",
     "entry": "20251101T090000Z", "modified": "20251102T090000Z", "status": "pending",
     "uuid": "6f1e2a4c-1c8b-4a8e-9f0a-2b3c4d5e6f70", "tags": ["money"], "project": "home",
     "annotations": [{"entry": "20251102T090000Z", "description": "asked twice"}], "urgency": 8.9},
    {"id": 0, "description": "Old task", "due": "20251001T220000Z", "end": "20251002T100000Z",
     "entry": "20250901T090000Z", "status": "completed",
     "uuid": "7f1e2a4c-1c8b-4a8e-9f0a-2b3c4d5e6f70"},
    {"id": 0, "description": "Dropped", "due": "20251005T220000Z", "status": "deleted",
     "uuid": "8f1e2a4c-1c8b-4a8e-9f0a-2b3c4d5e6f70"},
    {"id": 2, "description": "Later", "due": "20260110T230000Z", "wait": "20260101T000000Z",
     "status": "waiting", "uuid": "9f1e2a4c-1c8b-4a8e-9f0a-2b3c4d5e6f70"},
]


def test_taskwarrior_task_export_imports(frist, tmp_path):
    result = frist("import", write(tmp_path, "task.json", TASK_EXPORT), env={"TZ": "UTC"})
    assert result.returncode == 0, result.stderr
    got = {i["title"]: i for i in listed(frist)}
    assert {t: (i["due"], i["status"]) for t, i in got.items()} == {
        "Pay the invoice": ("2025-12-01", "open"), "Old task": ("2025-10-01", "met"),
        "Dropped": ("2025-10-05", "cancelled"), "Later": ("2026-01-10", "open")}
    pay = got["Pay the invoice"]
    assert pay["tags"] == ["home", "money"]
    assert pay["uid"] == "6f1e2a4c1c8b4a8e9f0a2b3c4d5e6f70"
    assert any(h["note"] == "asked twice" for h in pay["history"])


def test_taskwarrior_dates_are_read_in_local_time(frist, tmp_path):
    task = [{"description": "Berlin midnight", "due": "20251130T230000Z", "status": "pending"}]
    frist("import", write(tmp_path, "t.json", task), env={"TZ": "Europe/Berlin"}, check=True)
    assert listed(frist)[0]["due"] == "2025-12-01"


def test_old_style_task_export_one_object_per_line(frist, tmp_path):
    lines = "\n".join(json.dumps(t) for t in TASK_EXPORT[:2])
    result = frist("import", write(tmp_path, "task.json", lines), env={"TZ": "UTC"})
    assert result.returncode == 0, result.stderr
    assert len(listed(frist)) == 2


@pytest.mark.parametrize("bad, message", [
    ({"description": "Bad due", "due": "tomorrow", "status": "pending"},
     "entry 3: 'due' is not a Taskwarrior date: 'tomorrow'"),
    ({"description": "Odd", "due": "20251201T000000Z", "status": "sleeping"},
     "entry 3: unknown Taskwarrior status 'sleeping'"),
])
def test_a_bad_task_stops_the_whole_import(frist, tmp_path, bad, message):
    result = frist("import", write(tmp_path, "task.json", TASK_EXPORT[:2] + [bad]))
    assert result.returncode == 1
    assert result.stderr.startswith(f"error: {message}")
    assert len(result.stderr.strip().splitlines()) == 1
    assert listed(frist) == []


def test_tasks_without_a_due_date_are_passed_over_with_a_note(frist, tmp_path):
    undated = {"description": "Someday", "status": "pending",
               "uuid": "0b1e2a4c-1c8b-4a8e-9f0a-2b3c4d5e6f71"}
    result = frist("import", write(tmp_path, "task.json", TASK_EXPORT[:2] + [undated]),
                   env={"TZ": "UTC"})
    assert result.returncode == 0, result.stderr
    assert "skipped entry 3: task 'Someday' has no due date" in result.stderr
    assert len(listed(frist)) == 2


def test_recurring_templates_are_passed_over_with_a_note(frist, tmp_path):
    template = {"description": "Weekly report", "due": "20251201T000000Z", "status": "recurring",
                "recur": "weekly", "uuid": "af1e2a4c-1c8b-4a8e-9f0a-2b3c4d5e6f70"}
    result = frist("import", write(tmp_path, "task.json", [TASK_EXPORT[0], template]))
    assert result.returncode == 0, result.stderr
    assert "recurring template 'Weekly report'" in result.stderr
    assert [i["title"] for i in listed(frist)] == ["Pay the invoice"]


# ---------------------------------------------------------------- hostile input

def one_line_error(result) -> str:
    assert result.returncode == 1, result.stderr
    assert "Traceback" not in result.stderr
    [line] = result.stderr.splitlines()
    assert line.startswith("error: ")
    return line


def test_csv_escapes_every_text_cell_uid_and_published_too(frist, tmp_path):
    entries = [{"title": "Plain \x1b]0;pwned\x07 title", "due": "2026-01-01", "uid": "=1+1",
                "sources": [{"sentence": "s", "document": "-2+3", "published": "@SUM(A1)"}]},
               {"title": "Negative days", "due": "2025-11-01", "uid": "abc"}]
    frist("import", write(tmp_path, "c.json", entries), check=True)
    raw = frist("export", "--format", "csv", check=True).stdout
    assert "\x1b" not in raw and "\x07" not in raw
    rows = list(csv.DictReader(io.StringIO(raw)))
    assert rows[0]["uid"] == "'=1+1"
    assert rows[0]["published"] == "'@SUM(A1)" and rows[0]["document"] == "'-2+3"
    assert rows[0]["title"] == "Plain  ]0;pwned  title"
    assert rows[1]["uid"] == "abc" and rows[1]["days_left"] == "-23"   # a number stays one


@pytest.mark.parametrize("fristuid", [["a", "b"], {"a": 1}, 7])
def test_a_taskwarrior_fristuid_that_is_no_string_is_an_entry_error(frist, tmp_path, fristuid):
    task = {"description": "Odd uid", "due": "20251201T000000Z", "status": "pending",
            "fristuid": fristuid}
    line = one_line_error(frist("import", write(tmp_path, "t.json", TASK_EXPORT[:1] + [task])))
    assert line.startswith("error: entry 2: 'fristuid' must be a string, not ")
    assert listed(frist) == []


@pytest.mark.parametrize("body, where", [
    ("BEGIN:VEVENT\nUID:a\nSUMMARY:Open\nDTSTART;VALUE=DATE:20260101\n"
     "BEGIN:VEVENT\nUID:b\nSUMMARY:B\nDTSTART;VALUE=DATE:20260102\nEND:VEVENT\n",
     "line 3: BEGIN:VEVENT has no END:VEVENT (line 12 ends VCALENDAR instead)"),
    ("BEGIN:VEVENT\nUID:a\nSUMMARY:A\nDTSTART;VALUE=DATE:20260101\nEND:VEVENT\n"
     "BEGIN:VEVENT\nUID:b\nSUMMARY:Last\nDTSTART;VALUE=DATE:20260102\n",
     "line 8: BEGIN:VEVENT has no END:VEVENT (line 12 ends VCALENDAR instead)"),
    ("BEGIN:VEVENT\nUID:a\nSUMMARY:A\nDTSTART;VALUE=DATE:20260101\nEND:VTODO\n",
     "line 3: BEGIN:VEVENT has no END:VEVENT (line 7 ends VTODO instead)"),
    ("END:VCALENDAR\nEND:VEVENT\n", "line 4: END:VEVENT without a BEGIN"),
])
def test_an_event_without_its_end_is_reported_not_dropped(frist, tmp_path, body, where):
    text = f"BEGIN:VCALENDAR\nVERSION:2.0\n{body}END:VCALENDAR\n"
    path = write(tmp_path, "cal.ics", text)
    assert one_line_error(frist("import", path)) == f"error: {path} {where}"
    assert listed(frist) == []


RANGE = "is outside the dates frist accepts (1 Jan 1900 to 31 Dec 2999)"


@pytest.mark.parametrize("entry, message", [
    ({"title": "x", "due": "9999-12-31"}, f"entry 1: 'due': the date 9999-12-31 {RANGE}"),
    ({"title": "x", "due": "0001-01"}, f"entry 1: 'due': the date 0001-01 {RANGE}"),
    ({"title": "x", "due": "2999-12-31", "precision": "week"},
     f"entry 1: 'due' 2999-12-31 as a week: the date 3000-W01 {RANGE}"),
    ({"title": "x", "due": "2026-01-01", "window_start": "1066-10-14"},
     f"entry 1: 'window_start': the date 1066-10-14 {RANGE}"),
    ({"title": "x", "due": "2026-01-01", "status": "met", "decided": "0001-01-01"},
     f"entry 1: 'decided': the date 0001-01-01 {RANGE}"),
    ({"title": "x", "due": "2026-01-01", "created": "0001-01-01T00:00:00+05:00"},
     f"entry 1: 'created': the date 0001-01-01 {RANGE}"),
    ({"title": "x", "due": "2026-01-01", "history": [{"at": "9999-12-31T23:59:59-12:00",
                                                      "event": "created", "note": ""}]},
     f"entry 1: 'history': the date 9999-12-31 {RANGE}"),
])
def test_json_dates_outside_the_range_are_entry_errors(frist, tmp_path, entry, message):
    line = one_line_error(frist("import", write(tmp_path, "x.json", [entry])))
    assert line == f"error: {message}"


@pytest.mark.parametrize("task, message", [
    ({"description": "x", "due": "00010101T000000Z"}, f"entry 1: 'due': the date 0001-01-01 {RANGE}"),
    ({"description": "x", "due": "99991231T230000Z"}, f"entry 1: 'due': the date 9999-12-31 {RANGE}"),
    ({"description": "x", "due": "20251201T000000Z", "entry": "00010101T000000Z"},
     f"entry 1: 'entry': the date 0001-01-01 {RANGE}"),
])
def test_taskwarrior_dates_outside_the_range_are_entry_errors(frist, tmp_path, task, message):
    line = one_line_error(frist("import", write(tmp_path, "t.json", [task]), env={"TZ": "UTC"}))
    assert line == f"error: {message}"


def test_calendar_dates_outside_the_range_are_entry_errors(frist, tmp_path):
    text = ("BEGIN:VCALENDAR\nVERSION:2.0\nBEGIN:VEVENT\nUID:e\nSUMMARY:Far\n"
            "DTSTART;VALUE=DATE:99991231\nEND:VEVENT\nEND:VCALENDAR\n")
    line = one_line_error(frist("import", write(tmp_path, "far.ics", text)))
    assert line == f"error: entry 1: 'due': the date 9999-12-31 {RANGE}"


# ---------------------------------------------------------------- any record, in-process

from hypothesis import HealthCheck, given, settings, strategies as st  # noqa: E402

from store import model  # noqa: E402
from store.exchange import export, parse_import  # noqa: E402

TODAY = dt.date(2025, 11, 24)
words = st.text(st.characters(blacklist_categories=("Cs",)), min_size=1, max_size=30)
one_line = words.map(lambda t: " ".join(t.split())).filter(bool)
dues = st.one_of(
    st.dates(dt.date(1990, 1, 1), dt.date(2090, 12, 31)).map(dt.date.isoformat),
    st.builds(lambda y, m: f"{y}-{m:02d}", st.integers(1990, 2090), st.integers(1, 12)),
    st.builds(lambda y, q: f"{y}-Q{q}", st.integers(1990, 2090), st.integers(1, 4)),
    st.builds(lambda y, w: f"{y}-W{w:02d}", st.integers(1990, 2090), st.integers(1, 52)),
    st.integers(1990, 2090).map(str))
sources = st.builds(model.Source, words, words, st.just("2025-11-24"), st.just("en"))
records = st.builds(
    lambda title, due, actor, tags, status, srcs, note: model.Commitment.new(
        title, model.Due.from_value(due, note), actor=actor, tags=tags, status=status,
        sources=srcs, note=note),
    one_line, dues, st.one_of(st.just(""), one_line), st.lists(one_line, max_size=3),
    st.sampled_from(model.STATUSES), st.lists(sources, max_size=2), words)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(records, min_size=1, max_size=4), st.sampled_from(["json", "taskwarrior", "ics"]))
def test_json_taskwarrior_and_ics_exports_keep_every_field_of_any_record(items, fmt):
    numbered = list(enumerate(items, 1))
    parsed = parse_import(export(numbered, fmt, TODAY).decode(), "x", TODAY)
    assert parsed.records == items


json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | words
    | st.sampled_from(["2026-01-01", "2026-04", "20251201T000000Z", "pending", "met", "day"]),
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(
        st.sampled_from(["title", "due", "status", "precision", "window_start", "tags", "actor",
                         "sources", "history", "created", "description", "entry", "uuid",
                         "annotations", "fristtags", "fristhistory", "fristsources", "project"]),
        inner, max_size=6),
    max_leaves=12)


@settings(max_examples=300, deadline=None)
@given(st.lists(json_values, min_size=1, max_size=3))
def test_any_json_either_imports_or_fails_with_a_one_line_entry_error(entries):
    from store.exchange import ExchangeError
    text = json.dumps(entries)
    try:
        parsed = parse_import(text, "x.json", TODAY)
    except ExchangeError as e:
        assert "\n" not in str(e)
    else:
        assert all(model.window(r.due) and r.title.strip() for r in parsed.records)


def test_an_import_refuses_a_decision_in_the_future_and_a_title_that_is_no_text(frist, tmp_path):
    later = tmp_path / "later.json"
    later.write_text(json.dumps([{"title": "Met ahead", "due": "2026-12-16", "status": "met",
                                  "decided": "2030-01-01"}]))
    numbered = tmp_path / "numbered.json"
    numbered.write_text(json.dumps([{"title": 123, "due": "2026-12-16"}]))
    for path, said in ((later, "'decided' 2030-01-01 is after today"),
                       (numbered, "'title' is not text but 123")):
        result = frist("--today", "2026-12-03", "import", str(path))
        assert result.returncode == 1 and said in result.stderr
        assert result.stderr.count("\n") == 1
    assert json.loads(frist("list", "--status", "all", "--json").stdout) == []


def test_the_taskwarrior_export_keeps_the_day_a_decision_was_taken(frist, tmp_path):
    frist("--today", "2026-12-03", "add", "Council vote", "--due", "2026-12-01", check=True)
    frist("--today", "2026-12-03", "mark", "1", "missed", "--on", "2026-12-02", check=True)
    out = tmp_path / "tasks.json"
    frist("--today", "2026-12-03", "export", "--format", "taskwarrior", "-o", str(out), check=True)
    other = {"FRIST_DB": str(tmp_path / "other.json")}
    frist("--today", "2026-12-03", "import", str(out), env=other, check=True)
    back = frist("show", "1", "--json", env=other, check=True)
    assert json.loads(back.stdout)["decided"] == "2026-12-02"

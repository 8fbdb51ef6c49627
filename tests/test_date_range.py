"""The dates frist accepts, 1 Jan 1900 to 31 Dec 2999: refused at the door with one line
outside (typed dates, --today, imports), and every command total inside (exports,
postpone arithmetic, week numbers, countdowns)."""
from __future__ import annotations

import datetime as dt
import json

import pytest
from hypothesis import HealthCheck, given, settings, strategies as st

from store import model
from store.exchange import FORMATS, ExchangeError, export, parse_import
from store.when import DateError, parse_postpone, parse_today, parse_when

RANGE = "is outside the dates frist accepts (1 Jan 1900 to 31 Dec 2999)"
FIRST, LAST = dt.date(1900, 1, 1), dt.date(2999, 12, 31)


def one_line_error(result) -> str:
    assert result.returncode == 1, result.stderr
    assert "Traceback" not in result.stderr and result.stdout == ""
    [line] = result.stderr.splitlines()
    assert line.startswith("error: ")
    return line


# ---------------------------------------------------------------- at the door

@pytest.mark.parametrize("typed, shown", [
    ("9999-12-31", "9999-12-31"), ("0001-01-01", "0001-01-01"), ("1899-12-31", "1899-12-31"),
    ("3000-01-01", "3000-01-01"), ("9999-W52", "9999-W52"), ("0001-Q1", "0001-Q1"),
    ("31 Dec 3000", "3000-12-31"), ("in 2000 years", "4025-11-24"),
])
def test_a_typed_due_outside_the_range_is_refused(frist, typed, shown):
    line = one_line_error(frist("add", "Far away", "--due", typed))
    assert line == f"error: the date {shown} {RANGE}"
    assert json.loads(frist("list", "--json", check=True).stdout) == []


@pytest.mark.parametrize("today", ["9999-12-31", "0001-01-01", "1899-12-31", "3000-01-01"])
def test_today_outside_the_range_is_refused(frist, today):
    line = one_line_error(frist("--today", today, "list"))
    assert line == f"error: --today: the date {today} {RANGE}"
    line = one_line_error(frist("list", env={"FRIST_TODAY": today}))
    assert RANGE in line


def test_postponing_past_the_last_day_is_refused_and_changes_nothing(frist):
    frist("add", "Last days", "--due", "2999-12-28", check=True)
    assert one_line_error(frist("postpone", "1", "+7d")) == \
        "error: +7d from 2999-12-28 is after the last day frist accepts (1 Jan 1900 to 31 Dec 2999)"
    one_line_error(frist("postpone", "1", "+99999y"))
    assert json.loads(frist("show", "1", "--json", check=True).stdout)["due"] == "2999-12-28"
    frist("postpone", "1", "+3d", check=True)
    assert json.loads(frist("show", "1", "--json", check=True).stdout)["due"] == "2999-12-31"


def test_a_decision_before_the_first_day_is_refused(frist):
    frist("add", "Early", "--due", "1900-01-02", check=True)
    line = one_line_error(frist("--today", "1900-01-02", "mark", "1", "met", "--on", "1899-12-31"))
    assert line == f"error: the date 1899-12-31 {RANGE}"


@pytest.mark.parametrize("typed, due, precision, start", [
    ("December 2100", "2100-12-31", "month", "2100-12-01"),
    ("Q4 2100", "2100-12-31", "quarter", "2100-10-01"),
    ("Q4 2999", "2999-12-31", "quarter", "2999-10-01"),
    ("März 2150", "2150-03-31", "month", "2150-03-01"),
    ("ende 2999", "2999-12-31", "year", "2999-01-01"),
    ("31 December 2512", "2512-12-31", "day", "2512-12-31"),
    ("29 Feb 2400", "2400-02-29", "day", "2400-02-29"),    # a leap year read as one
    ("H1 2150", "2150-06-30", "quarter", "2150-01-01"),
    ("W52 2026", "2026-12-27", "week", "2026-12-21"),      # the form `list` shows
    ("KW 3 2027", "2027-01-24", "week", "2027-01-18"),
    ("W52 2999", "2999-12-29", "week", "2999-12-23"),
])
def test_a_date_typed_in_words_is_read_up_to_the_last_year(typed, due, precision, start):
    read = parse_when(typed, dt.date(2026, 5, 20))
    assert (read.due.isoformat(), read.precision, read.window_start.isoformat()) == \
        (due, precision, start)


def test_a_late_window_is_not_cut_at_a_today_of_its_stand_in_year():
    # 2150 is read with the calendar of 2009: a today in May 2009 is no reason to start
    # the window of Q2 2150 on 20 May; a today in May 2150 is.
    assert parse_when("Q2 2150", dt.date(2009, 5, 20)).window_start == dt.date(2150, 4, 1)
    assert parse_when("Q2 2150", dt.date(2150, 5, 20)).window_start == dt.date(2150, 5, 20)


@pytest.mark.parametrize("typed, shown", [
    ("December 3000", "3000-12"), ("Q4 3000", "3000-Q4"), ("ende 9999", "9999"),
    ("W52 3000", "3000-W52"), ("H1 3000", "3000"),
])
def test_a_date_in_words_after_the_last_year_is_refused_as_such(frist, typed, shown):
    line = one_line_error(frist("add", "Far away", "--due", typed))
    assert line == f"error: the date {shown} {RANGE}"


def test_numbers_that_are_no_year_stay_counts():
    today = dt.date(2026, 5, 20)
    assert parse_when("in 2150 days", today).due == today + dt.timedelta(days=2150)
    with pytest.raises(DateError, match="cannot understand"):
        parse_when("2500 jobs", today)


def test_the_due_list_shows_is_read_back_as_the_same_window(frist):
    typed = ("2026-W52", "2150-03", "2999-Q4", "2100", "2512-12-31")
    for value in typed:
        frist("add", f"Due {value}", "--due", value, check=True)
    table = frist("list", check=True).stdout
    for n, item in enumerate(json.loads(frist("list", "--json", check=True).stdout), 1):
        label = model.due_label(item["due"], item["precision"], item["window_start"])
        # "W52 2026", "Mar 2150", "Q4 2999", ...
        assert label in table
        frist("add", f"Again {n}", "--due", label, check=True)
        again = json.loads(frist("show", str(len(typed) + n), "--json", check=True).stdout)
        assert (again["due"], again["precision"], again["window_start"]) == \
            (item["due"], item["precision"], item["window_start"]), label


# ---------------------------------------------------------------- total inside

EDGE_DUES = ["1900-01-01", "1900-W01", "1900-Q1", "1900", "2999-12-31", "2999-W52", "2999-12",
             "2999"]


@pytest.mark.parametrize("today", ["1900-01-01", "2999-12-31"])
def test_every_command_works_on_the_first_and_last_days(frist, tmp_path, today):
    for n, due in enumerate(EDGE_DUES):
        frist("--today", today, "add", f"Edge {due}", "--due", due, "--actor", "Far",
              "--tag", "edge", check=True)
    frist("--today", today, "mark", "1", "met", "--on", "1900-01-01", check=True)
    frist("--today", today, "mark", "5", "missed", check=True)
    for args in (["list", "--status", "all"], ["list", "--timeline", "--status", "all"],
                 ["list", "--within", "99999y"], ["due"], ["due", "--within", "99999y"],
                 ["stats"], ["show", "1"], ["show", "5"], ["list", "--json"]):
        result = frist("--today", today, *args)
        assert result.returncode == 0, (args, result.stderr)
    for fmt in FORMATS:
        out = tmp_path / f"all.{fmt}"
        exported = frist("--today", today, "export", "--format", fmt, "-o", str(out))
        if fmt == "taskwarrior" and today == "1900-01-01":  # every date is before 1980
            assert exported.returncode == 1 and "before 1 Jan 1980" in exported.stderr
            continue
        assert exported.returncode == 0, exported.stderr
        if fmt in ("json", "taskwarrior", "ics"):
            other = str(tmp_path / f"back-{fmt}.json")
            frist("--db", other, "--today", today, "import", str(out), check=True)
            back = json.loads(frist("--db", other, "list", "--status", "all", "--json",
                                    check=True).stdout)
            # Taskwarrior cannot read a date before 1980: those are left out
            assert sorted(i["due"] for i in back) == sorted(
                i["due"] for i in json.loads(frist("list", "--status", "all", "--json",
                                                   check=True).stdout)
                if fmt != "taskwarrior" or i["due"] > "1980")


# ---------------------------------------------------------------- across the boundary

days = st.dates(dt.date(1899, 6, 1), dt.date(3000, 6, 30))
todays = st.dates(FIRST, LAST)
values = st.one_of(
    days.map(dt.date.isoformat),
    st.builds(lambda y, w: f"{y}-W{w:02d}", st.integers(1898, 3001), st.integers(1, 53)),
    st.builds(lambda y, m: f"{y}-{m:02d}", st.integers(1898, 3001), st.integers(1, 12)),
    st.builds(lambda y, q: f"{y}-Q{q}", st.integers(1898, 3001), st.integers(1, 4)),
    st.integers(1898, 3001).map(str))


def accepted(value: str) -> bool:
    """Whether the window `value` names lies inside the range, by the calendar alone."""
    try:
        start, end, _ = _plain_window(value)
    except ValueError:
        return False
    return FIRST <= start and end <= LAST


def _plain_window(value: str) -> tuple[dt.date, dt.date, str]:
    """The window of a TIMEX value computed without frist's range check."""
    if len(value) == 10:
        day = dt.date.fromisoformat(value)
        return day, day, "day"
    if "-W" in value:
        monday = dt.date.fromisocalendar(int(value[:4]), int(value[6:]), 1)
        return monday, monday + dt.timedelta(days=6), "week"
    if "-Q" in value:
        year, quarter = int(value[:4]), int(value[6])
        last = dt.date(year + (quarter == 4), 3 * quarter % 12 + 1, 1) - dt.timedelta(days=1)
        return dt.date(year, 3 * quarter - 2, 1), last, "quarter"
    if "-" in value:
        year, month = int(value[:4]), int(value[5:])
        last = dt.date(year + (month == 12), month % 12 + 1, 1) - dt.timedelta(days=1)
        return dt.date(year, month, 1), last, "month"
    return dt.date(int(value), 1, 1), dt.date(int(value), 12, 31), "year"


@settings(max_examples=300, deadline=None)
@given(values, todays)
def test_a_typed_window_is_taken_exactly_when_it_lies_inside(value, today):
    try:
        due = parse_when(value, today)
    except DateError as e:
        message = str(e)
        assert "\n" not in message
        assert not accepted(value)
        assert RANGE in message or "cannot understand" in message   # 2026-W53 is no week
    else:
        assert accepted(value)
        assert FIRST <= due.window_start <= due.due <= LAST


@settings(max_examples=200, deadline=None)
@given(days)
def test_today_is_taken_exactly_when_it_lies_inside(day):
    try:
        assert parse_today(day.isoformat()) == day
    except DateError as e:
        assert not FIRST <= day <= LAST and RANGE in str(e)


@settings(max_examples=300, deadline=None)
@given(todays, st.integers(0, 99_999), st.sampled_from("dwmy"))
def test_postpone_arithmetic_stays_inside_or_says_why(due_day, count, unit):
    span = f"+{count}{unit}"
    try:
        due = parse_postpone(span, model.Due.day(due_day), LAST)
    except DateError as e:
        assert "after the last day frist accepts" in str(e)
    else:
        assert due_day <= due.due <= LAST and due.precision == "day"


@settings(max_examples=300, deadline=None)
@given(todays, st.integers(0, 99_999), st.sampled_from("dwmy"))
def test_postpone_earlier_stays_inside_or_says_why(due_day, count, unit):
    span = f"-{count}{unit}"
    try:
        due = parse_postpone(span, model.Due.day(due_day), LAST)
    except DateError as e:
        assert "before the first day frist accepts" in str(e)
    else:
        assert FIRST <= due.due <= due_day and due.precision == "day"


inside = values.filter(accepted).map(model.Due.from_value)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(inside, min_size=1, max_size=4), todays, st.sampled_from(model.STATUSES))
def test_every_export_and_view_is_total_inside_the_range(dues, today, status):
    model.set_today(today)   # a decision taken today is not one in the future
    items = []
    for n, due in enumerate(dues, 1):
        record = model.Commitment.new(f"Item {n}", due, actor="A", tags=["t"], status=status)
        if status != "open":
            record = record.with_changes(decided=today)
        items.append((n, record))
    for _n, record in items:   # the words and numbers every view shows
        record.countdown(today)
        record.due_label()
        record.to_json(1, today)
        record.state(today)
    for fmt in FORMATS:
        left_out = []
        try:
            data = export(items, fmt, today, left_out)
        except ExchangeError as e:  # Taskwarrior reads no date before 1980, and all had one
            assert fmt == "taskwarrior" and "before 1 Jan 1980" in str(e)
            continue
        if fmt in ("json", "taskwarrior"):
            parsed = parse_import(data.decode(), f"x.{fmt}", today)
            assert [r.due for r in parsed.records] == [r.due for n, r in items
                                                       if n not in left_out]


@pytest.mark.parametrize("typed, due", [
    # months or years on from today, typed as a due, are that day, not the whole month
    ("in a month", dt.date(2026, 2, 28)),  # 31 January + a month: the month's last day
    ("in 3 months", dt.date(2026, 4, 30)),
    ("in einem Monat", dt.date(2026, 2, 28)),
    ("in 2 years", dt.date(2028, 1, 31)),
])
def test_months_or_years_on_are_a_day(typed, due):
    found = parse_when(typed, dt.date(2026, 1, 31))
    assert (found.due, found.precision) == (due, "day")


def test_next_month_stays_the_month():
    found = parse_when("next month", dt.date(2026, 1, 31))
    assert (found.due, found.precision) == (dt.date(2026, 2, 28), "month")


def test_years_on_past_the_last_day_are_refused_by_range():
    with pytest.raises(DateError, match="outside the dates frist accepts"):
        parse_when("in 9999 years", dt.date(2026, 1, 31))

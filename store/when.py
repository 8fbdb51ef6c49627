"""Dates typed by a person ("2026-04-30", "April 2026", "in 10 days", "bis Ende März").

Fast rules first: the TIMEX-style forms, then the extractor's own date finder, which
knows the words of each language; `dateparser` (slow to import) only for the rest.
"""
from __future__ import annotations

import calendar
import datetime as dt
import re

from store import model
from store.errors import FristError


class DateError(FristError):
    pass


# The finder reads years up to 2099 only: in an article a larger number is rarely a year
# ("2500 jobs"). A person who types one (as a due, up to 2999) means a year, so the text is
# read with a stand-in year of the same calendar (1 January on the same weekday, a leap
# year for a leap year) and the reading moved back to the year typed; a year after 2999
# is read too, so that it is refused as outside the range rather than not understood.
_LATE_YEAR = re.compile(r"(?<![\d.,])(2[1-9]\d\d|[3-9]\d\d\d)(?!\d)")
# The form `list` shows a week in: "W52 2026".
_WEEK_LABEL = re.compile(r"(?:W|KW|week)\s?(\d{1,2}),?\s+(\d{4})", re.I)


def _stand_in(year: int) -> int:
    """A year of 2000-2099 whose calendar is `year`'s."""
    first, leap = dt.date(year, 1, 1).weekday(), calendar.isleap(year)
    return next(y for y in range(2000, 2100)
                if dt.date(y, 1, 1).weekday() == first and calendar.isleap(y) == leap)


def _via_stand_in(text: str, today: dt.date) -> model.Due | None:
    years = set(_LATE_YEAR.findall(text))
    if len(years) != 1:
        return None
    year = int(years.pop())
    shift = year - _stand_in(year)
    # today moved by as much, so that the reading relates to it as it would to the real one
    day = 28 if (today.month, today.day) == (2, 29) else today.day
    today = dt.date(max(1, today.year - shift), today.month, day)
    due = _via_finder(_LATE_YEAR.sub(str(year - shift), text), today)
    if due is None:
        return None
    start = due.window_start.replace(year=due.window_start.year + shift)
    end = due.due.replace(year=due.due.year + shift)
    if end > model.LAST_DAY:  # named as typed ("3000-12"), not by its first day
        value = model.period_value(end, due.precision)
        if due.window_start != model.Due.from_value(model.period_value(due.due, due.precision)).window_start:
            value = str(end.year)  # a window with no TIMEX form ("H1 3000")
        raise model.OutOfRange(model.out_of_range("the date", value))
    return model.Due(end, due.precision, start, text)


def _via_finder(text: str, today: dt.date) -> model.Due | None:
    from store.extract import find_dates
    mentions = find_dates(text, today, prefer_future=True)
    # Accept only a reading of (nearly) the whole text, not a date buried in other words.
    for m in mentions:
        rest = text[:m.start] + text[m.end:]
        # a reading of (nearly) all of it, leaving no number unread ("2 Mai" is not "Mai")
        if len(m.text) >= 0.6 * len(text.strip()) and not any(c.isdigit() for c in rest):
            if m.due and m.window_start:  # the finder's own window ("H1 2027": Jan..Jun)
                return model.Due(m.due, m.precision, m.window_start, text)
            return model.Due.from_value(m.value, text)
    return None


def _typed_offset(text: str, today: dt.date) -> model.Due | None:
    """"in 3 months", "in einem Jahr" typed as a due: that day, months or years on. (In an
    article the same words name the month or year as a whole; a person means a day.)"""
    from store.extract.lexicon import available_languages, load
    from store.extract.windows import add_months
    words = text.lower().split()
    if len(words) != 3:
        return None
    for code in available_languages():
        L = load(code)
        if words[0] not in L.data.get("typed_offset_preps", []):
            continue
        count = int(words[1]) if words[1].isdecimal() and words[1].isascii() \
            else L.numbers.get(words[1])
        unit = L.units.get(words[2])
        if count is None or unit not in ("M", "Y"):
            continue
        months = count * (12 if unit == "Y" else 1)
        day = add_months(today, months)
        if day > model.LAST_DAY:  # named as a day while it is one (add_months stops at 9999)
            named = day.isoformat() if (today.month - 1 + months) // 12 + today.year < 9999 \
                else text
            raise model.OutOfRange(model.out_of_range("the date", named))
        return model.Due.day(day, text)
    return None


def _via_dateparser(text: str, today: dt.date) -> model.Due | None:
    if not any(c.isalpha() for c in text):
        return None  # digits the finder could not read ("32.12.", "5") are a typo, not a date
    import dateparser
    settings = {"PREFER_DATES_FROM": "future",
                "RELATIVE_BASE": dt.datetime.combine(today, dt.time()),
                "REQUIRE_PARTS": ["day"]}
    from store.extract import available_languages
    parsed = dateparser.parse(text, languages=available_languages(), settings=settings)
    return model.Due.day(parsed.date(), text) if parsed else None


def parse_when(text: str, today: dt.date) -> model.Due:
    """The due window a person means by `text`, relative to `today`; DateError if unclear."""
    cleaned = " ".join(str(text).split())
    if not cleaned:
        raise DateError("cannot understand an empty date")
    if week := _WEEK_LABEL.fullmatch(cleaned):
        cleaned = f"{week[2]}-W{int(week[1]):02d}"
    try:
        return model.Due.from_value(cleaned, text)
    except model.OutOfRange as e:
        raise DateError(str(e)) from None
    except model.ModelError:
        pass
    for reader in (_typed_offset, _via_finder, _via_stand_in, _via_dateparser):
        try:
            due = reader(cleaned, today)
        except model.OutOfRange as e:   # read, but a day frist does not keep
            raise DateError(str(e)) from None
        except (ValueError, OverflowError, model.ModelError):
            due = None
        if due is not None:
            return due
    raise DateError(f"cannot understand the date {text!r}")


def parse_postpone(text: str, current: model.Due, today: dt.date) -> model.Due:
    """The new due of a postponement: '+SPAN' ('+7d', '+2w') moves the current due day by
    that much, '-SPAN' ('-1w') brings it forward by that much; anything else is a date as
    `parse_when` reads it."""
    span = str(text).strip()
    if span[:1] not in ("+", "-") or span[1:2] in ("+", "-"):
        return parse_when(text, today)
    from store.query import parse_within
    days = parse_within(span[1:])
    if span[0] == "-":
        days = -days
    if not (model.FIRST_DAY - current.due).days <= days <= (model.LAST_DAY - current.due).days:
        which = "after the last" if days > 0 else "before the first"
        raise DateError(f"{span} from {current.due.isoformat()} is {which} day frist "
                        f"accepts ({model.DATE_RANGE})")
    # no words for the day: '+7d' is no way the due was said (history tells the shift)
    return model.Due.day(current.due + dt.timedelta(days=days))


def parse_today(text: str | None) -> dt.date:
    """`--today`/FRIST_TODAY against the real clock: a day named without its year or a
    weekday is the latest one up to today ('27.11.' said on 4 Dec is this year's, 'Monday'
    the last), like a publication date; a full date may lie anywhere."""
    real = dt.date.today()
    if not text:
        return real
    return parse_past_day(text, real, "--today must name one day, not {text!r}")


def parse_published(text: str, today: dt.date) -> dt.date:
    """A publication date typed with --published: as parse_today reads it ('27.11.' said
    on 4 Dec is this year's 27 November, not next year's)."""
    return parse_past_day(text, today, "--published must name one day, not {text!r}")



def _points_ahead(text: str) -> bool:
    """Whether a typed date says itself that it lies ahead ("next Tuesday", "kommenden
    Montag"): the relative words of every language the finder knows."""
    from store.extract.lexicon import available_languages, load
    words = set(re.findall(r"\w+", text.lower()))
    return any(words & {w for w, step in load(code).relative.items() if (step or 0) > 0}
               for code in available_languages())


def parse_past_day(text: str, today: dt.date,
                   not_one_day: str = "a decision is taken on one day, not in {text!r}") -> dt.date:
    """The day a person means by `text` for something that already happened: typed
    dates read forward ('26 Nov' said on 10 Dec is next year's, 'Monday' the coming one),
    so a reading after today is read again from an earlier day, as long as it names a
    calendar day rather than an offset from today ('in 2 days' stays in the future).
    DateError if it is not one day."""
    due = parse_when(text, today)
    if due.precision != "day":
        raise DateError(not_one_day.format(text=text))
    if due.due <= today or _points_ahead(text):
        return due.due  # "next Tuesday" is ahead, as `add` reads it: refused after this
    for back in (6, 366):  # a weekday of the past week; a year-less date of the past year
        try:
            earlier = parse_when(text, today - dt.timedelta(days=back)).due
        except DateError:
            continue
        if earlier <= today and earlier != due.due - dt.timedelta(days=back):
            return earlier
    return due.due

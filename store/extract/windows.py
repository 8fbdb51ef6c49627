"""Calendar arithmetic on windows: a value (TIMEX3 form), its precision and [start, end]."""
from __future__ import annotations

import calendar
import datetime as dt
from dataclasses import dataclass

SEASON_QUARTER = {"SP": 2, "SU": 3, "FA": 4, "WI": 1}


@dataclass(frozen=True)
class Window:
    value: str          # frist value: YYYY-MM-DD, YYYY-Www, YYYY-MM, YYYY-Qn or YYYY
    precision: str      # day | week | month | quarter | year
    start: dt.date
    end: dt.date
    timex: str = ""     # TIMEX3 value when it differs (seasons "2026-SU", weekends ...)

    @property
    def timex_value(self) -> str:
        return self.timex or self.value


def _safe_date(y, m, d):
    try:
        return dt.date(y, m, d)
    except ValueError:
        return None


def day(d: dt.date, timex: str = "") -> Window:
    return Window(d.isoformat(), "day", d, d, timex)


def month(y: int, m: int, timex: str = "") -> Window | None:
    if not (1 <= m <= 12) or not (1 <= y <= 9999):
        return None
    last = calendar.monthrange(y, m)[1]
    return Window(f"{y:04d}-{m:02d}", "month", dt.date(y, m, 1), dt.date(y, m, last), timex)


def quarter(y: int, q: int, timex: str = "", start: dt.date | None = None) -> Window | None:
    if not (1 <= q <= 4) or not (1 <= y <= 9999):
        return None
    m = 3 * q
    end = dt.date(y, m, calendar.monthrange(y, m)[1])
    return Window(f"{y:04d}-Q{q}", "quarter", start or dt.date(y, m - 2, 1), end, timex)


def half(y: int, h: int) -> Window | None:
    """A half-year is reported as the quarter that ends it (H1 -> Qn2, H2 -> Q4), precision
    quarter, but its window starts at the half's first day."""
    if h not in (1, 2) or not (1 <= y <= 9999):
        return None
    return quarter(y, 2 * h, timex=f"{y:04d}-H{h}", start=dt.date(y, 1 if h == 1 else 7, 1))


def year(y: int, timex: str = "") -> Window | None:
    if not (1 <= y <= 9999):
        return None
    return Window(f"{y:04d}", "year", dt.date(y, 1, 1), dt.date(y, 12, 31), timex)


def week_of(d: dt.date) -> Window:
    iy, iw, _ = d.isocalendar()
    mon = d - dt.timedelta(days=d.weekday())
    return Window(f"{iy:04d}-W{iw:02d}", "week", mon, mon + dt.timedelta(days=6))


def season(y: int, code: str) -> Window | None:
    """Season of year y (winter y = December y .. February y+1): the quarter it ends in."""
    q = SEASON_QUARTER.get(code)
    if q is None:
        return None
    qy = y + 1 if code == "WI" else y
    w = quarter(qy, q, timex=f"{y:04d}-{code}")
    return w


SEASON_LAST_MONTH = {"SP": 5, "SU": 8, "FA": 11, "WI": 2}  # meteorological seasons


def season_over(y: int, code: str) -> dt.date:
    """The last day of season y as the weather has it (autumn 2026 ends on 30 November,
    winter 2026 on the last day of February 2027), before the quarter it is reported as."""
    m = SEASON_LAST_MONTH[code]
    yy = y + 1 if code == "WI" else y
    return dt.date(yy, m, calendar.monthrange(yy, m)[1])


def add_months(d: dt.date, n: int) -> dt.date:
    m0 = d.month - 1 + n
    y = d.year + m0 // 12
    m = m0 % 12 + 1
    y = max(1, min(9999, y))
    return dt.date(y, m, min(d.day, calendar.monthrange(y, m)[1]))


def add(d: dt.date, n: int, unit: str) -> dt.date | None:
    try:
        if unit == "D":
            return d + dt.timedelta(days=n)
        if unit == "W":
            return d + dt.timedelta(days=7 * n)
        if unit == "F":
            return d + dt.timedelta(days=14 * n)
        if unit == "M":
            return add_months(d, n)
        if unit == "Q":
            return add_months(d, 3 * n)
        if unit == "Y":
            return add_months(d, 12 * n)
        if unit == "DE":
            return add_months(d, 120 * n)
        if unit == "H":
            # "within 48 hours": the day the hours run out, counted in whole days from
            # the reference day (a day's hours start at its beginning, the text's hour is
            # unknown); fewer than a day stay on that day ("in a few hours")
            days = -(-abs(n) // 24) if abs(n) >= 24 else 0
            return d + dt.timedelta(days=days if n >= 0 else -days)
    except (OverflowError, ValueError):
        return None
    return None

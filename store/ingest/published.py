"""When a document was published: the day its relative dates ("next Friday", "by the end
of the year") count from. One rule for `frist ingest`, `frist extract` and pasted text.
"""
from __future__ import annotations

import datetime as dt
import re

from store import model


def publication_date(text: str, today: dt.date, *, given: dt.date | None = None,
                     metadata: dt.date | None = None, file_date: dt.date | None = None,
                     lang: str | None = None) -> tuple[dt.date, str]:
    """(day, where it came from) of a document: the day the person `given`, else its
    `metadata` (a page's or feed's), else the dateline in its first lines, else its file's
    time (not after today), else today. Where: "given", "metadata", "dateline",
    "file time" or "today". A date frist does not accept (a feed's year 9999) is none."""
    if given:
        return given, "given"
    if metadata and acceptable(metadata):
        return metadata, "metadata"
    if (dated := dateline_date(text, lang, today)) is not None:
        return dated, "dateline"
    if file_date and acceptable(file_date):
        return min(file_date, today), "file time"
    return today, "today"


def acceptable(day: dt.date) -> bool:
    return model.FIRST_DAY <= day <= model.LAST_DAY


# "KIEL, 14 March 2011 — ", "Kiel (dpa) – 14. März 2011 – ": a place, perhaps an agency,
# then the date between separators, at the start of a line
DATED_DATELINE = re.compile(r"[A-ZÄÖÜ][\w .'/-]{1,40}?(?:\s*\([^)\n]{1,20}\))?\s*[,—–-]\s*"
                      r"(?P<date>[^—–:\n]{6,40}?)\s*(?:—|–|--|-|:)\s")


def dateline_date(text: str, lang: str | None, today: dt.date) -> dt.date | None:
    """The day of the article's dateline ("BERLIN, 24 November 2026 — ..."), on one of its
    first lines: a plain text file's best word on when it was written (its file time may
    be years later). Only a full date, not after today."""
    from store.extract import find_dates
    for line in text[:2000].splitlines()[:8]:
        match = DATED_DATELINE.match(line.strip())
        if not match:
            continue
        for mention in find_dates(match["date"], today, lang):
            if mention.precision == "day" and re.search(r"\d{4}", mention.text):
                day = dt.date.fromisoformat(mention.value)
                if model.FIRST_DAY <= day <= today:
                    return day
    return None

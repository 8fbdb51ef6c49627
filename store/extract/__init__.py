"""Commitment extraction: text + publication date (+ language) -> dated commitments.

Public API (docs/extractor.md says how it works)::

    extract(text, published, lang=None) -> list[Candidate]
    find_dates(text, published, lang=None, *, prefer_future=False, timex=False) -> list[DateMention]

Rule-based and driven by the per-language data in ``lang/*.json``; importing this package
loads neither dateparser nor any terminal code (dateparser is imported lazily, only as a
fallback for short typed strings the finder cannot read).
"""
from __future__ import annotations

import bisect
import datetime as dt
import re
from dataclasses import dataclass, replace

from . import dates as _dates
from .lexicon import available_languages, load as _load

__all__ = ["Candidate", "DateMention", "extract", "find_dates", "available_languages",
           "detect_language"]

SHORT_INPUT = 60  # characters: below this a string is treated as typed input


@dataclass
class DateMention:
    """One time expression in a text.

    start/end: offsets into the text (end exclusive); text: the words;
    value: TIMEX3-style value, as precise as the text (``2025-11-27``, ``2026-W49``,
    ``2026-04``, ``2026-Q1``, ``2026``); precision: day|week|month|quarter|year;
    due: last day of the window; window_start: its first day.
    """
    start: int
    end: int
    text: str
    value: str
    precision: str
    due: dt.date | None = None
    window_start: dt.date | None = None


@dataclass
class Candidate:
    """A dated commitment found in a text (nothing stored yet)."""
    title: str
    due: dt.date
    precision: str
    window_start: dt.date
    due_text: str
    actor: str
    sentence: str
    start: int          # offsets of the sentence in the text
    end: int
    confidence: float
    value: str = ""     # the TIMEX3-style form of due ("2026-04")
    due_start: int = -1  # offsets of due_text in the text (for highlighting)
    due_end: int = -1
    # the actor as the article writes it ("Verteidigungsministerium" for "Defence
    # ministry"): ingest tells the actor's words in a title from what it promises
    actor_written: str = ""

    def to_json(self) -> dict:
        return {
            "title": self.title,
            "due": self.due.isoformat(),
            "precision": self.precision,
            "window_start": self.window_start.isoformat(),
            "due_text": self.due_text,
            "actor": self.actor,
            "sentence": self.sentence,
            "start": self.start,
            "end": self.end,
            "confidence": round(float(self.confidence), 3),
        }


def _as_date(published) -> dt.date:
    if isinstance(published, dt.datetime):
        return published.date()
    if isinstance(published, dt.date):
        return published
    if isinstance(published, str):
        return dt.date.fromisoformat(published.strip()[:10])
    raise TypeError("published must be a datetime.date")


def detect_language(text: str) -> str:
    from .langid import detect
    return detect(text)


def _language(text: str, lang: str | None):
    code = (lang or "").strip().lower()[:2]
    if not code or code not in available_languages():
        code = detect_language(text)
    return _load(code)


def find_dates(text: str, published, lang: str | None = None, *, prefer_future: bool = False,
               timex: bool = False) -> list[DateMention]:
    """Every time expression in `text`, resolved against `published`.

    prefer_future: resolve year-less and weekday forms forward (typed input such as
    ``--due "27 November"``).  Strings shorter than 60 characters are taken as typed
    input: forward unless they speak of the past ("met on 3 March"), and with lang=None
    they are read in every known language, keeping the reading that covers most.
    timex: benchmark mode: values follow TIMEX3 (seasons ``2026-SU``, ``PRESENT_REF``,
    decades ``199``) and such references are included.
    """
    if not isinstance(text, str) or not text:
        return []
    published = _as_date(published)
    short = len(text.strip()) < SHORT_INPUT
    if short and not lang:
        first = detect_language(text)
        best, best_cover = [], -1
        for code in [first] + [c for c in available_languages() if c != first]:
            found = _find(text, published, _load(code), prefer_future, timex, short)
            cover = sum(m.end - m.start for m in found)
            if cover > best_cover:
                best, best_cover = found, cover
        out = best
    else:
        out = _find(text, published, _language(text, lang), prefer_future, timex, short)
    if not out and short:
        fb = _fallback(text, published, (lang or detect_language(text))[:2])
        if fb is not None:
            out.append(fb)
    return out


def _find(text, published, L, prefer_future, timex, short) -> list[DateMention]:
    raws = _dates.scan(text, L, short=short)
    out: list[DateMention] = []
    if not raws:
        return out
    from .sentences import split
    spans = split(text, L) if not prefer_future and not short else [(0, len(text))]
    starts = [s for s, _ in spans]
    contexts: dict[int, _dates.SentenceContext] = {}
    windows: dict = {}  # the same words with the same tense resolve alike
    for raw in raws:
        if raw.kind == "duration" or (raw.tpl.get("weak") and raw.kind == "offset") \
                or raw.tpl.get("anaphor"):
            continue  # "Dabei" opening a sentence is that sentence's day, not a time word
        tense = "future" if prefer_future else None
        if tense is None and _dates.needs_tense(raw):
            k = max(0, bisect.bisect_right(starts, raw.start) - 1)
            if k not in contexts:
                contexts[k] = _dates.SentenceContext(text, spans[k][0], spans[k][1], L)
            if short:  # typed input ("27 November", "Montag") means the next one
                tense = contexts[k].tense(raw.start, raw.end, hedge=True) or "future"
            elif raw.kind == "weekday":
                tense = contexts[k].weekday_tense(raw.start, raw.end)
            else:
                tense = contexts[k].tense(raw.start, raw.end, hedge=True)
        key = (id(raw.tpl), raw.text, tense)
        if key not in windows:
            w = _dates.resolve(raw, published, L, tense, timex=timex)
            start = w.start if w else None
            if w and start < published <= w.end and (
                    prefer_future or short or (tense or "").startswith("future")
                    or _dates.looks_ahead(raw, L)):
                start = published  # a window never starts before the text that set it
            windows[key] = (w, start)
        w, start = windows[key]
        if w is None:
            continue
        if timex and raw.kind == "year_range":
            out.extend(_range_years(text, raw, w))  # TIMEX3 marks "1957-58" as two years
            continue
        out.append(DateMention(raw.start, raw.end, text[raw.start:raw.end],
                               w.timex_value if timex else w.value, w.precision,
                               w.end, start))
    return out


def _range_years(text: str, raw, w) -> list[DateMention]:
    """The two years of "1957-58", "2026–2028" as TIMEX3 annotates them: one each."""
    out = []
    parts = list(_YEAR_PARTS.finditer(text, raw.start, raw.end))
    for m, value in zip(parts[-2:], (None, w.value)):
        v = value or m.group()
        if len(v) != 4:
            continue
        y = int(v)
        out.append(DateMention(m.start(), m.end(), m.group(), v, "year",
                               dt.date(y, 12, 31), dt.date(y, 1, 1)))
    return out


_YEAR_PARTS = re.compile(r"\d+")


def _fallback(text: str, published: dt.date, code: str):
    """dateparser, lazily, for short typed strings the finder could not read."""
    s = text.strip()
    if not s or not any(ch.isalnum() for ch in s):
        return None
    try:
        import dateparser  # noqa: PLC0415 - deliberately lazy
        base = dt.datetime.combine(published, dt.time(12))
        d = dateparser.parse(s, languages=[code, "en"] if code != "en" else ["en"],
                             settings={"PREFER_DATES_FROM": "future", "RELATIVE_BASE": base,
                                       "REQUIRE_PARTS": ["day"]})
    except Exception:  # dateparser raises on odd input; a failed parse is just no date
        return None
    if d is None:
        return None
    d = d.date()
    start = text.find(s)
    return DateMention(start, start + len(s), s, d.isoformat(), "day", d, d)


def extract(text: str, published, lang: str | None = None) -> list["Candidate"]:
    """Dated commitments in `text` (an article) published on `published`."""
    if not isinstance(text, str) or not text.strip():
        return []
    from .commitments import extract as _extract
    published = _as_date(published)
    L = _language(text, lang)
    found = []
    for offset, part in _parts(text):
        found += [replace(
            c, start=c.start + offset, end=c.end + offset,
            due_start=c.due_start + offset if c.due_start >= 0 else -1,
            due_end=c.due_end + offset if c.due_end >= 0 else -1) if offset else c
            for c in _extract(part, published, L)]
    return found


PART_CHARS = 100_000  # the longest of 1,300 news articles has 103,000 characters


def _parts(text: str):
    """(offset, part) of a text read in parts: one article whole; a longer text (a book, a
    dump of many articles) in parts of about PART_CHARS cut at a paragraph, for what the
    extractor reads across an article (names, earlier subjects) grows faster than its
    length (a 1.6 MB text took 10 s whole)."""
    if len(text) <= 2 * PART_CHARS:
        yield 0, text
        return
    start = 0
    while start < len(text):
        end = min(len(text), start + PART_CHARS)
        if end < len(text):
            half = start + PART_CHARS // 2
            cut = text.rfind("\n\n", half, end)
            if cut < 0:  # no paragraph: a line break, a full stop, else where the part ends
                cut = text.rfind("\n", half, end)
            if cut < 0:
                stop = text.rfind(". ", half, end)
                cut = stop + 1 if stop >= 0 else end - 1
            end = cut + 1
        yield start, text[start:end]
        start = end

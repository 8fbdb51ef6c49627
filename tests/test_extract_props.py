"""Robustness of the extractor: any string returns a list, nothing raises, nothing hangs.

The hang guard is a generous alarm (a regular expression that backtracks catastrophically
takes minutes or forever on these inputs, not seconds); it is not a speed test."""
from __future__ import annotations

import datetime as dt
import signal
from contextlib import contextmanager

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from store.extract import Candidate, DateMention, extract, find_dates

PUB = dt.date(2025, 11, 24)
HANG_SECONDS = 60


@contextmanager
def hang_guard(seconds=HANG_SECONDS):
    def boom(signum, frame):
        raise TimeoutError(f"no result after {seconds} s: catastrophic backtracking?")

    old = signal.signal(signal.SIGALRM, boom)
    signal.alarm(seconds)
    try:
        yield
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, old)


def check(text, lang=None):
    with hang_guard():
        cands = extract(text, PUB, lang)
        mentions = find_dates(text, PUB, lang)
    assert isinstance(cands, list) and all(isinstance(c, Candidate) for c in cands)
    assert isinstance(mentions, list) and all(isinstance(m, DateMention) for m in mentions)
    for c in cands:
        assert 0 <= c.start <= c.end <= len(text)
        assert text[c.start:c.end] == c.sentence
        assert c.window_start <= c.due
        assert c.precision in ("day", "week", "month", "quarter", "year")
        assert 0.0 <= c.confidence <= 1.0
        c.to_json()
    for m in mentions:
        assert text[m.start:m.end] == m.text
        assert m.precision in ("day", "week", "month", "quarter", "year")


DATEISH = st.sampled_from([
    "27. November", "Nov. 27", "2026", "1.12.", "bis Ende März", "next week", "Q1 2026",
    "in zwei Wochen", "für ein Jahr", "vom 3. bis 14. Dezember", "H1 2027", "tomorrow",
    "Ende", "the", "und", "-", ".", "/", "31/12/", "9999", "0.0.0", "v. Chr.", "morgen",
    "am", "im", " ", "\n", "„", "“", "Dr.", "U.S.", "z. B.", "May", "März", "<b>", "&amp;",
])
SETTINGS = settings(max_examples=150, deadline=None,
                    suppress_health_check=[HealthCheck.too_slow])


@SETTINGS
@given(st.text())
def test_random_unicode(text):
    check(text)


@SETTINGS
@given(st.lists(st.one_of(DATEISH, st.text(max_size=5)), max_size=60).map(" ".join))
def test_date_like_soup(text):
    check(text, "de")
    check(text, "en")


@SETTINGS
@given(st.text(alphabet=st.characters(max_codepoint=0x1F), max_size=200))
def test_control_characters(text):
    check(text)


@SETTINGS
@given(st.lists(st.sampled_from(["<p>", "</p>", "<a href='x'>", "27.", "11.", "2025",
                                 "&nbsp;", "<br/>", "Nov.", "<script>", "}", "{"]),
                max_size=200).map("".join))
def test_html_fragments(text):
    check(text)


@SETTINGS
@given(st.sampled_from(["de", "en", None, "fr", "", "xx-YY"]), st.text(max_size=200))
def test_any_language_code(lang, text):
    check(text, lang)


MEGABYTES = {  # short ids: the parameter itself is a megabyte and would flood the log
    "digits-and-dots": "1." * 500_000,
    "digits": "1" * 1_000_000,
    "ordinals": "27. " * 250_000,
    "full-stops": ". " * 500_000,
    "month-abbreviations": "Nov. " * 200_000,
    "in-then-unit": "in " * 300_000 + "Tagen",
    "the-then-year": "the " * 250_000 + "year",
    "newlines": "\n" * 1_000_000,
    "ab-dem": "ab dem " * 150_000,
    "year-dashes": "2025-" * 200_000,
    "letters": "a" * 1_000_000,
}


@pytest.mark.parametrize("name", list(MEGABYTES))
def test_adversarial_megabyte(name):
    check(MEGABYTES[name])

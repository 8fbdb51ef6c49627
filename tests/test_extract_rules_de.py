"""German rule classes found on unseen news (plans the rules rejected).  Every sentence
here was written for these tests."""
from __future__ import annotations

import datetime as dt

import pytest

from store.extract import extract

PUB = dt.date(2031, 3, 12)  # a Wednesday


def dues(text, lang="de", published=PUB):
    return [c.due.isoformat() for c in extract(text, published, lang)]


@pytest.mark.parametrize("text, due", [
    # "für" before a day in a clause that announces: the day the plan is for, not the day
    # it was said ("hat für Freitag" is no "hat am Freitag"), also when the date opens the
    # sentence and the auxiliary of the announcement follows it
    ("Die Bauern haben für Freitag eine Sternfahrt angekündigt.", "2031-03-14"),
    ("Die Bauern kündigten für Freitag eine Sternfahrt an.", "2031-03-14"),
    ("Für Freitag kündigten die Bauern eine Sternfahrt an.", "2031-03-14"),
    ("Für den 2. April haben die Bauern eine Sternfahrt angekündigt.", "2031-04-02"),
])
def test_a_plan_announced_for_a_day(text, due):
    assert dues(text) == [due]


@pytest.mark.parametrize("text", [
    "Die Firma hat am Montag mitgeteilt, dass sie das Werk verkauft.",
    "Für den Bau der Brücke hatte die Stadt am Montag Geld bewilligt.",
])
def test_the_day_something_was_said_or_done_stays_past(text):
    assert dues(text) == []

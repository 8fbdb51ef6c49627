"""German time expressions the date finder reads as classes, and how they resolve against
the publication date (corpus GUIDELINES, "Resolving dates").  Every sentence here was
written for these tests."""
from __future__ import annotations

import datetime as dt

import pytest

from store.extract import extract, find_dates

PUB = dt.date(2031, 3, 12)  # a Wednesday


def read(text, published=PUB):
    return [(m.text, m.value) for m in find_dates(text, published, "de")]


def dues(text, published=PUB):
    return [c.due.isoformat() for c in extract(text, published, "de")]


@pytest.mark.parametrize("text, due", [
    # the clause opens the sentence with an article ("Die", "Der", "Das"), which is no
    # relative pronoun there: the reporting verb after it says when it was said
    ("Der Verband will seine Bilanz am Montag vorlegen, teilte ein Sprecher mit.",
     "2031-03-17"),
    ("Die Stadt will das Bad am Dienstag wieder öffnen, teilte die Verwaltung in Essen mit.",
     "2031-03-18"),
])
def test_a_reporting_verb_after_a_clause_opening_with_an_article(text, due):
    assert read(text)[0][1] == due
    assert due in dues(text)


@pytest.mark.parametrize("text, value", [
    # "vor" before a day is "before" it, a deadline, not "ago": the verb says the tense
    ("Die Firma will die Anlage noch vor Weihnachten in Betrieb nehmen, teilte sie mit.",
     "2031-12-25"),
    ("Der Verein will das Stadion vor Ostern fertigstellen, teilte der Vorstand mit.",
     "2031-04-13"),
])
def test_vor_before_a_holiday_is_no_past_cue(text, value):
    assert [v for _, v in read(text)] == [value]

"""Classes of statements the extractor must read alike wherever they occur (issue 13):
the verb that governs a date decides its tense; replaced or cancelled plans and forecasts
of quantities are no commitments; states that last until a date and moved dates are.
Every sentence here was written for these tests."""
from __future__ import annotations

import datetime as dt

import pytest

from store.extract import extract

PUB = dt.date(2031, 3, 12)  # a Wednesday


def dues(text, lang, published=PUB):
    return [c.due.isoformat() for c in extract(text, published, lang)]


@pytest.mark.parametrize("lang, text", [
    # a past verb next to the date: the date is history, whatever else the sentence says
    ("en", "Until Monday evening the crews were kept away from the harbour, officials will say."),
    ("de", "Am Dienstag verunglückte der Fahrer, nachdem er angekündigt hatte, er werde bald aufhören."),
    ("en", "Her first mandate was through 2032, before the rules changed."),
    # a plan that was replaced or called off
    ("en", "The originally planned opening on Friday was cancelled because of the storm."),
    ("de", "Die Messe, die ursprünglich für den 20. April geplant war, wurde abgesagt."),
    ("en", "The show, which was slated for April 20, has been called off."),
    # forecasts of quantities
    ("en", "Analysts expect revenue to reach 4 billion dollars by 2033."),
    ("de", "Die Arbeitslosenquote wird im Jahr 2032 bei sieben Prozent liegen, schätzt das Institut."),
    ("en", "The outbreak may cause 9,000 more infections by May 20."),
    ("de", "Der Ausbau wird bis zum Jahr 2035 rund 40 Milliarden Euro kosten."),
])
def test_no_commitment(lang, text):
    assert dues(text, lang) == []


@pytest.mark.parametrize("lang, text, due", [
    # a state that lasts until a date
    ("de", "Die Bäder bleiben bis zum 2. Mai geschlossen.", "2031-05-02"),
    ("en", "The pass will remain closed until May 2.", "2031-05-02"),
    # a date moved to a new one: the new one counts
    ("de", "Die Anhörung wurde auf Juni vertagt.", "2031-06-30"),
    ("en", "The regulator extended the deadline to April 30.", "2031-04-30"),
    ("en", "The launch was rescheduled to June 9.", "2031-06-09"),
    ("de", "Der Start wurde vom 20. März auf den 9. Juni verschoben.", "2031-06-09"),
    # a past verb that sets a date ahead, and a payment (an amount, but no forecast)
    ("en", "The court gave the firm until April 4 to file its answer.", "2031-04-04"),
    ("en", "The larger dividend will be paid April 15 to holders of record.", "2031-04-15"),
    ("en", "The agency is projected to open its new office in 2032.", "2032-12-31"),
    ("en", "The board promised to present the cost estimate by April 10.", "2031-04-10"),
])
def test_commitment(lang, text, due):
    assert dues(text, lang) == [due]

"""English classes of time expressions and of their tense (branch timexen): a plan told
in the past, "to" before a date, counts that say how long something took, maturities,
hours, ranges of years, holidays, forecasts of spending, a year in a relative clause, the
day something was announced, speculation in an aside.  Every sentence here was written for
these tests."""
from __future__ import annotations

import datetime as dt

import pytest

from store.extract import extract

from conftest import EXTRACT_PUB, dues

PUB = EXTRACT_PUB



@pytest.mark.parametrize("text", [
    # forecasts of spending and profitability, not commitments
    "Capital spending in 2033 will rise slightly, the chairman said.",
    "Defence expenditure will climb to 3 percent of output by 2034.",
    "The analyst estimated that the airline would not be profitable until 2034.",
])
def test_forecasts_of_spending_and_profit_are_no_commitments(text):
    assert dues(text, "en") == []


@pytest.mark.parametrize("text", [
    # "was expected to": a plan told in the past, its bare weekday counts from a day gone
    "The storm was expected to reach the coast late Monday night.",
    "The two ministers were expected to meet on Friday.",
])
def test_an_expectation_told_in_the_past_leaves_a_weekday_unanchored(text):
    assert dues(text, "en") == []


@pytest.mark.parametrize("text", [
    # "to" before a date is a preposition: the past verb before it still governs
    "The storm swept the islands from Sunday night through to Monday, flooding roads.",
    "The crews kept the tunnel shut from Sunday right through to Tuesday.",
])
def test_to_before_a_date_is_no_infinitive_marker(text):
    assert dues(text, "en") == []


@pytest.mark.parametrize("text", [
    # "in three days" after a past or perfect verb says how long it took, not when
    "We have had more than 5,000 sign-ups in three days, so the servers need to grow.",
    "The shop sold its whole stock in two weeks and will need a bigger store.",
])
def test_a_count_in_days_governed_by_a_past_verb_is_no_due_date(text):
    assert dues(text, "en") == []


def test_a_count_in_days_governed_by_a_future_stays():
    assert dues("The minister will present the bill in ten days.", "en") == ["2031-03-22"]


def test_a_maturity_after_an_amount_is_no_commitment():
    # the security and its "due" may stand an amount apart
    assert dues("The company still owes on loans in excess of 400 million dollars due in "
                "five years.", "en") == []


@pytest.mark.parametrize("text, due", [
    # hours count in whole days: the day they run out
    ("The envoy must leave the country within 48 hours.", "2031-03-14"),
    ("The board will answer the request within 24 hours.", "2031-03-13"),
    ("The ministry will publish the figures within 36 hours.", "2031-03-14"),
])
def test_hours_are_counted_in_days(text, due):
    assert dues(text, "en") == [due]


def test_a_few_hours_stay_on_the_day_of_the_text():
    assert dues("The results are expected in the next few hours.", "en") == []


@pytest.mark.parametrize("text, due", [
    # a range of years is due at the end of the later one
    ("The city will finish the new tram lines by 2033-34.", "2034-12-31"),
    ("The club will join the first division in the 2032/33 season.", "2033-12-31"),
    ("The programme is to run from 2031-2035, the ministry said.", "2035-12-31"),
    # a range of years that says what the thing is about leaves the day its due
    ("The budget for 2031-32 will be presented on Friday.", "2031-03-14"),
])
def test_a_range_of_years_is_due_at_its_end(text, due):
    assert dues(text, "en") == [due]


def test_a_range_of_years_is_two_years_in_timex_mode():
    from store.extract import find_dates
    found = find_dates("The expedition of 1957-58 crossed the continent on foot.", PUB, "en",
                       timex=True)
    assert [(m.text, m.value) for m in found] == [("1957", "1957"), ("58", "1958")]


@pytest.mark.parametrize("text, due", [
    # a holiday after "on" in a clause that speaks of the future is its date
    ("Voters in the county will go to the polls on Election Day.", "2031-11-04"),
    ("The museum will reopen its doors on Thanksgiving.", "2031-11-27"),
])
def test_a_holiday_after_on_in_a_future_clause_is_a_date(text, due):
    assert dues(text, "en") == [due]


@pytest.mark.parametrize("text", [
    "Christmas sales will rise by four percent, the group expects.",
    "The family met on Thanksgiving and will meet again in spring.",
])
def test_a_holiday_without_a_plan_on_it_is_no_date(text):
    assert [c.due_text for c in extract(text, PUB, "en")
            if c.due_text in ("Christmas", "Thanksgiving")] == []


def test_a_maturity_with_a_preposition_is_no_commitment():
    assert dues("The proceeds of the notes, which will be due on Nov. 1, 2040, will repay "
                "older debt.", "en") == []


def test_the_latter_half_is_the_second():
    def read(text):
        return [(c.due_text, c.value) for c in extract(text, PUB, "en")]
    assert read("The plant will open in the latter half of 2032.") == [
        ("the latter half of 2032", read("The plant will open in the second half of 2032.")[0][1])]


def test_a_far_future_auxiliary_with_no_past_in_the_sentence_is_sure():
    # "will" far before the month, nothing of the past: this December, not the last
    assert dues("Major Lena Vogt will be named commander of the new research vessel for "
                "a voyage in December.", "en") == ["2031-12-31"]


def test_a_future_cue_after_the_date_does_not_make_a_year_less_range_start_ahead():
    # "from 1st of March to 10th of March we have to celebrate", said on 12 March
    assert "2032-03-01" not in dues("And from 1st of March to 10th of March we have to "
                                    "celebrate with talks and lectures.", "en")


@pytest.mark.parametrize("text, due", [
    # a year inside a relative clause does not date the main clause's day
    ("The three states, who were invited to join the union in July 2029, will formally "
     "join it on April 2 in a ceremony.", "2031-04-02"),
    ("The league, which won 1,200,000 votes with the 2026 slate of candidates, is to name "
     "its new slate at a meeting on June 5.", "2031-06-05"),
])
def test_a_year_in_a_relative_clause_dates_that_clause_only(text, due):
    assert dues(text, "en") == [due]


def test_a_year_in_the_main_clause_still_dates_the_days_after_it():
    assert "2033-06-23" in dues("In 2033 the festival will run from June 16 to June 23.", "en")


@pytest.mark.parametrize("text", [
    # a reporting verb and its object before a day: when it was said
    "The bank announced the plan Aug. 21.",
    "The insurer confirmed its offer on March 2.",
])
def test_the_day_after_a_reported_object_is_when_it_was_said(text):
    assert dues(text, "en", published=dt.date(2031, 3, 5)) == []


def test_a_plan_after_a_reported_object_for_a_day_stays():
    assert dues("The union announced the strike for March 20.", "en",
                published=dt.date(2031, 3, 5)) == ["2031-03-20"]


@pytest.mark.parametrize("text", [
    # "in a quarter that ...": a quarter described, not a quarter from now
    "Tax payments would be minimal in a quarter that produced such a big loss.",
    "The deal will be hard to close in a year when prices fall.",
])
def test_a_unit_with_a_relative_clause_is_no_offset(text):
    assert dues(text, "en") == []


def test_a_counted_offset_before_a_relative_clause_stays():
    assert dues("The minister is to send a bill to parliament in the next ten days which "
                "aims to end the rule.", "en") == ["2031-03-22"]


def test_a_date_in_an_aside_after_a_modal_of_speculation_is_speculative():
    cands = extract("The firm may, by March 30, sell the plant.", PUB, "en")
    assert [c.due.isoformat() for c in cands] == ["2031-03-30"]
    assert all(c.confidence < 0.5 for c in cands)


@pytest.mark.parametrize("text, due", [
    # a day restated in brackets is one date: what stands before the pair governs it
    ("The union has called a strike for Friday (March 14).", "2031-03-14"),
    ("The council will vote on Tuesday (March 18) on the budget.", "2031-03-18"),
])
def test_a_day_restated_in_brackets(text, due):
    assert dues(text, "en") == [due]


@pytest.mark.parametrize("text, lang, due", [
    # a statistic named as the cause of a measure makes no forecast of it
    ("It was agreed a curfew would begin on Saturday in response to rising infections "
     "among the city's 2.5 million people.", "en", "2031-03-15"),
    ("Wegen steigender Infektionszahlen unter den 2,5 Millionen Einwohnern beginnt am "
     "Samstag eine Ausgangssperre.", "de", "2031-03-15"),
])
def test_a_statistic_named_as_a_cause_is_no_forecast(text, lang, due):
    assert dues(text, lang) == [due]


def test_a_statistic_that_is_the_subject_stays_a_forecast():
    assert dues("Infections will rise to 2.5 million by Saturday.", "en") == []


def test_a_plan_called_off_past_a_list():
    # the plan the date belongs to is called off, past a list's commas
    assert dues("The rally planned for March 20 by farmers, vintners and beekeepers has "
                "been called off.", "en") == []

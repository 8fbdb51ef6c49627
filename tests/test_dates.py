"""The date finder: forms, TIMEX3-style values, precision and resolution direction.

Example sentences are written for these tests (no corpus text)."""
from __future__ import annotations

import datetime as dt

import pytest

from store.extract import DateMention, extract, find_dates

PUB = dt.date(2025, 11, 24)  # a Monday
TODAY = dt.date(2026, 11, 25)  # a Wednesday


def one(text, published=PUB, lang=None, **kw) -> DateMention:
    found = find_dates(text, published, lang, **kw)
    assert len(found) == 1, (text, found)
    return found[0]


def values(text, published=PUB, lang=None, **kw):
    return [(m.text, m.value, m.precision) for m in find_dates(text, published, lang, **kw)]


# ---------------------------------------------------------------- typed input (--due)

TYPED = [
    ("2026-04-30", "2026-04-30", "day"),
    ("27 November", "2026-11-27", "day"),
    ("27.11.", "2026-11-27", "day"),
    ("27. November 2025", "2025-11-27", "day"),
    ("April 2026", "2026-04", "month"),
    ("Q1 2026", "2026-Q1", "quarter"),
    ("end of the year", "2026", "year"),
    ("in 10 days", "2026-12-05", "day"),
    ("next Friday", "2026-11-27", "day"),
    ("tomorrow", "2026-11-26", "day"),
    ("bis Ende März", "2027-03", "month"),
    ("in zwei Wochen", "2026-12-09", "day"),
    ("nächsten Freitag", "2026-11-27", "day"),
    ("morgen", "2026-11-26", "day"),
    ("today", "2026-11-25", "day"),
    ("heute", "2026-11-25", "day"),
    ("in 3 weeks", "2026-12-16", "day"),
    ("Dec 4", "2026-12-04", "day"),
    ("next week", "2026-W49", "week"),
    ("nächste Woche", "2026-W49", "week"),
    ("2026-W50", "2026-W50", "week"),
    ("Anfang 2027", "2027-Q1", "quarter"),
    ("next spring", "2027-Q2", "quarter"),
    ("im Frühjahr", "2027-Q2", "quarter"),
    ("within 30 days", "2026-12-25", "day"),
    ("binnen 90 Tagen", "2027-02-23", "day"),
    ("innerhalb eines Monats", "2026-12-25", "day"),
    ("later this year", "2026", "year"),
    ("später im Jahr", "2026", "year"),
    ("bis Jahresende", "2026", "year"),
    ("Mitte März", "2027-03", "month"),
    ("kommenden Dienstag", "2026-12-01", "day"),
    ("übermorgen", "2026-11-27", "day"),
    ("30/11/2026", "2026-11-30", "day"),
    ("Nov. 27", "2026-11-27", "day"),
    ("mid-December", "2026-12", "month"),
    ("Weihnachten", "2026-12-25", "day"),
    ("first half of 2027", "2027-Q2", "quarter"),
]


@pytest.mark.parametrize("text,value,precision", TYPED)
def test_typed_strings_resolve_forward_and_cover_the_input(text, value, precision):
    m = one(text, TODAY)
    assert (m.value, m.precision) == (value, precision)
    covered = text[m.start:m.end]
    # the mention covers the date words: at most a leading preposition is left out
    rest = (text[:m.start] + text[m.end:]).strip().lower()
    assert rest in ("", "bis", "on", "am", "by"), covered
    assert m.due >= TODAY or text.startswith("27. November 2025") or text in (
        "April 2026", "Q1 2026", "2026-04-30")


def test_typed_year_less_date_that_passed_goes_to_next_year():
    assert one("3 March", TODAY).value == "2027-03-03"
    assert one("3. März", TODAY).value == "2027-03-03"


def test_prefer_future_on_long_text():
    text = "The ministers met on 3 March in Brussels to discuss the budget of the union. " * 2
    past = find_dates(text, TODAY, "en")
    fut = find_dates(text, TODAY, "en", prefer_future=True)
    assert past[0].value == "2026-03-03"
    assert fut[0].value == "2027-03-03"


# ---------------------------------------------------------------- windows and values

def test_month_window_never_invents_a_day():
    m = one("Der Besuch ist für April 2026 geplant.", lang="de")
    assert (m.value, m.precision) == ("2026-04", "month")
    assert m.window_start == dt.date(2026, 4, 1) and m.due == dt.date(2026, 4, 30)


@pytest.mark.parametrize("text,value,start,end", [
    ("im ersten Quartal 2026", "2026-Q1", "2026-01-01", "2026-03-31"),
    ("in the third quarter of 2026", "2026-Q3", "2026-07-01", "2026-09-30"),
    ("in the first half of 2026", "2026-Q2", "2026-01-01", "2026-06-30"),
    ("im zweiten Halbjahr 2026", "2026-Q4", "2026-07-01", "2026-12-31"),
    ("im Sommer 2026", "2026-Q3", "2026-07-01", "2026-09-30"),
    ("in the winter of 2026", "2027-Q1", "2027-01-01", "2027-03-31"),
    ("Anfang 2026", "2026-Q1", "2026-01-01", "2026-03-31"),
    ("Ende 2026", "2026", "2026-01-01", "2026-12-31"),
])
def test_periods(text, value, start, end):
    m = one(text, PUB)
    assert m.value == value
    assert (m.window_start.isoformat(), m.due.isoformat()) == (start, end)


def test_iso_week_window():
    m = one("Die Gespräche sollen nächste Woche stattfinden.", PUB, "de")
    assert (m.value, m.precision) == ("2025-W49", "week")
    assert m.window_start == dt.date(2025, 12, 1) and m.due == dt.date(2025, 12, 7)


@pytest.mark.parametrize("text,lang,value", [
    ("Die Regelung gilt ab dem 1. Dezember.", "de", "2025-12-01"),
    ("Sie wollen bis zum 27. November abschließen.", "de", "2025-11-27"),
    ("The deal is due by Nov. 27.", "en", "2025-11-27"),
    ("The rule takes effect on December 1, 2025.", "en", "2025-12-01"),
    ("The rule takes effect on 1 December 2025.", "en", "2025-12-01"),
    ("Die Frist endet am 01.12.2025.", "de", "2025-12-01"),
    ("The filing is due 2025-12-01.", "en", "2025-12-01"),
    ("Payment due 27/11/2025.", "en", "2025-11-27"),
    # a German day without its dot before the month name keeps its day (QA F34)
    ("Die Anträge müssen bis 2 Mai beim Bezirksamt eingehen.", "de", "2026-05-02"),
    ("Der Tarif gilt vom 3 Januar an für alle Kunden.", "de", "2026-01-03"),
])
def test_day_forms(text, lang, value):
    assert one(text, PUB, lang).value == value


def test_year_less_dates_follow_tense():
    assert one("Die Minister trafen sich am 30. Oktober.", PUB, "de").value == "2025-10-30"
    assert one("Die Minister werden sich am 30. Oktober treffen.", PUB, "de").value == "2026-10-30"
    assert one("The ministers met on April 4.", PUB, "en").value == "2025-04-04"
    assert one("The ministers will meet on April 4.", PUB, "en").value == "2026-04-04"


def test_mid_month_in_future_sentence_is_the_coming_one():
    m = one("Die Entscheidung soll Mitte März fallen.", PUB, "de")
    assert m.value == "2026-03"


def test_weekdays():
    assert one("The committee will vote on Thursday.", PUB, "en").value == "2025-11-27"
    assert one("The committee voted on Thursday.", PUB, "en").value == "2025-11-20"
    assert one("Am kommenden Dienstag wird abgestimmt.", PUB, "de").value == "2025-11-25"


def test_deadline_weekday_in_a_past_perfect_sentence_is_the_past_one():
    # "by" alone would point forward; the past perfect right before says it is done
    s = "Most member states had replied by Wednesday, and the rest were still drafting theirs."
    assert one(s, PUB, "en").value == "2025-11-19"
    assert one("All member states must reply by Wednesday.", PUB, "en").value == "2025-11-26"


def test_relative_forms():
    assert one("Results are expected next month.", PUB, "en").value == "2025-12"
    assert one("Das Gesetz soll im nächsten Jahr kommen.", PUB, "de").value == "2026"
    assert one("He left two years ago.", PUB, "en").value == "2023"
    assert one("It will be decided within 90 days.", PUB, "en").value == "2026-02-22"


def test_ranges_end_on_their_last_day_or_month():
    assert one("The summit runs from 3 to 14 December.", PUB, "en").value == "2025-12-14"
    assert one("Works are planned from June to August 2026.", PUB, "en").value == "2026-08"


def test_numbers_that_are_not_dates():
    assert values("Es kamen 2.000 Polizisten und 0,1 Prozent mehr.", PUB, "de") == []
    assert values("Sales rose 12.5% to 1,700 units.", PUB, "en") == []
    # a number before a month name is not taken as its day across other words
    found = values("Der Umsatz stieg um 12 Prozent auf 3 Millionen im März.", PUB, "de")
    assert [(t, p) for t, _, p in found] == [("im März", "month")]


def test_may_the_modal_is_not_a_month():
    assert values("The board may decide to act.", PUB, "en") == []
    assert one("The board will decide in May.", PUB, "en").value == "2026-05"


def test_timex_mode_adds_references_and_seasons():
    found = find_dates("Now the company plans a launch next summer.", PUB, "en", timex=True)
    assert [(m.text, m.value) for m in found] == [("Now", "PRESENT_REF"), ("next summer", "2026-SU")]
    plain = find_dates("Now the company plans a launch next summer.", PUB, "en")
    assert [(m.text, m.value) for m in plain] == [("next summer", "2026-Q3")]


def test_offsets_index_the_original_text():
    text = "Laut Plan soll der Bau am 3. Dezember 2025 beginnen und bis Ende 2027 dauern."
    for m in find_dates(text, PUB, "de"):
        assert text[m.start:m.end] == m.text


def test_language_is_detected():
    de = find_dates("Die Regierung will das Gesetz im Mai verabschieden.", PUB)
    en = find_dates("The government wants to pass the law in May.", PUB)
    assert [m.value for m in de] == ["2026-05"]
    assert [m.value for m in en] == ["2026-05"]


def test_bad_inputs_give_empty_lists():
    assert find_dates("", PUB) == []
    assert find_dates("no date here at all", PUB) == []
    assert find_dates(None, PUB) == []  # type: ignore[arg-type]


def test_holidays_fixed_movable_and_nth_weekday():
    assert one("Christmas 2026", PUB).value == "2026-12-25"
    assert one("Ostern 2026", PUB).value == "2026-04-05"  # Easter Sunday
    assert one("Pfingstmontag 2026", PUB).value == "2026-05-25"
    assert one("Thanksgiving 2026", PUB).value == "2026-11-26"  # fourth Thursday
    assert one("Memorial Day 2026", PUB).value == "2026-05-25"  # last Monday of May


def test_weekend_follows_tense():
    assert one("The rebels attacked the town over the weekend.", PUB, "en").value == "2025-11-23"
    assert one("Am kommenden Wochenende wird gewählt.", PUB, "de").value == "2025-11-30"


def test_latest_quarter_is_the_last_completed_one():
    m = one("Profit fell in the latest quarter, the company said.", PUB, "en")
    assert (m.value, m.precision) == ("2025-Q3", "quarter")


def test_weekday_with_date_picks_the_matching_year():
    m = one("The vote was held on Monday, Oct. 26, officials said.", dt.date(1998, 11, 2), "en")
    assert m.value == "1998-10-26"


def test_narrative_offsets_are_not_anchored_to_publication():
    assert values("The following year, the company moved to Berlin.", PUB, "en") == []
    assert values("Four years later, he returned.", PUB, "en") == []


def test_timex_mode_bc_years_and_decades():
    assert [m.value for m in find_dates("Die Schlacht fand 216 v. Chr. statt.", PUB, "de",
                                        timex=True)] == ["BC0216"]
    assert [m.value for m in find_dates("Prices rose in the 1990s.", PUB, "en",
                                        timex=True)] == ["199"]
    assert find_dates("Die Schlacht fand 216 v. Chr. statt.", PUB, "de") == []


@pytest.mark.parametrize("text,value,precision", [
    ("2026/04/30", "2026-04-30", "day"),
    ("12/2026", "2026-12", "month"),
    ("KW 49", "2026-W49", "week"),
    ("KW 10", "2027-W10", "week"),
    ("week 50", "2026-W50", "week"),
    ("Montag", "2026-11-30", "day"),
    ("this Friday", "2026-11-27", "day"),
    ("diesen Freitag", "2026-11-27", "day"),
    ("in a fortnight", "2026-12-09", "day"),
    ("end of next month", "2026-12", "month"),
    ("Ende nächster Woche", "2026-W49", "week"),
])
def test_more_typed_forms(text, value, precision):
    m = one(text, TODAY)
    assert (m.value, m.precision) == (value, precision)


def test_a_year_earlier_in_quarterly_results_is_the_same_quarter():
    pub = dt.date(2025, 10, 30)  # reporting the third quarter
    text = ("Net income rose to $5 million in the third quarter from $4 million a year "
            "earlier, and year-ago sales were lower.")
    found = {m.text: m.value for m in find_dates(text, pub, "en")}
    assert found["a year earlier"] == "2024-Q3"
    assert found["year-ago"] == "2024-Q3"
    # without quarters in the text it is just the year before
    assert one("The museum opened a year ago.", pub, "en").value == "2024"


def test_as_early_as_points_ahead_and_the_latest_period_is_a_quarter():
    pub = dt.date(2025, 11, 24)  # a Monday
    m = one("The envoy could arrive as early as Thursday, officials said.", pub, "en")
    assert m.value == "2025-11-27"
    m = one("Net income in the latest period rose 5%.", dt.date(2025, 10, 30), "en")
    assert m.value == "2025-Q3"


def test_quarterly_is_not_a_quarter():
    pub = dt.date(2025, 10, 30)
    assert find_dates("It posted its first quarterly loss; the quarterly results were weak.",
                      pub, "en") == []


def test_that_year_is_the_year_named_before():
    pub = dt.date(2005, 1, 1)
    found = values("The plant opened in 1998. Later that year it closed; the following "
                   "year it reopened.", pub, "en")
    assert found == [("1998", "1998", "year"), ("Later that year", "1998", "year"),
                     ("the following year", "1999", "year")]
    found = values("Der Bau begann 1998. Im selben Jahr kam der Kran.", pub, "de")
    assert found[-1] == ("Im selben Jahr", "1998", "year")
    assert find_dates("Later that year it closed.", pub, "en") == []


def test_the_last_half_is_the_second_half():
    pub = dt.date(2026, 1, 10)
    m = one("Profits will be lower in the last half of 2026.", pub, "en")
    assert (m.value, m.window_start) == ("2026-Q4", dt.date(2026, 7, 1))
    m = one("Die Zahlen für das letzte Halbjahr 2026 kommen später.", pub, "de")
    assert (m.value, m.window_start) == ("2026-Q4", dt.date(2026, 7, 1))
    assert one("Profits fell in the last half of 2025.", pub, "en", timex=True).value == "2025-H2"
    # a half of something else is not a half-year of the current year
    assert values("Volume kept the trend of the last half of the 1980s.", pub, "en",
                  timex=True) == [("the 1980s", "198", "year")]


def test_a_superseded_plan_keeps_its_date_near():
    # "had been set to expire" says the plan is past, not that its day is a year back
    text = "The offer, worth about $500 million, had been set to expire Nov. 28, the firm said."
    assert one(text, PUB, "en").value == "2025-11-28"
    assert extract(text, PUB, "en") == []
    assert one("The ministers met on April 4 to sign it.", PUB, "en").value == "2025-04-04"


def test_centuries_in_timex_mode_only():
    pub = dt.date(2025, 11, 24)
    assert values("The temple dates from the 11th century.", pub, "en", timex=True) == [
        ("the 11th century", "10", "year")]
    assert values("Die Kirche des 12. Jahrhunderts steht noch.", pub, "de", timex=True) == [
        ("des 12. Jahrhunderts", "11", "year")]
    # a century is no deadline: not a date outside the benchmark mode
    assert find_dates("It was a 20th-century idea.", pub, "en") == []


def test_a_window_never_starts_before_the_text_that_set_it():
    """'End of the year' said on 3 December is 3 to 31 December, not the whole year; the
    same for typed dates and for extracted commitments (issue 16)."""
    import datetime as _dt
    from store.extract import extract as _extract, find_dates as _find_dates
    said = _dt.date(2030, 12, 3)
    typed = _find_dates("end of the year", said, prefer_future=True)
    assert [(m.window_start, m.due) for m in typed] == [(said, _dt.date(2030, 12, 31))]
    text = "The council will decide on the harbour plan by the end of the year, the mayor said."
    found = _find_dates(text, said, "en")
    assert [(m.window_start, m.due) for m in found] == [(said, _dt.date(2030, 12, 31))]
    [c] = _extract(text, said, "en")
    assert (c.window_start, c.due) == (said, _dt.date(2030, 12, 31))
    # a window still ahead keeps its own start; a past one is left as it is
    later = _find_dates("Die Messe soll im März 2031 stattfinden.", said, "de")
    assert later[0].window_start == _dt.date(2031, 3, 1)
    past = _find_dates("Im Jahr 2030 stiegen die Preise in der ganzen Region deutlich an.", said, "de")
    assert past[0].window_start == _dt.date(2030, 1, 1)


@pytest.mark.parametrize("text,lang,value", [
    # vague horizons a reader still dates: a guess of three units, the week, the year's end
    ("Die Kommission will in den kommenden Wochen entscheiden.", "de", "2025-12-15"),
    ("Die Hunde sollen im Laufe der Woche eintreffen.", "de", "2025-W48"),
    ("Das Werk soll zum Jahreswechsel schließen.", "de", "2025"),
    ("The board will decide in the coming months.", "en", "2026-02"),
    ("The agency will reply in the next week.", "en", "2025-12-01"),
    ("The plant will close at the turn of the year.", "en", "2025"),
    # "Jahresbeginn 2027" is its first quarter, as "Anfang 2027" is
    ("Das Gesetz soll zum Jahresbeginn 2027 in Kraft treten.", "de", "2027-Q1"),
])
def test_vague_horizons(text, lang, value):
    assert one(text, PUB, lang).value == value


def test_a_vague_horizon_beside_a_date_or_a_maybe_is_no_commitment():
    assert [c.due.isoformat() for c in extract(
        "In den kommenden Wochen soll der Vertrag bis zum 15. Januar unterzeichnet werden.",
        PUB, "de")] == ["2026-01-15"]
    assert extract("Die Lage könnte sich in den nächsten Tagen verschlechtern.", PUB, "de") == []

"""Classes of statements read from unannotated news (the `news` branch): each looked like
a commitment to the rules and is none, or the other way round.  Every sentence here was
written for these tests."""
from __future__ import annotations

import pytest

from conftest import dues


@pytest.mark.parametrize("lang, text", [
    # a noun named by the day it was made or happened: which one, not when it is due
    ("de", "Die Zeitung schrieb über die Proteste vom Sonntag, die Opposition werde bald "
           "aufgeben."),
    ("de", "Nach einem Plan der Regierung vom Sommer 2031 müssen alle Länder sparen."),
])
def test_a_noun_named_by_its_day_is_no_due_date(lang, text):
    assert dues(text, lang) == []


@pytest.mark.parametrize("lang, text, due", [
    # ... but a range or a start after the same preposition is one
    ("de", "Die Ausstellung vom 16. Juni bis zum 23. September wird in Lindenau gezeigt.",
     "2031-09-23"),
    ("de", "Die Messe findet vom 16. Juni bis zum 23. September statt.", "2031-09-23"),
])
def test_a_range_after_vom_stays_a_due_date(lang, text, due):
    assert dues(text, lang) == [due]


@pytest.mark.parametrize("lang, text", [
    # a reporting verb, where or how it was said, then the day: the day it was said
    ("de", "Der Minister sagte auf einer Pressekonferenz am Freitag, dass die Brücke "
           "gebaut werde."),
    ("de", "Die Regierung erklärte in einer Mitteilung am Montag, dass das Gesetz in Kraft "
           "treten werde."),
    ("en", "The minister said at a news conference on Friday that the bridge will be built."),
    ("en", "The mayor said in a statement Monday that the road will reopen."),
])
def test_the_day_something_was_said_after_where_it_was_said(lang, text):
    assert dues(text, lang) == []


@pytest.mark.parametrize("lang, text, due", [
    ("en", "The council said in a statement that the road will reopen on Friday.", "2031-03-14"),
    ("de", "Die Partei kündigte in Berlin für Freitag eine Kundgebung an.", "2031-03-14"),
    ("de", "Der Minister kündigte in Berlin für den 3. Mai einen Besuch an.", "2031-05-03"),
    ("de", "Die Partei kündigte in Berlin ab dem 3. Mai Streiks an.", "2031-05-03"),
    ("de", "Die Gewerkschaft forderte von der Regierung bis zum 3. Mai eine Antwort.",
     "2031-05-03"),
])
def test_a_day_after_the_statement_stays_the_plan(lang, text, due):
    assert dues(text, lang) == [due]


@pytest.mark.parametrize("lang, text", [
    # a plan that failed or was given up, also when the date stands in the infinitive
    # clause the failure closes
    ("de", "Damit ist auch der Versuch, sich bis zum Jahr 2033 auf einen Haushalt zu einigen, "
           "gescheitert."),
    ("de", "Der Plan, die Brücke bis 2033 zu bauen, scheiterte am Widerstand der Anwohner."),
    ("en", "The attempt to agree on a budget by 2033 has failed."),
    ("en", "The plan to open the bridge in May was shelved last week."),
])
def test_a_failed_plan_is_no_commitment(lang, text):
    assert dues(text, lang) == []


@pytest.mark.parametrize("lang, text, due", [
    # a failure in another clause leaves the date of its own clause alone; "die" before a
    # noun after a comma opens a main clause, not a relative one
    ("de", "Die Verhandlungen sind gescheitert, die Frist läuft am 1. Mai ab.", "2031-05-01"),
    ("de", "Das Konzert ist abgesagt, die Frist läuft am 1. Mai ab.", "2031-05-01"),
    ("de", "Der Versuch, sich bis 2033 zu einigen, soll fortgesetzt werden.", "2033-12-31"),
    ("en", "Talks have failed, so the deadline remains May 1.", "2031-05-01"),
])
def test_a_failure_elsewhere_leaves_the_date_alone(lang, text, due):
    assert dues(text, lang) == [due]


def test_a_relative_clause_with_a_noun_after_its_pronoun_is_still_called_off():
    assert dues("Die Demo, die Greenpeace für Mai geplant hatte, wurde abgesagt.", "de") == []


@pytest.mark.parametrize("lang, text", [
    # predictions: a verb of prediction, or experts and analysts expecting or of an opinion
    ("en", "The weather service predicted that the storm would reach the coast on Friday."),
    ("en", "Analysts expect the merger to close in May."),
    ("en", "Experts believe the bridge will open in 2033."),
    ("de", "Nach Meinung vieler Experten wird die Partei die Wahl im Mai gewinnen."),
    ("de", "Wirtschaftsexperten erwarten, dass die Bank im Juni die Zinsen senkt."),
    ("de", "Die Bank prognostiziert, dass die Aktie im nächsten Jahr steigen wird."),
])
def test_a_prediction_is_no_commitment(lang, text):
    assert dues(text, lang) == []


@pytest.mark.parametrize("lang, text, due", [
    # experts who are to act are committed like anyone
    ("en", "The experts will present their report on Friday.", "2031-03-14"),
    ("en", "The experts said they will present their report on Friday.", "2031-03-14"),
    ("de", "Ein Expertenteam wird dem Parlament Ende des Monats Bericht erstatten.", "2031-03-31"),
])
def test_experts_who_act_are_committed(lang, text, due):
    assert dues(text, lang) == [due]


@pytest.mark.parametrize("lang, text, due", [
    # a split year something starts from is due in its first year
    ("de", "Die Partei will vom Schuljahr 2032/33 an einen Werteunterricht einführen.",
     "2032-12-31"),
    ("de", "Ab der Saison 2032/33 soll die Liga mit 20 Mannschaften spielen.", "2032-12-31"),
    ("en", "The league will expand from the 2032/33 season.", "2032-12-31"),
    # elsewhere a range of years is due at the end of the later one
    ("en", "The league will play the 2032/33 season with 20 teams.", "2033-12-31"),
])
def test_a_split_year_something_starts_from(lang, text, due):
    assert dues(text, lang) == [due]


def test_a_season_named_by_its_split_year_is_a_label():
    # "Saison 2032/2033" after its noun says which season, not when anything is due
    assert dues("Bereits beim ersten Spiel der Saison 2032/2033 kann er in München "
                "auflaufen.", "de") == []


@pytest.mark.parametrize("lang, text, due", [
    # a holiday after the preposition of a day the German template takes along ("am"), in
    # a clause with a strong cue of the future
    ("de", "Die Messe endet wie geplant am Neujahrstag.", "2032-01-01"),
    ("de", "Die Partei will am Ostermontag in Berlin demonstrieren.", "2031-04-14"),
])
def test_a_holiday_after_am_in_a_plan(lang, text, due):
    assert dues(text, lang) == [due]


@pytest.mark.parametrize("text", [
    "Am Ostermontag demonstrierten Tausende in Berlin.",
    "Das Ostergeschäft am Ostermontag war gut.",
])
def test_a_holiday_after_am_in_the_past_is_none(text):
    assert dues(text, "de") == []


def test_a_hope_after_a_fronted_date_is_speculation():
    # a date opening the sentence in a clause of its own belongs to the clause after it
    from store.extract import extract
    from conftest import EXTRACT_PUB
    hoped = extract("In the coming year, we hope to show that the new system works.",
                    EXTRACT_PUB, "en")
    planned = extract("Next year, the company will open a plant.", EXTRACT_PUB, "en")
    assert [c.confidence <= 0.45 for c in hoped] == [True]
    assert [c.confidence > 0.45 for c in planned] == [True]


def test_a_version_number_is_no_day():
    # a day and month in figures right after a capitalised word that is no weekday,
    # article or preposition numbers a version
    assert dues("Die Version 2.1. soll neue Funktionen bringen.", "de") == []


@pytest.mark.parametrize("text, due", [
    ("Der Ausschuss werde am 20.06. beraten.", "2031-06-20"),
    ("Am Montag, 20.06. tagt der Rat.", "2031-06-20"),
    ("Vom 20.06. bis 23.06. ist die Messe geöffnet.", "2031-06-23"),
    ("Der nächste Termin 20.06. steht fest.", "2031-06-20"),  # a noun of a date: no version
])
def test_a_day_in_figures_after_its_preposition_stays(text, due):
    assert dues(text, "de") == [due]


@pytest.mark.parametrize("lang, text", [
    # a weekday outside a relative clause whose plan is not its own
    ("de", "Die Hunde, die den Bären aufspüren sollen, sind am Samstag eingetroffen."),
    ("en", "The dogs, which are to track the bear, were flown in Saturday."),
])
def test_a_plan_in_a_relative_aside_does_not_date_the_main_clause(lang, text):
    assert dues(text, lang) == []


@pytest.mark.parametrize("lang, text, due", [
    ("de", "Der Minister, der das Projekt leiten soll, reist am Montag nach Berlin.", "2031-03-17"),
    ("de", "Am Montag, so heißt es, soll der Rat tagen.", "2031-03-17"),
])
def test_a_weekday_with_its_own_plan_stays(lang, text, due):
    assert dues(text, lang) == [due]


def test_a_forecast_named_as_a_thing_to_publish_stays():
    # "forecast" is also a noun: publishing one is a plan
    assert dues("The government will publish its budget forecast on Friday.", "en") == [
        "2031-03-14"]


@pytest.mark.parametrize("text", [
    # a weekday in the possessive names the day of a thing done
    "The relatives said they would look for ways to get around Monday's ruling by the agency.",
    "The company's share before Friday's purchases is far below that of its rivals.",
])
def test_a_weekday_of_a_thing_done_is_gone_by(text):
    assert dues(text, "en") == []


@pytest.mark.parametrize("text, due", [
    # ... unless its noun is an event held that day, or it is named as ahead
    ("Voters will turn out for Friday's vote in large numbers.", "2031-03-14"),
    ("Officials will attend Friday's news conference.", "2031-03-14"),
])
def test_a_weekday_of_an_event_in_the_possessive_stays_ahead(text, due):
    assert dues(text, "en") == [due]


@pytest.mark.parametrize("text", [
    # a belief about a statistic, and costs or expenses with an expectation: forecasts
    "He thinks several steelmakers will report actual losses through the third quarter of 2032.",
    "The changes are expected to save the company about 4 million dollars in interest expenses "
    "next year.",
])
def test_a_belief_about_results_is_a_forecast(text):
    assert dues(text, "en") == []


@pytest.mark.parametrize("lang, text, due", [
    # what is expected with an amount may be a plan ("a decision on the 3 million euro
    # grant", "a $3 million payment"): an expected amount alone does not make a forecast
    ("de", "Der Verband erwartet bis Ende 2032 eine Entscheidung über die 3 Millionen Euro "
           "Förderung.", "2032-12-31"),
    ("en", "The 3 billion dollar deal is expected to close in March 2032.", "2032-03-31"),
])
def test_an_expected_amount_alone_is_no_forecast(lang, text, due):
    assert dues(text, lang) == [due]

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


@pytest.mark.parametrize("text, expected", [
    # an approximate count in an offset: "in knapp zwei Wochen", "binnen rund drei Monaten"
    ("Der Neubau soll in knapp zwei Wochen bezogen werden.", ("in knapp zwei Wochen", "2031-03-26")),
    ("Die Firma will binnen rund drei Monaten liefern.", ("binnen rund drei Monaten", "2031-06-12")),
    ("Der Bericht soll innerhalb von etwa zehn Tagen vorliegen.",
     ("innerhalb von etwa zehn Tagen", "2031-03-22")),
    ("Die Strecke soll in gut einem Jahr fertig sein.", ("in gut einem Jahr", "2032")),
    # an ordinal calendar week
    ("Der Umzug ist in der 14. Kalenderwoche geplant.", ("14. Kalenderwoche", "2031-W14")),
    ("Die Messe findet in der 3. KW 2032 statt.", ("3. KW 2032", "2032-W03")),
    # a relative word in the dative: "ab kommendem Montag", "seit letztem Jahr"
    ("Die Sperre gilt ab kommendem Montag.", ("kommendem Montag", "2031-03-17")),
    ("Die Regel gilt seit vergangenem Jahr.", ("vergangenem Jahr", "2030")),
    ("Im abgelaufenen Jahr sank der Umsatz.", ("abgelaufenen Jahr", "2030")),
    # a relative day with its part of the day, also opening a sentence
    ("Morgen Abend soll der Vertrag unterschrieben werden.", ("Morgen Abend", "2031-03-13")),
    ("Die Kommission will heute Nachmittag entscheiden.", ("heute Nachmittag", "2031-03-12")),
    ("Das Spiel wurde gestern Abend abgebrochen.", ("gestern Abend", "2031-03-11")),
    # a season with a part of it: its quarter, like the bare season
    ("Die Brücke soll Ende des Sommers fertig sein.", ("Ende des Sommers", "2031-Q3")),
    ("Der Prozess soll Anfang Herbst 2032 beginnen.", ("Anfang Herbst 2032", "2032-Q4")),
    ("Die Anlage soll Mitte des Winters nächsten Jahres laufen.",
     ("Mitte des Winters nächsten Jahres", "2033-Q1")),
    # compounds of a unit and a part, the course of the year, a year's time
    ("Die Zahlen sollen zum Quartalsende vorliegen.", ("zum Quartalsende", "2031-Q1")),
    ("Die Frist läuft bis zur Monatsmitte.", ("bis zur Monatsmitte", "2031-03")),
    ("Der Rat will zur Wochenmitte entscheiden.", ("zur Wochenmitte", "2031-W11")),
    ("Die Preise sollen im weiteren Jahresverlauf steigen.", ("im weiteren Jahresverlauf", "2031")),
    ("Die Stadt will binnen Jahresfrist einen Plan vorlegen.", ("binnen Jahresfrist", "2032-03-12")),
    ("Der Konzern will im Schlussquartal 2032 liefern.", ("im Schlussquartal 2032", "2032-Q4")),
])
def test_german_forms_read_whole(text, expected):
    assert expected in read(text)


@pytest.mark.parametrize("text, expected", [
    ("Die Streiks sollen bis Gründonnerstag ausgesetzt werden.", ("Gründonnerstag", "2031-04-10")),
    ("Über die Osterfeiertage bleiben die Läden zu.", ("die Osterfeiertage", "2031-04-14")),
    ("Die Arbeiten sollen bis Fronleichnam dauern.", ("Fronleichnam", "2031-06-12")),
    ("Die Schau soll bis Mariä Himmelfahrt laufen.", ("Mariä Himmelfahrt", "2031-08-15")),
    ("Der Markt soll bis Allerheiligen öffnen.", ("Allerheiligen", "2031-11-01")),
    ("Die Demonstration ist für den Tag der Arbeit angekündigt.", ("den Tag der Arbeit", "2031-05-01")),
])
def test_german_holidays(text, expected):
    assert expected in read(text)


def test_a_holiday_inside_a_hyphenated_name_is_no_date():
    assert read("Das Mariä-Himmelfahrt-Gymnasium bekommt einen Neubau.") == []


@pytest.mark.parametrize("text, expected", [
    # a weekday of a week counted from now: that week's day, not the next such weekday
    ("Der Ausschuss will am Freitag kommender Woche entscheiden.",
     ("Freitag kommender Woche", "2031-03-21")),
    ("Der Ausschuss tagt am Montag der nächsten Woche.", ("Montag der nächsten Woche", "2031-03-17")),
    ("Der Ausschuss will nächste Woche Dienstag entscheiden.",
     ("nächste Woche Dienstag", "2031-03-18")),
    ("Die Firma hatte sich am Donnerstag vergangener Woche geeinigt.",
     ("Donnerstag vergangener Woche", "2031-03-06")),
    ("Am Freitag dieser Woche läuft die Frist ab.", ("Freitag dieser Woche", "2031-03-14")),
])
def test_a_weekday_of_a_relative_week(text, expected):
    assert expected in read(text)


@pytest.mark.parametrize("text, expected", [
    # a day of a year counted from now keeps its day: "am 3. April kommenden Jahres"
    ("Die Reform soll am 3. April kommenden Jahres in Kraft treten.",
     ("3. April kommenden Jahres", "2032-04-03")),
    ("Die Zahlung ist zum 1. Januar des nächsten Jahres fällig.",
     ("1. Januar des nächsten Jahres", "2032-01-01")),
    ("Am 5. Februar dieses Jahres war der Vertrag unterschrieben worden.",
     ("5. Februar dieses Jahres", "2031-02-05")),
    ("Am 20. Mai dieses Jahres soll der Vertrag unterschrieben werden.",
     ("20. Mai dieses Jahres", "2031-05-20")),
])
def test_a_day_of_a_relative_year(text, expected):
    assert expected in read(text)


@pytest.mark.parametrize("text, expected", [
    # half years: six months; one and a half: eighteen
    ("Die Stadt will binnen eines halben Jahres einen Plan vorlegen.",
     ("binnen eines halben Jahres", "2031-09-12")),
    ("Die Linie soll in einem halben Jahr fahren.", ("in einem halben Jahr", "2031-09")),
    ("Die Schule soll in anderthalb Jahren fertig sein.", ("in anderthalb Jahren", "2032-09")),
    ("Die Firma will innerhalb von eineinhalb Jahren liefern.",
     ("innerhalb von eineinhalb Jahren", "2032-09-12")),
])
def test_half_years(text, expected):
    assert expected in read(text)


def test_a_holiday_before_a_hyphen_closing_a_bracket_stays_one():
    assert ("Pfingstmontag", "2031-06-02") in read(
        "Das Fest endet erst am heutigen (Pfingstmontag-)Abend.", dt.date(2031, 6, 2))


@pytest.mark.parametrize("text, expected", [
    # a day of the month written as an ordinal word
    ("Die Wahl ist am ersten Oktober.", ("ersten Oktober", "2031-10-01")),
    ("Die Regel gilt ab dem fünfzehnten April 2032.", ("fünfzehnten April 2032", "2032-04-15")),
    ("Der Vertrag endet am einunddreißigsten Mai.", ("einunddreißigsten Mai", "2031-05-31")),
    ("Die Firma will am zweiten Juni nächsten Jahres liefern.",
     ("zweiten Juni nächsten Jahres", "2032-06-02")),
])
def test_a_day_written_as_an_ordinal_word(text, expected):
    assert expected in read(text)


@pytest.mark.parametrize("text", [
    "Zum ersten Mal will die Stadt einen Preis vergeben.",
    "Am dreißigsten Februar ist nichts geplant.",
])
def test_an_ordinal_word_without_a_day_of_a_month(text):
    assert not any(v[:4] == "2031" and len(v) == 10 for _, v in read(text))


@pytest.mark.parametrize("text, value", [
    # a weak past form closing the clause a future auxiliary opened is part of that
    # future: "wird ... bekannt gegeben", "wird ... bekannt geben"
    ("Der Sieger des Wettbewerbs wird am 2. März bekannt gegeben.", "2032-03-02"),
    ("Die Jury wird am 2. März bekannt geben, wer gewonnen hat.", "2032-03-02"),
    ("Die Namen werden am Freitag bekanntgegeben, teilte die Jury mit.", "2031-03-14"),
    # with a past auxiliary it stays the past
    ("Der Sieger wurde am 2. März bekannt gegeben.", "2031-03-02"),
    ("Wie am Montag bekannt wurde, tritt der Trainer zurück.", "2031-03-10"),
])
def test_a_weak_past_form_closing_a_future_clause(text, value):
    assert read(text)[0][1] == value


@pytest.mark.parametrize("text, expected", [
    # a half or a week of a month written as one word: the month, like "Anfang März"
    ("Die Wahl soll in der zweiten Septemberhälfte stattfinden.",
     ("in der zweiten Septemberhälfte", "2031-09")),
    ("Der Umzug ist für die erste Aprilwoche 2032 geplant.",
     ("für die erste Aprilwoche 2032", "2032-04")),
    ("Die Reparatur soll in der letzten Juniwoche beginnen.",
     ("in der letzten Juniwoche", "2031-06")),
    # a part of a month of a relative year, and a relative week two ahead
    ("Der Bericht soll Ende Februar nächsten Jahres erscheinen.",
     ("Ende Februar nächsten Jahres", "2032-02")),
    ("Die Tagung soll Anfang übernächster Woche beginnen.",
     ("Anfang übernächster Woche", "2031-W13")),
    # a holiday named with a relative day word: the one a day away, whatever the tense
    ("Der Test musste am gestrigen Ostersonntag abgebrochen werden.",
     ("am gestrigen Ostersonntag", "2031-04-13")),
])
def test_month_compounds_relative_years_and_holidays(text, expected):
    published = dt.date(2031, 4, 14) if "gestrigen" in text else PUB
    assert expected in read(text, published)


def test_a_month_inside_another_compound_is_no_date():
    assert read("Die Septemberwahl und die Maifeier sollen verschoben werden.") == []


@pytest.mark.parametrize("text", [
    # a day or month of every year is a schedule, no date
    "Die Prämie wird im Mai jeden Jahres ausgezahlt.",
    "Die Prämie wird jedes Jahr am 15. Mai ausgezahlt.",
    "Das Stadtfest findet alljährlich im August statt.",
])
def test_a_day_or_month_of_every_year_is_no_date(text):
    assert read(text) == []
    assert dues(text) == []


@pytest.mark.parametrize("text", [
    # "soll ... <strong participle> haben" reports the past, as "soll ... getötet haben" does
    "Am 9. März soll der Mann seine Nachbarin und ihren Sohn erschossen haben.",
    "Am 9. März sollen die Täter den Gefangenen zur Flucht verholfen haben.",
])
def test_a_modal_with_a_strong_perfect_infinitive_reports_the_past(text):
    assert dues(text) == []
    assert read(text) == [("9. März", "2031-03-09")]

"""German rule classes found on unseen news (plans the rules rejected).  Every sentence
here was written for these tests."""
from __future__ import annotations

import pytest

from conftest import dues


@pytest.mark.parametrize("text, due", [
    # "für" before a day in a clause that announces: the day the plan is for, not the day
    # it was said ("hat für Freitag" is no "hat am Freitag"), also when the date opens the
    # sentence and the auxiliary of the announcement follows it
    ("Die Bauern haben für Freitag eine Sternfahrt angekündigt.", "2031-03-14"),
    ("Die Bauern kündigten für Freitag eine Sternfahrt an.", "2031-03-14"),
    ("Für Freitag kündigten die Bauern eine Sternfahrt an.", "2031-03-14"),
    ("Für den 2. April haben die Bauern eine Sternfahrt angekündigt.", "2031-04-02"),
    ("Der Vorstand hat für Montag zu einer Krisensitzung geladen.", "2031-03-17"),
    # the day restated in brackets is one date, its brackets cut no clause
    ("Für morgen (Donnerstag) haben die Bauern eine Sternfahrt angekündigt.", "2031-03-13"),
])
def test_a_plan_announced_for_a_day(text, due):
    assert dues(text, "de") == [due]


@pytest.mark.parametrize("text", [
    "Die Firma hat am Montag mitgeteilt, dass sie das Werk verkauft.",
    "Für den Bau der Brücke hatte die Stadt am Montag Geld bewilligt.",
])
def test_the_day_something_was_said_or_done_stays_past(text):
    assert dues(text, "de") == []


@pytest.mark.parametrize("text, due", [
    # a separable verb split by the verb bracket is one verb: its prefix closing the clause
    # makes the finite verb the present tense of a schedule ("steht ... fest": "feststeht")
    ("Der Gewinner des Wettbewerbs steht am 20. April in Köln fest.", "2031-04-20"),
    ("Der Landtag stimmt am Freitag über den Haushalt ab.", "2031-03-14"),
    ("Am Sonntag steht die Bürgermeisterwahl in Hagen an.", "2031-03-16"),
    ("Der Ausschuss kommt am Montag in Bonn zusammen.", "2031-03-17"),
])
def test_a_separable_verb_of_a_schedule(text, due):
    assert dues(text, "de") == [due]


@pytest.mark.parametrize("text", [
    "Er kam am Montag in Bonn an.",
    "Am Montag stand der Gewinner fest.",
])
def test_a_separable_verb_in_the_past_stays_past(text):
    assert dues(text, "de") == []


@pytest.mark.parametrize("text, due", [
    # a window already under way ("in dieser Woche") is ahead when the present tense of a
    # schedule governs it, also past a noun of the same word ("zu einem Treffen")
    ("Der Stadtrat kommt in dieser Woche zu einer Sondersitzung zusammen.", "2031-03-16"),
    ("Die Delegierten, die in dieser Woche zu einem Treffen zusammenkommen, wählen neu.",
     "2031-03-16"),
])
def test_a_schedule_in_a_window_under_way(text, due):
    assert dues(text, "de") == [due]


@pytest.mark.parametrize("text", [
    "Der Stadtrat kam in dieser Woche zu einer Sondersitzung zusammen.",
    "Bei dem Treffen am Samstag stritten die Delegierten.",
])
def test_a_window_under_way_told_in_the_past(text):
    assert dues(text, "de") == []


@pytest.mark.parametrize("text, due", [
    # a modal that lets a thing be done governs a weekday as a schedule does
    ("Nach der Reparatur kann die Fähre am Samstag wieder auslaufen.", "2031-03-15"),
    ("Die Helfer können frühestens am Freitag bei den Höfen eintreffen.", "2031-03-14"),
])
def test_a_weekday_a_modal_of_ability_governs(text, due):
    assert dues(text, "de") == [due]


def test_a_weekday_a_past_modal_of_ability_governs_stays_past():
    assert dues("Nach der Reparatur konnte die Fähre am Samstag wieder auslaufen.", "de") == []


@pytest.mark.parametrize("text, due", [
    # a day or month right after the noun of an event it dates, when no verb says a tense
    ("Die Plakate der Kandidaten zur Bürgermeisterwahl im Mai hingen überall.", "2031-05-31"),
])
def test_the_date_of_an_event_noun(text, due):
    assert dues(text, "de") == [due]


@pytest.mark.parametrize("text", [
    # a verb that tells the past still rules
    ("Die Kandidaten haben die Bürgermeisterwahl im Mai verloren."),
])
def test_the_date_of_an_event_noun_in_the_past(text):
    assert dues(text, "de") == []


@pytest.mark.parametrize("text, due", [
    # a participle in two words ("bekannt gegeben") closes the passive its "wird" opened
    ("Das Ergebnis der Abstimmung wird am 2. April bekannt gegeben.", "2031-04-02"),
])
def test_a_future_passive_with_a_participle_in_two_words(text, due):
    assert dues(text, "de") == [due]


@pytest.mark.parametrize("text", [
    "Das Ergebnis der Abstimmung wurde am 2. März bekannt gegeben.",
    "Das Ergebnis hat die Kommission am 2. März bekannt gegeben.",
])
def test_a_participle_in_two_words_in_the_past(text):
    assert dues(text, "de") == []


def test_a_goal_set_for_the_years_ahead():
    # "Ziel" (a goal someone sets) looks ahead as "angestrebt" does
    text = "Die Stadt hat sich das Ziel gesetzt, im nächsten Jahr alle Busse elektrisch zu betreiben."
    assert dues(text, "de") == ["2032-12-31"]


def test_a_goal_reached_is_history():
    assert dues("Der Läufer erreichte am Sonntag als Erster das Ziel.", "de") == []


def test_a_preposition_before_a_closing_prefix_is_no_verb():
    from store.extract import dates as D
    from store.extract.lexicon import load
    text = "Der Präsident sicherte den Bauern kurz vor dem Ablauf der Frist Hilfe zu."
    ctx = D.SentenceContext(text, 0, len(text), load("de"))
    assert "zuvor" not in ctx._split_verbs().values()  # "vor" + "zu" is no verb


@pytest.mark.parametrize("text, due", [
    # a relative day restated between commas is one date: one candidate, whole title
    ("Die Bauern wollen morgen, am 13. März, mit Traktoren nach Berlin fahren.", "2031-03-13"),
])
def test_a_day_restated_between_commas(text, due):
    assert dues(text, "de") == [due]


@pytest.mark.parametrize("text, lang", [
    # the plan the date belongs to is called off, past a list's commas
    ("Eine für den 20. März geplante Kundgebung von Bauern, Winzern und Imkern ist heute "
     "abgesagt worden.", "de"),
])
def test_a_plan_called_off_past_a_list(text, lang):
    assert dues(text, lang) == []


@pytest.mark.parametrize("text, lang, due", [
    # what another clause calls off leaves the plan standing
    ("Die für den 20. März geplante Kundgebung findet statt, nachdem die Sternfahrt "
     "abgesagt wurde.", "de", "2031-03-20"),
    ("Die Geschäfte sollen bis März 2032 ausziehen, damit das Gebäude abgebrochen werden "
     "kann.", "de", "2032-03-31"),
])
def test_what_another_clause_calls_off_leaves_the_plan(text, lang, due):
    assert dues(text, lang) == [due]

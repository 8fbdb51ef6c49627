"""Classes of commitments the extractor used to miss (recall on unseen news).  Every
sentence here was written for these tests."""
from __future__ import annotations

import pytest

from store.extract import extract

from conftest import EXTRACT_PUB, dues

PUB = EXTRACT_PUB



@pytest.mark.parametrize("lang, text, due", [
    # a day without its year whose verb is the present tense of a schedule
    ("de", "Die Rundreise führt das Orchester am 20. April nach Leipzig.", "2031-04-20"),
    ("de", "Der neue Roman der Autorin erscheint am 3. Mai im Handel.", "2031-05-03"),
    ("de", "Der Landtag konstituiert sich am 28. März in Kiel.", "2031-03-28"),
])
def test_the_present_tense_of_a_schedule_dates_a_day_ahead(lang, text, due):
    assert dues(text, lang) == [due]


@pytest.mark.parametrize("lang, text", [
    # no past verb nearer: only then does the present say a schedule
    ("de", "Die Rundreise führte das Orchester am 20. April nach Leipzig."),
    # an infinitive written as a noun is no verb of a schedule
    ("de", "Die Gruppe hatte am Freitag zum Erscheinen in der Stadt aufgerufen."),
])
def test_a_past_schedule_stays_past(lang, text):
    assert dues(text, lang) == []


def test_a_separable_verb_of_announcing_plans_for_the_date_after_fuer():
    assert dues("Die Stadt kündigte für den 8. Mai 2031 einen neu gestalteten Markt an.",
                "de") == ["2031-05-08"]


def test_already_before_a_date_with_an_attributive_participle_in_the_clause():
    # "bereits" says how early; "entwickelten" is an adjective, not the clause's verb
    assert dues("Bereits Ende dieses Jahres will die Firma mit der neu entwickelten Kapsel "
                "Fracht liefern.", "de") == ["2031-12-31"]


@pytest.mark.parametrize("text, due", [
    # a weekday written together with a part of the day
    ("Der Start soll am Donnerstagmorgen erfolgen.", "2031-03-13"),
    ("Die Gespräche sollen bis Samstagmittag abgeschlossen werden.", "2031-03-15"),
    ("Der Ausschuss will kommenden Montagabend entscheiden.", "2031-03-17"),
    # "morgigen", "gestrigen": the weekday of tomorrow, of yesterday
    ("Das nächste Rennen findet am morgigen Donnerstag statt.", "2031-03-13"),
])
def test_weekday_forms(text, due):
    assert dues(text, "de") == [due]


@pytest.mark.parametrize("text", [
    "Nach Angaben der Stadt vom gestrigen Dienstagabend muss die Schule geschlossen werden.",
    # a capitalised noun is no verb of a schedule ("Treffen")
    "Bei dem Treffen am Samstagnachmittag stach sie auf den Mann ein.",
    "Die Polizei nahm den Mann am Freitagabend fest.",
])
def test_weekday_forms_of_the_past(text):
    assert dues(text, "de") == []


@pytest.mark.parametrize("lang, text, due", [
    # "an diesem Tag", "am gleichen Tag", "the same day": the day named just before
    ("de", "Das Stadtfest endet am 22. März. An diesem Tag wird ab 21 Uhr ein Feuerwerk "
           "abgebrannt.", "2031-03-22"),
    ("en", "He is to present his plan on April 14, the same day the council is scheduled to "
           "vote.", "2031-04-14"),
])
def test_that_day_is_the_day_named_before(lang, text, due):
    assert due in dues(text, lang)
    assert all(d == due for d in dues(text, lang))


def test_that_day_alone_names_no_day():
    assert dues("An diesem Tag wird entschieden.", "de") == []
    assert dues("Sein letzter Drehtag war am 3. März. An diesem Tag wurde er verabschiedet.",
                "de") == []


def test_the_same_day_is_a_second_commitment_with_its_own_title():
    # moved from test_extract_classes.py: "the same day" is now read, so the sentence holds
    # two things due on April 14, each with its title and no hole where the date was
    text = ("According to Reyes, the break lets him draft a plan, which he is to present on "
            "April 14, the same day the council is scheduled to meet.")
    assert [c.title for c in extract(text, PUB, "en")] == [
        "Reyes is to present", "Council is scheduled to meet"]


def test_dabei_opening_a_sentence_is_the_day_of_the_sentence_before():
    text = ("Die Minister wollen sich am 20. März in Wien treffen. Dabei wollen sie einen "
            "neuen Vertrag beschließen.")
    cands = extract(text, PUB, "de")
    assert [c.due.isoformat() for c in cands] == ["2031-03-20", "2031-03-20"]
    assert "beschließen" in cands[1].title


@pytest.mark.parametrize("text", [
    # no cue of the future in its own sentence; a past meeting; "dabei" inside a sentence
    "Das Treffen ist für den 20. März geplant. Dabei geht es um Geld.",
    "Die Minister trafen sich am 10. März in Wien. Dabei wollten sie einen Vertrag schließen.",
    "Am 20. März wollen sie sich treffen, sie wollen dabei aber nichts beschließen.",
])
def test_dabei_adds_nothing_without_a_plan_of_its_own(text):
    assert len(extract(text, PUB, "de")) <= 1


def test_dabei_is_no_time_word_for_find_dates():
    from store.extract import find_dates
    text = "Die Minister treffen sich am 20. März. Dabei wollen sie verhandeln."
    assert [m.text for m in find_dates(text, PUB, "de")] == ["20. März"]


def test_the_night_before_a_weekday_is_no_deadline():
    # "zum" after "Nacht" names the night before the day, not a deadline ahead
    assert dues("Die Polizei durchsuchte in der Nacht zum Sonntag eine Wohnung.", "de") == []
    assert dues("Die Frist läuft bis zum Sonntag.", "de") == ["2031-03-16"]


@pytest.mark.parametrize("text, due", [
    # a conjunction between two time expressions opens no clause: the verb governs both
    ("Die Konferenz findet heute und morgen in Wien statt.", "2031-03-13"),
    ("Die Delegierten werden im April und Juni über den Vorsitz befinden.", "2031-06-30"),
])
def test_a_date_joined_to_another_shares_its_verb(text, due):
    assert due in dues(text, "de")


def test_dates_joined_in_the_past_stay_past():
    assert dues("Am Montag und Dienstag trafen sich die Minister in Wien.", "de") == []

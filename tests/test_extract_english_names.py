"""An actor found in a German article is named as English names it, when every word of it
has an English form (store/extract/english.py): the track record then counts one entity
once, whichever language reported it. Example texts are written for these tests."""
from __future__ import annotations

import datetime as dt

import pytest

from store.extract import extract
from store.extract.english import english_actor
from store.extract.lexicon import load

PUB = dt.date(2025, 11, 24)


def only_actor(text, lang):
    found = extract(text, PUB, lang)
    assert len(found) == 1, found
    return found[0].actor


def test_a_country_is_one_actor_in_german_and_english_news():
    de = ("Die Verbände tagten in Zürich. Demnach wird Frankreich die Spiele im Jahr 2031 "
          "austragen.")
    en = "The associations met in Zurich. France will host the games in 2031."
    assert only_actor(de, "de") == only_actor(en, "en") == "France"


def test_a_body_named_with_its_place_or_nation():
    text = ("Die Polizei in München hat den Mann festgenommen. Die Polizei will ihn am "
            "Mittwoch, dem 26. November 2025, dem Haftrichter vorführen.")
    assert only_actor(text, "de") == "Munich police"
    text = "Das chinesische Handelsministerium will die Regel ab dem 1. Dezember 2025 anwenden."
    assert only_actor(text, "de") == "Chinese commerce ministry"


def test_the_title_stays_in_the_article_language():
    text = "Das chinesische Handelsministerium will die Regel ab dem 1. Dezember 2025 anwenden."
    assert "Handelsministerium" in extract(text, PUB, "de")[0].title


@pytest.mark.parametrize("written, english", [
    ("Deutschland", "Germany"),
    ("Vereinigte Staaten", "United States"),  # a name of several words
    ("Saudi-Arabien", "Saudi Arabia"),  # a hyphenated name
    ("EU-Kommission", "European Commission"),
    ("Stadt Dresden", "City of Dresden"),
    ("Regierung Merkel", "Merkel government"),  # the name goes first in English
    ("Kameruns Regierung", "Cameroon's government"),  # a place's genitive
    ("Verteidigungsministerium", "Defence ministry"),  # a compound with a linking "s"
    ("Trump-Regierung", "Trump government"),
    ("EU-Außenminister", "EU foreign minister"),
])
def test_places_bodies_and_compounds_of_them(written, english):
    assert english_actor(written, load("de")) == english


@pytest.mark.parametrize("written", [
    "Deutsche Bahn",  # a company's name: its adjective belongs to the name
    "Deutsche Bank",
    "Bundeswehr",  # no English form in the table
    "Landgericht München II",  # one word without an English form keeps the whole name
    "Amtsgericht Berlin-Charlottenburg",
    "Münchner Polizei",  # a place adjective: no English form here, so none is half made
    "MÜNCHNER POLIZEI",
    "-Kommission",  # a word cut short
    "UNO-Gremium",  # a compound whose head has no English form
    "Angela Merkel",
    "CDU Hamburg",
    "Deutschlands Fußball-WM-Gruppengegner Ecuador",  # a genitive owns a body, not a noun
    "Regierung Israels",  # a genitive the table has no place for: not "Israels government"
])
def test_names_without_an_english_form_stay_as_written(written):
    assert english_actor(written, load("de")) == written


def test_english_articles_keep_their_actors():
    assert english_actor("Polizei München", load("en")) == "Polizei München"
    text = "Deutsche Bahn will present a plan by June 2026."
    assert only_actor(text, "en") == "Deutsche Bahn"


@pytest.mark.parametrize("lang, text, actor", [
    # a country opening a sentence is a name, though "France" ends like "performance"
    # and "Italy" like an adverb, and though a German article names it only once
    ("en", "Italy will host the games in 2031.", "Italy"),
    ("de", "Die Verbände tagten. Frankreich wird die Spiele im Jahr 2031 austragen.", "France"),
])
def test_a_country_opening_a_sentence_is_its_actor(lang, text, actor):
    assert only_actor(text, lang) == actor

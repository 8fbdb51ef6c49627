"""Who says what (store/extract/speakers.py): the learned choice between the phrases around
a statement, on German sentences written for these tests, and how the actor of a
commitment stated in reported speech uses it."""
from __future__ import annotations

import datetime as dt

import pytest

from store.extract import extract, speakers
from store.extract.lexicon import load

LEAD = ("Die Stadtwerke Lindenau und der Fahrgastverband Pro Bahn streiten seit Wochen. "
        "Anna Berg leitet die Stadtwerke. ")


@pytest.mark.parametrize("sentence, speaker", [
    # whom something is told to is not who tells it
    ("Gegenüber dem Nordkurier berichtete Anna Berg davon, dass die Brücke gesperrt werde.",
     "Anna Berg"),
    ("Wie die Stadtwerke mitteilten, wurden alle Straßen gesperrt.", "Stadtwerke"),
    # a speaker after a preposition ("Kritik kommt vom ..."), after "so", before "zufolge"
    ("Kritik kommt vom Fahrgastverband Pro Bahn, der die Maßnahme als Kapitulation sieht.",
     "Fahrgastverband Pro Bahn"),
    ("Die Sperrung sei nötig, so Anna Berg.", "Anna Berg"),
    # a spokesperson speaks for the organisation the article names
    ("Der Stadtwerke-Sprecher Paul Kern zufolge bleibt die Brücke zu.", "Stadtwerke Lindenau"),
])
def test_the_speaker_of_a_german_statement(sentence, speaker):
    text = LEAD + sentence
    assert speakers.speaker_of(text, len(LEAD), load("de")) == speaker


def test_the_weights_are_data_trained_for_german():
    model = speakers.model()
    assert model is not None and model.languages == {"de"}
    assert model.weights  # written by bench/extract_train_speaker.py


def test_without_weights_the_rules_name_the_speaker(monkeypatch):
    monkeypatch.setattr(speakers, "model", lambda: None)
    text = LEAD + "Die Sperrung sei nötig, sagte Anna Berg am Montag."
    assert speakers.speaker_of(text, len(LEAD), load("de")) == "Anna Berg"


def test_a_commitment_in_reported_speech_is_the_speakers():
    pub = dt.date(2025, 11, 24)
    text = ("Die Brücke in Lindenau ist seit Montag gesperrt. Ein Sprecher der Stadtwerke "
            "Lindenau sagte, die Brücke werde im März 2026 wieder geöffnet.")
    assert [c.actor for c in extract(text, pub, "de")] == ["Stadtwerke Lindenau"]
    text = ("Die Brücke in Lindenau ist seit Montag gesperrt. Die Brücke werde im März 2026 "
            "wieder geöffnet, sagte Bürgermeisterin Anna Berg am Dienstag.")
    assert [c.actor for c in extract(text, pub, "de")] == ["Anna Berg"]

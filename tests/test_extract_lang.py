"""A new language is a data file: a small French file, written here, is enough for
find_dates() and extract() to work in French (no code change)."""
from __future__ import annotations

import datetime as dt
import json
import shutil
from pathlib import Path

import pytest

from store.extract import extract, find_dates, langid, lexicon

PUB = dt.date(2025, 11, 24)

FRENCH = {
    "code": "fr",
    "name": "Français",
    "numeric_order": "dmy",
    "months": {"janvier": 1, "février": 2, "mars": 3, "avril": 4, "mai": 5, "juin": 6,
               "juillet": 7, "août": 8, "septembre": 9, "octobre": 10, "novembre": 11,
               "décembre": 12},
    "weekdays": {"lundi": 0, "mardi": 1, "mercredi": 2, "jeudi": 3, "vendredi": 4,
                 "samedi": 5, "dimanche": 6},
    "numbers": {"un": 1, "une": 1, "deux": 2, "trois": 3, "dix": 10},
    "ordinals": {"premier": 1, "premier trimestre": 1, "deuxième": 2, "troisième": 3,
                 "quatrième": 4},
    "units": {"jour": "D", "jours": "D", "semaine": "W", "semaines": "W", "mois": "M",
              "an": "Y", "ans": "Y", "année": "Y", "trimestre": "Q"},
    "relative": {"prochain": 1, "prochaine": 1, "dernier": -1, "dernière": -1, "ce": 0,
                 "cette": 0},
    "seasons": {"printemps": "SP", "été": "SU", "automne": "FA", "hiver": "WI"},
    "parts": {"début": "start", "mi-": "mid", "fin": "end"},
    "relday": {"aujourd'hui": 0, "demain": 1, "hier": -1},
    "patterns": [
        {"re": "{DAY}(?:er)? {MONTH} {YEAR}", "kind": "date"},
        {"re": "{DAY}(?:er)? {MONTH}", "kind": "date"},
        {"re": "{PART} ?{MONTH}(?: {YEAR})?", "kind": "part_month"},
        {"re": "{MONTH} {YEAR}", "kind": "month"},
        {"re": "(?:l'|l’)?{UNIT} {REL}", "kind": "rel_unit"},
        {"re": "{YEAR}", "kind": "year"},
        {"re": "d'ici {NUM} {UNIT}", "kind": "offset", "dir": 1, "deadline": True},
        {"re": "{RELDAY}", "kind": "relday"},
    ],
    "cues": {
        "future": ["sera", "seront", "doit", "devra", "prévu", "prévue", "va", "vont"],
        "strong": ["sera", "seront", "doit", "devra", "prévu", "prévue"],
        "past": ["était", "a", "ont", "fut"],
        "deadline_preps": ["avant le", "d'ici le", "à partir du", "jusqu'au"],
        "clause_breaks": ["et", "mais", "que"],
    },
    "abbreviations": ["m", "mme", "dr"],
    "stopwords": ["le", "la", "les", "de", "des", "et", "est", "un", "une", "du", "que",
                  "qui", "dans", "pour", "sur", "au", "avec"],
    "attribution": {"before": ["selon"], "speech": ["a déclaré", "a dit"]},
    "title_strip": ["que", "et"],
    "stop_title": ["le", "la", "du", "au", "avant", "jusqu'au", "à", "partir"],
}


@pytest.fixture
def french(tmp_path, monkeypatch):
    folder = tmp_path / "lang"
    shutil.copytree(Path(lexicon.LANG_DIR), folder)
    (folder / "fr.json").write_text(json.dumps(FRENCH, ensure_ascii=False), encoding="utf-8")
    monkeypatch.setattr(lexicon, "LANG_DIR", str(folder))
    lexicon.load.cache_clear()
    langid._vocab.cache_clear()
    yield
    lexicon.load.cache_clear()
    langid._vocab.cache_clear()


def test_french_dates_from_a_data_file(french):
    found = find_dates("La réforme entrera en vigueur le 1er mars 2026.", PUB, "fr")
    assert [(m.text, m.value, m.precision) for m in found] == [("1er mars 2026", "2026-03-01", "day")]
    assert find_dates("fin mars", PUB, "fr")[0].value == "2026-03"
    assert find_dates("demain", PUB, "fr")[0].value == "2025-11-25"


def test_french_commitments_and_detection(french):
    text = ("Le gouvernement a présenté son plan lundi. Selon la ministre Claire Exemple, "
            "la loi sera votée avant le 15 décembre. Le budget était adopté le 3 octobre.")
    assert langid.detect(text) == "fr"
    cands = extract(text, PUB)
    assert [(c.due.isoformat(), c.precision) for c in cands] == [("2025-12-15", "day")]
    assert "Claire Exemple" in cands[0].actor


def test_languages_listed_from_files():
    assert {"de", "en"} <= set(lexicon.available_languages())
    assert "_common" not in lexicon.available_languages()


def test_a_language_writes_days_as_its_data_says(french):
    # The demo dates its sample articles this way; a file without `written` gets
    # "day month year" in its own (lower-case) month names.
    day = dt.date(2027, 3, 5)
    assert [lexicon.load("fr").write(day, f) for f in ("day", "day_year", "month")] == \
        ["5 mars", "5 mars 2027", "mars 2027"]
    assert lexicon.load("de").write(day, "day") == "5. März"
    assert lexicon.load("en").write(day, "day_year") == "5 March 2027"

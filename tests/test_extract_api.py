"""store.extract.extract(): commitments from articles (sentences written for these tests),
plus the seed article from the shared corpus, scored against its gold file."""
from __future__ import annotations

import datetime as dt
import json
import subprocess
import sys
from pathlib import Path

import pytest

from store.extract import Candidate, extract
from store.extract.lexicon import load
from store.extract.sentences import split

PUB = dt.date(2025, 11, 24)
SHARED = Path(__file__).resolve().parents[2] / "shared"
SEED = SHARED / "corpus" / "commitments" / "dev" / "seed-de-trump-xi"
ROOT = Path(__file__).resolve().parents[1]


def dues(text, published=PUB, lang=None):
    return [(c.due.isoformat(), c.precision) for c in extract(text, published, lang)]


GERMAN = """Kanzleramt plant Reform

Die Regierung will das Gesetz bis zum 15. Dezember verabschieden. Am 3. Oktober hatte
das Kabinett den Entwurf beschlossen. Laut Finanzministerin Petra Beispiel soll die neue
Abgabe ab dem 1. März 2026 gelten. Die Übergangsfrist wurde für ein Jahr ausgesetzt,
teilte das Ministerium am 20. November mit. Im Frühjahr will die Kommission einen Bericht
vorlegen. Über die Details wird nächste Woche beraten."""

ENGLISH = """City council to vote on budget

The city council will vote on the budget on Dec. 10, Mayor Jane Example said on Friday.
The previous budget was adopted on March 4. According to the treasurer, new fees take
effect from January 1, 2026. The council expects to publish the audit in the first
quarter of 2026. Talks with the unions resumed last week and should conclude by the end
of the year."""


def test_german_article():
    got = dues(GERMAN, lang="de")
    assert ("2025-12-15", "day") in got
    assert ("2026-03-01", "day") in got
    assert ("2026-11-20", "day") in got  # suspended for one year, said on 20 November
    assert ("2026-06-30", "quarter") in got  # Frühjahr -> Q2
    assert ("2025-12-07", "week") in got  # nächste Woche
    assert not any(d < PUB.isoformat() for d, _ in got)  # 3 October is history
    assert len(got) == 5


def test_english_article():
    got = dues(ENGLISH, lang="en")
    assert ("2025-12-10", "day") in got
    assert ("2026-01-01", "day") in got
    assert ("2026-03-31", "quarter") in got
    assert ("2025-12-31", "year") in got
    assert not any(d <= PUB.isoformat() for d, _ in got)
    assert len(got) == 4


def test_language_detection_gives_same_result():
    assert dues(GERMAN) == dues(GERMAN, lang="de")
    assert dues(ENGLISH) == dues(ENGLISH, lang="en")


def test_candidate_fields_and_json():
    cands = extract(ENGLISH, PUB, "en")
    c = next(c for c in cands if c.due == dt.date(2025, 12, 10))
    assert isinstance(c, Candidate)
    assert ENGLISH[c.start:c.end] == c.sentence
    assert "Dec. 10" in c.due_text and c.due_text in c.sentence
    assert 0 < c.confidence <= 1
    assert 0 < len(c.title) <= 81 and "Dec. 10" not in c.title
    assert "council" in c.title.lower()
    j = c.to_json()
    assert set(j) == {"title", "due", "precision", "window_start", "due_text", "actor",
                      "sentence", "start", "end", "confidence"}
    assert j["due"] == "2025-12-10" and j["window_start"] == "2025-12-10"
    json.dumps(j)  # plain JSON types only


def test_window_start_for_month_and_year():
    c = extract("The minister will visit Beijing in April 2026.", PUB, "en")[0]
    assert (c.due, c.window_start, c.precision) == (
        dt.date(2026, 4, 30), dt.date(2026, 4, 1), "month")


def test_actor_from_attribution():
    cands = extract("Laut Finanzministerin Petra Beispiel soll die Abgabe ab dem 1. März 2026 "
                    "gelten.", PUB, "de")
    assert "Petra Beispiel" in cands[0].actor
    cands = extract("The new fees will apply from January 1, 2026, Mayor Jane Example said.",
                    PUB, "en")
    assert "Jane Example" in cands[0].actor


def test_same_commitment_twice_is_one_candidate():
    text = ("Minister Example will visit Paris in May 2026.\n\n"
            "Officials confirmed on Monday that the minister will visit Paris in May 2026 "
            "for two days of talks.")
    cands = extract(text, PUB, "en")
    assert len(cands) == 1
    assert "two days of talks" in cands[0].sentence  # the fuller statement


def test_two_commitments_in_one_sentence():
    text = ("Die Anhörung soll am 2. Dezember stattfinden, die Abstimmung ist für den "
            "12. Dezember geplant.")
    assert dues(text, lang="de") == [("2025-12-02", "day"), ("2025-12-12", "day")]


def test_multi_day_event_is_due_on_last_day():
    text = "Der Entwurf soll am kommenden Dienstag und Mittwoch beraten werden."
    assert dues(text, lang="de") == [("2025-11-26", "day")]


def test_past_events_are_not_commitments():
    text = ("The two leaders met on October 30 in Busan. Restrictions were imposed on "
            "April 4. Sales rose in 2019.")
    assert extract(text, PUB, "en") == []


def test_anaphoric_year_in_sentence():
    text = ("Trump sagte, er werde Peking im April 2026 besuchen, während Xi später im Jahr "
            "in die USA kommen werde.")
    assert dues(text, lang="de") == [("2026-04-30", "month"), ("2026-12-31", "year")]


def test_headline_without_punctuation_splits():
    text = "Gipfel im April 2026 geplant\nDie Staatschefs wollen sich im April 2026 treffen."
    spans = split(text, load("de"))
    assert [text[a:b] for a, b in spans] == ["Gipfel im April 2026 geplant",
                                              "Die Staatschefs wollen sich im April 2026 treffen."]


@pytest.mark.parametrize("lang,text,expected", [
    ("de", "Am 27. November soll das Abkommen stehen. Danach folgt mehr.", 2),
    ("de", "Das gilt z. B. für Dr. Müller ab dem 1. Dezember. Er stimmt zu.", 2),
    ("de", "Papst Benedikt XVI. will am 28. Februar zurücktreten. Das ist neu.", 2),
    ("de", "Die Sitzung ist am 20.06. geplant. Die Stadt entscheidet am 23.06. dann.", 2),
    ("en", "The U.S. Senate will vote on Nov. 27. Dr. Smith agreed.", 2),
    ("en", "He said: \u201cWe will do it.\u201d Then he left.", 2),
    ("en", "Sales rose in 1998. The company said so.", 2),
    # a bracketed tag after the full stop does not glue two sentences (QA F24)
    ("de", "Die Werke wollen neue Preise nennen. [hinweis] Der Rat tagt im Mai 2027.", 2),
    ("en", "The plant will close in May. [update] Talks resume in June 2027.", 2),
    ("en", "He called it [sic] a mistake. [b]Note[/b]: Votes are due by June 2027.", 2),
])
def test_sentence_splitter(lang, text, expected):
    assert len(split(text, load(lang))) == expected


def test_bracketed_tags_stay_out_of_the_title():
    text = ("Die Werke wollen neue Preise nennen. "
            "[b]Achtung[/b]: Der Stadtrat soll im Februar 2027 über die Preise entscheiden.")
    c = extract(text, dt.date(2026, 11, 20), "de")
    assert [(x.due.isoformat(), x.precision) for x in c] == [("2027-02-28", "month")]
    assert "[" not in c[0].title and "]" not in c[0].title
    assert "Stadtrat soll" in c[0].title
    assert c[0].sentence.startswith("[b]Achtung")


def test_empty_and_odd_inputs():
    assert extract("", PUB) == []
    assert extract("   \n\n ", PUB) == []
    assert extract("no dates", PUB, "xx") == []
    assert extract("Die Regierung will bis 2030 klimaneutral sein.", "2025-11-24", "de")


@pytest.mark.skipif(not SEED.exists(), reason="shared corpus not available")
def test_seed_article_all_gold_commitments_and_no_past_date():
    meta = json.loads((SEED / "meta.json").read_text(encoding="utf-8"))
    text = (SEED / "article.txt").read_text(encoding="utf-8")
    gold = json.loads((SEED / "gold.json").read_text(encoding="utf-8"))
    published = dt.date.fromisoformat(meta["published"])
    cands = extract(text, published)
    got = {(c.due, c.precision) for c in cands}
    from store.extract.windows import Window  # noqa: F401  (documented helper module)
    for g in gold:
        due = g["due"]
        if len(due) == 4:
            want = (dt.date(int(due), 12, 31), "year")
        elif len(due) == 7:
            y, m = map(int, due.split("-"))
            nxt = dt.date(y + (m == 12), m % 12 + 1, 1)
            want = (nxt - dt.timedelta(days=1), "month")
        else:
            want = (dt.date.fromisoformat(due), "day")
        assert want in got, (g["due"], sorted(got))
    assert all(c.due > published for c in cands)
    # the sentence of every gold entry is among the candidates' sentences
    sentences = {c.sentence for c in cands}
    for g in gold:
        assert any(g["sentence"] in s or s in g["sentence"] for s in sentences)


def test_import_does_not_load_dateparser_or_textual():
    code = ("import sys; sys.path.insert(0, %r); import store.extract, datetime; "
            "store.extract.extract('Die Frist endet am 1. Dezember.', datetime.date(2025,11,24)); "
            "print(','.join(m for m in ('dateparser', 'textual', 'rich') if m in sys.modules))"
            % str(ROOT))
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         check=True).stdout.strip()
    assert out == ""


def test_denied_event_is_not_a_commitment():
    assert dues("There will be no vote on December 3, the speaker said.", lang="en") == []
    assert dues("Parliament will not reconvene until December 3.", lang="en") == [
        ("2025-12-03", "day")]


def test_reported_past_with_preposition_is_not_forward():
    text = "By November 2, the agency had delivered 5,000 doses to the region."
    assert dues(text, lang="en") == []


def test_titles_are_compact_and_in_the_article_language():
    cands = extract("Laut Gesundheitsministerin Anna Beispiel soll das neue Register bis Ende "
                    "März 2026 in Betrieb gehen, wie das Ministerium am Montag mitteilte.",
                    PUB, "de")
    assert len(cands) == 1
    title = cands[0].title
    assert "Register" in title and "März" not in title and len(title) <= 81
    assert "Anna Beispiel" in cands[0].actor


def test_german_future_forms_become_commitments():
    cases = {
        "Die Regierung will das Gesetz im ersten Quartal verabschieden.": ("2026-03-31", "quarter"),
        "Die Regierung will das Gesetz kommenden Dienstag verabschieden.": ("2025-11-25", "day"),
        "Die Regierung will das Gesetz binnen eines Jahres verabschieden.": ("2026-11-24", "day"),
        "Die Regierung will das Gesetz bis Ende März verabschieden.": ("2026-03-31", "month"),
        "Die Regierung will das Gesetz Mitte März verabschieden.": ("2026-03-31", "month"),
        "Die Regierung will das Gesetz später im Jahr verabschieden.": ("2025-12-31", "year"),
    }
    for text, want in cases.items():
        assert dues(text) == [want], text


def test_a_plan_in_the_past_perfect_is_no_commitment():
    assert extract("The offer had been due to expire on Friday, the company said.",
                   PUB, "en") == []
    assert extract("The talks had been scheduled for December 3.", PUB, "en") == []
    assert [c.due.isoformat() for c in extract("The offer is due to expire on Friday.",
                                               PUB, "en")] == ["2025-11-28"]


def test_one_deadline_said_two_ways_in_one_sentence_is_one_candidate():
    cands = extract("Die Arbeiten sollen bis Ende März 2026 und damit spätestens am "
                    "31. März 2026 abgeschlossen sein.", PUB, "de")
    assert [c.due.isoformat() for c in cands] == ["2026-03-31"]
    # two different days joined by 'und' stay two things
    cands = extract("Die Abgabe soll am 1. März 2026 steigen und am 1. Mai 2026 wieder "
                    "sinken.", PUB, "de")
    assert len(cands) == 2


def test_a_date_inside_a_past_participle_phrase_is_no_commitment():
    # "der zum ersten März aufgelösten Kasse": the dissolving is done (QA F6) ...
    pub = dt.date(2027, 3, 10)
    text = ("Die Versicherten der zum ersten März 2027 aufgelösten Kasse müssen bis zum "
            "30. März eine neue Versicherung nachweisen.")
    assert dues(text, pub, "de") == [("2027-03-30", "day")]
    # ... while a planned one still lies ahead
    text = "Die zum 1. Januar 2028 geplanten Beiträge sollen höher ausfallen."
    assert dues(text, pub, "de") == [("2028-01-01", "day")]


def test_a_sentence_in_another_language_is_read_in_its_own():
    # an English sentence pasted under German ones keeps its day and gets no "The" actor,
    # and a German one inside English text keeps "15. März" whole (QA F23)
    pub = dt.date(2026, 11, 20)
    text = ("Die Wasserwerke wollen bis zum 15. Dezember 2026 neue Preise vorlegen. Der "
            "Stadtrat soll im Februar 2027 entscheiden.\n"
            "The minister said the new fees will take effect on 1 March 2027.")
    found = extract(text, pub, "de")
    assert [(c.due.isoformat(), c.precision) for c in found] == [
        ("2026-12-15", "day"), ("2027-02-28", "month"), ("2027-03-01", "day")]
    assert found[2].actor != "The"
    text = ("The council will vote on the budget on 3 December 2026. "
            "Der Senat soll am 15. März 2027 entscheiden.")
    assert dues(text, pub, "en") == [("2026-12-03", "day"), ("2027-03-15", "day")]

"""store.ingest.propose/commit: provenance, deduplication, one undo step."""
from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from store import model
from store.db import open_store
from store.ingest import Document, Proposal, commit, load, propose
from store.model import Source

FIXTURES = Path(__file__).parent / "fixtures" / "ingest"
TODAY = dt.date(2025, 11, 24)


@pytest.fixture
def store(db_path):
    return open_store(db_path)


def doc(name: str, text: str = "", published=dt.date(2025, 11, 20), lang="en") -> Document:
    return Document(text or f"text of {name}", name, published, lang, "given")


def proposal(title, due, sentence, document, actor="", confidence=0.9, known_id=None):
    return Proposal(title, model.Due.from_value(due, due), actor, sentence, confidence,
                    document, known_id)


A, B = doc("a.html"), doc("b.html", published=dt.date(2025, 11, 21))
DEAL_A = "Ministers promised to sign the fisheries deal by 12 December 2025."
DEAL_B = "The fisheries deal will be signed by 12 December 2025, officials said."


def test_new_items_carry_their_source(store):
    outcome = commit(store, [proposal("Sign the fisheries deal", "2025-12-12", DEAL_A, A,
                                      actor="Ministers")])
    assert outcome.merged_ids == [] and outcome.already_known == 0
    [new_id] = outcome.new_ids
    record = store.get(new_id)
    assert record.title == "Sign the fisheries deal" and record.actor == "Ministers"
    assert record.due == "2025-12-12" and record.precision == "day"
    assert record.sources == (Source(DEAL_A, "a.html", "2025-11-20", "en"),)
    assert record.history[0].note == "from a.html"


def test_same_commitment_from_another_article_adds_a_source(store):
    [first] = commit(store, [proposal("Sign the fisheries deal", "2025-12-12", DEAL_A, A)]).new_ids
    outcome = commit(store, [proposal("Fisheries deal will be signed", "2025-12-12", DEAL_B, B)])
    assert outcome.new_ids == [] and outcome.merged_ids == [first]
    record = store.get(first)
    assert [s.document for s in record.sources] == ["a.html", "b.html"]
    assert record.sources[1].published == "2025-11-21"
    assert record.history[-1].event == "source added"
    assert len(store.all()) == 1


def test_same_actor_and_day_with_a_different_title_is_matched_by_actor(store):
    [first] = commit(store, [proposal("Open the new ferry terminal", "2026-03-31",
                                      "The port will open the ferry terminal by March.", A,
                                      actor="Port of Eastport")]).new_ids
    outcome = commit(store, [proposal("Start of sailings to the terminal", "2026-03-31",
                                      "The terminal opens in March, the port said.", B,
                                      actor="port of eastport")])
    assert outcome.merged_ids == [first]


def test_different_commitments_stay_apart(store):
    commit(store, [proposal("Sign the fisheries deal", "2025-12-12", DEAL_A, A, actor="EU"),
                   proposal("Harbour Board to dredge the channel", "2025-12-12", "The Harbour "
                            "Board will dredge the channel by 12 December.", A,
                            actor="Harbour Board")])
    outcome = commit(store, [
        # same day, same actor, nothing in common in the title: another promise
        proposal("Publish the budget plan", "2025-12-12", "The EU will publish its budget plan "
                 "by 12 December.", B, actor="EU"),
        # same day and actor; the titles share only the actor's name
        proposal("Harbour Board to sell the old ferries", "2025-12-12", "The Harbour Board "
                 "will sell the old ferries by 12 December.", B, actor="Harbour Board"),
        # same title, another day: another deadline
        proposal("Sign the fisheries deal", "2026-06-30", "A second fisheries deal is due by "
                 "June 2026.", B, actor="EU"),
    ])
    assert len(outcome.new_ids) == 3 and outcome.merged_ids == []
    assert len(store.all()) == 5


def test_reingesting_the_same_document_adds_nothing(store):
    batch = [proposal("Sign the fisheries deal", "2025-12-12", DEAL_A, A),
             proposal("Open the terminal", "2026-03", "The terminal opens in March 2026.", A)]
    assert len(commit(store, batch).new_ids) == 2
    undo_steps = store.can_undo()
    again = commit(store, batch)
    assert again.new_ids == [] and again.merged_ids == [] and again.already_known == 2
    assert store.can_undo() == undo_steps   # no empty undo step either
    assert all(len(r.sources) == 1 for _, r in store.all())


def test_a_stored_item_edited_by_hand_is_still_recognised(store):
    [first] = commit(store, [proposal("Sign the fisheries deal", "2025-12-12", DEAL_A, A)]).new_ids
    store.edit(first, title="Fisheries agreement (EU-Norway)", actor="Council")
    again = commit(store, [proposal("Sign the fisheries deal", "2025-12-12", DEAL_A, A)])
    assert again.already_known == 1 and len(store.all()) == 1


def test_two_articles_in_one_batch_make_one_item(store):
    outcome = commit(store, [proposal("Sign the fisheries deal", "2025-12-12", DEAL_A, A),
                             proposal("Fisheries deal will be signed", "2025-12-12", DEAL_B, B)])
    [only] = outcome.new_ids
    assert len(store.get(only).sources) == 2
    assert outcome.more_sources == 1 and outcome.merged_ids == []


TWO_FOR_ONE_DAY = ("The council will vote on the budget on 3 March 2026, the same day the "
                   "bridge is to open.")


@pytest.mark.parametrize("order", [1, -1])
def test_one_sentence_with_two_commitments_for_one_day_makes_two_items(store, order):
    vote = proposal("Council will vote on the budget", "2026-03-03", TWO_FOR_ONE_DAY, A)
    bridge = proposal("Bridge is to open", "2026-03-03", TWO_FOR_ONE_DAY, A)
    outcome = commit(store, [vote, bridge][::order])
    assert len(outcome.new_ids) == 2 and outcome.already_known == 0
    # the same two again, the titles worded anew (a newer extractor): each finds its own item
    vote_again = proposal("Budget vote in the council", "2026-03-03", TWO_FOR_ONE_DAY, A)
    bridge_again = proposal("The bridge opens", "2026-03-03", TWO_FOR_ONE_DAY, A)
    again = commit(store, [vote_again, bridge_again][::order])
    assert again.new_ids == [] and again.already_known == 2
    assert len(store.all()) == 2


def test_one_ingest_is_one_undo_step(store):
    [first] = commit(store, [proposal("Sign the fisheries deal", "2025-12-12", DEAL_A, A)]).new_ids
    before = store.get(first)
    outcome = commit(store, [
        proposal("Fisheries deal will be signed", "2025-12-12", DEAL_B, B),
        proposal("Open the terminal", "2026-03", "The terminal opens in March 2026.", B),
        proposal("Close the old pier", "2026-06-30", "The old pier closes by 30 June 2026.", B),
    ])
    assert len(outcome.new_ids) == 2 and outcome.merged_ids == [first]
    assert store.undo() == "ingest (2 new, 1 given a source)"
    assert store.all() == [(first, before)]


def test_a_stale_known_id_does_not_lose_the_commitment(store):
    [first] = commit(store, [proposal("Sign the fisheries deal", "2025-12-12", DEAL_A, A)]).new_ids
    p = proposal("Fisheries deal will be signed", "2025-12-12", DEAL_B, B, known_id=first)
    store.remove(first)   # e.g. deleted in the dashboard while the review was open
    outcome = commit(store, [p])
    assert len(outcome.new_ids) == 1 and outcome.new_ids[0] != first


def test_edited_proposal_is_stored_as_edited(store):
    p = proposal("Sign the fisheries deal", "2025-12-12", DEAL_A, A)
    p.title, p.actor, p.due = "  Fisheries   deal signed ", "Council", model.Due.from_value("2026-Q1")
    [new_id] = commit(store, [p]).new_ids
    record = store.get(new_id)
    assert (record.title, record.actor, record.due, record.precision) == \
        ("Fisheries deal signed", "Council", "2026-03-31", "quarter")


def test_propose_runs_the_extractor_and_marks_what_is_known(store, tmp_path):
    loaded = load(str(FIXTURES / "article.txt"), published=dt.date(2025, 11, 20), today=TODAY)
    proposals = propose(store, loaded.documents, TODAY)
    assert proposals, "the extractor found the article's dated promises"
    assert any(p.due.due == dt.date(2025, 12, 15) for p in proposals)
    assert all(p.known_id is None and p.document is loaded.documents[0] for p in proposals)
    outcome = commit(store, proposals)
    assert len(outcome.new_ids) == len(proposals)
    record = store.get(outcome.new_ids[0])
    assert record.sources[0].document == str((FIXTURES / "article.txt").absolute())
    assert record.sources[0].lang == "en"   # detected, as the file declares none
    again = propose(store, loaded.documents, TODAY)
    assert sorted(p.known_id for p in again) == sorted(outcome.new_ids)


def test_the_same_promise_in_two_real_articles(store):
    first = load(str(FIXTURES / "article.txt"), published=dt.date(2025, 11, 20), today=TODAY)
    second = load(str(FIXTURES / "second_article.txt"), published=dt.date(2025, 11, 21), today=TODAY)
    commit(store, propose(store, first.documents, TODAY))
    proposals = propose(store, second.documents, TODAY)
    timetable = [p for p in proposals if p.due.due == dt.date(2025, 12, 15)]
    assert len(timetable) == 1 and timetable[0].known_id is not None
    count = len(store.all())
    outcome = commit(store, timetable)
    assert outcome.merged_ids == [timetable[0].known_id] and len(store.all()) == count

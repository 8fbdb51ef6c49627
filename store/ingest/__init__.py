"""Ingest: documents in (files, folders, pages, feeds), reviewed commitments out, with sources.

    load(source)            -> Loaded(documents, skipped, warnings)   reading only
    propose(store, docs)    -> [Proposal]   the extractor's candidates, matched with the store
    commit(store, chosen)   -> Outcome      one transaction, one undo step

The command line (`frist ingest`) and the dashboard's review screen both call these three;
`frist extract` reads its one document with `read_one`, the dashboard's pasted text is
`pasted`, and all of them are dated by `publication_date`.

One module per job: load (files, folders, standard input, feeds' entries), markup (HTML,
Markdown, feed text), web (http), published (the publication date), matching (proposals
and the stored items they match), commit (storing them).
"""
from store.ingest.commit import Outcome, commit
from store.ingest.load import Document, Loaded, Progress, is_url, load, pasted, read_one
from store.ingest.markup import MissingExtra, html_main_text
from store.ingest.matching import (CONFIDENCE_THRESHOLD, Proposal, due_of_candidate, find_known,
                                   propose, same_commitment, similar_titles)
from store.ingest.published import dateline_date, publication_date
from store.ingest.web import DEADLINE_SECONDS, Unreachable, fetch

__all__ = ["CONFIDENCE_THRESHOLD", "DEADLINE_SECONDS", "Document", "Loaded", "MissingExtra",
           "Outcome", "Progress", "Proposal", "Unreachable", "commit", "dateline_date",
           "due_of_candidate", "fetch", "find_known", "html_main_text", "is_url", "load",
           "pasted", "propose", "publication_date", "read_one", "same_commitment",
           "similar_titles"]

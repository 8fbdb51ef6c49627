"""What an ingest found and stored, in words: one wording for the command line
(`frist ingest`) and the dashboard (its review and the toast after it). Plain text, no
terminal code, so both can import it.
"""
from __future__ import annotations

from tui.text import counted


def repeated(proposal) -> str:
    """A proposal the document states more than once, word for word: one to store."""
    return f"stated {proposal.repeats + 1} times in {_short(proposal.document.name)}, stored once"


def _short(name: str) -> str:
    return name.rstrip("/").rsplit("/", 1)[-1] or name


def summary(outcome, new: str = "new", documents: int = 1) -> str:
    """What an ingest stored, each accepted proposal counted once: '4 new (+1 source for
    them from the same document), 1 known, given this source (#3), 0 already known'."""
    same = outcome.more_from_same
    other = outcome.more_sources - same
    them = "it" if len(outcome.new_ids) == 1 else "them"
    whence = [f"+{counted(n, 'source')} for {them} from {where}" for n, where in (
        (same, "the same document"),
        (other, "another document" if other == 1 else "other documents")) if n]
    parts = [f"{len(outcome.new_ids)} {new}" + (f" ({', '.join(whence)})" if whence else "")]
    if outcome.merged_ids:
        ids = ", ".join(f"#{i}" for i in outcome.merged_ids)
        given = counted(outcome.merged_sources, "source")
        if outcome.merged_sources == len(outcome.merged_ids):
            given = "this source" if documents == 1 else "a source"
        parts.append(f"{len(outcome.merged_ids)} known, given {given} ({ids})")
    parts.append(f"{outcome.already_known} already known")
    return ", ".join(parts)

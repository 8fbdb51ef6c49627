"""Messages between the dashboard's parts that are not private to one widget.

Widget-private messages stay nested in their widget (CommitTable.Highlighted,
ViewBar.Picked); these cross from the ingest form's worker thread to the form.
"""
from __future__ import annotations

from dataclasses import dataclass, field

from textual.message import Message


@dataclass
class ProposalsReady(Message):
    """The ingest worker read the documents and ran the extractor over them."""

    proposals: list
    skipped: list[tuple[str, str]] = field(default_factory=list)  # (document, why)
    warnings: list[str] = field(default_factory=list)


@dataclass
class IngestFailed(Message):
    """The ingest worker could read nothing: why, in one line."""

    reason: str

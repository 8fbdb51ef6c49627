"""Messages between the dashboard's parts that are not private to one widget.

Widget-private messages stay nested in their widget (CommitTable.Highlighted,
ViewBar.Picked); these cross from the ingest form's worker thread to the form.
"""
from __future__ import annotations

from dataclasses import dataclass

from textual.message import Message

from tui.controller import Found


@dataclass
class ProposalsReady(Message):
    """The ingest worker read the documents and ran the extractor over them."""

    found: Found


@dataclass
class IngestFailed(Message):
    """The ingest worker could read nothing: why, in one line."""

    reason: str

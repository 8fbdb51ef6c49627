"""A Markdown table of the commitments and a list of their sources, untrusted text made
inert."""
from __future__ import annotations

import re

from store import model
from store.exchange.entries import CONTROL


_MD_SPECIAL = re.compile(r"([\\`*_\[\]<>|#!~])")


def md_text(text: str) -> str:
    """Untrusted text made inert in Markdown: one line, no controls, specials escaped."""
    text = " ".join(CONTROL.sub(" ", str(text)).split())
    return _MD_SPECIAL.sub(r"\\\1", text)


def write(items, today) -> bytes:
    from store.query import sort_key
    items = sorted(items, key=sort_key)
    lines = ["# frist commitments", "",
             f"{len(items)} commitment{'s' if len(items) != 1 else ''}, as of {today.isoformat()}.",
             ""]
    if items:
        lines += ["| ID | Due | When | Title | Actor | Status |",
                  "|---:|-----|------|-------|-------|--------|"]
        for item_id, record in items:
            lines.append(f"| {item_id} | {model.due_label(record)} | "
                         f"{model.countdown(record, today)} | {md_text(record['title'])} | "
                         f"{md_text(record.get('actor', ''))} | {record['status']} |")
    sourced = [(i, r) for i, r in items if r.get("sources")]
    if sourced:
        lines += ["", "## Sources", ""]
        for item_id, record in sourced:
            for source in record["sources"]:
                said = f"“{md_text(source['sentence'])}” " if source.get("sentence") else ""
                lines.append(f"- **{item_id}** {said}— {md_text(source.get('document', ''))}"
                             f" ({md_text(source.get('published', '?'))})")
    return ("\n".join(lines) + "\n").encode("utf-8")

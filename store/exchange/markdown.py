"""A Markdown table of the commitments and a list of their sources, untrusted text made
inert."""
from __future__ import annotations

import re

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
        for item_id, c in items:
            lines.append(f"| {item_id} | {c.due_label()} | {c.countdown(today)} | "
                         f"{md_text(c.title)} | {md_text(c.actor)} | {c.status} |")
    sourced = [(i, c) for i, c in items if c.sources]
    if sourced:
        lines += ["", "## Sources", ""]
        for item_id, c in sourced:
            for source in c.sources:
                said = f"“{md_text(source.sentence)}” " if source.sentence else ""
                lines.append(f"- **{item_id}** {said}— {md_text(source.document)}"
                             f" ({md_text(source.published)})")
    return ("\n".join(lines) + "\n").encode("utf-8")

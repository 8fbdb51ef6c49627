"""The detail pane: everything about one commitment, beside the main table.

It follows the table's cursor while it is open. Every untrusted string goes in as a
Content object (see tui.widgets.literal), so nothing in an article is read as markup.
"""
from __future__ import annotations

import datetime as dt

from textual.containers import VerticalScroll
from textual.content import Content
from textual.widgets import Static

from store import model
from store.sync.mapping import made_in_an_app
from tui.text import day_label, stamp_label
from tui.widgets.literal import highlighted, literal
from tui.widgets.table import STATE_WORDS

STATE_STYLE = {
    "overdue": "bold $text-error", "due-today": "bold $text-warning", "due-soon": "$text-warning",
    "upcoming": "", "met": "$text-success", "missed": "$text-error", "cancelled": "$foreground-muted",
}


def _day(text: str) -> str:
    try:
        d = dt.date.fromisoformat(text)
    except (TypeError, ValueError):
        return str(text)
    return f"{d:%a} {d.day} {model.MONTH_ABBR[d.month - 1]} {d.year}"


def describe(item_id: int, record: dict, today: dt.date, soon_days: int = model.DUE_SOON_DAYS) -> Content:
    """The whole item as one Content: title, due window, sources, history."""
    state = model.record_state(record, today, soon_days)
    label = Content.styled
    parts: list[Content] = [
        literal(record.get("title", ""), "bold", one_line=False),
        Content("\n"),
        label(f"#{item_id} · ", "$foreground-muted"),
        # an open item: its state and countdown; a decided one: "met 4 Dec" says both
        label(STATE_WORDS.get(state, state), STATE_STYLE.get(state, ""))
        if record["status"] == "open" else label(model.countdown(record, today),
                                                 STATE_STYLE.get(state, "")),
        label(f" · {model.countdown(record, today)}"
              if record["status"] == "open" and state != "due-today" else "",  # not "today" twice
              "$foreground-muted"),
        Content("\n"),
    ]
    if state == "overdue":
        parts.append(label("Past due, undecided: m met · x missed · p postpone\n",
                           "$text-error"))
    parts.append(Content("\n"))

    def field(name: str, value: Content | str) -> None:
        parts.append(label(f"{name:<10}", "$foreground-muted"))
        parts.append(value if isinstance(value, Content) else literal(value))
        parts.append(Content("\n"))

    due = model.due_label(record)
    start, end = record.get("window_start") or record["due"], record["due"]
    if start == end:
        field("due", _day(end))
    else:
        field("due", f"{due}  (window {_day(start)} – {_day(end)})")
    if record.get("due_text"):
        field("said as", literal(record["due_text"]))
    field("actor", literal(record.get("actor") or "—"))
    if record.get("tags"):
        field("tags", literal(", ".join(record["tags"])))
    field("status", record["status"])
    decided = model.decided_on(record)
    if decided is not None:
        field("decided", day_label(decided, today, weekday=True))

    sources = record.get("sources") or []
    parts.append(label("\nSources\n", "bold"))
    if not sources:
        parts.append(label("made in a calendar app\n" if made_in_an_app(record)
                           else "typed in by hand\n", "$foreground-muted"))
    for source in sources:
        sentence = source.get("sentence", "")
        if sentence:
            parts += [Content("“"), highlighted(sentence, record.get("due_text", ""),
                                                "bold $text-warning underline"),
                      Content("”\n")]
        meta = literal(source.get("document") or "unknown document")
        published = source.get("published")
        parts.append(label("  ", "") + meta.stylize("$foreground-muted"))
        if published:
            parts.append(label(f" · published {_day(published)}", "$foreground-muted"))
        if source.get("lang"):
            parts.append(label(f" · {source['lang']}", "$foreground-muted"))
        parts.append(Content("\n"))

    parts.append(label("\nHistory\n", "bold"))
    stamps = [stamp_label(event.get("at", ""), today) for event in record.get("history", [])]
    cells = max(map(len, stamps), default=0)
    for event, stamp in zip(record.get("history", []), stamps):
        parts.append(label(f"{stamp:<{cells}}  ", "$foreground-muted"))
        parts.append(literal(event.get("event", "")))
        if event.get("note"):
            parts.append(label(" — ", "$foreground-muted"))
            parts.append(literal(event["note"], "italic"))
        parts.append(Content("\n"))
    return Content("").join(parts)


class DetailPane(VerticalScroll, can_focus=False):
    """Shows one item; `show(id)` switches to another, `show(None)` says so."""

    def __init__(self, item_id: int | None = None, **kwargs) -> None:
        super().__init__(**kwargs)
        self.item_id = item_id

    def compose(self):
        yield Static(self._describe(), id="detail-body")

    def show(self, item_id: int | None) -> None:
        self.item_id = item_id
        if self.is_mounted:
            self.query_one("#detail-body", Static).update(self._describe())

    def _describe(self) -> Content:
        app = self.app
        record = app.view.items.get(self.item_id) if self.item_id is not None else None
        if record is None:
            return Content.styled("Nothing selected.", "$foreground-muted")
        return describe(self.item_id, record, app.today, app.view.soon_days)

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
from store.model import Commitment
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


KEYS = {"mark_met": "m", "mark_missed": "x", "postpone": "p"}  # the default keys


def describe(item_id: int, commitment: Commitment, today: dt.date,
             soon_days: int = model.DUE_SOON_DAYS, key_for=lambda binding_id: KEYS[binding_id]
             ) -> Content:
    """The whole item as one Content: title, due window, sources, history. `key_for`
    names the key of a binding (the app's, as [keymap] gives it)."""
    c = commitment
    state = c.state(today, soon_days)
    label = Content.styled
    parts: list[Content] = [
        literal(c.title, "bold", one_line=False),
        Content("\n"),
        label(f"#{item_id} · ", "$foreground-muted"),
        # an open item: its state and countdown; a decided one: "met 4 Dec" says both
        label(STATE_WORDS.get(state, state), STATE_STYLE.get(state, ""))
        if c.status == "open" else label(c.countdown(today), STATE_STYLE.get(state, "")),
        label(f" · {c.countdown(today)}"
              if c.status == "open" and state != "due-today" else "",  # not "today" twice
              "$foreground-muted"),
        Content("\n"),
    ]
    if state == "overdue":
        parts.append(label(f"Past due, undecided: {key_for('mark_met')} met · "
                           f"{key_for('mark_missed')} missed · {key_for('postpone')} postpone\n",
                           "$text-error"))
    parts.append(Content("\n"))

    def field(name: str, value: Content | str) -> None:
        parts.append(label(f"{name:<10}", "$foreground-muted"))
        parts.append(value if isinstance(value, Content) else literal(value))
        parts.append(Content("\n"))

    start, end = c.window_start, c.due
    if start == end:
        field("due", _day(end))
    else:
        field("due", f"{c.due_label()}  (window {_day(start)} – {_day(end)})")
    if c.due_text:
        field("said as", literal(c.due_text))
    field("actor", literal(c.actor or "—"))
    if c.tags:
        field("tags", literal(", ".join(c.tags)))
    field("status", c.status)
    decided = c.decided_day
    if decided is not None:
        field("decided", day_label(decided, today, weekday=True))

    sources = c.sources
    parts.append(label("\nSources\n", "bold"))
    if not sources:
        parts.append(label("made in a calendar app\n" if made_in_an_app(c)
                           else "typed in by hand\n", "$foreground-muted"))
    for source in sources:
        if source.sentence:
            parts += [Content("“"), highlighted(source.sentence, c.due_text,
                                                "bold $text-warning underline"),
                      Content("”\n")]
        meta = literal(source.document or "unknown document")
        parts.append(label("  ", "") + meta.stylize("$foreground-muted"))
        if source.published:
            parts.append(label(f" · published {_day(source.published)}", "$foreground-muted"))
        if source.lang:
            parts.append(label(f" · {source.lang}", "$foreground-muted"))
        parts.append(Content("\n"))

    parts.append(label("\nHistory\n", "bold"))
    history = c.history
    stamps = [stamp_label(event.at, today) for event in history]
    cells = max(map(len, stamps), default=0)
    for event, stamp in zip(history, stamps):
        parts.append(label(f"{stamp:<{cells}}  ", "$foreground-muted"))
        parts.append(literal(event.event))
        if event.note:
            parts.append(label(" — ", "$foreground-muted"))
            parts.append(literal(event.note, "italic"))
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
        return describe(self.item_id, record, app.today, app.view.soon_days, app.key_for)

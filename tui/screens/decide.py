"""The "needs a decision" queue: overdue, undecided commitments, one at a time.

m met, x missed (the main screen's note form: a note and the day it was decided),
p postpone (its form, with the new date previewed as typed), s skip, Escape closes; at
the end of the queue, r brings back what was skipped and is still undecided. Each
decision goes through the app (the store write, then the app refreshes every screen),
and the queue moves on. An item handled here stays out of the queue while it is as we left
it; if it changes again (say `u` undoes the decision) it comes back. One postponed to a
day that is past too is still overdue and undecided: it stays in the queue.
"""
from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.widgets import Static

from store.model import Commitment
from store.query import Filter, select
from tui.screens.base import FristScreen
from tui.text import printable
from tui.widgets.footer import KeyFooter


def signature(commitment: Commitment) -> tuple:
    """What identifies a commitment's current version (an undo brings back an older one)."""
    return commitment.status, commitment.due, commitment.revision


def card(item_id: int, commitment: Commitment, today) -> Text:
    """The commitment in full: title, due and countdown, actor, what was said, where."""
    c = commitment
    text = Text()
    text.append(printable(c.title), style="bold")
    text.append(f"  #{item_id}\n\n", style="dim")
    text.append("due      ", style="dim")
    text.append(f"{c.due_label()}  ")
    text.append(c.countdown(today), style="bold red")
    if c.window_start != c.due:
        text.append(f"  (window {c.window_start} to {c.due})", style="dim")
    text.append("\n")
    for label, value in (("actor    ", c.actor), ("said as  ", c.due_text)):
        if value:
            text.append(label, style="dim")
            text.append(printable(value) + "\n")
    if c.tags:
        text.append("tags     ", style="dim")
        text.append(printable(", ".join(c.tags)) + "\n")
    for source in c.sources:
        text.append("\n")
        if source.sentence:
            text.append("“" + printable(source.sentence) + "”\n", style="italic")
        where = printable(source.document)
        if where or source.published:
            text.append(f"  — {where} (published {printable(source.published or '?')})\n",
                        style="dim")
    text.rstrip()
    return text


class DecideScreen(FristScreen):
    """Pushed by the app's `n` key."""


    BINDINGS = [
        Binding("m", "decide('met')", "met", id="decide_met"),
        Binding("x", "decide('missed')", "missed", id="decide_missed"),
        Binding("p", "postpone", "postpone", id="decide_postpone"),
        Binding("s", "skip", "skip", id="decide_skip"),
        Binding("r", "again", "skipped again", id="decide_again"),
        Binding("escape", "close", "back", id="decide_back"),
    ]

    def __init__(self) -> None:
        super().__init__()
        self.ready = False
        self.handled: dict[int, tuple] = {}  # id -> signature when we last acted on it
        self.current: tuple[int, Commitment] | None = None
        self.waiting = 0
        self.skipped: set[int] = set()  # ids skipped here ...
        self.undecided_skipped = 0  # ... of which this many are still overdue, as skipped
        self.decided: dict[int, str] = {}  # id -> "met", "missed" or "postponed" here
        self.records: dict[int, Commitment] = {}  # every item, as the queue last read them

    def compose(self) -> ComposeResult:
        yield Static(id="decide-title", markup=False)
        with VerticalScroll(id="decide-card"):
            yield Static(id="decide-item", markup=False)
        yield KeyFooter()

    def on_mount(self) -> None:
        self.ready = True
        self.refresh_items()

    # -- the queue
    def queue(self) -> list[tuple[int, Commitment]]:
        """Overdue open items, oldest due first, leaving out those handled here."""
        everything = self.app.store.all()
        self.records = dict(everything)
        overdue = select(everything, Filter(status="needs-decision"), self.app.today)
        waiting = [(i, r) for i, r in overdue if self.handled.get(i) != signature(r)]
        self.undecided_skipped = sum(1 for i, r in overdue
                                     if i in self.skipped and self.handled.get(i) == signature(r))
        return waiting

    def refresh_items(self) -> None:
        """Look at the store again (the app calls this after every change)."""
        waiting = self.queue()
        self.waiting = len(waiting)
        self.current = waiting[0] if waiting else None
        if self.current is not None and self.app.selected_id != self.current[0]:
            self.app.selected_id = self.current[0]
        self._draw()
        self.refresh_bindings()  # r (skipped again) shows only at the end of the queue

    def check_action(self, action: str, parameters: tuple) -> bool | None:
        if action == "again":
            return self.current is None and self.undecided_skipped > 0
        if action in ("decide", "postpone", "skip"):  # nothing left to act on: not offered
            return self.current is not None
        return True

    @property
    def SHOWS_AN_ITEM(self) -> bool:  # noqa: N802 — FristScreen's flag, read by the app
        """Once the queue is done no item is in sight: the app's item keys (e edit, d
        delete, and m met behind the queue's own) would act on the last one decided."""
        return self.current is not None

    def _draw(self) -> None:
        if not self.ready:  # not mounted yet: the app may refresh every screen it holds
            return
        done = ", ".join(f"{n} {what}" for what, n in self.counts().items() if n)
        title = Text(f" Needs a decision · {self.waiting} left" + (f" · {done}" if done else ""))
        self.query_one("#decide-title", Static).update(title)
        item = self.query_one("#decide-item", Static)
        if self.current is None and self.undecided_skipped:
            item.update(Text(f"The queue is done, but {self.undecided_skipped} skipped "
                             f"commitment{'s' if self.undecided_skipped > 1 else ''} "
                             f"{'are' if self.undecided_skipped > 1 else 'is'} still undecided."
                             "\n\nr goes through the skipped ones again · Escape goes back.",
                             style="italic"))
        elif self.current is None:
            item.update(Text("Nothing needs a decision: every overdue commitment is decided."
                             "\n\nEscape goes back.", style="italic"))
        else:
            item.update(card(*self.current, self.app.today))

    def counts(self) -> dict[str, int]:
        """What was decided here and still stands (an undo takes a decision back)."""
        out = {"met": 0, "missed": 0, "postponed": 0}
        for item_id, what in self.decided.items():
            record = self.records.get(item_id)
            if record is not None and signature(record) == self.handled.get(item_id):
                out[what] += 1
        return out | {"skipped": self.undecided_skipped}

    # -- actions
    def _apply(self, item_id: int, write, message: str, counter: str,
               settled: bool = True) -> None:
        """Make the change to the item the form was opened on through the app (store
        write + refresh), then move on; an item not `settled` (postponed to a day that
        is past too) stays in the queue. FristError when the store refuses it: the form
        that asked says so."""
        written = {}

        def run():
            written["record"] = write()
            return written["record"]
        try:
            if self.app.save_change(item_id, run, message) and settled:
                self.handled[item_id] = signature(written["record"])
                self.decided[item_id] = counter
                self.skipped.discard(item_id)
        finally:
            self.refresh_items()

    def action_decide(self, status: str) -> None:
        """The main screen's note form (a note, the day it was decided), then the mark."""
        if self.current is None:
            return
        item_id, record = self.current

        def save(answer: dict, shown: dict) -> None:
            self._apply(item_id, lambda: self.app.store.mark(item_id, status, answer["note"],
                                                             on=answer["on"], shown=shown),
                        decision_message(item_id, status, answer["on"], self.app.today), status)
        from tui.screens.forms import NoteForm, decision_message
        self.app.push_screen(NoteForm(f"Mark as {status}", record, save=save))

    def action_skip(self) -> None:
        if self.current is None:
            return
        item_id, record = self.current
        self.handled[item_id] = signature(record)
        self.skipped.add(item_id)
        self.decided.pop(item_id, None)  # decided before and undone: now only skipped
        self.refresh_items()

    def action_again(self) -> None:
        """The skipped items, still undecided, back in the queue."""
        for item_id in self.skipped:
            self.handled.pop(item_id, None)
        self.skipped.clear()
        self.refresh_items()

    def action_postpone(self) -> None:
        """The main screen's postpone form (the new date previewed as typed)."""
        if self.current is None:
            return
        item_id, record = self.current

        def save(answer, shown: dict) -> None:
            due, note = answer
            past = due.due < self.app.today  # still overdue, still to be decided
            told = " — still overdue, so it stays in the queue" if past else ""
            self._apply(item_id, lambda: self.app.store.postpone(item_id, due, note, shown=shown),
                        f"#{item_id} now due {due.label}{told}", "postponed",
                        settled=not past)
        from tui.screens.forms import PostponeForm
        self.app.push_screen(PostponeForm(record, save=save))

    def action_close(self) -> None:
        self.app.pop_screen()

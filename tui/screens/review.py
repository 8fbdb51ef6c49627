"""Review what the extractor proposes before anything is stored.

Each proposal shows its sentence (date words highlighted), due, actor and confidence,
and whether the store already holds it. Accept, reject or edit each, or accept all;
"Store" dismisses the screen with the accepted proposals, which the app commits through
store.ingest.commit (one undo step; a known commitment gains a source, not a twin).
"""
from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.widgets import ListItem, ListView, Static

from store import model
from store.model import Commitment
from tui.screens.base import FristModal
from tui.ingest_text import repeated
from tui.text import counted
from tui.screens.forms import ConfirmForm, ItemForm
from tui.widgets.footer import KeyFooter
from tui.widgets.literal import highlighted, literal

MARKS = {
    "pending": ("?", "$foreground-muted", "undecided"),
    "accepted": ("✓", "bold $text-success", "accept"),
    "rejected": ("✗", "$text-error", "reject"),
}


def _short(name: str) -> str:
    """A document's last path part (a URL or path can be long)."""
    return name.rstrip("/").rsplit("/", 1)[-1] or name


class ProposalCard(ListItem):
    """One proposal: its mark, then beside it (wrapping under itself, never back to
    column 0) the title, the due and actor line, and the sentence."""

    def __init__(self, proposal, index: int) -> None:
        super().__init__()
        self.proposal = proposal
        self.index = index
        self.decision = "pending"
        self.edited = False  # changed by hand in the review

    def compose(self) -> ComposeResult:
        mark, title, meta, sentence = self.describe()
        with Horizontal(classes="head"):
            yield Static(mark, classes="mark")
            with Vertical(classes="body"):
                yield Static(title, classes="title")
                yield Static(meta, classes="meta")
                yield Static(sentence, classes="sentence")

    def set_decision(self, decision: str) -> None:
        self.decision = decision
        for name in MARKS:
            self.set_class(name == decision, f"-{name}")
        self.redraw()

    def redraw(self) -> None:
        """Show the proposal as it is now (after a decision or an edit)."""
        for name, content in zip(("mark", "title", "meta", "sentence"), self.describe()):
            self.query_one(f".{name}", Static).update(content)

    def describe(self) -> tuple[Content, Content, Content, Content]:
        p = self.proposal
        today = self.app.today
        mark, style, word = MARKS[self.decision]
        muted = "$foreground-muted"
        left = model.left_words(model.days_left(p.due.due, today))
        meta = [(model.due_label(p.due.due.isoformat(), p.due.precision), "bold"),
                (f" · {left}", muted),
                ("   actor ", muted), literal(p.actor or "—"),
                ("   confidence ", muted), (f"{p.confidence:.0%}", ""),
                ("   from ", muted), literal(_short(p.document.name)),
                (f"   published {model.due_label(p.document.published.isoformat())}", muted)]
        if p.known_id is not None:
            meta.append((f"   already stored as #{p.known_id}", "bold $text-warning"))
        if p.repeats:
            meta.append((f"   {repeated(p)}", muted))
        if self.edited:
            meta.append(("   edited", "italic $text-accent"))
        sentence = Content.assemble("“", highlighted(p.sentence, p.due.text or "",
                                                    "bold $text-warning underline"), "”")
        return (Content.styled(f" {mark} {word}", style), literal(p.title, "bold"),
                Content.assemble(*meta), sentence)


class ReviewScreen(FristModal):
    """Full-screen, and modal so that the dashboard's keys (m, p, d ...) rest meanwhile."""

    BINDINGS = [
        Binding("a", "decide('accepted')", "Accept", id="review_accept"),
        Binding("x", "decide('rejected')", "Reject", id="review_reject"),
        Binding("space", "toggle", "Toggle", id="review_toggle"),
        Binding("e", "edit", "Edit", id="review_edit"),
        Binding("A", "accept_all", "Accept all", id="review_accept_all"),
        Binding("s,ctrl+s", "store", "Store accepted", id="review_store"),
        Binding("escape", "leave", "Cancel", id="review_cancel"),
    ]

    def __init__(self, proposals: list) -> None:
        super().__init__()
        self.proposals = proposals

    def compose(self) -> ComposeResult:
        yield Static("", id="review-head")
        yield ListView(*(ProposalCard(p, i) for i, p in enumerate(self.proposals)),
                       id="proposals")
        yield KeyFooter(compact=True)

    def on_mount(self) -> None:
        self.query_one(ListView).focus()
        self._head()

    @property
    def cards(self) -> list[ProposalCard]:
        return list(self.query(ProposalCard))

    def _current(self) -> ProposalCard | None:
        item = self.query_one(ListView).highlighted_child
        return item if isinstance(item, ProposalCard) else None

    def _head(self) -> None:
        cards = self.cards
        docs = sorted({c.proposal.document.name for c in cards})
        counts = {name: sum(c.decision == name for c in cards) for name in MARKS}
        shown = _short(docs[0]) if len(docs) == 1 else f"{len(docs)} documents"
        self.query_one("#review-head", Static).update(Content.assemble(
            ("Review ", "bold"), (f"{counted(len(cards), 'proposed commitment')} from ", ""),
            literal(shown), ("   ", ""),
            (f"✓ {counts['accepted']}  ", "$text-success"), (f"✗ {counts['rejected']}  ", "$text-error"),
            (f"? {counts['pending']}", "$foreground-muted")))

    def action_decide(self, decision: str) -> None:
        card = self._current()
        if card is None:
            return
        card.set_decision(decision)
        self._head()
        view = self.query_one(ListView)
        if view.index is not None and view.index < len(self.cards) - 1:
            view.index += 1  # on to the next one

    def action_toggle(self) -> None:
        card = self._current()
        if card is not None:
            card.set_decision("rejected" if card.decision == "accepted" else "accepted")
            self._head()

    @on(ListView.Selected)
    def _selected(self, event: ListView.Selected) -> None:
        self.action_toggle()

    def action_accept_all(self) -> None:
        for card in self.cards:
            if card.decision != "rejected":
                card.set_decision("accepted")
        self._head()

    def action_edit(self) -> None:
        card = self._current()
        if card is None:
            return
        p = card.proposal
        if p.known_id is not None:  # storing gives the stored item a source, never these edits
            self.notify(f"Already stored as #{p.known_id}: storing it here adds at most this "
                        f"source to #{p.known_id}. To change its title, due or actor, select "
                        f"#{p.known_id} in the table and press {self.app.key_for('edit')}.",
                        severity="warning", timeout=8)
            return
        shown = Commitment.new(p.title, p.due, actor=p.actor or "")  # what the form edits

        def done(form: dict | None) -> None:
            if form is None:
                return
            p.title = " ".join(form["title"].split())
            p.actor = form["actor"].strip()
            if form["due"] is not None:
                p.due = form["due"]
            card.edited = True
            card.set_decision("accepted")  # redraws the title, due, actor: all of it
            self._head()
        self.app.push_screen(ItemForm(shown, heading="Edit the proposal", extras=False), done)

    def action_store(self) -> None:
        accepted = [c.proposal for c in self.cards if c.decision == "accepted"]
        if not accepted:
            self.notify("Nothing accepted yet: a accepts one, A accepts all.", severity="warning")
            return
        self.dismiss(accepted)

    def action_leave(self) -> None:
        """Escape: leave without storing anything; after any work (an accept, an edit)
        ask first, as a reflex Escape would throw it all away."""
        done = [c for c in self.cards if c.decision == "accepted" or c.edited]
        if not done:
            self.dismiss(None)
            return
        question = Content(f"Leave the review and store nothing? {len(done)} accepted or "
                           f"edited proposal{'s' if len(done) > 1 else ''} would be lost.\n\n"
                           "s stores the accepted ones instead.")

        def answer(yes: bool | None) -> None:
            if yes:
                self.dismiss(None)
        self.app.push_screen(ConfirmForm(question, yes="Leave", no="Keep reviewing"), answer)

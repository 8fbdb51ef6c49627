"""Modal forms: add/edit a commitment, postpone, a note for a decision, confirm, ingest.

Each form hands what was typed to the app, which makes the one store call: through
`save` while the form is open (add, edit, decide, postpone), so that a save refused (a
full disk, a change made elsewhere meanwhile) is said in the form, which stays open with
everything typed; or, without `save`, through `dismiss`. So an invalid form never writes
anything, and Escape always leaves the store as it was.
"""
from __future__ import annotations

import calendar
import datetime as dt
import os
from typing import Callable

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.widgets import Button, Input, Label, Static, TextArea

from store import model
from store.errors import ConflictError, FristError, visible
from store.model import Commitment
from tui.controller import Found, ItemGone
from tui.messages import IngestFailed, ProposalsReady
from tui.screens.base import FristModal
from tui.widgets.literal import literal, subject
from tui.widgets.one_line import OneLineInput


MAX_MESSAGE = 400  # the longest error a form shows (a skipped address may be 100 KB)


def due_examples(today: dt.date) -> dict[str, str]:
    """Dues to show as examples, all ahead of `today` (a fixed "April 2026" goes stale):
    a day, a month and the next quarter with their years, an ISO day and month."""
    day, iso = today + dt.timedelta(days=3), today + dt.timedelta(days=50)
    year, month = divmod(today.year * 12 + today.month - 1 + 4, 12)  # four months on
    quarter = (today.month - 1) // 3 + 2
    return {"day": f"{day.day} {model.MONTH_ABBR[day.month - 1]}",
            "month": f"{calendar.month_name[month + 1]} {year}",
            "quarter": f"Q{quarter} {today.year}" if quarter <= 4 else f"Q1 {today.year + 1}",
            "iso_day": iso.isoformat(), "iso_month": f"{year}-{month + 1:02d}"}


def due_hint(today: dt.date) -> str:
    ex = due_examples(today)
    return f"Try '{ex['day']}', 'in 10 days' or '{ex['month']}'."


def preview_text(due: model.Due, today: dt.date) -> str:
    """How a typed date was understood: 'Thu 4 Dec 2025 · in 10 days'."""
    left = model.days_left(due.due, today)
    if left == 0:
        rel = "today"
    elif left == 1:
        rel = "tomorrow"
    elif left == -1:
        rel = "yesterday"
    else:
        rel = f"in {left} days" if left > 0 else f"{-left} days ago"
    d = due.due
    if due.precision == "day":
        shown = f"{d:%a} {d.day} {model.MONTH_ABBR[d.month - 1]} {d.year}"
    else:
        s = due.window_start
        shown = (f"{model.due_label(d.isoformat(), due.precision)} "
                 f"({s.day} {model.MONTH_ABBR[s.month - 1]} – {d.day} {model.MONTH_ABBR[d.month - 1]} {d.year})")
    return f"{shown} · {rel}"


def read_due(text: str, today: dt.date) -> model.Due:
    from store.when import parse_when
    return parse_when(text, today)


def read_decided(text: str, today: dt.date) -> dt.date:
    """The day a decision was taken: today or before ('yesterday', '21 Nov', 'Friday')."""
    from store.when import parse_past_day
    day = parse_past_day(text, today)
    if day > today:
        raise FristError(f"{day.day} {model.MONTH_ABBR[day.month - 1]} {day.year} is after "
                         "today: a decision is taken today or before")
    return day


def decided_preview(text: str, today: dt.date) -> str:
    """How a typed decision day was understood: 'Fri 21 Nov 2025 · 3 days ago'."""
    return preview_text(model.Due.day(read_decided(text, today)), today)


def due_preview(text: str, today: dt.date) -> str:
    return preview_text(read_due(text, today), today)


class DuePreview(Static):
    """Below a date field: how the text is understood, worked out off the UI thread
    (dateparser can take a moment on its first use). `reader(text, today)` gives the
    words to show, or raises FristError."""

    def __init__(self, reader=due_preview, **kwargs) -> None:
        super().__init__("", markup=False, **kwargs)
        self.text = ""
        self.reader = reader

    def follow(self, text: str) -> None:
        self.text = text
        if not text.strip():
            self.update("")
            self.set_class(False, "-bad")
            return
        self._understand(text, self.app.today)

    @work(thread=True, exclusive=True, group="due-preview")
    def _understand(self, text: str, today: dt.date) -> None:
        try:
            shown, bad = self.reader(text, today), False
        except FristError as e:
            shown, bad = ("cannot understand this date" if "understand" in str(e)
                          else str(e)), True
        self.app.call_from_thread(self._show, text, shown, bad)

    def _show(self, text: str, shown: str, bad: bool) -> None:
        if text == self.text:  # a newer keystroke may have arrived meanwhile
            self.update(shown)
            self.set_class(bad, "-bad")


def field(label: str, widget) -> Horizontal:
    """One form line: a label, then the input."""
    return Horizontal(Label(label, classes="field-label"), widget, classes="field")


def text_input(name: str, value: str = "", placeholder: str = "",
               suggested: bool = False) -> Input:
    """A field; what it holds is kept when typed into (the cursor at its end), unless
    it is only a suggestion ("today"), which the first key replaces."""
    return OneLineInput(value, placeholder=placeholder, id=name, compact=True,
                        select_on_focus=suggested)


def now_values(record: Commitment, names) -> str:
    """How `record` now reads in the fields `names`: "title 'X', due 3 Dec 2025"."""
    said = {}
    for name in names:
        if name in ("due", "precision", "window_start", "due_text"):
            said["due"] = f"due {record.due_label()}"
        elif name == "tags":
            said[name] = f"tags {', '.join(record.tags) or 'none'}"
        elif name in ("title", "actor", "status", "decided"):
            said[name] = f"{name} {visible(str(getattr(record, name) or ''), 80)!r}"
    return ", ".join(said.values())


# save(what the form gives, the record it shows): the app's store call; FristError when
# the store refuses, the form then stays open
Save = Callable[[object, "Commitment | None"], None]


class FormScreen(FristModal):
    """Common to the forms: Escape goes back (nothing saved), an error line, a hint line."""

    record: Commitment | None = None  # the item the form is about, as it shows it

    # Tab and Shift+Tab as priority bindings: the app then moves the focus as it reads
    # the key, so keys typed right after Tab reach the next field, not the one before
    # (a focused widget's own keys are handled only after later keys were handed to it).
    BINDINGS = [Binding("escape", "cancel", "Cancel", id="form_cancel"),
                Binding("tab", "app.focus_next", "Next field", show=False, priority=True,
                        id="form_next_field"),
                Binding("shift+tab", "app.focus_previous", "Previous field", show=False,
                        priority=True, id="form_previous_field")]

    def __init__(self, save: Save | None = None) -> None:
        super().__init__()
        self.save_to_store = save

    def action_cancel(self) -> None:
        self.dismiss(None)

    def error(self, message: str, field: str | None = None) -> None:
        self.query_one("#form-error", Static).update(literal(message))
        if field:
            self.query_one(f"#{field}", Input).focus()

    def finish(self, value) -> None:
        """Close with `value` once it is saved: a save the store refuses is said on the
        error line, and the form stays open with what was typed (QA: a title typed into
        the add form on a full disk was lost). After a change made elsewhere it shows the
        item as it is now, so that Enter saves what was typed over it, knowingly."""
        if self.save_to_store is not None:
            try:
                self.save_to_store(value, self.record)
            except ConflictError as e:
                now = ""
                if e.current is not None:
                    self.rebase(e.current)
                    now = f" Now {now_values(e.current, e.fields)}." if e.fields else ""
                self.error(f"{e}.{now} Enter saves what you typed over it, Escape leaves it.")
                return
            except ItemGone as e:  # Enter could never succeed: close, saying why
                self.dismiss(None)
                self.app.notify(f"{e}.", title="not changed", severity="warning", timeout=10)
                return
            except FristError as e:
                self.error(f"{visible(str(e), MAX_MESSAGE)}. What you typed is still here: "
                           "Enter tries again, Escape leaves it.")
                return
        self.dismiss(value)

    def rebase(self, current: Commitment) -> None:
        """The item changed elsewhere: show `current` and save against it."""
        self.record = current


class ItemForm(FormScreen):
    """Add (no commitment) or edit (a commitment) a commitment. Returns a dict of the
    fields, and under "changed" the names of those the person changed (for an edit)."""

    def __init__(self, record: Commitment | None = None, item_id: int | None = None,
                 heading: str | None = None, extras: bool = True, save: Save | None = None) -> None:
        super().__init__(save)
        self.extras = extras  # tags and note (a proposal under review has neither yet)
        self.record = record
        self.item_id = item_id
        self.heading = heading or (f"Edit #{item_id}" if record else "Add a commitment")
        self.initial_due = record.window.value if record else ""

    def compose(self) -> ComposeResult:
        r = self.record
        with Vertical(classes="form-box"):
            yield Label(self.heading, classes="form-title")
            yield field("Title", text_input("title", r.title if r else "", "what was promised"))
            ex = due_examples(self.app.today)
            yield field("Due", text_input("due", self.initial_due,
                                          f"{ex['day']} · in 10 days · {ex['month']} · "
                                          "bis Ende März"))
            yield DuePreview(id="due-preview", classes="preview")
            yield field("Actor", text_input("actor", r.actor if r else "", "who promised it"))
            if self.extras:
                yield field("Tags", text_input("tags", ", ".join(r.tags) if r else "",
                                               "comma, separated"))
                yield field("Note", text_input("note", "", "kept in the history"))
            yield Static("", id="form-error", classes="form-error")
            yield Static("Enter saves · Tab next field · Escape goes back", classes="form-hint")

    def on_mount(self) -> None:
        self.query_one("#title", Input).focus()
        if self.initial_due:
            self.query_one(DuePreview).follow(self.initial_due)

    @on(Input.Changed, "#due")
    def _due_changed(self, event: Input.Changed) -> None:
        self.query_one(DuePreview).follow(event.value)

    @on(Input.Submitted)
    def save(self) -> None:
        value = {name: self.query_one(f"#{name}", Input).value if self.query(f"#{name}") else ""
                 for name in ("title", "due", "actor", "tags", "note")}
        if not value["title"].strip():
            self.error("A commitment needs a title.", "title")
            return
        if not value["due"].strip():
            self.error(f"When is it due? {due_hint(self.app.today)}", "due")
            return
        due = None
        if not self.record or value["due"].strip() != self.initial_due:
            try:
                due = read_due(value["due"], self.app.today)
            except FristError as e:
                self.error(f"{e}. {due_hint(self.app.today)}", "due")
                return
        tags = [t.strip() for t in value["tags"].split(",") if t.strip()]
        r = self.record
        changed = {name for name, differs in (
            ("title", r is None or " ".join(value["title"].split()) != r.title),
            ("due", due is not None),
            ("actor", r is None or value["actor"].strip() != r.actor),
            ("tags", self.extras and (r is None or sorted(set(tags)) != list(r.tags)))) if differs}
        self.finish({"title": value["title"], "due": due, "actor": value["actor"],
                     "tags": tags, "note": value["note"], "changed": changed})

    def rebase(self, current: Commitment) -> None:
        """A field the person left as it was takes the value it has now, so that saving
        writes only what they changed; what they typed stays."""
        shown = self.record
        now_due = current.window.value
        for name, was, now in (
                ("title", shown.title if shown else "", current.title),
                ("due", self.initial_due, now_due),
                ("actor", shown.actor if shown else "", current.actor),
                ("tags", ", ".join(shown.tags) if shown else "", ", ".join(current.tags))):
            if self.query(f"#{name}"):
                field = self.query_one(f"#{name}", Input)
                if field.value == was:
                    field.value = now
        self.initial_due = now_due
        super().rebase(current)


def decision_message(item_id: int, status: str, on: dt.date | None, today: dt.date) -> str:
    """'#4 met', '#4 missed on 21 Nov' (decided another day); save_change adds 'u undoes'."""
    from tui.text import day_label
    when = "" if on is None or on == today else f" on {day_label(on, today)}"
    return f"#{item_id} {'reopened' if status == 'open' else status}{when}"


class NoteForm(FormScreen):
    """A decision (met, missed, cancel, reopen): an optional note and, for met, missed
    and cancelled, the day it was decided (default today; the day already recorded when
    the item has that `status` already, so adding a note keeps it). Returns {"note",
    "on"}, "on" a date (None for reopen)."""

    def __init__(self, heading: str, record: Commitment, dated: bool = True,
                 save: Save | None = None, status: str | None = None) -> None:
        super().__init__(save)
        self.heading = heading
        self.record = record
        self.dated = dated
        day = record.decided_day if status is not None and record.status == status else None
        self.decided_text = day.isoformat() if day is not None else "today"

    def compose(self) -> ComposeResult:
        with Vertical(classes="form-box"):
            yield Label(self.heading, classes="form-title")
            yield Static(subject(self.record.title),
                         id="subject", classes="form-subject")
            yield Static(self.due_line(), id="subject-due")
            yield field("Note", text_input("note", "", "optional"))
            if self.dated:
                yield field("Decided", text_input("decided", self.decided_text,
                                                  "when: today, yesterday, 21 Nov, Friday",
                                                  suggested=True))
                yield DuePreview(decided_preview, id="decided-preview", classes="preview")
            yield Static("", id="form-error", classes="form-error")
            yield Static("Enter confirms · Tab next field · Escape goes back", classes="form-hint")

    def on_mount(self) -> None:
        self.query_one("#note", Input).focus()
        if self.dated:
            self.query_one(DuePreview).follow(self.decided_text)

    @on(Input.Changed, "#decided")
    def _decided_changed(self, event: Input.Changed) -> None:
        self.query_one(DuePreview).follow(event.value)

    @on(Input.Submitted)
    def save(self) -> None:
        on = None
        if self.dated:
            text = self.query_one("#decided", Input).value
            try:
                on = read_decided(text if text.strip() else "today", self.app.today)
            except FristError as e:
                self.error(f"{e}.", "decided")
                return
        self.finish({"note": self.query_one("#note", Input).value, "on": on})

    def due_line(self) -> Content:
        return Content.styled(f"due {self.record.due_label()}", "$foreground-muted")

    def rebase(self, current: Commitment) -> None:
        super().rebase(current)
        self.query_one("#subject", Static).update(subject(current.title))
        self.query_one("#subject-due", Static).update(self.due_line())


class PostponeForm(FormScreen):
    """A new due date (with the live preview) and a note. Returns (Due, note)."""

    def __init__(self, record: Commitment, save: Save | None = None) -> None:
        super().__init__(save)
        self.record = record

    def compose(self) -> ComposeResult:
        with Vertical(classes="form-box"):
            yield Label("Postpone", classes="form-title")
            yield Static(subject(self.record.title),
                         id="subject", classes="form-subject")
            yield Static(self.due_line(), id="subject-due")
            ex = due_examples(self.app.today)
            yield field("New due", text_input("due", "", f"+2w · in 2 weeks · {ex['day']} · "
                                                         f"{ex['quarter']}"))
            yield DuePreview(self._read_preview, id="due-preview", classes="preview")
            yield field("Note", text_input("note", "", "why (optional)"))
            yield Static("", id="form-error", classes="form-error")
            yield Static("Enter saves · Escape goes back", classes="form-hint")

    @on(Input.Changed, "#due")
    def _due_changed(self, event: Input.Changed) -> None:
        self.query_one(DuePreview).follow(event.value)

    def _read(self, text: str, today: dt.date) -> model.Due:
        """A date, or +SPAN from the current due, as `frist postpone` reads it."""
        from store.when import parse_postpone
        return parse_postpone(text, self.record.window, today)

    def _read_preview(self, text: str, today: dt.date) -> str:
        return preview_text(self._read(text, today), today)

    @on(Input.Submitted)
    def save(self) -> None:
        text = self.query_one("#due", Input).value
        try:
            due = self._read(text, self.app.today)
        except FristError as e:
            self.error(f"{e}.", "due")
            return
        self.finish((due, self.query_one("#note", Input).value))

    def due_line(self) -> Content:
        return Content.styled(f"now due {self.record.due_label()}", "$foreground-muted")

    def rebase(self, current: Commitment) -> None:
        super().rebase(current)
        self.query_one("#subject", Static).update(subject(current.title))
        self.query_one("#subject-due", Static).update(self.due_line())
        self.query_one(DuePreview).follow(self.query_one("#due", Input).value)  # +2w moved


class ConfirmForm(FristModal[bool]):
    """Yes or no. y confirms; n, Escape or Enter keep things: the safe answer has the
    focus, so `d` then a reflex Enter deletes nothing."""

    BINDINGS = [Binding("y", "answer(True)", "Yes", id="confirm_yes"),
                Binding("n,escape", "answer(False)", "No", id="confirm_no")]

    def __init__(self, question: Content, yes: str = "Delete", no: str = "Keep") -> None:
        super().__init__()
        self.question, self.yes, self.no = question, yes, no

    def compose(self) -> ComposeResult:
        with Vertical(classes="form-box confirm"):
            yield Static(self.question, classes="form-subject")
            with Horizontal(classes="buttons"):
                yield Button(f"{self.yes} (y)", variant="error", id="yes")
                yield Button(f"{self.no} (n)", id="no")

    def on_mount(self) -> None:
        self.query_one("#no", Button).focus()

    def action_answer(self, answer: bool) -> None:
        self.dismiss(answer)

    @on(Button.Pressed)
    def _pressed(self, event: Button.Pressed) -> None:
        self.dismiss(event.button.id == "yes")


class IngestForm(FormScreen):
    """Where the article comes from: a path, URL or feed, or text pasted into the box.
    It reads and extracts (`extract`, the controller's, in a thread) and returns what was
    found; when nothing could be read, or nothing was found, it stays open with the
    reason and everything that was typed."""

    BINDINGS = [Binding("ctrl+s,f2", "run", "Extract", id="ingest_run"),
                Binding("escape", "cancel", "Cancel", id="form_cancel")]

    def __init__(self, extract: Callable[[dict], Found]) -> None:
        super().__init__()
        self.extract = extract

    def compose(self) -> ComposeResult:
        with Vertical(classes="form-box ingest"):
            yield Label("Ingest an article", classes="form-title")
            yield field("From", text_input("source", "",
                                           "a file, folder, URL or feed (Enter extracts)"))
            yield Label("…or paste the article here:", classes="paste-label")
            yield TextArea(id="pasted", soft_wrap=True, show_line_numbers=False, compact=True)
            yield field("Published", text_input("published", "",
                                                "optional; else the article's own date"))
            yield Static("", id="form-error", classes="form-error")
            with Horizontal(classes="buttons"):
                yield Button("Extract (ctrl+s)", variant="primary", id="run")
                yield Button("Cancel", id="cancel")

    def on_mount(self) -> None:
        self.query_one("#source", Input).focus()
        self.fit_paste_box()

    def on_resize(self) -> None:
        self.fit_paste_box()

    def fit_paste_box(self, message: str = "") -> None:
        """The paste box gives up lines on a short terminal, so that the error line (or
        lines, for `message`) and the buttons below it stay in sight (the rest of the
        box needs ~19 lines)."""
        inner = max(20, min(96, int(self.size.width * 0.95)) - 6)  # border and padding
        lines = max(1, -(-len(message) // inner))
        room = int(self.size.height * 0.95) - 18 - lines
        self.query_one("#pasted", TextArea).styles.height = max(3, min(10, room))

    def error(self, message: str, field: str | None = None) -> None:
        super().error(message, field)
        self.fit_paste_box(message)

    @on(Input.Submitted)
    @on(Button.Pressed, "#run")
    def action_run(self) -> None:
        if self.query_one("#run", Button).disabled:  # still reading the last request
            return
        source = self.query_one("#source", Input).value.strip()
        text = self.query_one("#pasted", TextArea).text
        if not source and not text.strip():
            self.error("Give a path or URL, or paste some text.", "source")
            return
        if source and "://" not in source and not os.path.exists(os.path.expanduser(source)):
            self.error(f"There is no file or folder {source}.", "source")  # fix the typo here
            return
        published_text = self.query_one("#published", Input).value.strip()
        published = None
        if published_text:
            try:
                # read as `frist ingest --published` reads it: '27 Nov' said on 4 Dec is
                # the 27 Nov past, not next year's
                from store.when import parse_past_day
                published = parse_past_day(published_text, self.app.today,
                                           "a publication date names one day, not {text!r}")
            except FristError as e:
                self.error(f"{e}.", "published")
                return
        self.query_one("#form-error", Static).update(
            Content.styled("Reading and extracting…", "not bold $foreground-muted"))
        self.query_one("#run", Button).disabled = True
        self._read({"source": source, "text": text, "published": published})

    @work(thread=True, exclusive=True, group="ingest", exit_on_error=False)
    def _read(self, request: dict) -> None:
        try:
            found = self.extract(request)
        except FristError as e:
            self.post_message(IngestFailed(str(e)))
            return
        except Exception as e:  # noqa: BLE001 — a bug: say so here, keep what was typed
            self.post_message(IngestFailed(f"{type(e).__name__}: {e}"))
            return
        self.post_message(ProposalsReady(found))

    def _done_reading(self) -> None:
        self.query_one("#form-error", Static).update("")
        self.query_one("#run", Button).disabled = False

    def on_proposals_ready(self, ready: ProposalsReady) -> None:
        self._done_reading()
        found = ready.found
        if found.proposals:
            self.dismiss(found)
            return
        why = [f"skipped {visible(name)}: {reason}" for name, reason in found.skipped] + [
            visible(warning, MAX_MESSAGE) for warning in found.warnings]
        self.error("No dated commitments found" + (f" ({'; '.join(why[:2])})" if why else "."),
                   "source")

    def on_ingest_failed(self, failed: IngestFailed) -> None:
        self._done_reading()
        field = "pasted" if not self.query_one("#source", Input).value.strip() else "source"
        self.error(f"Cannot ingest: {visible(failed.reason, MAX_MESSAGE)}")
        self.query_one(f"#{field}").focus()

    @on(Button.Pressed, "#cancel")
    def _cancel(self) -> None:
        self.dismiss(None)

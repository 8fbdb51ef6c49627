"""Help: every key of the dashboard, read from the live bindings (so a remapped key shows
as remapped), with what it does."""
from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Static

INTRO = ("frist counts down to the dated commitments people make in public, and asks, "
         "once a date has passed, whether each was met or missed.")

STATE_NOTES = [
    ("needs decision", "bold $text-error", "its date has passed and nobody decided: m met, x missed"),
    ("today", "bold $text-warning", "due today"),
    ("soon", "$text-warning", "due within the next days (due_soon_days in the config)"),
    ("upcoming", "$foreground", "due later"),
    ("met", "$text-success", "decided: kept"),
    ("missed", "$text-error", "decided: not kept"),
    ("cancelled", "$foreground-muted", "no longer expected"),
]


class HelpScreen(ModalScreen):
    SHOWS_AN_ITEM = False  # m, x, d ... must not act on the table behind it
    BINDINGS = [Binding("escape,question_mark,q", "dismiss", "Close", id="help_close")]

    def compose(self) -> ComposeResult:
        with VerticalScroll(classes="form-box help"):
            yield Static(self._text())

    def _text(self) -> Content:
        app = self.app
        lines: list[Content] = [Content.styled("frist — keys", "bold"), Content(""),
                                Content(INTRO), Content("")]
        keymap = getattr(app, "_keymap", {}) or {}
        for binding in app.BINDINGS:
            if not isinstance(binding, Binding):
                continue
            keys = keymap.get(binding.id, binding.key)
            shown = ", ".join(app.get_key_display(Binding(k.strip(), ""))
                              for k in keys.split(","))
            lines.append(Content.assemble((f"{shown:>10}", "bold $text-accent"), "  ",
                                          (f"{binding.description:<12}", "bold"),
                                          (binding.tooltip, "$foreground-muted")))
        lines += [Content(""), Content.styled("In the table", "bold")]
        for keys, what in [("↑ ↓ j k", "move"), ("PgUp PgDn", "a page"),
                           ("Home End g G", "first, last"), ("Enter / click", "details"),
                           ("1 … 5", "tabs: Open, Needs decision, Met, Missed, All"),
                           ("Escape", "close details, clear the search or the day filter"),
                           ("ctrl+p", "command palette: every action by name")]:
            lines.append(Content.assemble((f"{keys:>13}", "bold $text-accent"), "  ", what))
        lines += [Content(""), Content.styled("Colours", "bold")]
        for word, style, what in STATE_NOTES:
            lines.append(Content.assemble(("  ● ", style), (f"{word:<15}", style), what))
        lines += [Content(""), Content.styled(
            "Keys can be remapped in the [keymap] table of the config file "
            "(`frist config path`), e.g.  mark_met = \"m,M\".", "$foreground-muted"),
            Content.styled("Escape closes this.", "$foreground-muted")]
        return Content("\n").join(lines)

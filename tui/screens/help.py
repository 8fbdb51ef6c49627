"""Help: the keys of every screen, read from the live bindings (so a remapped key shows
as remapped; tui/keys.py says which bindings act on which screen), with what they do."""
from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.content import Content
from textual.widgets import Static

from tui.keys import declared
from tui.screens.base import FristModal

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
KEY_CELLS = 10  # the key column


class HelpScreen(FristModal):
    SHOWS_AN_ITEM = False  # m, x, d ... must not act on the table behind it
    BINDINGS = [Binding("escape,question_mark,q", "dismiss", "Close", id="help_close")]

    def compose(self) -> ComposeResult:
        with VerticalScroll(classes="form-box help"):
            yield Static(self._text())

    def keys_of(self, binding: Binding) -> str:
        """The keys of a binding as a person types them, remapped or not."""
        keymap = getattr(self.app, "_keymap", {}) or {}
        if binding.id in keymap:
            keys = keymap[binding.id]
        elif binding.key_display:
            return binding.key_display
        else:
            keys = binding.key
        return " ".join(self.app.get_key_display(Binding(k.strip(), "")) for k in keys.split(","))

    def opened_by(self, action: str | None) -> str:
        """The app's key that opens a screen, or ''."""
        binding = next((b for b in self.app.BINDINGS if b.action == action), None)
        return f"  ({self.keys_of(binding)})" if binding else ""

    def _line(self, binding: Binding) -> Content:
        keys = self.keys_of(binding)
        return Content.assemble((f"{keys:>{KEY_CELLS}}", "bold $text-accent"), "  ",
                                (f"{binding.description:<16}", "bold"),
                                (binding.tooltip or "", "$foreground-muted"))

    def _text(self) -> Content:
        lines: list[Content] = [Content.styled("frist — keys", "bold"), Content(""),
                                Content(INTRO), Content("")]
        lines.append(Content.styled("Everywhere but in a form or the review", "bold"))
        lines += [self._line(key.binding) for key in declared(type(self.app), inherited=False)
                  if key.binding.description]
        palette = Binding(self.app.COMMAND_PALETTE_BINDING, "command_palette", "Palette",
                          tooltip="Every action by name, a theme, a screenshot")
        lines.append(self._line(palette))
        for screen in type(self.app).keyed_screens():
            keys = [key for klass in screen.classes for key in declared(klass)
                    if key.own and key.binding.description]
            if not keys:
                continue
            heading, action = screen.heading, screen.opened_by
            lines += [Content(""), Content.assemble(
                (heading[0].upper() + heading[1:], "bold"),
                (self.opened_by(action) if action != "help" else "", "$foreground-muted"))]
            lines += [self._line(key.binding) for key in keys]
        lines += [Content(""), Content.styled("Colours", "bold")]
        for word, style, what in STATE_NOTES:
            lines.append(Content.assemble(("  ● ", style), (f"{word:<15}", style), what))
        lines += [Content(""), Content.styled(
            "Keys can be remapped in the [keymap] table of the config file "
            "(`frist config path`; `frist config show` lists every binding id), e.g. "
            " mark_met = \"m,M\". A key given to two actions of one screen is refused.",
            "$foreground-muted"),
            Content.styled("Escape closes this.", "$foreground-muted")]
        return Content("\n").join(lines)

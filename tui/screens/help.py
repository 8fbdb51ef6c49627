"""Help: the keys of every screen, read from the live bindings (so a remapped key shows
as remapped; tui/keys.py says which bindings act on which screen), with what they do."""
from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.content import Content
from textual.widgets import Static

import textwrap

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
NAME_CELLS = 16  # the action's name


class KeyList(Static):
    """The help text; a key's or colour's description wraps under itself, not to column
    0, at any width (`lines`: Content, or (head, its width in cells, description))."""

    def __init__(self, lines: list) -> None:
        super().__init__()
        self.lines = lines

    def render(self) -> Content:
        width = max(self.content_region.width, 40)
        out = []
        for line in self.lines:
            if isinstance(line, Content):
                out.append(line)
                continue
            head, cells, what = line
            parts = textwrap.wrap(what, max(width - cells, 20)) or [""]
            out.append(Content.assemble(head, (parts[0], "$foreground-muted")))
            out += [Content.styled(" " * cells + part, "$foreground-muted") for part in parts[1:]]
        return Content("\n").join(out)


class HelpScreen(FristModal):
    SHOWS_AN_ITEM = False  # m, x, d ... must not act on the table behind it
    BINDINGS = [Binding("escape,question_mark,q", "dismiss", "Close", id="help_close")]

    def compose(self) -> ComposeResult:
        with VerticalScroll(classes="form-box help"):
            yield KeyList(self._lines())

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

    def _line(self, binding: Binding) -> tuple[Content, int, str]:
        head = Content.assemble((f"{self.keys_of(binding):>{KEY_CELLS}}", "bold $text-accent"),
                                "  ", (f"{binding.description:<{NAME_CELLS}}", "bold"))
        return head, KEY_CELLS + 2 + NAME_CELLS, binding.tooltip or ""

    def _lines(self) -> list:
        lines: list = [Content.styled("frist — keys", "bold"), Content(""),
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
            lines.append((Content.assemble(("  ● ", style), (f"{word:<15}", style)), 19, what))
        lines += [Content(""), Content.styled(
            "Keys can be remapped in the [keymap] table of the config file "
            "(`frist config path`; `frist config show` lists every binding id), e.g. "
            " mark_met = \"m,M\". A key given to two actions of one screen is refused.",
            "$foreground-muted"),
            Content.styled("Escape closes this.", "$foreground-muted")]
        return lines

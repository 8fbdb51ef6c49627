"""The row of views (Open, Needs decision, Met, Missed, All) with their counts.

One line drawn from Content rather than Textual's Tabs (a widget per tab, an animated
underline): Tabs cost the dashboard ~0.2 s of its start-up. Clicking a name picks it.
"""
from __future__ import annotations

from textual import events
from textual.content import Content
from textual.message import Message
from textual.widget import Widget

from tui.view import VIEWS


class ViewBar(Widget):
    """Shows the views; posts ViewBar.Picked when one is clicked."""

    class Picked(Message):
        def __init__(self, view: str) -> None:
            super().__init__()
            self.view = view

    def __init__(self, **kwargs) -> None:
        super().__init__(**kwargs)
        self.active = "open"
        self.counts: dict[str, int] = dict.fromkeys(VIEWS, 0)
        self._spans: list[tuple[int, int, str]] = []

    def show(self, active: str, counts: dict[str, int]) -> None:
        if (active, counts) != (self.active, self.counts):
            self.active, self.counts = active, dict(counts)
            self.refresh()

    def render(self) -> Content:
        parts, self._spans, x = [], [], 1
        parts.append(Content(" "))
        for n, (name, (label, _states)) in enumerate(VIEWS.items(), 1):
            text = f" {label} {self.counts.get(name, '…')} "  # … until the counts are known
            style = "bold reverse $primary" if name == self.active else "$foreground-muted"
            parts.append(Content.styled(text, style))
            self._spans.append((x, x + len(text), name))
            x += len(text)
            parts.append(Content(" "))
            x += 1
        return Content("").join(parts)

    def on_click(self, event: events.Click) -> None:
        for start, end, name in self._spans:
            if start <= event.x < end:
                self.post_message(self.Picked(name))
                return

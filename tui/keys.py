"""The keys of every screen, read from the bindings themselves: `?` lists them screen by
screen, and the config check refuses a [keymap] that gives one key to two actions.

A screen's keys are its own bindings, its widgets' and, on a screen that is not modal,
the app's (Textual stops the key chain at a modal screen: a form or the review).
"""
from __future__ import annotations

import importlib
from dataclasses import dataclass

from textual.binding import Binding
from textual.keys import _character_to_key

# (what it is, the app action that opens the screen, the app's keys work there, its classes)
SCREENS = [
    ("main table", None, True, ["tui.screens.main:MainScreen", "tui.widgets.table:CommitTable"]),
    ("timeline", "timeline", True, ["tui.screens.timeline:TimelineScreen",
                                    "tui.screens.timeline:TimelineView"]),
    ("month calendar", "calendar", True, ["tui.screens.calendar:CalendarScreen",
                                          "tui.screens.calendar:MonthGrid"]),
    ("track record", "stats", True, ["tui.screens.stats:StatsScreen"]),
    ("decision queue", "decide", True, ["tui.screens.decide:DecideScreen"]),
    ("review of what an ingest found", "ingest", False, ["tui.screens.review:ReviewScreen"]),
    ("add, edit, mark and postpone forms", None, False, ["tui.screens.forms:ItemForm"]),
    ("ingest dialog", "ingest", False, ["tui.screens.forms:IngestForm"]),
    ("questions (delete?)", None, False, ["tui.screens.forms:ConfirmForm"]),
    ("help screen", "help", False, ["tui.screens.help:HelpScreen"]),
]
APP = "tui.app:FristApp"


def load(where: str) -> type:
    module, name = where.split(":")
    return getattr(importlib.import_module(module), name)


def normalise(key: str) -> str:
    """A key as Textual names it: "?" is "question_mark"."""
    key = key.strip()
    return _character_to_key(key) if len(key) == 1 else key


@dataclass(frozen=True)
class Key:
    """One binding as declared: who declares it, and what it does."""

    owner: str  # the class that declares it
    binding: Binding

    @property
    def ident(self) -> str:
        """The binding id (what [keymap] names), else the declaring class and action."""
        return self.binding.id or f"{self.owner}.{self.binding.action}"

    @property
    def name(self) -> str:
        """How a message names it: its id, else its description and where it is."""
        if self.binding.id:
            return self.binding.id
        return f"{self.binding.description or self.binding.action} ({self.owner})"

    @property
    def own(self) -> bool:
        """Declared by frist (not Textual's built-in bindings)."""
        return self.owner.startswith("tui.")


def declared(klass: type, inherited: bool = True) -> list[Key]:
    """The bindings a class declares, its own first, then (with `inherited`) its bases'."""
    keys, seen = [], set()
    for base in klass.__mro__ if inherited else (klass,):
        for binding in base.__dict__.get("BINDINGS", ()):
            if not isinstance(binding, Binding):
                binding = Binding(*binding)
            key = Key(f"{base.__module__}.{base.__name__}", binding)
            if key.ident not in seen:
                seen.add(key.ident)
                keys.append(key)
    return keys


def screen_keys(app_keys: bool, classes: list[str]) -> list[Key]:
    """Every binding that can act on a screen: its classes', then the app's."""
    keys = [key for where in classes for key in declared(load(where))]
    if app_keys:
        keys += declared(load(APP))
    return keys


def key_scopes() -> list[tuple[str, list[tuple[str, str, str]]]]:
    """For the config check: each screen's bindings as (ident, name, default keys)."""
    return [(heading, [(k.ident, k.name, k.binding.key) for k in screen_keys(app_keys, classes)])
            for heading, _action, app_keys, classes in SCREENS]


def default_keys() -> dict[str, str]:
    """Every binding id -> its default keys, in the order the screens declare them."""
    out: dict[str, str] = {}
    for where in [APP] + [c for *_rest, classes in SCREENS for c in classes]:
        for key in declared(load(where)):
            if key.binding.id and key.own:
                out.setdefault(key.binding.id, key.binding.key)
    return out

"""The keys of every screen, read from the bindings themselves: `?` lists them screen by
screen, the config check refuses a [keymap] that names no binding or gives one key to two
actions, and `frist config show` lists every binding id.

What the config check needs is also saved in dashboard_settings.json
(`dashboard_settings`), so that commands check a config without importing Textual.

The app says which screens it has (`keyed_screens()`, a list of ScreenKeys); every
function here takes the app's class, so this module depends on no screen.
A screen's keys are its own bindings, its widgets' and, on a screen that is not modal,
the app's (Textual stops the key chain at a modal screen: a form or the review).
"""
from __future__ import annotations

from dataclasses import dataclass

from textual.binding import Binding
from textual.keys import _character_to_key


@dataclass(frozen=True)
class ScreenKeys:
    """Where a set of bindings acts together."""

    heading: str  # what it is
    opened_by: str | None  # the app action that opens the screen
    app_keys: bool  # the app's keys act there too (it is not modal)
    classes: tuple[type, ...]  # the screen and the widgets on it that have bindings


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


def screen_keys(screen: ScreenKeys, app: type) -> list[Key]:
    """Every binding that can act on a screen: its classes', then the app's."""
    keys = [key for klass in screen.classes for key in declared(klass)]
    if screen.app_keys:
        keys += declared(app)
    return keys


def key_scopes(app: type) -> list[tuple[str, list[tuple[str, str, str]]]]:
    """For the config check: each screen's bindings as (ident, name, default keys)."""
    return [(screen.heading, [(k.ident, k.name, k.binding.key) for k in screen_keys(screen, app)])
            for screen in app.keyed_screens()]


def _classes(app: type) -> list[type]:
    return [app] + [klass for screen in app.keyed_screens() for klass in screen.classes]


def default_keys(app: type) -> dict[str, str]:
    """Every binding id -> its default keys, in the order the screens declare them."""
    out: dict[str, str] = {}
    for klass in _classes(app):
        for key in declared(klass):
            if key.binding.id and key.own:
                out.setdefault(key.binding.id, key.binding.key)
    return out


def binding_ids(app: type) -> set[str]:
    """The id of every binding of the app and its screens: what [keymap] may name."""
    return {key.binding.id for klass in _classes(app) for key in declared(klass) if key.binding.id}


def dashboard_settings(app: type) -> dict:
    """What tui.dashboard_settings checks a config against, as JSON: Textual's version,
    every binding id, each screen's bindings (ident, name, default keys), Textual's theme
    names, and the name Textual gives each punctuation key ("?": "question_mark")."""
    import string
    from importlib.metadata import version

    from textual.theme import BUILTIN_THEMES
    return {"textual": version("textual"),
            "ids": sorted(binding_ids(app)),
            "scopes": [[heading, [list(key) for key in keys]] for heading, keys in key_scopes(app)],
            "themes": sorted(BUILTIN_THEMES),
            "key_names": {c: normalise(c) for c in string.punctuation}}

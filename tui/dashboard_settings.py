"""Whether the dashboard can start with the config's [keymap] and theme, checked by every
command: a config the dashboard refuses is refused by `frist list` and `frist config show`
too, in the same one line.

What the check needs to know (every binding id, which bindings act together on which
screen, Textual's theme names) is read from the screens and Textual by `tui.keys`, which
takes half a second of imports; `frist due --check` in a shell prompt cannot wait that
long, so a copy is saved in dashboard_settings.json (tests/test_app_keys.py keeps it
equal to what the app declares) and read instead while the installed Textual is the one
it was made with.
"""
from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

from store.config import Config, ConfigError, check_keymap

SAVED = Path(__file__).with_name("dashboard_settings.json")


def check_dashboard_settings(config: Config, app_class: Callable[[], type]) -> None:
    """ConfigError (one line naming the file and the key) for a [keymap] entry that names
    no binding or gives one key to two actions, and for a theme Textual does not have.
    `app_class()` gives the dashboard's class, needed only when the saved copy does not
    fit the installed Textual."""
    if not config.keymap and not config.theme:
        return
    known = _known(app_class)
    key_names = known["key_names"]
    check_keymap(config, known["ids"], known["scopes"],
                 lambda key: key_names.get(key.strip(), key.strip()))
    if config.theme and config.theme not in known["themes"]:
        raise ConfigError(f"the config file {config.path}: unknown theme {config.theme!r} "
                          f"(known: {', '.join(known['themes'])})")


def _known(app_class: Callable[[], type]) -> dict:
    from importlib.metadata import version
    saved = json.loads(SAVED.read_text(encoding="utf-8"))
    if saved["textual"] == version("textual"):
        return saved
    from tui.keys import dashboard_settings
    return dashboard_settings(app_class())

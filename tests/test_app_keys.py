"""The config's [keymap] and theme in the dashboard: an id no binding has, a key given to two
actions or a theme Textual lacks stops frist with one line.

Run this file (`python tests/test_app_keys.py`) to write tui/dashboard_settings.json again
after changing a binding."""
from __future__ import annotations

import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).parent))

from test_app import app_for, store  # noqa: E402,F401 — the fixture is used by name
from store.config import Config, ConfigError  # noqa: E402
from tui.app import FristApp  # noqa: E402


def test_an_unknown_keymap_id_stops_the_dashboard_naming_it(store):  # noqa: F811
    config = Config(keymap={"fly": "f", "mark_met": "z"}, path=Path("/tmp/frist.toml"))
    with pytest.raises(ConfigError) as error:
        app_for(store, config=config)
    assert "fly" in str(error.value) and "/tmp/frist.toml" in str(error.value)
    assert "\n" not in str(error.value)


def test_keymap_ids_of_pushed_screens_are_known(store):  # noqa: F811
    config = Config(keymap={"calendar_show_day": "l", "decide_skip": "k", "timeline_ticks": "H",
                            "review_accept": "y", "stats_group": "G", "open_detail": "O"})
    app_for(store, config=config)  # no error


def test_every_binding_of_every_screen_and_widget_can_be_remapped():
    """FristApp.keyed_screens() names the classes with bindings: a binding on a class it leaves
    out would be missing from help and refused in [keymap]."""
    import importlib
    import inspect
    import pkgutil

    from textual.dom import DOMNode

    import tui.screens
    import tui.widgets
    from tui.keys import binding_ids, declared
    declaring = set()
    for package in (tui.screens, tui.widgets):
        for module in pkgutil.iter_modules(package.__path__):
            for thing in vars(importlib.import_module(f"{package.__name__}.{module.name}")).values():
                if inspect.isclass(thing) and issubclass(thing, DOMNode):
                    declaring |= {key.binding.id for key in declared(thing) if key.binding.id}
    assert declaring and declaring <= binding_ids(FristApp)


def test_frist_with_an_unknown_keymap_id_exits_with_one_line(frist, tmp_path):
    path = tmp_path / "config.toml"
    path.write_text('[keymap]\nfly = "f"\n')
    result = frist(env={"FRIST_CONFIG": str(path)})
    assert result.returncode == 1
    assert result.stderr.startswith("error: ") and result.stderr.count("\n") == 1
    assert "fly" in result.stderr and "Traceback" not in result.stderr


def test_every_binding_id_can_be_written_bare_in_the_config_file(store, tmp_path):  # noqa: F811
    """A dotted id ("timeline.zoom_in") would be a nested table in TOML: ids are words."""
    from store.config import load_config
    from tui.keys import binding_ids
    ids = sorted(binding_ids(FristApp))
    assert all(i.replace("_", "").isalnum() for i in ids)
    path = tmp_path / "config.toml"
    # a key of its own each: two actions given one key would be refused
    path.write_text("[keymap]\n" + "".join(f'{i} = "f{n + 13}"\n' for n, i in enumerate(ids)))
    config = load_config(path)
    assert sorted(config.keymap) == ids
    app_for(store, config=config)  # every id known: no error


@pytest.mark.parametrize("keymap, first, second", [
    ({"mark_met": "x"}, "mark_met", "mark_missed"),  # x would no longer mark missed
    ({"mark_met": "q"}, "mark_met", "quit"),
    ({"mark_met": "?"}, "mark_met", "help"),
    ({"decide_met": "x"}, "decide_met", "decide_missed"),  # within one screen
    ({"decide_skip": "t"}, "decide_skip", "timeline"),  # a screen's key over the app's
    ({"timeline_zoom_in": "f"}, "timeline_zoom_in", "timeline_find_bar"),
    ({"review_accept": "s"}, "review_accept", "review_store"),
])
def test_a_key_given_to_two_actions_is_refused_naming_both(store, keymap, first, second):  # noqa: F811
    config = Config(keymap=keymap, path=Path("/tmp/frist.toml"))
    with pytest.raises(ConfigError) as error:
        app_for(store, config=config)
    message = str(error.value)
    assert first in message and second in message and "/tmp/frist.toml" in message
    assert "\n" not in message


def test_keys_that_stay_apart_are_accepted(store):  # noqa: F811
    """A second key, a swap within a screen, and the screens' own m and x over the app's
    (they were so by default) are all fine."""
    app_for(store, config=Config(keymap={"mark_met": "m,M", "undo": "U"}))
    app_for(store, config=Config(keymap={"timeline_zoom_in": "-", "timeline_zoom_out": "+"}))
    app_for(store, config=Config(keymap={"review_accept": "y", "decide_skip": "space"}))


def test_frist_with_a_key_given_twice_exits_with_one_line(frist, tmp_path):
    path = tmp_path / "config.toml"
    path.write_text('[keymap]\nmark_met = "x"\n')
    result = frist(env={"FRIST_CONFIG": str(path)})
    assert result.returncode == 1
    assert result.stderr.startswith("error: ") and result.stderr.count("\n") == 1
    assert "mark_met" in result.stderr and "mark_missed" in result.stderr


def test_an_unknown_theme_stops_the_dashboard_naming_it(store):  # noqa: F811
    config = Config(theme="nope", path=Path("/tmp/frist.toml"))
    with pytest.raises(ConfigError) as error:
        app_for(store, config=config)
    message = str(error.value)
    assert "unknown theme 'nope'" in message and "/tmp/frist.toml" in message
    assert "textual-light" in message and "\n" not in message


async def test_a_known_theme_is_the_dashboards(store):  # noqa: F811
    app = app_for(store, config=Config(theme="textual-light"))
    async with app.run_test() as pilot:
        await pilot.pause()
        assert app.theme == "textual-light"


def test_the_saved_copy_of_the_dashboards_keys_and_themes_is_what_the_app_declares():
    """Commands check a config against tui/dashboard_settings.json (Textual takes half a
    second to import); it must say what the app and the installed Textual say."""
    import json

    from tui.dashboard_settings import SAVED
    from tui.keys import dashboard_settings
    live = json.loads(json.dumps(dashboard_settings(FristApp)))
    assert json.loads(SAVED.read_text(encoding="utf-8")) == live, \
        "tui/dashboard_settings.json is out of date: run python tests/test_app_keys.py"


def test_a_saved_copy_made_with_another_textual_is_not_trusted(store, tmp_path, monkeypatch):  # noqa: F811
    """With another Textual installed (its own bindings and themes), the check reads the
    app itself rather than a copy that may say otherwise."""
    import json

    import tui.dashboard_settings as settings
    stale = tmp_path / "stale.json"
    stale.write_text(json.dumps({"textual": "0.0.1", "ids": ["mark_met"], "scopes": [],
                                 "themes": ["nope"], "key_names": {}}))
    monkeypatch.setattr(settings, "SAVED", stale)
    with pytest.raises(ConfigError, match="mark_missed"):
        settings.check_dashboard_settings(Config(keymap={"mark_met": "x"}), lambda: FristApp)
    with pytest.raises(ConfigError, match="unknown theme 'nope'"):
        settings.check_dashboard_settings(Config(theme="nope"), lambda: FristApp)
    settings.check_dashboard_settings(Config(keymap={"undo": "U"}), lambda: FristApp)


if __name__ == "__main__":
    import json

    from tui.dashboard_settings import SAVED
    from tui.keys import dashboard_settings
    SAVED.write_text(json.dumps(dashboard_settings(FristApp), indent=1, ensure_ascii=False) + "\n",
                     encoding="utf-8")
    print(f"wrote {SAVED}")


@pytest.mark.parametrize("keymap, key", [({}, "q"), ({"quit": "Q"}, "Q")])
async def test_ctrl_c_names_the_keys_that_quit_in_plain_words(store, keymap, key):  # noqa: F811
    app = app_for(store, config=Config(keymap=keymap))
    async with app.run_test(size=(120, 36)) as pilot:
        await pilot.press("ctrl+c")
        await pilot.pause()
        [message] = [str(n.message) for n in app._notifications]
        assert "[b]" not in message and "[/b]" not in message
        assert f"press {key} or ^q to quit" in message
        assert app.is_running  # only told, not quit

"""The dashboard's footers: every key they show is whole (a narrow terminal leaves out
whole keys, never `? Help`), in the order the keys are declared, remapped or not."""
from __future__ import annotations

import sys
from pathlib import Path

import pytest
from textual.widgets._footer import FooterKey

sys.path.insert(0, str(Path(__file__).parent))

from test_app import app_for, store  # noqa: E402,F401 — the fixture is used by name
from store.config import Config  # noqa: E402
from tui.widgets.footer import KeyFooter  # noqa: E402


def footer_keys(app) -> list[tuple[str, str]]:
    """(key shown, description) of the keys the footer shows, left to right."""
    footer = app.screen.query_one(KeyFooter)
    return [(key.key_display, key.description) for key in footer.query(FooterKey)
            if key.display]


async def test_remapped_keys_keep_their_place_in_the_footer(store):  # noqa: F811
    app = app_for(store, config=Config(keymap={"mark_met": "z", "undo": "b"}))
    async with app.run_test(size=(120, 30)) as pilot:
        await pilot.pause()
        keys = footer_keys(app)
        assert keys[:8] == [("⏎", "Details"), ("a", "Add"), ("e", "Edit"), ("z", "Met"),
                            ("x", "Missed"), ("p", "Postpone"), ("d", "Delete"), ("b", "Undo")]


@pytest.mark.parametrize("key", [None, "t", "v", "n", "R"])
async def test_footers_at_80_columns_show_whole_keys_and_help(store, key):  # noqa: F811
    app = app_for(store)
    async with app.run_test(size=(80, 24)) as pilot:
        if key:
            await pilot.press(key)
        await pilot.pause()
        await pilot.pause()
        footer = app.screen.query_one(KeyFooter)
        assert footer.max_scroll_x == 0  # nothing runs off the right edge
        shown = [k for k in footer.query(FooterKey) if k.display]
        assert all(k.region.right <= 80 for k in shown)
        assert ("?", "Help") in footer_keys(app)
        assert len(shown) >= 4


async def test_a_change_keeps_the_footer_and_a_change_of_keys_redraws_it(store):  # noqa: F811
    """Rebuilding the footer's keys costs ~6 ms a time: marking an item keeps them, while
    the keys dim when nothing is left to act on."""
    app = app_for(store)
    async with app.run_test(size=(120, 30)) as pilot:
        await pilot.pause()
        footer = app.screen.query_one(KeyFooter)
        before = list(footer.query(FooterKey))
        await pilot.press("down", "m", "enter", "u")
        await pilot.pause()
        assert list(footer.query(FooterKey)) == before
        met = next(key for key in footer.query(FooterKey) if key.description == "Met")
        assert not met.has_class("-disabled")
        await pilot.press("slash", *"zqzqzq", "enter")  # matches nothing: no item selected
        await pilot.pause()
        assert not app.visible_items()
        met = next(key for key in footer.query(FooterKey) if key.description == "Met")
        assert met.has_class("-disabled")


async def test_at_80_columns_the_main_footer_keeps_the_keys_needed_most(store):  # noqa: F811
    """Details (Enter), Edit, Delete and Undo (every change's message says "u undoes")
    step aside first; Search, Ingest, Timeline and Quit stay, and ? lists the rest."""
    app = app_for(store)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.pause()
        shown = [description for _key, description in footer_keys(app)]
        assert shown == ["Add", "Met", "Missed", "Postpone", "Search", "Ingest", "Timeline",
                         "Help", "Quit"]
    app = app_for(store)
    async with app.run_test(size=(140, 24)) as pilot:
        await pilot.pause()
        await pilot.pause()
        shown = [description for _key, description in footer_keys(app)]
        assert shown[:9] == ["Details", "Add", "Edit", "Met", "Missed", "Postpone", "Delete",
                             "Undo", "Search"]
        assert {"Ingest", "Timeline", "Help", "Quit"} <= set(shown)


async def test_help_at_80_columns_wraps_each_description_under_itself(store):  # noqa: F811
    from tui.screens.help import KeyList
    app = app_for(store)
    async with app.run_test(size=(80, 40)) as pilot:
        await pilot.press("question_mark")
        await pilot.pause()
        lines = str(app.screen.query_one(KeyList).render()).splitlines()
        assert any("Close the details" in line for line in lines)
        # every line of a key's description starts in the description's column
        at = next(line.index("Close the details") for line in lines if "Close the details" in line)
        rest = lines[next(i for i, line in enumerate(lines) if "Close the details" in line) + 1]
        assert len(rest) - len(rest.lstrip()) == at and rest.strip()


async def test_every_changes_message_names_the_undo_key_the_keymap_gives(store):  # noqa: F811
    """With undo = "b" in [keymap], a change said "— u undoes" (u did nothing then): the
    messages of a decision, a postponement, an edit, an add and the delete question name
    the key that undoes."""
    from test_app import find, select, type_text
    from tui.screens.forms import ConfirmForm
    app = app_for(store, config=Config(keymap={"undo": "b"}))
    item_id, _ = find(store, "Renew my passport")
    async with app.run_test(size=(120, 30)) as pilot:
        await select(pilot, item_id)
        await pilot.press("m", "enter")
        await pilot.pause()
        await pilot.press("5")
        await select(pilot, item_id)
        await pilot.press("p")
        await type_text(pilot, "+1w")
        await pilot.press("enter")
        await pilot.pause()
        messages = [str(n.message) for n in app._notifications]
        assert any(m.startswith(f"#{item_id} met — b undoes") for m in messages), messages
        assert any(m.startswith(f"#{item_id} now due") and m.endswith("— b undoes")
                   for m in messages), messages
        assert not any("u undoes" in m for m in messages)
        await pilot.press("d")
        await pilot.pause()
        assert isinstance(app.screen, ConfirmForm) and "b undoes it." in str(app.screen.question)
        await pilot.press("n")
        await pilot.press("b")  # and b does undo: the postponement is taken back
        await pilot.pause()
        assert any(str(n.message).startswith("Undone:") for n in app._notifications)


async def test_the_detail_of_an_overdue_item_names_the_remapped_keys(store):  # noqa: F811
    from test_app import find, select
    from tui.screens.detail import DetailPane
    app = app_for(store, config=Config(keymap={"mark_met": "z", "postpone": "P"}))
    item_id, _ = find(store, "Port authority")  # overdue and open
    async with app.run_test(size=(120, 30)) as pilot:
        await select(pilot, item_id)
        await pilot.press("enter")
        await pilot.pause()
        text = str(app.main.query_one(DetailPane)._describe())
        assert "Past due, undecided: z met · x missed · P postpone" in text

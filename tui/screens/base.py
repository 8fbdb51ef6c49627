"""What every frist screen and the app rely on of each other.

The app calls, on every screen in its stack:
  refresh_items()   after each change to the items: the person's own, another process's
                    (the store's change counter moved), a reload, a new day. A screen
                    reads what it shows again; one that shows no items keeps the default.
and reads:
  SHOWS_AN_ITEM     whether the item keys (m met, x missed, e edit, ...) act here on
                    `app.selected_id`; False where no selected item is in sight (a
                    screen may make it a property: the decision queue once it is done).

A screen may use of the app (tui/app.py; the screen tests run the timeline, calendar,
track record and decision queue in stand-ins that have only these):
  store, today                  the store and the day shown
  visible_items(), view_label() the main table's items in its tab, search and order,
                                and the tab's name
  selected_id                   the item the item keys act on; a screen that moves a
                                cursor over items sets it
  change(id, write, message)    one store write (`write`), then every screen refreshed;
                                a refusal is said in a notice
  save_change(id, write, message)
                                the same for a form's save: a refusal raises FristError,
                                which the form says while it keeps what was typed
                                (the app adds to `message` the key that undoes it)
  show_day(day), show_group(by, name)
                                back to the main table, showing one day or one row of
                                the track record
The app's own main screen and forms also use `config`, `view` (the main table's ItemView),
set_view, set_search, set_day, clear_group, follow_cursor, now(), today_fixed and
sync_note; the pushed screens read `config` and `view` only where they are there.
"""
from __future__ import annotations

from typing import ClassVar, TypeVar

from textual.screen import ModalScreen, Screen

ResultType = TypeVar("ResultType")


class FristScreen(Screen[ResultType]):
    SHOWS_AN_ITEM: ClassVar[bool] = True

    def refresh_items(self) -> None:
        """The items changed: show them again (nothing to do for a screen without items)."""


class FristModal(ModalScreen[ResultType], FristScreen[ResultType]):
    """A FristScreen that is modal: the app's keys rest while it is open (a form, help,
    the review)."""

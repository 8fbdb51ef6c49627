"""The main table and the top bar as a person reads them: nothing cut that fits."""
from __future__ import annotations

import inspect
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))

from test_app import _run_async, app_for, find, row_text, store  # noqa: E402,F401


async def test_the_when_column_holds_decided_dates_whole(store):  # noqa: F811
    app = app_for(store)
    missed_id, _ = find(store, "Ceasefire talks resume in Geneva")
    cancelled_id, _ = find(store, "Stadium roof")
    async with app.run_test(size=(120, 36)) as pilot:
        await pilot.press("4")  # Missed
        await pilot.pause()
        assert "missed 21 Nov " in row_text(app, missed_id)
        await pilot.press("5")  # All: a cancelled item is shown, the column widens
        await pilot.pause()
        assert "cancelled 21 Nov " in row_text(app, cancelled_id)
        assert "missed 21 Nov " in row_text(app, missed_id)


for _name, _test in list(globals().items()):
    if _name.startswith("test_") and inspect.iscoroutinefunction(_test):
        globals()[_name] = _run_async(_test)

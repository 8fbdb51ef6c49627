"""Make docs/screenshot.png: the dashboard on the --demo store at a fixed today.

    python docs/make_screenshot.py

Needs cairosvg (SVG to PNG): pip install cairosvg. It is not a dependency of frist.
"""
from __future__ import annotations

import asyncio
import datetime as dt
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from store.db import open_store  # noqa: E402
from tui.app import make_app  # noqa: E402
from tui.demo import build_demo_store  # noqa: E402

TODAY = dt.date(2025, 11, 24)


async def shoot(out: Path, keys: list[str]) -> None:
    import cairosvg
    path = Path(tempfile.mkdtemp()) / "store.json"
    build_demo_store(path, TODAY)
    app = make_app(open_store(path), TODAY.isoformat(),
                   clock=lambda: dt.datetime(2025, 11, 24, 9, 41))
    async with app.run_test(size=(132, 36)) as pilot:
        await pilot.pause()
        for key in keys:
            await pilot.press(key)
        await pilot.pause(0.3)
        svg = app.export_screenshot(title="frist --demo")
    cairosvg.svg2png(bytestring=svg.encode(), write_to=str(out))


if __name__ == "__main__":
    asyncio.run(shoot(ROOT / "docs" / "screenshot.png", sys.argv[1:]))

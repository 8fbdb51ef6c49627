"""`frist --demo`'s temporary folders: one left behind by a killed frist goes next time."""
from __future__ import annotations

import os
import subprocess
import sys
import tempfile

from tui import demo


def test_demo_folders_of_dead_processes_are_removed_and_others_kept(tmp_path, monkeypatch):
    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path))
    finished = subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"],
                              capture_output=True, text=True, check=True)
    folders = {name: tmp_path / f"frist-demo-{name}" for name in ("dead", "alive", "no-pid")}
    for folder in folders.values():
        folder.mkdir()
        (folder / "store.json").write_text("{}")
    (folders["dead"] / "pid").write_text(finished.stdout.strip())
    (folders["alive"] / "pid").write_text(str(os.getpid()))
    demo._remove_abandoned_demos()
    assert not folders["dead"].exists()
    assert folders["alive"].exists() and folders["no-pid"].exists()

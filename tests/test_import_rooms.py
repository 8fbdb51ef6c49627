"""The rooms of `store/` and of `tui/` import each other in one direction only, and
`store/` never imports `tui/` or a terminal library.

A room is a module or package directly under store or tui (store.ingest, tui.cli,
tui.screens, ...). Every import counts, also one inside a function: store.documents
used to import store.ingest from inside read_document_text while store.ingest imported
store.documents, a cycle no import-time check saw.
"""
from __future__ import annotations

import ast
from pathlib import Path

import subprocess
import sys

import pytest

ROOT = Path(__file__).resolve().parents[1]


def imports_of(path: Path, package: str) -> set[str]:
    """Every module name `path` imports, relative imports resolved against `package`."""
    found = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found |= {alias.name for alias in node.names}
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                parts = package.split(".")[:len(package.split(".")) - node.level + 1]
                base = ".".join(parts + ([base] if base else []))
            found |= {base} | {f"{base}.{alias.name}" for alias in node.names}
    return found


def room_graph(top: str = "store") -> dict[str, set[str]]:
    graph: dict[str, set[str]] = {}
    for path in (ROOT / top).rglob("*.py"):
        parts = path.relative_to(ROOT).with_suffix("").parts
        module = ".".join(parts[:-1] if parts[-1] == "__init__" else parts)
        package = module if path.name == "__init__.py" else module.rsplit(".", 1)[0]
        room = ".".join(parts[:2]) if len(parts) > 1 and parts[1] != "__init__" else top
        targets = graph.setdefault(room, set())
        for name in imports_of(path, package):
            if name.startswith(("store.", "tui")) or name == "store":
                targets.add(".".join(name.split(".")[:2]))
        targets.discard(room)
    return graph


def test_store_never_imports_tui():
    assert not {room for room, targets in room_graph().items()
                if any(t == "tui" or t.startswith("tui.") for t in targets)}


@pytest.mark.parametrize("top", ["store", "tui"])
def test_no_two_rooms_import_each_other_round_a_cycle(top):
    graph = room_graph(top)

    def reaches(start: str, goal: str, seen: set[str]) -> bool:
        for nxt in graph.get(start, ()):
            if nxt == goal or (nxt not in seen and reaches(nxt, goal, seen | {nxt})):
                return True
        return False

    cycles = sorted(room for room in graph if reaches(room, room, {room}))
    assert cycles == []


def test_the_store_loads_no_terminal_library():
    """Every store module imported, in a fresh interpreter: no Textual, Rich or click."""
    modules = sorted({".".join(p.relative_to(ROOT).with_suffix("").parts).removesuffix(".__init__")
                      for p in (ROOT / "store").rglob("*.py")})
    program = ("import importlib, sys\n"
               f"for name in {modules!r}:\n"
               "    try:\n"
               "        importlib.import_module(name)\n"
               "    except ImportError as e:\n"
               "        if 'caldav' not in str(e) and 'keyring' not in str(e): raise\n"
               "print(sorted(m for m in sys.modules if m.split('.')[0] in "
               "('textual', 'rich', 'click', 'tui')))")
    result = subprocess.run([sys.executable, "-c", program], capture_output=True, text=True, cwd=ROOT)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "[]"

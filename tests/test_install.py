"""What a fresh install gives: every optional library frist names imports, and a broken
one is reported as broken, not as missing."""
import importlib
import importlib.metadata as metadata
import re
import sys

import pytest

from store.errors import FristError

TOOL_EXTRAS = {"test"}  # the test extra's tools are not frist's features


def _feature_extras() -> dict[str, list[str]]:
    """{extra: [distribution, ...]} from the installed frist's own metadata."""
    extras: dict[str, list[str]] = {}
    for requirement in metadata.requires("frist") or []:
        marker = re.search(r"""extra\s*==\s*["']([^"']+)["']""", requirement)
        if marker and marker[1] not in TOOL_EXTRAS:
            name = re.match(r"[A-Za-z0-9_.-]+", requirement)[0]
            if name.lower() != "frist":
                extras.setdefault(marker[1], []).append(name)
    return extras


def _modules_of(distribution: str) -> list[str]:
    files = metadata.distribution(distribution).read_text("top_level.txt")
    if files:
        return [line for line in files.split() if not line.startswith("_")]
    by_module = metadata.packages_distributions()
    wanted = re.sub(r"[-_.]+", "-", distribution).lower()
    return [module for module, dists in by_module.items()
            if any(re.sub(r"[-_.]+", "-", d).lower() == wanted for d in dists)
            and not module.startswith("_")]


def test_the_web_extra_is_declared():
    assert "web" in _feature_extras()


@pytest.mark.parametrize("extra,distribution",
                         [(extra, dist) for extra, dists in _feature_extras().items() for dist in dists])
def test_every_optional_library_imports(extra, distribution):
    modules = _modules_of(distribution)
    assert modules, f"{distribution} (extra {extra}) is not installed"
    for module in modules:
        importlib.import_module(module)


def test_trafilatura_reads_a_page_on_this_install():
    """The break that shipped once: lxml dropped lxml.html.clean, trafilatura's import failed."""
    import trafilatura
    text = trafilatura.extract("<html><body><article><p>" + "The council will vote on 3 May. " * 5
                               + "</p></article></body></html>")
    assert text and "council will vote" in text


def test_an_installed_but_broken_library_is_named_with_its_own_error(tmp_path, monkeypatch):
    from store.ingest import _web
    broken = tmp_path / "trafilatura"
    broken.mkdir()
    (broken / "__init__.py").write_text("raise ImportError(\"No module named 'lxml.html.clean'\")\n")
    monkeypatch.syspath_prepend(str(tmp_path))
    monkeypatch.delitem(sys.modules, "trafilatura", raising=False)
    with pytest.raises(FristError) as caught:
        _web("trafilatura", "reading HTML")
    assert str(caught.value) == ("trafilatura is installed but cannot be imported: "
                                 "No module named 'lxml.html.clean'")


def test_a_plain_install_runs_outside_the_checkout(tmp_path):
    """The wheel carries everything frist reads at run time (language data, styles,
    demo articles): installed without the checkout, it extracts and stores."""
    import os
    import subprocess
    from pathlib import Path
    root = Path(__file__).resolve().parents[1]
    built = subprocess.run([sys.executable, "-m", "pip", "wheel", "-q", "--no-deps", "-w",
                            str(tmp_path / "wheel"), str(root)], capture_output=True, text=True)
    assert built.returncode == 0, built.stderr
    wheel = next((tmp_path / "wheel").glob("frist-*.whl"))
    target = tmp_path / "site"
    installed = subprocess.run([sys.executable, "-m", "pip", "install", "-q", "--no-deps",
                                "--target", str(target), str(wheel)], capture_output=True, text=True)
    assert installed.returncode == 0, installed.stderr
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    env = dict(os.environ, PYTHONPATH=str(target), FRIST_DB=str(elsewhere / "store.json"))
    program = ("import store, tui, sys; sys.argv[0] = 'frist'; "
               f"assert store.__file__.startswith({str(target)!r}), store.__file__; "
               "from tui.cli import main; main()")

    def frist(*args, input=None):
        return subprocess.run([sys.executable, "-c", program, *args], input=input, cwd=elsewhere,
                              capture_output=True, text=True, env=env)

    version = frist("--version")
    assert version.returncode == 0 and "0." in version.stdout, version.stderr
    found = frist("extract", "-", "--published", "2025-11-24", "--lang", "de", "--json",
                  input="Die Regierung will das Gesetz bis Ende März 2026 vorlegen.")
    assert found.returncode == 0, found.stderr
    assert '"due": "2026-03-31"' in found.stdout
    assert frist("add", "Report", "--due", "nächsten Freitag").returncode == 0
    assert "Report" in frist("list").stdout

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
    from store.ingest.markup import web_library as _web
    broken = tmp_path / "trafilatura"
    broken.mkdir()
    (broken / "__init__.py").write_text("raise ImportError(\"No module named 'lxml.html.clean'\")\n")
    monkeypatch.syspath_prepend(str(tmp_path))
    monkeypatch.delitem(sys.modules, "trafilatura", raising=False)
    with pytest.raises(FristError) as caught:
        _web("trafilatura", "reading HTML")
    assert str(caught.value) == ("trafilatura is installed but cannot be imported: "
                                 "No module named 'lxml.html.clean'")

"""frist commands: ingest (added to the command line by tui.cli).

Reading, matching and storing live in store.ingest; this module only talks to the person:
a progress bar for big folders, the list of candidates, and the accept all/each/none prompt.
"""
from __future__ import annotations

import sys
from contextlib import contextmanager

import click

from tui import cli_common
from tui.cli_common import (extraction_lang, lang_option, pass_env, say, timeout_option,
                            unread_language)
from tui.ingest_text import repeated, summary

FEW_FILES = 5  # more documents than this get a progress bar (on a terminal)


def stdin_is_terminal() -> bool:
    return cli_common.stdin_is_terminal()


@contextmanager
def progress_bar(label: str):
    """A callback (done, total, name) drawing a rich progress bar on stderr when the work
    is more than a few items and stderr is a terminal; otherwise it does nothing."""
    state = {}

    def tick(done: int, total: int, name: str) -> None:
        if total <= FEW_FILES or not sys.stderr.isatty():
            return
        if "bar" not in state:
            from rich.console import Console
            from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn
            bar = Progress(TextColumn(label), BarColumn(), MofNCompleteColumn(),
                           console=Console(stderr=True), transient=True)
            bar.start()
            state["bar"], state["task"] = bar, bar.add_task(label, total=total)
        state["bar"].update(state["task"], completed=done)

    try:
        yield tick
    finally:
        if "bar" in state:
            state["bar"].stop()


class NothingStored:
    """What a store holds before its folder exists: nothing (its reads are refused)."""

    @staticmethod
    def all() -> list:
        return []


def review(proposals) -> list:
    """Ask the person: store all, choose each, or none. Returns the accepted proposals."""
    answer = click.prompt("Store them? [a]ll, [e]ach, [n]one", default="n", show_default=False,
                          type=click.Choice(["a", "all", "e", "each", "n", "none"]),
                          show_choices=False, err=True)
    if answer in ("n", "none"):
        return []
    if answer in ("a", "all"):
        return list(proposals)
    chosen = []
    for n, p in enumerate(proposals, 1):
        answer = click.prompt(f"  #{n} store? [y]es, [n]o, [q]uit (keep what is chosen)",
                              default="y", show_default=False,
                              type=click.Choice(["y", "yes", "n", "no", "q", "quit"]),
                              show_choices=False, err=True)
        if answer in ("q", "quit"):
            break
        if answer in ("y", "yes"):
            chosen.append(p)
    return chosen


def _warnings(loaded) -> list[str]:
    """The loader's warnings, with many "no publication date" ones folded into one line."""
    undated = [d for d in loaded.documents if d.published_from in ("file time", "today")]
    if len(undated) <= FEW_FILES:
        return list(loaded.warnings)
    names = {f"{d.name}: no publication date found" for d in undated}
    rest = [w for w in loaded.warnings if w.split(";", 1)[0] not in names]
    how = "their file dates" if all(d.published_from == "file time" for d in undated) else \
        "their file dates or today"
    return rest + [f"{len(undated)} documents have no publication date; using {how} "
                   "(set one with --published)"]


def _notes(proposals) -> list[str]:
    """Under each candidate: its document when there are several, and if it is stored."""
    several = len({id(p.document) for p in proposals}) > 1
    notes = []
    for p in proposals:
        parts = [f"from {p.document.name}"] if several else []
        if p.known_id:
            parts.append(f"already stored as #{p.known_id}")
        if p.repeats:
            parts.append(repeated(p))
        notes.append(f"({'; '.join(parts)})" if parts else "")
    return notes


@click.command()
@click.argument("source", metavar="FILE|DIR|URL|-")
@click.option("--published", metavar="DATE",
              help="Publication date (default: the document's own, else the file's date).")
@lang_option
@click.option("--yes", is_flag=True,
              help="Store every candidate that is confident enough, without asking.")
@timeout_option
@pass_env
def ingest(env, source, published, lang, yes, timeout):
    """Find the dated commitments in files, a folder, a web page or a feed; review; store."""
    from store import ingest as ing
    from store.documents import DocumentError
    from store.errors import FristError, visible
    from tui.candidates import print_candidates
    lang = extraction_lang(env, lang)
    given = env.published(published) if published else None
    with progress_bar("reading") as tick:
        loaded = ing.load(source, given, lang, env.today, progress=tick,
                          deadline=timeout or env.config.fetch_timeout)
    for warning in _warnings(loaded):
        say(f"warning: {warning}")
    if not loaded.documents and len(loaded.skipped) == 1:
        raise DocumentError(*loaded.skipped[0])
    for name, reason in loaded.skipped:
        say(f"skipped: {visible(name)} {reason}")
    if not loaded.documents:
        raise FristError(f"nothing could be read from {source}")
    # a store named in a folder not made yet holds nothing to match: storing makes the
    # folder and says so, as `frist add` and `frist import` do
    holds = env.store if env.store.path.parent.is_dir() else NothingStored()
    with progress_bar("extracting") as tick:
        proposals = ing.propose(holds, loaded.documents, env.today, progress=tick)
    docs = len(loaded.documents)
    read = f"{docs} document{'s' if docs != 1 else ''} read"
    if not proposals:
        say(f"{read}; no dated commitments found" + unread_language(*loaded.documents))
        return
    if yes:
        chosen = [p for p in proposals if p.confidence >= ing.CONFIDENCE_THRESHOLD]
        for p in proposals:
            if p.confidence < ing.CONFIDENCE_THRESHOLD:  # say what was left, so it can be added
                say(f"not stored (confidence {p.confidence:.2f} < {ing.CONFIDENCE_THRESHOLD}): "
                    f"{p.due.label} — {p.title}")
            elif p.repeats:
                say(f"note: {p.due.label} — {p.title}: {repeated(p)}")
    else:
        print_candidates(proposals, env.today, today=env.today, notes=_notes(proposals))
        if not stdin_is_terminal():
            raise FristError("nothing stored: "
                             + cli_common.needs_terminal("the review", "to answer on")
                             + "; pass --yes to store the candidates with confidence >= "
                             f"{ing.CONFIDENCE_THRESHOLD}")
        chosen = review(proposals)
    outcome = ing.commit(env.store, chosen)
    for new_id in outcome.new_ids:
        click.echo(new_id)
    say(f"{read}: {summary(outcome, documents=docs)}")

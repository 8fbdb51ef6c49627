"""frist commands: sync (added to the command line by tui.cli): two-way with the CalDAV collection
named in the config's [sync] table."""
from __future__ import annotations

import sys

import click

from tui.cli_common import pass_env, say, write_json

KEEP = ("local", "remote", "both")


def _ask(first) -> str | None:
    """The first sync's question, at a terminal: what each answer deletes (a FirstSync)."""
    from tui.text import printable
    # one line per answer (say() would join them into one run-on paragraph)
    question = (
        f"First sync: the collection holds {first.there} item{'s' * (first.there != 1)} and "
        f"this store {first.here}. Keep\n"
        f"  local  - this store: the collection becomes a copy of it: {first.only_there} "
        "deleted on the server\n"
        f"  remote - the collection: this store becomes a copy of it: {first.only_here} "
        "deleted here (frist undo takes it back)\n"
        "  both   - everything, merged by uid: nothing deleted")
    click.echo(printable(question, one_line=False), err=True)
    return click.prompt("Keep", type=click.Choice(KEEP), err=True)


@click.command()
@click.option("--dry-run", is_flag=True,
              help="Say what a sync would do; change nothing here or on the server.")
@click.option("--keep", type=click.Choice(KEEP),
              help="The first sync with a collection that holds items: keep local, remote "
                   "or both (asked at a terminal).")
@click.option("--allow-deletes", is_flag=True,
              help="Delete even when that is all or most of the items on one side (else "
                   "such a sync is refused and changes nothing).")
@click.option("--json", "as_json", is_flag=True, help="Print the counts as JSON.")
@pass_env
def sync(env, dry_run, keep, allow_deletes, as_json):
    """Sync with the CalDAV task list in the config's [sync] table: pull, merge, push.

    The password comes from FRIST_SYNC_PASSWORD or the system keyring (service 'frist',
    the [sync] username); frist never stores or prints it. A sync is one undo step.
    A sync that would delete all or most of the items on one side (an emptied task list
    or store) is refused: --dry-run lists them, --allow-deletes deletes them."""
    from store.sync import MassDelete, run_sync, settings_from
    from tui.text import printable
    settings = settings_from(env.config)
    ask = _ask if sys.stdin.isatty() and not as_json else None
    try:
        report = run_sync(env.store, settings, keep=keep, dry_run=dry_run, ask=ask,
                          allow_deletes=allow_deletes)
    except MassDelete as e:
        if as_json:  # the refusal for a script, then the line on stderr and exit 1
            write_json(e.report.as_json())
        raise
    if keep and not report.first:
        say(f"note: --keep {keep} not used: it only decides a store's first sync with a "
            "collection, and this store has synced with it before")
    if as_json:
        write_json(report.as_json())
    else:  # the report asked for: on stdout, so `> log` and $(...) take it
        click.echo(printable(report.line()))
        for item in report.would_delete:  # a dry run names what it would delete
            where = f"here: #{item['id']}" if item["side"] == "here" else "on the server:"
            click.echo(printable(f"would delete {where} {item['title']} (due {item['due']})"))

"""frist commands: exchange (added to the command line by tui.cli): `export` and `import`."""
from __future__ import annotations

import sys

import click

from store.errors import FristError
from store.exchange import FORMATS, formats_help
from tui.cli_common import pass_env, say


@click.command()
@click.option("--format", "fmt", type=click.Choice(list(FORMATS)), default="json",
              show_default=True, help=formats_help())
@click.option("-o", "--output", metavar="FILE", help="Write to FILE instead of standard output.")
@pass_env
def export(env, fmt, output):
    """Export every commitment."""
    from store.exchange import export as run_export
    to_file = bool(output) and output != "-"
    if to_file and env.store.owns(output):
        raise FristError(f"cannot write {output}: it is one of the store's own files; "
                         "export to another file")
    items = env.store.all()
    left_out: list[int] = []
    data = run_export(items, fmt, env.today, left_out)
    if left_out:
        from store.exchange import left_out_note
        say(f"note: {left_out_note(fmt, left_out)}")
    if to_file:
        from store.documents import write_file
        write_file(output, data)
        count = len(items) - len(left_out)
        say(f"exported {count} commitment{'s' if count != 1 else ''} to {output}")
    else:
        sys.stdout.buffer.write(data)
        sys.stdout.flush()


@click.command("import")
@click.argument("source", metavar="FILE")
@pass_env
def import_(env, source):
    """Import frist JSON, Taskwarrior `task export` JSON or an iCalendar (.ics) file.

    Every entry is checked first: if one is bad, nothing is imported. Entries the store
    already holds (same uid) are passed over. `frist undo` takes back the whole import."""
    from store.exchange import import_into, parse_import, read_import_file
    text, name, notes = read_import_file(source)
    for note in notes:
        say(f"note: {note}")
    parsed = parse_import(text, name, env.today)
    for note in parsed.skipped:
        say(f"skipped {note}")
    ids, known = import_into(env.store, parsed)
    got = f"imported {len(ids)} commitment{'s' if len(ids) != 1 else ''} from {parsed.format}"
    if ids:
        got += f" (ids {ids[0]}-{ids[-1]})" if len(ids) > 1 else f" (id {ids[0]})"
    if known:
        got += f"; {known} already in the store"
    say(got)

"""The `frist` command line: thin commands over `store`, and the dashboard when bare.

Heavy modules (textual, dateparser, the extractor) are imported inside the commands
that need them, so `frist add` and `frist list` start fast.
"""
from __future__ import annotations

import datetime as dt
import re
import sys

import click

from store.errors import FristError
from tui import cli_exchange, cli_ingest, cli_sync, cli_track
from tui.cli_common import (STDOUT_NAME, Env, FristGroup, check_dashboard_terminal,
                            drop_standard_output, extraction_lang, item_id, lang_option,
                            name_standard_output, pass_env, quit_on_broken_pipe, say,
                            timeout_option, unread_language, write_json)


@click.group(cls=FristGroup, invoke_without_command=True,
             context_settings={"help_option_names": ["-h", "--help"]})
@click.option("--db", metavar="PATH", envvar="FRIST_DB", help="The store file (env FRIST_DB).")
@click.option("--today", metavar="DATE", envvar="FRIST_TODAY",
              help="Pretend today is DATE (env FRIST_TODAY).")
@click.option("--demo", is_flag=True, help="Open the dashboard on a store of sample articles.")
@click.version_option(package_name="frist")
@click.pass_context
def cli(ctx, db, today, demo):
    """frist: a dashboard for dated commitments. Without a command it opens the dashboard."""
    from click.core import ParameterSource
    env_given = {name: ctx.get_parameter_source(name) == ParameterSource.ENVIRONMENT
                 for name in ("db", "today")}
    ctx.obj = Env(db, today, "FRIST_DB" if env_given["db"] else "--db",
                  "FRIST_TODAY" if env_given["today"] else "--today")
    if ctx.invoked_subcommand != "config":  # `config path` finds a bad file; `show` checks
        ctx.obj.check_config()              # a config the dashboard refuses stops every command
    if today:
        from store import model
        model.set_today(ctx.obj.today)
    if demo or ctx.invoked_subcommand is None:
        check_dashboard_terminal()
    if demo:
        from tui.demo import run_demo
        run_demo(ctx.obj)
    elif ctx.invoked_subcommand is None:
        from tui.app import run_app
        run_app(ctx.obj.store, ctx.obj.today_text, ctx.obj.config)


@cli.command()
@click.argument("title")
@click.option("--due", "due_text", required=True, metavar="WHEN",
              help="2026-04-30, 'April 2026', 'in 10 days', 'next Friday', 'bis Ende März' ...")
@click.option("--actor", default="", help="Who is committed.")
@click.option("--tag", "tags", multiple=True, help="A tag (repeatable; a comma separates tags).")
@click.option("--note", default="", help="A note kept in the history.")
@pass_env
def add(env, title, due_text, actor, tags, note):
    """Add a commitment; prints its id alone on stdout."""
    from store.model import Commitment
    due = env.when(due_text)
    commitment = Commitment.new(title, due, actor=actor, tags=tags, note=note)
    new_id = env.store.add(commitment)
    click.echo(new_id)
    say(f"added {new_id}: {commitment.title} — due {commitment.due_label()} "
        f"({commitment.countdown(env.today)})")


def _list_rows(items, env):
    from store import model
    from tui.text import printable
    rows, states = [], []
    state_of = model.state_reader(env.today, env.soon_days)
    for item_id_, c in items:
        rows.append([str(item_id_), c.due_label(env.config.date_format), c.countdown(env.today),
                     printable(c.title), printable(c.actor), c.status])
        states.append(state_of(c))
    return rows, states


LIST_HEADER = ["ID", "DUE", "WHEN", "TITLE", "ACTOR", "STATUS"]
# On a terminal too narrow for every column, the title keeps the room; first the actor
# narrows, then the status steps aside (the When column says "met 3 Dec" too), then the
# actor narrows more and steps aside, then the countdown.
LIST_STEPS = (("cap", 4, 20), ("drop", 5), ("cap", 4, 14), ("drop", 4), ("drop", 2))


def print_list(items, env) -> None:
    from tui.text import table
    rows, states = _list_rows(items, env)
    table(LIST_HEADER, rows, states, flexible=3, steps=LIST_STEPS)


LIST_STATUSES = ["open", "met", "missed", "cancelled", "overdue", "due-today", "due-soon",
                 "upcoming", "needs-decision", "all"]


@cli.command("list")
@click.option("--status", default="open", show_default=True, type=click.Choice(LIST_STATUSES),
              help="A status, a state, needs-decision (overdue and open), or all.")
@click.option("--within", metavar="SPAN",
              help="Only what falls due within SPAN (7d, 2w, 1m) from today, overdue included.")
@click.option("--actor", default="", help="Only commitments of this actor (part of the name).")
@click.option("--tag", default="", help="Only commitments with this tag.")
@click.option("--search", default="", help="Only commitments whose text contains this.")
@click.option("--json", "as_json", is_flag=True, help="Print JSON (the fields of docs/json.md).")
@click.option("--timeline", is_flag=True, help="Print a timeline of the commitments.")
@pass_env
def list_(env, status, within, actor, tag, search, as_json, timeline):
    """List commitments, soonest due first."""
    if as_json and timeline:
        raise click.UsageError("--json and --timeline are alternatives: choose one")
    from store import query
    flt = query.Filter(status=status, actor=actor, tag=tag, search=search,
                       within_days=query.parse_within(within) if within else None,
                       soon_days=env.soon_days)
    everything = env.store.all()
    items = query.select(everything, flt, env.today)
    if as_json:
        write_json([c.to_json(i, env.today, env.soon_days) for i, c in items])
    elif timeline:
        from tui.timeline_text import print_timeline
        print_timeline(items, env.today)
    elif not everything:
        say("no commitments yet: `frist add TITLE --due WHEN` adds one, "
            "`frist ingest FILE` finds them in an article")
    elif not items:  # the hint only when --status all would show something
        import dataclasses
        wider = [] if status == "all" else query.select(
            everything, dataclasses.replace(flt, status="all"), env.today)
        say("nothing to show" + (f" (--status all shows {len(wider)})" if wider else ""))
    else:
        print_list(items, env)


@cli.command()
@click.argument("ident", metavar="ID")
@click.option("--json", "as_json", is_flag=True)
@pass_env
def show(env, ident, as_json):
    """Show one commitment with its sources and history."""
    from store import model
    from tui.text import printable
    n = item_id(ident)
    c = env.store.get(n)
    if as_json:
        write_json(c.to_json(n, env.today, env.soon_days))
        return
    from tui.text import day_label, stamp_label
    today = env.today

    def day(iso: str) -> str:  # a due, window or publication day: always with its year
        try:
            d = dt.date.fromisoformat(iso)
        except (TypeError, ValueError):
            return printable(str(iso))
        return f"{d.day} {model.MONTH_ABBR[d.month - 1]} {d.year}"
    lines = [f"#{n}  {printable(c.title)}",
             f"due       {c.due_label(env.config.date_format)} ({c.countdown(today)})"
             + (f", window {day(c.window_start)} – {day(c.due)}" if c.window_start != c.due else ""),
             f"state     {c.state(today, env.soon_days)} (status {c.status})"]
    decided = c.decided_day
    if decided is not None:
        lines.append(f"decided   {day_label(decided, today, weekday=True)}")
    if c.due_text:
        lines.append(f"said as   {printable(c.due_text)}")
    if c.actor:
        lines.append(f"actor     {printable(c.actor)}")
    if c.tags:
        lines.append(f"tags      {printable(', '.join(c.tags))}")
    for source in c.sources:
        published = source.published
        lines.append(f"source    {printable(source.document)} "
                     f"(published {day(published) if published else '?'})")
        if source.sentence:
            lines.append(f"          “{printable(source.sentence)}”")
    lines.append("history")
    events = c.history
    stamps = [stamp_label(ev.at, today) for ev in events]  # local time, as read
    cells = max(map(len, stamps), default=0)
    for ev, stamp in zip(events, stamps):
        note = f" — {printable(ev.note)}" if ev.note else ""
        lines.append(f"  {stamp:<{cells}}  {printable(ev.event)}{note}")
    click.echo("\n".join(lines))


@cli.command()
@click.argument("ident", metavar="ID")
@click.argument("status", type=click.Choice(["met", "missed", "open", "cancelled"]))
@click.option("--note", default="")
@click.option("--on", "on", metavar="DATE",
              help="When it was decided (default today): '2025-11-26', 'yesterday', '26 Nov'.")
@pass_env
def mark(env, ident, status, note, on):
    """Record a decision: met, missed, cancelled, or open again."""
    decided = None
    if on is not None:
        from store.when import parse_past_day
        decided = parse_past_day(on, env.today)
    marked = env.store.mark(item_id(ident), status, note, on=decided)
    say(f"{ident}: {marked.title} — {marked.countdown(env.today)}")


class SpanLast(click.Command):
    """`frist postpone 3 -1w`: a -SPAN is the WHEN, not an unknown option -1. It is moved
    behind a `--`, so the options around it are still read (and a mistyped one refused)."""

    def parse_args(self, ctx, args):
        args = list(args)
        for n, arg in enumerate(args):
            if arg == "--":
                break
            if re.fullmatch(r"-\d+[dwmy]?", arg) and (n == 0 or args[n - 1] != "--note"):
                args = args[:n] + args[n + 1:] + ["--", arg]
                break
        return super().parse_args(ctx, args)


@cli.command(cls=SpanLast)
@click.argument("ident", metavar="ID")
@click.argument("when", metavar="WHEN")
@click.option("--note", default="")
@pass_env
def postpone(env, ident, when, note):
    """Move a commitment's due date (it stays or becomes open).

    WHEN is a date ('15 January', 'in 2 weeks' from today), or +SPAN ('+7d', '+2w')
    to move the current due date by that much later, -SPAN ('-1w') earlier."""
    n = item_id(ident)
    before = env.store.get(n)
    from store.when import parse_postpone
    due = parse_postpone(when, before.window, env.today)
    after = env.store.postpone(n, due, note)
    say(f"{n}: now due {after.due_label()} ({after.countdown(env.today)})"
        + (f"; reopened (it was {before.status})" if before.status != "open" else ""))
    if after.due < before.due:
        say(f"note: that is earlier than before ({before.due_label()})")


@cli.command()
@click.argument("ident", metavar="ID")
@click.option("--title")
@click.option("--due", "due_text", metavar="WHEN")
@click.option("--actor")
@click.option("--tag", "tags", multiple=True,
              help="Replace the tags (repeatable; a comma separates tags; --tag \"\" removes them).")
@click.option("--note", default="")
@pass_env
def edit(env, ident, title, due_text, actor, tags, note):
    """Change a commitment's title, due date, actor or tags."""
    if title is None and due_text is None and actor is None and not tags:
        raise click.UsageError("say what to change: --title, --due, --actor or --tag")
    n = item_id(ident)
    due = env.when(due_text) if due_text is not None else None
    edited = env.store.edit(n, title=title, due=due, actor=actor,
                            tags=list(tags) if tags else None, note=note)
    say(f"{n}: {edited.history[-1].event}")


@cli.command()
@click.argument("ident", metavar="ID")
@pass_env
def rm(env, ident):
    """Remove a commitment (`frist undo` brings it back)."""
    removed = env.store.remove(item_id(ident))
    say(f"removed {ident}: {removed.title} (undo with `frist undo`)")


@cli.command()
@pass_env
def undo(env):
    """Revert the most recent change (repeatable)."""
    label = env.store.undo()
    say(f"undone: {label}")


@cli.command()
@click.option("--within", default="1d", show_default=True, metavar="SPAN",
              help="Also what falls due within SPAN.")
@click.option("--check", is_flag=True,
              help="Print nothing; exit 3 if anything needs attention, else 0.")
@click.option("--json", "as_json", is_flag=True)
@pass_env
def due(env, within, check, as_json):
    """What needs attention: overdue and undecided, or due soon."""
    from store import query
    flt = query.Filter(status="open", within_days=query.parse_within(within))
    items = query.select(env.store.all(), flt, env.today)
    if check:
        sys.exit(3 if items else 0)
    if as_json:
        write_json([c.to_json(i, env.today, env.soon_days) for i, c in items])
    elif not items:
        say("nothing needs attention")
    else:
        print_list(items, env)


@cli.command()
@click.argument("source", default="-", metavar="[FILE|URL|-]")
@click.option("--published", metavar="DATE",
              help="Publication date, the day relative dates count from (default: a web page's "
                   "own date, else a file's date, else today).")
@lang_option
@timeout_option
@click.option("--json", "as_json", is_flag=True)
@pass_env
def extract(env, source, published, lang, timeout, as_json):
    """Show the dated commitments in an article (a file, a web page, or standard input);
    stores nothing."""
    from store.extract import extract as run_extract
    from store.ingest import read_one
    lang = extraction_lang(env, lang)
    doc = read_one(source, env.published(published) if published else None, lang, env.today,
                   deadline=timeout or env.config.fetch_timeout)
    for note in doc.notes:
        say(f"note: {note}")
    pub = doc.published
    if doc.published_from != "given":   # dated as `frist ingest` dates it
        where = {"metadata": "the publication date in its metadata",
                 "dateline": "the date of its dateline", "file time": "the file's date",
                 "today": "today"}[doc.published_from]
        said = f"today, {pub.isoformat()}" if where == "today" else f"{pub.isoformat()}, {where}"
        say(f"note: no --published date given: dates are read as of {said}")
    candidates = run_extract(doc.text, pub, doc.lang)
    if as_json:
        write_json([c.to_json() for c in candidates])
        return
    if not candidates:
        say("no dated commitments found" + unread_language(doc))
        return
    from tui.candidates import print_candidates
    print_candidates(candidates, pub, today=env.today)


@cli.command()
@click.option("--write-backup", is_flag=True,
              help="Write a new backup from the store (when only the backup is wrong).")
@pass_env
def check(env, write_backup):
    """Verify the store's snapshot, journal, backup and sync state; say what is wrong and the fix.

    Exits 0 when the store is healthy, 1 otherwise."""
    from tui.text import printable
    store = env.store
    health = store.check()
    if write_backup and health.exists:
        wrong = [f for f in health.findings if f.problem and f.role not in ("backup", "sync")]
        if wrong:
            raise FristError(f"no backup written: the {wrong[0].role} {wrong[0].path} is "
                             f"{wrong[0].problem}; {health.fix}")
        store.write_backup()
        health = store.check()
    if not health.exists:
        say(f"no store at {store.storage.path} yet: the first change creates it")
        return
    for found in health.findings:
        detail = f" ({found.detail})" if found.detail and not found.problem else ""
        click.echo(f"{found.role:9} " + printable(f"{found.path}: {found.problem or 'ok'}{detail}"))
    if health.ok:
        click.echo("the store is healthy")
        return
    click.echo(printable(f"fix: {health.fix}"))
    sys.exit(1)


@cli.command()
@click.option("--from-backup", "from_backup", is_flag=True,
              help="From the backup (and the journal's good changes); the only source so far.")
@click.option("--yes", "-y", is_flag=True, help="Do not ask for confirmation.")
@pass_env
def restore(env, from_backup, yes):
    """Put the last good state of a damaged store back, keeping the damaged files aside
    (renamed with a timestamp, never deleted)."""
    if not from_backup:
        raise click.UsageError("say where from: --from-backup")
    store = env.store
    plan = store.restore_plan()
    if plan is None:
        say("the store is healthy: nothing to restore (`frist check` shows it)")
        return
    for line in plan.describe():
        say(line)
    if not yes:
        try:
            answer = click.confirm("Restore?", default=False, err=True)
        except click.exceptions.Abort:
            answer = False
        if not answer:
            raise FristError("nothing was restored (--yes restores without asking)")
    moved = store.restore(plan)
    count = len(store.all())
    say(f"restored: {count} item{'s' * (count != 1)} in {store.storage.path}"
        + (f"; kept aside: {', '.join(map(str, moved))}" if moved else ""))


# Commands kept in modules of their own.
for command in (cli_exchange.export, cli_exchange.import_, cli_ingest.ingest, cli_sync.sync,
                cli_track.stats, cli_track.config_group):
    cli.add_command(command)


def main() -> None:
    name_standard_output()
    try:
        try:
            cli(prog_name="frist")
        finally:
            sys.stdout.flush()  # here, not at exit, where a failure could only be ignored
    except BrokenPipeError:
        quit_on_broken_pipe()
    except OSError as e:  # the last of the output could not be written
        drop_standard_output()
        click.echo(f"error: cannot use {e.filename or STDOUT_NAME}: {e.strerror}", err=True)
        sys.exit(1)


if __name__ == "__main__":
    main()

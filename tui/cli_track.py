"""frist commands: track (added to the command line by tui.cli): `stats` and `config path|show`."""
from __future__ import annotations

import click

from tui.cli_common import pass_env, say, write_json


@click.command()
@click.option("--by", "by", type=click.Choice(["actor", "tag"]), default="actor",
              show_default=True, help="Group the track record by actor or by tag.")
@click.option("--json", "as_json", is_flag=True,
              help="Print a JSON list of {actor|tag, met, missed, cancelled, open, overdue, "
                   "met_share, postponed, postponed_days}.")
@pass_env
def stats(env, by, as_json):
    """The track record: met, missed, cancelled and open commitments per actor or tag."""
    from store.stats import track_record
    rows = track_record(env.store.all(), env.today, by=by)
    if as_json:
        write_json([row.to_json() for row in rows])
    elif not rows:
        say("no commitments yet")
    else:
        from tui.text import table
        head, body, states = stats_table(rows, by)
        table(head, body, states, flexible=0)
        from store.stats import BAR_LEGEND
        click.echo(f"RECORD: {BAR_LEGEND}")


BAR_CELLS = 12  # keeps the whole table within 80 columns


def stats_table(rows, by):
    """Header, rows and a state per row (for colour) of the plain stats table."""
    from store.stats import bar, share_label
    from tui.text import printable
    largest = max(row.total for row in rows)
    head = [by.upper(), "MET", "MISSED", "CANC", "OPEN", "OVERDUE", "MET%", "POSTPONED", "RECORD"]
    body, states = [], []
    for row in rows:
        postponed = f"{row.postponed}x {row.postponed_days:+d}d" if row.postponed else "-"
        body.append([printable(row.name) or "(none)", str(row.met), str(row.missed),
                     str(row.cancelled), str(row.open), str(row.overdue),
                     share_label(row.met_share), postponed, bar(row, BAR_CELLS, largest)])
        states.append("overdue" if row.overdue else "")
    for col in range(1, len(head) - 1):  # figures read best right-aligned
        cells = max(len(head[col]), *(len(r[col]) for r in body))
        head[col] = head[col].rjust(cells)
        for r in body:
            r[col] = r[col].rjust(cells)
    return head, body, states


@click.group("config")
def config_group():
    """The settings file: where it is and what is in effect."""


@config_group.command("path")
def config_path_cmd():
    """Print the path of the config file (it may not exist yet)."""
    from store.config import config_path
    click.echo(config_path())


@config_group.command("show")
@pass_env
def config_show(env):
    """Print every setting in effect, as TOML: those the config file sets as settings
    (marked "from the file"), the defaults commented out, and every key binding by id."""
    from store.config import config_path
    path = config_path()
    env.check_config()  # what the dashboard would refuse is refused here too, not listed
    config = env.config
    store = store_path(env.db_path, config)
    where = str(path) if path.exists() else f"{path} (not found: every setting is a default)"
    click.echo(f"# config file: {where}\n# store: {store}\n"
               "# Settings the file sets are marked 'from the file'; the others are the "
               "defaults in effect, commented out.\n" + settings_toml(config, path), nl=False)


def settings_toml(config, path) -> str:
    """Every setting and every key binding as TOML lines, each marked where it comes from."""
    import dataclasses
    import tomllib

    from store.config import SYNC_KEYS, _toml_key, _toml_value
    from tui.app import FristApp
    from tui.keys import default_keys
    try:
        given = tomllib.loads(path.read_text(encoding="utf-8")) if path.exists() else {}
    except (OSError, ValueError):  # load_config has read it already; a race at most
        given = {}
    lines = []

    def line(key: str, value, from_file: bool, note: str = "") -> None:
        text = f"{_toml_key(key)} = {_toml_value(value)}" if value is not None else f"{key} ="
        mark = "from the file" if from_file else "default" + (f": {note}" if note else "")
        text = text if from_file else f"# {text}"
        lines.append(f"{text:<42} # {mark}")

    tables = ("path", "keymap", "sync")
    for name in (f.name for f in dataclasses.fields(config) if f.name not in tables):
        if name in given:
            line(name, getattr(config, name), True)
        else:
            value, note = default_setting(config, name)
            line(name, value, False, note)
    lines += ["", "[keymap]  # binding id = keys (`?` in the dashboard says what each does)"]
    defaults = default_keys(FristApp)
    for binding_id, keys in defaults.items():
        line(binding_id, config.keymap.get(binding_id, keys), binding_id in config.keymap)
    header = "[sync]  # the CalDAV task list `frist sync` shares (docs/sync.md)"
    lines += ["", header if config.sync else f"# {header}"]
    for key in SYNC_KEYS:
        if key in config.sync:
            line(key, config.sync[key], True)
        else:
            line(key, None, False, "unset: no sync" if key == "url" else "unset")
    return "\n".join(lines) + "\n"


def default_setting(config, name: str) -> tuple[object, str]:
    """(the value in effect, a note) for a setting the file leaves out."""
    value = getattr(config, name)
    if value is not None:
        return value, ""
    if name == "theme":
        from textual.app import App
        return App.theme._default, "Textual's"
    if name == "date_format":
        return "%d %b %Y", "'27 Nov 2025'"
    if name == "db":
        from store.db import default_path
        return str(default_path()), "--db and FRIST_DB win over it"
    if name == "lang":
        return None, "unset, each text's language is detected"
    if name == "fetch_timeout":
        from store.ingest.web import DEADLINE_SECONDS
        return DEADLINE_SECONDS, "seconds per web address; ingest --timeout wins over it"
    return None, "unset"


def store_path(given: str | None, config) -> str:
    """The store in effect: --db / $FRIST_DB, else the config's `db`, else the default."""
    if given:
        return given
    if config.db:
        import os
        return os.path.expanduser(config.db)
    from store.db import default_path
    return str(default_path())

"""What every `frist` command shares: the environment (settings, store, today), the
error class that prints one line, and the small output helpers. The command modules
(`tui.cli`, `tui.cli_exchange`, ...) import from here; `tui.cli` assembles them."""
from __future__ import annotations

import contextlib
import datetime as dt
import io
import os
import sys
from typing import NoReturn

import click

from store.errors import AlreadySo, FristError, visible

MAX_ERROR = 1000  # the longest error line, in characters


class UserError(click.ClickException):
    """One line on stderr, exit code 1."""

    def show(self, file=None) -> None:
        # a file name or a server's words may hold ESC; an address may be 100 KB long
        click.echo(f"error: {visible(' '.join(self.format_message().split()), MAX_ERROR)}",
                   err=True)


STDOUT_NAME = "standard output"
# Exit status after the reader of our output went away (`frist list | head -1`): what a
# shell reports for `cat`, `ls` or `git` there (128 + SIGPIPE), so a `set -o pipefail`
# script treats frist as it treats them; 0 would claim all of the output was delivered.
BROKEN_PIPE_EXIT = 141


class _StandardOutput(io.FileIO):
    """File descriptor 1, whose write errors name it ("cannot use standard output: No
    space left on device" for `frist export > /dev/full`)."""

    def write(self, data):
        try:
            return super().write(data)
        except OSError as e:
            e.filename = e.filename or STDOUT_NAME
            raise


def name_standard_output() -> None:
    """Make write errors on standard output name it; only when it is not a terminal (a
    pipe or a file, where such errors happen), so the dashboard's terminal is as it was."""
    out = sys.stdout
    try:
        if out is None or out.isatty() or out.fileno() != 1:
            return
    except (OSError, ValueError, AttributeError):
        return
    out.flush()
    sys.stdout = io.TextIOWrapper(io.BufferedWriter(_StandardOutput(1, "w", closefd=False)),
                                  encoding=out.encoding, errors=out.errors,
                                  line_buffering=out.line_buffering)


def drop_standard_output() -> None:
    """Standard output cannot be written: what is still buffered for it goes to
    /dev/null, so the flush at exit does not fail again."""
    with contextlib.suppress(OSError, ValueError):
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        os.close(devnull)


def quit_on_broken_pipe() -> NoReturn:
    """The reader of standard output has gone: stop quietly, as Unix tools do."""
    drop_standard_output()
    sys.exit(BROKEN_PIPE_EXIT)


def stdin_is_terminal() -> bool:
    return _is_terminal(sys.stdin)


def _is_terminal(stream) -> bool:
    try:
        return stream is not None and stream.isatty()
    except (ValueError, OSError):  # closed
        return False


def needs_terminal(what: str, to: str) -> str:
    """The words for a command that cannot go on without a person at a terminal."""
    return f"{what} needs a terminal {to}"


def check_dashboard_terminal() -> None:
    """FristError unless keys come from a terminal and the screen goes to one (Textual
    draws on standard error; standard output too, so `frist > file` gets no escape codes)."""
    if not (stdin_is_terminal() and _is_terminal(sys.__stdout__) and _is_terminal(sys.__stderr__)):
        raise FristError(needs_terminal("the dashboard", "to draw on and read keys from")
                         + "; `frist list` and `frist due` print the commitments as text")


class FristGroup(click.Group):
    def invoke(self, ctx):
        try:
            result = super().invoke(ctx)
        except AlreadySo as e:  # nothing to do, and that is no error
            say(str(e))
            return None
        except FristError as e:
            raise UserError(str(e)) from None
        except BrokenPipeError as e:
            if e.filename != STDOUT_NAME:  # a socket, say: an error like any other
                raise UserError(f"cannot use {e.filename or 'a connection'}: {e.strerror}") from None
            quit_on_broken_pipe()
        except OSError as e:  # a file we were pointed at cannot be read or written
            if e.filename == STDOUT_NAME:
                drop_standard_output()
            where = f" {e.filename}" if e.filename else ""
            raise UserError(f"cannot use{where}: {e.strerror or e}") from None
        store = getattr(ctx.obj, "_store", None)
        for warning in store.warnings if store is not None else ():
            say(f"warning: {warning}")  # a change stood, but a step after it failed
        return result


def dashboard_class() -> type:
    from tui.app import FristApp
    return FristApp


class Env:
    """What every command needs: the settings, where the store is and what day it is."""

    def __init__(self, db: str | None, today: str | None, db_from: str = "--db",
                 today_from: str = "--today"):
        self.db_path = db
        self.today_text = today
        self.db_from = db_from        # where the store's path was given: --db or FRIST_DB
        self.today_from = today_from  # and today: --today or FRIST_TODAY
        self._config = None
        self._store = None
        self._today = None

    @property
    def config(self):
        if self._config is None:
            from store.config import load_config
            self._config = load_config()
        return self._config

    def check_config(self) -> None:
        """ConfigError for a config the dashboard would refuse ([keymap], theme)."""
        from tui.dashboard_settings import check_dashboard_settings
        check_dashboard_settings(self.config, dashboard_class)

    @property
    def soon_days(self) -> int:
        return self.config.due_soon_days

    @property
    def store(self):
        """--db / $FRIST_DB, else the config file's `db`, else the user data folder."""
        if self._store is None:
            from store.db import open_store
            path = self.db_path or (os.path.expanduser(self.config.db) if self.config.db else None)
            self._store = open_store(path, named_by=(self.db_from if self.db_path else
                                                     "the config's `db`") if path else None)
        return self._store

    @property
    def today(self) -> dt.date:
        if self._today is None:
            from store.when import DateError, parse_today
            try:
                self._today = parse_today(self.today_text)
            except DateError as e:  # name where the date came from: FRIST_TODAY is easily forgotten
                message = str(e).replace("--today ", "")
                raise DateError(f"{self.today_from}: {message}") from None
        return self._today

    def when(self, text: str):
        from store.when import parse_when
        return parse_when(text, self.today)

    def published(self, text: str):
        """A typed publication date: a year-less day or a weekday is the latest such day."""
        from store.when import parse_published
        return parse_published(text, self.today)


pass_env = click.make_pass_decorator(Env)

lang_option = click.option("--lang", metavar="LANG",
                           help="The text's language: de, en, ... (default: the config's, "
                                "else detected).")


timeout_option = click.option(
    "--timeout", metavar="SECONDS", type=click.FloatRange(0, 3600, min_open=True),
    help="How long one web address may take in all, redirects and slow servers included "
         "(default: the config's fetch_timeout, 30).")


def extraction_lang(env: Env, given: str | None) -> str | None:
    """--lang, checked against the language data frist has, else the config's `lang`."""
    from store.extract import available_languages
    known = available_languages()
    if given is not None and given not in known:
        raise click.BadParameter(f"{given!r} is not one of {', '.join(known)}",
                                 param_hint="'--lang'")
    return given or env.config.lang  # (the config's was checked when it was read)


def item_id(value: str) -> int:
    try:
        number = int(value)
    except ValueError:
        raise FristError(f"not an id: {value!r} (ids are whole numbers, see `frist list`)") from None
    if number < 1:
        raise FristError(f"no commitment with id {number}")
    return number


def write_json(data) -> None:
    import orjson
    sys.stdout.buffer.write(orjson.dumps(data, option=orjson.OPT_INDENT_2) + b"\n")
    sys.stdout.flush()


def unread_language(*docs) -> str:
    """What to add to "no dated commitments found" when no document was given a language
    and none reads as one frist has words for (a French article): "" otherwise."""
    from store.extract import available_languages
    from store.extract.langid import readable
    if not docs or any(d.lang or readable(d.text) for d in docs):
        return ""
    names = ", ".join(available_languages())
    return f": the text reads as none of the languages frist knows ({names})"


def say(message: str) -> None:
    """Human confirmation, on stderr so stdout stays clean for scripts."""
    from tui.text import printable
    click.echo(printable(message), err=True)

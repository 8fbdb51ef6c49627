"""The user's settings: a small TOML file in the platformdirs config folder.

Loading is cheap (tomllib and the standard library only), so every command may do it.
A file that cannot be read, has the wrong type for a key or names a key frist does not
know stops with one line naming the file and the key: a typo is never silently ignored.
"""
from __future__ import annotations

import os
from dataclasses import dataclass, field, fields
from pathlib import Path

from store.errors import FristError

class ConfigError(FristError):
    """The config file is unreadable or holds a bad or unknown key."""


@dataclass
class Config:
    due_soon_days: int = 7
    keymap: dict[str, str] = field(default_factory=dict)  # binding id -> keys, "m,M"
    theme: str | None = None
    lang: str | None = None  # default extraction language
    date_format: str | None = None  # strftime form for day-precision dues; None: "27 Nov 2025"
    db: str | None = None  # default store path
    fetch_timeout: float | None = None  # seconds one web address may take in all; None: 30
    sync: dict[str, str] = field(default_factory=dict)  # [sync] url, username, sync_every
    path: Path | None = field(default=None, compare=False)  # the file read, if any

    def settings(self) -> dict:
        """The settings as the TOML file would hold them (unset optional keys left out)."""
        out = {f.name: getattr(self, f.name) for f in fields(self) if f.name != "path"}
        return {k: v for k, v in out.items() if v is not None}


# key -> (accepted Python types, how to name them in a message); keymap is checked apart.
_SCALARS = {
    "due_soon_days": ((int,), "a whole number of days"),
    "theme": ((str,), "a string"),
    "lang": ((str,), "a string"),
    "date_format": ((str,), "a string"),
    "db": ((str,), "a string (a file path)"),
    "fetch_timeout": ((int, float), "a number of seconds"),
}
_KEYS = (*_SCALARS, "keymap", "sync")
# [sync]: the CalDAV collection (store/sync); the password is never in this file
SYNC_KEYS = ("url", "username", "sync_every")


def config_path() -> Path:
    """$FRIST_CONFIG, else <user config folder>/frist/config.toml."""
    if os.environ.get("FRIST_CONFIG"):
        return Path(os.environ["FRIST_CONFIG"])
    from platformdirs import user_config_path
    return user_config_path("frist", appauthor=False) / "config.toml"


def load_config(path: str | os.PathLike | None = None) -> Config:
    """The settings in `path` (default: config_path()); a missing file gives the defaults."""
    path = Path(path) if path is not None else config_path()
    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        return Config()
    except OSError as e:
        raise ConfigError(f"cannot read the config file {path}: {e.strerror}") from None
    import tomllib  # only when there is a file: the dashboard's start skips its import
    try:
        data = tomllib.loads(raw.decode("utf-8"))
    except UnicodeDecodeError:
        raise ConfigError(f"the config file {path} is not UTF-8 text") from None
    except tomllib.TOMLDecodeError as e:
        raise ConfigError(f"the config file {path} is not valid TOML: {e}") from None
    return _check(data, path)


def _check(data: dict, path: Path) -> Config:
    unknown = [k for k in data if k not in _KEYS]
    if unknown:
        raise ConfigError(f"the config file {path} has unknown key(s): {', '.join(unknown)} "
                          f"(known: {', '.join(_KEYS)})")
    values = {}
    for key, (types, wanted) in _SCALARS.items():
        if key not in data:
            continue
        value = data[key]
        # bool is an int in Python, but `due_soon_days = true` is surely a mistake
        if not isinstance(value, types) or isinstance(value, bool):
            raise ConfigError(f"the config file {path}: '{key}' must be {wanted}, "
                              f"not {value!r}")
        values[key] = value
    if "due_soon_days" in values and not 0 <= values["due_soon_days"] <= 3650:
        raise ConfigError(f"the config file {path}: 'due_soon_days' must be between 0 and 3650, "
                          f"not {values['due_soon_days']}")
    if "fetch_timeout" in values and not 0 < values["fetch_timeout"] <= 3600:
        raise ConfigError(f"the config file {path}: 'fetch_timeout' must be more than 0 and at "
                          f"most 3600 seconds, not {values['fetch_timeout']}")
    if "db" in values:
        _check_home(values["db"], path)
    if "date_format" in values:
        _check_date_format(values["date_format"], path)
    if "lang" in values:
        # the language files themselves: importing store.extract for its
        # available_languages() would cost every command ~80 ms
        known = sorted(f.stem for f in (Path(__file__).parent / "extract" / "lang").glob("*.json")
                       if not f.name.startswith("_"))
        if values["lang"] not in known:
            raise ConfigError(f"the config file {path}: 'lang' must be one of "
                              f"{', '.join(known)}, not {values['lang']!r}")
    keymap = data.get("keymap", {})
    if not isinstance(keymap, dict):
        raise ConfigError(f"the config file {path}: 'keymap' must be a table "
                          "([keymap] with lines like mark_met = \"m,M\")")
    for action, keys in keymap.items():
        if not isinstance(keys, str) or not keys.strip():
            raise ConfigError(f"the config file {path}: 'keymap.{action}' must be a non-empty "
                              f"string of keys like \"m,M\", not {keys!r}")
    values["keymap"] = {str(k): v for k, v in keymap.items()}
    if "sync" in data:
        values["sync"] = _check_sync(data["sync"], path)
    return Config(**values, path=path)


def _check_sync(table, path: Path) -> dict[str, str]:
    if not isinstance(table, dict):
        raise ConfigError(f"the config file {path}: 'sync' must be a table "
                          "([sync] with url = \"https://...\" and username = \"...\")")
    unknown = [k for k in table if k not in SYNC_KEYS]
    if unknown:
        raise ConfigError(f"the config file {path} has unknown [sync] key(s): "
                          f"{', '.join(unknown)} (known: {', '.join(SYNC_KEYS)}; the "
                          "password goes in FRIST_SYNC_PASSWORD or the keyring, not here)")
    for key, value in table.items():
        if not isinstance(value, str) or not value.strip():
            raise ConfigError(f"the config file {path}: 'sync.{key}' must be a non-empty "
                              f"string, not {value!r}")
    if "url" in table and has_userinfo(table["url"]):  # the url itself is not shown: it holds a password
        raise ConfigError(f"the config file {path}: 'sync.url' holds a user name or password "
                          "before the @; remove it, put the user name in [sync] username = "
                          "\"...\" and the password in FRIST_SYNC_PASSWORD or the keyring "
                          "(`keyring set frist <username>`), never in this file")
    if "url" in table and not table["url"].startswith(("http://", "https://")):
        raise ConfigError(f"the config file {path}: 'sync.url' must be the collection's "
                          f"http:// or https:// address, not {table['url']!r}")
    if "url" in table and (problem := _url_problem(table["url"])):
        raise ConfigError(f"the config file {path}: 'sync.url' is not a valid web address: "
                          f"{table['url']!r} ({problem})")
    if "sync_every" in table:
        sync_every_seconds(table["sync_every"], path)
    return dict(table)


def has_userinfo(url: str) -> bool:
    """Whether a web address holds "user:password@" (or "user@") before its host."""
    import re
    return re.match(r"[^:/?#]*://[^/?#]*@", url) is not None


def _url_problem(url: str) -> str | None:
    """Why an http(s) address cannot be used (a bracket, port or space out of place), or None."""
    from urllib.parse import urlsplit
    if any(c.isspace() or not c.isprintable() for c in url):
        return "it holds a space or control character"
    try:
        parts = urlsplit(url)
        parts.port  # noqa: B018 - raises ValueError for a port that is no number 0-65535
    except ValueError as e:
        return str(e)
    return None if parts.hostname else "no host name"


def sync_every_seconds(text: str, path: Path | None = None) -> int:
    """[sync] sync_every ("15m", "1h", "90s") in seconds; at least a minute."""
    import re
    found = re.fullmatch(r"\s*(\d+)\s*(s|m|h)\s*", text)
    seconds = int(found[1]) * {"s": 1, "m": 60, "h": 3600}[found[2]] if found else 0
    if seconds < 60:
        raise ConfigError(f"the config file {path}: 'sync.sync_every' must be a time of a "
                          f"minute or more like \"15m\", \"1h\" or \"90s\", not {text!r}")
    return seconds


def check_keymap(config: Config, known_ids, scopes=(), normalise=str.strip) -> None:
    """ConfigError naming the [keymap] entries that are no binding id the app knows, or
    a key the keymap gives to two actions that can both act at once.

    The app passes what store cannot know: the ids of its bindings, and `scopes`, a list
    of (where, [(binding ident, name, default keys), ...]) with the bindings that act
    together (a screen's, its widgets' and the app's), and `normalise`, which names a
    typed key as the bindings do ("?" -> "question_mark")."""
    known = set(known_ids)
    unknown = [action for action in config.keymap if action not in known]
    if unknown:
        raise ConfigError(f"the config file {config.path}: unknown [keymap] action(s): "
                          f"{', '.join(unknown)} (known: {', '.join(sorted(known))})")
    for where, bindings in scopes:
        clash = _keymap_clash(config.keymap, bindings, normalise)
        if clash:
            key, first, second = clash
            raise ConfigError(f"the config file {config.path}: [keymap] gives {key!r} to both "
                              f"{first} and {second} (keys of the {where}); give one of them "
                              "another key")


def _keymap_clash(keymap: dict[str, str], bindings, normalise):
    """(key, name, name) of two bindings that share a key under `keymap` but not by
    default (a screen's own m over the app's m is meant); None if there is none."""
    def holders(remapped: bool) -> dict[str, dict[str, str]]:
        out: dict[str, dict[str, str]] = {}
        for ident, name, keys in bindings:
            if remapped and ident in keymap:
                keys = keymap[ident]
            for key in keys.split(","):
                if key.strip():
                    out.setdefault(normalise(key), {})[ident] = name
        return out
    before = holders(False)
    for key, idents in holders(True).items():
        together = list(idents)
        for n, first in enumerate(together):
            for second in together[n + 1:]:
                meant = before.get(key, {})
                if not (first in meant and second in meant):
                    return key, idents[first], idents[second]
    return None


def _check_home(db: str, path: Path) -> None:
    """ConfigError for a `db` path that starts with the home folder of a user this machine
    does not have ("~nosuchuser/x.json"): left as it is, it would become a folder named
    "~nosuchuser" in the current one."""
    if db.startswith("~") and os.path.expanduser(db).startswith("~"):
        user = db[1:].split("/", 1)[0]
        whose = f"of {user!r}, and there is no such user here" if user else \
            "~, and this user has none (set HOME)"
        raise ConfigError(f"the config file {path}: 'db' {db!r} starts with the home folder "
                          f"{whose}")


def _check_date_format(form: str, path: Path) -> None:
    import datetime as dt
    try:
        shown = dt.date(2025, 11, 27).strftime(form)
    except ValueError as e:
        raise ConfigError(f"the config file {path}: 'date_format' {form!r} is not a date "
                          f"format: {e}") from None
    if not shown.strip() or shown == form:
        raise ConfigError(f"the config file {path}: 'date_format' {form!r} shows no part "
                          "of a date (use e.g. \"%d %b %Y\")")


def _toml_key(key: str) -> str:
    import re
    return key if re.fullmatch(r"[A-Za-z0-9_-]+", key) else _toml_value(key)


def _toml_value(value) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (int, float)):   # a float's repr is a TOML float (30.0, 12.5)
        return repr(value)
    import json  # a JSON string with \uXXXX escapes is a valid TOML basic string
    return json.dumps(str(value), ensure_ascii=True)

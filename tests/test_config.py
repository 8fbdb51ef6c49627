"""The config file: store.config and `frist config path|show`."""
from __future__ import annotations

import subprocess
import sys
import tomllib
from pathlib import Path

import pytest

from store.config import Config, ConfigError, config_path, load_config

GOOD = """
due_soon_days = 3
theme = "textual-light"
lang = "de"
date_format = "%Y-%m-%d"
db = "~/frist/store.json"

[keymap]
mark_met = "m,M"
quit = "Q"
"""


def default_file(isolated) -> Path:
    return isolated / "home" / "config" / "frist" / "config.toml"


def test_config_path_is_in_the_user_config_folder(isolated):
    assert config_path() == default_file(isolated)


def test_frist_config_env_overrides_the_path(isolated, monkeypatch):
    monkeypatch.setenv("FRIST_CONFIG", str(isolated / "elsewhere.toml"))
    assert config_path() == isolated / "elsewhere.toml"


def test_a_missing_file_gives_the_defaults(isolated):
    config = load_config(isolated / "none.toml")
    assert config == Config()
    assert (config.due_soon_days, config.keymap, config.theme, config.lang, config.db) == \
           (7, {}, None, None, None)
    assert config.date_format is None


def test_every_key_is_read(isolated):
    path = isolated / "c.toml"
    path.write_text(GOOD)
    config = load_config(path)
    assert config.due_soon_days == 3 and config.theme == "textual-light" and config.lang == "de"
    assert config.date_format == "%Y-%m-%d" and config.db == "~/frist/store.json"
    assert config.keymap == {"mark_met": "m,M", "quit": "Q"}
    assert config.path == path


@pytest.mark.parametrize("text, words", [
    ("due_soon_days = \"soon\"", ["'due_soon_days' must be a whole number", "'soon'"]),
    ("due_soon_days = true", ["'due_soon_days' must be a whole number"]),
    ("due_soon_days = -1", ["'due_soon_days' must be between"]),
    ("theme = 3", ["'theme' must be a string"]),
    ("lang = \"\"", ["'lang' must be one of de, en, not ''"]),
    ("lang = \"xx\"", ["'lang' must be one of de, en, not 'xx'"]),
    ("date_format = \"no date here\"", ["'date_format'", "shows no part of a date"]),
    ("db = [1]", ["'db' must be a string"]),
    ("keymap = \"m\"", ["'keymap' must be a table"]),
    ("[keymap]\nmark_met = 5", ["'keymap.mark_met' must be a non-empty string"]),
    ("colour = \"red\"\ndue_soon = 3", ["unknown key(s): colour, due_soon"]),
    ("due_soon_days = ", ["not valid TOML"]),
    ("due_soon_days = 3\ndue_soon_days = 4", ["not valid TOML"]),
])
def test_a_bad_file_names_the_file_and_key(isolated, text, words):
    path = isolated / "bad.toml"
    path.write_text(text)
    with pytest.raises(ConfigError) as caught:
        load_config(path)
    message = str(caught.value)
    assert str(path) in message and "\n" not in message
    for word in words:
        assert word in message


def test_a_file_that_is_not_utf8_text(isolated):
    path = isolated / "bad.toml"
    path.write_bytes(b"theme = \"\xff\xfe\"")
    with pytest.raises(ConfigError, match="not UTF-8"):
        load_config(path)


def test_a_config_naming_its_language_loads_no_extractor(isolated):
    # every command reads the config: checking 'lang' must not cost it the extractor's
    # import (~80 ms)
    path = isolated / "c.toml"
    path.write_text('lang = "de"\n')
    code = (f"import sys; from store.config import load_config; "
            f"print(load_config({str(path)!r}).lang, 'store.extract' in sys.modules)")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         cwd=Path(__file__).resolve().parents[1], check=True).stdout
    assert out.split() == ["de", "False"]


def test_loading_the_config_imports_nothing_heavy():
    code = ("import sys; from store.config import load_config; load_config(); "
            "print(sorted(m for m in ('textual', 'dateparser', 'rich', 'tinydb', 'icalendar') "
            "if m in sys.modules))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         cwd=Path(__file__).resolve().parents[1], check=True).stdout
    assert out.strip() == "[]"


# ---------------------------------------------------------------- the commands

def test_config_path_command(frist, isolated):
    result = frist("config", "path")
    assert result.returncode == 0
    assert result.stdout.strip() == str(default_file(isolated))
    other = frist("config", "path", env={"FRIST_CONFIG": str(isolated / "x.toml")})
    assert other.stdout.strip() == str(isolated / "x.toml")


def test_config_show_defaults_as_toml(frist, isolated, db_path):
    result = frist("config", "show")
    assert result.returncode == 0, result.stderr
    assert "(not found: every setting is a default)" in result.stdout
    assert f"# store: {db_path}" in result.stdout
    shown = tomllib.loads(result.stdout)
    assert shown == {"keymap": {}}  # nothing from a file: every setting a commented default
    lines = result.stdout.splitlines()
    assert "# due_soon_days = 7                        # default" in lines
    assert any(line.startswith('# date_format = "%d %b %Y"') for line in lines)
    assert any(line.startswith('# mark_missed = "x"') for line in lines)  # every binding


def test_config_show_marks_what_the_file_sets_among_every_default(frist, isolated):
    path = isolated / "c.toml"
    path.write_text('lang = "de"\n[keymap]\nmark_met = "m,M"\n')
    result = frist("config", "show", env={"FRIST_CONFIG": str(path)})
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    assert 'lang = "de"                                # from the file' in lines
    assert 'mark_met = "m,M"                           # from the file' in lines
    assert "# due_soon_days = 7                        # default" in lines
    assert any(line.startswith('# theme = "textual-dark"') for line in lines)
    assert any(line.startswith('# quit = "q"') for line in lines)
    assert tomllib.loads(result.stdout) == {"lang": "de", "keymap": {"mark_met": "m,M"}}


def test_config_show_reflects_the_file_and_reads_back(frist, isolated):
    path = default_file(isolated)
    path.parent.mkdir(parents=True)
    path.write_text(GOOD)
    result = frist("config", "show", env={"FRIST_DB": ""})
    assert result.returncode == 0, result.stderr
    shown = tomllib.loads(result.stdout)
    assert shown == tomllib.loads(GOOD)
    home = isolated / "home"
    assert f"# store: {home}/frist/store.json" in result.stdout  # the config's db, ~ expanded
    assert f"# config file: {path}\n" in result.stdout


def test_config_show_writes_the_sync_table_as_a_table(frist, isolated):
    path = isolated / "c.toml"
    path.write_text('fetch_timeout = 12.5\n[sync]\nurl = "https://dav.example.org/team/tasks/"\n'
                    'username = "alice"\n')
    result = frist("config", "show", env={"FRIST_CONFIG": str(path)})
    assert result.returncode == 0, result.stderr
    assert tomllib.loads(result.stdout) == {**tomllib.loads(path.read_text()), "keymap": {}}
    assert any(line.startswith("# sync_every =") for line in result.stdout.splitlines())


def test_db_option_wins_over_the_config_db(frist, isolated):
    path = isolated / "c.toml"
    path.write_text('db = "/somewhere/else.json"\n')
    result = frist("--db", str(isolated / "given.json"), "config", "show",
                   env={"FRIST_CONFIG": str(path)})
    assert f"# store: {isolated / 'given.json'}" in result.stdout


def test_config_show_quotes_odd_strings_so_toml_reads_them_back(frist, isolated):
    path = isolated / "c.toml"
    path.write_text('date_format = "%d \\"quoted\\" %b\\t%Y"\n')
    result = frist("config", "show", env={"FRIST_CONFIG": str(path)})
    assert result.returncode == 0, result.stderr
    shown = tomllib.loads(result.stdout)
    assert shown["date_format"] == '%d "quoted" %b\t%Y'


def test_config_show_with_a_bad_file_is_a_one_line_error(frist, isolated):
    path = isolated / "c.toml"
    path.write_text("due_soon_days = 'soon'\n")
    result = frist("config", "show", env={"FRIST_CONFIG": str(path)})
    assert result.returncode == 1
    assert result.stderr.startswith(f"error: the config file {path}")
    assert "'due_soon_days'" in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1


def test_config_without_a_subcommand_or_with_an_unknown_one(frist):
    assert frist("config", "edit").returncode == 2
    assert "path" in frist("config").stdout + frist("config").stderr


def test_keymap_actions_the_app_does_not_know_are_reported(isolated):
    from store.config import check_keymap
    path = isolated / "c.toml"
    path.write_text('[keymap]\nmark_met = "M"\nfly_away = "f"\n')
    config = load_config(path)
    check_keymap(Config(keymap={"mark_met": "M"}), {"mark_met", "quit"})
    with pytest.raises(ConfigError, match=r"unknown \[keymap\] action\(s\): fly_away") as caught:
        check_keymap(config, {"mark_met", "quit"})
    assert str(path) in str(caught.value)


def test_commands_follow_the_config(frist, isolated, monkeypatch):
    """date_format, due_soon_days and db from the file change what the commands do."""
    path = isolated / "c.toml"
    store = isolated / "from-config.json"
    path.write_text(f'date_format = "%Y-%m-%d"\ndue_soon_days = 40\ndb = "{store}"\n')
    monkeypatch.setenv("FRIST_CONFIG", str(path))
    monkeypatch.delenv("FRIST_DB")
    frist("add", "Report", "--due", "2025-12-24", check=True)
    listed = frist("list", check=True).stdout
    assert "2025-12-24" in listed and "24 Dec 2025" not in listed
    assert frist("list", "--json", check=True).stdout.count('"due-soon"') == 1
    assert store.exists()


def test_a_db_in_the_home_folder_of_no_such_user_is_refused(frist, isolated, monkeypatch):
    path = isolated / "c.toml"
    path.write_text('db = "~nosuchuser/x.json"\n')
    with pytest.raises(ConfigError, match="home folder of 'nosuchuser', and there is no such user"):
        load_config(path)
    monkeypatch.delenv("FRIST_DB")
    monkeypatch.chdir(isolated)
    result = frist("add", "Report", "--due", "2026-01-01", env={"FRIST_CONFIG": str(path)})
    assert result.returncode == 1 and result.stdout == ""
    assert result.stderr == (f"error: the config file {path}: 'db' '~nosuchuser/x.json' starts "
                             "with the home folder of 'nosuchuser', and there is no such user here\n")
    assert not (isolated / "~nosuchuser").exists()


def test_a_db_in_ones_own_home_folder_is_expanded(frist, isolated, monkeypatch):
    path = isolated / "c.toml"
    path.write_text('db = "~/stores/mine.json"\n')
    monkeypatch.delenv("FRIST_DB")
    monkeypatch.chdir(isolated)
    frist("add", "Report", "--due", "2026-01-01", env={"FRIST_CONFIG": str(path)}, check=True)
    assert (isolated / "home" / "stores" / "mine.json").exists()
    assert not (isolated / "~").exists()


@pytest.mark.parametrize("text, words", [
    ("fetch_timeout = 0", ["'fetch_timeout' must be more than 0 and at most 3600"]),
    ("fetch_timeout = 7200", ["'fetch_timeout' must be more than 0 and at most 3600"]),
    ("fetch_timeout = \"30s\"", ["'fetch_timeout' must be a number of seconds"]),
    ("fetch_timeout = true", ["'fetch_timeout' must be a number of seconds"]),
])
def test_a_bad_fetch_timeout_is_refused(isolated, text, words):
    path = isolated / "bad.toml"
    path.write_text(text)
    with pytest.raises(ConfigError) as caught:
        load_config(path)
    assert all(word in str(caught.value) for word in words)


def test_fetch_timeout_is_read(isolated):
    path = isolated / "c.toml"
    path.write_text("fetch_timeout = 12.5\n")
    assert load_config(path).fetch_timeout == 12.5
    assert Config().fetch_timeout is None   # the default: ingest's 30 s


def test_config_show_names_the_default_fetch_timeout(frist):
    shown = frist("config", "show", check=True).stdout
    line = next(line for line in shown.splitlines() if "fetch_timeout" in line)
    assert line.startswith("# fetch_timeout = 30.0") and "ingest --timeout wins" in line


def test_config_show_reads_back_a_fetch_timeout_of_the_file(frist, isolated):
    path = isolated / "c.toml"
    path.write_text("fetch_timeout = 12.5\n")
    shown = frist("config", "show", env={"FRIST_CONFIG": str(path)}, check=True).stdout
    assert tomllib.loads(shown)["fetch_timeout"] == 12.5


# ---------------------------------------------------------------- what the dashboard refuses

REFUSED = [
    ('[keymap]\nmark_met = "x"\n', ["'x'", "mark_met", "mark_missed"]),   # x was Missed's
    ('[keymap]\nnosuch = "z"\n', ["unknown [keymap] action(s): nosuch"]),
    ('theme = "nope"\n', ["unknown theme 'nope'", "textual-light"]),
]
COMMANDS = [["config", "show"], ["list"], ["add", "Report", "--due", "2026-01-01"],
            ["due", "--check"], ["export", "--format", "json"], ["stats"]]


@pytest.mark.parametrize("text, words", REFUSED)
@pytest.mark.parametrize("command", COMMANDS, ids=lambda c: " ".join(c[:2]))
def test_every_command_refuses_a_config_the_dashboard_refuses(frist, isolated, text, words,
                                                              command):
    path = isolated / "c.toml"
    path.write_text(text)
    result = frist(*command, env={"FRIST_CONFIG": str(path)})
    assert result.returncode == 1 and result.stdout == ""
    [line] = result.stderr.splitlines()
    assert line.startswith(f"error: the config file {path}: ")
    assert all(word in line for word in words), line
    assert frist("list", "--json", check=True).stdout.strip() == "[]"   # nothing was added


def test_config_path_still_finds_a_refused_file(frist, isolated):
    path = isolated / "c.toml"
    path.write_text('theme = "nope"\n')
    result = frist("config", "path", env={"FRIST_CONFIG": str(path)})
    assert result.returncode == 0 and result.stdout.strip() == str(path)


def test_a_config_the_dashboard_takes_is_taken_by_every_command(frist, isolated):
    path = isolated / "c.toml"
    path.write_text('theme = "textual-light"\n[keymap]\nmark_met = "m,M"\nundo = "U"\n')
    for command in COMMANDS:
        result = frist(*command, env={"FRIST_CONFIG": str(path)})
        assert result.returncode == 0 or command[:2] == ["due", "--check"], result.stderr
        assert result.stderr == "" or not result.stderr.startswith("error:"), result.stderr


def test_checking_a_keymap_and_theme_imports_nothing_heavy(isolated):
    """`frist due --check` may run at every shell prompt: checking the config's [keymap]
    and theme reads a saved copy of the dashboard's keys instead of importing Textual."""
    path = isolated / "c.toml"
    path.write_text('theme = "textual-light"\n[keymap]\nmark_met = "m,M"\n')
    code = ("import sys\nfrom tui.cli import cli\ntry:\n    cli(args=['due', '--check'], "
            "prog_name='frist')\nexcept SystemExit:\n    pass\n"
            "print(sorted(m for m in ('textual', 'dateparser', 'rich') if m in sys.modules))")
    import os
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                            cwd=Path(__file__).resolve().parents[1],
                            env=dict(os.environ, FRIST_CONFIG=str(path)))
    assert result.stdout.strip().splitlines()[-1] == "[]", result.stderr
    path.write_text('theme = "nope"\n')   # and it does check
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                            cwd=Path(__file__).resolve().parents[1],
                            env=dict(os.environ, FRIST_CONFIG=str(path)))
    assert "unknown theme 'nope'" in result.stderr

"""`frist sync` as a person runs it: the config's [sync] table, the password from the
environment or the keyring, one summary line, and one line for each thing that can go wrong."""
from __future__ import annotations

import http.server
import json
import socket
import threading
from pathlib import Path

import pytest

from radicale_fixture import EVENTS, USERS, radicale, sync_env, write_config  # noqa: F401  (fixtures)
from store.config import ConfigError, load_config
from store.sync import SyncError, password_for, settings_from


@pytest.fixture
def env(sync_env):
    return sync_env


def store_files(db: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted(db.parent.glob(db.name + "*"))
            if not p.name.endswith(".lock")}


def test_sync_prints_one_summary_line(frist, env, tmp_path, radicale):  # noqa: F811
    frist("add", "Export licences required", "--due", "2025-12-01", check=True)
    frist("add", "Rare-earth deal", "--due", "April 2026", check=True)
    result = frist("sync", env=env)
    assert (result.returncode, result.stdout, result.stderr) == (0, "pulled 0, pushed 2, merged 0\n", "")
    frist("edit", "1", "--title", "Export licences required from December", check=True)
    result = frist("sync", "--json", env=env)
    assert result.returncode == 0
    assert json.loads(result.stdout)["pushed"] == 1
    # another store (bob's) sees both
    (tmp_path / "bob").mkdir()
    bob_env = {"FRIST_DB": str(tmp_path / "bob.json"), "FRIST_SYNC_PASSWORD": USERS["bob"],
               "FRIST_CONFIG": str(write_config(tmp_path / "bob", radicale.collection_url(), "bob"))}
    assert frist("sync", env=bob_env).stdout == "pulled 2, pushed 0, merged 0\n"
    listed = json.loads(frist("list", "--json", env=bob_env, check=True).stdout)
    assert {row["title"] for row in listed} == {"Export licences required from December",
                                                "Rare-earth deal"}


def test_dry_run_says_what_would_happen_and_changes_nothing(frist, env, db_path):
    frist("add", "Export licences required", "--due", "2025-12-01", check=True)
    before = store_files(db_path)
    result = frist("sync", "--dry-run", env=env)
    assert (result.returncode, result.stdout, result.stderr) == (0, "would pull 0, push 1, merge 0\n", "")
    assert store_files(db_path) == before
    assert frist("sync", env=env).stdout == "pulled 0, pushed 1, merged 0\n"


def test_first_sync_with_items_on_both_sides_needs_keep(frist, env, tmp_path):
    frist("add", "Alice's", "--due", "2025-12-01", check=True)
    frist("sync", env=env, check=True)
    bob_env = dict(env, FRIST_DB=str(tmp_path / "bob.json"))
    frist("add", "Bob's", "--due", "2025-12-02", env=bob_env, check=True)
    result = frist("sync", env=bob_env)
    assert result.returncode == 1
    assert result.stderr.startswith("error: first sync: the collection already holds 1 item(s)")
    assert result.stderr.count("\n") == 1
    assert "--keep local (the collection becomes this store: 1 deleted on the server)" in result.stderr
    result = frist("sync", "--dry-run", "--keep", "local", env=bob_env)
    assert result.stdout == ("would pull 0, push 1, merge 0, delete 1 on the server\n"
                             "would delete on the server: Alice's (due 2025-12-01)\n")
    assert frist("sync", "--keep", "both", env=bob_env).stdout == "pulled 1, pushed 1, merged 0\n"


def test_keep_on_a_later_sync_says_it_is_not_used(frist, env):
    """QA2 #9: --keep on a sync that is not the first was silently ignored."""
    frist("add", "Export licences required", "--due", "2025-12-01", check=True)
    result = frist("sync", "--keep", "remote", env=env)
    assert (result.returncode, result.stderr) == (0, "")  # the first: it decides (nothing to)
    frist("add", "Rare-earth deal", "--due", "April 2026", check=True)
    result = frist("sync", "--keep", "remote", env=env)
    assert result.returncode == 0
    assert result.stdout == "pulled 0, pushed 1, merged 0\n"
    assert result.stderr == ("note: --keep remote not used: it only decides a store's first "
                             "sync with a collection, and this store has synced with it before\n")


def test_the_first_sync_question_at_a_terminal_says_what_each_answer_deletes(
        frist, env, tmp_path, monkeypatch):
    from test_ingest_tty import Terminal
    for n in range(3):
        frist("add", f"Alice's {n}", "--due", "2025-12-01", check=True)
    frist("sync", env=env, check=True)
    for name, value in dict(env, FRIST_DB=str(tmp_path / "bob.json")).items():
        monkeypatch.setenv(name, value)
    frist("add", "Bob's", "--due", "2025-12-02", check=True)
    terminal = Terminal("sync")
    terminal.read_until(b"Keep (local, remote, both):")
    question = terminal.output.decode().replace("\r\n", "\n")
    assert "the collection holds 3 items and this store 1" in question
    # QA2 #8: each answer on a line of its own, not one run-on paragraph
    lines = question.splitlines()
    assert "  local  - this store: the collection becomes a copy of it: 3 deleted on the server" in lines
    assert ("  remote - the collection: this store becomes a copy of it: 1 deleted here "
            "(frist undo takes it back)") in lines
    assert "  both   - everything, merged by uid: nothing deleted" in lines
    terminal.type("local")
    terminal.read_until(b"deleted 3 on the server")
    assert terminal.finish() == 0
    assert "pulled 0, pushed 1, merged 0, deleted 3 on the server" in terminal.output.decode()


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.mark.parametrize("case,expected", [
    ("wrong password", "refused the username or password for 'alice' (401)"),
    ("no rights", "'dave' may not read the collection"),
    ("read only", "'carol' may not write to the collection"),
    ("no collection", "there is no collection at"),
    ("events", "is not a task list (it holds VEVENT, not VTODO)"),
    ("plain folder", "/team/ is a folder, not a task list; the task list in it: http://"),
    ("unreachable", "cannot reach the sync server 127.0.0.1:"),
    ("https to plain http", "does not answer in HTTPS (is the url http://?); check [sync] url\n"),
])
def test_each_failure_is_one_line_and_exit_1_and_nothing_changes_here(
        frist, radicale, tmp_path, db_path, case, expected):  # noqa: F811
    user, password, url = "alice", USERS["alice"], radicale.collection_url()
    if case == "wrong password":
        password = "not-" + password
    elif case in ("no rights", "read only"):
        user = {"no rights": "dave", "read only": "carol"}[case]
        password = USERS[user]
    elif case == "no collection":
        url = radicale.url + "team/nothing-here/"
    elif case == "events":
        url = radicale.collection_url(EVENTS)
    elif case == "plain folder":  # alice may read it: a folder of calendars
        url = radicale.url + "team/"
    elif case == "unreachable":
        url = f"http://127.0.0.1:{_free_port()}/team/tasks/"
    elif case == "https to plain http":  # QA2 #9: was a clipped "HTTPSConnectionPool(... (Caus"
        url = url.replace("http://", "https://")
    env = {"FRIST_CONFIG": str(write_config(tmp_path, url, user)), "FRIST_SYNC_PASSWORD": password}
    frist("add", "Export licences required", "--due", "2025-12-01", check=True)
    before = store_files(db_path)
    result = frist("sync", env=env)
    assert result.returncode == 1, result.stderr
    assert result.stderr.startswith("error: ") and result.stderr.count("\n") == 1, result.stderr
    assert expected in result.stderr
    if case == "plain folder":
        assert result.stderr.endswith(f"{radicale.collection_url()} (set [sync] url to it)\n")
        # no refusal is reported (the server's port may hold the digits 403: not a status)
        said = result.stderr.replace(radicale.url.rstrip("/"), "")
        assert "may not" not in said and "403" not in said
    assert password not in result.stderr + result.stdout
    assert store_files(db_path) == before  # no state file either


class WebPage(http.server.BaseHTTPRequestHandler):
    """A web server that answers every method with a page: a URL that is no CalDAV server."""

    def answer(self):
        body = b"<html><body>Welcome to our <b>site</body></html>"
        self.send_response(207 if self.command in ("PROPFIND", "REPORT") else 200)
        self.send_header("Content-Type", "text/html")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)
    do_GET = do_PROPFIND = do_REPORT = do_PUT = do_OPTIONS = answer

    def log_message(self, *args):
        pass


def test_a_url_that_is_no_caldav_server_is_one_line(frist, tmp_path, db_path):
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), WebPage)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        url = f"http://127.0.0.1:{server.server_port}/calendar/"
        env = {"FRIST_CONFIG": str(write_config(tmp_path, url)), "FRIST_SYNC_PASSWORD": "pw"}
        frist("add", "Export licences required", "--due", "2025-12-01", check=True)
        before = store_files(db_path)
        result = frist("sync", env=env)
    finally:
        server.shutdown()
    assert result.returncode == 1
    assert result.stderr == (f"error: the server at {url} does not answer as a CalDAV server; "
                             "check [sync] url\n")
    assert store_files(db_path) == before


def test_no_collection_or_no_password_is_said_plainly(frist, tmp_path, radicale):  # noqa: F811
    result = frist("sync")
    assert result.returncode == 1
    assert result.stderr.startswith("error: no collection to sync with: set [sync] url")
    env = {"FRIST_CONFIG": str(write_config(tmp_path, radicale.collection_url())),
           "PYTHON_KEYRING_BACKEND": "keyring.backends.fail.Keyring"}
    result = frist("sync", env=env)
    assert result.returncode == 1
    assert "no password for 'alice': set FRIST_SYNC_PASSWORD" in result.stderr


def test_a_password_in_the_config_is_refused(tmp_path):
    path = tmp_path / "frist.toml"
    path.write_text('[sync]\nurl = "https://dav.example.org/team/"\npassword = "x"\n')
    with pytest.raises(ConfigError, match=r"unknown \[sync\] key\(s\): password"):
        load_config(path)


def test_the_password_comes_from_the_keyring_when_the_environment_has_none(
        tmp_path, monkeypatch, radicale):  # noqa: F811
    import keyring
    from keyring.backend import KeyringBackend

    class Memory(KeyringBackend):
        priority = 1
        saved = {("frist", "alice"): "from-the-keyring"}

        def get_password(self, service, username):
            return self.saved.get((service, username))

        def set_password(self, service, username, password):
            self.saved[(service, username)] = password

        def delete_password(self, service, username):
            self.saved.pop((service, username), None)

    previous = keyring.get_keyring()
    keyring.set_keyring(Memory())
    try:
        monkeypatch.delenv("FRIST_SYNC_PASSWORD", raising=False)
        assert password_for("alice") == "from-the-keyring"
        config = load_config(write_config(tmp_path, radicale.collection_url()))
        assert settings_from(config).password == "from-the-keyring"
        monkeypatch.setenv("FRIST_SYNC_PASSWORD", "from-the-environment")
        assert settings_from(config).password == "from-the-environment"
        monkeypatch.delenv("FRIST_SYNC_PASSWORD")
        with pytest.raises(SyncError, match="no password for 'bob'"):
            settings_from(load_config(write_config(tmp_path, radicale.collection_url(), "bob")))
    finally:
        keyring.set_keyring(previous)


def app_calendar(server):
    """The team list as a calendar app sees it (bob's phone)."""
    import caldav
    client = caldav.DAVClient(url=server.url, username="bob", password=USERS["bob"])
    return client.calendar(url=server.collection_url())


def app_todo(uid: str, *lines: str) -> str:
    return ("BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//Some App//EN\r\nBEGIN:VTODO\r\n"
            f"UID:{uid}\r\nDTSTAMP:20251120T090000Z\r\n" + "".join(line + "\r\n" for line in lines)
            + "END:VTODO\r\nEND:VCALENDAR\r\n")


def test_todos_dated_outside_frists_range_are_left_alone_on_the_server(
        frist, env, radicale, db_path):  # noqa: F811
    calendar = app_calendar(radicale)
    calendar.save_todo(app_todo("app-ok", "SUMMARY:Call the ministry", "DUE;VALUE=DATE:20251205"))
    calendar.save_todo(app_todo("app-far", "SUMMARY:Some day", "DUE;VALUE=DATE:99991231"))
    calendar.save_todo(app_todo("app-old", "SUMMARY:Since forever", "DTSTART;VALUE=DATE:18991231",
                                "DUE;VALUE=DATE:20260101"))
    calendar.save_todo(app_todo("app-done", "SUMMARY:Done far ahead", "DUE;VALUE=DATE:20260101",
                                "STATUS:COMPLETED", "COMPLETED:99990101T120000Z"))
    on_server = {str(o.url): o.data for o in calendar.todos(include_completed=True)}
    result = frist("sync", env=env)
    assert result.returncode == 0, result.stderr
    assert result.stdout == (
        "pulled 1, pushed 0, merged 0; 3 to-dos on the server left alone: dated outside "
        "1 Jan 1900 to 31 Dec 2999 (completed 9999-01-01, due 9999-12-31, start 1899-12-31)\n")
    listed = json.loads(frist("list", "--status", "all", "--json", check=True).stdout)
    assert [row["title"] for row in listed] == ["Call the ministry"]
    for fmt in ("ics", "json", "csv", "md", "taskwarrior"):
        frist("export", "--format", fmt, check=True)
    # a local change goes out; the three stay as the app wrote them, and are still named
    frist("edit", "1", "--title", "Call the ministry again", check=True)
    report = json.loads(frist("sync", "--json", env=env, check=True).stdout)
    assert report["pushed"] == 1
    assert sorted((s["uid"], s["problem"]) for s in report["skipped"]) == [
        ("app-done", "completed 9999-01-01"), ("app-far", "due 9999-12-31"),
        ("app-old", "start 1899-12-31")]
    after = {str(o.url): o.data for o in calendar.todos(include_completed=True)}
    assert {url: data for url, data in after.items() if "app-ok" not in url} == {
        url: data for url, data in on_server.items() if "app-ok" not in url}
    # put right in the app, it comes in
    far = calendar.get_object_by_uid("app-far")
    far.data = far.data.replace("99991231", "20261231")
    far.save()
    result = frist("sync", env=env, check=True)
    assert result.stdout.startswith("pulled 1, pushed 0, merged 0; 2 to-dos on the server left alone")
    listed = json.loads(frist("list", "--status", "all", "--json", check=True).stdout)
    assert sorted(row["title"] for row in listed) == ["Call the ministry again", "Some day"]


@pytest.mark.parametrize("url", ["http://[::1/", "http://x]y/team/", "https://dav.example.org:99999/team/",
                                 "https://dav.example.org:port/team/", "https:///team/",
                                 "https://dav example.org/team/"])
def test_a_url_that_does_not_parse_is_a_one_line_config_error(frist, tmp_path, url):
    env = {"FRIST_CONFIG": str(write_config(tmp_path, url)), "FRIST_SYNC_PASSWORD": "pw"}
    result = frist("sync", env=env)
    assert result.returncode == 1
    assert result.stderr.count("\n") == 1 and "Traceback" not in result.stderr, result.stderr
    assert result.stderr.startswith(f"error: the config file {tmp_path / 'frist.toml'}: 'sync.url' "
                                    f"is not a valid web address: {url!r}")


def test_a_password_in_the_url_is_refused_and_never_shown_or_stored(
        frist, tmp_path, radicale, db_path):  # noqa: F811
    """QA2 #1: "http://alice:secret@host/..." was printed in error lines, by `config show`,
    and saved in the state file."""
    secret = USERS["alice"]
    with_password = radicale.collection_url().replace("://", f"://alice:{secret}@")
    env = {"FRIST_CONFIG": str(write_config(tmp_path, with_password)),
           "FRIST_SYNC_PASSWORD": secret}
    frist("add", "Export licences required", "--due", "2025-12-01", check=True)
    for command in (("sync",), ("config", "show"), ("list",)):
        result = frist(*command, env=dict(env, FRIST_SYNC_PASSWORD="elsewhere"))
        assert result.returncode == 1, result.stdout
        assert result.stderr.count("\n") == 1, result.stderr
        assert "'sync.url' holds a user name or password" in result.stderr
        assert "[sync] username" in result.stderr and "FRIST_SYNC_PASSWORD" in result.stderr
        assert secret not in result.stdout + result.stderr
    assert not (tmp_path / "store.json.sync").exists()
    # a state file written before the refusal: the same collection, rewritten without it
    plain_env = {"FRIST_CONFIG": str(write_config(tmp_path, radicale.collection_url())),
                 "FRIST_SYNC_PASSWORD": secret}
    frist("sync", env=plain_env, check=True)
    state = tmp_path / "store.json.sync"
    state.write_text(state.read_text().replace(radicale.collection_url(), with_password))
    frist("edit", "1", "--title", "Export licences required now", check=True)
    result = frist("sync", "--json", env=plain_env, check=True)
    assert json.loads(result.stdout)["first"] is False
    assert secret not in state.read_text()

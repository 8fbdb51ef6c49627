"""Ingest from a server that misbehaves: a real server on 127.0.0.1 that writes raw bytes
(slow drips, broken framing, oversized headers, terminal escapes, redirect loops), and
frist answering each with one line, never a traceback, never a raw escape."""
from __future__ import annotations

import datetime as dt
import socket
import threading
import time

import pytest

from store.ingest import load

TODAY = dt.date(2025, 11, 24)
ESC_TITLE = b"\x1b]0;pwned\x07"   # sets the terminal's title when printed raw

PAGE = (b"<!DOCTYPE html><html lang='en'><head><meta charset='utf-8'></head><body><article>"
        b"<p>The port authority said it will open the new container quay by 20 March 2026, "
        b"and that the dredging of the channel will be finished by the end of June.</p>"
        b"</article></body></html>")


def answer(status: bytes, headers: list[bytes] = (), body: bytes = b"") -> bytes:
    return b"HTTP/1.1 " + status + b"\r\n" + b"".join(h + b"\r\n" for h in headers) + b"\r\n" + body


def drip(conn, head: bytes, tail: bytes, every: float = 0.2) -> None:
    """`head` at once, then `tail` one byte at a time: each read gets a byte long before
    the per-read timeout, so only a deadline for the whole address stops it."""
    conn.sendall(head)
    for byte in tail:
        conn.sendall(bytes([byte]))
        time.sleep(every)


ROUTES = {
    "/page": answer(b"200 OK", [b"Content-Type: text/html; charset=utf-8",
                                b"Content-Length: %d" % len(PAGE)], PAGE),
    "/drip-body": lambda conn: drip(conn, answer(b"200 OK", [b"Content-Type: text/plain",
                                                            b"Content-Length: 200"]), b"a" * 200),
    "/drip-headers": lambda conn: drip(conn, b"HTTP/1.1 200 OK\r\n",
                                       b"Content-Type: text/plain\r\n" * 10 + b"\r\nhello"),
    "/long-header": answer(b"200 OK", [b"X-Long: " + b"a" * 70_000, b"Content-Length: 2"], b"hi"),
    "/many-headers": answer(b"200 OK", [b"X-H%d: v" % n for n in range(200)]
                            + [b"Content-Length: 2"], b"hi"),
    "/bad-chunk-size": answer(b"200 OK", [b"Content-Type: text/plain",
                                          b"Transfer-Encoding: chunked"], b"zz\r\nhello\r\n0\r\n\r\n"),
    "/long-chunk-line": answer(b"200 OK", [b"Content-Type: text/plain",
                                           b"Transfer-Encoding: chunked"],
                               b"5\r\nhello\r\n" + b"f" * 70_000 + b"\r\n"),
    "/short-chunk": answer(b"200 OK", [b"Content-Type: text/plain",
                                       b"Transfer-Encoding: chunked"], b"50\r\nhello"),
    "/cut-off": answer(b"200 OK", [b"Content-Type: text/plain", b"Content-Length: 1000"],
                       b"The museum will reopen by 1 March 2026."),
    "/not-http": b"HELLO THERE\r\n\r\n",
    "/silent-close": b"",
    "/escape-reason": answer(b"599 " + ESC_TITLE + b"Oops", [b"Content-Length: 0"]),
    "/escape-type": answer(b"200 OK", [b"Content-Type: image/x" + ESC_TITLE[:1] + b"y",
                                       b"Content-Length: 2"], b"hi"),
    "/escape-location": answer(b"302 Found", [b"Location: ftp://x/" + ESC_TITLE,
                                              b"Content-Length: 0"]),
    "/loop-a": answer(b"302 Found", [b"Location: /loop-b", b"Content-Length: 0"]),
    "/loop-b": answer(b"302 Found", [b"Location: /loop-a", b"Content-Length: 0"]),
    "/self": answer(b"301 Moved", [b"Location: /self", b"Content-Length: 0"]),
    "/nowhere": answer(b"302 Found", [b"Content-Length: 0"]),
    **{f"/hop/{n}": answer(b"302 Found", [b"Location: /hop/%d" % (n + 1), b"Content-Length: 0"])
       for n in range(30)},
}


def serve(conn: socket.socket) -> None:
    with conn:
        try:
            request = b""
            while b"\r\n\r\n" not in request:
                got = conn.recv(4096)
                if not got:
                    return
                request += got
            reply = ROUTES.get(request.split(b" ")[1].decode(), answer(b"404 Not Found",
                                                                        [b"Content-Length: 0"]))
            reply(conn) if callable(reply) else conn.sendall(reply)
        except OSError:   # the client gave up, as it should
            pass


@pytest.fixture(scope="module")
def server():
    listener = socket.create_server(("127.0.0.1", 0))

    def accept() -> None:
        while True:
            try:
                conn, _ = listener.accept()
            except OSError:   # closed: the module's tests are done
                return
            threading.Thread(target=serve, args=(conn,), daemon=True).start()
    threading.Thread(target=accept, daemon=True).start()
    yield f"http://127.0.0.1:{listener.getsockname()[1]}"
    listener.close()


def reason(url: str, deadline: float = 30) -> str:
    loaded = load(url, today=TODAY, deadline=deadline)
    assert loaded.documents == []
    [(name, why)] = loaded.skipped
    assert name == url
    return why


def test_the_server_works_when_it_behaves(server):
    [doc] = load(f"{server}/page", today=TODAY).documents
    assert "container quay" in doc.text


@pytest.mark.parametrize("path", ["/drip-body", "/drip-headers"])
def test_a_dripping_server_meets_the_deadline_for_the_whole_address(server, path):
    # 200 bytes at one per 0.2 s: 40 s of reads that each arrive in time
    assert reason(f"{server}{path}", deadline=1) == \
        "was not read within 1 s in all (the server sends too slowly)"


@pytest.mark.parametrize("path, why", [
    ("/long-header", "the server sent a header line over 64 KB"),
    ("/many-headers", "the server sent more than 100 headers"),
    ("/bad-chunk-size", "the server sent a broken chunked body"),
    ("/long-chunk-line", "the server sent a broken chunked body"),
    ("/short-chunk", "the server sent a broken chunked body"),
    ("/cut-off", "the connection closed after 39 of 1000 bytes"),
    ("/not-http", "the server did not answer in HTTP (HELLO THERE)"),
    ("/silent-close", "the server closed the connection without an answer"),
])
def test_a_broken_answer_is_named(server, path, why):
    assert reason(f"{server}{path}") == f"could not be fetched: {why}"


def test_a_redirect_loop_is_called_a_loop(server):
    assert reason(f"{server}/loop-a") == (f"redirects in a loop: {server}/loop-a → "
                                          f"{server}/loop-b → {server}/loop-a")
    assert reason(f"{server}/self") == f"redirects in a loop: {server}/self → {server}/self"


def test_an_endless_chain_of_redirects_is_cut(server):
    assert reason(f"{server}/hop/0") == "redirects more than 10 times"


def test_a_redirect_to_nowhere(server):
    assert reason(f"{server}/nowhere") == "could not be fetched: HTTP 302 without a Location to go to"


def test_what_a_server_says_is_shown_with_its_escapes_visible(server):
    assert reason(f"{server}/escape-reason") == r"could not be fetched: HTTP 599 \x1b]0;pwned\x07Oops"
    assert reason(f"{server}/escape-type").startswith("is not text (the server says image/x")
    assert "\x1b" not in reason(f"{server}/escape-type")
    assert "\x1b" not in reason(f"{server}/escape-location")


# ---------------------------------------------------------------- through the command

def one_line_error(result) -> str:
    assert result.returncode == 1, result.stderr
    assert "Traceback" not in result.stderr
    assert "\x1b" not in result.stderr and "\x07" not in result.stderr
    [line] = result.stderr.splitlines()
    assert line.startswith("error: ")
    return line


@pytest.mark.parametrize("path", ["/long-header", "/many-headers", "/bad-chunk-size",
                                  "/long-chunk-line", "/short-chunk", "/cut-off", "/not-http",
                                  "/silent-close", "/escape-reason", "/escape-type",
                                  "/escape-location", "/loop-a", "/hop/0", "/nowhere"])
def test_cli_gives_one_line_for_each_broken_server(server, frist, path):
    line = one_line_error(frist("ingest", f"{server}{path}", "--yes"))
    assert line.startswith(f"error: {server}{path} ")


def test_cli_deadline_from_the_option_and_from_the_config(server, frist, tmp_path):
    url = f"{server}/drip-body"
    line = one_line_error(frist("ingest", url, "--yes", "--timeout", "1"))
    assert line == f"error: {url} was not read within 1 s in all (the server sends too slowly)"
    config = tmp_path / "config.toml"
    config.write_text("fetch_timeout = 1.5\n", encoding="utf-8")
    line = one_line_error(frist("ingest", url, "--yes", env={"FRIST_CONFIG": str(config)}))
    assert "was not read within 1.5 s in all" in line
    assert frist("ingest", url, "--timeout", "0").returncode == 2


def test_extract_takes_the_same_timeout_as_ingest(server, frist):
    url = f"{server}/drip-body"
    line = one_line_error(frist("extract", url, "--timeout", "1"))
    assert line == f"error: {url} was not read within 1 s in all (the server sends too slowly)"
    assert frist("extract", url, "--timeout", "0").returncode == 2
    helps = [frist(command, "--help").stdout for command in ("extract", "ingest")]
    said = [" ".join(h.split("--timeout SECONDS", 1)[1].split("]", 1)[0].split()) for h in helps]
    assert said[0] == said[1] and "the config's fetch_timeout" in said[0]


def test_cli_shows_an_escape_in_a_reason_phrase_as_text(server, frist):
    line = one_line_error(frist("ingest", f"{server}/escape-reason", "--yes"))
    assert line.endswith(r"HTTP 599 \x1b]0;pwned\x07Oops")


def test_cli_shows_an_escape_in_a_file_name_as_text(frist, tmp_path):
    hostile = tmp_path / "\x1b]0;pwned\x07.txt"
    line = one_line_error(frist("ingest", str(hostile), "--yes"))
    assert line == f"error: {tmp_path}/\\x1b]0;pwned\\x07.txt does not exist"
    hostile.write_text("Nothing dated here.\n", encoding="utf-8")
    result = frist("ingest", str(hostile), "--yes")
    assert result.returncode == 0
    assert "\x1b" not in result.stderr and r"\x1b]0;pwned\x07.txt" in result.stderr


# ---------------------------------------------------------------- through the dashboard

async def test_the_dashboard_ingest_keeps_the_configured_deadline(server, db_path):
    from store.config import Config
    from store.db import open_store
    from tui.app import make_app
    from tui.screens.forms import IngestForm
    app = make_app(open_store(db_path), "2025-11-24", config=Config(fetch_timeout=1))
    async with app.run_test(size=(120, 36)) as pilot:
        await pilot.press("i")
        assert isinstance(app.screen, IngestForm)
        form = app.screen
        form.query_one("#source").value = f"{server}/drip-body"
        await pilot.press("enter")
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert app.screen is form   # still open with the address, to try again
        error = " ".join(str(form.query_one("#form-error").render()).split())
    assert error.endswith("drip-body was not read within 1 s in all (the server sends too slowly)")

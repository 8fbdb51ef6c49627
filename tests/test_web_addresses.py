"""Web addresses as a person types them (QA1 3, 15): one that cannot be an address
(`http://[::1`) is one line "not a valid web address" from `frist ingest`, `frist
extract` and the dashboard's ingest dialog; an address with a 100 KB query is an address,
never a file path, and every error line stays short; `frist extract URL` reads the page."""
from __future__ import annotations

import datetime as dt
import http.server
import sys
import threading
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).parent))

from snapshot_app import build_store  # noqa: E402
from store.db import open_store  # noqa: E402
from tui.app import make_app  # noqa: E402

BAD = ["http://[::1", "http://x]y/", "https://[not-v6]/", "http://host:99999/", "http://"]
LONG_QUERY = "a" * 100_000


class Handler(http.server.BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.0"

    def log_message(self, *args):
        pass

    def send(self, content_type: str, body: bytes) -> None:
        self.send_response(200)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def do_GET(self):
        if self.path == "/notes.txt":
            self.send("text/plain; charset=utf-8",
                      b"The ministry said the bridge will reopen on 9 January 2027.")
        elif self.path == "/feed.xml":
            items = "".join(f"<item><title>Entry {n}</title><link>{link}</link><description>"
                            f"The office will reply by {n} March 2027.</description></item>"
                            for n, link in enumerate(["http://[::1/x", "http://x]y/"], 1))
            self.send("application/rss+xml",
                      f"<rss version='2.0'><channel><title>t</title>{items}"
                      f"</channel></rss>".encode())
        else:
            self.send_error(404)


@pytest.fixture(scope="module")
def server():
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    httpd.daemon_threads = True
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{httpd.server_port}"
    httpd.shutdown()
    httpd.server_close()


@pytest.mark.parametrize("url", BAD)
@pytest.mark.parametrize("command", [["ingest", "URL", "--yes"], ["extract", "URL"]])
def test_a_bad_address_is_one_line(frist, url, command):
    result = frist(*[url if part == "URL" else part for part in command])
    assert result.returncode == 1
    assert result.stderr.startswith(f"error: not a valid web address: {url} (")
    assert result.stderr.count("\n") == 1 and "Traceback" not in result.stderr


def test_a_feed_entry_with_a_bad_address_is_a_warning(server, frist):
    result = frist("ingest", f"{server}/feed.xml", "--yes", "--published", "2026-11-01")
    assert result.returncode == 0, result.stderr
    assert "Traceback" not in result.stderr
    assert result.stderr.count("not a valid web address") == 2
    assert "2 documents read: 2 new" in result.stderr


async def test_the_ingest_dialog_says_not_a_valid_web_address(db_path):
    from tui.screens.forms import IngestForm
    build_store(db_path)
    app = make_app(open_store(db_path), "2025-11-24",
                   clock=lambda: dt.datetime(2025, 11, 24, 10, 0))
    async with app.run_test(size=(120, 36)) as pilot:
        await pilot.press("i")
        for url in ("http://[::1", "http://x]y/"):
            app.screen.query_one("#source").value = url
            await pilot.press("enter")
            await app.workers.wait_for_complete()
            await pilot.pause()
            assert isinstance(app.screen, IngestForm)   # kept open, the address to fix
            shown = str(app.screen.query_one("#form-error").render())
            assert shown == (f"Cannot ingest: not a valid web address: {url} "
                             f"(a [ or ] that does not enclose an IPv6 host)")
            assert app.screen.query_one("#source").value == url


@pytest.mark.parametrize("command", ["ingest", "extract"])
def test_an_address_with_a_100_kb_query_is_an_address(server, frist, command):
    url = f"{server}/notes.txt?q={LONG_QUERY}"
    result = frist(command, url, *(["--yes"] if command == "ingest" else []))
    assert "Traceback" not in result.stderr
    assert "File name too long" not in result.stderr and "http:/1" not in result.stderr
    # the server refuses a request line over 64 KB (HTTP 414): said in one short line
    assert result.returncode == 1 and result.stderr.count("\n") == 1
    assert result.stderr.startswith(f"error: {server}/notes.txt?q=aaa")
    assert "HTTP 414" in result.stderr and len(result.stderr) < 400


def test_a_100_kb_file_name_is_a_short_line(frist, tmp_path):
    result = frist("extract", str(tmp_path / ("n" * 100_000)))
    assert result.returncode == 1 and result.stderr.count("\n") == 1
    assert len(result.stderr) < 400 and "File name too long" in result.stderr


def test_extract_reads_a_web_page(server, frist):
    result = frist("extract", f"{server}/notes.txt", "--json", "--published", "2026-11-01")
    assert result.returncode == 0, result.stderr
    import json
    [found] = json.loads(result.stdout)
    assert found["due"] == "2027-01-09"


def test_extract_sends_a_feed_to_ingest(server, frist):
    result = frist("extract", f"{server}/feed.xml")
    assert result.returncode == 1
    assert result.stderr == (f"error: {server}/feed.xml is a feed of 2 entries: "
                             f"`frist ingest` reads each of them\n")

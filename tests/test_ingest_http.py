"""Ingest over http: pages and feeds served by a local server on 127.0.0.1 (never the internet)."""
from __future__ import annotations

import datetime as dt
import http.server
import json
import socket
import threading
import time
from pathlib import Path

import pytest

from store.ingest import web
from store.ingest import load

FIXTURES = Path(__file__).parent / "fixtures" / "ingest"
TODAY = dt.date(2025, 11, 24)

ENTRY_PAGE = b"""<!DOCTYPE html><html lang="en"><head><meta charset="utf-8">
<title>Bridge repairs</title><meta name="date" content="2025-11-12"></head><body>
<nav><a href="/">Home</a> <a href="/offers">Offers until 1 February 2026</a></nav>
<article><h1>Bridge repairs</h1><p>The highway agency said it will reopen the old river bridge
by 20 December 2025. Its engineers promised that the repairs will last for thirty years and
that the footpath will be widened as well.</p></article></body></html>"""


def feed(base: str) -> bytes:
    return f"""<?xml version="1.0" encoding="utf-8"?>
<rss version="2.0"><channel><title>Local news</title><link>{base}/</link>
<description>News</description>
<item><title>Bridge repairs</title><link>{base}/bridge.html</link>
<pubDate>Wed, 12 Nov 2025 07:00:00 GMT</pubDate>
<description>A short teaser without any date.</description></item>
<item><title>School canteen</title><link>{base}/missing</link>
<pubDate>Thu, 13 Nov 2025 07:00:00 GMT</pubDate>
<description>The school board said it will open the new canteen by 9 January 2026.</description></item>
</channel></rss>""".encode()


class Handler(http.server.BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.0"
    slow_hits = 0

    def log_message(self, *args):  # keep the test output clean
        pass

    def send(self, status: int, content_type: str, body: bytes, length: bool = True):
        self.send_response(status)
        self.send_header("Content-Type", content_type)
        if length:
            self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        try:
            self.wfile.write(body)
        except (BrokenPipeError, ConnectionResetError):   # the client gave up (timeout test)
            pass

    def do_GET(self):
        base = f"http://127.0.0.1:{self.server.server_port}"
        path = self.path
        if path == "/page.html":
            self.send(200, "text/html; charset=utf-8", (FIXTURES / "page.html").read_bytes())
        elif path == "/seite":
            self.send(200, "text/html", (FIXTURES / "seite.html").read_bytes())
        elif path == "/bridge.html":
            self.send(200, "text/html; charset=utf-8", ENTRY_PAGE)
        elif path == "/notes.txt":
            self.send(200, "text/plain; charset=utf-8", b"The museum will reopen by 1 March 2026.")
        elif path == "/feed.xml":
            self.send(200, "application/rss+xml", feed(base))
        elif path == "/atom":
            self.send(200, "application/atom+xml", (FIXTURES / "feed.atom").read_bytes())
        elif path == "/feed-as-xml-text":
            self.send(200, "text/xml", (FIXTURES / "feed.rss").read_bytes())
        elif path == "/image.png":
            self.send(200, "image/png", b"\x89PNG\r\n\x1a\n" + bytes(100))
        elif path == "/binary-text":
            self.send(200, "text/plain", b"abc\x00\x00\x01def")
        elif path == "/empty":
            self.send(200, "text/html", b"")
        elif path == "/json":
            self.send(200, "application/json", json.dumps({"a": 1}).encode())
        elif path == "/huge-declared":
            self.send_response(200)
            self.send_header("Content-Type", "text/plain")
            self.send_header("Content-Length", str(11 * 1024 * 1024))
            self.end_headers()
        elif path == "/huge-streamed":
            self.send_response(200)
            self.send_header("Content-Type", "text/plain")
            self.end_headers()
            chunk = b"words and more words\n" * 50_000
            try:
                for _ in range(12):   # 12 MB, no Content-Length
                    self.wfile.write(chunk)
            except (BrokenPipeError, ConnectionResetError):
                pass
        elif path.startswith("/slow-feed"):
            items = "".join(f"<item><title>Entry {n}</title><link>{base}/slow/{n}</link>"
                            f"<description>The office will reply by {n} March 2026.</description></item>"
                            for n in range(1, 4))
            self.send(200, "application/rss+xml",
                      f"<rss version='2.0'><channel><title>t</title>{items}</channel></rss>".encode())
        elif path.startswith("/slow/"):
            type(self).slow_hits += 1
            time.sleep(1.5)
            self.send(200, "text/html", b"<html><body><p>too late</p></body></html>")
        elif path == "/slow":
            time.sleep(1.5)
            self.send(200, "text/plain", b"too late")
        elif path == "/moved":
            self.send_response(302)
            self.send_header("Location", f"{base}/page.html")
            self.end_headers()
        elif path == "/moved-to-file":
            self.send_response(302)
            self.send_header("Location", "file:///etc/passwd")
            self.end_headers()
        elif path == "/server-error":
            self.send(500, "text/plain", b"oops")
        else:
            self.send(404, "text/html", b"<html><body>Not here</body></html>")


@pytest.fixture(scope="module")
def server():
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    httpd.daemon_threads = True
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_port}"
    httpd.shutdown()
    httpd.server_close()


def skipped_reason(url: str) -> str:
    loaded = load(url, today=TODAY)
    assert loaded.documents == []
    [(name, reason)] = loaded.skipped
    assert name == url
    return reason


def test_page_main_text_date_and_language(server):
    loaded = load(f"{server}/page.html", today=TODAY)
    [doc] = loaded.documents
    assert doc.name == f"{server}/page.html"
    assert doc.published == dt.date(2025, 11, 21) and doc.published_from == "metadata"
    assert doc.lang == "en"
    assert "treatment plant" in doc.text and "Reader42" not in doc.text and "Subscribe" not in doc.text


def test_german_page_without_charset_header(server):
    [doc] = load(f"{server}/seite", today=TODAY).documents
    assert "Bürgermeisterin" in doc.text and doc.lang == "de"


def test_plain_text_url_is_dated_today_with_a_warning(server):
    loaded = load(f"{server}/notes.txt", today=TODAY)
    [doc] = loaded.documents
    assert doc.published == TODAY and doc.published_from == "today"
    assert "no publication date found" in loaded.warnings[0]


def test_redirect_is_followed(server):
    [doc] = load(f"{server}/moved", today=TODAY).documents
    assert "treatment plant" in doc.text


def test_feed_url_reads_each_entry_page_or_else_its_summary(server):
    loaded = load(f"{server}/feed.xml", today=TODAY)
    bridge, canteen = loaded.documents
    # The first entry's page was fetched: its article, not the teaser nor the page's navigation.
    assert bridge.name == f"{server}/bridge.html"
    assert "reopen the old river bridge" in bridge.text and "teaser" not in bridge.text
    assert "Offers" not in bridge.text
    assert bridge.published == dt.date(2025, 11, 12)
    # The second entry's page is missing: its summary is used, and the person is told.
    assert canteen.name == f"{server}/missing"
    assert "open the new canteen by 9 January 2026" in canteen.text
    assert canteen.published == dt.date(2025, 11, 13)
    assert any("missing" in w and "HTTP 404" in w and "summary" in w for w in loaded.warnings)


def test_atom_and_xml_typed_feeds(server):
    [doc] = load(f"{server}/atom", today=TODAY).documents
    assert "container quay" in doc.text
    docs = load(f"{server}/feed-as-xml-text", today=TODAY).documents
    assert len(docs) == 2


def test_404(server):
    assert skipped_reason(f"{server}/nothing-here") == "could not be fetched: HTTP 404 not found"


def test_server_error(server):
    assert skipped_reason(f"{server}/server-error").startswith("could not be fetched: HTTP 500")


def test_content_that_is_not_text(server):
    assert skipped_reason(f"{server}/image.png") == "is not text (the server says image/png)"
    assert skipped_reason(f"{server}/json") == "is not text (the server says application/json)"
    assert skipped_reason(f"{server}/binary-text") == "is not text (binary data)"


def test_empty_page(server):
    assert skipped_reason(f"{server}/empty") == "is empty"


def test_size_cap_declared_and_streamed(server):
    assert skipped_reason(f"{server}/huge-declared") == "is too large (over 10 MB)"
    assert skipped_reason(f"{server}/huge-streamed") == "is too large (over 10 MB)"


def test_timeout(server, monkeypatch):
    monkeypatch.setattr(web, "TIMEOUT_SECONDS", 0.3)
    assert skipped_reason(f"{server}/slow") == "did not answer within 0.3 s"


def test_a_feed_does_not_wait_for_a_dead_host_again_and_again(server, monkeypatch):
    monkeypatch.setattr(web, "TIMEOUT_SECONDS", 0.3)
    Handler.slow_hits = 0
    loaded = load(f"{server}/slow-feed", today=TODAY)
    assert len(loaded.documents) == 3   # every entry from its summary
    assert "reply by 2 March 2026" in loaded.documents[1].text
    assert Handler.slow_hits == 1
    [warning] = [w for w in loaded.warnings if "page not read" in w]
    assert "did not answer within 0.3 s; not asking 127.0.0.1:" in warning


def test_unreachable_host():
    with socket.socket() as s:   # a port that was free a moment ago: nobody listens there
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    reason = skipped_reason(f"http://127.0.0.1:{port}/page.html")
    assert reason.startswith("cannot be reached: ") and "\n" not in reason


def test_redirect_to_a_non_http_address_is_refused(server):
    reason = skipped_reason(f"{server}/moved-to-file")
    assert "file:///etc/passwd" in reason and "not http" in reason


def test_cli_ingests_a_page_and_a_feed_and_says_so_on_reingest(server, frist):
    first = frist("ingest", f"{server}/page.html", "--yes")
    assert first.returncode == 0, first.stderr
    ids = first.stdout.split()
    assert len(ids) >= 1
    listed = json.loads(frist("list", "--json").stdout)
    assert all(item["sources"][0]["document"] == f"{server}/page.html" for item in listed)
    assert all(item["sources"][0]["published"] == "2025-11-21" for item in listed)
    assert all("Reader42" not in item["sources"][0]["sentence"] for item in listed)
    again = frist("ingest", f"{server}/page.html", "--yes")
    assert again.returncode == 0 and again.stdout == ""
    assert f"0 new, {len(ids)} already known" in again.stderr
    fed = frist("ingest", f"{server}/feed.xml", "--yes")
    assert fed.returncode == 0, fed.stderr
    assert "2 documents read" in fed.stderr
    assert "HTTP 404" in fed.stderr   # the warning about the missing entry page


@pytest.mark.parametrize("path, message", [
    ("/nothing-here", "could not be fetched: HTTP 404 not found"),
    ("/image.png", "is not text (the server says image/png)"),
])
def test_cli_one_line_errors(server, frist, path, message):
    result = frist("ingest", f"{server}{path}", "--yes")
    assert result.returncode == 1
    assert result.stderr == f"error: {server}{path} {message}\n"

"""Ingest: documents in (files, folders, pages, feeds), reviewed commitments out, with sources.

    load(source)            -> Loaded(documents, skipped, warnings)   reading only
    propose(store, docs)    -> [Proposal]   the extractor's candidates, matched with the store
    commit(store, chosen)   -> Outcome      one transaction, one undo step

The command line (`frist ingest`) and the dashboard's review screen both call these three.
Web formats need the optional `frist[web]` extra (trafilatura, htmldate, feedparser); they
are imported only when an HTML page or feed is actually read.
"""
from __future__ import annotations

import datetime as dt
import functools
import html.parser
import http.client
import io
import logging
import re
import socket
import time
import urllib.error
import urllib.parse
import urllib.request
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable

from store import model
from store.documents import (DocumentError, check_bytes, decode_text,
                             read_file_bytes, read_stdin_bytes, too_large)
from store.errors import FristError, visible

CONFIDENCE_THRESHOLD = 0.5   # `--yes` stores candidates at least this confident
MAX_DOWNLOAD_BYTES = 10 * 1024 * 1024
TIMEOUT_SECONDS = 15.0    # the longest wait for any one read from a server
DEADLINE_SECONDS = 30.0   # the longest one address may take in all (config: fetch_timeout)
MAX_REDIRECTS = 10
USER_AGENT = "frist (+https://pypi.org/project/frist/)"
STDIN_NAME = "standard input"

HTML_SUFFIXES = {".html", ".htm", ".xhtml", ".shtml"}
FEED_SUFFIXES = {".rss", ".atom", ".xml"}
MARKDOWN_SUFFIXES = {".md", ".markdown", ".mdown", ".mkd"}
TEXT_SUFFIXES = {".txt", ".text", ""}
# In a folder only these are read (a file named on the command line is read whatever it is).
FOLDER_SUFFIXES = HTML_SUFFIXES | FEED_SUFFIXES | MARKDOWN_SUFFIXES | TEXT_SUFFIXES
TEXT_TYPES = ("text/", "application/xhtml+xml", "application/xml", "application/rss+xml",
              "application/atom+xml", "application/rdf+xml", "application/feed+json")
LANGS = ("de", "en")  # what the extractor knows; any other declared language means "detect"

Progress = Callable[[int, int, str], None]  # (done, total, name of what was just read)


@dataclass
class Document:
    text: str
    name: str              # absolute path, URL, or "standard input"
    published: dt.date
    lang: str | None
    published_from: str    # "given", "metadata", "dateline", "file time" or "today"


@dataclass
class Loaded:
    documents: list[Document] = field(default_factory=list)
    skipped: list[tuple[str, str]] = field(default_factory=list)   # (name, reason)
    warnings: list[str] = field(default_factory=list)


@dataclass
class Proposal:
    title: str
    due: model.Due
    actor: str
    sentence: str
    confidence: float
    document: Document
    known_id: int | None = None   # the stored item that already holds this commitment


@dataclass
class Outcome:
    new_ids: list[int] = field(default_factory=list)
    merged_ids: list[int] = field(default_factory=list)   # stored items that gained a source
    already_known: int = 0                                 # proposals whose source was stored
    more_sources: int = 0   # sources added to items new in this same ingest (a later article)


# ---------------------------------------------------------------- the optional web extra

class MissingExtra(FristError):
    """A library of the optional web extra is not installed (stops the whole ingest)."""


def _web(module: str, what: str):
    """Import one of the `frist[web]` libraries, or say how to install it."""
    import importlib
    import importlib.util
    try:
        loaded = importlib.import_module(module)
    except ImportError as e:
        if importlib.util.find_spec(module) is None:
            raise MissingExtra(f"{what} needs the web extra: pip install 'frist[web]'") from None
        # Installed but broken (a dependency's new release dropped a module it needs):
        # sending the person to install what they have would send them in a circle.
        raise MissingExtra(f"{module} is installed but cannot be imported: {e}") from None
    # Their log warnings about odd markup would otherwise reach the terminal raw.
    logging.getLogger(module).addHandler(logging.NullHandler())
    logging.getLogger(module).propagate = False
    return loaded


# ---------------------------------------------------------------- loading

def is_url(source: str) -> bool:
    return bool(re.match(r"^[a-zA-Z][a-zA-Z0-9+.-]*://", source))


def load(source: str, published: dt.date | None = None, lang: str | None = None,
         today: dt.date | None = None, progress: Progress | None = None,
         date_hint: str = "set it with --published",
         deadline: float | None = None) -> Loaded:
    """Read `source` (a file, folder, http(s) URL, feed, or "-") into documents.

    Whatever cannot be read is listed in `skipped` with its reason; nothing raises for a
    bad document, only for a source that cannot mean anything (an ftp:// address).
    `date_hint` tells the person how to give a publication date where none was found;
    `deadline` is how many seconds each web address (a page, a feed, a feed's entry
    page) may take in all (None: DEADLINE_SECONDS)."""
    reader = _Reader(published, lang, today or dt.date.today(), date_hint)
    reader.deadline = deadline or DEADLINE_SECONDS
    if not Path(source).is_dir():
        reader.progress = progress   # a feed's entries, each perhaps a page to fetch
    if source == "-":
        reader.guard(STDIN_NAME, lambda: reader.raw(read_stdin_bytes(STDIN_NAME), STDIN_NAME))
    elif is_url(source):
        if not re.match(r"^https?://", source, re.I):
            raise FristError(f"{source}: only http:// and https:// addresses can be ingested")
        reader.guard(source, lambda: reader.url(source))
    else:
        path = Path(source).expanduser()
        if path.is_dir():
            files = _files_in(path)
            if not files:
                reader.loaded.skipped.append((str(path), "holds no files"))
            for n, file in enumerate(files, 1):
                if file.suffix.lower() in FOLDER_SUFFIXES:
                    reader.guard(str(file), lambda: reader.file(file))
                else:
                    reader.loaded.skipped.append(
                        (str(file), "is not a text, Markdown, HTML or feed file"))
                if progress:
                    progress(n, len(files), str(file))
        else:
            reader.guard(source, lambda: reader.file(path))
    return reader.loaded


def _files_in(folder: Path) -> list[Path]:
    """Every regular file under `folder`, recursively, sorted; hidden ones left out."""
    found = []
    for path in sorted(folder.rglob("*")):
        parts = path.relative_to(folder).parts
        if any(part.startswith(".") for part in parts):
            continue
        if path.is_file():
            found.append(path.absolute())
    return found


# "KIEL, 14 March 2011 — ", "Kiel (dpa) – 14. März 2011 – ": a place, perhaps an agency,
# then the date between separators, at the start of a line
DATED_DATELINE = re.compile(r"[A-ZÄÖÜ][\w .'/-]{1,40}?(?:\s*\([^)\n]{1,20}\))?\s*[,—–-]\s*"
                      r"(?P<date>[^—–:\n]{6,40}?)\s*(?:—|–|--|-|:)\s")


def dateline_date(text: str, lang: str | None, today: dt.date) -> dt.date | None:
    """The day of the article's dateline ("BERLIN, 24 November 2026 — ..."), on one of its
    first lines: a plain text file's best word on when it was written (its file time may
    be years later). Only a full date, not after today."""
    from store.extract import find_dates
    for line in text[:2000].splitlines()[:8]:
        match = DATED_DATELINE.match(line.strip())
        if not match:
            continue
        for mention in find_dates(match["date"], today, lang):
            if mention.precision == "day" and re.search(r"\d{4}", mention.text):
                day = dt.date.fromisoformat(mention.value)
                if model.FIRST_DAY <= day <= today:
                    return day
    return None


class _Reader:
    """Turns bytes of each kind into Documents, collecting skips and warnings."""

    def __init__(self, published: dt.date | None, lang: str | None, today: dt.date,
                 date_hint: str):
        self.published, self.lang, self.today, self.date_hint = published, lang, today, date_hint
        self.loaded = Loaded()
        self.progress: Progress | None = None
        self.dead_hosts: set[str] = set()   # a feed's pages are not fetched from these again
        self.deadline = DEADLINE_SECONDS

    def guard(self, name: str, read: Callable[[], None]) -> None:
        try:
            read()
        except MissingExtra:
            raise   # the same for every document: stop and say what to install
        except DocumentError as e:
            self.loaded.skipped.append((e.name, e.reason))
        except FristError as e:
            self.loaded.skipped.append((name, str(e)))

    # -- where the bytes come from
    def file(self, path: Path) -> None:
        name = str(path.absolute())
        raw = read_file_bytes(path, name)
        try:
            mtime = dt.date.fromtimestamp(path.stat().st_mtime)
        except OSError:
            mtime = None
        self.raw(raw, name, suffix=path.suffix.lower(), file_date=mtime)

    def url(self, url: str) -> None:
        raw, content_type, charset = fetch(url, self.deadline)
        kind = {"text/html": "html", "application/xhtml+xml": "html",
                "text/plain": "text", "text/markdown": "markdown"}.get(content_type)
        self.raw(raw, url, kind=kind, charset=charset, url=url)

    # -- what the bytes are
    def raw(self, raw: bytes, name: str, suffix: str = "", kind: str | None = None,
            charset: str | None = None, url: str | None = None,
            file_date: dt.date | None = None) -> None:
        check_bytes(raw, name)
        kind = kind or _sniff(raw, suffix)
        if kind == "feed":
            self.feed(raw, name)
            return
        text = decode_text(raw, name, charset or (_declared_charset(raw) if kind == "html" else None))
        if kind == "html":
            body, meta_date, meta_lang = html_main_text(text, name, url)
        elif kind == "markdown":
            body, meta_date, meta_lang = markdown_text(text)
        else:
            body, meta_date, meta_lang = text, None, None
        if not body.strip():
            raise DocumentError(name, "has no text")
        self.add(body, name, meta_date, meta_lang, file_date)

    def add(self, text: str, name: str, meta_date: dt.date | None, meta_lang: str | None,
            file_date: dt.date | None = None) -> None:
        # a date frist cannot keep (a feed's year 9999) is no date at all
        meta_date = meta_date if meta_date and _acceptable(meta_date) else None
        file_date = file_date if file_date and _acceptable(file_date) else None
        if self.published:
            published, source = self.published, "given"
        elif meta_date:
            published, source = meta_date, "metadata"
        elif (dated := dateline_date(text, self.lang or meta_lang, self.today)) is not None:
            published, source = dated, "dateline"
        elif file_date:
            published, source = min(file_date, self.today), "file time"  # not in the future
            self.loaded.warnings.append(
                f"{name}: no publication date found; using the file's date {published} "
                f"({self.date_hint})")
        else:
            published, source = self.today, "today"
            self.loaded.warnings.append(
                f"{name}: no publication date found; using today, {self.today} "
                f"({self.date_hint})")
        lang = self.lang or (meta_lang if meta_lang in LANGS else None)
        self.loaded.documents.append(Document(text, name, published, lang, source))

    def feed(self, raw: bytes, name: str) -> None:
        feedparser = _web("feedparser", "reading a feed")
        parsed = feedparser.parse(raw)
        if not parsed.entries:
            why = "is not a readable feed" if parsed.get("bozo") else "is a feed with no entries"
            raise DocumentError(name, why)
        feed_date = _struct_date(parsed.feed.get("updated_parsed")
                                 or parsed.feed.get("published_parsed"))
        feed_lang = _lang_code(parsed.feed.get("language"))
        for n, entry in enumerate(parsed.entries, 1):
            link = entry.get("link") or ""
            title = " ".join(entry.get("title", "").split()) or f"entry {n}"
            entry_name = link if re.match(r"^https?://", link, re.I) else f"{name} › {title}"
            self.guard(entry_name, lambda: self.entry(entry, entry_name, feed_date, feed_lang))
            if self.progress:
                self.progress(n, len(parsed.entries), entry_name)

    def entry(self, entry, name: str, feed_date: dt.date | None, feed_lang: str | None) -> None:
        date = _struct_date(entry.get("published_parsed") or entry.get("updated_parsed"))
        link = entry.get("link") or ""
        text, lang = "", None
        host = urllib.parse.urlsplit(link).netloc.lower()
        if re.match(r"^https?://", link, re.I) and host not in self.dead_hosts:
            try:
                raw, content_type, charset = fetch(link, self.deadline)
                if content_type in ("text/html", "application/xhtml+xml") or _sniff(raw, "") == "html":
                    page = decode_text(raw, link, charset or _declared_charset(raw))
                    text, page_date, lang = html_main_text(page, link, link)
                    date = date or page_date
            except FristError as e:
                why = e.reason if isinstance(e, DocumentError) else str(e)
                if isinstance(e, Unreachable):
                    self.dead_hosts.add(host)
                    why += f"; not asking {host} again"
                self.loaded.warnings.append(f"{name}: page not read ({why}); using the feed's summary")
        if not text.strip():
            text = _entry_summary(entry)
        if not text.strip():
            raise DocumentError(name, "has no text in the feed and no readable page")
        self.add(text, name, date or feed_date, lang or feed_lang)


def _sniff(raw: bytes, suffix: str) -> str:
    """"html", "feed", "markdown" or "text", by the start of the content, then the suffix."""
    head = raw[:2048].lstrip(b"\xef\xbb\xbf \t\r\n").lower()
    head = re.sub(rb"^(<\?xml[^>]*>\s*|<!--.*?-->\s*)+", b"", head, flags=re.S)
    if head.startswith((b"<rss", b"<feed", b"<rdf:rdf")):
        return "feed"
    if head.startswith((b"<!doctype html", b"<html", b"<head", b"<body")) or suffix in HTML_SUFFIXES:
        return "html"
    if suffix in FEED_SUFFIXES and re.search(rb"<(rss|feed|rdf:rdf)\b", head):
        return "feed"
    if suffix in MARKDOWN_SUFFIXES:
        return "markdown"
    return "text"


def _declared_charset(raw: bytes) -> str | None:
    m = re.search(rb"""<meta[^>]+charset=["']?([A-Za-z0-9_.:-]+)""", raw[:4096], re.I)
    return m[1].decode("ascii") if m else None


def _lang_code(value: str | None) -> str | None:
    m = re.match(r"^\s*([A-Za-z]{2})\b", value or "")
    return m[1].lower() if m else None


def _acceptable(day: dt.date) -> bool:
    return model.FIRST_DAY <= day <= model.LAST_DAY


def _struct_date(value) -> dt.date | None:
    try:
        return dt.date(value.tm_year, value.tm_mon, value.tm_mday) if value else None
    except (AttributeError, ValueError):
        return None


def _iso_date(value: str | None) -> dt.date | None:
    m = re.match(r"^\s*['\"]?(\d{4}-\d{2}-\d{2})", value or "")
    try:
        return dt.date.fromisoformat(m[1]) if m else None
    except ValueError:
        return None


# ---------------------------------------------------------------- HTML, Markdown, feeds

def html_main_text(page: str, name: str, url: str | None = None) -> tuple[str, dt.date | None, str | None]:
    """(main text, publication date from metadata, declared language) of an HTML page.

    trafilatura keeps the article and drops navigation, footers and comments; htmldate
    reads the date only from the page's metadata and markup (not from dates in the text,
    which in an article about deadlines are mostly future ones)."""
    trafilatura = _web("trafilatura", "reading HTML")
    htmldate = _web("htmldate", "reading HTML")
    try:
        text = trafilatura.extract(page, url=url, include_comments=False, include_tables=True,
                                   deduplicate=False)
    except Exception:  # the parser gave up on the markup; say so in one line
        text = None
    if not text or not re.search(r"[^\W\d_]{2,}", text):   # no words: markup debris only
        raise DocumentError(name, "has no readable article text (broken or empty HTML)")
    try:
        found = htmldate.find_date(page, extensive_search=False, original_date=True, url=url)
    except Exception:
        found = None
    m = re.search(r"""<html[^>]*?\blang=["']?([A-Za-z]{2})""", page[:4096], re.I)
    return text, _iso_date(found), (m[1].lower() if m else None)


_FRONT_MATTER = re.compile(r"\A\ufeff?---[ \t]*\n(.*?)\n(?:---|\.\.\.)[ \t]*(?:\n|\Z)", re.S)
_MARKDOWN_RULES = [  # (pattern, replacement), applied in order, line by line where anchored
    (re.compile(r"^(```|~~~).*?^\1[ \t]*$", re.S | re.M), ""),      # code blocks
    (re.compile(r"!\[([^\]]*)\]\([^)]*\)"), r"\1"),                 # images: their alt text
    (re.compile(r"\[([^\]]+)\]\([^)]*\)"), r"\1"),                  # links: their words
    (re.compile(r"^[ \t]{0,3}#{1,6}[ \t]+(.*?)[ \t#]*$", re.M), r"\1"),  # headings
    (re.compile(r"^[ \t]*>[ \t]?", re.M), ""),                      # quotes
    (re.compile(r"^[ \t]*(?:[-*+]|\d+[.)])[ \t]+", re.M), ""),      # list markers
    (re.compile(r"(\*\*|__)(\S.*?\S|\S)\1"), r"\2"),                # strong
    (re.compile(r"(?<![\w*])\*(\S.*?\S|\S)\*(?!\w)"), r"\1"),       # emphasis
    (re.compile(r"`([^`]+)`"), r"\1"),                             # inline code
    (re.compile(r"^[ \t]*([-*_][ \t]*){3,}$", re.M), ""),           # rules
]


def markdown_text(text: str) -> tuple[str, dt.date | None, str | None]:
    """(plain text, date, lang) of Markdown: the markup removed, front matter read."""
    date = lang = None
    if m := _FRONT_MATTER.match(text):
        for line in m[1].splitlines():
            key, _, value = line.partition(":")
            key = key.strip().lower()
            if key in ("date", "published", "pubdate", "publishdate") and not date:
                date = _iso_date(value)
            elif key in ("lang", "language"):
                lang = _lang_code(value.strip(" '\""))
        text = text[m.end():]
    for pattern, replacement in _MARKDOWN_RULES:
        text = pattern.sub(replacement, text)
    return text, date, lang


class _TextOfHTML(html.parser.HTMLParser):
    """The words of an HTML fragment (a feed summary), block elements as line breaks."""

    BLOCKS = {"p", "div", "br", "li", "h1", "h2", "h3", "h4", "h5", "h6", "tr", "blockquote"}

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.skip = 0

    def handle_starttag(self, tag, attrs):
        if tag in ("script", "style"):
            self.skip += 1
        elif tag in self.BLOCKS:
            self.parts.append("\n")

    def handle_endtag(self, tag):
        if tag in ("script", "style"):
            self.skip = max(0, self.skip - 1)
        elif tag in self.BLOCKS:
            self.parts.append("\n")

    def handle_data(self, data):
        if not self.skip:
            self.parts.append(data)


def fragment_text(fragment: str) -> str:
    parser = _TextOfHTML()
    parser.feed(fragment)
    parser.close()
    lines = (" ".join(line.split()) for line in "".join(parser.parts).splitlines())
    return "\n".join(line for line in lines if line)


def _entry_summary(entry) -> str:
    """The longest text the feed itself gives for an entry: its content or its summary."""
    candidates = [c.get("value", "") for c in entry.get("content", [])]
    candidates.append(entry.get("summary", ""))
    texts = [fragment_text(c) for c in candidates if c]
    body = max(texts, key=len, default="")
    title = " ".join(entry.get("title", "").split())
    if title and body and not body.startswith(title):
        body = f"{title}.\n{body}" if not title.endswith((".", "!", "?")) else f"{title}\n{body}"
    return body


# ---------------------------------------------------------------- the network

class Unreachable(DocumentError):
    """The host did not answer (refused, unknown, timed out): no use asking it again soon."""


class _TooSlow(TimeoutError):
    """The deadline for the whole address passed (a server sending a byte now and then)."""


class _Clock:
    """The deadline of one address: every read waits at most TIMEOUT_SECONDS, and all of
    them together (connecting, redirects, headers, body) at most `seconds`."""

    def __init__(self, seconds: float):
        self.seconds = seconds
        self.end = time.monotonic() + seconds

    def wait(self) -> float:
        """How long the next read may wait; _TooSlow when no time is left."""
        left = self.end - time.monotonic()
        if left <= 0:
            raise _TooSlow()
        return min(TIMEOUT_SECONDS, left)


class _DeadlineReader(io.RawIOBase):
    """A socket's bytes, each read given only the time the deadline leaves: http.client
    reads status line, headers and body through it. It wraps the socket's own raw file,
    which keeps the socket open after urllib closes the connection object."""

    def __init__(self, sock, clock: _Clock):
        self.sock, self.clock = sock, clock
        self.raw = sock.makefile("rb", buffering=0)

    def readable(self) -> bool:
        return True

    def readinto(self, buffer) -> int | None:
        wait = self.clock.wait()
        self.sock.settimeout(wait)
        try:
            return self.raw.readinto(buffer)
        except TimeoutError:
            if wait < TIMEOUT_SECONDS:   # it was the deadline that ran out, not the read
                raise _TooSlow() from None
            raise

    def close(self) -> None:
        self.raw.close()
        super().close()


class _DeadlineSocket:
    """A connected socket whose file (what http.client reads from) keeps the deadline."""

    def __init__(self, sock, clock: _Clock):
        self._sock, self._clock = sock, clock

    def makefile(self, mode="r", *args, **kwargs):
        if mode == "rb":
            return io.BufferedReader(_DeadlineReader(self._sock, self._clock))
        return self._sock.makefile(mode, *args, **kwargs)

    def __getattr__(self, name):
        return getattr(self._sock, name)


def _connection(base, clock: _Clock):
    """An http.client connection class that connects within, and reads by, `clock`."""
    class Connection(base):
        def connect(self):
            self.timeout = clock.wait()
            super().connect()
            self.sock = _DeadlineSocket(self.sock, clock)
    return Connection


class _HTTPHandler(urllib.request.HTTPHandler):
    def __init__(self, clock: _Clock):
        super().__init__()
        self.clock = clock

    def http_open(self, req):
        return self.do_open(_connection(http.client.HTTPConnection, self.clock), req)


class _HTTPSHandler(urllib.request.HTTPSHandler):
    def __init__(self, clock: _Clock):
        super().__init__()
        self.clock = clock

    def https_open(self, req):
        return self.do_open(_connection(http.client.HTTPSConnection, self.clock), req,
                            context=self._context)


class _Redirects(urllib.request.HTTPRedirectHandler):
    """Follows http(s) redirects only, and names a loop or an endless chain as such."""

    def redirect_request(self, req, fp, code, msg, headers, newurl):
        chain = getattr(req, "frist_chain", [req.full_url])
        if not re.match(r"^https?://", newurl, re.I):
            raise DocumentError(chain[0], f"redirects to {visible(newurl)}, which is not http(s)")
        if newurl in chain:
            loop = " → ".join(chain[chain.index(newurl):] + [newurl])
            raise DocumentError(chain[0], f"redirects in a loop: {visible(loop, 400)}")
        if len(chain) > MAX_REDIRECTS:
            raise DocumentError(chain[0], f"redirects more than {MAX_REDIRECTS} times")
        new = super().redirect_request(req, fp, code, msg, headers, newurl)
        if new is not None:
            new.frist_chain = chain + [newurl]
        return new


def _broken_answer(error: http.client.HTTPException, chunked: bool = False) -> str:
    """What was wrong with an answer http.client could not read, in a person's words."""
    if isinstance(error, http.client.LineTooLong):
        if "chunk" in str(error) or "trailer" in str(error):
            return "the server sent a broken chunked body"
        return f"the server sent a {str(error).rsplit('reading ', 1)[-1]} over 64 KB"
    if isinstance(error, http.client.IncompleteRead):
        if chunked:
            return "the server sent a broken chunked body"
        return "the server closed the connection before the whole page arrived"
    if isinstance(error, http.client.RemoteDisconnected):
        return "the server closed the connection without an answer"
    if isinstance(error, http.client.BadStatusLine):
        return f"the server did not answer in HTTP ({visible(str(error).strip(), 60)})"
    if isinstance(error, http.client.InvalidURL):
        return "it is not a valid web address"
    if re.match(r"got more than \d+ headers", str(error)):
        return f"the server sent more than {http.client._MAXHEADERS} headers"
    return f"the server sent a broken answer ({visible(str(error), 80)})"


def fetch(url: str, deadline: float = DEADLINE_SECONDS) -> tuple[bytes, str, str | None]:
    """(body, content type, charset) of an http(s) URL, read within `deadline` seconds in
    all (each read waits at most TIMEOUT_SECONDS); one-line DocumentError otherwise, with
    whatever the server said made visible (a reason phrase may hold terminal escapes)."""
    if not re.match(r"^https?://", url, re.I):
        raise FristError(f"{url}: only http:// and https:// addresses can be ingested")
    clock = _Clock(deadline)
    opener = urllib.request.build_opener(_HTTPHandler(clock), _HTTPSHandler(clock), _Redirects)
    request = urllib.request.Request(url, headers={"User-Agent": USER_AGENT,
                                                   "Accept": "text/html, application/xml, text/*"})
    too_slow = (f"was not read within {deadline:g} s in all (the server sends too slowly)")
    chunked = False
    try:
        with opener.open(request, timeout=clock.wait()) as response:
            chunked = bool(getattr(response, "chunked", False))
            content_type = response.headers.get_content_type()
            charset = response.headers.get_content_charset()
            if not content_type.startswith(TEXT_TYPES):
                raise DocumentError(url, f"is not text (the server says {visible(content_type, 80)})")
            length = response.headers.get("Content-Length")
            announced = int(length) if length and length.isdigit() else None
            if announced is not None and announced > MAX_DOWNLOAD_BYTES:
                raise DocumentError(url, too_large(MAX_DOWNLOAD_BYTES))
            body = response.read(MAX_DOWNLOAD_BYTES + 1)
    except _TooSlow:
        raise Unreachable(url, too_slow) from None
    except urllib.error.HTTPError as e:
        if 300 <= e.code < 400:   # urllib refuses redirects to file:// and the like
            target = e.headers.get("Location") if e.headers else None
            if not target:
                raise DocumentError(url, f"could not be fetched: HTTP {e.code} without a "
                                         "Location to go to") from None
            raise DocumentError(url, f"redirects to {visible(target)}, which is not http(s)") from None
        what = {404: "not found", 410: "gone", 401: "needs a login", 403: "forbidden"}
        raise DocumentError(url, f"could not be fetched: HTTP {e.code} "
                                 f"{what.get(e.code) or visible(e.reason or '', 80)}".rstrip()) from None
    except urllib.error.URLError as e:
        reason = e.reason
        if isinstance(reason, _TooSlow):
            raise Unreachable(url, too_slow) from None
        if isinstance(reason, (socket.timeout, TimeoutError)):
            raise Unreachable(url, f"did not answer within {TIMEOUT_SECONDS:g} s") from None
        if isinstance(reason, socket.gaierror):
            raise Unreachable(url, "cannot be reached: unknown host") from None
        if isinstance(reason, http.client.HTTPException):
            raise DocumentError(url, f"could not be fetched: {_broken_answer(reason)}") from None
        text = getattr(reason, "strerror", None) or str(reason)
        raise Unreachable(url, f"cannot be reached: {visible(text, 120)}") from None
    except http.client.HTTPException as e:   # before OSError: RemoteDisconnected is both
        raise DocumentError(url, f"could not be fetched: {_broken_answer(e, chunked)}") from None
    except (socket.timeout, TimeoutError):
        raise Unreachable(url, f"did not answer within {TIMEOUT_SECONDS:g} s") from None
    except (OSError, ValueError) as e:  # connection reset, bad URL
        why = getattr(e, "strerror", None) or str(e)
        raise DocumentError(url, f"could not be fetched: {visible(why, 120)}") from None
    if len(body) > MAX_DOWNLOAD_BYTES:
        raise DocumentError(url, too_large(MAX_DOWNLOAD_BYTES))
    if announced is not None and len(body) < announced and not chunked:
        raise DocumentError(url, f"could not be fetched: the connection closed after "
                                 f"{len(body)} of {announced} bytes")
    return body, content_type, charset


# ---------------------------------------------------------------- proposing and committing

def due_of_candidate(candidate) -> model.Due:
    """The Due of an extractor Candidate (its dates may be date objects or ISO strings)."""
    def day(value):
        return value if isinstance(value, dt.date) else dt.date.fromisoformat(str(value))
    return model.Due(day(candidate.due), candidate.precision,
                     day(candidate.window_start or candidate.due), candidate.due_text or "")


@functools.cache
def _function_words() -> frozenset[str]:
    """Words that say nothing about WHAT is promised, from the extractor's language data:
    stop words, cue words ("will", "soll", "plans"), attribution verbs, months, weekdays."""
    try:
        from store.extract.lexicon import available_languages, load as language
    except ImportError:
        return frozenset()
    words: set[str] = set()
    for code in available_languages():
        data = language(code).data
        words |= {w.lower() for w in data.get("stopwords", [])}
        for phrases in data.get("cues", {}).values():
            words |= {w.lower() for p in phrases for w in p.split()}
        words |= {w.lower() for w in data.get("attribution", {}).get("verbs", [])}
        for key in ("months", "weekdays", "title_strip", "stop_title"):
            words |= {w.lower() for w in data.get(key, [])}
    return frozenset(words)


def _words(text: str) -> set[str]:
    """Content words, cut to their first four letters: "signed" and "sign" are one word."""
    skip = _function_words()
    return {w[:4] for w in re.findall(r"[^\W\d_]+", text.casefold()) if len(w) > 2 and w not in skip}


def _norm(sentence: str) -> str:
    return " ".join(sentence.casefold().split())


def similar_titles(a: str, b: str) -> bool:
    """The same words, or at least two content words shared that make up most (60 %) of
    the shorter title."""
    if _norm(a) == _norm(b):
        return True
    wa, wb = _words(a), _words(b)
    shared = len(wa & wb)
    return shared >= 2 and shared / min(len(wa), len(wb)) >= 0.6


def same_commitment(record: dict, title: str, due: model.Due, actor: str) -> bool:
    """The same due day, and a similar title or the same actor speaking of the same thing.

    The same actor alone is not enough (one government makes many promises for the same
    day): the titles must then share a content word that is not part of the actor's name."""
    if record.get("due") != due.due.isoformat():
        return False
    if similar_titles(record.get("title", ""), title):
        return True
    same_actor = bool(actor.strip()) and record.get("actor", "").casefold() == actor.strip().casefold()
    named = _words(actor)
    return same_actor and bool((_words(record.get("title", "")) - named) & (_words(title) - named))


def has_source(record: dict, sentence: str) -> bool:
    key = _norm(sentence)
    return any(_norm(s.get("sentence", "")) == key for s in record.get("sources", []))


def find_known(items: list[tuple[object, dict]], title: str, due: model.Due, actor: str,
               sentence: str):
    """The key of the item holding this commitment: first one already citing the sentence
    for the same due day, else one that is the same commitment by `same_commitment`."""
    for key, record in items:
        if record.get("due") == due.due.isoformat() and has_source(record, sentence):
            return key
    for key, record in items:
        if same_commitment(record, title, due, actor):
            return key
    return None


def propose(store, documents: list[Document], today: dt.date | None = None,
            progress: Progress | None = None) -> list[Proposal]:
    """Every candidate commitment the extractor finds in `documents`, each marked with the
    stored item it matches (`known_id`). Candidates are dated against their document's
    publication day, so `today` does not change them; it is accepted for callers' symmetry."""
    from store.extract import extract
    items = store.all()
    proposals = []
    for n, doc in enumerate(documents, 1):
        seen = set()
        for c in extract(doc.text, doc.published, doc.lang):
            try:
                due = due_of_candidate(c)
            except model.OutOfRange:   # "next year" in an article of 31 Dec 2999
                continue
            key = (_norm(c.sentence), due.due)
            if key in seen:  # the same sentence and day twice in one document
                continue
            seen.add(key)
            actor = c.actor or ""
            proposals.append(Proposal(c.title, due, actor, c.sentence, float(c.confidence), doc,
                                      find_known(items, c.title, due, actor, c.sentence)))
        if progress:
            progress(n, len(documents), doc.name)
    return proposals


def _detect_lang(text: str) -> str | None:
    try:
        from store.extract import detect_language
    except ImportError:
        return None
    try:
        return detect_language(text)
    except Exception:
        return None


def commit(store, proposals: list[Proposal]) -> Outcome:
    """Store the accepted proposals as one change (one undo step).

    A commitment the store already holds gains this document as a source instead of
    becoming a second item; one whose source is already there adds nothing. Matching is
    done again inside the transaction, so another process's changes are respected and
    two articles in one batch saying the same thing make one item."""
    outcome = Outcome()
    if not proposals:
        return outcome
    import orjson
    langs: dict[str, str] = {}   # document name -> language, detected once per document
    with store.transaction():
        stored = dict(store.all())
        pool: dict[object, dict] = dict(stored)   # id -> record; ("new", n) -> new record
        before: dict[int, dict] = {}
        new_keys = []
        for p in proposals:
            doc = p.document
            if doc.name not in langs:
                langs[doc.name] = doc.lang or _detect_lang(doc.text) or ""
            source = {"sentence": p.sentence, "document": doc.name,
                      "published": doc.published.isoformat(), "lang": langs[doc.name]}
            title = " ".join(p.title.split())
            key = p.known_id if p.known_id in stored else None
            if key is None:
                key = find_known(pool.items(), title, p.due, p.actor, p.sentence)
            if key is None:
                key = ("new", len(new_keys))
                new_keys.append(key)
                pool[key] = model.new_record(title, p.due, actor=p.actor, sources=[source],
                                             note=f"from {doc.name}")
                continue
            if has_source(pool[key], p.sentence):
                outcome.already_known += 1
                continue
            if key not in stored:
                outcome.more_sources += 1
            elif key not in before:
                before[key] = stored[key]
                pool[key] = orjson.loads(orjson.dumps(stored[key]))   # change a copy
                outcome.merged_ids.append(key)
            happened = model.event("source added", doc.name)
            pool[key]["sources"].append(source)
            pool[key]["history"].append(happened)
            pool[key]["updated"] = happened["at"]
        # Store internals, so that the whole ingest is one journal entry (one undo step).
        ids = store._new_ids(len(new_keys)) if new_keys else []
        for item_id, key in zip(ids, new_keys):
            store._put(item_id, pool[key])
        for item_id in before:
            store._put(item_id, pool[item_id])
        if ids or before:
            parts = [f"{len(ids)} new"] if ids else []
            if before:
                parts.append(f"{len(before)} given a source")
            store._remember(f"ingest ({', '.join(parts)})",
                            [(i, None) for i in ids] + list(before.items()))
        outcome.new_ids = ids
    return outcome

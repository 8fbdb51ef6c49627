"""Reading documents: a file, a folder, an http(s) page or feed, standard input or pasted
text, each into a Document with its text, name, publication date and language.

    load(source)        -> Loaded(documents, skipped, warnings)   what `frist ingest` reads
    read_one(source)    -> Document    one file or "-", as `frist extract` reads it
    pasted(text)        -> Document    text pasted into the dashboard
"""
from __future__ import annotations

import datetime as dt
import re
import urllib.parse
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable

from store.documents import (DocumentError, check_bytes, decode_text, read_file_bytes,
                             read_stdin_bytes)
from store.errors import FristError
from store.ingest.markup import (MissingExtra, declared_charset, entry_summary, html_main_text,
                                 lang_code, markdown_text, struct_date, web_library)
from store.ingest.published import publication_date
from store.ingest.web import DEADLINE_SECONDS, Unreachable, check_url, fetch

STDIN_NAME = "standard input"
PASTED_NAME = "pasted text"

HTML_SUFFIXES = {".html", ".htm", ".xhtml", ".shtml"}
FEED_SUFFIXES = {".rss", ".atom", ".xml"}
MARKDOWN_SUFFIXES = {".md", ".markdown", ".mdown", ".mkd"}
TEXT_SUFFIXES = {".txt", ".text", ""}
# In a folder only these are read (a file named on the command line is read whatever it is).
FOLDER_SUFFIXES = HTML_SUFFIXES | FEED_SUFFIXES | MARKDOWN_SUFFIXES | TEXT_SUFFIXES

Progress = Callable[[int, int, str], None]  # (done, total, name of what was just read)


@dataclass
class Document:
    text: str
    name: str              # absolute path, URL, "standard input" or "pasted text"
    published: dt.date
    lang: str | None
    published_from: str    # "given", "metadata", "dateline", "file time" or "today"
    notes: list[str] = field(default_factory=list)  # how it was read ("read as UTF-16")


@dataclass
class Loaded:
    documents: list[Document] = field(default_factory=list)
    skipped: list[tuple[str, str]] = field(default_factory=list)   # (name, reason)
    warnings: list[str] = field(default_factory=list)


def known_language(code: str | None) -> str | None:
    """`code` if the extractor has language data for it (a page may declare any
    language); None means: detect it."""
    from store.extract import available_languages
    return code if code and code in available_languages() else None


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
    if source == "-":
        reader.progress = progress
        reader.guard(STDIN_NAME, lambda: reader.raw(read_stdin_bytes(STDIN_NAME), STDIN_NAME))
    elif is_url(source):  # before any look at the file system: an address is no path
        check_url(source)
        reader.progress = progress   # a feed's entries, each perhaps a page to fetch
        reader.guard(source, lambda: reader.url(source))
    else:
        path = Path(source).expanduser()
        if not _is_dir(path):
            reader.progress = progress
            reader.guard(source, lambda: reader.file(path))
        else:
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
    return reader.loaded


def _is_dir(path: Path) -> bool:
    """Whether `path` is a folder; False for a name the system cannot even look up (too
    long, say), which reading it as a file then reports."""
    try:
        return path.is_dir()
    except (OSError, ValueError):
        return False


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


def read_one(source: str, published: dt.date | None = None, lang: str | None = None,
             today: dt.date | None = None, deadline: float | None = None) -> Document:
    """One file, web page or "-" (standard input) as `frist extract` reads it: an HTML
    page reduced to its article, any other text as it is; dated as `load` dates a
    document. DocumentError if it cannot be read as text; a feed is for `frist ingest`,
    which reads each entry."""
    today = today or dt.date.today()
    if is_url(source):  # fetched as `frist ingest` fetches it: the person asked for its dates
        loaded = load(source, published, lang, today, deadline=deadline)
        if not loaded.documents:
            raise DocumentError(*loaded.skipped[0])
        if len(loaded.documents) > 1:
            raise DocumentError(source, f"is a feed of {len(loaded.documents)} entries: "
                                        f"`frist ingest` reads each of them")
        return loaded.documents[0]
    name = STDIN_NAME if source == "-" else source
    path = Path(source)
    raw = read_stdin_bytes(name) if source == "-" else read_file_bytes(path, name)
    notes: list[str] = []
    text = decode_text(raw, name, notes=notes)
    meta_date = meta_lang = file_date = None
    if _sniff(raw, "" if source == "-" else path.suffix.lower()) == "html":
        text, meta_date, meta_lang = html_main_text(text, name)
    if source != "-":
        file_date = _file_date(path)
    day, where = publication_date(text, today, given=published, metadata=meta_date,
                                  file_date=file_date, lang=lang or meta_lang)
    return Document(text, name, day, lang or known_language(meta_lang), where, notes)


def pasted(text: str, published: dt.date | None = None, today: dt.date | None = None) -> Document:
    """Text pasted into the dashboard, dated as `load` dates a document (its dateline,
    else today)."""
    today = today or dt.date.today()
    day, where = publication_date(text, today, given=published)
    return Document(text, PASTED_NAME, day, None, where)


def _file_date(path: Path) -> dt.date | None:
    try:
        return dt.date.fromtimestamp(path.stat().st_mtime)
    except (OSError, ValueError, OverflowError):
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
        self.raw(raw, name, suffix=path.suffix.lower(), file_date=_file_date(path))

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
        text = decode_text(raw, name, charset or (declared_charset(raw) if kind == "html" else None),
                           notes=self.loaded.warnings)
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
        lang = self.lang or known_language(meta_lang)
        published, source = publication_date(text, self.today, given=self.published,
                                             metadata=meta_date, file_date=file_date,
                                             lang=self.lang or meta_lang)
        if source == "file time":
            self.loaded.warnings.append(
                f"{name}: no publication date found; using the file's date {published} "
                f"({self.date_hint})")
        elif source == "today":
            self.loaded.warnings.append(
                f"{name}: no publication date found; using today, {self.today} "
                f"({self.date_hint})")
        self.loaded.documents.append(Document(text, name, published, lang, source))

    def feed(self, raw: bytes, name: str) -> None:
        feedparser = web_library("feedparser", "reading a feed")
        parsed = feedparser.parse(raw)
        if not parsed.entries:
            why = "is not a readable feed" if parsed.get("bozo") else "is a feed with no entries"
            raise DocumentError(name, why)
        feed_date = struct_date(parsed.feed.get("updated_parsed")
                                 or parsed.feed.get("published_parsed"))
        feed_lang = lang_code(parsed.feed.get("language"))
        for n, entry in enumerate(parsed.entries, 1):
            link = entry.get("link") or ""
            title = " ".join(entry.get("title", "").split()) or f"entry {n}"
            entry_name = link if re.match(r"^https?://", link, re.I) else f"{name} › {title}"
            self.guard(entry_name, lambda: self.entry(entry, entry_name, feed_date, feed_lang))
            if self.progress:
                self.progress(n, len(parsed.entries), entry_name)

    def entry(self, entry, name: str, feed_date: dt.date | None, feed_lang: str | None) -> None:
        date = struct_date(entry.get("published_parsed") or entry.get("updated_parsed"))
        link = entry.get("link") or ""
        text, lang = "", None
        try:
            host = urllib.parse.urlsplit(link).netloc.lower()
        except ValueError:  # `http://[::1`: fetch says what is wrong with it
            host = ""
        if re.match(r"^https?://", link, re.I) and host not in self.dead_hosts:
            try:
                raw, content_type, charset = fetch(link, self.deadline)
                if content_type in ("text/html", "application/xhtml+xml") or _sniff(raw, "") == "html":
                    page = decode_text(raw, link, charset or declared_charset(raw),
                                       notes=self.loaded.warnings)
                    text, page_date, lang = html_main_text(page, link, link)
                    date = date or page_date
            except FristError as e:
                why = e.reason if isinstance(e, DocumentError) else str(e)
                if isinstance(e, Unreachable):
                    self.dead_hosts.add(host)
                    why += f"; not asking {host} again"
                self.loaded.warnings.append(f"{name}: page not read ({why}); using the feed's summary")
        if not text.strip():
            text = entry_summary(entry)
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

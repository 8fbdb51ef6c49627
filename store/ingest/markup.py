"""What the text of a document is: the article of an HTML page, the words of Markdown or of a
feed entry, and what their markup says of date and language.

The libraries of the optional `frist[web]` extra (trafilatura, htmldate, feedparser) are
imported through `web_library`, only when an HTML page or a feed is actually read.
"""
from __future__ import annotations

import datetime as dt
import html.parser
import logging
import re

from store.documents import DocumentError
from store.errors import FristError


class MissingExtra(FristError):
    """A library of the optional web extra is not installed (stops the whole ingest)."""


def web_library(module: str, what: str):
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


def html_main_text(page: str, name: str, url: str | None = None) -> tuple[str, dt.date | None, str | None]:
    """(main text, publication date from metadata, declared language) of an HTML page.

    trafilatura keeps the article and drops navigation, footers and comments; htmldate
    reads the date only from the page's metadata and markup (not from dates in the text,
    which in an article about deadlines are mostly future ones)."""
    trafilatura = web_library("trafilatura", "reading HTML")
    htmldate = web_library("htmldate", "reading HTML")
    try:
        text = trafilatura.extract(page, url=url, include_comments=False, include_tables=True,
                                   deduplicate=False)
    except Exception:  # the parser gave up on the markup; say so in one line
        text = None
    if not text or not re.search(r"[^\W\d_]{2,}", text):   # no words: markup debris only
        raise DocumentError(name, "has no readable article text (broken or empty HTML)")
    text = _paragraphs(text)
    try:
        found = htmldate.find_date(page, extensive_search=False, original_date=True, url=url)
    except Exception:
        found = None
    m = re.search(r"""<html[^>]*?\blang=["']?([A-Za-z]{2})""", page[:4096], re.I)
    return text, iso_date(found), (m[1].lower() if m else None)


def _paragraphs(text: str) -> str:
    """trafilatura's lines as paragraphs: HTML is never wrapped by hand, so a line is a
    heading or a paragraph and ends its sentence (a long headline was read as a wrapped
    line and glued to the first sentence), unless the next one goes on in lower case
    (text beside an inline element in no paragraph: "will\nmeet on 3 May\nto decide")."""
    out: list[str] = []
    for line in text.splitlines():
        line = line.strip()
        if not line:
            continue
        if out and (line[0].islower() or line[0] in ",;:.)"):
            out[-1] += ("" if line[0] in ",;:.)" else " ") + line
        else:
            out.append(line)
    return "\n\n".join(out)


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
                date = iso_date(value)
            elif key in ("lang", "language"):
                lang = lang_code(value.strip(" '\""))
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
    return "\n\n".join(line for line in lines if line)  # blocks: each ends its sentence


def entry_summary(entry) -> str:
    """The longest text the feed itself gives for an entry: its content or its summary."""
    candidates = [c.get("value", "") for c in entry.get("content", [])]
    candidates.append(entry.get("summary", ""))
    texts = [fragment_text(c) for c in candidates if c]
    body = max(texts, key=len, default="")
    title = " ".join(entry.get("title", "").split())
    if title and body and not body.startswith(title):
        body = f"{title}.\n{body}" if not title.endswith((".", "!", "?")) else f"{title}\n{body}"
    return body


# ---------------------------------------------------------------- metadata

def declared_charset(raw: bytes) -> str | None:
    m = re.search(rb"""<meta[^>]+charset=["']?([A-Za-z0-9_.:-]+)""", raw[:4096], re.I)
    return m[1].decode("ascii") if m else None


def lang_code(value: str | None) -> str | None:
    m = re.match(r"^\s*([A-Za-z]{2})\b", value or "")
    return m[1].lower() if m else None


def struct_date(value) -> dt.date | None:
    try:
        return dt.date(value.tm_year, value.tm_mon, value.tm_mday) if value else None
    except (AttributeError, ValueError):
        return None


def iso_date(value: str | None) -> dt.date | None:
    m = re.match(r"^\s*['\"]?(\d{4}-\d{2}-\d{2})", value or "")
    try:
        return dt.date.fromisoformat(m[1]) if m else None
    except ValueError:
        return None

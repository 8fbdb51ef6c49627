"""Fetching a web address: http(s) only, redirects followed (a loop named as one), every
read given only what the deadline for the whole address leaves, and whatever a server
says shown with its control characters made visible.
"""
from __future__ import annotations

import http.client
import io
import re
import socket
import time
import urllib.error
import urllib.parse
import urllib.request

from store.documents import DocumentError, too_large
from store.errors import FristError, visible

MAX_DOWNLOAD_BYTES = 10 * 1024 * 1024
TIMEOUT_SECONDS = 15.0    # the longest wait for any one read from a server
DEADLINE_SECONDS = 30.0   # the longest one address may take in all (config: fetch_timeout)
MAX_REDIRECTS = 10
USER_AGENT = "frist (+https://pypi.org/project/frist/)"
TEXT_TYPES = ("text/", "application/xhtml+xml", "application/xml", "application/rss+xml",
              "application/atom+xml", "application/rdf+xml", "application/feed+json")


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


def check_url(url: str) -> None:
    """FristError in one line unless `url` is an http(s) address that can be asked for:
    a host, a port that is a number, brackets only around an IPv6 host (urllib raises
    ValueError for `http://[::1` deep inside a request)."""
    if not re.match(r"^https?://", url, re.I):
        raise FristError(f"{visible(url)}: only http:// and https:// addresses can be read")
    try:
        parts = urllib.parse.urlsplit(url)
        parts.port  # noqa: B018 — raises ValueError for a port that is not 0 to 65535
    except ValueError as e:
        why = ("a [ or ] that does not enclose an IPv6 host" if "IPv6" in str(e)
               else "a port that is not a number from 0 to 65535" if "port" in str(e).lower()
               else visible(str(e), 80))
        raise FristError(f"not a valid web address: {visible(url)} ({why})") from None
    if not parts.hostname:
        raise FristError(f"not a valid web address: {visible(url)} (no host)")


def fetch(url: str, deadline: float = DEADLINE_SECONDS) -> tuple[bytes, str, str | None]:
    """(body, content type, charset) of an http(s) URL, read within `deadline` seconds in
    all (each read waits at most TIMEOUT_SECONDS); one-line DocumentError otherwise, with
    whatever the server said made visible (a reason phrase may hold terminal escapes)."""
    check_url(url)
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

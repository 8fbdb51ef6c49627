"""The CalDAV collection, through the `caldav` library: what changed since a sync-token,
the changed items in one multiget REPORT per batch, and conditional writes.

Every failure a person can meet (no server, wrong password, no rights, no such
collection, not a task list, a server error) becomes one SyncError line; nothing the
server sends is shown raw (the caller prints it through `printable`).
"""
from __future__ import annotations

import contextlib
import hashlib
import logging
import re
from dataclasses import dataclass
from urllib.parse import quote, unquote, urlsplit

from store.errors import FristError

MULTIGET_BATCH = 250   # hrefs per calendar-multiget REPORT
CALDAV_NS = "{urn:ietf:params:xml:ns:caldav}"
CALENDAR, COLLECTION = CALDAV_NS + "calendar", "{DAV:}collection"  # resource types
# what a URL is: a folder, a calendar, and which components a calendar takes
PROPFIND_KINDS = ('<?xml version="1.0" encoding="utf-8"?><propfind xmlns="DAV:" '
                  'xmlns:C="urn:ietf:params:xml:ns:caldav"><prop><resourcetype/>'
                  '<C:supported-calendar-component-set/></prop></propfind>')
TIMEOUT = 30           # seconds a request may take


class SyncError(FristError):
    """The collection cannot be used (unreachable, refused, not a task list ...)."""


@dataclass
class Listing:
    token: str | None
    etags: dict[str, str]   # href -> ETag of members added or changed (all, when full)
    deleted: set[str]       # hrefs removed since the token
    full: bool              # a full listing: members not in it are gone


def _import_caldav():
    # caldav logs what it finds odd in a server's answers (with tracebacks), partly
    # through the root logger, which then sets itself up to print on stderr: beside the
    # command's one line, or over the dashboard. frist shows its own errors instead.
    if not logging.getLogger().handlers:
        logging.getLogger().addHandler(logging.NullHandler())
    try:
        import caldav
        from caldav.lib import error
    except ImportError as e:
        if getattr(e, "name", None) == "caldav":
            raise SyncError("sync needs the caldav library: pip install 'frist[sync]'") from None
        raise SyncError(f"caldav is installed but cannot be imported: {e}") from None
    return caldav, error


def _status(e) -> int | None:
    """The HTTP status of a caldav error: its `status` (newer caldav), else what
    its reason or message says (older ones: 'Unauthorized', '404 Not Found ...')."""
    status = getattr(e, "status", None)
    if isinstance(status, int):
        return status
    text = f"{getattr(e, 'reason', '')} {getattr(e, 'url', '')}"
    found = re.search(r"\b([45]\d\d)\b", text)
    if found:
        return int(found[1])
    for words, code in (("unauthorized", 401), ("forbidden", 403), ("not found", 404)):
        if words in text.lower():
            return code
    return 404 if type(e).__name__ == "NotFoundError" else None


def href_key(url) -> str:
    """The path of an item's URL, unquoted: one spelling per item, whatever the server
    quotes (an @ or a space)."""
    return unquote(urlsplit(str(url)).path)


class Collection:
    def __init__(self, url: str, username: str, password: str):
        self.url = url if url.endswith("/") else url + "/"
        self.username = username
        caldav, self.error = _import_caldav()
        self.client = caldav.DAVClient(url=self.url, username=username or None,
                                       password=password or None, timeout=TIMEOUT)
        self.calendar = self.client.calendar(url=self.url)
        parts = urlsplit(self.url)
        self.origin = f"{parts.scheme}://{parts.netloc}"
        self.where = parts.netloc

    # -- errors
    @contextlib.contextmanager
    def talking(self, doing: str):
        """Turn what the network or the server raises into one SyncError line."""
        try:
            yield
        except SyncError:
            raise
        except self.error.DAVError as e:
            raise self.refused(_status(e), doing) from None
        except OSError as e:  # requests' and niquests' connection errors are OSErrors
            raise SyncError(self._unreachable(e)) from None
        except Exception:  # caldav choking on an answer that is not CalDAV (a web page)
            raise SyncError(self.not_caldav()) from None

    def _unreachable(self, e: OSError) -> str:
        """One line for a connection that failed; the TLS handshake's failures named
        (the library's own text is a long nest of wrappers)."""
        text = str(e)
        ssl = re.search(r"\[SSL: ([A-Z_]+)\]", text)
        if ssl is None and not any(type(c).__name__ == "SSLError" for c in type(e).__mro__):
            return f"cannot reach the sync server {self.where}: {_reason(e)}"
        code = ssl[1] if ssl else ""
        if code in ("WRONG_VERSION_NUMBER", "RECORD_LAYER_FAILURE", "PACKET_LENGTH_TOO_LONG",
                    "HTTP_REQUEST", "UNKNOWN_PROTOCOL"):
            return (f"the sync server {self.where} does not answer in HTTPS "
                    "(is the url http://?); check [sync] url")
        if code == "CERTIFICATE_VERIFY_FAILED" or "certificate verify failed" in text:
            return (f"the sync server {self.where} has an HTTPS certificate this machine "
                    "does not trust (self-signed, expired or for another name)")
        return (f"no HTTPS connection to the sync server {self.where}"
                + (f" ({code.lower().replace('_', ' ')})" if code else ""))

    def refused(self, status: int | None, doing: str) -> SyncError:
        who = repr(self.username) if self.username else "no user"
        if status == 401:
            return SyncError(f"the sync server {self.where} refused the username or password "
                             f"for {who} (401); check [sync] username and FRIST_SYNC_PASSWORD "
                             "or the keyring")
        if status == 403:
            return SyncError(f"{who} may not {doing} the collection {self.url} (403)")
        if status == 404:
            return SyncError(f"there is no collection at {self.url} (404); check [sync] url")
        return SyncError(f"the sync server {self.where} failed to {doing} the collection "
                         f"{self.url}" + (f" ({status})" if status else ""))

    # -- reading
    def check(self) -> None:
        """That the URL is a calendar collection that holds to-dos: one PROPFIND."""
        with self.talking("read"):
            found = self._kinds(self.url, depth=0)
        # depth 0 answers for the URL alone, whatever spelling of it the server uses
        kinds, components = found.get(href_key(self.url)) or (
            next(iter(found.values())) if len(found) == 1 else (set(), None))
        if CALENDAR not in kinds:
            raise self._no_calendar(COLLECTION in kinds)
        # no supported-calendar-component-set: every component (RFC 4791 5.2.3)
        if components is not None and "VTODO" not in components:
            raise SyncError(f"the collection {self.url} is not a task list (it holds "
                            f"{', '.join(components) or 'no components'}, not VTODO)")

    def _kinds(self, url: str, depth: int) -> dict[str, tuple[set[str], list[str] | None]]:
        """href -> (its resource types, the components it takes or None) of `url` and,
        with depth 1, its members. A refusal raises as the server said; an answer that
        is no WebDAV multistatus is no CalDAV server."""
        response = self.client.propfind(url, PROPFIND_KINDS, depth=depth)
        if response.status >= 400:
            raise self.refused(response.status, "read")
        tree = getattr(response, "tree", None)
        if tree is None or tree.tag != "{DAV:}multistatus":
            raise SyncError(self.not_caldav())
        out = {}
        for member in tree.iter("{DAV:}response"):
            href = member.findtext("{DAV:}href")
            if not href:
                continue
            kinds, components = set(), None
            for propstat in member.iter("{DAV:}propstat"):
                if " 200 " not in f"{propstat.findtext('{DAV:}status')} ":
                    continue
                for kind in propstat.iter("{DAV:}resourcetype"):
                    kinds |= {child.tag for child in kind if isinstance(child.tag, str)}
                for found in propstat.iter(CALDAV_NS + "supported-calendar-component-set"):
                    components = [str(c.get("name", "")).upper()
                                  for c in found.iter(CALDAV_NS + "comp")]
            out[href_key(href)] = (kinds, components)
        return out

    def _no_calendar(self, folder: bool) -> SyncError:
        """The URL is no calendar: a folder (naming the task lists in it, if it shows
        them), or something else."""
        if not folder:
            return SyncError(f"{self.url} is not a task list (no calendar collection); "
                             "check [sync] url")
        try:
            members = self._kinds(self.url, depth=1)
        except Exception:  # the hint is a nicety: the folder's own answer stands
            members = {}
        own = href_key(self.url)
        lists = sorted(self.origin + quote(href) for href, (kinds, components) in members.items()
                       if href != own and CALENDAR in kinds
                       and (components is None or "VTODO" in components))
        if not lists:
            return SyncError(f"{self.url} is a folder, not a task list, and holds none; "
                             "check [sync] url")
        which = "the task list in it" if len(lists) == 1 else "the task lists in it"
        return SyncError(f"{self.url} is a folder, not a task list; {which}: "
                         f"{', '.join(lists[:5])}{', ...' if len(lists) > 5 else ''} "
                         f"(set [sync] url to {'it' if len(lists) == 1 else 'one'})")

    def not_caldav(self) -> str:
        return f"the server at {self.url} does not answer as a CalDAV server; check [sync] url"

    def listing(self, token: str | None) -> Listing:
        """Members changed since `token` (RFC 6578 sync-collection); a refused or expired
        token, or none, gives a full listing with a fresh token."""
        if token:
            with self.talking("read"):
                try:
                    return self._listing(token, full=False)
                except self.error.DAVError as e:
                    if _status(e) == 401:
                        raise
                    # an expired or unknown token (403 or 412 with DAV:valid-sync-token,
                    # or a server that forgot it): list everything instead; a refusal
                    # that is not about the token fails there too
        with self.talking("read"):
            return self._listing(None, full=True)

    def _listing(self, token: str | None, full: bool) -> Listing:
        found = self.calendar.get_objects_by_sync_token(sync_token=token, load_objects=False,
                                                        disable_fallback=True)
        etag_tag = "{DAV:}getetag"
        etags, deleted = {}, set()
        own = href_key(self.url)
        for obj in found:
            href = href_key(obj.url)
            if href == own:
                continue
            etag = (getattr(obj, "props", None) or {}).get(etag_tag)
            if etag:
                etags[href] = str(etag)
            else:  # a removed member: 404 and no properties (RFC 6578 section 3.2)
                deleted.add(href)
        deleted |= {href_key(u) for u in getattr(found, "deleted_urls", None) or ()}
        return Listing(found.sync_token, etags, deleted - set(etags), full)

    def fetch(self, hrefs: list[str]) -> list[tuple[str, str | None, str]]:
        """(href, ETag, text) of each href that still exists, a batch per REPORT."""
        out = []
        for start in range(0, len(hrefs), MULTIGET_BATCH):
            urls = [self.calendar.url.join(quote(h)) for h in hrefs[start:start + MULTIGET_BATCH]]
            with self.talking("read"):
                objects = self.calendar.multiget(urls, raise_notfound=False)
            for obj in objects:
                # raw_data: what the server sent; `data` has been through caldav's
                # clean-up, which drops backslashes before quotes
                data = getattr(obj, "raw_data", None) or obj.data
                if not data:
                    continue
                etag = (getattr(obj, "props", None) or {}).get("{DAV:}getetag")
                out.append((href_key(obj.url), str(etag) if etag else None,
                            data if isinstance(data, str) else data.decode("utf-8")))
        return out

    # -- writing
    def new_href(self, uid: str) -> str:
        """Where a new item goes: its uid as the file name when that is a plain name."""
        name = uid if re.fullmatch(r"[A-Za-z0-9._@+-]{1,200}", uid) else \
            hashlib.sha256(uid.encode()).hexdigest()
        return href_key(self.url) + name + ".ics"

    def put(self, href: str, text: str, etag: str | None) -> tuple[bool, str | None]:
        """Write an item only if it is still `etag` (None: only if it does not exist).
        (True, new ETag) when written; (False, None) on 412: someone changed it first."""
        headers = {"Content-Type": "text/calendar; charset=utf-8"}
        headers.update({"If-Match": etag} if etag else {"If-None-Match": "*"})
        with self.talking("write to"):
            response = self.client.request(self.origin + quote(href), "PUT", text, headers)
        if response.status == 412:
            return False, None
        if response.status not in (200, 201, 204):
            raise self.refused(response.status, "write to")
        tag = response.headers.get("ETag") or response.headers.get("etag")
        return True, (tag if tag and not tag.startswith("W/") else None)

    def delete(self, href: str, etag: str | None) -> bool:
        """Remove an item only if it is still `etag`; False on 412 (changed meanwhile).
        An item already gone counts as removed."""
        headers = {"If-Match": etag} if etag else {}
        with self.talking("write to"):
            response = self.client.request(self.origin + quote(href), "DELETE", "", headers)
        if response.status == 412:
            return False
        if response.status not in (200, 204, 404):
            raise self.refused(response.status, "write to")
        return True


def _reason(e: OSError) -> str:
    """The innermost reason of a connection error, short: 'Connection refused'."""
    text = str(e)
    for pattern in (r"\[Errno -?\d+\] ([^'\")]+)", r"(timed out|Name or service not known)"):
        found = re.search(pattern, text)
        if found:
            return found[1].strip()
    return " ".join(text.split())[:100] or type(e).__name__

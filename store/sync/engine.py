"""Two-way sync of a store with a CalDAV task list: pull, merge, push.

1. Pull: the members changed since the last sync-token (RFC 6578; an expired token or
   a first sync lists them all), then only those whose ETag differs from the one
   recorded, in multiget REPORTs - never one GET per item.
2. Decide per uid, against the state of the last sync: a side that did not change
   takes the other's version; both changed: a field-by-field merge (merge.py); a
   delete on one side removes the item on the other unless that side changed it since
   (then the change is kept and the item comes back).
3. Push: every write carries If-Match with the ETag it was based on (a new item
   If-None-Match: *). A 412 means someone wrote first: that item is fetched again,
   merged and pushed again.
4. Write the local changes as one undo step, then the new state.

A failure before step 4 changes nothing here and leaves the state of the last sync: the
next sync sees what was already pushed as the server's and merges it without loss.
"""
from __future__ import annotations

from dataclasses import dataclass, field

from store import model
from store.model import Commitment
from store.sync.local import LocalChanges, LocalSide
from store.sync.mapping import (DESCRIPTION_EVENT, MappingError, OutOfRange, Remote, parse,
                                record_of, to_ical, view_hash, view_of)
from store.sync.merge import describe_changes, merge
from store.sync.remote import Collection, SyncError
from store.sync.state import Entry, load_state

KEEP = ("local", "remote", "both")
# an item pulled (or merged) and then written back counts once, under the first of these
ONCE = ("merged", "pulled", "pushed")
PUSH_ROUNDS = 4  # a write refused with 412 is merged and tried again, this many times in all
# The guard against mass deletion (as vdirsyncer's "storage was completely emptied"): a
# regular sync that would delete every item of one side, or most of them, changes nothing
# and says so, unless --allow-deletes. An emptied task list (another client pointed at it,
# a collection made anew) or an emptied or replaced store looks, to a sync, exactly like
# a person deleting everything; the guard tells them apart by size alone.
EMPTIED_MIN = 3   # all of a side's items: refused when it held 3 or more (deleting the
                  # last one or two is everyday)
MOST_MIN = 10     # more than half of a side's items: refused from 10 deletions on (a clean-up
                  # of a few items at once is everyday; ten and more than half is not)


@dataclass
class Settings:
    url: str
    username: str
    password: str


class MassDelete(SyncError):
    """A sync refused because it would delete all or most of one side's items; `report`
    has `refused` and `would_delete` set and counts nothing (nothing was changed)."""

    def __init__(self, message: str, report: "Report"):
        super().__init__(message)
        self.report = report


def is_mass_delete(deleted: int, held: int) -> bool:
    """Whether deleting `deleted` of a side's `held` items is a mass deletion."""
    return ((deleted == held and held >= EMPTIED_MIN)
            or (deleted * 2 > held and deleted >= MOST_MIN))


@dataclass
class FirstSync:
    """What the first sync of a store with a collection that holds to-dos asks about."""
    here: int         # commitments in the store
    there: int        # to-dos on the server
    only_here: int    # deleted here by keeping "remote"
    only_there: int   # deleted on the server by keeping "local"


@dataclass
class Report:
    # each count is of distinct uids (an item merged again after a 412 counts once)
    pulled: int = 0      # commitments added or changed here from the server
    pushed: int = 0      # items written to the server
    merged: int = 0      # items both sides changed, merged field by field
    deleted_on_server: int = 0  # items removed from the server (removed here, or --keep local)
    deleted_here: int = 0       # commitments removed here (removed on the server, or --keep remote)
    conflicts: int = 0   # fields both sides changed differently (the later change kept)
    dry_run: bool = False
    first: bool = False
    keep: str | None = None
    full_listing: bool = False
    unreadable: list[str] = field(default_factory=list)  # hrefs of broken server items
    # to-dos dated outside frist's days, left alone on the server: href, uid, title, problem
    skipped: list[dict] = field(default_factory=list)
    deferred: int = 0    # items changed here during the sync: taken up by the next one
    # a mass deletion a sync refused (or, in a dry run, would refuse): the one line saying so
    refused: str | None = None
    # what a dry run (or a refused sync) would delete: side ("here", "server"), uid, id
    # (here), title, due
    would_delete: list[dict] = field(default_factory=list)
    uids: dict[str, set] = field(default_factory=dict, repr=False)  # count name -> uids

    def count(self, what: str, uid: str) -> None:
        if what in ONCE:  # each item counts once: merged, else pulled, else pushed
            rank = ONCE.index(what)
            if any(uid in self.uids.get(higher, ()) for higher in ONCE[:rank]):
                return
            for lower in ONCE[rank + 1:]:
                self.uncount(lower, uid)
        self.uids.setdefault(what, set()).add(uid)
        setattr(self, what, len(self.uids[what]))

    def uncount(self, what: str, uid: str) -> None:
        self.uids.get(what, set()).discard(uid)
        setattr(self, what, len(self.uids.get(what, ())))

    def line(self) -> str:
        """'pulled 3, pushed 5, merged 1, deleted 5 on the server, deleted 2 here' (the
        deletions only when there are some), then notes; 'would pull ...' for a dry run."""
        verbs = (("would pull", "push", "merge", "delete") if self.dry_run
                 else ("pulled", "pushed", "merged", "deleted"))
        counts = f"{verbs[0]} {self.pulled}, {verbs[1]} {self.pushed}, {verbs[2]} {self.merged}"
        if self.deleted_on_server:
            counts += f", {verbs[3]} {self.deleted_on_server} on the server"
        if self.deleted_here:
            counts += f", {verbs[3]} {self.deleted_here} here"
        extra = []
        if self.conflicts:
            extra.append(f"{self.conflicts} field{'s' * (self.conflicts != 1)} changed on both "
                         "sides (the later change kept, the other in the history)")
        if self.unreadable:
            extra.append(f"{len(self.unreadable)} item{'s' * (len(self.unreadable) != 1)} on the "
                         "server could not be read and were left alone")
        if self.skipped:
            problems = sorted(entry["problem"] for entry in self.skipped)
            shown = ", ".join(problems[:3]) + (", ..." if len(problems) > 3 else "")
            extra.append(f"{len(problems)} to-do{'s' * (len(problems) != 1)} on the server left "
                         f"alone: dated outside {model.DATE_RANGE} ({shown})")
        if self.deferred:
            extra.append(f"{self.deferred} changed here meanwhile (next sync)")
        if self.refused and self.dry_run:
            extra.append("a sync refuses to delete this many without --allow-deletes")
        return counts + ("; " + "; ".join(extra) if extra else "")

    def as_json(self) -> dict:
        return {"pulled": self.pulled, "pushed": self.pushed, "merged": self.merged,
                "deleted_on_server": self.deleted_on_server, "deleted_here": self.deleted_here,
                "conflicts": self.conflicts, "dry_run": self.dry_run, "first": self.first,
                "keep": self.keep, "full_listing": self.full_listing,
                "unreadable": self.unreadable, "skipped": self.skipped,
                "deferred": self.deferred, "refused": self.refused,
                "would_delete": self.would_delete}


@dataclass
class Push:
    uid: str
    href: str
    etag: str | None          # If-Match; None: If-None-Match: * (a new item)
    view: dict | None         # None: delete
    updated: str
    raw: str | None = None    # the server's text, whose foreign parts are kept
    base: dict | None = None  # what the push was merged against, for a retry after 412


@dataclass
class Pulled:
    href: str
    etag: str | None
    remote: Remote
    view: dict                # remote.view, plus a history line for a calendar app's edit


class Sync:
    def __init__(self, store, settings: Settings, collection: Collection | None = None):
        self.store = store
        self.settings = settings
        self.collection = collection or Collection(settings.url, settings.username,
                                                   settings.password)
        self.local = LocalSide(store)

    # -- the run
    def run(self, keep: str | None = None, dry_run: bool = False, ask=None,
            allow_deletes: bool = False) -> Report:
        state = load_state(self.store.path, self.collection.url, self.settings.username)
        coll = self.collection
        coll.check()
        self.mine = self.local.records()
        listing = coll.listing(state.token)
        report = Report(dry_run=dry_run, first=state.fresh, full_listing=listing.full)
        self.state, self.report = state, report
        self.after: dict[str, Commitment | None] = {}  # uid -> the local one wanted (None: remove)
        self.updates: dict[str, Entry | None] = {}  # uid -> new state entry (None: forget)
        self.written: dict[str, str | None] = {}  # href -> ETag of what this sync wrote (None: removed)
        self.pull_token = listing.token
        pulled, gone = self._pull(listing)
        if not state.fresh:
            keep = None  # --keep only decides a store's first sync with a collection
        elif self.mine and pulled and keep is None and not self._resumed(pulled):
            keep = self._ask_first(pulled, ask)
        self.keep = report.keep = keep
        pushes = self._decide(pulled, gone)
        report.skipped = sorted(self.skipped.values(), key=lambda entry: entry["href"])
        deleting = [push.uid for push in pushes if push.view is None]
        if dry_run or (keep is None and not allow_deletes):
            self._guard(pulled, gone, deleting)
        if dry_run:
            for push in pushes:
                report.count("pushed" if push.view is not None else "deleted_on_server", push.uid)
            return report
        self._push(pushes)
        self._write_local()
        state.token = self._token_after_own_writes(listing.token)
        state.synced_at = model.now_stamp()
        state.skipped = self.skipped
        for uid, entry in self.updates.items():
            if entry is None:
                state.items.pop(uid, None)
            else:
                state.items[uid] = entry
        state.save()
        return report

    def _guard(self, pulled: dict[str, "Pulled"], gone: set[str], deleting: list[str]) -> None:
        """Refuse a mass deletion (MassDelete, nothing changed yet); a dry run lists what it
        would delete and says whether a sync would refuse. A first sync's --keep local or
        remote deletes what the question said it would: no guard then."""
        report = self.report
        here = sorted(report.uids.get("deleted_here", ()), key=lambda uid: self.mine[uid][0])
        items = [{"side": "here", "uid": uid, "id": self.mine[uid][0],
                  "title": self.mine[uid][1].title, "due": self.mine[uid][1].due}
                 for uid in here]
        there = []
        for uid in deleting:  # a to-do last synced, or one only there (--keep local)
            view = self.state.items[uid].base if uid in self.state.items else pulled[uid].view
            there.append({"side": "server", "uid": uid, "title": view["title"],
                          "due": view["due"]})
        items += sorted(there, key=lambda item: (item["due"], item["title"]))
        # the server held what the last sync saw there and has not gone, and what is new
        on_server = len((set(self.state.items) - gone) | set(pulled))
        parts = []
        if here and is_mass_delete(len(here), len(self.mine)):
            parts.append(f"{_of(len(here), len(self.mine))} commitments here (gone from the "
                         "task list on the server)")
        if deleting and is_mass_delete(len(deleting), on_server):
            parts.append(f"{_of(len(deleting), on_server)} items on the server (gone from "
                         "this store)")
        if report.dry_run:
            report.would_delete = items
            if parts and self.keep is None:
                report.refused = "a sync would delete " + " and ".join(parts)
            return
        if not parts:
            return
        message = (f"this sync would delete {' and '.join(parts)}, and was refused: nothing "
                   "changed on either side; `frist sync --dry-run` lists them, "
                   "`frist sync --allow-deletes` deletes them")
        refused = Report(first=report.first, full_listing=report.full_listing,
                         unreadable=report.unreadable, skipped=report.skipped,
                         refused=message, would_delete=items)
        raise MassDelete(message, refused)

    def _resumed(self, pulled: dict[str, "Pulled"]) -> bool:
        """Whether the collection holds only what this store's own first sync wrote before
        it was cut off (each to-do the same as a local item, unchanged since): then the
        sync just goes on, merging by uid, and nothing needs asking."""
        if self.skipped or self.report.unreadable:
            return False
        return all(uid in self.mine and got.view == view_of(self.mine[uid][1])
                   for uid, got in pulled.items())

    def _ask_first(self, pulled: dict[str, "Pulled"], ask) -> str:
        """The first sync's choice, from `ask(FirstSync)`; SyncError when nobody answers."""
        first = FirstSync(len(self.mine), len(pulled), len(set(self.mine) - set(pulled)),
                          len(set(pulled) - set(self.mine)))
        keep = ask(first) if ask else None
        if keep not in KEEP:
            raise SyncError(
                f"first sync: the collection already holds {first.there} item(s) and this "
                f"store {first.here}; say what to keep with --keep local (the collection "
                f"becomes this store: {first.only_there} deleted on the server), remote (this "
                f"store becomes the collection: {first.only_here} deleted here) or both "
                "(everything, merged by uid)")
        return keep

    # -- 1. pull
    def _pull(self, listing) -> tuple[dict[str, Pulled], set[str]]:
        state = self.state
        href_uid = {entry.href: uid for uid, entry in state.items.items()}
        # to-dos left alone before stay so until they change or go
        self.skipped = {href: entry for href, entry in state.skipped.items()
                        if listing.etags.get(href, None if listing.full else entry["etag"])
                        == entry["etag"] and href not in listing.deleted}
        wanted = [href for href, etag in listing.etags.items() if href not in self.skipped and (
                  href not in href_uid or state.items[href_uid[href]].etag != etag)]
        pulled = self._read(self.collection.fetch(wanted), listing.etags)
        gone_hrefs = set(listing.deleted)
        if listing.full:
            gone_hrefs |= {href for href in href_uid if href not in listing.etags}
        gone = {href_uid[href] for href in gone_hrefs if href in href_uid} - set(pulled)
        return pulled, gone

    def _read(self, fetched, etags: dict[str, str]) -> dict[str, Pulled]:
        out: dict[str, Pulled] = {}
        for href, etag, text in fetched:
            try:
                remote = parse(text)
            except OutOfRange as e:  # not ours to change: the app's user puts it right
                self.skipped[href] = {"href": href, "etag": etag or etags.get(href), "uid": e.uid,
                                      "title": e.title, "problem": e.problem}
                continue
            except MappingError:
                self.report.unreadable.append(href)
                continue
            if remote is None or remote.uid in out:  # an event, or a second copy of a uid
                continue
            entry = self.state.items.get(remote.uid)
            view = _annotate(entry.base, remote) if entry else remote.view
            out[remote.uid] = Pulled(href, etag or etags.get(href), remote, view)
        return out

    # -- 2. decide
    def _decide(self, pulled: dict[str, Pulled], gone: set[str]) -> list[Push]:
        pushes: list[Push] = []
        keep, report = self.keep, self.report
        for uid in sorted(set(self.mine) | set(self.state.items) | set(pulled)):
            entry = self.state.items.get(uid)
            pair = self.mine.get(uid)
            got = pulled.get(uid)
            record = pair[1] if pair else None
            mine = view_of(record) if record is not None else None
            changed_here = mine is not None and (entry is None or view_hash(mine) != entry.hash)
            if got and record is not None:
                if entry is None and keep == "local":
                    pushes.append(Push(uid, got.href, got.etag, mine, record.updated,
                                       got.remote.raw))
                elif entry is None and keep == "remote":
                    self._take(uid, got, pushes)
                elif entry is not None and not changed_here:
                    self._take(uid, got, pushes)
                else:
                    self._merge(uid, entry.base if entry else None, got, pushes)
            elif got:
                if entry is None and keep == "local":
                    pushes.append(Push(uid, got.href, got.etag, None, ""))
                else:
                    if entry is not None:  # deleted here, but changed there since: kept
                        got.view = _with_event(got.view, "deleted here but changed elsewhere "
                                               "since: kept")
                    self._take(uid, got, pushes)
            elif record is not None:
                if uid in gone and not changed_here:
                    self._set_local(uid, None)
                    self.updates[uid] = None
                    report.count("deleted_here", uid)
                elif uid in gone or entry is None:
                    if entry is None and keep == "remote":
                        self._set_local(uid, None)
                        report.count("deleted_here", uid)
                        continue
                    if uid in gone:  # deleted there, but changed here since: kept
                        mine = _with_event(mine, "deleted elsewhere but changed here since: kept")
                        self._set_local(uid, record_of(mine, record.updated, record))
                    pushes.append(Push(uid, self.collection.new_href(uid), None, mine,
                                       record.updated))
                elif changed_here:
                    pushes.append(Push(uid, entry.href, entry.etag, mine, record.updated,
                                       entry.raw, entry.base))
            elif entry is not None:  # removed here
                if uid in gone:
                    self.updates[uid] = None
                else:
                    pushes.append(Push(uid, entry.href, entry.etag, None, ""))
        return pushes

    def _take(self, uid: str, got: Pulled, pushes: list[Push]) -> None:
        """The server's version becomes the local one."""
        pair = self.mine.get(uid)
        if pair is None or view_of(pair[1]) != got.view:
            self._set_local(uid, record_of(got.view, got.remote.updated, pair[1] if pair else None))
            self.report.count("pulled", uid)
        self.updates[uid] = Entry(got.href, got.etag, view_hash(got.remote.view),
                                  got.remote.view, got.remote.raw)
        if got.view != got.remote.view:  # a line added to the history goes back too
            pushes.append(Push(uid, got.href, got.etag, got.view, got.remote.updated,
                               got.remote.raw, got.remote.view))

    def _merge(self, uid: str, base: dict | None, got: Pulled, pushes: list[Push]) -> None:
        """Both sides hold the item and at least this side changed it: merge."""
        record = self.current(uid)
        mine = view_of(record)
        merged, conflicts = merge(base, mine, got.view, record.updated, got.remote.updated)
        self.report.conflicts += conflicts
        if mine != got.view and (base is None or (got.view != base and mine != base)):
            self.report.count("merged", uid)  # both sides changed it
        updated = (got.remote.updated if merged == got.view else record.updated
                   if merged == mine else model.now_stamp())
        if merged != mine:
            self._set_local(uid, record_of(merged, updated, record))
        self.updates[uid] = Entry(got.href, got.etag, view_hash(got.remote.view),
                                  got.remote.view, got.remote.raw)
        if merged != got.remote.view:
            pushes.append(Push(uid, got.href, got.etag, merged, updated, got.remote.raw,
                               got.remote.view))

    def current(self, uid: str) -> Commitment:
        """The local commitment of `uid` as this sync will leave it."""
        if uid in self.after and self.after[uid] is not None:
            return self.after[uid]
        return self.mine[uid][1]

    def _set_local(self, uid: str, record: Commitment | None) -> None:
        self.after[uid] = record

    # -- 3. push
    def _push(self, pushes: list[Push]) -> None:
        coll = self.collection
        for _ in range(PUSH_ROUNDS):
            refused = []
            for push in pushes:
                if push.view is None:
                    done = coll.delete(push.href, push.etag)
                    if done:
                        self.updates[push.uid] = None
                        self.written[push.href] = None
                        self.report.count("deleted_on_server", push.uid)
                else:
                    text = to_ical(push.view, push.updated, push.raw)
                    done, etag = coll.put(push.href, text, push.etag)
                    if done:
                        self.updates[push.uid] = Entry(push.href, etag, view_hash(push.view),
                                                       push.view, text if push.raw else None)
                        self.written[push.href] = etag
                        self.report.count("pushed", push.uid)
                if not done:
                    refused.append(push)
            if not refused:
                return
            pushes = self._again(refused)
        raise SyncError("the collection kept changing while frist wrote to it; nothing here "
                        "changed: run frist sync again")

    def _token_after_own_writes(self, token: str | None) -> str | None:
        """The sync-token to keep: past this sync's own writes when nothing else changed
        since the pull (else the next sync would list every item written here again, a
        thousand after a first sync); the pull's token otherwise, so that whatever
        someone else wrote meanwhile comes in next time."""
        if not self.written or not token:
            return token
        since = self.collection.listing(token)
        ours = (not since.full and since.deleted <= {h for h, e in self.written.items() if e is None}
                and all(self.written.get(href) == etag for href, etag in since.etags.items()))
        return since.token if ours else token

    def _again(self, refused: list[Push]) -> list[Push]:
        """Someone wrote first (412): read those items again and merge once more. Their
        ETags come from a listing since the pull too (caldav before 3.6 gives none with
        multiget); should one change again in between, its write is refused once more."""
        etags = self.collection.listing(self.pull_token).etags
        fetched = self.collection.fetch([push.href for push in refused])
        by_href = {href: (etag or etags.get(href), text) for href, etag, text in fetched}
        pushes: list[Push] = []
        for push in refused:
            if push.href not in by_href:  # gone meanwhile
                if push.view is None:
                    self.updates[push.uid] = None
                else:  # changed here, deleted there: the change is kept
                    pushes.append(Push(push.uid, push.href, None, push.view, push.updated))
                continue
            etag, text = by_href[push.href]
            got = self._read([(push.href, etag, text)], {}).get(push.uid)
            if got is None:  # no longer readable as this item: leave it for now
                self.updates.pop(push.uid, None)
                continue
            if push.view is None:  # deleted here, changed there since: kept
                got.view = _with_event(got.view, "deleted here but changed elsewhere since: kept")
                self._take(push.uid, got, pushes)
            elif push.etag is None and push.base is None and push.uid not in self.state.items:
                self._merge(push.uid, None, got, pushes)
            else:
                self._merge(push.uid, push.base, got, pushes)
        return pushes

    # -- 4. local writes, one undo step
    def _write_local(self) -> None:
        if not self.after:
            return
        changes = LocalChanges()
        for uid, record in self.after.items():
            pair = self.mine.get(uid)
            if pair is None:
                if record is not None:
                    changes.new.append(record)
            else:
                changes.changed[pair[0]] = record
                changes.expected[pair[0]] = pair[1]
        skipped = self.local.write(self._label, changes)
        for uid in skipped:  # changed here during the sync: the next sync takes it up
            old = self.state.items.get(uid)
            self.updates[uid] = old
            if old is None:
                self.updates.pop(uid, None)

    def _label(self, skipped: set[str]) -> str:
        """The undo step's name, counting only what is written here: the `skipped` uids
        changed here during the sync are left for the next one."""
        for uid in skipped:
            self.report.uncount("pulled", uid)
            self.report.uncount("deleted_here", uid)
        self.report.deferred = len(skipped)
        return f"sync ({self.report.line()})"


def _of(part: int, whole: int) -> str:
    """'all 5' or '12 of the 20'."""
    return f"all {whole}" if part == whole else f"{part} of the {whole}"


def _with_event(view: dict, text: str, at: str | None = None) -> dict:
    event = model.Event.now(text) if at is None else model.Event(at, text)
    return {**view, "history": view["history"] + [event.to_doc()]}


def _annotate(base: dict, remote: Remote) -> dict:
    """A calendar app's edit, told in the history as frist's own edits are. Frist's own
    writes already carry their history lines; the line is made from the item alone, so
    two frist stores reading the same edit write the same line. It also tells the edit
    apart for whoever compares records by `updated` and history length (the dashboard),
    when the app left the item's stamps as they were."""
    view = remote.view
    new_events = [e for e in view["history"] if e not in base["history"]]
    # an item an app made has no history of frist's: its one event is remade from the
    # description each time it is read, so a changed description is no sign of frist
    if remote.by_frist and any(e.get("event") != DESCRIPTION_EVENT for e in new_events):
        return view
    what = describe_changes(base, view)
    if not what and not remote.by_frist and base["history"][:1] and \
            view["history"][0]["note"] != base["history"][0].get("note"):
        what = ["description"]
    if not what:
        return view
    if what[0].startswith(("marked ", "reopened")):
        text = f"{what[0]} in a calendar app" + ("; " + ", ".join(what[1:]) if what[1:] else "")
    else:
        text = "edited in a calendar app: " + ", ".join(what)
    return _with_event(view, text, at=remote.updated)

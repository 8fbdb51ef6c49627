"""`frist check` and `frist restore --from-backup`: every store file read through and
checked, what is wrong said with its fix, and the last good state put back.

The backup is a copy of the snapshot, and the journal continues both, so a damaged or
missing snapshot loses nothing; a damaged journal line loses the changes from it on
(the checksums chain, so what comes before it is known good), except the header line:
it holds what its snapshot holds (the ids, the counter, the soonest open items), so
when it still names the snapshot's token, the changes after it that pass their
checksums are kept and the header is written anew. Damaged files are renamed
aside with a timestamp, never deleted, and ids named by lost changes are never handed
out again.
"""
from __future__ import annotations

import contextlib
import datetime as dt
import os
from dataclasses import dataclass
from pathlib import Path

from store.errors import StoreError
from store.journal import (ITEMS, META, RESTORE, WRITE_BACKUP, Damaged, DurableStorage,
                           JournalFile, NewerSchema, apply_change, decode_snapshot,
                           file_signature, head_of, older_than_beside, parse_journal,
                           stamp_text)


def _the(n: int, noun: str) -> str:
    """'the 1 change', 'the 3 changes'."""
    return f"the {n} {noun}{'s' * (n != 1)}"


def _verb(n: int, one: str, many: str) -> str:
    return one if n == 1 else many


@dataclass
class Finding:
    """One store file as `frist check` sees it."""

    role: str               # snapshot, journal, backup
    path: Path
    problem: str | None = None
    detail: str = ""


@dataclass
class Health:
    findings: list[Finding]
    fix: str | None = None  # what to run (or do) about the problems
    exists: bool = True     # False: no store file at all yet

    @property
    def ok(self) -> bool:
        return all(f.problem is None for f in self.findings)


@dataclass
class _Copy:
    """A snapshot file (the live one or its backup) as a survey read it."""

    path: Path
    exists: bool = False
    data: dict | None = None
    problem: str | None = None

    @property
    def meta(self) -> dict:
        return self.data.get(META, {}).get("1", {}) if self.data is not None else {}

    @property
    def token(self) -> str | None:
        return self.meta.get("token")

    @property
    def schema(self) -> int:
        return self.meta.get("schema", 1)

    def describe(self) -> str:
        items = len(self.data.get(ITEMS, {}))
        when = stamp_text(self.meta.get("written"))
        return f"{items} item{'s' * (items != 1)}" + (f", written {when}" if when else "")


@dataclass
class _Survey:
    snapshot: _Copy
    backup: _Copy
    journal: JournalFile | None          # None: no journal file
    journal_problem: str | None = None  # cannot be read, or a newer frist's

    @property
    def anything(self) -> bool:
        """Whether there is a store at all: more than the first journal of a first
        write that failed before its snapshot was in place."""
        return self.snapshot.exists or self.backup.exists or (
            self.journal is not None and not (self.journal.placeholder
                                              and not self.journal_problem
                                              and not self.journal.damage))

    def journal_state(self, base: _Copy) -> str:
        """How the journal relates to `base` (the snapshot, or the backup): continues,
        folded (already in it), placeholder, missing, empty, foreign, damaged, legacy."""
        journal = self.journal
        if self.journal_problem or (journal is not None and journal.damage
                                    and journal.header is not None):
            return "damaged"
        if journal is None:
            return "missing" if base.schema >= 2 else "legacy"
        if journal.header is None:
            if journal.damage:
                return "damaged"
            return "empty" if base.schema >= 2 else "legacy"
        if base.token and journal.token == base.token:
            return "placeholder" if journal.placeholder else "continues"
        if base.schema < 2:
            return "legacy"
        if journal.token is not None and journal.token == base.meta.get("folded"):
            return "folded"
        return "foreign"


@dataclass
class RestorePlan:
    """What `frist restore --from-backup` will do: rebuild the store from `base` (the
    snapshot if it is good, else its backup) and the good journal changes that continue
    it, and keep the damaged files aside."""

    base: _Copy
    changes: list
    aside: list[Path]
    lost: str               # what cannot be put back ('' when nothing)
    fingerprint: tuple      # the files as they were when planned
    beyond: dict            # the highest id and counter the lost changes named
    new_header: bool = False  # the journal's damaged header is written anew

    def describe(self) -> list[str]:
        lines = [f"put back {self.base.path} ({self.base.describe()})"
                 + (f" and {_the(len(self.changes), 'journal change')} that "
                   f"{_verb(len(self.changes), 'follows', 'follow')} it" if self.changes else "")]
        if self.new_header:
            lines.append("write the journal's damaged header anew from the snapshot (it "
                         "holds what the snapshot holds)")
        if self.aside:
            lines.append("keep aside, renamed with a timestamp: "
                         + ", ".join(str(path) for path in self.aside))
        if self.lost:
            lines.append(f"lost: {self.lost}")
        return lines


def _read_files(storage: DurableStorage) -> _Survey:
    """Every store file read and checked through, records included; never raises
    for what it finds."""
    def copy_of(path: Path) -> _Copy:
        copy = _Copy(path)
        try:
            raw = path.read_bytes()
        except FileNotFoundError:
            return copy
        except OSError as e:
            copy.exists, copy.problem = True, f"cannot be read: {e.strerror}"
            return copy
        copy.exists = True
        try:
            copy.data = decode_snapshot(raw, check_records=True)
        except Damaged as e:
            copy.problem = f"damaged: {e}"
        except NewerSchema as e:
            copy.problem = f"written by a newer frist (schema {e.args[0]})"
        return copy

    survey = _Survey(copy_of(storage.path), copy_of(storage.backup), None)
    try:
        raw = storage.journal_path.read_bytes()
    except FileNotFoundError:
        pass
    except OSError as e:
        survey.journal, survey.journal_problem = JournalFile(), f"cannot be read: {e.strerror}"
    else:
        try:
            survey.journal = parse_journal(raw, check_records=True)
        except NewerSchema as e:
            survey.journal = JournalFile()
            survey.journal_problem = f"written by a newer frist (schema {e.args[0]})"
    snap = survey.snapshot
    if snap.data is not None and snap.schema < 2:
        # An empty or earlier-format snapshot beside a newer journal or backup is no
        # store of its own: restore sets it aside and goes on from the backup.
        try:
            backup = storage.backup.read_bytes()
        except OSError:
            backup = None
        if why := older_than_beside(snap.data, survey.journal, backup):
            snap.data, snap.problem = None, f"damaged: {why}"
    return survey


def _fingerprint(storage: DurableStorage) -> tuple:
    def sig(path: Path):
        try:
            return tuple(file_signature(path.stat()))
        except OSError:
            return None
    return tuple(sig(path) for path in (storage.path, storage.journal_path, storage.backup))


def check(storage: DurableStorage, sync_state: Path | None = None) -> Health:
    """What is wrong with the store files, and the fix (see `frist check`); with the sync
    state file at `sync_state` too, when there is one (it is no part of a restore)."""
    with storage.locked():
        health = _judge(storage, _read_files(storage))
    found = _check_sync_state(sync_state) if sync_state and health.exists else None
    if found is not None:
        health.findings.append(found)
        if found.problem:
            from store.sync.state import STATE_FIX
            fix = f"the sync state: {STATE_FIX}"
            health.fix = f"{health.fix}; {fix}" if health.fix else fix
    return health


def _check_sync_state(path: Path) -> Finding | None:
    """The sync state as `frist sync` would read it; None when the store never synced."""
    from store.sync.state import StateError, read_state
    try:
        state = read_state(path)
    except StateError as e:
        return Finding("sync", path, e.problem)
    if state is None:
        return None
    count = len(state.items)
    when = stamp_text(state.synced_at)
    return Finding("sync", path, detail=f"{count} item{'s' * (count != 1)}"
                   + (f", synced {when}" if when else ""))


def _judge(storage: DurableStorage, survey: _Survey) -> Health:
    if not survey.anything:
        return Health([], exists=False)
    snap, backup, journal = survey.snapshot, survey.backup, survey.journal
    newer = [copy.problem for copy in (snap, backup) if "newer" in (copy.problem or "")]
    newer += [survey.journal_problem] if "newer" in (survey.journal_problem or "") else []

    snapshot = Finding("snapshot", storage.path)
    if not snap.exists:
        snapshot.problem = "missing"
    elif snap.problem:
        snapshot.problem = snap.problem
    else:
        snapshot.detail = snap.describe() + (
            "; written by an earlier frist (schema 1): the next change upgrades it"
            if snap.schema < 2 else "")

    base = snap if snap.data is not None else backup
    state = survey.journal_state(base) if base.data is not None else (
        "damaged" if survey.journal_problem or (journal and journal.damage) else "unknown")
    log = Finding("journal", storage.journal_path)
    if state == "damaged":
        log.problem = survey.journal_problem or (
            f"damaged: {journal.damage}" + (
                f"; {_the(len(journal.changes), 'change')} before it "
                f"{_verb(len(journal.changes), 'is', 'are')} good" if journal.header else "")
            + (f"; {_the(len(journal.salvaged), 'change')} after it "
               f"{_verb(len(journal.salvaged), 'is', 'are')} intact"
               if _salvageable(journal, base) else ""))
    elif state == "missing":
        log.problem = "missing, though the snapshot has one"
    elif state == "empty":
        log.problem = "empty, though the snapshot has one"
    elif state == "foreign":
        log.problem = "belongs to another snapshot"
    elif state == "continues":
        count = len(journal.changes)
        log.detail = (f"{count} change{'s' * (count != 1)}" if count else "no change") + (
            " since the snapshot") + (
            "; its last line was cut short by an interrupted write (nothing had been "
            "confirmed): the next change cuts it off" if journal.torn else "")
    elif state in ("folded", "placeholder"):
        log.detail = "no change since the snapshot"
    elif state == "legacy":
        log.detail = "none in use (an earlier frist's store)"
    elif journal is None:
        log.detail = "none"
    else:
        log.detail = f"{len(journal.changes)} changes, which continue no snapshot found"

    copy = Finding("backup", storage.backup)
    if not backup.exists:  # a store is there (a snapshot or a journal): it has a backup
        copy.problem = "missing"
    elif backup.problem:
        copy.problem = backup.problem
    elif snap.data is not None and backup.token != snap.token and not (
            journal is not None and journal.token is not None
            and backup.token == journal.token and state == "folded"):
        copy.problem = (f"older than the snapshot ({backup.describe()}): it would "
                        f"not give back the changes since")
    else:
        copy.detail = backup.describe()

    findings = [snapshot, log, copy]
    health = Health(findings)
    if newer:
        health.fix = f"upgrade frist: {newer[0]}"
    elif snapshot.problem or log.problem:
        if snap.data is None and backup.data is None:
            health.fix = ("no good copy of the store is left; the files stay as they are "
                          "(the journal's header keeps the soonest open items)")
        else:
            health.fix = f"run `{RESTORE}`"
    elif copy.problem:
        health.fix = f"run `{WRITE_BACKUP}` (writes a new backup from the store)"
    return health


def restore_plan(storage: DurableStorage) -> RestorePlan | None:
    """How `frist restore --from-backup` would put the last good state back; None
    if the store is healthy. StoreError if there is no good copy to restore."""
    with storage.locked():
        survey = _read_files(storage)
        files = _fingerprint(storage)
    if _judge(storage, survey).ok:
        return None
    snap, backup, journal = survey.snapshot, survey.backup, survey.journal
    for problem in (snap.problem, backup.problem, survey.journal_problem):
        if problem and "newer" in problem:
            raise StoreError(f"the store was written by a newer frist: upgrade frist "
                             f"({problem})")
    base = snap if snap.data is not None else backup
    if base.data is None:
        raise StoreError(f"nothing to restore from: neither {storage.path} nor its backup "
                         f"{storage.backup} is good; the files stay as they are")
    state = survey.journal_state(base)
    aside = [path for path, bad in ((storage.path, snap.exists and snap.data is None),
                                    (storage.backup, backup.exists and backup.data is None))
             if bad]
    changes, lost, new_header = [], "", False
    if state == "continues" or (state == "damaged" and journal is not None
                                and journal.header is not None
                                and journal.token == base.token):
        changes = journal.changes
        if journal.damage:
            aside.append(storage.journal_path)
            lost = (f"the journal's {journal.lost} change{'s' * (journal.lost != 1)} "
                    f"from its damaged line on")
    elif state == "damaged" and _salvageable(journal, base):
        changes, new_header = journal.salvaged, True
        aside.append(storage.journal_path)
        after = journal.lines - 1 - len(changes)
        if after:
            lost = (f"the journal's {after} change{'s' * (after != 1)} from its damaged "
                    f"line {len(changes) + 2} on")
    elif state in ("damaged", "foreign", "empty") or (
            state == "unknown" and journal is not None):
        aside.append(storage.journal_path)
        lost = "the changes in the journal, which do not continue it"
    elif state == "missing":
        lost = f"the changes since {stamp_text(base.meta.get('written')) or 'it was written'}"
    beyond = dict(journal.beyond) if journal is not None else {"last_id": 0, "n": 0}
    if journal is not None and journal.header is not None and changes is not journal.changes:
        for name in ("last_id", "n"):  # a journal whose changes are all lost
            beyond[name] = max([beyond[name], journal.header.get(name, 0)]
                               + [change.get(name, 0) for change in journal.changes])
    return RestorePlan(base, changes, aside, lost, files, beyond, new_header)


def _salvageable(journal: JournalFile | None, base: _Copy) -> bool:
    """Whether the changes after the journal's damaged header continue `base`: the
    header still names its token (random, so no other snapshot's)."""
    return (journal is not None and journal.header is None and bool(journal.salvaged)
            and journal.names_token(base.token))


def restore(storage: DurableStorage, plan: RestorePlan) -> list[Path]:
    """Carry out `plan`: the damaged files renamed aside (never deleted), the store
    rebuilt and written as a new snapshot, backup and journal. Returns the new
    names of the files set aside."""
    with storage.locked():
        if _fingerprint(storage) != plan.fingerprint:
            raise StoreError("the store's files changed since the restore was planned; "
                             "nothing was done: run it again")
        stamp = dt.datetime.now().strftime("%Y%m%d-%H%M%S")
        moved: list[tuple[Path, Path]] = []
        try:
            for path in plan.aside:
                target = path.with_name(f"{path.name}.damaged-{stamp}")
                number = 1
                while target.exists():
                    number += 1
                    target = path.with_name(f"{path.name}.damaged-{stamp}-{number}")
                os.rename(path, target)
                moved.append((path, target))
            data = plan.base.data
            counts = [data.get(META, {}).get("1", {}).get("n", 0), plan.beyond["n"]]
            for change in plan.changes:
                apply_change(data, change)
                counts.append(change.get("n", 0))
            meta = data.setdefault(META, {}).setdefault("1", {})
            meta["last_id"] = max(head_of(data)["last_id"], plan.beyond["last_id"])
            storage.rebuild(data, max(counts) + 1)
        except (OSError, StoreError) as e:
            for original, aside in reversed(moved):
                with contextlib.suppress(OSError):
                    os.rename(aside, original)
            storage.reload()
            if isinstance(e, StoreError):
                raise
            raise StoreError(f"cannot restore the store {storage.path}: {e.strerror}; "
                             f"nothing was changed") from None
    return [aside for _original, aside in moved]

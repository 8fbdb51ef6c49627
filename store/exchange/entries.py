"""What every reader of an import file shares: the errors that name an entry's position.
Each entry becomes a `Commitment` (`Commitment.from_json`, or `Commitment.new` from the
fields a format's reader took out), whose checks name the field; `each_entry` adds the
entry's position. A bad value is an entry error, never a traceback.
"""
from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field

from store import model
from store.errors import FristError


# control characters, which a file's text cells and lines must not hold raw
CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")


class ExchangeError(FristError):
    """A file that cannot be imported, or an entry in it that is bad (with its position)."""


@dataclass
class Parsed:
    """What a file holds: its format, the records to store, and entries passed over."""

    format: str  # "frist JSON", "Taskwarrior JSON" or "iCalendar"
    records: list[model.Commitment]
    skipped: list[str] = field(default_factory=list)


def fail(position: int, message: str):
    raise ExchangeError(f"entry {position}: {message}")


def each_entry(entries: list, read) -> list[model.Commitment]:
    """`read(entry, position)` for every entry; a value of a kind nobody foresaw still
    becomes a one-line entry error, never a traceback. None results are left out."""
    out, uids = [], {}
    for position, entry in enumerate(entries, 1):
        try:
            record = read(entry, position)
        except ExchangeError:
            raise
        except model.ModelError as e:   # a bad field, a day outside frist's range, ...
            fail(position, str(e))
        except (TypeError, ValueError, AttributeError, KeyError, OverflowError) as e:
            fail(position, f"cannot be read ({one_line(e)})")
        if record is not None:
            one_uid_once(record.uid, position, uids)
            out.append(record)
    return out


def one_uid_once(uid: str, position: int, seen: dict[str, int]) -> None:
    """An entry error when a second entry of the file has the uid of an earlier one. The
    uid is what makes a commitment the same one on re-import and sync, so two entries
    with one uid cannot both be right, and frist does not guess which one is: the file
    is refused, naming both, for the person to mend (`seen`: uid -> its first position)."""
    if uid in seen:
        fail(position, f"has the uid {short(uid)} of entry {seen[uid]}: one uid is one "
                       f"commitment; remove one of the two or give it another uid")
    seen[uid] = position


def short(value) -> str:
    text = repr(value)
    return text if len(text) <= 60 else text[:57] + "..."


def one_line(error: Exception) -> str:
    text = " ".join(str(error).split())
    return text if len(text) <= 120 else text[:117] + "..."


def in_range(day: dt.date, key: str, position: int) -> dt.date:
    """`day` if frist accepts it, else an entry error naming the range."""
    try:
        return model.check_day(day)
    except model.OutOfRange as e:
        fail(position, f"'{key}': {e}")


def parse_stamp(text) -> dt.datetime | None:
    """A stored timestamp as an aware datetime; None for one that is not an ISO date and
    time inside the days frist accepts (a store of an older frist may hold any text
    there, and a year 1 or 9999 stamp would overflow when moved to UTC)."""
    try:
        when = dt.datetime.fromisoformat(str(text))
        model.check_day(when.date())
        return when if when.tzinfo else when.astimezone()
    except (TypeError, ValueError, OverflowError, OSError, model.OutOfRange):
        return None

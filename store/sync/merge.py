"""Field-by-field three-way merge of two views of one commitment.

Against `base` (what both sides last agreed on): a field only one side changed takes that
side's value; a field both changed to different values takes the later change (by the
sides' `updated` stamps) and the other value is written into the history. Lists merge
as sets of entries: tags, sources and history events added on either side are all kept,
and one removed on one side (and untouched on the other) is removed.
"""
from __future__ import annotations

import datetime as dt

from store import model

# fields that change together count as one (a window is due, precision and start)
GROUPS = (("title",), ("due", "precision", "window_start"), ("due_text",), ("actor",),
          ("status", "decided"), ("created",))
LISTS = ("tags", "sources", "history")
GROUP_NAMES = {"title": "title", "due": "due", "due_text": "said-as words", "actor": "actor",
               "status": "status", "created": "creation time"}


def _when(stamp: str) -> dt.datetime:
    try:
        when = dt.datetime.fromisoformat(stamp)
    except (TypeError, ValueError):
        return dt.datetime.min.replace(tzinfo=dt.timezone.utc)
    return when if when.tzinfo else when.astimezone()


def later(a: str, b: str) -> bool:
    """Whether stamp `a` is later than stamp `b`."""
    return _when(a) > _when(b)


def shown(view: dict, group: tuple[str, ...]) -> str:
    """How a history line names a field's value."""
    name = group[0]
    if name == "due":
        return model.due_label(view["due"], view["precision"], view["window_start"])
    if name == "status":
        return view["status"] + (f" on {view['decided']}" if view.get("decided") else "")
    return repr(view[name])


def _merge_list(base: list, local: list, remote: list) -> list:
    """Entries of `local` not removed remotely, then those `remote` added."""
    kept = [x for x in local if x in remote or x not in base]
    return kept + [x for x in remote if x not in local and x not in base]


def merge(base: dict | None, local: dict, remote: dict, local_updated: str,
          remote_updated: str) -> tuple[dict, int]:
    """(merged view, number of fields both sides changed differently). With no base
    (both sides made the same uid), every differing field is such a conflict."""
    out = dict(local)
    notes, conflicts = [], 0
    remote_later = later(remote_updated, local_updated)
    for group in GROUPS:
        mine = tuple(local[f] for f in group)
        theirs = tuple(remote[f] for f in group)
        if mine == theirs:
            continue
        before = tuple(base[f] for f in group) if base else None
        if mine == before:
            winner = remote
        elif theirs == before:
            winner = local
        else:
            conflicts += 1
            winner, loser = (remote, local) if remote_later else (local, remote)
            where = "elsewhere" if winner is remote else "here"
            notes.append(f"{GROUP_NAMES[group[0]]} changed on both sides: kept {shown(winner, group)} "
                         f"(changed later {where}), not {shown(loser, group)}")
        for f in group:
            out[f] = winner[f]
    for name in LISTS:
        out[name] = _merge_list(base[name] if base else [], local[name], remote[name])
    out["tags"] = sorted(set(out["tags"]))
    out["history"] = sorted(out["history"], key=lambda e: _when(e.get("at", "")))
    if notes:
        out["history"].append(model.Event.now("sync: " + "; ".join(notes)).to_doc())
    return out, conflicts


def describe_changes(base: dict, new: dict) -> list[str]:
    """What changed from `base` to `new`, in the words of frist's own history lines."""
    what = []
    for group in GROUPS:
        if any(base[f] != new[f] for f in group):
            if group[0] == "status":
                what.append("reopened" if new["status"] == "open" else f"marked {new['status']}")
            elif group[0] != "created":
                what.append(f"{GROUP_NAMES[group[0]]} from {shown(base, group)} to {shown(new, group)}")
    if base["tags"] != new["tags"]:
        what.append(f"tags to {', '.join(new['tags']) or 'none'}")
    return what

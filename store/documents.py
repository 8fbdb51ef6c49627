"""Reading the bytes of a document a person points frist at, refusing what is not text.

Every refusal is a `DocumentError` that knows the document's name and a short reason, so
a folder ingest can list what it skipped and a single file can fail with one line.
"""
from __future__ import annotations

import sys
from pathlib import Path

from store.errors import FristError

MAX_FILE_BYTES = 20 * 1024 * 1024


class DocumentError(FristError):
    """A document that cannot be read as text: `name` and `reason` ("is empty")."""

    def __init__(self, name: str, reason: str):
        super().__init__(f"{name} {reason}")
        self.name, self.reason = name, reason


def too_large(limit: int) -> str:
    return f"is too large (over {limit >> 20} MB)"


def check_bytes(raw: bytes, name: str) -> None:
    """DocumentError for empty or binary data."""
    if not raw.strip():
        raise DocumentError(name, "is empty")
    if b"\x00" in raw[:8192]:
        raise DocumentError(name, "is not text (binary data)")


def decode_text(raw: bytes, name: str, charset: str | None = None) -> str:
    """The text of `raw`: UTF-8 (with or without BOM), or the declared `charset`.

    DocumentError for empty, binary or undecodable data."""
    check_bytes(raw, name)
    for encoding in ("utf-8-sig", charset):
        if not encoding:
            continue
        try:
            text = raw.decode(encoding)
        except (UnicodeDecodeError, LookupError):
            continue
        if not text.strip():
            raise DocumentError(name, "is empty")
        return text
    raise DocumentError(name, f"is not UTF-8{f' or {charset}' if charset else ''} text")


def read_file_bytes(path: Path, name: str | None = None) -> bytes:
    """The bytes of a file, refusing folders, missing files and files over the size cap."""
    name = name or str(path)
    try:
        if path.is_dir():
            raise DocumentError(name, "is a folder, not a file")
        if path.stat().st_size > MAX_FILE_BYTES:
            raise DocumentError(name, too_large(MAX_FILE_BYTES))
        with path.open("rb") as fh:
            raw = fh.read(MAX_FILE_BYTES + 1)  # the file may have grown since stat
    except FileNotFoundError:
        raise DocumentError(name, "does not exist") from None
    except PermissionError:
        raise DocumentError(name, "cannot be read (permission denied)") from None
    except OSError as e:
        raise DocumentError(name, f"cannot be read ({e.strerror or e})") from None
    if len(raw) > MAX_FILE_BYTES:
        raise DocumentError(name, too_large(MAX_FILE_BYTES))
    return raw


def read_stdin_bytes(name: str = "standard input") -> bytes:
    raw = sys.stdin.buffer.read(MAX_FILE_BYTES + 1)
    if len(raw) > MAX_FILE_BYTES:
        raise DocumentError(name, too_large(MAX_FILE_BYTES))
    return raw

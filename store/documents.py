"""Reading the text of a document a person points frist at, refusing what is not text."""
from __future__ import annotations

import sys
from pathlib import Path

from store.errors import FristError

MAX_FILE_BYTES = 20 * 1024 * 1024


def decode_text(raw: bytes, name: str) -> str:
    """UTF-8 (with or without BOM) text, or FristError for empty, binary or undecodable data."""
    if not raw.strip():
        raise FristError(f"{name} is empty")
    if b"\x00" in raw[:8192]:
        raise FristError(f"{name} is not text (binary data)")
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise FristError(f"{name} is not UTF-8 text") from None


def read_document_text(source: str) -> tuple[str, str]:
    """(text, name) of a file path or '-' for standard input."""
    if source == "-":
        raw = sys.stdin.buffer.read(MAX_FILE_BYTES + 1)
        name = "standard input"
    else:
        path = Path(source)
        name = str(path)
        try:
            if path.is_dir():
                raise FristError(f"{name} is a folder, not a file")
            if path.stat().st_size > MAX_FILE_BYTES:
                raise FristError(f"{name} is too large (over {MAX_FILE_BYTES >> 20} MB)")
            raw = path.read_bytes()
        except FileNotFoundError:
            raise FristError(f"no such file: {name}") from None
        except PermissionError:
            raise FristError(f"cannot read {name}: permission denied") from None
    if len(raw) > MAX_FILE_BYTES:
        raise FristError(f"{name} is too large (over {MAX_FILE_BYTES >> 20} MB)")
    return decode_text(raw, name), name

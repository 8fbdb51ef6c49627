"""Reading the bytes of a document a person points frist at, refusing what is not text,
and writing a file a person names (`write_file`: whole or not at all).

Every refusal is a `DocumentError` that knows the document's name and a short reason, so
a folder ingest can list what it skipped and a single file can fail with one line.
"""
from __future__ import annotations

import codecs
import contextlib
import errno
import os
import re
import stat
import sys
from pathlib import Path

from store.errors import FristError, visible

MAX_FILE_BYTES = 20 * 1024 * 1024


class DocumentError(FristError):
    """A document that cannot be read as text: `name` and `reason` ("is empty"). The
    message shows the name on one line and at most 200 long (a URL may be 100 KB)."""

    def __init__(self, name: str, reason: str):
        super().__init__(f"{visible(name)} {reason}")
        self.name, self.reason = name, reason


def too_large(limit: int) -> str:
    return f"is too large (over {limit >> 20} MB)"


# Byte order marks: the encoding a file names itself (UTF-32's before UTF-16's, which
# starts it).
BOMS = ((codecs.BOM_UTF32_LE, "utf-32-le", "UTF-32"), (codecs.BOM_UTF32_BE, "utf-32-be", "UTF-32"),
        (codecs.BOM_UTF16_LE, "utf-16-le", "UTF-16"), (codecs.BOM_UTF16_BE, "utf-16-be", "UTF-16"))
# Bytes no text holds in any 8-bit encoding: C0 controls but tab, line and page breaks.
_BINARY = re.compile(rb"[\x00-\x08\x0e-\x1a\x1c-\x1f\x7f]")
FALLBACK = "cp1252"  # Windows-1252: Latin-1's printable characters, and € „ “ ” – in 0x80-0x9f


def _bom(raw: bytes) -> tuple[bytes, str, str] | None:
    return next((bom for bom in BOMS if raw.startswith(bom[0])), None)


def check_bytes(raw: bytes, name: str) -> None:
    """DocumentError for empty or binary data (UTF-16 and UTF-32 with their byte order
    mark hold NUL bytes and are text)."""
    if not raw.strip():
        raise DocumentError(name, "is empty")
    if b"\x00" in raw[:8192] and _bom(raw) is None:
        raise DocumentError(name, "is not text (binary data)")


def decode_text(raw: bytes, name: str, charset: str | None = None,
                notes: list[str] | None = None) -> str:
    """The text of `raw`: by its byte order mark (UTF-8, UTF-16, UTF-32), else UTF-8,
    else the declared `charset`, else, when it holds no byte that only binary data
    holds, Windows-1252 (which reads Latin-1 too). What was assumed beyond UTF-8 is said
    in `notes` ("…: not UTF-8; read as Windows-1252 (Latin-1)").

    DocumentError for empty, binary or undecodable data."""
    check_bytes(raw, name)
    said = notes if notes is not None else []
    if bom := _bom(raw):
        marker, codec, label = bom
        try:
            text = raw[len(marker):].decode(codec)
        except UnicodeDecodeError:
            raise DocumentError(name, f"starts as {label} text but is not") from None
        said.append(f"{visible(name)}: read as {label} (it starts with a byte order mark)")
        return _not_empty(text, name)
    for encoding in ("utf-8-sig", charset):
        if not encoding:
            continue
        try:
            text = raw.decode(encoding)
        except (UnicodeDecodeError, LookupError):
            continue
        return _not_empty(text, name)
    if _BINARY.search(raw):
        raise DocumentError(name, "is not text (binary data)")
    said.append(f"{visible(name)}: not UTF-8{f' or {charset}' if charset else ''}; "
                f"read as Windows-1252 (Latin-1)")
    try:
        text = raw.decode(FALLBACK)
    except UnicodeDecodeError:  # one of the five bytes Windows-1252 leaves unassigned
        text = raw.decode("latin-1")
    return _not_empty(text, name)


def _not_empty(text: str, name: str) -> str:
    if not text.strip():
        raise DocumentError(name, "is empty")
    return text


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


def write_file(path: str | os.PathLike, data: bytes) -> None:
    """Put `data` in the file a person named (`export -o`, a screenshot), whole or not at
    all: written to a temporary file beside it, fsynced, then renamed over it, so a full
    disk or a crash leaves the old file as it was. A symbolic link stays a link (its
    target is replaced); a device or pipe (/dev/stdout) is written to as it is.
    FristError naming the file if it cannot be written."""
    shown = os.fspath(path)
    try:
        old = os.stat(path)  # of what a link points to
    except FileNotFoundError:
        old = None
    except OSError as e:
        raise FristError(f"cannot write {shown}: {e.strerror or e}") from None
    kept = "; it was left as it was" if old is not None else ""
    if old is not None and stat.S_ISDIR(old.st_mode):
        raise FristError(f"cannot write {shown}: it is a folder")
    try:
        if old is not None and not stat.S_ISREG(old.st_mode):
            with open(path, "wb") as fh:  # a device or a pipe: nothing to replace
                fh.write(data)
            return
        _replace_file(Path(os.path.realpath(path)), data, old)
    except OSError as e:
        raise FristError(f"cannot write {shown}: {e.strerror or e}{kept}") from None


def _replace_file(target: Path, data: bytes, old: os.stat_result | None) -> None:
    temp = target.with_name(f".{target.name}.{os.getpid()}.tmp")
    try:
        fd = os.open(temp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o666)  # umask applies
    except OSError as e:
        if old is None:
            raise
        # the file is there, but no new one can be made beside it (a read-only folder, /proc)
        raise OSError(e.errno, f"no new file can be made in {target.parent} to replace it "
                               f"({e.strerror})") from None
    try:
        try:
            if old is not None:  # the file keeps its permissions (and owner, if allowed)
                os.fchmod(fd, stat.S_IMODE(old.st_mode))
                with contextlib.suppress(OSError):
                    os.fchown(fd, old.st_uid, old.st_gid)
            view = memoryview(data)
            while view:
                written = os.write(fd, view)
                if written <= 0:
                    raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))  # nothing more fits
                view = view[written:]
            os.fsync(fd)
        finally:
            os.close(fd)
        os.replace(temp, target)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(temp)
        raise
    with contextlib.suppress(OSError):  # make the rename itself durable
        folder = os.open(target.parent, os.O_RDONLY)
        try:
            os.fsync(folder)
        finally:
            os.close(folder)

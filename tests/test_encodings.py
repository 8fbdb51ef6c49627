"""Text files in the encodings people have (QA1 16): UTF-16 and UTF-32 with a byte order
mark, Latin-1 and Windows-1252 are read as text, with a note of the encoding assumed;
binary data stays refused."""
from __future__ import annotations

import json
import os

import pytest

GERMAN = "Die Brücke über die Spree wird am 9. Januar 2027 wieder geöffnet, sagte das Ministerium.\n"
ENGLISH = "The ministry said the “new” bridge, which cost €5m, will reopen on 9 January 2027.\n"


@pytest.mark.parametrize("encoding, label", [("utf-16", "UTF-16"), ("utf-16-be", "UTF-16"),
                                             ("utf-32", "UTF-32")])
def test_utf16_and_utf32_with_a_byte_order_mark_are_text(frist, tmp_path, encoding, label):
    path = tmp_path / "article.txt"
    raw = GERMAN.encode(encoding)
    if encoding == "utf-16-be":
        raw = b"\xfe\xff" + raw
    path.write_bytes(raw)
    result = frist("extract", str(path), "--json", "--published", "2026-11-01", "--lang", "de")
    assert result.returncode == 0, result.stderr
    [found] = json.loads(result.stdout)
    assert found["due"] == "2027-01-09" and "Brücke" in found["sentence"]
    assert f"note: {path}: read as {label} (it starts with a byte order mark)" in result.stderr


@pytest.mark.parametrize("encoding, text", [("latin-1", GERMAN), ("cp1252", ENGLISH)])
def test_latin1_and_windows_1252_are_read_with_a_note(frist, tmp_path, encoding, text):
    path = tmp_path / "article.txt"
    path.write_bytes(text.encode(encoding))
    result = frist("extract", str(path), "--json", "--published", "2026-11-01")
    assert result.returncode == 0, result.stderr
    [found] = json.loads(result.stdout)
    assert found["due"] == "2027-01-09" and found["sentence"] == text.strip()
    assert f"note: {path}: not UTF-8; read as Windows-1252 (Latin-1)" in result.stderr
    stored = frist("ingest", str(path), "--yes", "--published", "2026-11-01")
    assert stored.returncode == 0, stored.stderr
    assert f"warning: {path}: not UTF-8; read as Windows-1252 (Latin-1)" in stored.stderr
    [item] = json.loads(frist("list", "--json").stdout)
    assert item["sources"][0]["sentence"] == text.strip()


def test_an_import_file_in_utf16_is_read(frist, tmp_path):
    path = tmp_path / "items.json"
    path.write_bytes(json.dumps([{"title": "Brücke offen", "due": "2027-01-09"}],
                                ensure_ascii=False).encode("utf-16"))
    result = frist("import", str(path))
    assert result.returncode == 0, result.stderr
    assert "read as UTF-16" in result.stderr
    assert json.loads(frist("list", "--json").stdout)[0]["title"] == "Brücke offen"


@pytest.mark.parametrize("raw", [
    b"\x89PNG\r\n\x1a\n" + bytes(64) + os.urandom(2000),       # NUL bytes: binary
    bytes(range(1, 256)) * 40,                                   # no NUL, but controls
    b"text that starts well\n" + b"\x01\x02\x03\xff\xfe" * 50,   # not UTF-8, controls
], ids=["png", "every-byte", "text-then-controls"])
def test_binary_data_stays_refused(frist, tmp_path, raw):
    path = tmp_path / "data.bin"
    path.write_bytes(raw)
    for command in (["extract", str(path)], ["ingest", str(path), "--yes"]):
        result = frist(*command)
        assert result.returncode == 1
        assert result.stderr == f"error: {path} is not text (binary data)\n"

"""`frist extract`: what it reads, what it refuses in one line, and what it prints."""
from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

FIXTURES = Path(__file__).parent / "fixtures" / "ingest"
ARTICLE = (FIXTURES / "article.txt").read_text()
FIELDS = ["title", "due", "precision", "window_start", "due_text", "actor", "sentence",
          "start", "end", "confidence"]


def extract_json(frist, *args, input=None):
    result = frist("extract", *args, "--json", input=input)
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)


def test_json_has_the_candidate_fields_and_stores_nothing(frist, db_path):
    found = extract_json(frist, "-", "--published", "2025-11-20", "--lang", "en", input=ARTICLE)
    assert found, "the article's promises are found"
    for candidate in found:
        assert list(candidate) == FIELDS
        assert candidate["precision"] in ("day", "week", "month", "quarter", "year")
        assert candidate["window_start"] <= candidate["due"]
        assert 0 <= candidate["confidence"] <= 1
        assert ARTICLE[candidate["start"]:candidate["end"]] == candidate["sentence"]
        assert candidate["due_text"] in candidate["sentence"]
    timetable = next(c for c in found if c["due"] == "2025-12-15")
    assert timetable["due_text"] == "15 December 2025" and timetable["precision"] == "day"
    march = next(c for c in found if c["due"] == "2026-03-31")
    assert march["precision"] == "month" and march["window_start"] == "2026-03-01"
    assert not db_path.exists()


def test_file_and_stdin_give_the_same_candidates(frist):
    from_file = extract_json(frist, str(FIXTURES / "article.txt"), "--published", "2025-11-20")
    from_stdin = extract_json(frist, "--published", "2025-11-20", input=ARTICLE)  # "-" is the default
    assert from_file == from_stdin


def test_the_publication_date_anchors_relative_dates(frist):
    text = "The council said it will decide by the end of next month."
    early = extract_json(frist, "-", "--published", "2025-11-20", input=text)
    later = extract_json(frist, "-", "--published", "2026-02-10", input=text)
    assert [c["due"] for c in early] == ["2025-12-31"]
    assert [c["due"] for c in later] == ["2026-03-31"]


def test_a_saved_web_page_is_read_as_its_article(frist):
    found = extract_json(frist, str(FIXTURES / "page.html"), "--published", "2025-11-21")
    sentences = " ".join(c["sentence"] for c in found)
    assert "treatment plant" in sentences or "cost estimate" in sentences
    assert "<" not in sentences and "Reader42" not in sentences and "Subscribe" not in sentences


def test_human_output_is_a_table_with_the_date_words_marked(frist):
    result = frist("extract", "-", "--published", "2025-11-20", input=ARTICLE)
    assert result.returncode == 0
    header, *rows = result.stdout.splitlines()
    assert header.split() == ["#", "DUE", "WHEN", "PRECISION", "CONF", "ACTOR", "TITLE"]
    # the countdown counts from today (24 Nov 2025 in the tests), as everywhere else
    assert any(r.split()[:6] == ["1", "15", "Dec", "2025", "in", "21"] for r in rows)
    assert "“The transport department promised to publish the timetable by **15 December 2025**.”" \
        in result.stdout
    assert any("Mar 2026" in r and "month" in r and "Linda Okafor" in r for r in rows)
    assert "\x1b" not in result.stdout   # not a terminal: no colour codes


def test_nothing_found_is_said_on_stderr(frist):
    result = frist("extract", "-", "--published", "2025-11-20",
                   input="The weather was mild. Nobody promised anything.")
    assert (result.returncode, result.stdout) == (0, "")
    assert result.stderr == "no dated commitments found\n"
    assert frist("extract", "-", "--json", input="The weather was mild.").stdout == "[]\n"


FRENCH = ("Le gouvernement présentera le projet de loi le 3 mars 2026. Les syndicats ont "
          "annoncé une grève pour le 5 mars, selon le ministère.")


def test_a_text_in_a_language_frist_does_not_read_is_named_as_such(frist):
    result = frist("extract", "-", "--published", "2025-11-20", input=FRENCH)
    assert result.returncode == 0
    assert result.stderr == ("no dated commitments found: the text reads as none of the "
                             "languages frist knows (de, en)\n")
    # a language given by the person is theirs to answer for: nothing more is said
    result = frist("extract", "-", "--published", "2025-11-20", "--lang", "de", input=FRENCH)
    assert result.stderr == "no dated commitments found\n"


@pytest.mark.parametrize("content, message", [
    (b"", "is empty"),
    (b"  \n\n\t", "is empty"),
    (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "is not text (binary data)"),
    (b"Stra\xdfe \x1a bis M\xe4rz", "is not text (binary data)"),
])
def test_unreadable_file_is_one_line_exit_1(frist, tmp_path, content, message):
    path = tmp_path / "input.txt"
    path.write_bytes(content)
    result = frist("extract", str(path), "--json")
    assert (result.returncode, result.stdout) == (1, "")
    assert result.stderr == f"error: {path} {message}\n"


def test_missing_file_folder_and_huge_file(frist, tmp_path):
    result = frist("extract", str(tmp_path / "nope.txt"))
    assert (result.returncode, result.stderr) == (1, f"error: {tmp_path / 'nope.txt'} does not exist\n")
    result = frist("extract", str(tmp_path))
    assert (result.returncode, result.stderr) == (1, f"error: {tmp_path} is a folder, not a file\n")
    huge = tmp_path / "huge.txt"
    huge.write_bytes(b"")
    os.truncate(huge, 21 * 1024 * 1024)
    result = frist("extract", str(huge))
    assert (result.returncode, result.stderr) == (1, f"error: {huge} is too large (over 20 MB)\n")


def test_bad_stdin_and_bad_options(frist):
    result = frist("extract", "-", input=b"")
    assert (result.returncode, result.stderr) == (1, b"error: standard input is empty\n")
    result = frist("extract", "-", input=b"\x00\x00binary")
    assert (result.returncode, result.stderr) == (1, b"error: standard input is not text (binary data)\n")
    result = frist("extract", "-", "--published", "not a date", input=ARTICLE)
    assert result.returncode == 1 and result.stderr.startswith("error: cannot understand the date")
    result = frist("extract", "-", "--lang", "fr", input=ARTICLE)
    assert result.returncode == 2   # a usage error: the choices are de and en


def test_untrusted_text_reaches_the_terminal_escaped(frist):
    text = "The \x1b]0;pwned\x07agency will publish the rules by 15 December 2025."
    result = frist("extract", "-", "--published", "2025-11-20", input=text)
    assert "\x1b" not in result.stdout and "\x07" not in result.stdout
    assert "\\x1b]0;pwned\\x07" in result.stdout


def test_date_words_are_marked_exactly_in_german_text_with_sharp_s(frist):
    text = "Außerdem will die Stadt bis zum 15. Dezember 2025 die neuen Eintrittspreise bekannt geben."
    result = frist("extract", "-", "--published", "2025-11-20", "--lang", "de", input=text)
    assert "Außerdem will die Stadt bis zum **15. Dezember 2025** die neuen" in result.stdout


def test_without_published_it_says_it_reads_dates_as_of_today(frist):
    result = frist("extract", "-", input="The ministry will publish the rules by 15 December.")
    assert result.returncode == 0
    assert "note: no --published date given: dates are read as of today, 2025-11-24" in result.stderr
    assert "15 Dec 2025" in result.stdout


def test_languages_come_from_the_language_data(frist, isolated):
    result = frist("extract", "-", "--lang", "xx", input="Anything by 15 December.")
    assert result.returncode == 2 and "'xx' is not one of de, en" in result.stderr
    config = isolated / "c.toml"
    config.write_text('lang = "xx"\n')
    result = frist("extract", "-", input="Anything by 15 December.",
                   env={"FRIST_CONFIG": str(config)})
    assert result.returncode == 1
    assert result.stderr == f"error: the config file {config}: 'lang' must be one of de, en, not 'xx'\n"
    # a bad setting stops every command, not only those that extract
    listed = frist("list", env={"FRIST_CONFIG": str(config)})
    assert listed.returncode == 1 and listed.stderr == result.stderr


def test_a_publication_date_without_its_year_is_the_latest_such_day(frist):
    # said on Friday 4 Dec 2026, "27.11." is a week ago, not next year's 27 November;
    # the council's "next Monday" is then 30 Nov 2026
    result = frist("extract", "-", "--published", "27.11.", "--lang", "en", "--json",
                   input="The council will vote next Monday.\n",
                   env={"FRIST_TODAY": "2026-12-04"})
    assert result.returncode == 0, result.stderr
    assert [c["due"] for c in json.loads(result.stdout)] == ["2026-11-30"]
    result = frist("list", env={"FRIST_TODAY": "27.11."})
    assert result.returncode == 0 and "Traceback" not in result.stderr
    bad = frist("extract", "-", "--published", "March 2026", input="x\n")
    assert bad.returncode == 1 and bad.stderr.strip().endswith("--published must name one day, not 'March 2026'")

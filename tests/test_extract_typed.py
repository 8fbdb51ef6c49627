"""Typed dates are read template by template (only those whose words occur in the
string), so a first `frist add --due "next Friday"` does not compile every template.
That shortcut must find exactly what the full combined pattern finds."""
from __future__ import annotations

import datetime as dt

from hypothesis import given, settings
from hypothesis import strategies as st

from store.extract import dates, lexicon

PUB = dt.date(2025, 11, 24)

TYPED = [
    "next Friday", "in zwei Wochen", "27. November", "bis Ende März", "2026-04-30",
    "27.11.", "April 2026", "Q1 2026", "end of the year", "in 10 days", "tomorrow",
    "nächsten Freitag", "morgen", "Dec 4", "Nov. 27", "next week", "2026-W50", "KW 49",
    "Anfang 2027", "next spring", "im Frühjahr", "within 30 days", "binnen 90 Tagen",
    "innerhalb eines Monats", "later this year", "später im Jahr", "bis Jahresende",
    "Mitte März", "kommenden Dienstag", "the third quarter", "H2 2026", "12/2026",
    "2026/04/30", "week 49", "the first half of next year", "Weihnachten", "Thanksgiving",
    "the '90s", "mid-2026", "27/11/2025", "3 to 14 December", "Juni bis August 2026",
    "for one year", "auf ein Jahr", "earlier this year", "im zweiten Halbjahr",
    "Herbst diesen Jahres", "spring of next year", "the day after tomorrow", "Tuesday evening",
    "im selben Jahr", "im Jahr darauf", "later that year", "the following year", "a year earlier",
    "year-ago", "the latest period", "the near future", "as early as Tuesday", "the full year",
]

WORDS = ["next", "the", "of", "in", "end", "Ende", "Mitte", "März", "May", "may", "Nov.",
         "27.", "27", "2026", "11", "/", "-", "Q3", "quarter", "Quartal", "ersten", "first",
         "within", "binnen", "zwei", "two", "weeks", "Wochen", "Jahres", "year", "Friday",
         "Freitag", "this", "diesen", "im", "am", "later", "später", "half", "H1", "KW",
         "week", "spring", "Frühjahr", "'58", "s", "ago", "vor", "bis", "to", "by", ",", "."]


def scans(text, code):
    """What the template-by-template reading and the combined pattern find in text."""
    fresh = lexicon.Language(lexicon.load(code).data)  # nothing compiled yet
    assert fresh._combined is None
    shortcut = dates.scan(text, fresh, short=True)
    assert fresh._combined is None, "a short text must not compile every template"
    full = lexicon.load(code)
    full.combined  # compiled: scan now uses the combined pattern
    whole = dates.scan(text, full, short=True)
    as_tuples = lambda raws: [(r.start, r.end, r.tpl["re"], r.groups) for r in raws]
    return as_tuples(shortcut), as_tuples(whole)


def test_typed_forms_read_the_same_both_ways():
    for text in TYPED:
        for code in lexicon.available_languages():
            shortcut, whole = scans(text, code)
            assert shortcut == whole, (text, code)


@settings(max_examples=150, deadline=None)
@given(st.lists(st.sampled_from(WORDS), min_size=1, max_size=6),
       st.sampled_from(["de", "en"]))
def test_any_mix_of_date_words_reads_the_same_both_ways(words, code):
    text = " ".join(words)
    shortcut, whole = scans(text, code)
    assert shortcut == whole, text


# A long text (an article) tries at each place only the templates that can begin with
# the character there; it must find exactly what the combined pattern finds.
ODD = ["ſ", "K", "İ", "ı", "ß", "ẞ", "É", "é", "²", "٣", "—", "„", "»", "\n", "(", "1.", "'"]
_LANGS: dict = {}


def _pair(code):
    """(a language reading by first character, one reading with the combined pattern)"""
    if code not in _LANGS:
        data = lexicon.load(code).data
        combined = lexicon.Language(data)
        combined.combined  # compiled: scan uses it
        _LANGS[code] = (lexicon.Language(data), combined)
    return _LANGS[code]


@settings(max_examples=150, deadline=None)
@given(st.lists(st.sampled_from(WORDS + ODD + [t for t in TYPED if " " not in t]),
                min_size=1, max_size=40),
       st.sampled_from(["de", "en"]))
def test_a_long_text_reads_the_same_as_with_the_combined_pattern(words, code):
    text = " ".join(words)
    text = " ".join([text] * (lexicon.FILTER_MAX // len(text) + 2))  # longer than typed input
    by_first, combined = _pair(code)
    as_tuples = lambda raws: [(r.start, r.end, r.tpl["re"], r.groups) for r in raws]
    assert as_tuples(dates.scan(text, by_first)) == as_tuples(dates.scan(text, combined)), text
    assert by_first._combined is None

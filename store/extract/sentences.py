"""Sentence splitting that survives "27. November", "z. B.", "Dr.", "U.S.", "Nov. 27",
closing quotes and headlines (a line break always ends a sentence)."""
from __future__ import annotations

import re
from functools import lru_cache

from .lexicon import Language, available_languages, load

# a line break, end punctuation (and closing quotes) before a space, or "...president.In
# the"; written to begin with the character class of all three, so that the search skips
# to those characters instead of trying every position
BOUNDARY = re.compile(r"[\n.!?…](?:(?<=\n)[ \t\r\f\v]*"
                      r"|(?<=[.!?…])[.!?…]*[\"'»«“”‘’)\]]*(?=\s)"
                      r"|(?<=[a-zäöüß]{3}[.!?])(?=[A-ZÄÖÜ][a-zäöüß]))")
LETTERS = re.compile(r"[^\W\d_]+")
WORDY = re.compile(r"[^\W_]")
SPACES = re.compile(r"[ \t\u00a0]*")
DOTTED = re.compile(r"(?:[A-Za-z]\.)+[A-Za-z]")
ROMAN = re.compile(r"[IVX]{2,6}")
OPENERS = "\"'»«“”„‘’([-–—"


def split(text: str, lang: Language) -> list[tuple[int, int]]:
    """(start, end) offsets of the sentences of `text`, whitespace trimmed."""
    spans = []
    start = 0
    n = len(text)
    months = lang.month_words | _all_month_words(tuple(available_languages()))
    words, seen = False, 0  # whether the sentence so far holds a letter or digit
    long_text, seen_at = n > LONG_TEXT, {}
    for m in BOUNDARY.finditer(text):
        p = m.start()
        if not words:
            words = WORDY.search(text, seen, p) is not None
            seen = m.end()
            if not words:
                continue  # only punctuation so far (". . . ."): no sentence to end
        if text[p] == "\n":
            if _line_break_ends_sentence(text, p, m.end()):
                _emit(text, start, p, spans)
                start = seen = m.end()
                words = False
            continue
        if long_text:
            # a very long text: the answer depends on the characters around p only, so
            # a text that repeats itself is judged once per distinct neighbourhood
            key = text[max(0, p - NEAR):SPACES.match(text, m.end()).end() + NEAR]
            ends = seen_at.get(key)
            if ends is None:
                ends = seen_at[key] = _is_boundary(text, p, m.end(), lang, months)
                if len(seen_at) > CACHE_MAX:
                    seen_at.clear()
            if not ends:
                continue
        elif not _is_boundary(text, p, m.end(), lang, months):
            continue
        _emit(text, start, m.end(), spans)
        start = seen = m.end()
        words = False
    _emit(text, start, n, spans)
    return spans


WRAP_WIDTH = 50  # a line at least this long without end punctuation is a wrapped line
LONG_TEXT = 200_000  # characters: boundaries of longer texts are judged through a cache
NEAR = 48  # characters either side that decide a boundary (the tokens around it)
CACHE_MAX = 20_000


def _line_break_ends_sentence(text: str, p: int, q: int) -> bool:
    """A blank line always ends a sentence; a single line break does unless the text is
    hard-wrapped: the next line goes on in lower case, or the line before is long and
    stops without punctuation (a headline is short)."""
    if "\n" in text[p + 1:q] or q >= len(text):
        return True
    line_start = text.rfind("\n", 0, p) + 1
    line = text[line_start:p].rstrip()
    if not line:
        return True
    nxt = text[q]
    if line[-1] in ".!?:;\"“”»«'’)]":
        return True
    if nxt.islower() or line[-1] in ",-–(":
        return False
    return len(line) < WRAP_WIDTH


BRACKET_TAG = 40  # a bracketed tag after a full stop ("[Update]") is at most this long
MAX_SENTENCE = 2000  # longer runs without a boundary are cut at whitespace (not prose)


def _emit(text, s, e, spans):
    while s < e and text[s].isspace():
        s += 1
    while e > s and text[e - 1].isspace():
        e -= 1
    while e - s > MAX_SENTENCE:
        cut = text.rfind(" ", s + MAX_SENTENCE // 2, s + MAX_SENTENCE)
        if cut <= s:
            cut = s + MAX_SENTENCE
        spans.append((s, cut))
        s = cut
        while s < e and text[s].isspace():
            s += 1
    if e > s:
        spans.append((s, e))


def _is_boundary(text: str, p: int, q: int, lang: Language, months: frozenset) -> bool:
    punct = text[p]
    # next visible character
    k = q
    n = len(text)
    while k < n and text[k] in " \t\u00a0":
        k += 1
    if k >= n or text[k] in "\r\n":
        return True
    while text[k] == "[":  # "[Update]", "[bold]": a bracketed tag, not the next word
        close = text.find("]", k, k + BRACKET_TAG)
        if close < 0:
            break
        k = close + 1
        while k < n and text[k] in " \t\u00a0":
            k += 1
        if k >= n or text[k] in "\r\n":
            return True
    nxt = text[k]
    while nxt in OPENERS and k + 1 < n:
        k += 1
        nxt = text[k]
    if nxt.islower():
        return False
    if punct != "." or q - p > 1 and text[p:q].count(".") > 1 and text[q - 1] == ".":
        return True
    prev = _prev_token(text, p).lstrip(OPENERS)
    low = prev.lower()
    if not prev:
        return True
    word = LETTERS.match(text, k, k + 30)
    word = word.group() if word else ""
    # the next word opens a sentence ("Ein Sprecher", "The company"): after an ordinal-like
    # number or an abbreviation that can end one, the sentence ends here
    opener = word[:1].isupper() and _opens_sentence(word.lower(), lang)
    key = low.rstrip(".")
    if key in lang.time_abbreviations and word[:1].isupper() and not word.isupper() \
            and word.lower() not in months and word.lower() not in lang.weekdays:
        return True  # "at 6 a.m. Thailand planned"
    if low in lang.abbreviations or low.replace(".", "") in lang.abbreviations and "." in low:
        return opener and (key in lang.final_abbreviations
                           or key.replace(".", "") in lang.final_abbreviations)
    if len(prev) == 1 and prev.isalpha():
        return False  # initial: "J. Smith", "z. B."
    if prev.isdigit() and len(prev) <= 2:
        # ordinal day or number: "27. November", "1. Dezember", "der 2. Weltkrieg"
        if word.lower() in months:
            return False  # also "15. März" in an English text
        if lang.numeric_order == "dmy" and not opener:
            return False  # "des Modells 3. Ein Sprecher": the 3 ended the sentence
    elif prev.isdigit() and len(prev) <= 4 and not opener and lang.ordinal_after:
        gap = p - len(prev) - 1  # the space before the number
        before = _prev_token(text, gap) if gap > 0 and text[gap].isspace() else ""
        if before.lower() in lang.ordinal_after:
            return False  # "in der 296. Folge", "zum 100. Geburtstag" (not "auf 296.")
    if DOTTED.fullmatch(prev):
        return opener and key in lang.final_abbreviations  # U.S. / z.B. style
    if ROMAN.fullmatch(prev) and not nxt.isupper():
        return False
    return True


def _prev_token(text: str, p: int) -> str:
    r"""The non-space characters right before p (at most 40), as the pattern "(\S{1,40})$"
    searched from p - 40 read them, "$" also before a final line break; without that
    search, which backtracks through every word of the window (2% of extract())."""
    end = p - 1 if text[p - 1:p] == "\n" else p
    chunk = text[max(0, p - 40):end]
    return chunk.split()[-1] if chunk[-1:] and not chunk[-1].isspace() else ""


def _opens_sentence(word: str, lang: Language) -> bool:
    """Words that open sentences but never follow an ordinal or an abbreviation inside
    one: articles, pronouns, conjunctions ("Die", "Ein", "Er", "The", "It", "But")."""
    return word in lang.articles or word in lang.pronouns or word in lang.coordinating \
        or word in lang.indefinite_articles or word in lang.openers and len(word) > 2


@lru_cache(maxsize=4)
def _all_month_words(codes: tuple) -> frozenset:
    """Month names of every known language (a quoted or pasted sentence may be in another)."""
    return frozenset(w for c in codes for w in load(c).month_words)

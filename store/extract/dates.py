"""The date finder: scan text with a language's templates, then resolve each match
against a reference date (the publication date) into a TIMEX3-style window.

Matches are found with one combined regular expression (leftmost first); at each hit
every template is tried anchored at that position and the longest match wins.  The
resolver knows a fixed set of template kinds (date, month, year, quarter, half, season,
part_month, part_year, part_rel, rel_unit, weekday, relday, offset, duration, ref,
decade, century, date_range, month_range, slash, isoweek); which words mean what is data.
"""
from __future__ import annotations

import bisect
import datetime as dt
import re
from dataclasses import dataclass

from . import windows as W
from .lexicon import Language

WORD = re.compile(r"[\w']+")
TOKEN_OR_BREAK = re.compile(r"([\w']+)|([,;:()–—])")
PREV_WORDS = re.compile(r"\w[\w']*")
WORD_START = re.compile(r"(?<!\w)\w")


@dataclass
class Raw:
    start: int
    end: int
    tpl: dict
    groups: dict
    text: str = ""

    @property
    def kind(self) -> str:
        return self.tpl["kind"]


def scan(text: str, lang: Language, short: bool = False) -> list[Raw]:
    """All template matches in `text`, non-overlapping, longest at each position.

    A cheap trigger expression (digits and the anchor words of the language: months,
    weekdays, units, seasons, ...) finds the places worth looking at; the full templates
    are only tried at the word starts just before each trigger."""
    out: list[Raw] = []
    if not text or not lang.templates:
        return out
    match_at = lang.matcher(text)
    memo = None
    if len(text) > REPEAT_FROM:
        # a very long text (no article is): what happens at a trigger depends on the few
        # words before it and the window after it, so a text that repeats itself ("1.1.1.",
        # a megabyte of "Nov. ") is worked through once per distinct neighbourhood
        match_at = _remembering(match_at, text)
        memo = {}
    pos = 0
    failed: set[int] = set()  # start positions where no template matches

    def at(p: int, pos: int):
        """The expression found at trigger p (nothing before pos), or None."""
        nonlocal failed
        found = None
        # words that may open a template before its trigger ("within the next ten days");
        # digits are triggers of their own, so they were tried already
        starts = [p]
        if p > pos and text[p - 1] in "'’":  # "'58", "the '90s"
            starts.append(p - 1)
        lo = max(pos, p - LOOKBACK)
        # modifiers are words: look back only when a letter stands before the trigger
        # (or before a hyphen before it: "three-week")
        before = text[lo:p].rstrip()
        if lo < p and (before[-1:].isalpha() or before[-1:] == "-" and before[-2:-1].isalpha()):
            prev = PREV_WORDS.findall(text, lo, p)
            k = p
            for w in reversed(prev[-MAX_LEAD_WORDS:]):
                if w.lower() not in lang.modifiers:
                    break
                k = text.rfind(w, lo, k)
                if k < 0:
                    break
                starts.append(k)
        for s in reversed(starts):
            if s in failed:
                continue
            m = match_at(s)
            if m is None:
                failed.add(s)
                continue
            if m[0].end() > p:
                found = m
                break
        if len(failed) > 4096:
            failed = {f for f in failed if f >= p - LOOKBACK}
        if found is None:
            return None
        best = _chosen(text, found, lang, short)
        if best is None:
            return None
        # a longer expression may start inside the one found ("Bereits im Jahr 2007")
        for wm in WORD_START.finditer(text, found[0].start() + 1, best[0].end()):
            m = match_at(wm.start())
            if m is None or m[0].end() <= best[0].end():
                continue
            other = _chosen(text, m, lang, short)
            if other is not None and other[0].end() > best[0].end():
                best = other
        mm, i, tpl, names = best
        groups = {}
        for name in names:
            v = mm.group(f"t{i}_{name}")
            if v is not None:
                groups[name] = v
        return Raw(mm.start(), mm.end(), tpl, groups, mm.group())

    for t in lang.trigger.finditer(text):
        p = t.start()
        if p < pos:
            continue
        key = None
        if memo is not None and p > LOOKBACK:
            key = (text[p - LOOKBACK - 1:p + WINDOW], min(p - pos, LOOKBACK + 1))
            if key in memo:
                hit = memo[key]
                if hit is not None:
                    ds, de, tpl, groups = hit
                    out.append(Raw(p + ds, p + de, tpl, groups, text[p + ds:p + de]))
                    pos = p + de
                continue
        raw = at(p, pos)
        if key is not None and (raw is None or raw.end - p <= REACH and raw.start >= p - LOOKBACK):
            if len(memo) > CACHE_MAX:
                memo.clear()
            memo[key] = None if raw is None else (raw.start - p, raw.end - p, raw.tpl, raw.groups)
        if raw is not None:
            out.append(raw)
            pos = raw.end
    if any(r.tpl.get("that_year") for r in out):
        out = _that_year(out)
    if any(r.tpl.get("that_day") for r in out):
        out = _that_day(out, text)
    if any(r.kind in ("quarter", "last_quarter") for r in out):
        # a text about quarterly results compares with the same quarter a year before:
        # "profit rose to $5 million from $4 million a year earlier"
        for r in out:
            if "quarterly" in r.tpl:
                r.tpl = dict(r.tpl, **r.tpl["quarterly"])
    return out


REPEAT_FROM = 200_000  # characters: a text this long is matched through a window cache
WINDOW, REACH = 64, 48  # characters a cached window holds; a cached match ends within REACH
CACHE_MAX = 20_000


class _Hit:
    """A match re-used from an identical window elsewhere in the text (same interface
    as the parts of re.Match that scan uses)."""

    __slots__ = ("_start", "_end", "_groups", "_whole")

    def __init__(self, start, end, groups, whole):
        self._start, self._end, self._groups, self._whole = start, end, groups, whole

    def start(self):
        return self._start

    def end(self):
        return self._end

    def group(self, name=0):
        return self._whole if name == 0 else self._groups.get(name)

    def __getitem__(self, k):
        return self.group(k)


def _remembering(match_at, text):
    """match_at for very long texts: the result at a position depends only on a few
    characters before it and the window after it (templates reach back one character and
    no date is REACH characters long), so a text that repeats itself ("1.1.1.1...", a
    megabyte of "Nov. ") is matched once per distinct window, not once per position."""
    cache: dict = {}

    def match(pos):
        key = text[max(0, pos - 2):pos + WINDOW]
        if len(key) < WINDOW or pos < 2:
            return match_at(pos)
        if key in cache:
            hit = cache[key]
            if hit is None:
                return None
            ds, de, i, groups = hit
            return _Hit(pos + ds, pos + de, groups, text[pos + ds:pos + de]), i
        found = match_at(pos)
        if len(cache) > CACHE_MAX:
            cache.clear()
        if found is None:
            cache[key] = None
        elif found[0].end() - pos <= REACH:
            m, i = found
            cache[key] = (m.start() - pos, m.end() - pos, i, {
                k: v for k, v in m.groupdict().items() if v is not None})
        return found
    return match


def _that_year(raws: list[Raw]) -> list[Raw]:
    """"that year", "later that year": the year last named in the text (dropped when
    none was named: the words alone say nothing)."""
    out, last = [], None
    for r in raws:
        if r.tpl.get("that_year"):
            if last is None:
                continue
            r.groups = dict(r.groups, year=str(last + r.tpl.get("shift", 0)))
        elif "year" in r.groups and r.groups["year"].isdigit():
            last = int(r.groups["year"])
        out.append(r)
    return out


def _that_day(raws: list[Raw], text: str) -> list[Raw]:
    """"an diesem Tag", "am selben Tag", "the same day": the day named just before, read
    as that day was (dropped when none was named within THAT_DAY_REACH characters: the
    words alone say nothing).  An adverb that opens a sentence ("Dabei wollen sie ...
    beschließen", "Dann findet ... statt": `opener`) is the day of the sentence just
    before, and like a weekday needs a clear cue of the future in its own sentence."""
    out, last = [], None
    for r in raws:
        if r.tpl.get("that_day"):
            if last is not None and r.start - last.end <= THAT_DAY_REACH:
                if not r.tpl.get("opener"):
                    out.append(Raw(r.start, r.end, last.tpl, last.groups, r.text))
                elif _opens_next_sentence(text, last.end, r.start):
                    tpl = dict(last.tpl, weak=True, anaphor=True)
                    out.append(Raw(r.start, r.end, tpl, last.groups, r.text))
            continue
        if r.kind in DAY_KINDS:
            last = r
        out.append(r)
    return out


def _opens_next_sentence(text: str, after: int, at: int) -> bool:
    """Whether position `at` opens the sentence right after the one that holds `after`:
    one sentence end between them, just before `at`."""
    lead = text[max(0, at - 3):at]
    if not lead.strip() == "" and not lead.rstrip()[-1:] in ".!?" or at and text[at - 1] not in " \n":
        return False
    between = text[after:at].rstrip()
    return between[-1:] in ".!?" and not any(ch in ".!?\n" for ch in between[:-1].rstrip("“”\"'»«)"))


THAT_DAY_REACH = 400  # characters from a day named to "an diesem Tag" that means it
DAY_KINDS = frozenset({"date", "weekday", "relday"})
LOOKBACK = 32  # characters a template may reach back before its trigger word
MAX_LEAD_WORDS = 5


def _chosen(text, found, lang, short):
    """(match, index, template, group names) for a (match, template index) of the
    language's matcher: the templates are an ordered choice (the data files list longer
    forms first), so the alternative that matched is the template, and its groups are in
    the same match."""
    m, i = found
    _, tpl, rx, names = lang.templates[i]
    if not tpl.get("short_only") or short:
        return (m, i, tpl, names)
    # a template for typed input only: the next one that matches here
    s = m.start()
    for j, tpl2, rx2, names2 in lang.templates:
        if j == i or (tpl2.get("short_only") and not short):
            continue
        mm = rx2.match(text, s)
        if mm is not None and mm.end() > s:
            return (mm, j, tpl2, names2)
    return None


# ------------------------------------------------------------------------------ tense

def _tokens(text: str, start: int, end: int):
    return [(m.group().lower(), m.start(), m.end()) for m in WORD.finditer(text, start, end)]


FUT, STRONG, PAST = 1, 2, 4


def _after_any(words, j, phrases) -> bool:
    """Whether words[:j] ends with one of `phrases` (token tuples)."""
    return any(tuple(words[max(0, j - len(ph)):j]) == ph for ph in phrases)


def _starts(words, phrases) -> bool:
    """Whether the word list is one of `phrases` (single words, {first: [tuples]})."""
    single, multi = phrases
    if len(words) == 1:
        return words[0] in single
    return tuple(words) in multi.get(words[0], ())


STATE_REACH = 4  # words before a verb of state whose past forms are the state's participle
RESCHEDULE_REACH = 8  # words between a moving verb and the new date
MATURITY_REACH = 8  # words between a security and its "due <date>" ("loans of US$300 million due")
CAUSE_REACH = 7  # words from the start of "in response to", "wegen" to the statistic it names as a cause


def _reports_past(words, j: int, lang: Language, marked) -> bool:
    """A modal with a perfect infinitive reports the past: right before it ("getötet
    worden sein sollen", "gesagt haben soll") or closing its clause ("am Samstag sollen
    Tausende durch die Stadt gezogen sein"); a single word of the list counts after a
    participle only ("ein Haus haben will" is a wish, "eröffnet sein soll" a state to
    come)."""
    end = j + 1
    while end < len(words) and marked[end] == marked[j]:
        end += 1
    for at in (j, end):
        for ph in lang.perfect_infinitive:
            k = len(ph)
            if at - k <= (j if at == end else -1) or tuple(words[at - k:at]) != ph:
                continue
            before = words[at - k - 1] if at - k - 1 >= 0 else ""
            if k > 1 or lang.participle_form and lang.participle_form.match(before) \
                    or lang.perfect_participle and lang.perfect_participle.match(before):
                return True
    return False


CUES = ("future", "strong", "past", "plans", "has_strong", "listed_past", "split")  # read on first use


def _noun_inside(text: str, token) -> bool:
    """A word written like a noun inside a sentence: a capital and then lower case (not
    a word in capitals, "HATTE"), not right after a colon or an opening quote."""
    written, at = text[token[1]:token[2]], token[1]
    before = text[max(0, at - 3):at].rstrip()[-1:]
    return written[:1].isupper() and not written.isupper() \
        and before not in (":", "„", '"', "“", "«", "»")


class SentenceContext:
    """Cue positions of one sentence, computed once and reused for all its mentions."""

    def __init__(self, text: str, start: int, end: int, lang: Language):
        self.start, self.end, self.text = start, end, text
        # words and clause numbers in one pass: punctuation and conjunctions open a clause
        tokens, clause, k = [], [], 0
        marked, p = [], 0  # clauses cut by punctuation only (not by "aber", "und")
        breaks = lang.clause_breaks
        for m in TOKEN_OR_BREAK.finditer(text, start, end):
            w = m.group(1)
            if w is None:  # punctuation
                k += 1
                p += 1
                continue
            w = w.lower()
            if w in breaks:
                k += 1
            tokens.append((w, m.start(), m.end()))
            clause.append(k)
            marked.append(p)
        self.tokens = tokens
        self.marked = marked
        self.masked: list = []
        self.token_starts = [t[1] for t in tokens]
        self.token_ends = [t[2] for t in tokens]
        self.lang = lang
        self.clause = clause
        self.words = [t[0] for t in tokens]
        self._found: dict[int, list[int]] = {}
        self._masked_tokens: set = set()
        self._scored: dict = {}  # (start, end, explicit) -> scores()

    def __getattr__(self, name):
        # the cue words are read on first use: many sentences (a history's past years)
        # need only the words, or nothing
        if name in CUES and "future" not in self.__dict__:
            self._read_cues()
            return self.__dict__[name]
        raise AttributeError(name)

    def _read_cues(self):
        text, tokens, lang = self.text, self.tokens, self.lang
        clause, marked = self.clause, self.marked
        # cue words, one pass: future / strong (commitment) / past, with weights
        future, strong, past = [], set(), []
        single, multi = lang.cue_table, lang.cue_phrases
        words = self.words
        n = len(words)
        suffix, not_past, weak = lang.past_suffix, lang.not_past, lang.cue_weak_past
        perfect, past_words = lang.modal_perfect, lang.cue_past[0]
        perfect_until = -1
        plans = set()
        listed = set()  # past cues named in the data (not guessed from a suffix)
        attributive = set()  # inflected participles before a noun ("der entwickelten Kapsel")
        closing = self._split_verbs() if lang.verb_second and lang.separable_prefixes else {}
        self.split = closing
        for j, w in enumerate(words):
            flags = single.get(w, 0)
            if not flags and j in closing:
                flags = single.get(closing[j], 0)  # "steht am 29. Juli fest": "feststeht"
            if not flags and w in multi:
                for ph, f in multi[w]:
                    if tuple(words[j:j + len(ph)]) == ph:
                        flags = f
                        break
            if flags and w in lang.causal and self._causal(j):
                continue  # "due to the storm", "due to concerns": a cause
            if flags & PAST and lang.capitalised_nouns and j and _noun_inside(text, tokens[j]):
                flags &= ~PAST  # "für Waren, die ...": a noun inside a sentence, not "waren"
            if not flags and w in lang.reported_present and text[tokens[j][1]].islower():
                flags = FUT | STRONG  # "sagte, der Fahrplanwechsel erfolge am 13. Dezember"
            if flags & FUT and lang.perfect_infinitive and _reports_past(words, j, lang, marked):
                past.append((j, 1.0))  # "am Freitag getötet worden sein sollen": reported
                continue
            if flags & FUT and j and (j <= perfect_until or _after_any(words, j, lang.past_perfect)):
                past.append((j, 1.0))  # "had been due to expire Friday": a superseded plan
                plans.add(j)
                perfect_until = j + 3  # ... and the verbs it governs ("to expire")
                continue
            if flags & FUT and not (perfect and j + 1 < n and words[j + 1] in perfect):
                future.append((j, 1))
                if flags & STRONG:
                    strong.add(j)
            if flags & PAST:
                past.append((j, 0.8 if w in weak else 1.0))
                listed.add(j)
            elif not flags and lang.event_endings and w.endswith(lang.event_endings) \
                    and len(w) >= EVENT_COMPOUND:
                future.append((j, 1))  # "vor der Landtagswahl am 31. August"
                if w.endswith(lang.deadline_endings):
                    strong.add(j)  # "Die Widerspruchsfrist endet Ende des Monats"
            elif not flags and len(w) > 4:
                participle = self._participle(text, tokens, j) if (
                    lang.participle and j + 1 < n and text[tokens[j + 1][1]].isupper()) else None
                if participle is not None:
                    if participle:
                        future.append((j, 1))
                    else:
                        past.append((j, 1.0))
                        attributive.add(j)
                elif suffix and w.endswith(suffix) and w not in not_past \
                        and text[tokens[j][1]].islower():
                    past.append((j, 0.25))  # regular past form ("voted", "stellte")
                elif len(w) >= 8 and (w[:-1] in past_words or w[:-2] in past_words):
                    past.append((j, 0.8))  # inflected participle ("verhängten")
        if lang.perfect_aux:
            # "hatte bis Ende November liefern wollen": a modal that closes the clause its
            # past auxiliary opened is a plan of the past, not a future
            for i, w in enumerate(words):
                if w not in lang.perfect_aux:
                    continue
                for k in range(i + 1, n):
                    if marked[k] != marked[i]:
                        break
                    if words[k] in lang.perfect_modals:
                        future = [f for f in future if f[0] != k]
                        strong.discard(k)
                        past.append((k, 1.0))
                        plans.add(k)
        self.listed_past = listed
        self.attributive = attributive
        if lang.stative[0] or lang.stative[1]:
            # "bleiben bis zum 1. Juli geschlossen", "remain closed until": a participle
            # beside a verb of state names the state, not a past event
            states = self.find(lang.stative)
            if states:
                past = [(j, w) for j, w in past if not any(
                    clause[s] == clause[j] and (j > s or s - j <= STATE_REACH) for s in states)]
        self.future, self.strong, self.past = future, strong, past
        self.plans = plans
        self.has_strong = bool(strong)
        self._mask_cues()

    def _split_verbs(self) -> dict:
        """{token: the verb with its prefix} where a German clause closes with a separable
        prefix ("Der Sieger steht am 29. Juli fest", "Der Rat tritt am Montag zusammen"):
        the verb bracket's two halves are one verb ("feststeht"), read as the cue it is.
        Only lower-case words before the prefix in its clause (up to punctuation: "nach 21
        Etappen und 3000 Kilometern" joins nouns), and only compounds that the
        cue table lists, so a preposition at the end ("... kommt er an") joins nothing
        unknown."""
        words, clause, text = self.words, self.marked, self.text
        prefixes, table = self.lang.separable_prefixes, self.lang.cue_table
        out = {}
        n = len(words)
        for k in range(1, n):
            if words[k] not in prefixes or k + 1 < n and clause[k + 1] == clause[k]:
                continue  # not the last word of its clause
            for j in range(k - 1, -1, -1):
                if clause[j] != clause[k]:
                    break
                w = words[j]
                if w in prefixes or w in self.lang.prepositions or w in self.lang.stopwords:
                    continue  # "kurz vor dem Ablauf ... zu": no verb
                if text[self.tokens[j][1]].islower() and words[k] + w in table:
                    out[j] = words[k] + w
                    break
        return out

    def _causal(self, j: int) -> bool:
        """Whether a causal phrase ("due to") starts at token j and a noun phrase follows
        it: an article or possessive, a capitalised word, a number or a plural ("due to
        concerns"), not the bare verb of a plan ("due to expire")."""
        words, lang = self.words, self.lang
        for ph in lang.causal.get(words[j], ()):
            k = j + len(ph)
            if tuple(words[j:k]) != ph or k >= len(words):
                continue
            nxt, raw = words[k], self.text[self.tokens[k][1]]
            if nxt in lang.articles or nxt in lang.possessives or not raw.islower() \
                    or nxt.endswith("s") and not nxt.endswith("ss"):
                return True
        return False

    def find(self, table) -> list[int]:
        """Indexes of the tokens where a word or phrase of `table` (single words, {first
        word: [phrases]}) starts; computed once per table."""
        key = id(table)
        if key not in self._found:
            single, multi = table
            words = self.words
            self._found[key] = [j for j, w in enumerate(words) if w in single or w in multi and any(
                tuple(words[j:j + len(ph)]) == ph for ph in multi[w])]
        return self._found[key]

    def governed_by_past(self, a: int, b: int, explicit: bool = False) -> bool:
        return self.governing(a, b, explicit) == "past"

    def governing(self, a: int, b: int, explicit: bool = False) -> str | None:
        """Whether the verb nearest to tokens a..b in their clause is a past form ("the fire
        was reduced through Tuesday", "am Montag verstarb er"): then the verb, not a
        preposition before the date, says when.  Verbs are the future cues, the listed past
        forms and the language's finite verbs (present: "stellt zum 19.01. ein"); not
        reporting verbs, adverbs, verbs that set a date ("gave them until"), a participle
        of a future or passive form ("will be paid"), nor a past verb with an infinitive
        between it and the date ("agreed to pay by June").  A date that names its year
        is governed by a past copula only ("his term was through 2021")."""
        if a >= len(self.clause):
            return None
        if self.fronted_past(a):
            return "past"
        here = self.clause[a]
        found = self._governing_in(here, a, b, explicit)
        if found is not None:
            return found
        verbs = self._verb_like()
        if not any(self.clause[j] == here for j in verbs):
            # the date's clause has no verb ("..., and guards from as early as March 8",
            # "..., starting in October,"): the verb of the clause before it governs; a
            # phrase that opens with a preposition ("; by March, the board will") is
            # fronted, the clause after it governs
            first = self.clause.index(here)
            opener = self.words[first]
            step = 1 if opener in self.lang.openers or opener in self.lang.prepositions else -1
            last = max(self.clause)
            for k in range(here + step, here + step * (VERBLESS_BACK + 1), step):
                if k < 0 or k > last:
                    break
                if any(self.clause[j] == k for j in verbs):
                    return self._governing_in(k, a, b, explicit)
        return found

    def _verb_like(self) -> set:
        """Indexes of the words that may be verbs: cues of the future or the past, finite
        verbs."""
        finite = self.lang.finite_verbs
        return {j for j, _ in self.future} | {j for j, _ in self.past} | {
            j for j, w in enumerate(self.words) if w in finite}

    def _governing_in(self, here, a, b, explicit):
        L, words = self.lang, self.words
        fut_idx = {j for j, _ in self.future}
        best = None  # (distance, tense)
        for j, w in enumerate(words):
            if self.clause[j] != here or a <= j <= b:
                continue
            if j in fut_idx:
                past = "future"
            elif j in self.listed_past:
                if w in L.cue_weak_past or w in L.not_verbs or w in L.sets_date \
                        or self.as_early_as(j, a):
                    continue
                if self._serves_future(j, fut_idx):
                    continue  # "will be paid", "bezahlt werden"
                if j < a and any(self._infinitive_marker(k) for k in range(j + 1, a)):
                    continue
                if explicit and not (w in L.copula_past and a - j <= 2):
                    continue
                past = "past"
            elif w in L.finite_verbs:
                past = "present"
            else:
                continue
            d = a - j if j < a else j - b
            if best is None or d < best[0]:
                best = (d, past)
        return best[1] if best else None

    def _infinitive_marker(self, k: int) -> bool:
        """Whether token k is an infinitive marker ("agreed to pay"), not the preposition
        of the same spelling before a noun ("Envoy to the coalition until December") or a
        time expression ("from Tuesday night through to Wednesday")."""
        L, words = self.lang, self.words
        if words[k] not in L.infinitive or k + 1 in self._masked_tokens:
            return False  # "through to Wednesday": a preposition before a date
        nxt = words[k + 1] if k + 1 < len(words) else ""
        return not (nxt in L.articles or nxt in L.possessives)

    def fronted_past(self, a: int) -> bool:
        """A date in a phrase without a verb that opens the sentence before a comma ("By
        Monday afternoon, the chance had risen", "Two weeks before the November 13
        deadline, the campaign had reached 3 percent"), or a clause after a conjunction
        (", and by March, measures were taken"): the main clause's first verb says when,
        and when it is a past form the date is history, whatever nouns of plans
        ("deadline") stand beside it.  Phrases without a verb between the two are passed
        over ("In March, at the final debate, Biden announced"), and a regular past form
        counts ("On Wednesday, the league suspended its season")."""
        marked = self.marked
        if a >= len(marked) or not marked or marked[-1] == marked[a]:
            return False
        L, words = self.lang, self.words
        p, here = marked[a], self.clause[a]
        start = a
        while start > 0 and marked[start - 1] == p and self.clause[start - 1] == here:
            start -= 1
        if start > 0:
            gap = self.text[self.token_ends[start - 1]:self.token_starts[start]]
            if ";" in gap:
                pass  # "...; two weeks before the deadline, X had ...": a clause of its own
            elif words[start] not in L.coordinating or start + 1 >= a:
                return False  # "X said, on Monday, ...": only "..., and by March, ..."
            else:
                start += 1
        if not self._opens_phrase(words[start]):
            return False  # "Maryland rescheduled its primary to June 2; they were ...": a clause
        if any(self._is_verb(j) for j in range(start, len(words)) if marked[j] == p):
            return False
        q = p + 1
        for _ in range(FRONTED_SKIP + 1):
            part = [j for j in range(len(words)) if marked[j] == q]
            if not part or any(self._is_verb(j) for j in part) \
                    or not self._opens_phrase(words[part[0]]):
                break
            q += 1  # ", at the final debate,": a phrase of place or manner
        fut_idx = {j for j, _ in self.future}
        if q not in marked:
            return False
        main = marked.index(q)
        size = {m: marked.count(m) for m in set(marked)}
        for j in range(main, min(len(words), main + FRONTED_VERB_REACH)):
            if j > main and marked[j] != marked[j - 1] and not (
                    size[marked[j]] <= APPOSITION or size[marked[j - 1]] <= APPOSITION):
                break  # past "the league (NBA) suspended": a short aside is no clause
            if j in fut_idx:
                return False
            if self._is_verb(j):
                return j in self.listed_past and words[j] not in L.not_verbs
            if self._suffix_past(j):
                return True
        return False

    def _opens_phrase(self, w: str) -> bool:
        L = self.lang
        return w in L.openers or w in L.prepositions or w in L.deadline_preps[0] \
            or w in L.deadline_preps[1] or w in L.numbers or w[:1].isdigit()

    def _suffix_past(self, j: int) -> bool:
        """A regular past form as a verb ("the league suspended"), not as the attribute of
        a noun ("the elected council", "newly appointed")."""
        if j in self.listed_past or not any(k == j for k, _ in self.past):
            return False
        prev = self.words[j - 1] if j else ""
        L = self.lang
        return not (prev in L.articles or prev in L.possessives or prev.endswith("ly")
                    or prev in L.passive_aux)

    def _is_verb(self, j: int) -> bool:
        """A finite, reporting or listed past verb (not an adverb like "already")."""
        w, L = self.words[j], self.lang
        return w in L.finite_verbs or w in L.speech_verbs or (
            j in self.listed_past and w not in L.not_verbs)

    def attribute_ahead(self, start: int, end: int) -> bool:
        """A date that belongs to a noun named as ahead ("die anstehende Landtagswahl am 27.
        März", "the upcoming election on March 27", "die für den Samstag angekündigte
        Demonstration"): the noun's attribute says when, not the verb of the sentence
        ("hat ... zum Kandidaten für die anstehende Wahl am ... gewählt")."""
        L = self.lang
        if not L.future_attributes:
            return False
        a, b = self.token_span(start, end)
        words = self.words
        if a >= len(words):
            return False
        # "die für den Samstag angekündigte Großdemonstration": an inflected attribute
        # after the date, whose noun follows
        for j in range(b + 1, min(len(words), b + ATTRIBUTE_REACH + 1)):
            if self.clause[j] != self.clause[a]:
                break
            w = words[j]
            if any(w.startswith(s) and w[len(s):] and w[len(s):] in L.attribute_endings
                   for s in L.future_attributes):
                return True
        for k in range(1, ATTRIBUTE_REACH + 1):
            j = a - k
            if j < 0 or self.clause[j] != self.clause[a]:
                return False
            w = words[j]
            if any(w.startswith(s) and w[len(s):] in L.attribute_endings
                   for s in L.future_attributes):
                # the attribute, then its noun ("games scheduled for Wednesday" has none),
                # or the date names the noun after it ("the upcoming 2020 census")
                return any(x not in L.prepositions for x in words[j + 1:a]) or (
                    k == 1 and b + 1 < len(words) and self.clause[b + 1] == self.clause[a]
                    and words[b + 1] not in L.prepositions and words[b + 1] not in L.stopwords)
            if w in L.finite_verbs or j in self.listed_past:
                return False
        return False

    def _beside_aux(self, j: int) -> bool:
        """A participle beside a passive auxiliary ("be published", "veröffentlicht
        werden")."""
        words, aux = self.words, self.lang.passive_aux
        return j > 0 and words[j - 1] in aux or j + 1 < len(words) and words[j + 1] in aux

    def _weak_participle(self, j: int) -> bool:
        """A weak past cue that is no finite or reporting verb ("gegeben", "bekannt"): it
        may be the participle of a future passive ("wird ... bekannt gegeben")."""
        w, L = self.words[j], self.lang
        return w not in L.finite_verbs and w not in L.speech_verbs

    def _serves_future(self, j: int, fut_idx) -> bool:
        """A past form that is part of a future or passive one: "was expected", "will be
        paid", "soll bezahlt werden"."""
        words, aux, L = self.words, self.lang.passive_aux, self.lang
        # a noun of an event before it is the past form's subject, not its auxiliary:
        # "the election was held on February 11", "the summit took place"
        before = [k for k in (j - 1, j - 2) if k in fut_idx and words[k] not in L.event_nouns]
        if j + 1 in fut_idx or before or self._beside_aux(j):
            return True
        if not L.verb_second:
            return False
        # "wird aber erst am 19. August ... entschieden": the participle closes the clause
        # that its future auxiliary opened (no punctuation between them)
        # "wird am 8. Juni bekannt gegeben": a participle written in two words closes it too
        here = self.marked[j]
        k = j + 1
        if words[j] in L.not_verbs and k < len(words) and self.marked[k] == here:
            k += 1  # "wird am 2. März bekannt geben": the verb the word goes with
        while k < len(words) and self.marked[k] == here and words[k] not in aux \
                and k in self.listed_past and words[k] not in L.finite_verbs:
            k += 1
        closes = k >= len(words) or self.marked[k] != here or words[k] in aux
        return closes and any(self.marked[k] == here and words[k] in L.passive
                              for k in fut_idx if k < j)

    def moved_to(self, a: int) -> bool:
        """"rescheduled to June 2", "auf Oktober vertagt", "extended the lockdown to May 1":
        the date right after a preposition of a verb that moves a date (no punctuation
        between them) is the new one."""
        L = self.lang
        if not (L.reschedule[0] or L.reschedule[1]):
            return False
        before = self.words[max(0, a - 3):a]
        if not any(before[-k:] and _starts(before[-k:], L.reschedule_preps) for k in (1, 2, 3)):
            return False
        # the moving verb stands in the date's part of the sentence: "hatte bis Ende
        # November liefern wollen, verschob den Termin aber auf Februar" moves February
        return any(abs(j - a) <= RESCHEDULE_REACH and self.marked[j] == self.marked[a]
                   for j in self.find(L.reschedule))

    def replaced(self, a: int, b: int) -> bool:
        """Whether the date at tokens a..b belongs to a plan replaced or called off:
        "originally planned for April 28",
        "moved from May 3", "the debate, which was slated for October 15, was cancelled"
        (or postponed),
        "had planned to deliver by November", "hatte bis November liefern wollen"."""
        L = self.lang
        here = self.clause[a] if a < len(self.clause) else -1
        before = self.words[max(0, a - 2):a]
        if any(w in L.reschedule_from for w in before) and self.find(L.reschedule):
            return True
        if any(self.clause[j] == here and j < a for j in self.find(L.superseded)):
            return True
        if any(self.marked[j] == self.marked[a] for j in self.plans):
            return True  # "had planned to deliver by November", "hatte ... liefern wollen"
        cancelled = self.find(L.cancelled)
        if any(self.clause[j] == here for j in cancelled):
            return True
        fut = {j for j, _ in self.future} if cancelled else set()
        noun = self._plan_noun(a, b, fut) if cancelled else None
        if noun is not None and any(j > noun and not self._verb_between(noun + 1, j, fut)
                                    for j in cancelled):
            # "eine für den 20. September geplante Demonstration von X, Y und Z ist
            # abgesagt worden": the plan the date belongs to is what is called off, however
            # many commas of a list stand between
            return True
        if cancelled and self._infinitive_clause(here) and any(
                self.clause[j] == here + 1 for j in cancelled):
            # "ist der Versuch, sich bis 2027 auf einen Haushalt zu einigen, gescheitert":
            # the infinitive clause holding the date is the plan the clause after it ends
            return True
        # "the show, which was slated for April 20, was called off" (or "postponed"): the
        # relative clause holding the date describes what the sentence calls off or moves
        first = self.clause.index(here)
        return bool(cancelled or self.find(L.reschedule)) and first > 0 \
            and self.words[first] in L.relative_pronouns and self._relative_clause(first, here)

    def _relative_clause(self, first: int, here: int) -> bool:
        """Whether clause `here`, opening at token `first` with a relative pronoun, is a
        relative clause: where nouns are capitalised, "die" before a noun is an article
        ("..., die Frist läuft am 1. Mai ab": a main clause), unless the clause closes
        with a finite verb ("..., die Greenpeace für Mai geplant hatte, ...")."""
        L = self.lang
        if not L.capitalised_nouns or first + 1 >= len(self.words) \
                or not self.text[self.token_starts[first + 1]].isupper():
            return True
        last = max(k for k, c in enumerate(self.clause) if c == here)
        return self.words[last] in L.finite_verbs

    def _infinitive_clause(self, here: int) -> bool:
        """Whether clause `here` is an infinitive clause closing with the language's
        marker and its verb ("..., sich bis 2027 zu einigen, ...")."""
        marker = self.lang.title_marker
        last = max((k for k, c in enumerate(self.clause) if c == here), default=-1)
        return bool(marker) and last > 0 and self.words[last - 1] == marker

    def _verb_between(self, i: int, j: int, fut: set) -> bool:
        """A verb that plans (`fut`: the future cues' tokens) or a subordinator ("nachdem",
        "after") among tokens i..j-1: another clause's, not the one the plan's noun is the
        subject of."""
        L = self.lang
        return any(k in fut or self.words[k] in L.clause_breaks
                   and self.words[k] not in L.coordinating for k in range(i, j))

    def _plan_noun(self, a: int, b: int, fut: set) -> int | None:
        """The last token of the phrase that makes the date at tokens a..b belong to a
        noun of a plan: the date itself after a participle that plans ("the march planned
        for September 20"), the participle after it that stands before its noun ("die für
        Montag geplante Demonstration"); None for any other date."""
        words, text, L = self.words, self.text, self.lang
        if not L.capitalised_nouns and a >= 3 and words[a - 1] in L.prepositions \
                and a - 2 in fut and L.past_suffix and words[a - 2].endswith(L.past_suffix) \
                and words[a - 3] not in L.passive_aux and words[a - 3] not in L.finite_verbs:
            return b  # "planned for", not "was planned for", "will meet on"
        k = b + 1
        if L.capitalised_nouns and k + 1 < len(words) and k in fut \
                and text[self.token_starts[k]].islower() and text[self.token_starts[k + 1]].isupper():
            return k
        return None

    def matures(self, a: int) -> bool:
        """"debentures, due March 15, 2007", "the notes, which will be due on Nov. 1, 2004":
        the maturity of a security, no commitment."""
        L = self.lang
        if a >= 2 and self.words[a - 1] in L.prepositions and self.words[a - 2] in L.maturity:
            a -= 1  # "due on"
        if not L.instruments or a < 1 or self.words[a - 1] not in L.maturity:
            return False
        return any(w.endswith(L.instruments) for w in self.words[max(0, a - MATURITY_REACH):a])

    def forecast(self, a: int, b: int, text: str) -> bool:
        """A forecast of a quantity, not a commitment: "inflation will be 51 percent in
        2021", "may cause 32,000 more deaths by August 4", "wird 78 Milliarden Euro
        kosten": in the date's clause a statistic (sales, deaths, Umsatz) with a number,
        a measure verb, an expectation or a forecast verb; or an amount with a measure or
        forecast verb.  An event forecast ("projected to open in 2022") is not one."""
        L = self.lang
        if a >= len(self.clause) or not L.statistic and not L.forecast[0]:
            return False
        here = self.clause[a]
        inside = [j for j, c in enumerate(self.clause) if c == here and not a <= j <= b]
        words = self.words
        # an amount: a number with a unit ("78 Milliarden", "25 percent", "51 %")
        amount = any(self.clause[j] == here and j > 0 and (
            words[j - 1][:1].isdigit() or words[j - 1] in L.numbers)
            for j in self.find(L.quantity_units))
        if not amount and inside:
            amount = "%" in text[self.token_starts[inside[0]]:self.token_ends[inside[-1]] + 2]
        number = amount or any(words[j][:1].isdigit() for j in inside)
        measure = any(self.clause[j] == here for j in self.find(L.measure))
        causes = self.find(L.cause_preps)
        # a statistic named as the cause ("in response to rising infections") is none
        statistic = any(words[j].endswith(L.statistic) and not any(
            self.clause[c] == here and 0 < j - c <= CAUSE_REACH for c in causes) for j in inside)
        expects = any(self.clause[j] == here for j in self.find(L.expectation))
        predicts = any(self.clause[j] == here for j in self.find(L.forecast))
        return statistic and (number or measure or expects or predicts) \
            or (measure or predicts) and amount

    def _participle(self, text, tokens, j):
        """For an inflected participle right before a noun: True when its bare form is a
        future cue ("geplanten"), False when it tells of the past ("aufgelösten"), else None."""
        L, w = self.lang, tokens[j][0]
        if j + 1 >= len(tokens) or not text[tokens[j + 1][1]].isupper() \
                or not text[tokens[j][1]].islower() or w in L.not_past \
                or not L.participle.match(w):
            return None
        for e in L.participle_endings:
            stem = w[:-len(e)]
            if w.endswith(e) and (stem in L.not_past or stem + "e" in L.not_past):
                return None
            if w.endswith(e) and L.cue_table.get(stem, 0) & FUT:
                return True
        return False

    def mask(self, spans):
        """Ignore cue words inside other time expressions ("last" in "last week")."""
        self.masked = list(spans)  # the sentence's time expressions, (start, end)
        self._scored.clear()  # read before the mask: not what is read after it
        masked = self._masked_tokens
        for a, b in spans:
            i, j = self.token_span(a, b)
            masked.update(range(i, j + 1))
        # "findet heute und morgen statt", "am Montag und Dienstag": a conjunction between
        # two time expressions joins them, it opens no clause of its own
        joiners, words, clause = self.lang.list_joiners, self.words, self.clause
        if joiners and any(w in joiners for w in words):
            shift, out = 0, []
            for k, c in enumerate(clause):
                if 0 < k < len(words) - 1 and words[k] in joiners and k - 1 in masked \
                        and k + 1 in masked and c != clause[k - 1]:
                    shift += 1
                out.append(c - shift)
            self.clause = out
        if "future" in self.__dict__:  # else when the cues are read
            self._mask_cues()

    def join(self, a: int, b: int):
        """The date at offsets a..b, a day restated in brackets or between commas, back in
        the clause it stands in, and the words after it with it: "für morgen (Mittwoch)
        haben ... angekündigt", "für morgen, den 20. September, geplante" are one clause."""
        i, j = self.token_span(a, b)
        gap = self.text[self.token_ends[j]:self.token_starts[j + 1]].strip() \
            if j + 1 < len(self.words) else ""
        closed = gap in (")", ",")
        for name in ("clause", "marked"):
            ids = getattr(self, name)
            shift = (ids[j + 1] if closed else ids[j]) - ids[i]
            setattr(self, name, ids[:i] + [ids[i]] * (j + 1 - i) + [c - shift for c in ids[j + 1:]])

    def _mask_cues(self):
        masked = self._masked_tokens
        if masked:
            self.future = [(j, n) for j, n in self.future if j not in masked]
            self.past = [(j, w) for j, w in self.past if j not in masked]
            self.strong = {j for j in self.strong if j not in masked}
            self.has_strong = bool(self.strong)

    def token_span(self, start: int, end: int):
        """Indexes of the first and last token overlapping [start, end)."""
        first = bisect.bisect_right(self.token_ends, start)
        last = bisect.bisect_left(self.token_starts, end) - 1
        if first > last:
            return first, first - 1
        return first, last

    def scores(self, start: int, end: int, explicit: bool = False):
        """(future score, past score, has a deadline preposition right before); explicit:
        the date names its year (its tense only decides whether it is a commitment).
        Computed once per date: tense() and the verdict on a date each ask for them."""
        key = (start, end, explicit)
        if key not in self._scored:
            self._scored[key] = self._scores(start, end, explicit)
        return self._scored[key]

    def _scores(self, start: int, end: int, explicit: bool):
        a, b = self.token_span(start, end)
        fut = past = 0.0

        def dist(j):
            if j < a:
                return a - j
            if j > b:
                return j - b
            return None

        here = self.clause[a] if a < len(self.clause) else -1
        fut_idx = {j for j, _ in self.future}
        closing = self._closing_verb(a, b)
        for j, ln in self.future:
            d = 1 if j == closing else dist(j)  # "dass sie 2028 kandidieren wolle"
            if d is None:
                continue
            w = 1.0 if j in self.strong else 0.5
            fut += w / d ** DECAY * (1.0 if self.clause[j] == here else 0.5)
        aux_past = 0.0
        for j, w in self.past:
            d = dist(j)
            if d is None or self.as_early_as(j, a) or j + 1 in fut_idx or (
                    j in self.listed_past and (w >= 1.0 or self._weak_participle(j))
                    and self._serves_future(j, fut_idx)) \
                    or j not in self.listed_past and self._beside_aux(j):
                # "were planning", "was expected", "will be paid", "will be published": it
                # serves the plan
                continue
            if self.attribution_after(j, a):
                continue  # "..., the mayor said": when it was said, not when the plan is
            add = w / d ** DECAY * (1.0 if self.clause[j] == here else 0.5)
            past += add
            if self.clause[j] == here and self.words[j] in self.lang.cue_weak_past:
                aux_past += add  # "haben", "hat": perhaps the auxiliary of a plan's verb
        words = self.words
        prep = False
        before = words[max(0, a - 3):a]
        for ph in list(self.lang.deadline_preps[0]):
            if ph in before[-2:]:
                k = len(before) - 1 - before[::-1].index(ph)
                # "in der Nacht zum Sonntag": the night before it, not a deadline
                prep = prep or not (k > 0 and before[k - 1] in self.lang.deadline_prep_not_after)
        for ph in self.lang.deadline_phrases:
            k = len(ph)
            if tuple(before[-k:]) == ph or tuple(before[-k - 1:-1]) == ph:
                prep = True
        if prep and self.governed_by_past(a, b, explicit) and not self.moved_to(a):
            prep = False  # "the fire was reduced through Tuesday": the verb says when
        elif not prep and self.moved_to(a):
            prep = True  # "auf Oktober vertagt", "rescheduled to June 2"
        elif not prep and self.planned_for(a, b, before) and not self.fronted_past(a):
            prep = True  # "haben für Mittwoch eine Kundgebung angekündigt"
            # its auxiliary tells when it was announced, not when the plan is ("Für den 20.
            # April haben die Gewerkschaften eine Kundgebung angekündigt")
            past -= aux_past
        pastprep = any(w in self.lang.past_preps[0] for w in before[-2:])
        if prep:
            fut += PREP_WEIGHT
        if pastprep:
            past += PREP_WEIGHT
        return fut, past, prep

    def scheduled(self, a: int, b: int, listed=None) -> bool:
        """Whether the verb nearest to tokens a..b in their clause is a present tense that
        says a schedule ("Der Prozess beginnt am Montag", "the trial begins on Monday"),
        no past word ("trafen", "der am Dienstag verletzte Spieler reist") nearer; with
        `listed`, whether that verb is one of those words."""
        table = self.lang.scheduled if listed is None else listed
        if a >= len(self.clause) or not table:
            return False
        here, words = self.clause[a], self.words
        # a capitalised word is a noun, not a verb ("Bei dem Treffen am Samstag stach sie
        # ...", "die in dieser Woche zu einem Treffen zusammenkommen")
        nouns = self.lang.capitalised_nouns
        verbs = {j for j, _ in self.future} | {j for j, _ in self.past}
        near = min((j for j in verbs if self.clause[j] == here and not a <= j <= b
                    and not (nouns and j > 0 and self.text[self.token_starts[j]].isupper())),
                   key=lambda j: a - j if j < a else j - b, default=None)
        return near is not None and self.split.get(near, words[near]) in table

    def event_before(self, a: int) -> bool:
        """Whether the date at token a follows the noun of an event it dates ("Anhänger
        eines Kandidaten der Präsidentenwahl im Juli", "vor dem Gipfel am 3. Mai"): a
        future cue written as a noun (in a language that capitalises them), right before
        the date in its clause."""
        j = a - 1
        if not self.lang.capitalised_nouns or j < 1 or self.clause[j] != self.clause[a]:
            return False
        return self.text[self.token_starts[j]].isupper() and any(k == j for k, _ in self.future)

    def planned_for(self, a: int, b: int, before) -> bool:
        """Whether the date at tokens a..b follows "für"/"for" in a clause whose verb plans
        or announces ("haben für Anfang 2008 die ersten Filme angekündigt", "called a
        strike for Monday"): the date the plan is for.  Not a date that qualifies the noun
        after it ("a running mate for the 2020 presidential race")."""
        preps, verbs = self.lang.planned_for
        if not preps or not any(w in preps for w in before[-2:]):
            return False
        after = self.words[b + 1] if b + 1 < len(self.words) else ""
        # a verb after the date is the clause's own ("Für Mittwoch kündigten sie ... an"),
        # a noun would be what the date qualifies
        verb = after in verbs or after in self.lang.finite_verbs or after in self.lang.speech_verbs
        if after.isalpha() and after not in self.lang.stopwords and not verb \
                or self.words[b].endswith("'s"):
            return False
        here = self.clause[a]
        return any(self.clause[k] == here and w in verbs for k, w in enumerate(self.words))

    def as_early_as(self, j: int, a: int) -> bool:
        """Whether token j is "bereits", "already" right before the date at token a (or
        before its preposition): it says how early, not that the date is past."""
        if self.words[j] not in self.lang.as_early_as or not (
                j == a - 1 or j == a - 2 and self.words[a - 1] in self.lang.prepositions):
            return False
        # only where a modal of the future governs and no other past word stands beside
        # (an inflected participle before a noun is an adjective: "Bereits Ende dieses
        # Jahres will man mit der dort entwickelten Kapsel ...")
        here = self.clause[a]
        return any(self.clause[k] == here for k in self.strong) and not any(
            self.clause[k] == here and k != j and k not in self.attributive
            for k, _ in self.past)

    def attribution_after(self, j: int, a: int) -> bool:
        """Whether token j is the reporting verb of a short attribution that closes the
        sentence after the date at token a ("..., the mayor said.", "..., sagte der
        Bürgermeister.", "..., teilte die Stadt am Montag mit."): it tells when something
        was said, not when the date's clause happens.  Not a reporting verb that is the
        main verb after a fronted date ("On Saturday, the minister said ..."), nor one in
        a clause joined by a conjunction ("..., and each has announced plans")."""
        L, marked, words = self.lang, self.marked, self.words
        part = marked[j]
        if words[j] not in L.speech_verbs or part <= marked[a] or part != marked[-1]:
            return False
        inside = [k for k in range(len(words)) if marked[k] == part]
        if len(inside) > ATTRIBUTION_WORDS or words[inside[0]] in L.clause_breaks:
            return False
        if any(k != j and (words[k] in L.finite_verbs or k in self.listed_past)
               for k in inside):
            return False
        # the sentence before it is a whole clause: "On Friday, X, who was a candidate in
        # 2020, announced ..." is one main clause whose verb comes last
        verbs = {k for k, _ in self.future} | {k for k, _ in self.past} | {
            k for k, w in enumerate(words) if w in L.finite_verbs}
        opens = {}
        for k, p in enumerate(marked):
            opens.setdefault(p, words[k])
        # (a relative pronoun opens a relative clause only after a comma: the sentence's
        # first part is a main clause, "Die Regierung will ..., sagte der Minister")
        return any(marked[k] < part and (marked[k] == marked[0]
                                         or opens[marked[k]] not in L.relative_pronouns)
                   for k in verbs)

    def _closing_verb(self, a: int, b: int):
        """Where a subordinate clause closes with its finite verb (verb-second languages:
        "dass sie 2028 kandidieren wolle", "der 2027 eröffnet werden soll", "..., bis Ende
        2027 Stellen abbauen zu wollen"), the last word of the date's clause, after the
        date, is the verb that governs it however far it stands; None elsewhere (a main
        clause's finite verb stands second, near its subject)."""
        L, n, words = self.lang, len(self.words), self.words
        if not L.verb_second or a >= n:
            return None
        here = self.clause[a]
        first = a
        while first > 0 and self.clause[first - 1] == here:
            first -= 1
        last = b + 1
        while last + 1 < n and self.clause[last + 1] == here:
            last += 1
        if last >= n or last <= b or self.clause[last] != here:
            return None
        opener = words[first]
        # "die" after a comma opens a relative clause unless a noun follows ("Die Studios")
        relative = opener in L.relative_pronouns and first > 0 and first + 1 <= b \
            and self.marked[first] != self.marked[first - 1] \
            and not self.text[self.tokens[first + 1][1]].isupper()
        subordinate = (opener in L.clause_breaks and opener not in L.coordinating or relative) \
            and (words[last] in L.finite_verbs or words[last] in L.reported_present)
        infinitive = bool(L.title_marker) and words[last - 1] == L.title_marker
        return last if subordinate or infinitive else None

    def weekday_tense(self, start: int, end: int) -> str:
        """News names past weekdays far more often than coming ones: a bare weekday is
        read forward only on clear future evidence ("will meet on Thursday")."""
        fut, past, prep = self.scores(start, end)
        if self.fronted_past(self.token_span(start, end)[0]):
            return "past"  # "By Monday afternoon, the chance had risen"
        if prep and self._past_before(start) >= WEEKDAY_PREP_PAST:
            fut -= PREP_WEIGHT  # "had filed reports by Wednesday": the verb says when
        return "future" if fut >= WEEKDAY_FUTURE and fut >= 2 * past else "past"

    def _plan_past(self, start: int, end: int) -> float:
        """The part of the past score that comes from superseded plans."""
        if not self.plans:
            return 0.0
        a, b = self.token_span(start, end)
        here = self.clause[a] if a < len(self.clause) else -1
        out = 0.0
        fut_idx = {j for j, _ in self.future}
        for j in self.plans:
            d = a - j if j < a else j - b if j > b else None
            if d and j + 1 not in fut_idx:  # counted as in scores()
                out += 1.0 / d ** DECAY * (1.0 if self.clause[j] == here else 0.5)
        return out

    def _past_before(self, start: int) -> float:
        """Past cues before `start` in its clause (the verb a "by <date>" belongs to)."""
        a, _ = self.token_span(start, start + 1)
        here = self.clause[a] if a < len(self.clause) else -1
        return sum(w / (a - j) ** DECAY for j, w in self.past if j < a and self.clause[j] == here)

    def tense(self, start: int, end: int, hedge: bool = False,
              explicit: bool = False) -> str | None:
        """"future", "past" or None for the words around [start, end); with hedge=True a
        weakly supported reading is marked "future~" / "past~"."""
        fut, past, prep = self.scores(start, end, explicit)
        if self.fronted_past(self.token_span(start, end)[0]):
            return "past"  # "Two weeks before the November 13 deadline, X had reached"
        core = fut - PREP_WEIGHT if prep else fut  # a preposition alone is not certainty
        if fut > past * 1.1 and fut > MIN_CUE:
            # a strong cue before the date in its clause and no past word in the sentence:
            # a future however far the cue stands ("will be named commander ... for a mission in
            # December", said in March: this December, not the last)
            a = self.token_span(start, end)[0]
            alone = past == 0 and a < len(self.clause) and any(
                j < a and self.clause[j] == self.clause[a] for j in self.strong)
            t, sure = "future", (core >= SURE or alone) and fut >= 2 * past
        elif past > fut and past > MIN_CUE:
            # a superseded plan ("had been set to expire Nov. 6") tells that the plan is
            # past, not which year its date is in: alone it does not carry a date far back
            plan = self._plan_past(start, end)
            t, sure = "past", past - plan >= SURE and past >= 2 * fut
        else:
            return None
        return t if sure or not hedge else t + "~"


# --------------------------------------------------------------------------- resolution

ATTRIBUTION_WORDS = 8  # "said Transport minister Sofia de Wit on Monday"
FRONTED_VERB_REACH = 8  # words from the start of a main clause to its verb
VERBLESS_BACK = 2  # clauses from a date's clause without a verb to the one that has it
APPOSITION = 2  # words of an aside in brackets or commas, "(NBA)"
FRONTED_SKIP = 2  # phrases without a verb between a fronted date and its main clause
EVENT_COMPOUND = 8  # letters of a compound event noun ("islamgipfel"; "wahl" alone is listed)
ATTRIBUTE_REACH = 3  # words from a noun's attribute to its date ("anstehende Wahl am")


TENSE_KINDS = frozenset({"date", "date_range", "week_of", "month", "month_range", "weekday",
                         "season", "quarter", "half", "part_month", "slash", "weekend",
                         "holiday", "isoweek"})


def points_ahead(raw: Raw, lang: Language) -> bool:
    """"next year", "in two weeks": the words themselves look ahead."""
    if raw.kind == "offset":
        return raw.tpl.get("dir", 1) > 0
    rel = raw.tpl.get("rel")
    if rel is None and "rel" in raw.groups:
        rel = lang.relative.get(" ".join(raw.groups["rel"].lower().split()))
    return rel is not None and rel > 0


def looks_ahead(raw: Raw, lang: Language) -> bool:
    """Words that speak of what is still to come of a window: "next year", "later this
    year", "by the end of the month", "Jahresende"."""
    if raw.tpl.get("past"):
        return False
    part = raw.tpl.get("part") or _lookup(lang.parts, raw.groups.get("part"))
    return points_ahead(raw, lang) or part in ("end", "any") or bool(raw.tpl.get("anaphoric"))


def needs_tense(raw: Raw) -> bool:
    """Whether the value depends on reading the sentence as future or past (no year)."""
    g = raw.groups
    if raw.kind == "date" and "rel" in g:
        return False  # "am 3. April kommenden Jahres" names its year
    return raw.kind in TENSE_KINDS and "year" not in g and "yy" not in g


def _pick(make, published: dt.date, tense: str | None, sure: bool = True):
    """Choose among the windows make(y) for years around `published` by tense."""
    cands = [w for w in (make(y) for y in range(published.year - 1, published.year + 2)) if w]
    if not cands:
        return None
    def distance(w):
        if w.start <= published <= w.end:
            return 0
        return min(abs((w.start - published).days), abs((w.end - published).days))

    nearest = min(cands, key=distance)
    if tense == "future":
        fut = [w for w in cands if w.end >= published]
        chosen = min(fut, key=lambda w: w.end) if fut else cands[-1]
    elif tense == "past":
        past = [w for w in cands if w.start <= published]
        chosen = max(past, key=lambda w: w.start) if past else cands[0]
    else:
        return nearest
    # news speaks of the weeks around its date: a tense cue does not carry a date most
    # of a year away when the same day a few weeks off fits
    if not sure and distance(chosen) > FAR_DAYS and distance(nearest) <= NEAR_DAYS:
        return nearest
    return chosen


FAR_DAYS, NEAR_DAYS = 200, 100
WEEKDAY_FUTURE = 0.05
WEEKDAY_PREP_PAST = 0.1
REPORTING_DAYS = 90  # a quarter ended this recently is still the one reported on
DECAY = 2  # cue weight falls with the square of its distance in words: the nearest verb rules
MIN_CUE = 0.0005
SURE = 0.25  # a tense score this high (and twice the other) is trusted over the near-date prior
PREP_WEIGHT = 0.45  # "bis zum", "by", "ab dem" right before a date: a strong future cue


def _num(lang: Language, s: str | None, default=None):
    if s is None:
        return default
    s2 = " ".join(s.lower().split())
    if s2.isdigit():
        return int(s2)
    return lang.numbers.get(s2, default)


def _year(s: str | None):
    if not s:
        return None
    s = s.strip()
    if len(s) == 2:  # two-digit year
        v = int(s)
        return 2000 + v if v < 50 else 1900 + v
    return int(s)


def _lookup(table: dict, s: str | None):
    if s is None:
        return None
    key = " ".join(s.lower().rstrip(".").split())
    if key in table:
        return table[key]
    return table.get(key + ".", table.get(s.lower()))


def _rel(lang, groups, tpl):
    if "rel" in tpl:
        return tpl["rel"]
    if "rel" in groups:
        return _lookup(lang.relative, groups["rel"])
    return None


def _day_window(y, m, d):
    try:
        return W.day(dt.date(y, m, d))
    except ValueError:
        return None


class _Ask:
    """What resolving one match needs: the match, its groups and template, the reference
    date, the language, the tense of its sentence (a trailing "~": weakly supported),
    the year it names, the day a duration counts from, and whether TIMEX3 values are wanted."""

    __slots__ = ("raw", "g", "tpl", "kind", "published", "lang", "tense", "sure", "year",
                 "anchor", "timex")

    def __init__(self, raw, published, lang, tense, anchor, timex):
        self.raw, self.g, self.tpl, self.kind = raw, raw.groups, raw.tpl, raw.kind
        self.published, self.lang, self.timex = published, lang, timex
        self.anchor = anchor or published
        self.sure = not (tense and tense.endswith("~"))
        self.tense = tense.rstrip("~") if tense else tense
        g = raw.groups
        self.year = _year(g.get("year") or g.get("nyear") or g.get("yy"))


def resolve(raw: Raw, published: dt.date, lang: Language, tense: str | None,
            anchor: dt.date | None = None, timex: bool = False):
    """Window for a raw match, or None when it cannot be normalised to a date: one named
    step per kind of template (_STEPS)."""
    step = _STEPS.get(raw.kind)
    if step is None:
        return None
    try:
        return step(_Ask(raw, published, lang, tense, anchor, timex))
    except (ValueError, OverflowError, KeyError, TypeError):
        return None


def ambiguous_slash(raw: Raw) -> bool:
    """"12/05/2027": day and month could be either way round."""
    if raw.kind != "slash":
        return False
    a, b = int(raw.groups["day"]), int(raw.groups["day2"])
    return a != b and a <= 12 and b <= 12


def numeric_order(raws) -> str | None:
    """The order the text itself writes numeric dates in: "dmy" or "mdy" when a day
    above 12 shows it ("25/12/2026", "12/25/2026"), else None."""
    votes = {"dmy": 0, "mdy": 0}
    for r in raws:
        if r.kind == "slash":
            a, b = int(r.groups["day"]), int(r.groups["day2"])
            if a > 12 >= b:
                votes["dmy"] += 1
            elif b > 12 >= a:
                votes["mdy"] += 1
    if votes["dmy"] == votes["mdy"]:
        return None
    return max(votes, key=votes.get)


def _date_window(ask: _Ask):
    """A day: "27. November", "Nov. 27, 2025", "11/27/2025", a range's last day."""
    g, kind, published, lang = ask.g, ask.kind, ask.published, ask.lang
    tense, sure, year = ask.tense, ask.sure, ask.year
    if kind == "slash":
        a, b = int(g["day"]), int(g["day2"])
        if a > 12 and b <= 12:
            d, m = a, b
        elif b > 12 and a <= 12:
            m, d = a, b
        elif g.get("order", lang.numeric_order) == "mdy":  # the article's own, else the language's
            m, d = a, b
        else:
            d, m = a, b
    else:
        d = int(g["day2"] if "day2" in g else g["day"]) if "dayord" not in g else \
            _lookup(lang.day_ordinals, g["dayord"])  # "am ersten Oktober"
        m = _lookup(lang.months, g.get("month")) if "month" in g else int(g["monthnum"])
    if m is None:
        return None
    if year is not None:
        return _day_window(year, m, d)
    rel = _rel(lang, g, ask.tpl) if "rel" in g else None
    if rel is not None:  # "am 3. April kommenden Jahres": a year counted from now
        return _day_window(published.year + rel, m, d)
    wd = _lookup(lang.weekdays, g.get("weekday")) if "weekday" in g else None
    if wd is not None:  # "Monday, Oct. 26": the year in which that is a Monday
        fits = [y for y in range(published.year - 1, published.year + 2)
                if _day_window(y, m, d) and dt.date(y, m, d).weekday() == wd]
        if len(fits) == 1:
            return _day_window(fits[0], m, d)
    return _pick(lambda y: _day_window(y, m, d), published, tense, sure)


def _month_window(ask: _Ask):
    """A month or a range of months: "im April 2026", "June to August"."""
    g, tpl, published, lang = ask.g, ask.tpl, ask.published, ask.lang
    tense, sure, year = ask.tense, ask.sure, ask.year
    m = _lookup(lang.months, g.get("month2") or g.get("month")) if (
        "month" in g or "month2" in g) else int(g["monthnum"])
    if m is None:
        return None
    if year is not None:
        return W.month(year, m)
    rel = _rel(lang, g, tpl)
    if rel is not None and "rel" in g:
        if rel == 0:
            return W.month(published.year, m)
        if rel > 0:
            y = published.year if m > published.month else published.year + 1
            return W.month(y + rel - 1, m)
        y = published.year if m < published.month else published.year - 1
        return W.month(y + rel + 1, m)
    return _pick(lambda y: W.month(y, m), published, tense, sure)


def _month_relyear_window(ask: _Ask):
    """"im April nächsten Jahres": a month of a year counted from now."""
    g, tpl, published, lang = ask.g, ask.tpl, ask.published, ask.lang
    m = _lookup(lang.months, g.get("month"))
    rel = _rel(lang, g, tpl)
    if m is None or rel is None:
        return None
    return W.month(published.year + rel, m)


def _last_quarter_window(ask: _Ask):
    """"the latest quarter", "the year-ago quarter": the last one completed."""
    tpl, published = ask.tpl, ask.published
    # "the latest quarter", "the year-ago quarter": the last one completed
    q0 = (published.month - 1) // 3  # index of the current quarter, 0-based
    y, q = (published.year, q0) if q0 else (published.year - 1, 4)
    return W.quarter(y - tpl.get("years_back", 0), q)


def _weekend_window(ask: _Ask):
    """"this weekend", "am Wochenende": Saturday and Sunday."""
    raw, published, lang, tense = ask.raw, ask.published, ask.lang, ask.tense
    words = raw.text.lower().split()
    rel = next((lang.relative[w] for w in words if lang.relative.get(w) is not None), None)
    sat = published + dt.timedelta(days=(5 - published.weekday()) % 7)
    if rel is None:
        rel = 0 if tense == "future" else -1
    if rel < 0:
        sat = sat - dt.timedelta(days=7) if sat > published else sat
        if published.weekday() == 6:
            sat = published - dt.timedelta(days=1)
    elif rel > 0 and published.weekday() >= 5:
        sat += dt.timedelta(days=7)
    sun = sat + dt.timedelta(days=1)
    iy, iw, _ = sat.isocalendar()
    return W.Window(sun.isoformat(), "day", sat, sun, timex=f"{iy:04d}-W{iw:02d}-WE")


def _season_relyear_window(ask: _Ask):
    """"im Sommer nächsten Jahres": a season of a year counted from now."""
    g, tpl, published, lang = ask.g, ask.tpl, ask.published, ask.lang
    code = _lookup(lang.seasons, g.get("season"))
    rel = _rel(lang, g, tpl)
    if code is None or rel is None:
        return None
    return W.season(published.year + rel, code)


def _year_window(ask: _Ask):
    """"2026", "'58": a year."""
    g, published, year = ask.g, ask.published, ask.year
    if "yy" in g and "year" not in g:  # "'58": the latest such year not ahead
        year = int(g["yy"]) + 100 * (published.year // 100)
        if year > published.year + 5:
            year -= 100
    return W.year(year) if year else None


def _year_range_window(ask: _Ask):
    """"2024-25", "the 2027/28 season", "2026-2028": due at the end of the later year;
    two years further apart than a few are no range of one thing."""
    g, first = ask.g, ask.year
    if first is None:
        return None
    if "year2" in g:
        last = int(g["year2"])
    else:
        last = first // 100 * 100 + int(g["yy"])
        if last < first:
            last += 100  # "1999-00"
    if not first < last <= first + YEAR_RANGE_SPAN:
        return None
    if g.get("first") and last == first + 1:
        return W.year(first)  # "ab der Saison 2027/28": a season starts in 2027
    return W.year(last)


YEAR_RANGE_SPAN = 10


def _decade_window(ask: _Ask):
    """"the 1990s" (TIMEX3 only)."""
    g, published, year, timex = ask.g, ask.published, ask.year, ask.timex
    if not timex or not year:
        return None
    if "yy" in g:  # "the '90s": the century the reference date is in, or the last
        year = int(g["yy"]) + 100 * (published.year // 100)
        if year > published.year:
            year -= 100
    return W.Window(str(year)[:3], "year", dt.date(year, 1, 1), dt.date(year + 9, 12, 31))


def _century_window(ask: _Ask):
    """"the 20th century" (TIMEX3 only)."""
    g, timex = ask.g, ask.timex
    n = int(g["day"]) if g.get("day") else 0
    if not timex or not 1 <= n <= 21:
        return None
    first = max(1, (n - 1) * 100)
    return W.Window(f"{n - 1:02d}", "year", dt.date(first, 1, 1),
                    dt.date((n - 1) * 100 + 99, 12, 31))


def _week_of_window(ask: _Ask):
    """"the week of March 6": the ISO week of that day."""
    g, published, lang, tense = ask.g, ask.published, ask.lang, ask.tense
    sure, year = ask.sure, ask.year
    m = _lookup(lang.months, g.get("month"))
    if m is None:
        return None
    d = _day_window(year, m, int(g["day"])) if year else _pick(
        lambda y: _day_window(y, m, int(g["day"])), published, tense, sure)
    return W.week_of(d.end) if d else None


def _isoweek_window(ask: _Ask):
    """"KW 49", "2026-W49"."""
    g, published, tense, year = ask.g, ask.published, ask.tense, ask.year
    wk = int(g["weeknum"])
    if year is None:  # "KW 49": this year's, or next year's when it has passed
        year = published.year
        if tense == "future" and dt.date.fromisocalendar(year, wk, 7) < published:
            year += 1
    monday = dt.date.fromisocalendar(year, wk, 1)
    return W.week_of(monday)


def _quarter_window(ask: _Ask):
    """A quarter or a half-year: "Q1 2026", "im zweiten Halbjahr"."""
    g, tpl, kind, published, lang = ask.g, ask.tpl, ask.kind, ask.published, ask.lang
    tense, sure, year = ask.tense, ask.sure, ask.year
    q = _lookup(lang.ordinals, g.get("qord")) if "qord" in g else (
        int(g["qnum"]) if "qnum" in g else tpl.get("num"))  # "im Schlussquartal": num 4
    if q is None:
        return None
    if kind == "half" and q == 4:
        q = 2  # "last"/"letzte" is the fourth quarter, and so the second half
    make = (lambda y: W.quarter(y, q)) if kind == "quarter" else (
        lambda y: W.half(y, q if q <= 2 else 2))
    if kind == "half" and q > 2:
        return None
    if year is not None:
        return make(year)
    rel = _rel(lang, g, tpl)
    if rel is not None:
        return make(published.year + rel)
    ended = (published - make(published.year).end).days
    # future: the next one, unless it just ended (earnings of the quarter past)
    if tense == "future" and (sure or ended > REPORTING_DAYS):
        return _pick(make, published, tense)
    return make(published.year)  # "the third quarter": of the current year


def _season_window(ask: _Ask):
    """"im Frühjahr", "summer 2026": the quarter the season ends in."""
    g, tpl, published, lang = ask.g, ask.tpl, ask.published, ask.lang
    tense, year = ask.tense, ask.year
    code = _lookup(lang.seasons, g.get("season"))
    if code is None:
        return None
    if year is not None:
        return W.season(year, code)
    rel = _rel(lang, g, tpl)
    if rel is not None:
        return _season_rel(code, rel, published)
    if tense == "future":
        # "im Herbst" said on 3 December: this autumn is over, so the next one is meant
        y = next(y for y in range(published.year - 1, published.year + 2)
                 if W.season_over(y, code) >= published)
        return W.season(y, code)
    return _pick(lambda y: W.season(y, code), published, tense)


def _part_month_window(ask: _Ask):
    """"Anfang März", "mid-June": that month."""
    g, published, lang, tense = ask.g, ask.published, ask.lang, ask.tense
    sure, year = ask.sure, ask.year
    m = _lookup(lang.months, g.get("month"))
    if m is None:
        return None
    if year is not None:
        return W.month(year, m)
    return _pick(lambda y: W.month(y, m), published, tense, sure)


def _part_year_window(ask: _Ask):
    """"Anfang 2026" (Q1), "end of 2026" (the year)."""
    g, lang, year, timex = ask.g, ask.lang, ask.year, ask.timex
    part = ask.tpl.get("part") or _lookup(lang.parts, g.get("part"))  # "Jahresbeginn 2032"
    if not year:
        return None
    if part == "start" and not timex:
        return W.quarter(year, 1, timex=str(year))
    return W.year(year)


def _part_rel_window(ask: _Ask):
    """"later this year", "Ende nächsten Monats", "early next year" (Q1)."""
    raw, g, tpl, published = ask.raw, ask.g, ask.tpl, ask.published
    lang, timex = ask.lang, ask.timex
    rel = _rel(lang, g, tpl)
    if rel is None:
        return None
    unit = tpl.get("unit")
    if unit is None:
        unit = _unit_from_text(lang, raw, g)
    w = _rel_unit(unit, rel, published)
    part = tpl.get("part") or _lookup(lang.parts, g.get("part"))
    if w is not None and unit == "Y" and part == "start" and not timex:
        return W.quarter(w.end.year, 1, timex=w.value)  # "early next year": Q1
    return w


def _rel_unit_window(ask: _Ask):
    """"next week", "nächstes Jahr"."""
    g, tpl, published, lang = ask.g, ask.tpl, ask.published, ask.lang
    rel = _rel(lang, g, tpl)
    unit = tpl.get("unit") or _lookup(lang.units, g.get("unit"))
    if g.get("unit", "").lower() in lang.plural_units:
        return None  # "in the coming years": no window
    if rel is None or unit is None:
        return None
    return _rel_unit(unit, rel, published)


def _weekday_window(ask: _Ask):
    """"am Montag", "next Friday"."""
    g, tpl, published, lang, tense = ask.g, ask.tpl, ask.published, ask.lang, ask.tense
    wd = _lookup(lang.weekdays, g.get("weekday"))
    if wd is None:
        return None
    rel = _rel(lang, g, tpl)
    if tpl.get("in_week") and rel is not None:
        # "am Freitag kommender Woche": that weekday of the week counted from now
        monday = published - dt.timedelta(days=published.weekday())
        return W.day(monday + dt.timedelta(days=7 * rel + wd))
    return W.day(_weekday(published, wd, rel, tense))


def _relday_window(ask: _Ask):
    """"tomorrow", "übermorgen"."""
    g, published, lang = ask.g, ask.published, ask.lang
    off = _lookup(lang.relday, g.get("relday"))
    if off is None:
        return None
    return W.day(published + dt.timedelta(days=off))


def _offset_window(ask: _Ask):
    """An offset or a duration: "in two weeks", "within 90 days", "for one year" from its anchor."""
    g, tpl, kind, published = ask.g, ask.tpl, ask.kind, ask.published
    lang, anchor = ask.lang, ask.anchor
    # "in 18 to 24 months": the range ends with the second number
    n = _num(lang, g.get("num2")) or tpl.get("num") or _num(lang, g.get("num"))
    unit = tpl.get("unit") or _lookup(lang.units, g.get("unit"))
    if n is None or unit is None or unit in ("WE",):
        return None
    direction = tpl.get("dir", 1)
    base = anchor if direction > 0 else published
    target = W.add(base, direction * n, unit)
    if target is None:
        return None
    if tpl.get("in") and not tpl.get("deadline") and unit in ("M", "Y") \
            and kind == "offset" and anchor == published:
        # "in 25 years", "in a few months": as precise as the text, a year or month
        return W.year(target.year) if unit == "Y" else W.month(target.year, target.month)
    if kind == "duration" or tpl.get("deadline") or direction > 0:
        return W.day(target)  # "in two weeks", "within 90 days": that very day
    if unit in ("D", "W", "F"):
        return W.day(target)
    if unit in ("M",):
        return W.month(target.year, target.month)
    if unit == "Q":
        return W.quarter(target.year, (target.month - 1) // 3 + 1)
    return W.year(target.year)


def _holiday_window(ask: _Ask):
    """"Ostern", "Thanksgiving"."""
    g, published, lang, tense, year = ask.g, ask.published, ask.lang, ask.tense, ask.year
    spec = _lookup(lang.holidays, g.get("holiday"))
    if spec is None:
        return None
    make = lambda y: _holiday(y, spec)
    if year is not None:
        return make(year)
    if ask.tpl.get("nearest"):  # "am gestrigen Ostersonntag": the one a day away
        return _pick(make, published, None)
    return _pick(make, published, tense)


def _bc_year_window(ask: _Ask):
    """A year before Christ (TIMEX3 only)."""
    g, tpl, published, timex = ask.g, ask.tpl, ask.published, ask.timex
    if not timex:
        return None
    n = int(g["bcyear"])
    if tpl.get("decade"):
        return W.Window(f"BC{n // 10:03d}", "year", published, published)
    return W.Window(f"BC{n:04d}", "year", published, published)


def _ref_window(ask: _Ask):
    """"now", "in the future" (TIMEX3 only)."""
    g, published, lang, timex = ask.g, ask.published, ask.lang, ask.timex
    if not timex:
        return None
    v = _lookup(lang.refs, g.get("ref"))
    return W.Window(v, "day", published, published) if v else None


_STEPS = {
    "date": _date_window,
    "date_range": _date_window,
    "slash": _date_window,
    "month": _month_window,
    "month_range": _month_window,
    "month_relyear": _month_relyear_window,
    "last_quarter": _last_quarter_window,
    "weekend": _weekend_window,
    "season_relyear": _season_relyear_window,
    "year": _year_window,
    "year_range": _year_range_window,
    "decade": _decade_window,
    "century": _century_window,
    "week_of": _week_of_window,
    "isoweek": _isoweek_window,
    "quarter": _quarter_window,
    "half": _quarter_window,
    "season": _season_window,
    "part_month": _part_month_window,
    "part_year": _part_year_window,
    "part_rel": _part_rel_window,
    "rel_unit": _rel_unit_window,
    "weekday": _weekday_window,
    "relday": _relday_window,
    "offset": _offset_window,
    "duration": _offset_window,
    "holiday": _holiday_window,
    "bc_year": _bc_year_window,
    "ref": _ref_window,
}


def _unit_from_text(lang: Language, raw: Raw, g: dict):
    if "unit" in g:
        u = _lookup(lang.units, g["unit"])
        if u:
            return u
    for w in reversed(WORD.findall(raw.text.lower())):
        u = lang.units.get(w)
        if u:
            return u
    return "Y"


def _season_rel(code: str, rel: int, published: dt.date):
    # occurrences of the season around published, ordered by time
    occ = [w for w in (W.season(y, code) for y in range(published.year - 2, published.year + 3)) if w]
    if rel == 0:
        # the one containing published, else the one in the same calendar year
        for w in occ:
            s = _season_start(w, code)
            if s <= published <= w.end:
                return w
        for w in occ:
            if w.timex.startswith(f"{published.year:04d}"):
                return w
        return None
    if rel > 0:
        fut = [w for w in occ if _season_start(w, code) > published]
        return fut[rel - 1] if len(fut) >= rel else None
    past = [w for w in occ if w.end < published]
    return past[rel] if len(past) >= -rel else None


def _season_start(w, code):
    y = int(w.timex[:4])
    start_month = {"SP": 3, "SU": 6, "FA": 9, "WI": 12}[code]
    return dt.date(y, start_month, 1)


def _rel_unit(unit: str, rel: int, published: dt.date):
    if unit == "Y":
        return W.year(published.year + rel)
    if unit == "M":
        d = W.add_months(published.replace(day=1), rel)
        return W.month(d.year, d.month)
    if unit == "W":
        return W.week_of(published + dt.timedelta(days=7 * rel))
    if unit == "Q":
        q0 = (published.month - 1) // 3 + rel
        y = published.year + q0 // 4
        return W.quarter(y, q0 % 4 + 1)
    if unit == "D":
        # "the next day", "the following day" follow the story, not the publication date
        return W.day(published) if rel == 0 else None
    if unit == "WE":
        wk = W.week_of(published + dt.timedelta(days=7 * rel))
        sunday = wk.end
        return W.Window(sunday.isoformat(), "day", sunday - dt.timedelta(days=1), sunday,
                        timex=f"{wk.value}-WE")
    if unit == "DE":
        return None
    return None


def _weekday(published: dt.date, wd: int, rel, tense):
    delta = (wd - published.weekday()) % 7  # days forward to the next such weekday (0 = today)
    forward = published + dt.timedelta(days=delta)
    backward = published - dt.timedelta(days=(published.weekday() - wd) % 7)
    if rel is not None and rel > 0:
        d = forward if delta else published + dt.timedelta(days=7)
        return d + dt.timedelta(days=7 * (rel - 1))
    if rel == 0:  # "this Friday": the one in the current week
        return published - dt.timedelta(days=published.weekday()) + dt.timedelta(days=wd)
    if rel is not None and rel < 0:
        d = backward if backward != published else published - dt.timedelta(days=7)
        return d - dt.timedelta(days=7 * (-rel - 1))
    if tense == "future":
        return forward
    return backward


def _easter(y: int) -> dt.date:
    """Gregorian Easter Sunday (anonymous algorithm)."""
    a, b, c = y % 19, y // 100, y % 100
    d, e = b // 4, b % 4
    f = (b + 8) // 25
    g = (b - f + 1) // 3
    h = (19 * a + b - d - g + 15) % 30
    i, k = c // 4, c % 4
    l = (32 + 2 * e + 2 * i - h - k) % 7
    m = (a + 11 * h + 22 * l) // 451
    month = (h + l - 7 * m + 114) // 31
    day = (h + l - 7 * m + 114) % 31 + 1
    return dt.date(y, month, day)


def _holiday(y: int, spec: str):
    """spec: "MM-DD"; "E+n" / "E-n" (days from Easter Sunday); "MM-n-W[+d]" the n-th
    weekday W (0 = Monday) of month MM, "MM-L-W" the last one, plus d days."""
    try:
        if spec.startswith("E"):
            return W.day(_easter(y) + dt.timedelta(days=int(spec[1:] or 0)))
        parts = spec.split("-")
        if len(parts) == 2:
            return W.day(dt.date(y, int(parts[0]), int(parts[1])))
        m, nth, rest = parts
        wd, _, plus = rest.partition("+")
        m, wd = int(m), int(wd)
        if nth == "L":
            last = W.month(y, m).end
            d = last - dt.timedelta(days=(last.weekday() - wd) % 7)
        else:
            first = dt.date(y, m, 1)
            d = first + dt.timedelta(days=(wd - first.weekday()) % 7 + 7 * (int(nth) - 1))
        return W.day(d + dt.timedelta(days=int(plus or 0)))
    except (ValueError, OverflowError):
        return None

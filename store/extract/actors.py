"""Who is committed: the actor finder (find_actor) and the speaker of reported speech
(speaker_of), with what they know of a whole article (Document).  Language knowledge
comes from the ``attribution`` lists of ``lang/*.json``."""
from __future__ import annotations

import bisect
import functools
import re

from .lexicon import Language, _trie_regex
from .sentences import split
from .titles import CLAUSE_SEP, DATELINE

QUOTE_MARK = re.compile(r"``|''|[„“”\"«»]")
SPEECH_WORDS = 5  # words in a quotation that make it direct speech, not scare quotes


WORD_RE = re.compile(r"[\w'’.-]+")
UPPER = "[A-ZÀ-ÖØ-ÞĀ-ſΑ-ΩА-Я]"  # first letters that may be capitals (checked with isupper)
# spaces after a letter, digit, comma or semicolon, then a capital; written to begin with a space
# (the check before it looks back over it), so the search skips to spaces
CAP_INSIDE = re.compile(r"[ \t](?<=(?:[^\W_]|[,;])[ \t])[ \t]*(" + UPPER + r"[\w'’.-]*)")
POSSESSIVE = ("'s", "’s", "s'")
ACRONYM = re.compile(r"[A-ZÄÖÜ]{2}")
ROMAN = re.compile(r"[IVX]{1,5}")
NAME_PARTICLE = re.compile(r"[a-z]{1,3}-[A-ZÄÖÜ][a-zäöüß]")
CONTRACTION = re.compile(r"['’]s$")
CURRENCY = re.compile(r"\b[A-Z]{1,3}(?=[$€£¥])")  # "US$", "A$", "HK$": money, not a name
AGE = re.compile(r"\d+-[^\W\d_]")  # "45-jährige", "45-year-old": a word, not a number
NAME_MEMO_MAX = 50_000  # words whose answers _is_name_token and _org_word remember


def _whole_word_count(text: str, word: str, before: str, after: str, first: bool = False) -> int:
    """How often `word` stands in `text` with no word character nor one of `before` right
    before it and none nor one of `after` right after it (non-overlapping, as re.findall
    counts); with `first`, stop at the first.  A find() loop: a pattern compiled for each
    word asked was 3% of extract()'s time."""
    def joins(ch, extra):  # \w or one of extra; "" (the text's edge) joins nothing
        return ch != "" and (ch.isalnum() or ch == "_" or ch in extra)
    n, count = len(word), 0
    i = text.find(word)
    while i >= 0:
        if not joins(text[i - 1:i], before) and not joins(text[i + n:i + n + 1], after):
            count += 1
            if first:
                break
            i = text.find(word, i + max(n, 1))
        else:
            i = text.find(word, i + 1)
    return count


@functools.lru_cache(maxsize=NAME_MEMO_MAX)  # words recur across sentences and articles
def _is_name_token(t: str, L: Language) -> bool:
    core = t.strip(".'’-")
    if "-" in core and NAME_PARTICLE.match(core):
        return True  # "al-Sisi", "el-Baradei"
    if not core or not core[0].isupper() or (len(core) == 1 and not t.endswith(".")):
        return False
    low = CONTRACTION.sub("", core).lower()  # "That's", "It's": the word itself
    return not (low in L.stopwords or low in L.month_words or low in L.weekdays
                or low in L.parts  # "Anfang Oktober": a part of a date
                or low in L.title_strip or low in L.attr_verbs or low in L.relative
                or low in L.attr_words or low in L.not_names
                or (L.capitalised_nouns and low in L.cue_table and low not in L.org_words))
    # ^ German cue words ("Geplant", "Termin") are not names; English "Will" may be one


def _role(word: str, L: Language, roles=None, inflected: bool = False):
    """The role a word is or ends with ("minister", "Bundestrainer" -> "trainer"), else
    None; compounds count only where nouns are written together (German). inflected:
    before a name, a role in another case too ("des Staatspräsidenten Ólafur X"; alone,
    "die Abgeordneten" may be many)."""
    low = word.lower().strip(".,'’")
    roles = L.roles if roles is None else roles
    if low in roles:
        return low
    if not L.capitalised_nouns:
        return None
    # a compound is sought through every role: remembered per word, as words recur
    # (a whole-article scan asked it 100,000 times for a 1 MB text)
    memo = _ROLE_MEMO.setdefault((id(L), id(roles), inflected), {})
    if low not in memo:
        if len(memo) > ROLE_MEMO_MAX:
            memo.clear()  # a long text's vocabulary: keep memory bounded
        endings = L.role_endings if inflected else ()
        memo[low] = None
        for base in [low] + [low[:-len(e)] for e in endings if low.endswith(e)]:
            found = next((r for r in roles if base == r or base.endswith(r) and len(base) > len(r) + 1),
                         None)
            if found:
                memo[low] = found
                break
    return memo[low]


_ROLE_MEMO: dict = {}  # (language, role list, inflected) -> {word: role or None}
ROLE_MEMO_MAX = 50_000


@functools.lru_cache(maxsize=NAME_MEMO_MAX)
def _org_word(token: str, L: Language) -> bool:
    """"Ministerium" in "Ministerium für Bildung": where nouns are capitalised, only an
    organisation joins the words after 'für' into its name."""
    low = token.strip(".,'’").lower()
    return low in L.org_words or bool(L.org_suffixes and low.endswith(L.org_suffixes))


def _noun_ending(word: str, L: Language) -> bool:
    """A word with a noun's ending ("Verwaltung", "Construction"), with a stem before
    it: "Aung" (of "Aung San Suu Kyi") is too short to be a noun in "-ung"."""
    low = word.lower()
    return any(low.endswith(s) and len(low) - len(s) >= NOUN_STEM_MIN for s in L.noun_suffixes)


NOUN_STEM_MIN = 2


def _name_like(run: list[str]) -> bool:
    """Multi-word names ("Scott Bessent") and acronym-bearing words ("EU-Außenminister",
    "NASA") look like names in every language; a lone capitalised noun does not."""
    if len(run) >= 2:
        return True
    t = run[0]
    return sum(ch.isupper() for ch in t) >= 2


def _runs(tokens, L, start=0):
    """Runs of capitalised tokens; a run right after a number ("0,1 Prozent Seltene
    Erden", "5 Million Dollars") is a quantity, not a name."""
    run, runs, skip = [], [], False
    seen = {}  # token -> whether it is a name token: words repeat through an article
    for i in range(start, len(tokens)):
        tok = tokens[i][0]
        name = seen.get(tok)
        if name is None:
            name = seen[tok] = _is_name_token(tok, L)
        if not name and not run and tok[:1].isupper() and tok.lower() in L.name_openers \
                and i + 1 < len(tokens) and _is_name_token(tokens[i + 1][0], L):
            name = True  # "New Zealand": no name alone ("New rules"), the first word of one
        if name:
            if not run and not skip and i > 0:
                prev = tokens[i - 1][0]
                # a quantity ("0,1 Prozent Seltene Erden") or a place ("in Little Havana")
                # ("der 45-jährige Bellini": an age, not a quantity)
                skip = prev[:1].isdigit() and not AGE.match(prev) or prev.lower() in L.place_preps
            if not skip:
                run.append(tokens[i])
        elif (run and tok.lower() in L.name_joiners and i + 1 < len(tokens)
              and _is_name_token(tokens[i + 1][0], L)
              and (not L.capitalised_nouns or _org_word(run[-1][0], L)
                   or tok.lower() not in L.prepositions)):
            run.append(tokens[i])  # "Immigration and Naturalization Service", "Marco van Basten"
        else:
            skip = False
            if run:  # (most words end no run: no new list for them)
                runs.append(run)
                run = []
    if run:
        runs.append(run)
    return runs


def _clean(run, L: Language):
    words = [t[0].strip(".,'’") for t in run][:5]
    while len(words) > 1 and (words[-1].lower() in L.name_joiners
                              or words[-1].lower() in L.coordinating):
        words.pop()  # cut at five words: "Center for Biological Diversity and"
    while words and words[-1].endswith(("s'", "’s", "'s")):
        words[-1] = words[-1].rsplit("'", 1)[0].rsplit("’", 1)[0]
        break
    return " ".join(w for w in words if w)


@functools.lru_cache(maxsize=8)
def _after_determiner_re(code: str, determiners: tuple):
    """A capitalised word after a determiner (compiled once per language)."""
    return re.compile(r"(?<!\w)(?i:" + _trie_regex(list(determiners)) + r")\s+("
                      + UPPER + r"[\w'’.-]*)")


class Document:
    """What the actor finder knows about the whole article: its sentences, the words
    written capitalised inside sentences (names, not sentence openers), and the subjects
    of earlier sentences, for "it said" / "the company will"."""

    def __init__(self, text: str, spans, L: Language):
        self.text, self.spans, self.L = text, spans, L
        self.starts = [s for s, _ in spans]
        self._caps = self._after_det = self._names = self._place = self._protagonist = None
        self._role_names = self._surnames = self._courts = self._all_runs = None
        self._subjects: dict[int, str] = {}
        self._scans: dict = {}  # whole-text searches already made, by word
        self._pronoun: dict[int, str] = {}  # the pronoun subject of a sentence
        self._article: dict[int, str] = {}  # the article before a sentence's named subject

    def capitalised_inside(self) -> set:
        """Words written capitalised inside a sentence (after a word or a comma)."""
        if self._caps is None:
            self._caps = {w for w in (m.group(1).strip(".'’-")
                                      for m in CAP_INSIDE.finditer(self.text)) if w[:1].isupper()}
        return self._caps

    def after_determiner(self) -> set:
        """Capitalised words the article writes after a determiner ("der Vertrag"): in
        languages that capitalise nouns, these are nouns, not names."""
        if self._after_det is None:
            seen = set()
            if self.L.determiners:
                rx = _after_determiner_re(self.L.code, tuple(sorted(self.L.determiners)))
                after = {}  # word -> [times after a determiner, of them after a comma]
                text = self.text
                for m in rx.finditer(text):
                    w = m.group(1).strip(".,'’-")
                    if w[:1].isupper():
                        n = after.get(w)
                        if n is None:
                            n = after[w] = [0, 0]
                        n[0] += 1
                        s = m.start()
                        n[1] += text[max(0, s - 3):s].rstrip().endswith(",")
                # after a comma, "die", "der" may be relative pronouns ("..., die Brasilien
                # ... halten"): a word written only so there, and elsewhere without a
                # determiner, is a name ("Brasilien"), one written after one always a noun
                seen = {w for w, (n, comma) in after.items()
                        if comma < n or self.word_count(w) <= n}
            self._after_det = seen
        return self._after_det

    def runs(self) -> list:
        """The article's runs of capitalised words (_runs over all its words), read once
        for names() and courts()."""
        if self._all_runs is None:
            self._all_runs = _runs([(m.group(), m.start()) for m in WORD_RE.finditer(self.text)],
                                   self.L)
        return self._all_runs

    def names(self) -> list:
        """[(offset, name, organisation-like)] for the names the article writes: runs of
        capitalised words (with "of", "für" inside) that hold an organisation word or an
        acronym, or have two words or more and do not open a sentence."""
        if self._names is None:
            L, out = self.L, []
            starts = set(self.starts)
            for run in self.runs():
                words = [t[0].strip(".,'’") for t in run]
                if not words or not words[-1]:
                    continue
                org = _org_word(words[-1], L) or bool(ACRONYM.search(" ".join(words)))
                opener = run[0][1] in starts
                if org or len(words) >= 2 and not (opener and L.capitalised_nouns):
                    out.append((run[0][1], _clean(run, L), org))
            self._names = out
        return self._names

    def surnames(self) -> set:
        """The last words of the people's names the article writes ("Giovanni
        Trapattoni": "Trapattoni"), which it may later write alone."""
        if self._surnames is None:
            L = self.L
            distinct = {(name, org) for _, name, org in self.names()}  # names recur
            self._surnames = {name.split()[-1] for name, org in distinct
                              if not org and len(name.split()) >= 2
                              and name.split()[-1] not in self.after_determiner()
                              and not _noun_ending(name.split()[-1], L)
                              and _role(name.split()[-1], L) is None}
        return self._surnames

    def surname(self, word: str) -> bool:
        """A surname the article writes after a given name ("Kofi Mensah"), not after
        a noun ("Zahlungen Deutschlands")."""
        nouns = self.after_determiner()
        return word in self.surnames() and any(
            name.split()[-1] == word and name.split()[-2] not in nouns
            for _, name, org in self.names() if not org and len(name.split()) >= 2)

    def courts(self) -> list:
        """[(offset, name)] of the courts the article names: a run of name words holding
        a word that ends in a court's ending ("Landgerichts München II": "Landgericht
        München II", "U.S. District Court"); not the word alone ("das Gericht")."""
        if self._courts is None:
            L, out = self.L, []
            for run in self.runs() if L.courts else []:
                end = next((m + 1 for m, t in enumerate(run) if t[0].endswith(".")
                            and t[0].strip(".").lower() not in L.abbreviations), len(run))
                words = [t[0].strip(".,'’") for t in run[:end]][:5]  # not past a sentence's end
                for n, w in enumerate(words):
                    low = w.lower()
                    stem = low if low.endswith(L.courts) else next(
                        (low[:-len(e)] for e in L.genitive_endings
                         if low.endswith(e) and low[:-len(e)].endswith(L.courts)), None)
                    if stem is None:
                        continue
                    words[n] = w[:len(stem)]  # "des Landgerichts": "Landgericht"
                    if len(words) >= 2 or stem not in L.courts:
                        out.append((run[0][1], " ".join(words)))
                    break
            self._courts = out
        return self._courts

    def organisation_named(self, stem: str) -> str:
        """The organisation the article names with this word ("Bahn": "Deutsche Bahn")."""
        stem = stem.strip("-").lower()
        if len(stem) < 3:
            return ""
        for _, name, org in self.names():
            if any(w.lower().startswith(stem) or w.lower().endswith(stem)
                   for w in name.split()) and (
                    org or len(name.split()) >= 2):
                return name
        return ""

    def named_for(self, noun: str, before: int | None = None) -> str:
        """What a generic noun stands for: "the city" the place the article is about,
        "the company" the named subject the article's sentences have most often (its
        words counted through the text), of those before if any."""
        L, low = self.L, noun.lower()
        if low in L.place_nouns:
            return self.place()
        subjects = []
        for k, (s0, _) in enumerate(self.spans):
            if before is not None and s0 >= before and subjects:
                break
            subj = self.subject(k)
            # a lone noun the article writes after an article ("die Regierung") is no
            # name "das Unternehmen" could stand for
            if subj and subj.lower() not in L.org_words and subj.lower() not in L.generic \
                    and subj.lower() not in L.place_nouns \
                    and not (" " not in subj and subj in self.after_determiner()) and (
                        _organisation_like(subj, L) or not self.person(subj)):
                subjects.append(subj)
        if not subjects:
            return ""
        return max(dict.fromkeys(subjects), key=lambda n: (self.mentions(n), -subjects.index(n)))

    def entity_for(self, noun: str) -> str:
        """The one entity the article names with a referring noun (`referring_nouns`):
        "die Polizei" after "die Polizei in München" is "Polizei München", "der Konzern"
        after "der Autokonzern VW" is VW, "die Behörde" after "die Weltraumbehörde" the
        Weltraumbehörde; "" when the article names none, or several ("Tochterunternehmen"
        names another: `relational_prefixes`)."""
        L, low = self.L, noun.lower().strip(".,'’")
        if low not in L.referring:
            return ""
        if ("entity", low) in self._scans:
            return self._scans["entity", low]
        tokens = [(m.group(), m.start()) for m in WORD_RE.finditer(self.text)]
        nouns = self.after_determiner()
        named, bare = [], []  # (entity, the word holding the noun)

        def joined(a, b):  # tokens a and b with no punctuation between them
            if a[0].endswith(".") and a[0].strip(".").lower() not in L.abbreviations:
                return False  # "... auf dem Gericht. Mladić hat ...": a sentence ends
            return not CLAUSE_SEP.search(self.text, a[1] + len(a[0]), b[1]) \
                and not QUOTE_MARK.search(self.text, a[1] + len(a[0]), b[1])

        def name_word(t):
            w = t[0].strip(".,'’")
            return _is_name_token(w, L) and (ACRONYM.search(w) or _org_word(w, L) or (
                w not in nouns and not _noun_ending(w, L) and _role(w, L) is None
                and not low.endswith(w.lower()) and not w.lower().endswith(L.referring)))

        for i, (w, at) in enumerate(tokens):
            if not w[:1].isupper():
                continue
            core = w.strip(".,'’")
            lw = core.lower()
            stem = lw if lw.endswith(low) else next(
                (lw[:-len(e)] for e in L.genitive_endings if lw.endswith(low + e)), None)
            if stem is None or stem != low and (len(stem) < len(low) + 3
                                                or stem.startswith(L.relational_prefixes)):
                continue
            word = core[:len(stem)]
            run, j = [], i + 1
            while j < len(tokens) and len(run) < 4 and joined(tokens[j - 1], tokens[j]) \
                    and name_word(tokens[j]):
                run.append(tokens[j][0].strip(".,'’"))
                j += 1
            prev = tokens[i - 1][0] if i > 0 else ""
            if run:
                name = " ".join(run)
                lone = len(run) == 1 and not ACRONYM.search(name) and not _org_word(name, L)
                named.append((f"{word} {name}" if lone else name, word))
            elif i + 2 < len(tokens) and tokens[i + 1][0].lower() in L.seat_preps \
                    and joined(tokens[i], tokens[i + 1]) and joined(tokens[i + 1], tokens[i + 2]) \
                    and name_word(tokens[i + 2]) and not _org_word(tokens[i + 2][0], L):
                named.append((f"{word} {tokens[i + 2][0].strip('.,')}", word))  # "Polizei in München"
            elif prev[:1].isupper() and prev.lower().endswith(L.place_adjective_endings) \
                    and joined(tokens[i - 1], tokens[i]) and _is_name_token(prev, L) \
                    and prev.lower() not in L.determiners and prev.lower() not in L.stopwords \
                    and not (i > 1 and tokens[i - 2][0].lower() in L.indefinite_articles):
                named.append((f"{prev} {word}", word))  # "die Münchner Polizei"
            elif stem != low and low not in L.generic and low not in L.place_nouns:
                bare.append((word, word))  # "die Weltraumbehörde"; not "die Innenstadt"
        words = {w for _, w in named}
        found = {e for e, _ in named} | {e for e, w in bare if w not in words}
        self._scans["entity", low] = found.pop() if len(found) == 1 else ""
        return self._scans["entity", low]

    def named_with_role(self, role: str | None) -> str:
        """The one person the article names right after this role ("Mayor Ana Ruiz",
        "Verkehrsminister Jan Kolbe"): whom "the mayor", "der Minister" means; "" when
        it names none, or several."""
        if not role:
            return ""
        if self._role_names is None:
            self._role_names = {}
            L = self.L
            tokens = [m.group() for m in WORD_RE.finditer(self.text)]
            for i, w in enumerate(tokens[:-1]):
                r = _role(w, L)
                if r is None:
                    continue
                run, j = [], i + 1
                while j < len(tokens) and len(run) < 4:
                    t = tokens[j].strip(".,'’")
                    if _is_name_token(t, L) and _role(t, L) is None:
                        run.append(t)
                    elif run and t.lower() in L.name_joiners and t.lower() not in L.coordinating \
                            and j + 1 < len(tokens) and _is_name_token(tokens[j + 1], L):
                        run.append(t)  # "Sofia de Wit"
                    else:
                        break
                    j += 1
                if len(run) >= 2:
                    self._role_names.setdefault(r, set()).add(" ".join(run))
        names = self._role_names.get(role, set())
        return next(iter(names)) if len(names) == 1 else ""

    def person(self, name: str) -> bool:
        """A name the article gives a person's role ("Mayor Ana Ruiz", "chief executive
        Laura Feng"), or a one-word name (most likely a surname)."""
        words = name.split()
        if len(words) < 2 or any(_role(w, self.L) is not None for w in words[:-1]):
            return True
        at = self.text.find(name)
        before = self.text[max(0, at - 30):at].split()
        if at > 0 and bool(before) and _role(before[-1], self.L) is not None:
            return True
        # the last word alone, more often than the whole name: a surname ("Giovanni
        # Trapattoni ... Der 66-jährige Trapattoni")
        return self.word_count(words[-1]) > self.text.count(name) and not _organisation_like(name, self.L)

    def mentions(self, name: str) -> int:
        """How often the article writes the most written word of a name."""
        counts = []
        for w in name.split():
            if len(w) >= 3 and w.lower() not in self.L.stopwords:
                counts.append(self.word_count(w))
        return max(counts, default=0)

    def word_count(self, word: str) -> int:
        """How often the article writes `word` as a word of its own (not inside
        "Koch-Mehrin"); words are asked again and again, so counts are kept."""
        if ("count", word) not in self._scans:
            self._scans["count", word] = _whole_word_count(self.text, word, "-", "-")
        return self._scans["count", word]

    def most_named(self, names) -> str:
        counts: dict[str, int] = {}
        for _, name in names:
            counts[name] = counts.get(name, 0) + 1
        return max(counts, key=lambda n: (counts[n], -[m for _, m in names].index(n)))

    def place(self) -> str:
        """The place the article names most often after a place preposition ("in Dresden")."""
        if self._place is None:
            L = self.L
            counts: dict[str, int] = {}
            tokens = [m.group() for m in WORD_RE.finditer(self.text)]
            for a, b in zip(tokens, tokens[1:]):
                w = b.strip(".,'’")
                if a.lower() in L.place_preps and w[:1].isupper() and _is_name_token(w, L) \
                        and not _org_word(w, L) and not ACRONYM.search(w) and not (
                            L.capitalised_nouns and (w in self.after_determiner()
                                                     or _noun_ending(w, L))):
                    counts[w] = counts.get(w, 0) + 1
            for _, name, _ in self.names():  # "die Stadt Dresden", "the City of Dresden"
                words = [w for w in name.split() if w.lower() not in L.name_joiners]
                if len(words) == 2 and words[0].lower() in L.place_nouns:
                    counts[words[1]] = counts.get(words[1], 0) + 2
            counts = {w: n for w, n in counts.items() if n >= PLACE_MIN}
            self._place = max(counts, key=counts.get) if counts else ""
        return self._place

    def main_actor(self) -> str:
        """The organisation the article names most often (its main actor), "" if none."""
        orgs = [(pos, name) for pos, name, org in self.names()
                if org and name.lower() not in self.L.org_words]
        return self.most_named(orgs) if orgs else ""

    def protagonist(self) -> str:
        """Whom the article is about: the named subject of its headline, when the text
        names it PROTAGONIST_MIN times or more and it is an organisation, a person, or the
        subject of a sentence of the lead again ("NASA plant permanent bemannte
        Mondstation"); without a headline, the organisation that is the subject of the
        first sentence, named as often; "" when neither names anyone."""
        if self._protagonist is None:
            self._protagonist = ""
            if self.spans:
                s0, s1 = self.spans[0]
                headline = not self.text[s0:s1].rstrip(CLOSERS).endswith((".", "!", "?", ":"))
                subj = self.subject(0)
                if not subj and headline:  # found only by the headline's opening name
                    subj = self._headline_name()
                again = any(self.subject(k) == subj
                            for k in range(1, min(len(self.spans), PROTAGONIST_READ)))
                # an article without a headline is about the subject of its first
                # sentence, when that is an organisation it keeps naming ("Du Pont Co.
                # reported ...": "The increased dividend will be paid Dec. 14")
                person = self.person(subj)
                if subj and self.mentions(subj) >= PROTAGONIST_MIN and (
                        again or _organisation_like(subj, self.L) or headline and person) \
                        and (headline or _organisation_like(subj, self.L)):
                    self._protagonist = subj  # who acts: not "Holy Headdress of Christ"
        return self._protagonist

    def _headline_name(self) -> str:
        """The name a headline opens with, after a topic and its colon ("Hansa Rostock
        verpflichtet ...", "Kirsten Gillibrand zur Nachfolgerin ... ernannt", "New York
        City: Strauss-Kahn bleibt ..."): headlines often have no verb a reader needs."""
        if not self.L.capitalised_nouns:
            return ""  # headlines in title case: every word looks like a name
        s0, s1 = self.spans[0]
        head = self.text[s0:s1]
        colon = head.find(": ")
        if 0 < colon < HEADLINE_TOPIC:
            s0, head = s0 + colon + 2, head[colon + 2:]
        tokens = [(m.group(), m.start()) for m in WORD_RE.finditer(head)]
        runs = _runs(tokens, self.L)
        if not runs or runs[0][0][1] != 0 or len(runs[0]) == len(tokens):
            return ""
        L = self.L
        name = _clean(runs[0], L)
        words = name.split()
        # a name the article writes inside its sentences, an organisation, or a surname:
        # "Pfaff entlässt ...", not "Keine Verlängerung", "Lateinamerikanische Migranten"
        named = any(n == name for _, n, _ in self.names())
        if named and len(words) >= 2 or _org_word(words[-1], L) or ACRONYM.search(name) \
                or len(words) == 1 and name in self.surnames():
            return name
        return ""

    def never_lower(self, word: str) -> bool:
        low = word.lower()
        if low == word:
            return False
        if ("never", low) not in self._scans:
            self._scans["never", low] = not _whole_word_count(self.text, low, "'’.-", "'’-",
                                                              first=True)
        return self._scans["never", low]

    def sentence_index(self, s0: int) -> int:
        return max(0, bisect.bisect_right(self.starts, s0) - 1)

    def subject(self, k: int) -> str:
        """The named subject of sentence k ("" if it has none)."""
        if k not in self._subjects:
            s0, s1 = self.spans[k]
            S = _Sentence(self.text, s0, s1, self.L, self)
            kind, run = _main_subject(S)
            self._pronoun[k] = run[0][0].lower() if kind == "pronoun" else ""
            self._article[k] = _article_before(S, run) if kind == "name" else ""
            if kind == "name" and self.L.capitalised_nouns and not _name_like(
                    [t[0] for t in run]) and not S.is_org(run) \
                    and not self.surname(run[-1][0].strip(".,'’")):
                kind = None  # a lone German noun is too weak to carry over, a surname is not
            if kind == "name" and S.complement(run):
                kind = None  # "werden am Hauptstandort Köln Stellen abgebaut": a place
            # without the role before a name ("Staatspräsidenten Ólafur Grímsson")
            name = self.nominative(_clean(S.name_of(run), self.L)) if kind == "name" else ""
            self._subjects[k] = name
            if " " not in name and self.entity_for(name):
                self._subjects[k] = self.entity_for(name)  # "die Polizei": "Polizei München"
            elif name.lower() in self.L.generic or name.lower() in self.L.place_nouns:
                # "das Unternehmen": the organisation or place the article named (and
                # names again: not a sentence's stray opener)
                named = self.named_for(name, s0)
                if named and (_organisation_like(named, self.L) or self.mentions(named) >= 2):
                    self._subjects[k] = named
        return self._subjects[k]

    def nominative(self, name: str) -> str:
        """A name without its genitive "s" ("ein Sprecher Koch-Mehrins": Koch-Mehrin), where
        the article also writes it without (German genitives of names)."""
        if not self.L.capitalised_nouns or not name.endswith("s") or len(name) < 4:
            return name
        stem = name[:-1]
        return stem if self.word_count(stem) else name

    def speaks(self, k: int) -> bool:
        """Whether sentence k reports speech (a reporting verb, or a quotation: not
        words in scare quotes, „Internationaler Handel“)."""
        s0, s1 = self.spans[k]
        sent = self.text[s0:s1]
        words = {w.lower() for w in WORD_RE.findall(sent)}
        return bool(words & self.L.speech_verbs) or _blank_speech(sent) != sent \
            or len(QUOTE_MARK.findall(sent)) % 2 == 1  # a quotation over several sentences

    def previous_subject(self, s0: int, paragraph: bool = False, person: bool = False,
                         pronoun: str = "") -> str:
        """The named subject of one of the sentences before; a lone organisation noun
        ("die Weltraumbehörde", "the company") gives way to a name said before it.
        paragraph: only of the sentences before in the same paragraph; person: for a
        pronoun that stands for a person ("he", "she"), never an organisation; pronoun:
        the pronoun it stands for, which must agree with the noun's article ("er" is not
        "die Organisation"), and whose sentences before ("Er war ...") go on back."""
        k = self.sentence_index(s0)
        found = ""
        crossed = False
        agrees = self.L.pronoun_articles.get(pronoun.lower())
        # ("It also ..." may be anything: only a gendered pronoun makes a chain)
        chain = bool(agrees) or pronoun.lower() in self.L.person_pronouns
        read = 0
        for j in range(k - 1, -1, -1):
            if read >= LOOK_BACK:
                break
            crossed = crossed or "\n\n" in self.text[self.spans[j][1]:self.spans[j + 1][0]]
            if crossed and paragraph:
                break
            subj = self.subject(j)
            if not (chain and self._pronoun.get(j) == pronoun.lower()):
                read += 1  # a chain of "Er ..." sentences speaks of one person
            if not subj or person and _organisation_like(subj, self.L):
                continue
            if agrees and self._article.get(j) and self._article[j] not in agrees:
                continue
            if crossed and self.speaks(j) and not _organisation_like(subj, self.L):
                continue  # a person who spoke in an earlier paragraph does not speak on
            if " " in subj or ACRONYM.search(subj) or not _org_word(subj, self.L):
                return subj
            found = found or subj
        return found


NAMED_AGAIN = 2  # mentions of a lone word opening a sentence that make it a name (German)
LOOK_BACK = 4  # sentences searched for the subject a pronoun stands for
PROTAGONIST_MIN = 3  # mentions that make the headline's subject what the article is about
PROTAGONIST_READ = 8  # sentences of the lead where it is the subject again
HEADLINE_TOPIC = 40  # characters of a topic before a headline's colon ("New York City: ")
CLOSERS = "“”\"'»«) \n"
PLACE_MIN = 2  # mentions that make a place the one "the city" stands for
COMPLEMENT_REACH = 3  # articles and adjectives between a preposition and its name


def _blank_speech(sent: str) -> str:
    """The sentence with the words of direct speech blanked (offsets kept): no name inside
    a quotation is its speaker ("„Ziele ...“, betonte Struck")."""
    marks = [m for m in QUOTE_MARK.finditer(sent)]
    for a, b in zip(marks[::2], marks[1::2]):
        inner = sent[a.end():b.start()]
        if len(inner.split()) >= SPEECH_WORDS:
            sent = sent[:a.end()] + " " * len(inner) + sent[b.start():]
    return sent


class _Sentence:
    """Tokens of one sentence (dateline blanked), for the actor finder."""

    def __init__(self, text, s0, s1, L: Language, doc: Document | None):
        sent = text[s0:s1]
        m = DATELINE.match(sent)
        if m:
            sent = " " * m.end() + sent[m.end():]
        sent = _blank_speech(sent)  # the actor of reported speech is its speaker
        sent = CURRENCY.sub(lambda m: " " * len(m.group()), sent)  # "US$300": no "US"
        self.sent, self.L, self.doc, self.doc_offset = sent, L, doc, s0
        self.tokens = [(x.group(), x.start()) for x in WORD_RE.finditer(sent)]
        self.low = [t[0].lower().strip(".,") for t in self.tokens]
        # punctuation between token i-1 and token i: a clause boundary before i
        self.cut = [False] + [bool(CLAUSE_SEP.search(sent, a[1] + len(a[0]), b[1]))
                              for a, b in zip(self.tokens, self.tokens[1:])]
        self.objects: set = set()  # objects of a reporting verb, found by _speaker

    def between(self, k: int) -> str:
        """The characters between token k-1 and token k."""
        a, b = self.tokens[k - 1], self.tokens[k]
        return self.sent[a[1] + len(a[0]):b[1]]

    def index(self, offset: int) -> int:
        """The index of the token that begins at `offset` in the sentence."""
        return next(k for k, t in enumerate(self.tokens) if t[1] == offset)

    def is_verb(self, i: int) -> bool:
        t, w, L = self.tokens[i][0], self.low[i], self.L
        if not t[:1].islower():
            return False
        if w in L.finite_verbs or w in L.speech_verbs:
            return True
        if w in L.cue_past[0] and w not in L.not_verbs and not L.verb_second:
            # an irregular past form ("Hollow Pine Ltd. lost the case"); in German the
            # subjects this finds were mostly wrong ones to carry on (news read)
            return True
        return bool(L.past_suffix) and len(w) > 4 and w.endswith(L.past_suffix) \
            and (w not in L.not_past or w in L.cue_table) and w not in L.stopwords

    def proper(self, run) -> bool:
        """A run of capitalised words that names someone: several words, an acronym, an
        organisation, or a word the article also writes capitalised inside a sentence
        (sentence openers and, in German, common nouns after an article are not names)."""
        words = [t[0].strip(".,'’") for t in run]
        L = self.L
        if self.is_org(run):
            return True
        if len(words) >= 2 and not L.capitalised_nouns:
            return True
        if len(words) >= 2:  # "Scott Bessent", not "Zahlungen Deutschlands", "Keine Streiks"
            if any(_noun_ending(x, L) or x.lower() in L.determiners
                   for x in words):
                return False
            if self.doc is None or ROMAN.fullmatch(words[-1]):
                return True  # "Benedikt XVI", "Elizabeth II"
            nouns = self.doc.after_determiner()
            return any(a not in nouns and b not in nouns for a, b in zip(words, words[1:]))
        w = words[0]
        if ACRONYM.search(w) or (not L.capitalised_nouns and sum(ch.isupper() for ch in w) >= 2):
            return True  # "NASA", "EU-Kommission"; in English also "McVeigh"
        if w.lower() in L.country_names:
            return True
        i = self.index(run[0][1])
        if L.capitalised_nouns and self.doc is not None and w in self.doc.surnames():
            return True  # "Der 66-jährige Trapattoni" after "Giovanni Trapattoni"
        if L.capitalised_nouns:
            # where every noun is capitalised, a lone word is a name only where a noun
            # could not stand: not after an article or adjective, not a noun's ending
            prev = self.tokens[i - 1][0] if i > 0 else ""
            after_lower = i > 0 and self.low[i - 1] in L.determiners and not self.relative(i - 1) or \
                prev[:1].islower() and not self.cut[i] and not self.relative(i - 1) and \
                self.low[i - 1] not in L.clause_breaks and not self.is_verb(i - 1)
            # nor a verb that opens a question or condition ("Tut er das nicht, ...")
            v1 = i == 0 and len(self.low) > 1 and self.low[1] in L.pronouns
            if after_lower or v1 or _noun_ending(w, L) or w.lower() in L.not_names \
                    or w.lower() in L.prepositions or w.lower() in L.determiners \
                    or L.event_endings and w.lower().endswith(L.event_endings):
                return False  # ... nor an event ("Gerichtstermin", "Landtagswahl")
            # a word the article also writes in lower case is no noun, so no name
            # ("Ursprünglich sollte ..."); nor one it writes after an article
            return self.doc is None or (w not in self.doc.after_determiner()
                                        and self.doc.never_lower(w))
        if self.doc is None:
            return i > 0
        if w in self.doc.capitalised_inside():
            return True
        # a sentence opener: a name if the article never writes it in lower case
        low = w.lower()
        return i == 0 and self.doc.never_lower(w) and not (
            low in L.stopwords or low in L.not_names or low in L.openers or low in L.pronouns
            or (L.verb_endings and low.endswith(L.verb_endings))  # "Based on", "Sentencing"
            or _noun_ending(low, L))  # "Construction is"

    def relative(self, k: int) -> bool:
        """Token k is a relative pronoun: an article right after a comma, or after a comma
        and a preposition ("Der Vertrag, den Borduria ... will", "..., über den die
        EU-Kommission ... entscheiden will"), where nouns are capitalised (so a name after
        it is the clause's subject, not a noun after its article)."""
        L = self.L
        if not L.capitalised_nouns or k < 1 or self.low[k] not in L.articles:
            return False
        return self.cut[k] or k >= 2 and self.cut[k - 1] and self.low[k - 1] in L.prepositions

    def name_of(self, run):
        """Who a name run stands for: a role before a person's name is not the actor
        ("Transport Minister Sofia de Wit", "Bundestrainer Joachim Löw"); a spokesperson
        speaks for an organisation ("Bahnsprecherin Carola Wendt": Deutsche Bahn, when
        the article names it)."""
        L = self.L
        run = self.unbracketed(run)
        words = [t[0].strip(".,'’") for t in run]
        cut = 0
        if len(words) == 2 and _role(words[0], L, L.spokesperson) is not None \
                and _is_name_token(words[1], L):
            return run[1:]  # "Ein Sprecher Weber-Linds": whom the spokesperson speaks for
        # the last role with a name of two words or more after it, and the words that
        # qualify the role before it ("U.S. Commerce Secretary William Daley")
        for k in range(len(words) - 2):
            after = k + 1  # past the role's own "of State" ("Secretary of State Jane Roe")
            while after + 1 < len(words) and words[after].lower() in L.name_joiners \
                    and words[after].lower() not in L.coordinating:
                after += 2
            rest = words[after:]
            if len(rest) < 2 or _role(words[k], L, inflected=True) is None or any(
                    w.lower() in L.name_joiners or _role(w, L) is not None or not
                    _is_name_token(w, L) for w in rest[:1]) or any(
                    w.lower() in L.name_joiners for w in rest):
                continue
            speaks = _role(words[k], L, L.spokesperson)
            if speaks is not None and self.doc is not None:
                org = self.doc.organisation_named(words[k][:words[k].lower().rfind(speaks)])
                if org:
                    return [(w, -1) for w in org.split()]
            cut = after
        if L.capitalised_nouns and self.doc is not None:
            # a body or a role before a name ("Zivilluftfahrtbehörde Roberto Rodriguez",
            # "Vatikan-Sprechers Federico Lombardi"): the name, when two words of it stay
            nouns = self.doc.after_determiner() | self.after_adjective(run)
            while cut < len(words) - 2 and (_org_word(words[cut], L) or _role(
                    words[cut].rstrip("s"), L) is not None or _common_noun(words[cut], nouns, L)) \
                    and not any(
                    w in nouns or _org_word(w, L) for w in words[cut + 1:]):
                cut += 1
        return run[cut:]

    def after_adjective(self, run) -> set:
        """The run's first word when a lower-case word stands right before it ("die
        bisher führende Japanerin Izumi Yamada"): where nouns are capitalised, a noun."""
        if not run or run[0][1] < 0:
            return set()
        i = self.index(run[0][1])
        if i == 0 or self.cut[i] or not self.tokens[i - 1][0][:1].islower() \
                or self.low[i - 1] in self.L.prepositions or self.is_verb(i - 1):
            return set()
        return {run[0][0].strip(".,'’")}

    def unbracketed(self, run):
        """The run up to a bracket inside it: "Franz Müntefering (SPD)" is Müntefering
        (name_of reads a run so)."""
        if not run or run[0][1] < 0:
            return run
        n = next((m for m in range(1, len(run))
                  if "(" in self.sent[run[m - 1][1] + len(run[m - 1][0]):run[m][1]]), len(run))
        return run[:n]

    def actor(self, run) -> str:
        """The actor a subject's name run gives: a lone generic noun ("Stadt", "the
        Company") stands for what the article named."""
        name = _clean(self.name_of(run), self.L)
        name = self.role_named(self.doc.nominative(name) if self.doc is not None else name)
        i = self.index(run[0][1]) if run[0][1] >= 0 else 0
        name = self.qualified(i, name)
        # (in English a capitalised "Parliament" inside a sentence is a name)
        if " " not in name and self.doc is not None and self.doc.entity_for(name):
            return self.doc.entity_for(name)  # "die Polizei": "Polizei München"
        if " " not in name and self.doc is not None and self.L.capitalised_nouns and (
                name.lower() in self.L.generic or name.lower() in self.L.place_nouns):
            return self.doc.named_for(name, run[0][1] + self.doc_offset) or name
        return name

    def role_named(self, name: str) -> str:
        """A lone role ("Der Minister kündigte an") stands for the person the article
        named with it ("Verkehrsminister Jonas Kolbe"), if it named one; a surname in the
        plural for the family ("The Turpins": "Turpin family")."""
        L = self.L
        if " " in name or self.doc is None:
            return name
        if name.endswith("s") and name[:-1] in self.doc.surnames():
            return name[:-1] + FAMILY  # "The Turpins": "David and Louise Turpin"
        if _role(name, L) is None or _role(name, L, L.spokesperson) is not None:
            return name
        return self.doc.named_with_role(_role(name, L)) or name

    def spoken_for(self, word: str) -> str:
        """The body a spokesperson named without a name speaks for: the one the word
        names before its role ("Bahnsprecher": Deutsche Bahn when the article names it,
        else "Bahn"; "Talibansprecher": "Taliban"), or the one named in the genitive after
        it ("ein Sprecher des Ministeriums": the ministry the article named); "" if none."""
        L, doc = self.L, self.doc
        role = _role(word, L, L.spokesperson)
        stem = word[:len(word) - len(role)].rstrip("-") if role else ""
        if len(stem) >= SPOKEN_FOR_MIN:
            if stem.lower().endswith("s") and stem[-2:-1].islower() \
                    and doc.word_count(stem) == 0 and doc.word_count(stem[:-1]):
                stem = stem[:-1]  # "Unternehmenssprecher": "Unternehmen"
            named = doc.organisation_named(stem) or doc.entity_for(stem)
            return named or stem[:1].upper() + stem[1:]
        at = next((k for k, t in enumerate(self.tokens) if t[0].strip(".,'’") == word), None)
        if at is None:
            return ""
        return _genitive_owner(self, [self.tokens[at]], reach=GENITIVE_REACH)

    def generic(self, j: int) -> str:
        """An organisation or place noun ("the company", "die Stadt"): the one the article
        named, else the noun itself with what says whose it is."""
        noun = self.tokens[j][0].strip(".,")
        found = self.generic_noun(noun)
        return self.qualified(j, found) if found.lower() == noun.lower() else found

    def qualified(self, i: int, name: str) -> str:
        """A lone organisation noun at token i keeps the adjective before it that says
        whose it is, as a reader writes it alone: "das chinesische Handelsministerium":
        "Chinesisches Handelsministerium" (`identifying_adjectives`, `adjective_endings`)."""
        L = self.L
        if " " in name or i < 2 or not _org_word(name, L):
            return name
        adj, ending = self.low[i - 1], L.adjective_endings.get(self.low[i - 2])
        if ending is None or not self.tokens[i - 1][0][:1].islower() \
                or not adj.endswith(L.identifying_adjectives) or self.cut[i] or self.cut[i - 1]:
            return name
        stem = adj[:-1]  # after a definite article the adjective ends in "e"
        return f"{stem[:1].upper()}{stem[1:]}{ending} {name}"

    def generic_noun(self, noun: str) -> str:
        """A noun written as the actor, or for a generic one what the article named."""
        if self.doc is not None and self.doc.entity_for(noun):
            return self.doc.entity_for(noun)
        if self.doc is not None and (noun.lower() in self.L.generic
                                     or noun.lower() in self.L.place_nouns):
            named = self.doc.named_for(noun, self.doc_offset)
            if named:
                return named
        return noun[:1].upper() + noun[1:]

    def with_org(self, run):
        """"the Canadian government": a name and the organisation word after it."""
        k = self.index(run[-1][1]) + 1
        if k < len(self.low) and self.low[k] in self.L.org_words and not self.cut[k]:
            return run + [self.tokens[k]]
        return run

    def passive(self, lo: int, hi: int) -> bool:
        """A passive in the clause of tokens lo..hi: its auxiliary beside a participle
        ("be published"), or anywhere in the clause where the participle goes last and
        its form is no infinitive's ("wird am 16. April von Kanal Neun ausgestrahlt", not
        "werden ... nicht mehr genügen")."""
        L, low, form = self.L, self.low, self.L.participle_form
        if form is None:
            return False

        far = L.participle_far

        def participle(k, i):
            if not lo <= k < hi:
                return False
            if abs(k - i) == 1:
                return bool(form.match(low[k])) or low[k] in L.cue_past[0]
            return far is not None and bool(far.match(low[k]))
        near = (lambda i: range(lo, hi)) if L.verb_second else (lambda i: (i - 1, i + 1))
        return any(low[i] in L.passive and any(participle(k, i) for k in near(i))
                   for i in range(lo, hi))

    def clause_of(self, i: int):
        """(lo, hi): the tokens of the clause holding token i."""
        lo = i
        while lo > 0 and not self.cut[lo]:
            lo -= 1
        hi = i + 1
        while hi < len(self.tokens) and not self.cut[hi]:
            hi += 1
        return lo, hi

    def complement(self, run) -> bool:
        """A name governed by a preposition other than an agent's ("vom Typ Bell UH-1D",
        "talks with Orange Order leaders", "in the Buffalo area"), or by an article of an
        oblique case ("den verschärften EU-Vorschriften"): an object, a thing or a place,
        not who acts."""
        L = self.L
        i = self.index(run[0][1]) - 1
        skipped = 0
        while i >= 0 and not self.cut[i + 1] and skipped < COMPLEMENT_REACH \
                and self.low[i] not in L.prepositions and self.low[i] not in L.place_preps \
                and not self.oblique(i) \
                and (self.low[i] in L.determiners or self.low[i] in L.articles
                     or self.tokens[i][0][:1].islower() and not self.is_verb(i)):
            skipped += 1
            i -= 1
        if i < 0 or self.cut[i + 1]:
            return False
        if self.oblique(i):
            return True
        if self.low[i] in L.agent_preps and self.passive(*self.clause_of(i)) \
                or self.low[i] in L.owner_preps:
            return False  # "a bid by X ... was extended", "the meeting of X": who acts
        return self.low[i] in L.prepositions or self.low[i] in L.place_preps

    def oblique(self, i: int) -> bool:
        """An article of an object's case ("den", "einem"); a genitive's ("des CERN") ties
        a name to the noun before it, which it may speak or act for."""
        return self.low[i] in self.L.oblique_articles and self.low[i] not in self.L.genitive_articles

    def quoted(self, run) -> bool:
        """A name in quotation marks, not after an article: the title of a work or an
        event („SAR 71“, "nennt sich „documenta 12“"), unlike "die „New York Times“"."""
        marks = list(QUOTE_MARK.finditer(self.sent, 0, run[0][1]))
        if len(marks) % 2 == 0:
            return False
        before = self.sent[:marks[-1].start()].split()
        return not (before and before[-1].lower() in self.L.determiners)

    def proper_tail(self, run):
        """The name that closes a run of nouns ("Diplomat Kofi Mensah", "Konzern
        Siemens"), where nouns are capitalised; [] when no word after the first is one."""
        if not self.L.capitalised_nouns or self.doc is None \
                or run[0][0] not in self.doc.after_determiner():
            return []  # "Ulmer Parteitag", "Zahlungen Deutschlands": no apposition
        for m in range(1, len(run)):
            tail = run[m:]
            if self.proper(tail) and (_name_like([t[0] for t in tail]) or self.is_org(tail)
                                      or self.doc.surname(tail[-1][0].strip(".,'’"))):
                return tail
        return []

    def is_org(self, run) -> bool:
        return _org_word(run[-1][0], self.L)

    def classify(self, i: int, j: int):
        """(kind, run) for the noun phrase tokens[i:j]: "pronoun", "name" or "common"."""
        if i >= j:
            return None, None
        L = self.L
        if self.low[i] in L.pronouns:
            return "pronoun", [self.tokens[i]]
        # a name after a preposition is a complement ("the line between Kassel and
        # Göttingen"), unless a name opens the phrase ("the Bank of England")
        prep = next((k for k in range(i + 1, j) if self.low[k] in L.prepositions), j)
        # "Politikerin Aung San Suu Kyi": a name after roles is a name
        # "Der Diplomat Kofi Mensah": a common noun before a name is its apposition
        runs = [r if self.proper(r) or self.proper(_after_roles(r, L)) else self.proper_tail(r)
                for r in _runs(self.tokens[i:j], L)]
        runs = [r for r in runs if r]
        if prep < j and (not runs or runs[0][0][1] > self.tokens[prep][1]):
            runs = []
            # "Der Weltmarktführer im Segment Energiesparlampen Philips hat": a name that
            # closes the phrase after the preposition's bare nouns is the subject's apposition
            last = self.tokens[j - 1]
            nouns = self.doc.after_determiner() if self.doc is not None else set()
            if L.capitalised_nouns and j - 2 > prep and self.low[prep] not in L.owner_preps and all(
                    self.tokens[k][0][:1].isupper() for k in range(prep + 1, j - 1)) \
                    and _is_name_token(last[0], L) and self.proper([last]) \
                    and last[0] not in nouns and not _org_word(last[0], L):
                runs = [[last]]
        # "Die Friedensnobelpreisträgerin und Politikerin Aung San Suu Kyi": roles alone
        # are no name when a name follows
        runs = [r for r in runs if not all(_role(t[0], L) for t in r)] or runs
        if len(runs) >= 2:
            # "Transport minister Sofia de Wit", "Airline group Skyward": the role words
            # between two names; a spokesperson's is the organisation's ("Skyward
            # spokesperson John Doe")
            a = self.index(runs[0][-1][1]) + 1
            b = self.index(runs[1][0][1])
            between = self.low[a:b]
            if between and all(self.tokens[k][0][:1].islower() for k in range(a, b)) \
                    and _role(between[-1], L) is not None:
                spoke = _role(between[-1], L, L.spokesperson) is not None
                runs = [runs[0]] if spoke else runs[1:]
        for n, run in enumerate(runs):
            if n + 1 < len(runs) and run[-1][0].endswith(POSSESSIVE):
                continue  # "Egypt's current President al-Sisi": the possessed one acts
            cut = [k for k, t in enumerate(run[:-1]) if t[0].endswith(POSSESSIVE)]
            if cut:
                run = run[cut[-1] + 1:]  # "Ruritania's President Omar"
            return "name", self.with_org(run)
        # a group of people as subject: "Protesters", "big computer makers"; its head
        # stands before what follows it ("Protesters from ...", "makers and ...")
        end = next((k for k in range(i + 1, j) if self.low[k] in L.prepositions
                    or self.low[k] in L.place_preps or self.low[k] in L.coordinating), j)
        head = self.low[end - 1]
        if end - i <= 4 and L.agent_suffixes and head.endswith(L.agent_suffixes) \
                and not any(self.cut[i + 1:end]):
            words = [t for t in self.tokens[i:end] if t[0].lower() not in L.articles]
            return "name", words
        return "common", self.tokens[i:j]


def _after_roles(run, L: Language):
    """The run without the roles that open it ("Politikerin Aung San Suu Kyi"), or the
    run itself when it is roles alone; a spokesperson speaks for the name after it."""
    k = 0
    while k < len(run) - 1 and _role(run[k][0], L) is not None \
            and _role(run[k][0], L, L.spokesperson) is None:
        k += 1
    return run[k:]


def _article_before(S: _Sentence, run) -> str:
    """The article that opens the noun phrase of a subject's run ("Die UNIDO", "der
    Diplomat Yumkella"), "" when none does."""
    i = S.index(run[0][1])
    for k in range(i - 1, max(-1, i - 1 - COMPLEMENT_REACH), -1):
        if S.low[k] in S.L.articles:
            return S.low[k]
        if S.cut[k + 1] or S.is_verb(k):
            break
    return ""


def _person(run, L: Language) -> bool:
    """A pronoun that stands for a person ("he", "she"; not German "er", which stands for
    any masculine noun: "der Konzern"), never for an organisation."""
    return bool(run) and run[0][0].lower() in L.person_pronouns


def _bracketed_number(S: _Sentence, k: int) -> bool:
    """Token k is a number alone in brackets: "Aung San Suu Kyi (65)", an age aside."""
    if k == 0 or k + 1 > len(S.tokens) or not S.tokens[k][0].isdigit():
        return False
    before = S.sent[S.tokens[k - 1][1] + len(S.tokens[k - 1][0]):S.tokens[k][1]]
    end = S.tokens[k][1] + len(S.tokens[k][0])
    after = S.sent[end:S.tokens[k + 1][1]] if k + 1 < len(S.tokens) else S.sent[end:]
    return before.strip() == "(" and after.strip() == ")"


def _main_subject(S: _Sentence, own: bool = False):
    """The grammatical subject of the sentence: in verb-second languages the words before
    the finite verb when they are a noun phrase, else the noun phrase right after it; in
    others the words before the first verb, after an opening adverbial ("In a statement,
    it said") and without an apposition ("X, which ..., said")."""
    L, low, n = S.L, S.low, len(S.tokens)
    verb = next((i for i in range(n) if S.is_verb(i)), None)
    if own and L.verb_second and (verb is None or verb > 2) and _second_after_noun(S):
        # "Die Gewerkschaft droht mit ...": the word after the first phrase. (Only for
        # the sentence's own actor: as a subject carried on to later sentences it was
        # as often wrong as right)
        verb = 2
    if verb is None or verb == 0:
        return None, None
    if L.verb_second:
        first = S.tokens[0][0]
        if verb == 1 and low[0] in L.pronouns and low[0] not in L.object_pronouns:
            return "pronoun", [S.tokens[0]]  # "Er promovierte ...", not "Es wird erwartet"
        opener = low[0] in L.stopwords and low[0] not in L.articles or (
            first[:1].isupper() and low[0] in L.not_names) or low[0] in L.attr_words \
            or first[:1].isdigit() \
            or any(w in L.units for w in low[:min(verb, 3)]) \
            or S.oblique(0)  # "Den Termin hat Köhler ... festgesetzt": an object before the verb
        # ("2009 will BYD ...", "Wenige Tage vor dem Ende hatte Stafford ...": a time
        # before the verb, the subject after it)
        cuts = [k for k in range(1, verb) if S.cut[k]]
        if not opener and cuts and verb == cuts[0] + 1 and _bracketed_number(S, cuts[0]):
            return S.classify(0, cuts[0])  # "Aung San Suu Kyi (65) erklärte": an age aside
        if not opener and len(cuts) == 1 and S.cut[verb]:
            named = _apposition(S, 0, cuts[0], verb)
            if named:
                return "name", named  # "Der Ministerpräsident Thailands, Abhisit V., kündigte"
        if not opener and cuts and S.cut[verb] and low[cuts[0]] in L.relative_pronouns | L.articles:
            # "Tesla Motors, der Hersteller des Roadster, will ...": the subject before
            # its apposition or relative clause
            kind, run = S.classify(0, cuts[0])
            if kind == "name":
                return kind, run
        if not opener and not cuts:
            if verb > 2 and (low[1] in L.articles or low[1] in L.determiners) \
                    and low[0] not in L.articles and low[0] not in L.determiners:
                return S.classify(1, verb)  # "Lediglich die ... Demonstration wurde"
            return S.classify(0, verb)
        j, skipped = verb + 1, 0
        while j < n and (low[j] in L.articles or (
                S.tokens[j][0][:1].islower() and skipped < 2 and low[j] not in L.stopwords
                and low[j] not in L.pronouns)):
            skipped += low[j] not in L.articles
            j += 1
        if j < n and low[j] in L.pronouns:
            return "pronoun", [S.tokens[j]]
        end = j
        while end < n and (_is_name_token(S.tokens[end][0], L) and not S.cut[end] or end == j):
            word = S.tokens[end][0].strip(".,")
            if end > j and S.tokens[end - 1][0].strip(".,").isupper() and L.capitalised_nouns \
                    and (_noun_ending(word, L) or S.doc is not None and word in S.doc.after_determiner()):
                break  # "erwartet die IADB Überweisungen in Höhe von ...": the object
            end += 1
        return S.classify(j, end)
    start = 0
    if low[0] in L.openers:
        commas = [i for i in range(1, verb) if S.cut[i]]
        if not commas:
            return None, None
        start = commas[0]
    end = next((i for i in range(start + 1, verb) if S.cut[i]), verb)
    closing = next((i for i in range(end + 1, verb + 1) if S.cut[i]), None)
    named = _apposition(S, start, end, closing) if closing == verb else None
    if named:
        return "name", named  # "The governor of Ohio, Mike DeWine, announced"
    return S.classify(start, end)


def _apposition(S: _Sentence, i: int, j: int, k: int):
    """The name set off by commas after a subject named by its role or organisation
    (tokens i..j, the name j..k): "The governor of Ohio, Mike DeWine," is Mike DeWine."""
    L = S.L
    if not all("," in S.between(m) for m in (j, k)):
        return None  # "Franz Müntefering (SPD), hat": a bracket sets off no apposition
    words = [t for t in S.tokens[i:j] if t[0].lower() not in L.articles]
    if not words or not (_role(words[0][0], L) is not None or _role_phrase(words, L)
                         or _organisation_phrase(words, L)):
        return None
    kind, name = S.classify(j, k)
    # the whole aside is the name: "Deutschlands größtes Unternehmen" is none
    return name if kind == "name" and len(name) == k - j else None


def _second_after_noun(S: _Sentence) -> bool:
    """Whether a verb-second sentence opens with an article and a noun and goes on in
    lower case with no function word ("Die Bahn verspricht, ..."): that word stands
    second, where the finite verb stands, however unknown the verb is."""
    L, low = S.L, S.low
    if len(S.tokens) < 4 or low[0] not in L.articles or S.cut[1] or S.cut[2]:
        return False
    noun, word = S.tokens[1][0], S.tokens[2][0]
    return noun[:1].isupper() and word[:1].islower() and word.isalpha() and not (
        low[2] in L.stopwords or low[2] in L.prepositions or low[2] in L.articles
        or low[2] in L.coordinating or low[2] in L.determiners)


def _clause_subject(S: _Sentence, d0: int):
    """The subject of a subordinate clause holding the date ("..., während Xi später im
    Jahr kommen werde", "..., the ministry will ..."), when it opens with a name."""
    L, low = S.L, S.low
    date = next((i for i, t in enumerate(S.tokens) if t[1] >= d0), len(S.tokens))
    k, opener = min(date, len(S.tokens) - 1), None
    while k > 0 and not S.cut[k] and (low[k] not in L.clause_breaks or _no_clause(S, k)):
        k -= 1
    if k <= 0:
        k = _reported_clause(S, date)
        if k is None:
            return None, None
    if k == date and L.verb_second and S.cut[k]:
        return _inverted_subject(S, k)
    if low[k] in L.clause_breaks and not S.cut[k]:
        if low[k] in L.relative_openers or low[k] in L.coordinating:
            return None, None  # "Staats- und Regierungschefs": words joined, not clauses
        k += 1
    elif low[k] in L.clause_breaks:
        if low[k] in L.relative_openers:
            return None, None
        opener = k  # after a comma: a subordinate clause of its own
        k += 1
    elif low[k] in L.prepositions and k + 1 < len(S.tokens) and S.relative(k + 1):
        k += 1  # "..., über den die EU-Kommission ... entscheiden will"
    j = k
    while j < len(S.tokens) and low[j] in L.articles:
        j += 1
    if j < len(S.tokens) and low[j] in L.pronouns:
        return S.classify(j, j + 1)
    stop = next((i for i in range(j + 1, len(S.tokens)) if S.cut[i]), len(S.tokens))
    runs = _runs(S.tokens[j:stop], L)
    if not runs or runs[0][0][1] != S.tokens[j][1]:
        return None, None
    end = j + len(runs[0])
    if not any(S.is_verb(i) for i in range(end, stop)) and not (
            opener is not None and _verb_final(S, opener, end, stop)):
        return None, None  # "between Australia and India by August": no clause of its own
    return S.classify(j, end)


def _reported_clause(S: _Sentence, date: int):
    """Where the clause holding the date is what a speech verb reports ("NBC News reported
    (that) Acme will close ... in June"): the index of its first word, else None. Its
    named subject is committed, not the newspaper or speaker who reports it."""
    L = S.L
    v = next((i for i in range(date - 1, 0, -1) if S.low[i] in L.speech_verbs and S.is_verb(i)),
             None)
    if v is None or v + 1 >= date:
        return None
    return v + 2 if S.low[v + 1] in L.complementisers else v + 1


def _verb_final(S: _Sentence, opener: int, end: int, stop: int) -> bool:
    """A subordinate clause of a verb-second language ends with its finite verb: "...,
    dass die Bahn bis Juni einen Plan vorlegt" has one though "vorlegt" is in no list."""
    L = S.L
    return bool(L.verb_second) and S.low[opener] not in L.coordinating \
        and end < stop and S.tokens[stop - 1][0][:1].islower()


def _no_clause(S: _Sentence, k: int) -> bool:
    """A subordinator with no comma before it, in verb-second languages (where a
    subordinate clause is set off by a comma): a preposition ("tritt als Gastgeber ...
    auf", "während der Spiele"), not a clause of its own; not after "und" ("und dass")."""
    L = S.L
    return bool(L.verb_second) and k > 0 and not S.cut[k] and S.low[k] not in L.coordinating \
        and S.low[k - 1] not in L.coordinating and S.low[k - 1] not in L.clause_breaks


def _inverted_subject(S: _Sentence, k: int):
    """A verb-second clause that opens with its date ("..., im Dezember soll er sein Amt
    antreten"): the subject right after the finite verb, when it is a pronoun or a name."""
    L, low, n = S.L, S.low, len(S.tokens)
    stop = next((i for i in range(k + 1, n) if S.cut[i]), n)
    verb = next((i for i in range(k + 1, min(stop, k + FRONT_MAX)) if S.is_verb(i)), None)
    if verb is None:
        return None, None
    j = verb + 1
    while j < stop and low[j] in L.articles:
        j += 1
    if j < stop and low[j] in L.pronouns:
        return "pronoun", [S.tokens[j]]
    runs = _runs(S.tokens[j:stop], L)
    if not runs or runs[0][0][1] != S.tokens[j][1] if j < stop else True:
        return None, None
    return S.classify(j, j + len(runs[0]))


FRONT_MAX = 6  # words of a date phrase before its clause's verb


def find_actor(text, s0, s1, d0, L: Language, doc: Document | None = None,
               learned: bool = True, bodies: bool = True) -> str:
    """Who is committed (_find_actor); bodies: a spokesperson named without a name stands
    for the body they speak for ("ein Talibansprecher": Taliban; speakers.py asks for the
    speaker as written)."""
    found = _find_actor(text, s0, s1, d0, L, doc, learned)
    if bodies and found and " " not in found and doc is not None \
            and _role(found, L, L.spokesperson) is not None:
        return _Sentence(text, s0, s1, L, doc).spoken_for(found) or found
    return found


def _find_actor(text, s0, s1, d0, L: Language, doc: Document | None = None,
                learned: bool = True) -> str:
    """Who is committed: the named subject of the clause holding the date or of the
    sentence (a person, not the role before the name); else the speaker of reported
    speech ("X sagte", "said X") or its source ("laut X", "according to X"); else, for a
    pronoun, the subject of an earlier sentence of the paragraph, for a noun like "the
    company" or "die Stadt", the organisation or place the article named; else the first
    name-like words of the sentence; else whom the article spoke of just before."""
    S = _Sentence(text, s0, s1, L, doc)
    tokens = S.tokens
    if not tokens:
        return ""
    agent = _passive_agent(S, d0 - s0) or _owner(S, d0 - s0) or _obliged(S, d0 - s0) \
        or _court(S, d0 - s0)
    if agent:
        return agent
    kind, run = _clause_subject(S, d0 - s0)
    if kind == "name":
        return S.actor(run)
    main_kind, main_run = _main_subject(S, own=True)
    if kind == "pronoun" and main_kind != "name" and doc is not None:
        # "..., im Dezember soll er sein Amt antreten": whom the pronoun stands for, the
        # sentence's own named subject first ("2009 will BYD ..., 2010 sollen es ...")
        prev = doc.previous_subject(s0, person=_person(run, L), pronoun=run[0][0])
        if prev:
            return prev
    if main_kind == "name" and _written_once(S, main_run):
        main_kind = "common"  # "Symbolträchtiger hätte ...", "Hintergrund ist ...": no name
    kind, run = main_kind, main_run
    if main_kind == "name":
        return S.actor(run)
    found = _said_by(S, s0, d0) if learned else _attributed(S)
    if found:
        return found
    if main_kind == "pronoun" and doc is not None:
        # the subject of a passive is not who acts ("Er soll dem Haftrichter vorgeführt
        # werden"): then no agreement with the pronoun
        i = S.index(run[0][1])
        agent = "" if S.passive(*S.clause_of(i)) else run[0][0]
        prev = doc.previous_subject(s0, person=_person(run, L), pronoun=agent)
        if prev:
            return prev
    owner = _genitive_owner(S, run) if main_kind == "common" else ""
    if owner:
        return owner
    head = _organisation_phrase(run, L) if main_kind == "common" else []
    if head:
        # "the company will ...": the organisation named before; "a council committee",
        # or nothing organisation-like named before: the committee itself
        if doc is not None and run[0][0].lower() not in L.indefinite_articles:
            prev = doc.previous_subject(s0)
            noun = head[-1].lower()
            if noun in L.generic:
                if prev and _organisation_like(prev, L):
                    return prev
                named = doc.named_for(head[-1], s0) if len(head) == 1 else ""
                if named:
                    return named
            elif prev and any(w.lower().endswith(noun) for w in prev.split()):
                return prev  # "die Bahn" after "die Deutsche Bahn"
        return " ".join([head[0][:1].upper() + head[0][1:]] + head[1:])
    role = _role_phrase(run, L) if main_kind == "common" else []
    if role:
        # "The mayor said the bridge would reopen ...": the sentence's own subject, the
        # person the article named with that role if it named one ("Mayor Ana Ruiz")
        named = doc.named_with_role(_role(role[-1], L)) if doc is not None else ""
        return named or " ".join([role[0][:1].upper() + role[0][1:]] + role[1:])
    if main_kind == "common" and doc is not None and _is_org_noun(S):
        prev = doc.previous_subject(s0)
        if prev:
            return prev
    # the first name-like run; a single capitalised word only when nothing better exists;
    # never a place or thing after a preposition, nor a title in quotation marks
    runs = [r for r in _runs(tokens, L) if (S.proper(r) or not L.capitalised_nouns)
            and not S.complement(r) and not S.quoted(r)]
    for r in runs:
        if _name_like([t[0] for t in r]) and S.proper(r):
            return _clean(S.name_of(S.with_org(r)), L)
    if not L.capitalised_nouns:  # where only names are capitalised, any will do
        for r in runs:
            if S.proper(r):
                return _clean(S.with_org(r), L)
    if doc is not None and main_kind == "pronoun":
        return doc.protagonist()  # "Es werden ... ausgestrahlt": what the article is about
    if doc is not None and main_kind in (None, "common"):
        # nobody named: the article goes on about whom it named just before, or about
        # the one its headline is about
        # about, from the same paragraph ("Das Stadion soll ... eröffnet werden" does not
        # go back to the government of the paragraph before)
        return doc.previous_subject(s0, paragraph=True) or doc.protagonist() \
            if doc is not None else ""
    return ""


def _written_once(S: _Sentence, run) -> bool:
    """Where nouns are capitalised, a lone word opening the sentence that the article
    writes nowhere else: any noun or adjective may stand there ("Symbolträchtiger hätte
    ...", "Hintergrund ist ..."); a name is named again (an acronym or organisation is one
    at once)."""
    if not S.L.capitalised_nouns or S.doc is None or len(run) != 1 or run[0][1] != S.tokens[0][1]:
        return False
    w = run[0][0].strip(".,'’")
    if len(S.tokens) > 1 and (S.low[1] in S.L.plural_verbs
                              or S.low[1].endswith(S.L.plural_verb_endings)):
        return False  # "Experten sagen ...", "Gutachter sollen ...": a group may act
    return not ACRONYM.search(w) and not _org_word(w, S.L) and w.lower() not in S.L.country_names \
        and S.doc.word_count(w) < NAMED_AGAIN


def _genitive_owner(S: _Sentence, run, reach: int = 0) -> str:
    """The body a subject's noun belongs to, named in the genitive after it ("Die
    Entscheidung des Gerichts ...", "Der Beschluss der EU-Kommission ..."): an
    organisation or a name acts, not a thing ("Der Start des Raumschiffes")."""
    L = S.L
    if not L.genitive_articles or not run or run[0][1] < 0:
        return ""
    i = S.index(run[0][1])
    for k in range(i + 1, min(i + max(len(run), reach), len(S.tokens) - 1)):
        if S.low[k] not in L.genitive_articles or S.cut[k]:
            continue
        j = k + 1
        while j < len(S.tokens) and S.tokens[j][0][:1].islower() and j - k <= OBJECT_ADJECTIVES \
                and not S.cut[j]:
            j += 1  # "des höchsten", "der chinesischen"
        name = _name_run(S, j)
        if not name or S.cut[j]:
            return ""
        word = name[-1][0].strip(".,'’")
        base = next((word[:-len(e)] for e in ("",) + L.genitive_endings
                     if word.endswith(e) and _org_word(word[:len(word) - len(e)], L)), None)
        if len(name) == 1 and base is not None:
            if S.doc is not None and base.lower() in L.courts and not S.doc.entity_for(base) \
                    and S.doc.courts():
                return S.doc.most_named(S.doc.courts())  # "des Gerichts": "UN-Tribunal"
            return S.generic_noun(base)  # "des Ministeriums": the ministry the article named
        if S.proper(name) and (_organisation_like(_clean(name, L), L) or len(name) >= 2):
            return S.actor(name)
        return ""
    return ""


def _passive_agent(S: _Sentence, d0: int) -> str:
    """The agent of a passive in the clause holding the date: "eine Talkshow, die am 16.
    Dezember von SAT.1 ausgestrahlt werden wird", "will be published by the Bundesbank"."""
    L, low, tokens = S.L, S.low, S.tokens
    if not L.agent_preps or not L.passive:
        return ""
    if not tokens:
        return ""
    k = next((i for i, t in enumerate(tokens) if t[1] >= d0), len(tokens) - 1)
    lo, hi = S.clause_of(k)
    if not S.passive(lo, hi):
        return ""
    for i in range(lo, hi - 1):
        if low[i] not in L.agent_preps:
            continue
        j = i + 1
        while j < hi and (low[j] in L.articles or low[j] in L.determiners):
            j += 1
        run = []
        while j < hi and _is_name_token(tokens[j][0], L) and len(run) < 5:
            run.append(tokens[j])
            j += 1
        if run and S.proper(run):
            return S.actor(run)
    return ""


def _owner(S: _Sentence, d0: int) -> str:
    """Who owns the thing the date belongs to: "the European Space Agency's 2028 ARIEL
    program", "NASA's telescope, scheduled for launch in 2021", "the judge's ruling,
    which is expected next week", "the visit of Secretary William Daley in September";
    and the name a relative clause holding the date tells of ("Gauck, der am 30. Juni
    antreten soll").  Read back from the date over words that are no verb."""
    L, low, tokens = S.L, S.low, S.tokens
    n = len(tokens)
    k = next((i for i, t in enumerate(tokens) if t[1] >= d0), n)
    if not n or k == 0:
        return ""
    lo, _ = S.clause_of(min(k, n - 1))
    about = False  # the date's clause tells of the noun before it
    form = L.participle_form
    if 0 < lo < k and (low[lo] in L.relative_pronouns or _future_cue(low[lo], L)
                       and form is not None and form.match(low[lo])):
        own = lo + 1 < n and (_is_name_token(tokens[lo + 1][0], L) or low[lo + 1] in L.pronouns
                              or low[lo + 1] in L.determiners)
        if low[lo] in L.relative_pronouns and own:
            return ""  # "which NASA said ...", "die die Regierung ... will": its own subject
        k, about = lo, low[lo] if low[lo] in L.relative_pronouns else "participle"
        lo, _ = S.clause_of(k - 1)
    for i in range(k - 1, max(lo, k - OWNER_REACH) - 1, -1):
        if S.is_verb(i) and not _future_cue(low[i], L) and not (i > 0 and low[i - 1] in L.passive):
            return ""
        t = tokens[i][0]
        if t[:1].islower() and t.endswith(POSSESSIVE) and i > 0 and low[i - 1] in L.articles:
            noun = t[:-1] if t.endswith("s'") else t[:-2]  # "workers'", "judge's"
            return S.generic_noun(noun)  # "the judge's ruling, which is expected ..."
        if not _is_name_token(t, L):
            continue
        j = i
        while j > lo and _is_name_token(tokens[j - 1][0], L) and i - j < 4:
            j -= 1
        # "the Ministry of Trade will ...": a joiner between name words is part of the
        # name, not an owner ("the visit of Secretary of State X" still is one)
        while j - 2 >= lo and low[j - 1] in L.name_joiners and _is_name_token(tokens[j - 2][0], L):
            j -= 2
            while j > lo and _is_name_token(tokens[j - 1][0], L) and i - j < 6:
                j -= 1
        run = tokens[j:i + 1]
        mine = [m for m, t in enumerate(run) if t[0].endswith(POSSESSIVE)]
        if mine and (mine[-1] + 1 == len(run) or _role(run[mine[-1] + 1][0], L) is None):
            owner = run[:mine[-1] + 1]  # "NASA's James Webb Telescope": NASA's
            return S.actor(owner) if S.proper(owner) else ""
        if j > 0 and low[j - 1] in L.owner_preps and not any(ch.isdigit() for ch in run[0][0]) \
                and S.proper(run):
            return S.actor(run)  # "the visit of Secretary William Daley"
        # "Gauck, der ... antreten soll"; "the Convention, scheduled for ...", but not
        # "a request for Volker, scheduled for ...": the request is
        if about and i == k - 1 and (about != "participle" or not S.complement(run)):
            name = next((run[m:] for m in range(len(run)) if S.proper(run[m:])), None)
            return S.actor(name) if name else ""
        return ""
    return ""


def _court(S: _Sentence, d0: int) -> str:
    """A trial, hearing or judgement in the date's clause ("rechne mit einer mündlichen
    Verhandlung innerhalb von zehn Tagen", "muss sich im Juli vor dem Landgericht
    verantworten") is the court's: the one the sentence names, else the one the article
    names most."""
    L, low = S.L, S.low
    if not L.court_events or S.doc is None or not S.tokens:
        return ""
    k = next((i for i, t in enumerate(S.tokens) if t[1] >= d0), len(S.tokens) - 1)
    lo, hi = S.clause_of(k)
    if not any(w.endswith(L.court_events) and (w in L.court_events or L.capitalised_nouns)
               for w in low[lo:hi]):
        return ""
    courts = S.doc.courts()
    if not courts:
        return ""
    s0, s1 = S.doc_offset, S.doc_offset + len(S.sent)
    here = [name for at, name in courts if s0 <= at < s1]
    return here[0] if here else S.doc.most_named(courts)


def _obliged(S: _Sentence, d0: int) -> str:
    """Whom a date is set for, who must act by it: the object of a verb that obliges in
    the date's clause, before the date ("gave Merieux until mid-November to submit",
    "subpoenaed 6-year-old Elian to testify ... on Feb. 10", "forderte die Stadtwerke
    auf, bis Ende März ..."); a name, or an organisation noun for what the article named."""
    L, low, tokens = S.L, S.low, S.tokens
    if not L.obliges or not tokens:
        return ""
    k = next((i for i, t in enumerate(tokens) if t[1] >= d0), len(tokens))
    lo, hi = S.clause_of(min(k, len(tokens) - 1))
    marker = L.title_marker
    if lo > 0 and marker and any(w == marker or any(
            w.startswith(p + marker) and len(w) > len(p) + len(marker) + 2
            for p in L.separable_prefixes) for w in low[lo:hi]):
        lo, _ = S.clause_of(lo - 1)  # "forderte X auf, bis Ende März ... vorzulegen"
    for i in range(lo, k):
        if not tokens[i][0][:1].islower():
            continue
        if low[i] in L.obliges:
            j = i + 1
        elif i + 1 < k and low[i] + " " + low[i + 1] in L.obliges:
            j = i + 2  # "called on the council to ...", "demanded that the council ..."
        else:
            continue
        skipped = 0
        while j < k and (low[j] in L.articles or low[j] in L.determiners or (
                (tokens[j][0][:1].islower() or AGE.match(tokens[j][0]))
                and skipped < OBJECT_ADJECTIVES and low[j] not in L.stopwords
                and low[j] not in L.prepositions and low[j] not in L.generic)):
            skipped += low[j] not in L.articles and low[j] not in L.determiners
            j += 1
        if j >= k:
            return ""
        if low[j] in L.generic or _org_word(tokens[j][0], L):
            return S.generic(j)  # "gave the firm until April 4", "gab der Firma ... Zeit"
        run = _name_run(S, j)
        return S.actor(run) if run and (S.proper(run) or _name_like([t[0] for t in run])) \
            else ""
    return ""


SPOKEN_FOR_MIN = 3  # letters of the body a spokesperson's compound names ("Bahn", "Kreml")
GENITIVE_REACH = 2  # words from a spokesperson to the genitive naming whom they speak for
FAMILY = " family"  # what a surname in the plural stands for
OBJECT_ADJECTIVES = 2  # words before the name of an object ("6-year-old Elian")


def _future_cue(word: str, L: Language) -> bool:
    """"scheduled", "expected", "geplant": a word that sets something ahead."""
    return bool(L.cue_table.get(word, 0) & 1)


OWNER_REACH = 10  # words from the date back to the name that owns its noun


def _organisation_phrase(run, L: Language) -> list[str]:
    """The words of a subject whose head is an organisation noun ("a council committee",
    "the utility" -> ["council", "committee"], ["utility"]); [] for any other subject."""
    words = []
    for t in run or ():
        w = t[0].strip(".,'’")
        if w.lower() in L.prepositions:
            break  # "the senate seat from Colorado": the head is "seat"
        if w.lower() not in L.articles and w.lower() not in L.indefinite_articles:
            words.append(w)
    if not words or len(words) > 4 or not _org_word(words[-1], L):
        return []
    return words


def _role_phrase(run, L: Language) -> list[str]:
    """The words of a subject whose head is a person's role ("the mayor", "der Minister",
    "the transport minister" -> ["mayor"], ["Minister"], ["transport", "minister"]); []
    for any other subject, and for a spokesperson (who speaks for someone else)."""
    words = []
    for t in run or ():
        w = t[0].strip(".,'’")
        if w.lower() in L.prepositions or w.lower() in L.coordinating:
            break  # "the mayor of Lindenau": the head is "mayor"
        if w.lower() not in L.articles and w.lower() not in L.indefinite_articles \
                and w.lower() not in L.determiners \
                and not (L.capitalised_nouns and w[:1].islower()):
            # where nouns are capitalised a word in lower case is an adjective: "der
            # erzkonservative Ex-Gouverneur" is "Ex-Gouverneur", not "Erzkonservative ..."
            words.append(w)
    if not words or len(words) > ROLE_WORDS or _role(words[-1], L) is None \
            or _role(words[-1], L, L.spokesperson) is not None or _org_word(words[-1], L):
        return []
    return words


ROLE_WORDS = 3  # words of a subject named by its role ("the new transport minister")


def _organisation_like(name: str, L: Language) -> bool:
    """"Oneida Ltd.", "EU", "Hamburger Senat": a name an organisation noun ("the
    company") can stand for; not "People", "Analysts" or a person's name."""
    return _org_word(name.split()[-1], L) or bool(ACRONYM.search(name))


def _is_org_noun(S: _Sentence) -> bool:
    """"the company will ...", "das Unternehmen will ...": an organisation named before."""
    return any(_org_word(w, S.L) for w in S.low[:4])


def _said_by(S: _Sentence, s0: int, d0: int) -> str:
    """The speaker of reported speech: where the rules find one, the learned choice
    (speakers.py) says who it is, for the languages it was trained on."""
    from . import speakers  # speakers builds on this module
    found = _attributed(S)
    m = speakers.model()
    if (found or S.objects) and m is not None and S.doc is not None and S.L.code in m.languages:
        said = speakers.speaker_of(S.doc.text, d0, S.L, S.doc) or found
        if said in S.objects:
            said = found  # what is said or asked for does not speak
        if _is_source(said, S.L):  # where it was read: whom it names, else the rules' speaker
            said = _source_body(said, S.L) or (found if not _is_source(found, S.L) else "")
        return S.role_named(S.doc.nominative(said)) if said else ""
    return found


def _attributed(S: _Sentence) -> str:
    """The speaker of reported speech ("X sagte", "said X") before the source it is
    attributed to ("laut Spiegel Online", "according to"): "sagte Raab laut Spiegel
    Online" is Raab's."""
    return _speaker(S) or _according_to(S)


def _according_to(S: _Sentence) -> str:
    """"laut X", "according to X", "nach Angaben des X", "X zufolge"."""
    L, tokens, low = S.L, S.tokens, S.low
    for phrase in L.attr_before:
        ph = phrase.split()
        n = len(ph)
        for i in range(len(low) - n + 1):
            if low[i:i + n] != ph:
                continue
            if ph[-1] in L.postpositions:  # "dem Bericht zufolge": the words before
                j = i - 1
                run = []
                while j >= 0 and _is_name_token(tokens[j][0], L) and len(run) < 4:
                    run.insert(0, tokens[j])
                    j -= 1
                if run:
                    return _clean(run, L)
                continue
            j, lower = i + n, 0
            # "laut der chinesischen Zusammenfassung", "selon la ministre Claire X"
            while j < len(tokens) and (low[j] in L.stopwords or (
                    tokens[j][0][:1].islower() and lower < 2)):
                lower += low[j] not in L.stopwords
                j += 1
            first = None
            for _ in range(3):  # "nach Angaben des Leiters der Sektion X": past nouns
                run = []
                while j < len(tokens) and _is_name_token(tokens[j][0], L) and len(run) < 5:
                    run.append(tokens[j])
                    j += 1
                if len(run) == 1 and _is_source(run[0][0], L):
                    return _source_body(run[0][0], L)  # "laut Medienberichten": nobody
                if run and (not L.capitalised_nouns or S.proper(run)):
                    return _clean(S.name_of(run), L)
                first = first or run
                if not run or not L.capitalised_nouns:
                    break
                while j < len(tokens) and (low[j] in L.stopwords or low[j] in L.determiners
                                           or tokens[j][0][:1].islower()):
                    j += 1
            if first:
                return _clean(first, L)  # "nach Angaben des Polizeichefs": who, if no name
    return ""


def _is_source(word: str, L: Language) -> bool:
    """"Medienberichten", "Polizeiangaben", "reports": one word naming where it was read."""
    return bool(L.sources) and " " not in word and word.lower().endswith(L.sources)


def _source_body(word: str, L: Language) -> str:
    """Whom a source word names: "laut Polizeiangaben" the police, "NASA-Angaben" NASA;
    "laut Medienberichten", "according to reports": nobody who acts."""
    low = word.lower()
    stem = next(s for s in L.sources if low.endswith(s))
    body = word[:len(word) - len(stem)].rstrip("-")
    if body and (_org_word(body, L) or ACRONYM.search(body)):
        return body
    return ""


def _speaker(S: _Sentence) -> str:
    """"X sagte", "X said", "said X", "sagte das Ministerium", "X, ein Sprecher von Y,
    sagte", "Wie ein Sprecher mitteilte", "„...“, so X", "X: „...“": who speaks."""
    L, tokens, low = S.L, S.tokens, S.low
    n = len(tokens)
    colon = _colon_speaker(S)
    if colon:
        return colon
    for i, w in enumerate(low):
        if w in L.after_quote and S.cut[i] and i + 1 < n and _is_name_token(tokens[i + 1][0], L) \
                and QUOTE_MARK.search(S.sent, 0, tokens[i][1]):
            run = _name_run(S, i + 1)
            if run:
                return S.actor(run)  # "„...“, so Guttenberg"
        if w not in L.speech_verbs or not tokens[i][0][:1].islower():
            continue
        j, run = i - 1, []
        if j > 0 and _bracketed_number(S, j):
            j -= 1  # "Aung San Suu Kyi (65) erklärte": an age in brackets
        while j >= 0 and _is_name_token(tokens[j][0], L) and len(run) < 5:
            run.insert(0, tokens[j])
            j -= 1
        # verb-second languages: "Im Anschluss ... sagte das Ministerium": the subject
        # follows the verb unless it opens the sentence or its clause ("Der Übergangsrat
        # kündigte an", "Wie ein Sprecher der Feuerwehr mitteilt")
        opens = j < 0 or low[j] in L.articles and (j == 0 or S.cut[j]) or S.cut[j + 1] \
            or low[j] in L.determiners and j >= 0 and (j == 0 or low[j - 1] in L.as_openers)
        if run and (not L.verb_second or opens) and (S.proper(run) or L.verb_second and opens):
            return S.actor(run)
        if not run and j >= 1 and low[j] in L.org_words and low[j - 1] in L.articles:
            return S.generic(j)  # "..., the city said"
        if not run and j >= 0 and low[j] in L.pronouns and S.doc is not None:
            prev = S.doc.previous_subject(  # "..., it said"; "she said": a person
                S.doc_offset, person=low[j] in L.person_pronouns, pronoun=low[j])
            if prev:
                return prev
        # "Er forderte eine Verurteilung", "kündigte er seine Kandidatur an": the pronoun
        # speaks, not its object
        pronoun = L.verb_second and (j >= 0 and low[j] in L.pronouns and not run or i + 1 < n
                                     and low[i + 1] in L.pronouns
                                     and low[i + 1] not in L.object_pronouns)
        if S.cut[i] and i > 0:
            # "Tony Auden, ein Sprecher des Zentrums, wies darauf hin", "Deiss, der ...,
            # sagte": the name that opens the sentence, before its apposition
            first = _name_run(S, 0)
            if first and S.cut[len(first)] and S.proper(first):
                return S.actor(first)
        run = []
        j = i + 1
        if any(low[j:j + len(a.split())] == a.split() for a in L.attr_before):
            continue  # "erklärte laut Medienberichten, ...": the source, not the speaker
        lower_skipped = 0
        while j < n and (low[j] in L.stopwords or (
                L.verb_second and tokens[j][0][:1].islower() and lower_skipped < 2)):
            lower_skipped += low[j] not in L.stopwords
            j += 1
        while j < n and _is_name_token(tokens[j][0], L) and len(run) < 5:
            run.append(tokens[j])
            j += 1
        if run:
            if L.capitalised_nouns and len(run) == 1 and _org_word(run[0][0], L):
                return S.generic(j - 1)  # "sagte das Ministerium"
            det = low[S.index(run[0][1]) - 1]
            if pronoun or L.capitalised_nouns and len(run) == 1 and (det in L.possessives or (
                    det not in L.articles and _noun_ending(run[0][0].strip(".,"), L))):
                # "forderte eine scharfe Verurteilung", "seine Kandidatur": its object; kept
                # to say that the sentence reports speech (the learned choice then reads it)
                S.objects.add(S.actor(run))
                continue
            return S.actor(run)
    return ""


def _name_run(S: _Sentence, i: int):
    """The run of name words starting at token i (up to five)."""
    run = []
    while i < len(S.tokens) and _is_name_token(S.tokens[i][0], S.L) and len(run) < 5:
        run.append(S.tokens[i])
        i += 1
    return run


def _colon_speaker(S: _Sentence) -> str:
    """"Bundesinnenminister Schäuble: „Nur damit ...“": the name before a colon that
    opens a quotation."""
    k = S.sent.find(":")
    if k < 0 or not QUOTE_MARK.match(S.sent[k + 1:].lstrip()[:2] or " "):
        return ""
    run = [t for t in S.tokens if t[1] < k]
    if 0 < len(run) <= 5 and all(_is_name_token(t[0], S.L) for t in run):
        return S.actor(run)
    return ""


def speaker_of(text: str, at: int, L: Language) -> str:
    """Who speaks in the sentence of `text` that holds offset `at` (the actor finder's
    answer for that sentence)."""
    spans = split(text, L)
    k = max(0, bisect.bisect_right([s for s, _ in spans], at) - 1)
    s0, s1 = spans[k]
    doc = Document(text, spans, L)
    found = _attributed(_Sentence(text, s0, s1, L, doc))
    return found or find_actor(text, s0, s1, at, L, doc, bodies=False)


def _common_noun(word: str, nouns: set, L: Language) -> bool:
    """A noun for a person before the name ("Der Physiker Sebastian Pflugbeil", "des
    Malers Antonio Guerreros"): the article writes it after a determiner, and it ends
    as such nouns do (`person_noun_endings`), unlike a name's first word ("New York
    Times", "Chaos Computer Club")."""
    w = word.lower()
    return word in nouns and bool(L.person_noun_endings) and (
        w.endswith(L.person_noun_endings)
        or any(w.endswith(e) and w[:-len(e)].endswith(L.person_noun_endings)
               for e in L.genitive_endings))

"""From date mentions to commitments: stage one proposes dated clauses with their features
(cue words, tense, anchoring), stage two (scorer.py) decides; then merging and
de-duplication.  Titles and actors come from titles.py and actors.py."""
from __future__ import annotations

import bisect
import dataclasses
import datetime as dt
import functools
import math
import re

from . import Candidate
from . import dates as D
from . import scorer as S
from .langid import detect
from .actors import QUOTE_MARK, SPEECH_WORDS, Document, find_actor
from .english import english_actor
from .lexicon import Language, available_languages, load
from .sentences import split
from .titles import make_title

TOKEN = re.compile(r"[\w'’-]+")
SKIP_KINDS = {"ref", "decade", "century"}  # never a deadline
# kinds whose value depends on the publication date only loosely: need a clear cue
WEAK_KINDS = {"weekday", "relday"}
# kinds that take the year named earlier in their sentence
YEARLESS = {"date", "date_range", "month", "month_range", "part_month", "season", "week_of"}


def extract(text: str, published: dt.date, L: Language) -> list[Candidate]:
    return _dedup(_merge_ranges(decide(propose(text, published, L))), L)


def propose(text: str, published: dt.date, L: Language) -> list[dict]:
    """Stage one: every dated clause that could be a commitment, with its features."""
    spans = split(text, L)
    if not spans:
        return []
    raws = D.scan(text, L)
    order = D.numeric_order(raws)
    if order is not None:  # "25/12/2026" elsewhere: the article's "12/05/2027" is 12 May
        raws = [dataclasses.replace(r, groups=dict(r.groups, order=order))
                if D.ambiguous_slash(r) else r for r in raws]
    starts = [s for s, _ in spans]
    by_sentence: dict[int, list] = {}
    for raw in raws:
        k = max(0, bisect.bisect_right(starts, raw.start) - 1)
        by_sentence.setdefault(k, []).append(raw)
    langs = _foreign_sentences(text, spans, L)
    for k, Lk in langs.items():  # a sentence in another language is read in that one
        s0, s1 = spans[k]
        by_sentence[k] = [dataclasses.replace(r, start=r.start + s0, end=r.end + s0)
                          for r in D.scan(text[s0:s1], Lk)]
    found = []
    doc = Document(text, spans, L)
    named = {}  # (precision, month and day) -> a year named for them ahead, earlier on
    for k, rs in sorted(by_sentence.items()):
        if all(r.kind in SKIP_KINDS for r in rs) or len(rs) > MAX_MENTIONS:
            continue  # "now", "the 1990s": nothing that could be due; a table, not prose
        s0, s1 = spans[k]
        Lk = langs.get(k, L)
        if _past_only(rs, published, Lk):
            continue  # nothing there can be due (40% of a history's dated sentences)
        rs = _restated(text, rs, Lk)
        ctx = D.SentenceContext(text, s0, s1, Lk)
        ctx.mask([(r.start, r.end) for r in rs])
        for r in rs:
            if "restated" in r.groups:
                ctx.join(r.start, r.end)  # "morgen (Mittwoch)": no clause of its own
        for c in _sentence_candidates(text, s0, s1, rs, ctx, published, Lk, named):
            c["doc"] = doc if Lk is L else None  # subjects do not carry across languages
            c["features"]["lead"] = k < LEAD
            found.append(c)
    return found


def _past_only(raws, published, L) -> bool:
    """Whether every time expression of a sentence names its year and ends before the
    text was published (no duration, no "later that year"): then _sentence_candidates
    would find nothing, and the sentence need not be read.  (A change that lets such a
    sentence count there, e.g. a past year in `named`, must change this test too.)"""
    rs = [r for r in raws if r.kind not in SKIP_KINDS]
    if any(r.kind in ("offset", "duration") or r.tpl.get("anaphoric") or D.needs_tense(r)
           or r.kind in YEARLESS and "year" not in r.groups for r in rs):
        return False  # its tense, a year named before or a day named ahead could decide
    return all(w is None or w.end <= published
               for w in (D.resolve(r, published, L, None) for r in rs))


LEAD = 3  # sentences at the top of an article (headline, lead)
MAX_MENTIONS = 40  # time expressions in one "sentence": more make it a table or a list


def decide(found: list[dict], model=None) -> list[dict]:
    """Stage two: the learned scorer's probability becomes each proposal's confidence;
    those below its threshold are dropped.  Without weights the rules decide.  Speculation
    ("could", "möglicherweise") and a numeric date that reads either way round ("12/05/2027",
    unless the article settles it) are never offered as confident."""
    model = model or S.model()
    if model is None:
        out = [c for c in found if c["ok"]]
    else:
        out = []
        for c in found:
            p = model.probability(c["features"])
            if model.keeps(c["ok"], p):
                c["confidence"] = p
                out.append(c)
    for c in out:
        if c["doubtful"]:
            # "könnte ... 2010", "could close in March", "12/05/2027": offered for review,
            # below the confidence at which `ingest --yes` stores a candidate unasked
            c["confidence"] = min(c["confidence"], DOUBTFUL_CONFIDENCE)
    return out


DOUBTFUL_CONFIDENCE = 0.45  # below store.ingest's CONFIDENCE_THRESHOLD (0.5)


def _foreign_sentences(text, spans, L: Language) -> dict:
    """{sentence index: language} for sentences of another language inside the text,
    found by a month name that only the other language has ("März" in an English text,
    "March" in a German one) and confirmed by detecting that sentence's language."""
    out = {}
    low = text.lower()
    if len(low) != len(text):  # offsets would not match (rare letters like "İ")
        return out
    starts = [s for s, _ in spans]
    n = len(low)
    for code, words, prefixes in _foreign_months(L.code, tuple(available_languages())):
        for w in prefixes:  # substring search, then a whole-word check: fast on long texts
            i = low.find(w)
            while i >= 0:
                j = i + len(w)
                while j < n and low[j].isalnum():
                    j += 1
                if (i == 0 or not low[i - 1].isalnum()) and low[i:j] in words:
                    k = max(0, bisect.bisect_right(starts, i) - 1)
                    s0, s1 = spans[k]
                    if k not in out and s0 <= i < s1 and detect(text[s0:s1], L.code) == code:
                        out[k] = load(code)
                i = low.find(w, j)
    return out


@functools.lru_cache(maxsize=16)
def _foreign_months(code: str, codes: tuple):
    """For each other language: its month names that `code` does not know."""
    own = set(load(code).months)
    out = []
    for other in codes:
        if other == code:
            continue
        Lo = load(other)
        abbr = set(Lo.data.get("abbreviated_months", []))
        words = {w for w in Lo.months if w not in own and w not in abbr and len(w) > 3}
        # "dezember" finds "dezembers" too: search only the shortest forms
        prefixes = tuple(w for w in words if not any(v != w and w.startswith(v) for v in words))
        if words:
            out.append((other, frozenset(words), prefixes))
    return out


def _sentence_candidates(text, s0, s1, raws, ctx, published, L, named=None):
    """Proposals of one sentence.  `named`: the days and months the article named with a
    year ahead in its earlier sentences ("am 3. Oktober 2027"); the same day said again
    without a year ("wie geplant am 3. Oktober") is that one.  Updated with this
    sentence's."""
    named = {} if named is None else named
    mine = {}
    resolved = []
    anchors = []
    suspension = None  # computed when a duration needs it
    explicit_years = []  # (position, year) of expressions that name a year
    raws = [_season_from(text, s0, r, L) for r in raws]
    topics = _topic_years(text, s0, raws, L)
    for raw in raws:
        if raw.kind in SKIP_KINDS or raw.kind in ("offset", "duration") or id(raw) in topics:
            continue
        if raw.tpl.get("anaphoric") and explicit_years:
            # "im April 2026 ..., während Xi später im Jahr": the year talked about
            prev = [y for pos, y in explicit_years if pos < raw.start]
            if prev and prev[-1] > published.year:
                w = D.resolve(raw, dt.date(prev[-1], 1, 1), L, None)
                if w is not None:
                    resolved.append((raw, w))
                    continue
        tense = ctx.tense(raw.start, raw.end, hedge=True) if D.needs_tense(raw) else None
        if tense is not None and ctx.attribute_ahead(raw.start, raw.end):
            tense = "future"  # "die anstehende Landtagswahl am 27. März"
        if tense is not None and _said_on(text, s0, raw, L):
            tense = "past"  # "said on Monday it will ...": the day it was said
        if tense is not None and _done_on(text, s0, raw, ctx, L):
            tense = "past"  # "get around Wednesday's ruling": the day it was made
        # a year inside a relative clause dates that clause only ("X, who were invited in
        # July 1997, will join on March 12")
        prev = [y for pos, y in explicit_years if pos < raw.start
                and not _outside_relative(text, s0, s1, pos, raw.start, L)]
        if prev and prev[-1] != published.year and raw.kind in YEARLESS and D.needs_tense(raw):
            # "Im Jahr 2007 ...: vom 16. Juni bis zum 23. September": the year just named
            raw = dataclasses.replace(raw, groups=dict(raw.groups, year=str(prev[-1])))
        w = D.resolve(raw, published, L, tense)
        if w is None:
            continue
        key = _day_key(w)
        if key in named and "year" not in raw.groups and raw.kind in YEARLESS \
                and named[key] != w.end.year:
            again = D.resolve(dataclasses.replace(raw, groups=dict(raw.groups, year=str(named[key]))),
                              published, L, tense)
            w = again or w  # the day the article named with its year, said again
        if "year" in raw.groups or w.precision == "year":
            # "in diesem Jahr am 27. April": a year said in words names it too
            explicit_years.append((raw.start, w.end.year))
            if key is not None and w.end > published:
                mine[key] = w.end.year
        resolved.append((raw, w))
        if w.end <= published:  # a date already past: what a duration may count from
            anchors.append((raw, w))
    dated = list(resolved)  # the mentions that name a date, in text order
    consumed = set()  # mentions that a duration counts from: the due date is its end
    for raw in raws:
        if raw.kind not in ("offset", "duration") or raw.tpl.get("dir", 1) < 0:
            continue
        anchor = None
        fixed = _counted_from(text, ctx, raw, dated, L)
        if fixed is not None:
            # "within two weeks of the March 15 filing", "a four-week closure begins
            # April 7": counted from the date named with it
            consumed.add(id(fixed[0]))
            anchor = fixed[1].start
        else:
            if raw.tpl.get("adjective"):
                continue  # "a two-year contract": a length, not a time
            if raw.kind == "duration":
                if suspension is None:
                    suspension = any(_stem_in(t[0], L.suspension) for t in ctx.tokens)
                if not suspension:
                    continue
            usable = anchors if raw.kind == "duration" else [a for a in anchors
                                                             if a[1].precision == "day"]
            if usable:  # the announcement day nearest to the duration (a day if there is one)
                anchor = min(usable, key=lambda a: (a[1].precision != "day",
                                                    abs(a[0].start - raw.start)))[1].end
        w = D.resolve(raw, published, L, None, anchor=anchor)
        if w is not None:
            resolved.append((raw, w))
    named.update(mine)
    verdicts = []
    # another date of the sentence already past: not the day something was said ("confirmed
    # on Monday that ..."), which any report of a plan may name
    past_dated = any(w.end <= published and not _said_on(text, s0, r, L) for r, w in dated)
    predicted = None
    for raw, w in resolved:
        if id(raw) in consumed or w.end <= published or raw.tpl.get("past"):
            continue
        if _recurring(ctx, raw, L) or _negated(text, ctx, raw, L) \
                or _day_label(text, s0, raw, L):
            continue
        if predicted is None:
            predicted = _predicted(ctx, L)  # once per sentence: it reads the whole of it
        if predicted:
            continue  # "the weather service predicted", "Experten erwarten": foreseen
        if _numbered(text, s0, raw, L):
            continue  # "das Profil 1.1.", "Version 2.10.": a version, not a day
        if raw.tpl.get("vague") and (_speculative(text, ctx, raw, L) or any(
                r is not raw and v.end > published for r, v in resolved)):
            # "könnte sich in den nächsten Tagen verschlechtern": neither date nor plan;
            # beside a date ahead, "in the coming weeks" is the way there, not a deadline
            continue
        a, b = ctx.token_span(raw.start, raw.end)
        if raw.tpl.get("in") and ctx.governing(a, b) == "past":
            continue  # "we have had 100,000 views in three days": how long it took
        moved = a < len(ctx.tokens) and ctx.moved_to(a)
        if a < len(ctx.tokens) and not moved and (
                ctx.replaced(a, b) or ctx.forecast(a, b, text) or ctx.matures(a)):
            continue  # a plan replaced or called off; a forecast; a bond's maturity
        if raw.tpl.get("weak") and not L.capitalised_nouns and _after_name(text, s0, raw, L):
            continue  # "Theresa May", "Christian Winter": a name, not a date
        if raw.kind in PAST_PLAN_KINDS and _past_plan(ctx, a):
            continue  # "the Senate was to meet Monday": which Monday is the past's guess
        explicit = not D.needs_tense(raw)
        fut, past, prep = ctx.scores(raw.start, raw.end, explicit)
        tense = ctx.tense(raw.start, raw.end, explicit=explicit)
        if prep and fut >= past:
            tense = "future"  # "bis zum 27. November", "extended to Nov. 16"
        attribute = ctx.attribute_ahead(raw.start, raw.end)
        if attribute:
            tense = "future"  # "the upcoming election on March 27", whatever else was done
        ending = text[s0:s1].rstrip("“”\"'»«)")
        headline = not ending.endswith((".", "!", "?", ":"))
        question = ending.endswith("?")
        weak = bool(raw.tpl.get("weak")) or raw.kind in WEAK_KINDS
        ahead = D.points_ahead(raw, L)
        if raw.kind == "duration":
            ok = True
        elif raw.tpl.get("need_prep"):
            # a holiday after a deadline preposition ("by Christmas"), or after the
            # preposition of a day in a clause with a strong future cue ("will vote on
            # Election Day"); not "Christmas sales", "the Easter weekend"
            # ("am Neujahrstag": the German template takes the preposition along)
            ok = prep or tense == "future" and (a > 0 and ctx.words[a - 1] in L.day_preps
                                                or ctx.words[a] in L.day_preps) \
                and any(ctx.clause[j] == ctx.clause[a] for j in ctx.strong)
        elif weak:
            # a weekday needs a strong cue, or a verb in its clause that says a schedule
            # and no past ("Der Prozess beginnt am Montag", "the trial begins on Monday")
            # or a modal that lets it be done ("kann am Samstag abreisen")
            ok = tense == "future" and (prep or _strong_outside_aside(ctx, a) or attribute
                                        or ctx.scheduled(a, b) or ctx.scheduled(a, b, L.enabling))
        elif ahead:
            # "next year", "in two weeks": the words themselves look ahead
            ok = prep or fut > 0 or ctx.has_strong
        elif w.start <= published:
            # a window we are already in ("this year"): only when it is spoken of as ahead;
            # "later this week" says so itself, a future tense is enough
            part = raw.tpl.get("part") or L.parts.get(raw.groups.get("part", "").lower())
            later = part == "any"
            ok = (prep and fut >= past) or (tense == "future" and (
                ctx.has_strong or later or ctx.scheduled(a, b)))
        else:
            # a day that names its year, ahead, in a full sentence that says nothing of
            # the past: the present speaks of what is planned ("Seifert geht am 1. August
            # 2006 in den Ruhestand", "the fair opens on 3 March 2026")
            # a day or month without its year whose nearest verb is the present tense of
            # a schedule, no past nearer ("Die Tournee führt sie am 20. August nach
            # Düsseldorf", "das Buch erscheint am 3. März"), as for weekdays
            ok = tense == "future" or (tense is None and (
                prep or ctx.has_strong or explicit and w.precision == "day" and not headline
                or not explicit and (ctx.scheduled(a, b) or ctx.event_before(a))))
        if question:
            ok = False  # "do you expect to win the 2020 election?": asked, not said
        here = ctx.clause[a] if a < len(ctx.clause) else -1
        features = {
            "rule": ok, "future": tense == "future", "past": tense == "past",
            "fut": min(fut, 2.0), "pastscore": min(past, 2.0), "prep": prep,
            "strong_sentence": ctx.has_strong,
            "strong_clause": any(ctx.clause[j] == here for j in ctx.strong),
            "moved": moved, "explicit": explicit and not ahead, "ahead": ahead, "weak": weak,
            "duration": raw.kind in ("offset", "duration"),
            # a window we are in, not spoken of as ahead ("this year", not "later this year")
            "started": w.start <= published and not D.looks_ahead(raw, L),
            "far": min(math.log1p((w.end - published).days) / FAR_LOG, 1.5),
            "governed_past": ctx.governing(a, b, explicit) == "past",
            "past_date": past_dated, "many_dates": len(dated) >= 3,
            "headline": headline, "attribute_ahead": attribute,
            "quoted": _quoted(text, s0, s1, raw.start),
            "no_cue": tense is None and not prep,
            "short": len(text[s0:s1].split()) < SHORT_SENTENCE,
            "possessive": text[raw.end:raw.end + 2] in ("'s", "’s"),
            "name_year": raw.kind == "year" and _after_name(text, s0, raw),
            "precision_" + w.precision: True, "lang_" + L.code: True,
        }
        verdicts.append([raw, w, ok, fut, prep, tense, features])
    # "a vote on March 20, followed by a second reading on April 2": a date chained to a
    # commitment's date is one too
    chain = ctx.find(L.chain)
    if chain:
        for v in verdicts:
            if not v[2] and any(u[2] and _chained(ctx, chain, u[0], v[0]) for u in verdicts):
                v[2] = v[6]["chained"] = v[6]["rule"] = True
    out = []
    sentence = text[s0:s1]
    for raw, w, ok, fut, prep, tense, features in verdicts:
        conf = 0.45 + min(0.25, fut * 0.5) + (0.15 if prep else 0) + (
            0.1 if w.precision == "day" else 0.05 if w.precision in ("week", "month") else 0)
        if tense == "past":
            conf -= 0.2
        conf = max(0.05, min(0.99, conf))
        out.append({
            "raw": raw, "w": w, "s0": s0, "s1": s1, "sentence": sentence, "ok": ok,
            # what may happen ("could"); a guessed count ("in a few days", "in the coming
            # weeks": no day anyone is held to); a numeric date that may be read either way
            # round and that nothing in the article settles ("12/05/2027")
            "doubtful": _speculative(text, ctx, raw, L) or bool(raw.tpl.get("vague"))
            or D.ambiguous_slash(raw) and "order" not in raw.groups,
            "published": published,
            "confidence": conf, "ctx": ctx, "text": text, "L": L, "features": features,
        })
    return out


SHORT_SENTENCE = 6  # words: a fragment ("Until this week.")
FAR_LOG = math.log(3650)  # days ahead, on a log scale where ten years is 1


def _day_key(w):
    """A day or a month without its year ("10-03", "06"), the key of a restated date."""
    if w.precision == "day" and len(w.value) == 10:
        return ("day", w.value[5:])
    if w.precision == "month" and len(w.value) == 7:
        return ("month", w.value[5:])
    return None


def _quoted(text, s0, s1, at) -> bool:
    """Whether position `at` lies inside direct speech: a quotation that holds several
    words (not scare quotes around a phrase: „später im Jahr“), opened in its sentence or
    earlier in its paragraph ("..., "Corbyn wants ... [...] I am committed to ..."")."""
    para = text.rfind("\n", 0, s0) + 1
    marks = [m.start() for m in QUOTE_MARK.finditer(text, para, s1)]
    before = [p for p in marks if p < at]
    if len(before) % 2 == 0:
        return False
    after = [p for p in marks if p >= at]
    end = after[0] if after else s1
    return len(text[before[-1]:end].split()) >= SPEECH_WORDS




def _counted_from(text, ctx, raw, dated, L):
    """The (mention, window) a duration or offset counts from: a day named right after it
    with an anchoring word ("within two weeks of March 15", "binnen zehn Tagen nach dem
    3. Mai"), or, for a duration, a day the sentence says something starts on ("a
    four-week closure begins April 7", "ab dem 1. Juni für drei Monate")."""
    days = [(r, w) for r, w in dated if w.precision == "day"]
    for r, w in days:
        if r.start >= raw.end:
            gap = text[raw.end:r.start].split()
            if gap and len(gap) <= ANCHOR_GAP and gap[0].lower().strip(",") in L.anchor_preps:
                return r, w
            break
    if raw.kind != "duration":
        return None
    starts = ctx.find(L.start_cues)
    for r, w in days:
        a, _ = ctx.token_span(r.start, r.end)
        if any(0 < a - j <= 2 for j in starts):
            return r, w
    return None


ANCHOR_GAP = 3  # words between "within two weeks" and the date it counts from


def _chained(ctx, chain, first, second) -> bool:
    """Two mentions joined by a chaining phrase ("followed by", "gefolgt von") between them."""
    if first.start > second.start:
        first, second = second, first
    a = ctx.token_span(first.start, first.end)[1]
    b = ctx.token_span(second.start, second.end)[0]
    return any(a < j < b and b - j <= CHAIN_REACH for j in chain)


CHAIN_REACH = 8  # words from the chaining phrase to the date it chains


NAME_BEFORE = re.compile(r"([A-ZÄÖÜ][\w'’-]*)\s+$")


RELATIVE_OPENING = re.compile(r",\s+([\w'’]+)")
COMMA_BREAK = re.compile(r",\s")


def _outside_relative(text, s0, s1, at, later, L) -> bool:
    """Whether the words at `at` stand in a relative clause (opened by one of the
    language's `year_clause_openers` after a comma, closed by the next comma) that ends
    before `later`."""
    opening = None
    for m in RELATIVE_OPENING.finditer(text, s0, at):
        if m.group(1).lower() in L.year_clause_openers:
            opening = m
        elif opening is not None:
            opening = None  # a comma after the pronoun, before `at`: that clause ended
    if opening is None:
        return False
    close = COMMA_BREAK.search(text, at, s1)
    return close is not None and close.start() < later


def _said_on(text, s0, raw, L) -> bool:
    """A day named right after a reporting verb ("said on Monday", "announced Tuesday",
    "sagte am Montag"), or after its object ("announced the plan Aug. 21", a definite
    article or possessive and one word): when it was said, not when something is due."""
    words = text[s0:raw.start].split()[-4:]
    prep = ""
    if words and len(words[-1]) <= 3 and words[-1].lower() not in L.speech_verbs:
        low = words[-1].lower()
        if low in L.planned_for[0] or low in L.deadline_preps[0]:
            return False  # "kündigten für Mittwoch ... an", "announced by Friday": what it is for
        prep, words = low, words[:-1]  # "on", "am"
    if not words or not words[-1][-1:].isalpha():
        return False  # 'said, "On October 8, ...': the day belongs to what was said
    if (not prep or prep in L.day_preps) and len(words) >= 3 \
            and words[-2].lower() in L.definite_determiners \
            and words[-1].isalpha() and words[-1].islower():
        words = words[:-2]  # "announced the plan Aug. 21": when it was announced
    if bool(words) and (words[-1].lower() in L.speech_verbs
                        or words[-1].lower() in L.cue_weak_past):
        return True
    return _said_at(text[s0:raw.start].split()[-(SAID_AT_WORDS + 2):], prep, L)


SAID_AT_WORDS = 4  # words of the phrase between a reporting verb and its day


def _said_at(words, prep, L) -> bool:
    """"sagte auf einer Pressekonferenz am Mittwoch, dass ...", "said in a statement on
    Tuesday that ...": a reporting verb, a phrase of where or how it was said (a
    preposition and up to three words, no cue, no punctuation), then the day: when it was
    said.  Not a day after a preposition of a plan or deadline ("kündigte in Berlin für
    Mittwoch ... an", "said in March by Friday")."""
    if prep and prep not in L.day_preps:
        return False  # "für den 3. Mai", "ab dem 3. Mai", "by May 3": what it is for
    if prep and words:
        words = words[:-1]  # the day's own preposition ("am", "on")
    for i in range(len(words) - 2, -1, -1):
        w = words[i].lower()
        if w in L.speech_verbs:
            phrase = [x.lower() for x in words[i + 1:]]
            return 2 <= len(phrase) <= SAID_AT_WORDS and phrase[0] in L.prepositions \
                and all(x.isalpha() and x not in L.cue_table and x not in L.speech_verbs
                        and x not in L.planned_for[0] and x not in L.deadline_preps[0]
                        and x not in L.start_cues[0] for x in phrase)
    return False


def _day_label(text, s0, raw, L) -> bool:
    """A noun named by the day it was made or happened ("zu den Protesten vom Sonntag",
    "nach einem Plan der Regierung vom Sommer 2011", "der Beschluss vom 3. Mai"): which
    one, not when something is due.  A noun before one of `label_preps`, the date not
    opening a range or a start ("vom 16. Juni bis zum 23. September", "vom Schuljahr
    2027/28 an": `label_until`)."""
    if not L.label_preps:
        return False
    before = text[s0:raw.start].split()[-2:]
    if len(before) < 2 or before[-1].lower() not in L.label_preps:
        return False
    noun = before[0].strip("()[]„“\"'»«")
    if not (noun[:1].isupper() and noun.isalpha()) or noun.lower() in L.stopwords \
            or noun.lower() in L.cue_table:
        return False
    after = text[raw.end:raw.end + 20].split()
    return not after or not (after[0].lower() in L.label_until
                             or " ".join(after[:2]).lower() in L.label_until
                             or after[0][:1] in RANGE_MARKS)


def _strong_outside_aside(ctx, a) -> bool:
    """A strong cue of the future in the sentence, not only in a relative clause set off
    by commas that the date stands outside ("Die Hunde, die den Bären aufspüren sollen,
    sind am Samstag eingetroffen": the plan is the dogs' task, not their arrival)."""
    here = ctx.clause[a] if a < len(ctx.clause) else -1
    L = ctx.lang
    for j in ctx.strong:
        c = ctx.clause[j]
        if c == here:
            return True
        first = ctx.clause.index(c)
        relative = first > 0 and ctx.words[first] in L.relative_pronouns \
            and ctx.marked[first] != ctx.marked[first - 1]
        if not relative:
            return True
    return False


def _done_on(text, s0, raw, ctx, L) -> bool:
    """A bare weekday in the possessive names the day of what its noun tells of; unless
    that is an event held on it ("Tuesday's vote", "Friday's meeting": `scheduled_nouns`,
    a future cue) or named as ahead ("the upcoming Tuesday's", "ahead of Friday's"), it is
    a thing done ("get around Wednesday's ruling", "before Friday's purchases"): the
    weekday is the one gone by."""
    if not L.scheduled_nouns or raw.kind != "weekday" or len(raw.text.split()) != 1 \
            or text[raw.end:raw.end + 2] not in ("'s", "’s"):
        return False
    after = text[raw.end + 2:raw.end + 40].split()
    noun = after[0].lower().strip(".,;:") if after else ""
    if noun in L.scheduled_nouns or noun in L.event_nouns or L.cue_table.get(noun, 0) & 1 \
            or " ".join(after[:2]).lower().strip(".,;:") in L.scheduled_nouns:
        return False
    if ctx.attribute_ahead(raw.start, raw.end):
        return False
    before = " ".join(text[s0:raw.start].lower().split()[-AHEAD_WORDS:])
    return not any(before.endswith(p) for p in L.ahead_preps)


AHEAD_WORDS = 4  # words of a phrase naming what follows as ahead ("in the run-up to")


def _numbered(text, s0, raw, L) -> bool:
    """A day and month in figures alone ("1.1.", no year, no month name) right after a
    capitalised word that is no weekday, article or preposition: the number of a
    version or a part ("das Profil 1.1.", "Version 2.10."), not a date; "am 20.06.",
    "Montag, 20.06." stay dates."""
    if raw.kind != "date" or "monthnum" not in raw.groups or "year" in raw.groups \
            or not raw.text[:1].isdigit():
        return False
    m = NAME_BEFORE.search(text, max(s0, raw.start - 40), raw.start)
    if not m:
        return False
    low = m.group(1).lower()
    return low not in L.weekdays and low not in L.articles and low not in L.prepositions \
        and low not in L.stopwords and low not in L.month_words and low not in L.cue_table


def _after_name(text, s0, raw, L=None) -> bool:
    """A capitalised word right before a bare month or season word: most likely a name
    ("Theresa May"); the first word of the sentence only when it is no word that opens
    one ("In May", "Since May")."""
    m = NAME_BEFORE.search(text, max(s0, raw.start - 40), raw.start)
    if not m or text[m.start(1):m.end(1)].isupper():
        return False
    if m.start() > s0 or L is None:
        return True
    low = m.group(1).lower()
    return not (low in L.stopwords or low in L.openers or low in L.prepositions
                or low in L.deadline_preps[0] or low in L.cue_table)


def _topic_years(text, s0, raws, L) -> set:
    """Bare years that say what a thing is about, not when ("der Haushalt für 2008 soll im
    Herbst beschlossen werden", "the 2008 budget will be presented on Wednesday",
    "Haushaltsentwurf 2008"): after "für"/"for", after a noun or an article; only in a
    sentence that also names a finer date, which is then the due.  Their ids."""
    if not any(r.kind not in ("year", "offset", "duration") and r.kind not in SKIP_KINDS
               for r in raws):
        return set()
    out = set()
    for raw in raws:
        words = raw.text.split()
        if raw.kind not in ("year", "year_range") or not BARE_YEAR.fullmatch(words[-1]) \
                or len(words) > 2 or raw.groups.get("first"):
            continue
        if len(words) == 2:  # "the 2008": the template took the article along
            lead = text[s0:raw.start].strip()
            if lead[-1:] not in ("", ",", ";", ":") and \
                    lead.split()[-1].lower() not in L.topic_year_preps:
                continue  # "in the 2016 election, ...": when, not only what
            prev, at = words[0], raw.start
        else:
            m = PREV_WORD.search(text, max(s0, raw.start - 40), raw.start)
            if not m:
                continue
            prev, at = m.group(1), m.start(1)
        if prev.lower() in L.topic_year_preps or prev.lower() in L.articles or (
                L.capitalised_nouns and prev[:1].isupper() and at > s0
                and prev.lower() not in L.month_words):
            out.add(id(raw))
    return out


PREV_WORD = re.compile(r"([\w'’-]+)\s+$")


def _season_from(text, s0, raw, L):
    """A split year that something starts from ("vom Schuljahr 2027/28 an", "ab der Saison
    2027/28", "from the 2027/28 season", "beginnt die Phase mit dem Schuljahr 2027/28": a
    word of `cues.start` at most six words before, no punctuation between): due in its
    first year, when it starts, not at the end of the later one (two years in a row, a
    season; "from 2031-2035" is a range, due at its end)."""
    if raw.kind != "year_range":
        return raw
    before = text[s0:raw.start].split()[-SEASON_FROM_WORDS:]
    cut = max((i + 1 for i, w in enumerate(before) if not w[-1:].isalnum()), default=0)
    if not any(w.lower() in L.start_cues[0] for w in before[cut:]):
        return raw  # no start in its clause ("Die Saison beginnt im Mai, die Saison ...")
    return dataclasses.replace(raw, groups=dict(raw.groups, first=True))


SEASON_FROM_WORDS = 6  # "vom Schuljahr", "from the", "beginnt die Phase mit dem Schuljahr"
BARE_YEAR = re.compile(r"\d+(?:[-–/]\d+)?")  # "2008", "2027-28"


def _stem_in(word: str, vocab: set) -> bool:
    if word in vocab:
        return True
    for cut in (1, 2, 3):
        if len(word) - cut >= 5 and word[:-cut] in vocab:
            return True
    return False


NEGATION_REACH = 10  # words from a negation to the date after it, within its clause
NEGATION_AFTER = 6  # words from the date to a negation after it ("wird 2027 nicht fertig")
NEGATED_VERB = 2  # words after a negation that are the verb it denies ("not plan to")
NEGATION_FOLLOW = 3  # words after a negation that may make it deny nothing ("keine ... mehr")


def _negated(text, ctx, raw, L) -> bool:
    """A denied plan is no commitment: "Acme does not plan to open the plant before 2028",
    "plant im März keine Änderung", "wird die Brücke 2027 nicht sanieren": a negation in
    the date's clause, before the date (no reporting verb and no other future cue after
    the verb it denies) or after it.  Not denied: "not reconvene until October 14", "keine
    Streiks bis 30. September", "from Monday no more bonds" (it happens, or holds, until or
    from then: `negation_until`), "no later than", "nicht mehr" (a change that takes
    effect: `negation_exceptions`), a condition ("if it is not signed by March 1": a
    deadline, `conditional`), the date of a noun named ahead ("a consultant not working
    for anyone in next week's election")."""
    a, b = ctx.token_span(raw.start, raw.end)
    words, clause = ctx.words, ctx.clause
    if a >= len(words):
        return False
    here = clause[a]
    if any(w in L.negation_until for w in words[max(0, a - 2):a]):
        return False  # "not until", "keine Streiks bis": it happens, or holds, until then
    if text[raw.end:raw.end + 2] in ("'s", "’s") or ctx.attribute_ahead(raw.start, raw.end):
        return False
    first = clause.index(here)
    before = range(a - 1, max(-1, a - 1 - NEGATION_REACH), -1)
    after = range(b + 1, min(len(words), b + 1 + NEGATION_AFTER))
    for side in (before, after):
        for j in side:
            if clause[j] != here:
                break
            if words[j] not in L.negation or text[ctx.token_ends[j]:ctx.token_ends[j] + 1] == "-":
                continue  # "a no-deal Brexit"
            if any(w in L.negation_exceptions for w in words[j + 1:j + 1 + NEGATION_FOLLOW]):
                continue
            if any(words[k] in L.conditional for k in range(first, j)):
                return False
            between = range(j + 1 + NEGATED_VERB, a) if j < a else range(b + 1, j)
            if any(words[k] in L.speech_verbs or j < a and k in ctx.strong for k in between):
                continue  # "did not attend, said the vote will be on March 3"
            return True
    return False


def _predicted(ctx, L) -> bool:
    """A prediction, no commitment (GUIDELINES: forecasts are not commitments): a verb of
    prediction in the sentence ("The weather service predicted that the storm would reach
    the coast on Friday", "prognostiziert, dass die Aktie im nächsten Jahr ..."), or people
    whose trade is to foresee ("Experten", "analysts", a compound ending so:
    "Wirtschaftsexperten") next to a word of expecting or of opinion ("Experten erwarten",
    "nach Meinung vieler Experten", "analysts believe")."""
    if ctx.find(L.prediction):
        return True
    if not L.forecasters:
        return False
    who = [j for j, w in enumerate(ctx.words) if w.endswith(L.forecasters)]
    if not who:
        return False
    views = ctx.find(L.expectation) + ctx.find(L.opinion)
    return any(abs(j - k) <= FORECASTER_REACH for j in who for k in views)


FORECASTER_REACH = 3  # words between "Experten" and "erwarten", "Meinung" and "Experten"


def _speculative(text, ctx, raw, L) -> bool:
    """What may happen, not what is planned: a speculative modal or adverb in the date's
    clause ("could help his re-election in 2010", "wird möglicherweise im März ..."), or
    right before it when the date's clause is an aside ("may, in a year or two, save")."""
    a, _ = ctx.token_span(raw.start, raw.end)
    if a >= len(ctx.tokens):
        return False
    here = ctx.clause[a]
    found = [j for j in ctx.find(L.speculative)
             if j == 0 or text[ctx.token_starts[j]].islower()]  # "may", not "May"
    first = ctx.clause.index(here)
    # "In the coming year, we hope to ...": a date opening the sentence in a clause of its
    # own (no other word than a preposition or article) belongs to the clause after it
    alone = first == 0 and all(ctx.clause[j] != here or j in ctx._masked_tokens
                               or ctx.words[j] in L.prepositions or ctx.words[j] in L.articles
                               for j in range(len(ctx.words)))
    # "You may, in a year or two, save ...": an aside right after the modal is its clause
    return any(ctx.clause[j] == here or j == first - 1 or alone and ctx.clause[j] == here + 1
               for j in found)


PAST_PLAN_KINDS = {"weekday", "offset"}  # what a plan of the past leaves unanchored


def _past_plan(ctx, a) -> bool:
    """A plan told in the past ("was to meet", "was due to retire") in the date's clause,
    before the date: a bare weekday or an offset then counts from a day that may well be
    gone (the article tells of the plan as it stood), not from the publication date."""
    if a >= len(ctx.clause):
        return False
    here = ctx.clause[a]
    return any(j < a and ctx.clause[j] == here for j in ctx.find(ctx.lang.past_plan))


def _recurring(ctx, raw, L) -> bool:
    """"every Monday", "Monday and Tuesday nights": a schedule, not a date."""
    if raw.kind != "weekday":
        return False
    a, b = ctx.token_span(raw.start, raw.end)
    toks = ctx.tokens
    before = toks[a - 1][0] if a > 0 else ""
    after = toks[b + 1][0] if b + 1 < len(toks) else ""
    after3 = toks[b + 3][0] if b + 3 < len(toks) else ""
    return (before in L.recurring_before or after in L.recurring_after
            or after3 in L.recurring_after)


def _merge_ranges(found):
    """"am Dienstag und Mittwoch", "3 and 4 December": a multi-day event is due on its last
    day: two day-precision mentions joined by a conjunction and at most a week apart merge;
    "vom 16. Juni bis zum 23. September", "from June 16 through September 23": a range,
    however long, is due at its end."""
    out = []
    for c in found:
        if out:
            p = out[-1]
            L = c["L"]
            if p["s0"] == c["s0"] and p["w"].precision == "day" == c["w"].precision \
                    and c["w"].end > p["w"].end:
                gap = " ".join(c["text"][p["raw"].end:c["raw"].start].lower().split())
                days = (c["w"].end - p["w"].end).days
                if gap in L.range_joiners or gap in RANGE_MARKS \
                        or gap in L.list_joiners and days <= LIST_DAYS:
                    out[-1] = dict(c, merged_from=p)
                    continue
            if p["s0"] == c["s0"] and c["w"].end > p["w"].end and _alternatives(p, c):
                out[-1] = dict(c, merged_from=p)  # "Mai oder Juni 2006": due by the later
                continue
        out.append(c)
    return out


ALTERNATIVE_GAP = 3  # words between two windows given as alternatives ("or beginning of")


def _alternatives(p, c) -> bool:
    """Two windows of one sentence given as alternatives for one event ("near the end of
    Q1 or beginning of Q2 2021", "Ende 2010 oder Anfang 2011", "Mai oder Juni 2006"):
    a disjunction right after the first, a few words at most before the second."""
    gap = _between(p, c).lower().split()
    return 0 < len(gap) <= ALTERNATIVE_GAP and gap[0] in c["L"].alternative_joiners


RANGE_MARKS = ("-", "–")  # "16.–23. Juni"
LIST_DAYS = 7  # "am Dienstag und Mittwoch": days of one event named in a list


def _content_words(c, L: Language):
    """Content words of a candidate's statement, without the date words themselves: its
    sentence, and when that sentence goes on a quotation opened earlier in its paragraph
    ("Johnson wrote: "... Brexit for years [...] I am committed to ... by October 31st.""),
    the quotation's words before it."""
    raw = c["raw"]
    sent = c["sentence"]
    a, b = raw.start - c["s0"], raw.end - c["s0"]
    s = sent[:max(0, a)] + " " + sent[max(0, b):]
    text, s0 = c["text"], c["s0"]
    para = text.rfind("\n", 0, s0) + 1
    marks = [m.start() for m in QUOTE_MARK.finditer(text, para, s0)]
    if len(marks) % 2 == 1:
        s = text[para:s0] + " " + s  # the sentence goes on a quotation: all one statement
    skip = _not_content(L)
    words = set()
    for t in TOKEN.findall(s.lower()):
        if len(t) < 4 or t in L.stopwords or t in skip or any(ch.isdigit() for ch in t):
            continue
        words.add(t[:STEM])
    return words


@functools.lru_cache(maxsize=16)
def _not_content(L: Language) -> frozenset:
    """Date words, and past and finite verbs ("said", "soll": not what is due); built once
    per language, not for each candidate."""
    skip = L.month_words | set(L.weekdays) | set(L.units) | set(L.relative) | set(L.parts)
    return frozenset(skip | L.cue_past[0] | L.finite_verbs)


STEM = 6  # characters compared: "besucht"/"Besuch" agree, "Finanzausschuss"/"Finanzminister" not
SAME_COMMITMENT_WORDS = 2  # shared content words that make two same-date mentions one


def _dedup(found, L):
    found.sort(key=lambda c: (c["w"].end, c["s0"]))
    groups: list[list] = []
    by_end: dict = {}  # groups by due day: only those can be the same commitment
    for c in found:
        cw = _content_words(c, L)
        c["cw"] = cw
        placed = False
        for g in by_end.get(c["w"].end, ()):
            h = g[0]
            if h["w"].value != c["w"].value:
                if h["s0"] == c["s0"] and h["w"].end == c["w"].end and _joined(h, c):
                    g.append(c)  # "bis Ende März und noch vor Ostern": one deadline, twice
                    placed = True
                    break
                continue
            if h["s0"] == c["s0"] and h["raw"].start == c["raw"].start:
                g.append(c)
                placed = True
                break
            if h["s0"] == c["s0"]:
                continue  # the same date twice in one sentence: two things due that day
            inter = len(h["cw"] & cw)
            small = min(len(h["cw"]), len(cw)) or 1
            if inter >= min(SAME_COMMITMENT_WORDS, small):
                g.append(c)
                placed = True
                break
        if not placed:
            groups.append([c])
            by_end.setdefault(c["w"].end, []).append(groups[-1])
    groups = _nested(groups)
    cands = []
    for g in groups:
        ranked = sorted(g, key=_preference, reverse=True)
        # stated again with who acts ("Die Erklärung wird für Sonntag erwartet", then
        # "..., dass Thaçi sie am Sonntag ausrufen werde"): the best sentence, that actor
        actor = next((a for a in map(_actor, ranked) if a), "")
        cands.append(_candidate(ranked[0], actor))
    cands.sort(key=lambda c: (c.start, c.due))
    return cands


PRECISION_RANK = {"day": 0, "week": 1, "month": 2, "quarter": 3, "year": 4}
NESTED_SHARE = 0.6  # of the content words, outside a headline, for a restated commitment


def _nested(groups):
    """The same commitment stated twice, once less precisely ("November 2006: Treffen
    der Schachspieler in Moskau", then "vom 5. bis zum 9. November ... in Moskau"): a
    window holding another group's due day, in another sentence, with the same content
    words, is that group's; the most precise statement stands for both."""
    keep = []
    fine = sorted(groups, key=lambda g: PRECISION_RANK.get(g[0]["w"].precision, 0))
    for g in fine:
        h = g[0]
        rank = PRECISION_RANK.get(h["w"].precision, 0)
        home = None
        for f in keep:
            k = f[0]
            if PRECISION_RANK.get(k["w"].precision, 0) >= rank:
                continue
            if k["s0"] == h["s0"]:
                if h["w"].start <= k["w"].end <= h["w"].end and _apposed(h, k):
                    home = f  # "next month on August 2": the day says which day of it
                    break
                continue
            # a month (or week) and a day in it: coarser windows hold too much to tell
            shared = len(k["cw"] & h["cw"])
            if rank <= PRECISION_RANK["month"] and h["w"].start <= k["w"].end <= h["w"].end \
                    and shared >= SAME_COMMITMENT_WORDS and (
                        h["features"].get("headline")
                        or shared >= NESTED_SHARE * min(len(k["cw"]), len(h["cw"]))):
                home = f
                break
        if home is None:
            keep.append(g)
        else:
            home.extend(c for c in g if c not in home and (c.setdefault("coarser", True)))
    order = {id(g): i for i, g in enumerate(groups)}
    return sorted(keep, key=lambda g: order[id(g)])


def _between(a, b) -> str:
    """The text between two mentions of one sentence, whichever comes first."""
    first, second = (a, b) if a["raw"].start < b["raw"].start else (b, a)
    return first["text"][first["raw"].end:second["raw"].start]


def _restated(text, raws, L: Language) -> list:
    """The mentions, a pair that names one day twice made one: the second in brackets
    ("morgen (Mittwoch)", "Wednesday (April 8)") or, beside a weekday or relative day,
    between commas ("für morgen, den 20. September, geplante"); the stronger of the two
    over both, marked `restated` (what stands before the pair governs it, and a weekday
    resolved alone may take the other direction)."""
    out = list(raws)
    for i in range(len(out) - 2, -1, -1):
        a, b = out[i], out[i + 1]
        gap = text[a.end:b.start].split()
        after = text[b.end:b.end + 1]
        if gap == ["("] and after == ")":
            end = b.end + 1
        elif gap[:1] == [","] and all(w.lower() in L.articles or w.lower() in L.prepositions
                                      for w in gap[1:2]) and len(gap) <= 2 \
                and after == "," and (a.kind in WEAK_KINDS) != (b.kind in WEAK_KINDS):
            end = b.end
        else:
            continue
        keep = b if a.kind in WEAK_KINDS and b.kind not in WEAK_KINDS else a
        out[i:i + 2] = [dataclasses.replace(keep, start=a.start, end=end,
                                            groups=dict(keep.groups, restated=True))]
    return out


def _apposed(a, b) -> bool:
    """Two mentions of one sentence side by side, the second naming the first more
    closely ("next month on August 2", "this week, on Friday"): at most a preposition
    or a comma between them, no conjunction."""
    gap = _between(a, b)
    words = gap.lower().replace(",", " ").split()
    return "\n" not in gap and len(words) <= APPOSED_GAP and not any(
        w in a["L"].coordinating for w in words)


APPOSED_GAP = 1  # words between a window and the day in it that names it closer


def _joined(a, b) -> bool:
    """Two mentions of one sentence joined by a conjunction (and nothing much else)."""
    gap = _between(a, b).lower().split()
    return len(gap) <= 4 and any(w in a["L"].coordinating for w in gap)


def _preference(c):
    """The sentence that states a commitment most precisely: a full sentence (not a
    headline), whose date is spelt out most fully, in the words of whoever speaks (direct
    speech: "I am committed to ... by October 31st" over the critics' "his plans for a
    no-deal Brexit by October 31"), confident, then the fuller sentence."""
    s = c["sentence"]
    ends = 1 if s.rstrip("“”\"'»«)").endswith((".", "!", "?", ":")) else 0
    explicit = 1 if "year" in c["raw"].groups else 0
    return (not c.get("coarser"), ends, len(c["raw"].text.split()), explicit,
            c["features"].get("quoted", False), round(c["confidence"] * 5) / 5, min(len(s), 300))


def _due_start(c) -> int:
    """Where the words of the due date begin (the first of a merged range)."""
    first = c.get("merged_from", {}).get("raw") if c.get("merged_from") else None
    return first.start if first is not None else c["raw"].start


def _actor(c) -> str:
    return find_actor(c["text"], c["s0"], c["s1"], _due_start(c), c["L"], c.get("doc"))


def _candidate(c, actor: str) -> Candidate:
    raw, w, L = c["raw"], c["w"], c["L"]
    text = c["text"]
    due_start = _due_start(c)
    due_text = text[due_start:raw.end]
    title = make_title(text, c["s0"], c["s1"], due_start, raw.end, L, actor=actor,
                       dates=c["ctx"].masked)
    # a commitment lies ahead: its window starts no earlier than the text that set it
    # ("by the end of the year" said on 3 December is 3 to 31 December)
    start = max(w.start, c["published"])
    return Candidate(title=title, due=w.end, precision=w.precision, window_start=start,
                     due_text=due_text, actor=english_actor(actor, L), sentence=c["sentence"],
                     start=c["s0"], end=c["s1"], actor_written=actor, confidence=round(c["confidence"], 3), value=w.value,
                     due_start=due_start, due_end=raw.end)

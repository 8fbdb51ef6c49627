"""Titles of candidates: the clause around the date, without the date, its preposition,
the attribution and leading conjunctions ("Bundesbank to publish stablecoin report")."""
from __future__ import annotations

import re

from .lexicon import Language

CLAUSE_SEP = re.compile(r"(?<!\d),|,(?!\d)|[;:()\[\]]|\s[–—-]\s")  # not "2,7 %"
# where and when a report was filed, before its first sentence: "BERLIN (AP) _", "Berlin,
# 1 December 2026 - ", "London (dpa) – ", "New York/Boston, Dec. 1 – ": no actor, no title
DATELINE = re.compile(
    r"^(?:[A-ZÄÖÜ]{2,}[^\n_—]{0,50}?(?:\([A-Za-z]{1,10}\))?\s*(?:_|—|--)\s*"
    r"|[A-ZÄÖÜ][\w.'’-]*(?:[ /][A-ZÄÖÜ][\w.'’-]*){0,3}(?:,[^\n,–—-]{1,30})?"
    r"(?:\s*\([^()\n]{1,20}\))?\s+[-–—]\s+(?=[A-ZÄÖÜ\"„“]))")
SPACE = re.compile(r"\s+")
NUMBER_COMPOUND = re.compile(r"\d[\d.,]*-(?:\w+-)*[A-ZÄÖÜ]\w*$")  # "180-Tage-Missionen"
ABBREVIATION = re.compile(r"^[a-zA-Z]{1,3}\.[a-zA-Z]{1,3}\.?$")  # "e.V.", "S.A." after a name
BRACKET_TAG = re.compile(r"\[[^\[\]\s]{1,30}\]")  # "[Update]", "[bold]", "[/bold]"
# an aside in brackets ("(NBA)", "(950.000 Euro)") is no clause boundary: it goes whole,
# with the space before it, unless the date stands in it
ASIDE = re.compile(r"\s*\([^()\n]{1,60}\)")
QUOTES = re.compile(r"[„“”\"‚‘’«»]")
EMPTY_QUOTES = re.compile(r"[„“”\"‚‘’«»]\s*[„“”\"‚‘’«»]")
DAY_BEFORE = re.compile(r"(?<!\S)(\d{1,2}\.?)\s+(\D{1,12}?)\s*$")
TITLE_MIN = 35  # characters: shorter clauses take in their neighbours
VERB_GROUP = 3  # words of a verb that ends a long title ("eröffnet werden sollen")


def _strip_words(words, vocab, front=True):
    while words:
        w = words[0] if front else words[-1]
        if w.lower().strip("„“”\"'‚‘’.,;:") in vocab:
            words.pop(0 if front else -1)
        else:
            break
    return words


def make_title(text, s0, s1, d0, d1, L: Language, limit: int = 120, actor: str = "",
               dates=(), short: int = 80) -> str:
    """A short clause of what is due, with its subject and verb: the clause around the
    date, without the date (and the dates joined to it: "Ende 2010 oder Anfang 2011"),
    its preposition, attribution ("laut X", "X said") and leading conjunctions; a
    subject that stands elsewhere in the sentence is brought to the front (`actor` is who
    the actor finder named; `dates` the (start, end) of the sentence's time expressions)."""
    sent = text[s0:s1]
    a, b = _joined_dates(text, d0, d1, dates, L)
    a, b = a - s0, b - s0
    # tags are no part of the phrase; blanked, so that offsets stay put
    sent = BRACKET_TAG.sub(lambda m: " " * len(m.group()), sent)
    m = DATELINE.match(sent)
    off = m.end() if m and m.end() <= a else 0
    sent = sent[:off] + ASIDE.sub(lambda m: m.group() if off + m.start() < b and off + m.end() > a
                                  else " " * len(m.group()), sent[off:])
    sent = _relative_asides(_dash_asides(sent, off, a, b, L), off, a, b, L)
    # a date with a comma in it ("Montag, den 18. Februar") is one, and the comma after it
    # closes it: no boundary either ("wollen sich am Montag, den 18. Februar, ... treffen")
    m = re.match(r"\s*,", sent[b:])
    rest = CLAUSE_SEP.split(sent[b + m.end():], 1)[0].split() if m else []
    if "," in sent[a:b] and rest and rest[0][:1].islower() and not _has_verb(rest[:-1], L):
        sent = sent[:b] + " " * m.end() + sent[b + m.end():]

    def split(sent):
        """The clauses (start, end) of the sentence."""
        bounds = [off] + [x.end() for x in CLAUSE_SEP.finditer(sent, off)
                          if not a < x.start() < b] + [len(sent)]
        bounds = sorted((set(bounds) - _list_commas(sent, b, L))
                        | _conjunct_bounds(sent, off, a, b, L))
        return [(bounds[j], bounds[j + 1]) for j in range(len(bounds) - 1)]
    clauses = split(sent)
    k = next((j for j, (x, y) in enumerate(clauses) if x <= a < y), 0)
    # an apposition right after the date ("am 10. Dezember, dem Todestag von X, in kleinerer
    # Runde verliehen") is no boundary: it goes, and the clause goes on after it
    if k + 2 < len(clauses) and not sent[b:clauses[k][1]].strip(" ,") \
            and sent[clauses[k][1] - 1] == "," == sent[clauses[k + 1][1] - 1] \
            and _apposition(sent[slice(*clauses[k + 1])], L):
        sent = sent[:b] + " " * (clauses[k + 1][1] - b) + sent[clauses[k + 1][1]:]
        clauses = split(sent)
    # a subordinate clause right after the date ("Sie sollen 2008, wenn ... umziehen, durch
    # Synergieeffekte eingespart werden"): the clause goes on after it
    end = _interruption_end(sent, clauses, k, a, b, L)
    if end:
        sent = sent[:b] + " " * (end - b) + sent[end:]
        clauses = split(sent)
    k = _past_report(sent, clauses, k, L)
    lo, hi = clauses[k] if clauses else (off, len(sent))
    left, right = k - 1, k + 1

    def phrase(lo, hi):
        """The words of sent[lo:hi] without the date, and how many stood before it."""
        before = sent[lo:a] if lo < a else ""
        after = sent[max(b, lo):hi]
        aw = after.split()
        if len(aw) > 1 and aw[0].lower() in L.prepositions and aw[1][:1].islower() \
                and _finite(aw[1], L):
            after = after.replace(aw[0], "", 1)  # "(vom 3. Mai) an will": the date's postposition
        bw = _strip_words(before.split(), L.stop_title, front=False)
        if bw and len(bw) >= len(before.split()) - 1 and (
                len(bw) == len(before.split()) or before.split()[-1].lower() in L.articles):
            bw = _strip_words(bw, L.date_preps_title, front=False)  # "auf (den) Oktober vertagt"
        bw = _strip_particles(bw, L)  # "bereits (im Jahr 2032)", "no later than (May 1)"
        if not after.strip(" ,;:.!?\"'“”„«»()"):
            # the date was what the clause said: "the Brexit deadline is (October 31)"
            bw = _date_predicate(bw, L) or _strip_words(bw, L.title_end | L.stop_title,
                                                        front=False)
        out = EMPTY_QUOTES.sub(" ", " ".join(bw) + " " + after)  # „später im Jahr“ gone
        out = SPACE.sub(" ", out).strip(" ,;:-–—\"'„“”»«()[]")
        out = re.sub(r"\s+[\"“”»']\.$", "", out)  # '... trading ".': the quote's end
        return out, len(" ".join(bw).strip(" ,;:-–—\"'„“”»«()[]").split())

    text_, n_before = phrase(lo, hi)
    opener = sent[lo:hi].split()[:1]  # the word that opened the clause ("dass", "die")
    opener = opener[0].lower().strip(",.") if opener else ""
    # "damit verfallen sie": an adverb, no subordinator, when a verb follows it
    nxt = sent[lo:hi].split()[1:2]
    reorder = L.title_reorder
    if opener in reorder and opener not in L.title_strip and nxt \
            and nxt[0][:1].islower() and nxt[0].lower() not in L.stop_title | L.title_strip:
        reorder, opener = reorder - {opener}, ""
    if opener in _title_set(L, "prepositions_too") and nxt and (
            nxt[0].lower() in L.genitive_articles):
        # "Während der Ausstellung werden ...": a preposition, no clause of its own
        reorder, opener = reorder - {opener}, ""
    clause_lo = lo
    # a short clause takes in its neighbours, unless it is a clause of its own with its
    # subject, or one that a subject standing alone before an apposition completes
    lead = _lead(sent, clauses[:k], L)

    def complete(t):
        w = t.split()
        if opener not in L.purpose and _infinitive_clause(w, L, actor) is not w:
            return True  # "einen Fahrplan zu veröffentlichen": the actor's, whole
        if len(w) < 2 or not (_has_verb(w, L) or _starts_with_verb(w, L)):
            return False
        if opener in L.coordinating and k > 0 and (_first_subject(sent, clauses[0], L)
                                                   or _shared_subject(sent, clauses, k, lo, L)):
            return True  # "..., and will be sworn in": the first clause's subject is its own
        if any(x.lower() in L.pronouns and _starts_with_verb(w[k + 1:k + 2], L)
               and len(w) > k + 2 for k, x in enumerate(w[:3])):
            return True  # "which he is to present": its subject is the pronoun
        w = _subject_first(_strip_words(list(w), L.title_strip | L.stop_title | reorder,
                                        front=True)
                           or w, L)
        return bool(lead) or not _starts_with_verb(w, L) or (
            len(w) > 2 and w[1].lower() in L.pronouns)  # "soll er sein Amt antreten"
    while len(text_) < TITLE_MIN and not complete(text_) \
            and (right < len(clauses) or left >= 0):
        if right < len(clauses):
            hi = clauses[right][1]
            right += 1
        else:
            lo = clauses[left][0]
            left -= 1
        text_, n_before = phrase(lo, hi)
    # a clause without a verb takes the next clause that holds one: the rest of its clause
    # ("the Agency's 2028 ARIEL program, could reveal ...") or, after a fronted phrase, a
    # clause of its own ("In March, at the debate, Biden announced ...")
    subordinate = L.title_reorder | L.relative_pronouns | L.purpose
    j = k
    while j < len(clauses) and j - k <= VERBLESS_MAX and not _has_verb(
            (phrase(*clauses[j])[0] if j == k else sent[slice(*clauses[j])]).split(), L):
        j += 1  # the date's clause without the date ("In May" holds no "may")
    nxt = sent[slice(*clauses[j])].split() if k < j < len(clauses) and j - k <= VERBLESS_MAX \
        else []
    if nxt and lo == clauses[k][0] and opener not in subordinate and not complete(
            phrase(*clauses[k])[0]):
        verb = next((n for n, w in enumerate(nxt) if _has_verb([w], L)), len(nxt))
        if j == k + 1 and right == j and _starts_with_verb(nxt, L):
            if sent[clauses[j][0] - 1] == ",":  # no comma between subject and verb
                sent = sent[:clauses[j][0] - 1] + " " + sent[clauses[j][0]:]
            hi, right = clauses[j][1], j + 1
            text_, n_before = phrase(lo, hi)
        elif _starts_with_verb(nxt, L) == bool(L.verb_second) and not any(
                w.lower() in L.coordinating for w in nxt[:verb]):  # "Ethanol oder Biomasse"
            first = nxt[0].lower().strip(",.")
            if first not in subordinate | L.coordinating | L.prepositions | L.stop_title:
                lo, hi, opener = clauses[j][0], max(hi, clauses[j][1]), first
                right = max(right, j + 1)
                clause_lo = lo
                text_, n_before = phrase(lo, hi)
    nxt = _reported_after_date(sent, clauses, k, text_, b, L)
    if nxt:
        lo, hi, opener = nxt[0], nxt[1], ""
        text_, n_before = phrase(lo, hi)
    part = _own_conjunct(sent, lo, hi, a, b, L)
    if part:
        first = sent[lo:part[0]] if part[0] > lo else ""
        lo, hi, opener = part[0], part[1], ""
        text_, n_before = phrase(lo, hi)
        if first:
            text_ = " ".join(_possessive_subject(text_.split(), first, L))
    words = text_.split()
    front = n_before  # words that stood before the date: only there do prepositions go
    # attribution at either end: "laut X ...", "..., X said"
    lw = [w.lower().strip(",.") for w in words]
    for att in sorted(L.attr_before, key=len, reverse=True):  # "nach angaben von" first
        n = len(att.split())
        if lw[:n] == att.split() and len(words) > n + 3:
            words = words[n:]
            lw = lw[n:]
            front -= n
            # drop the attributed name up to the next lower-case word
            while words and words[0][:1].isupper() and len(words) > 3:
                words.pop(0)
                front -= 1
            break
    # "X said (that) the plant will ...": what is due is the plant's; "X said it would"
    # keeps X, the pronoun's only name
    lw = [w.lower().strip(",.") for w in words]
    said = next((k for k, w in enumerate(lw[:8]) if w in L.speech_verbs), None)
    if said is not None and len(words) - said > 4 and lw[said + 1] in L.title_strip \
            and lw[said + 1] not in L.pronouns and lw[said + 2] not in L.possessives:
        words = words[said + 1:]
        front -= said + 1
    elif said is not None and len(words) - said > 4 and lw[said + 1] not in L.pronouns \
            and lw[said + 1] not in L.title_strip and lw[said + 1] not in L.possessives \
            and any(_finite(w, L) for w in lw[said + 2:said + 4]):
        # "Putin declared Russians would continue to be paid": the reported clause, its
        # own subject and verb, without the frame
        words = words[said + 1:]
        front -= said + 1
    # a date that opened a verb-second clause leaves its verb first: "(Am 19. Januar)
    # siedelt das Drehteam nach Görlitz um"
    moved = _subject_first(words, L, fronted=n_before == 0)
    if moved is words and 0 < n_before < len(words) and L.verb_second \
            and words[0].lower() in L.prepositions and _finite(words[n_before], L):
        # the date ended a phrase before the verb ("Nach einem Plan der EU vom Sommer 2031
        # müssen alle Staaten ..."): that phrase goes with it
        rest = words[n_before:]
        moved = _subject_first(rest, L, fronted=True)
        if moved is rest and len(rest) > 2 and rest[1].lower() in L.pronouns:
            moved = [rest[1][:1].upper() + rest[1][1:], rest[0]] + rest[2:]  # "kündigte er"
        elif moved is rest:
            moved = words
    if moved is not words:
        words, front = moved, len(moved)  # the subject leads now, whatever stood where
    # an infinitive clause keeps the article of its object ("das Gesetz ... einzubringen")
    kept, _ = _strip_front(list(words), (L.title_strip | L.stop_title) - L.determiners,
                           front, L)
    infinitive = None if opener in L.purpose else _infinitive_clause(kept, L, actor)
    if infinitive is kept:
        infinitive = None
    words, stripped = _strip_front(words, L.title_strip | L.stop_title | reorder, front, L)
    # a personal pronoun right before what is left was its subject ("dass sie ... wolle",
    # "which he is to present", "They are required to"); the name the actor finder gave
    # it when that name stands earlier in the sentence, else the pronoun itself
    pronoun = stripped[-1] if stripped and stripped[-1].lower() in L.pronouns else ""
    p = len(stripped) - 1
    while not pronoun and p > 0 and len(stripped) - p <= 2 and (
            stripped[p].lower() in L.articles or _finite(stripped[p], L)
            and stripped[p].lower() in _title_data(L).get("indicative", {})):
        p -= 1
        if stripped[p].lower() in L.pronouns:
            # "dass es die Umsetzung ... ausgesetzt habe": the object keeps its article;
            # "sie habe die Einladung ... angenommen": the verb stays after its subject
            pronoun, words = stripped[p], stripped[p + 1:] + words
    # (the actor as the finder wrote it alone: "das chinesische Handelsministerium" is
    # "Chinesisches Handelsministerium", its last word is in the sentence)
    named = actor if actor and actor.split()[-1] in sent[:lo] else ""
    # "es" stands for a neuter body named before it ("das Ministerium ..., dass es ...
    # ausgesetzt habe") unless its clause is passive or its verb one of `impersonal_verbs`
    if pronoun.lower() in L.impersonal and (
            pronoun.lower() not in _title_set(L, "neuter_pronouns")
            or not _neuter(named, sent[:lo], L) or _passive(words, L)
            or any(w.lower().strip(",.") in _title_set(L, "impersonal_verbs") for w in words)):
        named = ""  # "es werde geprüft", "es gebe Neuwahlen", "man": no one's name
    second = sent[lo:hi].split()[1:2]
    relative = opener in L.relative_pronouns and lo > 0 and not (
        second and second[0][:1].isupper())  # "die Strecke ..." opens with an article
    if infinitive:
        words = infinitive
    elif (opener in L.title_reorder or relative) and L.verb_second and lo == clause_lo:
        # in a relative clause a pronoun that may be an object ("das es Privatleuten
        # ermöglichen soll") leaves the subject to the name the clause tells of
        subject = (named or pronoun).split() if pronoun and not (
            relative and pronoun.lower() in L.object_pronouns) else (
            None if opener in L.title_reorder else _antecedent(sent[:lo], L, opener))
        words = _verb_final(words, L, subject)
    if words and _starts_with_verb(_after_adverbs(words, L), L):
        if pronoun:
            words = (named or pronoun).split() + words
        else:
            coordinated = any(w.lower().strip(",") in L.coordinating for w in stripped)
            shared = _shared_subject(sent, clauses, k, lo, L) if coordinated else None
            words = shared + words if shared else _without_subject(
                words, L, lead if lo > clauses[0][0] else None, named,
                _first_subject(sent, clauses[0], L) if coordinated else None)
            words = _impersonal_passive(words, L)

    words = _chained(sent, off, a, L) or _reduced_relative(sent, off, a, b, L) \
        or _framed_relative(sent, clauses[k] if clauses else (off, len(sent)), a, b, L) or words
    words = _first_person(_article_head(words, sent, L), L, actor)
    words = _named(words, L, actor)
    words = _without_attribution(words, L)
    words = _adjective_article(words, sent, L)
    words = _indicative(words, L)
    out = " ".join(words).rstrip(" ,;:.").lstrip(" ,;:.-–—")
    out = re.sub(r"\s+([.,;:!?])", r"\1", out)
    # "„Nordwerk AG (...)“": no space before the closing quote
    out = re.sub(r"(„[^“”]*?)\s+([“”])", r"\1\2", out)
    if len(out) < 3:
        out = SPACE.sub(" ", sent.strip())
    if len(out) > short:
        # what follows a reason or a comment is not what is due: "... suspended its season
        # due to concerns regarding ...", "..., wobei ..." (title.cut_before)
        low = out.lower()
        cut = min((low.find(" " + c + " ") for c in L.title_cut_before
                   if low.find(" " + c + " ") >= TITLE_MIN), default=-1)
        if cut > 0 and any(_starts_with_verb([w], L) for w in out[:cut].split()[1:]):
            out = out[:cut].rstrip(" ,;:")
    if len(out) > short and L.verb_second:
        # a long verb-final title loses its adjuncts (phrases after a preposition) first
        out = " ".join(_drop_adjuncts(out.split(), L, short))
    last = out.split()[-1] if out.split() else ""
    if len(out) > short and L.verb_second and _closing_verb(last, L):
        # "... wegen Beihilfe zum Mord verantworten": the verb that ends the clause stays,
        # when what goes holds neither the finite verb nor a negation ("konnte nicht")
        words = out.split()
        n = 1
        while n < VERB_GROUP and _closing_verb(words[-n - 1], L):
            n += 1  # "eröffnet werden", "einberufen worden"
        if L.verb_second and len(words) > n + 3 \
                and words[-n - 2].lower() in _title_set(L, "verb_phrase_preps") \
                and words[-n - 1][:1].isupper() and words[-n - 1].isalpha() \
                and words[-n - 2][:1].islower():
            n += 2  # a preposition with a bare noun is the verb's: "in Betrieb nehmen"
        tail = " ".join(words[-n:])
        cut = out[:short - len(tail) - 3]
        cut = cut[:cut.rfind(" ")] if " " in cut else cut
        cut = _constituent_cut(cut.split(), out.split()[len(cut.split()):], L)
        gone = out[len(cut):len(out) - len(tail)].split()
        if _has_verb(cut.split()[1:], L) and not any(
                w.lower().strip(".,") in L.negation for w in gone):
            out = cut.rstrip(" ,;:") + " … " + tail
    out = _phrase_cut(out, L, limit)
    if len(out) > limit:
        cut = out[:limit - 1]
        if " " in cut[limit // 2:]:
            cut = cut[:cut.rfind(" ")]
        out = cut.rstrip(" ,;:") + "…"
    return out[:1].upper() + out[1:]


def _list_commas(sent, off, L: Language):
    """Where nouns are capitalised and the verb comes second, the commas of a list of
    nouns ("in Guangzhou, Xiamen und Chengdu auftreten", "von 2.000 Polizisten, Richtern
    und Staatsanwälten") and around a name's apposition ("in Athen, Griechenland,
    stattfinden") after `off` (the date) are no clause boundaries (the ends of the commas:
    `split`'s bounds)."""
    if not L.verb_second:
        return set()
    seps = list(CLAUSE_SEP.finditer(sent, off))
    joiners = _title_set(L, "list_joiners")
    out = set()
    for i, m in enumerate(seps):
        if m.group() != ",":
            continue
        before = sent[seps[i - 1].end() if i else off:m.start()].split()
        nxt = seps[i + 1] if i + 1 < len(seps) else None
        after = sent[m.end():nxt.start() if nxt else len(sent)].split()
        if not before or not after or not (before[-1][:1].isupper() or before[-1][:1].isdigit()):
            continue
        first = after[0].lower()
        noun = after[0][:1].isupper() and first not in L.stopwords | L.not_names or (
            first in L.determiners and len(after) > 1 and after[1][:1].isupper())
        if not noun:
            continue
        joined = next((j for j, w in enumerate(after[:LIST_ITEM + 1]) if j and w.lower() in joiners), None)
        if joined is not None and not _has_verb(after[:joined], L) and joined + 1 < len(after) \
                and (after[joined + 1][:1].isupper() or after[joined + 1].lower() in L.determiners):
            out.add(m.end())  # the last item: "..., Fuzhou und Chengdu auftreten"
        elif nxt is not None and nxt.group() == "," and len(after) <= LIST_ITEM \
                and not _has_verb(after, L):
            rest = sent[nxt.end():].split()[:1]
            if all(w[:1].isupper() for w in after) and rest and rest[0][:1].islower() \
                    and rest[0].lower() not in L.coordinating | L.title_reorder \
                    | L.relative_pronouns | L.determiners | L.prepositions:
                out |= {m.end(), nxt.end()}  # "in Athen, Griechenland, stattfinden"
            elif any(w.lower() in joiners for w in sent[nxt.end():].split()[:LIST_ITEM + 1]):
                out.add(m.end())  # an item in the middle: "..., Xiamen, ..."
    return out


LIST_ITEM = 4  # words of an item in a list of nouns


CONJUNCT = re.compile(r"\s(\w+)(?=\s+(\w+))")


def _conjunct_bounds(sent, off, a, b, L: Language):
    """Where nouns are capitalised and the verb comes second, two main clauses that share
    a subject are joined by "und" and a finite verb ("Der Prozess wird länger dauern und
    darf bis 2032 fortgesetzt werden"): the "und" opens a clause of its own, so that the
    title is the one that holds the date (its subject the first clause's)."""
    if not L.verb_second:
        return set()
    out = set()
    for m in CONJUNCT.finditer(sent, off):
        if m.group(1).lower() in _title_set(L, "conjunct_joiners") and not a < m.start() < b \
                and m.group(2)[:1].islower() and _finite(m.group(2), L):
            out.add(m.start() + 1)
    return out


def _past_report(sent, clauses, k, L: Language):
    """Where the verb comes second, a date in a clause that only says who said it ("Wie
    der Minister am Dienstag mitteilte, werden ..."): the title is the clause reported,
    the one after it; k itself elsewhere."""
    if not L.verb_second or not clauses or k + 1 >= len(clauses):
        return k
    words = sent[slice(*clauses[k])].rstrip(" ,").split()
    if len(words) > 2 and words[0].lower() in L.as_openers \
            and words[-1].lower() in L.speech_verbs | L.attr_verbs \
            and sent[clauses[k][1] - 1] == "," \
            and _has_verb(sent[slice(*clauses[k + 1])].split(), L):
        return k + 1
    return k


def _without_attribution(words, L: Language):
    """Where the verb comes second, who said it inside the clause goes with its phrase
    ("Die Version soll laut dem Gründer des Projekts im Mai erscheinen", "nach Angaben
    des Ministeriums"): the title keeps its subject and verbs."""
    if not L.verb_second or len(words) < 5:
        return words
    low = [w.lower() for w in words]
    for k in range(1, len(words) - 2):
        for att in L.attr_before:
            n = len(att.split())
            if low[k:k + n] != att.split() or att in L.postpositions:
                continue
            end = _phrase_end(words, k + n, L, chain=False)
            rest = words[:k] + words[end:] if end else None
            if rest and len(rest) >= 3 and not any("." in w.strip(".") for w in words[end:end + 1]) \
                    and _has_verb(rest[1:], L) and words[k - 1][-1:] not in ",;:":
                return rest
            break
    return words


def _shared_subject(sent, clauses, k, lo, L: Language):
    """The subject of the main clause that "und" and a finite verb continue (the clause
    before, `_conjunct_bounds`): "(Sie wurde ... gestartet) und soll ... angekommen sein"
    is hers, whoever the actor finder named; None elsewhere."""
    if not L.verb_second or k == 0 or lo != clauses[k][0] \
            or clauses[k][0] not in _conjunct_bounds(sent, clauses[k][0] - 1, 0, 0, L):
        return None
    first = _first_subject(sent, clauses[k - 1], L)
    words = sent[slice(*clauses[k - 1])].split()
    if first is None and len(words) > 3 and _finite(words[1], L, True):
        # "Mittlerweile lotet ein Team die Lage aus": the subject after the verb
        moved = _verb_then_subject(words[1:], L, fronted=True)
        verb = words[1].lower().strip(",.")
        n = next((j for j, w in enumerate(moved) if w == verb), 0)
        if moved is not words[1:] and n:
            first = moved[:n]
            if first[0].lower() in L.determiners:
                first[0] = first[0].lower()
    return first


def _finite_index(words, L: Language):
    """The index of a title's finite verb after its first word, or None."""
    return next((k for k, w in enumerate(words) if k and w[:1].islower()
                 and _finite(w, L)), None)


def _verb_group_start(words, L: Language):
    """Where the verbs that close a verb-final title start ("eröffnet werden sollen"),
    len(words) when it does not end with one."""
    if not words or not _closing_verb(words[-1], L):
        return len(words)
    n = 1
    while n < VERB_GROUP and n < len(words) - 1 and _closing_verb(words[-n - 1], L):
        n += 1
    return len(words) - n


def _phrase_end(words, k, L: Language, limit=None, chain=True):
    """The index after the noun phrase that opens at k (articles, numbers and adjectives
    before its noun, genitives and "von" phrases after it, nouns joined by "und" or a
    comma: "einen Preis von etwa 3,1 Milliarden Euro", "dem Präsidenten und seinem
    Herausforderer"); None when no noun follows within reach."""
    def noun(k):
        j = k
        while j < len(words) and j - k < PHRASE_REACH and words[j][:1].islower() and (
                (w := words[j].lower().strip(",")) in L.determiners or w in L.approximators
                or w in L.numbers or w.endswith(L.participle_endings)) \
                and w not in L.coordinating and not _finite(w, L) and words[j][-1:] != ",":
            j += 1
        if j >= len(words) or not (words[j][:1].isupper() or words[j][:1].isdigit()):
            return None
        end = _subject_end(words, j, L)
        # "Milizenführern einer Einladung": an article that is a genitive's or a dative's
        # (title.dative_genitives) ends the phrase before it
        end = next((x for x in range(j + 1, end or j) if words[x - 1][:1].isupper()
                    and words[x].lower() in _title_set(L, "dative_genitives")), end)
        while end and end < len(words) and words[end - 1][-1:] not in ",;:" and (
                words[end][:1].isdigit() or end - j >= NOUN_RUN and words[end][:1].isupper()):
            end += 1  # "im August 2005", "der Premium Aerotec GmbH"
        return end
    if k < len(words) and words[k].lower() in L.prepositions:
        return None  # "bis zu 110.000 Fahrzeuge": a number, no phrase that can go
    end = noun(k)
    while end and end < len(words) - 1:
        w = words[end].lower()
        if words[end - 1][-1:] in ";:" or words[end - 1][-1:] == "," and end + 1 >= len(words):
            break
        if w in _title_set(L, "phrase_joiners") and words[end][:1].islower():
            nxt = noun(end + 1)  # "von Daimler", "und seinem Herausforderer"
            if not nxt and w not in L.coordinating:
                return None  # "von nur gut einem ...": a phrase not read to its end
        elif words[end - 1][-1:] == "," and (words[end][:1].isupper()
                                             or words[end].lower() in L.determiners):
            nxt = noun(end)  # a list: "in Guangzhou, Xiamen und Chengdu"
        elif chain and w in L.prepositions and words[end][:1].islower() \
                and words[end - 1][-1:] != ",":
            # a phrase that tells of the noun before it ("in Zusammenarbeit mit Peugeot",
            # "wegen Beihilfe zum Mord"), not one right before the closing verbs
            nxt = _phrase_end(words, end + 1, L, limit)
            if not nxt or limit is not None and nxt >= limit:
                break
        else:
            break
        if not nxt:
            break
        end = nxt
    if end and end < len(words) and words[end - 1][-1:] not in ",;:" and (
            (w := words[end].lower()) in L.genitive_articles or w in L.coordinating
            or w in L.prepositions and words[end - 1][:1].isupper()
            and w in _title_set(L, "phrase_joiners")
            or end + 1 < len(words) and words[end][:1].islower() and w not in L.determiners
            and w.endswith(L.participle_endings) and words[end + 1][:1].isupper()):
        # what follows may still belong to it ("im Vorfeld der am ... stattfindenden",
        # "für eine Welle neuer Anschläge") or join it ("und"): not a phrase that can go
        return None
    return end


PHRASE_REACH = 4  # words before the noun of a phrase ("für einen weiteren neuen Preis")


def _adjuncts(words, L: Language):
    """The phrases after a preposition in a title (start, end, tier): between its finite
    verb and the verbs that close it, or after the noun of its subject; not a preposition
    with a bare noun right before the verbs ("in Kraft treten", "zur Verfügung stehen"),
    nor one before a copula ("zum Kometen des Jahrhunderts werden")."""
    verb = _finite_index(words, L)
    close = _verb_group_start(words, L)
    if verb is None:
        return []
    out = []
    k = 2
    bound = L.coordinating | L.prepositions | _title_set(L, "phrase_openers")
    low = [w.lower().strip(",") for w in words]
    while k < close:
        w = words[k].lower()
        before = words[k - 1]
        stop = verb if k < verb else close
        if any(low[k:k + len(p)] == p for p in _title_phrases(L, "adverbial_phrases")):
            k += 2  # "vor allem", "unter anderem": no phrase of place or time
            continue
        opener = w in L.prepositions or w in _title_set(L, "adjunct_openers")
        end = _phrase_end(words, k + 1, L, stop) if opener and words[k][:1].islower() \
            and (k > verb or before[:1].isupper()) and before.lower() not in bound else None
        if not end or end > stop or len(QUOTES.findall(" ".join(words[k:end]))) % 2:
            k += 1
            continue
        if not (end == close < len(words) and (
                end - k <= 2 or words[close].lower() in _title_set(L, "copulas"))):
            # the tier: 0 in the middle after a verb or adverb, 1 after a noun (its
            # attribute: "Ausstoß von Treibhausgasen"), 2 right before the closing verbs
            out.append((k, end, 2 if k > verb and end == close
                        else 1 if before[:1].isupper() or k < verb else 0))
        k = end if end != verb else verb + 1
    return out


def _drop_adjuncts(words, L: Language, short: int):
    """A title longer than `short` loses the phrases after a preposition (the least it
    takes to fit): those in its middle first ("Er wird den Konkurrenten (für einen Preis
    von 3 Milliarden Euro) übernehmen"), then one after its subject's noun ("Der Kleinwagen
    (von Nordwerk) soll mit einer neuen Batterie ausgeliefert werden"), then the one right
    before its closing verbs; its subject's noun, its verbs and objects stay."""
    for _ in range(ADJUNCTS_MAX):
        size = len(" ".join(words))
        if size <= short:
            break
        found = _adjuncts(words, L)
        if not found:
            break
        tier = min(x[2] for x in found)
        pool = [x for x in found if x[2] == tier]
        cost = [(len(" ".join(words[a:b])) + 1, a, b) for a, b, _ in pool]
        fits = [c for c in cost if size - c[0] <= short]
        _, a, b = min(fits) if fits else max(cost)
        if words[b - 1][-1:] in ",;:" and a and not any(w[-1:] == "," for w in words[a:b - 1]):
            words[a - 1] = words[a - 1].rstrip(",;:") + words[b - 1][-1:]
        words = words[:a] + words[b:]
    return words


ADJUNCTS_MAX = 3  # phrases a long title may lose


def _constituent_cut(kept, gone, L: Language):
    """The words kept before a "…" end where a phrase ends: the last kept word a noun,
    a pronoun, an adverb or a finite verb, the first gone word one that opens a phrase (a
    preposition, an article); the words back to there go too ("findet … statt", not
    "findet zwischen dem Präsidenten und seinem … statt")."""
    opens = L.prepositions | L.determiners | L.articles | _title_set(L, "phrase_openers")
    n = len(kept)
    while n > 1:
        last, first = kept[n - 1], (kept[n:] + gone)[:1]
        low = last.lower().strip(".,;:")
        if first and first[0].lower().strip(",") in opens and (
                last[:1].isupper() and low not in L.stopwords and low not in L.prepositions
                or last[:1].isdigit() or low in L.pronouns or low in L.reflexives
                or _finite(last, L) or last[:1].islower() and _adverb(low, L)) \
                and _has_verb(kept[1:n], L):
            return " ".join(kept[:n])
        n -= 1
    return " ".join(kept)


def _title_phrases(L: Language, key: str) -> list:
    """The phrases of a list of the language's "title" data, as lists of words."""
    cache = L.__dict__.setdefault("_title_sets", {})
    if (key, 2) not in cache:
        cache[key, 2] = [p.lower().split() for p in L.data.get("title", {}).get(key, [])]
    return cache[key, 2]


def _title_set(L: Language, key: str) -> frozenset:
    """A word list of the language's "title" data, read once."""
    cache = L.__dict__.setdefault("_title_sets", {})
    if key not in cache:
        cache[key] = frozenset(w.lower() for w in L.data.get("title", {}).get(key, []))
    return cache[key]


def _adjective_article(words, sent: str, L: Language):
    """Where nouns are capitalised, a title that opens with adjectives before its noun
    keeps their article ("Die verbleibenden Mitarbeiter erhalten ...", "Die nächste große
    Sanierung soll ..."): without it the adjective's ending reads wrong."""
    if not L.capitalised_nouns or len(words) < 2 or not words[0][:1].islower():
        return words
    noun = next((w for w in words[1:3] if not w[:1].islower()), "")
    if not noun[:1].isupper():
        return words
    m = re.search(r"(\w+)\s+" + re.escape(words[0]) + r"\b", sent)
    if m is None or m[1].lower() not in L.articles:
        return words
    return [m[1].lower()] + words


def _closing_verb(word: str, L: Language) -> bool:
    """A word that may close a verb-final clause: a verb ("werden", "vorlegen"), a
    separable prefix ("statt"), a word with an infinitive's ending (`title.
    infinitive_endings`: "einigen" is also a determiner), a lower-case word that is no
    article or preposition."""
    w = word.lower().strip(".,;:")
    return word[:1].islower() and (
        _has_verb([word], L) or w in L.separable_prefixes
        or bool(L.infinitive_endings) and w.endswith(L.infinitive_endings)  # "einigen"
        or w not in L.stopwords and w not in L.prepositions and w not in L.determiners)


def _strip_particles(words, L: Language):
    """The words that go with the date before it ("bereits", "no later than") leave the
    end of the words before the date, and the prepositions before them."""
    for p in L.date_particles:
        if len(words) >= len(p) and tuple(w.lower() for w in words[-len(p):]) == p:
            return _strip_words(words[:-len(p)], L.stop_title, front=False)
    return words


def _joined_dates(text, d0, d1, dates, L: Language):
    """The span of the date and the time expressions joined to it by a list or a range
    ("Ende 2010 oder Anfang 2011", "vom 16. Juni bis zum 23. September"): all go."""
    spans = sorted(dates)
    # a day number that a range joins to the date ("vom 27. bis zum 30. Dezember")
    m = DAY_BEFORE.search(text[max(0, d0 - 20):d0])
    if m and _joiner(m.group(2), L):
        d0 = max(0, d0 - 20) + m.start(1)
    changed = True
    while changed:
        changed = False
        for x0, x1 in spans:
            if x1 <= d0 and _joiner(text[x1:d0], L):
                d0, changed = x0, True
            elif x0 >= d1 and _joiner(text[d1:x0], L):
                d1, changed = x1, True
    return d0, d1


def _joiner(gap: str, L: Language) -> bool:
    gap = " ".join(gap.lower().split())
    return gap in L.list_joiners or gap in L.range_joiners or gap in ("-", "–") \
        or any(gap == w + " " + p for w in L.list_joiners | L.range_joiners
               for p in L.stop_title)  # "und am", "bis zum"


def _has_verb(words, L: Language) -> bool:
    """Whether words hold a finite or reporting verb, or a cue verb ("läuft", "will")."""
    return any((w := x.lower().strip(".,;:")) in L.finite_verbs or w in L.speech_verbs
               or (L.cue_table.get(w, 0) & 5 or w in L.reported_present) and x[:1].islower()
               for x in words)


def _starts_with_verb(words, L: Language) -> bool:
    """A title that lost its subject: it opens with a verb written in lower case."""
    w = words[0]
    low = w.lower().strip(".,")
    return w[:1].islower() and (low in L.finite_verbs or low in L.speech_verbs
                                or bool(L.cue_table.get(low, 0) & 5) or low in L.reported_present
                                or bool(L.past_suffix) and low.endswith(L.past_suffix))


def _lead(sent, clauses, L: Language):
    """The subject standing alone before an apposition: the first clause of the sentence
    that holds no verb and opens with a name or an article ("Die nächste große Sanierung,
    die Strecke ..., soll ...", "Yesterday, Tony Evers, the governor of Wisconsin,
    signed ..."); None when there is none."""
    for n, (lo, hi) in enumerate(clauses):
        words = sent[lo:hi].strip(" ,;:").split()
        if not words or _has_verb(words, L) or len(words) > LEAD_MAX:
            continue
        first = words[0].lower()
        if first in L.articles:
            # a noun phrase: where nouns are capitalised it ends with one; elsewhere it
            # must open the sentence ("The new policy, which ..."), not be an apposition
            # after a name ("William Conley, a United States District judge, ordered")
            return words[1:] if len(words) > 1 and (
                words[-1][:1].isupper() or not L.capitalised_nouns and n == 0) else None
        if words[0][:1].isupper() and first not in L.stopwords and first not in L.not_names \
                and first not in L.relday and first not in L.prepositions:
            return words
    return None


LEAD_MAX = 6  # words of a subject standing alone before its apposition


def _interruption_end(sent, clauses, k, a, b, L: Language):
    """Where a subordinate clause that interrupts the date's clause right after the date
    ends (after its comma), when the date's clause holds its finite verb and goes on in
    lower case after the subordinate clause's verb; else None."""
    lo, hi = clauses[k]
    if sent[b:hi].strip(" ,") or sent[hi - 1] != "," or k + 2 >= len(clauses) \
            or not _has_verb(sent[lo:a].split(), L):
        return None
    first = sent[slice(*clauses[k + 1])].split()[:1]
    if not first or first[0].lower() not in L.title_reorder:
        return None
    for j in range(k + 1, min(len(clauses) - 1, k + 1 + SUBCLAUSE_MAX)):
        words = sent[slice(*clauses[j])].rstrip(" ,").split()
        after = sent[slice(*clauses[j + 1])].rstrip(" .!?").split()
        if sent[clauses[j][1] - 1] == "," and words and _closing_verb(words[-1], L) \
                and after and after[0][:1].islower() and after[-1][:1].islower() \
                and after[0].lower() not in L.coordinating | L.title_reorder | L.relative_pronouns:
            return clauses[j][1]
    return None


VERBLESS_MAX = 3  # clauses without a verb that a title passes over
SUBCLAUSE_MAX = 6  # clauses of a subordinate clause that interrupts (lists in it)


def _apposition(clause: str, L: Language) -> bool:
    """A short noun phrase without a verb that opens with an article: "dem Todestag von
    Alfred Nobel", "the anniversary of the treaty"."""
    words = clause.strip(" ,;:").split()
    return 0 < len(words) <= LEAD_MAX and (
        words[0].lower() in L.articles or words[0].lower() in L.oblique_articles) \
        and not _has_verb(words, L) and not any(
            w[:1].islower() and bool(L.past_suffix) and w.lower().endswith(L.past_suffix)
            for w in words[1:])


def _without_subject(words, L: Language, lead, actor: str, first=None):
    """A title that opens with its verb: a pronoun right after the verb goes in front
    ("soll er fertiggestellt sein": "Er soll fertiggestellt sein"); else the subject that
    stood alone before an apposition, else the actor named earlier in the sentence, else
    (`first`) the subject of the clause this one is joined to ("He was projected to have
    won, and would be sworn into office": "He would be sworn into office")."""
    pronoun = len(words) > 2 and words[1].lower() in L.pronouns
    if pronoun:
        return [words[1]] + words[:1] + words[2:]  # who "er" is may be wrong: keep it
    subject = lead or (actor.split() if actor else None) or first
    return subject + words if subject else words


def _impersonal_passive(words, L: Language):
    """A passive without a subject that lost what stood before its verb ("(Frühestens im
    März) wird mit dem ersten Termin gerechnet", "könne damit begonnen werden"): the
    phrase after the verb goes before it ("Mit dem ersten Termin wird gerechnet", "Damit
    könne begonnen werden")."""
    if not L.verb_second or len(words) < 3 or not _starts_with_verb(words, L) \
            or not any(w.lower().strip(".,") in L.passive for w in (words[0], words[-1])):
        return words
    second = words[1].lower()
    if second in L.prepositions and second not in L.articles:
        end = _subject_end(words, 2, L, PLACE_REACH)
    else:
        end = 2 if _adverb(second, L) else None
    if not end or end >= len(words) or any(w[-1:] in ",;:" for w in words[1:end]) \
            or end > 2 and (words[end].lower() in L.prepositions
                            or any(w.lower() in L.determiners for w in words[3:end])):
        return words  # "mit Hilfe von ...", "am kommenden ein Treffen": no phrase of its own
    return [words[1][:1].upper() + words[1][1:]] + words[2:end] + [words[0].lower()] + words[end:]


def _strip_front(words, vocab, front: int, L: Language):
    """(words, stripped): the words of `vocab` that open the title go; of the words that
    stood after the date (from index `front`) only conjunctions, articles and pronouns
    (title_strip), not a preposition that opens what follows the date ("im Jahr 2028
    für das Amt kandidieren", "2010 gegen X kandidieren")."""
    k = 0
    while k < len(words):
        w = words[k].lower().strip("„“”\"'‚‘’.,;:")
        if k and words[k - 1].lower() in L.pronouns and w not in L.title_strip:
            break  # "bevor es nach der Rechnung ...": the pronoun's phrase stays
        if w in vocab and (k < front or w in L.title_strip):
            k += 1
        else:
            break
    return words[k:], words[:k]


def _first_subject(sent, clause, L: Language):
    """The subject of the sentence's first clause, when short and plain: the words before
    its first verb, a pronoun or a noun phrase opening with an article or a name."""
    words = sent[clause[0]:clause[1]].strip(" ,;:").split()
    verb = next((k for k, w in enumerate(words) if k and _starts_with_verb([w], L)), None)
    if verb is None or verb > LEAD_MAX:
        return None
    subject = words[:verb]
    first = subject[0].lower()
    if first in L.pronouns or first in L.articles or (
            subject[0][:1].isupper() and first not in L.stopwords and first not in L.not_names
            and first not in L.prepositions and first not in L.relday):
        return [subject[0][:1].lower() + subject[0][1:] if first in L.articles else subject[0]] \
            + subject[1:]
    return None


def _infinitive_clause(words, L: Language, actor: str):
    """"(hatte zugesagt,) einen Ersatzfahrplan für den Güterverkehr zu veröffentlichen":
    a clause of a 'zu' infinitive is the actor's; it reads "Bahn soll einen Ersatzfahrplan
    für den Güterverkehr veröffentlichen" (the modal and the marker are data: title.modal,
    title.infinitive_marker, title.separable_prefixes)."""
    marker, modal = L.title_marker, L.title_modal
    if not marker or not modal or not actor or len(words) < 2 or _has_verb(words[:-1], L):
        return words
    last = words[-1].strip(".,")
    if words[-2].lower() == marker:
        body, verb = words[:-2], last
    else:
        m = next((p for p in L.separable_prefixes if last.lower().startswith(p + marker)
                  and len(last) > len(p) + len(marker) + 2), None)
        if m is None:
            return words
        body, verb = words[:-1], last[:len(m)] + last[len(m) + len(marker):]
    if body and body[0].lower() in L.determiners:
        body = [body[0].lower()] + body[1:]
    said = L.title_modals.get(verb.lower())
    if said and body and body[-1][:1].islower():
        return actor.split() + [said] + body  # "kandidieren zu wollen": "X will kandidieren"
    return actor.split() + [modal] + body + [verb]


def _verb_final(words, L: Language, antecedent):
    """A subordinate clause ends with its finite verb ("dass die Bahn ein
    Entschädigungsprogramm vorlegt", "der bei der Wahl gegen Wulff antreten soll"): the
    verb goes after the subject, a separable prefix stays at the end ("Bahn legt ein
    Entschädigungsprogramm vor", "Gauck soll bei der Wahl gegen Wulff antreten"); a
    relative clause's subject is the name it tells of."""
    if len(words) < 2 or not words[-1][:1].islower():
        return words
    verb = words[-1].strip(".,")
    rest = words[:-1]
    if antecedent:
        subject, middle = antecedent, rest
    else:
        low0 = rest[0].lower() if rest else ""
        # "eine besetzte Versammlung", "sein Nachfolger": no preposition ("zum"), no object
        determiner = low0 in L.determiners and low0 not in L.oblique_articles \
            and low0 not in L.prepositions and low0 not in L.stop_title
        adjective = rest and rest[0][:1].islower() and bool(L.participle_endings) \
            and rest[0].lower().endswith(L.participle_endings) \
            and rest[0].lower() not in L.stopwords | L.determiners | L.prepositions
        # ("für Produkte ... erforderlich sind": a phrase after a preposition goes first
        # as well, "Für Produkte sind ... erforderlich")
        phrase = bool(rest) and low0 in L.prepositions and len(rest) > 2
        if phrase:  # its noun is one word: "für Produkte | Ausfuhrgenehmigungen"
            noun = next((i for i in range(1, min(len(rest), 1 + ADJECTIVES + 2))
                         if rest[i][:1].isupper()), None)
            end = noun + 1 if noun is not None and noun + 1 < len(rest) else None
        else:
            end = _subject_end(rest, 1 if determiner else 0, L, ADJECTIVES) if rest and (
                rest[0][:1].isupper() or adjective or determiner) else None
        if not end or end >= len(rest) or rest[0].lower() in L.pronouns:
            return words
        subject, middle = rest[:end], rest[end:]
    tail = []
    low = verb.lower()
    prefix = next((p for p in L.separable_prefixes if low.startswith(p)
                   and len(low) - len(p) >= 3 and low[len(p):].endswith(("t", "en"))), None)
    if prefix and not (middle and middle[-1][:1].islower() and _has_verb([verb], L)):
        verb, tail = verb[len(prefix):], [verb[:len(prefix)]]  # "vorlegt": "legt ... vor"
    return subject + [verb] + middle + tail


def _passive(words, L: Language) -> bool:
    """A passive: an auxiliary of it and a participle ("werde geprüft"; not the future
    "aussetzen werde")."""
    low = [w.lower().strip(",.") for w in words]
    return any(w in L.passive for w in low) and L.participle_form is not None \
        and any(L.participle_form.match(w) for w in low)


def _neuter(name: str, before: str, L: Language) -> bool:
    """Whether the sentence writes the name's noun after a neuter article ("das
    chinesische Handelsministerium"): only then may "es" stand for it."""
    if not name:
        return False
    head = re.escape(name.split()[-1])
    articles = "|".join(map(re.escape, _title_set(L, "neuter_articles")))
    return bool(articles) and bool(re.search(
        rf"\b(?:{articles})\s+(?:\w+\s+){{0,3}}{head}\b", before, re.I))


def _indicative(words, L: Language):
    """Reported speech in the subjunctive ("habe ... ausgesetzt") as a headline says it,
    in the indicative: the first verb that has such a form, outside quotation marks
    (a quotation is shown as written)."""
    table = _title_data(L).get("indicative", {})
    for k, w in enumerate(words):
        if w[:1] in "„“”\"‚‘'«»":
            break
        core = w.rstrip(",.;:")
        if core in table:
            return words[:k] + [table[core] + w[len(core):]] + words[k + 1:]
    return words


def _antecedent(before: str, L: Language, pronoun: str = ""):
    """The name a relative clause tells of: the capitalised words right before it; the
    noun a genitive belongs to when the relative pronoun cannot agree with the genitive
    ("das Präsidiumstreffen der IADB, das ...", `relative_agreement`)."""
    words = [w.strip("„“”\"‚‘’«»") for w in before.rstrip(" ,").split()]
    if len(words) > 1 and words[-1].lower() in L.separable_prefixes:
        words.pop()  # "zeichnete eine Talkshow auf, die ...": the noun before the prefix
    # "(wurde) eine Resolution verabschiedet, die ...", "(werden) mit Ubuntu 18.04 LTS
    # ausgebügelt sein, das": the noun before the verbs that close a main clause, whose
    # finite verb stands earlier ("dass ... eine Rolle spielt, das": not "Rolle")
    clause = CLAUSE_SEP.split(before.rstrip(" ,"))[-1].split()
    first = len(clause) == len(before.split())  # the sentence's first clause: no relative one
    main = bool(clause) and clause[0].lower() not in L.title_reorder \
        and (first or clause[0].lower() not in L.relative_pronouns) and _has_verb(clause[:-1], L)
    for n in range(1, VERB_GROUP + 1 if main else 1):
        if len(words) <= n or not words[-n][:1].islower() \
                or words[-n].lower() in L.prepositions | L.articles | L.pronouns:
            break
        if words[-n - 1][:1].isupper():
            del words[-n:]
            break
    run = []
    while words and (words[-1][:1].isupper() or run and words[-1][:1].isdigit()
                     and len(words) > 1 and words[-2][:1].isupper()) \
            and words[-1].lower() not in L.stopwords and len(run) < NOUN_RUN:
        run.insert(0, words.pop().strip(",."))  # "seines Elektroautos „Ze-0“, das ..."
    agrees = L.relative_agreement.get(pronoun.lower())
    if run and agrees is not None and len(words) >= 2 and words[-1].lower() in L.genitive_articles \
            and words[-1].lower() not in agrees and words[-2][:1].isupper() \
            and words[-2].lower() not in L.stopwords:
        run = [words[-2], words[-1]] + run
    return run or None


def _named(words, L: Language, actor: str):
    """"The company will report ...": a generic noun that opens the title gives way to
    the name the actor finder found for it ("Norvane Semiconductors will report ...")."""
    if not actor or not words:
        return words
    k = 1 if words[0].lower() in L.articles and len(words) > 1 else 0
    noun = words[k].lower().strip(".,")
    if noun in L.generic and actor.lower() != noun and any(ch.isupper() for ch in actor[1:]) \
            and noun not in actor.lower() \
            and (noun not in L.place_nouns or " " not in actor or actor.lower() in L.country_names):
        # a place is one word or a country: "the state had extended its order" is not
        # "Mike DeWine had extended ...", the governor who announced it
        return actor.split() + words[k + 1:]
    return words


def _finite(word: str, L: Language, fronted: bool = False) -> bool:
    """A finite verb: listed, a cue of the future or a listed past form that is no
    participle ("wurde", not "gegeben"); after a fronted date also any lower-case word in
    "-t" ("siedelt", "startet"), since that place is the verb's."""
    w = word.lower().strip(",.")
    flags = L.cue_table.get(w, 0)
    if w in L.finite_verbs or flags & 1 or w in L.reported_present:
        return True
    if flags & 4 and w not in L.not_verbs and not (
            L.participle_form and L.participle_form.match(w)):
        return True
    return fronted and word[:1].islower() and w.endswith("t") and w not in L.stopwords \
        and w not in L.prepositions and w not in L.not_names


def _subject_first(words, L: Language, fronted: bool = False):
    """Subject, verb, rest for a verb-second title that starts with its verb, or with a
    phrase of place or time before its verb ("nach fünf Monaten Bauzeit will die Bahn
    ...": "Bahn will ..."); the words as they were when no subject can be found."""
    moved = _verb_then_subject(words, L, fronted)
    if moved is not words:
        return moved
    shorter = _without_fronted_phrase(words, L)
    if shorter is not words:
        moved = _verb_then_subject(shorter, L)
        if moved is not shorter:
            return moved
    return words


def _verb_then_subject(words, L: Language, fronted: bool = False):
    """A verb-second title that lost the date in front of its verb starts with the verb
    ("soll die Fusion der beiden Hersteller erreicht sein"): the subject goes first
    ("die Fusion der beiden Hersteller soll erreicht sein").  Only for a subject that opens
    with an article (not a pronoun, not an object's article) and ends with its nouns."""
    if not L.verb_second or len(words) < 3 or not words[0][:1].islower():
        return words
    verb = words[0].lower().strip(",.")
    first = 1  # adverbs between verb and subject stay with the verb ("sollen dann auch")
    while first < ADVERBS and (_adverb(words[first].lower(), L) or words[first].lower() in L.reflexives):
        first += 1
    if words[first].lower() in L.prepositions:
        # a phrase of place between verb and subject ("findet in der Hauptstadt Rabat eine
        # Konferenz statt"): the subject is the noun phrase after it, opening with an article
        for end in (_subject_end(words, first + 1, L, PLACE_REACH),
                    _noun_end(words, first + 1, PLACE_REACH, L)):
            if end and end + 1 < len(words) \
                    and not any(w[-1:] in ",;:" for w in words[first:end]) \
                    and (words[end].lower() in L.articles or words[end].lower() in L.determiners) \
                    and words[end].lower() not in L.oblique_articles:
                first = end
                break
    second = words[first].lower()
    # a subject without an article: "müssen danach Wahlen ...", "werden 42 Millionen
    # Kilowattstunden Strom erzeugt"
    counted = words[first][:1].isdigit() and first + 1 < len(words) \
        and words[first + 1][:1].isupper()
    # an adjective before the noun: "sollen erstmals wieder bemannte Mondflüge stattfinden"
    adjective = words[first][:1].islower() and bool(L.participle_endings) \
        and second.endswith(L.participle_endings) \
        and first + 1 < len(words) and words[first + 1][:1].isupper() \
        and second not in L.stopwords and second not in L.determiners \
        and not _finite(second, L)
    # a compound that opens with a number ("180-Tage-Missionen") is a noun
    compound = bool(NUMBER_COMPOUND.match(words[first]))
    bare = (words[first][:1].isupper() or counted or adjective or compound) \
        and second not in L.stopwords
    if not _finite(words[0], L, fronted) or not (
            second in L.articles or second in L.determiners or bare) \
            or second in L.prepositions or second in L.oblique_articles:
        return words
    # a name without an article takes no genitive: "muss sich Kerstin Maaß der Wahl
    # stellen" has a dative object after it
    named = bare and words[first][:1].isupper()
    end = _noun_end(words, first, None, L) if named else \
        _subject_end(words, first + 1 if counted or not bare else first, L)
    while counted and end and end + 1 < len(words) and words[end][:1].islower() \
            and words[end + 1][:1].isupper() and words[end].lower() not in L.stopwords:
        end += 2  # "42 Millionen Kilowattstunden elektrischer Strom"
    if not end or end >= len(words) or any(w[-1:] in ",;:" for w in words[1:end - 1]) \
            or words[end].lower() in L.coordinating:
        return words  # "die Weltmeisterschaft und die Spiele": not one subject
    if counted and first > 1 and words[first - 1].lower() in L.approximators:
        first -= 1  # "rund 2000 Stellen"
    subject = words[first:end]
    return [subject[0][:1].upper() + subject[0][1:]] + subject[1:] + [verb] \
        + words[1:first] + words[end:]


def _subject_end(words, k, L: Language, reach=None):
    """_noun_end, with the genitives after the noun that belong to it ("der Kunstwerke
    des Malers X", "der nächste Flug der Raumfähre Atlantis")."""
    end = _noun_end(words, k, reach, L)
    for _ in range(GENITIVES):
        if end and end < len(words) and words[end - 1].rstrip("“”\"'’«»")[-1:].isalnum() \
                and words[end].lower() in L.genitive_articles:
            end = _noun_end(words, end + 1, GENITIVE_REACH, L) or end
    return end


def _noun_end(words, k, reach, L: Language):
    """The index after the capitalised words that end a noun phrase whose lower-case words
    (adjectives) start at k: a noun, a name, up to three ("Finanzbürgermeister Hartmut
    Vorjahn", "Schweizer Bundesversammlung"), not the object after an acronym or a noun
    ("die IADB Überweisungen"); None when none is within reach."""
    start = k
    while k < len(words) and not (words[k][:1].isupper() or NUMBER_COMPOUND.match(words[k])):
        k += 1
        if reach is not None and k - start > reach:
            return None
    if k >= len(words):
        return None
    first = k
    k += 1
    while k < len(words) and k - first < NOUN_RUN and words[k][:1].isupper() \
            and words[k - 1][-1:] not in ",;:" and not words[k - 1].isupper() \
            and not words[k - 1].lower().endswith(L.noun_suffixes):
        k += 1
    if k < len(words) and ABBREVIATION.match(words[k]):
        k += 1  # "Chaos Computer Club e.V."
    return k


NOUN_RUN = 3  # capitalised words of one subject
ADJECTIVES = 2  # lower-case words before the noun of a subject that lost its article
PLACE_REACH = 4  # words between a preposition and its noun, before the subject
GENITIVE_REACH = 3  # words between a genitive article and its noun
GENITIVES = 2  # genitives in a row that a subject takes along
ADVERBS = 3  # position of the subject at the latest, after adverbs ("dann auch")


def _without_fronted_phrase(words, L: Language):
    """A verb-second title that opens with a phrase of place or time before its verb
    ("nach fünf Monaten Bauzeit will die Bahn ..."): that phrase goes, the verb leads."""
    if not L.verb_second or len(words) < 4 or (
            words[0].lower() not in L.prepositions and words[0].lower() not in L.place_preps):
        return words
    for k in range(2, min(len(words) - 2, FRONTED_MAX + 1)):
        w = words[k].lower()
        if words[k][:1].islower() and _finite(w, L) \
                and not any(x[-1:] in ",;:" or QUOTES.search(x) for x in words[:k]):
            return words[k:]
    return words


FRONTED_MAX = 5  # words of a phrase before the verb


def _adverb(word: str, L: Language) -> bool:
    """"dann", "auch", "jedoch": a word that is never a name, nor a preposition, pronoun
    or determiner."""
    return word in L.not_names and not (word in L.prepositions or word in L.pronouns
                                        or word in L.determiners or word in L.stop_title)


def _title_data(L: Language) -> dict:
    """The language's `title` data, for the keys only the functions below read (English:
    `reduced_relative`, `date_predicate`, `article_heads`, `first_person`, ...; see
    lang/README.md); a language without them keeps its titles as they were."""
    return L.data.get("title", {}) if isinstance(getattr(L, "data", None), dict) else {}


DASH_ASIDE = re.compile(r"\s[–—]\s[^–—\n]{1,60}?\s[–—]\s")


def _dash_asides(sent: str, off: int, a: int, b: int, L: Language) -> str:
    """An apposition between two dashes ("on the closure — a temporary suspension — of
    the council") is no clause boundary: it goes, like an aside in brackets, unless the
    date stands in it (`title.dash_asides`); a clause between dashes stays one."""
    if not _title_data(L).get("dash_asides"):
        return sent
    return sent[:off] + DASH_ASIDE.sub(
        lambda m: " " * len(m.group()) if not (off + m.start() < b and off + m.end() > a)
        and _apposition(m.group().strip(" –—"), L) else m.group(), sent[off:])


def _date_predicate(bw, L: Language):
    """"the Brexit deadline is (October 31)": a copula whose complement was the date says
    the subject is due ("Brexit deadline is due", `title.date_predicate`); the words as
    they were otherwise."""
    due = _title_data(L).get("date_predicate", "")
    if not due or len(bw) < 2 or bw[-1].lower() not in L.title_end:
        return None
    rest = _strip_words(list(bw[:-1]), L.stop_title, front=False)
    if not rest or any(w.lower() in L.finite_verbs for w in rest) or rest[-1][-1:] in ",;:":
        return None
    return rest + [bw[-1], due]


def _article_head(words, sent: str, L: Language):
    """"A fourth is due out", "The latter will ...": an article before a word that is the
    whole noun phrase (an ordinal, "latter", "other": `title.article_heads`) stays, when a
    verb or nothing follows that word."""
    heads = _title_set(L, "article_heads")
    if not heads or not words or words[0].lower().strip(",") not in heads:
        return words
    if len(words) > 1 and not _has_verb(words[1:2], L) and words[0][-1:] != ",":
        return words
    m = re.search(r"(?i)\b(\w+)\s+" + re.escape(words[0].rstrip(",")) + r"\b", sent)
    if m is None or m[1].lower() not in L.articles:
        return words
    return [m[1].lower()] + words


def _reduced_relative(sent: str, lo: int, a: int, b: int, L: Language):
    """"the online Green National Convention, scheduled for July 11", "the debate
    scheduled for November 20 in Georgia", "an impeachment trial, anticipated to begin in
    January": the date hangs on a participle after a noun (`title.reduced_relative`), not
    after an auxiliary; the title is that noun phrase and the participle ("Online Green
    National Convention scheduled", "Impeachment trial anticipated to begin"). None when
    the date has no such participle."""
    participles = _title_set(L, "reduced_relative")
    if not participles:
        return None
    before = sent[lo:a].split()
    gap = _strip_words(list(before), L.stop_title, front=False)
    gap = _strip_particles(gap, L)
    at = next((len(gap) - n for n in range(1, min(len(gap), PARTICIPLE_REACH) + 1)
               if gap[-n].lower().strip(",—–") in participles), None)
    if at is None or at < 1 or any(w[-1:] in ",;:" or QUOTES.search(w)
                                   or w.lower() in L.finite_verbs for w in gap[at + 1:]):
        return None
    prev = gap[at - 1]
    low = prev.lower().strip(",—–")
    if prev[:1].islower() and (low in L.stopwords or low in L.not_names or low.endswith("ly")
                               or _has_verb([prev], L) or low in L.title_end
                               or low in L.negation):
        return None  # "is scheduled", "was already scheduled": a passive with its auxiliary
    head = list(gap[:at])
    while head and head[-1] in ("—", "–"):
        head.pop()  # "the telescope — scheduled for launch in 2031 —"
    noun = _noun_phrase_before(head, L)
    if not noun:
        return None
    after = CLAUSE_SEP.split(sent[b:], 1)[0].split()
    verb = next((n for n, w in enumerate(after) if _has_verb([w], L) or w[:1].islower()
                 and L.past_suffix and w.lower().endswith(L.past_suffix)), len(after))
    after = after[:verb] if after and after[0].lower() in L.prepositions | L.stop_title \
        else []  # "scheduled for May 2 in Leeds"; not "in April (either delayed ...)"
    after = _strip_words(after, L.stop_title, front=True) if after and after[0].lower() in (
        "at", "to") else after
    return noun + [w.strip(",—–") for w in gap[at:]] + after


PARTICIPLE_REACH = 4  # words between a participle and its date ("scheduled to be deployed")
NP_REACH = 8  # words of a noun phrase before its participle


def _noun_phrase_before(words, L: Language):
    """The noun phrase that ends the words: back to its nearest article, possessive or
    word in "'s", across a preposition only when an article stands a few words before it
    ("a deposition request for Volker"); not across a verb or a clause boundary."""
    if not words or words[-1][-1:] in ";:" or words[-1].strip(",—–") == "":
        return None
    words = list(words)
    words[-1] = words[-1].rstrip(",—–")
    start = None
    k = len(words) - 1
    while k >= 0 and len(words) - k <= NP_REACH:
        w = words[k]
        low = w.lower().strip(",—–")
        if k < len(words) - 1 and (w[-1:] in ",;:—–(" or QUOTES.search(w)
                                   or w in ("—", "–")):
            break
        if low in L.articles or low in L.possessives:
            start = k + (1 if low in L.articles else 0)
            break
        if low.endswith(("'s", "’s")) and w[:1].isupper():
            start = k
            k -= 1
            continue
        if _has_verb([w], L) or low in L.relative_pronouns or low in L.coordinating:
            break
        if w[:1].islower() and L.past_suffix and low.endswith(L.past_suffix) and not any(
                x.lower() in L.articles | L.possessives or x.endswith(("'s", "’s"))
                for x in words[max(0, k - ADJECTIVES):k]):
            break  # "approved plans"; not "the first crewed flight"
        if low in L.stop_title or low in L.prepositions:
            art = next((j for j in range(k - 1, max(-1, k - 4), -1)
                        if words[j].lower() in L.articles or _has_verb([words[j]], L)
                        or words[j][-1:] in ",;:"), None)
            if art is None or words[art].lower() not in L.articles:
                break
            k -= 1
            continue
        start = k
        k -= 1
    if start is None or start >= len(words):
        return None
    if start > 1 and words[start - 1].lower() in L.articles \
            and words[start - 2].lower() in L.title_reorder:
        return None  # "when the next flight occurs, which": a clause, not a noun phrase
    np_ = [w for w in words[start:] if w not in ("—", "–")]
    if not np_ or all(w[:1].islower() and w.lower() in L.stopwords for w in np_):
        return None
    return np_


def _first_person(words, L: Language, actor: str):
    """"I will be governor", "We hope to ...": a first-person subject takes the name the
    actor finder gave its speaker, with the verb in the third person ("Pierluisi will be
    governor", "Tseng hopes to ..."); "my", "our" become "the" (`title.first_person`,
    `third_person`, `first_person_possessives`).  Only for a name that looks like a
    person's or organisation's: capitalised words without digits."""
    td = _title_data(L)
    first = {k.lower(): v for k, v in td.get("first_person", {}).items()}
    if not first or not words or not actor or any(ch.isdigit() for ch in actor) \
            or not actor[:1].isupper() or actor.lower() in L.pronouns | L.generic:
        return words
    low = words[0].lower().replace("’", "'")
    if low not in first:
        return words
    third = td.get("third_person", {})
    out = actor.split()
    if first[low]:
        out.append(third.get(first[low], first[low]))  # "I'm": "is"
        rest = words[1:]
    else:
        rest = list(words[1:])
        k = 0
        while k < len(rest) - 1 and (rest[k].lower() in td.get("adverbs", [])
                                     or rest[k][:1].islower() and rest[k].lower().endswith("ly")):
            k += 1  # "we also plan", "I really hope"
        if k < len(rest):
            rest[k] = _third_singular(rest[k], L, third)
    possessives = td.get("first_person_possessives", {})
    rest = [possessives.get(w.lower(), w) for w in rest]
    return out + rest


def _third_singular(verb: str, L: Language, third: dict) -> str:
    """"am": "is", "have": "has" (`title.third_person`); "plan": "plans", "hope":
    "hopes"; a modal or past form stays ("will", "did", "planned")."""
    low = verb.lower()
    if low in third:
        return third[low]
    if low + "s" in L.finite_verbs or low + "s" in L.speech_verbs:
        return verb + "s"
    if low in L.finite_verbs or not low.isalpha() or not verb[:1].islower() \
            or L.past_suffix and low.endswith(L.past_suffix) or low in L.stopwords:
        return verb
    return verb + ("es" if low.endswith(("s", "sh", "ch", "x", "z", "o")) else "s")


def _own_conjunct(sent: str, lo: int, hi: int, a: int, b: int, L: Language):
    """Two clauses joined by "and" or "but", each with its own subject and verb ("the
    festival runs through May 8 and the film opens on May 9"): the date's clause alone,
    (start, end) within sent[lo:hi]; None when the clause is one (`title.own_conjuncts`:
    the joining words)."""
    joins = _title_data(L).get("own_conjuncts", [])
    if not joins or hi - lo > CONJUNCT_CHARS:
        return None
    for m in re.finditer(r"\s(" + "|".join(map(re.escape, joins)) + r")\s", sent[lo:hi]):
        at, end = lo + m.start(), lo + m.end()
        if at < b and end > a or sent[at - 1:at] == ",":
            continue
        first, second = sent[lo:at].split(), sent[end:hi].split()
        if not _clause_with_subject(second, L) or not _some_verb(first, L):
            continue
        if end <= a and second[0].lower() in _title_data(L).get("first_person", {}):
            return None  # "... and we anticipate ...": the clause before says who
        return (end, hi) if end <= a else (lo, at)
    return None


def _possessive_subject(words, first: str, L: Language):
    """A conjunct titled alone that opens with "its", "their" ("... and its new jet is
    scheduled to fly") says whose with the subject of the clause before, when that is a
    short noun phrase before its verb ("Airline's new jet is scheduled to fly")."""
    if not words or words[0].lower() not in _title_set(L, "possessive_subjects"):
        return words
    before = first.split()
    verb = next((k for k, w in enumerate(before) if k and _has_verb([w], L)), None)
    if verb is None or verb > NOUN_RUN + 1 or any(w[-1:] in ",;:" for w in before[:verb]):
        return words
    subject = _strip_words(before[:verb], L.articles, front=True)
    if not subject or not subject[-1][:1].isalpha() or subject[-1].lower() in L.stopwords:
        return words
    return subject[:-1] + [subject[-1] + ("'" if subject[-1].endswith("s") else "'s")] \
        + words[1:]


def _clause_with_subject(words, L: Language) -> bool:
    """Words that open with a subject (an article, possessive, pronoun or name) and hold a
    finite verb a few words later, before any comma ("a preliminary report would ...")."""
    if len(words) < 2:
        return False
    low = words[0].lower()
    if not (low in L.articles or low in L.possessives or low in L.pronouns
            or words[0][:1].isupper() and low not in L.stopwords and low not in L.not_names):
        return False
    for w in words[1:CONJUNCT_SUBJECT + 1]:
        if _has_verb([w], L):
            return True
        if w[-1:] in ",;:" or w.lower() in L.relative_pronouns:
            return False
    return False


def _some_verb(words, L: Language) -> bool:
    """A finite verb, also one not listed: a lower-case word in "-s" or the past's ending
    right after a name or number ("the festival runs")."""
    return _has_verb(words, L) or any(
        w[:1].islower() and w.isalpha() and w.lower() not in L.stopwords
        and (w.endswith("s") or L.past_suffix and w.endswith(L.past_suffix))
        and (p[:1].isupper() or p[:1].isdigit() or p.lower() not in L.stopwords)
        for p, w in zip(words, words[1:]))


CONJUNCT_SUBJECT = 5  # words of a conjunct's subject before its verb
CONJUNCT_CHARS = 600  # a longer clause is no sentence's: not split


def _phrase_cut(out: str, L: Language, limit: int) -> str:
    """A title over the limit ends before the last phrase that fits ("... to produce a
    recovery plan (for consideration by the ...)"), not inside a word group with "…":
    before a word of `title.cut_at`, when what stays holds a finite verb and something
    after it and does not end with a function word."""
    cut_at = _title_set(L, "cut_at")
    if len(out) <= limit or not cut_at:
        return out
    words, n = [], 0
    for w in out.split():  # only the words that may stand in a prefix that fits
        if n > limit:
            break
        words.append(w)
        n += len(w) + 1
    # a relative clause goes whole ("... by the shutoffs (which were expected to ...)")
    for openers in (cut_at & L.relative_pronouns, cut_at):
        for i in range(len(words) - 1, 1, -1):
            prefix = " ".join(words[:i]).rstrip(" ,;:")
            last = words[i - 1].lower().strip(",;:")
            if len(prefix) >= limit or words[i].lower() not in openers:
                continue
            if len(prefix) < TITLE_MIN or last in L.stopwords | L.prepositions | L.stop_title \
                    or last in L.articles or last in L.coordinating or QUOTES.search(prefix[:1]):
                continue
            verb = next((k for k, w in enumerate(words[1:i], 1) if _has_verb([w], L)), None)
            if verb is not None and verb < i - 1 or verb is None and _some_verb(words[:i - 1], L):
                return prefix
    return out


def _after_adverbs(words, L: Language):
    """The words after the adverbs that open them ("also announced ...": a verb that
    lost its subject all the same; `title.adverbs`)."""
    adverbs = _title_set(L, "adverbs")
    k = 0
    while k < len(words) - 1 and words[k].lower() in adverbs:
        k += 1
    return words[k:]


def _reported_after_date(sent: str, clauses, k: int, text_: str, b: int, L: Language):
    """"X announced that from June 15, wearing a helmet would become compulsory": the date
    closes a clause that ends with its complementiser (`title.complementisers`); what is
    due is the clause after it, (start, end) when it holds a verb; else None."""
    words = text_.split()
    if not words or words[-1].lower().strip(",") not in _title_set(L, "complementisers") \
            or k + 1 >= len(clauses) or sent[b:clauses[k][1]].strip(" ,"):
        return None
    nxt = sent[slice(*clauses[k + 1])].split()
    if len(nxt) < 2 or not _has_verb(nxt, L) or nxt[0].lower() in L.coordinating:
        return None
    return clauses[k + 1]


def _framed_relative(sent: str, clause, a: int, b: int, L: Language):
    """"the glider's first crewed flight, which the agency said might take place this
    summer": a relative clause whose verb is a report of speech before the verb that holds
    the date; the title is the noun it tells of and that verb ("Glider's first crewed
    flight might take place"); None otherwise."""
    if not _title_data(L).get("framed_relatives"):
        return None
    lo, hi = clause
    words = sent[lo:a].split()
    if len(words) < 3 or words[0].lower() not in L.relative_pronouns or not a < hi:
        return None
    said = next((n for n in range(2, min(len(words), FRAME_MAX + 2))
                 if words[n].lower() in L.speech_verbs), None)
    if said is None or said + 1 >= len(words) or not _has_verb([words[said + 1]], L):
        return None
    noun = _noun_phrase_before(sent[:lo].split(), L)
    if not noun:
        return None
    rest = _strip_particles(_strip_words(words[said + 1:], L.stop_title, front=False), L)
    return noun + rest + sent[b:hi].split()


FRAME_MAX = 6  # words of who said it, in a relative clause ("which NASA's chief has said")


def _chained(sent: str, off: int, a: int, L: Language):
    """"X on May 2, followed by the final on May 9": the date after a chaining participle
    (`title.chained`: "followed by") is the noun's after it, which follows ("Final
    follows"); None otherwise."""
    chained = _title_data(L).get("chained", {})
    clause = CLAUSE_SEP.split(sent[off:a])[-1].split()
    low = [w.lower() for w in clause]
    for phrase, verb in chained.items():
        n = len(phrase.split())
        if low[:n] == phrase.split() and len(clause) > n:
            rest = _strip_words(clause[n:], L.stop_title, front=False)
            rest = _strip_words(rest, L.articles, front=True)
            if rest and not any(w.lower() in L.finite_verbs for w in rest):
                return rest + [verb]
    return None


def _relative_asides(sent: str, off: int, a: int, b: int, L: Language) -> str:
    """A relative clause between commas that interrupts its noun and the noun's verb
    ("X reported Ana Ruiz, who lives in Oslo, will open ...") is no clause boundary: it
    goes, when the date stands outside it and a finite verb follows it
    (`title.relative_asides`)."""
    if not _title_data(L).get("relative_asides") or not L.relative_pronouns:
        return sent
    pattern = re.compile(r",\s(?:" + "|".join(map(re.escape, sorted(L.relative_pronouns)))
                         + r")\s(?:[^,;:()\n]|(?<=\d),(?=\d)){1,80},\s(?=(\w+))")  # "0,1 Prozent"

    def blank(m):
        inside = off + m.start() < b and off + m.end() > a
        # where a subordinate clause ends with its verb, the aside does ("für Produkte, die
        # ... enthalten, Ausfuhrgenehmigungen erforderlich sind"); elsewhere the noun's verb
        # follows it
        words = m.group().strip(" ,").split()
        # ... inside a subordinate clause ("wonach ...") or a subject with no verb yet, not
        # after a main clause; a capital after the pronoun makes it an article ("die Post,
        # der Zoll sowie ...")
        before = sent[:off + m.start()].rsplit(",", 1)[-1].split()
        closed = L.verb_second and len(words) > 2 and words[-1][:1].islower() \
            and not words[1][:1].isupper() and bool(before) and (
                before[0].lower() in L.title_reorder or not _has_verb(before, L))
        return m.group() if inside or not (closed or m[1].lower() in L.finite_verbs) \
            else " " * len(m.group())
    return sent[:off] + pattern.sub(blank, sent[off:])

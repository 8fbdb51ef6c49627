"""Per-language knowledge, loaded from the data files in ``lang/`` and compiled once.

Everything a language contributes (month and weekday names, number words, cue words,
attribution words, abbreviations, the date templates themselves) lives in
``lang/<code>.json``.  This module only turns those files into regular expressions:

* word lists become trie-shaped alternations (no nested quantifiers, so nothing can
  backtrack catastrophically);
* each template's placeholders ({MONTH}, {DAY}, {YEAR}, {NUM}, {UNIT}, ...) become named
  groups; a literal space in a template means "one or more whitespace characters".

Adding a language means adding a data file; no code here names a language.
"""
from __future__ import annotations

import json
import os
import re
from functools import lru_cache

LANG_DIR = os.path.join(os.path.dirname(os.path.abspath(__file__)), "lang")


# How a language writes a day unless its data says otherwise; {Month} is capitalised.
WRITTEN = {"day": "{day} {month}", "day_year": "{day} {month} {year}", "month": "{month} {year}"}


def available_languages() -> list[str]:
    return list(_listed(LANG_DIR))


@lru_cache(maxsize=4)
def _listed(folder: str) -> tuple:
    """The language files of a folder, listed once: extract() asks for them several times
    per text (a listdir each time was 2% of its time); load() keeps what it read too."""
    try:
        names = os.listdir(folder)
    except OSError:
        return ()
    return tuple(sorted(n[:-5] for n in names if n.endswith(".json") and not n.startswith("_")))


# --------------------------------------------------------------------------- regex helpers

def _trie_regex(words: list[str]) -> str:
    """A non-backtracking-friendly alternation for a set of (lower-case) words/phrases."""
    trie: dict = {}
    for w in words:
        node = trie
        for ch in w:
            node = node.setdefault(ch, {})
        node[""] = True

    def emit(node) -> str:
        end = "" in node
        branches = []
        for ch in sorted(k for k in node if k):
            if ch == " ":
                piece = r"\s+"
            else:
                piece = re.escape(ch)
            branches.append(piece + emit(node[ch]))
        if not branches:
            return ""
        if len(branches) == 1 and not end:
            return branches[0]
        body = "(?:" + "|".join(branches) + ")"
        return body + "?" if end else body

    return emit(trie)


def _word_alternation(words, case_sensitive=(), dotted=()) -> str:
    """Alternation of whole words; abbreviations in `dotted` take an optional dot;
    words in `case_sensitive` match only as written (e.g. English "May")."""
    cs = {w.lower() for w in case_sensitive}
    dotted = {w.lower() for w in dotted}
    free, strict, abbrev = [], [], []
    for w in words:
        lw = w.lower()
        if lw in cs:
            strict.append(lw)
        elif lw in dotted:
            abbrev.append(lw)
        else:
            free.append(lw)
    parts = []
    # longest forms first is handled by the trie; word boundary after word characters
    if free:
        parts.append(_trie_regex(free) + r"(?!\w)")
    if abbrev:
        parts.append(_trie_regex(abbrev) + r"(?:\.|(?!\w))")
    for w in strict:
        forms = {c for c in case_sensitive if c.lower() == w} | {w.upper()}
        alt = "|".join(re.escape(f) for f in sorted(forms))
        if w in dotted:
            parts.append(f"(?-i:{alt})" + r"(?:\.|(?!\w))")
        else:
            parts.append(f"(?-i:{alt})" + r"(?!\w)")
    if not parts:
        return r"(?!x)x"
    return "(?:" + "|".join(parts) + ")"


def _phrase_alternation(words) -> str:
    """Like _word_alternation but keys may end in a non-word char (e.g. 'mid-')."""
    words = [w.lower() for w in words]
    tail_word = [w for w in words if w and w[-1].isalnum()]
    tail_other = [w for w in words if w and not w[-1].isalnum()]
    parts = []
    if tail_word:
        parts.append(_trie_regex(tail_word) + r"(?!\w)")
    if tail_other:
        parts.append(_trie_regex(tail_other))
    return "(?:" + "|".join(parts) + ")" if parts else r"(?!x)x"


DAY_RE = r"(?<!\d)(?:3[01]|[12][0-9]|0?[1-9])(?![\d])"
MONTHNUM_RE = r"(?:1[0-2]|0?[1-9])(?!\d)"
YEAR_RE = r"(?<![\d.,])(?:1[0-9]{3}|20[0-9]{2})(?!\d|[.,]\d|\s?%)"
YY_RE = r"(?<!\d)[0-9]{2}(?!\d)"
QNUM_RE = r"[1-4](?!\d)"

GROUP_ALIAS = {"MONTHFULL": "month", "MONTHSTEM": "month", "NYEAR": "year"}
PLACEHOLDER = re.compile(r"\{([A-Z]+)(\d?)\}")


def _space(template: str) -> str:
    """Turn literal spaces outside character classes into \\s+."""
    out, in_class, i = [], False, 0
    while i < len(template):
        ch = template[i]
        if ch == "\\" and i + 1 < len(template):
            out.append(template[i:i + 2])
            i += 2
            continue
        if ch == "[" and not in_class:
            in_class = True
        elif ch == "]" and in_class:
            in_class = False
        if ch == " " and not in_class:
            while i + 1 < len(template) and template[i + 1] == " ":
                i += 1
            if i + 1 < len(template) and template[i + 1] == "?":
                out.append(r"\s*")  # " ?": optional whitespace
                i += 1
            else:
                out.append(r"\s+")
        else:
            out.append(ch)
        i += 1
    return "".join(out)


class Language:
    """Compiled knowledge for one language."""

    def __init__(self, data: dict):
        self.data = data
        self.code = data["code"]
        self.months = {k.lower(): v for k, v in data["months"].items()}
        self.weekdays = {k.lower(): v for k, v in data["weekdays"].items()}
        # a weekday written together with a part of the day ("Samstagabend", "Montagmorgen")
        for part in data.get("weekday_parts", []):
            for k, v in list(data["weekdays"].items()):
                self.weekdays.setdefault(k.lower() + part.lower(), v)
        self.numbers = {k.lower(): v for k, v in data["numbers"].items()}
        self.ordinals = {k.lower(): v for k, v in data["ordinals"].items()}
        self.units = {k.lower(): v for k, v in data["units"].items()}
        self.relative = {k.lower(): v for k, v in data["relative"].items()}
        self.seasons = {k.lower(): v for k, v in data["seasons"].items()}
        self.parts = {k.lower(): v for k, v in data["parts"].items()}
        self.relday = {k.lower(): v for k, v in data["relday"].items()}
        self.refs = {k.lower(): v for k, v in data.get("refs", {}).items()}
        self.holidays = {k.lower(): v for k, v in data.get("holidays", {}).items()}
        # countries as the language writes them: a name wherever it stands ("France"
        # opens a sentence as a name though it ends like "performance")
        self.country_names = set(w.lower() for w in data.get("country_names", []))
        # days of the month written as ordinal words ("am ersten Oktober")
        self.day_ordinals = {k.lower(): v for k, v in data.get("day_ordinals", {}).items()}
        self.numeric_order = data.get("numeric_order", "dmy")
        cues = data.get("cues", {})
        # present tenses of events ("beginnt am Montag", "the trial begins on Monday"):
        # future cues, and they say a schedule when they govern a date (commitments.py)
        self.scheduled = set(w.lower().split()[0] for w in cues.get("scheduled", []))
        self.cue_future = _phrases(cues.get("future", []) + cues.get("scheduled", []))
        # modals that let a thing be done ("kann am Samstag abreisen"): future cues that, when
        # they govern a weekday, make it ahead as a schedule does (commitments.py)
        self.enabling = set(w.lower() for w in cues.get("enabling", []))
        self.cue_strong = _phrases(cues.get("strong", []))
        self.cue_past = _phrases(cues.get("past", []))
        self.cue_weak_past = set(w.lower() for w in cues.get("weak_past", []))
        # "bereits Ende des Jahres will man", "already in January": as early as, no past
        self.as_early_as = set(w.lower() for w in cues.get("as_early_as", []))
        # "on Thanksgiving": the preposition of a named day, a holiday's date in a clause
        # that speaks of the future
        self.day_preps = set(w.lower() for w in cues.get("day_preps", []))
        # "announced the plan Aug. 21": the object of a reporting verb before its day
        self.definite_determiners = set(w.lower() for w in cues.get("definite_determiners", []))
        # ", who were invited in July 1997, will join on March 12": a year in a relative
        # clause opened by one of these dates that clause only
        self.year_clause_openers = set(w.lower() for w in cues.get("year_clause_openers", []))
        self.topic_year_preps = set(w.lower() for w in cues.get("topic_year_preps", []))
        planned = cues.get("planned_for", {})
        self.planned_for = (set(planned.get("preps", [])), set(planned.get("verbs", [])))
        self.deadline_preps = _phrases(cues.get("deadline_preps", []))
        # words a deadline preposition may follow as part of a time phrase, not a deadline:
        # "in der Nacht zum Sonntag"
        self.deadline_prep_not_after = set(cues.get("deadline_prep_not_after", []))
        self.past_preps = _phrases(cues.get("past_preps", []))
        self.clause_breaks = set(w.lower() for w in cues.get("clause_breaks", []))
        self.deadline_phrases = [p for ps in self.deadline_preps[1].values() for p in ps]
        # one lookup table for the sentence scan: word -> FUT | STRONG | PAST bits
        table: dict[str, int] = {}
        phrases: dict[str, list] = {}
        for cues_, bit in ((self.cue_future, 1), (self.cue_strong, 2), (self.cue_past, 4)):
            for w in cues_[0]:
                table[w] = table.get(w, 0) | bit
            for first, lst in cues_[1].items():
                for ph in lst:
                    phrases.setdefault(first, []).append([ph, 0])
        for first, lst in phrases.items():
            for item in lst:
                ph = item[0]
                bits = 0
                for cues_, bit in ((self.cue_future, 1), (self.cue_strong, 2), (self.cue_past, 4)):
                    if ph in cues_[1].get(first, []):
                        bits |= bit
                item[1] = bits
        # a strong cue only counts where it is also a future cue
        self.cue_table = {w: (b & ~2 if not b & 1 else b) for w, b in table.items()}
        self.cue_phrases = {f: [(ph, (b & ~2 if not b & 1 else b)) for ph, b in lst]
                            for f, lst in phrases.items()}
        # nouns of events written together with what they are about ("Landtagswahl",
        # "Islamgipfel", "Bundesversammlung"): a future cue at the end of a compound
        # ... and of deadlines ("Widerspruchsfrist", "Gerichtstermin"): a strong one
        self.deadline_endings = tuple(w.lower() for w in cues.get("deadline_endings", []))
        self.event_endings = tuple(w.lower() for w in cues.get("event_endings", [])) \
            + self.deadline_endings
        self.suspension = set(w.lower() for w in cues.get("suspension", []))
        # words between two days of one event: a range ("bis zum") or a list ("und")
        self.range_joiners = set(" ".join(w.lower().split()) for w in cues.get("range_joiners", []))
        self.list_joiners = set(" ".join(w.lower().split()) for w in cues.get("list_joiners", []))
        # "end of Q1 or beginning of Q2", "Mai oder Juni": one event, one of two windows
        self.alternative_joiners = set(w.lower() for w in cues.get("alternative_joiners", []))
        # what a clause says about its date (see lang/README.md, "Cues"): a state that
        # lasts until it, a plan replaced or called off, a date moved to, a forecast
        self.stative = _phrases(cues.get("stative", []))
        self.superseded = _phrases(cues.get("superseded", []))
        self.cancelled = _phrases(cues.get("cancelled", []))
        self.reschedule = _phrases(cues.get("reschedule", []))
        self.reschedule_preps = _phrases(cues.get("reschedule_preps", []))
        self.reschedule_from = set(w.lower() for w in cues.get("reschedule_from", []))
        # "die Proteste vom Sonntag", "der Beschluss vom 3. Mai": a noun named by its day
        self.label_preps = set(w.lower() for w in cues.get("label_preps", []))
        self.label_until = set(w.lower() for w in cues.get("label_until", []))
        self.forecast = _phrases(cues.get("forecast", []))
        self.statistic = tuple(w.lower() for w in cues.get("statistic", []))
        self.cause_preps = _phrases(cues.get("cause_preps", []))
        self.measure = _phrases(cues.get("measure", []))
        self.quantity_units = _phrases(cues.get("quantity_units", []))
        self.expectation = _phrases(cues.get("expectation", []))
        # "the weather service predicted", "Experten erwarten": what is foreseen, no plan
        self.prediction = _phrases(cues.get("prediction", []))
        self.forecasters = tuple(w.lower() for w in cues.get("forecasters", []))
        self.opinion = _phrases(cues.get("opinion", []))
        self.not_verbs = set(w.lower() for w in cues.get("not_verbs", []))
        self.sets_date = set(w.lower() for w in cues.get("sets_date", []))
        self.passive_aux = set(w.lower() for w in cues.get("passive_aux", []))
        self.event_nouns = set(w.lower() for w in cues.get("event_nouns", []))
        # "Tuesday's vote" lies ahead as its weekday says; "Wednesday's ruling" was made
        self.scheduled_nouns = set(w.lower() for w in cues.get("scheduled_nouns", []))
        self.ahead_preps = tuple(" ".join(w.lower().split()) for w in cues.get("ahead_preps", []))
        self.copula_past = set(w.lower() for w in cues.get("copula_past", []))
        self.relative_pronouns = set(w.lower() for w in cues.get("relative_pronouns", []))
        self.anchor_preps = set(w.lower() for w in cues.get("anchor_preps", []))
        self.start_cues = _phrases(cues.get("start", []))
        self.instruments = tuple(w.lower() for w in cues.get("instruments", []))
        self.maturity = set(w.lower() for w in cues.get("maturity", []))
        self.infinitive = set(w.lower() for w in cues.get("infinitive", []))
        # "due to the storm": a cause, not a plan ("due to expire")
        self.causal = _phrases(cues.get("causal", []))[1]
        # "was to meet Monday", "was due to retire in two months": a plan as it stood
        self.past_plan = _phrases(cues.get("past_plan", []))
        self.chain = _phrases(cues.get("chain", []))
        self.recurring_before = set(w.lower() for w in cues.get("recurring_before", []))
        self.recurring_after = set(w.lower() for w in cues.get("recurring_after", []))
        ps = data.get("past_suffix", [])
        self.past_suffix = tuple([ps] if isinstance(ps, str) else ps)
        self.abbreviations = set(a.lower().rstrip(".") for a in data.get("abbreviations", []))
        self.stopwords = set(w.lower() for w in data.get("stopwords", []))
        # abbreviations that may end a sentence (when the next word opens one: "Ltd. The")
        # and times after which a capitalised word starts the next ("6 a.m. Thailand")
        self.final_abbreviations = set(a.lower().rstrip(".")
                                       for a in data.get("sentence_final_abbreviations", []))
        self.ordinal_after = set(w.lower() for w in data.get("ordinal_after", []))
        self.time_abbreviations = set(a.lower().rstrip(".")
                                      for a in data.get("time_abbreviations", []))
        # the actor finder's words ("attribution" in the data file), all optional:
        # before/verbs/speech (attributions), not_names, place_preps, prepositions,
        # name_joiners, pronouns, possessives, articles, indefinite_articles, determiners,
        # relative_openers, coordinating, finite_verbs
        # (to find the subject), organisations / organisation_suffixes, agent_suffixes
        # ("protesters"), noun_suffixes and verb_endings (words that are not names),
        # openers (adverbials before an English subject)
        att = data.get("attribution", {})
        # the longest first: "laut Angaben von X" is X's, not "Angaben"
        self.attr_before = sorted((w.lower() for w in att.get("before", [])),
                                  key=lambda w: len(w.split()), reverse=True)
        self.attr_words = {w for a in self.attr_before for w in a.split()}
        self.not_names = set(w.lower() for w in att.get("not_names", []))
        self.name_openers = set(w.lower() for w in att.get("name_openers", []))
        self.attr_verbs = set(w.lower() for w in att.get("verbs", []))
        self.verb_second = bool(data.get("verb_second", False))
        self.capitalised_nouns = bool(data.get("capitalised_nouns", False))
        self.place_preps = set(w.lower() for w in att.get("place_preps", []))
        self.prepositions = self.place_preps | set(w.lower() for w in att.get("prepositions", []))
        self.name_joiners = set(w.lower() for w in att.get("name_joiners", []))
        self.speech_verbs = set(w.lower() for w in att.get("speech", []))
        # words that open what a speech verb reports ("that", "dass")
        self.complementisers = set(w.lower() for w in att.get("complementisers", []))
        # "gave Merieux until mid-November to submit", "forderte die Regierung auf, bis
        # ...": whom a date is set for acts by it
        self.obliges = set(w.lower() for w in att.get("obliges", []))
        # "laut Medienberichten", "according to reports": where it was read, nobody
        self.sources = tuple(w.lower() for w in att.get("sources", []))
        self.pronouns = set(w.lower() for w in att.get("pronouns", []))
        # pronouns that may be objects as well as subjects ("das es Privatleuten ermöglicht")
        self.object_pronouns = set(w.lower() for w in att.get("object_pronouns", []))
        # pronouns that stand for a person only ("he", "she"): never an organisation
        self.person_pronouns = set(w.lower() for w in att.get("person_pronouns", []))
        # the articles of the nouns a pronoun may stand for ("er": "der", not "die UNIDO")
        self.pronoun_articles = {p.lower(): set(a) for p, a in att.get("pronoun_articles", {}).items()}
        # "das chinesische Handelsministerium": adjectives that say whose a body is, and
        # the ending each article gives an adjective standing alone ("Chinesisches ...")
        self.identifying_adjectives = tuple(w.lower() for w in att.get("identifying_adjectives", []))
        self.adjective_endings = {a.lower(): e for a, e in att.get("adjective_endings", {}).items()}
        # endings of nouns for people ("Physiker", "Gründerin"): such a word before a
        # name is its apposition, not part of it ("Der Physiker Sebastian Pflugbeil")
        self.person_noun_endings = tuple(w.lower() for w in att.get("person_noun_endings", []))
        # a trial, hearing or judgement ("Prozess", "Hauptverhandlung") is held by the court
        # the article names ("Landgericht München II": `courts`, the endings of its name)
        self.court_events = tuple(w.lower() for w in att.get("court_events", []))
        # endings a role takes in another case ("des Sprechers", "den Präsidenten")
        self.role_endings = tuple(w.lower() for w in att.get("role_endings", []))
        self.genitive_endings = tuple(w.lower() for w in att.get("genitive_endings", []))
        self.courts = tuple(w.lower() for w in att.get("courts", []))
        self.possessives = set(w.lower() for w in att.get("possessives", []))
        self.org_words = set(w.lower() for w in att.get("organisations", []))
        self.org_suffixes = tuple(w.lower() for w in att.get("organisation_suffixes", []))
        self.openers = set(w.lower() for w in att.get("openers", []))
        self.finite_verbs = set(w.lower() for w in att.get("finite_verbs", []))
        self.noun_suffixes = tuple(w.lower() for w in att.get("noun_suffixes", []))
        self.agent_suffixes = tuple(w.lower() for w in att.get("agent_suffixes", []))
        self.verb_endings = tuple(w.lower() for w in att.get("verb_endings", []))
        self.determiners = set(w.lower() for w in att.get("determiners", []))
        self.articles = set(w.lower() for w in att.get("articles", []))
        # "a committee" is someone new, never one named before
        self.indefinite_articles = set(w.lower() for w in att.get("indefinite_articles", []))
        # clause openers whose subject is outside the clause ("which", "wonach")
        self.relative_openers = set(w.lower() for w in att.get("relative_openers", []))
        self.coordinating = set(w.lower() for w in att.get("coordinating", []))
        # roles before a name ("minister", "Bundestrainer"), spokespeople (who speak for
        # an organisation), nouns of places ("the city": the place the article names),
        # postpositions of attribution ("dem Bericht zufolge")
        self.roles = tuple(sorted({w.lower() for w in att.get("roles", [])}, key=len, reverse=True))
        self.spokesperson = tuple(w.lower() for w in att.get("spokesperson", []))
        self.place_nouns = set(w.lower() for w in att.get("place_nouns", []))
        # nouns that stand for the organisation or place an article named ("the company")
        self.generic = set(w.lower() for w in att.get("generic", []))
        # nouns that, standing alone ("die Polizei", "der Konzern"), mean the one entity the
        # article names with them ("der Autokonzern VW", "die Polizei in München"), and the
        # endings of the place adjectives written before them ("die Münchner Polizei")
        self.referring = tuple(w.lower() for w in att.get("referring_nouns", []))
        self.place_adjective_endings = tuple(w.lower() for w in att.get("place_adjective_endings", []))
        self.relational_prefixes = tuple(w.lower() for w in att.get("relational_prefixes", []))
        self.seat_preps = set(w.lower() for w in att.get("seat_preps", []))
        # finite verbs of the plural (a word and an ending): their subject may be a group
        self.plural_verbs = set(w.lower() for w in att.get("plural_verbs", []))
        self.plural_verb_endings = tuple(w.lower() for w in att.get("plural_verb_endings", []))
        self.postpositions = set(w.lower() for w in att.get("postpositions", []))
        # the agent of a passive ("von SAT.1 ausgestrahlt werden", "published by X")
        # "„...“, so Guttenberg", "Wie ein Sprecher mitteilte", "As the company said"
        self.after_quote = set(w.lower() for w in att.get("after_quote", []))
        self.as_openers = set(w.lower() for w in att.get("as_openers", []))
        # articles that never open a subject ("den", "einem"): a title is not reordered
        self.oblique_articles = set(w.lower() for w in att.get("oblique_articles", []))
        self.genitive_articles = set(w.lower() for w in att.get("genitive_articles", []))
        # a relative pronoun and the genitive articles of the nouns it may stand for
        # ("das": "des"): before any other genitive its noun is the one the genitive follows
        self.relative_agreement = {k.lower(): set(v) for k, v in att.get("relative_agreement", {}).items()}
        self.agent_preps = set(w.lower() for w in att.get("agent_preps", []))
        # "the meeting of the UN General Assembly": the name owns the noun before it
        self.owner_preps = set(w.lower() for w in att.get("owner_preps", []))
        # "gegenüber dem Spiegel sagte er": whom something is said to, not who says it
        self.addressee_preps = set(w.lower() for w in att.get("addressee_preps", []))
        self.passive = set(w.lower() for w in att.get("passive", []))
        self.participle_form = re.compile(att["participle"]) if att.get("participle") else None
        # participles that no infinitive looks like: a passive even away from its auxiliary
        self.participle_far = (re.compile(att["participle_far"]) if att.get("participle_far")
                               else None)
        self.title_strip = set(w.lower() for w in data.get("title_strip", []))
        # titles of infinitive and subordinate clauses ("title" in the data file)
        tt = data.get("title", {})
        self.title_modal = tt.get("modal", "")
        self.title_marker = tt.get("infinitive_marker", "")
        self.infinitive_endings = tuple(w.lower() for w in tt.get("infinitive_endings", []))
        # a reflexive pronoun stays with the verb when the subject moves before it
        # ("muss sich Gillibrand der Wahl stellen": "Gillibrand muss sich ...")
        self.reflexives = set(w.lower() for w in tt.get("reflexives", []))
        # a word that says how many, before a number: it goes with the subject it counts
        # ("sollen rund 2000 Stellen abgebaut werden": "rund 2000 Stellen sollen ...")
        self.approximators = set(w.lower() for w in tt.get("approximators", []))
        self.separable_prefixes = tuple(sorted((p.lower() for p in tt.get("separable_prefixes", [])),
                                               key=len, reverse=True))
        self.title_reorder = set(w.lower() for w in tt.get("reorder_after", []))
        self.purpose = set(w.lower() for w in tt.get("purpose", []))
        self.title_end = set(w.lower() for w in tt.get("drop_at_end", []))
        # words that go with the date before it ("bereits im Jahr 2032", "no later than")
        self.date_particles = sorted(
            (tuple(w.lower().split()) for w in tt.get("date_particles", [])), key=len, reverse=True)
        # a pronoun that stands for no one ("es wird geprüft"): never given the actor's name
        self.impersonal = set(w.lower() for w in tt.get("impersonal", []))
        # words that open a reason or comment a long title leaves out ("due to", "wobei")
        self.title_cut_before = [w.lower() for w in tt.get("cut_before", [])]
        self.stop_title = set(w.lower() for w in data.get("stop_title", []))
        # the preposition of a moved date goes with it ("auf Oktober vertagt")
        self.date_preps_title = self.stop_title | set(
            p.lower() for p in cues.get("reschedule_preps", []) if " " not in p)
        # "kandidieren zu wollen": the modal of an infinitive clause, as its title says it
        self.title_modals = {k.lower(): v for k, v in tt.get("modal_infinitives", {}).items()}
        self.month_words = set(self.months)
        self.not_past = (set(self.ordinals) | set(self.relative) | set(self.numbers)
                         | set(w.lower() for w in data.get("cues", {}).get("not_past", [])))
        self.negation = set(w.lower() for w in cues.get("negation", []))
        # "not reconvene until October 14" happens then; "no later than", "nicht mehr"
        # deny nothing; "if the deal is not signed by March 1" sets a deadline
        self.negation_until = set(w.lower() for w in cues.get("negation_until", []))
        self.negation_exceptions = set(w.lower() for w in cues.get("negation_exceptions", []))
        self.conditional = set(w.lower() for w in cues.get("conditional", []))
        # "could", "möglicherweise": what may happen is offered, never taken as promised
        self.speculative = _phrases(cues.get("speculative", []))
        self.modal_perfect = set(w.lower() for w in cues.get("modal_perfect", []))
        # "getötet worden sein sollen", "gesagt haben soll": a modal after a perfect
        # infinitive reports the past (verb-final clauses)
        self.perfect_infinitive = [tuple(p.lower().split())
                                   for p in cues.get("perfect_infinitive", [])]
        # participles a perfect infinitive is made of beyond the regular ones of
        # `participle` ("erschossen haben", "verholfen haben")
        pp = cues.get("perfect_participle")
        self.perfect_participle = re.compile(pp) if pp else None
        # "had been due", "had planned": a plan of the past, since changed or done
        self.past_perfect = [tuple(p.lower().split()) for p in cues.get("past_perfect", [])]
        # "der Fahrplanwechsel erfolge am 13. Dezember": the present subjunctive of
        # reported speech (only as written in lower case: "die Erfolge" is a noun)
        self.reported_present = set(w.lower() for w in cues.get("reported_present", []))
        # "hatte ... liefern wollen": a modal closing the clause its past auxiliary opened
        ppm = cues.get("past_perfect_modal") or {}
        self.perfect_aux = set(w.lower() for w in ppm.get("aux", []))
        self.perfect_modals = set(w.lower() for w in ppm.get("modals", []))
        self.plural_units = set(w.lower() for w in data.get("plural_units", []))
        # an inflected participle before a noun ("der aufgelösten Kasse"): past, unless its
        # bare form is a future cue ("der geplanten Reform")
        # "the upcoming election on March 27": a noun named as ahead, its date with it
        fa = cues.get("future_attributes") or {}
        self.future_attributes = tuple(w.lower() for w in fa.get("words", []))
        self.attribute_endings = frozenset(fa.get("endings", [""]))
        ap = cues.get("attributive_participle") or {}
        self.participle = re.compile(ap["re"]) if ap.get("re") else None
        self.participle_endings = tuple(ap.get("endings", []))
        self._build()

    def write(self, day, form: str) -> str:
        """A day as an article in this language writes it: `form` is "day" ("3. Dezember"),
        "day_year" or "month" ("Dezember 2026"), templates from the data's `written`."""
        month = next(k for k, v in self.data["months"].items() if v == day.month)
        template = {**WRITTEN, **self.data.get("written", {})}[form]
        return template.format(day=day.day, month=month, Month=month.capitalize(),
                               year=day.year)

    # placeholders -> regex
    def _class_regex(self, name: str) -> str:
        d = self.data
        if name == "MONTH":
            return _word_alternation(self.months, d.get("case_sensitive", []),
                                     d.get("abbreviated_months", []))
        if name == "MONTHFULL":
            abbr = {a.lower() for a in d.get("abbreviated_months", [])}
            return _word_alternation([m for m in self.months if m not in abbr],
                                     d.get("case_sensitive", []))
        if name == "HOLIDAY":
            return _word_alternation(self.holidays)
        if name == "BCYEAR":
            return r"(?<![\d.,])[1-9][0-9]{0,3}(?!\d)"
        if name == "WEEKDAY":
            return _word_alternation(self.weekdays, d.get("case_sensitive", []))
        if name == "DAY":
            return DAY_RE
        if name == "MONTHNUM":
            return MONTHNUM_RE
        if name == "YEAR":
            return YEAR_RE
        if name == "NYEAR":
            return r"(?:1[0-9]{3}|20[0-9]{2})(?!\d)"
        if name == "YY":
            return YY_RE
        if name == "QNUM":
            return QNUM_RE
        if name == "NUM":
            return r"(?:(?<!\d)\d{1,3}(?!\d)|" + _word_alternation(self.numbers) + ")"
        if name == "UNIT":
            return _word_alternation(self.units)
        if name == "REL":
            return _word_alternation(self.relative)
        if name == "SEASON":
            return _trie_regex(list(self.seasons)) + r"(?!\w)"
        if name == "PART":
            return _phrase_alternation(self.parts)
        if name == "QORD":
            return _phrase_alternation(self.ordinals)
        if name == "DAYORD":
            return _word_alternation(self.day_ordinals)
        if name == "MONTHSTEM":  # a month opening a compound: "Septemberhälfte"
            abbr = {a.lower() for a in d.get("abbreviated_months", [])}
            return _trie_regex([m for m in self.months if m not in abbr])
        if name == "RELDAY":
            cs = d.get("case_sensitive_relday", [])
            return _word_alternation(self.relday, cs)
        if name == "REF":
            return _word_alternation(self.refs)
        if name == "H":
            return "H"
        if name == "WEEKNUM":
            return r"(?:5[0-3]|[1-4][0-9]|0?[1-9])(?!\d)"
        raise ValueError(f"unknown placeholder {{{name}}} in {self.code}.json")

    def _build(self):
        self.templates = []
        alts = []
        self._class_cache: dict[str, str] = {}
        for i, t in enumerate(self.data.get("patterns", [])):
            names = sorted({f"{GROUP_ALIAS.get(m.group(1), m.group(1).lower())}{m.group(2)}"
                            for m in PLACEHOLDER.finditer(t["re"])})
            rx = _Lazy(self, i, t["re"])
            self.templates.append((i, t, rx, names))
            alts.append(rx)
        self._alts = alts
        self._combined = None
        self._needs = None
        self._by_first = None
        anchors = set(self.months) | set(self.weekdays) | set(self.units) | set(self.seasons)
        anchors |= set(self.relday) | set(self.refs) | set(self.holidays)
        anchors |= {w.lower() for w in self.data.get("anchor_words", [])}
        anchors = {a.split()[-1] for a in anchors if a.split()}
        # words are matched as prefixes ("Jahresende", "third-quarter"), digits anywhere
        # the start of a word: \b(?=\w) is (?=\w)(?<!\w), one cheap test per position first
        self.trigger = re.compile(r"\b(?=\w)(?:[0-9]|" + _trie_regex(sorted(anchors))
                                  + ")", re.IGNORECASE)
        # words that can come before a trigger inside a template
        mods = set(self.relative) | set(self.parts) | set(self.numbers) | set(self.ordinals)
        mods |= set(self.day_ordinals)
        mods |= set(self.weekdays) | set(self.months) | set(self.refs) | set(self.relday)
        mods |= set(self.holidays)
        for t in self.data.get("patterns", []):
            mods |= {w.lower() for w in re.findall(r"[^\W\d_]{2,}", PLACEHOLDER.sub(" ", t["re"]))}
        self.modifiers = {w for m in mods for w in re.findall(r"[\w']+", m.lower())}

    def template_source(self, i: int, template: str) -> str:
        """The regular expression of template i: placeholders become named groups."""
        cache = self._class_cache

        def repl(m):
            name, suffix = m.group(1), m.group(2)
            if name not in cache:
                cache[name] = self._class_regex(name)
            return f"(?P<t{i}_{GROUP_ALIAS.get(name, name.lower())}{suffix}>{cache[name]})"

        return r"(?<!\w)(?:" + PLACEHOLDER.sub(repl, _space(template)) + ")"

    @property
    def combined(self):
        """All templates as one ordered alternation (compiled on first use: ~25 ms; the
        reference the faster readings of `matcher` are tested against)."""
        if self._combined is None and self._alts:
            self._combined = re.compile(
                "(?:" + "|".join(f"(?P<t{rx.index}>{rx.source})" for rx in self._alts) + ")",
                re.IGNORECASE)
        return self._combined

    def matcher(self, text: str):
        """A function pos -> (match, template index) or None: the first template (in data
        order) that matches at pos.  A long text tries the templates that can begin with
        the character at pos (see by_first_character); a short text (typed input) tries
        only the templates whose required words and tables occur in it, each compiled on
        its own, so a first call does not pay for compiling them all.  Once the combined
        pattern is compiled (tests compare the readings with it), it is used."""
        if not self._alts:
            return lambda pos: None
        if self._combined is not None:
            combined = self._combined

            def match(pos):
                m = combined.match(text, pos)
                return None if m is None else (m, int(m.lastgroup[1:]))
            return match
        if len(text) > FILTER_MAX:
            # a long text: only the templates that can begin with the character at pos,
            # in data order (the same first match as the combined pattern, without trying
            # the ~90 alternatives that cannot)
            table, every = self.by_first_character()

            def match(pos):
                for rx_match, i in table.get(text[pos:pos + 1], every):
                    m = rx_match(text, pos)
                    if m is not None:
                        return (m, i)
                return None
            return match
        present = _Presence(self, text)
        if self._needs is None:
            self._needs = [_requirement(t["re"]) for _, t, _, _ in self.templates]
        usable = [rx for rx, need in zip(self._alts, self._needs) if present.holds(need)]

        def match(pos):
            for rx in usable:
                m = rx.match(text, pos)
                if m is not None:
                    return (m, rx.index)
            return None
        return match

    def by_first_character(self):
        """({ASCII character: [(match, index)] of the templates whose match can begin with
        it, in data order}, [(match, index)] of every template), compiled on first use."""
        if self._by_first is None:
            firsts = {}  # placeholder name -> (first characters, can be empty)
            every, table = [], {}
            for rx in self._alts:
                rx.match("")  # compiles it
                every.append((rx._rx.match, rx.index))
            for (_, t, _, _), entry in zip(self.templates, every):
                chars = _first_characters(self, t["re"], firsts)
                for ch in ASCII if chars is None else chars:
                    table.setdefault(ch, []).append(entry)
            self._by_first = ({ch: table.get(ch, []) for ch in ASCII}, every)
        return self._by_first

    def present_tables(self, name: str):
        """Lower-case keys of the word table behind a placeholder, or None when the
        placeholder is numeric (needs a digit)."""
        tables = {"MONTH": self.months, "MONTHFULL": self.months, "MONTHSTEM": self.months,
                  "WEEKDAY": self.weekdays,
                  "UNIT": self.units, "REL": self.relative, "SEASON": self.seasons,
                  "PART": self.parts, "QORD": self.ordinals, "RELDAY": self.relday,
                  "DAYORD": self.day_ordinals,
                  "REF": self.refs, "HOLIDAY": self.holidays, "NUM": self.numbers}
        return tables.get(name)


FOUR_DIGITS = re.compile(r"[0-9]{4}")
COUNTED = re.compile(r"\{(\d*)(?:,(\d*))?\}")
LOOKAROUND = ("(?<=", "(?<!", "(?=", "(?!")
FILTER_MAX = 200  # characters: up to this a text is matched template by template


class _Lazy:
    """A template compiled on first use (the combined pattern does the scanning)."""

    __slots__ = ("lang", "index", "template", "_source", "_rx")

    def __init__(self, lang: Language, index: int, template: str):
        self.lang, self.index, self.template = lang, index, template
        self._source = self._rx = None

    @property
    def source(self) -> str:
        if self._source is None:
            self._source = self.lang.template_source(self.index, self.template)
        return self._source

    def match(self, text, pos=0):
        if self._rx is None:
            self._rx = re.compile(self.source, re.IGNORECASE)
        return self._rx.match(text, pos)


# ------------------------------------------ which characters a template's match begins with

ASCII = "".join(map(chr, range(128)))
MARK = 0xE000  # placeholders become private-use characters while a template is read


def _first_characters(lang: Language, template: str, firsts: dict):
    """The ASCII characters a match of `template` can begin with (case-insensitively, a
    superset), or None when that cannot be told (then every character is listed).  The
    template is parsed with each placeholder standing as one marker character; each
    placeholder's own expression is read once (`firsts`)."""
    names = []

    def mark(m):
        names.append(m.group(1))
        return chr(MARK + len(names) - 1)
    try:
        import re._constants as C  # noqa: PLC0415 - Python's own regex parser (3.11+)
        import re._parser as P  # noqa: PLC0415
        tree = P.parse(PLACEHOLDER.sub(mark, _space(template)), re.IGNORECASE)

        def placeholder(k):
            name = names[k]
            if name not in firsts:
                firsts[name] = seq(P.parse(lang._class_regex(name), re.IGNORECASE))
            return firsts[name]

        def seq(items):
            """(characters, whether the sequence can match nothing)"""
            out = set()
            for op, av in items:
                chars, empty = one(op, av)
                out |= chars
                if not empty:
                    return out, False
            return out, True

        def one(op, av):
            if op in (C.AT, C.ASSERT, C.ASSERT_NOT):
                return set(), True  # zero-width: the next item begins the match
            if op is C.LITERAL and MARK <= av < MARK + len(names):
                return placeholder(av - MARK)
            if op is C.LITERAL:
                return _class_chars(re.escape(chr(av))), False
            if op is C.IN:
                return _class_chars("[" + "".join(map(_class_item, av)) + "]"), False
            if op is C.SUBPATTERN:
                return seq(av[3])
            if op is C.ATOMIC_GROUP:
                return seq(av)
            if op is C.BRANCH:
                out, empty = set(), False
                for alt in av[1]:
                    chars, e = seq(alt)
                    out |= chars
                    empty = empty or e
                return out, empty
            if op in (C.MAX_REPEAT, C.MIN_REPEAT, C.POSSESSIVE_REPEAT):
                chars, empty = seq(av[2])
                return chars, empty or av[0] == 0
            raise ValueError(op)  # anything else: not told

        chars, empty = seq(tree)
    except Exception:  # noqa: BLE001 - an unknown construct (or Python): try it everywhere
        return None
    return None if empty else chars


def _class_item(item) -> str:
    """One item of a parsed character class, written back."""
    import re._constants as C  # noqa: PLC0415
    op, av = item
    if op is C.LITERAL:
        return re.escape(chr(av))
    if op is C.RANGE:
        return re.escape(chr(av[0])) + "-" + re.escape(chr(av[1]))
    if op is C.NEGATE:
        return "^"
    if op is C.CATEGORY:
        return CATEGORIES[str(av)]
    raise ValueError(op)


CATEGORIES = {"CATEGORY_DIGIT": r"\d", "CATEGORY_NOT_DIGIT": r"\D", "CATEGORY_SPACE": r"\s",
              "CATEGORY_NOT_SPACE": r"\S", "CATEGORY_WORD": r"\w", "CATEGORY_NOT_WORD": r"\W"}


@lru_cache(maxsize=None)
def _class_chars(one_character: str) -> frozenset:
    """The ASCII characters an expression of one character matches, ignoring case (the
    regex engine decides, so case folding is exactly its own)."""
    return frozenset(re.findall(one_character, ASCII, re.IGNORECASE))


# ------------------------------------------------- which templates can match a short text

def _requirement(template: str):
    """What a text must contain for `template` to match anywhere in it, as a formula:
    ("all", [...]), ("any", [...]), ("lit", "word") (case-insensitive substring) or
    ("ph", NAME) (a placeholder's table).  Optional parts, classes and lookarounds require
    nothing, so the formula errs only towards trying a template."""
    req, _ = _parse_alts(template, 0)
    return req


def _parse_alts(s: str, i: int):
    branches, items = [], []
    lit = []  # the literal run being read

    def flush():
        if lit:
            items.append(("lit", "".join(lit).lower()))
            lit.clear()

    def quantified(j):
        """(optional?, next index) for a quantifier at j."""
        if j < len(s) and s[j] in "?*":
            j2 = j + 1
            if j2 < len(s) and s[j2] in "?+":
                j2 += 1
            return True, j2
        if j < len(s) and s[j] == "+":
            return False, j + 1
        m = COUNTED.match(s, j)
        if m:
            return m.group(1) in ("", "0"), m.end()
        return False, j

    while i < len(s):
        ch = s[i]
        if ch == ")":
            break
        if ch == "|":
            flush()
            branches.append(("all", items))
            items = []
            i += 1
            continue
        if ch == "(":
            flush()
            look = next((p for p in LOOKAROUND if s.startswith(p, i)), None)
            if look:
                j = i + len(look)
            elif s.startswith("(?P<", i):
                j = s.index(">", i) + 1
            elif s.startswith("(?", i):
                j = s.index(":", i) + 1  # (?: and inline flags (?-i:
            else:
                j = i + 1
            inner, j = _parse_alts(s, j)
            j += 1  # the ")"
            optional, j = quantified(j)
            if not look and not optional:
                items.append(inner)
            i = j
            continue
        if ch == "[":
            flush()
            j = i + 1
            if j < len(s) and s[j] == "^":
                j += 1
            if j < len(s) and s[j] == "]":
                j += 1
            while j < len(s) and s[j] != "]":
                j += 2 if s[j] == "\\" else 1
            _, i = quantified(j + 1)
            continue
        m = PLACEHOLDER.match(s, i)
        if m:
            flush()
            optional, i = quantified(m.end())
            if not optional:
                items.append(("ph", m.group(1)))
            continue
        if ch == "\\" and i + 1 < len(s):
            esc = s[i + 1]
            atom = esc if not esc.isalnum() else None  # \. is a dot; \w, \d, \s a class
            j = i + 2
        elif ch in ". ^$":
            atom, j = None, i + 1
        else:
            atom, j = ch, i + 1
        optional, j2 = quantified(j)
        if atom is None or optional:
            flush()
        elif j2 != j:  # "x+": the letter is needed, but the run ends
            lit.append(atom)
            flush()
        else:
            lit.append(atom)
        i = j2
    flush()
    branches.append(("all", items))
    return (branches[0] if len(branches) == 1 else ("any", branches)), i


class _Presence:
    """Which literal words and word tables occur in one short text."""

    def __init__(self, lang: Language, text: str):
        self.lang = lang
        low = " ".join(text.lower().split())
        self.texts = (low, " ".join(text.casefold().split()))
        self.digit = any(c in low for c in "0123456789")
        self.four_digits = self.digit and FOUR_DIGITS.search(low) is not None
        self.cache: dict = {}

    def has(self, word: str) -> bool:
        return any(word in t or word.casefold() in t for t in self.texts)

    def placeholder(self, name: str) -> bool:
        if name not in self.cache:
            table = self.lang.present_tables(name)
            if name == "H":
                ok = self.has("h")
            elif name in ("YEAR", "NYEAR"):
                ok = self.four_digits
            elif table is None:
                ok = self.digit  # {DAY}, {MONTHNUM}, ...: digits
            else:
                ok = any(self.has(k) for k in table) or (name == "NUM" and self.digit)
            self.cache[name] = ok
        return self.cache[name]

    def holds(self, need) -> bool:
        kind, arg = need
        if kind == "lit":
            return self.has(arg)
        if kind == "ph":
            return self.placeholder(arg)
        if kind == "all":
            return all(self.holds(n) for n in arg)
        return any(self.holds(n) for n in arg)


def _phrases(words):
    """Cue words as (set of single tokens, {first token: [phrase token tuples]})."""
    single, multi = set(), {}
    for w in words:
        toks = tuple(re.findall(r"[\w']+", w.lower()))
        if not toks:
            continue
        if len(toks) == 1:
            single.add(toks[0])
        else:
            multi.setdefault(toks[0], []).append(toks)
    return single, multi


@lru_cache(maxsize=None)
def load(code: str) -> Language:
    path = os.path.join(LANG_DIR, f"{code}.json")
    with open(path, encoding="utf-8") as fh:
        data = json.load(fh)
    common = os.path.join(LANG_DIR, "_common.json")
    if os.path.exists(common):
        with open(common, encoding="utf-8") as fh:
            common_data = json.load(fh)
        # shared numeric forms first: templates are an ordered choice
        data = dict(data, patterns=list(common_data["patterns"]) + list(data.get("patterns", [])),
                    anchor_words=list(data.get("anchor_words", []))
                    + list(common_data.get("anchor_words", [])))
    return Language(data)

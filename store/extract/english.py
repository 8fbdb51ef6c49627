"""Actors named in English, the language frist speaks.

An actor is an entity, and the track record (`frist stats --by actor`) counts an entity
once only if German and English articles name it alike: "Deutschland" and "Germany",
"die Polizei in München" and "Munich police". So an actor the extractor found in a
German article is written as English writes it when every word of it has a standard
English form: places and countries ("places"), public bodies ("bodies", also as the
head of a compound: "Handelsministerium" is "commerce ministry" through "modifiers"),
nationality adjectives before such a body ("chinesisches" -> "Chinese"). Names of
people, parties and companies stay as written ("Deutsche Bahn", "Bundeswehr",
"Landgericht München II": one word without an English form keeps the whole name).
The words are data: "english_names" in the language's file (lang/README.md).
"""
from __future__ import annotations

import functools


ACRONYM_MAX = 5  # letters of an acronym before a body ("NATO Kommission"), not "MÜNCHNER"


class EnglishNames:
    """One language's table ("english_names" in its data file)."""

    def __init__(self, data: dict):
        self.places = {k.lower(): v for k, v in data.get("places", {}).items()}
        self.longest_place = max((len(k.split()) for k in self.places), default=1)
        self.bodies = {k.lower(): v for k, v in data.get("bodies", {}).items()}
        self.modifiers = {k.lower(): v for k, v in data.get("modifiers", {}).items()}
        self.adjectives = {k.lower(): v for k, v in data.get("adjectives", {}).items()}
        # longest first, so "es" is taken off before "e"
        self.endings = sorted(data.get("adjective_endings", []), key=len, reverse=True)
        self.name_first = set(w.lower() for w in data.get("name_first", []))
        self.of_name = set(w.lower() for w in data.get("of_name", []))

    def body(self, word: str) -> str:
        """A public body's noun or a compound ending in one, in English; "" if none."""
        low = word.lower()
        if low in self.bodies:
            return self.bodies[low]
        for head in sorted((h for h in self.bodies if low.endswith(h)), key=len, reverse=True):
            first = low[: -len(head)]
            # the linking "s" of a compound ("Verteidigungs|ministerium")
            modifier = self.modifiers.get(first) or (
                first.endswith("s") and self.modifiers.get(first[:-1]))
            if modifier:
                return f"{modifier} {self.bodies[head]}"
        return ""

    def adjective(self, word: str) -> str:
        low = word.lower()
        for ending in self.endings + [""]:
            if low.endswith(ending) and low[: len(low) - len(ending)] in self.adjectives:
                return self.adjectives[low[: len(low) - len(ending)]]
        return ""

    def german_noun(self, word: str) -> bool:
        """A compound on a body's noun whose first part has no English form
        ("Landgericht", "Aufsichtsrat"): the whole name stays as written."""
        low = word.lower()
        return any(low.endswith(h) and low != h for h in self.bodies)

    def english(self, actor: str) -> str:
        words = actor.split()
        parts: list[tuple[str, str, str]] = []  # (written, English, kind)
        i = 0
        while i < len(words):
            for n in range(min(self.longest_place, len(words) - i), 1, -1):
                phrase = " ".join(words[i:i + n])
                if phrase.lower() in self.places:  # "Vereinigte Staaten", "Den Haag"
                    parts.append((phrase, self.places[phrase.lower()], "place"))
                    i += n
                    break
            else:
                word = words[i]
                i += 1
                if "" in word.split("-") and word not in self.places:
                    return actor  # "EU-Außen-", "-Kommission": a word cut short
                pieces = [self._piece(p) for p in word.split("-")]
                if word.lower() in self.places:  # "Saudi-Arabien", "EU-Kommission"
                    pieces = [(self.places[word.lower()], "place")]
                elif all(kind == "keep" for _, kind in pieces):
                    pieces = [(word, "keep")]  # "Berlin-Charlottenburg"
                elif pieces[-1][1] == "keep":
                    return actor  # the compound's head has no English form: "UNO-Gremium"
                # a name before a body, as a word of its own, is German's adjective of
                # a place ("Münchner Polizei", "Hamburger Senat"): no English form here
                if parts and parts[-1][2] == "keep" and pieces[0][1] == "body" \
                        and not (parts[-1][0].isupper() and len(parts[-1][0]) <= ACRONYM_MAX):
                    return actor
                parts += [(word, english, kind) for english, kind in pieces]
        kinds = [kind for _, _, kind in parts]
        if "stop" in kinds or not any(k in ("place", "body") for k in kinds):
            return actor
        # a place's genitive owns a body ("Kameruns Regierung"), not any German noun
        if any(kind == "owner" and kinds[k + 1:k + 2] != ["body"] for k, kind in enumerate(kinds)):
            return actor
        # an adjective says whose a body is; before a name it is part of the name
        # ("Deutsche Bahn", "Europäische Zentralbank")
        for k, kind in enumerate(kinds):
            if kind == "adj" and (k + 1 == len(kinds) or kinds[k + 1] not in ("body", "adj")):
                return actor
        out = [english for _, english, _ in parts]
        # "Polizei München", "Regierung Merkel": the name goes first in English;
        # "Stadt Dresden": "City of Dresden"
        for k in range(len(parts) - 1):
            low = parts[k][0].lower()
            if kinds[k + 1] == "keep" and parts[k + 1][0].endswith("s"):
                return actor  # "Regierung Israels": a genitive the table has no place for
            if kinds[k] == "body" and kinds[k + 1] in ("place", "keep") and (
                    low in self.name_first or low in self.of_name):
                name = " ".join(out[k + 1:])
                out = out[:k] + ([out[k], "of", name] if low in self.of_name else [name, out[k]])
                break
        text = " ".join(out)
        return text[:1].upper() + text[1:]

    def _piece(self, piece: str) -> tuple[str, str]:
        if not piece:
            return piece, "keep"
        low = piece.lower()
        if low in self.places:
            return self.places[low], "place"
        if low.endswith("s") and low[:-1] in self.places:  # "Kameruns Regierung"
            return self.places[low[:-1]] + "'s", "owner"
        body = self.body(piece)
        if body:
            return body, "body"
        adjective = self.adjective(piece)
        if adjective:
            return adjective, "adj"
        if self.german_noun(piece) or piece[:1].islower():
            return piece, "stop"  # a German noun or word with no English form here
        return piece, "keep"


@functools.lru_cache(maxsize=None)
def _table(lang) -> EnglishNames | None:
    data = lang.data.get("english_names")
    return EnglishNames(data) if data else None


def english_actor(actor: str, lang) -> str:
    """The actor as English writes it (the module's docstring), else as found."""
    table = _table(lang)
    return table.english(actor) if table is not None and actor else actor

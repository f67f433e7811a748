"""Finding the actors and places a text names, from the aliases in the database.

A name is a run of words (joined by spaces or hyphens) whose normal form (app.actors.
normalize) is an alias, starting with a capital: "Kim Jong-un", "Pjöngjang". At each word
the longest run that is an alias wins, so "Kim Yo-jong" is Kim Yo-jong and never "Kim"
followed by something else. German and English genitives are read as the name itself when
the bare name is an alias: "Kims", "Nordkoreas", "Trump's", "Jones'". A name followed by
what reads as the rest of a longer, unknown Korean-style name ("Kim Jong-il" when only
"Kim" is known) is not read as the shorter name. An alias may start with a lower-case
article ("the North", "the South": the Koreas in a Korean story); its other words must
be capitalised and no capitalised word may follow ("the North Atlantic", "the South China
Sea", "the North Korean government" are not it).

A lexicon is built once per content of the alias tables (each call reads that content as
one string, a cheap query, so an alias written a moment ago is found by the next ingest),
so matching an article is a dictionary lookup per word, however many aliases there are.
"""

import re
from dataclasses import dataclass
from functools import lru_cache

from sqlalchemy import ScalarSelect, String, cast, func
from sqlmodel import Session, select

from app.actors import ACTORS, PLACES, Names, normalize

_WORD = re.compile(r"[^\W_]+")
_JOINER = re.compile(r"[ \t\u00a0]*[-‐‑][ \t\u00a0]*|[ \t\u00a0]+")
_APOSTROPHE_GENITIVE = re.compile(r"['’]s?(?![^\W_])")


@dataclass(frozen=True)
class NameMention:
    owner_id: str
    start: int
    end: int
    text: str


@dataclass(frozen=True)
class Words:
    """The words of text[start:end] and the normal forms of those starting with a capital
    ('' for the others): what every lexicon's matching reads."""

    text: str
    spans: list[tuple[int, int]]
    keys: list[str]

    @classmethod
    def of(cls, text: str, start: int = 0, end: int | None = None) -> "Words":
        spans = [m.span() for m in _WORD.finditer(text, start, len(text) if end is None else end)]
        return cls(
            text, spans, [_word_key(text[a:b]) if text[a].isupper() else "" for a, b in spans]
        )


@dataclass(frozen=True, eq=False)
class Lexicon:
    """Normal forms of every alias -> the actor or place id, and the longest alias in words.
    Equal and hashed by identity: one object per content of the alias table, so what is
    computed from it can be cached by it."""

    owners: dict[str, str]
    max_words: int
    acronyms: frozenset[str]  # keys of aliases written in capitals ("UN", "US"): case matters
    first_words: frozenset[str]  # normal forms a name can start with, genitives included
    lower_firsts: frozenset[str] = frozenset()  # lower-case words aliases start with ("the")

    def find(self, text: str, start: int = 0, end: int | None = None) -> list[NameMention]:
        """Non-overlapping names in text[start:end], leftmost and longest first."""
        return self.find_in(Words.of(text, start, end))

    def find_in(self, read: Words) -> list[NameMention]:
        """find() in words read before (each lexicon's names from one reading)."""
        text, words, keys = read.text, read.spans, read.keys
        if self.lower_firsts:  # "the" of "the North": a key of this lexicon's
            keys = [
                key or (_word_key(text[a:b]) if text[a:b] in self.lower_firsts else "")
                for key, (a, b) in zip(keys, words, strict=True)
            ]
        found: list[NameMention] = []
        i = 0
        while i < len(words):
            match = self._longest(text, words, keys, i) if keys[i] in self.first_words else None
            if match is None:
                i += 1
                continue
            owner, last, name_end = match
            later = self._longest(text, words, keys, last) if last > i else None
            if later is not None and later[1] > last:  # "Machthaber Kim Jong Un": the longer
                i = last
                continue
            found.append(NameMention(owner, words[i][0], name_end, text[words[i][0] : name_end]))
            i = last + 1
        return found

    def _longest(
        self, text: str, words: list[tuple[int, int]], keys: list[str], i: int
    ) -> tuple[str, int, int] | None:
        """(owner, index of the last word, end offset) of the longest name starting at word i."""
        last = i
        while (
            last + 1 < len(words)
            and last + 1 - i < self.max_words
            and _JOINER.fullmatch(text, words[last][1], words[last + 1][0])
        ):
            last += 1
        # "the North", "The North": capitalised words, and no more of them
        lower = text[words[i][0] : words[i][1]].casefold() in self.lower_firsts
        for j in range(last, i - 1, -1):
            if lower and (j == i or _capitalised_after(text, words, j)):
                continue
            key = keys[i] + "".join(
                keys[k] or _word_key(text[words[k][0] : words[k][1]]) for k in range(i + 1, j + 1)
            )
            end = words[j][1]
            if _name_goes_on(text, words, j):
                continue
            if key in self.acronyms and not text[words[i][0] : end].isupper():
                continue
            if key in self.owners:
                genitive = _APOSTROPHE_GENITIVE.match(text, end)
                return self.owners[key], j, genitive.end() if genitive else end
            for suffix in ("s", "es"):
                if key.endswith(suffix) and key[: -len(suffix)] in self.owners:
                    return self.owners[key[: -len(suffix)]], j, end
        return None


@lru_cache(maxsize=65536)
def _word_key(word: str) -> str:
    return normalize(word)


def _capitalised_after(text: str, words: list[tuple[int, int]], j: int) -> bool:
    """Whether a word after word j, or word j itself, is not capitalised, or a capitalised
    word follows it across a space ("the North Atlantic")."""
    if not text[words[j][0]].isupper():
        return True
    if j + 1 >= len(words):
        return False
    (_, end), (start, _) = words[j], words[j + 1]
    return text[end:start].isspace() and text[start].isupper()


def _name_goes_on(text: str, words: list[tuple[int, int]], j: int) -> bool:
    """Whether words j+1 and j+2 look like the given name of a longer name: "Kim Jong-il"."""
    if j + 2 >= len(words):
        return False
    (_, end), (a, b), (c, _) = words[j], words[j + 1], words[j + 2]
    return (
        text[end:a].isspace()
        and text[a].isupper()
        and text[b:c] in ("-", "‐", "‑")
        and text[c].islower()
    )


def build(pairs: list[tuple[str, str]]) -> Lexicon:
    """A lexicon from (alias, owner id) pairs."""
    owners = {normalize(alias): owner for alias, owner in pairs if normalize(alias)}
    longest = max((len(_WORD.findall(alias)) for alias, _ in pairs), default=1)
    acronyms = frozenset(normalize(a) for a, _ in pairs if a.isupper() and len(a) <= 5)
    firsts = {normalize(_WORD.findall(alias)[0]) for alias, _ in pairs if _WORD.search(alias)}
    firsts |= {first + suffix for first in firsts for suffix in ("s", "es")}
    lower = frozenset(w for alias, _ in pairs if (w := alias.split(" ")[0]).islower())
    return Lexicon(owners, longest, acronyms, frozenset(firsts), lower)


def _content(names: Names) -> ScalarSelect[str]:
    """The alias table as one string, each row as its alias's length, owner and alias: two
    contents differ as strings (an owner id holds no ":", the length ends the alias)."""
    row = cast(func.length(names.alias.alias), String) + ":" + names.owner + ":" + names.alias.alias
    return select(func.aggregate_strings(row, "\n")).scalar_subquery()


_CONTENTS = select(_content(ACTORS), _content(PLACES))
_BUILT: dict[tuple[str | None, str | None], tuple[Lexicon, Lexicon]] = {}
_BUILT_SIZE = 8


def lexicons(session: Session) -> tuple[Lexicon, Lexicon]:
    """The actor and place lexicons of this database's aliases as they are now: built again
    only when the contents of the alias tables (one short query) differ."""
    key = tuple(session.execute(_CONTENTS).one())
    if key not in _BUILT:
        if len(_BUILT) >= _BUILT_SIZE:
            _BUILT.pop(next(iter(_BUILT)))
        _BUILT[key] = (_load(session, ACTORS), _load(session, PLACES))
    return _BUILT[key]


def _load(session: Session, names: Names) -> Lexicon:
    return build([(a, str(o)) for a, o in session.execute(select(names.alias.alias, names.owner))])

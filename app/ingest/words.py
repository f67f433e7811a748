"""The words of a clause that say what happened, and how they match an event's.

Key words are compared by stem, by their first six letters, by a German compound's head,
or by the act they name (app.ingest.concepts), so that a clause and an event's title in
either language meet ("Atomtest" and "Test", "met" and "meet", "sworn in" and
"Amtseinführung")."""

import os
import re
from functools import lru_cache

from app.ingest.concepts import (
    ENDING,
    IRREGULAR,
    SPECIFIC_LETTERS,
    concept,
    phrased,
    specific,
)
from app.ingest.names import Lexicon

_SHORT_WORD = re.compile(r"[^\W\d_]{3,}")  # "met", which is "meet"


STOPWORDS = frozenset(
    [
        "dass",
        "eine",
        "einer",
        "einem",
        "einen",
        "dies",
        "diese",
        "dieser",
        "dieses",
        "sein",
        "seine",
        "seiner",
        "ihre",
        "ihrer",
        "nicht",
        "auch",
        "noch",
        "nach",
        "über",
        "unter",
        "oder",
        "aber",
        "wurde",
        "wurden",
        "werden",
        "sind",
        "hatte",
        "hatten",
        "haben",
        "wird",
        "sagte",
        "sich",
        "beim",
        "bereits",
        "zwischen",
        "gegen",
        "schon",
        "sowie",
        "damit",
        "denn",
        "doch",
        "wenn",
        "weil",
        "jahr",
        "jahre",
        "jahren",
        "with",
        "that",
        "this",
        "from",
        "have",
        "were",
        "been",
        "their",
        "there",
        "which",
        "would",
        "about",
        "after",
        "before",
        "into",
        "than",
        "then",
        "they",
        "them",
        "what",
        "when",
        "where",
        "while",
        "will",
        "also",
        "said",
        "says",
        "year",
        "years",
    ]
)


@lru_cache(maxsize=4096)
def terms(text: str) -> frozenset[str]:
    """Lower-cased words of four or more letters, cut to six letters as a crude stem; a word
    naming an act (app.ingest.concepts) as "=" and the act, whatever its language and
    length ("traf" and "Treffen": "=meeting")."""
    found = set()
    for word in _SHORT_WORD.findall(phrased(text)):
        folded = word.casefold()
        if folded in STOPWORDS:
            continue
        act = concept(_lemma(word).casefold())
        if act is not None:
            found.add("=" + act)
        elif len(folded) >= 4:
            found.add(folded[:6])
    return frozenset(found)


# Words of a title that say nothing of what happened: ordinals, "new", "says", "over"
GENERIC = frozenset(
    [
        "first",
        "second",
        "third",
        "last",
        "erste",
        "erster",
        "ersten",
        "zweite",
        "zweiter",
        "dritte",
        "letzte",
        "letzter",
        "says",
        "say",
        "sagt",
        "sagte",
        "sagen",
        "alle",
        "alles",
        "including",
        "over",
        "without",
        "ohne",
        "ends",
        "endet",
        "gegen",
        "against",
        "nach",
    ]
)


# Names of months and days: a date's words, which app.dates reads, never what happened (a
# summary's "24 February 2022" is no word of every February clause)
_DATE_WORDS = """january february march april june july august september october november
december januar februar märz juni juli oktober dezember monday tuesday wednesday thursday
friday saturday sunday montag dienstag mittwoch donnerstag freitag samstag sonntag"""
DATE_WORDS = frozenset(_DATE_WORDS.split())


_WITHOUT = re.compile(
    r"\b(?:without|ohne)\s+\w+", re.IGNORECASE
)  # "ohne Treffen": not what happened


@lru_cache(maxsize=4096)
def key_words(text: str) -> frozenset[str]:
    """The words of four or more letters that may name what happened: irregular forms as
    their infinitive ("met" -> "meet", "getroffen" -> "treffen"), lower-cased, without
    stop words, generic title words and inflection endings ("Atomtests" -> "atomtest");
    not what a title says did not happen ("ohne Treffen mit Kim"); phrases as the word of
    their act ("took office": "inauguration"), and three-letter words of an act ("Tod")."""
    found = set()
    for word in _SHORT_WORD.findall(_WITHOUT.sub(" ", phrased(text))):
        folded = _lemma(word).casefold()
        short = len(folded) < 4 and concept(folded) is None
        if short or {folded, word.casefold()} & (STOPWORDS | GENERIC | DATE_WORDS):
            continue
        stem = ENDING.sub("", folded)
        found.add(stem if len(stem) >= 4 else folded)
    return frozenset(found)


def _lemma(word: str) -> str:
    return IRREGULAR.get(word.casefold(), word)


def key_hits(event: frozenset[str], clause: frozenset[str]) -> int:
    """How many of the clause's words are key words of the event, one of eight letters or
    more ("Atommacht", "Wasserstoffbombe") counting twice: the same stem ("treffen",
    "Treffen"), the same first six letters, or a German compound's head ("Atomtest" and
    "Test", "Gipfel" and "Gipfeltreffen"). A word matching the English and the German
    title word ("getestet": "tests", "Raketentests") counts once. A word that matches no
    key word but names one's act ("Vereidigung": "inauguration") counts once per act (twice
    when app.ingest.concepts.specific), and not for an act a matching word counted."""
    heads, tails, acts = _edges(event)
    found = 0
    counted = set()
    unmatched = []
    for word in clause:
        shared = 0
        if word[:4] in heads or word[-4:] in tails:  # else it shares neither a prefix nor
            shared = max((_shared(key, word) for key in event), default=0)  # a compound's head
        if shared:
            found += 2 if shared >= SPECIFIC_LETTERS else 1
            counted.add(concept(word))
        elif concept(word) in acts:
            unmatched.append((concept(word), specific(word)))
    by_act = {act: long for act, long in sorted(unmatched) if act not in counted}
    return found + sum(2 if long else 1 for long in by_act.values())


@lru_cache(maxsize=4096)
def _edges(words: frozenset[str]) -> tuple[frozenset[str], frozenset[str], frozenset[str]]:
    """The first and the last four letters of the words (two words match, _shared, only
    when one of them is the same) and the acts they name."""
    acts = frozenset(act for act in map(concept, words) if act is not None)
    return frozenset(w[:4] for w in words), frozenset(w[-4:] for w in words), acts


def _shared(key: str, word: str) -> int:
    """How many letters the two words share as one word (0: none): a prefix counts its own
    letters ("Waffenruhe" and "Waffenstillstand" share six, not ten), but not when it is
    the modifier of a compound naming another act (_modifier)."""
    if key == word:
        return len(key)
    longer, shorter = (key, word) if len(key) > len(word) else (word, key)
    prefix = len(os.path.commonprefix([key, word]))
    if prefix >= min(6, len(shorter)) and len(shorter) >= 5 and not _modifier(longer, shorter):
        return prefix
    return len(shorter) if len(longer) - len(shorter) >= 4 and longer.endswith(shorter) else 0


def _modifier(longer: str, shorter: str) -> bool:
    """Whether the shorter word begins a compound whose head names another act: "Präsident"
    in "Präsidentschaftswahl" (an election); not "Gespräch" in "Gesprächsangebot"."""
    compound = len(longer) - len(shorter) >= 4 and longer.startswith(shorter)
    return compound and concept(longer) not in (None, concept(shorter))


@lru_cache(maxsize=65536)
def title_words(titles: str, lexicon: tuple[Lexicon, Lexicon]) -> frozenset[str]:
    """The key words of an event's titles, names aside; kept per lexicon (one object per
    content of the alias tables, app.ingest.names): every ingest reads the same events."""
    return key_words(blank_names(titles, lexicon))


def blank_names(text: str, lexicon: tuple[Lexicon, Lexicon]) -> str:
    """The text with the actor and place names it contains blanked."""
    chars = list(text)
    for names in lexicon:
        for found in names.find(text):
            chars[found.start : found.end] = " " * (found.end - found.start)
    return "".join(chars)

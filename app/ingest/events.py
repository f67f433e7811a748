"""Tying an ingested article's reports to events: linked to an existing one, or proposed.

A report (app.ingest.reports) is a sentence of the story that states a date, or follows a
date heading. For each of its date expressions ("seit 2006", "since 2006" point at 2006,
and link even beside the day they hold: "detonated a bomb on Sunday, its sixth test since
2006"),
the published events whose date interval overlaps the expression's interval (or, both at
day precision, lies within one day of it: "berichteten am Dienstag" about Monday's event)
are candidates. A candidate links only when the expression's clause (the sentence, or its
part holding the expression when the sentence dates several events) says what happened:

* it has one of the event's key words: the words of its English and German titles, names
  and generic words ("first", "erste", "says") aside, compared by stem (irregular verbs
  by their infinitive: "met" and "meet"), by their first six letters, or by a German
  compound's head ("Atomtest" and "Test"); a word of eight letters or more ("Atommacht")
  counts twice; or
* it has two key words of the event's summaries (names and title words aside: "the
  first sitting U.S. president to set foot in North Korea"), which count as one; or
* its kind (app.ingest.proposals.kind_of) is the event's, or both are meetings (summit,
  meeting, talks, agreement): not a statement (any clause may say something) nor a visit
  (a visit holds meetings of its own), and not a day off (talks on the eve of a summit
  are other talks); or
* at day precision, it names the event's place and is of the event's family of kinds
  (meetings and visits; statements, speeches, threats and publications; wars and
  military actions): "Staatsmedien berichteten am 16. Januar, Nordkorea habe das
  Atomtestgelände Punggye-ri aufgegeben";
* and, with fewer than two title key words and not by its place, the clause is of no known
  kind, or of the event's kind or family of acts: not another act (a tweet is no
  meeting), nor another thing said (a newspaper's report is no threat of North Korea's).

Shared actors and place alone never tie a dated sentence to an event. Each candidate is
scored in [0, 1]:

    score = 0.25 * date + 0.35 * actors + 0.20 * place + 0.20 * terms

* date: how specific the match is, by the coarser of the expression's and the event's
  precision (day 1.0, month 0.7, year 0.4, decade 0.1; a day off by one 0.9); an event
  lasting more than a year counts as a decade (a day inside a thirty-year policy says
  little) unless the expression, a month at most, holds its first or last day (the start
  of a war is a moment); a day or month links to it (a day to an event longer than a
  month) only with one of its title's key words;
* actors: actors both named in the passage and linked to the event, two or more count 1.0,
  one counts 0.5;
* place: 1.0 when the passage names the event's place;
* terms: the clause's key words of the event (its summaries' at half), two count 1.0;
  at least half the share of words of four or more letters in both the passage and the
  event's title, summary, kind, tags and source quotes (three count 1.0).

Of the candidates, one the expression holds whole goes first, then the best score (the
July tests before the series of 2017-2024 that began in July). It is `linked` when it
scores at least LINK_THRESHOLD; or is dated that very day, with one of its actors named
in the sentence; or is dated that day or the day before or after ("April 21: state media
report"), or held by the month (or its first or last day in it), with two of its key
words (one, or its place, and its kind) in the clause, or (by the month) with an actor
and its kind; or began in the year, with two key words ("der sechste Atomtest
seit 2006"; not "erstmals seit 2017", which points at the year's last such event). A
link is pending (table event_link), quoting the sentence, until a curator accepts or
rejects it; a passage links to as many events as its expressions fit.

A date expression proposes a new event (status `proposed`, hidden from GET /events unless
asked for) when it linked nothing, or an event that is not the one the sentence reports:
a period around its date (longer than a month and than the expression, unless this holds
its first or last day; a year is too coarse to tell), or another act
(a joint exercise is no missile test; meetings, summits, visits and agreements are one
family). So a specific new event is never hidden by one around it. Not for a decade, nor
"today", nor a plan: a date after the publication, or in its last week in a clause that
says "will", "is expected to", "soll"; nor a date no event has (app.ingest.proposals:
"seit 2006" unless "the first ... since", "until last year", a counterfactual); nor a
period holding the publication date in a clause that names no act ("in diesem Herbst").
When a sentence dates several events, each is proposed from its clause.

One proposal per real event: a report becomes another source of a proposal stored before
(or made from this article) that tells the same event, and links to it. The same event:
the dates are one within the other (a day's slack), no longer than a year, and the kinds
of one family (or one unclassified); then, on the same day, two shared words, a shared
actor or place (both kinds known), or a shared word and the same kind; in the article
that cites it already, a word, actor, place or the same kind; a day apart or at
another precision ("im September 2017" and "3. September 2017"), kinds of one family
(not statements) and a shared word, actor or place (two words and an actor a day apart,
three words for a season or longer). Of several, one of the same date first, then the
one sharing most words. The proposal takes the more precise date. Two dates in one
sentence are two events. A proposal is built by app.ingest.proposals; its id,
`proposed-` and a hash of the text, the sentence's and the expression's offsets, is the
same every time the same article is ingested.
"""

import hashlib
import itertools
import os
import re
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from datetime import timedelta
from functools import lru_cache
from typing import Any

from sqlalchemy import ColumnElement, and_, or_
from sqlalchemy import select as sa_select
from sqlmodel import Session, col, select

from app import views
from app.dates import DateInterval
from app.ingest import proposals
from app.ingest.names import Lexicon, lexicons
from app.ingest.reports import Report, of_article
from app.models import (
    Actor,
    ActorMention,
    Article,
    DateMention,
    Event,
    EventActor,
    EventLink,
    EventTag,
    Passage,
    PlaceMention,
    Source,
)
from app.services import curation, events
from app.services.events import ActorRole, EventSpec, SourceSpec, quote_key

LINK_THRESHOLD = 0.6
WEIGHTS = {"date": 0.25, "actors": 0.35, "place": 0.2, "terms": 0.2}
DATE_FIT = {"day": 1.0, "month": 0.7, "year": 0.4, "decade": 0.1}
NEXT_DAY_FIT = 0.9
LONG_DAYS = 366  # an event longer than this is a period, not a moment
COARSE_DAYS = 31
ONE_DAY = timedelta(days=1)
SEASON_DAYS = 92  # a report of a longer time is another source of a proposal only when
MANY_WORDS = 3  # it shares this many words with it
PLAN_DAYS = timedelta(days=7)  # a date this close to publication, in a clause saying "will"
_TERM = re.compile(r"[^\W\d_]{4,}")
_FIRST_SINCE = re.compile(
    r"\b(?:erstmals|zum ersten mal|first)\b.{0,60}\b(?:seit|since)\b", re.IGNORECASE
)
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


@dataclass(frozen=True)
class Candidate:
    """An event a report may be about: its date, actors, place, kind and words."""

    id: str
    interval: DateInterval
    actors: frozenset[str]
    place_id: str | None
    terms: frozenset[str]
    key_words: frozenset[str]  # of its titles, names aside (key_words())
    kind: str
    summary_words: frozenset[str] = frozenset()  # of its summaries, titles' words aside


@dataclass(frozen=True)
class Said:
    """What a date expression's clause says happened: its key words (key_words(), names
    aside), its kind (app.ingest.proposals.kind_of) and the places its sentence names."""

    words: frozenset[str]
    kind: str
    places: frozenset[str]
    first_since: bool  # "erstmals seit 2017": the year holds the last such event

    @classmethod
    def of(cls, clause: str, blanked: str, places: frozenset[str], language: str | None) -> "Said":
        """What the clause says, `blanked` being the clause with its names blanked."""
        first_since = _FIRST_SINCE.search(clause) is not None
        kind = proposals.kind_of(clause, language)
        return cls(key_words(blanked), kind, places, first_since)


@lru_cache(maxsize=4096)
def terms(text: str) -> frozenset[str]:
    """Lower-cased words of four or more letters, cut to six letters as a crude stem."""
    return frozenset(w.casefold()[:6] for w in _TERM.findall(text) if w.casefold() not in STOPWORDS)


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
# Irregular forms of verbs that tell events, English and German: "met" is "meet"
IRREGULAR = {
    "met": "meet",
    "held": "hold",
    "began": "begin",
    "begun": "begin",
    "fought": "fight",
    "struck": "strike",
    "shot": "shoot",
    "spoke": "speak",
    "won": "win",
    "fled": "flee",
    "sent": "send",
    "traf": "treffen",
    "trafen": "treffen",
    "getroffen": "treffen",
    "begann": "beginnen",
    "begonnen": "beginnen",
    "sprach": "sprechen",
    "gesprochen": "sprechen",
    "schoss": "schießen",
    "geschossen": "schießen",
    "starb": "sterben",
    "gestorben": "sterben",
    "gewann": "gewinnen",
    "gewonnen": "gewinnen",
    "flog": "fliegen",
    "geflogen": "fliegen",
    "brach": "brechen",
    "gebrochen": "brechen",
}
SPECIFIC_LETTERS = 8
_WITHOUT = re.compile(
    r"\b(?:without|ohne)\s+\w+", re.IGNORECASE
)  # "ohne Treffen": not what happened
_INFLECTION = re.compile(r"(?:ing|ed|en|er|es|e|s|n)$")


@lru_cache(maxsize=4096)
def key_words(text: str) -> frozenset[str]:
    """The words of four or more letters that may name what happened: irregular forms as
    their infinitive ("met" -> "meet", "getroffen" -> "treffen"), lower-cased, without
    stop words, generic title words and inflection endings ("Atomtests" -> "atomtest");
    not what a title says did not happen ("ohne Treffen mit Kim")."""
    found = set()
    for word in _SHORT_WORD.findall(_WITHOUT.sub(" ", text)):
        folded = _lemma(word).casefold()
        if len(folded) < 4 or {folded, word.casefold()} & (STOPWORDS | GENERIC):
            continue
        stem = _INFLECTION.sub("", folded)
        found.add(stem if len(stem) >= 4 else folded)
    return frozenset(found)


def _lemma(word: str) -> str:
    return IRREGULAR.get(word.casefold(), word)


def key_hits(event: frozenset[str], clause: frozenset[str]) -> int:
    """How many of the clause's words are key words of the event, one of eight letters or
    more ("Atommacht", "Wasserstoffbombe") counting twice: the same stem ("treffen",
    "Treffen"), the same first six letters, or a German compound's head ("Atomtest" and
    "Test", "Gipfel" and "Gipfeltreffen"). A word matching the English and the German
    title word ("getestet": "tests", "Raketentests") counts once."""
    heads, tails = _edges(event)
    found = 0
    for word in clause:
        if word[:4] not in heads and word[-4:] not in tails:
            continue  # shares neither a prefix nor a compound's head with any key word
        shared = max((_shared(key, word) for key in event), default=0)
        found += 2 if shared >= SPECIFIC_LETTERS else int(shared > 0)
    return found


@lru_cache(maxsize=4096)
def _edges(words: frozenset[str]) -> tuple[frozenset[str], frozenset[str]]:
    """The first and the last four letters of the words: two words match (_shared) only
    when one of them is the same."""
    return frozenset(w[:4] for w in words), frozenset(w[-4:] for w in words)


def _shared(key: str, word: str) -> int:
    """How many letters the two words share as one word (0: none): a prefix counts its own
    letters ("Waffenruhe" and "Waffenstillstand" share six, not ten)."""
    if key == word:
        return len(key)
    prefix = len(os.path.commonprefix([key, word]))
    if prefix >= min(6, len(key), len(word)) and min(len(key), len(word)) >= 5:
        return prefix
    longer, shorter = (key, word) if len(key) > len(word) else (word, key)
    return len(shorter) if len(longer) - len(shorter) >= 4 and longer.endswith(shorter) else 0


def _date_fit(event: DateInterval, mention: DateInterval) -> float:
    """How well the dates fit (see the module docstring); 0 when they are apart."""
    if event.end < mention.start or mention.end < event.start:
        next_day = event.precision == mention.precision == "day" and (
            event.end + ONE_DAY == mention.start or mention.end + ONE_DAY == event.start
        )
        return NEXT_DAY_FIT if next_day else 0.0
    long = _days(event) > LONG_DAYS and not _holds_end(mention, event)
    event_fit = DATE_FIT["decade"] if long else DATE_FIT[event.precision]
    return min(DATE_FIT[mention.precision], event_fit)


def _holds_end(mention: DateInterval, event: DateInterval) -> bool:
    """Whether a mention no longer than a month holds the first or last day of the event:
    the start or the end of a long event is a moment ("im Februar 2022 begonnen")."""
    short = _days(mention) <= COARSE_DAYS
    return short and any(mention.start <= day <= mention.end for day in (event.start, event.end))


def _holds(mention: DateInterval, event: Candidate) -> bool:
    """Whether the mention holds the whole event: of the candidates that may link, the one
    it holds goes before a period around it ("In July ... tested two ICBMs": the July tests,
    not the series of 2017-2024)."""
    return mention.start <= event.interval.start and event.interval.end <= mention.end


def _anchor(mention: DateInterval) -> DateInterval:
    """The date a "seit 2006" / "since 2006" / "after 2006" points at: its first unit (the
    year 2006), not the whole span to the publication."""
    if mention.qualifier != "after":
        return mention
    start = mention.start
    if mention.precision == "day":
        end = start
    elif mention.precision == "month":
        end = (start.replace(day=28) + timedelta(days=4)).replace(day=1) - ONE_DAY
    elif mention.precision == "year":
        end = start.replace(month=12, day=31)
    else:
        end = start.replace(year=start.year + 9, month=12, day=31)
    return DateInterval(start, min(end, mention.end), mention.precision)


def _days(interval: DateInterval) -> int:
    return (interval.end - interval.start).days


def score(
    candidate: Candidate,
    mention: DateInterval,
    actors: set[str],
    places: set[str],
    words: frozenset[str],
    clause: Said,
) -> float:
    """The link score of one candidate event (see the module docstring); 0 when it cannot
    link: the clause must say what happened, by the event's key words, kind or place."""
    fit = _date_fit(candidate.interval, mention)
    if fit == 0.0:
        return 0.0
    hits = key_hits(candidate.key_words, clause.words)
    summed = hits + key_hits(candidate.summary_words, clause.words) // 2
    said = summed > 0
    there = (
        mention.precision == "day"
        and candidate.place_id in clause.places
        and _kin(clause.kind, candidate.kind)
    )
    if not (said or there or _same_kind(clause.kind, candidate.kind)):
        return 0.0
    if not (said or there) and fit == NEXT_DAY_FIT:
        return 0.0  # by its kind alone, a clause tells an event of its own date only
    if hits < 2 and not there and not _tells(clause.kind, candidate.kind):
        return 0.0
    span = _days(candidate.interval)
    within = (span > LONG_DAYS and mention.precision in ("day", "month")) or (
        span > COARSE_DAYS and mention.precision == "day"
    )
    if within and not hits:
        return 0.0  # a period is named by its title's words, not by its summary's
    parts = {
        "date": fit,
        "actors": min(1.0, len(actors & candidate.actors) / 2),
        "place": float(candidate.place_id is not None and candidate.place_id in places),
        "terms": max(min(1.0, summed / 2), min(1.0, len(words & candidate.terms) / 3) / 2),
    }
    return round(sum(WEIGHTS[k] * v for k, v in parts.items()), 3)


def _same_kind(kind: str, other: str) -> bool:
    """Whether a clause of this kind tells an event of the other kind by its kind alone: the
    same kind, or both meetings (a summit, talks, an agreement); not a visit, which holds
    meetings of its own, nor a statement, which any clause may be."""
    if kind in ("unclassified", "statement", "publication"):
        return False
    return kind == other or {kind, other} <= MEETINGS


def _tells(kind: str, other: str) -> bool:
    """Whether a clause of this kind may tell an event of the other on one key word: a
    clause of no known kind, or of the event's kind, or of its family of acts (a war and
    an attack, a summit and a visit); not another act, nor another thing said (one word,
    "Raketen", in a newspaper's report does not make it North Korea's threat)."""
    if "unclassified" in (kind, other) or kind == other:
        return True
    family = KIND_FAMILIES.get(kind, kind)
    return family != "statement" and family == KIND_FAMILIES.get(other, other)


def _kin(kind: str, other: str) -> bool:
    """Whether two known kinds are of one family."""
    return "unclassified" not in (kind, other) and not _other_act(kind, other)


def _other_act(kind: str, other: str) -> bool:
    """Whether a clause of this kind tells another act than an event of the other kind (a
    statement is no withdrawal, a tweet no meeting); kinds of one family do not."""
    if "unclassified" in (kind, other):
        return False
    return KIND_FAMILIES.get(kind, kind) != KIND_FAMILIES.get(other, other)


CANDIDATE_COLUMNS = (
    col(Event.id),
    col(Event.date_start),
    col(Event.date_end),
    col(Event.date_precision),
    col(Event.place_id),
    col(Event.title),
    col(Event.title_de),
    col(Event.summary),
    col(Event.summary_de),
    col(Event.kind),
)


def _candidates(
    session: Session, intervals: list[DateInterval], status: str, *, near: bool = False
) -> list[Candidate]:
    """Live events of this status whose dates meet the intervals' span (one day wider);
    `near`: only those starting within a day of one of the intervals' starts (as many
    proposals as articles: reading the whole span would slow every ingest down), without
    key words (proposals are matched by their terms, never linked by key words)."""
    if not intervals:
        return []
    low = min(i.start for i in intervals) - ONE_DAY
    high = max(i.end for i in intervals) + ONE_DAY
    where = [
        col(Event.status) == status,
        col(Event.deleted_at).is_(None),
        col(Event.date_start) <= high,
        col(Event.date_end) >= low,
    ]
    if near:
        where.append(or_(*(_nested_where(i) for i in intervals if _days(i) <= LONG_DAYS)))
    # Published events as plain rows, not ORM objects (nothing here writes them back);
    # proposals as objects, which curation.citing reads again when a report cites one
    rows: Sequence[Any] = (
        session.exec(select(Event).where(*where)).all()
        if near
        else session.execute(sa_select(*CANDIDATE_COLUMNS).where(*where)).all()
    )
    ids = [e.id for e in rows]
    lexicon = lexicons(session)
    actors: dict[str, set[str]] = defaultdict(set)
    for event_id, actor_id in session.exec(
        select(EventActor.event_id, EventActor.actor_id).where(col(EventActor.event_id).in_(ids))
    ):
        actors[event_id].add(actor_id)
    texts: dict[str, list[str]] = defaultdict(list)
    for event_id, tag in session.exec(
        select(EventTag.event_id, EventTag.tag).where(col(EventTag.event_id).in_(ids))
    ):
        texts[event_id].append(tag)
    for event_id, quote in session.exec(
        select(Source.event_id, Source.quote).where(col(Source.event_id).in_(ids))
    ):
        texts[event_id].append(quote)
    return [
        Candidate(
            e.id,
            DateInterval(e.date_start, e.date_end, e.date_precision),
            frozenset(actors[e.id]),
            e.place_id,
            terms(" ".join([e.title, e.title_de or "", e.summary or "", e.summary_de or ""]))
            | terms(" ".join([*([] if near else [e.kind]), *texts[e.id]])),  # a proposal's
            # words are its reports', not its kind's
            frozenset() if near else _title_words(f"{e.title} {e.title_de or ''}", lexicon),
            e.kind,
            frozenset()
            if near
            else _title_words(f"{e.summary or ''} {e.summary_de or ''}", lexicon)
            - _title_words(f"{e.title} {e.title_de or ''}", lexicon),
        )
        for e in rows
    ]


@lru_cache(maxsize=65536)
def _title_words(titles: str, lexicon: tuple[Lexicon, Lexicon]) -> frozenset[str]:
    """The key words of an event's titles, names aside; kept per lexicon (one object per
    content of the alias tables, app.ingest.names): every ingest reads the same events."""
    return key_words(_blank_names(titles, lexicon))


def _blank_names(text: str, lexicon: tuple[Lexicon, Lexicon]) -> str:
    """The text with the actor and place names it contains blanked."""
    chars = list(text)
    for names in lexicon:
        for found in names.find(text):
            chars[found.start : found.end] = " " * (found.end - found.start)
    return "".join(chars)


def _nested_where(interval: DateInterval) -> ColumnElement[bool]:
    """Events within the interval, or holding it and no longer than a year (a day's slack
    either way): the proposals a report of this date may be another source of."""
    low, high = interval.start - ONE_DAY, interval.end + ONE_DAY
    return or_(
        col(Event.date_start).between(low, high),
        and_(
            col(Event.date_start) <= interval.start + ONE_DAY,
            col(Event.date_start) >= interval.end - timedelta(days=LONG_DAYS),
            col(Event.date_end) >= interval.end - ONE_DAY,
        ),
    )


def _interval(mention: DateMention) -> DateInterval:
    return DateInterval(
        mention.date_start,
        mention.date_end,
        mention.precision,  # type: ignore[arg-type]
        mention.qualifier,  # type: ignore[arg-type]
    )


def _outside_names(text: str, report: Report) -> str:
    """The sentence with its names blanked: words of names are no event's key words."""
    chars = list(text[report.start : report.end])
    for at, name, _ in report.names:
        chars[at - report.start : at - report.start + len(name)] = " " * len(name)
    return "".join(chars)


def proposed_id(article: Article, start: int, date_start: int) -> str:
    key = f"{article.text_sha256}:{start}:{date_start}"
    return "proposed-" + hashlib.sha256(key.encode()).hexdigest()[:12]


def _within(x: DateInterval, y: DateInterval) -> bool:
    """x lies within y, with a day's slack either side."""
    return y.start - ONE_DAY <= x.start and x.end <= y.end + ONE_DAY


def _family(kind: str) -> str:
    return KIND_FAMILIES.get(kind, kind)


def same_event(a: Candidate, b: Candidate, *, one_article: bool = False) -> bool:
    """Whether two reports tell one event (see the module docstring)."""
    x, y = a.interval, b.interval
    if max(_days(x), _days(y)) > LONG_DAYS or not (_within(x, y) or _within(y, x)):
        return False
    classified = "unclassified" not in (a.kind, b.kind)
    if classified and _family(a.kind) != _family(b.kind):
        return False
    shared = len(a.terms & b.terms)
    named = bool(a.actors & b.actors) or (a.place_id is not None and a.place_id == b.place_id)
    specific = _family(a.kind) == _family(b.kind) and classified and _family(a.kind) != "statement"
    days = (_days(x), _days(y))
    if (x.start, x.end) == (y.start, y.end) and days == (0, 0):  # the same day
        if one_article:
            return bool(shared or named or specific)
        return shared >= 2 or (named and classified) or (shared >= 1 and specific)
    if not specific:  # a day apart, or another precision: acts of one family, named alike
        return False
    if days == (0, 0):
        return shared >= 2 and named
    if max(days) > SEASON_DAYS:
        return shared >= MANY_WORDS
    return bool(shared or named)


def _same(run: "Run", this: Candidate, source: SourceSpec) -> int | None:
    """The index in run.known of the proposal `this` reports again: of those telling the
    same event and not citing this sentence already (another date in one sentence is
    another event), one of the same date first, then the one sharing most words, then most
    actors, then the most precise."""
    fits = [
        (
            k.interval == this.interval,
            len(k.terms & this.terms),
            len(k.actors & this.actors),
            -_days(k.interval),
            n,
        )
        for n, k in enumerate(run.known)
        if same_event(k, this, one_article=bool(run.sources(k.id)))
        and quote_key(source) not in {quote_key(s) for s in run.sources(k.id)}
    ]
    return max(fits)[-1] if fits else None


@dataclass
class Run:
    """What one article's linking gathers before it writes: links by (passage, event),
    new proposals, and further sources of proposals stored before."""

    links: dict[tuple[int, str], EventLink]
    new: dict[str, EventSpec]
    known: list[Candidate]
    cited: dict[str, list[SourceSpec]]
    refined: dict[str, tuple[DateInterval, str]] = field(default_factory=dict)

    def sources(self, event_id: str) -> list[SourceSpec]:
        """The sources of this article that the proposal cites so far."""
        return self.new[event_id].sources if event_id in self.new else self.cited[event_id]

    def again(self, at: int, this: Candidate, source: SourceSpec) -> str:
        """Makes the report `this` another source of the proposal known[at], which takes
        the more precise date (and a kind when it had none); answers the proposal's id."""
        same = self.known[at]
        narrower = _days(this.interval) < _days(same.interval)
        kind = this.kind if same.kind == "unclassified" else same.kind
        interval = this.interval if narrower else same.interval
        self.known[at] = replace(
            same,
            interval=interval,
            actors=same.actors | this.actors,
            terms=same.terms | this.terms,
            kind=kind,
        )
        self.sources(same.id).append(source)
        if same.id in self.new:
            self.new[same.id].date, self.new[same.id].kind = interval, kind
        elif narrower or kind != same.kind:
            self.refined[same.id] = (interval, kind)
        return same.id

    def link(self, link: EventLink) -> None:
        key = (link.passage_id, link.event_id)
        if key not in self.links or link.score > self.links[key].score:
            self.links[key] = link


def link_article(session: Session, article: Article) -> None:
    """Links or proposes events for every report of a newly stored article."""
    passages = list(
        session.exec(
            select(Passage).where(Passage.article_id == article.id).order_by(col(Passage.ordinal))
        ).all()
    )
    ids = [p.id for p in passages if p.id is not None]
    dates = views.by_passage(session, DateMention, ids, col(DateMention.start))
    actors = views.by_passage(session, ActorMention, ids, col(ActorMention.start))
    places = views.by_passage(session, PlaceMention, ids, col(PlaceMention.start))
    found = of_article(article.text, passages, dates, actors, places, article.title)
    intervals = [_interval(m) for r in found for m in r.dates]
    published = _candidates(session, intervals, "published")
    starts = [  # "the first launch since Sept. 15": the proposal of 15 September
        proposals.first_unit(_interval(m))
        for r in found
        for m in r.dates
        if proposals.is_since(m.text)
    ]
    known = _candidates(session, [*intervals, *starts], "proposed", near=True)
    run = Run({}, {}, known, defaultdict(list))
    persons = _persons(session, actors)
    for report in found:
        assert report.passage.id is not None
        passage_actors = {a.actor_id for a in actors[report.passage.id]}
        passage_places = {p.place_id for p in places[report.passage.id]}
        words = terms(report.passage.text)
        blanked = _outside_names(article.text, report)
        person = _person_before(actors[report.passage.id], report.start, persons)
        dated = _event_dates(report.dates)
        for mention in report.dates:
            if mention not in dated and mention.qualifier != "after":
                continue  # "2018, on March 5": the day; "seit 2006" still names an event
            interval = _anchor(_interval(mention))
            said = _said(article.text, blanked, report, mention, article.language)
            scored = [
                (
                    score(c, interval, passage_actors, passage_places, words, said),
                    c,
                )
                for c in published
            ]
            best, event = max(
                scored,
                key=lambda pair: (pair[0] > 0, _holds(interval, pair[1]), pair[0]),
                default=(0.0, None),
            )
            linked = (
                event
                if event is not None and best > 0 and _links(event, interval, best, report, said)
                else None
            )
            if linked is not None:
                run.link(_link(article, report, mention, linked.id, "linked", best))
            if mention in dated:
                _propose(article, report, mention, linked, run, person)
    cited = curation.citing(session, run.cited)
    for spec in cited:
        if spec.id in run.refined:
            spec.date, spec.kind = run.refined[spec.id]
    events.put_many(session, [*run.new.values(), *cited])  # before the links that name them
    session.add_all(run.links.values())
    session.flush()


def _said(text: str, blanked: str, report: Report, mention: DateMention, language: str) -> Said:
    """What the clause of the mention says happened (the clause of the sentence with its
    names blanked gives the key words)."""
    at = -1 if report.heading else mention.start - report.start
    dates = [m.start - report.start for m in report.dates]
    clause = _clause(text[report.start : report.end], at, dates)[0]
    return Said.of(clause, _clause(blanked, at, dates)[0], frozenset(report.places), language)


def _persons(session: Session, actors: dict[int, list[ActorMention]]) -> dict[str, str]:
    """Names of the people the article names, by actor id."""
    ids = {m.actor_id for ms in actors.values() for m in ms}
    return dict(
        session.exec(
            select(Actor.id, Actor.name).where(col(Actor.id).in_(ids), Actor.kind == "person")
        ).all()
    )


ACTS = frozenset(
    [
        "summit",
        "meeting",
        "visit",
        "agreement",
        "weapons-test",
        "military-action",
        "sanctions",
        "election",
        "inauguration",
        "war",
        "death",
        "founding",
        "demolition",
    ]
)
MEETINGS = frozenset(["summit", "meeting", "negotiation", "agreement"])
KIND_FAMILIES = {
    "summit": "meeting",
    "meeting": "meeting",
    "visit": "meeting",
    "negotiation": "meeting",
    "agreement": "meeting",
    "statement": "statement",
    "speech": "statement",
    "threat": "statement",
    "publication": "statement",
    "war": "war",
    "military-action": "war",
}


def _covers(event: Candidate, mention: DateInterval, kind: str) -> bool:
    """Whether a linked event is the event the sentence reports: no period around it (but
    its first or last day: "im Februar 2022 begonnen"), and not another act than the
    sentence's (a test is no exercise; what is said or meant, statements, speeches,
    policies, may be said of any act)."""
    if mention.precision in ("year", "decade"):
        return True  # too coarse to tell a new event from the one it linked
    long = _days(event.interval) > max(COARSE_DAYS, _days(mention))
    if long and not _holds_end(mention, event.interval):
        return False
    if kind not in ACTS or event.kind not in ACTS:
        return True
    return KIND_FAMILIES.get(kind, kind) == KIND_FAMILIES.get(event.kind, event.kind)


_CLAUSE = re.compile(  # not "its sixth and largest test": "and" after a comma, or before
    # a preposition, an adverb of time or an English past tense
    r",\s+(?:and|und)\s+(?=[a-zäöüß])|\s+(?:and|und)\s+(?=(?:in|on|at|then|later|im|am|dann|"
    r"später|zuletzt|[a-z]+ed)\b)|;\s*|\s[–—]\s|,\s+(?=(?:but|while|after|before|when|where|"
    r"which|aber|während|nachdem|bevor|als|wo|wobei|wie|as|according|laut)\b)|"
    r",\s+(?=(?:im|am)\s+\w+\s+[a-zäöüß])"  # ", im November sagte Nordkorea ..."
)
_SUBORDINATE = re.compile(  # a clause of its own subject: no subject put in front
    r"\s*(?:but|while|after|before|when|where|which|aber|während|nachdem|bevor|als|wo|wobei|"
    r"wie|as|according|laut)\b"
)
_PRONOUN = re.compile(r"\b(?:er|sie|he|she)\b", re.IGNORECASE)
_LEADING_NAME = re.compile(r"((?:[A-ZÄÖÜ][\w'’-]*\s+){1,4})(?=[a-zäöüß])")
NOT_SUBJECTS = frozenset(
    [
        "im",
        "am",
        "in",
        "on",
        "at",
        "seit",
        "since",
        "nach",
        "after",
        "bereits",
        "erst",
        "dann",
        "then",
        "when",
        "als",
        "während",
        "while",
        "by",
        "bis",
        "until",
        "from",
        "vom",
        "ab",
        "last",
        "only",
        "nur",
        "noch",
        "auf",
        "mit",
        "bei",
        "vor",
        "für",
    ]
)


def _clause(text: str, at: int, dates: list[int]) -> tuple[str, int]:
    """The clause of the sentence holding offset `at` when the sentence dates several
    events (`dates`: the offsets of its date expressions): it ends at the last clause
    boundary before the next date and starts after the last one before `at` that comes
    after the previous date ("its sixth and largest nuclear test, and in November it
    launched": the second "and"); with the sentence's subject in front when the clause
    lacks one ("... and stepped down in August 2020"); and the offset in the sentence
    that clause offsets add to."""
    if len(dates) < 2 or at < 0:
        return text, 0
    cuts = list(_CLAUSE.finditer(text))
    ordered = sorted(dates)
    chosen = [
        max((c for c in cuts if a < c.start() and c.end() <= b), key=lambda c: c.start())
        for a, b in itertools.pairwise(ordered)
        if any(a < c.start() and c.end() <= b for c in cuts)
    ]
    start = max([0, *(c.end() for c in chosen if c.end() <= at)])
    end = min([len(text), *(c.start() for c in chosen if c.start() > at)])
    clause = text[start:end]
    leading = _LEADING_NAME.match(text)
    lone = start > 0 and clause.lstrip()[:1].islower() and not _SUBORDINATE.match(clause)
    if lone and leading:
        subject = leading.group(1)
        words = subject.casefold().split()
        if words[0] not in NOT_SUBJECTS and words != ["the"]:  # "The thaw": no subject
            stripped = clause.lstrip()
            return subject + stripped, start + len(clause) - len(stripped) - len(subject)
    return clause, start


def _links(
    event: Candidate,
    mention: DateInterval,
    value: float,
    report: Report,
    said: Said,
) -> bool:
    """A score of LINK_THRESHOLD; or the very day of the event, with one of its actors
    named in the sentence; or that day, or a month holding the event (or its first or last
    day), with the clause saying what happened twice over (two of its key words, or one
    or its place and its kind) or naming an actor in a clause of its kind: few events fit
    either."""
    if value >= LINK_THRESHOLD:
        return True
    hits = key_hits(event.key_words, said.words)
    kind = said.kind
    there = event.place_id is not None and event.place_id in said.places
    specific = hits >= 2 or ((hits == 1 or there) and _same_kind(kind, event.kind))
    shared = bool(event.actors & set(report.actors))
    fit = _date_fit(event.interval, mention)
    if mention.precision == "day" and fit >= NEXT_DAY_FIT:  # "April 21: ... state media report"
        return specific or (shared and fit == DATE_FIT["day"])
    inside = _holds(mention, event)
    if mention.precision == "year":  # "seit 2006", "In 2014 his cabinet reinterpreted"
        begun = mention.start <= event.interval.start <= mention.end
        return begun and hits >= 2 and not said.first_since
    held = mention.precision == "month" and (inside or _holds_end(mention, event.interval))
    return held and (specific or (shared and _same_kind(kind, event.kind)))


def _event_dates(dates: list[DateMention]) -> list[DateMention]:
    """The date expressions of a sentence that date an event of their own: not one whose
    interval holds another's ("2018, on March 5": the day)."""
    return [
        m
        for m in dates
        if not any(
            o is not m
            and m.date_start <= o.date_start
            and o.date_end <= m.date_end
            and (o.date_start, o.date_end) != (m.date_start, m.date_end)
            for o in dates
        )
    ]


def _propose(
    article: Article,
    report: Report,
    mention: DateMention,
    linked: Candidate | None,
    run: Run,
    person: tuple[str, str] | None,
) -> None:
    """Proposes the event the mention dates, or cites the report for the same event
    proposed before (see the module docstring)."""
    interval = _interval(mention)
    text = article.text[report.start : report.end]
    at_date = -1 if report.heading else mention.start - report.start
    dates = [m.start - report.start for m in report.dates]
    clause, offset = _clause(text, at_date, dates)
    kind = proposals.kind_of(clause, article.language, None if at_date < 0 else at_date - offset)
    if linked is not None and _covers(linked, interval, kind):
        return
    if len(report.dates) > 1 and proposals.is_attribution(clause):
        return  # "..., wie Yonhap am Mittwoch berichtete": when it was reported
    at = mention.start - report.start - offset  # in the clause; < 0 after a heading
    before, after = clause[: max(0, at)], article.text[mention.end : report.end]
    if not report.heading and proposals.no_event_date(clause, before[-40:]):
        return
    if proposals.is_since(mention.text, before):
        if not proposals.since_event(before, after):
            return
        interval = proposals.first_unit(interval)
    if interval.precision == "decade" or proposals.is_now(mention.text):
        return
    first, last = article.published_start, article.published_end
    if (
        kind == "unclassified"
        and interval.precision != "day"
        and first is not None
        and interval.start <= first <= interval.end
    ):
        return  # "in diesem Herbst nicht in Geberlaune": the present state, no act

    if (
        first is not None
        and last is not None
        and (
            interval.start > last
            or (interval.end >= first - PLAN_DAYS and proposals.is_plan(clause, article.language))
        )
    ):
        return  # a plan, not an event
    value = proposals.date_score(interval, inferred=mention.inferred, heading=report.heading)
    meant = [person[0]] if person and _PRONOUN.search(clause) else []  # "überquerte er"
    this = Candidate(
        proposed_id(article, report.start, mention.start),
        interval,
        frozenset([*report.actors, *meant]),
        report.places[0] if report.places else None,
        terms(_clause(_outside_names(article.text, report), at_date, dates)[0]),
        frozenset(),
        kind,
    )
    source = SourceSpec(
        passage_id=report.passage.id or 0,
        quote=text,
        start=report.start,
        end=report.end,
        stated_date=interval,
    )
    same = _same(run, this, source)
    if same is not None:
        run.link(_link(article, report, mention, run.again(same, this, source), "proposed", value))
        return
    title, by_pronoun = proposals.title(
        clause,
        []
        if report.heading
        else [
            (m.start - report.start - offset, m.end - report.start - offset)
            for m in report.dates
            if 0 <= m.start - report.start - offset < len(clause)
        ],
        [name for _, name, _ in report.names],
        person[1] if person else None,
    )
    actor_ids = report.actors + ([person[0]] if person and by_pronoun else [])
    in_language = "title_de" if article.language == "de" else "title"
    run.new[this.id] = EventSpec(
        id=this.id,
        **{in_language: title},
        kind=kind,
        date=interval,
        place_id=this.place_id,
        status="proposed",
        actors=[ActorRole(actor_id=a, role="subject") for a in dict.fromkeys(actor_ids)],
        sources=[source],
    )
    run.known.append(this)
    run.link(_link(article, report, mention, this.id, "proposed", value))


def _person_before(
    mentions: list[ActorMention], start: int, persons: dict[str, str]
) -> tuple[str, str] | None:
    """The id and name of the last person named before `start` in the passage's
    `mentions` (whom a pronoun may stand for)."""
    found = None
    for mention in mentions:
        if mention.start < start and mention.actor_id in persons:
            found = (mention.actor_id, persons[mention.actor_id])
    return found


def _link(
    article: Article,
    report: Report,
    mention: DateMention,
    event_id: str,
    found_as: str,
    value: float,
) -> EventLink:
    """A pending link quoting the report's sentence, with the date it states."""
    assert report.passage.id is not None
    return EventLink(
        passage_id=report.passage.id,
        event_id=event_id,
        found_as=found_as,
        score=value,
        quote=article.text[report.start : report.end],
        start=report.start,
        end=report.end,
        stated_start=mention.date_start,
        stated_end=mention.date_end,
        stated_precision=mention.precision,
        stated_qualifier=mention.qualifier,
    )

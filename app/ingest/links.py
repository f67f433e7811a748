"""Linking an ingested article's reports to the published events they tell.

A report (app.ingest.reports) is a sentence of the story that states a date, or follows a
date heading. For each of its date expressions ("seit 2006", "since 2006" point at 2006,
and link even beside the day they hold: "detonated a bomb on Sunday, its sixth test since
2006"),
the published events whose date interval overlaps the expression's interval (or, both at
day precision, lies within one day of it: "berichteten am Dienstag" about Monday's event)
are candidates. A candidate links only when the expression's clause (the sentence, or its
part holding the expression when the sentence dates several events; from a colon before
it when what follows tells an act: "The meeting was arranged in a day: Trump floated it
in a tweet on Saturday"; the whole sentence when the part is names and a date, "und in
Panmunjom (Juni 2019)") says what happened:

* it has one of the event's key words: the words of its English and German titles, names
  and generic words ("first", "erste", "says") aside, compared by stem (irregular verbs
  by their infinitive: "met" and "meet"), by their first six letters, by a German
  compound's head ("Atomtest" and "Test"; not by a modifier whose compound's head is
  another act: "Präsident" and "Präsidentschaftswahl"), or by the act they name in either
  language (app.ingest.concepts: "vereidigt", "sworn in" and "inauguration"; once per
  act); a word of eight letters or more ("Atommacht") counts twice; or
* it has two key words of the event's summaries (names and title words aside: "the
  first sitting U.S. president to set foot in North Korea"), which count as one; or
* of a statement (speech, threat, publication) of one of the passage's actors, it has
  one key word of its titles and one of its summaries, and reports no meeting (it may wish
  one): "North Korea, which announced it was leaving the NPT in 2003", whatever kind
  "treaty" makes the clause read; or
* its kind (app.ingest.proposals.kind_of: the clause's main act, not an occasion opening
  it, "At the NATO summit near London on Tuesday, Trump ... calling him"; or an act its
  words name, app.ingest.concepts, but a meeting or visit: "legt den Amtseid ab", "took
  office" are an inauguration) is the event's, or both are meetings (summit, meeting,
  talks, agreement): not a statement (any clause may say something) nor a visit (a
  visit holds meetings of its own), and not a day off (talks on the eve of a summit are
  other talks); or
* at day precision, it names the event's place and is of the event's family of kinds
  (meetings and visits; statements, speeches, threats and publications; wars and
  military actions): "Staatsmedien berichteten am 16. Januar, Nordkorea habe das
  Atomtestgelände Punggye-ri aufgegeben"; or, on the very day of a one-day event, it
  names its place and two of its actors (all when it has fewer) and tells no other act
  (an act during a visit is not the visit): "Trump überschritt am Sonntag mit Kim in
  Panmunjom die Demarkationslinie";
* and, with fewer than two title key words and not by its place, the clause is of no known
  kind, or of the event's kind or family of acts: not another act (a tweet is no
  meeting), nor another thing said (a newspaper's report is no threat of North Korea's);
  but what is said may tell a policy, which is declared ("Kim declared South Korea the
  North's principal enemy in a speech to the rubber-stamp parliament on Jan. 15").

A wish or an offer ("er würde Kim gern an der Grenze treffen", "would like to meet",
"wants to meet") is no report of the act: it links nothing a day off its date (it is an
event of its own). Shared actors and place alone never tie a dated sentence to an event
of another day. Each candidate is scored in [0, 1]:

    score = 0.25 * date + 0.35 * actors + 0.20 * place + 0.20 * terms

* date: how specific the match is, by the coarser of the expression's and the event's
  precision (day 1.0, month 0.7, year 0.4, decade 0.1; a day off by one 0.9); an event
  lasting more than a year counts as a decade (a day inside a thirty-year policy says
  little) unless the expression, a month at most, holds its first or last day (the start
  of a war is a moment); a day or month links to it (a day to an event longer than a
  month) only with one of its title's key words and one of its actors named in the passage
  ("Kim warf den Verantwortlichen ... vor" is no report of Trump's "selbst verantwortlich"
  of 2025), or, holding its first day with one of
  its actors named, with a word of its summary, which tells how it began ("Russia invades
  Ukraine": "Russia invaded Ukraine on 24 February 2022"; begins);
* actors: actors both named in the passage and linked to the event, two or more count 1.0,
  one counts 0.5;
* place: 1.0 when the passage names the event's place;
* terms: the clause's key words of the event (its summaries' at half), two count 1.0;
  at least half the share of words of four or more letters in both the passage and the
  event's title, summary, kind, tags and source quotes (three count 1.0).

Of the candidates, one the expression holds whole goes first, then the best score (the
July tests before the series of 2017-2024 that began in July), then the most key words in
the clause ("inherited power when his father died in December 2011": the accession, and
the death beside it). It is `linked` when it
scores at least LINK_THRESHOLD; or is dated that very day, with one of its actors named
in the sentence; or is dated that day or the day before or after ("April 21: state media
report"), or held by the month (or its first or last day in it), with two of its key
words (one, or its place, and its kind) in the clause, or (by the month) with an actor
and its kind or the summary's words of its start; or began in the year, with two key
words, or one naming its act ("der sechste Atomtest seit 2006", "the country's founding
in 1948"; not "erstmals seit 2017", which points at the
year's last such event; but "the first trip since taking power in 2011" names the act of
2011); or, lasting a year at most, holds months with two key words ("Over the summer of
2019 it fired more than a dozen short-range missiles": the series of May-November). A
link is pending (table event_link), quoting the sentence, until a curator accepts or
rejects it; a passage links to as many events as its expressions fit. An expression links
its best candidate, and beside it another event it holds of another family of acts whose
act the clause names (app.ingest.events: "who inherited power when his father died in
December 2011" links the accession and the death).
"""

import re
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import timedelta

from sqlalchemy import ColumnElement, and_, or_
from sqlalchemy import select as sa_select
from sqlmodel import Session, col, select

from app.dates import DateInterval
from app.ingest import proposals
from app.ingest.concepts import concept
from app.ingest.names import lexicons
from app.ingest.reports import Report
from app.ingest.words import key_hits, key_words, terms, title_words
from app.models import Event, EventActor, EventTag, Source

LINK_THRESHOLD = 0.6


WEIGHTS = {"date": 0.25, "actors": 0.35, "place": 0.2, "terms": 0.2}


DATE_FIT = {"day": 1.0, "month": 0.7, "year": 0.4, "decade": 0.1}


NEXT_DAY_FIT = 0.9


LONG_DAYS = 366  # an event longer than this is a period, not a moment


COARSE_DAYS = 31


ONE_DAY = timedelta(days=1)


# "erstmals seit 2017", "has not tested ... since 2017", "seit 2017 keine Rakete mehr": the
# year holds the last such event, which the clause does not name; not "the first trip since
# taking power in 2011", "first ... since he took power": since an act, whose year is the act's
_FIRST_SINCE = re.compile(
    rf"(?:\b(?:erstmals|zum ersten mal|first|{proposals.NEGATION_WORDS})\b"
    r"|n't\b).{0,80}\b(?:seit|since)\b(?!\s+(?:\w+ing|he|she|it|they|we|er|sie|es|wir)\b)"
    r"|\b(?:seit|since)\b.{0,80}\b(?:kein\w*|nicht|nie|niemals)\b",
    re.IGNORECASE,
)


# a wish or an offer: "er würde Kim gern an der Grenze treffen", "said he would like to
# meet Kim", "wants to meet": no report of the act
_WISH = re.compile(
    r"\b(?:würden?\b[^.;]{0,60}\bgerne?|möchten?|wollen?|wollte|would\s+(?:like|love)\s+to|"
    r"wants?\s+to|wanted\s+to|hop(?:es?|ed)\s+to|offer(?:s|ed)?\s+to)\b",
    re.IGNORECASE,
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
    first_since: bool  # "erstmals seit 2017", "not since 2017": the year holds the last such
    actors: frozenset[str] = frozenset()  # the actors its sentence names
    wish: bool = False  # "er würde Kim gern treffen": a wish, no report of the act
    acts: frozenset[str] = frozenset()  # the acts its words name (app.ingest.concepts)

    @classmethod
    def of(
        cls,
        clause: str,
        blanked: str,
        places: frozenset[str],
        language: str | None,
        actors: frozenset[str] = frozenset(),
        own: str | None = None,
    ) -> "Said":
        """What the clause says, `blanked` being the clause with its names blanked; `own`
        its part from the date before the mention's (the clause when None)."""
        first_since = _FIRST_SINCE.search(clause if own is None else own) is not None
        kind = proposals.kind_of(clause, language)
        wish = _WISH.search(clause) is not None
        words = key_words(blanked)
        acts = frozenset(a for a in map(concept, words) if a is not None)
        return cls(words, kind, places, first_since, actors, wish, acts)

    def of_kind(self, kind: str) -> bool:
        """Whether the clause is of this kind, or names its act (names_act)."""
        return _same_kind(self.kind, kind) or self.names_act(kind)

    def names_act(self, kind: str) -> bool:
        """Whether the clause's words name the act of this kind, where kind_of read another
        ("legt den Amtseid ab und bietet Gespräche an", "since Lee took office"); not a
        meeting or visit, the occasion of other acts ("At the NATO summit, Trump said")."""
        return kind in self.acts and KIND_FAMILIES.get(kind, kind) != "meeting"


def date_fit(event: DateInterval, mention: DateInterval) -> float:
    """How well the dates fit (see the module docstring); 0 when they are apart."""
    if event.end < mention.start or mention.end < event.start:
        next_day = event.precision == mention.precision == "day" and (
            event.end + ONE_DAY == mention.start or mention.end + ONE_DAY == event.start
        )
        return NEXT_DAY_FIT if next_day else 0.0
    long = day_count(event) > LONG_DAYS and not holds_end(mention, event)
    event_fit = DATE_FIT["decade"] if long else DATE_FIT[event.precision]
    return min(DATE_FIT[mention.precision], event_fit)


def holds_end(mention: DateInterval, event: DateInterval) -> bool:
    """Whether a mention no longer than a month holds the first or last day of the event:
    the start or the end of a long event is a moment ("im Februar 2022 begonnen")."""
    short = day_count(mention) <= COARSE_DAYS
    return short and any(mention.start <= day <= mention.end for day in (event.start, event.end))


def holds(mention: DateInterval, event: Candidate) -> bool:
    """Whether the mention holds the whole event: of the candidates that may link, the one
    it holds goes before a period around it ("In July ... tested two ICBMs": the July tests,
    not the series of 2017-2024)."""
    return mention.start <= event.interval.start and event.interval.end <= mention.end


def anchor(mention: DateInterval) -> DateInterval:
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


def day_count(interval: DateInterval) -> int:
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
    fit = date_fit(candidate.interval, mention)
    if fit == 0.0 or (fit == NEXT_DAY_FIT and clause.wish):
        return 0.0  # a wish the day before a meeting is no report of it
    hits = key_hits(candidate.key_words, clause.words)
    begun = begins(candidate, mention, clause)
    told = key_hits(candidate.summary_words, clause.words)
    summed = hits + (told if begun else told // 2)
    said = summed > 0
    there = mention.precision == "day" and (
        (candidate.place_id in clause.places and _kin(clause.kind, candidate.kind))
        or _present(candidate, fit, clause)
    )
    if not (said or there or clause.of_kind(candidate.kind)):
        return 0.0
    if not (said or there) and fit == NEXT_DAY_FIT:
        return 0.0  # by its kind alone, a clause tells an event of its own date only
    if (
        hits < 2
        and not (there or begun or _stated(candidate, clause, actors))
        and not (_tells(clause.kind, candidate.kind) or clause.names_act(candidate.kind))
    ):
        return 0.0
    span = day_count(candidate.interval)
    within = (span > LONG_DAYS and mention.precision in ("day", "month")) or (
        span > COARSE_DAYS and mention.precision == "day"
    )
    if within and not ((hits and actors & candidate.actors) or begun):
        return 0.0  # a period is named by its title's words and actors, its start by its summary
    parts = {
        "date": fit,
        "actors": min(1.0, len(actors & candidate.actors) / 2),
        "place": float(candidate.place_id is not None and candidate.place_id in places),
        "terms": max(min(1.0, summed / 2), min(1.0, len(words & candidate.terms) / 3) / 2),
    }
    return round(sum(WEIGHTS[k] * v for k, v in parts.items()), 3)


def _stated(event: Candidate, said: Said, actors: Iterable[str]) -> bool:
    """Whether the clause tells a statement of one of its actors by one key word of its
    title and one of its summary, whatever kind it reads ("North Korea, which announced it
    was leaving the Nuclear Non-Proliferation Treaty in 2003": no agreement); not by a
    meeting it reports ("envoys meet Kim" is no acceptance of an invitation to meet), but
    by one it wishes ("he wants to meet Kim again this year")."""
    meets = not said.acts.isdisjoint(["meeting", "summit", "visit"])
    return (
        KIND_FAMILIES.get(event.kind) == "statement"
        and key_hits(event.key_words, said.words) == 1
        and key_hits(event.summary_words, said.words) > 0
        and not event.actors.isdisjoint(actors)
        and (said.wish or not meets)
    )


def begins(candidate: Candidate, mention: DateInterval, clause: Said) -> bool:
    """Whether a day or month holding the first day of a period, its sentence naming one of
    its actors, says how it began in the words of its summary: "Russia invades Ukraine"
    (summary: "Russia invaded Ukraine on 24 February 2022"), "Im September 2023 hatte Kim
    Putin ... besucht" ("Von Kims Besuch bei Putin im September 2023 bis ...")."""
    return (
        day_count(candidate.interval) > COARSE_DAYS
        and mention.precision in ("day", "month")
        and mention.start <= candidate.interval.start <= mention.end
        and bool(clause.actors & candidate.actors)
        and key_hits(candidate.summary_words, clause.words) > 0
    )


def _present(candidate: Candidate, fit: float, clause: Said) -> bool:
    """Whether the clause names the place and two of the actors (all, when it has fewer) of
    an event of one day, on that day, telling no other act: "Trump überschritt am Sonntag mit
    Kim in Panmunjom die Demarkationslinie" is the Panmunjom meeting without its words."""
    named = len(candidate.actors & clause.actors) >= min(2, len(candidate.actors))
    return (
        fit == DATE_FIT["day"]
        and day_count(candidate.interval) == 0
        and candidate.place_id in clause.places
        and bool(candidate.actors)
        and named
        and not _other_act(clause.kind, candidate.kind)
    )


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
    an attack, a summit and a visit), or a statement of a policy; not another act, nor
    another thing said (one word, "Raketen", in a newspaper's report does not make it
    North Korea's threat)."""
    if "unclassified" in (kind, other) or kind == other:
        return True
    family = KIND_FAMILIES.get(kind, kind)
    if family == "statement" and other == "policy":
        return True  # a policy is declared: "Kim declared South Korea the principal enemy"
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


def candidates(
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
        where.append(or_(*(_nested_where(i) for i in intervals)))
    # Plain rows, not ORM objects (nothing here writes them back)
    rows = session.execute(sa_select(*CANDIDATE_COLUMNS).where(*where)).all()
    ids = [e.id for e in rows]
    lexicon = None if near else lexicons(session)  # proposals are matched by terms
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
            frozenset()
            if lexicon is None
            else title_words(f"{e.title} {e.title_de or ''}", lexicon),
            e.kind,
            frozenset()
            if lexicon is None
            else title_words(f"{e.summary or ''} {e.summary_de or ''}", lexicon)
            - title_words(f"{e.title} {e.title_de or ''}", lexicon),
        )
        for e in rows
    ]


def _nested_where(interval: DateInterval) -> ColumnElement[bool]:
    """Events within the interval, or holding it and no longer than a year (a day's slack
    either way), or of a period longer than a year the same period: the proposals a report
    of this date may be another source of."""
    if day_count(interval) > LONG_DAYS:
        return and_(col(Event.date_start) == interval.start, col(Event.date_end) == interval.end)
    low, high = interval.start - ONE_DAY, interval.end + ONE_DAY
    return or_(
        col(Event.date_start).between(low, high),
        and_(
            col(Event.date_start) <= interval.start + ONE_DAY,
            col(Event.date_start) >= interval.end - timedelta(days=LONG_DAYS),
            col(Event.date_end) >= interval.end - ONE_DAY,
        ),
    )


def is_link(
    event: Candidate,
    mention: DateInterval,
    value: float,
    report: Report,
    said: Said,
) -> bool:
    """A score of LINK_THRESHOLD; or the very day of the event, with one of its actors
    named in the sentence; or that day, or a month holding the event (or its first or last
    day), with the clause saying what happened twice over (two of its key words, or one
    or its place and its kind) or naming an actor in a clause of its kind; or months
    within a series of a year at most, with two of its key words: few events fit either.
    "Erstmals seit 2017", "has not tested ... since 2017" name no event of 2017: a period
    longer than a year may link by two of its key words, nothing else. A sentence dated by
    a live blog's day links by the event's place or key words (or, naming no place, its
    kind), never by actors and date alone."""
    hits = key_hits(event.key_words, said.words)
    if mention.precision == "year" and said.first_since:
        return day_count(event.interval) > LONG_DAYS and hits >= 2
    there = event.place_id is not None and event.place_id in said.places
    if report.blog and not (there or hits or (not said.places and said.of_kind(event.kind))):
        return False  # a live blog's day links by the event's place or words, not actors alone
    if value >= LINK_THRESHOLD:
        return True
    shared = bool(event.actors & set(report.actors))
    stated = _stated(event, said, report.actors)
    specific = hits >= 2 or ((hits == 1 or there) and said.of_kind(event.kind)) or stated
    fit = date_fit(event.interval, mention)
    if mention.precision == "day" and fit >= NEXT_DAY_FIT:  # "April 21: ... state media report"
        return specific or (shared and fit == DATE_FIT["day"] and not report.blog)
    inside = holds(mention, event)
    if mention.precision == "year":  # "seit 2006", "In 2014 his cabinet reinterpreted"
        begun = mention.start <= event.interval.start <= mention.end
        named = hits >= 2 or (hits == 1 and said.names_act(event.kind)) or stated
        return begun and named
    held = mention.precision == "month" and (inside or holds_end(mention, event.interval))
    begun = begins(event, mention, said)
    if held:
        return specific or (shared and (said.of_kind(event.kind) or begun))
    # months within a series of a year at most, named by two of its title's key words:
    # "Over the summer of 2019 it fired more than a dozen short-range missiles"
    part = event.interval.start <= mention.start and mention.end <= event.interval.end
    return (
        mention.precision == "month"
        and part
        and day_count(event.interval) <= LONG_DAYS
        and hits >= 2
    )

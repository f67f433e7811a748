"""Tying an ingested article's reports to events: linked to an existing one
(app.ingest.links), or proposed.

A date expression proposes a new event (status `proposed`, hidden from GET /events
unless asked for) when it linked nothing, or an event that is not the one the sentence
reports: a period around its date (longer than a month and than the expression, unless
this holds its first or last day, but for an act that began a trend of no kind: the
summit of a rapprochement, or a day of a series of tests, each test an event of its own;
or is a season of a series of a year at most: "Over the summer it fired a dozen
missiles"; a year is too coarse to tell), or another act (a joint
exercise is no missile test; meetings, summits, visits and agreements are one family, but
an act on a day inside a visit or a war is its own: an agreement signed during a trip).
So a specific new event is never hidden by one around it. Not for a decade, nor "today",
nor a plan: a date after the publication, or in its last week in a clause that says
"will", "is expected to", "was due to", "soll" (or, for a date reaching past the
publication, "would", "werde", the aim of a call or announcement: "said the North would
launch three more satellites in 2024", "agreed to seek talks this year", "angekündigt,
2024 drei Satelliten zu starten"; but what was said on a day next to a verb of saying is
said then: "threatened on Monday that such planes could be shot down"; not what a quote
after the date says, "hatte am Samstag gedroht: „Schon bald wird ...", nor a relative
clause telling what a thing is meant to do, "Sanktionen, die die Exporte senken sollen");
nor a year naming
a thing ("the 2018 military agreement", "das Abkommen von 2018", "the 2019 Hanoi
collapse"; a link to the thing is fine); nor a date
no event has (app.ingest.proposals: "seit 2006" unless "the first ... since" or "not
... since" a day or month ("has not tested a nuclear weapon since 2017" names no test), or
since a day or month an act going on, its start dated: "Since late May, the North has floated
balloons", not where the passage links an existing event or another date of the sentence
holds that start; "until last year", a comparison: "wie 2019,", a counterfactual); nor a
period holding the publication date in a clause that names no act ("in diesem Herbst"),
nor a date counted on in a clause of a present state ("Two weeks later the tone has
changed"); nor a point the act is told from, beside the act's own date ("Nach 2016 und
2019 ließ er die Verfassung im September 2023 ändern"); nor the report's own date in a
sentence dating several: "wie Yonhap am Mittwoch berichtete", a day next to a verb of
saying when the sentence dates another day up to a week before it ("habe am Montag ...
getestet, meldete KCNA am Dienstag"; "fired ... on Monday, the military said on
Tuesday"); nor the date of pictures ("Auf Aufnahmen vom 19.
Januar stand er noch", "state television on Wednesday showed footage of the blast"):
evidence of an event, at most a link to the event they show (a proposal of their day
may be another act: "... said on Wednesday it would send troops back"). A report's day
alone ("said on Thursday it had test-fired", "teilte am Mittwoch mit, es habe ...
getestet") dates the act a day before when the report came "a day after" the launch was
seen ("einen Tag nachdem ... erfasst"), else on the report's day, the latest it can be,
scored as an inferred date: the curator sees the doubt. When a sentence dates several
events, each is proposed from its clause (app.ingest.clauses). A live blog's sentence
dated by the blog's day (app.ingest.reports) proposes only an act the lexicon names or a
statement of what will be done ("Trump said the United States would halt the war
games"), and nothing when it fits an event of that day by actors and date alone (it may
tell that event).

One proposal per real event: a report becomes another source of a proposal stored before
(or made from this article) that tells the same event, and links to it. The same event:
the dates are one within the other (a day's slack), no longer than a year (or exactly
one period, with three shared words and an actor: "during Japan's 1910-45 colonial rule"
twice), and the kinds of one family (or one unclassified); then, on the same day, two
shared words, a shared actor or place (both kinds known), or a shared word and the same
kind; in the article that cites it already, a word, actor, place or the same kind, or an
act the lexicon cannot name beside one it names (not a statement); a day apart or at
another precision ("im September 2017" and "3. September 2017"), kinds of one family
(not statements) and a shared word, actor or place (two words and an actor a day apart,
three words for a season or longer); statements (any clause may say something) only when
both name one act and share two more words and an actor ("in December Kim told a
year-end party meeting" and "during a year-end party meeting that ended last Saturday,
Kim ordered"); a report of no kind the lexicon knows that names the place and three
actors of an act, that act ("then in Pyongyang in September", of Moon and Kim, and
Moon's visit to Pyongyang on 18 September; the place of a report is the first its clause
names, else its sentence's). Words are compared as app.ingest.words.terms cuts them, a
word naming an act as that act in either language ("Gipfel" and "summit", "traf" and
"met": app.ingest.concepts). Of several, one of the same date first, then the one
sharing most words. The proposal takes the more precise date. Two dates in one sentence
are two events. A proposal is built by app.ingest.proposals; its id, `proposed-` and a
hash of the text, the sentence's and the expression's offsets, is the same every time
the same article is ingested.
"""

import hashlib
import re
from collections import defaultdict
from dataclasses import dataclass, field, replace
from datetime import timedelta

from sqlalchemy import insert
from sqlmodel import Session, col, select

from app.dates import DateInterval, names_a_thing
from app.ingest import concepts, proposals
from app.ingest.clauses import clause_of
from app.ingest.links import (
    COARSE_DAYS,
    KIND_FAMILIES,
    LINK_THRESHOLD,
    LONG_DAYS,
    ONE_DAY,
    Candidate,
    Said,
    anchor,
    candidates,
    day_count,
    holds,
    holds_end,
    is_link,
    score,
)
from app.ingest.pipeline import Stored
from app.ingest.reports import Report, of_article
from app.ingest.words import key_hits, key_words, terms
from app.models import (
    Actor,
    ActorMention,
    Article,
    DateMention,
    EventLink,
)
from app.services import events
from app.services.events import ActorRole, EventSpec, SourceSpec, quote_key

SEASON_DAYS = 92  # a report of a longer time is another source of a proposal only when


MANY_WORDS = 3  # it shares this many words with it
# kinds of many acts: at another precision, one of them is another only when both name
# its act ("die Lautsprecher im Juni wieder eingeschaltet" is not "am 4. Juni das
# Militärabkommen ausgesetzt"; "Anfang Juni alle Kommunikationskanäle gekappt" is "On June 9
# the North stopped answering all official hotlines")
BROAD = frozenset(["policy"])
POLICY_ACTS = frozenset("=" + row[0] for row in concepts.ACTS if row[0] and row[1] == "policy")


PLAN_DAYS = timedelta(days=7)  # a date this close to publication, in a clause saying "will"


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
    classified = "unclassified" not in (a.kind, b.kind)
    if classified and _family(a.kind) != _family(b.kind):
        return False
    shared = len(a.terms & b.terms)
    named = bool(a.actors & b.actors) or (a.place_id is not None and a.place_id == b.place_id)
    if max(day_count(x), day_count(y)) > LONG_DAYS:  # a period: the same one, told alike
        return (x.start, x.end) == (y.start, y.end) and named and shared >= MANY_WORDS
    if not (_within(x, y) or _within(y, x)):
        return False
    specific = _family(a.kind) == _family(b.kind) and classified and _family(a.kind) != "statement"
    days = (day_count(x), day_count(y))
    if (x.start, x.end) == (y.start, y.end) and days == (0, 0):  # the same day
        if one_article:  # or an act the lexicon cannot name told beside a named one
            acts = {a.kind, b.kind} - {"unclassified"}
            told = len(acts) == 1 and not acts & proposals.STATEMENTS
            return bool(shared or named or specific or told)
        return shared >= 2 or (named and classified) or (shared >= 1 and specific)
    if not specific:  # a day apart, or another precision: acts of one family, named alike,
        said = classified and _family(a.kind) == _family(b.kind)  # or statements told alike:
        act = any(t.startswith("=") for t in a.terms & b.terms)  # the act they tell named
        return (said and act and shared >= MANY_WORDS and named) or _there(a, b)
    if days == (0, 0):
        return shared >= 2 and named
    act = any(t.startswith("=") for t in a.terms & b.terms)  # the act named alike
    if max(days) > SEASON_DAYS:  # or the act named, by an actor of both: "summits in 2000
        return shared >= MANY_WORDS or (act and bool(a.actors & b.actors))  # and 2007" and
    if _family(a.kind) in BROAD:  # "June 13-15: ... summit"; loudspeakers switched on are
        policies = [c.terms & POLICY_ACTS for c in (a, b)]  # no agreement suspended
        return act and not (all(policies) and policies[0].isdisjoint(policies[1]))
    return bool(shared or named)


THERE_ACTORS = 3  # a report of no known kind is an act of its place with this many actors


def _there(a: Candidate, b: Candidate) -> bool:
    """Whether one report, of no kind the lexicon knows, names the place and three actors
    of the other, an act: "(Moon and Kim met three times,) then in Pyongyang in September"
    and Moon's visit to Pyongyang on 18 September."""
    acts = {a.kind, b.kind} - {"unclassified"}
    return (
        len(acts) == 1
        and "unclassified" in (a.kind, b.kind)
        and _family(next(iter(acts))) != "statement"
        and a.place_id is not None
        and a.place_id == b.place_id
        and len(a.actors & b.actors) >= THERE_ACTORS
    )


def _same(run: "Run", this: Candidate, source: SourceSpec) -> int | None:
    """The index in run.known of the proposal `this` reports again: of those telling the
    same event and not citing this sentence already (another date in one sentence is
    another event, unless both are the same day: "said on Wednesday it had test-fired a
    missile, a day after the South's military detected a launch"), one of the same date
    first, then the one sharing most words, then most actors, then the most precise."""
    fits = [
        (
            k.interval == this.interval,
            len(k.terms & this.terms),
            len(k.actors & this.actors),
            -day_count(k.interval),
            n,
        )
        for n, k in enumerate(run.known)
        if same_event(k, this, one_article=bool(run.sources(k.id)))
        and (
            quote_key(source) not in {quote_key(s) for s in run.sources(k.id)}
            or (k.interval == this.interval and day_count(k.interval) == 0)
        )
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
        narrower = day_count(this.interval) < day_count(same.interval)
        kind = this.kind if same.kind == "unclassified" else same.kind
        interval = this.interval if narrower else same.interval
        self.known[at] = replace(
            same,
            interval=interval,
            actors=same.actors | this.actors,
            terms=same.terms | this.terms,
            kind=kind,
        )
        cited = self.sources(same.id)
        if quote_key(source) not in {quote_key(s) for s in cited}:  # not its own sentence
            cited.append(source)
        if same.id in self.new:
            self.new[same.id].date, self.new[same.id].kind = interval, kind
        elif narrower or kind != same.kind:
            self.refined[same.id] = (interval, kind)
        return same.id

    def link(self, link: EventLink) -> None:
        key = (link.passage_id, link.event_id)
        if key not in self.links or link.score > self.links[key].score:
            self.links[key] = link


def link_article(session: Session, stored: Stored) -> None:
    """Links or proposes events for every report of a newly stored article."""
    article, actors, places = stored.article, stored.actors, stored.places
    found = of_article(
        article.text,
        stored.passages,
        stored.dates,
        actors,
        places,
        article.title,
        _published(article),
    )
    intervals = [_interval(m) for r in found for m in r.dates]
    published = candidates(session, intervals, "published")
    starts = [  # "the first launch since Sept. 15": the proposal of 15 September
        proposals.first_unit(_interval(m))
        for r in found
        for m in r.dates
        if proposals.is_since(m.text)
    ]
    known = candidates(session, [*intervals, *starts], "proposed", near=True)
    run = Run({}, {}, known, defaultdict(list))
    persons = _persons(session, actors)
    for report in found:
        assert report.passage.id is not None
        passage_actors = {a.actor_id for a in actors[report.passage.id]}
        passage_places = {p.place_id for p in places[report.passage.id]}
        words = terms(report.passage.text)
        blanked = _outside_names(article.text, report)
        person = _person_before(actors[report.passage.id], report.start, persons)
        dated = _event_dates(article.text[report.start : report.end], report)
        for mention in report.dates:
            if mention not in dated and mention.qualifier != "after":
                continue  # "2018, on March 5": the day; "seit 2006" still names an event
            interval = anchor(_interval(mention))
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
                key=lambda pair: (  # of equal scores, the one whose words the clause has
                    pair[0] > 0,
                    holds(interval, pair[1]),
                    pair[0],
                    key_hits(pair[1].key_words, said.words),
                ),
                default=(0.0, None),
            )
            linked = (
                [(best, event)]
                if event is not None and best > 0 and is_link(event, interval, best, report, said)
                else []
            )
            linked += [  # "who inherited power when his father died in December 2011": two
                (value, other)  # acts the month holds, the other's named by its words
                for value, other in scored
                if event is not None
                and linked
                and other is not event
                and value > 0
                and holds(interval, other)
                and _family(other.kind) != _family(event.kind)
                and said.names_act(other.kind)
                and is_link(other, interval, value, report, said)
            ]
            for value, other in linked:
                run.link(_link(article, report, mention, other.id, "linked", value))
            if not linked and report.blog and best >= LINK_THRESHOLD:
                continue  # a live blog's sentence fitting an event of its day by actors: maybe it
            if mention in dated:
                _propose(article, report, mention, [e for _, e in linked], run, person)
    # The events before the links that name them
    events.put_many(session, list(run.new.values()), cite=run.cited, dates=run.refined)
    if run.links:
        rows = [link.model_dump(exclude={"id"}) for link in run.links.values()]
        session.execute(insert(EventLink), rows)


def _published(article: Article) -> DateMention | None:
    """The publication's day as a mention of no text (a live blog's day without a stamp)."""
    day = article.published_start
    if day is None or article.published_precision != "day":
        return None
    return DateMention(
        passage_id=0, start=0, end=0, text="", date_start=day, date_end=day, precision="day"
    )


def _said(text: str, blanked: str, report: Report, mention: DateMention, language: str) -> Said:
    """What the clause of the mention says happened (the clause of the sentence with its
    names blanked gives the key words)."""
    at = -1 if report.heading else mention.start - report.start
    dates = [m.start - report.start for m in report.dates]
    clause, offset = clause_of(text[report.start : report.end], at, dates)
    blanked_clause, blanked_offset = clause_of(blanked, at, dates)
    # "The meeting was arranged in a day: Trump floated it in a tweet on Saturday": the
    # mention's part after a colon
    clause, cut = _after_colon(clause, at - offset, language)
    offset += cut
    blanked_clause = _after_colon(blanked_clause, at - blanked_offset, language)[0]
    if not key_words(blanked_clause):  # "..., in Hanoi (Februar 2019) und in Panmunjom (Juni
        # 2019)": a clause of names and a date tells the act of its sentence
        clause, offset, blanked_clause = text[report.start : report.end], 0, blanked
    places, actors = frozenset(report.places), frozenset(report.actors)
    # "first" or "not" ... "since" is the mention's own from the date before it: "his first
    # trip since 2019 and his first appearance since taking power in 2011"
    before = [m.end - report.start for m in report.dates if m.end - report.start <= at]
    own = clause[max(0, max(before, default=0) - offset) :]
    return Said.of(clause, blanked_clause, places, language, actors, own)


def _after_colon(clause: str, at: int, language: str) -> tuple[str, int]:
    """The clause from after the last colon before offset `at` when that part tells an act
    of its own (not a list, "getroffen: im Juni 2018 in Singapur, ..."), and where it
    starts."""
    colon = clause.rfind(": ", 0, max(0, at))
    after = clause[colon + 2 :]
    if colon > 0 and proposals.kind_of(after, language) != "unclassified":
        return after, colon + 2
    return clause, 0


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


# "resumed short-range launches, starting on May 4", "beginnend am 4. Mai": the day a
# series of acts began, not an act of its own
_STARTING = re.compile(r"\b(?:starting|beginning|beginnend)(?:\s+(?:on|with|am|mit))?\s*$", re.I)


def _covers(event: Candidate, mention: DateInterval, kind: str, starts: bool = False) -> bool:
    """Whether a linked event is the event the sentence reports: no period around it (but
    its first or last day: "im Februar 2022 begonnen", or a season of a series within it:
    _season_of; unless the sentence tells an act and the period is a trend of no kind: "Kim
    meets Putin at the Vostochny Cosmodrome" began a rapprochement; a policy begins by the
    act that declares it), and not another act than the sentence's (a test is no exercise;
    what is said or meant, statements, speeches, policies, may be said of any act)."""
    if mention.precision in ("year", "decade"):
        return True  # too coarse to tell a new event from the one it linked
    long = day_count(event.interval) > max(COARSE_DAYS, day_count(mention))
    if long and not (holds_end(mention, event.interval) or _season_of(mention, event)):
        return False
    if long and mention.precision == "day" and event.kind == "weapons-test" and not starts:
        return False  # a series of tests: its first or last test is an event of its own
    if long and kind in ACTS and event.kind == "other":
        return False  # an act that began a trend of no kind: the summit of a rapprochement
    if _during(event, mention, kind):
        return False
    if kind not in ACTS or event.kind not in ACTS:
        return True
    return KIND_FAMILIES.get(kind, kind) == KIND_FAMILIES.get(event.kind, event.kind)


def _during(event: Candidate, mention: DateInterval, kind: str) -> bool:
    """Whether the mention dates another act inside a visit or a war (not its first or last
    day): an agreement signed, a speech, a meeting during a trip ("hatten Trump und die
    Premierministerin am Dienstag ein Abkommen unterzeichnet", linked to the Asia trip), an
    attack during a war, is an event of its own; arriving is the visit."""
    inside = day_count(event.interval) > day_count(mention) and not holds_end(
        mention, event.interval
    )
    own = kind in ACTS or kind == "speech"
    return inside and own and event.kind in ("visit", "war") and kind != event.kind


def _season_of(mention: DateInterval, event: Candidate) -> bool:
    """Whether the mention, longer than two months, lies within a series of a year at most:
    "Over the summer of 2019 it fired more than a dozen short-range missiles" tells the
    tests of May-November, not an event of its own."""
    return (
        day_count(mention) > 2 * COARSE_DAYS
        and day_count(event.interval) <= LONG_DAYS
        and event.interval.start <= mention.start
        and mention.end <= event.interval.end
    )


_PRONOUN = re.compile(r"\b(?:er|sie|he|she)\b", re.IGNORECASE)


def _event_dates(text: str, report: Report) -> list[DateMention]:
    """The date expressions of a sentence that date an event of their own: not one whose
    interval holds another's in its clause ("2018, on March 5": the day; but "said in late
    November ... after the South suspended it ... on Nov. 21" dates two events)."""
    dates = report.dates
    at = [m.start - report.start for m in dates]
    clauses = [0 if report.heading else clause_of(text, a, at)[1] for a in at]
    points = _reference_points(text, dates, at)
    return [
        m
        for m, clause, point in zip(dates, clauses, points, strict=True)
        if not any(
            o is not m
            and (
                (point and not other_point)
                or (
                    m.date_start <= o.date_start
                    and o.date_end <= m.date_end
                    and (o.date_start, o.date_end) != (m.date_start, m.date_end)
                )
            )
            and other == clause
            for o, other, other_point in zip(dates, clauses, points, strict=True)
        )
    ]


# a reference point: "Nach 2016 und 2019 ließ er die Verfassung im September 2023 ändern"
_POINT_BEFORE = re.compile(r"(?i)(?<!\w)(?:nach|after|vor|before)\s+$")
_LIST_BEFORE = re.compile(r"(?i)\s*(?:,|und|and|oder|or)\s*$")


def _reference_points(text: str, dates: list[DateMention], at: list[int]) -> list[bool]:
    """Which dates come right after "nach"/"after"/"vor"/"before" (or in a list after one):
    beside another date of their clause, they are the point the act is placed from, and
    the other date is the act's."""
    points: list[bool] = []
    for k, a in enumerate(at):
        listed = (
            k > 0
            and points[-1]
            and _LIST_BEFORE.fullmatch(text, at[k - 1] + len(dates[k - 1].text), a)
        )
        points.append(bool(_POINT_BEFORE.search(text, max(0, a - 8), a) or listed))
    return points


# "said on Wednesday ..., a day after it destroyed the office": the act of a clause of time
# counted from the report's date, not what was reported
_COUNTED_FROM = re.compile(r"(?i)\b(?:after|before|nachdem|bevor|nach|vor)$")


def _reports_an_act(text: str, report: Report, mention: DateMention) -> bool:
    """The mention, a day, dates the report of an act the sentence dates on a day shortly
    before ("Nordkorea habe am Montag ... getestet, meldete KCNA am Dienstag")."""
    start = mention.start - report.start
    return (
        mention.precision == "day"
        and proposals.is_reporting(text, start, mention.end - report.start)
        and any(
            m.precision == "day"
            and m.date_end <= mention.date_start
            and mention.date_start - m.date_end <= timedelta(days=proposals.REPORT_DAYS)
            and not proposals.is_reporting(text, m.start - report.start, m.end - report.start)
            for m in report.dates
            if m is not mention and not _COUNTED_FROM.search(m.text)
        )
    )


def _ongoing(report: Report, mention: DateMention, run: Run, rest: str, kind: str) -> bool:
    """Whether a "since" date's clause from it (`rest`) tells an act going on since then
    (proposals.ongoing) whose start nothing else tells: no link of its passage to an
    existing event, no other date of its sentence holding that start ("ein Streit, der
    Ende Mai begann: Seit dem 28. Mai hat Nordkorea ...")."""
    start = proposals.first_unit(_interval(mention))
    linking = any(
        key[0] == report.passage.id and link.found_as == "linked" for key, link in run.links.items()
    )
    held = any(
        m is not mention and m.date_start <= start.start and start.end <= m.date_end
        for m in report.dates
    )
    return not (linking or held) and proposals.ongoing(rest, kind, mention.precision)


def _propose(
    article: Article,
    report: Report,
    mention: DateMention,
    linked: list[Candidate],
    run: Run,
    person: tuple[str, str] | None,
) -> None:
    """Proposes the event the mention dates, or cites the report for the same event
    proposed before (see the module docstring)."""
    interval = _interval(mention)
    text = article.text[report.start : report.end]
    at_date = -1 if report.heading else mention.start - report.start
    dates = [m.start - report.start for m in report.dates]
    clause, offset = clause_of(text, at_date, dates)
    kind = proposals.kind_of(clause, article.language, None if at_date < 0 else at_date - offset)
    starts = _STARTING.search(clause, 0, max(0, mention.start - report.start - offset)) is not None
    if any(_covers(event, interval, kind, starts) for event in linked):
        return
    if report.blog and not proposals.is_blog_act(clause, kind):
        return  # "Vor Journalisten sagt Trump, Nordkorea habe ... verlangt": the day's events
    if len(report.dates) > 1 and (
        proposals.is_attribution(clause) or _reports_an_act(text, report, mention)
    ):
        return  # "..., wie Yonhap am Mittwoch berichtete": when it was reported
    at = mention.start - report.start - offset  # in the clause; < 0 after a heading
    before, after = clause[: max(0, at)], article.text[mention.end : report.end]
    if not report.heading and proposals.no_event_date(clause, before[-40:]):
        return
    if proposals.is_since(mention.text, before):
        going = not linked and _ongoing(report, mention, run, clause[max(0, at) :], kind)
        if not (proposals.since_event(before, after, interval.precision) or going):
            return
        interval = proposals.first_unit(interval)
    if interval.precision == "decade" or proposals.is_now(mention.text):
        return
    if interval.precision == "year" and names_a_thing(article.text, mention.start, mention.end):
        return  # "abide by the 2018 military agreement", "the 2019 Hanoi collapse": a thing's
    first, last = article.published_start, article.published_end
    if (
        kind == "unclassified"
        and interval.precision != "day"
        and first is not None
        and interval.start <= first <= interval.end
    ):
        return  # "in diesem Herbst nicht in Geberlaune": the present state, no act
    if kind == "unclassified" and proposals.is_state_later(
        mention.text, clause, proposals.clause_language(clause, article.language)
    ):
        return  # "Two weeks later the tone has changed"

    if (
        first is not None
        and last is not None
        and (
            interval.start > last
            or (
                interval.end >= first - PLAN_DAYS
                and proposals.is_plan(
                    clause, article.language, ahead=interval.end > last, at=max(0, at)
                )
            )
        )
    ):
        return  # a plan, not an event
    # "said on Thursday it had test-fired ...": the act is before the report, the day before
    # when the sentence says the report came a day after the act was seen; when it does not
    # say, the report's day (the latest the act can be), scored as a date inferred
    days = (
        proposals.reported_act_days(text, mention.start - report.start, mention.end - report.start)
        if interval.precision == "day" and not report.heading
        else None
    )
    if days:
        interval = replace(interval, start=interval.start - timedelta(days=days))
        interval = replace(interval, end=interval.start)
    inferred = mention.inferred or days is not None
    value = proposals.date_score(interval, inferred=inferred, heading=report.heading)
    meant = [person[0]] if person and _PRONOUN.search(clause) else []  # "überquerte er"
    this = Candidate(
        proposed_id(article, report.start, mention.start),
        interval,
        frozenset([*report.actors, *meant]),
        _place(report, report.start + offset, report.start + offset + len(clause)),
        terms(clause_of(_outside_names(article.text, report), at_date, dates)[0]),
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
    if proposals.dates_pictures(before, after):
        return  # "Auf Aufnahmen vom 19. Januar stand er noch": at most a link (above)
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


def _place(report: Report, start: int, end: int) -> str | None:
    """The first place the clause at `start`:`end` of the article names, else the
    sentence's ("first at Panmunjom in April and then in Pyongyang in September")."""
    named = [p for at, _, p in report.names if start <= at < end and p in report.places]
    return named[0] if named else (report.places[0] if report.places else None)


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

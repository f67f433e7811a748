"""Tying an ingested article's passages to events: linked to an existing one, or proposed.

For every date expression in a passage, the published events whose date interval overlaps
the expression's interval are candidates (no overlap, no link: the April 2018 summit at
Panmunjom is never the June 2019 meeting there). Each candidate is scored in [0, 1]:

    score = 0.25 * date + 0.35 * actors + 0.20 * place + 0.20 * terms

* date: how specific the match is, by the coarser of the expression's and the event's
  precision (day 1.0, month 0.7, year 0.4, decade 0.1); an event lasting more than a year
  counts as a decade (a day inside a thirty-year policy says little);
* actors: actors both named in the passage and linked to the event, two or more count 1.0,
  one counts 0.5;
* place: 1.0 when the passage names the event's place;
* terms: words of four or more letters shared by the passage and the event's title,
  summary, kind, tags and source quotes, three or more count 1.0.

The best candidate scoring at least LINK_THRESHOLD is `linked`. A link is a recorded
suggestion (table event_link, with its score), not a source: the curated event is not
changed, and a curator who agrees cites the passage with POST /events/{id}/sources.
An expression that links nothing proposes a new event (status `proposed`, hidden from
GET /events unless asked for): dated by the expression, with the sentence around it as its
source, the actors and the first place the passage names, and that sentence, shortened,
as a provisional title. Its score is the evidence it carries: 0.25 * date + 0.35 if it
names actors + 0.2 if it names a place + 0.2 if the sentence is longer than a few words.
Its id, `proposed-` and a hash of the text, the passage offsets and the expression's
offsets, is the same every time the same article is ingested.
"""

import hashlib
import re
from collections import defaultdict
from dataclasses import dataclass
from functools import lru_cache

from sqlmodel import Session, col, select

from app import views
from app.dates import DateInterval
from app.ingest.passages import sentence_ends
from app.models import (
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
from app.services import events
from app.services.events import ActorRole, EventSpec, SourceSpec

LINK_THRESHOLD = 0.6
WEIGHTS = {"date": 0.25, "actors": 0.35, "place": 0.2, "terms": 0.2}
DATE_FIT = {"day": 1.0, "month": 0.7, "year": 0.4, "decade": 0.1}
TITLE_CHARS = 90
_TERM = re.compile(r"[^\W\d_]{4,}")
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
    id: str
    interval: DateInterval
    actors: frozenset[str]
    place_id: str | None
    terms: frozenset[str]


@lru_cache(maxsize=4096)
def terms(text: str) -> frozenset[str]:
    """Lower-cased words of four or more letters, cut to six letters as a crude stem."""
    return frozenset(w.casefold()[:6] for w in _TERM.findall(text) if w.casefold() not in STOPWORDS)


def score(
    candidate: Candidate,
    mention: DateInterval,
    actors: set[str],
    places: set[str],
    words: frozenset[str],
) -> float:
    """The link score of one candidate event (see the module docstring); 0 without overlap."""
    if candidate.interval.end < mention.start or mention.end < candidate.interval.start:
        return 0.0
    event = candidate.interval
    event_fit = 0.1 if (event.end - event.start).days > 366 else DATE_FIT[event.precision]
    parts = {
        "date": min(DATE_FIT[mention.precision], event_fit),
        "actors": min(1.0, len(actors & candidate.actors) / 2),
        "place": float(candidate.place_id is not None and candidate.place_id in places),
        "terms": min(1.0, len(words & candidate.terms) / 3),
    }
    return round(sum(WEIGHTS[k] * v for k, v in parts.items()), 3)


def _candidates(session: Session, mentions: list[DateMention]) -> list[Candidate]:
    if not mentions:
        return []
    low = min(m.date_start for m in mentions)
    high = max(m.date_end for m in mentions)
    rows = session.exec(
        select(Event).where(
            col(Event.status) == "published",
            col(Event.deleted_at).is_(None),
            col(Event.date_start) <= high,
            col(Event.date_end) >= low,
        )
    ).all()
    ids = [e.id for e in rows]
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
            DateInterval(e.date_start, e.date_end, e.date_precision),  # type: ignore[arg-type]
            frozenset(actors[e.id]),
            e.place_id,
            terms(" ".join([e.title, e.summary or "", e.kind, *texts[e.id]])),
        )
        for e in rows
    ]


def _sentence(article: Article, passage: Passage, mention: DateMention) -> tuple[int, int]:
    """Offsets (into the article) of the sentence of the passage holding the mention."""
    start, end = passage.start, passage.end
    for cut in sentence_ends(article.text, passage.start, passage.end):
        if cut <= mention.start:
            start = cut
        elif cut >= mention.end:
            end = cut
            break
    while start < end and article.text[start].isspace():
        start += 1
    return start, end


def _link(
    article: Article,
    passage: Passage,
    mention: DateMention,
    event_id: str,
    found_as: str,
    value: float,
) -> EventLink:
    """A pending link quoting the sentence of the mention, with the date it states."""
    assert passage.id is not None
    start, end = _sentence(article, passage, mention)
    return EventLink(
        passage_id=passage.id,
        event_id=event_id,
        found_as=found_as,
        score=value,
        quote=article.text[start:end],
        start=start,
        end=end,
        stated_start=mention.date_start,
        stated_end=mention.date_end,
        stated_precision=mention.precision,
        stated_qualifier=mention.qualifier,
    )


def proposed_id(article: Article, passage: Passage, mention: DateMention) -> str:
    key = f"{article.text_sha256}:{passage.start}:{passage.end}:{mention.start}:{mention.end}"
    return "proposed-" + hashlib.sha256(key.encode()).hexdigest()[:12]


def _title(quote: str) -> str:
    flat = " ".join(quote.split())
    return flat if len(flat) <= TITLE_CHARS else flat[: TITLE_CHARS - 1].rsplit(" ", 1)[0] + "…"


def link_article(session: Session, article: Article) -> None:
    """Links or proposes events for every date expression of a newly stored article."""
    passages = session.exec(
        select(Passage).where(Passage.article_id == article.id).order_by(col(Passage.ordinal))
    ).all()
    ids = [p.id for p in passages if p.id is not None]
    mentions = views.by_passage(session, DateMention, ids, col(DateMention.start))
    actors = views.by_passage(session, ActorMention, ids, col(ActorMention.start))
    places = views.by_passage(session, PlaceMention, ids, col(PlaceMention.start))
    candidates = _candidates(session, [m for ms in mentions.values() for m in ms])
    proposals: dict[str, EventSpec] = {}
    link_rows: list[EventLink] = []
    for passage in passages:
        assert passage.id is not None
        actor_ids = {a.actor_id for a in actors[passage.id]}
        place_ids = {p.place_id for p in places[passage.id]}
        words = terms(passage.text)
        links: dict[str, EventLink] = {}
        for mention in mentions[passage.id]:
            interval = DateInterval(
                mention.date_start,
                mention.date_end,
                mention.precision,
                mention.qualifier,
            )
            scored = [(score(c, interval, actor_ids, place_ids, words), c.id) for c in candidates]
            best = max(scored, default=(0.0, ""))
            if best[0] >= LINK_THRESHOLD:
                if best[0] > getattr(links.get(best[1]), "score", 0.0):
                    links[best[1]] = _link(article, passage, mention, best[1], "linked", best[0])
            elif mention.precision != "decade":
                proposal, evidence = _proposal(
                    article,
                    passage,
                    mention,
                    interval,
                    actors[passage.id],
                    places[passage.id],
                )
                proposals[proposal.id] = proposal
                links[proposal.id] = _link(
                    article, passage, mention, proposal.id, "proposed", evidence
                )
        link_rows += links.values()
    events.put_many(session, list(proposals.values()))  # before the links that name them
    session.add_all(link_rows)
    session.flush()


def _proposal(
    article: Article,
    passage: Passage,
    mention: DateMention,
    interval: DateInterval,
    actors: list[ActorMention],
    places: list[PlaceMention],
) -> tuple[EventSpec, float]:
    """A proposed event for a date mention nothing links to, and the evidence for it."""
    assert passage.id is not None
    start, end = _sentence(article, passage, mention)
    quote = article.text[start:end]
    event_id = proposed_id(article, passage, mention)
    actor_ids = list(dict.fromkeys(a.actor_id for a in actors))
    place_id = places[0].place_id if places else None
    title = "title_de" if article.language == "de" else "title"  # in the article's language
    proposal = EventSpec(
        id=event_id,
        **{title: _title(quote)},
        kind="unclassified",
        date=interval,
        place_id=place_id,
        status="proposed",
        actors=[ActorRole(actor_id=a, role="subject") for a in actor_ids],
        sources=[
            SourceSpec(
                passage_id=passage.id, quote=quote, start=start, end=end, stated_date=interval
            )
        ],
    )
    evidence = (
        WEIGHTS["date"] * DATE_FIT[interval.precision]
        + WEIGHTS["actors"] * bool(actor_ids)
        + WEIGHTS["place"] * bool(place_id)
        + WEIGHTS["terms"] * (len(quote.split()) > 5)
    )
    return proposal, round(evidence, 3)

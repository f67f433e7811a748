"""The public JSON shapes (see ../shared/api-contract.md), each built in a fixed number of
queries however many rows are asked for: no query per row.
"""

import datetime
from collections import defaultdict
from collections.abc import Sequence
from typing import Any

from sqlalchemy import func
from sqlmodel import Session, col, select

from app.dates import DateInterval
from app.models import (
    Actor,
    ActorAlias,
    Article,
    DateMention,
    Event,
    EventActor,
    EventTag,
    Passage,
    Place,
    PlaceAlias,
    Source,
)

Json = dict[str, Any]


def date_object(
    start: datetime.date | None,
    end: datetime.date | None,
    precision: str | None,
    qualifier: str | None,
    display: str | None = None,
) -> Json | None:
    if start is None or end is None or precision is None:
        return None
    interval = DateInterval(start, end, precision, qualifier)  # type: ignore[arg-type]
    return {**interval.as_dict(), "display": display or interval.display()}


def article_ref(article: Article) -> Json:
    return {
        "id": article.id,
        "title": article.title,
        "outlet": article.outlet,
        "published": published(article),
    }


def published(article: Article) -> Json | None:
    return date_object(
        article.published_start,
        article.published_end,
        article.published_precision,
        article.published_qualifier,
    )


def article_json(article: Article) -> Json:
    return {
        **article_ref(article),
        "author": article.author,
        "language": article.language,
        "url": article.url,
        "published_evidence": article.published_evidence,
        "text": article.text,
    }


def place_json(place: Place) -> Json:
    return {
        "id": place.id,
        "name": place.name,
        "kind": place.kind,
        "lat": place.lat,
        "lon": place.lon,
    }


def source_json(source: Source, article: Article) -> Json:
    return {
        "id": source.id,
        "article": article_ref(article),
        "passage_id": source.passage_id,
        "quote": source.quote,
        "start": source.start,
        "end": source.end,
        "stated_date": date_object(
            source.stated_start,
            source.stated_end,
            source.stated_precision,
            source.stated_qualifier,
        ),
    }


def events(session: Session, ids: Sequence[str]) -> list[Json]:
    """Full events, in the order of `ids`; deleted ones are left out."""
    if not ids:
        return []
    rows = session.exec(
        select(Event, Place)
        .join(Place, col(Place.id) == col(Event.place_id), isouter=True)
        .where(col(Event.id).in_(ids), col(Event.deleted_at).is_(None))
    ).all()
    actors: dict[str, list[Json]] = defaultdict(list)
    for link, actor in session.exec(
        select(EventActor, Actor)
        .join(Actor, col(Actor.id) == col(EventActor.actor_id))
        .where(col(EventActor.event_id).in_(ids))
        .order_by(col(EventActor.event_id), col(Actor.name))
    ).all():
        actors[link.event_id].append(
            {"id": actor.id, "name": actor.name, "kind": actor.kind, "role": link.role}
        )
    tags: dict[str, list[str]] = defaultdict(list)
    for event_id, tag in session.exec(
        select(EventTag.event_id, EventTag.tag)
        .where(col(EventTag.event_id).in_(ids))
        .order_by(col(EventTag.tag))
    ).all():
        tags[event_id].append(tag)
    sources: dict[str, list[Json]] = defaultdict(list)
    for source, article in session.exec(
        select(Source, Article)
        .join(Passage, col(Passage.id) == col(Source.passage_id))
        .join(Article, col(Article.id) == col(Passage.article_id))
        .where(col(Source.event_id).in_(ids))
        .order_by(col(Article.published_start), col(Article.id), col(Source.start))
    ).all():
        sources[source.event_id].append(source_json(source, article))
    by_id = {
        event.id: {
            "id": event.id,
            "title": event.title,
            "summary": event.summary,
            "kind": event.kind,
            "date": date_object(
                event.date_start,
                event.date_end,
                event.date_precision,
                event.date_qualifier,
                event.date_display,
            ),
            "date_note": event.date_note,
            "place": place_json(place) if place else None,
            "actors": actors[event.id],
            "tags": tags[event.id],
            "sources": sources[event.id],
            "status": event.status,
            "created_at": event.created_at,
            "updated_at": event.updated_at,
        }
        for event, place in rows
    }
    return [by_id[event_id] for event_id in ids if event_id in by_id]


def _live() -> tuple[Any, ...]:
    return col(Event.status) == "published", col(Event.deleted_at).is_(None)


def _aliases(
    session: Session, table: type[ActorAlias] | type[PlaceAlias], owner: Any, ids: Sequence[str]
) -> dict[str, list[str]]:
    found: dict[str, list[str]] = defaultdict(list)
    for owner_id, alias in session.exec(
        select(owner, table.alias).where(owner.in_(ids)).order_by(table.alias)
    ).all():
        found[owner_id].append(alias)
    return found


def actors(session: Session, ids: Sequence[str]) -> list[Json]:
    """Actors with their aliases and how many published events involve them."""
    aliases = _aliases(session, ActorAlias, col(ActorAlias.actor_id), ids)
    counts = dict(
        session.exec(
            select(EventActor.actor_id, func.count(func.distinct(EventActor.event_id)))
            .join(Event, col(Event.id) == col(EventActor.event_id))
            .where(col(EventActor.actor_id).in_(ids), *_live())
            .group_by(col(EventActor.actor_id))
        ).all()
    )
    by_id = {a.id: a for a in session.exec(select(Actor).where(col(Actor.id).in_(ids)))}
    return [
        {
            "id": a.id,
            "name": a.name,
            "kind": a.kind,
            "description": a.description,
            "aliases": [x for x in aliases[a.id] if x not in (a.id, a.name)],
            "event_count": counts.get(a.id, 0),
        }
        for a in (by_id[i] for i in ids if i in by_id)
    ]


def places(session: Session, ids: Sequence[str]) -> list[Json]:
    """Places with their aliases and how many published events happened there."""
    aliases = _aliases(session, PlaceAlias, col(PlaceAlias.place_id), ids)
    counts = dict(
        session.exec(
            select(Event.place_id, func.count())
            .where(col(Event.place_id).in_(ids), *_live())
            .group_by(col(Event.place_id))
        ).all()
    )
    by_id = {p.id: p for p in session.exec(select(Place).where(col(Place.id).in_(ids)))}
    return [
        {
            **place_json(p),
            "aliases": [x for x in aliases[p.id] if x not in (p.id, p.name)],
            "event_count": counts.get(p.id, 0),
        }
        for p in (by_id[i] for i in ids if i in by_id)
    ]


def passages(session: Session, ids: Sequence[int]) -> list[Json]:
    """Passages with the events citing them and the date expressions found in them."""
    event_ids: dict[int, list[str]] = defaultdict(list)
    for passage_id, event_id in session.exec(
        select(Source.passage_id, Source.event_id)
        .join(Event, col(Event.id) == col(Source.event_id))
        .where(col(Source.passage_id).in_(ids), *_live())
        .distinct()
        .order_by(col(Source.passage_id), col(Source.event_id))
    ).all():
        event_ids[passage_id].append(event_id)
    mentions: dict[int, list[Json]] = defaultdict(list)
    for m in session.exec(
        select(DateMention)
        .where(col(DateMention.passage_id).in_(ids))
        .order_by(col(DateMention.start))
    ):
        mentions[m.passage_id].append(
            {
                "text": m.text,
                "start": m.start,
                "end": m.end,
                "date": date_object(m.date_start, m.date_end, m.precision, m.qualifier),
            }
        )
    by_id = {p.id: p for p in session.exec(select(Passage).where(col(Passage.id).in_(ids)))}
    return [
        {
            "id": p.id,
            "article_id": p.article_id,
            "ordinal": p.ordinal,
            "start": p.start,
            "end": p.end,
            "text": p.text,
            "event_ids": event_ids[p.id],
            "date_mentions": mentions[p.id],
        }
        for p in (by_id[i] for i in ids if i in by_id)
        if p.id is not None
    ]


def articles(session: Session, ids: Sequence[str]) -> list[Json]:
    by_id = {a.id: a for a in session.exec(select(Article).where(col(Article.id).in_(ids)))}
    return [article_json(by_id[i]) for i in ids if i in by_id]

"""The public JSON shapes (README's "The API at a glance" and /openapi.json), each built
in a fixed number of queries however many rows are asked for: no query per row.
"""

import datetime
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

import sqlalchemy as sa
from sqlalchemy import func
from sqlmodel import Session, col, select

from app.dates import DateInterval
from app.languages import DEFAULT, Lang, pick
from app.models import (
    Actor,
    ActorAlias,
    ActorMention,
    Article,
    DateMention,
    Event,
    EventActor,
    EventLink,
    EventTag,
    Passage,
    Place,
    PlaceAlias,
    PlaceMention,
    Source,
)

Json = dict[str, Any]


def date_object(
    start: datetime.date | None,
    end: datetime.date | None,
    precision: str | None,
    qualifier: str | None,
    end_precision: str | None = None,
    ongoing: bool = False,
    display: str | None = None,
    *,
    lang: Lang = DEFAULT,
) -> Json | None:
    """A date as the contract shows it; `display` is a curated one in `lang`."""
    if start is None or end is None or precision is None:
        return None
    return dict(
        _date_object(start, end, precision, qualifier, end_precision, ongoing, display, lang)
    )


@lru_cache(maxsize=65536)
def _date_object(
    start: datetime.date,
    end: datetime.date,
    precision: str,
    qualifier: str | None,
    end_precision: str | None,
    ongoing: bool,
    display: str | None,
    lang: Lang,
) -> Json:
    """Rendering a date is slow next to everything else in an answer, and dates repeat."""
    interval = DateInterval(start, end, precision, qualifier, end_precision, ongoing)  # type: ignore[arg-type]
    rendered = interval.display_de() if lang == "de" else interval.display()
    return {**interval.as_dict(), "display": display or rendered}


def article_ref(article: Article, lang: Lang = DEFAULT) -> Json:
    return _article_ref(
        article.id,
        article.title,
        article.outlet,
        article.published_start,
        article.published_end,
        article.published_precision,
        article.published_qualifier,
        lang=lang,
    )[1]


def article_json(article: Article, lang: Lang = DEFAULT) -> Json:
    return {
        **article_ref(article, lang),
        "author": article.author,
        "language": article.language,
        "url": article.url,
        "published_evidence": article.published_evidence,
        "text": article.text,
    }


def named(english: str | None, german: str | None, lang: Lang) -> tuple[str | None, Lang | None]:
    """An actor's or place's name in `lang`, else in the other language ('' is none)."""
    return pick({"en": english, "de": german}, lang)


def place_json(place: Place, lang: Lang = DEFAULT) -> Json:
    name, name_lang = named(place.name, place.name_de, lang)
    return {
        "id": place.id,
        "name": name,
        "name_lang": name_lang,
        "kind": place.kind,
        "lat": place.lat,
        "lon": place.lon,
    }


def source_dict(
    source_id: int | None,
    article: Json,
    passage_id: int,
    quote: str,
    start: int,
    end: int,
    stated: Sequence[Any],
    lang: Lang = DEFAULT,
) -> Json:
    """A source as the contract shows it; `stated` is (start, end, precision, qualifier,
    end_precision). The quote is as its article wrote it, whatever the language."""
    return {
        "id": source_id,
        "article": article,
        "passage_id": passage_id,
        "quote": quote,
        "start": start,
        "end": end,
        "stated_date": date_object(*stated, lang=lang),
    }


def source_json(source: Source, article: Article, lang: Lang = DEFAULT) -> Json:
    stated = (
        source.stated_start,
        source.stated_end,
        source.stated_precision,
        source.stated_qualifier,
        source.stated_end_precision,
    )
    return source_dict(
        source.id,
        article_ref(article, lang),
        source.passage_id,
        source.quote,
        source.start,
        source.end,
        stated,
        lang,
    )


# The columns an event's JSON is made of, as `fetch` reads them and `assemble` takes them.
EVENT_COLUMNS = (
    Event.id,
    Event.title,
    Event.title_de,
    Event.summary,
    Event.summary_de,
    Event.kind,
    Event.date_start,
    Event.date_end,
    Event.date_precision,
    Event.date_qualifier,
    Event.date_end_precision,
    Event.date_ongoing,
    Event.date_display,
    Event.date_display_de,
    Event.date_note,
    Event.date_note_de,
    Event.status,
    Event.created_at,
    Event.updated_at,
    Place.id,
    Place.name,
    Place.name_de,
    Place.kind,
    Place.lat,
    Place.lon,
)
ACTOR_COLUMNS = (
    EventActor.event_id,
    Actor.id,
    Actor.name,
    Actor.name_de,
    Actor.kind,
    EventActor.role,
)
TAG_COLUMNS = (EventTag.event_id, EventTag.tag)
SOURCE_COLUMNS = (
    Source.id,
    Source.event_id,
    Passage.article_id,
    Source.passage_id,
    Source.quote,
    Source.start,
    Source.end,
    Source.stated_start,
    Source.stated_end,
    Source.stated_precision,
    Source.stated_qualifier,
    Source.stated_end_precision,
)
ARTICLE_COLUMNS = (
    Article.id,
    Article.title,
    Article.outlet,
    Article.published_start,
    Article.published_end,
    Article.published_precision,
    Article.published_qualifier,
)
Rows = Sequence[Sequence[Any]]


@dataclass(frozen=True)
class EventRows:
    """Rows of the columns above, in any order: events (each joined to its place, if
    any), their actors, tags and sources, and the articles the sources cite."""

    events: Rows
    actors: Rows
    tags: Rows
    sources: Rows
    articles: Rows


def events(
    conn: sa.Connection, ids: Sequence[str], lang: Lang = DEFAULT, detail: bool = False
) -> list[Json]:
    """Full events in `lang`, in the order of `ids`; deleted ones are left out. `detail`
    adds `translations` (GET /events/{id}, the answers of writes, the history)."""
    if not ids:
        return []
    return assemble(ids, fetch(conn, ids), lang, detail)


def fetch(conn: sa.Connection, ids: Sequence[str]) -> EventRows:
    """Five queries of plain columns whatever the number of events (Core, not the ORM's
    entities, which cost more than the SQL here)."""

    def select(columns: tuple[Any, ...]) -> sa.Select[Any]:
        return sa.select(*map(col, columns))

    sources = conn.execute(
        select(SOURCE_COLUMNS)
        .join(Passage, col(Passage.id) == col(Source.passage_id))
        .where(col(Source.event_id).in_(ids))
    ).all()
    articles = (
        select(ARTICLE_COLUMNS)
        .where(col(Article.id).in_({row[2] for row in sources}))
        # SQLite would read each row, stepping through the article's text to these columns
        .with_hint(Article, "INDEXED BY ix_article_reference", "sqlite")
    )
    events = (
        select(EVENT_COLUMNS)
        .join(Place, col(Place.id) == col(Event.place_id), isouter=True)
        .where(col(Event.id).in_(ids), col(Event.deleted_at).is_(None))
    )
    actors = (
        select(ACTOR_COLUMNS)
        .join(Actor, col(Actor.id) == col(EventActor.actor_id))
        .where(col(EventActor.event_id).in_(ids))
    )
    tags = select(TAG_COLUMNS).where(col(EventTag.event_id).in_(ids))
    return EventRows(
        events=conn.execute(events).all(),
        actors=conn.execute(actors).all(),
        tags=conn.execute(tags).all(),
        sources=sources,
        articles=conn.execute(articles).all(),
    )


def assemble(
    ids: Sequence[str], rows: EventRows, lang: Lang = DEFAULT, detail: bool = False
) -> list[Json]:
    """The events of `rows` as the contract shows them in `lang`, in the order of `ids`:
    actors by name (as shown), tags in order, sources by their article's publication,
    article and offset. Each cited article's reference is built once."""
    actors: dict[str, list[Json]] = defaultdict(list)
    shown_actors = [
        (event_id, actor_id, named(english, german, lang)[0], kind, role)
        for event_id, actor_id, english, german, kind, role in rows.actors
    ]
    for event_id, actor_id, name, kind, role in sorted(
        shown_actors, key=lambda r: (r[2] or "", r[1])
    ):
        actors[event_id].append({"id": actor_id, "name": name, "kind": kind, "role": role})
    tags: dict[str, list[str]] = defaultdict(list)
    for event_id, tag in sorted(rows.tags, key=lambda row: row[1]):
        tags[event_id].append(tag)
    refs = {row[0]: _article_ref(*row, lang=lang) for row in rows.articles}
    sources: dict[str, list[Json]] = defaultdict(list)
    for source_id, event_id, article_id, passage_id, quote, start, end, *stated in sorted(
        rows.sources, key=lambda row: (refs[row[2]][0], row[2], row[5], row[0] or 0)
    ):
        sources[event_id].append(
            source_dict(source_id, refs[article_id][1], passage_id, quote, start, end, stated, lang)
        )
    by_id = {}
    for (
        event_id,
        title_en,
        title_de,
        summary_en,
        summary_de,
        kind,
        date_start,
        date_end,
        precision,
        qualifier,
        end_precision,
        ongoing,
        display_en,
        display_de,
        note_en,
        note_de,
        status,
        created_at,
        updated_at,
        place_id,
        place_en,
        place_de,
        place_kind,
        lat,
        lon,
    ) in rows.events:
        titles = {"en": title_en, "de": title_de}
        summaries = {"en": summary_en, "de": summary_de}
        notes = {"en": note_en, "de": note_de}
        title, title_lang = pick(titles, lang)
        summary, summary_lang = pick(summaries, lang)
        date_note, date_note_lang = pick(notes, lang)
        display = display_de if lang == "de" else display_en
        by_id[event_id] = {
            "id": event_id,
            "title": title,
            "title_lang": title_lang,
            "summary": summary,
            "summary_lang": summary_lang,
            "kind": kind,
            "date": date_object(
                date_start,
                date_end,
                precision,
                qualifier,
                end_precision,
                ongoing,
                display,
                lang=lang,
            ),
            "date_note": date_note,
            "date_note_lang": date_note_lang,
            "place": (
                {
                    "id": place_id,
                    "name": named(place_en, place_de, lang)[0],
                    "kind": place_kind,
                    "lat": lat,
                    "lon": lon,
                }
                if place_id is not None
                else None
            ),
            "actors": actors[event_id],
            "tags": tags[event_id],
            "sources": sources[event_id],
            "status": status,
            "created_at": created_at,
            "updated_at": updated_at,
        }
        if detail:
            by_id[event_id]["translations"] = {
                language: {
                    "title": titles[language] or None,
                    "summary": summaries[language],
                    "date_note": notes[language],
                }
                for language in ("en", "de")
                if titles[language] or summaries[language] or notes[language]
            }
    return [by_id[event_id] for event_id in ids if event_id in by_id]


LINK_ORDER = {"pending": 0, "accepted": 1, "rejected": 2}
LINK_COLUMNS = (
    EventLink.id,
    EventLink.event_id,
    EventLink.passage_id,
    EventLink.quote,
    EventLink.start,
    EventLink.end,
    EventLink.stated_start,
    EventLink.stated_end,
    EventLink.stated_precision,
    EventLink.stated_qualifier,
    EventLink.score,
    EventLink.status,
    Event.title,
    Event.status,
    Passage.ordinal,
    Event.title_de,
)


def event_detail(
    conn: sa.Connection, event_id: str, lang: Lang = DEFAULT, translations: bool = False
) -> Json | None:
    """GET /events/{id}: the event as lists show it in `lang`, with the links ingestion
    suggested; `translations` adds its texts in each language (for its history)."""
    found = events(conn, [event_id], lang, translations)
    if not found:
        return None
    links = _links(conn, EventLink.event_id, event_id, lang)
    return {**found[0], "links": [link for link, _ in links]}


def article_links(conn: sa.Connection, article_id: str, lang: Lang = DEFAULT) -> list[Json]:
    """GET /articles/{id}/links: every link and proposal of the article, in passage order,
    each naming its event (its title in `lang`, else in the other language)."""
    found = _links(conn, Passage.article_id, article_id, lang)
    found.sort(key=lambda pair: (pair[1][14], pair[0]["start"], -pair[0]["score"], pair[0]["id"]))
    return [
        {
            **link,
            "event_id": row[1],
            "event_title": pick({"en": row[12], "de": row[15]}, lang)[0],
            "event_status": row[13],
        }
        for link, row in found
    ]


def _links(
    conn: sa.Connection, column: Any, value: str, lang: Lang = DEFAULT
) -> list[tuple[Json, Sequence[Any]]]:
    """Links of live events where `column` is `value`, as the contract shows them (with the
    row they came from): pending first, then by their article's publication and offset."""
    rows: Rows = conn.execute(
        sa.select(*map(col, LINK_COLUMNS), *map(col, ARTICLE_COLUMNS))
        .join(Passage, col(Passage.id) == col(EventLink.passage_id))
        .join(Article, col(Article.id) == col(Passage.article_id))
        .join(Event, col(Event.id) == col(EventLink.event_id))
        .where(column == value, col(Event.deleted_at).is_(None))
    ).all()
    found = []
    for row in rows:
        link_id, _, passage_id, quote, start, end, *stated = row[:10]
        order, article = _article_ref(*row[len(LINK_COLUMNS) :], lang=lang)
        link = {
            **source_dict(link_id, article, passage_id, quote, start, end, stated, lang),
            "score": row[10],
            "status": row[11],
        }
        found.append(((LINK_ORDER[row[11]], order, article["id"], start, link_id), link, row))
    found.sort(key=lambda item: item[0])
    return [(link, row) for _, link, row in found]


def _article_ref(
    article_id: str,
    title: str | None,
    outlet: str | None,
    start: datetime.date | None,
    end: datetime.date | None,
    precision: str | None,
    qualifier: str | None,
    *,
    lang: Lang = DEFAULT,
) -> tuple[tuple[datetime.date, ...], Json]:
    """An article's reference, and the sort key of its sources (published first). Its
    title is the article's own, in the article's language."""
    ref = {
        "id": article_id,
        "title": title,
        "outlet": outlet,
        "published": date_object(start, end, precision, qualifier, lang=lang),
    }
    return (() if start is None else (start,)), ref


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


def actors(session: Session, ids: Sequence[str], lang: Lang = DEFAULT) -> list[Json]:
    """Actors with their aliases (the name in the other language among them) and how many
    published events involve them; the name and the description in `lang`, else in the
    other language."""
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
    found = []
    for actor in (by_id[i] for i in ids if i in by_id):
        name, name_lang = named(actor.name, actor.name_de, lang)
        description, description_lang = pick(
            {"en": actor.description, "de": actor.description_de}, lang
        )
        found.append(
            {
                "id": actor.id,
                "name": name,
                "name_lang": name_lang,
                "kind": actor.kind,
                "description": description,
                "description_lang": description_lang,
                "aliases": [x for x in aliases[actor.id] if x not in (actor.id, name)],
                "event_count": counts.get(actor.id, 0),
            }
        )
    return found


def places(session: Session, ids: Sequence[str], lang: Lang = DEFAULT) -> list[Json]:
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
    shown = [place_json(by_id[i], lang) for i in ids if i in by_id]
    return [
        {
            **place,
            "aliases": [x for x in aliases[place["id"]] if x not in (place["id"], place["name"])],
            "event_count": counts.get(place["id"], 0),
        }
        for place in shown
    ]


def by_passage(
    session: Session, table: Any, ids: Sequence[int], *order: Any
) -> dict[int, list[Any]]:
    """Rows of a table of passage findings (mentions, links), grouped by passage."""
    found: dict[int, list[Any]] = defaultdict(list)
    for row in session.exec(select(table).where(col(table.passage_id).in_(ids)).order_by(*order)):
        found[row.passage_id].append(row)
    return found


def _mention(row: Any, owner: str) -> Json:
    return {owner: getattr(row, owner), "text": row.text, "start": row.start, "end": row.end}


def passages(session: Session, ids: Sequence[int], lang: Lang = DEFAULT) -> list[Json]:
    """Passages with the events citing them, and what ingestion found in them: date
    expressions, actor and place names, and the events it linked or proposed."""
    event_ids: dict[int, list[str]] = defaultdict(list)
    for passage_id, event_id in session.exec(
        select(Source.passage_id, Source.event_id)
        .join(Event, col(Event.id) == col(Source.event_id))
        .where(col(Source.passage_id).in_(ids), *_live())
        .distinct()
        .order_by(col(Source.passage_id), col(Source.event_id))
    ).all():
        event_ids[passage_id].append(event_id)
    dates = by_passage(session, DateMention, ids, col(DateMention.start))
    actors = by_passage(session, ActorMention, ids, col(ActorMention.start))
    places = by_passage(session, PlaceMention, ids, col(PlaceMention.start))
    links = by_passage(
        session, EventLink, ids, col(EventLink.score).desc(), col(EventLink.event_id)
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
            "date_mentions": [
                {
                    "text": m.text,
                    "start": m.start,
                    "end": m.end,
                    "date": date_object(
                        m.date_start, m.date_end, m.precision, m.qualifier, lang=lang
                    ),
                    "inferred": m.inferred,
                }
                for m in dates[p.id]
            ],
            "actor_mentions": [_mention(m, "actor_id") for m in actors[p.id]],
            "place_mentions": [_mention(m, "place_id") for m in places[p.id]],
            "event_links": [
                {"event_id": link.event_id, "status": link.found_as, "score": link.score}
                for link in links[p.id]
            ],
        }
        for p in (by_id[i] for i in ids if i in by_id)
        if p.id is not None
    ]


def articles(session: Session, ids: Sequence[str], lang: Lang = DEFAULT) -> list[Json]:
    by_id = {a.id: a for a in session.exec(select(Article).where(col(Article.id).in_(ids)))}
    return [article_json(by_id[i], lang) for i in ids if i in by_id]

"""Writing events with their actors, tags and sources, as one unit."""

from collections import defaultdict
from collections.abc import Collection, Sequence
from typing import Any

from pydantic import BaseModel, Field, model_validator
from sqlalchemy import Connection, Table, insert, update
from sqlmodel import Session, col, select
from sqlmodel import delete as delete_rows

from app import documents, facets, search
from app.dates import PRECISIONS, DateInterval
from app.models import Event, EventActor, EventLink, EventTag, Source, utcnow
from app.queries import span_level
from app.services import versions


class ActorRole(BaseModel):
    actor_id: str
    role: str = "participant"


class SourceSpec(BaseModel):
    """A quote located in a passage; `start`/`end` are offsets into the article's text."""

    passage_id: int
    quote: str
    start: int
    end: int
    stated_date: DateInterval | None = None


def quote_key(source: SourceSpec | Source) -> tuple[int, int, int]:
    """What makes a quote the same quote: its passage and both offsets (two quotes may start
    at one offset). An event cites each quote once."""
    return source.passage_id, source.start, source.end


class EventSpec(BaseModel):
    """An event as it should be stored, links included: its texts in English and German
    (`title`, `title_de`, `summary`, `summary_de`, `date_note`, `date_note_de` ...), at
    least one title (app.languages)."""

    id: str
    title: str | None = None
    title_de: str | None = None
    summary: str | None = None
    summary_de: str | None = None
    kind: str
    date: DateInterval
    display: str | None = None
    display_de: str | None = None
    date_note: str | None = None
    date_note_de: str | None = None
    place_id: str | None = None
    status: str = "published"
    actors: list[ActorRole] = Field(default_factory=list)
    tags: list[str] = Field(default_factory=list)
    sources: list[SourceSpec] = Field(default_factory=list)

    @model_validator(mode="after")
    def _titled(self) -> "EventSpec":
        if not (self.title or self.title_de):
            raise ValueError("an event needs a title in English or German")
        return self


def _columns(spec: EventSpec) -> dict[str, Any]:
    return {
        "title": spec.title or "",  # NOT NULL: '' says it has none (app.models.Event)
        "title_de": spec.title_de or None,
        "summary": spec.summary,
        "summary_de": spec.summary_de,
        "kind": spec.kind,
        **date_columns(spec.date, spec.display),
        "date_display_de": spec.display_de,
        "date_note": spec.date_note,
        "date_note_de": spec.date_note_de,
        "place_id": spec.place_id,
        "status": spec.status,
    }


def date_columns(date: DateInterval, display: str | None = None) -> dict[str, Any]:
    """An event's date_* columns."""
    return {
        "date_start": date.start,
        "date_end": date.end,
        "date_precision": date.precision,
        "date_rank": PRECISIONS.index(date.precision),
        "date_span_level": span_level(date.start, date.end),
        "date_qualifier": date.qualifier,
        "date_end_precision": date.end_precision,
        "date_ongoing": date.ongoing,
        "date_display": display or date.display(),
    }


# The event's columns that event_actor copies (see app.models.EventActor); deleted_at too.
ACTOR_COPIES = (
    "status",
    "date_start",
    "date_end",
    "date_rank",
    "date_span_level",
    "kind",
    "place_id",
)


def stated_columns(stated: DateInterval | None) -> dict[str, Any]:
    """A source's stated_* columns: the date as its passage states it."""
    return {
        "stated_start": stated.start if stated else None,
        "stated_end": stated.end if stated else None,
        "stated_precision": stated.precision if stated else None,
        "stated_qualifier": stated.qualifier if stated else None,
        "stated_end_precision": stated.end_precision if stated else None,
    }


def stated_date(row: Source | EventLink) -> DateInterval | None:
    """The date a source or a link states, from its stated_* columns (a link has no end
    precision: the date of a mention has none)."""
    if not (row.stated_start and row.stated_end and row.stated_precision):
        return None
    return DateInterval(
        row.stated_start,
        row.stated_end,
        row.stated_precision,  # type: ignore[arg-type]
        row.stated_qualifier,  # type: ignore[arg-type]
        getattr(row, "stated_end_precision", None),
    )


STATED_COLUMNS = tuple(stated_columns(None))
EVENT_TABLE: Table = Event.__table__  # type: ignore[attr-defined]
ACTOR_TABLE: Table = EventActor.__table__  # type: ignore[attr-defined]


def _source_row(source: SourceSpec) -> tuple[Any, ...]:
    return (
        source.passage_id,
        source.quote,
        source.start,
        source.end,
        *stated_columns(source.stated_date).values(),
    )


def _links(session: Session, event_ids: Sequence[str]) -> dict[str, tuple[Any, ...]]:
    """Per event: its (actor, role) pairs, tags and source rows as stored, one query each."""
    found: dict[str, tuple[Any, ...]] = {event_id: (set(), set(), set()) for event_id in event_ids}
    if not event_ids:
        return found
    for event_id, actor_id, role in session.exec(
        select(EventActor.event_id, EventActor.actor_id, EventActor.role).where(
            col(EventActor.event_id).in_(event_ids)
        )
    ):
        found[event_id][0].add((actor_id, role))
    for event_id, tag in session.exec(
        select(EventTag.event_id, EventTag.tag).where(col(EventTag.event_id).in_(event_ids))
    ):
        found[event_id][1].add(tag)
    for source in session.exec(select(Source).where(col(Source.event_id).in_(event_ids))):
        found[source.event_id][2].add(_stored_source_row(source))
    return found


def _stored_source_row(s: Source) -> tuple[Any, ...]:
    return (s.passage_id, s.quote, s.start, s.end, *(getattr(s, c) for c in STATED_COLUMNS))


def put(session: Session, spec: EventSpec) -> bool:
    """Creates or replaces the event so that it is exactly `spec`; True when anything changed."""
    return put_many(session, [spec])[0]


def put_many(
    session: Session,
    specs: Sequence[EventSpec],
    *,
    cite: dict[str, list[SourceSpec]] | None = None,
    dates: dict[str, tuple[DateInterval, str]] | None = None,
) -> list[bool]:
    """put() for several events (distinct ids) as one write: one data version for all that
    change, one search reindex, the links of all in one flush. Per spec: whether it changed.

    In the same write, `cite` adds sources to other live events without reading or
    rewriting the sources they have (ingestion's further reports of its proposals: quotes
    of an article stored in this transaction, which no event cites yet), and those in
    `dates` take that date and kind (their actor links the copies of them): the cost of a
    further report does not grow with the sources an event has, but for rendering it."""
    quotes = {event_id: sources for event_id, sources in (cite or {}).items() if sources}
    dates = dates or {}
    ids = [spec.id for spec in specs]
    stored = {
        event.id: event
        for event in session.exec(select(Event).where(col(Event.id).in_(ids + list(quotes))))
    }
    changed = _changed(session, stored, specs)
    cited = [event for event_id, event in stored.items() if event_id in quotes]
    if not changed and not cited:
        return [False] * len(specs)
    version = versions.bump(session)
    events: list[Event] = []
    for spec in changed:
        columns = _columns(spec)
        event = stored.get(spec.id)
        if event is None:
            event = Event(id=spec.id, **columns)
            session.add(event)
        else:
            for key, value in columns.items():
                setattr(event, key, value)
            event.deleted_at = None
        events.append(event)
    for event in cited:
        if event.id in dates:
            date, kind = dates[event.id]
            for key, value in {**date_columns(date), "kind": kind}.items():
                setattr(event, key, value)
    for event in events + cited:
        if event.id in stored:
            event.updated_at = utcnow()
        event.change_seq = version
    search.assign_keys(session, events + cited)
    session.flush()
    conn = session.connection()
    dated = [event.id for event in cited if event.id in dates]
    facets.tally(conn, [spec.id for spec in changed if spec.id in stored] + dated, -1)
    _replace_links(session, changed, stored)
    _copy_dates(conn, dated)
    facets.tally(conn, [spec.id for spec in changed] + dated, 1)
    rows = [row for event in cited for row in _source_rows(event.id, quotes[event.id])]
    if rows:
        session.execute(insert(Source), rows)
    written = [event.id for event in events + cited]
    search.reindex(session, written)
    documents.refresh(session, written)
    return [spec.id in written for spec in specs]


def differs(session: Session, event: Event | None, spec: EventSpec) -> bool:
    return bool(_changed(session, {spec.id: event} if event is not None else {}, [spec]))


def _changed(
    session: Session, stored: dict[str, Event], specs: Sequence[EventSpec]
) -> list[EventSpec]:
    """The specs that differ from their events as stored (new or deleted ones all do); the
    links of those whose columns are the same read at once."""
    same_columns = {
        spec.id
        for spec in specs
        if (event := stored.get(spec.id)) is not None
        and event.deleted_at is None
        and all(getattr(event, k) == v for k, v in _columns(spec).items())
    }
    links = _links(session, list(same_columns))
    return [
        spec
        for spec in specs
        if spec.id not in same_columns
        or links[spec.id]
        != (
            {(a.actor_id, a.role) for a in spec.actors},
            set(spec.tags),
            {_source_row(s) for s in spec.sources},
        )
    ]


def _replace_links(session: Session, specs: Sequence[EventSpec], stored: Collection[str]) -> None:
    """Actors and tags are replaced; sources that stay keep their rows, so their ids. A new
    event (not in `stored`) has no links to read or remove. One statement per table for
    all the events, rows inserted in bulk (no ORM object each)."""
    old = [spec.id for spec in specs if spec.id in stored]
    kept: dict[str, set[tuple[Any, ...]]] = defaultdict(set)
    if old:
        for table in (EventActor, EventTag):
            session.exec(delete_rows(table).where(col(table.event_id).in_(old)))
        wanted = {spec.id: {_source_row(s) for s in spec.sources} for spec in specs}
        for source in session.exec(select(Source).where(col(Source.event_id).in_(old))).all():
            row = _stored_source_row(source)
            if row in wanted[source.event_id] and row not in kept[source.event_id]:
                kept[source.event_id].add(row)
            else:
                session.delete(source)
        session.flush()
    actors, tags, sources = [], [], []
    for spec in specs:
        copied = {key: value for key, value in _columns(spec).items() if key in ACTOR_COPIES}
        actors += [
            {"event_id": spec.id, "actor_id": a.actor_id, "role": a.role, **copied}
            for a in spec.actors
        ]
        tags += [{"event_id": spec.id, "tag": tag} for tag in dict.fromkeys(spec.tags)]
        sources += _source_rows(
            spec.id, [s for s in spec.sources if _source_row(s) not in kept[spec.id]]
        )
    for model, rows in ((EventActor, actors), (EventTag, tags), (Source, sources)):
        if rows:
            session.execute(insert(model), rows)


def _source_rows(event_id: str, sources: Sequence[SourceSpec]) -> list[dict[str, Any]]:
    return [
        {
            "event_id": event_id,
            "passage_id": s.passage_id,
            "quote": s.quote,
            "start": s.start,
            "end": s.end,
            **stated_columns(s.stated_date),
        }
        for s in sources
    ]


def _copy_dates(conn: Connection, event_ids: Sequence[str]) -> None:
    """The actor links of these events take their copies of the event's columns
    (ACTOR_COPIES) from it."""
    if event_ids:
        conn.execute(
            ACTOR_TABLE.update()
            .where(ACTOR_TABLE.c.event_id.in_(event_ids))
            .values(
                {
                    name: select(EVENT_TABLE.c[name])
                    .where(EVENT_TABLE.c.id == ACTOR_TABLE.c.event_id)
                    .scalar_subquery()
                    for name in ACTOR_COPIES
                }
            )
        )


def delete(session: Session, event_id: str) -> bool:
    """Tombstones the event: it keeps its row and links, leaves every list and the search,
    and the change feed shows it (by `change_seq`) as deleted. False when there is no live
    event with that id.
    """
    event = session.get(Event, event_id)
    if event is None or event.deleted_at is not None:
        return False
    event.deleted_at = event.updated_at = utcnow()
    event.change_seq = versions.bump(session)
    session.flush()
    facets.tally(session.connection(), [event_id], -1)
    session.execute(
        update(EventActor)
        .where(col(EventActor.event_id) == event_id)
        .values(deleted_at=event.deleted_at)
    )
    search.reindex(session, [event_id])
    return True

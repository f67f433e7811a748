"""Every event matching the filters, in batches, in constant memory: shared by the streamed
HTTP exports and `timeline export`.

Each batch is one keyset page of stored documents (app.documents.page), read in its own
short session, so that neither the process nor a database snapshot grows with the size of
the export.
"""

from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import ThreadPoolExecutor
from typing import Literal

import orjson
from sqlalchemy import Engine, func
from sqlmodel import Session, col, select

from app import documents, pagination, queries, timelines, views
from app.formats import csv, ics, ndjson
from app.languages import DEFAULT, Lang
from app.models import Article, Event, Passage, Place, Source
from app.pagination import BadCursor
from app.progress import Progress, ignore
from app.queries import EventFilters, Sort
from app.views import Json

BATCH = 500
EVENT_BATCH = 2000  # an export's events a statement: 3.4 MB of documents at a million events
Format = Literal["json", "ndjson", "csv", "ics"]
MEDIA_TYPES: dict[str, str] = {
    "json": "application/json",
    "ndjson": "application/x-ndjson",
    "csv": "text/csv; charset=utf-8",
    "ics": "text/calendar; charset=utf-8",
}
STREAMED: dict[str, Callable[[Iterable[Json]], Iterator[str]]] = {
    "ndjson": ndjson.lines,
    "csv": csv.event_rows,
    "ics": ics.calendar,
}


def event_batches(
    engine: Engine,
    filters: EventFilters,
    sort: Sort = "date",
    progress: Progress = ignore,
    lang: Lang = DEFAULT,
) -> Iterator[list[bytes]]:
    """Every matching event's stored document (app.documents) in `lang`, in the contract's
    order, EVENT_BATCH at a time; `progress` hears how many were read. Each batch is one
    statement in autocommit, so that no snapshot outlives it, over one connection held for
    the export (on PostgreSQL prepared once, not taken from the pool, pinged, begun and
    rolled back for every batch). The next batch is read, in a thread of the export's own,
    while the caller sends this one: the database works while the answer is written."""

    def read(cursor: str | None) -> tuple[list[bytes], str | None]:
        try:
            return documents.page(conn, filters, sort, EVENT_BATCH, cursor, lang)
        finally:
            conn.rollback()  # SQLAlchemy's own transaction: none is open on the database

    done = 0
    with engine.connect() as conn, ThreadPoolExecutor(1, "timeline-export") as ahead:
        conn.execution_options(isolation_level="AUTOCOMMIT")
        reading = ahead.submit(read, None)
        while True:
            batch, cursor = reading.result()
            if cursor is not None:
                reading = ahead.submit(read, cursor)
            yield batch
            done += len(batch)
            progress(done, None)
            if cursor is None:
                return


def events(
    engine: Engine,
    filters: EventFilters,
    sort: Sort = "date",
    progress: Progress = ignore,
    lang: Lang = DEFAULT,
) -> Iterator[Json]:
    """Every matching event as the JSON the API serves in `lang` (so that every writer sees
    what a client of the API would see)."""
    for batch in event_batches(engine, filters, sort, progress, lang):
        yield from map(orjson.loads, batch)


def render(fmt: str, found: Iterable[Json], lang: Lang = DEFAULT) -> Iterator[str]:
    """Events in a format, as text chunks; `json` is one `{"items", "next": null}` answer.
    The events are in `lang` already; a calendar's own words are put in it too."""
    if fmt == "json":
        return ndjson.envelope(found)
    if fmt == "ics":
        return ics.calendar(found, lang)
    return STREAMED[fmt](found)


def write(
    fmt: str,
    engine: Engine,
    filters: EventFilters,
    sort: Sort = "date",
    cap: int = 0,
    bom: bool = False,
    progress: Progress = ignore,
    lang: Lang = DEFAULT,
) -> Iterator[bytes]:
    """The export of every matching event as UTF-8 chunks. NDJSON, the bulk format, is each
    batch's stored documents joined as read, one chunk a batch, never decoded and encoded
    again (a fifth of an export's time). `timelinejs` is one document of the first `cap`
    events in date order, held in memory (app.timelines). `bom`: CSV for Excel. Texts and
    dates in `lang`."""
    if fmt == "timelinejs":
        with Session(engine) as session:
            document = timelines.document(session, filters, cap, "timelinejs", lang)
        return iter([(ndjson.dumps(document) + "\n").encode()])
    if fmt == "ndjson":
        batches = event_batches(engine, filters, sort, progress, lang)
        return (ndjson.documents(batch) for batch in batches)
    found = events(engine, filters, sort, progress, lang)
    chunks = (chunk.encode() for chunk in render(fmt, found, lang))
    return csv.with_bom(chunks) if fmt == "csv" and bom else chunks


def places(engine: Engine, lang: Lang = DEFAULT) -> Iterator[Json]:
    """Every place, by id, as GET /places serves them in `lang`, read BATCH at a time."""
    cursor: str | None = None
    while True:
        with Session(engine) as session:
            ids, cursor = queries.id_page(session, Place, BATCH, cursor)
            batch = ndjson.dumps(views.places(session, ids, lang))
        yield from orjson.loads(batch)
        if cursor is None:
            return


def sources_page(
    session: Session, limit: int, cursor: str | None, lang: Lang = DEFAULT
) -> tuple[list[Json], str | None]:
    """A page of the sources of published events, by source id, and the next cursor.

    Raises BadCursor.
    """
    query_fingerprint = pagination.fingerprint("sources")
    after = pagination.decode(cursor, query_fingerprint) if cursor else [0]
    if len(after) != 1 or not isinstance(after[0], int):
        raise BadCursor("is malformed")
    rows = session.exec(
        select(Source, Article)
        .join(Event, col(Event.id) == col(Source.event_id))
        .join(Passage, col(Passage.id) == col(Source.passage_id))
        .join(Article, col(Article.id) == col(Passage.article_id))
        .where(col(Event.status) == "published", col(Event.deleted_at).is_(None))
        .where(col(Source.id) > after[0])
        .order_by(col(Source.id))
        .limit(limit + 1)
    ).all()
    more, rows = len(rows) > limit, rows[:limit]
    items = [{"event_id": s.event_id, **views.source_json(s, a, lang)} for s, a in rows]
    next_cursor = pagination.encode([rows[-1][0].id], query_fingerprint) if more else None
    return orjson.loads(ndjson.dumps(items)), next_cursor


def sources_count(session: Session) -> int:
    return int(
        session.execute(
            select(func.count())
            .select_from(Source)
            .join(Event, col(Event.id) == col(Source.event_id))
            .where(col(Event.status) == "published", col(Event.deleted_at).is_(None))
        ).scalar_one()
    )


def sources(engine: Engine, lang: Lang = DEFAULT) -> Iterator[Json]:
    """Every source of a published event, read BATCH at a time (dates displayed in `lang`)."""
    cursor: str | None = None
    while True:
        with Session(engine) as session:
            batch, cursor = sources_page(session, BATCH, cursor, lang)
        yield from batch
        if cursor is None:
            return

"""Each event's public JSON, stored beside it in each language (`event.document` in
English, `event.document_de` in German), so that a page of events is one indexed read of
ready bytes in the reader's language instead of five queries and a rendering per answer.

The shape is defined once, by app.views.events; a document is its output, serialised.
Documents are kept current by the writes that change what an event shows: the event
services (the event, its actors, tags and sources) and the writes of actors and places
(their names appear in the events). Articles, whose references appear too, never change
once stored. A missing document (NULL) is rendered when read, so a reader is never wrong,
only slower. `FORMAT_ID` is a hash of the rendering code: when it differs from the one the
database records, `ensure_current` (run by `timeline serve` and `timeline seed` before
answering) renders every document again, so a release that changes the shape never
serves old documents.
"""

import hashlib
from collections.abc import Iterable
from pathlib import Path

import orjson
from sqlalchemy import Connection, Table, bindparam, update
from sqlmodel import Session, col, select

from app import queries, views
from app.formats.ndjson import OPTIONS
from app.languages import DEFAULT, LANGUAGES, Lang
from app.models import Actor, DataState, Event, EventActor, Place
from app.queries import EventFilters, Sort

APP_DIR = Path(__file__).resolve().parent
RENDERING_CODE = ("views.py", "dates.py", "documents.py")
FORMAT_ID = hashlib.sha256(
    b"".join((APP_DIR / name).read_bytes() for name in RENDERING_CODE)
).hexdigest()[:16]
BATCH = 500
EVENT: Table = Event.__table__  # type: ignore[attr-defined]
COLUMNS: dict[Lang, str] = {"en": "document", "de": "document_de"}  # each language's


def dumps(value: object) -> bytes:
    """As the API serialises every answer (app.api.responses uses this too)."""
    return orjson.dumps(value, option=OPTIONS)


def refresh(session: Session, event_ids: Iterable[str]) -> int:
    """Renders and stores the documents of these events (the live ones), in every language,
    from their current rows, which must be flushed; how many events it stored."""
    ids = sorted(set(event_ids))
    stored = 0
    conn = session.connection()
    for start in range(0, len(ids), BATCH):
        batch = ids[start : start + BATCH]
        rows = views.fetch(conn, batch)
        rendered = {lang: views.assemble(batch, rows, lang) for lang in LANGUAGES}
        stored += len(rendered[DEFAULT])
        if rendered[DEFAULT]:
            conn.execute(  # Core: the ORM would compare-and-set change_seq
                EVENT.update()
                .where(EVENT.c.id == bindparam("event_id"))
                .values({column: bindparam(lang) for lang, column in COLUMNS.items()}),
                [
                    {
                        "event_id": view["id"],
                        **{lang: dumps(rendered[lang][n]).decode() for lang in LANGUAGES},
                    }
                    for n, view in enumerate(rendered[DEFAULT])
                ],
            )
    return stored


def refresh_showing(session: Session, entity: type[Actor] | type[Place], entity_id: str) -> None:
    """Renders again the events that show this actor or place."""
    showing = (
        select(EventActor.event_id).where(EventActor.actor_id == entity_id)
        if entity is Actor
        else select(Event.id).where(Event.place_id == entity_id)
    )
    refresh(session, session.exec(showing).all())


def page(
    conn: Connection,
    filters: EventFilters,
    sort: Sort,
    limit: int,
    cursor: str | None,
    lang: Lang = DEFAULT,
) -> tuple[list[bytes], str | None]:
    """The documents in `lang` of a page of events (app.queries.fetch_page), read with their
    keys in one statement, and the next page's cursor."""
    rows, next_cursor = queries.page_rows(conn, filters, sort, limit, cursor, lang)
    missing = [event_id for _, _, event_id, document in rows if document is None]
    rendered = {view["id"]: dumps(view) for view in views.events(conn, missing, lang)}
    return [
        rendered[event_id] if document is None else document  # bytes: queries.document_column
        for _, _, event_id, document in rows
    ], next_cursor


def ensure_current(session: Session) -> int:
    """Renders every document again when the rendering code changed since they were made;
    how many it rendered (0 when they were current)."""
    state = session.get(DataState, 1)
    if state is None or state.document_format == FORMAT_ID:
        return 0
    return render_all(session)


def render_all(session: Session) -> int:
    """Renders every event's document, in batches by id, and records the format."""
    rendered = 0
    last = ""
    while ids := list(
        session.exec(
            select(Event.id).where(col(Event.id) > last).order_by(col(Event.id)).limit(BATCH)
        )
    ):
        rendered += refresh(session, ids)
        last = ids[-1]
    session.execute(update(DataState).values(document_format=FORMAT_ID))
    return rendered

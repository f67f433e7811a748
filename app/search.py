"""Full-text search over events, the one place that knows each dialect's machinery.

SQLite: an FTS5 table with the porter stemmer over unicode61 (accents folded), queried
with every word as a quoted prefix, so user input can never be FTS syntax.
PostgreSQL: a tsvector per event, indexed with GIN, holding both the English and the
German stems of the text, so "summits" and "Gipfeltreffen" each find their events.
Both index an event's title, summary, kind, tags and the quotes of its sources.
"""

import re
from collections.abc import Iterable

from sqlalchemy import ColumnElement, Connection, Select, bindparam, literal_column, select, text
from sqlmodel import Session, col

from app.models import Event, EventTag, Source

SEARCH_TABLE_PREFIX = "event_search"
_WORD = re.compile(r"\w+", re.UNICODE)
MAX_TERMS = 16


def search_terms(q: str) -> list[str]:
    """The words of a query; raises ValueError when there is nothing to search for."""
    terms = _WORD.findall(q)[:MAX_TERMS]
    if not terms:
        raise ValueError("must contain at least one word")
    return terms


def create_index(conn: Connection) -> None:
    if conn.dialect.name == "sqlite":
        conn.execute(
            text(
                "CREATE VIRTUAL TABLE event_search USING fts5("
                "event_id UNINDEXED, document, "
                "tokenize = 'porter unicode61 remove_diacritics 2')"
            )
        )
    else:
        conn.execute(
            text(
                "CREATE TABLE event_search ("
                "event_id VARCHAR(200) PRIMARY KEY REFERENCES event(id) ON DELETE CASCADE, "
                "document TSVECTOR NOT NULL)"
            )
        )
        conn.execute(
            text("CREATE INDEX event_search_document ON event_search USING GIN (document)")
        )


def drop_index(conn: Connection) -> None:
    conn.execute(text("DROP TABLE IF EXISTS event_search"))


def reindex(session: Session, event_ids: Iterable[str]) -> None:
    """Rebuilds the search documents of these events from their current rows."""
    ids = sorted(set(event_ids))
    if not ids:
        return
    documents: dict[str, list[str]] = {event_id: [] for event_id in ids}
    for event in session.execute(select(Event).where(col(Event.id).in_(ids))).scalars():
        documents[event.id] += [event.title, event.summary or "", event.kind]
    for event_id, tag in session.execute(
        select(col(EventTag.event_id), col(EventTag.tag)).where(col(EventTag.event_id).in_(ids))
    ).all():
        documents[event_id].append(tag)
    for event_id, quote in session.execute(
        select(col(Source.event_id), col(Source.quote)).where(col(Source.event_id).in_(ids))
    ).all():
        documents[event_id].append(quote)

    delete = text("DELETE FROM event_search WHERE event_id IN :ids").bindparams(
        bindparam("ids", expanding=True)
    )
    session.execute(delete, {"ids": ids})
    rows = [{"event_id": i, "document": "\n".join(d)} for i, d in documents.items() if d]
    if not rows:
        return
    if session.get_bind().dialect.name == "sqlite":
        insert = "INSERT INTO event_search (event_id, document) VALUES (:event_id, :document)"
    else:
        insert = (
            "INSERT INTO event_search (event_id, document) VALUES (:event_id, "
            "to_tsvector('english', :document) || to_tsvector('german', :document))"
        )
    session.execute(text(insert), rows)


def matching(q: str, dialect: str) -> ColumnElement[bool]:
    """A condition on Event.id: the event's document contains every word of `q`."""
    terms = search_terms(q)
    subquery: Select[tuple[str]]
    if dialect == "sqlite":
        expression = " ".join('"' + term.replace('"', "") + '"*' for term in terms)
        subquery = (
            select(literal_column("event_id"))
            .select_from(text("event_search"))
            .where(text("event_search MATCH :fts_query").bindparams(fts_query=expression))
        )
    else:
        words = " ".join(terms)
        subquery = (
            select(literal_column("event_id"))
            .select_from(text("event_search"))
            .where(
                text(
                    "document @@ (plainto_tsquery('english', :fts_query) "
                    "|| plainto_tsquery('german', :fts_query))"
                ).bindparams(fts_query=words)
            )
        )
    return col(Event.id).in_(subquery)

"""Full-text search over events, the one place that knows each dialect's machinery.

SQLite: an FTS5 table with the porter stemmer over unicode61 (accents folded), queried
with every word as a quoted prefix, so user input can never be FTS syntax.
PostgreSQL: a tsvector per event, indexed with GIN, holding both the English and the
German stems of the text, so "summits" and "Gipfeltreffen" each find their events. Text
and query are folded to unaccented letters first, and every query word is a prefix of
its stems (`'word':*`), as on SQLite: "Sudkorea" finds "Südkoreas", "Gipfel" finds
"Gipfeltreffen". The query is built from the words alone, never from user syntax.
Both index an event's title, summary, kind, tags and the quotes of its sources, keyed by
the event's integer `search_key` (the FTS5 rowid): reading an integer key back for every
match is cheap where reading a text id is not. The tables are made by the migrations.
"""

import re
import unicodedata
from collections.abc import Iterable

from sqlalchemy import bindparam, func, select, text
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


def fold(text: str) -> str:
    """The text without accents and umlauts ("Südkorea" -> "Sudkorea")."""
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(char for char in decomposed if not unicodedata.combining(char))


def next_key(session: Session) -> int:
    """The search key for a new event; writers hold the write lock, so no two take one."""
    largest = session.execute(select(func.max(col(Event.search_key)))).scalar_one()
    return int(largest or 0) + 1


def reindex(session: Session, event_ids: Iterable[str]) -> None:
    """Rebuilds the search documents of these events from their current rows."""
    ids = sorted(set(event_ids))
    if not ids:
        return
    keys: dict[str, int] = {}
    documents: dict[str, list[str]] = {}
    for event_id, key, title, summary, kind in session.execute(
        select(
            col(Event.id),
            col(Event.search_key),
            col(Event.title),
            col(Event.summary),
            col(Event.kind),
        ).where(col(Event.id).in_(ids))
    ):
        keys[event_id] = key
        documents[event_id] = [title, summary or "", kind]
    if not keys:
        return
    known = list(keys)
    for event_id, tag in session.execute(
        select(col(EventTag.event_id), col(EventTag.tag)).where(col(EventTag.event_id).in_(known))
    ).all():
        documents[event_id].append(tag)
    for event_id, quote in session.execute(
        select(col(Source.event_id), col(Source.quote)).where(col(Source.event_id).in_(known))
    ).all():
        documents[event_id].append(quote)

    sqlite = session.get_bind().dialect.name == "sqlite"
    key_column = "rowid" if sqlite else "search_key"
    delete = text(f"DELETE FROM event_search WHERE {key_column} IN :keys").bindparams(
        bindparam("keys", expanding=True)
    )
    session.execute(delete, {"keys": list(keys.values())})
    rows = [
        {"key": keys[i], "document": "\n".join(d) if sqlite else fold("\n".join(d))}
        for i, d in documents.items()
    ]
    if sqlite:
        insert = "INSERT INTO event_search (rowid, document) VALUES (:key, :document)"
    else:
        insert = (
            "INSERT INTO event_search (search_key, document) VALUES (:key, "
            "to_tsvector('english', :document) || to_tsvector('german', :document))"
        )
    session.execute(text(insert), rows)


def reindex_all(session: Session) -> None:
    """Rebuilds the whole index, for a database whose rows were written around it."""
    session.execute(text("DELETE FROM event_search"))
    ids = list(session.execute(select(col(Event.id))).scalars())
    for start in range(0, len(ids), 500):
        reindex(session, ids[start : start + 500])


def matching(q: str, dialect: str) -> tuple[str, dict[str, str]]:
    """SQL for "the event's document contains every word of `q`", and its parameters."""
    terms = search_terms(q)
    if dialect == "sqlite":
        expression = " ".join('"' + term.replace('"', "") + '"*' for term in terms)
        return (
            "event.search_key IN "
            "(SELECT rowid FROM event_search WHERE event_search MATCH :fts_query)",
            {"fts_query": expression},
        )
    # Each word is a quoted prefix lexeme: a \w+ word holds no quote, so no syntax.
    prefixes = {f"fts_term_{i}": f"'{fold(term)}':*" for i, term in enumerate(terms)}
    query = " && ".join(
        f"(to_tsquery('english', :{name}) || to_tsquery('german', :{name}))" for name in prefixes
    )
    return (
        f"event.search_key IN (SELECT search_key FROM event_search WHERE document @@ ({query}))",
        prefixes,
    )

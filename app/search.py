"""Full-text search over events, the one place that knows each dialect's machinery.

SQLite: an FTS5 table with the porter stemmer over unicode61 (accents folded), queried
with every word as a quoted prefix, so user input can never be FTS syntax.
PostgreSQL: a tsvector per event, indexed with GIN, holding both the English and the
German stems of the text, so "summits" and "Gipfeltreffen" each find their events. Text
and query are folded to unaccented letters first, and every query word is a prefix of
its stems (`'word':*`), as on SQLite: "Sudkorea" finds "Südkoreas", "Gipfel" finds
"Gipfeltreffen". The query is built from the words alone, never from user syntax.
Both index an event's titles and summaries in English and German, its kind, tags and the
quotes of its sources (so "summit" and "Gipfeltreffen" find one event), keyed by
the event's integer `search_key` (the FTS5 rowid): reading an integer key back for every
match is cheap where reading a text id is not. The key also orders events by date (see
`ordered_key`), so that FTS5, which yields matches in rowid order, yields them in the
contract's order of start and precision. The tables are made by the migrations.
"""

import re
import sys
import unicodedata
from collections.abc import Iterable
from datetime import date

from sqlalchemy import Connection, bindparam, func, select, text
from sqlmodel import Session, col

from app.models import Event, EventTag, Source

SEARCH_TABLE_PREFIX = "event_search"
_WORD = re.compile(r"\w+", re.UNICODE)
MAX_TERMS = 16
SEQ_BITS = 39  # below the rank's two bits; the day's ordinal (at most 22 bits) sits above


def search_terms(q: str) -> list[str]:
    """The words of a query; raises ValueError when there is nothing to search for."""
    terms = _WORD.findall(q)[:MAX_TERMS]
    if not terms:
        raise ValueError("must contain at least one word")
    return terms


def fold(text: str) -> str:
    """The text without accents and umlauts ("Südkorea" -> "Sudkorea")."""
    if text.isascii():  # most of it: nothing to fold
        return text
    return unicodedata.normalize("NFKD", text).translate(_COMBINING)


_COMBINING = dict.fromkeys(
    code for code in range(sys.maxunicode + 1) if unicodedata.combining(chr(code))
)


def ordered_key(start: date, rank: int, seq: int) -> int:
    """The search key of the `seq`th event of a (date_start, date_rank) group.

    Keys sort as (date_start, date_rank) do, so that FTS5's rowid order is the contract's
    order up to the id inside one group; `seq` (< 2**39) only makes the key unique.
    Every key fits a signed 64-bit integer (BIGINT) and is at least 2**41.
    """
    return start.toordinal() << (SEQ_BITS + 2) | rank << SEQ_BITS | seq


def group_keys(start: date, rank: int) -> tuple[int, int]:
    """The first and the last key a (date_start, date_rank) group can hold."""
    return ordered_key(start, rank, 0), ordered_key(start, rank, (1 << SEQ_BITS) - 1)


def following_key(start: date, rank: int, largest: int | None) -> int:
    """The next key of a (date_start, date_rank) group whose largest key is `largest`
    (None: the group has none yet)."""
    return ordered_key(start, rank, 0) if largest is None else largest + 1


def assign_keys(session: Session, events: Iterable[Event]) -> None:
    """Gives a key to each event that has none or whose key is not of its (date_start,
    date_rank) group: the group's next key (writers hold the write lock, so no two take
    one). The search document at a replaced key is removed (reindex writes it at the new
    one); on PostgreSQL it must go before the event's key changes, which its foreign key
    refers to. Call before flushing the events.
    """
    largest: dict[tuple[date, int], int | None] = {}
    replaced: list[int] = []
    with session.no_autoflush:
        for event in events:
            group = (event.date_start, event.date_rank)
            first, last = group_keys(*group)
            if event.search_key is not None and first <= event.search_key <= last:
                continue
            if event.search_key is not None:
                replaced.append(event.search_key)
            if group not in largest:
                largest[group] = session.execute(
                    select(func.max(col(Event.search_key))).where(
                        col(Event.search_key).between(first, last)
                    )
                ).scalar_one()
            event.search_key = largest[group] = following_key(*group, largest[group])
        if replaced:
            _delete_documents(session, replaced)


def reindex(session: Session, event_ids: Iterable[str]) -> None:
    """Rebuilds the search documents of these events from their current rows."""
    ids = sorted(set(event_ids))
    if not ids:
        return
    keys: dict[str, int] = {}
    documents: dict[str, list[str]] = {}
    for event_id, key, *texts in session.execute(
        select(
            col(Event.id),
            col(Event.search_key),
            col(Event.title),
            col(Event.title_de),
            col(Event.summary),
            col(Event.summary_de),
            col(Event.kind),
        ).where(col(Event.id).in_(ids))
    ):
        keys[event_id] = key
        documents[event_id] = [text for text in texts if text]
    if not keys:
        return
    known = list(keys)
    # Tags and quotes in the order `documents` aggregates them (a tsvector keeps positions).
    for event_id, tag in sorted(
        session.execute(
            select(col(EventTag.event_id), col(EventTag.tag)).where(
                col(EventTag.event_id).in_(known)
            )
        ).all()
    ):
        documents[event_id].append(tag)
    for event_id, *_place, quote in sorted(
        session.execute(
            select(
                col(Source.event_id),
                col(Source.passage_id),
                col(Source.start),
                col(Source.end),
                col(Source.quote),
            ).where(col(Source.event_id).in_(known))
        ).all()
    ):
        documents[event_id].append(quote)

    _delete_documents(session, list(keys.values()))
    sqlite = session.get_bind().dialect.name == "sqlite"
    rows = [
        {"key": keys[i], "document": "\n".join(d) if sqlite else fold("\n".join(d))}
        for i, d in documents.items()
    ]
    if sqlite:
        insert = "INSERT INTO event_search (rowid, document) VALUES (:key, :document)"
    else:
        insert = (
            f"INSERT INTO event_search (search_key, document) VALUES (:key, {vector(':document')})"
        )
    session.execute(text(insert), rows)


def _delete_documents(session: Session, keys: list[int]) -> None:
    column = key_column(session.get_bind().dialect.name)
    delete = text(f"DELETE FROM event_search WHERE {column} IN :keys").bindparams(
        bindparam("keys", expanding=True)
    )
    session.execute(delete, {"keys": keys})


# Every event's search document, in one statement: its texts that are not empty, one a
# line, as reindex() joins them (tags and quotes each aggregated), in key order.
_DOCUMENTS = (
    "SELECT event.search_key, substr({parts}, 2) FROM event "
    "LEFT JOIN (SELECT event_id, {tags} AS texts FROM event_tag GROUP BY event_id) AS tags "
    "ON tags.event_id = event.id "
    "LEFT JOIN (SELECT event_id, {quotes} AS texts FROM source GROUP BY event_id) AS quotes "
    "ON quotes.event_id = event.id ORDER BY event.search_key"
)
_TEXTS = (
    "event.title",
    "event.title_de",
    "event.summary",
    "event.summary_de",
    "event.kind",
    "tags.texts",
    "quotes.texts",
)


def documents(dialect: str) -> str:
    """SQL for every event's (search key, search document) in key order, its tags in byte
    order and its quotes in the order of their place in the passages, as reindex() joins
    them; PostgreSQL's documents are folded by the caller (`fold`) before they become
    tsvectors (`vector`)."""
    if dialect == "sqlite":  # as the indexes of (event_id, tag) and of
        # (event_id, passage_id, start, end) that GROUP BY walks give them
        line, tags, quotes = (
            "char(10)",
            "group_concat(tag, char(10))",
            "group_concat(quote, char(10))",
        )
    else:
        line = "chr(10)"
        tags = 'string_agg(tag, chr(10) ORDER BY tag COLLATE "C")'
        quotes = 'string_agg(quote, chr(10) ORDER BY passage_id, start, "end")'
    return _DOCUMENTS.format(
        parts=" || ".join(f"coalesce({line} || nullif({part}, ''), '')" for part in _TEXTS),
        tags=tags,
        quotes=quotes,
    )


def vector(document: str) -> str:
    """PostgreSQL's SQL for the tsvector stored of a folded document (SQL)."""
    return f"to_tsvector('english', {document}) || to_tsvector('german', {document})"


def reindex_all(conn: Connection) -> None:
    """Rebuilds a SQLite database's whole index in bulk, for a database whose rows were
    written around it, in the caller's transaction: one INSERT ... SELECT in rowid order
    (FTS5 writes its index best so; call it while event has no index on search_key, which
    would be walked, reading the events at random), then FTS5's 'optimize' merges it into
    one segment, as a settled index is. PostgreSQL's is built by `timeline db copy` from
    `documents` and `vector` (app.transfer)."""
    conn.exec_driver_sql("DELETE FROM event_search")
    conn.exec_driver_sql(f"INSERT INTO event_search (rowid, document) {documents('sqlite')}")
    conn.exec_driver_sql("INSERT INTO event_search (event_search) VALUES ('optimize')")


def fts5_expression(q: str) -> str:
    """The FTS5 query for every word of `q` as a quoted prefix: never FTS5 syntax."""
    return " ".join('"' + term.replace('"', "") + '"*' for term in search_terms(q))


def matching(q: str, dialect: str) -> tuple[str, dict[str, str]]:
    """SQL for "the event's document contains every word of `q`", and its parameters."""
    sql, params = document_matches(q, dialect)
    return (
        f"event.search_key IN (SELECT {key_column(dialect)} FROM event_search WHERE {sql})",
        params,
    )


def document_matches(q: str, dialect: str) -> tuple[str, dict[str, str]]:
    """SQL for "this row of event_search contains every word of `q`", and its parameters."""
    if dialect == "sqlite":
        return "event_search MATCH :fts_query", {"fts_query": fts5_expression(q)}
    # Each word is a quoted prefix lexeme: a \w+ word holds no quote, so no syntax.
    prefixes = {f"fts_term_{i}": f"'{fold(term)}':*" for i, term in enumerate(search_terms(q))}
    query = " && ".join(
        f"(to_tsquery('english', :{name}) || to_tsquery('german', :{name}))" for name in prefixes
    )
    return f"event_search.document @@ ({query})", prefixes


def key_column(dialect: str) -> str:
    """event_search's column of the event's search key."""
    return "event_search.rowid" if dialect == "sqlite" else "event_search.search_key"

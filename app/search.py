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
from contextlib import closing
from datetime import date
from typing import Any

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
    for event_id, tag in session.execute(
        select(col(EventTag.event_id), col(EventTag.tag)).where(col(EventTag.event_id).in_(known))
    ).all():
        documents[event_id].append(tag)
    for event_id, quote in session.execute(
        select(col(Source.event_id), col(Source.quote)).where(col(Source.event_id).in_(known))
    ).all():
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
            "INSERT INTO event_search (search_key, document) VALUES (:key, "
            "to_tsvector('english', :document) || to_tsvector('german', :document))"
        )
    session.execute(text(insert), rows)


def _delete_documents(session: Session, keys: list[int]) -> None:
    column = key_column(session.get_bind().dialect.name)
    delete = text(f"DELETE FROM event_search WHERE {column} IN :keys").bindparams(
        bindparam("keys", expanding=True)
    )
    session.execute(delete, {"keys": keys})


# Every event's search document, in one statement: its texts that are not empty, one a
# line, as reindex() joins them (tags and quotes each aggregated).
_DOCUMENTS = (
    "SELECT event.search_key, substr({parts}, 2) FROM event "
    "LEFT JOIN (SELECT event_id, {tags} AS texts FROM event_tag GROUP BY event_id) AS tags "
    "ON tags.event_id = event.id "
    "LEFT JOIN (SELECT event_id, {quotes} AS texts FROM source GROUP BY event_id) AS quotes "
    "ON quotes.event_id = event.id"
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
BULK_ROWS = 10_000


def reindex_all(conn: Connection) -> None:
    """Rebuilds the whole index in bulk, for a database whose rows were written around it,
    in the caller's transaction and in key order (the events sorted by key: call it while
    event has no index on search_key, which would be walked, reading the events at random).
    SQLite: one INSERT ... SELECT (FTS5 writes its index best in rowid order), then FTS5's
    'optimize' merges it into one segment, as a settled index is. PostgreSQL: the
    documents read in one statement, folded, copied into a table (COPY) and turned into
    tsvectors by one CREATE TABLE ... AS SELECT, which PostgreSQL runs on parallel
    workers (the tsvectors are most of the copy's work), then stored in key order: a
    search page walks event_search in key order (app.queries._search_page), and a page's
    rows then lie on a few pages of the table instead of one each. Both tables are made
    and dropped in the caller's transaction, so nothing of them outlives it."""
    conn.exec_driver_sql("DELETE FROM event_search")
    sqlite = conn.dialect.name == "sqlite"
    line, aggregate = ("char(10)", "group_concat") if sqlite else ("chr(10)", "string_agg")
    documents = _DOCUMENTS.format(
        parts=" || ".join(f"coalesce({line} || nullif({part}, ''), '')" for part in _TEXTS),
        tags=f"{aggregate}(tag, {line})",
        quotes=f"{aggregate}(quote, {line})",
    )
    if sqlite:
        conn.exec_driver_sql(
            f"INSERT INTO event_search (rowid, document) {documents} ORDER BY event.search_key"
        )
        conn.exec_driver_sql("INSERT INTO event_search (event_search) VALUES ('optimize')")
        return
    conn.exec_driver_sql("CREATE UNLOGGED TABLE search_text (search_key BIGINT, document TEXT)")
    driver: Any = conn.connection.driver_connection
    # A cursor on the server, read in batches (SQLAlchemy's yield_per held all 1.1 GB of a
    # million events' documents in memory at once).
    with closing(driver.cursor("search_documents")) as rows, driver.cursor() as cursor:
        rows.itersize = BULK_ROWS
        rows.execute(documents)
        while batch := rows.fetchmany(BULK_ROWS):
            with cursor.copy("COPY search_text (search_key, document) FROM STDIN") as copy:
                for key, document in batch:
                    copy.write_row((key, fold(document)))
    conn.exec_driver_sql(  # parallel workers can share this: CREATE TABLE AS, no temporary table
        "CREATE UNLOGGED TABLE search_vector AS SELECT search_key, "
        "to_tsvector('english', document) || to_tsvector('german', document) AS document "
        "FROM search_text"
    )
    conn.exec_driver_sql(
        "INSERT INTO event_search (search_key, document) SELECT search_key, document "
        "FROM search_vector ORDER BY search_key"  # stored in key order: see queries
    )
    conn.exec_driver_sql("DROP TABLE search_text, search_vector")


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

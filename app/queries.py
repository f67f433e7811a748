"""Event filters to SQL, the contract's sort order, and opaque keyset cursors.

Sorting by date is by start, then narrower precision first, then id; `-date` reverses
all three, so that either direction is one index scan and a cursor is the last row's key.

`from` asks for events that end on or after a day, which an index on the start cannot
bound: the scan would begin at the first event in history. So events are bucketed by the
length of their interval (`date_span_level`): an event of level L lasts at most
SPAN_LEVEL_DAYS[L] days, so it overlaps `from` only if it starts at most that many days
before. A page with `from` is then one bounded, ordered index range per level, merged.
"""

import datetime
from dataclasses import dataclass, fields, replace
from functools import lru_cache
from typing import Any, Literal

from sqlalchemy import (
    ColumnClause,
    Connection,
    Date,
    TextClause,
    bindparam,
    func,
    literal_column,
    select,
    text,
)
from sqlmodel import Session
from sqlmodel.sql.sqltypes import UTCDateTime

from app import pagination, search
from app.dates import PRECISIONS
from app.db import driver_rows
from app.languages import DEFAULT, Lang
from app.models import Actor, Article, Place
from app.pagination import BadCursor

Sort = Literal["date", "-date"]
SPAN_LEVEL_DAYS = (0, 31, 366, 3660)  # single days, months, years, decades; then unbounded


def span_level(start: datetime.date, end: datetime.date) -> int:
    days = (end - start).days
    return next(
        (level for level, limit in enumerate(SPAN_LEVEL_DAYS) if days <= limit),
        len(SPAN_LEVEL_DAYS),
    )


IdTable = type[Actor] | type[Place] | type[Article]


@dataclass(frozen=True)
class EventFilters:
    """Resolved filters of GET /events: ids, not names; intervals, not expressions."""

    actors: tuple[str, ...] = ()
    places: tuple[str, ...] = ()
    kinds: tuple[str, ...] = ()
    tags: tuple[str, ...] = ()
    date_from: datetime.date | None = None
    date_to: datetime.date | None = None
    q: str | None = None
    article: str | None = None
    updated_since: datetime.datetime | None = None
    status: str = "published"

    def fingerprint(self, sort: Sort) -> str:
        """As of asdict(self) and the sort (asdict's deep copies cost more than the hash)."""
        given = {field.name: getattr(self, field.name) for field in fields(self)}
        return pagination.fingerprint({**given, "sort": sort})


Condition = tuple[str, dict[str, Any]]  # SQL and its parameters
EVENT = ("event", "id")  # a table holding the event's status and dates, and its id column
DRIVER = ("drive", "event_id")  # event_actor, which copies them (app.models.EventActor)


def conditions(
    filters: EventFilters, dialect: str, subject: tuple[str, str] = EVENT
) -> list[Condition]:
    """The filters as SQL text: building SQLAlchemy expressions for a page cost more than
    running its query, so the page's SQL is written out. Values are always parameters.

    Status, dates, kind, place and links are tested on `subject`: `event`, or for a page of
    one actor's events its row in event_actor (which then stands for the first actor
    filter); update time and text are the event's own.
    """
    table, id_column = subject
    where: list[Condition] = [
        (f"{table}.status = :status", {"status": filters.status}),
        (f"{table}.deleted_at IS NULL", {}),
    ]
    if filters.places:
        where.append(_any(f"{table}.place_id", "place", filters.places))
    if filters.kinds:
        where.append(_any(f"{table}.kind", "kind", filters.kinds))
    if filters.date_from is not None:
        where.append((f"{table}.date_end >= :date_from", {"date_from": filters.date_from}))
    if filters.date_to is not None:
        where.append((f"{table}.date_start <= :date_to", {"date_to": filters.date_to}))
    if filters.updated_since is not None:
        where.append(
            ("event.updated_at >= :updated_since", {"updated_since": filters.updated_since})
        )
    # Subqueries last: SQLite tests the terms in this order, cheap column checks first.
    # EXISTS, not IN: the planner walks the sort index and probes each link by primary key,
    # stopping at the page's end, instead of first listing every event of a frequent actor.
    linked_to = f"{table}.{id_column}"
    actors = filters.actors[1:] if subject == DRIVER else filters.actors
    for number, actor_id in enumerate(actors):
        where.append(_linked("event_actor", "actor_id", f"actor_{number}", actor_id, linked_to))
    for number, tag in enumerate(filters.tags):
        where.append(_linked("event_tag", "tag", f"tag_{number}", tag, linked_to))
    if filters.q:
        where.append(search.matching(filters.q, dialect))
    if filters.article is not None:
        where.append(
            (
                f"{linked_to} IN (SELECT source.event_id FROM source JOIN passage "
                "ON passage.id = source.passage_id WHERE passage.article_id = :article "
                "UNION SELECT event_link.event_id FROM event_link JOIN passage "
                "ON passage.id = event_link.passage_id WHERE passage.article_id = :article "
                "AND event_link.status IN ('pending', 'accepted'))",
                {"article": filters.article},
            )
        )
    return where


def _needs_event(filters: EventFilters) -> bool:
    """Whether a filter tests a column that only the event table has."""
    return bool(filters.updated_since or filters.q)


def rows_of(filters: EventFilters, dialect: str) -> tuple[str, tuple[str, str], list[Condition]]:
    """What a query of the matching events reads FROM, its subject, and its conditions.

    With an actor filter that is the actor's rows of event_actor (one per event, holding
    the event's status, dates, kind and place: a range of one index however frequent the
    actor), joined to `event` when a filter needs the event's own columns. On SQLite
    the join is a CROSS JOIN, which keeps event_actor the outer loop: the planner would
    otherwise walk every live event and probe each for the actor.
    """
    if not filters.actors:
        return "event", EVENT, conditions(filters, dialect)
    where = conditions(filters, dialect, DRIVER)
    where.insert(0, ("drive.actor_id = :driver", {"driver": filters.actors[0]}))
    source = "event_actor AS drive"
    if _needs_event(filters):
        join = "CROSS JOIN" if dialect == "sqlite" else "JOIN"
        source += f" {join} event ON event.id = drive.event_id"
    return source, DRIVER, where


def _any(column: str, name: str, values: tuple[str, ...]) -> Condition:
    params = {f"{name}_{number}": value for number, value in enumerate(values)}
    return f"{column} IN ({', '.join(':' + key for key in params)})", params


def _linked(table: str, column: str, name: str, value: str, linked_to: str) -> Condition:
    return (
        f"EXISTS (SELECT 1 FROM {table} AS {name} WHERE {name}.event_id = {linked_to} "
        f"AND {name}.{column} = :{name})",
        {name: value},
    )


def joined(where: list[Condition]) -> Condition:
    """The conditions joined by AND, with the parameters of all of them."""
    params: dict[str, Any] = {}
    for _, values in where:
        params.update(values)
    return " AND ".join(sql for sql, _ in where), params


def where_clause(filters: EventFilters, dialect: str) -> TextClause:
    """The filters as one condition on `event`, for queries that add their own parts."""
    sql, params = joined(conditions(filters, dialect))
    return text(sql).bindparams(**params)


def byte_order(column: str, dialect: str) -> str:
    """The column compared and sorted by its bytes, as SQLite does, on every engine.

    PostgreSQL would otherwise use the database's collation (en_US ignores hyphens), so
    that pages, and the order inside them, would differ between engines and servers.
    """
    return column if dialect == "sqlite" else f'{column} COLLATE "C"'


Statement = tuple[TextClause, dict[str, Any]]  # SQL and the values of its parameters
LOOKAHEAD = 8  # matches a search page reads past its end, to see where its last group ends
WALK = 5000  # rows of event_search a search page on PostgreSQL tests in key order at most


def document_column(dialect: str, lang: Lang = DEFAULT) -> str:
    """The event's stored document in `lang` as a page reads it: as bytes, ready to send,
    instead of decoding it into a str that is encoded again (a tenth of a page's read on
    SQLite; on PostgreSQL, where psycopg reads it as binary (app.db.driver_rows), decoding
    and encoding a document cost 5 to 10 us, a quarter of what an export may spend on it)."""
    column = f"event.{documents_column(lang)}"
    return f"CAST({column} AS BLOB)" if dialect == "sqlite" else f"convert_to({column}, 'UTF8')"


def documents_column(lang: Lang) -> str:
    """The column of the stored documents in `lang` (app.documents)."""
    return "document_de" if lang == "de" else "document"


def page_query(
    filters: EventFilters,
    sort: Sort,
    limit: int,
    after: tuple[Any, ...] | None,
    dialect: str,
    with_documents: Lang | None = None,
) -> Statement:
    """Sort keys of one page, plus one more row to tell whether a next page exists; and
    each event's stored document (app.documents) in the language `with_documents` asks for,
    in the same statement.

    With an actor filter the page is read from that actor's rows of event_actor (see
    app.models.EventActor); with `from` too, or with an actor, as one ordered range per
    interval-length level, merged (see the module's docstring).
    """
    if filters.q:
        return _search_page(filters, sort, limit, after, dialect, with_documents=with_documents)
    if with_documents and filters.date_from is None and not filters.actors:
        # One range of the event table itself: each row's document is beside its key.
        return prepared(*_page_keys(filters, sort, limit, after, dialect, with_documents))
    sql, params = _page_keys(filters, sort, limit, after, dialect)
    if with_documents:
        direction = "" if sort == "date" else " DESC"
        order = ", ".join(
            part + direction
            for part in ("page.date_start", "page.date_rank", byte_order("page.id", dialect))
        )
        sql = (
            f"SELECT page.date_start, page.date_rank, page.id, "
            f"{document_column(dialect, with_documents)} "
            f"FROM ({sql}) AS page JOIN event ON event.id = page.id ORDER BY {order}"
        )
    return prepared(sql, params)


def _page_keys(
    filters: EventFilters,
    sort: Sort,
    limit: int,
    after: tuple[Any, ...] | None,
    dialect: str,
    with_documents: Lang | None = None,
) -> tuple[str, dict[str, Any]]:
    """page_query's SQL of the keys; with documents only on the event table itself."""
    source, subject, where = rows_of(filters, dialect)
    table, id_column = subject
    key = f"{table}.date_start, {table}.date_rank, {byte_order(f'{table}.{id_column}', dialect)}"
    if after is not None:
        comparison = ">" if sort == "date" else "<"
        where.append(
            (
                f"({key}) {comparison} (:after_start, :after_rank, :after_id)",
                dict(zip(("after_start", "after_rank", "after_id"), after, strict=True)),
            )
        )
    direction = "" if sort == "date" else " DESC"
    columns = (
        f"{table}.date_start AS date_start, {table}.date_rank AS date_rank, "
        f"{table}.{id_column} AS id"
    )
    order = ", ".join(part + direction for part in key.split(", "))
    last = f"LIMIT {limit + 1}"
    if filters.date_from is None and subject == EVENT:
        sql, params = joined(where)
        document = f", {document_column(dialect, with_documents)}" if with_documents else ""
        select = f"SELECT {columns}{document} FROM {source}"
        return f"{select} WHERE {sql} ORDER BY {order} {last}", params
    branches = []
    params = {}
    for level in range(len(SPAN_LEVEL_DAYS) + 1):
        bounded = [*where, (f"{table}.date_span_level = {level}", {})]
        if level < len(SPAN_LEVEL_DAYS) and filters.date_from is not None:
            earliest = filters.date_from - datetime.timedelta(days=SPAN_LEVEL_DAYS[level])
            bounded.append(
                (f"{table}.date_start >= :earliest_{level}", {f"earliest_{level}": earliest})
            )
        sql, values = joined(bounded)
        params.update(values)
        branches.append(f"SELECT {columns} FROM {source} WHERE {sql}")
    merged = ", ".join(
        part + direction for part in ("date_start", "date_rank", byte_order("id", dialect))
    )
    if dialect == "sqlite":
        # One compound SELECT: each range's index scan gives its ORDER BY, so SQLite merges
        # the ranges as it reads them and stops at the page's end. Each range sorted and
        # limited in a subquery of its own was read to its limit and sorted again for the
        # merge (four times the rows; the keys of a page took 210 us, now 50).
        return f"{' UNION ALL '.join(branches)} ORDER BY {merged} {last}", params
    # PostgreSQL sorts a compound only by its column names, not by `id COLLATE "C"`.
    limited = (
        f"SELECT * FROM ({branch} ORDER BY {order} {last}) AS level_{level}"
        for level, branch in enumerate(branches)
    )
    return (
        f"SELECT * FROM ({' UNION ALL '.join(limited)}) AS merged ORDER BY {merged} {last}",
        params,
    )


def _search_page(
    filters: EventFilters,
    sort: Sort,
    limit: int,
    after: tuple[Any, ...] | None,
    dialect: str,
    group: tuple[datetime.date, int] | None = None,
    with_documents: Lang | None = None,
    walked: bool = True,
) -> Statement:
    """A search's matches in the order of the search index's key; all those of one
    (date_start, date_rank) group when `group` is given.

    Sorting the matches by the event's columns reads every match's event row first (20,000
    for "summit" in a million events), or, on PostgreSQL, walks the events in date order
    and looks each one up in the search index (2,200 of both, events with their documents,
    for a page of "summit"). But the index's key sorts as (date_start, date_rank) do
    (app.search.ordered_key): FTS5 yields matches in key order, and PostgreSQL walks
    event_search by its primary key, testing each row's tsvector, so a page can stop after
    limit + 1 matches (and LOOKAHEAD more) and reads the event rows of those alone. Inside
    one group the key follows insertion, not the id: so the rows are sorted by the full
    key, and the whole group of the page's last row is read when it may go on past them
    (_in_contract_order). Cursor and `to` bound the key range read.

    PostgreSQL walks at most WALK rows of event_search: a word too rare to fill a page in
    them (at a million events "Gipfeltreffen" has 7 matches, and the walk read the whole
    index for 1.3 s, as the planner guessed 1,520 from its statistics' floor) is read
    again with `walked` False: its matches from the GIN index, sorted (`key + 0` is not
    the primary key's order, so the planner cannot choose the walk).
    """
    assert filters.q
    key = search.key_column(dialect)
    where = conditions(replace(filters, q=None), dialect)
    where.append(search.document_matches(filters.q, dialect))
    bounds: list[Condition] = []  # of the key: inside the walk on PostgreSQL
    if after is not None:
        comparison = ">" if sort == "date" else "<"
        first, last = search.group_keys(after[0], after[1])
        where.append(
            (
                f"(event.date_start, event.date_rank, {byte_order('event.id', dialect)}) "
                f"{comparison} (:after_start, :after_rank, :after_id)",
                dict(zip(("after_start", "after_rank", "after_id"), after, strict=True)),
            )
        )
        bounds.append(
            (f"{key} >= :after_first", {"after_first": first})
            if sort == "date"
            else (f"{key} <= :after_last", {"after_last": last})
        )
    if filters.date_to is not None:
        last_key = search.group_keys(filters.date_to, len(PRECISIONS) - 1)[1]
        bounds.append((f"{key} <= :to_last", {"to_last": last_key}))
    if group is not None:
        first, last = search.group_keys(*group)
        bounds.append(
            (
                f"{key} BETWEEN :group_first AND :group_last",
                {"group_first": first, "group_last": last},
            )
        )
    direction = "" if sort == "date" else " DESC"
    source, order = "event_search", key
    if dialect == "postgresql" and group is None and walked:
        inside, params = joined(bounds or [("true", {})])
        source = (
            f"(SELECT search_key, document FROM event_search WHERE {inside} "
            f"ORDER BY search_key{direction} LIMIT {WALK}) AS event_search"
        )
        sql, outside = joined(where)
        params.update(outside)
    else:
        if dialect == "postgresql" and group is None:
            order = f"{key} + 0"
        sql, params = joined(where + bounds)
    last_row = "" if group is not None else f" LIMIT {limit + 1 + LOOKAHEAD}"
    document = f", {document_column(dialect, with_documents)}" if with_documents else ""
    return prepared(
        f"SELECT event.date_start, event.date_rank, event.id{document} FROM {source} "
        f"JOIN event ON event.search_key = {key} WHERE {sql} "
        f"ORDER BY {order}{direction}{last_row}",
        params,
    )


def _in_contract_order(
    conn: Connection,
    rows: list[Any],
    filters: EventFilters,
    sort: Sort,
    limit: int,
    after: tuple[Any, ...] | None,
    with_documents: Lang | None,
) -> list[Any]:
    """The first limit + 1 rows of a search page read by _search_page, in contract order.

    The group of the last of them is complete when a row read past it belongs to a later
    group, or when fewer rows than asked for exist; else the whole group is read too (a
    second statement; a search of prefixes costs FTS5 as much as a count of its matches).
    """
    wanted = limit + 1
    if len(rows) == wanted + LOOKAHEAD and tuple(rows[-1][:2]) == tuple(rows[wanted - 1][:2]):
        start, rank = rows[-1][:2]  # SQLite gives the date as text
        group = (
            start if isinstance(start, datetime.date) else datetime.date.fromisoformat(start),
            rank,
        )
        statement, params = _search_page(
            filters, sort, limit, after, conn.dialect.name, group, with_documents
        )
        rows = [row for row in rows if (row[0], row[1]) != (start, rank)]
        rows += driver_rows(conn, statement, params)
    return sorted(rows, key=lambda row: tuple(row[:3]), reverse=sort == "-date")[:wanted]


def prepared(sql: str, params: dict[str, Any]) -> Statement:
    """SQL text and its values, as a statement either engine runs (see _statement)."""
    dates = tuple(sorted(k for k, v in params.items() if type(v) is datetime.date))
    times = tuple(sorted(k for k, v in params.items() if isinstance(v, datetime.datetime)))
    return _statement(sql, dates, times), params


@lru_cache(maxsize=1024)
def _statement(sql: str, dates: tuple[str, ...], times: tuple[str, ...]) -> TextClause:
    """The statement of one SQL text, made once: binding values into a new one per page
    cost as much as running it. Dates and times are typed, so that each engine gets them
    in its own form (SQLite: the text SQLAlchemy stores)."""
    typed = [bindparam(k, type_=Date()) for k in dates]
    typed += [bindparam(k, type_=UTCDateTime()) for k in times]  # the columns' type
    return text(sql).bindparams(*typed)


def count_query(filters: EventFilters, dialect: str) -> Statement:
    source, _, where = rows_of(filters, dialect)
    sql, params = joined(where)
    return prepared(f"SELECT count(*) FROM {source} WHERE {sql}", params)


def decode_event_key(key: list[Any]) -> tuple[datetime.date, int, str]:
    """The sort key of an event cursor, checked for its types."""
    try:
        start, rank, event_id = key
        if (
            type(rank) is int
            and rank in range(len(PRECISIONS))  # not bool, not out of any column range
            and isinstance(event_id, str)
            and isinstance(start, str)
        ):
            return datetime.date.fromisoformat(start), rank, event_id
    except (ValueError, TypeError):
        pass
    raise BadCursor("is malformed")


def fetch_page(
    conn: Connection, filters: EventFilters, sort: Sort, limit: int, cursor: str | None
) -> tuple[list[str], str | None]:
    """One page of event ids in contract order, and the cursor of the next page (or None).

    Raises BadCursor for a cursor that is malformed or belongs to another query.
    """
    rows, next_cursor = page_rows(conn, filters, sort, limit, cursor)
    return [row[2] for row in rows], next_cursor


def page_rows(
    conn: Connection,
    filters: EventFilters,
    sort: Sort,
    limit: int,
    cursor: str | None,
    with_documents: Lang | None = None,
) -> tuple[list[Any], str | None]:
    """fetch_page's rows: (date_start, date_rank, id), and the stored document in the
    language asked for by `with_documents`."""
    dialect = conn.dialect.name
    query_fingerprint = filters.fingerprint(sort)
    after = decode_event_key(pagination.decode(cursor, query_fingerprint)) if cursor else None
    statement, params = page_query(filters, sort, limit, after, dialect, with_documents)
    # A search is planned for its words: PostgreSQL reads a rare word's few matches from
    # the GIN index and sorts them, and walks a frequent word's in key order. A prepared
    # statement's generic plan would walk for every word, and a rare one's walk reads the
    # whole index.
    rows = list(driver_rows(conn, statement, params, prepare=not filters.q))
    if filters.q:
        if dialect == "postgresql" and len(rows) < limit + 1 + LOOKAHEAD:
            # The walk found too few matches: all of them, from the GIN index.
            statement, params = _search_page(
                filters, sort, limit, after, dialect, None, with_documents, walked=False
            )
            rows = list(driver_rows(conn, statement, params, prepare=False))
        rows = _in_contract_order(conn, rows, filters, sort, limit, after, with_documents)
    more = len(rows) > limit
    rows = rows[:limit]
    next_cursor = None
    if more:
        start, rank, event_id = rows[-1][:3]
        next_cursor = pagination.encode([str(start), rank, event_id], query_fingerprint)
    return rows, next_cursor


def count(conn: Connection, filters: EventFilters) -> int:
    statement, params = count_query(filters, conn.dialect.name)
    return int(driver_rows(conn, statement, params)[0][0])


def id_page(
    session: Session, model: IdTable, limit: int, cursor: str | None
) -> tuple[list[str], str | None]:
    """A page of a table ordered by id (actors, places, articles) and its next cursor."""
    query_fingerprint = pagination.fingerprint(model.__tablename__)
    dialect = session.get_bind().dialect.name
    id_column: ColumnClause[Any] = literal_column(byte_order(f"{model.__tablename__}.id", dialect))
    query = select(id_column).select_from(model).order_by(id_column).limit(limit + 1)
    if cursor:
        key = pagination.decode(cursor, query_fingerprint)
        if len(key) != 1 or not isinstance(key[0], str):
            raise BadCursor("is malformed")
        query = query.where(id_column > key[0])
    ids = [str(row[0]) for row in session.execute(query).all()]
    more = len(ids) > limit
    ids = ids[:limit]
    next_cursor = pagination.encode([ids[-1]], query_fingerprint) if more else None
    return ids, next_cursor


def table_count(session: Session, model: IdTable) -> int:
    return int(session.execute(select(func.count()).select_from(model)).scalar_one())

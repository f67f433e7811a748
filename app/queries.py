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
from dataclasses import asdict, dataclass, replace
from typing import Any, Literal, cast

from sqlalchemy import ColumnElement, Select, and_, func, select, tuple_, union_all
from sqlalchemy.orm import aliased
from sqlmodel import Session, col

from app import pagination, search
from app.dates import PRECISIONS
from app.models import Actor, Article, Event, EventActor, EventTag, Passage, Place, Source
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
        return pagination.fingerprint({**asdict(self), "sort": sort})


def conditions(filters: EventFilters, dialect: str) -> list[ColumnElement[bool]]:
    where: list[ColumnElement[bool]] = [
        col(Event.status) == filters.status,
        col(Event.deleted_at).is_(None),
    ]
    if filters.places:
        where.append(col(Event.place_id).in_(filters.places))
    if filters.kinds:
        where.append(col(Event.kind).in_(filters.kinds))
    if filters.date_from is not None:
        where.append(col(Event.date_end) >= filters.date_from)
    if filters.date_to is not None:
        where.append(col(Event.date_start) <= filters.date_to)
    if filters.updated_since is not None:
        where.append(col(Event.updated_at) >= filters.updated_since)
    # Subqueries last: SQLite tests the terms in this order, cheap column checks first.
    # EXISTS, not IN: the planner walks the sort index and probes each link by primary key,
    # stopping at the page's end, instead of first listing every event of a frequent actor.
    # Aliases, so that a query that joins these tables itself (facets) keeps them apart.
    for actor_id in filters.actors:
        link = aliased(EventActor)
        where.append(
            select(col(link.event_id))
            .where(col(link.event_id) == col(Event.id), col(link.actor_id) == actor_id)
            .correlate(Event)
            .exists()
        )
    for tag in filters.tags:
        tagged = aliased(EventTag)
        where.append(
            select(col(tagged.event_id))
            .where(col(tagged.event_id) == col(Event.id), col(tagged.tag) == tag)
            .correlate(Event)
            .exists()
        )
    if filters.q:
        where.append(search.matching(filters.q, dialect))
    if filters.article is not None:
        cited = (
            select(col(Source.event_id))
            .join(Passage, col(Passage.id) == col(Source.passage_id))
            .where(col(Passage.article_id) == filters.article)
        )
        where.append(col(Event.id).in_(cited))
    return where


def byte_order(column: Any, dialect: str) -> Any:
    """The column compared and sorted by its bytes, as SQLite does, on every engine.

    PostgreSQL would otherwise use the database's collation (en_US ignores hyphens), so
    that pages, and the order inside them, would differ between engines and servers.
    """
    return column if dialect == "sqlite" else column.collate("C")


def _sort_key(dialect: str) -> tuple[Any, Any, Any]:
    return col(Event.date_start), col(Event.date_rank), byte_order(col(Event.id), dialect)


def page_query(
    filters: EventFilters, sort: Sort, limit: int, after: tuple[Any, ...] | None, dialect: str
) -> Select[datetime.date, int, str]:
    """Ids and sort keys of one page, plus one more row to tell whether a next page exists.

    A search on SQLite answers in the full-text index's order instead, which fetch_page
    completes to the contract's order (see _search_page).
    """
    if dialect == "sqlite" and filters.q:
        return _search_page(filters, sort, after).limit(limit + 1)
    key = _sort_key(dialect)
    where = conditions(filters, dialect)
    if after is not None:
        where.append(_after(key, sort, after))
    if filters.date_from is None:
        return _ordered(select(*key).where(and_(*where)), key, sort, limit)
    branches = []
    for level in range(len(SPAN_LEVEL_DAYS) + 1):
        bounded = [*where, col(Event.date_span_level) == level]
        if level < len(SPAN_LEVEL_DAYS):
            earliest = filters.date_from - datetime.timedelta(days=SPAN_LEVEL_DAYS[level])
            bounded.append(col(Event.date_start) >= earliest)
        branch = _ordered(select(*key).where(and_(*bounded)), key, sort, limit).subquery()
        branches.append(select(*branch.c))
    merged = union_all(*branches).subquery()
    return _ordered(select(*merged.c), tuple(merged.c), sort, limit)


def _ordered(
    query: Select[*tuple[Any, ...]], key: tuple[Any, ...], sort: Sort, limit: int
) -> Select[datetime.date, int, str]:
    order = key if sort == "date" else tuple(k.desc() for k in key)
    return cast(Select[datetime.date, int, str], query.order_by(*order).limit(limit + 1))


def _after(key: tuple[Any, ...], sort: Sort, after: tuple[Any, ...]) -> ColumnElement[bool]:
    return tuple_(*key) > tuple_(*after) if sort == "date" else tuple_(*key) < tuple_(*after)


def _search_page(
    filters: EventFilters,
    sort: Sort,
    after: tuple[Any, ...] | None,
    group: tuple[datetime.date, int] | None = None,
) -> Select[datetime.date, int, str]:
    """A search's matches on SQLite in the order of the full-text index; only those of one
    (date_start, date_rank) group when `group` is given.

    Sorting the matches by the event's columns reads every match's event row first (20,000
    for "summit" in a million events). But the index's key sorts as (date_start, date_rank)
    do (app.search.ordered_key) and FTS5 yields matches in key order, so a page can stop
    after limit + 1 of them. Inside one group the key follows insertion, not the id: so
    fetch_page also reads the whole group of the page's last row and sorts the rows by the
    full key (_in_contract_order). Cursor and `to` bound the key range FTS5 reads.
    """
    assert filters.q
    rowid = search.FTS5_TABLE.c.rowid
    key = _sort_key("sqlite")
    where = conditions(replace(filters, q=None), "sqlite")
    if after is not None:
        where.append(_after(key, sort, after))
        first, last = search.group_keys(after[0], after[1])
        where.append(rowid >= first if sort == "date" else rowid <= last)
    if filters.date_to is not None:
        where.append(rowid <= search.group_keys(filters.date_to, len(PRECISIONS) - 1)[1])
    if group is not None:
        where.append(rowid.between(*search.group_keys(*group)))
    query = (
        select(*key)
        .select_from(search.FTS5_TABLE)
        .join(Event, col(Event.search_key) == rowid)
        .where(search.fts5_match(filters.q), and_(*where))
    )
    return query.order_by(rowid if sort == "date" else rowid.desc())


def _in_contract_order(
    session: Session,
    rows: list[Any],
    filters: EventFilters,
    sort: Sort,
    limit: int,
    after: tuple[Any, ...] | None,
) -> list[Any]:
    """The first limit + 1 rows of a search page read by _search_page, in contract order.

    The last row's group is read also when the page is short (then it adds nothing), so
    that a page costs the same two statements whatever its size.
    """
    if rows:
        start, rank, _ = rows[-1]
        group = session.execute(_search_page(filters, sort, after, (start, rank))).all()
        rows = [row for row in rows if (row[0], row[1]) != (start, rank)] + list(group)
    return sorted(rows, key=tuple, reverse=sort == "-date")[: limit + 1]


def count_query(filters: EventFilters, dialect: str) -> Select[int]:
    return select(func.count()).select_from(Event).where(and_(*conditions(filters, dialect)))


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
    session: Session, filters: EventFilters, sort: Sort, limit: int, cursor: str | None
) -> tuple[list[str], str | None]:
    """One page of event ids in contract order, and the cursor of the next page (or None).

    Raises BadCursor for a cursor that is malformed or belongs to another query.
    """
    dialect = session.get_bind().dialect.name
    query_fingerprint = filters.fingerprint(sort)
    after = decode_event_key(pagination.decode(cursor, query_fingerprint)) if cursor else None
    rows = list(session.execute(page_query(filters, sort, limit, after, dialect)).all())
    if dialect == "sqlite" and filters.q:
        rows = _in_contract_order(session, rows, filters, sort, limit, after)
    more = len(rows) > limit
    rows = rows[:limit]
    next_cursor = None
    if more:
        start, rank, event_id = rows[-1]
        next_cursor = pagination.encode([start.isoformat(), rank, event_id], query_fingerprint)
    return [row[2] for row in rows], next_cursor


def count(session: Session, filters: EventFilters) -> int:
    dialect = session.get_bind().dialect.name
    return int(session.execute(count_query(filters, dialect)).scalar_one())


def id_page(
    session: Session, model: IdTable, limit: int, cursor: str | None
) -> tuple[list[str], str | None]:
    """A page of a table ordered by id (actors, places, articles) and its next cursor."""
    query_fingerprint = pagination.fingerprint(model.__tablename__)
    id_column = byte_order(col(model.id), session.get_bind().dialect.name)
    query = select(id_column).order_by(id_column).limit(limit + 1)
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

"""Counts of the events matching GET /events' filters, one GROUP BY per facet.

`year` and `month` count events by the year and month their interval starts in (an
event spanning 2018 to 2019 counts once, for 2018); `actor` by linked actor; `place` by
place (events without one are left out). Years and months come in time order, the
others by count, most first, then by id.

count(*) counts events: no row stands for an event twice, since the filters are EXISTS
and IN conditions rather than joins and `event_actor` holds one row per event and actor.
(count(DISTINCT id) sorted a million ids into a temporary b-tree per facet.) With an
actor filter the counts read that actor's rows of event_actor, as pages do
(queries.rows_of), which copy the event's dates, kind and place: at a million events,
counting a frequent actor's years took 2.8 s from the event table and takes 0.07 s from
its index.
"""

from collections.abc import Sequence
from dataclasses import replace
from typing import Any, Literal, get_args

from sqlalchemy import Connection, bindparam, text

from app.db import driver_rows
from app.languages import DEFAULT, Lang
from app.queries import EventFilters, Statement, byte_order, joined, prepared, rows_of

Facet = Literal["year", "month", "actor", "kind", "place"]
FACETS: tuple[Facet, ...] = get_args(Facet)
TALLIED: tuple[Facet, ...] = ("year", "month", "kind", "place")  # kept in actor_facet
Json = dict[str, Any]
BATCH = 500


def _start(facet: Facet, column: str, dialect: str) -> str:
    """The year ('2018') or month ('2018-06') an event starts in, as text that sorts in
    time order. SQLite stores a date as ISO text, so the key is its first characters:
    at a million events that takes half the time of STRFTIME parsing every date."""
    if dialect == "sqlite":
        return f"substr({column}, 1, {4 if facet == 'year' else 7})"
    return f"to_char({column}, '{'YYYY' if facet == 'year' else 'YYYY-MM'}')"


def _tallied(facet: Facet, filters: EventFilters) -> bool:
    """Whether the counts are actor_facet's rows: one actor, no other filter."""
    alone = replace(filters, actors=(), status=EventFilters.status) == EventFilters()
    return facet in TALLIED and len(filters.actors) == 1 and alone


def query(facet: Facet, filters: EventFilters, dialect: str, lang: Lang = DEFAULT) -> Statement:
    if _tallied(facet, filters):
        return _tallied_query(facet, filters, dialect, lang)
    source, (table, id_column), where = rows_of(filters, dialect)
    sql, params = joined(where)
    if facet in ("year", "month"):
        start = _start(facet, f"{table}.date_start", dialect)
        counted = f"SELECT {start}, count(*) FROM {source} WHERE {sql} GROUP BY 1 ORDER BY 1"
        return prepared(counted, params)
    if facet == "kind":
        return prepared(
            f"SELECT {table}.kind, count(*) AS n FROM {source} WHERE {sql} "
            f"GROUP BY {table}.kind ORDER BY n DESC, {byte_order(f'{table}.kind', dialect)}",
            params,
        )
    if facet == "actor":
        source += f" JOIN event_actor AS linked ON linked.event_id = {table}.{id_column}"
        named, counted_id = "actor", "linked.actor_id"
    else:
        named, counted_id = "place", f"{table}.place_id"
    shown = _shown(named, lang)
    return prepared(
        # Counted by id and named afterwards: a few hundred names looked up rather than
        # one for every matching link (a third faster at a million).
        f"SELECT {named}.id, {shown}, counted.n FROM {named} JOIN "
        f"(SELECT {counted_id} AS id, count(*) AS n FROM {source} WHERE {sql} "
        f"GROUP BY {counted_id}) AS counted ON counted.id = {named}.id "
        f"ORDER BY counted.n DESC, {byte_order(f'{named}.id', dialect)}",
        params,
    )


def _shown(named: str, lang: Lang) -> str:
    """The name in `lang`, else in the other language (an English name '' is none)."""
    first, second = ("name_de", "name") if lang == "de" else ("name", "name_de")
    return f"COALESCE(NULLIF({named}.{first}, ''), {named}.{second})"


def _tallied_query(facet: Facet, filters: EventFilters, dialect: str, lang: Lang) -> Statement:
    """The facet of one actor as its rows of actor_facet, in the order query() gives."""
    params = {"actor": filters.actors[0], "status": filters.status, "facet": facet}
    counted = "tally.actor_id = :actor AND tally.status = :status AND tally.facet = :facet"
    counted += " AND tally.n > 0"
    value = byte_order("tally.value", dialect)
    if facet in ("year", "month"):
        return prepared(
            f"SELECT tally.value, tally.n FROM actor_facet AS tally "
            f"WHERE {counted} ORDER BY {value}",
            params,
        )
    if facet == "kind":
        return prepared(
            f"SELECT tally.value, tally.n FROM actor_facet AS tally "
            f"WHERE {counted} ORDER BY tally.n DESC, {value}",
            params,
        )
    return prepared(
        f"SELECT place.id, {_shown('place', lang)}, tally.n FROM actor_facet AS tally "
        f"JOIN place ON place.id = tally.value WHERE {counted} "
        f"ORDER BY tally.n DESC, {byte_order('place.id', dialect)}",
        params,
    )


def _tally_value(facet: Facet, dialect: str) -> str:
    if facet in ("year", "month"):
        return _start(facet, "event_actor.date_start", dialect)
    return "event_actor.kind" if facet == "kind" else "event_actor.place_id"


def tally(conn: Connection, event_ids: Sequence[str] | None, sign: int) -> None:
    """Adds (sign 1) or takes away (-1) the live links of these events (of every event:
    None) to or from actor_facet's counts. The writes of event_actor take an event's links
    away before they change them and add them after (app.services.events)."""
    if event_ids is None:
        batches: list[list[str] | None] = [None]
    else:
        batches = [list(event_ids[n : n + BATCH]) for n in range(0, len(event_ids), BATCH)]
    for facet in TALLIED:
        value = _tally_value(facet, conn.dialect.name)
        where = "event_actor.deleted_at IS NULL"
        if facet == "place":
            where += " AND event_actor.place_id IS NOT NULL"
        for batch in batches:
            chosen = where if batch is None else where + " AND event_actor.event_id IN :ids"
            statement = text(
                "INSERT INTO actor_facet (actor_id, status, facet, value, n) "
                f"SELECT event_actor.actor_id, event_actor.status, :facet, {value}, "
                f"count(*) * :sign FROM event_actor WHERE {chosen} "
                f"GROUP BY event_actor.actor_id, event_actor.status, {value} "
                "ON CONFLICT (actor_id, status, facet, value) "
                "DO UPDATE SET n = actor_facet.n + excluded.n"
            )
            params: dict[str, Any] = {"facet": facet, "sign": sign}
            if batch is not None:
                statement = statement.bindparams(bindparam("ids", expanding=True))
                params["ids"] = batch
            conn.execute(statement, params)


def recount(conn: Connection) -> None:
    """actor_facet counted again from every link (after a bulk load of event_actor)."""
    conn.execute(text("DELETE FROM actor_facet"))
    tally(conn, None, 1)


def _value(facet: Facet, row: Any) -> Json:
    if facet in ("year", "month", "kind"):
        return {"value": row[0], "count": row[-1]}
    return {"value": row[0], "name": row[1], "count": row[-1]}


def counts(
    conn: Connection, filters: EventFilters, facets: tuple[Facet, ...], lang: Lang = DEFAULT
) -> Json:
    """`{facet: [{"value", "count"} ...]}`, actors and places with `name` (in `lang`) too."""
    dialect = conn.dialect.name
    return {
        facet: [
            _value(facet, row) for row in driver_rows(conn, *query(facet, filters, dialect, lang))
        ]
        for facet in facets
    }

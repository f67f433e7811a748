"""Counts of the events matching GET /events' filters, one GROUP BY per facet.

`year` and `month` count events by the year and month their interval starts in (an
event spanning 2018 to 2019 counts once, for 2018); `actor` by linked actor; `place` by
place (events without one are left out). Years and months come in time order, the
others by count, most first, then by id.

count(*) counts events: no row stands for an event twice, since the filters are EXISTS
and IN conditions rather than joins and `event_actor` holds one row per event and actor.
(count(DISTINCT id) sorted a million ids into a temporary b-tree per facet.)
"""

from typing import Any, Literal, get_args

from sqlalchemy import ColumnElement, Select, and_, func, select
from sqlmodel import Session, col

from app.models import Actor, Event, EventActor, Place
from app.queries import EventFilters, conditions

Facet = Literal["year", "month", "actor", "kind", "place"]
FACETS: tuple[Facet, ...] = get_args(Facet)
Json = dict[str, Any]


def _query(facet: Facet, where: ColumnElement[bool]) -> Select[*tuple[Any, ...]]:
    count = func.count().label("n")
    if facet in ("year", "month"):
        year = func.extract("year", col(Event.date_start))
        keys = (year,) if facet == "year" else (year, func.extract("month", col(Event.date_start)))
        return select(*keys, count).where(where).group_by(*keys).order_by(*keys)
    if facet == "kind":
        return (
            select(col(Event.kind), count)
            .where(where)
            .group_by(col(Event.kind))
            .order_by(count.desc(), col(Event.kind))
        )
    if facet == "actor":
        return (
            select(col(Actor.id), col(Actor.name), count)
            .select_from(Event)
            .join(EventActor, col(EventActor.event_id) == col(Event.id))
            .join(Actor, col(Actor.id) == col(EventActor.actor_id))
            .where(where)
            .group_by(col(Actor.id), col(Actor.name))
            .order_by(count.desc(), col(Actor.id))
        )
    return (
        select(col(Place.id), col(Place.name), count)
        .select_from(Event)
        .join(Place, col(Place.id) == col(Event.place_id))
        .where(where)
        .group_by(col(Place.id), col(Place.name))
        .order_by(count.desc(), col(Place.id))
    )


def _value(facet: Facet, row: Any) -> Json:
    if facet == "year":
        return {"value": f"{int(row[0]):04d}", "count": row[-1]}
    if facet == "month":
        return {"value": f"{int(row[0]):04d}-{int(row[1]):02d}", "count": row[-1]}
    if facet == "kind":
        return {"value": row[0], "count": row[-1]}
    return {"value": row[0], "name": row[1], "count": row[-1]}


def counts(session: Session, filters: EventFilters, facets: tuple[Facet, ...]) -> Json:
    """`{facet: [{"value", "count"} ...]}`, actors and places with `name` too."""
    where = and_(*conditions(filters, session.get_bind().dialect.name))
    return {
        facet: [_value(facet, row) for row in session.execute(_query(facet, where)).all()]
        for facet in facets
    }

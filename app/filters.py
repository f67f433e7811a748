"""GET /events filters from what a user typed to app.queries.EventFilters.

Shared by the API (a FilterError becomes a 422 naming the parameter) and the command line
(a FilterError becomes a message and exit status 2), so both read filters the same way.
"""

import datetime
from collections.abc import Sequence
from functools import lru_cache

from sqlalchemy import Connection

from app import search
from app.actors import ACTORS, PLACES, Names, Unresolved, resolve
from app.dates import DateParseError, parse_date
from app.models import EVENT_STATUSES
from app.queries import EventFilters
from app.vocabulary import EVENT_KINDS, TAGS, UnknownTerm, term


class FilterError(ValueError):
    """One bad filter; `suggestions` are close ids for a name that matches nothing."""

    def __init__(self, param: str, message: str, suggestions: list[str] | None = None) -> None:
        super().__init__(f"{param}: {message}")
        self.param = param
        self.message = message
        self.suggestions = suggestions


def _resolve_all(
    conn: Connection,
    names: Names,
    param: str,
    values: Sequence[str],
    known: dict[tuple[str, str], str] | None,
) -> tuple[str, ...]:
    resolved = []
    for value in values:
        try:
            resolved.append(resolve(conn, names, value, known))
        except Unresolved as error:
            raise FilterError(
                param, f"no {param} is called {value!r}", error.suggestions
            ) from error
    return tuple(dict.fromkeys(resolved))


def _terms(param: str, values: Sequence[str], allowed: Sequence[str]) -> tuple[str, ...]:
    try:
        return tuple(dict.fromkeys(term(value, allowed) for value in values))
    except UnknownTerm as error:
        raise FilterError(param, str(error), error.suggestions) from error


# Parsing is pure and the same few expressions come again and again; failures are not kept.
_parse_date = lru_cache(maxsize=4096)(parse_date)


def _date_bound(param: str, value: str | None, end: bool) -> datetime.date | None:
    """A bound from a date expression; relative ones ("last year", "vor fünf Jahren",
    "seit 2018") count from today."""
    if value is None:
        return None
    try:
        interval = _parse_date(value, base=datetime.date.today())
    except DateParseError as error:
        raise FilterError(param, str(error)) from error
    return interval.end if end else interval.start


def parse_timestamp(param: str, value: str) -> datetime.datetime:
    """An ISO 8601 date or date-time; without a zone it is UTC."""
    try:
        moment = datetime.datetime.fromisoformat(value)
    except ValueError as error:
        raise FilterError(param, f"cannot read {value!r} as an ISO 8601 time") from error
    return moment if moment.tzinfo else moment.replace(tzinfo=datetime.UTC)


def event_filters(
    conn: Connection,
    *,
    actor: Sequence[str] | None = None,
    place: Sequence[str] | None = None,
    kind: Sequence[str] | None = None,
    tag: Sequence[str] | None = None,
    date_from: str | None = None,
    date_to: str | None = None,
    q: str | None = None,
    article: str | None = None,
    updated_since: str | None = None,
    status: str = "published",
    known: dict[tuple[str, str], str] | None = None,
) -> EventFilters:
    """Filters as the API and the command line take them, resolved (names to ids, as
    `known` has them when given (app.actors.Resolved), date expressions to days); raises
    FilterError naming the first bad parameter."""
    start = _date_bound("from", date_from, end=False)
    end = _date_bound("to", date_to, end=True)
    if start and end and start > end:
        raise FilterError("to", "ends before `from` starts")
    moment = None if updated_since is None else parse_timestamp("updated_since", updated_since)
    if q is not None:
        try:
            search.search_terms(q)
        except ValueError as error:
            raise FilterError("q", str(error)) from error
    return EventFilters(
        actors=_resolve_all(conn, ACTORS, "actor", actor or (), known),
        places=_resolve_all(conn, PLACES, "place", place or (), known),
        kinds=_terms("kind", kind or (), EVENT_KINDS),
        tags=_terms("tag", tag or (), TAGS),
        date_from=start,
        date_to=end,
        q=q,
        article=article,
        updated_since=moment,
        status=_terms("status", [status], EVENT_STATUSES)[0],
    )

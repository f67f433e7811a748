"""Dependencies shared by the routes, as Annotated aliases."""

import datetime
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Annotated, Literal

from fastapi import Depends, Query, Request
from sqlmodel import Session

from app import search
from app.actors import ACTORS, PLACES, Names, Unresolved, resolve
from app.api.errors import ProblemError, invalid
from app.config import Settings
from app.dates import DateParseError, parse_date
from app.pagination import BadCursor
from app.queries import EventFilters, Sort


# Dependencies that do no I/O are async: FastAPI runs a sync one in a worker thread.
async def get_settings(request: Request) -> Settings:
    settings: Settings = request.app.state.settings
    return settings


def get_session(request: Request) -> Iterator[Session]:
    with Session(request.app.state.engine) as session:
        yield session


SettingsDep = Annotated[Settings, Depends(get_settings)]
SessionDep = Annotated[Session, Depends(get_session)]


def _resolve_all(session: Session, names: Names, param: str, values: list[str]) -> tuple[str, ...]:
    resolved = []
    for value in values:
        try:
            resolved.append(resolve(session, names, value))
        except Unresolved as error:
            raise invalid(
                param, f"no {param} is called {value!r}", suggestions=error.suggestions
            ) from error
    return tuple(dict.fromkeys(resolved))


def _date_bound(param: str, value: str | None, end: bool) -> datetime.date | None:
    if value is None:
        return None
    try:
        interval = parse_date(value)
    except DateParseError as error:
        raise invalid(param, f"cannot read {value!r} as a date: {error}") from error
    return interval.end if end else interval.start


def event_filters(
    session: SessionDep,
    actor: Annotated[
        list[str] | None,
        Query(description="Actor id, name or alias; repeat to ask for events involving all."),
    ] = None,
    place: Annotated[
        list[str] | None, Query(description="Place id, name or alias; repeat for any of them.")
    ] = None,
    kind: Annotated[
        list[str] | None, Query(description="Event kind; repeat for any of them.")
    ] = None,
    tag: Annotated[
        list[str] | None, Query(description="Tag; repeat to ask for all of them.")
    ] = None,
    date_from: Annotated[
        str | None,
        Query(alias="from", description="A date expression in English or German, any precision."),
    ] = None,
    date_to: Annotated[
        str | None, Query(alias="to", description="A date expression; its interval's end counts.")
    ] = None,
    q: Annotated[
        str | None, Query(max_length=500, description="Full-text search: every word must match.")
    ] = None,
    article: Annotated[str | None, Query(description="Only events citing this article.")] = None,
    updated_since: Annotated[
        datetime.datetime | None, Query(description="Only events changed at or after this time.")
    ] = None,
    status: Annotated[
        Literal["published", "proposed", "rejected"],
        Query(description="Curation status; ingestion proposes, curators publish."),
    ] = "published",
) -> EventFilters:
    start = _date_bound("from", date_from, end=False)
    end = _date_bound("to", date_to, end=True)
    if start and end and start > end:
        raise invalid("to", "ends before `from` starts")
    if updated_since is not None and updated_since.tzinfo is None:
        updated_since = updated_since.replace(tzinfo=datetime.UTC)
    if q is not None:
        try:
            search.search_terms(q)
        except ValueError as error:
            raise invalid("q", str(error)) from error
    return EventFilters(
        actors=_resolve_all(session, ACTORS, "actor", actor or []),
        places=_resolve_all(session, PLACES, "place", place or []),
        kinds=tuple(dict.fromkeys(kind or [])),
        tags=tuple(dict.fromkeys(tag or [])),
        date_from=start,
        date_to=end,
        q=q,
        article=article,
        updated_since=updated_since,
        status=status,
    )


EventFiltersDep = Annotated[EventFilters, Depends(event_filters)]


@dataclass(frozen=True)
class Page:
    limit: int
    cursor: str | None
    count: bool


async def page(
    settings: SettingsDep,
    limit: Annotated[int | None, Query(ge=1, le=500, description="Items per page.")] = None,
    cursor: Annotated[
        str | None, Query(max_length=1000, description="The `next` token of the previous page.")
    ] = None,
    count: Annotated[bool, Query(description="Add the exact `total` to the answer.")] = False,
) -> Page:
    return Page(limit or settings.default_page_size, cursor, count)


PageDep = Annotated[Page, Depends(page)]
SortDep = Annotated[Sort, Query(description="`date` (oldest first) or `-date`.")]


def bad_cursor(error: BadCursor) -> ProblemError:
    return ProblemError(400, f"cursor {error}", [{"param": "cursor", "message": str(error)}])

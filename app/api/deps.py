"""Dependencies shared by the routes, as Annotated aliases."""

from collections.abc import Iterator
from dataclasses import asdict, dataclass
from typing import Annotated, Literal

from fastapi import Depends, Query, Request
from sqlmodel import Session

from app import filters
from app.api.errors import ProblemError, invalid
from app.config import Settings
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


@dataclass(frozen=True)
class EventQuery:
    """GET /events' filters as given, before names and dates are resolved."""

    actor: list[str] | None
    place: list[str] | None
    kind: list[str] | None
    tag: list[str] | None
    date_from: str | None
    date_to: str | None
    q: str | None
    article: str | None
    updated_since: str | None
    status: str

    def resolve(self, session: Session) -> EventFilters:
        """The filters, resolved; a 422 naming the first bad parameter."""
        try:
            return filters.event_filters(session, **asdict(self))
        except filters.FilterError as error:
            raise filter_problem(error) from error


async def event_query(
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
        str | None,
        Query(
            max_length=100,
            description="Only events changed at or after this ISO 8601 time (UTC if no zone).",
            json_schema_extra={"format": "date-time"},
        ),
    ] = None,
    status: Annotated[
        Literal["published", "proposed", "rejected"],
        Query(description="Curation status; ingestion proposes, curators publish."),
    ] = "published",
) -> EventQuery:
    return EventQuery(
        actor, place, kind, tag, date_from, date_to, q, article, updated_since, status
    )


EventQueryDep = Annotated[EventQuery, Depends(event_query)]


def event_filters(session: SessionDep, query: EventQueryDep) -> EventFilters:
    return query.resolve(session)


def filter_problem(error: filters.FilterError) -> ProblemError:
    extra = {"suggestions": error.suggestions} if error.suggestions is not None else {}
    return invalid(error.param, error.message, **extra)


EventFiltersDep = Annotated[EventFilters, Depends(event_filters)]


@dataclass(frozen=True)
class Page:
    limit: int
    cursor: str | None
    count: bool


async def page(
    settings: SettingsDep,
    limit: Annotated[
        int | None, Query(ge=1, description="Items per page, at most TIMELINE_MAX_PAGE_SIZE (500).")
    ] = None,
    cursor: Annotated[
        str | None, Query(max_length=1000, description="The `next` token of the previous page.")
    ] = None,
    count: Annotated[bool, Query(description="Add the exact `total` to the answer.")] = False,
) -> Page:
    if limit is not None and limit > settings.max_page_size:
        raise invalid("limit", f"must be at most {settings.max_page_size}")
    return Page(limit or settings.default_page_size, cursor, count)


PageDep = Annotated[Page, Depends(page)]
SortDep = Annotated[Sort, Query(description="`date` (oldest first) or `-date`.")]


def bad_cursor(error: BadCursor) -> ProblemError:
    return ProblemError(400, f"cursor {error}", [{"param": "cursor", "message": str(error)}])

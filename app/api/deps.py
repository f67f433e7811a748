"""Dependencies shared by the routes, as Annotated aliases."""

from collections.abc import Callable, Coroutine, Iterator
from dataclasses import dataclass
from functools import cache
from types import UnionType
from typing import Annotated, Any, Literal, TypeVar, Union, get_args, get_origin

from fastapi import Depends, Query, Request
from fastapi.exceptions import RequestValidationError
from fastapi.routing import APIRoute
from pydantic import BaseModel, ConfigDict, Field, ValidationError
from sqlalchemy import Connection
from sqlmodel import Session
from starlette.datastructures import QueryParams
from starlette.responses import Response

from app import filters
from app.api.errors import ProblemError, invalid
from app.api.export import EventFormat
from app.api.language import LANG_DESCRIPTION
from app.api.parameters import declared_only
from app.config import Settings
from app.languages import Lang
from app.models import EVENT_STATUSES
from app.pagination import BadCursor
from app.queries import EventFilters, Sort
from app.vocabulary import EVENT_KINDS, TAGS, OneOf


# Dependencies that do no I/O are async: FastAPI runs a sync one in a worker thread.
async def get_settings(request: Request) -> Settings:
    settings: Settings = request.app.state.settings
    return settings


def get_session(request: Request) -> Iterator[Session]:
    with Session(request.app.state.engine) as session:
        yield session


SettingsDep = Annotated[Settings, Depends(get_settings)]
SessionDep = Annotated[Session, Depends(get_session)]


class EventParams(BaseModel):
    """The event filters as given (GET /events, /timeline, /facets, /changes), before names
    and dates are resolved."""

    model_config = ConfigDict(frozen=True)

    actor: list[str] | None = Field(
        None, description="Actor id, name or alias; repeat to ask for events involving all."
    )
    place: list[str] | None = Field(
        None, description="Place id, name or alias; repeat for any of them."
    )
    kind: list[Annotated[str, OneOf(EVENT_KINDS)]] | None = Field(
        None, description="Event kind, in any case; repeat for any of them."
    )
    tag: list[Annotated[str, OneOf(TAGS)]] | None = Field(
        None, description="Tag, in any case; repeat to ask for all of them."
    )
    date_from: str | None = Field(
        None, alias="from", description="A date expression in English or German, any precision."
    )
    date_to: str | None = Field(
        None, alias="to", description="A date expression; its interval's end counts."
    )
    q: str | None = Field(
        None, max_length=500, description="Full-text search: every word must match."
    )
    article: str | None = Field(
        None,
        description="Only events citing this article, or linked from it by ingestion "
        "(links pending or accepted; `status=proposed` lists its proposals).",
    )
    updated_since: str | None = Field(
        None,
        max_length=100,
        description="Only events changed at or after this ISO 8601 time (UTC if no zone).",
        json_schema_extra={"format": "date-time"},
    )
    status: Annotated[Literal["published", "proposed", "rejected"], OneOf(EVENT_STATUSES)] = Field(
        "published", description="Curation status; ingestion proposes, curators publish."
    )

    def resolve(
        self, conn: Connection, known: dict[tuple[str, str], str] | None = None
    ) -> EventFilters:
        """The filters, resolved; a 422 naming the first bad parameter."""
        given = {name: getattr(self, name) for name in EventParams.model_fields}
        try:
            return filters.event_filters(conn, **given, known=known)
        except filters.FilterError as error:
            raise filter_problem(error) from error


class PageParams(BaseModel):
    model_config = ConfigDict(frozen=True)

    limit: int | None = Field(
        None,
        ge=1,
        description="Items per page: 50 unless asked, at most 500 (the server's "
        "operator can change both).",
    )
    cursor: str | None = Field(
        None,
        max_length=1000,
        description="Where the next page starts: the `cursor` of the previous page's `next`.",
    )
    count: bool = Field(False, description="Add the exact `total` to the answer.")

    def page(self, settings: Settings) -> "Page":
        if self.limit is not None and self.limit > settings.max_page_size:
            raise invalid("limit", f"must be at most {settings.max_page_size}")
        return Page(self.limit or settings.default_page_size, self.cursor, self.count)


Params = TypeVar("Params", bound=BaseModel)


class RequestRoute(APIRoute):
    """A route whose endpoint takes the Request alone and answers a Response itself, its
    parameters read by from_query: documented like any route, but run as Starlette runs an
    endpoint, without FastAPI's request handler (solving no dependencies and serialising
    nothing, it still cost an eighth of an uncached page of GET /events)."""

    def get_route_handler(self) -> Callable[[Request], Coroutine[Any, Any, Response]]:
        endpoint: Callable[[Request], Coroutine[Any, Any, Response]] = self.endpoint

        async def handler(request: Request) -> Response:
            await declared_only(request)  # the one dependency every route has
            return await endpoint(request)

        return handler


def from_query(model: type[Params], query: QueryParams) -> Params:
    """The query string as `model`, validated at once: what FastAPI does for declared
    parameters, without its per-parameter work on every request (a third of an answer of
    GET /events). Unknown parameters are ignored, as FastAPI does; errors are FastAPI's."""
    given: dict[str, Any] = {}
    for name, many in _query_shape(model):
        if many:
            if values := query.getlist(name):
                given[name] = values
        elif name in query:
            given[name] = query[name]
    try:
        return model.model_validate(given)
    except ValidationError as error:
        raise RequestValidationError(
            [{**e, "loc": ("query", *e["loc"])} for e in error.errors(include_url=False)]
        ) from error


@cache
def _query_shape(model: type[BaseModel]) -> list[tuple[str, bool]]:
    """Each field's name in the query string, and whether it may repeat."""
    return [
        (field.alias or name, get_origin(_required(field.annotation)) is list)
        for name, field in model.model_fields.items()
    ]


def _required(annotation: Any) -> Any:
    """`list[str]` of `list[str] | None`."""
    branches = [arg for arg in get_args(annotation) if arg is not type(None)]
    return branches[0] if get_origin(annotation) in (Union, UnionType) else annotation


def query_parameters(model: type[BaseModel]) -> list[dict[str, Any]]:
    """The OpenAPI parameters of a model read by from_query, as FastAPI would write them."""
    schema = model.model_json_schema(by_alias=True)
    return [
        {
            "name": name,
            "in": "query",
            "required": False,
            "schema": field,
            **({"description": field["description"]} if "description" in field else {}),
        }
        for name, field in schema["properties"].items()
    ]


async def event_query(params: Annotated[EventParams, Query()]) -> EventParams:
    return params


EventQueryDep = Annotated[EventParams, Depends(event_query)]


def event_filters(session: SessionDep, query: EventQueryDep) -> EventFilters:
    return query.resolve(session.connection())


def filter_problem(error: filters.FilterError) -> ProblemError:
    extra = {"suggestions": error.suggestions} if error.suggestions is not None else {}
    return invalid(error.param, error.message, **extra)


EventFiltersDep = Annotated[EventFilters, Depends(event_filters)]


@dataclass(frozen=True)
class Page:
    limit: int
    cursor: str | None
    count: bool


async def page(settings: SettingsDep, params: Annotated[PageParams, Query()]) -> Page:
    return params.page(settings)


PageDep = Annotated[Page, Depends(page)]


class EventListParams(EventParams, PageParams):
    """GET /events' parameters, read by from_query."""

    fmt: Annotated[EventFormat, OneOf(get_args(EventFormat))] | None = Field(
        None,
        alias="format",
        description="json (paginated, the default), or a streamed export of every matching "
        "event: ndjson, csv or ics (limit and cursor do not apply). Overrides Accept.",
    )
    sort: Annotated[Sort, OneOf(get_args(Sort))] = Field(
        "date", description="`date` (oldest first) or `-date`."
    )
    bom: bool = Field(
        False, description="`true`: CSV starts with a byte order mark, for Excel (csv only)."
    )
    lang: Lang | None = Field(None, description=LANG_DESCRIPTION)


def bad_cursor(error: BadCursor) -> ProblemError:
    return ProblemError(400, f"cursor {error}", [{"param": "cursor", "message": str(error)}])

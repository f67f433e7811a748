from typing import Annotated

from fastapi import APIRouter, Path, Request
from starlette.responses import Response

from app import queries, views
from app.api.deps import EventFiltersDep, PageDep, SessionDep, SortDep, bad_cursor
from app.api.errors import ProblemError
from app.api.export import EventFormatQuery, chosen_format, events_export
from app.api.responses import JSONResponse, list_response
from app.api.schemas import EventPublic, listing, responses
from app.pagination import BadCursor

router = APIRouter(tags=["events"])


@router.get(
    "/events",
    response_model=listing(EventPublic),
    responses=responses(400, 422),
    summary="Events, filtered, in date order",
)
def list_events(
    request: Request,
    session: SessionDep,
    filters: EventFiltersDep,
    page: PageDep,
    fmt: EventFormatQuery = None,
    sort: SortDep = "date",
) -> Response:
    if (chosen := chosen_format(request, fmt)) != "json":
        return events_export(request, chosen, filters, sort)
    try:
        ids, next_cursor = queries.fetch_page(session, filters, sort, page.limit, page.cursor)
    except BadCursor as error:
        raise bad_cursor(error) from error
    total = queries.count(session, filters) if page.count else None
    return list_response(request, views.events(session, ids), next_cursor, total)


@router.get(
    "/events/{event_id}",
    response_model=EventPublic,
    responses=responses(404),
    summary="One event with all its sources",
)
def get_event(session: SessionDep, event_id: Annotated[str, Path(max_length=200)]) -> Response:
    found = views.events(session, [event_id])
    if not found:
        raise ProblemError(404, f"no event has the id {event_id!r}")
    return JSONResponse(found[0])

from typing import Annotated

from fastapi import APIRouter, Query, Request
from starlette.responses import Response

from app import changes
from app.api.deps import EventFiltersDep, PageDep, SessionDep, bad_cursor
from app.api.errors import invalid
from app.api.language import LangDep
from app.api.responses import list_response
from app.api.schemas import ChangeList, responses
from app.pagination import BadCursor

router = APIRouter(tags=["events"])


@router.get(
    "/changes",
    response_model=ChangeList,
    responses=responses(400, 422),
    summary="Events created, updated or deleted since a position, for exact mirrors",
)
def list_changes(
    request: Request,
    session: SessionDep,
    filters: EventFiltersDep,
    page: PageDep,
    lang: LangDep,
    since: Annotated[
        str | None,
        Query(
            max_length=100,
            description="The `since` of the previous answer (exact), or an ISO 8601 time. "
            "Without it: no changes, and the position to poll from now.",
        ),
    ] = None,
) -> Response:
    try:
        position = changes.parse_since(since) if since is not None else None
    except ValueError as error:
        raise invalid("since", str(error)) from error
    try:
        found = changes.page(session, filters, position, page.limit, page.cursor, lang)
    except BadCursor as error:
        raise bad_cursor(error) from error
    total = changes.count(session, position) if page.count else None
    return list_response(request, found.items, found.next_cursor, total, {"since": found.since})

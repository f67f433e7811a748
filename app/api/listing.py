"""What the list and detail routes of every table share."""

from collections.abc import Callable, Sequence
from typing import Any

from sqlmodel import Session
from starlette.requests import Request
from starlette.responses import Response

from app import queries
from app.api.deps import Page, bad_cursor
from app.api.errors import ProblemError
from app.api.responses import JSONResponse, list_response
from app.pagination import BadCursor
from app.queries import IdTable

Render = Callable[[Session, Sequence[Any]], list[dict[str, Any]]]


def table_listing(
    request: Request, session: Session, page: Page, model: IdTable, render: Render
) -> Response:
    """A page of a table in id order, rendered by `render`."""
    try:
        ids, next_cursor = queries.id_page(session, model, page.limit, page.cursor)
    except BadCursor as error:
        raise bad_cursor(error) from error
    total = queries.table_count(session, model) if page.count else None
    return list_response(request, render(session, ids), next_cursor, total)


def one(session: Session, render: Render, what: str, key: Any) -> Response:
    """One row rendered by `render`, or 404 naming what was not found."""
    found = render(session, [key])
    if not found:
        raise ProblemError(404, f"no {what} has the id {key!r}")
    return JSONResponse(found[0])

"""What the write routes share: If-Match, one transaction per write, refusals as problems,
and event answers carrying their ETag."""

from collections.abc import Callable
from typing import Annotated, Any, TypeVar

from fastapi import Header, Request
from sqlmodel import Session

from app.api.auth import WriterDep
from app.api.errors import ProblemError, invalid
from app.api.responses import JSONResponse
from app.services import curation
from app.services.errors import Gone, WriteRefused

T = TypeVar("T")

IfMatch = Annotated[
    str | None,
    Header(
        alias="If-Match",
        description="The event's ETag as last read; a stale one is refused with 412. "
        "Without it the write applies to the event as it is now.",
    ),
]


async def no_body(request: Request, _writer: WriterDep) -> None:
    """Refuses content on a write that takes none (DELETE): it would be silently ignored.
    Only a writer is told so: without a token the answer is 401, as for any write (FastAPI
    solves the route's dependencies before its parameters, and the writer only once)."""
    if await request.body():
        raise invalid("body", "this operation takes no request body")


def problem(refused: WriteRefused) -> ProblemError:
    headers = {}
    if isinstance(refused, Gone) and refused.merged_into:
        headers["Link"] = f'</events/{refused.merged_into}>; rel="successor-version"'
    return ProblemError(refused.status, refused.detail, refused.errors, headers)


def absent(session: Session, event_id: str) -> ProblemError:
    """404 for an event that never was, 410 for a deleted one."""
    try:
        curation.live(session, event_id)
    except WriteRefused as refused:
        return problem(refused)
    return ProblemError(404, f"no event has the id {event_id!r}")


def run(session: Session, write: Callable[[], T], if_match: str | None = None) -> T:
    """`write` as one committed transaction; a refusal becomes its problem+json answer."""
    try:
        return curation.commit(session, write, retry=if_match is None)
    except WriteRefused as refused:
        raise problem(refused) from refused


def event_response(view: dict[str, Any], status: int = 200) -> JSONResponse:
    headers = {"ETag": curation.etag(view)}
    if status == 201:
        headers["Location"] = f"/events/{view['id']}"
    return JSONResponse(view, status, headers=headers)

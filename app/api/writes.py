"""What the write routes share: If-Match, one transaction per write, refusals as problems,
and event answers carrying their ETag."""

from collections.abc import Callable
from typing import Annotated, Any, TypeVar

from fastapi import Depends, Header, Request
from sqlmodel import Session

from app import languages, views
from app.api.auth import WriterDep
from app.api.errors import ProblemError, invalid
from app.api.responses import JSONResponse
from app.languages import DEFAULT, Lang
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


async def written_language(
    content_language: Annotated[
        str | None,
        Header(
            alias="Content-Language",
            description="The language of `title`, `summary` or `name` given as a string: "
            "de or en (the default).",
        ),
    ] = None,
) -> Lang:
    """The language of the texts a write gives as plain strings."""
    if content_language is None:
        return DEFAULT
    lang = languages.as_lang(content_language.split(",")[0])
    if lang is None:
        raise invalid("Content-Language", f"must be de or en, not {content_language!r}")
    return lang


WrittenIn = Annotated[Lang, Depends(written_language)]


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


def answer(session: Session, view: dict[str, Any], lang: Lang, status: int = 200) -> JSONResponse:
    """A write's answer: the event as written, as GET /events/{id} shows it in `lang`
    (curation answers the form its history records)."""
    shown = views.event_detail(session.connection(), view["id"], lang)
    assert shown is not None
    return event_response(shown, status)


def event_response(view: dict[str, Any], status: int = 200) -> JSONResponse:
    headers = {"ETag": curation.etag(view)}
    if status == 201:
        headers["Location"] = f"/events/{view['id']}"
    return JSONResponse(view, status, headers=headers)

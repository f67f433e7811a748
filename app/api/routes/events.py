from functools import partial
from typing import Annotated, Literal

import orjson
from fastapi import APIRouter, Depends, Header, Path, Request
from pydantic import BaseModel, ConfigDict, Field
from sqlalchemy import Connection
from starlette.responses import Response

from app import documents, languages, queries, views
from app.api import caching, writes
from app.api.auth import WriterDep
from app.api.deps import (
    EventListParams,
    PageDep,
    RequestRoute,
    SessionDep,
    bad_cursor,
    from_query,
    query_parameters,
)
from app.api.export import chosen_format, events_export
from app.api.language import LangDep, language
from app.api.responses import list_response
from app.api.schemas import (
    EventDetail,
    EventPublic,
    HistoryEntry,
    also_as,
    listing,
    responses,
)
from app.api.writes import WrittenIn
from app.models import Event
from app.pagination import BadCursor
from app.queries import EventFilters
from app.services import curation, history
from app.services.event_input import EventCreate, EventUpdate, SourceInput

router = APIRouter(tags=["events"])
EventId = Annotated[str, Path(max_length=200)]


async def list_events(request: Request) -> Response:
    """The parameters are read by from_query (documented by openapi_extra), the database
    where app.api.reads says, and the route runs as a RequestRoute: the most asked route
    does no more than it must."""
    params = from_query(EventListParams, request.query_params)
    page = params.page(request.app.state.settings)
    chosen = chosen_format(request, params.fmt)
    lang = languages.chosen(params.lang, request.headers.get("accept-language"))
    known = request.app.state.resolved.at(request.scope.get(caching.VERSION))

    def read(conn: Connection) -> tuple[EventFilters, list[bytes], str | None]:
        filters = params.resolve(conn, known)
        if chosen != "json":
            return filters, [], None
        try:
            found, next_cursor = documents.page(
                conn, filters, params.sort, page.limit, page.cursor, lang
            )
        except BadCursor as error:
            raise bad_cursor(error) from error
        return filters, found, next_cursor

    reads = request.app.state.reads
    filters, found, next_cursor = await reads.run(read)
    if chosen != "json":
        return events_export(request, chosen, filters, params.sort, lang, params.bom)
    total = await reads.count(partial(queries.count, filters=filters)) if page.count else None
    items = [orjson.Fragment(document) for document in found]
    return list_response(request, items, next_cursor, total)


router.add_api_route(
    "/events",
    list_events,
    methods=["GET"],
    route_class_override=RequestRoute,
    response_model=listing(EventPublic),
    responses={
        **responses(400, 422),
        **also_as("application/x-ndjson", "text/csv", "text/calendar"),
    },
    openapi_extra={"parameters": query_parameters(EventListParams)},
    summary="Events, filtered, in date order",
    description="Published events (or those of another `status`) that match every filter "
    "given, oldest first, a page at a time: follow `next` until it is null. With "
    "`format=ndjson`, `csv` or `ics` (or the Accept header), every matching event at once.",
)


@router.get(
    "/events/{event_id}",
    response_model=EventDetail,
    responses=responses(404, 410),
    summary="One event with all its sources and the links ingestion suggested for it; "
    "its ETag is the one If-Match takes",
)
def get_event(
    session: SessionDep,
    event_id: EventId,
    lang: LangDep,
    if_none_match: Annotated[str | None, Header(alias="If-None-Match")] = None,
) -> Response:
    found = views.event_detail(session.connection(), event_id, lang)
    if found is None:
        raise writes.absent(session, event_id)
    response = writes.event_response(found)
    current = response.headers["ETag"]
    if if_none_match is not None and curation.matches(if_none_match, current, weak=True):
        return Response(status_code=304, headers={"ETag": current})
    return response


# Curation: writes need a bearer token (WriterDep); each is one transaction, kept in the
# event's history. PATCH, DELETE and the source and merge routes honour If-Match.

WRITE_REFUSALS = (401, 403, 404, 410, 412, 422)


class LinkReview(BaseModel):
    """The body of PATCH /events/{id}/links/{link_id}."""

    model_config = ConfigDict(extra="forbid")

    status: Literal["accepted", "rejected"] = Field(
        description="`accepted` cites the link's quote as a source of the event; `rejected` "
        "keeps it listed as rejected."
    )


class MergeRequest(BaseModel):
    model_config = ConfigDict(extra="forbid")

    into: str = Field(max_length=200, description="The event that receives the sources.")


@router.post(
    "/events",
    status_code=201,
    response_model=EventDetail,
    responses=responses(401, 403, 409, 422),
    summary="Create an event (token); 409 when the id is taken",
)
def create_event(
    session: SessionDep, author: WriterDep, draft: EventCreate, lang: LangDep, written: WrittenIn
) -> Response:
    view = writes.run(
        session, lambda: curation.create(session, draft=draft, author=author, written=written)
    )
    return writes.answer(session, view, lang, 201)


@router.patch(
    "/events/{event_id}",
    response_model=EventDetail,
    responses=responses(*WRITE_REFUSALS),
    summary="Change the fields given (JSON merge semantics) (token)",
)
def update_event(
    session: SessionDep,
    author: WriterDep,
    event_id: EventId,
    patch: EventUpdate,
    lang: LangDep,
    written: WrittenIn,
    if_match: writes.IfMatch = None,
) -> Response:
    view = writes.run(
        session,
        lambda: curation.update(
            session,
            event_id=event_id,
            patch=patch,
            author=author,
            if_match=if_match,
            written=written,
        ),
        if_match,
    )
    return writes.answer(session, view, lang)


@router.delete(
    "/events/{event_id}",
    status_code=204,
    responses=responses(*WRITE_REFUSALS),
    dependencies=[Depends(writes.no_body)],
    summary="Delete an event: a tombstone the change feed shows (token)",
)
def delete_event(
    session: SessionDep, author: WriterDep, event_id: EventId, if_match: writes.IfMatch = None
) -> Response:
    writes.run(
        session,
        lambda: curation.delete_event(session, event_id=event_id, author=author, if_match=if_match),
        if_match,
    )
    return Response(status_code=204)


@router.post(
    "/events/{event_id}/sources",
    status_code=201,
    response_model=EventDetail,
    responses=responses(409, *WRITE_REFUSALS),
    summary="Cite a passage: the quote must be in it (token)",
)
def add_source(
    session: SessionDep,
    author: WriterDep,
    event_id: EventId,
    source: SourceInput,
    lang: LangDep,
    if_match: writes.IfMatch = None,
) -> Response:
    view = writes.run(
        session,
        lambda: curation.add_source(
            session, event_id=event_id, source=source, author=author, if_match=if_match
        ),
        if_match,
    )
    return writes.answer(session, view, lang, 201)


@router.delete(
    "/events/{event_id}/sources/{source_id}",
    response_model=EventDetail,
    responses=responses(*WRITE_REFUSALS),
    dependencies=[Depends(writes.no_body)],
    summary="Remove one of the event's sources (token)",
)
def remove_source(
    session: SessionDep,
    author: WriterDep,
    event_id: EventId,
    source_id: Annotated[int, Path(ge=1, le=2**31 - 1)],
    lang: LangDep,
    if_match: writes.IfMatch = None,
) -> Response:
    view = writes.run(
        session,
        lambda: curation.remove_source(
            session, event_id=event_id, source_id=source_id, author=author, if_match=if_match
        ),
        if_match,
    )
    return writes.answer(session, view, lang)


@router.post(
    "/events/{event_id}/merge",
    response_model=EventDetail,
    responses=responses(*WRITE_REFUSALS),
    summary="Merge the event into another: its sources move there, it is deleted (token)",
)
def merge_event(
    session: SessionDep,
    author: WriterDep,
    event_id: EventId,
    merge: MergeRequest,
    lang: LangDep,
    if_match: writes.IfMatch = None,
) -> Response:
    view = writes.run(
        session,
        lambda: curation.merge(
            session, event_id=event_id, into=merge.into, author=author, if_match=if_match
        ),
        if_match,
    )
    return writes.answer(session, view, lang)


@router.patch(
    "/events/{event_id}/links/{link_id}",
    response_model=EventDetail,
    responses=responses(*WRITE_REFUSALS),
    summary="Accept a link (its quote becomes a source of the event) or reject it (token)",
    openapi_extra={
        "requestBody": {
            "content": {
                "application/json": {
                    "examples": {
                        "accept": {"value": {"status": "accepted"}},
                        "reject": {"value": {"status": "rejected"}},
                    }
                }
            }
        }
    },
)
def review_link(
    session: SessionDep,
    author: WriterDep,
    event_id: EventId,
    link_id: Annotated[int, Path(ge=1, le=2**31 - 1)],
    review: LinkReview,
    lang: LangDep,
    if_match: writes.IfMatch = None,
) -> Response:
    view = writes.run(
        session,
        lambda: curation.review_link(
            session,
            event_id=event_id,
            link_id=link_id,
            status=review.status,
            author=author,
            if_match=if_match,
        ),
        if_match,
    )
    return writes.answer(session, view, lang)


@router.get(
    "/events/{event_id}/history",
    response_model=listing(HistoryEntry),
    responses=responses(400, 404, 422),
    dependencies=[Depends(language)],
    summary="Every write to the event, oldest first, deleted events included",
)
def event_history(
    request: Request, session: SessionDep, event_id: EventId, page: PageDep
) -> Response:
    try:
        entries, next_cursor = history.page(
            session, event_id=event_id, limit=page.limit, cursor=page.cursor
        )
    except BadCursor as error:
        raise bad_cursor(error) from error
    if not entries and not page.cursor and session.get(Event, event_id) is None:
        raise writes.absent(session, event_id)
    return list_response(request, [entry.model_dump() for entry in entries], next_cursor)

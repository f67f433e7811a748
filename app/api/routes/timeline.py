"""Feeds for timeline widgets (TimelineJS3, vis-timeline) and facet counts for filters."""

from typing import Annotated, Literal, get_args

from fastapi import APIRouter, Query
from starlette.responses import Response

from app import facets, timelines
from app.api.deps import EventFiltersDep, SessionDep, SettingsDep
from app.api.language import LangDep
from app.api.responses import JSONResponse
from app.api.schemas import responses
from app.vocabulary import OneOf

router = APIRouter(tags=["timeline"])
TimelineFormat = Literal["timelinejs", "vis"]


@router.get(
    "/timeline",
    responses={200: {"content": {"application/json": {}}}, **responses(422)},
    summary="Events in TimelineJS3's JSON format, or vis-timeline's with format=vis",
    description=(
        "The filters of GET /events. It does not page: it answers the first 2,000 matching "
        'events in date order (the operator can change that) and says `"truncated": true` '
        "when more match."
    ),
)
def get_timeline(
    session: SessionDep,
    settings: SettingsDep,
    filters: EventFiltersDep,
    lang: LangDep,
    format: Annotated[
        TimelineFormat,
        OneOf(get_args(TimelineFormat)),
        Query(description="`timelinejs` (default) or `vis`."),
    ] = "timelinejs",
) -> Response:
    cap = settings.timeline_max_events
    return JSONResponse(timelines.document(session, filters, cap, format, lang))


@router.get(
    "/facets",
    responses={200: {"content": {"application/json": {}}}, **responses(422)},
    summary="Counts of the matching events by year, month, actor, kind or place",
    description=(
        "The filters of GET /events. `year` and `month` count events by the year and month "
        "they start in; `actor` and `place` values are ids, with `name`. Without `facet`, "
        "all of them."
    ),
)
def get_facets(
    session: SessionDep,
    filters: EventFiltersDep,
    lang: LangDep,
    facet: Annotated[
        list[Annotated[facets.Facet, OneOf(facets.FACETS)]] | None,
        Query(description="year, month, actor, kind or place; repeat for several."),
    ] = None,
) -> Response:
    asked = facet or facets.FACETS
    chosen = tuple(name for name in facets.FACETS if name in asked)
    return JSONResponse(facets.counts(session.connection(), filters, chosen, lang))

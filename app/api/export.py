"""Choosing an answer's format (`format` wins over Accept) and streaming the exports."""

from collections.abc import Iterator
from typing import Literal

from fastapi import Request
from starlette.responses import StreamingResponse

from app import exports
from app.formats import geojson
from app.languages import Lang
from app.queries import EventFilters, Sort

ACCEPTED = {
    "application/x-ndjson": "ndjson",
    "application/ndjson": "ndjson",
    "text/csv": "csv",
    "text/calendar": "ics",
    "application/json": "json",
}
EventFormat = Literal["json", "ndjson", "csv", "ics"]


def chosen_format(request: Request, asked: str | None) -> str:
    """`format` if given, else the first Accept media type we serve, else json."""
    if asked:
        return asked
    for media_range in request.headers.get("accept", "").split(","):
        media_type = media_range.split(";")[0].strip().lower()
        if media_type in ACCEPTED:
            return ACCEPTED[media_type]
    return "json"


def stream(chunks: Iterator[str] | Iterator[bytes], fmt: str, filename: str) -> StreamingResponse:
    headers = {"Content-Disposition": f'attachment; filename="{filename}.{fmt}"'}
    return StreamingResponse(chunks, media_type=exports.MEDIA_TYPES[fmt], headers=headers)


def events_export(
    request: Request,
    fmt: str,
    filters: EventFilters,
    sort: Sort,
    lang: Lang,
    bom: bool = False,
) -> StreamingResponse:
    chunks = exports.write(fmt, request.app.state.engine, filters, sort, bom=bom, lang=lang)
    return stream(chunks, fmt, "events")


def places_geojson(request: Request, lang: Lang) -> StreamingResponse:
    places = exports.places(request.app.state.engine, lang)
    return StreamingResponse(geojson.feature_collection(places), media_type="application/geo+json")

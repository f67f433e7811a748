from typing import Annotated, Literal, get_args

from fastapi import APIRouter, Query, Request
from starlette.responses import Response

from app import exports
from app.api.deps import PageDep, SessionDep, bad_cursor
from app.api.export import stream
from app.api.language import LangDep
from app.api.responses import list_response
from app.api.schemas import SourceRow, also_as, listing, responses
from app.formats import csv
from app.pagination import BadCursor
from app.vocabulary import OneOf

router = APIRouter(tags=["events"])
SourceFormat = Literal["json", "csv"]


@router.get(
    "/sources",
    response_model=listing(SourceRow),
    responses={**responses(400, 422), **also_as("text/csv")},
    summary="Every source of every published event; format=csv for a spreadsheet",
)
def list_sources(
    request: Request,
    session: SessionDep,
    page: PageDep,
    lang: LangDep,
    fmt: Annotated[
        SourceFormat,
        OneOf(get_args(SourceFormat)),
        Query(alias="format", description="json (paginated) or csv (every source, streamed)."),
    ] = "json",
    bom: Annotated[
        bool, Query(description="`true`: CSV starts with a byte order mark, for Excel.")
    ] = False,
) -> Response:
    if fmt == "csv":
        engine = request.app.state.engine
        rows = (row.encode() for row in csv.source_rows(exports.sources(engine, lang)))
        return stream(csv.with_bom(rows) if bom else rows, "csv", "sources")
    try:
        items, next_cursor = exports.sources_page(session, page.limit, page.cursor, lang)
    except BadCursor as error:
        raise bad_cursor(error) from error
    total = exports.sources_count(session) if page.count else None
    return list_response(request, items, next_cursor, total)

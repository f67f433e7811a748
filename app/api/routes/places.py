from typing import Annotated, Literal

from fastapi import APIRouter, Path, Query, Request
from starlette.responses import Response

from app import views
from app.api.deps import PageDep, SessionDep
from app.api.export import places_geojson
from app.api.listing import one, table_listing
from app.api.schemas import PlaceDetail, listing, responses
from app.models import Place

router = APIRouter(tags=["places"])


@router.get(
    "/places",
    response_model=listing(PlaceDetail),
    responses=responses(400, 422),
    summary="Places with coordinates, aliases and event counts",
)
def list_places(
    request: Request,
    session: SessionDep,
    page: PageDep,
    fmt: Annotated[
        Literal["json", "geojson"],
        Query(
            alias="format",
            description="json (paginated), or geojson: a FeatureCollection of every place.",
        ),
    ] = "json",
) -> Response:
    if fmt == "geojson":
        return places_geojson(request)
    return table_listing(request, session, page, Place, views.places)


@router.get(
    "/places/{place_id}", response_model=PlaceDetail, responses=responses(404), summary="One place"
)
def get_place(session: SessionDep, place_id: Annotated[str, Path(max_length=200)]) -> Response:
    return one(session, views.places, "place", place_id)

from typing import Annotated, Literal

from fastapi import APIRouter, Depends, Path, Query, Request
from starlette.responses import Response

from app import views
from app.actors import PLACES
from app.api import writes
from app.api.auth import writer
from app.api.deps import PageDep, SessionDep
from app.api.export import places_geojson
from app.api.listing import one, table_listing
from app.api.responses import JSONResponse
from app.api.schemas import FEATURE_COLLECTION, PlaceDetail, also_as, listing, responses
from app.models import Place
from app.services import named
from app.services.named import PlaceCreate, PlaceUpdate

router = APIRouter(tags=["places"])


@router.get(
    "/places",
    response_model=listing(PlaceDetail),
    responses={**responses(400, 422), **also_as("application/geo+json", schema=FEATURE_COLLECTION)},
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


@router.post(
    "/places",
    status_code=201,
    response_model=PlaceDetail,
    responses=responses(401, 403, 409, 422),
    dependencies=[Depends(writer)],
    summary="Create a place with its aliases (token); 409 when the id or a name is taken",
)
def create_place(session: SessionDep, draft: PlaceCreate) -> Response:
    place_id = writes.run(session, lambda: named.create(session, table=PLACES, draft=draft))
    headers = {"Location": f"/places/{place_id}"}
    return JSONResponse(views.places(session, [place_id])[0], 201, headers=headers)


@router.patch(
    "/places/{place_id}",
    response_model=PlaceDetail,
    responses=responses(401, 403, 404, 409, 422),
    dependencies=[Depends(writer)],
    summary="Change the fields given; `aliases` replaces all aliases (token)",
)
def update_place(
    session: SessionDep, place_id: Annotated[str, Path(max_length=200)], patch: PlaceUpdate
) -> Response:
    writes.run(
        session, lambda: named.update(session, table=PLACES, entity_id=place_id, patch=patch)
    )
    return one(session, views.places, "place", place_id)

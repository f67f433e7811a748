from functools import partial
from typing import Annotated, Literal, get_args

from fastapi import APIRouter, Depends, Path, Query, Request
from starlette.responses import Response

from app import views
from app.actors import PLACES
from app.api import writes
from app.api.auth import writer
from app.api.deps import PageDep, SessionDep
from app.api.export import places_geojson
from app.api.language import LangDep
from app.api.listing import one, table_listing
from app.api.responses import JSONResponse
from app.api.schemas import FEATURE_COLLECTION, PlaceDetail, also_as, listing, responses
from app.api.writes import WrittenIn
from app.models import Place
from app.services import named
from app.services.named import PlaceCreate, PlaceUpdate
from app.vocabulary import OneOf

router = APIRouter(tags=["places"])
PlaceFormat = Literal["json", "geojson"]


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
    lang: LangDep,
    fmt: Annotated[
        PlaceFormat,
        OneOf(get_args(PlaceFormat)),
        Query(
            alias="format",
            description="json (paginated), or geojson: a FeatureCollection of every place.",
        ),
    ] = "json",
) -> Response:
    if fmt == "geojson":
        return places_geojson(request, lang)
    return table_listing(request, session, page, Place, partial(views.places, lang=lang))


@router.get(
    "/places/{place_id}", response_model=PlaceDetail, responses=responses(404), summary="One place"
)
def get_place(
    session: SessionDep, place_id: Annotated[str, Path(max_length=200)], lang: LangDep
) -> Response:
    return one(session, partial(views.places, lang=lang), "place", place_id)


@router.post(
    "/places",
    status_code=201,
    response_model=PlaceDetail,
    responses=responses(401, 403, 409, 422),
    dependencies=[Depends(writer)],
    summary="Create a place with its aliases (token); 409 when the id or a name is taken",
)
def create_place(
    session: SessionDep, draft: PlaceCreate, lang: LangDep, written: WrittenIn
) -> Response:
    place_id = writes.run(
        session,
        lambda: named.create(session, table=PLACES, draft=draft, written=written),
    )
    headers = {"Location": f"/places/{place_id}"}
    return JSONResponse(views.places(session, [place_id], lang)[0], 201, headers=headers)


@router.patch(
    "/places/{place_id}",
    response_model=PlaceDetail,
    responses=responses(401, 403, 404, 409, 422),
    dependencies=[Depends(writer)],
    summary="Change the fields given; `aliases` replaces all aliases (token)",
)
def update_place(
    session: SessionDep,
    place_id: Annotated[str, Path(max_length=200)],
    patch: PlaceUpdate,
    lang: LangDep,
    written: WrittenIn,
) -> Response:
    writes.run(
        session,
        lambda: named.update(
            session, table=PLACES, entity_id=place_id, patch=patch, written=written
        ),
    )
    return one(session, partial(views.places, lang=lang), "place", place_id)

from typing import Annotated

from fastapi import APIRouter, Path, Request
from starlette.responses import Response

from app import views
from app.api.deps import PageDep, SessionDep
from app.api.listing import one, table_listing
from app.api.schemas import ActorPublic, listing, responses
from app.models import Actor

router = APIRouter(tags=["actors"])


@router.get(
    "/actors",
    response_model=listing(ActorPublic),
    responses=responses(400, 422),
    summary="People, states and organisations, with aliases and event counts",
)
def list_actors(request: Request, session: SessionDep, page: PageDep) -> Response:
    return table_listing(request, session, page, Actor, views.actors)


@router.get(
    "/actors/{actor_id}", response_model=ActorPublic, responses=responses(404), summary="One actor"
)
def get_actor(session: SessionDep, actor_id: Annotated[str, Path(max_length=200)]) -> Response:
    return one(session, views.actors, "actor", actor_id)

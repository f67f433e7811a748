from functools import partial
from typing import Annotated

from fastapi import APIRouter, Depends, Path, Request
from starlette.responses import Response

from app import views
from app.actors import ACTORS
from app.api import writes
from app.api.auth import writer
from app.api.deps import PageDep, SessionDep
from app.api.language import LangDep
from app.api.listing import one, table_listing
from app.api.responses import JSONResponse
from app.api.schemas import ActorPublic, listing, responses
from app.api.writes import WrittenIn
from app.models import Actor
from app.services import named
from app.services.named import ActorCreate, ActorUpdate

router = APIRouter(tags=["actors"])


@router.get(
    "/actors",
    response_model=listing(ActorPublic),
    responses=responses(400, 422),
    summary="People, states and organisations, with aliases and event counts",
)
def list_actors(request: Request, session: SessionDep, page: PageDep, lang: LangDep) -> Response:
    return table_listing(request, session, page, Actor, partial(views.actors, lang=lang))


@router.get(
    "/actors/{actor_id}", response_model=ActorPublic, responses=responses(404), summary="One actor"
)
def get_actor(
    session: SessionDep, actor_id: Annotated[str, Path(max_length=200)], lang: LangDep
) -> Response:
    return one(session, partial(views.actors, lang=lang), "actor", actor_id)


@router.post(
    "/actors",
    status_code=201,
    response_model=ActorPublic,
    responses=responses(401, 403, 409, 422),
    dependencies=[Depends(writer)],
    summary="Create an actor with its aliases (token); 409 when the id or a name is taken",
)
def create_actor(
    session: SessionDep, draft: ActorCreate, lang: LangDep, written: WrittenIn
) -> Response:
    actor_id = writes.run(
        session,
        lambda: named.create(session, table=ACTORS, draft=draft, written=written),
    )
    headers = {"Location": f"/actors/{actor_id}"}
    return JSONResponse(views.actors(session, [actor_id], lang)[0], 201, headers=headers)


@router.patch(
    "/actors/{actor_id}",
    response_model=ActorPublic,
    responses=responses(401, 403, 404, 409, 422),
    dependencies=[Depends(writer)],
    summary="Change the fields given; `aliases` replaces all aliases (token)",
)
def update_actor(
    session: SessionDep,
    actor_id: Annotated[str, Path(max_length=200)],
    patch: ActorUpdate,
    lang: LangDep,
    written: WrittenIn,
) -> Response:
    writes.run(
        session,
        lambda: named.update(
            session, table=ACTORS, entity_id=actor_id, patch=patch, written=written
        ),
    )
    return one(session, partial(views.actors, lang=lang), "actor", actor_id)

from fastapi import APIRouter, Depends
from sqlalchemy import func
from sqlalchemy.exc import SQLAlchemyError
from sqlmodel import col, select
from starlette.responses import Response

from app.api.deps import SessionDep
from app.api.language import language
from app.api.responses import JSONResponse
from app.api.schemas import Health
from app.models import Event

router = APIRouter(tags=["health"])


@router.get(
    "/health",
    response_model=Health,
    responses={503: {"model": Health}},
    dependencies=[Depends(language)],  # `lang` is taken, as on every GET, though unused
    summary="Whether the service and its database answer",
)
def health(session: SessionDep) -> Response:
    try:
        count = session.exec(
            select(func.count())
            .select_from(Event)
            .where(col(Event.status) == "published", col(Event.deleted_at).is_(None))
        ).one()
    except SQLAlchemyError:
        return JSONResponse({"status": "error", "database": "error", "events": None}, 503)
    return JSONResponse({"status": "ok", "database": "ok", "events": count})

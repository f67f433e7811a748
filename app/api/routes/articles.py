from functools import partial
from typing import Annotated

from fastapi import APIRouter, Path, Query, Request
from sqlmodel import col, select
from starlette.responses import Response

from app import views
from app.api import writes
from app.api.auth import WriterDep
from app.api.deps import PageDep, SessionDep, SettingsDep
from app.api.errors import ProblemError, invalid
from app.api.language import LangDep
from app.api.listing import one, table_listing
from app.api.responses import JSONResponse, list_response
from app.api.schemas import (
    ArticleLink,
    ArticlePublic,
    IngestResult,
    PassagePublic,
    listing,
    responses,
)
from app.ingest.service import ArticleCreate, IngestRejected, ingest_once
from app.models import Article, Passage

router = APIRouter(tags=["articles"])
ArticleId = Annotated[str, Path(max_length=200)]


@router.get(
    "/articles",
    response_model=listing(ArticlePublic),
    responses=responses(400, 422),
    summary="Source articles",
)
def list_articles(request: Request, session: SessionDep, page: PageDep, lang: LangDep) -> Response:
    return table_listing(request, session, page, Article, partial(views.articles, lang=lang))


@router.get(
    "/articles/{article_id}",
    response_model=ArticlePublic,
    responses=responses(404),
    summary="One article with its full text",
)
def get_article(session: SessionDep, article_id: ArticleId, lang: LangDep) -> Response:
    return one(session, partial(views.articles, lang=lang), "article", article_id)


@router.get(
    "/articles/{article_id}/passages",
    response_model=listing(PassagePublic),
    responses=responses(404),
    summary="An article's passages in order, with their events and date expressions",
)
def list_passages(
    request: Request,
    session: SessionDep,
    article_id: ArticleId,
    lang: LangDep,
    count: Annotated[bool, Query(description="Add the exact `total` to the answer.")] = False,
) -> Response:
    if session.get(Article, article_id) is None:
        raise ProblemError(404, f"no article has the id {article_id!r}")
    ids = session.exec(
        select(Passage.id).where(Passage.article_id == article_id).order_by(col(Passage.ordinal))
    ).all()
    passages = views.passages(session, [i for i in ids if i is not None], lang)
    return list_response(request, passages, None, len(passages) if count else None)


@router.get(
    "/articles/{article_id}/links",
    response_model=listing(ArticleLink),
    responses=responses(404),
    summary="Every link and proposal ingestion found in the article, in passage order",
)
def list_links(
    request: Request, session: SessionDep, article_id: ArticleId, lang: LangDep
) -> Response:
    if session.get(Article, article_id) is None:
        raise ProblemError(404, f"no article has the id {article_id!r}")
    found = views.article_links(session.connection(), article_id, lang)
    return list_response(request, found, None)


@router.get(
    "/passages/{passage_id}",
    response_model=PassagePublic,
    responses=responses(404),
    summary="One passage",
)
def get_passage(
    session: SessionDep, passage_id: Annotated[int, Path(ge=1, le=2**31 - 1)], lang: LangDep
) -> Response:
    return one(session, partial(views.passages, lang=lang), "passage", passage_id)


@router.post(
    "/articles",
    status_code=201,
    response_model=IngestResult,
    responses={
        200: {"model": IngestResult, "description": "Stored before: the stored article"},
        **responses(401, 403, 413, 422),
    },
    summary="Ingest an article: passages, dates, actors, places, linked and proposed events",
)
def create_article(
    session: SessionDep, settings: SettingsDep, _writer: WriterDep, body: ArticleCreate
) -> Response:
    try:
        found, created = writes.run(session, lambda: ingest_once(session, settings, body))
    except IngestRejected as error:
        if error.status == 413:
            errors = [{"param": error.param, "message": error.message}]
            raise ProblemError(413, str(error), errors) from error
        raise invalid(error.param, error.message) from error
    return JSONResponse(found, status_code=201 if created else 200)

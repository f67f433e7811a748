"""Ingesting one article, the single code path below `POST /articles` and `timeline ingest`.

Everything happens in the caller's transaction: a failure anywhere leaves nothing behind.
"""

from typing import Any, Literal

from pydantic import BaseModel, Field
from sqlalchemy.exc import IntegrityError
from sqlmodel import Session, col, select

from app import views
from app.config import Settings
from app.dates import DateParseError, parse_date
from app.ingest.events import link_article
from app.ingest.passages import DEFAULT_MAX_CHARS
from app.ingest.pipeline import ArticleInput, Stored, read_back, store_article
from app.models import (
    EventLink,
)
from app.services import versions

Json = dict[str, Any]


class ArticleCreate(BaseModel):
    """The body of POST /articles; only `text` is required, `published` is a date expression."""

    text: str
    title: str | None = Field(default=None, max_length=1000)
    published: str | None = Field(
        default=None,
        max_length=200,
        description="The day of publication, any date expression. Without it the report's "
        "day is read from the text, as a careful reader does: the full date of a dateline, "
        "byline or stamp line above the story ('Seoul, 31 October 2024', 'Stand: 28.04.2025 "
        "09:41 Uhr'), else the text's latest full date (not a footer's); it is stored as "
        "`published`, the date expression it was read from as `published_evidence`.",
    )
    outlet: str | None = Field(default=None, max_length=500)
    author: str | None = Field(default=None, max_length=500)
    url: str | None = Field(default=None, max_length=2000)
    language: Literal["de", "en"] | None = None


class IngestRejected(ValueError):
    """Input that cannot be ingested: `status` 413 (too large) or 422, naming `param`."""

    def __init__(self, status: int, param: str, message: str) -> None:
        super().__init__(f"{param}: {message}")
        self.status = status
        self.param = param
        self.message = message


def check(data: ArticleCreate, max_chars: int) -> ArticleInput:
    """The article to store, or IngestRejected naming what is wrong."""
    if len(data.text) > max_chars:
        raise IngestRejected(
            413, "text", f"is {len(data.text):,} characters long; at most {max_chars:,} are allowed"
        )
    if not data.text.strip():
        raise IngestRejected(422, "text", "is empty")
    if "\x00" in data.text:
        raise IngestRejected(422, "text", "contains NUL bytes: binary data, not text")
    published = None
    if data.published is not None:
        try:
            published = parse_date(data.published)
        except DateParseError as error:
            raise IngestRejected(422, "published", f"cannot read it as a date: {error}") from error
    return ArticleInput(
        text=data.text,
        title=data.title,
        outlet=data.outlet,
        author=data.author,
        url=data.url,
        language=data.language,
        published=published,
        published_evidence=data.published,
    )


def ingest(
    session: Session,
    data: ArticleCreate,
    *,
    max_chars: int,
    max_passage_chars: int = DEFAULT_MAX_CHARS,
) -> tuple[Json, bool]:
    """The ingested article in the contract's shape, and whether it was stored now."""
    article, written = store_article(
        session, check(data, max_chars), max_passage_chars=max_passage_chars
    )
    if written is not None:
        link_article(session, written)
        versions.bump(session)
    return result(session, written or read_back(session, article)), written is not None


def ingest_once(session: Session, settings: Settings, data: ArticleCreate) -> tuple[Json, bool]:
    """`ingest` with the settings' limits; when a concurrent ingest of the same text wins the
    race (the unique text hash refuses the second insert), its stored article is answered."""
    limits = {
        "max_chars": settings.max_article_chars,
        "max_passage_chars": settings.passage_max_chars,
    }
    try:
        return ingest(session, data, **limits)
    except IntegrityError:
        session.rollback()
        found, _ = ingest(session, data, **limits)
        return found, False


def result(session: Session, stored: Stored) -> Json:
    """An ingested article as stored: its passages, mentions and event links."""
    article, passages = stored.article, stored.passages
    ordinal = {p.id: p.ordinal for p in passages if p.id is not None}

    def in_order(found: dict[int, list[Any]]) -> list[Any]:
        return [row for passage_id in ordinal for row in found[passage_id]]

    def mention(row: Any, owner: str) -> Json:
        return {
            "passage_id": row.passage_id,
            owner: getattr(row, owner),
            "text": row.text,
            "start": row.start,
            "end": row.end,
        }

    found = session.exec(select(EventLink).where(col(EventLink.passage_id).in_(ordinal))).all()
    links = sorted(found, key=lambda r: (ordinal[r.passage_id], -r.score, r.event_id))
    return {
        "article": {
            **views.article_ref(article),
            "author": article.author,
            "url": article.url,
            "language": article.language,
        },
        "passages": [
            {"id": p.id, "ordinal": p.ordinal, "start": p.start, "end": p.end} for p in passages
        ],
        "date_mentions": [
            {
                "passage_id": m.passage_id,
                "text": m.text,
                "start": m.start,
                "end": m.end,
                "date": views.date_object(m.date_start, m.date_end, m.precision, m.qualifier),
                "inferred": m.inferred,
            }
            for m in in_order(stored.dates)
        ],
        "actor_mentions": [mention(m, "actor_id") for m in in_order(stored.actors)],
        "place_mentions": [mention(m, "place_id") for m in in_order(stored.places)],
        "events": [
            {
                "event_id": link.event_id,
                "status": link.found_as,
                "score": link.score,
                "passage_id": link.passage_id,
            }
            for link in links
        ],
    }

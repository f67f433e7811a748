"""The response shapes, for the OpenAPI document; the routes build them in app.views."""

from datetime import date, datetime
from typing import Any

from pydantic import BaseModel, create_model


class DateObject(BaseModel):
    start: date
    end: date
    precision: str
    qualifier: str | None
    display: str


class ArticleRef(BaseModel):
    id: str
    title: str | None
    outlet: str | None
    published: DateObject | None


class ArticlePublic(ArticleRef):
    author: str | None
    language: str
    url: str | None
    published_evidence: str | None
    text: str


class PlacePublic(BaseModel):
    id: str
    name: str
    kind: str | None
    lat: float | None
    lon: float | None


class PlaceDetail(PlacePublic):
    aliases: list[str]
    event_count: int


class EventActorPublic(BaseModel):
    id: str
    name: str
    kind: str
    role: str


class SourcePublic(BaseModel):
    id: int
    article: ArticleRef
    passage_id: int
    quote: str
    start: int
    end: int
    stated_date: DateObject | None


class EventPublic(BaseModel):
    id: str
    title: str
    summary: str | None
    kind: str
    date: DateObject
    date_note: str | None
    place: PlacePublic | None
    actors: list[EventActorPublic]
    tags: list[str]
    sources: list[SourcePublic]
    status: str
    created_at: datetime
    updated_at: datetime


class HistoryEntry(BaseModel):
    id: int
    event_id: str
    action: str
    author: str
    at: datetime
    change_seq: int
    before: dict[str, Any] | None
    after: dict[str, Any] | None


class ActorPublic(BaseModel):
    id: str
    name: str
    kind: str
    description: str | None
    aliases: list[str]
    event_count: int


class DateMentionPublic(BaseModel):
    text: str
    start: int
    end: int
    date: DateObject


class PassagePublic(BaseModel):
    id: int
    article_id: str
    ordinal: int
    start: int
    end: int
    text: str
    event_ids: list[str]
    date_mentions: list[DateMentionPublic]


class Health(BaseModel):
    status: str
    database: str
    events: int | None


class ProblemItem(BaseModel):
    param: str
    message: str
    suggestions: list[str] | None = None


class Problem(BaseModel):
    type: str
    title: str
    status: int
    detail: str
    errors: list[ProblemItem]


def listing(item: type[BaseModel]) -> type[BaseModel]:
    """The list envelope around `item`, named after it (EventPublicList ...)."""
    fields: dict[str, Any] = {
        "items": (list[item], ...),  # type: ignore[valid-type]
        "next": (str | None, ...),
        "total": (int | None, None),
    }
    return create_model(f"{item.__name__}List", **fields)


PROBLEM_RESPONSE: dict[str, Any] = {
    "model": Problem,
    "content": {"application/problem+json": {"schema": {"$ref": "#/components/schemas/Problem"}}},
}


def responses(*statuses: int) -> dict[int | str, dict[str, Any]]:
    """The problem+json answers a route can give, for the OpenAPI document."""
    return dict.fromkeys(statuses, PROBLEM_RESPONSE)

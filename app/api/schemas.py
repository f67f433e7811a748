"""The response shapes, for the OpenAPI document; the routes build them in app.views."""

from datetime import date, datetime
from typing import Annotated, Any, Literal

from pydantic import BaseModel, Field, create_model

from app.dates import PRECISIONS, QUALIFIERS
from app.models import ACTOR_KINDS, EVENT_STATUSES, HISTORY_ACTIONS, LINK_STATUSES, ROLES
from app.vocabulary import EVENT_KINDS, PLACE_KINDS, TAGS, OneOf

# The closed vocabularies, documented as enums (OneOf).
Precision = Annotated[str, OneOf(PRECISIONS)]
Qualifier = Annotated[str, OneOf(QUALIFIERS)]
EventKind = Annotated[str, OneOf(EVENT_KINDS)]
Tag = Annotated[str, OneOf(TAGS)]
EventStatus = Annotated[str, OneOf(EVENT_STATUSES)]
Role = Annotated[str, OneOf(ROLES)]
ActorKind = Annotated[str, OneOf(ACTOR_KINDS)]
PlaceKind = Annotated[str, OneOf(PLACE_KINDS)]
LinkStatus = Annotated[str, OneOf(LINK_STATUSES)]
HistoryAction = Annotated[str, OneOf(HISTORY_ACTIONS)]


class DateObject(BaseModel):
    """A date as an interval of days, with the precision it is known at."""

    start: date = Field(description="The first day the date can mean.")
    end: date = Field(description="The last day the date can mean (inclusive).")
    precision: Precision
    qualifier: Qualifier | None = Field(description="`early 2018`, `circa 1950`, ...; or null.")
    end_precision: Precision | None = Field(
        description="The end's precision when it differs from the start's "
        "(`since the 1990s`: a decade's start, a day's end); else null."
    )
    ongoing: bool = Field(
        description="Still going on at `end`, the date of the latest source that attests it."
    )
    display: str = Field(description="The date as people write it: `12 June 2018`.")


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
    kind: PlaceKind | None
    lat: float | None
    lon: float | None


Language = Literal["en", "de"]
SHOWN_IN = (
    "The language the text above is shown in: the one asked for (lang, Accept-Language), "
    "or the other when it has none in that language."
)


class PlaceDetail(PlacePublic):
    name_lang: Language = Field(description=SHOWN_IN)
    aliases: list[str] = Field(description="Other names, the one in the other language too.")
    event_count: int


class EventActorPublic(BaseModel):
    id: str
    name: str
    kind: ActorKind
    role: Role


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
    title_lang: Language = Field(description=SHOWN_IN)
    summary: str | None
    summary_lang: Language | None = Field(description=SHOWN_IN + " Null without a summary.")
    kind: EventKind
    date: DateObject
    date_note: str | None
    date_note_lang: Language | None = Field(description=SHOWN_IN + " Null without a note.")
    place: PlacePublic | None
    actors: list[EventActorPublic]
    tags: list[Tag]
    sources: list[SourcePublic]
    status: EventStatus
    created_at: datetime
    updated_at: datetime


class LinkPublic(SourcePublic):
    """A link ingestion suggested: the sentence of an article that mentions the event."""

    score: float = Field(description="How sure ingestion was, from 0 to 1.")
    status: Literal["pending", "accepted", "rejected"] = Field(
        description="The review: an accepted link's quote is a source of the event."
    )


class EventDetail(EventPublic):
    """One event: as lists show it, with its links, pending first."""

    links: list[LinkPublic]


class ArticleLink(LinkPublic):
    """A link or proposal found in an article, naming its event."""

    event_id: str
    event_title: str
    event_status: str


class EventChange(EventPublic):
    """A change feed item for an event in the view: the event as it is now."""

    deleted: Literal[False]
    change_seq: int


class EventRemoval(BaseModel):
    """A change feed item for an event that left the view (deleted, unpublished, ...)."""

    id: str
    deleted: Literal[True]
    deleted_at: datetime
    change_seq: int


class ChangeList(BaseModel):
    items: list[EventChange | EventRemoval]
    next: str | None
    since: int = Field(description="The position to ask `since` next time.")
    total: int | None = None


class SourceRow(SourcePublic):
    event_id: str


class HistoryEntry(BaseModel):
    id: int
    event_id: str
    action: HistoryAction
    author: str
    at: datetime
    change_seq: int
    before: dict[str, Any] | None
    after: dict[str, Any] | None


class ActorPublic(BaseModel):
    id: str
    name: str
    name_lang: Language = Field(description=SHOWN_IN)
    kind: ActorKind
    description: str | None
    description_lang: Language | None = Field(description=SHOWN_IN + " Null without a description.")
    aliases: list[str]
    event_count: int


class DateMentionPublic(BaseModel):
    text: str
    start: int
    end: int
    date: DateObject
    inferred: bool = Field(
        description="the year or month came from the text around the expression (an earlier "
        "date, the publication date), not from the expression itself"
    )


class PassageActorMention(BaseModel):
    actor_id: str
    text: str
    start: int
    end: int


class PassagePlaceMention(BaseModel):
    place_id: str
    text: str
    start: int
    end: int


class PassageEventLink(BaseModel):
    event_id: str
    status: LinkStatus
    score: float


class PassagePublic(BaseModel):
    id: int
    article_id: str
    ordinal: int
    start: int
    end: int
    text: str
    event_ids: list[str]
    date_mentions: list[DateMentionPublic]
    actor_mentions: list[PassageActorMention]
    place_mentions: list[PassagePlaceMention]
    event_links: list[PassageEventLink]


class IngestedArticle(ArticleRef):
    author: str | None
    url: str | None
    language: str


class PassageSpan(BaseModel):
    id: int
    ordinal: int
    start: int
    end: int


class IngestedDateMention(DateMentionPublic):
    passage_id: int


class MentionPublic(BaseModel):
    passage_id: int
    text: str
    start: int
    end: int


class ActorMentionPublic(MentionPublic):
    actor_id: str


class PlaceMentionPublic(MentionPublic):
    place_id: str


class EventLinkPublic(BaseModel):
    event_id: str
    status: LinkStatus
    score: float
    passage_id: int


class IngestResult(BaseModel):
    """POST /articles and `timeline ingest --json`: the article as stored and what was found."""

    article: IngestedArticle
    passages: list[PassageSpan]
    date_mentions: list[IngestedDateMention]
    actor_mentions: list[ActorMentionPublic]
    place_mentions: list[PlaceMentionPublic]
    events: list[EventLinkPublic]


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


TEXT: dict[str, Any] = {"type": "string"}
FEATURE_COLLECTION: dict[str, Any] = {
    "type": "object",
    "required": ["type", "features"],
    "properties": {"type": {"const": "FeatureCollection"}, "features": {"type": "array"}},
}


def also_as(*media_types: str, schema: dict[str, Any] = TEXT) -> dict[int | str, dict[str, Any]]:
    """The other media types of a 200 answer (streamed exports), for the OpenAPI document."""
    return {200: {"content": dict.fromkeys(media_types, {"schema": schema})}}

"""All tables, imported here so that SQLModel.metadata is whole wherever it is used."""

from app.models.actors import ACTOR_KINDS, Actor, ActorAlias
from app.models.articles import Article, DateMention, Passage
from app.models.base import PRECISIONS, QUALIFIERS, utcnow
from app.models.events import (
    EVENT_STATUSES,
    ROLES,
    ActorFacet,
    Event,
    EventActor,
    EventTag,
    Source,
)
from app.models.history import HISTORY_ACTIONS, EventHistory
from app.models.mentions import LINK_FINDINGS, LINK_STATUSES, ActorMention, EventLink, PlaceMention
from app.models.meta import DataState
from app.models.places import Place, PlaceAlias

__all__ = [
    "ACTOR_KINDS",
    "EVENT_STATUSES",
    "LINK_FINDINGS",
    "LINK_STATUSES",
    "HISTORY_ACTIONS",
    "PRECISIONS",
    "QUALIFIERS",
    "ROLES",
    "Actor",
    "ActorAlias",
    "ActorFacet",
    "ActorMention",
    "Article",
    "DataState",
    "DateMention",
    "Event",
    "EventActor",
    "EventLink",
    "EventHistory",
    "EventTag",
    "Passage",
    "Place",
    "PlaceAlias",
    "PlaceMention",
    "Source",
    "utcnow",
]

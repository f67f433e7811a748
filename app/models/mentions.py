"""What ingestion found in a passage besides dates: names of actors and places, and the
events the passage was linked to or proposed as (see app/ingest/events.py)."""

from sqlalchemy import CheckConstraint, Index
from sqlmodel import Field, SQLModel

from app.models.base import in_list

LINK_STATUSES = ("linked", "proposed")


class ActorMention(SQLModel, table=True):
    """An actor's name in a passage; `start`/`end` are offsets into the article's text."""

    __tablename__ = "actor_mention"
    __table_args__ = (Index(None, "passage_id"), Index(None, "actor_id"))

    id: int | None = Field(default=None, primary_key=True)
    passage_id: int = Field(foreign_key="passage.id", ondelete="CASCADE")
    actor_id: str = Field(foreign_key="actor.id", ondelete="CASCADE")
    start: int
    end: int
    text: str


class PlaceMention(SQLModel, table=True):
    """A place's name in a passage; `start`/`end` are offsets into the article's text."""

    __tablename__ = "place_mention"
    __table_args__ = (Index(None, "passage_id"), Index(None, "place_id"))

    id: int | None = Field(default=None, primary_key=True)
    passage_id: int = Field(foreign_key="passage.id", ondelete="CASCADE")
    place_id: str = Field(foreign_key="place.id", ondelete="CASCADE")
    start: int
    end: int
    text: str


class EventLink(SQLModel, table=True):
    """A passage's tie to an event as ingestion scored it: an existing event it `linked`
    to (a suggestion for curators) or the event it `proposed`."""

    __tablename__ = "event_link"
    __table_args__ = (
        CheckConstraint(in_list("status", LINK_STATUSES), name="status"),
        Index(None, "event_id"),
    )

    passage_id: int = Field(foreign_key="passage.id", primary_key=True, ondelete="CASCADE")
    event_id: str = Field(foreign_key="event.id", primary_key=True, ondelete="CASCADE")
    status: str = Field(max_length=10)
    score: float

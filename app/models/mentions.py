"""What ingestion found in a passage besides dates: names of actors and places, and the
events the passage was linked to or proposed as (see app/ingest/events.py)."""

from datetime import date

from sqlalchemy import CheckConstraint, Index, Text, UniqueConstraint
from sqlmodel import Column, Field, SQLModel

from app.models.base import PRECISIONS, QUALIFIERS, in_list

LINK_FINDINGS = ("linked", "proposed")
LINK_STATUSES = ("pending", "accepted", "rejected")


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
    """A passage's tie to an event as ingestion found it, and a curator's review of it.

    `found_as` says how: `linked` to an existing event (a suggestion), or the event it
    `proposed`. `status` is the review: `pending`, `accepted` (the quote is then a source
    of the event) or `rejected`. `quote` is the sentence that mentions the event, exactly
    as in the article (`start`/`end` are offsets into its text); `stated_*` is the date as
    that sentence states it.
    """

    __tablename__ = "event_link"
    __table_args__ = (
        UniqueConstraint("passage_id", "event_id"),
        CheckConstraint(in_list("found_as", LINK_FINDINGS), name="found_as"),
        CheckConstraint(in_list("status", LINK_STATUSES), name="status"),
        CheckConstraint('start >= 0 AND start < "end"', name="offsets"),
        CheckConstraint(in_list("stated_precision", PRECISIONS, True), name="stated_precision"),
        CheckConstraint(in_list("stated_qualifier", QUALIFIERS, True), name="stated_qualifier"),
        Index(None, "event_id"),
    )

    id: int | None = Field(default=None, primary_key=True)
    passage_id: int = Field(foreign_key="passage.id", ondelete="CASCADE")
    event_id: str = Field(foreign_key="event.id", ondelete="CASCADE")
    found_as: str = Field(max_length=10)
    status: str = Field(default="pending", max_length=10)
    score: float
    quote: str = Field(sa_column=Column(Text, nullable=False))
    start: int
    end: int
    stated_start: date | None = None
    stated_end: date | None = None
    stated_precision: str | None = Field(default=None, max_length=10)
    stated_qualifier: str | None = Field(default=None, max_length=10)

from datetime import date, datetime

from sqlalchemy import (
    BigInteger,
    CheckConstraint,
    Index,
    Integer,
    Text,
    UniqueConstraint,
    false,
    text,
)
from sqlmodel import Column, Field, SQLModel

from app.models.base import PRECISIONS, QUALIFIERS, in_list, utcnow

EVENT_STATUSES = ("published", "proposed", "rejected")
ROLES = ("participant", "initiator", "target", "subject")
_CHANGE_SEQ = Column("change_seq", Integer, nullable=False)
# The sort indexes hold ids in byte order on PostgreSQL, as pages sort and seek by them
# (app.queries.byte_order); SQLite compares bytes already.
BYTE_ORDER = {"id": 'COLLATE "C"'}


class Event(SQLModel, table=True):
    """Something that happened, with the best known date as an interval.

    `date_rank` is the precision as a number (day 0 ... decade 3) so that the contract's
    order (start, narrower precision first, id) is a plain index scan. `date_span_level`
    buckets the interval's length (see app.queries.span_level) so that `from` is a bounded
    range of that index per bucket instead of a scan from the first event. `change_seq` is the
    data version of the event's last write: it orders the change feed exactly, which
    timestamps from concurrent transactions cannot. It is also the mapper's version
    column: every ORM UPDATE of an event is a compare-and-set `... WHERE id = :id AND
    change_seq = :as_read` and raises StaleDataError when another writer came first.
    """

    __mapper_args__ = {"version_id_col": _CHANGE_SEQ, "version_id_generator": False}

    __tablename__ = "event"
    __table_args__ = (
        CheckConstraint("date_start <= date_end", name="interval"),
        CheckConstraint(in_list("date_precision", PRECISIONS), name="precision"),
        CheckConstraint(in_list("date_qualifier", QUALIFIERS, True), name="qualifier"),
        CheckConstraint(in_list("date_end_precision", PRECISIONS, True), name="end_precision"),
        CheckConstraint(in_list("status", EVENT_STATUSES), name="status"),
        # Of live events only, which is what every list asks for: a page, or an export, is
        # then the index alone, not a test of every event's row for deleted_at.
        Index(
            "ix_event_live_order",
            *("status", "date_start", "date_rank", "id", "deleted_at"),
            sqlite_where=text("deleted_at IS NULL"),
            postgresql_where=text("deleted_at IS NULL"),
            postgresql_ops=BYTE_ORDER,
        ),
        # date_end, deleted_at, kind and place ride along so that rows outside `from`, and
        # of other kinds or places, are skipped in the index without reading the event
        Index(
            "ix_event_span_range",
            *(
                "status",
                "date_span_level",
                "date_start",
                "date_rank",
                "id",
                "date_end",
                "deleted_at",
                "kind",
                "place_id",
            ),
            postgresql_ops=BYTE_ORDER,
        ),
        Index(None, "date_end"),
        Index(None, "kind", "date_start"),
        # the kind facet: live events in kind order, read from the index alone
        Index(None, "status", "deleted_at", "kind"),
        Index(None, "place_id", "date_start"),
        Index(None, "updated_at", "id"),
        Index(None, "change_seq"),
        Index(None, "search_key", unique=True),
    )

    id: str = Field(primary_key=True, max_length=200)
    # English and German (app.languages); an event may have one of them only, and `title`
    # is '' when it has no English one (NOT NULL stays: relaxing it copies the table).
    title: str
    title_de: str | None = None
    summary: str | None = Field(default=None, sa_column=Column(Text))
    summary_de: str | None = Field(default=None, sa_column=Column(Text))
    kind: str = Field(max_length=40)
    date_start: date
    date_end: date
    date_precision: str = Field(max_length=10)
    date_rank: int
    date_span_level: int = 0
    date_qualifier: str | None = Field(default=None, max_length=10)
    date_end_precision: str | None = Field(default=None, max_length=10)  # see DateInterval
    date_ongoing: bool = Field(default=False, sa_column_kwargs={"server_default": false()})
    date_display: str
    date_display_de: str | None = None  # None: DateInterval.display_de()
    date_note: str | None = Field(default=None, sa_column=Column(Text))
    date_note_de: str | None = Field(default=None, sa_column=Column(Text))
    place_id: str | None = Field(default=None, foreign_key="place.id", ondelete="RESTRICT")
    status: str = Field(default="published", max_length=20)
    created_at: datetime = Field(default_factory=utcnow)
    updated_at: datetime = Field(default_factory=utcnow)
    deleted_at: datetime | None = None
    change_seq: int = Field(default=0, sa_column=_CHANGE_SEQ)
    # The full-text index's key (see app.search.ordered_key): an integer joins far cheaper
    # than the id, and it orders events by date.
    search_key: int = Field(sa_column=Column("search_key", BigInteger, nullable=False))
    document: str | None = Field(default=None, sa_column=Column(Text))  # app.documents
    document_de: str | None = Field(default=None, sa_column=Column(Text))  # in German


class EventActor(SQLModel, table=True):
    """An actor's part in an event, with copies of the event's columns that a page of one
    actor's events filters and sorts by (kept by app.services.events), so that such a page
    is a range of one index however rare or frequent the actor: without them the page
    walked every event in date order, probing each for the actor. Kind and place ride at
    the index's end, so that an actor's kind and place facets, and pages filtered by
    them, never read the events (a frequent actor's kind facet at a million events: 1.9 s
    reading each event)."""

    __tablename__ = "event_actor"
    __table_args__ = (
        CheckConstraint(in_list("role", ROLES), name="role"),
        Index(None, "actor_id", "event_id"),
        Index(
            "ix_event_actor_timeline",
            *(
                "actor_id",
                "status",
                "date_span_level",
                "date_start",
                "date_rank",
                "event_id",
                "date_end",
                "deleted_at",
                "kind",
                "place_id",
            ),
            postgresql_ops={"event_id": BYTE_ORDER["id"]},
        ),
    )

    event_id: str = Field(foreign_key="event.id", primary_key=True, ondelete="CASCADE")
    actor_id: str = Field(foreign_key="actor.id", primary_key=True, ondelete="RESTRICT")
    role: str = Field(max_length=20)
    status: str | None = Field(default=None, max_length=20)
    date_start: date | None = None
    date_end: date | None = None
    date_rank: int | None = None
    date_span_level: int | None = None
    deleted_at: datetime | None = None
    kind: str | None = Field(default=None, max_length=40)
    place_id: str | None = Field(default=None, max_length=200)


class ActorFacet(SQLModel, table=True):
    """How many of an actor's live events, of one status, count under one value of a facet
    (`year`, `month`, `kind` or `place`): the facets of one actor, read as these few rows
    (app.facets) instead of counted from that actor's links on every request (a frequent
    actor has a fifth of a million events at a million). Kept by app.facets.tally from the
    writes of event_actor; a count may fall to 0 and stay."""

    __tablename__ = "actor_facet"

    actor_id: str = Field(foreign_key="actor.id", primary_key=True, ondelete="CASCADE")
    status: str = Field(primary_key=True, max_length=20)
    facet: str = Field(primary_key=True, max_length=10)
    value: str = Field(primary_key=True, max_length=200)
    n: int


class EventTag(SQLModel, table=True):
    __tablename__ = "event_tag"
    __table_args__ = (Index(None, "tag", "event_id"),)

    event_id: str = Field(foreign_key="event.id", primary_key=True, ondelete="CASCADE")
    tag: str = Field(primary_key=True, max_length=60)


class Source(SQLModel, table=True):
    """An exact quote in a passage that refers to an event: `quote == article.text[start:end]`.

    `stated_*` is the date as that passage states it, which may be coarser than or differ
    from the event's curated date.
    """

    __tablename__ = "source"
    __table_args__ = (
        UniqueConstraint("event_id", "passage_id", "start", "end"),
        Index(None, "passage_id"),
        CheckConstraint('start >= 0 AND start < "end"', name="offsets"),
        CheckConstraint("stated_start <= stated_end", name="stated_interval"),
        CheckConstraint(in_list("stated_precision", PRECISIONS, True), name="stated_precision"),
        CheckConstraint(in_list("stated_qualifier", QUALIFIERS, True), name="stated_qualifier"),
        CheckConstraint(
            in_list("stated_end_precision", PRECISIONS, True), name="stated_end_precision"
        ),
    )

    id: int | None = Field(default=None, primary_key=True)
    event_id: str = Field(foreign_key="event.id", ondelete="CASCADE")
    passage_id: int = Field(foreign_key="passage.id", ondelete="RESTRICT")
    quote: str = Field(sa_column=Column(Text, nullable=False))
    start: int
    end: int
    stated_start: date | None = None
    stated_end: date | None = None
    stated_precision: str | None = Field(default=None, max_length=10)
    stated_qualifier: str | None = Field(default=None, max_length=10)
    stated_end_precision: str | None = Field(default=None, max_length=10)

from datetime import date, datetime

from sqlalchemy import CheckConstraint, Index, Text, UniqueConstraint, false
from sqlmodel import Column, Field, SQLModel

from app.models.base import PRECISIONS, QUALIFIERS, in_list, utcnow

ARTICLE_REFERENCE = (
    "id",
    "title",
    "outlet",
    "published_start",
    "published_end",
    "published_precision",
    "published_qualifier",
)


class Article(SQLModel, table=True):
    """A source text, stored whole; every offset in the database points into `text`."""

    __tablename__ = "article"
    __table_args__ = (
        UniqueConstraint("text_sha256"),
        CheckConstraint(in_list("language", ("de", "en")), name="language"),
        CheckConstraint(in_list("published_precision", PRECISIONS, True), name="precision"),
        CheckConstraint(in_list("published_qualifier", QUALIFIERS, True), name="qualifier"),
        CheckConstraint("published_start <= published_end", name="published_interval"),
        # Every cited source shows its article's reference: read from this index, never
        # from the row, whose text SQLite would step through to reach the later columns.
        Index("ix_article_reference", *ARTICLE_REFERENCE),
    )

    id: str = Field(primary_key=True, max_length=200)
    title: str | None = None
    outlet: str | None = None
    author: str | None = None
    language: str = Field(max_length=2)
    url: str | None = None
    text: str = Field(sa_column=Column(Text, nullable=False))
    text_sha256: str = Field(max_length=64)
    published_start: date | None = None
    published_end: date | None = None
    published_precision: str | None = None
    published_qualifier: str | None = None
    published_evidence: str | None = None
    created_at: datetime = Field(default_factory=utcnow)


class Passage(SQLModel, table=True):
    """A paragraph-sized piece of an article: `text == article.text[start:end]`."""

    __tablename__ = "passage"
    __table_args__ = (
        UniqueConstraint("article_id", "ordinal"),
        CheckConstraint('start >= 0 AND start < "end"', name="offsets"),
    )

    id: int | None = Field(default=None, primary_key=True)
    article_id: str = Field(foreign_key="article.id", ondelete="CASCADE")
    ordinal: int
    start: int
    end: int
    text: str = Field(sa_column=Column(Text, nullable=False))


class DateMention(SQLModel, table=True):
    """A date expression found in a passage, with the interval it denotes."""

    __tablename__ = "date_mention"
    __table_args__ = (
        Index(None, "passage_id"),
        CheckConstraint(in_list("precision", PRECISIONS), name="precision"),
        CheckConstraint(in_list("qualifier", QUALIFIERS, True), name="qualifier"),
        CheckConstraint("date_start <= date_end", name="interval"),
    )

    id: int | None = Field(default=None, primary_key=True)
    passage_id: int = Field(foreign_key="passage.id", ondelete="CASCADE")
    start: int
    end: int
    text: str
    date_start: date
    date_end: date
    precision: str = Field(max_length=10)
    qualifier: str | None = Field(default=None, max_length=10)
    # The year or month came from the text around the expression, not from it (app.dates).
    inferred: bool = Field(default=False, sa_column_kwargs={"server_default": false()})

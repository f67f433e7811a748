from datetime import datetime

from sqlalchemy import CheckConstraint
from sqlmodel import Field, SQLModel

from app.models.base import utcnow


class Place(SQLModel, table=True):
    __tablename__ = "place"
    __table_args__ = (
        CheckConstraint("lat IS NULL OR (lat >= -90 AND lat <= 90)", name="lat"),
        CheckConstraint("lon IS NULL OR (lon >= -180 AND lon <= 180)", name="lon"),
    )

    id: str = Field(primary_key=True, max_length=200)
    name: str  # English, '' when it has none (see Event.title)
    name_de: str | None = None
    kind: str | None = Field(default=None, max_length=20)
    lat: float | None = None
    lon: float | None = None
    created_at: datetime = Field(default_factory=utcnow)
    updated_at: datetime = Field(default_factory=utcnow)


class PlaceAlias(SQLModel, table=True):
    """Every name a place goes by, keyed by its normal form (see ActorAlias)."""

    __tablename__ = "place_alias"

    id: int | None = Field(default=None, primary_key=True)
    place_id: str = Field(foreign_key="place.id", index=True, ondelete="CASCADE")
    alias: str
    normalized: str = Field(unique=True)

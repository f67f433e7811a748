from datetime import datetime

from sqlalchemy import CheckConstraint
from sqlmodel import Field, SQLModel

from app.models.base import in_list, utcnow

ACTOR_KINDS = ("person", "state", "organisation", "group")


class Actor(SQLModel, table=True):
    __tablename__ = "actor"
    __table_args__ = (CheckConstraint(in_list("kind", ACTOR_KINDS), name="kind"),)

    id: str = Field(primary_key=True, max_length=200)
    name: str  # English, '' when it has none (see Event.title)
    name_de: str | None = None
    kind: str = Field(max_length=20)
    description: str | None = None  # English (app.languages)
    description_de: str | None = None
    created_at: datetime = Field(default_factory=utcnow)
    updated_at: datetime = Field(default_factory=utcnow)


class ActorAlias(SQLModel, table=True):
    """Every name an actor goes by, including its id and name, keyed by its normal form.

    The unique index on `normalized` makes resolution one indexed lookup and guarantees
    that no two actors share a name.
    """

    __tablename__ = "actor_alias"

    id: int | None = Field(default=None, primary_key=True)
    actor_id: str = Field(foreign_key="actor.id", index=True, ondelete="CASCADE")
    alias: str
    normalized: str = Field(unique=True)

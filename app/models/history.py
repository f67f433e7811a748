from datetime import datetime
from typing import Any

from sqlalchemy import JSON, CheckConstraint, Index
from sqlmodel import Column, Field, SQLModel

from app.models.base import in_list, utcnow

HISTORY_ACTIONS = (
    "create",
    "update",
    "delete",
    "add_source",
    "remove_source",
    "merge",
    "accept_link",
    "reject_link",
)


class EventHistory(SQLModel, table=True):
    """One write to an event: who (the token's name), when, what, and the event before and
    after it as the API showed it. Kept for deleted events too, so no foreign key.
    """

    __tablename__ = "event_history"
    __table_args__ = (
        CheckConstraint(in_list("action", HISTORY_ACTIONS), name="action"),
        Index(None, "event_id", "id"),
    )

    id: int | None = Field(default=None, primary_key=True)
    event_id: str = Field(max_length=200)
    action: str = Field(max_length=20)
    author: str = Field(max_length=200)
    at: datetime = Field(default_factory=utcnow)
    change_seq: int
    before: dict[str, Any] | None = Field(default=None, sa_column=Column(JSON))
    after: dict[str, Any] | None = Field(default=None, sa_column=Column(JSON))

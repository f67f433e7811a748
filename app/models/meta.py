from datetime import datetime

from sqlalchemy import CheckConstraint
from sqlmodel import Field, SQLModel

from app.models.base import utcnow


class DataState(SQLModel, table=True):
    """One row whose `version` every write bumps; ETags and caches are keyed by it.

    It lives in the database, not in a process, so that every worker and every server
    sharing the database sees a write at once.
    """

    __tablename__ = "data_state"
    __table_args__ = (CheckConstraint("id = 1", name="single_row"),)

    id: int = Field(default=1, primary_key=True)
    version: int = 0
    document_format: str | None = Field(default=None, max_length=16)  # see app.documents
    updated_at: datetime = Field(default_factory=utcnow)

"""The data version: one number in the database that every write bumps."""

from sqlalchemy import text
from sqlmodel import Session

from app.models import utcnow


def bump(session: Session) -> None:
    session.execute(
        text("UPDATE data_state SET version = version + 1, updated_at = :now WHERE id = 1"),
        {"now": utcnow()},
    )


def current(session: Session) -> int:
    return int(session.execute(text("SELECT version FROM data_state WHERE id = 1")).scalar_one())

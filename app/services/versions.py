"""The data version: one number in the database that every write bumps."""

from sqlalchemy import text
from sqlmodel import Session

from app.models import utcnow


def bump(session: Session) -> int:
    """The new data version. The row lock it takes orders concurrent writers."""
    return int(
        session.execute(
            text(
                "UPDATE data_state SET version = version + 1, updated_at = :now "
                "WHERE id = 1 RETURNING version"
            ),
            {"now": utcnow()},
        ).scalar_one()
    )


CURRENT_SQL = "SELECT version FROM data_state WHERE id = 1"


def current(session: Session) -> int:
    return int(session.execute(text(CURRENT_SQL)).scalar_one())

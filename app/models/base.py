"""What every table shares: the constraint naming convention and timestamps.

Alembic's batch mode (needed because SQLite cannot alter constraints) recreates a table
and can only do so when every constraint has a stable, predictable name.
"""

from datetime import UTC, datetime

from sqlmodel import SQLModel

from app.dates import PRECISIONS, QUALIFIERS

SQLModel.metadata.naming_convention = {
    "ix": "ix_%(table_name)s_%(column_0_N_name)s",
    "uq": "uq_%(table_name)s_%(column_0_N_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}

__all__ = ["PRECISIONS", "QUALIFIERS", "in_list", "utcnow"]


def utcnow() -> datetime:
    return datetime.now(UTC)


def in_list(column: str, values: tuple[str, ...], nullable: bool = False) -> str:
    """SQL for a CHECK that keeps a text column inside a fixed vocabulary."""
    allowed = ", ".join(f"'{value}'" for value in values)
    check = f"{column} IN ({allowed})"
    return f"{column} IS NULL OR {check}" if nullable else check

"""Dates keep the end's own precision and whether the event is ongoing, as the seeds state
them ("since the 1990s": a decade's start, a day's end, still going on)

Revision ID: 5e7a9c1b3d6f
Revises: 9c1e3a5b7d2f
Create Date: 2026-11-22 09:00:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "5e7a9c1b3d6f"
down_revision: str | None = "9c1e3a5b7d2f"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

PRECISIONS = "('day', 'month', 'year', 'decade')"


def _add_precision(table: str, column: str, check: str) -> None:
    """ADD COLUMN with its CHECK, which both engines take: a table constraint added by
    batch mode would make SQLite copy the table (a million events: minutes)."""
    op.execute(
        f"ALTER TABLE {table} ADD COLUMN {column} VARCHAR(10) CONSTRAINT {check} "
        f"CHECK ({column} IS NULL OR {column} IN {PRECISIONS})"
    )


def upgrade() -> None:
    _add_precision("event", "date_end_precision", "ck_event_end_precision")
    op.add_column(
        "event", sa.Column("date_ongoing", sa.Boolean(), server_default=sa.false(), nullable=False)
    )
    _add_precision("source", "stated_end_precision", "ck_source_stated_end_precision")


def downgrade() -> None:
    """DROP COLUMN, which drops the column's CHECK too (SQLite 3.35 and later): batch mode
    would copy each CHECK into the new table, the dropped column's included. The source
    table is the exception: 2026_12_06_1300 recreated it on SQLite, which made its CHECK a
    table constraint that SQLite's DROP COLUMN refuses, so batch mode drops both."""
    with op.batch_alter_table("source") as batch:
        batch.drop_constraint(op.f("ck_source_stated_end_precision"), type_="check")
        batch.drop_column("stated_end_precision")
    op.drop_column("event", "date_ongoing")
    op.drop_column("event", "date_end_precision")

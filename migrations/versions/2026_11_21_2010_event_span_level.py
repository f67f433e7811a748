"""event.date_span_level: the interval's length bucketed, indexed for date-range queries

Revision ID: 7d3f1c2a9b10
Revises: d41a5a4ef097
Create Date: 2026-11-21 20:10:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "7d3f1c2a9b10"
down_revision: str | None = "d41a5a4ef097"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

# app.queries.SPAN_LEVEL_DAYS at the time of this revision
LIMITS = (0, 31, 366, 3660)


def upgrade() -> None:
    with op.batch_alter_table("event", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column("date_span_level", sa.Integer(), nullable=False, server_default="0")
        )
        batch_op.create_index(
            "ix_event_span_range",
            [
                "status",
                "date_span_level",
                "date_start",
                "date_rank",
                "id",
                "date_end",
                "deleted_at",
            ],
            unique=False,
        )
    if op.get_bind().dialect.name == "sqlite":
        days = "julianday(date_end) - julianday(date_start)"
    else:
        days = "(date_end - date_start)"
    cases = " ".join(f"WHEN {days} <= {limit} THEN {level}" for level, limit in enumerate(LIMITS))
    op.execute(f"UPDATE event SET date_span_level = CASE {cases} ELSE {len(LIMITS)} END")


def downgrade() -> None:
    with op.batch_alter_table("event", schema=None) as batch_op:
        batch_op.drop_index("ix_event_span_range")
        batch_op.drop_column("date_span_level")

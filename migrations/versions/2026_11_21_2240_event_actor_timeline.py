"""event_actor: copies of the event's status, dates and deletion, indexed per actor

A page of one actor's events is then a range of ix_event_actor_timeline (see the model).

Revision ID: d8e2f4a6b0c1
Revises: c3d5e7f9a1b2
Create Date: 2026-11-21 22:40:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
import sqlmodel.sql.sqltypes
from alembic import op

revision: str = "d8e2f4a6b0c1"
down_revision: str | None = "c3d5e7f9a1b2"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

COPIED = ["status", "date_start", "date_end", "date_rank", "date_span_level", "deleted_at"]
INDEXED = [
    "actor_id",
    "status",
    "date_span_level",
    "date_start",
    "date_rank",
    "event_id",
    "date_end",
    "deleted_at",
]


def upgrade() -> None:
    with op.batch_alter_table("event_actor", schema=None) as batch_op:
        batch_op.add_column(sa.Column("status", sa.String(length=20), nullable=True))
        batch_op.add_column(sa.Column("date_start", sa.Date(), nullable=True))
        batch_op.add_column(sa.Column("date_end", sa.Date(), nullable=True))
        batch_op.add_column(sa.Column("date_rank", sa.Integer(), nullable=True))
        batch_op.add_column(sa.Column("date_span_level", sa.Integer(), nullable=True))
        batch_op.add_column(
            sa.Column("deleted_at", sqlmodel.sql.sqltypes.UTCDateTime(), nullable=True)
        )
    assignments = ", ".join(f"{column} = event.{column}" for column in COPIED)
    op.execute(
        f"UPDATE event_actor SET {assignments} FROM event WHERE event.id = event_actor.event_id"
    )
    with op.batch_alter_table("event_actor", schema=None) as batch_op:
        batch_op.create_index("ix_event_actor_timeline", INDEXED, unique=False)


def downgrade() -> None:
    with op.batch_alter_table("event_actor", schema=None) as batch_op:
        batch_op.drop_index("ix_event_actor_timeline")
        for column in reversed(COPIED):
            batch_op.drop_column(column)

"""event_actor copies the event's kind and place too, at the end of ix_event_actor_timeline

An actor's kind and place facets, and its pages filtered by kind or place, then read that
actor's range of the index alone, never the events (see the model).

Revision ID: 6f8b0d2c4e7a
Revises: 5e7a9c1b3d6f
Create Date: 2026-11-22 09:30:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "6f8b0d2c4e7a"
down_revision: str | None = "5e7a9c1b3d6f"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

NAME = "ix_event_actor_timeline"
COPIED = ["kind", "place_id"]
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
    op.add_column("event_actor", sa.Column("kind", sa.String(length=40), nullable=True))
    op.add_column("event_actor", sa.Column("place_id", sa.String(length=200), nullable=True))
    assignments = ", ".join(f"{column} = event.{column}" for column in COPIED)
    op.execute(
        f"UPDATE event_actor SET {assignments} FROM event WHERE event.id = event_actor.event_id"
    )
    op.drop_index(NAME, table_name="event_actor")
    op.create_index(NAME, "event_actor", [*INDEXED, *COPIED], unique=False)


def downgrade() -> None:
    op.drop_index(NAME, table_name="event_actor")
    op.create_index(NAME, "event_actor", INDEXED, unique=False)
    for column in reversed(COPIED):
        op.drop_column("event_actor", column)

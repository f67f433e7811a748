"""A source is unique per event by its quote (passage, start, end), not by its start

Two quotes of one passage that start at the same offset ("in Singapur" and "in Singapur
traf sich Trump ...") are different quotes: with the start alone as the key, an event could
not cite both, and a merge dropped the second.

Revision ID: 7a9c1e3b5d8f
Revises: 6f8b0d2c4e7a
Create Date: 2026-12-06 13:00:00
"""

from collections.abc import Sequence

from alembic import op

revision: str = "7a9c1e3b5d8f"
down_revision: str | None = "6f8b0d2c4e7a"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

BY_START = ["event_id", "passage_id", "start"]


def upgrade() -> None:
    with op.batch_alter_table("source") as batch:
        batch.drop_constraint(op.f("uq_source_event_id_passage_id_start"), type_="unique")
        batch.create_unique_constraint(
            op.f("uq_source_event_id_passage_id_start_end"), [*BY_START, "end"]
        )


def downgrade() -> None:
    """Fails (changing nothing) when an event cites two quotes that start at one offset."""
    with op.batch_alter_table("source") as batch:
        batch.drop_constraint(op.f("uq_source_event_id_passage_id_start_end"), type_="unique")
        batch.create_unique_constraint(op.f("uq_source_event_id_passage_id_start"), BY_START)

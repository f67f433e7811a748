"""ix_event_status_deleted_at_kind: the kind facet counts live events from the index alone

Revision ID: e7c1a9b3d5f0
Revises: a1c9e3b7d5f2
Create Date: 2026-11-21 22:30:00
"""

from collections.abc import Sequence

from alembic import op

revision: str = "e7c1a9b3d5f0"
down_revision: str | None = "a1c9e3b7d5f2"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("event", schema=None) as batch_op:
        batch_op.create_index(
            "ix_event_status_deleted_at_kind", ["status", "deleted_at", "kind"], unique=False
        )


def downgrade() -> None:
    with op.batch_alter_table("event", schema=None) as batch_op:
        batch_op.drop_index("ix_event_status_deleted_at_kind")

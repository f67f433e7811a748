"""ix_event_status_deleted_at_kind: the kind facet counts live events from the index alone

Revision ID: e7c1a9b3d5f0
Revises: f2b8c4d6e1a3
Create Date: 2026-11-21 23:00:00
"""

from collections.abc import Sequence

from alembic import op

revision: str = "e7c1a9b3d5f0"
down_revision: str | None = "f2b8c4d6e1a3"
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

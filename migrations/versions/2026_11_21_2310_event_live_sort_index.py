"""ix_event_live_order: the sort index of live events only (deleted_at IS NULL), so that a
page without other filters, and an export, read the index alone instead of every event's
row to test deleted_at

Revision ID: b4d6f8a0c2e4
Revises: e7c1a9b3d5f0
Create Date: 2026-11-21 23:10:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "b4d6f8a0c2e4"
down_revision: str | None = "e7c1a9b3d5f0"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

OLD = "ix_event_status_date_start_date_rank_id"
NEW = "ix_event_live_order"
COLUMNS = ["status", "date_start", "date_rank", "id"]
# The new one holds deleted_at too, always NULL in it: SQLite reads only what it holds.
LIVE = sa.text("deleted_at IS NULL")


def upgrade() -> None:
    with op.batch_alter_table("event", schema=None) as batch_op:
        batch_op.drop_index(OLD)
        batch_op.create_index(
            NEW, [*COLUMNS, "deleted_at"], unique=False, sqlite_where=LIVE, postgresql_where=LIVE
        )


def downgrade() -> None:
    with op.batch_alter_table("event", schema=None) as batch_op:
        batch_op.drop_index(NEW)
        batch_op.create_index(OLD, COLUMNS, unique=False)

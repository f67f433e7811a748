"""ix_event_span_range holds kind and place_id too: `kind` or `place` with `from` tests
them in the index instead of reading each event in the date range

Revision ID: 9c1e3a5b7d2f
Revises: b4d6f8a0c2e4
Create Date: 2026-11-21 23:50:00
"""

from collections.abc import Sequence

from alembic import op

revision: str = "9c1e3a5b7d2f"
down_revision: str | None = "b4d6f8a0c2e4"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

NAME = "ix_event_span_range"
COLUMNS = ["status", "date_span_level", "date_start", "date_rank", "id", "date_end", "deleted_at"]


def _recreate(columns: list[str]) -> None:
    with op.batch_alter_table("event", schema=None) as batch_op:
        batch_op.drop_index(NAME)
        batch_op.create_index(NAME, columns, unique=False)


def upgrade() -> None:
    _recreate([*COLUMNS, "kind", "place_id"])


def downgrade() -> None:
    _recreate(COLUMNS)

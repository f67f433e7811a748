"""German beside English: each event's date note and each actor's description
(app.languages), as 2026_12_06_1350 did for titles, summaries and names

Existing rows are English; their German documents (which show the note) are rendered
again by `timeline serve`, since the rendering code changed (app.documents.ensure_current).

Revision ID: 5d2f8a1c7e93
Revises: 4e6f8a0b2c57
Create Date: 2026-12-06 16:30:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "5d2f8a1c7e93"
down_revision: str | None = "4e6f8a0b2c57"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

ADDED = {"event": ("date_note", sa.Text()), "actor": ("description", sa.String())}


def upgrade() -> None:
    for table, (english, type_) in ADDED.items():
        op.add_column(table, sa.Column(f"{english}_de", type_, nullable=True))


def downgrade() -> None:
    """An item with a German text only keeps it as its one note or description."""
    for table, (english, _) in ADDED.items():
        op.execute(f"UPDATE {table} SET {english} = {english}_de WHERE {english} IS NULL")
        op.drop_column(table, f"{english}_de")

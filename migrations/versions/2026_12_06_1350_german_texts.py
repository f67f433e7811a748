"""German beside English: event titles, summaries, displayed dates and stored documents,
actor and place names (app.languages)

Columns are added, never altered: `title` and `name` stay NOT NULL (relaxing that copies
the table on SQLite), and hold '' for an item that has no English text. Existing rows are
English; their German documents are rendered when first read, and all at once by
`timeline serve` (app.documents.ensure_current).

Revision ID: 3b8e2d6f9a41
Revises: 7a1c3e5f9b2d
Create Date: 2026-12-06 13:50:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "3b8e2d6f9a41"
down_revision: str | None = "7a1c3e5f9b2d"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

ADDED = {
    "event": [
        ("title_de", sa.String()),
        ("summary_de", sa.Text()),
        ("date_display_de", sa.String()),
        ("document_de", sa.Text()),
    ],
    "actor": [("name_de", sa.String())],
    "place": [("name_de", sa.String())],
}
ENGLISH = {"event": "title", "actor": "name", "place": "name"}


def upgrade() -> None:
    for table, columns in ADDED.items():
        for name, type_ in columns:
            op.add_column(table, sa.Column(name, type_, nullable=True))


def downgrade() -> None:
    """An item with German text only keeps it as its one name or title."""
    for table, columns in ADDED.items():
        english = ENGLISH[table]
        op.execute(f"UPDATE {table} SET {english} = {english}_de WHERE {english} = ''")
        for name, _ in reversed(columns):
            op.drop_column(table, name)

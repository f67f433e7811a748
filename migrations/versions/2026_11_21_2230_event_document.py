"""event.document: each event's public JSON, stored with it (see app.documents)

Existing events get their documents when `timeline serve` or `timeline seed` next starts:
data_state.document_format is empty, so app.documents.ensure_current renders them all.

Revision ID: c3d5e7f9a1b2
Revises: a1c9e3b7d5f2
Create Date: 2026-11-21 22:30:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "c3d5e7f9a1b2"
down_revision: str | None = "a1c9e3b7d5f2"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("event", schema=None) as batch_op:
        batch_op.add_column(sa.Column("document", sa.Text(), nullable=True))
    with op.batch_alter_table("data_state", schema=None) as batch_op:
        batch_op.add_column(sa.Column("document_format", sa.String(length=16), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("data_state", schema=None) as batch_op:
        batch_op.drop_column("document_format")
    with op.batch_alter_table("event", schema=None) as batch_op:
        batch_op.drop_column("document")

"""ix_article_reference: a covering index for the article reference every source shows

Revision ID: a1c9e3b7d5f2
Revises: 5e8a0c4d2f61
Create Date: 2026-11-21 21:10:00
"""

from collections.abc import Sequence

from alembic import op

revision: str = "a1c9e3b7d5f2"
down_revision: str | None = "5e8a0c4d2f61"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

COLUMNS = [
    "id",
    "title",
    "outlet",
    "published_start",
    "published_end",
    "published_precision",
    "published_qualifier",
]


def upgrade() -> None:
    with op.batch_alter_table("article", schema=None) as batch_op:
        batch_op.create_index("ix_article_reference", COLUMNS, unique=False)


def downgrade() -> None:
    with op.batch_alter_table("article", schema=None) as batch_op:
        batch_op.drop_index("ix_article_reference")

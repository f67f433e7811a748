"""date_mention.inferred: whether the mention's year or month came from the text around it
("im Juli" after "4. Juli 2017", "fünf Tage später"), not from the expression itself

Revision ID: 7a1c3e5f9b2d
Revises: 8a2c4e6f1b3d
Create Date: 2026-12-06 13:30:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "7a1c3e5f9b2d"
down_revision: str | None = "8a2c4e6f1b3d"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    """ADD COLUMN, which both engines take without copying the table; mentions stored
    before are read as stated (False), as they were scored."""
    op.add_column(
        "date_mention",
        sa.Column("inferred", sa.Boolean(), server_default=sa.false(), nullable=False),
    )


def downgrade() -> None:
    op.drop_column("date_mention", "inferred")

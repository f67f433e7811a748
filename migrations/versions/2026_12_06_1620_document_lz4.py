"""PostgreSQL: stored documents compressed with lz4 instead of pglz

A page, and an export, read each event's stored document (app.documents), which
PostgreSQL keeps compressed once a row passes 2 kB: both languages' documents do. lz4
decompresses several times faster than PostgreSQL's own pglz. Documents written from now
on (every write of an event, `timeline db copy`, a restore) are lz4; those already stored
stay pglz until their event is written again. SQLite does not compress: nothing changes
there.

Revision ID: 4e6f8a0b2c57
Revises: 9d5e3b7f2a46
Create Date: 2026-12-06 16:20:00
"""

from collections.abc import Sequence

from alembic import op

revision: str = "4e6f8a0b2c57"
down_revision: str | None = "9d5e3b7f2a46"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

COLUMNS = ("document", "document_de")


def _compress(method: str) -> None:
    if op.get_bind().dialect.name != "postgresql":
        return
    for column in COLUMNS:
        op.execute(f"ALTER TABLE event ALTER COLUMN {column} SET COMPRESSION {method}")


def upgrade() -> None:
    _compress("lz4")


def downgrade() -> None:
    _compress("pglz")

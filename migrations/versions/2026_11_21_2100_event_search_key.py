"""event.search_key: an integer per event that keys the full-text index

The index returned every match's event id as text, which costs far more than an integer
key for searches that match many events (FTS5 reads a rowid without touching the stored
columns). Events are numbered in id order; the index's documents are copied across.

Revision ID: 5e8a0c4d2f61
Revises: 7d3f1c2a9b10
Create Date: 2026-11-21 21:00:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "5e8a0c4d2f61"
down_revision: str | None = "7d3f1c2a9b10"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

FTS5_OPTIONS = "tokenize = 'porter unicode61 remove_diacritics 2'"


def _create_search(conn: sa.Connection, key: str) -> None:
    """The full-text table keyed by event.search_key (FTS5: its rowid) or by event.id."""
    if conn.dialect.name == "sqlite":
        columns = "event_id UNINDEXED, document" if key == "event_id" else "document"
        conn.execute(
            sa.text(f"CREATE VIRTUAL TABLE event_search USING fts5({columns}, {FTS5_OPTIONS})")
        )
        return
    column = (
        "event_id VARCHAR(200) PRIMARY KEY REFERENCES event(id)"
        if key == "event_id"
        else "search_key INTEGER PRIMARY KEY REFERENCES event(search_key)"
    )
    conn.execute(
        sa.text(
            f"CREATE TABLE event_search ({column} ON DELETE CASCADE, document TSVECTOR NOT NULL)"
        )
    )
    conn.execute(sa.text("CREATE INDEX event_search_document ON event_search USING GIN (document)"))


def _move_search(key: str) -> None:
    """Rebuilds event_search keyed by `key`, copying every document from the old table."""
    conn = op.get_bind()
    conn.execute(sa.text("ALTER TABLE event_search RENAME TO event_search_old"))
    if conn.dialect.name == "postgresql":
        conn.execute(sa.text("ALTER INDEX event_search_document RENAME TO event_search_old_doc"))
    _create_search(conn, key)
    integer_key = "rowid" if conn.dialect.name == "sqlite" else "search_key"
    if key == "event_id":
        target, value, join = "event_id", "e.id", f"e.search_key = o.{integer_key}"
    else:
        target, value, join = integer_key, "e.search_key", "e.id = o.event_id"
    conn.execute(
        sa.text(
            f"INSERT INTO event_search ({target}, document) "
            f"SELECT {value}, o.document FROM event_search_old o JOIN event e ON {join}"
        )
    )
    conn.execute(sa.text("DROP TABLE event_search_old"))


def upgrade() -> None:
    with op.batch_alter_table("event", schema=None) as batch_op:
        batch_op.add_column(sa.Column("search_key", sa.Integer(), nullable=True))
    op.execute(
        "UPDATE event SET search_key = numbered.n FROM "
        "(SELECT id, row_number() OVER (ORDER BY id) AS n FROM event) AS numbered "
        "WHERE event.id = numbered.id"
    )
    with op.batch_alter_table("event", schema=None) as batch_op:
        batch_op.alter_column("search_key", existing_type=sa.Integer(), nullable=False)
        batch_op.create_index("ix_event_search_key", ["search_key"], unique=True)
    _move_search("search_key")


def downgrade() -> None:
    _move_search("event_id")
    with op.batch_alter_table("event", schema=None) as batch_op:
        batch_op.drop_index("ix_event_search_key")
        batch_op.drop_column("search_key")

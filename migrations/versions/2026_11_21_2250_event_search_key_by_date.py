"""event.search_key orders events by (date_start, date_rank), as a BIGINT

A search that matches many events paid for reading every match's event row to sort them
by date. With a key that sorts as (date_start, date_rank) do, FTS5 yields matches in that
order and a page stops after its rows (see app.search.ordered_key). Every event is
re-keyed and its search document moved to the new key; keys exceed 32 bits, so the key
columns become BIGINT. Downgrade numbers events 1..N in id order again.

Revision ID: f2b8c4d6e1a3
Revises: d8e2f4a6b0c1
Create Date: 2026-11-21 22:50:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "f2b8c4d6e1a3"
down_revision: str | None = "d8e2f4a6b0c1"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

FTS5_OPTIONS = "tokenize = 'porter unicode61 remove_diacritics 2'"
# app.search.ordered_key at the time of this revision, seq numbering each (day, rank) group
# in id order: (ordinal of date_start << 41) | (date_rank << 39) | seq. The ordinal of
# 0001-01-01 is 1, as Python's date.toordinal(). New keys are >= 2**41 > any old key.
SEQ = "(row_number() OVER (PARTITION BY date_start, date_rank ORDER BY id) - 1)"
ORDINAL = {
    "sqlite": "CAST(julianday(date_start) - 1721424.5 AS INTEGER)",
    "postgresql": "CAST(date_start - DATE '0001-01-01' + 1 AS BIGINT)",
}


def _create_search(conn: sa.Connection, key_type: str) -> None:
    """The full-text table keyed by event.search_key (FTS5: its rowid)."""
    if conn.dialect.name == "sqlite":
        conn.execute(
            sa.text(f"CREATE VIRTUAL TABLE event_search USING fts5(document, {FTS5_OPTIONS})")
        )
        return
    conn.execute(
        sa.text(
            f"CREATE TABLE event_search (search_key {key_type} PRIMARY KEY "
            "REFERENCES event(search_key) ON DELETE CASCADE, document TSVECTOR NOT NULL)"
        )
    )
    conn.execute(sa.text("CREATE INDEX event_search_document ON event_search USING GIN (document)"))


def _rekey(new_key: str, old_type: sa.Integer, new_type: sa.Integer) -> None:
    """Gives every event the key `new_key` (SQL over event) and moves its document there.

    The documents wait in a temporary table while the index is dropped: on PostgreSQL its
    foreign key would refuse the new keys, and the key column changes type meanwhile
    (`new_type`: before the new keys are written when it widens, after when it narrows).
    """
    conn = op.get_bind()
    fts_key = "rowid" if conn.dialect.name == "sqlite" else "search_key"
    conn.execute(
        sa.text(
            "CREATE TEMPORARY TABLE search_rekey AS "
            f"SELECT search_key AS old_key, {new_key} AS new_key FROM event"
        )
    )
    conn.execute(
        sa.text(
            "CREATE TEMPORARY TABLE search_document AS "
            "SELECT r.new_key AS search_key, s.document FROM event_search s "
            f"JOIN search_rekey r ON r.old_key = s.{fts_key}"
        )
    )
    conn.execute(sa.text("DROP TABLE event_search"))
    update = sa.text(
        "UPDATE event SET search_key = r.new_key FROM search_rekey r "
        "WHERE event.search_key = r.old_key"
    )
    widening = isinstance(new_type, sa.BigInteger)
    if not widening:
        conn.execute(update)  # the narrow keys first, or the narrower type refuses the column
    with op.batch_alter_table("event", schema=None) as batch_op:
        batch_op.alter_column(
            "search_key", existing_type=old_type, type_=new_type, existing_nullable=False
        )
    if widening:
        conn.execute(update)
    _create_search(conn, new_type.compile(dialect=conn.dialect))
    # in key order: FTS5 writes out its pending documents whenever a rowid is smaller
    conn.execute(
        sa.text(
            f"INSERT INTO event_search ({fts_key}, document) "
            "SELECT search_key, document FROM search_document ORDER BY search_key"
        )
    )
    conn.execute(sa.text("DROP TABLE search_rekey"))
    conn.execute(sa.text("DROP TABLE search_document"))


def upgrade() -> None:
    ordinal = ORDINAL[op.get_bind().dialect.name]
    new_key = f"(({ordinal} << 41) | (CAST(date_rank AS BIGINT) << 39) | {SEQ})"
    _rekey(new_key, sa.Integer(), sa.BigInteger())


def downgrade() -> None:
    _rekey("row_number() OVER (ORDER BY id)", sa.BigInteger(), sa.Integer())

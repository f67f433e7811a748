"""PostgreSQL: the sort indexes hold the event id in byte order (COLLATE "C")

Pages sort and seek by `(date_start, date_rank, id COLLATE "C")` on every engine
(app.queries.byte_order). An index whose id is in the database's collation gives neither:
PostgreSQL sorted each range by id again, and tested a cursor's row comparison on every
index entry before it, so the 1,000th page of an actor read the 50,000 entries ahead of it.
SQLite compares bytes already: nothing changes there.

Revision ID: 9d5e3b7f2a46
Revises: 8c4d2a6e1f35
Create Date: 2026-12-06 16:10:00
"""

from collections.abc import Sequence

from alembic import op

revision: str = "9d5e3b7f2a46"
down_revision: str | None = "8c4d2a6e1f35"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

INDEXES = {  # name: (table, columns with the id's place marked, WHERE)
    "ix_event_live_order": (
        "event",
        "status, date_start, date_rank, {id}, deleted_at",
        " WHERE deleted_at IS NULL",
    ),
    "ix_event_span_range": (
        "event",
        "status, date_span_level, date_start, date_rank, {id}, date_end, deleted_at, kind, "
        "place_id",
        "",
    ),
    "ix_event_actor_timeline": (
        "event_actor",
        "actor_id, status, date_span_level, date_start, date_rank, {event_id}, date_end, "
        "deleted_at, kind, place_id",
        "",
    ),
}


def _recreate(collation: str) -> None:
    if op.get_bind().dialect.name != "postgresql":
        return
    for name, (table, columns, where) in INDEXES.items():
        listed = columns.format(id=f"id{collation}", event_id=f"event_id{collation}")
        op.execute(f"DROP INDEX {name}")
        op.execute(f"CREATE INDEX {name} ON {table} ({listed}){where}")


def upgrade() -> None:
    _recreate(' COLLATE "C"')


def downgrade() -> None:
    _recreate("")

"""event_link becomes a reviewable suggestion: an id, the sentence it quotes, the date as
stated, how ingestion found it (`found_as`: linked or proposed, the old `status`) and the
review (`status`: pending, accepted, rejected); the history takes accept_link and
reject_link (read as `update` after a downgrade).

The table is copied aside and created again (its primary key changes); a link stored before
quotes its whole passage. A proposal's link is accepted when its event was published,
rejected when it was rejected.

Revision ID: 8a2c4e6f1b3d
Revises: 7a9c1e3b5d8f
Create Date: 2026-12-06 13:10:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "8a2c4e6f1b3d"
down_revision: str | None = "7a9c1e3b5d8f"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

PRECISIONS = "('day', 'month', 'year', 'decade')"
QUALIFIERS = "('early', 'mid', 'late', 'circa', 'before', 'after')"
OLD_ACTIONS = ("create", "update", "delete", "add_source", "remove_source", "merge")
NEW_ACTIONS = (*OLD_ACTIONS, "accept_link", "reject_link")
COPY = "event_link_copy"


def _in(column: str, values: Sequence[str]) -> str:
    return f"{column} IN ({', '.join(repr(v) for v in values)})"


def _foreign_keys() -> list[sa.ForeignKeyConstraint]:
    return [
        sa.ForeignKeyConstraint(
            ["event_id"], ["event.id"], name="fk_event_link_event_id_event", ondelete="CASCADE"
        ),
        sa.ForeignKeyConstraint(
            ["passage_id"],
            ["passage.id"],
            name="fk_event_link_passage_id_passage",
            ondelete="CASCADE",
        ),
    ]


def _set_aside() -> None:
    op.execute(f"CREATE TABLE {COPY} AS SELECT * FROM event_link")
    op.drop_index("ix_event_link_event_id", table_name="event_link")
    op.drop_table("event_link")


def _actions(actions: Sequence[str]) -> None:
    with op.batch_alter_table("event_history", recreate="always") as batch_op:
        batch_op.drop_constraint(op.f("ck_event_history_action"), type_="check")
        batch_op.create_check_constraint("action", _in("action", actions))


def upgrade() -> None:
    _set_aside()
    op.create_table(
        "event_link",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("passage_id", sa.Integer(), nullable=False),
        sa.Column("event_id", sa.String(), nullable=False),
        sa.Column("found_as", sa.String(length=10), nullable=False),
        sa.Column("status", sa.String(length=10), nullable=False),
        sa.Column("score", sa.Float(), nullable=False),
        sa.Column("quote", sa.Text(), nullable=False),
        sa.Column("start", sa.Integer(), nullable=False),
        sa.Column("end", sa.Integer(), nullable=False),
        sa.Column("stated_start", sa.Date(), nullable=True),
        sa.Column("stated_end", sa.Date(), nullable=True),
        sa.Column("stated_precision", sa.String(length=10), nullable=True),
        sa.Column("stated_qualifier", sa.String(length=10), nullable=True),
        sa.CheckConstraint(_in("found_as", ("linked", "proposed")), name="ck_event_link_found_as"),
        sa.CheckConstraint(
            _in("status", ("pending", "accepted", "rejected")), name="ck_event_link_status"
        ),
        sa.CheckConstraint('start >= 0 AND start < "end"', name="ck_event_link_offsets"),
        sa.CheckConstraint(
            f"stated_precision IS NULL OR stated_precision IN {PRECISIONS}",
            name="ck_event_link_stated_precision",
        ),
        sa.CheckConstraint(
            f"stated_qualifier IS NULL OR stated_qualifier IN {QUALIFIERS}",
            name="ck_event_link_stated_qualifier",
        ),
        *_foreign_keys(),
        sa.PrimaryKeyConstraint("id", name="pk_event_link"),
        sa.UniqueConstraint("passage_id", "event_id", name="uq_event_link_passage_id_event_id"),
    )
    op.create_index("ix_event_link_event_id", "event_link", ["event_id"])
    op.execute(
        'INSERT INTO event_link (passage_id, event_id, found_as, status, score, quote, start, "end") '
        f"SELECT c.passage_id, c.event_id, c.status, "
        "CASE WHEN c.status = 'proposed' AND event.status = 'published' THEN 'accepted' "
        "WHEN c.status = 'proposed' AND event.status = 'rejected' THEN 'rejected' "
        "ELSE 'pending' END, "
        'c.score, passage.text, passage.start, passage."end" '
        f"FROM {COPY} AS c JOIN passage ON passage.id = c.passage_id "
        "JOIN event ON event.id = c.event_id ORDER BY c.passage_id, c.event_id"
    )
    op.drop_table(COPY)
    _actions(NEW_ACTIONS)


def downgrade() -> None:
    reviews = _in("action", NEW_ACTIONS[len(OLD_ACTIONS) :])
    op.execute(f"UPDATE event_history SET action = 'update' WHERE {reviews}")
    _actions(OLD_ACTIONS)
    _set_aside()
    op.create_table(
        "event_link",
        sa.Column("passage_id", sa.Integer(), nullable=False),
        sa.Column("event_id", sa.String(), nullable=False),
        sa.Column("status", sa.String(length=10), nullable=False),
        sa.Column("score", sa.Float(), nullable=False),
        sa.CheckConstraint(_in("status", ("linked", "proposed")), name="ck_event_link_status"),
        *_foreign_keys(),
        sa.PrimaryKeyConstraint("passage_id", "event_id", name="pk_event_link"),
    )
    op.create_index("ix_event_link_event_id", "event_link", ["event_id"])
    op.execute(
        "INSERT INTO event_link (passage_id, event_id, status, score) "
        f"SELECT passage_id, event_id, found_as, score FROM {COPY}"
    )
    op.drop_table(COPY)

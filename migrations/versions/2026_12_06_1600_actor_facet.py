"""actor_facet: an actor's live events counted by year, month, kind and place

GET /facets with one actor and no other filter reads these counts (app.facets) instead of
counting a frequent actor's links on every request; the writes of event_actor keep them.
Filled here from every link.

Revision ID: 8c4d2a6e1f35
Revises: 3b8e2d6f9a41
Create Date: 2026-12-06 16:00:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "8c4d2a6e1f35"
down_revision: str | None = "3b8e2d6f9a41"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def _values(dialect: str) -> dict[str, str]:
    """Each facet's value of a link, as app.facets counts it."""
    if dialect == "sqlite":
        year, month = "substr(date_start, 1, 4)", "substr(date_start, 1, 7)"
    else:
        year, month = "to_char(date_start, 'YYYY')", "to_char(date_start, 'YYYY-MM')"
    return {"year": year, "month": month, "kind": "kind", "place": "place_id"}


def upgrade() -> None:
    op.create_table(
        "actor_facet",
        sa.Column("actor_id", sa.String(), nullable=False),
        sa.Column("status", sa.String(length=20), nullable=False),
        sa.Column("facet", sa.String(length=10), nullable=False),
        sa.Column("value", sa.String(length=200), nullable=False),
        sa.Column("n", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["actor_id"],
            ["actor.id"],
            name="fk_actor_facet_actor_id_actor",
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("actor_id", "status", "facet", "value", name="pk_actor_facet"),
    )
    for facet, value in _values(op.get_bind().dialect.name).items():
        known = " AND place_id IS NOT NULL" if facet == "place" else ""
        op.execute(
            "INSERT INTO actor_facet (actor_id, status, facet, value, n) "
            f"SELECT actor_id, status, '{facet}', {value}, count(*) FROM event_actor "
            f"WHERE deleted_at IS NULL{known} GROUP BY actor_id, status, {value}"
        )


def downgrade() -> None:
    op.drop_table("actor_facet")

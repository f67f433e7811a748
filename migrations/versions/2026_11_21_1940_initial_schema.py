"""initial schema

Revision ID: 39b6ba34f530
Revises:
Create Date: 2026-11-21 19:40:44.430118
"""

from collections.abc import Sequence

import sqlalchemy as sa
import sqlmodel.sql.sqltypes
from alembic import op

revision: str = "39b6ba34f530"
down_revision: str | None = None
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "actor",
        sa.Column("id", sqlmodel.sql.sqltypes.AutoString(length=200), nullable=False),
        sa.Column("name", sqlmodel.sql.sqltypes.AutoString(), nullable=False),
        sa.Column("kind", sqlmodel.sql.sqltypes.AutoString(length=20), nullable=False),
        sa.Column("description", sqlmodel.sql.sqltypes.AutoString(), nullable=True),
        sa.Column("created_at", sqlmodel.sql.sqltypes.UTCDateTime(), nullable=False),
        sa.Column("updated_at", sqlmodel.sql.sqltypes.UTCDateTime(), nullable=False),
        sa.CheckConstraint(
            "kind IN ('person', 'state', 'organisation', 'group')", name=op.f("ck_actor_kind")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_actor")),
    )
    op.create_table(
        "article",
        sa.Column("id", sqlmodel.sql.sqltypes.AutoString(length=200), nullable=False),
        sa.Column("title", sqlmodel.sql.sqltypes.AutoString(), nullable=True),
        sa.Column("outlet", sqlmodel.sql.sqltypes.AutoString(), nullable=True),
        sa.Column("author", sqlmodel.sql.sqltypes.AutoString(), nullable=True),
        sa.Column("language", sqlmodel.sql.sqltypes.AutoString(length=2), nullable=False),
        sa.Column("url", sqlmodel.sql.sqltypes.AutoString(), nullable=True),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("text_sha256", sqlmodel.sql.sqltypes.AutoString(length=64), nullable=False),
        sa.Column("published_start", sa.Date(), nullable=True),
        sa.Column("published_end", sa.Date(), nullable=True),
        sa.Column("published_precision", sqlmodel.sql.sqltypes.AutoString(), nullable=True),
        sa.Column("published_qualifier", sqlmodel.sql.sqltypes.AutoString(), nullable=True),
        sa.Column("published_evidence", sqlmodel.sql.sqltypes.AutoString(), nullable=True),
        sa.Column("created_at", sqlmodel.sql.sqltypes.UTCDateTime(), nullable=False),
        sa.CheckConstraint("language IN ('de', 'en')", name=op.f("ck_article_language")),
        sa.CheckConstraint(
            "published_precision IS NULL OR published_precision IN ('day', 'month', 'year', 'decade')",
            name=op.f("ck_article_precision"),
        ),
        sa.CheckConstraint(
            "published_qualifier IS NULL OR published_qualifier IN ('early', 'mid', 'late', 'circa', 'before', 'after')",
            name=op.f("ck_article_qualifier"),
        ),
        sa.CheckConstraint(
            "published_start <= published_end", name=op.f("ck_article_published_interval")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_article")),
        sa.UniqueConstraint("text_sha256", name=op.f("uq_article_text_sha256")),
    )
    op.create_table(
        "data_state",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("updated_at", sqlmodel.sql.sqltypes.UTCDateTime(), nullable=False),
        sa.CheckConstraint("id = 1", name=op.f("ck_data_state_single_row")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_data_state")),
    )
    op.create_table(
        "place",
        sa.Column("id", sqlmodel.sql.sqltypes.AutoString(length=200), nullable=False),
        sa.Column("name", sqlmodel.sql.sqltypes.AutoString(), nullable=False),
        sa.Column("kind", sqlmodel.sql.sqltypes.AutoString(length=20), nullable=True),
        sa.Column("lat", sa.Float(), nullable=True),
        sa.Column("lon", sa.Float(), nullable=True),
        sa.Column("created_at", sqlmodel.sql.sqltypes.UTCDateTime(), nullable=False),
        sa.Column("updated_at", sqlmodel.sql.sqltypes.UTCDateTime(), nullable=False),
        sa.CheckConstraint("lat IS NULL OR (lat >= -90 AND lat <= 90)", name=op.f("ck_place_lat")),
        sa.CheckConstraint(
            "lon IS NULL OR (lon >= -180 AND lon <= 180)", name=op.f("ck_place_lon")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_place")),
    )
    op.create_table(
        "actor_alias",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("actor_id", sqlmodel.sql.sqltypes.AutoString(), nullable=False),
        sa.Column("alias", sqlmodel.sql.sqltypes.AutoString(), nullable=False),
        sa.Column("normalized", sqlmodel.sql.sqltypes.AutoString(), nullable=False),
        sa.ForeignKeyConstraint(
            ["actor_id"],
            ["actor.id"],
            name=op.f("fk_actor_alias_actor_id_actor"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_actor_alias")),
        sa.UniqueConstraint("normalized", name=op.f("uq_actor_alias_normalized")),
    )
    with op.batch_alter_table("actor_alias", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_actor_alias_actor_id"), ["actor_id"], unique=False)

    op.create_table(
        "event",
        sa.Column("id", sqlmodel.sql.sqltypes.AutoString(length=200), nullable=False),
        sa.Column("title", sqlmodel.sql.sqltypes.AutoString(), nullable=False),
        sa.Column("summary", sa.Text(), nullable=True),
        sa.Column("kind", sqlmodel.sql.sqltypes.AutoString(length=40), nullable=False),
        sa.Column("date_start", sa.Date(), nullable=False),
        sa.Column("date_end", sa.Date(), nullable=False),
        sa.Column("date_precision", sqlmodel.sql.sqltypes.AutoString(length=10), nullable=False),
        sa.Column("date_rank", sa.Integer(), nullable=False),
        sa.Column("date_qualifier", sqlmodel.sql.sqltypes.AutoString(length=10), nullable=True),
        sa.Column("date_display", sqlmodel.sql.sqltypes.AutoString(), nullable=False),
        sa.Column("date_note", sa.Text(), nullable=True),
        sa.Column("place_id", sqlmodel.sql.sqltypes.AutoString(), nullable=True),
        sa.Column("status", sqlmodel.sql.sqltypes.AutoString(length=20), nullable=False),
        sa.Column("created_at", sqlmodel.sql.sqltypes.UTCDateTime(), nullable=False),
        sa.Column("updated_at", sqlmodel.sql.sqltypes.UTCDateTime(), nullable=False),
        sa.Column("deleted_at", sqlmodel.sql.sqltypes.UTCDateTime(), nullable=True),
        sa.Column("change_seq", sa.Integer(), nullable=False),
        sa.CheckConstraint(
            "date_precision IN ('day', 'month', 'year', 'decade')", name=op.f("ck_event_precision")
        ),
        sa.CheckConstraint(
            "date_qualifier IS NULL OR date_qualifier IN ('early', 'mid', 'late', 'circa', 'before', 'after')",
            name=op.f("ck_event_qualifier"),
        ),
        sa.CheckConstraint(
            "status IN ('published', 'proposed', 'rejected')", name=op.f("ck_event_status")
        ),
        sa.CheckConstraint("date_start <= date_end", name=op.f("ck_event_interval")),
        sa.ForeignKeyConstraint(
            ["place_id"], ["place.id"], name=op.f("fk_event_place_id_place"), ondelete="RESTRICT"
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_event")),
    )
    with op.batch_alter_table("event", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_event_date_end"), ["date_end"], unique=False)
        batch_op.create_index(
            batch_op.f("ix_event_kind_date_start"), ["kind", "date_start"], unique=False
        )
        batch_op.create_index(
            batch_op.f("ix_event_place_id_date_start"), ["place_id", "date_start"], unique=False
        )
        batch_op.create_index(
            batch_op.f("ix_event_status_date_start_date_rank_id"),
            ["status", "date_start", "date_rank", "id"],
            unique=False,
        )
        batch_op.create_index(
            batch_op.f("ix_event_updated_at_id"), ["updated_at", "id"], unique=False
        )
        batch_op.create_index(batch_op.f("ix_event_change_seq"), ["change_seq"], unique=False)

    op.create_table(
        "passage",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("article_id", sqlmodel.sql.sqltypes.AutoString(), nullable=False),
        sa.Column("ordinal", sa.Integer(), nullable=False),
        sa.Column("start", sa.Integer(), nullable=False),
        sa.Column("end", sa.Integer(), nullable=False),
        sa.Column("text", sa.Text(), nullable=False),
        sa.CheckConstraint('start >= 0 AND start < "end"', name=op.f("ck_passage_offsets")),
        sa.ForeignKeyConstraint(
            ["article_id"],
            ["article.id"],
            name=op.f("fk_passage_article_id_article"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_passage")),
        sa.UniqueConstraint("article_id", "ordinal", name=op.f("uq_passage_article_id_ordinal")),
    )
    op.create_table(
        "place_alias",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("place_id", sqlmodel.sql.sqltypes.AutoString(), nullable=False),
        sa.Column("alias", sqlmodel.sql.sqltypes.AutoString(), nullable=False),
        sa.Column("normalized", sqlmodel.sql.sqltypes.AutoString(), nullable=False),
        sa.ForeignKeyConstraint(
            ["place_id"],
            ["place.id"],
            name=op.f("fk_place_alias_place_id_place"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_place_alias")),
        sa.UniqueConstraint("normalized", name=op.f("uq_place_alias_normalized")),
    )
    with op.batch_alter_table("place_alias", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_place_alias_place_id"), ["place_id"], unique=False)

    op.create_table(
        "date_mention",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("passage_id", sa.Integer(), nullable=False),
        sa.Column("start", sa.Integer(), nullable=False),
        sa.Column("end", sa.Integer(), nullable=False),
        sa.Column("text", sqlmodel.sql.sqltypes.AutoString(), nullable=False),
        sa.Column("date_start", sa.Date(), nullable=False),
        sa.Column("date_end", sa.Date(), nullable=False),
        sa.Column("precision", sqlmodel.sql.sqltypes.AutoString(length=10), nullable=False),
        sa.Column("qualifier", sqlmodel.sql.sqltypes.AutoString(length=10), nullable=True),
        sa.CheckConstraint(
            "precision IN ('day', 'month', 'year', 'decade')",
            name=op.f("ck_date_mention_precision"),
        ),
        sa.CheckConstraint(
            "qualifier IS NULL OR qualifier IN ('early', 'mid', 'late', 'circa', 'before', 'after')",
            name=op.f("ck_date_mention_qualifier"),
        ),
        sa.CheckConstraint("date_start <= date_end", name=op.f("ck_date_mention_interval")),
        sa.ForeignKeyConstraint(
            ["passage_id"],
            ["passage.id"],
            name=op.f("fk_date_mention_passage_id_passage"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_date_mention")),
    )
    with op.batch_alter_table("date_mention", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_date_mention_passage_id"), ["passage_id"], unique=False
        )

    op.create_table(
        "event_actor",
        sa.Column("event_id", sqlmodel.sql.sqltypes.AutoString(), nullable=False),
        sa.Column("actor_id", sqlmodel.sql.sqltypes.AutoString(), nullable=False),
        sa.Column("role", sqlmodel.sql.sqltypes.AutoString(length=20), nullable=False),
        sa.CheckConstraint(
            "role IN ('participant', 'initiator', 'target', 'subject')",
            name=op.f("ck_event_actor_role"),
        ),
        sa.ForeignKeyConstraint(
            ["actor_id"],
            ["actor.id"],
            name=op.f("fk_event_actor_actor_id_actor"),
            ondelete="RESTRICT",
        ),
        sa.ForeignKeyConstraint(
            ["event_id"],
            ["event.id"],
            name=op.f("fk_event_actor_event_id_event"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("event_id", "actor_id", name=op.f("pk_event_actor")),
    )
    with op.batch_alter_table("event_actor", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_event_actor_actor_id_event_id"), ["actor_id", "event_id"], unique=False
        )

    op.create_table(
        "event_tag",
        sa.Column("event_id", sqlmodel.sql.sqltypes.AutoString(), nullable=False),
        sa.Column("tag", sqlmodel.sql.sqltypes.AutoString(length=60), nullable=False),
        sa.ForeignKeyConstraint(
            ["event_id"], ["event.id"], name=op.f("fk_event_tag_event_id_event"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("event_id", "tag", name=op.f("pk_event_tag")),
    )
    with op.batch_alter_table("event_tag", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_event_tag_tag_event_id"), ["tag", "event_id"], unique=False
        )

    op.create_table(
        "source",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("event_id", sqlmodel.sql.sqltypes.AutoString(), nullable=False),
        sa.Column("passage_id", sa.Integer(), nullable=False),
        sa.Column("quote", sa.Text(), nullable=False),
        sa.Column("start", sa.Integer(), nullable=False),
        sa.Column("end", sa.Integer(), nullable=False),
        sa.Column("stated_start", sa.Date(), nullable=True),
        sa.Column("stated_end", sa.Date(), nullable=True),
        sa.Column("stated_precision", sqlmodel.sql.sqltypes.AutoString(length=10), nullable=True),
        sa.Column("stated_qualifier", sqlmodel.sql.sqltypes.AutoString(length=10), nullable=True),
        sa.CheckConstraint(
            "stated_precision IS NULL OR stated_precision IN ('day', 'month', 'year', 'decade')",
            name=op.f("ck_source_stated_precision"),
        ),
        sa.CheckConstraint(
            "stated_qualifier IS NULL OR stated_qualifier IN ('early', 'mid', 'late', 'circa', 'before', 'after')",
            name=op.f("ck_source_stated_qualifier"),
        ),
        sa.CheckConstraint('start >= 0 AND start < "end"', name=op.f("ck_source_offsets")),
        sa.CheckConstraint("stated_start <= stated_end", name=op.f("ck_source_stated_interval")),
        sa.ForeignKeyConstraint(
            ["event_id"], ["event.id"], name=op.f("fk_source_event_id_event"), ondelete="CASCADE"
        ),
        sa.ForeignKeyConstraint(
            ["passage_id"],
            ["passage.id"],
            name=op.f("fk_source_passage_id_passage"),
            ondelete="RESTRICT",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_source")),
        sa.UniqueConstraint(
            "event_id", "passage_id", "start", name=op.f("uq_source_event_id_passage_id_start")
        ),
    )
    with op.batch_alter_table("source", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_source_passage_id"), ["passage_id"], unique=False)

    op.execute("INSERT INTO data_state (id, version, updated_at) VALUES (1, 0, CURRENT_TIMESTAMP)")
    create_search_by_event_id(op.get_bind())


def create_search_by_event_id(conn: sa.Connection) -> None:
    """The full-text table as this revision made it, keyed by event id (see app/search.py)."""
    if conn.dialect.name == "sqlite":
        conn.execute(
            sa.text(
                "CREATE VIRTUAL TABLE event_search USING fts5("
                "event_id UNINDEXED, document, "
                "tokenize = 'porter unicode61 remove_diacritics 2')"
            )
        )
    else:
        conn.execute(
            sa.text(
                "CREATE TABLE event_search ("
                "event_id VARCHAR(200) PRIMARY KEY REFERENCES event(id) ON DELETE CASCADE, "
                "document TSVECTOR NOT NULL)"
            )
        )
        conn.execute(
            sa.text("CREATE INDEX event_search_document ON event_search USING GIN (document)")
        )


def downgrade() -> None:
    op.execute("DROP TABLE IF EXISTS event_search")
    with op.batch_alter_table("source", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_source_passage_id"))

    op.drop_table("source")
    with op.batch_alter_table("event_tag", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_event_tag_tag_event_id"))

    op.drop_table("event_tag")
    with op.batch_alter_table("event_actor", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_event_actor_actor_id_event_id"))

    op.drop_table("event_actor")
    with op.batch_alter_table("date_mention", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_date_mention_passage_id"))

    op.drop_table("date_mention")
    with op.batch_alter_table("place_alias", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_place_alias_place_id"))

    op.drop_table("place_alias")
    op.drop_table("passage")
    with op.batch_alter_table("event", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_event_change_seq"))
        batch_op.drop_index(batch_op.f("ix_event_updated_at_id"))
        batch_op.drop_index(batch_op.f("ix_event_status_date_start_date_rank_id"))
        batch_op.drop_index(batch_op.f("ix_event_place_id_date_start"))
        batch_op.drop_index(batch_op.f("ix_event_kind_date_start"))
        batch_op.drop_index(batch_op.f("ix_event_date_end"))

    op.drop_table("event")
    with op.batch_alter_table("actor_alias", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_actor_alias_actor_id"))

    op.drop_table("actor_alias")
    op.drop_table("place")
    op.drop_table("data_state")
    op.drop_table("article")
    op.drop_table("actor")

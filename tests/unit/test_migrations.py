"""Migrations upgrade, downgrade and upgrade again, and match the models exactly."""

from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import inspect, select, text
from sqlmodel import SQLModel, col

from app import schema, search, seeds
from app.config import PROJECT_ROOT
from app.db import get_engine, session_scope
from app.ingest.service import ArticleCreate, ingest
from app.models import Event
from app.schema import include_object


def differences(url: str) -> list[object]:
    with get_engine(url).connect() as conn:
        context = MigrationContext.configure(
            conn, opts={"compare_type": True, "include_object": include_object}
        )
        return list(compare_metadata(context, SQLModel.metadata))


def test_upgrade_downgrade_upgrade_and_no_autogenerate_difference(empty_url: str) -> None:
    engine = get_engine(empty_url)
    schema.upgrade(empty_url)
    tables = set(inspect(engine).get_table_names())
    assert set(SQLModel.metadata.tables) <= tables
    assert schema.current_revision(engine) is not None
    schema.downgrade(empty_url, "base")
    assert set(inspect(engine).get_table_names()) <= {"alembic_version"}
    assert schema.current_revision(engine) is None
    schema.upgrade(empty_url)
    assert differences(empty_url) == []


def test_at_head_reads_the_newest_revision_as_alembic_does(empty_url: str) -> None:
    engine = get_engine(empty_url)
    script = ScriptDirectory.from_config(schema.alembic_config(empty_url))
    assert schema.head_revisions() == set(script.get_heads())
    assert not schema.at_head(engine)
    schema.upgrade(empty_url, script.get_revision("head").down_revision)  # type: ignore[arg-type]
    assert not schema.at_head(engine)
    schema.upgrade(empty_url)
    assert schema.at_head(engine)


def test_the_search_key_migrations_carry_every_document_both_ways(empty_url: str) -> None:
    engine = get_engine(empty_url)
    schema.upgrade(empty_url)
    with session_scope(engine) as session:
        seeds.load(session, PROJECT_ROOT / "seeds")

    def found(q: str) -> list[str]:
        with engine.connect() as conn:
            sql, params = search.matching(q, engine.dialect.name)
            query = select(col(Event.id)).where(text(sql).bindparams(**params))
            return sorted(conn.execute(query).scalars())

    def keys_by_date() -> bool:
        with engine.connect() as conn:
            keyed = conn.execute(
                select(col(Event.date_start), col(Event.date_rank), col(Event.search_key))
            )
            return all(
                search.group_keys(start, rank)[0] <= key <= search.group_keys(start, rank)[1]
                for start, rank, key in keyed
            )

    before = {q: found(q) for q in ("Singapur", "Gipfel", "Kim")}
    assert all(before.values()), before
    assert keys_by_date()
    schema.downgrade(empty_url, "a1c9e3b7d5f2")  # numbered 1..N in id order
    assert {q: found(q) for q in before} == before
    assert not keys_by_date()
    schema.downgrade(empty_url, "7d3f1c2a9b10")  # keyed by event id again
    schema.upgrade(empty_url)  # numbered by id, then re-keyed by date
    assert {q: found(q) for q in before} == before
    assert keys_by_date()


def test_migrations_keep_every_row_both_ways(empty_url: str) -> None:
    """On SQLite batch mode recreates a table by dropping it, and a table dropped with
    foreign keys on first loses its rows, and with them, by ON DELETE CASCADE, every
    source, actor link and tag of its events; migrations run with foreign keys off and
    leave them on."""
    engine = get_engine(empty_url)
    schema.upgrade(empty_url)
    with session_scope(engine) as session:
        seeds.load(session, PROJECT_ROOT / "seeds")
    tables = ("event", "source", "event_actor", "event_tag", "passage", "article")

    def rows() -> dict[str, int]:
        with engine.connect() as conn:
            return {t: conn.execute(text(f"SELECT count(*) FROM {t}")).scalar_one() for t in tables}

    seeded = rows()
    assert all(seeded.values()), seeded
    schema.downgrade(empty_url, "a1c9e3b7d5f2")  # recreates event on SQLite on the way
    assert rows() == seeded
    schema.upgrade(empty_url)
    assert rows() == seeded
    if engine.dialect.name == "sqlite":
        with engine.connect() as conn:
            assert conn.execute(text("PRAGMA foreign_keys")).scalar_one() == 1


def test_links_become_reviewable_and_back(empty_url: str) -> None:
    """Links stored before the review quote their whole passage; a proposal's link is
    accepted when its event was published; a downgrade keeps every link as it was found."""
    engine = get_engine(empty_url)
    schema.upgrade(empty_url)
    with session_scope(engine) as session:
        seeds.load(session, PROJECT_ROOT / "seeds")
        article = PROJECT_ROOT / "tests" / "data" / "articles" / "en_hanoi_summit_2019.txt"
        body = ArticleCreate(text=article.read_text(encoding="utf-8"), published="2019-02-28")
        ingest(session, body, max_chars=10**6)

    def links() -> list[tuple[object, ...]]:
        with engine.connect() as conn:
            return [
                tuple(row)
                for row in conn.execute(
                    text("SELECT passage_id, event_id, score FROM event_link ORDER BY 1, 2")
                )
            ]

    found = links()
    with engine.begin() as conn:
        proposal = conn.execute(
            text("SELECT min(event_id) FROM event_link WHERE found_as = 'proposed'")
        ).scalar_one()
        conn.execute(text("UPDATE event SET status = 'published' WHERE id = :id"), {"id": proposal})
    schema.downgrade(empty_url, "7a9c1e3b5d8f")
    assert links() == found
    schema.upgrade(empty_url)
    assert links() == found
    with engine.connect() as conn:
        rows = conn.execute(
            text(
                "SELECT event_link.event_id, found_as, event_link.status, quote, passage.text "
                "FROM event_link JOIN passage ON passage.id = event_link.passage_id"
            )
        ).all()
    assert all(quote == passage for *_, quote, passage in rows)
    assert {(r[1], r[2]) for r in rows if r[0] == proposal} == {("proposed", "accepted")}
    assert {r[2] for r in rows if r[0] != proposal} == {"pending"}
    assert "linked" in {r[1] for r in rows}


def test_a_note_or_description_in_german_only_is_kept_by_a_downgrade(empty_url: str) -> None:
    engine = get_engine(empty_url)
    schema.upgrade(empty_url)
    with session_scope(engine) as session:
        seeds.load(session, PROJECT_ROOT / "seeds")
    with engine.begin() as conn:
        conn.execute(text("UPDATE event SET date_note = NULL WHERE id = 'hanoi-summit-2019'"))
        conn.execute(text("UPDATE actor SET description = NULL WHERE id = 'kim-jong-un'"))
    schema.downgrade(empty_url, "4e6f8a0b2c57")  # before date_note_de and description_de
    with engine.connect() as conn:
        notes: dict[str, str] = dict(conn.execute(text("SELECT id, date_note FROM event")).all())
        descriptions: dict[str, str] = dict(
            conn.execute(text("SELECT id, description FROM actor")).all()
        )
    assert notes["hanoi-summit-2019"].startswith("Die Artikel sagen nur „2019“")
    assert notes["panmunjom-meeting-2019"].startswith("Articles say only '2019'")
    assert descriptions["kim-jong-un"] == "Oberster Führer Nordkoreas seit Dezember 2011"
    assert descriptions["north-korea"].startswith("Democratic People's Republic")

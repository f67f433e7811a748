"""`timeline db copy`: a timeline moved to the other engine and back, nothing lost."""

import datetime
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import select, text
from sqlmodel import Session, col
from typer.testing import CliRunner

from app import schema, search, transfer
from app.actors import ACTORS
from app.cli import app
from app.dates import DateInterval
from app.db import get_engine, session_scope
from app.models import Article, Event, EventHistory
from app.services import events, names, versions
from tests.conftest import Databases, postgres_unavailable


@pytest.fixture
def other_engine(databases: Databases, tmp_path: Path) -> Iterator[Databases]:
    """Throw-away databases of the engine the test's own engine is not."""
    other = "postgres" if databases.engine == "sqlite" else "sqlite"
    if other == "postgres" and (reason := postgres_unavailable()):
        pytest.skip(reason)
    made = Databases(other, tmp_path)
    yield made
    made.drop_all()


def assert_all_equal(checks: list[transfer.TableCheck]) -> None:
    assert [check.table for check in checks if not check.ok] == []
    assert {check.table for check in checks} == {table.name for table in transfer.tables()}


def search_hits(url: str, q: str) -> set[str]:
    engine = get_engine(url)
    with Session(engine) as session:
        sql, params = search.matching(q, engine.dialect.name)
        query = select(col(Event.id)).where(text(sql).bindparams(**params))
        return set(session.execute(query).scalars())


def test_a_copy_to_the_other_engine_and_back_is_identical(
    databases: Databases, seeded_url: str, fresh_seeded_url: str, other_engine: Databases
) -> None:
    _history(fresh_seeded_url, {"title": "Gipfel in Südkorea", "at": {"lat": 37.5665, "n": 1}})
    seeded_url = fresh_seeded_url
    there, back = other_engine.new(), databases.new()
    assert_all_equal(transfer.copy(seeded_url, there))
    assert_all_equal(transfer.copy(there, back))
    checks = transfer.compare(seeded_url, back)
    assert_all_equal(checks)
    assert sum(check.source_rows for check in checks) > 1000
    for url in (there, back):
        assert search_hits(url, "Gipfeltreffen") == search_hits(seeded_url, "Gipfeltreffen")
        with Session(get_engine(url)) as session, Session(get_engine(seeded_url)) as seeded:
            assert versions.current(session) == versions.current(seeded) > 0


def test_writes_after_a_copy_get_new_ids(seeded_url: str, other_engine: Databases) -> None:
    target = other_engine.new()
    transfer.copy(seeded_url, target)
    with session_scope(get_engine(target)) as session:
        passage_id = int(session.execute(text("SELECT min(id) FROM passage")).scalar_one())
        quote = session.execute(
            text("SELECT substr(text, 1, 20) FROM passage WHERE id = :id"), {"id": passage_id}
        ).scalar_one()
        day = datetime.date(2025, 12, 2)
        spec = events.EventSpec(
            id="after-the-copy",
            title="Written after the copy",
            kind="statement",
            date=DateInterval(day, day, "day"),
            sources=[events.SourceSpec(passage_id=passage_id, quote=quote, start=0, end=20)],
        )
        assert events.put(session, spec)
        assert names.put(
            session, ACTORS, id="new-actor", name="New Actor", kind="person", aliases=["N. A."]
        )
    assert search_hits(target, "Written copy") == {"after-the-copy"}


def test_a_target_with_data_is_refused_and_left_as_it_was(
    seeded_url: str, fresh_seeded_url: str
) -> None:
    before = transfer.compare(seeded_url, fresh_seeded_url)
    with pytest.raises(transfer.CopyError, match="not empty"):
        transfer.copy(seeded_url, fresh_seeded_url)
    assert transfer.compare(seeded_url, fresh_seeded_url) == before


def _later(session: Session) -> str:
    event = session.execute(select(Event).order_by(col(Event.id))).scalars().first()
    assert event is not None
    event.updated_at += datetime.timedelta(microseconds=1)
    return "event"


def _next_day(session: Session) -> str:
    article = (
        session.execute(select(Article).where(col(Article.published_start).is_not(None)))
        .scalars()
        .first()
    )
    assert article is not None and article.published_start is not None
    article.published_start = article.published_end = article.published_start + DAY
    return "article"


def _swap_latitudes(session: Session) -> str:
    """Every column holds the same values as before, in other rows."""
    found = session.execute(text("SELECT id, lat FROM place WHERE id IN ('hanoi', 'singapore')"))
    lat = {row.id: row.lat for row in found}
    for place, other in (("hanoi", "singapore"), ("singapore", "hanoi")):
        session.execute(
            text("UPDATE place SET lat = :lat WHERE id = :id"), {"lat": lat[other], "id": place}
        )
    return "place"


def _statement(sql: str, table: str) -> Callable[[Session], str]:
    def change(session: Session) -> str:
        assert session.execute(text(sql)).rowcount == 1  # type: ignore[attr-defined]
        return table

    return change


DAY = datetime.timedelta(days=1)
CHANGES = {
    "a float by a millionth": _statement(
        "UPDATE place SET lat = lat + 0.000001 WHERE id = 'hanoi'", "place"
    ),
    "a datetime by a microsecond": _later,
    "a boolean": _statement(
        "UPDATE date_mention SET inferred = NOT inferred "
        "WHERE id = (SELECT min(id) FROM date_mention)",
        "date_mention",
    ),
    "NULL to empty text": _statement(
        "UPDATE event SET date_note = '' "
        "WHERE id = (SELECT min(id) FROM event WHERE date_note IS NULL)",
        "event",
    ),
    "a date": _next_day,
    "two rows' values swapped": _swap_latitudes,
}


@pytest.mark.parametrize("change", CHANGES)
def test_the_checksums_see_a_changed_value(
    seeded_url: str, fresh_seeded_url: str, change: str
) -> None:
    with session_scope(get_engine(fresh_seeded_url)) as session:
        changed = CHANGES[change](session)
    checks = {check.table: check for check in transfer.compare(seeded_url, fresh_seeded_url)}
    assert not checks[changed].ok
    assert checks[changed].source_rows == checks[changed].target_rows
    assert all(check.ok for name, check in checks.items() if name != changed)


def _history(url: str, after: dict[str, Any]) -> None:
    with session_scope(get_engine(url)) as session:
        at = datetime.datetime(2026, 12, 6, 16, 30, 0, 123456, tzinfo=datetime.UTC)
        session.add(
            EventHistory(
                event_id="e", action="update", author="t", at=at, change_seq=1, after=after
            )
        )


def test_the_checksums_see_a_changed_json_value(databases: Databases, seeded_url: str) -> None:
    left, right = databases.new(template=seeded_url), databases.new(template=seeded_url)
    _history(left, {"title": "Gipfel in Singapur", "tags": ["nuclear"]})
    _history(right, {"title": "Gipfel in Singapur", "tags": ["nuclear", "summit"]})
    checks = {check.table: check for check in transfer.compare(left, right)}
    assert [name for name, check in checks.items() if not check.ok] == ["event_history"]


# A target that changes what is written into it: every place's name gets a "!".
MANGLING = {
    "sqlite": [
        "CREATE TRIGGER mangle AFTER INSERT ON place BEGIN "
        "UPDATE place SET name = name || '!' WHERE id = NEW.id; END"
    ],
    "postgresql": [
        "CREATE FUNCTION mangle() RETURNS trigger LANGUAGE plpgsql AS "
        "$$ BEGIN NEW.name := NEW.name || '!'; RETURN NEW; END $$",
        "CREATE TRIGGER mangle BEFORE INSERT ON place FOR EACH ROW EXECUTE FUNCTION mangle()",
    ],
}


def test_a_copy_that_differs_keeps_nothing_and_the_command_fails(
    databases: Databases, seeded_url: str
) -> None:
    target = databases.new()
    schema.upgrade(target)
    engine = get_engine(target)
    with engine.begin() as conn:
        for sql in MANGLING[engine.dialect.name]:
            conn.exec_driver_sql(sql)
    rows = transfer.compare(target, target)
    files = sorted(databases.directory.iterdir())
    copied = CliRunner().invoke(app, ["db", "copy", "--from", seeded_url, "--to", target])
    assert copied.exit_code == 1, copied.output
    mismatched = [line.split()[0] for line in copied.output.splitlines() if "MISMATCH" in line]
    assert mismatched == ["place"]
    assert "the target differs from the source" in copied.output
    assert transfer.compare(target, target) == rows
    assert sorted(databases.directory.iterdir()) == files  # no half-made file left beside it


def test_the_command_prints_every_table_and_fails_on_a_full_target(
    databases: Databases, seeded_url: str, fresh_seeded_url: str
) -> None:
    runner = CliRunner()
    copied = runner.invoke(app, ["db", "copy", "--from", seeded_url, "--to", databases.new()])
    assert copied.exit_code == 0, copied.output
    for table in transfer.tables():
        assert f"{table.name} " in copied.output
    assert "MISMATCH" not in copied.output
    refused = runner.invoke(app, ["db", "copy", "--from", seeded_url, "--to", fresh_seeded_url])
    assert refused.exit_code == 1
    assert "not empty" in refused.output


def index_names(url: str) -> set[str]:
    engine = get_engine(url)
    with engine.connect() as conn:
        if engine.dialect.name == "sqlite":
            found = conn.execute(text("SELECT name FROM sqlite_master WHERE type = 'index'"))
        else:
            found = conn.execute(
                text("SELECT indexname FROM pg_indexes WHERE schemaname = current_schema()")
            )
        return set(found.scalars())


class Interrupted(Exception):
    pass


@pytest.mark.parametrize("stage", ["event_actor", "search index", "indexes", "checking"])
def test_a_copy_stopped_half_way_leaves_the_target_as_it_was(
    databases: Databases, seeded_url: str, stage: str
) -> None:
    target = databases.new()
    schema.upgrade(target)
    indexes, rows = index_names(target), transfer.compare(target, target)
    assert "ix_event_live_order" in indexes

    def stop_there(told: str, done: int, _of: int) -> None:
        if told == stage and done:
            raise Interrupted

    with pytest.raises(Interrupted):
        transfer.copy(seeded_url, target, stop_there)
    assert index_names(target) == indexes
    assert transfer.compare(target, target) == rows
    assert_all_equal(transfer.copy(seeded_url, target))  # and it can be copied into after


def test_progress_is_told_every_table_to_its_last_row(
    databases: Databases, seeded_url: str
) -> None:
    seen: dict[str, tuple[int, int]] = {}
    transfer.copy(
        seeded_url, databases.new(), lambda stage, done, of: seen.update({stage: (done, of)})
    )
    for table in transfer.tables():
        done, of = seen[table.name]
        assert done == of
    assert seen["event"][1] > 50
    assert [stage for stage in seen if stage not in {t.name for t in transfer.tables()}] == [
        "search index",
        "indexes",
        *(["foreign keys"] if databases.engine == "sqlite" else []),
        "checking",
    ]


def search_index(url: str) -> list[tuple[int, str]]:
    engine = get_engine(url)
    dialect = engine.dialect.name
    document = "document" if dialect == "sqlite" else "document::text"
    with engine.connect() as conn:
        found = conn.execute(
            text(f"SELECT {search.key_column(dialect)}, {document} FROM event_search ORDER BY 1")
        )
        return [(key, document) for key, document in found]


def test_the_copied_search_index_is_the_one_the_app_writes(
    databases: Databases, seeded_url: str, other_engine: Databases
) -> None:
    for target in (databases.new(), other_engine.new()):
        assert_all_equal(transfer.copy(seeded_url, target))
        copied = search_index(target)
        assert len(copied) > 50
        with session_scope(get_engine(target)) as session:
            search.reindex(session, session.execute(select(col(Event.id))).scalars())
        assert search_index(target) == copied


def search_vector_backends(url: str) -> int:
    with get_engine(url).connect() as conn:
        return int(
            conn.execute(
                text(
                    "SELECT count(*) FROM pg_stat_activity WHERE datname = current_database() "
                    "AND application_name = 'timeline copy: search vectors'"
                )
            ).scalar_one()
        )


def test_search_vectors_that_fail_meanwhile_leave_the_target_as_it_was(
    databases: Databases, fresh_seeded_url: str, other_engine: Databases
) -> None:
    """PostgreSQL's tsvectors are computed on connections of their own while the rows are
    copied: one that fails stops the copy, which keeps nothing."""
    target = databases.new() if databases.engine == "postgres" else other_engine.new()
    schema.upgrade(target)
    indexes, rows = index_names(target), transfer.compare(target, target)
    with session_scope(get_engine(fresh_seeded_url)) as session:
        # More than PostgreSQL's 1 MB a tsvector may hold (written around the app's index).
        too_long = " ".join(f"Wort{number}" for number in range(200_000))
        session.execute(
            text("UPDATE event SET summary = :text WHERE id = (SELECT min(id) FROM event)"),
            {"text": too_long},
        )
    with pytest.raises(transfer.CopyError, match="search index could not be built"):
        transfer.copy(fresh_seeded_url, target)
    assert index_names(target) == indexes
    assert transfer.compare(target, target) == rows
    assert search_vector_backends(target) == 0


def test_the_search_documents_are_read_in_the_snapshot_of_the_rows(
    databases: Databases, fresh_seeded_url: str
) -> None:
    """PostgreSQL's search vectors read the source on another connection: in the copy's
    exported snapshot, or (SQLite, which cannot share one) refused when a write came
    between the two."""
    engine = get_engine(fresh_seeded_url)
    if databases.engine == "postgres":
        engine = engine.execution_options(isolation_level="REPEATABLE READ")
    with engine.connect() as reading, reading.begin():
        if databases.engine == "sqlite":
            reading.exec_driver_sql("BEGIN")
        before = reading.execute(text(versions.CURRENT_SQL)).scalar_one()
        with get_engine(fresh_seeded_url).begin() as writing:
            writing.execute(text("UPDATE data_state SET version = version + 1"))
        if databases.engine == "sqlite":
            refused = pytest.raises(transfer.CopyError, match="written to as the copy began")
            with refused, transfer._same_snapshot(reading):
                pass
            return
        with transfer._same_snapshot(reading) as other:
            assert other.execute(text(versions.CURRENT_SQL)).scalar_one() == before

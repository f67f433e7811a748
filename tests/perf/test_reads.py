"""Where reads run (app.api.reads): SQLite pages on the event loop within a budget, the
rest in threads; and a count in progress does not hold up the pages asked for meanwhile."""

import asyncio
import threading
from concurrent.futures import ThreadPoolExecutor
from typing import Any

import httpx
import pytest
from sqlalchemy import Connection, event, text
from sqlalchemy.exc import DBAPIError

from app import queries
from app.api.reads import Reads
from app.db import get_engine, session_scope, write_session
from app.queries import EventFilters
from tests import conftest

# Counts to two million, one row at a time: far more SQLite work than the budget allows.
SLOW = (
    "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 2e6) "
    "SELECT max(i) FROM n"
)


def sqlite_reads(url: str, budget: float) -> Reads:
    engine = get_engine(url)
    if engine.dialect.name != "sqlite":
        pytest.skip("PostgreSQL's reads always run in threads: they wait on the network")
    return Reads(engine, 1, budget)


def test_a_read_runs_on_the_event_loop_and_one_past_its_budget_in_a_thread(
    seeded_url: str,
) -> None:
    """A page takes well under the budget and is read on the loop; a read that takes longer
    is stopped when the budget is spent and run again in the reads' thread, to its end."""
    reads = sqlite_reads(seeded_url, budget=0.02)
    attempts: list[str] = []

    def slow(conn: Connection) -> int:
        attempts.append(threading.current_thread().name)
        return int(conn.exec_driver_sql(SLOW).scalar_one())

    def page(conn: Connection) -> tuple[str, list[str]]:
        ids, _ = queries.fetch_page(conn, EventFilters(actors=("kim-jong-un",)), "date", 5, None)
        return threading.current_thread().name, ids

    async def both() -> tuple[int, tuple[str, list[str]]]:
        return await reads.run(slow), await reads.run(page)

    try:
        loop_thread = threading.current_thread().name
        counted, (page_thread, ids) = asyncio.run(both())
    finally:
        reads.close()
    assert counted == 2_000_000
    assert attempts[0] == loop_thread and attempts[1].startswith("timeline-read"), attempts
    assert len(attempts) == 2
    assert page_thread == loop_thread and len(ids) == 5


def test_a_read_on_the_event_loop_sees_every_write_committed_before_it(
    fresh_seeded_url: str,
) -> None:
    """The loop keeps its connection between reads, but never a read transaction: each
    read sees the database as the last commit left it."""
    reads = sqlite_reads(fresh_seeded_url, budget=1.0)
    engine = get_engine(fresh_seeded_url)

    def title(conn: Connection) -> str:
        statement = text("SELECT title FROM event WHERE id = 'singapore-summit-2018'")
        return str(conn.execute(statement).scalar_one())

    async def read_write_read() -> list[str]:
        seen = [await reads.run(title)]
        with write_session(engine) as session:
            session.execute(
                text("UPDATE event SET title = 'Renamed' WHERE id = 'singapore-summit-2018'")
            )
        seen.append(await reads.run(title))
        return seen

    try:
        before, after = asyncio.run(read_write_read())
    finally:
        reads.close()
    assert before != "Renamed" and after == "Renamed"


def test_an_error_in_a_read_on_the_event_loop_leaves_the_loop_connection_usable(
    seeded_url: str,
) -> None:
    reads = sqlite_reads(seeded_url, budget=1.0)

    def broken(conn: Connection) -> None:
        conn.exec_driver_sql("SELECT * FROM no_such_table")

    def one(conn: Connection) -> int:
        return int(conn.exec_driver_sql("SELECT 1").scalar_one())

    async def error_then_read() -> int:
        with pytest.raises(Exception, match="no_such_table"):
            await reads.run(broken)
        return await reads.run(one)

    try:
        assert asyncio.run(error_then_read()) == 1
    finally:
        reads.close()


def test_a_count_in_progress_does_not_hold_up_other_pages(fresh_seeded_url: str) -> None:
    engine = get_engine(fresh_seeded_url)
    with session_scope(engine) as session:
        live = "status = 'published' AND deleted_at IS NULL"
        published = session.execute(text(f"SELECT count(*) FROM event WHERE {live}")).scalar()
    counting, release = threading.Event(), threading.Event()

    def hold_counts(_conn: Any, _cursor: Any, statement: str, *_: Any) -> None:
        if statement.lstrip().lower().startswith("select count(*)"):
            counting.set()
            release.wait(30)

    settings = conftest.settings_for(fresh_seeded_url, response_cache_entries=0)
    with conftest.LiveServer(settings) as server, ThreadPoolExecutor(1) as pool:
        event.listen(engine, "before_cursor_execute", hold_counts)
        try:
            counted = pool.submit(httpx.get, f"{server.url}/events?count=true&limit=1", timeout=30)
            assert counting.wait(10), "the count never started"
            page = httpx.get(f"{server.url}/events?actor=kim&limit=5", timeout=5)
            assert page.status_code == 200 and len(page.json()["items"]) == 5
            assert not counted.done()
        finally:
            release.set()
            answer = counted.result()  # before the listener goes: the count is running it
            event.remove(engine, "before_cursor_execute", hold_counts)
    assert answer.status_code == 200
    assert answer.json()["total"] == published


def test_reads_in_threads_answer_their_callers_errors_included_and_outlive_one_gone(
    seeded_url: str,
) -> None:
    """PostgreSQL's reads (and SQLite's past the budget) run in the reads' threads, which
    hand each answer, or its error, to the loop; a caller that goes while its read runs
    leaves the thread to the next read."""
    reads = Reads(get_engine(seeded_url), 2, None)
    sleep = "SELECT pg_sleep(0.3)" if reads.engine.dialect.name == "postgresql" else SLOW

    def thread_and_count(conn: Connection) -> tuple[str, int]:
        count = conn.execute(text("SELECT count(*) FROM event")).scalar_one()
        return threading.current_thread().name, int(count)

    async def reads_and_one_gone() -> list[Any]:
        with pytest.raises(asyncio.TimeoutError):
            await asyncio.wait_for(reads.run(lambda conn: conn.exec_driver_sql(sleep).all()), 0.05)
        answers = await asyncio.gather(
            *(reads.run(thread_and_count) for _ in range(4)),
            reads.run(lambda conn: conn.exec_driver_sql("SELECT no_such_column FROM event")),
            return_exceptions=True,
        )
        return answers

    try:
        *answers, failed = asyncio.run(reads_and_one_gone())
    finally:
        reads.close()
    assert {name.startswith("timeline-read") for name, _ in answers} == {True}
    assert len({count for _, count in answers}) == 1 and answers[0][1] > 0
    assert isinstance(failed, DBAPIError) and "no_such_column" in str(failed)

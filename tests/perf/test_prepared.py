"""PostgreSQL: the statement of a page is prepared on the server at its first run on a
connection, so that the server parses it once per connection instead of once per page;
with TIMELINE_DB_PREPARED_STATEMENTS off (behind a proxy that pools connections by
transaction) nothing is prepared at all."""

import asyncio
import datetime
from collections.abc import Iterator
from functools import partial
from typing import Any

import pytest
from sqlalchemy import Connection, text

from app.api.reads import Reads
from app.db import Pool, dispose_engines, get_engine
from app.queries import EventFilters, fetch_page
from tests.conftest import Databases

KIM = "kim-jong-un"
PREPARED = "SELECT statement, generic_plans + custom_plans FROM pg_prepared_statements"


@pytest.fixture
def postgres_url(databases: Databases, seeded_url: str) -> Iterator[str]:
    if databases.engine != "postgres":
        pytest.skip("only PostgreSQL prepares statements on the server")
    yield seeded_url
    dispose_engines(seeded_url)


def pages(conn: Connection, count: int) -> None:
    for day in range(1, count + 1):
        filters = EventFilters(actors=(KIM,), date_from=datetime.date(2018, 1, day))
        fetch_page(conn, filters, "date", 50, None)


def test_a_page_is_prepared_at_its_first_run(postgres_url: str) -> None:
    """On a connection outside transactions, as app.api.reads holds them."""
    with get_engine(postgres_url).connect() as conn:
        conn.execution_options(isolation_level="AUTOCOMMIT")
        pages(conn, 1)
        prepared = conn.execute(text(PREPARED)).all()
        assert [runs for statement, runs in prepared if "drive.date_start" in statement] == [1]
        pages(conn, 3)
        prepared = conn.execute(text(PREPARED)).all()
        assert [runs for statement, runs in prepared if "drive.date_start" in statement] == [4]


def test_nothing_is_prepared_when_it_is_off(postgres_url: str) -> None:
    with get_engine(postgres_url, Pool(prepare=False)).connect() as conn:
        pages(conn, 8)  # past psycopg's own threshold (5)
        for _ in range(8):
            conn.execute(text("SELECT count(*) FROM event WHERE kind = :kind"), {"kind": "summit"})
        assert conn.execute(text(PREPARED)).all() == []


def test_the_reads_of_a_server_keep_their_statements_prepared(postgres_url: str) -> None:
    """app.api.reads: each read thread's connection is held, so the page prepared by the
    first read is the one the next reads run (a connection returned to the pool is rolled
    back, which deallocates every statement prepared on it)."""
    reads = Reads(get_engine(postgres_url), 1, None)

    async def read_pages() -> list[Any]:
        for _ in range(3):
            await reads.run(partial(pages, count=1))
        return await reads.run(lambda conn: list(conn.execute(text(PREPARED)).all()))

    try:
        prepared = asyncio.run(read_pages())
    finally:
        reads.close()
    assert [runs for statement, runs in prepared if "drive.date_start" in statement] == [3]

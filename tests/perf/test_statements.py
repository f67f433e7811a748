"""Answers cost a fixed number of SQL statements, however many events they hold (no N+1),
counted on the real server's engine while it answers real HTTP requests.
"""

import time
from collections.abc import Iterator

import httpx
import pytest

from app import exports, queries
from app.db import get_engine
from app.filters import event_filters
from tests.perf.conftest import counting_server, statements_on


@pytest.fixture
def counted(fresh_seeded_url: str) -> Iterator[tuple[httpx.Client, list[str]]]:
    # Without the response cache, which would answer the repeated requests below itself.
    with counting_server(fresh_seeded_url, response_cache_entries=0) as counting:
        yield counting


@pytest.mark.parametrize(
    "path,limits",
    [
        ("/events?limit={n}", (1, 50, 500)),
        ("/events?actor=kim&limit={n}", (1, 50, 500)),
        # 41 events match: a page of up to 32 (and the 9 read past it) is found by
        # PostgreSQL's walk of the search index; a larger one, which the walk cannot
        # fill, is read again from the GIN index (app.queries._search_page): one
        # statement more, whatever its size
        ("/events?q=Nordkorea&sort=-date&limit={n}", (1, 10, 32)),
    ],
)
def test_events_cost_the_same_statements_for_any_limit(
    counted: tuple[httpx.Client, list[str]], path: str, limits: tuple[int, ...]
) -> None:
    client, statements = counted
    costs, sizes = [], []
    for limit in limits:
        client.get(path.format(n=limit))  # warm: the pool's first connection sets pragmas
        statements.clear()
        answer = client.get(path.format(n=limit))
        assert answer.status_code == 200
        sizes.append(len(answer.json()["items"]))
        costs.append(len(statements))
    assert sizes[0] == 1 and sizes[2] > 10, sizes
    assert costs[0] == costs[1] == costs[2], costs


def test_a_name_is_resolved_once_a_data_version(counted: tuple[httpx.Client, list[str]]) -> None:
    """A page asked for again at the same data version reads its own rows alone: the names
    it filters by are kept as resolved (app.actors.Resolved)."""
    client, statements = counted
    assert client.get("/events?actor=kim&limit=5").status_code == 200
    statements.clear()
    assert client.get("/events?actor=Kim Jong-un&limit=3").status_code == 200
    assert len(statements) == 2, statements  # kim's other spelling, then the page
    statements.clear()
    assert client.get("/events?actor=kim&kind=summit").status_code == 200
    assert len(statements) == 1 and "actor_alias" not in statements[0], statements


def test_a_page_reads_its_documents_as_bytes(seeded_url: str) -> None:
    """Ready to send, never decoded into text and encoded again (queries.document_column)."""
    with get_engine(seeded_url).connect() as conn:
        kim = event_filters(conn, actor=["kim"])
        rows, _ = queries.page_rows(conn, kim, "date", 5, None, "de")
    assert len(rows) == 5 and all(type(row[3]) is bytes for row in rows)


def test_an_export_reads_the_next_batch_while_this_one_is_sent(
    seeded_url: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(exports, "EVENT_BATCH", 10)
    engine = get_engine(seeded_url)
    with engine.connect() as conn:
        every = event_filters(conn)
    with statements_on(seeded_url) as statements:
        batches = exports.event_batches(engine, every)
        first = next(batches)
        deadline = time.monotonic() + 10
        while len(statements) < 2 and time.monotonic() < deadline:
            time.sleep(0.01)  # the caller sends the first batch: the second is being read
        assert len(first) == 10 and len(statements) == 2, statements
        assert len(first) + sum(len(batch) for batch in batches) == 77

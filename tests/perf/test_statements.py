"""Answers cost a fixed number of SQL statements, however many events they hold (no N+1),
counted on the real server's engine while it answers real HTTP requests.
"""

from collections.abc import Iterator

import httpx
import pytest

from tests.perf.conftest import counting_server


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

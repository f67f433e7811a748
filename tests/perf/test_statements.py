"""Answers cost a fixed number of SQL statements, however many events they hold (no N+1),
counted on the real server's engine while it answers real HTTP requests.
"""

from collections.abc import Iterator
from typing import Any

import httpx
import pytest
from sqlalchemy import event

from app.db import get_engine
from tests import conftest


@pytest.fixture
def counted(fresh_seeded_url: str) -> Iterator[tuple[httpx.Client, list[str]]]:
    statements: list[str] = []

    def count(_conn: Any, _cursor: Any, statement: str, *_: Any) -> None:
        statements.append(statement)

    engine = get_engine(fresh_seeded_url)
    event.listen(engine, "before_cursor_execute", count)
    try:
        with (
            conftest.LiveServer(conftest.settings_for(fresh_seeded_url)) as live,
            httpx.Client(base_url=live.url, timeout=30) as client,
        ):
            yield client, statements
    finally:
        event.remove(engine, "before_cursor_execute", count)


@pytest.mark.parametrize(
    "path",
    ["/events?limit={n}", "/events?actor=kim&limit={n}", "/events?q=Kim&sort=-date&limit={n}"],
)
def test_events_cost_the_same_statements_for_1_50_and_500(
    counted: tuple[httpx.Client, list[str]], path: str
) -> None:
    client, statements = counted
    costs, sizes = [], []
    for limit in (1, 50, 500):
        client.get(path.format(n=limit))  # warm: the pool's first connection sets pragmas
        statements.clear()
        answer = client.get(path.format(n=limit))
        assert answer.status_code == 200
        sizes.append(len(answer.json()["items"]))
        costs.append(len(statements))
    assert sizes[0] == 1 and sizes[2] > 10, sizes
    assert costs[0] == costs[1] == costs[2], costs

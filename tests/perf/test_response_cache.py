"""The response cache answers a repeated query without running the route, a write makes
its answers stale at once, no two queries or representations share an entry, and
concurrent requests for one entry build it once; on real servers over HTTP, counting the
SQL statements the server's engine runs.
"""

import threading
import time
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from typing import Any

import httpx
import pytest
from sqlalchemy import event, text

from app import documents
from app.db import get_engine, session_scope
from app.services import versions
from tests import conftest
from tests.perf.conftest import counting_server, statements_on

KIM = "/events?actor=kim"
BURST = 16


@pytest.fixture
def counted(fresh_seeded_url: str) -> Iterator[tuple[httpx.Client, list[str]]]:
    with counting_server(fresh_seeded_url) as counting:
        yield counting


def test_a_repeated_query_is_answered_from_the_cache(
    counted: tuple[httpx.Client, list[str]],
) -> None:
    client, statements = counted
    first = client.get(KIM)
    assert first.status_code == 200 and statements, "the first answer runs the route"
    statements.clear()
    again = client.get(KIM)
    assert again.status_code == 200
    assert again.content == first.content
    assert again.headers["etag"] == first.headers["etag"]
    assert statements == []


def test_a_write_makes_cached_answers_stale(
    counted: tuple[httpx.Client, list[str]], fresh_seeded_url: str
) -> None:
    client, statements = counted
    before = client.get(KIM)
    assert "Trump and Kim meet in Singapore" in before.text
    with session_scope(get_engine(fresh_seeded_url)) as session:
        session.execute(
            text("UPDATE event SET title = 'Rewritten' WHERE id = 'singapore-summit-2018'")
        )
        documents.refresh(session, ["singapore-summit-2018"])
        versions.bump(session)
    statements.clear()
    after = client.get(KIM)
    assert statements, "a new data version runs the route again"
    assert "Rewritten" in after.text and "Trump and Kim meet in Singapore" not in after.text
    assert after.headers["etag"] != before.headers["etag"]


def test_queries_and_representations_never_share_an_entry(
    counted: tuple[httpx.Client, list[str]],
) -> None:
    client, statements = counted
    whole = client.get(KIM).json()
    assert len(whole["items"]) > 2
    statements.clear()
    two = client.get(KIM + "&limit=2")
    assert statements and len(two.json()["items"]) == 2
    assert client.get(KIM, headers={"Accept": "application/json"}).json() == whole
    csv = client.get(KIM, headers={"Accept": "text/csv"})
    assert csv.headers["content-type"].startswith("text/csv")
    assert "singapore-summit-2018" in csv.text
    assert client.get(KIM).json() == whole


@pytest.mark.parametrize(
    ("path", "status", "builds"),
    [("/facets?facet=year", 200, 1), ("/events/no-such-event", 404, BURST)],
    ids=["cacheable", "not-cacheable"],
)
def test_concurrent_requests_for_one_entry_build_it_once(
    fresh_seeded_url: str, path: str, status: int, builds: int
) -> None:
    """While the first request builds an answer, the others for the same entry wait and are
    served from it; an answer that cannot be cached sends each of them to build its own.
    Every statement is held until all the requests have reached the server, so that they
    are all in flight together."""
    everyone_arrived = threading.Event()

    def hold(*_: Any) -> None:
        everyone_arrived.wait(30)

    engine = get_engine(fresh_seeded_url)
    with (
        statements_on(fresh_seeded_url) as statements,
        conftest.LiveServer(conftest.settings_for(fresh_seeded_url)) as live,
        ThreadPoolExecutor(BURST) as pool,
    ):
        # A cache buster (a parameter starting with `_`, which reads ignore) makes another
        # entry for the same work: one build's cost.
        separator = "&" if "?" in path else "?"
        assert httpx.get(f"{live.url}{path}{separator}_solo=1").status_code == status
        one_build = len(statements)
        assert one_build > 0
        statements.clear()
        event.listen(engine, "before_cursor_execute", hold)
        try:
            answers = [pool.submit(httpx.get, live.url + path, timeout=30) for _ in range(BURST)]
            deadline = time.monotonic() + 15
            while len(live.server.server_state.tasks) < BURST and time.monotonic() < deadline:
                time.sleep(0.01)
            everyone_arrived.set()
            done = [answer.result() for answer in answers]
        finally:
            event.remove(engine, "before_cursor_execute", hold)
    assert [answer.status_code for answer in done] == [status] * BURST
    assert len({answer.content for answer in done}) == 1
    assert len({answer.headers.get("etag") for answer in done}) == 1
    assert len(statements) == one_build * builds, statements

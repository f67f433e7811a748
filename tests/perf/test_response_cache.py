"""The response cache answers a repeated query without running the route, a write makes
its answers stale at once, and no two queries or representations share an entry; on real
servers over HTTP, counting the SQL statements the server's engine runs.
"""

from collections.abc import Iterator

import httpx
import pytest
from sqlalchemy import text

from app import documents
from app.db import get_engine, session_scope
from app.services import versions
from tests.perf.conftest import counting_server

KIM = "/events?actor=kim"


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

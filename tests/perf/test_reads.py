"""A count in progress does not hold up the pages asked for meanwhile (app.api.reads)."""

import threading
from concurrent.futures import ThreadPoolExecutor
from typing import Any

import httpx
from sqlalchemy import event, text

from app.db import get_engine, session_scope
from tests import conftest


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

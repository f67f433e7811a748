"""Eight writers and eight HTTP readers at once on one database: no lost write, no error.

The first test's writers run short transactions through the service layer (write_session
+ services.events.put): each creates its own events and increments a shared counter event
(read, then write: lost if two writers interleave). The second test's writers use the HTTP
API: they create events, PATCH one shared event with and without If-Match, and ingest
articles. In both, readers page through GET /events on a live server over the same
database the whole time.
"""

import threading
from concurrent.futures import ThreadPoolExecutor
from typing import Any

import httpx
from sqlmodel import Session

from app.dates import DateInterval
from app.db import get_engine, write_session
from app.models import Event, Source
from app.services import events
from tests.api.test_curation import as_listed
from tests.conftest import TEST_TOKEN, LiveServer, settings_for
from tests.reliability.state import inconsistencies

WRITERS = 8
READERS = 8
WRITES_EACH = 6
COUNTER = "concurrency-counter"


def _spec(session: Session, event_id: str, title: str) -> events.EventSpec:
    source = session.get(Source, 1)
    assert source is not None
    day = DateInterval.from_dict({"start": "2020-01-01", "end": "2020-01-01", "precision": "day"})
    return events.EventSpec(
        id=event_id,
        title=title,
        kind="test",
        date=day,
        sources=[
            events.SourceSpec(
                passage_id=source.passage_id, quote=source.quote, start=source.start, end=source.end
            )
        ],
    )


def _write(url: str, writer: int) -> None:
    engine = get_engine(url)
    for n in range(WRITES_EACH):
        with write_session(engine) as session:
            events.put(session, _spec(session, f"writer-{writer}-{n}", f"writer {writer} #{n}"))
        with write_session(engine) as session:
            counter = session.get(Event, COUNTER)
            assert counter is not None
            count = int(counter.title.split()[-1]) + 1
            events.put(session, _spec(session, COUNTER, f"count {count}"))


def _read(base: str, stop: threading.Event) -> list[int]:
    failures = []
    with httpx.Client(base_url=base, timeout=60) as http:
        while not stop.is_set():
            url: str | None = "/events?limit=20"
            while url:
                response = http.get(url)
                if response.status_code >= 500:
                    failures.append(response.status_code)
                    break
                url = response.json()["next"]
    return failures


def test_eight_writers_and_eight_readers(fresh_seeded_url: str) -> None:
    url = fresh_seeded_url
    engine = get_engine(url)
    with write_session(engine) as session:
        events.put(session, _spec(session, COUNTER, "count 0"))
    stop = threading.Event()
    with (
        LiveServer(settings_for(url)) as live,
        ThreadPoolExecutor(WRITERS + READERS) as pool,
    ):
        readers = [pool.submit(_read, live.url, stop) for _ in range(READERS)]
        writers = [pool.submit(_write, url, w) for w in range(WRITERS)]
        try:
            for writer in writers:
                writer.result()  # a 'database is locked' or any other error fails here
        finally:
            stop.set()  # else the readers never end and the pool waits for them forever
        assert [f for reader in readers for f in reader.result()] == []
    with Session(engine) as session:
        counter = session.get(Event, COUNTER)
        assert counter is not None and counter.title == f"count {WRITERS * WRITES_EACH}"
        for w in range(WRITERS):
            for n in range(WRITES_EACH):
                assert session.get(Event, f"writer-{w}-{n}") is not None


AUTH = {"Authorization": f"Bearer {TEST_TOKEN}"}
SHARED = "singapore-summit-2018"
HTTP_ROUNDS = 3


def _http_write(base: str, writer: int, passage: dict[str, Any]) -> dict[str, list[str]]:
    """What this writer's requests stored, by kind; any other answer fails the test."""
    stored: dict[str, list[str]] = {"events": [], "summaries": [], "articles": []}
    with httpx.Client(base_url=base, timeout=120, headers=AUTH) as http:
        for n in range(HTTP_ROUNDS):
            body = {
                "id": f"http-writer-{writer}-{n}",
                "title": f"HTTP writer {writer} #{n}",
                "kind": "statement",
                "date": "12. Juni 2018",
                "sources": [{"passage_id": passage["id"], "quote": passage["text"][:30]}],
            }
            created = http.post("/events", json=body)
            assert created.status_code == 201, created.text
            stored["events"].append(created.json()["id"])

            summary = f"plain patch by writer {writer} #{n}"
            plain = http.patch(f"/events/{SHARED}", json={"summary": summary})
            assert plain.status_code == 200, plain.text
            stored["summaries"].append(summary)

            summary = f"conditional patch by writer {writer} #{n}"
            for _ in range(50):  # another writer may get in between the read and the write
                etag = http.get(f"/events/{SHARED}").headers["etag"]
                conditional = http.patch(
                    f"/events/{SHARED}", json={"summary": summary}, headers={"If-Match": etag}
                )
                assert conditional.status_code in (200, 412), conditional.text
                if conditional.status_code == 200:
                    stored["summaries"].append(summary)
                    break
        text = f"Am 12. Juni 2018 trafen sich Trump und Kim in Singapur. Bericht {writer}."
        ingested = http.post("/articles", json={"text": text, "language": "de"})
        assert ingested.status_code == 201, ingested.text
        stored["articles"].append(ingested.json()["article"]["id"])
    return stored


def test_eight_http_writers_and_eight_readers(fresh_seeded_url: str) -> None:
    """No 5xx (no 'database is locked'), and every write that was answered 2xx is there."""
    with (
        LiveServer(settings_for(fresh_seeded_url)) as live,
        ThreadPoolExecutor(WRITERS + READERS) as pool,
        httpx.Client(base_url=live.url, timeout=60) as http,
    ):
        passage_id = http.get(f"/events/{SHARED}").json()["sources"][0]["passage_id"]
        passage = http.get(f"/passages/{passage_id}").json()
        stop = threading.Event()
        readers = [pool.submit(_read, live.url, stop) for _ in range(READERS)]
        writers = [pool.submit(_http_write, live.url, w, passage) for w in range(WRITERS)]
        try:
            stored = [writer.result() for writer in writers]
        finally:
            stop.set()
        assert [f for reader in readers for f in reader.result()] == []

        for event_id in [e for s in stored for e in s["events"]]:
            assert http.get(f"/events/{event_id}").status_code == 200, event_id
        for article_id in [a for s in stored for a in s["articles"]]:
            passages = http.get(f"/articles/{article_id}/passages").json()["items"]
            assert passages, article_id
        entries = http.get(f"/events/{SHARED}/history", params={"limit": 500}).json()["items"]
        updates = [e for e in entries if e["action"] == "update"]
        landed = sorted(e["after"]["summary"] for e in updates)
        assert landed == sorted(summary for s in stored for summary in s["summaries"])
        for earlier, later in zip(updates, updates[1:], strict=False):
            # each write saw the one before it (an article ingested between them may
            # have added a link)
            assert as_listed(later["before"]) == as_listed(earlier["after"])
    assert len(landed) == WRITERS * HTTP_ROUNDS * 2
    assert inconsistencies(fresh_seeded_url) == []

"""Eight writers and eight HTTP readers at once on one database: no lost write, no error.

Each writer runs its own short transactions through the service layer (write_session +
services.events.put): it creates its own events and increments a shared counter event
(read, then write: lost if two writers interleave). Readers page through GET /events on a
live server over the same database the whole time.

After merge: the curation routes (POST/PATCH /events) should get the same test over HTTP.
"""

import threading
from concurrent.futures import ThreadPoolExecutor

import httpx
from sqlmodel import Session

from app.dates import DateInterval
from app.db import get_engine, write_session
from app.models import Event, Source
from app.services import events
from tests.conftest import LiveServer, settings_for

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
        for writer in writers:
            writer.result()  # a 'database is locked' or any other error fails here
        stop.set()
        assert [f for reader in readers for f in reader.result()] == []
    with Session(engine) as session:
        counter = session.get(Event, COUNTER)
        assert counter is not None and counter.title == f"count {WRITERS * WRITES_EACH}"
        for w in range(WRITERS):
            for n in range(WRITES_EACH):
                assert session.get(Event, f"writer-{w}-{n}") is not None

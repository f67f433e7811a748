"""A writer killed with SIGKILL in the middle of its transaction leaves a consistent database.

`timeline seed` loads the whole corpus in one write transaction; `timeline ingest FILE`
stores a large article (every seed text, twice) with its passages, mentions and proposed
events in another. Each is killed at random moments after its transaction has begun (seen
from outside: SQLite's write lock is taken, or PostgreSQL shows its open transaction),
several times; each time the database must hold all of that transaction or none of it,
pass the engine's integrity checks, hold no article without passages (or the reverse) and
no event without sources, and every source's quote must be its article's text at its
offsets. A last run then completes.

A `timeline serve` process is killed the same way while four clients create events and
ingest articles through it: the database is consistent afterwards, and every write it
answered 201 is stored.
"""

import itertools
import os
import random
import signal
import sqlite3
import subprocess
import sys
import time
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any

import httpx
import pytest
from sqlalchemy import create_engine, text
from sqlalchemy.engine import make_url

from app import schema
from app.config import PROJECT_ROOT
from tests.api.test_processes import ServeProcess
from tests.conftest import SEEDS_DIR, TEST_TOKEN
from tests.reliability.state import inconsistencies, snapshot

KILLS = 3
ARTICLE = "{article}"  # replaced by the large article's path
COMMANDS = [["seed"], ["ingest", ARTICLE, "--published", "2025-11-05"]]


def _writing(url: str) -> Callable[[], bool]:
    """Whether another process is inside a write transaction on this database now.

    On PostgreSQL a transaction has a `backend_xid` once it writes or locks a row (the write
    lock on data_state): the reads a command makes first (is the schema at its newest
    migration?) have none, so a kill is never counted as landing inside them."""
    parsed = make_url(url)
    if parsed.get_backend_name() == "sqlite":

        def sqlite_writing() -> bool:
            probe = sqlite3.connect(parsed.database or "", timeout=0, isolation_level=None)
            try:
                probe.execute("BEGIN IMMEDIATE")
                probe.execute("ROLLBACK")
                return False
            except sqlite3.OperationalError:
                return True
            finally:
                probe.close()

        return sqlite_writing
    engine = create_engine(url)

    def postgres_writing() -> bool:
        with engine.connect() as conn:
            return bool(
                conn.execute(
                    text(
                        "SELECT count(*) FROM pg_stat_activity WHERE datname = current_database() "
                        "AND pid <> pg_backend_pid() AND backend_xid IS NOT NULL"
                    )
                ).scalar_one()
            )

    return postgres_writing


def _start(url: str, command: list[str]) -> subprocess.Popen[bytes]:
    return subprocess.Popen(
        [sys.executable, "-c", "from app.cli import app; app()", *command],
        cwd=PROJECT_ROOT,
        env={**os.environ, "DATABASE_URL": url},
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )


def _large_article(directory: Path) -> Path:
    texts = [path.read_text(encoding="utf-8") for path in sorted(SEEDS_DIR.glob("articles/*.txt"))]
    article = directory / "large-article.txt"
    article.write_text("\n\n".join(texts * 2), encoding="utf-8")
    return article


def test_a_writer_killed_mid_transaction_leaves_all_or_nothing(
    empty_url: str, seeded_url: str, tmp_path: Path
) -> None:
    url = empty_url
    schema.upgrade(url)
    writing = _writing(url)
    article = str(_large_article(tmp_path))
    random.seed(1)
    for command in [[article if arg == ARTICLE else arg for arg in c] for c in COMMANDS]:
        before = snapshot(url)
        seen = []
        killed_while_writing = 0
        for _ in range(KILLS):
            process = _start(url, command)
            deadline = time.monotonic() + 60
            while not writing() and process.poll() is None and time.monotonic() < deadline:
                time.sleep(0.005)
            time.sleep(random.uniform(0, 0.3))
            if process.poll() is None:
                killed_while_writing += writing()
                os.kill(process.pid, signal.SIGKILL)
            process.wait(30)
            assert inconsistencies(url) == [], command
            seen.append(snapshot(url))
            if seen[-1] != before:
                break  # it finished before the kill: nothing left to interrupt
        finished = _start(url, command)
        assert finished.wait(120) == 0, finished.stderr.read() if finished.stderr else ""
        assert inconsistencies(url) == [], command
        done = snapshot(url)
        assert done != before, command
        assert all(state in (before, done) for state in seen), (command, seen)  # all or nothing
        assert killed_while_writing >= 1, f"no kill landed inside {command}'s transaction"
        if command == ["seed"]:
            assert done == snapshot(seeded_url)


def _write_until_refused(base: str, writer: int, passage: dict[str, Any]) -> dict[str, list[str]]:
    """Creates events and ingests articles until the server is gone; what was answered 201."""
    answered: dict[str, list[str]] = {"event": [], "article": []}
    auth = {"Authorization": f"Bearer {TEST_TOKEN}"}
    with httpx.Client(base_url=base, timeout=60, headers=auth) as http:
        for n in itertools.count():
            event = {
                "id": f"crash-writer-{writer}-{n}",
                "title": f"Crash writer {writer} #{n}",
                "kind": "statement",
                "date": "2018",
                "sources": [{"passage_id": passage["id"], "quote": passage["text"][:30]}],
            }
            text = f"Am 12. Juni 2018 trafen sich Trump und Kim in Singapur ({writer}, {n})."
            try:
                created = http.post("/events", json=event)
                if created.status_code == 201:
                    answered["event"].append(created.json()["id"])
                ingested = http.post("/articles", json={"text": text, "language": "de"})
                if ingested.status_code == 201:
                    answered["article"].append(ingested.json()["article"]["id"])
            except httpx.TransportError:
                return answered
    raise AssertionError("unreachable")


def test_a_server_killed_under_write_load_keeps_every_answered_write(
    fresh_seeded_url: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    url = fresh_seeded_url
    monkeypatch.setenv("TIMELINE_API_TOKENS", f"tests:{TEST_TOKEN}")
    server = ServeProcess(url)
    writing = _writing(url)
    try:
        server.wait_until_serving()
        event = httpx.get(f"{server.url}/events/singapore-summit-2018").json()
        passage = httpx.get(f"{server.url}/passages/{event['sources'][0]['passage_id']}").json()
        with ThreadPoolExecutor(4) as pool:
            writers = [pool.submit(_write_until_refused, server.url, w, passage) for w in range(4)]
            deadline = time.monotonic() + 60
            while snapshot(url)["article"] < 8 and time.monotonic() < deadline:
                time.sleep(0.05)  # some writes are answered before the kill
            while not (mid_write := writing()) and time.monotonic() < deadline:
                time.sleep(0.002)
            os.kill(server.process.pid, signal.SIGKILL)
            answered = [writer.result() for writer in writers]
    finally:
        server.process.kill()
        server.wait()
    assert mid_write, "the kill did not land inside a write transaction"
    assert inconsistencies(url) == []
    engine = create_engine(url)
    try:
        with engine.connect() as conn:
            for table in ("event", "article"):
                ids = [i for a in answered for i in a[table]]
                assert ids, f"no {table} was answered 201 before the kill"
                stored = set(conn.execute(text(f"SELECT id FROM {table}")).scalars())
                assert set(ids) <= stored, f"answered 201 but lost: {set(ids) - stored}"
    finally:
        engine.dispose()

"""Several `timeline serve` processes against one database, as deployed behind a balancer.

Real processes on real ports: three servers started together on one empty database (the
schema lock lets one upgrade and seed while the others wait), all answering the same, and
a write through the database seen by every one of them at once.
"""

import datetime
import os
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import httpx

from app.config import PROJECT_ROOT
from app.dates import DateInterval
from app.db import get_engine, session_scope
from app.services import events, versions
from tests.conftest import TLS, free_port

START_SECONDS = 90


class ServeProcess:
    """`timeline serve` in a subprocess of its own on a free port."""

    def __init__(self, url: str, *options: str) -> None:
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        command = "from app.cli import app; app()"
        self.process = subprocess.Popen(
            [sys.executable, "-c", command, "serve", "--port", str(self.port), *options],
            cwd=PROJECT_ROOT,
            env={**os.environ, "DATABASE_URL": url},
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
            text=True,
        )

    def wait_until_serving(self) -> None:
        deadline = time.monotonic() + START_SECONDS
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                _, errors = self.process.communicate()
                raise RuntimeError(f"timeline serve exited {self.process.returncode}:\n{errors}")
            try:
                if httpx.get(f"{self.url}/health", timeout=2, verify=TLS).status_code == 200:
                    return
            except httpx.TransportError:
                pass
            time.sleep(0.2)
        raise RuntimeError(f"timeline serve did not answer on {self.url}")

    def interrupt(self) -> None:
        if self.process.poll() is None:
            self.process.send_signal(signal.SIGINT)

    def wait(self) -> None:
        try:
            self.process.wait(20)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()
        if self.process.stderr:
            self.process.stderr.close()


@contextmanager
def serving(url: str, count: int, *options: str) -> Iterator[list[ServeProcess]]:
    """`count` servers started at the same moment, all stopped at the end."""
    servers: list[ServeProcess] = []
    try:
        servers += [ServeProcess(url, *options) for _ in range(count)]
        for server in servers:
            server.wait_until_serving()
        yield servers
    finally:
        for server in servers:
            server.interrupt()
        for server in servers:
            server.wait()


def event_ids(server: ServeProcess) -> list[str]:
    response = httpx.get(f"{server.url}/events", params={"limit": 500}, timeout=30)
    assert response.status_code == 200, response.text
    return [item["id"] for item in response.json()["items"]]


def health_events(server: ServeProcess) -> int:
    return int(httpx.get(f"{server.url}/health", timeout=30).json()["events"])


def etag(server: ServeProcess) -> str | None:
    """The ETag of /events as a load balancer would ask for it: one public Host for all."""
    answer = httpx.get(f"{server.url}/events", headers={"host": "timeline.internal"}, timeout=30)
    tag: str | None = answer.headers.get("etag")
    return tag


NEW_EVENT = events.EventSpec(
    id="written-through-one-server",
    title="An event written while three servers run",
    kind="statement",
    date=DateInterval(datetime.date(2025, 12, 1), datetime.date(2025, 12, 1), "day"),
    actors=[events.ActorRole(actor_id="kim-jong-un")],
)


def test_three_servers_started_together_serve_one_database_and_see_each_write(
    empty_url: str,
) -> None:
    with serving(empty_url, 3) as servers:
        first = event_ids(servers[0])
        assert len(first) == 77
        assert all(event_ids(server) == first for server in servers[1:])
        assert {health_events(server) for server in servers} == {77}
        etags_before = [etag(server) for server in servers]

        with session_scope(get_engine(empty_url)) as session:
            assert events.put(session, NEW_EVENT)
            version = versions.current(session)

        for server in servers:
            assert NEW_EVENT.id in event_ids(server)
            assert health_events(server) == 78
        with session_scope(get_engine(empty_url)) as session:
            assert versions.current(session) == version
        assert all(tag is not None for tag in etags_before)
        assert len(set(etags_before)) == 1
        etags_after = [etag(server) for server in servers]
        assert all(after != before for before, after in zip(etags_before, etags_after, strict=True))
        assert len(set(etags_after)) == 1


def worker_pids(parent: int) -> list[int]:
    """The uvicorn worker processes below `parent` (its spawned children)."""
    children = Path(f"/proc/{parent}/task/{parent}/children").read_text().split()
    workers = []
    for child in children:
        command_line = Path(f"/proc/{child}/cmdline").read_bytes().replace(b"\0", b" ")
        if b"spawn_main" in command_line:
            workers.append(int(child))
    return workers


def test_serve_with_workers_runs_that_many_processes(fresh_seeded_url: str) -> None:
    with serving(fresh_seeded_url, 1, "--workers", "2") as (server,):
        assert len(worker_pids(server.process.pid)) == 2
        answers = {tuple(event_ids(server)) for _ in range(10)}
        assert len(answers) == 1
        assert len(answers.pop()) == 77

"""The change feed and `timeline pull` against real servers: the seeded one, one this test
writes to, and a real flaky proxy in front of it."""

import os
import subprocess
import sys
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest
import uvicorn
from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route

from app import pull, views
from app.config import PROJECT_ROOT
from app.dates import DateInterval
from app.db import get_engine, session_scope
from app.services import events
from tests.api.test_exports import everything
from tests.api.test_read_api import assert_problem
from tests.conftest import LiveServer, free_port, settings_for


def export(url: str, fmt: str, *filters: str) -> bytes:
    """`timeline export` on the database at `url`, as a user runs it."""
    env = {**os.environ, "DATABASE_URL": url}
    command = [sys.executable, "-c", "from app.cli import app; app()", "export", "--format", fmt]
    done = subprocess.run(
        [*command, *filters], env=env, cwd=PROJECT_ROOT, capture_output=True, check=True
    )
    return done.stdout


def spec(event: dict[str, Any], **changes: Any) -> events.EventSpec:
    """The EventSpec that stores `event` (its public JSON) again, with `changes`."""

    def interval(date: dict[str, Any] | None) -> DateInterval | None:
        return DateInterval.from_dict(date) if date else None

    fields: dict[str, Any] = {
        "id": event["id"],
        "title": event["title"],
        "summary": event["summary"],
        "kind": event["kind"],
        "date": DateInterval.from_dict(event["date"]),
        "display": event["date"]["display"],
        "date_note": event["date_note"],
        "place_id": event["place"]["id"] if event["place"] else None,
        "actors": [events.ActorRole(actor_id=a["id"], role=a["role"]) for a in event["actors"]],
        "tags": event["tags"],
        "sources": [
            events.SourceSpec(
                passage_id=s["passage_id"],
                quote=s["quote"],
                start=s["start"],
                end=s["end"],
                stated_date=interval(s["stated_date"]),
            )
            for s in event["sources"]
        ],
    }
    return events.EventSpec(**{**fields, **changes})


def write_changes(url: str) -> dict[str, str]:
    """A create, an update and a delete through the services: {event id: what happened}."""
    with session_scope(get_engine(url)) as session:
        summit, hanoi = views.events(
            session.connection(), ["singapore-summit-2018", "hanoi-summit-2019"]
        )
        assert events.put(session, spec(summit, id="pull-test-summit", title="A new summit"))
        assert events.put(session, spec(summit, title="Trump and Kim meet, edited"))
        assert events.delete(session, hanoi["id"])
    return {
        "pull-test-summit": "created",
        "singapore-summit-2018": "updated",
        "hanoi-summit-2019": "deleted",
    }


def test_changes_since_a_position_are_exactly_the_writes(fresh_seeded_url: str) -> None:
    with (
        LiveServer(settings_for(fresh_seeded_url)) as live,
        httpx.Client(base_url=live.url, timeout=30) as http,
    ):
        start = http.get("/changes").json()
        assert start["items"] == [] and start["next"] is None
        written = write_changes(fresh_seeded_url)
        answer = http.get("/changes", params={"since": start["since"]}).json()
        items = {item["id"]: item for item in answer["items"]}
        assert set(items) == set(written)
        assert [i["change_seq"] for i in answer["items"]] == sorted(
            i["change_seq"] for i in answer["items"]
        )
        assert items["hanoi-summit-2019"]["deleted"] is True
        assert items["hanoi-summit-2019"]["deleted_at"]
        assert items["singapore-summit-2018"]["title"] == "Trump and Kim meet, edited"
        assert items["pull-test-summit"]["deleted"] is False
        assert answer["since"] >= max(i["change_seq"] for i in answer["items"])
        again = http.get("/changes", params={"since": answer["since"]}).json()
        assert again["items"] == [] and again["since"] == answer["since"]
        paged = everything(http, "/changes", since=str(start["since"]), limit=1)
        assert paged == answer["items"]
        kim_only = http.get("/changes", params={"since": start["since"], "actor": "moon"}).json()
        assert all(item["deleted"] for item in kim_only["items"])


def test_changes_refuses_a_bad_position(client: httpx.Client) -> None:
    assert_problem(client.get("/changes", params={"since": "yesterday-ish"}), 422, "since")
    cursor = client.get("/events", params={"limit": 1}).json()["next"].split("cursor=")[1]
    assert_problem(client.get("/changes", params={"since": 0, "cursor": cursor}), 400, "cursor")


def test_updated_since_on_events_finds_the_writes(fresh_seeded_url: str) -> None:
    with (
        LiveServer(settings_for(fresh_seeded_url)) as live,
        httpx.Client(base_url=live.url, timeout=30) as http,
    ):
        newest = max(e["updated_at"] for e in everything(http, "/events"))
        write_changes(fresh_seeded_url)
        changed = everything(http, "/events", updated_since=newest)
        assert {e["id"] for e in changed} >= {"pull-test-summit", "singapore-summit-2018"}
        assert "hanoi-summit-2019" not in {e["id"] for e in changed}


@pytest.mark.parametrize("fmt", ["json", "ndjson", "csv"])
def test_a_pull_writes_what_export_writes(
    server: LiveServer, seeded_url: str, tmp_path: Path, fmt: str
) -> None:
    output = tmp_path / f"events.{fmt}"
    pull.pull(server.url, {"actor": ["kim"]}, fmt, output, page_size=7)
    assert output.read_bytes() == export(seeded_url, fmt, "--actor", "kim")
    assert not list(tmp_path.glob("*.part*"))


@pytest.mark.parametrize("fmt", ["csv", "ndjson"])
def test_a_pull_in_german_writes_what_a_german_export_writes(
    server: LiveServer, seeded_url: str, tmp_path: Path, fmt: str
) -> None:
    output = tmp_path / f"events.{fmt}"
    command = [sys.executable, "-c", "from app.cli import app; app()", "pull"]
    options = ["--server", server.url, "--output", str(output), "--format", fmt, "--actor", "kim"]
    subprocess.run([*command, *options, "--lang", "de"], capture_output=True, check=True)
    german = output.read_bytes()
    assert german == export(seeded_url, fmt, "--actor", "kim", "--lang", "de")
    assert "Trump und Kim treffen sich in Singapur" in german.decode()
    subprocess.run([*command, *options], capture_output=True, check=True)
    assert output.read_bytes() == export(seeded_url, fmt, "--actor", "kim") != german


def test_a_second_pull_fetches_only_what_changed(fresh_seeded_url: str, tmp_path: Path) -> None:
    output, state = tmp_path / "events.csv", tmp_path / "state.json"
    with LiveServer(settings_for(fresh_seeded_url)) as live:
        first = pull.pull(live.url, {}, "csv", output, state, page_size=20)
        assert first.mode == "events" and first.done == first.total
        assert output.read_bytes() == export(fresh_seeded_url, "csv")
        unchanged = pull.pull(live.url, {}, "csv", output, state)
        assert (unchanged.mode, unchanged.done) == ("changes", 0)
        written = write_changes(fresh_seeded_url)
        second = pull.pull(live.url, {}, "csv", output, state, page_size=2)
    assert (second.mode, second.done) == ("changes", len(written))
    assert output.read_bytes() == export(fresh_seeded_url, "csv")


class FlakyProxy:
    """A real HTTP server in front of `upstream` that answers 503 to chosen requests."""

    def __init__(self, upstream: str) -> None:
        self.upstream = upstream
        self.fail_first = 0
        self.fail_after: int | None = None
        self.seen: list[str] = []
        port = free_port()
        app = Starlette(routes=[Route("/{path:path}", self.forward)])
        self.server = uvicorn.Server(uvicorn.Config(app, port=port, log_level="warning"))
        self.url = f"http://127.0.0.1:{port}"
        self.thread = threading.Thread(target=self.server.run, daemon=True)

    async def forward(self, request: Request) -> Response:
        self.seen.append(str(request.url.path) + "?" + str(request.url.query))
        count = len(self.seen)
        if count <= self.fail_first or (self.fail_after is not None and count > self.fail_after):
            return Response("busy", status_code=503)
        async with httpx.AsyncClient(timeout=60) as http:
            answer = await http.get(self.upstream + request.url.path, params=request.query_params)
        body = answer.content.replace(self.upstream.encode(), self.url.encode())
        return Response(body, answer.status_code, media_type=answer.headers["content-type"])

    def __enter__(self) -> "FlakyProxy":
        self.thread.start()
        while not self.server.started:
            threading.Event().wait(0.02)
        return self

    def __exit__(self, *_: object) -> None:
        self.server.should_exit = True
        self.thread.join(10)


@pytest.fixture
def proxy(server: LiveServer) -> Iterator[FlakyProxy]:
    with FlakyProxy(server.url) as flaky:
        yield flaky


def test_a_pull_retries_503_and_gets_everything(
    proxy: FlakyProxy, seeded_url: str, tmp_path: Path
) -> None:
    proxy.fail_first = 2
    output = tmp_path / "events.ndjson"
    pull.pull(proxy.url, {}, "ndjson", output, backoff=0.01, page_size=25)
    assert output.read_bytes() == export(seeded_url, "ndjson")
    assert proxy.seen[0] == proxy.seen[1] == proxy.seen[2]


def test_a_pull_that_gives_up_is_resumed_where_it_stopped(
    proxy: FlakyProxy, seeded_url: str, tmp_path: Path
) -> None:
    output = tmp_path / "events.json"
    proxy.fail_after = 3  # the count, then two pages
    with pytest.raises(pull.PullError, match="503"):
        pull.pull(proxy.url, {}, "json", output, backoff=0.01, retries=2, page_size=10)
    assert not output.exists()
    assert (tmp_path / "events.json.part").read_bytes().count(b"\n") == 20
    stopped_at = len(proxy.seen)
    proxy.fail_after = None
    pull.pull(proxy.url, {}, "json", output, backoff=0.01, page_size=10)
    assert output.read_bytes() == export(seeded_url, "json")
    resumed = proxy.seen[stopped_at:]
    assert "cursor=" in resumed[0]
    assert resumed[0] == proxy.seen[3]


def test_a_server_that_stays_down_is_a_clear_error(tmp_path: Path) -> None:
    down = f"http://127.0.0.1:{free_port()}"
    with pytest.raises(pull.PullError, match="did not answer after 3 tries"):
        pull.pull(down, {}, "json", tmp_path / "out.json", backoff=0.01, retries=2)


def test_a_refused_filter_is_a_clear_error(server: LiveServer, tmp_path: Path) -> None:
    with pytest.raises(pull.PullError, match="actor"):
        pull.pull(server.url, {"actor": ["kimm"]}, "json", tmp_path / "out.json")


def test_a_pull_counts_its_total_first_and_reports_every_page(
    proxy: FlakyProxy, seeded_url: str, tmp_path: Path
) -> None:
    reports: list[tuple[int, int | None]] = []
    journal = pull.pull(
        proxy.url,
        {},
        "ndjson",
        tmp_path / "events.ndjson",
        progress=lambda done, total: reports.append((done, total)),
        page_size=10,
    )
    total = export(seeded_url, "ndjson").count(b"\n")
    assert journal.done == total
    assert "count=true" in proxy.seen[0] and "limit=1" in proxy.seen[0]
    assert not any("count=true" in asked for asked in proxy.seen[1:])
    assert reports == [(min(done, total), total) for done in range(0, total + 10, 10)]

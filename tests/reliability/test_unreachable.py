"""A database that cannot be reached: one line and exit 2 from every command, 503
problem+json from the server (nothing listens on a port just freed)."""

import subprocess
import sys

import httpx
import pytest

from tests.conftest import LiveServer, free_port, settings_for


@pytest.fixture
def unreachable_url() -> str:
    return f"postgresql+psycopg://postgres@127.0.0.1:{free_port()}/timeline"


@pytest.mark.parametrize(
    "command",
    [["export"], ["seed"], ["serve", "--port", "0"], ["db", "current"], ["db", "upgrade"]],
)
def test_a_command_says_so_in_one_line_and_exits_2(
    unreachable_url: str, command: list[str]
) -> None:
    run = subprocess.run(
        [sys.executable, "-c", "from app.cli import app; app()", *command],
        env={"DATABASE_URL": unreachable_url, "PATH": "/usr/bin:/bin"},
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert run.returncode == 2, run.stderr
    assert run.stdout == ""
    assert run.stderr.count("\n") == 1, run.stderr
    assert run.stderr.startswith("error: ")
    assert "Connection refused" in run.stderr


def test_db_copy_to_an_unreachable_database_too(seeded_url: str, unreachable_url: str) -> None:
    run = subprocess.run(
        [sys.executable, "-c", "from app.cli import app; app()", "db", "copy"]
        + ["--from", seeded_url, "--to", unreachable_url],
        env={"PATH": "/usr/bin:/bin"},
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert (run.returncode, run.stderr.count("\n")) == (2, 1), run.stderr


def test_the_server_answers_503_problems(unreachable_url: str) -> None:
    with (
        LiveServer(settings_for(unreachable_url)) as live,
        httpx.Client(base_url=live.url, timeout=30) as http,
    ):
        for path in ("/events", "/events?actor=kim", "/facets?facet=year", "/events/x"):
            answer = http.get(path)
            assert answer.status_code == 503, (path, answer.text)
            assert answer.headers["content-type"] == "application/problem+json"
            assert "retry-after" in answer.headers
        assert http.get("/health").status_code == 503

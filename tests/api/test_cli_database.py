"""Commands that read refuse a missing or empty database in one line naming DATABASE_URL
(exit 2) and create nothing, run from a folder outside the project; `timeline serve` says
what database it serves, its migration and what it seeded. Both engines."""

import os
import subprocess
import sys
from pathlib import Path

import pytest
import yaml
from sqlalchemy import create_engine, inspect
from sqlalchemy.engine import make_url

from app import schema
from tests.api.test_processes import ServeProcess
from tests.conftest import SEEDS_DIR

READERS = {
    "export": ["export", "--format", "csv", "--actor", "kim", "--output", "x.csv"],
    "db current": ["db", "current"],
    "db backup": ["db", "backup", "copy.db"],
    "db downgrade": ["db", "downgrade", "base"],
    "ingest": ["ingest", str(SEEDS_DIR / "articles" / "000_4a8418419411a3f7.txt")],
}


def timeline(cwd: Path, url: str | None, *arguments: str) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if k != "DATABASE_URL"}
    if url is not None:
        env["DATABASE_URL"] = url
    return subprocess.run(
        [sys.executable, "-c", "from app.cli import app; app()", *arguments],
        cwd=cwd,
        env=env,
        capture_output=True,
        text=True,
        check=False,
        timeout=120,
    )


def assert_refused(answer: subprocess.CompletedProcess[str], url: str) -> None:
    assert answer.returncode == 2, answer.stderr
    assert answer.stdout == ""
    lines = answer.stderr.splitlines()
    assert len(lines) == 1, answer.stderr
    assert "DATABASE_URL=" in lines[0] and "Traceback" not in answer.stderr
    assert make_url(url).render_as_string(hide_password=True) in lines[0]


@pytest.mark.parametrize("command", READERS)
def test_a_command_that_reads_refuses_a_missing_database_and_creates_nothing(
    tmp_path: Path, command: str
) -> None:
    answer = timeline(tmp_path, None, *READERS[command])
    assert_refused(answer, "sqlite:///./data/timeline.db")
    assert "no database" in answer.stderr
    assert list(tmp_path.iterdir()) == []


@pytest.mark.parametrize("command", READERS)
def test_a_command_that_reads_refuses_an_empty_database_and_changes_nothing(
    tmp_path: Path, empty_url: str, command: str
) -> None:
    database = make_url(empty_url).database or ""
    sqlite = make_url(empty_url).get_backend_name() == "sqlite"
    if sqlite:
        Path(database).touch()  # an empty file, as earlier versions left behind
    answer = timeline(tmp_path, empty_url, *READERS[command])
    assert_refused(answer, empty_url)
    assert "has no tables" in answer.stderr
    assert list(tmp_path.iterdir()) == []
    engine = create_engine(empty_url)
    try:
        with engine.connect() as conn:
            assert inspect(conn).get_table_names() == []
    finally:
        engine.dispose()
    if sqlite:
        assert Path(database).stat().st_size == 0


def test_a_copy_from_a_missing_database_is_refused(tmp_path: Path) -> None:
    missing = f"sqlite:///{tmp_path / 'missing.db'}"
    answer = timeline(tmp_path, None, "db", "copy", "--from", missing, "--to", "sqlite:///t.db")
    assert_refused(answer, missing)
    assert list(tmp_path.iterdir()) == []


def test_a_password_never_shows(tmp_path: Path) -> None:
    url = "postgresql+psycopg://postgres:s3cret@127.0.0.1:1/nowhere"
    answer = timeline(tmp_path, url, "db", "current")
    assert_refused(answer, url)
    assert "s3cret" not in answer.stderr


def serve_log(url: str) -> list[str]:
    """What `timeline serve` wrote before it served, once it answered."""
    server = ServeProcess(url)
    server.wait_until_serving()
    server.interrupt()
    _, errors = server.process.communicate(timeout=30)
    return [line for line in errors.splitlines() if line.startswith("timeline: ")]


def test_serve_logs_its_database_migration_and_seeding_before_it_serves(empty_url: str) -> None:
    shown = make_url(empty_url).render_as_string(hide_password=True)
    head = ", ".join(sorted(schema.head_revisions()))
    first = serve_log(empty_url)
    assert first[0] == f"timeline: database {shown}"
    assert first[1] == f"timeline: migration {head} (upgraded from no tables)"
    seed_events = yaml.safe_load((SEEDS_DIR / "events.yaml").read_text(encoding="utf-8"))
    assert first[2].startswith(f"timeline: seeded {len(seed_events)} events, ")
    assert f"from {SEEDS_DIR}" in first[2] and "actors" in first[2]
    again = serve_log(empty_url)
    assert again == [
        f"timeline: database {shown}",
        f"timeline: migration {head} (the newest)",
        "timeline: already seeded: it has events",
    ]

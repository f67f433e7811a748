"""`timeline db backup` while a writer writes gives a consistent copy; `db restore` brings
it back into an empty database, on both engines, through the real command line."""

import os
import subprocess
import sys
import threading
from pathlib import Path

import pytest
from sqlmodel import Session, col, select

from app.config import PROJECT_ROOT
from app.db import get_engine, write_session
from app.models import Event
from app.services import events, versions
from tests.reliability.state import inconsistencies, snapshot
from tests.reliability.test_concurrency import _spec


def _timeline(url: str, *arguments: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-c", "from app.cli import app; app()", *arguments],
        cwd=PROJECT_ROOT,
        env={**os.environ, "DATABASE_URL": url},
        capture_output=True,
        text=True,
        check=False,
        timeout=120,
    )


def _keep_writing(url: str, stop: threading.Event, written: list[int]) -> None:
    engine = get_engine(url)
    while not stop.is_set():
        with write_session(engine) as session:
            events.put(session, _spec(session, f"during-backup-{len(written)}", "written"))
        written.append(len(written))


@pytest.mark.usefixtures("backup_tools")
def test_a_backup_taken_during_writes_restores_consistently(
    fresh_seeded_url: str, empty_url: str, tmp_path: Path
) -> None:
    with Session(get_engine(fresh_seeded_url)) as session:
        base_version = versions.current(session)
    stop, written = threading.Event(), list[int]()
    writer = threading.Thread(target=_keep_writing, args=(fresh_seeded_url, stop, written))
    writer.start()
    try:
        while len(written) < 5:
            threading.Event().wait(0.01)
        backup = tmp_path / "timeline.backup"
        made = _timeline(fresh_seeded_url, "db", "backup", str(backup))
        assert made.returncode == 0, made.stderr
    finally:
        stop.set()
        writer.join(30)
    assert len(written) > 5

    restored = _timeline(empty_url, "db", "restore", str(backup))
    assert restored.returncode == 0, restored.stderr
    assert inconsistencies(empty_url) == []
    with Session(get_engine(empty_url)) as session:
        copied = session.exec(
            select(Event.id).where(col(Event.id).startswith("during-backup-"))
        ).all()
        version = versions.current(session)
    # One snapshot: the writes it holds are the first k, and the version counts exactly them.
    assert sorted(copied) == sorted(f"during-backup-{n}" for n in range(len(copied)))
    assert version - base_version == len(copied)
    original = snapshot(fresh_seeded_url)
    assert snapshot(empty_url)["article"] == original["article"]


@pytest.mark.usefixtures("backup_tools")
def test_restoring_something_that_is_not_a_backup_fails_and_changes_nothing(
    fresh_seeded_url: str, tmp_path: Path
) -> None:
    before = snapshot(fresh_seeded_url)
    junk = tmp_path / "junk.backup"
    junk.write_bytes(b"not a backup" * 100)
    result = _timeline(fresh_seeded_url, "db", "restore", str(junk))
    assert result.returncode == 1 and "restore failed" in result.stderr
    assert snapshot(fresh_seeded_url) == before

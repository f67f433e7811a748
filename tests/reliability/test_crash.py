"""A writer killed with SIGKILL in the middle of its transaction leaves a consistent database.

`timeline seed` loads the whole corpus in one write transaction. It is killed at random
moments after that transaction has begun (seen from outside: SQLite's write lock is taken,
or PostgreSQL shows its open transaction), several times; each time the database must
hold all of the corpus or none of it, pass the engine's integrity checks, and every
source's quote must be its article's text at its offsets. A last run then completes.

After merge: add `timeline ingest FILE` to COMMANDS (the lead), it must pass the same way.
"""

import os
import random
import signal
import sqlite3
import subprocess
import sys
import time
from collections.abc import Callable

from sqlalchemy import create_engine, text
from sqlalchemy.engine import make_url

from app import schema
from app.config import PROJECT_ROOT
from tests.reliability.state import inconsistencies, snapshot

KILLS = 3
COMMANDS = [["seed"]]


def _writing(url: str) -> Callable[[], bool]:
    """Whether another process is inside a write transaction on this database now."""
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
                        "AND pid <> pg_backend_pid() AND xact_start IS NOT NULL "
                        "AND query NOT ILIKE '%alembic%'"
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


def test_a_writer_killed_mid_transaction_leaves_all_or_nothing(
    empty_url: str, seeded_url: str
) -> None:
    url = empty_url
    schema.upgrade(url)
    writing = _writing(url)
    empty, whole = snapshot(url), snapshot(seeded_url)
    random.seed(1)
    killed_while_writing = 0
    for command in COMMANDS:
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
            assert inconsistencies(url) == []
            now = snapshot(url)
            assert now in (empty, whole), now  # nothing, or the whole transaction
            if now != empty:
                break  # it finished before the kill: nothing left to interrupt
        finished = _start(url, command)
        assert finished.wait(120) == 0, finished.stderr.read() if finished.stderr else ""
        assert inconsistencies(url) == []
    assert killed_while_writing >= 1, "no kill landed inside a write transaction"
    assert snapshot(url) == whole

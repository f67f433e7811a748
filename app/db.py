"""Engines per dialect and sessions.

SQLite gets WAL (readers never wait for the writer), enforced foreign keys and a busy
timeout so that concurrent writers queue instead of failing with 'database is locked'.
Writes go through write_session(), which takes the database's write lock first (SQLite:
BEGIN IMMEDIATE; PostgreSQL: the data_state row): a writer that reads before it writes
then reads what no other writer can change before it commits, so no write is lost, and
SQLite never has to upgrade a read transaction (which fails at once, busy timeout or not).
"""

from collections.abc import Iterator
from contextlib import contextmanager
from functools import lru_cache
from pathlib import Path
from typing import Any

from sqlalchemy import Engine, create_engine, event, text
from sqlalchemy.engine import make_url
from sqlmodel import Session

SQLITE_BUSY_TIMEOUT_MS = 30_000


def _sqlite_pragmas(dbapi_connection: Any, _record: Any) -> None:
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute(f"PRAGMA busy_timeout={SQLITE_BUSY_TIMEOUT_MS}")
    cursor.execute("PRAGMA synchronous=NORMAL")
    cursor.close()


def is_sqlite(engine: Engine) -> bool:
    return engine.dialect.name == "sqlite"


@lru_cache
def get_engine(url: str) -> Engine:
    parsed = make_url(url)
    if parsed.get_backend_name() == "sqlite":
        if parsed.database and parsed.database != ":memory:":
            Path(parsed.database).parent.mkdir(parents=True, exist_ok=True)
        engine = create_engine(url, connect_args={"check_same_thread": False})
        event.listen(engine, "connect", _sqlite_pragmas)
        return engine
    return create_engine(url, pool_pre_ping=True)


@contextmanager
def session_scope(engine: Engine) -> Iterator[Session]:
    """One transaction: committed when the block ends, rolled back on any error."""
    with Session(engine) as session:
        try:
            yield session
            session.commit()
        except BaseException:
            session.rollback()
            raise


@contextmanager
def write_session(engine: Engine) -> Iterator[Session]:
    """session_scope() holding the write lock from its start (see the module docstring)."""
    with session_scope(engine) as session:
        if is_sqlite(engine):
            session.execute(text("BEGIN IMMEDIATE"))
        else:
            session.execute(text("SELECT version FROM data_state WHERE id = 1 FOR UPDATE"))
        yield session

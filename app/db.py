"""Engines per dialect and sessions.

SQLite gets WAL (readers never wait for the writer), enforced foreign keys and a busy
timeout so that concurrent writers queue instead of failing with 'database is locked'.
Writes go through write_session(), which takes the database's write lock first (SQLite:
BEGIN IMMEDIATE; PostgreSQL: the data_state row): a writer that reads before it writes
then reads what no other writer can change before it commits, so no write is lost, and
SQLite never has to upgrade a read transaction (which fails at once, busy timeout or not).
"""

import fcntl
from collections.abc import Callable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

from sqlalchemy import Connection, Dialect, Engine, Executable, create_engine, event, text
from sqlalchemy.engine import make_url
from sqlalchemy.exc import DBAPIError, OperationalError
from sqlalchemy.sql import ClauseElement
from sqlalchemy.sql.compiler import SQLCompiler
from sqlmodel import Session

from app.config import Settings

SQLITE_BUSY_TIMEOUT_MS = 30_000
# Page cache per connection; sorts and temporary b-trees stay in memory. No mmap: mapped
# pages count towards a process's resident memory, which a full export would fill.
SQLITE_CACHE_KIB = 16_384


def _sqlite_pragmas(dbapi_connection: Any, _record: Any) -> None:
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute(f"PRAGMA busy_timeout={SQLITE_BUSY_TIMEOUT_MS}")
    cursor.execute("PRAGMA synchronous=NORMAL")
    cursor.execute(f"PRAGMA cache_size=-{SQLITE_CACHE_KIB}")
    cursor.execute("PRAGMA temp_store=MEMORY")
    cursor.close()


def unavailable(error: OperationalError) -> str:
    """One line saying why the database could not be used (the driver's first line: for a
    server that cannot be reached, its address and the reason)."""
    reason = str(error.orig).strip().splitlines()
    return f"database unavailable: {reason[0] if reason else type(error.orig).__name__}"


def is_sqlite(engine: Engine) -> bool:
    return engine.dialect.name == "sqlite"


@dataclass(frozen=True)
class Pool:
    """The connections of one process to PostgreSQL (see Settings.db_*): the pool's sizes,
    and whether statements are prepared on the server (off behind a proxy that pools
    connections by transaction, where the next transaction may run on another one)."""

    size: int = 5
    max_overflow: int = 10
    timeout: float = 30
    recycle: int = 1800
    prepare: bool = True


_engines: dict[tuple[str, Pool], Engine] = {}


def get_engine(url: str, pool: Pool = Pool()) -> Engine:
    """One engine (and so one connection pool) per database and pool size, per process."""
    key = (url, pool)
    if key not in _engines:
        _engines[key] = _create_engine(url, pool)
    return _engines[key]


def dispose_engines(url: str) -> None:
    """Closes every pooled connection to this database, e.g. before it is dropped."""
    for key in [key for key in _engines if key[0] == url]:
        _engines.pop(key).dispose()


def _create_engine(url: str, pool: Pool) -> Engine:
    parsed = make_url(url)
    if parsed.get_backend_name() == "sqlite":
        if parsed.database and parsed.database != ":memory:":
            Path(parsed.database).parent.mkdir(parents=True, exist_ok=True)
        engine = create_engine(url, connect_args={"check_same_thread": False})
        event.listen(engine, "connect", _sqlite_pragmas)
        return engine
    return create_engine(
        url,
        # Off, psycopg prepares nothing (by default it prepares a statement on its 5th run).
        connect_args={} if pool.prepare else {"prepare_threshold": None},
        pool_pre_ping=True,
        pool_size=pool.size,
        max_overflow=pool.max_overflow,
        pool_timeout=pool.timeout,
        pool_recycle=pool.recycle,
    )


def settings_engine(settings: Settings) -> Engine:
    """The engine of the configured database, with the configured pool."""
    pool = Pool(
        settings.db_pool_size,
        settings.db_max_overflow,
        settings.db_pool_timeout,
        settings.db_pool_recycle,
        settings.db_prepared_statements,
    )
    return get_engine(settings.database_url, pool)


# Any constant will do: it names the lock that serialises schema changes in one database.
_SCHEMA_LOCK_KEY = 0x71E11E


@contextmanager
def schema_lock(url: str) -> Iterator[None]:
    """Holds the database's schema lock: processes starting together upgrade one at a time.

    PostgreSQL: a session advisory lock (released with its connection, even on a crash).
    SQLite: an exclusive lock on a file beside the database.
    """
    engine = get_engine(url)
    if is_sqlite(engine):
        database = make_url(url).database
        if not database or database == ":memory:":
            yield
            return
        with open(f"{database}.lock", "a") as lock_file:
            fcntl.flock(lock_file, fcntl.LOCK_EX)
            try:
                yield
            finally:
                fcntl.flock(lock_file, fcntl.LOCK_UN)
        return
    with engine.connect() as conn:
        conn.execute(text("SELECT pg_advisory_lock(:key)"), {"key": _SCHEMA_LOCK_KEY})
        conn.commit()
        try:
            yield
        finally:
            conn.execute(text("SELECT pg_advisory_unlock(:key)"), {"key": _SCHEMA_LOCK_KEY})
            conn.commit()


def driver_rows(
    conn: Connection, statement: Executable, params: Mapping[str, Any], prepare: bool = True
) -> Sequence[Sequence[Any]]:
    """The rows of a statement that runs on every read (a page, a name), every parameter
    given: run by the driver as compiled once for the dialect, the values in their driver
    form, the columns as the driver gives them (as from text()).

    Session.execute compiles (through its cache), processes every value and types every
    result column on each call: at a page of events that cost a third as much as the SQL.
    While anything listens to SQLAlchemy's cursor events (statement counters, tracing),
    the statement goes through SQLAlchemy, so that they fire. `prepare=False`: never
    prepared on the server, so that each run is planned for its values (see _prepare).
    """
    sql, order, processors = driver_form(statement, conn.dialect)
    values = {
        name: processors[name](value) if name in processors else value
        for name, value in params.items()
    }
    driver_params = values if order is None else tuple(values[name] for name in order)
    events = conn.dispatch
    if events.before_cursor_execute or events.after_cursor_execute:
        return conn.exec_driver_sql(sql, driver_params).all()
    cursor = conn.connection.cursor()
    try:
        if conn.dialect.name == "postgresql":
            chosen = _prepare(conn) if prepare else False
            # binary: bytes (a document) as they are; other types as in text (psycopg)
            cursor.execute(sql, driver_params, prepare=chosen, binary=True)  # type: ignore[call-arg]
        else:
            cursor.execute(sql, driver_params)
        return cursor.fetchall()
    except conn.dialect.loaded_dbapi.Error as error:
        # As SQLAlchemy would: its error classes (OperationalError answers 503), and a
        # connection that has gone is not given back to the pool.
        gone = conn.dialect.is_disconnect(error, conn.connection.dbapi_connection, cursor)
        if gone:
            conn.invalidate(error)
        raise DBAPIError.instance(
            sql,
            driver_params,
            error,
            conn.dialect.loaded_dbapi.Error,
            connection_invalidated=gone,
            dialect=conn.dialect,
        ) from error
    finally:
        cursor.close()


def _prepare(conn: Connection) -> bool | None:
    """Whether psycopg prepares the statement on the server now (True), or as its threshold
    says (None: at its fifth run on the connection; never when the setting is off).

    Outside a transaction (the connections app.api.reads and exports hold, in autocommit)
    at its first run: the server then parses and plans it once per connection. In one, as
    the threshold says: the rollback that ends it (the pool's, at every return) makes
    psycopg deallocate every prepared statement of the connection.
    """
    driver = conn.connection.driver_connection
    if driver.autocommit and driver.prepare_threshold is not None:  # type: ignore[union-attr]
        return True
    return None


Processor = Callable[[Any], Any]


@lru_cache(maxsize=2048)
def driver_form(
    statement: Executable, dialect: Dialect
) -> tuple[str, tuple[str, ...] | None, dict[str, Processor]]:
    """The SQL the driver runs, the parameters' order if it takes them by position, and the
    function that turns each typed value into its driver form."""
    assert isinstance(statement, ClauseElement)
    compiled = statement.compile(dialect=dialect)
    assert isinstance(compiled, SQLCompiler)
    processors: dict[str, Processor] = {}
    for name, bind in compiled.binds.items():
        process = bind.type.dialect_impl(dialect).bind_processor(dialect)
        if process is not None:
            processors[name] = process
    order = tuple(compiled.positiontup or ()) if compiled.positional else None
    return compiled.string, order, processors


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


def lock_for_write(session: Session) -> None:
    """Takes the database's write lock for the session's transaction, before any write in
    it (see the module docstring); committing or rolling back releases it."""
    if session.get_bind().dialect.name == "sqlite":
        session.execute(text("BEGIN IMMEDIATE"))
    else:
        session.execute(text("SELECT version FROM data_state WHERE id = 1 FOR UPDATE"))


@contextmanager
def write_session(engine: Engine) -> Iterator[Session]:
    """session_scope() holding the write lock from its start."""
    with session_scope(engine) as session:
        lock_for_write(session)
        yield session

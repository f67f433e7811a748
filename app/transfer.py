"""Copying a whole timeline from one database to another, across engines.

The target is migrated to the newest revision and must hold no data. It is filled where
nothing of a failed copy can be seen: PostgreSQL in one transaction; SQLite in a new file
beside it (no journal, no syncs while it fills), which is renamed over the target once
every check has passed. In it, the secondary indexes (and on PostgreSQL the foreign keys)
are dropped, every table is copied in foreign-key order with the rows' own ids (a
PostgreSQL target's events in date order, as exports read them), the search index is
rebuilt in bulk (it is dialect-specific, so it is never copied; SQLite's from the target's
rows, PostgreSQL's tsvectors computed on other connections while the rows go in: see
_PostgreSQLSearchIndex), the indexes and foreign keys are made again (building an index
once is several times faster than keeping it up to date row by row, and a foreign key is
checked by one join instead of a lookup per row; SQLite's are checked once, having been
off), and on PostgreSQL the id sequences are moved past the copied ids. Finally every
table is counted and checksummed on both sides, the source in the snapshot it was read in
(while the target builds its indexes) and the target in the transaction that filled it:
any difference keeps nothing, and so does a failure of any of these stages.

Rows pass through Python once, as the drivers give them, in the form SQLite stores them
(the portable form: text for dates, for datetimes in UTC and for JSON, 0 and 1 for
booleans), which PostgreSQL reads in its COPY protocol and SQLite's executemany inserts.
A table's checksum is computed by the database itself: each row as one text of its
values in the portable form (floats as their IEEE 754 bits), its MD5, and the sum of the
first 64 bits of those over the table, so it depends on neither row order nor engine.
"""

import hashlib
import os
import queue
import sqlite3
import struct
import tempfile
import threading
import uuid
from collections import deque
from collections.abc import Callable, Iterator
from concurrent.futures import Future, ThreadPoolExecutor
from contextlib import ExitStack, closing, contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import IO, Any

from sqlalchemy import (
    JSON,
    Boolean,
    Column,
    Connection,
    Date,
    DateTime,
    Float,
    Integer,
    Table,
    TypeDecorator,
    create_engine,
    func,
    select,
    text,
)
from sqlalchemy.engine import URL, make_url
from sqlalchemy.pool import NullPool
from sqlalchemy.types import TypeEngine
from sqlmodel import SQLModel

from app import schema, search  # search imports app.models: the metadata is whole
from app.db import dispose_engines, get_engine
from app.queries import byte_order
from app.services.versions import CURRENT_SQL

BATCH_ROWS = 10_000
# The single row every migrated database has: the target's is replaced by the source's.
DATA_STATE = "data_state"


class CopyError(RuntimeError):
    pass


@dataclass(frozen=True)
class TableCheck:
    table: str
    source_rows: int
    target_rows: int
    source_checksum: str
    target_checksum: str

    @property
    def ok(self) -> bool:
        return (self.source_rows, self.source_checksum) == (
            self.target_rows,
            self.target_checksum,
        )


class _Differs(Exception):
    """The checks found a difference: what was copied is not kept."""

    def __init__(self, checks: list[TableCheck]) -> None:
        super().__init__("the target differs from the source")
        self.checks = checks


def tables() -> list[Table]:
    """Every table of the models, parents before children."""
    return list(SQLModel.metadata.sorted_tables)


def _by_name(table: Table) -> list[Column[Any]]:
    """The table's columns in the order the copy and the checksum take them."""
    return sorted(table.columns, key=lambda column: column.name)


def _quote(conn: Connection, name: str) -> str:
    return str(conn.dialect.identifier_preparer.quote(name))


def _type(column: Column[Any]) -> TypeEngine[Any]:
    """The column's type as the database knows it (UTCDateTime's is DateTime)."""
    kind = column.type
    return kind.impl_instance if isinstance(kind, TypeDecorator) else kind


def _portable(conn: Connection, column: Column[Any]) -> str:
    """SQL reading a column's values in the portable form."""
    name = _quote(conn, column.name)
    kind = _type(column)
    if conn.dialect.name != "postgresql":
        if isinstance(kind, DateTime):  # as SQLAlchemy writes it, or as sqlite3 does (+00:00)
            return (
                f"CASE WHEN length({name}) = 26 THEN {name} ELSE "
                f"strftime('%Y-%m-%d %H:%M:%S', {name}) || CASE WHEN substr({name}, 20, 1) = '.' "
                f"THEN substr({name}, 20, 7) ELSE '.000000' END END"
            )
        return name
    if isinstance(kind, DateTime):
        return f"to_char({name} AT TIME ZONE 'UTC', 'YYYY-MM-DD HH24:MI:SS.US')"
    if isinstance(kind, Date):
        return f"to_char({name}, 'YYYY-MM-DD')"
    if isinstance(kind, Boolean):
        return f"{name}::int"
    if isinstance(kind, JSON):  # its text as stored
        return f"{name}::text"
    return name


def _hashed_text(conn: Connection, column: Column[Any]) -> str:
    """SQL for a value's text in a row's checksum: its length, a colon and its portable form
    as text, or '-' for NULL, so that no two rows read the same."""
    name = _quote(conn, column.name)
    floating = isinstance(_type(column), Float)
    if conn.dialect.name == "sqlite":
        value = f"float_bits({name})" if floating else f"CAST({_portable(conn, column)} AS TEXT)"
    elif floating:
        value = f"encode(float8send({name}), 'hex')"
    else:
        value = f"({_portable(conn, column)})::text"
    return f"coalesce(length({value}) || ':' || {value}, '-')"


class _Checksum:
    """SQLite's aggregate for a table's checksum (PostgreSQL's is written in SQL)."""

    def __init__(self) -> None:
        self.total = 0

    def step(self, row: bytes) -> None:
        digest = hashlib.md5(row, usedforsecurity=False).digest()
        self.total += int.from_bytes(digest[:8])

    def finalize(self) -> str:
        return _hex(self.total)


def _float_bits(value: float | None) -> str | None:
    return None if value is None else struct.pack(">d", float(value)).hex()


def _hex(total: int) -> str:
    return f"{total % 2**64:016x}"


def _with_functions(conn: Connection) -> None:
    """Gives a SQLite connection the functions the checksums call."""
    if conn.dialect.name == "sqlite":
        driver: Any = conn.connection.driver_connection
        driver.create_function("float_bits", 1, _float_bits, deterministic=True)
        driver.create_aggregate("row_checksum", 1, _Checksum)


def table_check(conn: Connection, table: Table) -> tuple[int, str]:
    """The number of rows of a table and their order-independent checksum, as the database
    computes them (on SQLite with _with_functions)."""
    values = [_hashed_text(conn, column) for column in _by_name(table)]
    if conn.dialect.name == "sqlite":
        checksum = f"row_checksum(CAST({' || '.join(values)} AS BLOB))"
    else:  # concat() builds the row's text at once; a chain of || copies it at each step
        checksum = f"sum(('x' || left(md5(concat({', '.join(values)})), 16))::bit(64)::bigint)"
    rows, total = conn.exec_driver_sql(
        f"SELECT count(*), {checksum} FROM {_quote(conn, table.name)}"
    ).one()
    if conn.dialect.name == "sqlite":
        return rows, total or _hex(0)
    return rows, _hex(int(total or 0))


def _nonempty_tables(conn: Connection) -> list[str]:
    full = [
        table.name
        for table in tables()
        if table.name != DATA_STATE
        and conn.execute(select(func.count()).select_from(table)).scalar_one()
    ]
    version = conn.execute(text("SELECT version FROM data_state WHERE id = 1")).scalar_one()
    return full + ([DATA_STATE] if version else [])


def _reset_sequences(conn: Connection) -> None:
    """Moves each serial id's sequence past the largest copied id (PostgreSQL only)."""
    for table in tables():
        key = list(table.primary_key.columns)
        if len(key) != 1 or not isinstance(key[0].type, Integer):
            continue
        sequence = conn.execute(
            text("SELECT pg_get_serial_sequence(:table, :column)"),
            {"table": table.name, "column": key[0].name},
        ).scalar_one()
        if sequence is not None:
            largest = conn.execute(select(func.max(key[0]))).scalar_one()
            conn.execute(
                text("SELECT setval(:sequence, :next, false)"),
                {"sequence": sequence, "next": (largest or 0) + 1},
            )


# Secondary indexes (not those of a primary key or unique constraint) with the SQL that
# makes them, and PostgreSQL's foreign keys with theirs.
_INDEXES = {
    "sqlite": "SELECT 'DROP INDEX ' || name, sql FROM sqlite_master "
    "WHERE type = 'index' AND sql IS NOT NULL",
    "postgresql": "SELECT 'DROP INDEX ' || quote_ident(indexname), indexdef "
    "FROM pg_indexes WHERE schemaname = current_schema() AND indexname NOT IN "
    "(SELECT conname FROM pg_constraint WHERE contype IN ('p', 'u'))",
}
_FOREIGN_KEYS = (
    "SELECT format('ALTER TABLE %s DROP CONSTRAINT %I', conrelid::regclass, conname), "
    "format('ALTER TABLE %s ADD CONSTRAINT %I %s', conrelid::regclass, conname, "
    "pg_get_constraintdef(oid)) FROM pg_constraint WHERE contype = 'f' "
    "AND connamespace = current_schema()::regnamespace"
)


def _drop_for_load(conn: Connection) -> list[str]:
    """Drops the target's secondary indexes and (PostgreSQL) foreign keys; the SQL that
    makes them again, foreign keys last."""
    dropped = list(conn.execute(text(_INDEXES[conn.dialect.name])))
    if conn.dialect.name == "postgresql":
        dropped += list(conn.execute(text(_FOREIGN_KEYS)))
        conn.exec_driver_sql("SET LOCAL maintenance_work_mem = '1GB'")  # index builds' sorts
    for drop, _ in reversed(dropped):  # a foreign key needs its unique index
        conn.exec_driver_sql(drop)
    return [make for _, make in dropped]


Progress = Callable[[str, int, int], None]
"""Told (stage, done, of): a table's rows copied, or a later stage's steps."""


def _quiet(_stage: str, _done: int, _of: int) -> None:
    pass


def _rows(conn: Connection, table: Table, into: str) -> Iterator[list[tuple[Any, ...]]]:
    """The table's rows in the portable form, in batches (_fetched); events in date order
    when they go `into` PostgreSQL."""
    columns = ", ".join(_portable(conn, column) for column in _by_name(table))
    sql = f"SELECT {columns} FROM {_quote(conn, table.name)}"
    if table.name == "event" and into == "postgresql":
        sql = _in_date_order(conn, columns)
    return _fetched(conn, sql)


def _fetched(conn: Connection, sql: str) -> Iterator[list[tuple[Any, ...]]]:
    """The rows of a query in batches, as the driver reads them (from PostgreSQL through a
    cursor on the server, so that they are never held whole)."""
    driver: Any = conn.connection.driver_connection
    postgresql = conn.dialect.name == "postgresql"
    with closing(
        driver.cursor(f"copy_{uuid.uuid4().hex}") if postgresql else driver.cursor()
    ) as rows:
        if postgresql:
            rows.itersize = BATCH_ROWS
        rows.execute(sql)
        while batch := rows.fetchmany(BATCH_ROWS):
            yield batch


def _in_date_order(conn: Connection, columns: str) -> str:
    """The events read in the order pages and exports read them (app.queries), so that a
    PostgreSQL target stores them so: an export then reads its heap in order. SQLite sorts
    only the rowids, then reads each event by its rowid, rather than sorting whole events
    (the LIMIT keeps it from dropping a subquery's ORDER BY)."""
    order = f"date_start, date_rank, {byte_order('id', conn.dialect.name)}"
    if conn.dialect.name != "sqlite":
        return f"SELECT {columns} FROM event ORDER BY {order}"
    return (
        f"SELECT {columns} FROM (SELECT rowid AS position FROM event ORDER BY {order} "
        "LIMIT -1) AS ordered CROSS JOIN event ON event.rowid = ordered.position"
    )


def _write(conn: Connection, table: Table, rows: list[tuple[Any, ...]]) -> None:
    """Rows in the portable form, in _by_name's order (PostgreSQL: COPY reads them as text,
    the session in UTC; SQLite: as it stores them)."""
    names = [_quote(conn, column.name) for column in _by_name(table)]
    into = f"{_quote(conn, table.name)} ({', '.join(names)})"
    if conn.dialect.name == "postgresql":
        cursor: Any = conn.connection.driver_connection.cursor()  # type: ignore[union-attr]
        with cursor.copy(f"COPY {into} FROM STDIN") as copy:
            for row in rows:
                copy.write_row(row)
        return
    conn.exec_driver_sql(f"INSERT INTO {into} VALUES ({', '.join('?' * len(names))})", rows)


def _copy_table(reading: Connection, writing: Connection, table: Table, progress: Progress) -> None:
    total = reading.execute(select(func.count()).select_from(table)).scalar_one()
    progress(table.name, 0, total)
    if table.name == DATA_STATE:
        writing.exec_driver_sql(f"DELETE FROM {DATA_STATE}")
    done = 0
    for batch in _rows(reading, table, writing.dialect.name):
        _write(writing, table, batch)
        done += len(batch)
        progress(table.name, done, total)


@contextmanager
def _filling(url: str) -> Iterator[Connection]:
    """A connection, in a transaction, to what becomes the target (migrated and as it is)
    when the block ends without an error, and of which nothing is kept when it raises.

    PostgreSQL: the target, in one transaction in UTC. SQLite: a copy of the target in a new
    file beside it, filled with no journal and no syncs, synced and renamed over the target
    at the end (the target's own write-ahead log first folded into it and removed, so that
    none is left to be read into the new file). Stop servers on the target first.
    """
    if make_url(url).get_backend_name() != "sqlite":
        with get_engine(url).connect() as conn, conn.begin():
            for setting in (
                "TIME ZONE 'UTC'",
                "synchronous_commit = off",
                "application_name = 'timeline copy'",
            ):
                conn.exec_driver_sql(f"SET LOCAL {setting}")
            yield conn
        return
    database = make_url(url).database
    if not database or database == ":memory:":
        raise CopyError("an in-memory SQLite database cannot be copied into")
    target = Path(database)
    filled = target.with_name(f".{target.name}.{uuid.uuid4().hex[:8]}.copying")
    engine = create_engine(f"sqlite:///{filled}", poolclass=NullPool)
    try:
        with closing(sqlite3.connect(target)) as empty, closing(sqlite3.connect(filled)) as new:
            empty.backup(new)
        with engine.connect() as conn:
            # threads: CREATE INDEX sorts on helper threads too
            for pragma in (
                "journal_mode=OFF",
                "synchronous=OFF",
                "cache_size=-262144",
                "threads=2",
            ):
                conn.exec_driver_sql(f"PRAGMA {pragma}")
            conn.commit()
            with conn.begin():
                conn.exec_driver_sql("BEGIN")  # sqlite3 would begin only before DML, not DDL
                yield conn
            conn.exec_driver_sql("PRAGMA journal_mode=WAL")  # as app.db opens it
        engine.dispose()
        _sync(filled)
        dispose_engines(url)
        with closing(sqlite3.connect(target)) as old:
            old.execute("PRAGMA journal_mode=DELETE")
        os.replace(filled, target)
        _sync(target.parent)
    except BaseException:
        engine.dispose()
        filled.unlink(missing_ok=True)
        raise


def _sync(path: Path) -> None:
    descriptor = os.open(path, os.O_RDONLY)
    try:
        os.fsync(descriptor)
    finally:
        os.close(descriptor)


def _check_foreign_keys(conn: Connection) -> None:
    """SQLite's foreign keys, which were not enforced while the rows went in."""
    broken = conn.exec_driver_sql("PRAGMA foreign_key_check").first()
    if broken is not None:
        table, rowid, parent, _ = broken
        raise CopyError(f"{table} row {rowid} refers to a row of {parent} that is not there")


def copy(source_url: str, target_url: str, progress: Progress = _quiet) -> list[TableCheck]:
    """Copies every row from source to an empty target and checks every table; when any
    differs, nothing is kept (the checks say which).

    Raises CopyError when the target holds data or the source is not at the newest
    revision; nothing is written to the target then, beyond migrating it.
    """
    source = get_engine(source_url)
    schema.upgrade(target_url)
    source_revision = schema.current_revision(source)
    target_revision = schema.current_revision(get_engine(target_url))
    if source_revision != target_revision:
        raise CopyError(
            f"the source is at revision {source_revision or '(none)'}, not "
            f"{target_revision}: run `timeline db upgrade` against it first"
        )
    if source.dialect.name == "postgresql":  # one snapshot for every table and its check
        source = source.execution_options(isolation_level="REPEATABLE READ")
    try:
        with source.connect() as reading, reading.begin(), _filling(target_url) as writing:
            if source.dialect.name == "sqlite":
                reading.exec_driver_sql("BEGIN")
            return _copy_all(reading, writing, progress)
    except _Differs as differs:
        return differs.checks


Step = Callable[[Connection], object]


def _statement(sql: str) -> Step:
    return lambda conn: conn.exec_driver_sql(sql)


def _run(conn: Connection, stage: str, steps: list[Step], progress: Progress) -> None:
    for done, step in enumerate(steps):
        progress(stage, done, len(steps))
        step(conn)
    progress(stage, len(steps), len(steps))


def _copy_all(reading: Connection, writing: Connection, progress: Progress) -> list[TableCheck]:
    _with_functions(reading)
    _with_functions(writing)
    if full := _nonempty_tables(writing):
        raise CopyError(f"the target is not empty: {', '.join(full)} hold data")
    remake = _drop_for_load(writing)
    with _search_index(reading, writing) as search_index:  # PostgreSQL's: while rows go in
        for table in tables():
            _copy_table(reading, writing, table, progress)
            search_index.raise_failure()
        with _source_checks(reading) as read:  # while the target builds its indexes
            search_index.store(writing, progress)
            _run(writing, "indexes", [*map(_statement, remake)], progress)
            if writing.dialect.name == "postgresql":
                _reset_sequences(writing)
            else:
                _run(writing, "foreign keys", [_check_foreign_keys], progress)
            checks: list[TableCheck] = []
            for table in tables():
                progress("checking", len(checks), len(tables()))
                target_rows, target_checksum = table_check(writing, table)
                source_rows, source_checksum = read.result()[table.name]
                checks.append(
                    TableCheck(
                        table.name, source_rows, target_rows, source_checksum, target_checksum
                    )
                )
            progress("checking", len(checks), len(checks))
    if not all(check.ok for check in checks):
        raise _Differs(checks)
    return checks


def _stop(conn: Connection) -> None:
    """Stops the statement a connection runs in another thread: SQLite's is interrupted,
    PostgreSQL's cancelled."""
    driver: Any = conn.connection.driver_connection
    if conn.dialect.name == "sqlite":
        driver.interrupt()
    else:
        driver.cancel()


@contextmanager
def _same_snapshot(reading: Connection) -> Iterator[Connection]:
    """Another connection to the source, in a transaction that reads what `reading` reads:
    PostgreSQL's in its exported snapshot; SQLite's begun now, refused when the source was
    written since `reading` began (its data version differs)."""
    engine = reading.engine
    if reading.dialect.name == "postgresql":
        snapshot = reading.exec_driver_sql("SELECT pg_export_snapshot()").scalar_one()
        with engine.connect() as conn, conn.begin():
            conn.exec_driver_sql(f"SET TRANSACTION SNAPSHOT '{snapshot}'")
            yield conn
        return
    version = reading.exec_driver_sql(CURRENT_SQL).scalar_one()
    with engine.connect() as conn, conn.begin():
        conn.exec_driver_sql("BEGIN")
        if conn.exec_driver_sql(CURRENT_SQL).scalar_one() != version:
            raise CopyError("the source was written to as the copy began: try again")
        yield conn


class _SQLiteSearchIndex:
    """SQLite's search index, built by FTS5 from the target's rows once they are in."""

    def raise_failure(self) -> None:
        pass

    def store(self, writing: Connection, progress: Progress) -> None:
        _run(writing, "search index", [search.reindex_all], progress)


# PostgreSQL's binary COPY format: a header (signature, flags, no extension), rows, trailer.
_COPY_HEADER = b"PGCOPY\n\xff\r\n\x00" + bytes(8)
_COPY_TRAILER = b"\xff\xff"
VECTOR_CONNECTIONS = 2


class _PostgreSQLSearchIndex:
    """PostgreSQL's search index, whose tsvectors are most of a copy's work: computed while
    the rows are copied, from the documents read from the source in key order (another
    connection in the same snapshot, search.documents), folded, each batch turned into
    tsvectors by one of VECTOR_CONNECTIONS other connections to the target's server
    (outside the copy's transaction: a temporary table of their own, nothing written to
    the database), the tsvectors spooled in PostgreSQL's binary COPY format to an unnamed
    file, which the copy's transaction then reads into event_search in one COPY, stored
    in key order (a search page walks event_search in key order, app.queries)."""

    def __init__(
        self, documents: Connection, target: URL, spool: IO[bytes], stack: ExitStack
    ) -> None:
        self.documents = documents
        self.spool = spool
        engine = create_engine(target, poolclass=NullPool)
        stack.callback(engine.dispose)
        self.helpers = [stack.enter_context(engine.connect()) for _ in range(VECTOR_CONNECTIONS)]
        self.free: queue.Queue[Any] = queue.Queue()
        for helper in self.helpers:
            helper.exec_driver_sql("SET application_name = 'timeline copy: search vectors'")
            helper.exec_driver_sql(
                "CREATE TEMPORARY TABLE search_text (search_key BIGINT, document TEXT) "
                "ON COMMIT DELETE ROWS"
            )
            helper.commit()
            self.free.put(helper.connection.driver_connection)
        self.events = documents.exec_driver_sql("SELECT count(*) FROM event").scalar_one()
        self.done = 0
        self.stopping = threading.Event()
        self.pool = stack.enter_context(ThreadPoolExecutor(1 + VECTOR_CONNECTIONS))
        self.computed = self.pool.submit(self._compute)

    def _compute(self) -> None:
        self.spool.write(_COPY_HEADER)
        pending: deque[Future[tuple[int, bytes]]] = deque()
        for batch in _fetched(self.documents, search.documents(self.documents.dialect.name)):
            if self.stopping.is_set():
                raise CopyError("stopped")
            pending.append(self.pool.submit(self._vectors, batch))
            while len(pending) > VECTOR_CONNECTIONS or (pending and pending[0].done()):
                self._spool(pending.popleft())
        while pending:
            self._spool(pending.popleft())
        self.spool.write(_COPY_TRAILER)

    def _spool(self, vectors: "Future[tuple[int, bytes]]") -> None:
        rows, data = vectors.result()
        self.spool.write(data)
        self.done += rows

    def _vectors(self, batch: list[tuple[int, str]]) -> tuple[int, bytes]:
        """A batch's tsvectors as rows of a binary COPY (no header, no trailer)."""
        driver = self.free.get()
        try:
            with driver.cursor() as cursor:
                with cursor.copy("COPY search_text (search_key, document) FROM STDIN") as copy:
                    for key, document in batch:
                        copy.write_row((key, search.fold(document)))
                data = bytearray()
                with cursor.copy(
                    f"COPY (SELECT search_key, {search.vector('document')} FROM search_text "
                    "ORDER BY search_key) TO STDOUT (FORMAT binary)"
                ) as copy:
                    for block in copy:
                        data += block
            driver.commit()
        finally:
            self.free.put(driver)
        return len(batch), bytes(data[len(_COPY_HEADER) : -len(_COPY_TRAILER)])

    def raise_failure(self) -> None:
        if self.computed.done():
            self._computed()

    def _computed(self, timeout: float | None = None) -> None:
        try:
            self.computed.result(timeout)
        except (CopyError, TimeoutError):
            raise
        except Exception as error:
            raise CopyError(f"the search index could not be built: {error}") from error

    def store(self, writing: Connection, progress: Progress) -> None:
        while True:
            progress("search index", self.done, self.events)
            try:
                self._computed(timeout=1)
                break
            except TimeoutError:
                continue
        for helper in self.helpers:  # done: their server processes are not kept idle
            helper.close()
        writing.exec_driver_sql("DELETE FROM event_search")
        self.spool.seek(0)
        cursor: Any = writing.connection.driver_connection.cursor()  # type: ignore[union-attr]
        with cursor.copy(
            "COPY event_search (search_key, document) FROM STDIN (FORMAT binary)"
        ) as copy:
            while block := self.spool.read(1 << 20):
                copy.write(block)
        progress("search index", self.events, self.events)

    def stop(self) -> None:
        self.stopping.set()
        for conn in (self.documents, *self.helpers):
            if not conn.closed:
                _stop(conn)


@contextmanager
def _search_index(
    reading: Connection, writing: Connection
) -> Iterator["_SQLiteSearchIndex | _PostgreSQLSearchIndex"]:
    """The target's search index (it is dialect-specific: never copied), built from the
    rows copied in the block; a block that raises stops what is computed meanwhile."""
    if writing.dialect.name == "sqlite":
        yield _SQLiteSearchIndex()
        return
    with tempfile.TemporaryFile() as spool, ExitStack() as stack:
        documents = stack.enter_context(_same_snapshot(reading))
        index = _PostgreSQLSearchIndex(documents, writing.engine.url, spool, stack)
        try:
            yield index
        except BaseException:
            index.stop()
            raise


@contextmanager
def _source_checks(conn: Connection) -> Iterator["Future[dict[str, tuple[int, str]]]"]:
    """Every table's check on the source, computed in a thread while the block runs (the
    source's connection is not used otherwise then); a block that raises stops it: the
    statement running is interrupted (SQLite) or cancelled (PostgreSQL)."""
    stop = threading.Event()

    def check_all() -> dict[str, tuple[int, str]]:
        checked = {}
        for table in tables():
            if stop.is_set():
                raise CopyError("stopped")
            checked[table.name] = table_check(conn, table)
        return checked

    with ThreadPoolExecutor(1) as pool:
        checked = pool.submit(check_all)
        try:
            yield checked
        except BaseException:
            stop.set()
            _stop(conn)
            raise


def compare(source_url: str, target_url: str) -> list[TableCheck]:
    """Row counts and checksums of every table, side by side."""
    checks = []
    with get_engine(source_url).connect() as left, get_engine(target_url).connect() as right:
        _with_functions(left)
        _with_functions(right)
        for table in tables():
            source_rows, source_checksum = table_check(left, table)
            target_rows, target_checksum = table_check(right, table)
            checks.append(
                TableCheck(table.name, source_rows, target_rows, source_checksum, target_checksum)
            )
    return checks

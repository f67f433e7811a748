"""Copying a whole timeline from one database to another, across engines.

The target is migrated to the newest revision and must hold no data. Everything happens
in one transaction on the target, so that a copy that fails leaves it as it was: its
secondary indexes (and, on PostgreSQL, its foreign keys) are dropped, every table is copied
in foreign-key order with the rows' own ids (PostgreSQL: its COPY protocol; SQLite: the
driver's executemany, in large batches), the search index is rebuilt in bulk (it is
dialect-specific, so it is never copied), the indexes and foreign keys are made again
(building an index once is several times faster than keeping it up to date row by row,
and a foreign key is checked by one join instead of a lookup per row), and on PostgreSQL
the id sequences are moved past the copied ids. Finally every table of the target is read
back, counted and checksummed, still in the transaction, against the rows read from the
source: any difference rolls it all back.

A table's checksum does not depend on row order or on the engine: each value is
normalised (datetimes to UTC, dates to ISO, floats exactly, booleans as such), each row
hashed, and the hashes summed.
"""

import hashlib
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

import orjson
from sqlalchemy import (
    JSON,
    Column,
    Connection,
    Insert,
    Integer,
    Table,
    bindparam,
    func,
    select,
    text,
)
from sqlmodel import SQLModel

from app import schema, search  # search imports app.models: the metadata is whole
from app.db import driver_form, get_engine

BATCH_ROWS = 10_000
# The single row every migrated database has; its version is carried over, not inserted.
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


def tables() -> list[Table]:
    """Every table of the models, parents before children."""
    return list(SQLModel.metadata.sorted_tables)


# Rows are hashed as JSON, which gives every value one form on either engine: dates and
# datetimes in ISO 8601 (both engines' datetimes are read as aware, in UTC; naive ones are
# taken as UTC), floats exactly (the shortest text that reads back as the same float).
HASHED_FORM = orjson.OPT_NAIVE_UTC | orjson.OPT_SORT_KEYS


def _row_hash(row: Sequence[Any]) -> int:
    return int.from_bytes(hashlib.sha256(orjson.dumps(tuple(row), option=HASHED_FORM)).digest())


def _by_name(table: Table) -> list[Column[Any]]:
    """The table's columns in the order the checksum hashes them."""
    return sorted(table.columns, key=lambda column: column.name)


def table_check(conn: Connection, table: Table) -> tuple[int, str]:
    """The number of rows of a table and their order-independent checksum."""
    total, rows = 0, 0
    result = conn.execute(select(*_by_name(table)), execution_options={"yield_per": BATCH_ROWS})
    for batch in result.partitions():
        total += sum(map(_row_hash, batch))
        rows += len(batch)
    return rows, _hex(total)


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
    "postgresql": "SELECT 'DROP INDEX ' || quote_ident(indexname), indexdef FROM pg_indexes "
    "WHERE schemaname = current_schema() AND indexname NOT IN "
    "(SELECT conname FROM pg_constraint WHERE contype IN ('p', 'u'))",
}
_FOREIGN_KEYS = (
    "SELECT format('ALTER TABLE %s DROP CONSTRAINT %I', conrelid::regclass, conname), "
    "format('ALTER TABLE %s ADD CONSTRAINT %I %s', conrelid::regclass, conname, "
    "pg_get_constraintdef(oid)) FROM pg_constraint WHERE contype = 'f' "
    "AND connamespace = current_schema()::regnamespace"
)


def _drop_for_load(conn: Connection) -> list[str]:
    """Drops the target's secondary indexes and foreign keys; the SQL that makes them again,
    foreign keys last."""
    dropped = [(drop, make) for drop, make in conn.execute(text(_INDEXES[conn.dialect.name]))]
    if conn.dialect.name == "postgresql":
        dropped += [(drop, make) for drop, make in conn.execute(text(_FOREIGN_KEYS))]
        conn.exec_driver_sql("SET LOCAL maintenance_work_mem = '256MB'")
    for drop, _ in reversed(dropped):
        conn.exec_driver_sql(drop)
    return [make for _, make in dropped]


def _insert_rows(conn: Connection, table: Table, rows: Sequence[Sequence[Any]]) -> None:
    """Rows of all of the table's columns, in _by_name's order, as SQLAlchemy typed them."""
    if conn.dialect.name == "postgresql":
        quote = conn.dialect.identifier_preparer.quote
        columns = ", ".join(quote(column.name) for column in _by_name(table))
        json_at = [at for at, column in enumerate(_by_name(table)) if isinstance(column.type, JSON)]
        cursor = conn.connection.driver_connection.cursor()  # type: ignore[union-attr]
        with cursor.copy(f"COPY {quote(table.name)} ({columns}) FROM STDIN") as copy:
            for row in rows:
                if json_at:  # as text, which COPY's text format takes for a json column
                    row = list(row)
                    for at in json_at:
                        row[at] = None if row[at] is None else orjson.dumps(row[at]).decode()
                copy.write_row(row)
        return
    sql, order, processors = driver_form(_insert_all(table), conn.dialect)
    names = [column.name for column in _by_name(table)]
    assert order is not None, "SQLite takes parameters by position"
    position = [names.index(name) for name in order]
    convert = [processors.get(name) for name in order]
    conn.exec_driver_sql(
        sql,
        [
            tuple(
                row[at] if to is None else to(row[at])
                for at, to in zip(position, convert, strict=True)
            )
            for row in rows
        ],
    )


@lru_cache
def _insert_all(table: Table) -> Insert:
    return table.insert().values({column.name: bindparam(column.name) for column in table.columns})


Progress = Callable[[str, int, int], None]
"""Told (stage, done, of): a table's rows copied, or a later stage's steps."""


def _quiet(_stage: str, _done: int, _of: int) -> None:
    pass


def _copy_table(
    reading: Connection, writing: Connection, table: Table, progress: Progress
) -> tuple[int, str]:
    """Copies a table's rows; their number and checksum as read from the source."""
    total = reading.execute(select(func.count()).select_from(table)).scalar_one()
    checksum, done = 0, 0
    progress(table.name, 0, total)
    columns = select(*_by_name(table))
    result = reading.execute(columns, execution_options={"yield_per": BATCH_ROWS})
    for rows in result.partitions():
        batch = [tuple(row) for row in rows]
        checksum += sum(map(_row_hash, batch))
        if table.name == DATA_STATE:
            state = {key: value for key, value in rows[0]._mapping.items() if key != "id"}
            writing.execute(table.update().values(state))
        else:
            _insert_rows(writing, table, batch)
        done += len(batch)
        progress(table.name, done, total)
    return done, _hex(checksum)


def _hex(checksum: int) -> str:
    return f"{checksum % 2**256:064x}"[:16]


def copy(source_url: str, target_url: str, progress: Progress = _quiet) -> list[TableCheck]:
    """Copies every row from source to an empty target and checks every table; when any
    differs, nothing is kept (the checks say which).

    Raises CopyError when the target holds data or the source is not at the newest
    revision; nothing is written to the target then, beyond migrating it.
    """
    source, target = get_engine(source_url), get_engine(target_url)
    schema.upgrade(target_url)
    source_revision = schema.current_revision(source)
    target_revision = schema.current_revision(target)
    if source_revision != target_revision:
        raise CopyError(
            f"the source is at revision {source_revision or '(none)'}, not "
            f"{target_revision}: run `timeline db upgrade` against it first"
        )
    with source.connect() as reading, target.connect() as writing:
        if source.dialect.name == "postgresql":  # one snapshot for every table
            reading = reading.execution_options(isolation_level="REPEATABLE READ")
        transaction = writing.begin()
        if target.dialect.name == "sqlite":  # sqlite3 would begin only before DML, not DDL
            writing.exec_driver_sql("BEGIN IMMEDIATE")
        try:
            if full := _nonempty_tables(writing):
                raise CopyError(f"the target is not empty: {', '.join(full)} hold data")
            remake = _drop_for_load(writing)
            read = {
                table.name: _copy_table(reading, writing, table, progress) for table in tables()
            }
            progress("search index", 0, 1)
            search.reindex_all(writing)
            progress("search index", 1, 1)
            for done, make in enumerate(remake):
                progress("indexes", done, len(remake))
                writing.exec_driver_sql(make)
            progress("indexes", len(remake), len(remake))
            if target.dialect.name == "postgresql":
                _reset_sequences(writing)
            checks: list[TableCheck] = []
            for table in tables():
                progress("checking", len(checks), len(read))
                (source_rows, source_sum), (target_rows, target_sum) = (
                    read[table.name],
                    table_check(writing, table),
                )
                checks.append(
                    TableCheck(table.name, source_rows, target_rows, source_sum, target_sum)
                )
            progress("checking", len(checks), len(read))
        except BaseException:
            transaction.rollback()
            raise
        if all(check.ok for check in checks):
            transaction.commit()
        else:
            transaction.rollback()
    return checks


def compare(source_url: str, target_url: str) -> list[TableCheck]:
    """Row counts and checksums of every table, side by side."""
    checks = []
    with get_engine(source_url).connect() as left, get_engine(target_url).connect() as right:
        for table in tables():
            source_rows, source_checksum = table_check(left, table)
            target_rows, target_checksum = table_check(right, table)
            checks.append(
                TableCheck(table.name, source_rows, target_rows, source_checksum, target_checksum)
            )
    return checks

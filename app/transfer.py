"""Copying a whole timeline from one database to another, across engines.

The target is migrated to the newest revision and must hold no data. Every table is
copied in foreign-key order, in batches, inside one transaction on the target, with the
rows' own ids; then the search index is rebuilt (it is dialect-specific, so it is never
copied) and, on PostgreSQL, the id sequences are moved past the copied ids. Finally every
table's rows are counted and checksummed on both sides.

A table's checksum does not depend on row order or on the engine: each value is
normalised (datetimes to UTC, dates to ISO, floats exactly, booleans as such), each row
hashed, and the hashes summed.
"""

import datetime
import hashlib
from dataclasses import dataclass
from typing import Any

import orjson
from sqlalchemy import Connection, Integer, Table, func, select, text
from sqlmodel import SQLModel

from app import schema, search  # search imports app.models: the metadata is whole
from app.db import get_engine, session_scope
from app.progress import Progress, ignore

BATCH_ROWS = 1000
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


def _normal(value: Any) -> Any:
    if isinstance(value, datetime.datetime):
        aware = value if value.tzinfo else value.replace(tzinfo=datetime.UTC)
        return aware.astimezone(datetime.UTC).isoformat()
    if isinstance(value, datetime.date):
        return value.isoformat()
    if isinstance(value, float):
        return value.hex()
    return value


def table_check(conn: Connection, table: Table) -> tuple[int, str]:
    """The number of rows of a table and their order-independent checksum."""
    total, rows = 0, 0
    columns = sorted(table.columns, key=lambda column: column.name)
    result = conn.execution_options(yield_per=BATCH_ROWS).execute(select(*columns))
    for row in result:
        data = orjson.dumps([_normal(value) for value in row])
        total += int.from_bytes(hashlib.sha256(data).digest())
        rows += 1
    return rows, f"{total % 2**256:064x}"[:16]


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


def copy(source_url: str, target_url: str, progress: Progress = ignore) -> list[TableCheck]:
    """Copies every row from source to an empty target and checks both sides per table;
    `progress` hears the rows copied of all (counted first, when anyone watches).

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
    with source.connect() as reading, session_scope(target) as writing:
        target_conn = writing.connection()
        if full := _nonempty_tables(target_conn):
            raise CopyError(f"the target is not empty: {', '.join(full)} hold data")
        total = None
        if progress is not ignore:
            counts = (select(func.count()).select_from(table) for table in tables())
            total = sum(reading.execute(count).scalar_one() for count in counts)
        done = 0
        for table in tables():
            result = reading.execution_options(yield_per=BATCH_ROWS).execute(select(table))
            for rows in result.partitions():
                batch = [dict(row._mapping) for row in rows]
                done += len(batch)
                progress(done, total)
                if table.name == DATA_STATE:
                    state = {key: value for key, value in batch[0].items() if key != "id"}
                    target_conn.execute(table.update().values(state))
                else:
                    target_conn.execute(table.insert(), batch)
        search.reindex_all(writing)
        if target.dialect.name == "postgresql":
            _reset_sequences(target_conn)
    return compare(source_url, target_url)


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

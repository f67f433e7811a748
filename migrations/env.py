"""Alembic environment: the project's settings for the URL, SQLModel.metadata for the schema.

render_as_batch lets SQLite alter tables by recreating them; the naming convention in
app.models.base gives every constraint the stable name that needs. A table is recreated by
dropping it, and SQLite drops a table with foreign keys on by deleting its rows first, with
every ON DELETE CASCADE: so migrations run with them off, and are checked before they
commit.
"""

from alembic import context
from sqlalchemy import Connection
from sqlmodel import SQLModel

import app.models  # noqa: F401  (registers every table on SQLModel.metadata)
from app.config import get_settings
from app.db import get_engine
from app.schema import include_object

config = context.config


def run(connection: Connection) -> None:
    context.configure(
        connection=connection,
        target_metadata=SQLModel.metadata,
        render_as_batch=True,
        compare_type=True,
        include_object=include_object,
    )
    with context.begin_transaction():
        context.run_migrations()


url = config.get_main_option("sqlalchemy.url") or get_settings().database_url
with get_engine(url).connect() as conn:
    sqlite = conn.dialect.name == "sqlite"
    if sqlite:  # before the transaction begins: SQLite ignores it within one
        conn.exec_driver_sql("PRAGMA foreign_keys=OFF")
    try:
        run(conn)
        if sqlite and conn.exec_driver_sql("PRAGMA foreign_key_check").first():
            raise RuntimeError("the migration left rows that refer to no row")
        conn.commit()
    finally:
        if sqlite:
            conn.rollback()
            conn.exec_driver_sql("PRAGMA foreign_keys=ON")

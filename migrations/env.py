"""Alembic environment: the project's settings for the URL, SQLModel.metadata for the schema.

render_as_batch lets SQLite alter tables by recreating them; the naming convention in
app.models.base gives every constraint the stable name that needs.
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


connection = config.attributes.get("connection")
if connection is not None:
    run(connection)
else:
    url = config.get_main_option("sqlalchemy.url") or get_settings().database_url
    with get_engine(url).connect() as conn:
        run(conn)
        conn.commit()

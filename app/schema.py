"""Alembic with the project's settings, from any working directory.

Alembic is imported only when a migration runs: `at_head` tells without it whether the
database is already at the newest revision, so that a server starts without loading it.
"""

import re
import sqlite3
from contextlib import closing
from pathlib import Path
from typing import TYPE_CHECKING

from sqlalchemy import Engine, text
from sqlalchemy.engine import make_url
from sqlalchemy.exc import DBAPIError

from app.config import PROJECT_ROOT
from app.search import SEARCH_TABLE_PREFIX

if TYPE_CHECKING:
    from alembic.config import Config

VERSIONS_DIR = PROJECT_ROOT / "migrations" / "versions"
_REVISION = re.compile(r'^(down_revision|revision): str(?: \| None)? = "([0-9a-f]+)"', re.M)


def include_object(_obj: object, name: str | None, type_: str, *_: object) -> bool:
    """Autogenerate leaves out the full-text tables: dialect-specific DDL, not models."""
    return not (type_ == "table" and name is not None and name.startswith(SEARCH_TABLE_PREFIX))


def alembic_config(url: str) -> "Config":
    from alembic.config import Config

    config = Config(str(PROJECT_ROOT / "alembic.ini"))
    config.set_main_option("script_location", str(PROJECT_ROOT / "migrations"))
    config.set_main_option("sqlalchemy.url", url.replace("%", "%%"))
    return config


def upgrade(url: str, revision: str = "head") -> None:
    from alembic import command

    command.upgrade(alembic_config(url), revision)


def downgrade(url: str, revision: str) -> None:
    from alembic import command

    command.downgrade(alembic_config(url), revision)


def current_revision(engine: Engine) -> str | None:
    from alembic.runtime.migration import MigrationContext

    with engine.connect() as conn:
        return MigrationContext.configure(conn).get_current_revision()


def head_revisions() -> set[str]:
    """The revisions no other revision names as its down_revision, read from the files."""
    revisions: set[str] = set()
    parents: set[str] = set()
    for path in VERSIONS_DIR.glob("*.py"):
        for kind, revision in _REVISION.findall(path.read_text(encoding="utf-8")):
            (revisions if kind == "revision" else parents).add(revision)
    return revisions - parents


def stored_revisions(engine: Engine) -> set[str]:
    """The database's revisions (none when it has no tables), read with one plain query."""
    with engine.connect() as conn:
        try:
            return set(conn.execute(text("SELECT version_num FROM alembic_version")).scalars())
        except DBAPIError as error:
            if "alembic_version" not in str(error.orig):
                raise
            return set()


def at_head(engine: Engine) -> bool:
    """Whether the database is at the newest revision."""
    return stored_revisions(engine) == head_revisions()


def shown_url(url: str) -> str:
    """The URL as logs and messages may show it: without its password."""
    return make_url(url).render_as_string(hide_password=True)


def unready(url: str, *, newest: bool) -> str | None:
    """Why a command that reads cannot use the database at `url` (None when it can): it is
    missing, has no tables, or (`newest`) is not at the newest revision. Found without
    changing anything: SQLite would create a missing file, and our engine's first
    connection turns an empty one into a WAL database; so SQLite files are read read-only."""
    from app.db import get_engine

    where = f"DATABASE_URL={shown_url(url)}"
    parsed = make_url(url)
    path = parsed.database or ""
    sqlite_file = parsed.get_backend_name() == "sqlite" and path not in ("", ":memory:")
    if sqlite_file and not Path(path).is_file():
        return f"no database at {where}: set DATABASE_URL, or create one with `timeline seed`"
    try:
        stored = (
            _read_only_revisions(Path(path)) if sqlite_file else stored_revisions(get_engine(url))
        )
    except (DBAPIError, sqlite3.Error) as error:
        cause = getattr(error, "orig", None) or error
        return f"cannot read the database at {where}: {str(cause).strip().splitlines()[0]}"
    if not stored:
        return f"the database at {where} has no tables: create them with `timeline seed`"
    if newest and stored != head_revisions():
        revision = ", ".join(sorted(stored))
        return f"the database at {where} is at revision {revision}: run `timeline db upgrade`"
    return None


def _read_only_revisions(path: Path) -> set[str]:
    with closing(sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)) as conn:
        query = "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'alembic_version'"
        if conn.execute(query).fetchone() is None:
            return set()
        return {row[0] for row in conn.execute("SELECT version_num FROM alembic_version")}

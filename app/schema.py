"""Alembic with the project's settings, from any working directory.

Alembic is imported only when a migration runs: `at_head` tells without it whether the
database is already at the newest revision, so that a server starts without loading it.
"""

import re
from typing import TYPE_CHECKING

from sqlalchemy import Engine, inspect, text

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


def at_head(engine: Engine) -> bool:
    """Whether the database is at the newest revision, read with one plain query."""
    with engine.connect() as conn:
        if not inspect(conn).has_table("alembic_version"):
            return False
        stored = set(conn.execute(text("SELECT version_num FROM alembic_version")).scalars())
    return stored == head_revisions()

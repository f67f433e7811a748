"""A consistent copy of the database while it is in use.

SQLite: the online backup API copies a consistent snapshot page by page while writers
go on. PostgreSQL: pg_dump, which reads one snapshot, in its custom format (restore with
pg_restore).
Restoring (restore()) replaces the database's contents with a backup's, in one step.
"""

import shutil
import sqlite3
import subprocess
from pathlib import Path

from sqlalchemy.engine import make_url


class BackupError(RuntimeError):
    pass


def backup(url: str, target: Path) -> None:
    parsed = make_url(url)
    target.parent.mkdir(parents=True, exist_ok=True)
    if parsed.get_backend_name() == "sqlite":
        if not parsed.database or parsed.database == ":memory:":
            raise BackupError("an in-memory SQLite database has nothing to back up")
        if target.exists():
            raise BackupError(f"{target} exists already")
        source = sqlite3.connect(f"file:{parsed.database}?mode=ro", uri=True)
        destination = sqlite3.connect(target)
        try:
            source.backup(destination)
        finally:
            destination.close()
            source.close()
        return
    _run_pg("pg_dump", url, "--format=custom", "--file", str(target))


def restore(url: str, source: Path) -> None:
    """Replaces the database's contents with the backup at `source` (from backup())."""
    if not source.is_file():
        raise BackupError(f"{source} is not a file")
    parsed = make_url(url)
    if parsed.get_backend_name() != "sqlite":
        _run_pg(
            "pg_restore",
            url,
            "--clean",
            "--if-exists",
            "--no-owner",
            "--single-transaction",
            str(source),
        )
        return
    if not parsed.database or parsed.database == ":memory:":
        raise BackupError("an in-memory SQLite database cannot be restored into")
    backup_copy = sqlite3.connect(f"file:{source}?mode=ro", uri=True)
    try:
        checked = backup_copy.execute("PRAGMA integrity_check").fetchall()
        if checked != [("ok",)]:
            raise BackupError(f"{source} is damaged: {checked[:3]}")
        Path(parsed.database).parent.mkdir(parents=True, exist_ok=True)
        live = sqlite3.connect(parsed.database)
        try:
            backup_copy.backup(live)  # under the database's own locks: readers see old or new
        finally:
            live.close()
    except sqlite3.DatabaseError as error:
        raise BackupError(f"{source} is not a SQLite database: {error}") from error
    finally:
        backup_copy.close()


def _run_pg(program: str, url: str, *arguments: str) -> None:
    executable = shutil.which(program)
    if executable is None:
        raise BackupError(f"{program} is not installed (Debian: postgresql-client)")
    plain_url = make_url(url).set(drivername="postgresql").render_as_string(hide_password=False)
    result = subprocess.run(
        [executable, "--dbname", plain_url, *arguments], capture_output=True, text=True, check=False
    )
    if result.returncode != 0:
        raise BackupError(result.stderr.strip() or f"{program} failed")

"""A consistent copy of the database while it is in use.

SQLite: the online backup API copies the database page by page, in steps (each told to
`progress`), inside one read transaction: in WAL mode that is one snapshot while writers
go on (without it, a write between two steps would restart the copy). PostgreSQL:
pg_dump, which reads one snapshot, in its custom format (restore with pg_restore); its
progress is the tables it has dumped, read from its verbose output.
Restoring (restore()) replaces the database's contents with a backup's in one step that
readers see whole: SQLite's backup API holds the database's write lock from the first
page to the last; pg_restore runs in one transaction. Its progress: pages, or the
backup's entries (tables, their data, indexes) restored.
"""

import shutil
import sqlite3
import subprocess
from collections.abc import Callable
from pathlib import Path

from sqlalchemy import create_engine, text
from sqlalchemy.engine import make_url

from app.progress import Progress, ignore

STEP_PAGES = 4096  # 16 MiB of 4 KiB pages between two reports of progress


class BackupError(RuntimeError):
    pass


def backup(url: str, target: Path, progress: Progress = ignore) -> None:
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
            source.execute("BEGIN")
            source.execute("SELECT count(*) FROM sqlite_master").fetchone()  # the snapshot
            source.backup(destination, pages=STEP_PAGES, progress=_pages(progress), sleep=0)
        finally:
            destination.close()
            source.close()
        return
    _run_pg(
        "pg_dump",
        url,
        "--format=custom",
        "--file",
        str(target),
        steps=("dumping contents of table",),
        total=_tables(url),
        progress=progress,
    )


def restore(url: str, source: Path, progress: Progress = ignore) -> None:
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
            steps=("creating", "processing data"),
            total=_entries(source),
            progress=progress,
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
            # under the database's own locks: readers see old or new
            backup_copy.backup(live, pages=STEP_PAGES, progress=_pages(progress), sleep=0)
        finally:
            live.close()
    except sqlite3.DatabaseError as error:
        raise BackupError(f"{source} is not a SQLite database: {error}") from error
    finally:
        backup_copy.close()


def _pages(progress: Progress) -> Callable[[int, int, int], None]:
    """The backup API's report (status, pages remaining, pages in all) as progress."""

    def told(_status: int, remaining: int, total: int) -> None:
        progress(total - remaining, total)

    return told


def _tables(url: str) -> int:
    """The tables pg_dump will dump the contents of."""
    engine = create_engine(url)
    try:
        with engine.connect() as conn:
            return int(
                conn.execute(
                    text(
                        "SELECT count(*) FROM pg_tables WHERE schemaname "
                        "NOT IN ('pg_catalog', 'information_schema')"
                    )
                ).scalar_one()
            )
    finally:
        engine.dispose()


def _entries(backup: Path) -> int | None:
    """The entries of a pg_dump backup that pg_restore creates or fills."""
    executable = shutil.which("pg_restore")
    if executable is None:
        return None  # _run_pg says so
    listed = subprocess.run(
        [executable, "--list", str(backup)], capture_output=True, text=True, check=False
    )
    return sum(1 for line in listed.stdout.splitlines() if line and not line.startswith(";"))


def _run_pg(
    program: str,
    url: str,
    *arguments: str,
    steps: tuple[str, ...],
    total: int | None,
    progress: Progress,
) -> None:
    """Runs pg_dump or pg_restore, verbose: each line of its that starts with one of
    `steps` counts towards `total`; its errors are kept, its other chatter left out."""
    executable = shutil.which(program)
    if executable is None:
        raise BackupError(f"{program} is not installed (Debian: postgresql-client)")
    plain_url = make_url(url).set(drivername="postgresql").render_as_string(hide_password=False)
    said = f"{program}: "
    done, errors = 0, []
    with subprocess.Popen(
        [executable, "--verbose", "--dbname", plain_url, *arguments],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
    ) as running:
        assert running.stderr is not None
        progress(done, total)
        for line in running.stderr:
            told = line.removeprefix(said)
            if told == line or told.startswith(("error", "warning", "detail", "hint")):
                errors.append(line.rstrip())
            elif told.startswith(steps):
                done += 1
                progress(done, total)
    if running.returncode != 0:
        raise BackupError("\n".join(errors).strip() or f"{program} failed")
    progress(total or done, total)  # some entries (a sequence's value) say no step

"""The `timeline` command."""

import sys
from collections.abc import Iterator
from contextlib import ExitStack, contextmanager
from pathlib import Path
from typing import Annotated, Any

import typer
import uvicorn
from sqlalchemy.exc import OperationalError
from typer._click.exceptions import ClickException, NoArgsIsHelpError, UsageError
from typer.core import TyperGroup

from app import backups, commands, documents, progress, schema, seeds, transfer
from app.config import get_settings
from app.db import get_engine, schema_lock, settings_engine, unavailable, write_session
from app.ingest import command as ingest_command

# asyncio's event loop, not uvloop's: both answered as many requests of a page at a
# million events, but under uvloop about one in fifty waited a second round of the
# other connections' answers (p99 1.8 to 4.6 times p50 at 16 connections; asyncio 1.1
# to 1.6 times). bench.load runs our server and the ceiling with the same loop.
EVENT_LOOP = "asyncio"


class Commands(TyperGroup):
    """Every command: a database that cannot be used is one line and exit 2, never a
    traceback."""

    def invoke(self, ctx: Any) -> Any:  # typer's own click Context
        try:
            return super().invoke(ctx)
        except OperationalError as error:
            typer.echo(f"error: {unavailable(error)}", err=True)
            raise typer.Exit(2) from error


# Plain help, as the README writes the commands: rich's panels name every flag's type.
app = typer.Typer(
    help="A provenance-first timeline service.",
    no_args_is_help=True,
    rich_markup_mode=None,
    cls=Commands,
)
db = typer.Typer(
    help="The database: migrations and backups.", no_args_is_help=True, rich_markup_mode=None
)
app.add_typer(db, name="db")
app.command(name="ingest")(ingest_command.ingest)
app.command("export")(commands.export)
app.command("pull")(commands.pull_command)


def main() -> None:
    """`timeline`: a mistake in its arguments is one line on standard error, exit status 2
    (Typer would draw a panel of usage and error). Typer carries its own copy of click,
    whose exceptions these are."""
    try:
        status = app(standalone_mode=False)
    except NoArgsIsHelpError as error:
        error.show()
        sys.exit(error.exit_code)
    except UsageError as error:
        where = f" (see {error.ctx.command_path} --help)" if error.ctx else ""
        typer.echo(f"error: {error.format_message()}{where}", err=True)
        sys.exit(error.exit_code)
    except ClickException as error:
        error.show()
        sys.exit(error.exit_code)
    except typer.Abort:
        typer.echo("Aborted!", err=True)
        sys.exit(1)
    sys.exit(status if isinstance(status, int) else 0)


def prepare_database() -> list[str]:
    """Upgrades to the newest migration and seeds a database that has no events yet; what
    it found and did, for the log.

    Under the schema lock, so that servers starting together against one database do
    this one after another: the first upgrades and seeds, the others find it done.
    """
    settings = get_settings()
    url = settings.database_url
    engine = settings_engine(settings)
    with schema_lock(url):
        found = schema.stored_revisions(engine)
        upgraded = found != schema.head_revisions()
        if upgraded:
            schema.upgrade(url)
        older = ", ".join(sorted(found)) or "no tables"
        migrated = f"upgraded from {older}" if upgraded else "the newest"
        with write_session(engine) as session:
            if seeds.has_events(session):
                seeded = "already seeded: it has events"
            else:
                report = seeds.load(session, settings.seeds_dir)
                seeded = (
                    f"seeded {report.events} events, {report.actors} actors, "
                    f"{report.places} places, {report.articles} articles "
                    f"from {settings.seeds_dir}"
                )
            documents.ensure_current(session)
    return [
        f"database {schema.shown_url(url)}",
        f"migration {', '.join(sorted(schema.head_revisions()))} ({migrated})",
        seeded,
    ]


@app.command()
def serve(
    host: Annotated[
        str, typer.Option("--host", metavar="HOST", help="Address to listen on.")
    ] = "127.0.0.1",
    port: Annotated[int, typer.Option("--port", metavar="PORT", help="Port to listen on.")] = 8000,
    workers: Annotated[int, typer.Option(min=1, metavar="N", help="Worker processes.")] = 1,
) -> None:
    """Upgrade the database, seed it when it has no events, and serve HTTP."""
    for line in prepare_database():
        typer.echo(f"timeline: {line}", err=True)
    uvicorn.run(
        "app.main:create_app",
        factory=True,
        host=host,
        port=port,
        workers=workers,
        proxy_headers=True,
        loop=EVENT_LOOP,
    )


@app.command()
def seed() -> None:
    """Load seeds/ idempotently: running it twice changes nothing."""
    settings = get_settings()
    schema.upgrade(settings.database_url)
    with (
        write_session(settings_engine(settings)) as session,
        progress.bar("seeding") as shown,
    ):
        report = seeds.load(session, settings.seeds_dir, shown)
        documents.ensure_current(session)
    typer.echo(
        f"seeded: {report.articles} articles, {report.actors} actors, "
        f"{report.places} places, {report.events} events added or changed"
    )


@db.command()
def upgrade(revision: Annotated[str, typer.Argument(metavar="REV", hidden=True)] = "head") -> None:
    """Upgrade the database to revision REV (default: the newest)."""
    schema.upgrade(get_settings().database_url, revision)


@db.command()
def downgrade(
    revision: Annotated[str, typer.Argument(metavar="REV", hidden=True)],
) -> None:
    """Downgrade the database to revision REV (a revision, or 'base')."""
    url = get_settings().database_url
    commands.require_database(url, newest=False)
    schema.downgrade(url, revision)


@db.command()
def current() -> None:
    """Print the database's revision."""
    url = get_settings().database_url
    commands.require_database(url, newest=False)
    typer.echo(", ".join(sorted(schema.stored_revisions(get_engine(url)))))


@db.command()
def backup(
    path: Annotated[Path, typer.Argument(metavar="PATH", hidden=True)],
) -> None:
    """Write a consistent copy of the database to PATH while it is in use."""
    url = get_settings().database_url
    commands.require_database(url, newest=False)
    try:
        with progress.bar("backing up") as shown:
            backups.backup(url, path, shown)
    except backups.BackupError as error:
        typer.echo(f"backup failed: {error}", err=True)
        raise typer.Exit(1) from error
    typer.echo(f"backed up to {path}")


@db.command("copy")
def copy_database(
    source: Annotated[
        str, typer.Option("--from", metavar="URL", help="URL of the database to copy.")
    ],
    target: Annotated[
        str, typer.Option("--to", metavar="URL", help="URL of an empty database to fill.")
    ],
) -> None:
    """Copy a whole timeline to another database, e.g. SQLite to PostgreSQL, and check it."""
    commands.require_database(source, newest=False)
    try:
        with _bar_per_stage() as shown:
            checks = transfer.copy(source, target, shown)
    except transfer.CopyError as error:
        typer.echo(f"copy refused: {error}", err=True)
        raise typer.Exit(1) from error
    for check in checks:
        typer.echo(
            f"{check.table:<14} {check.source_rows:>8} -> {check.target_rows:<8} "
            f"{check.source_checksum} -> {check.target_checksum}  "
            + ("ok" if check.ok else "MISMATCH")
        )
    if not all(check.ok for check in checks):
        typer.echo("copy failed: the target differs from the source", err=True)
        raise typer.Exit(1)
    typer.echo(f"copied {sum(check.target_rows for check in checks)} rows, every table checked")


@contextmanager
def _bar_per_stage() -> Iterator[transfer.Progress]:
    """A bar (app.progress.bar) for each table the copy fills, then each later stage."""
    tables = {table.name for table in transfer.tables()}
    open_bar = ExitStack()
    shown: dict[str, progress.Progress] = {}

    def update(stage: str, done: int, of: int) -> None:
        if stage not in shown:
            open_bar.close()
            shown.clear()
            label = f"copying rows of {stage}" if stage in tables else stage
            shown[stage] = open_bar.enter_context(progress.bar(f"{label:<28}"))
        shown[stage](done, of)

    with open_bar:
        yield update


@db.command()
def restore(
    path: Annotated[Path, typer.Argument(metavar="PATH", hidden=True)],
) -> None:
    """Replace the database's contents with the backup at PATH, a file written by
    `db backup` (stop writers first)."""
    try:
        with progress.bar("restoring") as shown:
            backups.restore(get_settings().database_url, path, shown)
    except backups.BackupError as error:
        typer.echo(f"restore failed: {error}", err=True)
        raise typer.Exit(1) from error
    typer.echo(f"restored from {path}")

"""The `timeline` command."""

from pathlib import Path
from typing import Annotated

import typer
import uvicorn

from app import backups, commands, documents, schema, seeds, transfer
from app.config import get_settings
from app.db import get_engine, schema_lock, write_session
from app.ingest import command as ingest_command

# asyncio's event loop, not uvloop's: both answered as many requests of a page at a
# million events, but under uvloop about one in fifty waited a second round of the
# other connections' answers (p99 1.8 to 4.6 times p50 at 16 connections; asyncio 1.1
# to 1.6 times). bench.load runs our server and the ceiling with the same loop.
EVENT_LOOP = "asyncio"

app = typer.Typer(help="A provenance-first timeline service.", no_args_is_help=True)
db = typer.Typer(help="The database: migrations and backups.", no_args_is_help=True)
app.add_typer(db, name="db")
app.command(name="ingest")(ingest_command.ingest)
app.command("export")(commands.export)
app.command("pull")(commands.pull_command)


def prepare_database() -> None:
    """Upgrades to the newest migration and seeds a database that has no events yet.

    Under the schema lock, so that servers starting together against one database do
    this one after another: the first upgrades and seeds, the others find it done.
    """
    settings = get_settings()
    engine = get_engine(settings.database_url)
    with schema_lock(settings.database_url):
        if not schema.at_head(engine):
            schema.upgrade(settings.database_url)
        with write_session(engine) as session:
            if not seeds.has_events(session):
                seeds.load(session, settings.seeds_dir)
            documents.ensure_current(session)


@app.command()
def serve(
    host: Annotated[str, typer.Option(help="Address to listen on.")] = "127.0.0.1",
    port: Annotated[int, typer.Option(help="Port to listen on.")] = 8000,
    workers: Annotated[int, typer.Option(min=1, help="Worker processes.")] = 1,
) -> None:
    """Upgrade the database, seed it when it has no events, and serve HTTP."""
    prepare_database()
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
    with write_session(get_engine(settings.database_url)) as session:
        report = seeds.load(session, settings.seeds_dir)
        documents.ensure_current(session)
    typer.echo(
        f"seeded: {report.articles} articles, {report.actors} actors, "
        f"{report.places} places, {report.events} events added or changed"
    )


@db.command()
def upgrade(revision: Annotated[str, typer.Argument()] = "head") -> None:
    """Upgrade the database to a revision (default: the newest)."""
    schema.upgrade(get_settings().database_url, revision)


@db.command()
def downgrade(revision: Annotated[str, typer.Argument(help="A revision, or 'base'.")]) -> None:
    """Downgrade the database to a revision."""
    schema.downgrade(get_settings().database_url, revision)


@db.command()
def current() -> None:
    """Print the database's revision."""
    revision = schema.current_revision(get_engine(get_settings().database_url))
    typer.echo(revision or "(empty database)")


@db.command()
def backup(path: Annotated[Path, typer.Argument(help="Where to write the copy.")]) -> None:
    """Write a consistent copy of the database while it is in use."""
    try:
        backups.backup(get_settings().database_url, path)
    except backups.BackupError as error:
        typer.echo(f"backup failed: {error}", err=True)
        raise typer.Exit(1) from error
    typer.echo(f"backed up to {path}")


@db.command("copy")
def copy_database(
    source: Annotated[str, typer.Option("--from", help="URL of the database to copy.")],
    target: Annotated[str, typer.Option("--to", help="URL of an empty database to fill.")],
) -> None:
    """Copy a whole timeline to another database, e.g. SQLite to PostgreSQL, and check it."""
    try:
        checks = transfer.copy(source, target)
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


@db.command()
def restore(path: Annotated[Path, typer.Argument(help="A file written by `db backup`.")]) -> None:
    """Replace the database's contents with a backup (stop writers first)."""
    try:
        backups.restore(get_settings().database_url, path)
    except backups.BackupError as error:
        typer.echo(f"restore failed: {error}", err=True)
        raise typer.Exit(1) from error
    typer.echo(f"restored from {path}")

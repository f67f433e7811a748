"""`timeline ingest FILE...`: the same ingestion as POST /articles, from files."""

from pathlib import Path
from typing import Annotated, Literal

import orjson
import typer

from app import progress, schema
from app.commands import require_database
from app.config import get_settings
from app.db import settings_engine, write_session
from app.ingest.service import ArticleCreate, IngestRejected, ingest_once


def read_text(path: Path) -> str:
    """The file as UTF-8 text; IngestRejected for binary data or another encoding."""
    raw = path.read_bytes()
    if b"\x00" in raw:
        raise IngestRejected(422, "text", f"{path} contains NUL bytes: binary data, not text")
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError as error:
        raise IngestRejected(
            422, "text", f"{path} is not UTF-8 (byte {error.start}): {error.reason}"
        ) from error


def ingest(
    files: Annotated[
        list[Path],
        typer.Argument(metavar="FILE", hidden=True, exists=True, dir_okay=False, readable=True),
    ],
    published: Annotated[
        str | None, typer.Option(metavar="DATE", help="Publication date, any expression.")
    ] = None,
    title: Annotated[str | None, typer.Option(metavar="TEXT", help="The article's title.")] = None,
    outlet: Annotated[
        str | None, typer.Option(metavar="NAME", help="Where it was published.")
    ] = None,
    language: Annotated[
        Literal["de", "en"] | None,
        typer.Option(metavar="de|en", help="de or en (detected when not given)."),
    ] = None,
    as_json: Annotated[
        bool, typer.Option("--json", help="Print each result as POST /articles answers it.")
    ] = False,
) -> None:
    """Store articles, one a FILE of UTF-8 text: passages, date expressions, actors, places,
    linked and proposed events.

    Each file is one article and one transaction: a file that fails stores nothing.
    """
    settings = get_settings()
    require_database(settings.database_url, newest=False)
    if not schema.at_head(settings_engine(settings)):
        schema.upgrade(settings.database_url)
    failed = False
    with progress.bar("ingesting") as shown:
        for done, path in enumerate(files):
            shown(done, len(files))
            try:
                data = ArticleCreate(
                    text=read_text(path),
                    title=title,
                    published=published,
                    outlet=outlet,
                    language=language,
                )
                with write_session(settings_engine(settings)) as session:
                    found, created = ingest_once(session, settings, data)
            except IngestRejected as error:
                typer.echo(f"{path}: not ingested: {error}", err=True)
                failed = True
                continue
            if as_json:
                typer.echo(orjson.dumps(found).decode())
            else:
                verb = "stored" if created else "already stored"
                linked = sum(e["status"] == "linked" for e in found["events"])
                typer.echo(
                    f"{path}: {verb} as {found['article']['id']}: "
                    f"{len(found['passages'])} passages, {len(found['date_mentions'])} dates, "
                    f"{len(found['actor_mentions'])} actors, "
                    f"{linked} linked, {len(found['events']) - linked} proposed events"
                )
        shown(len(files), len(files))
    if failed:
        raise typer.Exit(1)

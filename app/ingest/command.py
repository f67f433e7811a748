"""`timeline ingest FILE...`: the same ingestion as POST /articles, from files."""

from pathlib import Path
from typing import Annotated, Literal

import orjson
import typer

from app import schema
from app.config import get_settings
from app.db import get_engine, write_session
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
    files: Annotated[list[Path], typer.Argument(exists=True, dir_okay=False, readable=True)],
    published: Annotated[str | None, typer.Option(help="Publication date, any expression.")] = None,
    title: Annotated[str | None, typer.Option(help="The article's title.")] = None,
    outlet: Annotated[str | None, typer.Option(help="Where it was published.")] = None,
    language: Annotated[
        Literal["de", "en"] | None, typer.Option(help="de or en (detected when not given).")
    ] = None,
    as_json: Annotated[
        bool, typer.Option("--json", help="Print each result as POST /articles answers it.")
    ] = False,
) -> None:
    """Store articles: passages, date expressions, actors, places, linked and proposed events.

    Each file is one article and one transaction: a file that fails stores nothing.
    """
    settings = get_settings()
    schema.upgrade(settings.database_url)
    failed = False
    for path in files:
        try:
            data = ArticleCreate(
                text=read_text(path),
                title=title,
                published=published,
                outlet=outlet,
                language=language,
            )
            with write_session(get_engine(settings.database_url)) as session:
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
                f"{path}: {verb} as {found['article']['id']}: {len(found['passages'])} passages, "
                f"{len(found['date_mentions'])} dates, {len(found['actor_mentions'])} actors, "
                f"{linked} linked, {len(found['events']) - linked} proposed events"
            )
    if failed:
        raise typer.Exit(1)

"""`timeline export` and `timeline pull`: events to files, from the local database or a
server, with the filters of GET /events."""

import sys
from collections.abc import Iterator
from contextlib import contextmanager
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import click
import typer
from sqlmodel import Session

from app import exports, filters
from app.config import get_settings
from app.db import get_engine

if TYPE_CHECKING:  # app.pull imports httpx, which every `timeline` start need not pay for
    from app.pull import Progress


class ExportFormat(StrEnum):
    json = "json"
    ndjson = "ndjson"
    csv = "csv"
    ics = "ics"
    timelinejs = "timelinejs"


class PullFormat(StrEnum):
    json = "json"
    ndjson = "ndjson"
    csv = "csv"


Actor = Annotated[
    list[str] | None, typer.Option(help="Actor id, name or alias; repeat for all of them.")
]
Place = Annotated[list[str] | None, typer.Option(help="Place id, name or alias; repeat for any.")]
Kind = Annotated[list[str] | None, typer.Option(help="Event kind; repeat for any.")]
Tag = Annotated[list[str] | None, typer.Option(help="Tag; repeat for all of them.")]
From = Annotated[str | None, typer.Option("--from", help="A date expression (English or German).")]
To = Annotated[str | None, typer.Option("--to", help="A date expression; its end counts.")]
Q = Annotated[str | None, typer.Option("--q", help="Full-text search.")]
ArticleId = Annotated[str | None, typer.Option(help="Only events citing this article.")]
UpdatedSince = Annotated[str | None, typer.Option(help="Only events changed since (ISO 8601).")]


def _fail(message: str) -> typer.Exit:
    typer.echo(f"error: {message}", err=True)
    return typer.Exit(2)


def export(
    fmt: Annotated[
        ExportFormat, typer.Option("--format", help="The output format.")
    ] = ExportFormat.json,
    actor: Actor = None,
    place: Place = None,
    kind: Kind = None,
    tag: Tag = None,
    date_from: From = None,
    date_to: To = None,
    q: Q = None,
    article: ArticleId = None,
    updated_since: UpdatedSince = None,
    output: Annotated[Path | None, typer.Option(help="A file instead of standard output.")] = None,
) -> None:
    """Write every matching event from the local database, streamed; timelinejs writes
    GET /timeline's document: the first TIMELINE_TIMELINE_MAX_EVENTS events, in memory."""
    settings = get_settings()
    engine = get_engine(settings.database_url)
    with Session(engine) as session:
        try:
            resolved = filters.event_filters(
                session.connection(),
                actor=actor,
                place=place,
                kind=kind,
                tag=tag,
                date_from=date_from,
                date_to=date_to,
                q=q,
                article=article,
                updated_since=updated_since,
            )
        except filters.FilterError as error:
            hint = f" (did you mean {', '.join(error.suggestions)}?)" if error.suggestions else ""
            raise _fail(f"--{error.param.replace('_', '-')}: {error.message}{hint}") from error
    chunks = exports.write(fmt.value, engine, resolved, cap=settings.timeline_max_events)
    if output is None:
        with open(sys.stdout.fileno(), "wb", closefd=False) as out:
            out.writelines(chunks)
        return
    temporary = output.with_name(output.name + ".tmp")
    with temporary.open("wb") as out:
        out.writelines(chunks)
    temporary.replace(output)


@contextmanager
def _progress_bar() -> Iterator["Progress"]:
    """A progress bar on standard error when it is a terminal; nothing otherwise."""
    if not sys.stderr.isatty():
        yield lambda _done, _total: None
        return
    bar: Any
    with click.progressbar(length=1, label="pulling", file=sys.stderr, show_pos=True) as bar:

        def update(done: int, total: int | None) -> None:
            bar.length = total or done
            bar.update(done - bar.pos)

        yield update


def pull_command(
    server: Annotated[str, typer.Option(help="The server's base URL, e.g. http://127.0.0.1:8000.")],
    output: Annotated[Path, typer.Option(help="The file to write.")],
    fmt: Annotated[
        PullFormat, typer.Option("--format", help="The output format.")
    ] = PullFormat.json,
    since: Annotated[
        Path | None,
        typer.Option(help="A state file: pull only what changed since the last pull, and keep it."),
    ] = None,
    actor: Actor = None,
    place: Place = None,
    kind: Kind = None,
    tag: Tag = None,
    date_from: From = None,
    date_to: To = None,
    q: Q = None,
    article: ArticleId = None,
    updated_since: UpdatedSince = None,
) -> None:
    """Copy a server's events into a file; with --since, fetch only what changed."""
    from app import pull

    given = {
        "actor": actor or [],
        "place": place or [],
        "kind": kind or [],
        "tag": tag or [],
        "from": [date_from] if date_from else [],
        "to": [date_to] if date_to else [],
        "q": [q] if q else [],
        "article": [article] if article else [],
        "updated_since": [updated_since] if updated_since else [],
    }
    params = {name: values for name, values in given.items() if values}
    try:
        with _progress_bar() as progress:
            journal = pull.pull(server, params, fmt.value, output, since, progress)
    except pull.PullError as error:
        raise _fail(str(error)) from error
    what = "changes" if journal.mode == "changes" else "events"
    typer.echo(f"pulled {journal.done} {what} into {output}", err=True)

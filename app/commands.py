"""`timeline export` and `timeline pull`: events to files, from the local database or a
server, with the filters of GET /events."""

import sys
from collections.abc import Callable
from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer
from sqlmodel import Session

from app import exports, filters, progress, queries, schema
from app.config import get_settings
from app.db import settings_engine
from app.languages import DEFAULT, Lang
from app.vocabulary import UnknownTerm, term


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


# Value names as the README writes them (typer would show Python types: <list[str]>). A
# metavar that is the option's name in capitals needs the name given (typer 0.27 takes
# `--KIND` otherwise).
Actor = Annotated[
    list[str] | None,
    typer.Option(metavar="NAME", help="Actor id, name or alias; repeat for all of them."),
]
Place = Annotated[
    list[str] | None,
    typer.Option(metavar="NAME", help="Place id, name or alias; repeat for any."),
]
Kind = Annotated[
    list[str] | None, typer.Option("--kind", metavar="KIND", help="Event kind; repeat for any.")
]
Tag = Annotated[
    list[str] | None, typer.Option("--tag", metavar="TAG", help="Tag; repeat for all of them.")
]
From = Annotated[
    str | None,
    typer.Option("--from", metavar="DATE", help="A date expression (English or German)."),
]
To = Annotated[
    str | None, typer.Option("--to", metavar="DATE", help="A date expression; its end counts.")
]
Q = Annotated[str | None, typer.Option("--q", metavar="TEXT", help="Full-text search.")]
ArticleId = Annotated[
    str | None, typer.Option(metavar="ID", help="Only events citing this article.")
]
Language = Annotated[
    Lang, typer.Option(metavar="en|de", help="The language of titles, summaries, names and dates.")
]
UpdatedSince = Annotated[
    str | None, typer.Option(metavar="TIME", help="Only events changed since (ISO 8601).")
]


def one_of(choices: type[StrEnum]) -> Callable[[str], str]:
    """An option's callback: the value in any case (`CSV`); an unknown one is refused with
    the closest values, as the API refuses it."""
    allowed = tuple(choices)

    def check(value: str) -> str:
        try:
            return term(value, allowed)
        except UnknownTerm as error:
            raise typer.BadParameter(f"{error}{did_you_mean(error.suggestions)}") from error

    return check


def did_you_mean(suggestions: list[str] | None) -> str:
    return f" (did you mean {', '.join(suggestions)}?)" if suggestions else ""


def _fail(message: str) -> typer.Exit:
    typer.echo(f"error: {message}", err=True)
    return typer.Exit(2)


def require_database(url: str, *, newest: bool = True) -> None:
    """A command that reads refuses a missing or unmigrated database in one line (exit 2),
    creating nothing; `newest`: one at an older revision too."""
    if reason := schema.unready(url, newest=newest):
        raise _fail(reason)


def export(
    fmt: Annotated[
        str,
        typer.Option(
            "--format",
            metavar="|".join(ExportFormat),
            callback=one_of(ExportFormat),
            help="The output format.",
        ),
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
    output: Annotated[
        Path | None, typer.Option(metavar="FILE", help="A file instead of standard output.")
    ] = None,
    bom: Annotated[
        bool, typer.Option("--bom", help="csv: start with a byte order mark, for Excel.")
    ] = False,
    lang: Language = DEFAULT,
) -> None:
    """Write every matching event from the local database, streamed; timelinejs writes
    GET /timeline's document: the first TIMELINE_TIMELINE_MAX_EVENTS events, in memory."""
    settings = get_settings()
    require_database(settings.database_url)
    engine = settings_engine(settings)
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
            hint = did_you_mean(error.suggestions)
            raise _fail(f"--{error.param.replace('_', '-')}: {error.message}{hint}") from error
        # the bar's total, counted only for a file on a terminal
        total = (
            queries.count(session.connection(), resolved)
            if output and progress.on_terminal()
            else 0
        )
    cap = settings.timeline_max_events
    if output is None:
        chunks = exports.write(fmt, engine, resolved, cap=cap, bom=bom, lang=lang)
        with open(sys.stdout.fileno(), "wb", closefd=False) as out:
            out.writelines(chunks)
        return
    temporary = output.with_name(output.name + ".tmp")
    with progress.bar("exporting") as shown, temporary.open("wb") as out:
        shown(0, total)
        out.writelines(
            exports.write(
                fmt,
                engine,
                resolved,
                cap=cap,
                bom=bom,
                progress=lambda done, _total: shown(done, total),
                lang=lang,
            )
        )
    temporary.replace(output)


def pull_command(
    server: Annotated[
        str, typer.Option(metavar="URL", help="The server's base URL, e.g. http://127.0.0.1:8000.")
    ],
    output: Annotated[Path, typer.Option(metavar="FILE", help="The file to write.")],
    fmt: Annotated[
        str,
        typer.Option(
            "--format",
            metavar="|".join(PullFormat),
            callback=one_of(PullFormat),
            help="The output format.",
        ),
    ] = PullFormat.json,
    since: Annotated[
        Path | None,
        typer.Option(
            metavar="STATE",
            help="A state file: pull only what changed since the last pull, and keep it.",
        ),
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
    lang: Language = DEFAULT,
) -> None:
    """Copy a server's events into a file; with --since, fetch only what changed."""
    from app import pull

    given: dict[str, list[str]] = {
        "actor": actor or [],
        "place": place or [],
        "kind": kind or [],
        "tag": tag or [],
        "from": [date_from] if date_from else [],
        "to": [date_to] if date_to else [],
        "q": [q] if q else [],
        "article": [article] if article else [],
        "updated_since": [updated_since] if updated_since else [],
        # only when asked for: a state file written before --lang existed stays valid
        "lang": [lang] if lang != DEFAULT else [],
    }
    params = {name: values for name, values in given.items() if values}
    try:
        with progress.bar("pulling") as shown:
            journal = pull.pull(server, params, fmt, output, since, shown)
    except pull.PullError as error:
        raise _fail(str(error)) from error
    what = "changes" if journal.mode == "changes" else "events"
    typer.echo(f"pulled {journal.done} {what} into {output}", err=True)

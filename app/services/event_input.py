"""What curators send for an event, and how it becomes an EventSpec.

Names become ids (actors and places by id or any alias), date expressions become
intervals, quotes become offsets into their article. Every bad field is collected with
its path (`date`, `actors.0`, `sources.1.quote`) so that one answer names them all.
"""

import datetime
import difflib
import re
import unicodedata
from typing import Annotated, Any, Literal

from pydantic import BaseModel, ConfigDict, Field, StrictInt, ValidationError, WithJsonSchema
from sqlmodel import Session, col, select

from app.actors import ACTORS, PLACES, Names, Unresolved, resolve
from app.dates import PRECISIONS, QUALIFIERS, DateInterval, DateParseError, parse_date
from app.languages import DEFAULT, LANGUAGES, Lang
from app.models import ROLES, Event, Passage
from app.services.errors import Problems
from app.services.events import ActorRole, SourceSpec, quote_key
from app.vocabulary import EVENT_KINDS, TAGS, documented

ID_PATTERN = r"^[a-z0-9][a-z0-9-]{0,199}$"
Status = Literal["published", "proposed", "rejected"]
DATE_OBJECT = {
    "type": "object",
    "required": ["start", "end"],
    "properties": {
        "start": {"type": "string", "format": "date"},
        "end": {"type": "string", "format": "date"},
        "precision": {"type": "string", "enum": list(PRECISIONS), "default": "day"},
        "qualifier": {"anyOf": [{"type": "string", "enum": list(QUALIFIERS)}, {"type": "null"}]},
        "end_precision": {
            "anyOf": [{"type": "string", "enum": list(PRECISIONS)}, {"type": "null"}]
        },
        "ongoing": {"type": "boolean", "default": False},
        "display": {"type": "string"},
    },
}
DateValue = Annotated[
    str | dict[str, Any],
    WithJsonSchema({"anyOf": [{"type": "string", "minLength": 1}, DATE_OBJECT]}),
    Field(
        description="A date expression in English or German (`12. Juni 2018`, `2018`), or "
        "`{start, end, precision, qualifier, end_precision, ongoing, display}` with inclusive "
        "ISO dates (`end_precision` when the end is known at another precision, `ongoing` "
        "when the event was still going on at `end`, `display` a string in the request's "
        "Content-Language or `{en, de}`)."
    ),
]


class ActorInput(BaseModel):
    model_config = ConfigDict(extra="ignore")

    id: str = Field(description="The actor's id, name or any alias.")
    role: Annotated[str, documented(ROLES)] = "participant"


class SourceInput(BaseModel):
    """A quote that must be an exact substring of the passage's text.

    When it occurs more than once, `occurrence` (1-based) or `start` (its offset in the
    article, as GET /events/{id} shows it) says which; otherwise the first is taken.
    """

    model_config = ConfigDict(extra="ignore")

    passage_id: StrictInt = Field(ge=1, le=2**31 - 1)  # strict: `true` or "1" is no id
    quote: str = Field(min_length=1)
    occurrence: StrictInt = Field(default=1, ge=1)
    start: StrictInt | None = Field(default=None, ge=0)
    stated_date: DateValue | None = None


Title = Annotated[str, Field(min_length=1, max_length=500)]


class TitleTexts(BaseModel):
    """A title in each language; one left out is kept (PATCH) or absent (POST)."""

    model_config = ConfigDict(extra="forbid")

    en: Title | None = None
    de: Title | None = None


class SummaryTexts(BaseModel):
    """A summary in each language; one left out is kept, one null is cleared."""

    model_config = ConfigDict(extra="forbid")

    en: str | None = None
    de: str | None = None


class NoteTexts(SummaryTexts):
    """A note on the date in each language; one left out is kept, one null is cleared."""


TEXTS_DESCRIPTION = (
    "A string in the language of the request's Content-Language (English by default), or "
    '`{"en": ..., "de": ...}`; PATCH changes only the languages given.'
)


class EventFields(BaseModel):
    """The fields shared by creating and updating an event."""

    model_config = ConfigDict(extra="forbid")

    title: Title | TitleTexts | None = Field(default=None, description=TEXTS_DESCRIPTION)
    summary: str | SummaryTexts | None = Field(default=None, description=TEXTS_DESCRIPTION)
    kind: Annotated[str, documented(EVENT_KINDS)] | None = Field(
        default=None, description="The kind of event."
    )
    date: DateValue | None = None
    date_note: str | NoteTexts | None = Field(default=None, description=TEXTS_DESCRIPTION)
    place: str | None = Field(default=None, description="The place's id, name or any alias.")
    actors: list[str | ActorInput] | None = None
    tags: list[Annotated[str, documented(TAGS)]] | None = None
    status: Status | None = None
    sources: list[SourceInput] | None = None


class EventCreate(EventFields):
    id: str | None = Field(
        default=None,
        description="Given, or made from the title and the start year.",
        pattern=ID_PATTERN,
    )
    title: Title | TitleTexts = Field(description=TEXTS_DESCRIPTION)
    kind: Annotated[str, documented(EVENT_KINDS)] = Field(description="The kind of event.")
    date: DateValue
    status: Status = "published"


class EventUpdate(EventFields):
    """JSON merge semantics: only the fields given change; null clears a field (summary,
    date_note, place) or empties a list; title, kind, date and status cannot be null."""


REQUIRED = ("title", "kind", "date", "status")


def _close(value: str, vocabulary: tuple[str, ...]) -> list[str]:
    return difflib.get_close_matches(value, vocabulary, n=3, cutoff=0.5)


def _day(value: Any) -> datetime.date:
    if isinstance(value, datetime.date):
        return value
    return datetime.date.fromisoformat(str(value))


def interval(value: Any, param: str, problems: Problems) -> tuple[DateInterval, Any] | None:
    """The interval and curated display (a string, or SummaryTexts in each language) of a
    date expression or a date object."""
    if isinstance(value, str):
        try:
            return parse_date(value), None
        except DateParseError as error:
            problems.add(param, str(error))
            return None
    bad = len(problems.errors)
    days: dict[str, datetime.date] = {}
    for bound in ("start", "end"):
        try:
            days[bound] = _day(value[bound])
        except KeyError:
            problems.add(f"{param}.{bound}", "is required")
        except ValueError:
            problems.add(f"{param}.{bound}", f"{value[bound]!r} is not an ISO date")
    precision, qualifier = value.get("precision", "day"), value.get("qualifier")
    end_precision, ongoing = value.get("end_precision"), value.get("ongoing", False)
    if precision not in PRECISIONS:
        problems.add(f"{param}.precision", f"must be one of {', '.join(PRECISIONS)}")
    if end_precision is not None and end_precision not in PRECISIONS:
        problems.add(f"{param}.end_precision", f"must be null or one of {', '.join(PRECISIONS)}")
    if not isinstance(ongoing, bool):
        problems.add(f"{param}.ongoing", "must be true or false")
    if qualifier is not None and qualifier not in QUALIFIERS:
        problems.add(f"{param}.qualifier", f"must be null or one of {', '.join(QUALIFIERS)}")
    if len(days) == 2 and days["end"] < days["start"]:
        problems.add(f"{param}.end", f"{days['end']} is before the start {days['start']}")
    if len(problems.errors) > bad:
        return None
    display = value.get("display")
    if isinstance(display, dict):
        try:
            display = SummaryTexts.model_validate(display)
        except ValidationError:
            display = 0  # refused below
    if display is not None and not isinstance(display, str | SummaryTexts):
        problems.add(f"{param}.display", 'must be a string or {"en": ..., "de": ...}')
        return None
    interval = DateInterval(
        days["start"], days["end"], precision, qualifier, end_precision, ongoing
    )
    return interval, display


def _name(session: Session, names: Names, value: str, param: str, problems: Problems) -> str | None:
    try:
        return resolve(session.connection(), names, value)
    except Unresolved as error:
        what = "actor" if names is ACTORS else "place"
        problems.add(param, f"no {what} is called {value!r}", suggestions=error.suggestions)
        return None


def _actors(
    session: Session, entries: list[str | ActorInput], problems: Problems
) -> list[ActorRole]:
    found: dict[str, int] = {}
    roles = []
    for n, entry in enumerate(entries):
        given = entry if isinstance(entry, ActorInput) else ActorInput(id=entry)
        if given.role not in ROLES:
            problems.add(f"actors.{n}.role", f"must be one of {', '.join(ROLES)}")
        actor_id = _name(session, ACTORS, given.id, f"actors.{n}", problems)
        if actor_id is None:
            continue
        if actor_id in found:
            problems.add(f"actors.{n}", f"is {actor_id!r} again, as actors.{found[actor_id]}")
            continue
        found[actor_id] = n
        roles.append(ActorRole(actor_id=actor_id, role=given.role))
    return roles


def locate(
    session: Session, source: SourceInput, param: str, problems: Problems
) -> SourceSpec | None:
    """The source with its offsets into the article; `param` prefixes the field names."""
    prefix = f"{param}." if param else ""
    passage = session.get(Passage, source.passage_id)
    if passage is None or passage.id is None:
        problems.add(f"{prefix}passage_id", f"no passage has the id {source.passage_id}")
        return None
    quote = source.quote
    if source.start is not None:
        offset = source.start - passage.start
        if offset < 0 or passage.text[offset : offset + len(quote)] != quote:
            problems.add(f"{prefix}start", f"the quote is not at {source.start} in its article")
            return None
    else:
        offset = -1
        for _ in range(source.occurrence):
            offset = passage.text.find(quote, offset + 1)
            if offset < 0:
                break
        if offset < 0:
            where, message = "quote", f"is not in passage {passage.id}"
            if source.occurrence > 1 and quote in passage.text:
                where, message = "occurrence", f"passage {passage.id} has fewer occurrences"
            problems.add(f"{prefix}{where}", message)
            return None
    stated = None
    if source.stated_date is not None:
        parsed = interval(source.stated_date, f"{prefix}stated_date", problems)
        if parsed is None:
            return None
        stated = parsed[0]
    start = passage.start + offset
    return SourceSpec(
        passage_id=passage.id, quote=quote, start=start, end=start + len(quote), stated_date=stated
    )


def _sources(session: Session, entries: list[SourceInput], problems: Problems) -> list[SourceSpec]:
    located: dict[tuple[int, int, int], int] = {}
    sources = []
    for n, entry in enumerate(entries):
        source = locate(session, entry, f"sources.{n}", problems)
        if source is None:
            continue
        spot = quote_key(source)
        if spot in located:
            problems.add(f"sources.{n}", f"cites the same quote as sources.{located[spot]}")
            continue
        located[spot] = n
        sources.append(source)
    return sources


def texts(field: str, value: Any, written: Lang) -> dict[str, Any]:
    """The EventSpec fields (`title`, `title_de` ...) that a text given as a string in the
    `written` language, or as `{"en", "de"}`, sets; null sets both."""
    if value is None:
        given: dict[str, Any] = dict.fromkeys(LANGUAGES)
    elif isinstance(value, BaseModel):
        given = {lang: getattr(value, lang) for lang in value.model_fields_set}
    else:
        given = {written: value}
    return {(field if lang == "en" else f"{field}_de"): text for lang, text in given.items()}


def spec_values(
    session: Session, fields: EventFields, problems: Problems, written: Lang = DEFAULT
) -> dict[str, Any]:
    """The EventSpec fields for the input fields that were given (model_fields_set); texts
    given as strings are in the `written` language."""
    given = {name: getattr(fields, name) for name in fields.model_fields_set if name != "id"}
    values: dict[str, Any] = {}
    for name, value in given.items():
        if value is None and name in REQUIRED:
            problems.add(name, "may not be null")
        elif name in ("title", "summary", "date_note"):
            values.update(texts(name, value, written))
        elif name == "kind" and value not in EVENT_KINDS:
            problems.add(
                "kind", f"{value!r} is not an event kind", suggestions=_close(value, EVENT_KINDS)
            )
        elif name == "date":
            if parsed := interval(value, "date", problems):
                values["date"], display = parsed
                values.update(texts("display", display, written))
                values.setdefault("display", None)
                values.setdefault("display_de", None)
        elif name == "place":
            values["place_id"] = (
                None if value is None else _name(session, PLACES, value, "place", problems)
            )
        elif name == "actors":
            values["actors"] = _actors(session, value or [], problems)
        elif name == "tags":
            for n, tag in enumerate(value or []):
                if tag not in TAGS:
                    problems.add(
                        f"tags.{n}", f"{tag!r} is not a tag", suggestions=_close(tag, TAGS)
                    )
            values["tags"] = list(dict.fromkeys(value or []))
        elif name == "sources":
            values["sources"] = _sources(session, value or [], problems)
        else:
            values[name] = value
    return values


def slug(text: str) -> str:
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "-", ascii_text.casefold()).strip("-")[:180].strip("-")


def new_id(session: Session, title: str, year: int) -> str:
    """`<slug of the title>-<year>`, numbered on when taken (deleted events keep theirs)."""
    base = f"{slug(title) or 'event'}-{year}"
    taken = set(
        session.exec(select(Event.id).where(col(Event.id).startswith(base, autoescape=True))).all()
    )
    number = 1
    candidate = base
    while candidate in taken:
        number += 1
        candidate = f"{base}-{number}"
    return candidate

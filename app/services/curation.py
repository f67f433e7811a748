"""Curators' writes to events: create, update, delete, add and remove sources, merge,
review the links ingestion suggested.

Each function validates everything before it stores anything, checks the caller's
precondition (the ETag it last saw, from If-Match), writes through app.services.events
(which bumps the data version), records the history, and leaves the commit to `commit`.

Concurrency: `commit` takes the database's write lock before `write` reads anything, so
writes run one at a time, each on what the one before it stored (the If-Match check
included), and SQLite never answers 'database is locked'. As a safeguard against writers
that skip the lock, Event's `change_seq` is also the ORM's version column: every event
UPDATE is `... WHERE id = :id AND change_seq = :as_read`, a write that lost a race fails
at flush with StaleDataError and stores nothing, and `commit` runs it again on fresh data
(no precondition given: the last writer wins) or answers PreconditionFailed.
"""

import hashlib
from collections import defaultdict
from collections.abc import Callable, Sequence
from typing import Any, TypeVar

import orjson
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm.exc import StaleDataError
from sqlmodel import Session, col, delete, select

from app import views
from app.dates import DateInterval
from app.db import lock_for_write
from app.languages import DEFAULT, LANGUAGES, Lang
from app.models import Event, EventActor, EventTag, Source
from app.services import events, history, links, versions
from app.services.errors import Conflict, Gone, NotFound, PreconditionFailed, Problems
from app.services.event_input import (
    EventCreate,
    EventUpdate,
    SourceInput,
    locate,
    new_id,
    spec_values,
)
from app.services.events import ActorRole, EventSpec, SourceSpec, quote_key

Json = dict[str, Any]
T = TypeVar("T")
ATTEMPTS = 5


def etag(view: Json) -> str:
    """A strong ETag: a hash of the event as the API shows it in a language (so also of its
    actors' and place's names), which changes with every write to it."""
    data = orjson.dumps(view, option=orjson.OPT_UTC_Z | orjson.OPT_SORT_KEYS)
    return '"' + hashlib.sha256(data).hexdigest()[:32] + '"'


def matches(header: str, current: str, *, weak: bool = False) -> bool:
    """Whether If-Match (strong comparison) or If-None-Match (`weak`) names `current`."""
    tags = [tag.strip() for tag in header.split(",")]
    if weak:
        tags = [tag.removeprefix("W/") for tag in tags]
    return "*" in tags or current in tags


def commit(session: Session, write: Callable[[], T], *, retry: bool) -> T:
    """Runs `write` as one transaction holding the write lock and commits it; nothing is
    stored on any error."""
    for attempt in range(1, ATTEMPTS + 1):
        try:
            lock_for_write(session)
            result = write()
            session.commit()
            return result
        except StaleDataError as error:
            session.rollback()
            if not retry or attempt == ATTEMPTS:
                raise PreconditionFailed("another write changed the event first") from error
        except IntegrityError as error:
            session.rollback()
            raise Conflict("a concurrent write stored the same thing first") from error
        except BaseException:
            session.rollback()
            raise
    raise AssertionError("unreachable")


def event_json(session: Session, event_id: str, lang: Lang = DEFAULT) -> Json:
    """The event as GET /events/{id} shows it in `lang`, as plain JSON types."""
    return _plain(views.event_detail(session.connection(), event_id, lang))


def history_json(session: Session, event_id: str) -> Json:
    """The event as its history records it: as shown in English, with `translations`,
    its texts in every language it has."""
    return _plain(views.event_detail(session.connection(), event_id, translations=True))


def _plain(rendered: Json | None) -> Json:
    """As plain JSON types (times as text), as the history stores it."""
    assert rendered is not None
    loaded: Json = orjson.loads(orjson.dumps(rendered, option=orjson.OPT_UTC_Z))
    return loaded


def live(session: Session, event_id: str) -> Event:
    """The event, or NotFound, or Gone (naming the event it was merged into, if any)."""
    event = session.get(Event, event_id)
    if event is None:
        raise NotFound(f"no event has the id {event_id!r}")
    if event.deleted_at is not None:
        target = history.merged_into(session, event_id)
        merged = f"; it was merged into {target!r}" if target else ""
        raise Gone(f"the event {event_id!r} was deleted{merged}", merged_into=target)
    return event


def _checked(session: Session, event_id: str, if_match: str | None) -> tuple[Event, Json]:
    event = live(session, event_id)
    before = history_json(session, event_id)
    if if_match is not None and not any(
        matches(if_match, etag(event_json(session, event_id, lang))) for lang in LANGUAGES
    ):  # the ETag of the event as GET /events/{id} shows it in any language
        raise PreconditionFailed(f"the event {event_id!r} has changed since that ETag")
    return event, before


def _stored_spec(session: Session, event: Event) -> EventSpec:
    """The event as stored, as the spec that would store it again."""
    return _stored_specs(session, [event])[0]


def _stored_specs(session: Session, stored: Sequence[Event]) -> list[EventSpec]:
    """_stored_spec of several events, their actors, tags and sources read in one query each."""
    ids = [event.id for event in stored]
    if not ids:
        return []
    actors: dict[str, list[EventActor]] = defaultdict(list)
    for actor in session.exec(select(EventActor).where(col(EventActor.event_id).in_(ids))):
        actors[actor.event_id].append(actor)
    tags: dict[str, list[str]] = defaultdict(list)
    for event_id, tag in session.exec(
        select(EventTag.event_id, EventTag.tag).where(col(EventTag.event_id).in_(ids))
    ):
        tags[event_id].append(tag)
    sources: dict[str, list[Source]] = defaultdict(list)
    query = select(Source).where(col(Source.event_id).in_(ids)).order_by(col(Source.id))
    for source in session.exec(query):
        sources[source.event_id].append(source)
    return [_spec(event, actors[event.id], tags[event.id], sources[event.id]) for event in stored]


def _spec(
    event: Event, actors: list[EventActor], tags: list[str], sources: list[Source]
) -> EventSpec:
    return EventSpec(
        id=event.id,
        title=event.title or None,
        title_de=event.title_de,
        summary=event.summary,
        summary_de=event.summary_de,
        kind=event.kind,
        date=DateInterval(
            event.date_start,
            event.date_end,
            event.date_precision,  # type: ignore[arg-type]
            event.date_qualifier,  # type: ignore[arg-type]
            event.date_end_precision,  # type: ignore[arg-type]
            event.date_ongoing,
        ),
        display=event.date_display,
        display_de=event.date_display_de,
        date_note=event.date_note,
        date_note_de=event.date_note_de,
        place_id=event.place_id,
        status=event.status,
        actors=[ActorRole(actor_id=a.actor_id, role=a.role) for a in actors],
        tags=list(tags),
        sources=[_source_spec(s) for s in sources],
    )


def _sources(session: Session, event_id: str) -> list[Source]:
    query = select(Source).where(Source.event_id == event_id).order_by(col(Source.id))
    return list(session.exec(query).all())


def _source_spec(source: Source) -> SourceSpec:
    return SourceSpec(
        passage_id=source.passage_id,
        quote=source.quote,
        start=source.start,
        end=source.end,
        stated_date=events.stated_date(source),
    )


def _store(
    session: Session, spec: EventSpec, *, action: str, author: str, before: Json | None
) -> Json:
    """Stores the spec and its history entry; the event as shown afterwards."""
    if not events.put(session, spec):
        return before or history_json(session, spec.id)
    return _record(session, spec.id, action=action, author=author, before=before)


def _record(
    session: Session, event_id: str, *, action: str, author: str, before: Json | None
) -> Json:
    """The history entry of a write just stored; the event as shown afterwards."""
    after = history_json(session, event_id)
    stored = session.get(Event, event_id)
    assert stored is not None
    history.record(
        session,
        event_id=event_id,
        action=action,
        author=author,
        change_seq=stored.change_seq,
        before=before,
        after=after,
    )
    return after


def seed(session: Session, spec: EventSpec) -> bool:
    """Stores an event of the seeds; True when anything changed. An event that curators
    deleted or merged away stays so, and a change to an existing event is recorded in its
    history (an update by `seeds`), so that a seed run never loses what curators cited."""
    stored = session.get(Event, spec.id)
    if stored is None:
        return events.put(session, spec)
    if stored.deleted_at is not None or not events.differs(session, stored, spec):
        return False
    before = history_json(session, spec.id)
    events.put(session, spec)
    _record(session, spec.id, action="update", author="seeds", before=before)
    return True


def _require_sources(status: str, sources: Sequence[object] | None, problems: Problems) -> None:
    """Provenance first: a published event cites at least one quote; one without any can
    be proposed, and published once sourced."""
    if status == "published" and not sources:
        problems.add("sources", "a published event needs at least one source (or status proposed)")


def create(session: Session, *, draft: EventCreate, author: str, written: Lang = DEFAULT) -> Json:
    problems = Problems()
    values = {"status": draft.status, **spec_values(session, draft, problems, written)}
    _require_sources(draft.status, draft.sources, problems)
    _titled(values, problems)
    problems.check()
    if draft.id is not None and session.get(Event, draft.id) is not None:
        raise Conflict(
            f"an event with the id {draft.id!r} exists (or existed)",
            [{"param": "id", "message": "is taken"}],
        )
    title = values.get("title") or values["title_de"]
    event_id = draft.id or new_id(session, title, values["date"].start.year)
    spec = EventSpec(id=event_id, **values)
    return _store(session, spec, action="create", author=author, before=None)


def update(
    session: Session,
    *,
    event_id: str,
    patch: EventUpdate,
    author: str,
    if_match: str | None,
    written: Lang = DEFAULT,
) -> Json:
    """Changes the fields given; a text merges per language (app.services.event_input)."""
    event, before = _checked(session, event_id, if_match)
    problems = Problems()
    values = spec_values(session, patch, problems, written)
    given = patch.model_fields_set
    _require_sources(
        patch.status if "status" in given and patch.status else event.status,
        patch.sources if "sources" in given else _sources(session, event_id),
        problems,
    )
    spec = _stored_spec(session, event).model_copy(update=values)
    _titled(spec.model_dump(include={"title", "title_de"}), problems)
    problems.check()
    links.follow(session, event_id=event_id, event_status=spec.status)
    return _store(session, spec, action="update", author=author, before=before)


def _titled(values: Json, problems: Problems) -> None:
    """An event keeps a title in at least one language."""
    refused = any(error["param"] == "title" for error in problems.errors)
    if not refused and not (values.get("title") or values.get("title_de")):
        problems.add("title", "needs a text in en or de")


def delete_event(session: Session, *, event_id: str, author: str, if_match: str | None) -> None:
    event, before = _checked(session, event_id, if_match)
    events.delete(session, event_id)
    history.record(
        session,
        event_id=event_id,
        action="delete",
        author=author,
        change_seq=event.change_seq,
        before=before,
        after=None,
    )


def add_source(
    session: Session, *, event_id: str, source: SourceInput, author: str, if_match: str | None
) -> Json:
    event, before = _checked(session, event_id, if_match)
    problems = Problems()
    located = locate(session, source, "", problems)
    problems.check()
    assert located is not None
    spec = _stored_spec(session, event)
    if any(quote_key(s) == quote_key(located) for s in spec.sources):
        raise Conflict(
            f"the event {event_id!r} already cites this quote",
            [{"param": "quote", "message": "is already a source of this event"}],
        )
    spec.sources.append(located)
    return _store(session, spec, action="add_source", author=author, before=before)


def remove_source(
    session: Session, *, event_id: str, source_id: int, author: str, if_match: str | None
) -> Json:
    event, before = _checked(session, event_id, if_match)
    sources = _sources(session, event_id)
    kept = [s for s in sources if s.id != source_id]
    if len(kept) == len(sources):
        raise NotFound(f"the event {event_id!r} has no source {source_id}")
    problems = Problems()
    _require_sources(event.status, kept, problems)
    problems.check()
    spec = _stored_spec(session, event)
    spec.sources = [_source_spec(s) for s in kept]
    return _store(session, spec, action="remove_source", author=author, before=before)


def merge(session: Session, *, event_id: str, into: str, author: str, if_match: str | None) -> Json:
    """Moves every source whose quote (passage, start, end) `into` does not cite yet to
    `into` and tombstones the event; both histories say so (the event's own copies of the
    quotes `into` had are in its last `before`), and GET /events/{event_id} then answers 410
    naming `into`."""
    event, before = _checked(session, event_id, if_match)
    problems = Problems()
    if into == event_id:
        problems.add("into", "is the event itself")
    else:
        try:
            target = live(session, into)
        except (NotFound, Gone) as error:
            problems.add("into", error.detail)
    problems.check()
    target_before = history_json(session, into)
    spec = _stored_spec(session, target)
    cited = {quote_key(s) for s in spec.sources}
    for source in _sources(session, event_id):
        if quote_key(source) not in cited:
            spec.sources.append(_source_spec(source))
            cited.add(quote_key(source))
    links.move(session, event_id=event_id, into=into)
    after = _store(session, spec, action="merge", author=author, before=target_before)
    session.exec(delete(Source).where(col(Source.event_id) == event_id))
    events.delete(session, event_id)
    history.record(
        session,
        event_id=event_id,
        action="merge",
        author=author,
        change_seq=event.change_seq,
        before=before,
        after={"merged_into": into},
    )
    return after


def review_link(
    session: Session, *, event_id: str, link_id: int, status: str, author: str, if_match: str | None
) -> Json:
    """Accepts or rejects a link: accepting cites its quote (unless the event does already),
    in the same transaction. Rejecting keeps what was cited: sources are removed with
    remove_source. Recorded as accept_link or reject_link; the same status again changes
    nothing."""
    event, before = _checked(session, event_id, if_match)
    link = links.get(session, event_id=event_id, link_id=link_id)
    if link.status == status:
        return before
    link.status = status
    session.flush()
    spec = _stored_spec(session, event)
    source = links.source(link)
    if status == "accepted" and quote_key(source) not in {quote_key(s) for s in spec.sources}:
        spec.sources.append(source)
        events.put(session, spec)
    else:
        versions.bump(session)  # the event is unchanged, what GET /events/{id} shows is not
    action = "accept_link" if status == "accepted" else "reject_link"
    return _record(session, event_id, action=action, author=author, before=before)

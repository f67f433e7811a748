"""The change feed: every event written since a position, in the order of its writes.

Positions are data versions (app.services.versions): every event write stamps the event's
`change_seq` with the version it bumped, and the bump's row lock makes versions commit in
order, so a reader who sees version N also sees every write before it. Reading
`change_seq > since` therefore never misses a change, which timestamps from concurrent
transactions cannot promise. An event written twice appears once, in its latest state.

An event that is in the filtered view (published, not deleted, matching the filters) is
answered whole, as app.views.events shapes it, plus `"deleted": false` and `change_seq`.
Any other changed event is a removal, `{"id", "deleted": true, "deleted_at", "change_seq"}`:
deleted, no longer published, or no longer matching the filters, so that a mirror that
applies every item stays exactly the view.
"""

import datetime
from dataclasses import asdict, dataclass
from typing import Any

from sqlalchemy import func, select, tuple_
from sqlmodel import Session, col

from app import pagination, queries, views
from app.languages import DEFAULT, Lang
from app.models import Event
from app.pagination import BadCursor
from app.queries import EventFilters
from app.services import versions

Since = int | datetime.datetime


MAX_POSITION = 2**63 - 1  # change_seq is a 64-bit integer in the database


def parse_since(value: str) -> Since:
    """A data version (what `since` in an answer holds) or an ISO 8601 time (UTC if no zone).

    Raises ValueError saying what is wrong with `value`.
    """
    if value.isascii() and value.isdigit():
        if int(value) > MAX_POSITION:
            raise ValueError(f"is not a position: at most {MAX_POSITION}")
        return int(value)
    try:
        moment = datetime.datetime.fromisoformat(value)
    except ValueError as error:
        raise ValueError(f"cannot read {value!r} as a position or ISO 8601 time") from error
    return moment if moment.tzinfo else moment.replace(tzinfo=datetime.UTC)


@dataclass(frozen=True)
class ChangesPage:
    items: list[dict[str, Any]]
    next_cursor: str | None
    since: int


def _changed_after(since: Since) -> Any:
    if isinstance(since, int):
        return col(Event.change_seq) > since
    return col(Event.updated_at) >= since


def page(
    session: Session,
    filters: EventFilters,
    since: Since | None,
    limit: int,
    cursor: str | None,
    lang: Lang = DEFAULT,
) -> ChangesPage:
    """One page of changes (events shown in `lang`); without `since`, no changes and the
    position to start from now.

    Raises BadCursor for a cursor that is malformed or belongs to another query.
    """
    current = versions.current(session)
    if since is None:
        return ChangesPage([], None, current)
    query_fingerprint = pagination.fingerprint({**asdict(filters), "changes_since": since})
    query = select(
        col(Event.id), col(Event.change_seq), col(Event.deleted_at), col(Event.updated_at)
    )
    query = query.where(_changed_after(since))
    if cursor:
        key = pagination.decode(cursor, query_fingerprint)
        if len(key) != 2 or not isinstance(key[0], int) or not isinstance(key[1], str):
            raise BadCursor("is malformed")
        query = query.where(tuple_(col(Event.change_seq), col(Event.id)) > tuple_(*key))
    rows = session.execute(
        query.order_by(col(Event.change_seq), col(Event.id)).limit(limit + 1)
    ).all()
    more, rows = len(rows) > limit, rows[:limit]
    ids = [row[0] for row in rows]
    dialect = session.get_bind().dialect.name
    in_view = set(
        session.execute(
            select(col(Event.id)).where(
                col(Event.id).in_(ids), queries.where_clause(filters, dialect)
            )
        ).scalars()
    )
    live = {
        event["id"]: event
        for event in views.events(session.connection(), [i for i in ids if i in in_view], lang)
    }
    items = [
        {**live[event_id], "deleted": False, "change_seq": seq}
        if event_id in live
        else {
            "id": event_id,
            "deleted": True,
            "deleted_at": deleted_at or updated_at,
            "change_seq": seq,
        }
        for event_id, seq, deleted_at, updated_at in rows
    ]
    if not more:
        last = rows[-1][1] if rows else 0
        floor = since if isinstance(since, int) else 0
        return ChangesPage(items, None, max(current, last, floor))
    next_cursor = pagination.encode([rows[-1][1], rows[-1][0]], query_fingerprint)
    return ChangesPage(items, next_cursor, _resume_position(session, since, rows[-1][1]))


def _resume_position(session: Session, since: Since, last_seq: int) -> int:
    """The position after a page that is not the last: its last change_seq, or one less when
    another change shares that change_seq (bulk loads), so that resuming misses nothing."""
    shared = session.execute(
        select(func.count()).where(_changed_after(since), col(Event.change_seq) == last_seq)
    ).scalar_one()
    return last_seq if shared <= 1 else last_seq - 1


def count(session: Session, since: Since | None) -> int:
    if since is None:
        return 0
    return int(
        session.execute(
            select(func.count()).select_from(Event).where(_changed_after(since))
        ).scalar_one()
    )

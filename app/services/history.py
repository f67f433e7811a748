"""The history of every event write, and its pages (oldest first)."""

from typing import Any

from sqlmodel import Session, col, select

from app import pagination
from app.models import EventHistory, utcnow


def record(
    session: Session,
    *,
    event_id: str,
    action: str,
    author: str,
    change_seq: int,
    before: dict[str, Any] | None,
    after: dict[str, Any] | None,
) -> None:
    session.add(
        EventHistory(
            event_id=event_id,
            action=action,
            author=author,
            at=utcnow(),
            change_seq=change_seq,
            before=before,
            after=after,
        )
    )
    session.flush()


def page(
    session: Session, *, event_id: str, limit: int, cursor: str | None
) -> tuple[list[EventHistory], str | None]:
    """One page of an event's history and the next cursor; raises BadCursor."""
    query_fingerprint = pagination.fingerprint({"history": event_id})
    query = (
        select(EventHistory)
        .where(EventHistory.event_id == event_id)
        .order_by(col(EventHistory.id))
        .limit(limit + 1)
    )
    if cursor:
        key = pagination.decode(cursor, query_fingerprint)
        if len(key) != 1 or not isinstance(key[0], int):
            raise pagination.BadCursor("is malformed")
        query = query.where(col(EventHistory.id) > key[0])
    rows = list(session.exec(query).all())
    more = len(rows) > limit
    rows = rows[:limit]
    next_cursor = pagination.encode([rows[-1].id], query_fingerprint) if more else None
    return rows, next_cursor


def merged_into(session: Session, event_id: str) -> str | None:
    """The event this one was merged into, if its last write was a merge away."""
    last = session.exec(
        select(EventHistory)
        .where(EventHistory.event_id == event_id)
        .order_by(col(EventHistory.id).desc())
        .limit(1)
    ).first()
    if last is None or last.action != "merge" or not last.after:
        return None
    target = last.after.get("merged_into")
    return str(target) if target else None

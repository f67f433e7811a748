"""The review state of event links (app.models.EventLink) as curators' writes change it.

A proposal's own links (`found_as` proposed: its sentences, which it cites) follow the
event: pending while it is proposed, accepted once published, rejected with it. A merge
moves the links of the merged event to the event it went into, where its sources went.
"""

from sqlmodel import Session, col, select

from app.models import EventLink
from app.services.errors import NotFound
from app.services.events import SourceSpec, stated_date

FOLLOWS = {"proposed": "pending", "published": "accepted", "rejected": "rejected"}


def get(session: Session, *, event_id: str, link_id: int) -> EventLink:
    link = session.get(EventLink, link_id)
    if link is None or link.event_id != event_id:
        raise NotFound(f"the event {event_id!r} has no link {link_id}")
    return link


def source(link: EventLink) -> SourceSpec:
    """The source a link becomes when it is accepted."""
    return SourceSpec(
        passage_id=link.passage_id,
        quote=link.quote,
        start=link.start,
        end=link.end,
        stated_date=stated_date(link),
    )


def follow(session: Session, *, event_id: str, event_status: str) -> None:
    """A proposal's own links take the state its event's status implies."""
    for link in session.exec(
        select(EventLink).where(EventLink.event_id == event_id, EventLink.found_as == "proposed")
    ):
        link.status = FOLLOWS[event_status]
    session.flush()


def move(session: Session, *, event_id: str, into: str) -> None:
    """The merged event's links go to `into`; those it cited (its proposal's sentences)
    arrive accepted, as their quotes became sources of `into`. Where `into` already has a
    link from the same passage, that one stays (accepted when the moved one was)."""
    there = {
        link.passage_id: link
        for link in session.exec(select(EventLink).where(EventLink.event_id == into))
    }
    moved = session.exec(
        select(EventLink).where(EventLink.event_id == event_id).order_by(col(EventLink.id))
    ).all()
    for link in moved:
        status = "accepted" if link.found_as == "proposed" else link.status
        existing = there.get(link.passage_id)
        if existing is None:
            link.event_id, link.status = into, status
            there[link.passage_id] = link
        else:
            if status == "accepted":
                existing.status = status
            session.delete(link)
    session.flush()

"""Ids page in byte order on every engine, whatever the PostgreSQL database's collation."""

from sqlmodel import Session

from app import queries
from app.actors import ACTORS
from app.db import get_engine, session_scope
from app.models import Actor
from app.services import names


def test_actor_pages_come_in_byte_order(fresh_seeded_url: str) -> None:
    # A collation that ignores hyphens puts "kimb" before "kim-c"; byte order does not.
    with session_scope(get_engine(fresh_seeded_url)) as session:
        for actor_id in ("kimb", "kim-c", "kim-a"):
            names.put(session, ACTORS, id=actor_id, name=actor_id.upper(), kind="person")
    seen: list[str] = []
    cursor = None
    with Session(get_engine(fresh_seeded_url)) as session:
        while True:
            page, cursor = queries.id_page(session, Actor, 7, cursor)
            seen += page
            if cursor is None:
                break
    assert seen == sorted(seen)
    assert seen.index("kim-c") < seen.index("kimb")
    assert len(seen) == queries.table_count(session, Actor)

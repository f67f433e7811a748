"""A search's pages are the contract's order, exactly as the plain sorted query gives it.

On SQLite a search is read in the full-text index's order, which is (date_start,
date_rank) but not the id inside one such group (app.queries._search_page). The events
here crowd a few groups, in random id order, some moved to another date after they were
written: any page cut inside a group in the index's order would show here.
"""

import datetime
import random
from collections.abc import Iterator

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from sqlalchemy import select, text
from sqlmodel import Session, col

from app import queries, search
from app.dates import DateInterval
from app.db import get_engine, session_scope
from app.models import Event
from app.queries import EventFilters, Sort
from app.services import events
from app.services.events import ActorRole, EventSpec
from tests.conftest import Databases

WORDS = ("alpha", "bravo", "charlie", "summit")
ACTORS = ("kim-jong-un", "donald-trump")
DATES = (
    DateInterval(datetime.date(2018, 6, 12), datetime.date(2018, 6, 12), "day", None),
    DateInterval(datetime.date(2018, 6, 12), datetime.date(2018, 6, 14), "day", None),
    DateInterval(datetime.date(2018, 6, 1), datetime.date(2018, 6, 30), "month", None),
    DateInterval(datetime.date(2018, 6, 1), datetime.date(2018, 6, 1), "day", None),
    DateInterval(datetime.date(2018, 1, 1), datetime.date(2018, 12, 31), "year", None),
    DateInterval(datetime.date(1999, 3, 3), datetime.date(1999, 3, 3), "day", None),
)


def crowd(rng: random.Random, number: int) -> EventSpec:
    return EventSpec(
        id=f"crowd-{number:04d}",
        title=" ".join(rng.sample(WORDS, 2)),
        kind="meeting",
        date=rng.choice(DATES),
        actors=[ActorRole(actor_id=a) for a in rng.sample(ACTORS, rng.randint(0, 2))],
    )


@pytest.fixture(scope="module")
def crowded_url(databases: Databases, seeded_url: str) -> Iterator[str]:
    """The seed corpus and 300 events in six (date_start, date_rank) groups, written in
    random id order and in several writes; 60 of them moved to another date afterwards."""
    url = databases.new(template=seeded_url)
    rng = random.Random(7)
    numbers = rng.sample(range(10_000), 300)
    with session_scope(get_engine(url)) as session:
        for first in range(0, len(numbers), 50):
            events.put_many(session, [crowd(rng, n) for n in numbers[first : first + 50]])
        events.put_many(session, [crowd(rng, n) for n in numbers[:60]])
    yield url
    databases.drop(url)


def expected(session: Session, filters: EventFilters, sort: Sort) -> list[str]:
    """The page-free answer: every match sorted by the full key, as for any other filter."""
    dialect = session.get_bind().dialect.name
    key = ("event.date_start", "event.date_rank", queries.byte_order("event.id", dialect))
    order = ", ".join(part + ("" if sort == "date" else " DESC") for part in key)
    query = select(col(Event.id)).where(queries.where_clause(filters, dialect))
    return list(session.execute(query.order_by(text(order))).scalars())


def paged(session: Session, filters: EventFilters, sort: Sort, limit: int) -> list[str]:
    got: list[str] = []
    cursor = None
    while True:
        ids, cursor = queries.fetch_page(session.connection(), filters, sort, limit, cursor)
        got += ids
        if cursor is None:
            return got


def test_every_event_has_a_key_of_its_group_and_one_search_document(crowded_url: str) -> None:
    engine = get_engine(crowded_url)
    key_column = "rowid" if engine.dialect.name == "sqlite" else "search_key"
    with Session(engine) as session:
        stored = session.execute(
            select(col(Event.date_start), col(Event.date_rank), col(Event.search_key))
        )
        keys = set()
        for start, rank, key in stored:
            first, last = search.group_keys(start, rank)
            assert first <= key <= last
            keys.add(key)
        indexed = session.execute(text(f"SELECT {key_column} FROM event_search")).scalars()
        assert sorted(indexed) == sorted(keys)


@settings(max_examples=40, deadline=None)
@given(
    word=st.sampled_from(WORDS),
    sort=st.sampled_from(["date", "-date"]),
    limit=st.integers(1, 9),
    actor=st.sampled_from([None, *ACTORS]),
    date_from=st.sampled_from([None, datetime.date(2018, 6, 12)]),
    date_to=st.sampled_from([None, datetime.date(2018, 6, 1), datetime.date(2018, 6, 12)]),
)
def test_search_pages_are_the_sorted_matches(
    crowded_url: str,
    word: str,
    sort: Sort,
    limit: int,
    actor: str | None,
    date_from: datetime.date | None,
    date_to: datetime.date | None,
) -> None:
    filters = EventFilters(
        q=word, actors=(actor,) if actor else (), date_from=date_from, date_to=date_to
    )
    with Session(get_engine(crowded_url)) as session:
        everything = expected(session, filters, sort)
        assert paged(session, filters, sort, limit) == everything

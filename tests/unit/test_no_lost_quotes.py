"""No write loses a quote: merges of events whose sources share passages and offsets in
every way two quotes can, and seed runs over curated events, on both engines."""

from collections.abc import Callable, Iterator
from itertools import count
from typing import Any, TypeVar

import pytest
from sqlmodel import Session, col, select

from app import seeds
from app.db import get_engine
from app.models import Event, EventHistory, Passage
from app.services import curation
from app.services.event_input import EventCreate, EventUpdate, SourceInput
from tests.conftest import SEEDS_DIR

T = TypeVar("T")
Quote = tuple[int, int, int]  # passage_id, start, end in the article
# Spans (start, end) within a passage; BASE beside each other span is one way two quotes of
# a passage can relate.
BASE = (0, 12)
RELATED = {
    "the same quote": (0, 12),
    "the same start, a longer end": (0, 30),
    "the same start, a shorter end": (0, 6),
    "the same end": (4, 12),
    "inside": (2, 9),
    "overlapping": (6, 20),
    "after it": (30, 45),
}
TARGET = "singapore-summit-2018"
_ids = count()


@pytest.fixture
def session(fresh_seeded_url: str) -> Iterator[Session]:
    with Session(get_engine(fresh_seeded_url)) as session:
        yield session


def write(session: Session, action: Callable[[], T]) -> T:
    return curation.commit(session, action, retry=False)


def passages(session: Session) -> tuple[Passage, Passage]:
    """Two passages of one article long enough for every span."""
    found = session.exec(select(Passage).order_by(col(Passage.id))).all()
    long = [p for p in found if len(p.text) > 60]
    return long[0], long[1]


def cite(passage: Passage, *spans: tuple[int, int]) -> list[SourceInput]:
    return [
        SourceInput(passage_id=passage.id or 0, quote=passage.text[a:b], start=passage.start + a)
        for a, b in spans
    ]


def quotes(view: dict[str, Any]) -> list[Quote]:
    return [(s["passage_id"], s["start"], s["end"]) for s in view["sources"]]


def create(session: Session, sources: list[SourceInput], status: str = "proposed") -> str:
    draft = EventCreate(
        id=f"merged-{next(_ids)}",
        title="An event to merge",
        kind="meeting",
        date="2018",
        status=status,
        sources=sources,
    )
    view = write(session, lambda: curation.create(session, draft=draft, author="tests"))
    return str(view["id"])


def merge(session: Session, event_id: str, into: str) -> dict[str, Any]:
    before = quotes(curation.event_json(session, event_id))
    target = quotes(curation.event_json(session, into))
    after = write(
        session,
        lambda: curation.merge(session, event_id=event_id, into=into, author="t", if_match=None),
    )
    assert sorted(quotes(after)) == sorted(set(before) | set(target))
    assert len(quotes(after)) == len(set(before) | set(target))  # each quote once
    return after


@pytest.mark.parametrize("relation", RELATED)
@pytest.mark.parametrize("direction", ["target cites BASE", "merged event cites BASE"])
def test_a_merge_moves_every_quote_the_target_lacks(
    session: Session, relation: str, direction: str
) -> None:
    passage, other = passages(session)
    base, related = cite(passage, BASE), cite(passage, RELATED[relation])
    if direction == "target cites BASE":
        target, merged = base + cite(other, BASE), related
    else:
        target, merged = related + cite(other, BASE), base
    into = create(session, target)
    after = merge(session, create(session, merged), into)
    expected = 2 if relation == "the same quote" else 3
    assert len(after["sources"]) == expected


def test_quotes_that_share_a_passage_and_offsets_in_every_way_survive_one_merge(
    session: Session,
) -> None:
    """The issue's case: an event citing several quotes of one passage, two of them from
    one offset, merged into a seed event that cites that passage too."""
    passage, other = passages(session)
    spans = sorted(set(RELATED.values()))  # BASE among them
    merged = create(session, cite(passage, *spans) + cite(other, BASE, (0, 30)))
    mine = quotes(curation.event_json(session, merged))
    assert len(mine) == len(spans) + 2
    seed_quotes = quotes(curation.event_json(session, TARGET))
    after = merge(session, merged, TARGET)
    assert len(after["sources"]) == len(set(mine) | set(seed_quotes))
    assert set(mine) <= set(quotes(after))
    last = session.exec(
        select(EventHistory).where(EventHistory.event_id == merged).order_by(col(EventHistory.id))
    ).all()[-1]
    assert last.action == "merge" and last.after == {"merged_into": TARGET}
    assert last.before is not None and sorted(quotes(last.before)) == sorted(mine)


def test_an_event_cites_two_quotes_from_one_offset_and_a_patch_may_say_so(
    session: Session,
) -> None:
    passage, _ = passages(session)
    event_id = create(session, cite(passage, BASE))
    view = write(
        session,
        lambda: curation.update(
            session,
            event_id=event_id,
            patch=EventUpdate(sources=cite(passage, BASE, (0, 30))),
            author="tests",
            if_match=None,
        ),
    )
    assert len(view["sources"]) == 2


def test_a_seed_run_keeps_what_curators_cited_and_deleted(session: Session) -> None:
    passage, _ = passages(session)
    added = cite(passage, (5, 25))[0]
    view = write(
        session,
        lambda: curation.add_source(
            session, event_id=TARGET, source=added, author="tests", if_match=None
        ),
    )
    curated = set(quotes(view))
    write(
        session,
        lambda: curation.delete_event(
            session, event_id="hanoi-summit-2019", author="tests", if_match=None
        ),
    )
    report = seeds.load(session, SEEDS_DIR)
    session.commit()
    assert report.events == 1
    entries = session.exec(
        select(EventHistory).where(EventHistory.event_id == TARGET).order_by(col(EventHistory.id))
    ).all()
    assert [e.action for e in entries] == ["add_source", "update"]
    assert entries[-1].author == "seeds"
    assert entries[-1].before is not None and set(quotes(entries[-1].before)) == curated
    deleted = session.get(Event, "hanoi-summit-2019")
    assert deleted is not None and deleted.deleted_at is not None
    assert seeds.load(session, SEEDS_DIR).changed == 0

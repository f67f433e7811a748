"""Property test: after any sequence of writes, every quote ever cited is on its live
event, in the event it was merged into, or removed by a write its history records. The
writes: creating events, PATCHes of sources and status, adding and removing sources,
merges, deletes, seed runs, and accepting or rejecting the links ingestion suggested."""

from collections import defaultdict
from collections.abc import Callable
from functools import partial
from itertools import count
from pathlib import Path
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlmodel import Session, col, select

from app import seeds
from app.db import get_engine
from app.ingest.service import ArticleCreate, ingest_once
from app.models import Event, EventHistory, EventLink, Passage, Source
from app.services import curation
from app.services.errors import WriteRefused
from app.services.event_input import EventCreate, EventUpdate, SourceInput
from tests.conftest import SEEDS_DIR, settings_for
from tests.reliability.state import inconsistencies

Quote = tuple[int, int, int]
SEEDED = "singapore-summit-2018"  # a seed event in every pool: seed runs write it too
ARTICLE = Path(__file__).parents[1] / "data" / "articles" / "en_hanoi_summit_2019.txt"
# Quotes of two passages that share starts, ends, or overlap: (passage 0 or 1, start, end)
SPANS = [(0, 0, 12), (0, 0, 30), (0, 4, 12), (0, 6, 20), (0, 30, 45), (1, 0, 12), (1, 0, 30)]
POOL = 6  # three new events, SEEDED, and two events with links from ingesting ARTICLE
EVENT = st.integers(0, POOL - 1)
REVIEWS = ["accepted", "rejected"]
SOURCES = st.lists(st.integers(0, len(SPANS) - 1), max_size=4, unique=True)
STEPS = st.one_of(
    st.tuples(st.just("patch"), EVENT, SOURCES),
    st.tuples(st.just("add"), EVENT, st.integers(0, len(SPANS) - 1)),
    st.tuples(st.just("remove"), EVENT, st.integers(0, 9)),
    st.tuples(st.just("merge"), EVENT, EVENT),
    st.tuples(st.just("delete"), EVENT),
    st.tuples(st.just("status"), EVENT, st.sampled_from(["published", "proposed"])),
    st.tuples(st.just("seed")),
    st.tuples(st.just("review"), EVENT, st.integers(0, 9), st.sampled_from(REVIEWS)),
)
_runs = count()


def quotes(view: dict[str, Any] | None) -> set[Quote]:
    sources = (view or {}).get("sources", [])
    return {(s["passage_id"], s["start"], s["end"]) for s in sources}


class Writer:
    """Runs steps through the curation services, noting every quote each event cited."""

    def __init__(self, session: Session, passages: list[Passage]) -> None:
        self.session = session
        self.passages = passages
        self.cited: dict[str, set[Quote]] = defaultdict(set)

    def source(self, n: int) -> SourceInput:
        which, a, b = SPANS[n]
        p = self.passages[which]
        return SourceInput(passage_id=p.id or 0, quote=p.text[a:b], start=p.start + a)

    def run(self, event_id: str, write: Callable[[], dict[str, Any] | None]) -> None:
        try:
            view = curation.commit(self.session, write, retry=False)
        except WriteRefused:
            return
        if view is not None:
            self.cited[str(view["id"])] |= quotes(view)
        self.cited[event_id] |= set()

    def step(self, pool: list[str], step: tuple[Any, ...]) -> None:
        s, kind = self.session, step[0]
        if kind == "seed":
            seeds.load(s, SEEDS_DIR)
            s.commit()
            self.cited[SEEDED] |= quotes(
                curation.event_json(s, SEEDED) if live(s, SEEDED) else None
            )
            return
        event_id = pool[step[1] % len(pool)]  # the pool is smaller when links are gone
        if kind == "patch":
            patch = EventUpdate(sources=[self.source(n) for n in step[2]])
            self.run(event_id, lambda: update(s, event_id, patch))
        elif kind == "status":
            self.run(event_id, lambda: update(s, event_id, EventUpdate(status=step[2])))
        elif kind == "add":
            source = self.source(step[2])
            self.run(
                event_id,
                lambda: curation.add_source(
                    s, event_id=event_id, source=source, author="p", if_match=None
                ),
            )
        elif kind == "remove":
            ids = s.exec(select(Source.id).where(Source.event_id == event_id)).all()
            source_id = (
                sorted(i for i in ids if i is not None)[step[2] % max(len(ids), 1)] if ids else 0
            )
            self.run(
                event_id,
                lambda: curation.remove_source(
                    s, event_id=event_id, source_id=source_id, author="p", if_match=None
                ),
            )
        elif kind == "merge":
            into = pool[step[2] % len(pool)]
            self.run(
                into,
                lambda: curation.merge(s, event_id=event_id, into=into, author="p", if_match=None),
            )
        elif kind == "review":
            found = s.exec(select(EventLink.id).where(EventLink.event_id == event_id)).all()
            link_id = (
                sorted(i for i in found if i is not None)[step[2] % len(found)] if found else 0
            )
            self.run(
                event_id,
                lambda: curation.review_link(
                    s, event_id=event_id, link_id=link_id, status=step[3], author="p", if_match=None
                ),
            )
        elif kind == "delete":
            self.run(
                event_id,
                lambda: curation.delete_event(s, event_id=event_id, author="p", if_match=None),
            )


def linked(session: Session, url: str) -> list[str]:
    """Events with links to review: ARTICLE ingested once per database, then the first and
    the last event it links or proposes, as earlier examples left them (the database
    lives for the whole test: an earlier example may have merged one into the other or
    deleted it, so there may be one, or none)."""
    if session.exec(select(EventLink.id).limit(1)).first() is None:
        text = ARTICLE.read_text(encoding="utf-8")
        ingest_once(session, settings_for(url), ArticleCreate(text=text, published="2019-02-28"))
        session.commit()
    ids = session.exec(select(EventLink.event_id).order_by(col(EventLink.id))).all()
    found = list(dict.fromkeys(ids))
    return list(dict.fromkeys([found[0], found[-1]])) if found else []


def update(session: Session, event_id: str, patch: EventUpdate) -> dict[str, Any]:
    return curation.update(session, event_id=event_id, patch=patch, author="p", if_match=None)


def live(session: Session, event_id: str) -> bool:
    event = session.get(Event, event_id)
    return event is not None and event.deleted_at is None


def accounted(
    session: Session, event_id: str, quote: Quote, seen: frozenset[str] = frozenset()
) -> bool:
    """Whether the quote is on the live event, on the event it was merged into (and so on),
    or was taken off it by a write its history records (a `before` with it, an `after`
    without it)."""
    if live(session, event_id):
        stored = session.exec(select(Source).where(Source.event_id == event_id)).all()
        if quote in {(s.passage_id, s.start, s.end) for s in stored}:
            return True
    entries = session.exec(
        select(EventHistory).where(EventHistory.event_id == event_id).order_by(col(EventHistory.id))
    ).all()
    for entry in entries:
        target = (entry.after or {}).get("merged_into")
        if target is not None:
            if target not in seen and accounted(session, target, quote, seen | {event_id}):
                return True
        elif quote in quotes(entry.before) and (
            entry.after is None or quote not in quotes(entry.after)
        ):
            return True
    return False


@settings(max_examples=25, deadline=None, suppress_health_check=list(HealthCheck))
@given(
    steps=st.lists(STEPS, min_size=1, max_size=10), first=st.lists(SOURCES, min_size=3, max_size=3)
)
def test_every_quote_ever_cited_is_live_merged_or_in_history(
    fresh_seeded_url: str, steps: list[tuple[Any, ...]], first: list[list[int]]
) -> None:
    with Session(get_engine(fresh_seeded_url)) as session:
        found = session.exec(select(Passage).order_by(col(Passage.id))).all()
        writer = Writer(session, [p for p in found if len(p.text) > 60][:2])
        run = next(_runs)
        pool = []
        for n, numbers in enumerate(first):
            event_id = f"written-{run}-{n}"
            draft = EventCreate(
                id=event_id,
                title="Written",
                kind="meeting",
                date="2018",
                status="proposed",
                sources=[writer.source(k) for k in numbers],
            )
            writer.run(event_id, partial(curation.create, session, draft=draft, author="p"))
            pool.append(event_id)
        pool.append(SEEDED)
        pool += linked(session, fresh_seeded_url)
        if live(session, SEEDED):
            writer.cited[SEEDED] |= quotes(curation.event_json(session, SEEDED))
        for step in steps:
            writer.step(pool, step)
        lost = [
            (event_id, quote)
            for event_id, cited in writer.cited.items()
            for quote in cited
            if not accounted(session, event_id, quote)
        ]
        assert lost == []
    assert inconsistencies(fresh_seeded_url) == []

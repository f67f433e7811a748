"""Stored event documents (app.documents) are always what a fresh rendering gives, the
actor links' copies of their event's columns are the event's, and each actor's facet
counts (actor_facet) are those of its live links: after
the seeds, after every kind of write over HTTP, after an upgrade from a database without
them, and after the rendering code changes. On both engines."""

from collections import Counter
from typing import Any

import httpx
import orjson
import pytest
from sqlalchemy import text, update
from sqlmodel import Session, col, select

from app import documents, schema, views
from app.db import get_engine, session_scope
from app.models import ActorFacet, DataState, Event, EventActor
from app.services.events import ACTOR_COPIES
from tests.api.test_curation import AUTH, new_event, passage_of
from tests.api.test_exports import everything
from tests.api.test_ingest import HANOI
from tests.conftest import LiveServer, settings_for


def stale_documents(url: str) -> list[str]:
    """Ids of live events whose stored document, in either language, differs from a fresh
    rendering in that language."""
    stale = []
    with Session(get_engine(url)) as session:
        for lang, column in documents.COLUMNS.items():
            stored = dict(
                session.execute(
                    select(col(Event.id), getattr(Event, column)).where(
                        col(Event.deleted_at).is_(None)
                    )
                ).all()
            )
            conn = session.connection()
            fresh = {view["id"]: view for view in views.events(conn, list(stored), lang)}
            assert fresh, "no live events to compare"
            stale += [
                event_id
                for event_id, document in stored.items()
                if document is None
                or orjson.loads(document) != orjson.loads(documents.dumps(fresh[event_id]))
            ]
    return stale


def stale_actor_copies(url: str) -> list[tuple[str, str]]:
    """(event, actor) links whose copies of the event's columns differ from the event's."""
    copied = (*ACTOR_COPIES, "deleted_at")
    with Session(get_engine(url)) as session:
        links = session.exec(select(EventActor, Event).join(Event)).all()
    assert links
    return [
        (link.event_id, link.actor_id)
        for link, event in links
        if any(getattr(link, column) != getattr(event, column) for column in copied)
    ]


def stale_tallies(url: str) -> dict[tuple[str, ...], tuple[int, int]]:
    """actor_facet's counts that differ from a count of the live links: (stored, counted)."""
    with Session(get_engine(url)) as session:
        links = session.exec(select(EventActor).where(col(EventActor.deleted_at).is_(None))).all()
        stored: dict[tuple[str, ...], int] = {
            (t.actor_id, t.status, t.facet, t.value): t.n
            for t in session.exec(select(ActorFacet).where(col(ActorFacet.n) != 0))
        }
    assert links and stored
    counted: Counter[tuple[str, ...]] = Counter()
    for link in links:
        assert link.status is not None and link.date_start is not None
        start = link.date_start.isoformat()
        for facet, value in (
            ("year", start[:4]),
            ("month", start[:7]),
            ("kind", link.kind),
            ("place", link.place_id),
        ):
            if value is not None:
                counted[(link.actor_id, link.status, facet, value)] += 1
    return {
        key: (stored.get(key, 0), counted[key])
        for key in stored.keys() | counted.keys()
        if stored.get(key, 0) != counted[key]
    }


def all_events(http: httpx.Client, **params: Any) -> list[dict[str, Any]]:
    return everything(http, "/events", **params)


def without_links(event: dict[str, Any]) -> dict[str, Any]:
    return {key: value for key, value in event.items() if key != "links"}


def test_the_seeds_store_every_document_as_rendered(seeded_url: str) -> None:
    assert stale_documents(seeded_url) == []
    assert stale_actor_copies(seeded_url) == []
    assert stale_tallies(seeded_url) == {}


def test_postgresql_stores_the_documents_lz4_compressed(seeded_url: str) -> None:
    """lz4 decompresses several times faster than pglz, and every page reads documents."""
    if not seeded_url.startswith("postgresql"):
        pytest.skip("SQLite does not compress")
    with get_engine(seeded_url).connect() as conn:
        methods = conn.exec_driver_sql(
            "SELECT DISTINCT pg_column_compression(document), pg_column_compression(document_de)"
            " FROM event WHERE pg_column_compression(document) IS NOT NULL"
        ).all()
    assert methods == [("lz4", "lz4")]


def test_every_kind_of_write_keeps_the_documents_current(
    http: httpx.Client, fresh_seeded_url: str
) -> None:
    passage = passage_of(http, "hanoi-summit-2019")
    created = http.post("/events", json=new_event(passage, status="published"), headers=AUTH)
    assert created.status_code == 201, created.text
    event_id = created.json()["id"]
    writes = [
        http.patch(
            f"/events/{event_id}",
            json={
                "title": "Renamed",
                "date": "März 2019",
                "date_note": {"en": "Month as stated.", "de": "Monat laut Artikel."},
                "tags": ["diplomacy"],
                "actors": ["Trump"],
            },
            headers=AUTH,
        ),
        http.post(
            f"/events/{event_id}/sources",
            json={"passage_id": passage["id"], "quote": passage["text"][-30:].strip()},
            headers=AUTH,
        ),
        http.patch("/actors/kim-jong-un", json={"name": "Chairman Kim"}, headers=AUTH),
        http.patch("/places/singapore", json={"name": "Singapur", "lat": 1.29}, headers=AUTH),
        http.post(f"/events/{event_id}/merge", json={"into": "hanoi-summit-2019"}, headers=AUTH),
        http.post("/articles", json={"text": HANOI, "title": "Hanoi"}, headers=AUTH),
    ]
    for answer in writes:
        assert answer.status_code in (200, 201), answer.text
    assert stale_documents(fresh_seeded_url) == []
    assert stale_actor_copies(fresh_seeded_url) == []
    assert stale_tallies(fresh_seeded_url) == {}
    shown = {event["id"]: event for event in all_events(http)}
    assert {a["name"] for a in shown["hanoi-summit-2019"]["actors"]} >= {"Chairman Kim"}
    singapore = [e for e in shown.values() if (e["place"] or {}).get("id") == "singapore"]
    assert singapore and all(e["place"]["name"] == "Singapur" for e in singapore)
    assert event_id not in shown
    proposed = all_events(http, status="proposed")
    assert proposed, "the article proposed no event"
    for event in proposed:
        assert without_links(http.get(f"/events/{event['id']}").json()) == event


def test_lists_answer_what_single_events_answer(client: httpx.Client) -> None:
    """Pages come from stored documents, one event from a fresh rendering: the same JSON,
    which adds the event's links."""
    for event in all_events(client):
        assert without_links(client.get(f"/events/{event['id']}").json()) == event


def test_missing_documents_are_rendered_on_read_and_filled_at_start(
    fresh_seeded_url: str,
) -> None:
    with (
        LiveServer(settings_for(fresh_seeded_url)) as live,
        httpx.Client(base_url=live.url, timeout=30) as http,
    ):
        before = all_events(http)
        with session_scope(get_engine(fresh_seeded_url)) as session:
            session.execute(
                update(Event).values(document=None).execution_options(synchronize_session=False)
            )
            session.execute(text("UPDATE data_state SET version = version + 1"))
        assert all_events(http) == before
    with session_scope(get_engine(fresh_seeded_url)) as session:
        assert documents.ensure_current(session) == len(before)  # none recorded yet
    with session_scope(get_engine(fresh_seeded_url)) as session:
        assert documents.ensure_current(session) == 0  # current: nothing to do
        session.execute(update(DataState).values(document_format="older"))
    with session_scope(get_engine(fresh_seeded_url)) as session:
        assert documents.ensure_current(session) == len(before)
    assert stale_documents(fresh_seeded_url) == []


def test_an_upgrade_from_before_documents_renders_them(fresh_seeded_url: str) -> None:
    schema.downgrade(fresh_seeded_url, "a1c9e3b7d5f2")
    schema.upgrade(fresh_seeded_url)
    with session_scope(get_engine(fresh_seeded_url)) as session:
        assert not session.exec(select(Event.id).where(col(Event.document).is_not(None))).all()
        assert documents.ensure_current(session) > 0
    assert stale_documents(fresh_seeded_url) == []

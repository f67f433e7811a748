"""The curation services on real databases: compare-and-set between two interleaved
writers, the transaction boundary, token names, and the vocabulary in the seed loader."""

from pathlib import Path

import pytest
import yaml
from fastapi import FastAPI
from sqlmodel import Session, col, select
from starlette.requests import Request

from app import schema, seeds
from app.api.auth import named_tokens, writer
from app.api.errors import ProblemError
from app.config import Settings
from app.db import get_engine, session_scope
from app.models import Event, EventHistory
from app.services import curation, versions
from app.services.errors import PreconditionFailed
from app.services.event_input import EventUpdate
from tests.unit.test_seeds import copy_seeds

EVENT = "hanoi-summit-2019"


def patch(session: Session, title: str, if_match: str | None) -> dict[str, object]:
    return curation.commit(
        session,
        lambda: curation.update(
            session,
            event_id=EVENT,
            patch=EventUpdate(title=title),
            author="tests",
            if_match=if_match,
        ),
        retry=if_match is None,
    )


def test_the_slower_of_two_writers_with_the_same_etag_is_refused(fresh_seeded_url: str) -> None:
    """Writer A reads the event, B writes and commits, then A writes: A's UPDATE matches no
    row (its change_seq is gone), so A stores nothing, even though its If-Match was
    right when it looked."""
    engine = get_engine(fresh_seeded_url)
    with Session(engine) as slow, Session(engine) as fast:
        seen = slow.get(Event, EVENT)
        assert seen is not None
        etag = curation.etag(curation.event_json(slow, EVENT))
        patch(fast, "The fast writer", etag)
        version = versions.current(fast)
        with pytest.raises(PreconditionFailed):
            patch(slow, "The slow writer", etag)
    with Session(engine) as session:
        assert session.get(Event, EVENT).title == "The fast writer"  # type: ignore[union-attr]
        titles = session.exec(select(EventHistory.after).order_by(col(EventHistory.id))).all()
        assert [after["title"] for after in titles if after] == ["The fast writer"]
        assert versions.current(session) == version


def test_without_if_match_the_slower_writer_is_run_again_on_fresh_data(
    fresh_seeded_url: str,
) -> None:
    engine = get_engine(fresh_seeded_url)
    with Session(engine) as slow, Session(engine) as fast:
        assert slow.get(Event, EVENT) is not None  # A has read the event
        fast_etag = curation.etag(curation.event_json(fast, EVENT))
        patch(fast, "The fast writer", fast_etag)
        after = patch(slow, "The slow writer", None)
    assert after["title"] == "The slow writer"
    with Session(engine) as session:
        entries = session.exec(select(EventHistory).order_by(col(EventHistory.id))).all()
        assert [e.after["title"] for e in entries if e.after] == [
            "The fast writer",
            "The slow writer",
        ]
        assert entries[1].before and entries[1].before["title"] == "The fast writer"


def request_with(authorization: str | None) -> Request:
    app = FastAPI()
    app.state.settings = Settings(database_url="sqlite://", api_tokens=["anna:secret-a", "plain-b"])
    headers = [(b"authorization", authorization.encode())] if authorization else []
    return Request({"type": "http", "app": app, "headers": headers})


@pytest.mark.parametrize(
    ("authorization", "expected"),
    [
        ("Bearer secret-a", "anna"),
        ("bearer  plain-b ", "token-2"),
        (None, 401),
        ("Basic c2VjcmV0LWE=", 401),
        ("Bearer ", 401),
        ("Bearer secret-", 403),
        ("Bearer anna:secret-a", 403),
    ],
)
def test_tokens_are_named_and_checked(authorization: str | None, expected: str | int) -> None:
    try:
        assert writer(request_with(authorization)) == expected
    except ProblemError as error:
        assert error.status == expected
        assert "secret" not in error.detail
        if error.status == 401:
            assert error.headers["WWW-Authenticate"].startswith("Bearer")


def test_named_tokens() -> None:
    settings = Settings(database_url="sqlite://", api_tokens=["anna:a:b", "plain"])
    assert named_tokens(settings) == [("anna", "a:b"), ("token-2", "plain")]


@pytest.mark.parametrize(("field", "value"), [("kind", "sumit"), ("tags", ["diplomacy", "x"])])
def test_the_seed_loader_refuses_kinds_and_tags_outside_the_vocabulary(
    tmp_path: Path, empty_url: str, field: str, value: object
) -> None:
    seeds_dir = copy_seeds(tmp_path)
    entries = yaml.safe_load((seeds_dir / "events.yaml").read_text(encoding="utf-8"))
    next(e for e in entries if e["id"] == EVENT)[field] = value
    (seeds_dir / "events.yaml").write_text(yaml.safe_dump(entries, allow_unicode=True))
    schema.upgrade(empty_url)
    with (
        pytest.raises(seeds.SeedError, match=rf"{EVENT}.*app/vocabulary.py"),
        session_scope(get_engine(empty_url)) as session,
    ):
        seeds.load(session, seeds_dir)

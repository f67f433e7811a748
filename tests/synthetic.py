"""A synthetic database of any size, built fast with bulk inserts (for scale tests)."""

import datetime
from typing import Any

from sqlalchemy import insert
from sqlmodel import SQLModel

from app import schema, search
from app.db import get_engine

CHUNK = 20_000
TEXT = "Am 12. Juni 2018 trafen sich Trump und Kim in Singapur. " * 4


def build(url: str, events: int) -> None:
    """Migrates `url` and fills it with `events` published events, each with two actors,
    a place and a source."""
    schema.upgrade(url)
    now = datetime.datetime.now(datetime.UTC)
    tables = SQLModel.metadata.tables
    with get_engine(url).begin() as conn:
        conn.execute(
            insert(tables["article"]),
            [{"id": "a", "title": "Gipfel", "outlet": "Zeitung", "language": "de", "text": TEXT,
              "text_sha256": "0" * 64, "created_at": now}],
        )  # fmt: skip
        conn.execute(
            insert(tables["passage"]),
            [
                {
                    "id": 1,
                    "article_id": "a",
                    "ordinal": 0,
                    "start": 0,
                    "end": len(TEXT),
                    "text": TEXT,
                }
            ],
        )
        conn.execute(
            insert(tables["actor"]),
            [
                {"id": f"actor-{i}", "name": f"Actor {i}", "kind": "person", "created_at": now,
                 "updated_at": now}
                for i in range(3)
            ],
        )  # fmt: skip
        conn.execute(
            insert(tables["place"]),
            [{"id": "singapore", "name": "Singapore", "lat": 1.29, "lon": 103.85,
              "created_at": now, "updated_at": now}],
        )  # fmt: skip
        for first in range(0, events, CHUNK):
            numbers = range(first, min(first + CHUNK, events))
            conn.execute(insert(tables["event"]), [_event(n, now) for n in numbers])
            conn.execute(
                insert(tables["event_actor"]),
                [
                    {
                        "event_id": f"e{n:07d}",
                        "actor_id": f"actor-{(n + k) % 3}",
                        "role": "participant",
                    }
                    for n in numbers
                    for k in range(2)
                ],
            )
            conn.execute(
                insert(tables["source"]),
                [
                    {"event_id": f"e{n:07d}", "passage_id": 1, "quote": TEXT[29:44], "start": 29,
                     "end": 44}
                    for n in numbers
                ],
            )  # fmt: skip


def _event(n: int, now: datetime.datetime) -> dict[str, Any]:
    day = datetime.date(1900, 1, 1) + datetime.timedelta(days=n % 40_000)
    return {
        "id": f"e{n:07d}",
        "title": f"Synthetic event {n}",
        "summary": "A summit of two leaders, with a quote from the article. " * 3,
        "kind": "summit",
        "date_start": day,
        "date_end": day,
        "date_precision": "day",
        "date_rank": 0,
        "date_display": day.isoformat(),
        "place_id": "singapore",
        "status": "published",
        "created_at": now,
        "updated_at": now,
        "change_seq": n + 1,
        "search_key": search.ordered_key(day, 0, n),
    }

"""The seed corpus as loaded: every rule the curated data must keep."""

import calendar
import datetime
from pathlib import Path
from typing import Any

import pytest
import yaml
from sqlmodel import Session, col, func, select

from app.actors import ACTORS, PLACES, resolve
from app.db import get_engine
from app.models import Article, Event, EventActor, EventTag, Passage, Source
from app.vocabulary import TAGS
from tests.conftest import SEEDS_DIR

PART_OF_UNIT = {"early": (1, 10, 1, 4), "mid": (11, 20, 5, 8), "late": (21, 31, 9, 12)}


def read(name: str) -> Any:
    return yaml.safe_load((SEEDS_DIR / name).read_text(encoding="utf-8"))


def last_day(day: datetime.date) -> int:
    return calendar.monthrange(day.year, day.month)[1]


def opens_unit(day: datetime.date, precision: str) -> bool:
    return {
        "day": True,
        "month": day.day == 1,
        "year": (day.month, day.day) == (1, 1),
        "decade": (day.year % 10, day.month, day.day) == (0, 1, 1),
    }[precision]


def closes_unit(day: datetime.date, precision: str) -> bool:
    return {
        "day": True,
        "month": day.day == last_day(day),
        "year": (day.month, day.day) == (12, 31),
        "decade": (day.year % 10, day.month, day.day) == (9, 12, 31),
    }[precision]


def well_formed(date: dict[str, Any]) -> bool:
    """The interval covers whole units of its precision, or the part its qualifier names."""
    start: datetime.date = date["start"]
    end: datetime.date = date["end"]
    precision: str = date["precision"]
    qualifier = date.get("qualifier")
    if start > end:
        return False
    if qualifier in PART_OF_UNIT:
        first_day, last, first_month, last_month = PART_OF_UNIT[qualifier]
        if precision == "month":
            return start.day == first_day and end.day == min(last, last_day(end))
        if precision == "year":
            return (start.month, start.day, end.month) == (first_month, 1, last_month)
    if qualifier in ("before", "after"):
        return True
    end_precision = date.get("end_precision", precision)
    return opens_unit(start, precision) and closes_unit(end, end_precision)


EVENTS = read("events.yaml")


@pytest.mark.parametrize("event", EVENTS, ids=[event["id"] for event in EVENTS])
def test_every_event_is_complete_and_well_dated(event: dict[str, Any]) -> None:
    assert event["kind"]
    # in English and German, as the loader demands (a date note, when there is one)
    for field in ("title", "summary", *(["date_note"] if "date_note" in event else [])):
        assert set(event[field]) == {"en", "de"} and all(event[field].values()), field
    assert event["sources"], "an event needs at least one source"
    assert set(event.get("tags", [])) <= set(TAGS)
    assert well_formed(event["date"]), event["date"]
    for source in event["sources"]:
        if source.get("stated_date"):
            assert well_formed(source["stated_date"]), source


def test_the_corpus_is_large_and_covers_the_story() -> None:
    assert len(EVENTS) > 70
    ids = {event["id"] for event in EVENTS}
    assert {
        "guam-threat-2017",
        "singapore-summit-2018",
        "hanoi-summit-2019",
        "panmunjom-meeting-2019",
        "unification-abandoned-2024",
        "end-initiative-2025",
    } <= ids


def test_loaded_corpus_keeps_its_provenance(seeded_url: str) -> None:
    with Session(get_engine(seeded_url)) as session:
        assert session.exec(select(func.count()).select_from(Event)).one() == len(EVENTS)
        unsourced = session.exec(
            select(Event.id).where(col(Event.id).not_in(select(col(Source.event_id))))
        ).all()
        assert unsourced == []
        rows = session.exec(
            select(Source, Passage, Article)
            .join(Passage, col(Passage.id) == col(Source.passage_id))
            .join(Article, col(Article.id) == col(Passage.article_id))
        ).all()
        assert len(rows) == sum(len(event["sources"]) for event in EVENTS)
        for source, passage, article in rows:
            assert article.text[source.start : source.end] == source.quote
            assert passage.start <= source.start < source.end <= passage.end
        linked_actors = session.exec(select(func.count()).select_from(EventActor)).one()
        assert linked_actors == sum(len(event.get("actors", [])) for event in EVENTS)
        assert session.exec(select(func.count()).select_from(EventTag)).one() == sum(
            len(set(event.get("tags", []))) for event in EVENTS
        )


@pytest.mark.parametrize("file", ["actors.yaml", "places.yaml"])
def test_every_actor_and_place_is_named_in_english_and_german(file: str) -> None:
    for entry in read(file):
        for field in ("name", *(["description"] if "description" in entry else [])):
            texts = entry[field]
            assert set(texts) == {"en", "de"} and all(texts.values()), (entry["id"], field)


@pytest.mark.parametrize(("table", "file"), [(ACTORS, "actors.yaml"), (PLACES, "places.yaml")])
def test_every_alias_resolves_to_exactly_its_owner(seeded_url: str, table: Any, file: str) -> None:
    with Session(get_engine(seeded_url)) as session:
        for entry in read(file):
            for name in [entry["id"], *entry["name"].values(), *entry.get("aliases", [])]:
                assert resolve(session.connection(), table, name) == entry["id"], name


def test_articles_keep_their_source_text() -> None:
    originals = Path(__file__).resolve().parents[2].parent / "shared" / "seeds"
    for text_file in sorted((SEEDS_DIR / "articles").glob("*.txt")):
        meta = yaml.safe_load(text_file.with_suffix(".yaml").read_text(encoding="utf-8"))
        assert meta["published"] and meta["published_evidence"], text_file.name
        if originals.is_dir():
            original = (originals / text_file.name).read_text(encoding="utf-8")
            assert original.endswith(text_file.read_text(encoding="utf-8")), text_file.name

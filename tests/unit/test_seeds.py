"""The seed loader: idempotent, offsets from quotes, and strict about quotes."""

import shutil
from pathlib import Path

import pytest
import yaml
from sqlmodel import Session, col, select

from app import schema, seeds
from app.db import get_engine, session_scope
from app.models import Article, Event, Passage, Source
from app.services import versions
from tests.conftest import SEEDS_DIR


def test_a_second_load_changes_nothing(fresh_seeded_url: str) -> None:
    engine = get_engine(fresh_seeded_url)
    with Session(engine) as session:
        before_version = versions.current(session)
        before = [(e.id, e.updated_at) for e in session.exec(select(Event).order_by(col(Event.id)))]
    with session_scope(engine) as session:
        report = seeds.load(session, SEEDS_DIR)
    assert report.changed == 0
    with Session(engine) as session:
        assert versions.current(session) == before_version
        after = [(e.id, e.updated_at) for e in session.exec(select(Event).order_by(col(Event.id)))]
    assert after == before


def test_offsets_are_computed_from_the_quotes(seeded_url: str) -> None:
    with Session(get_engine(seeded_url)) as session:
        rows = session.exec(
            select(Source, Passage, Article)
            .join(Passage, col(Passage.id) == col(Source.passage_id))
            .join(Article, col(Article.id) == col(Passage.article_id))
        ).all()
    assert rows
    for source, passage, article in rows:
        assert article.text[source.start : source.end] == source.quote
        assert passage.start <= source.start < source.end <= passage.end


def copy_seeds(tmp_path: Path) -> Path:
    target = tmp_path / "seeds"
    shutil.copytree(SEEDS_DIR, target)
    return target


def test_a_quote_not_in_its_article_is_refused_naming_file_and_event(
    tmp_path: Path, empty_url: str
) -> None:
    seeds_dir = copy_seeds(tmp_path)
    events = yaml.safe_load((seeds_dir / "events.yaml").read_text(encoding="utf-8"))
    target = next(e for e in events if e["id"] == "hanoi-summit-2019")
    target["sources"][0]["quote"] = "Dieser Satz steht in keinem Artikel."
    (seeds_dir / "events.yaml").write_text(yaml.safe_dump(events, allow_unicode=True))
    schema.upgrade(empty_url)
    refused = pytest.raises(seeds.SeedError, match=r"events\.yaml.*hanoi-summit-2019.*not in")
    with refused, session_scope(get_engine(empty_url)) as session:
        seeds.load(session, seeds_dir)
    with Session(get_engine(empty_url)) as session:
        assert session.exec(select(Event)).first() is None
        assert session.exec(select(Article)).first() is None

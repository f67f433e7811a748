"""An article's way into the database: stored whole, split into passages, with the date
expressions, actors and places each passage names."""

import bisect
import hashlib
import re
from dataclasses import dataclass
from typing import Any

from sqlalchemy import insert
from sqlmodel import Session, select

from app.dates import DateInterval, detect_language, find_dates
from app.ingest.names import NameMention, lexicons
from app.ingest.passages import DEFAULT_MAX_CHARS, split_passages
from app.models import ActorMention, Article, DateMention, Passage, PlaceMention


@dataclass(frozen=True)
class ArticleInput:
    text: str
    id: str | None = None
    title: str | None = None
    outlet: str | None = None
    author: str | None = None
    url: str | None = None
    language: str | None = None
    published: DateInterval | None = None
    published_evidence: str | None = None


def text_sha256(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def article_id(data: ArticleInput, digest: str) -> str:
    """A readable, stable id: the slug of the title and the start of the text's hash."""
    slug = re.sub(r"[^a-z0-9]+", "-", (data.title or "").casefold()).strip("-")[:60]
    return f"{slug}-{digest[:10]}" if slug else digest[:16]


def store_article(
    session: Session, data: ArticleInput, *, max_passage_chars: int = DEFAULT_MAX_CHARS
) -> tuple[Article, bool]:
    """The stored article for this text, and whether it was created now.

    The same text again answers the article already stored, not a copy.
    """
    digest = text_sha256(data.text)
    existing = session.exec(select(Article).where(Article.text_sha256 == digest)).first()
    if existing is not None:
        return existing, False
    published = data.published
    article = Article(
        id=data.id or article_id(data, digest),
        title=data.title,
        outlet=data.outlet,
        author=data.author,
        url=data.url,
        language=data.language or detect_language(data.text),
        text=data.text,
        text_sha256=digest,
        published_start=published.start if published else None,
        published_end=published.end if published else None,
        published_precision=published.precision if published else None,
        published_qualifier=published.qualifier if published else None,
        published_evidence=data.published_evidence,
    )
    session.add(article)
    session.flush()
    base = published.start if published else None
    actors, places = lexicons(session)
    # Bulk inserts: rows, not ORM objects built one by one (the passages come back as
    # objects from RETURNING, for link_article)
    spans = split_passages(data.text, max_passage_chars)
    passages = session.scalars(
        insert(Passage).returning(Passage, sort_by_parameter_order=True),
        [
            {"article_id": article.id, "ordinal": n, "start": a, "end": b, "text": data.text[a:b]}
            for n, (a, b) in enumerate(spans)
        ],
    ).all()
    starts = [p.start for p in passages]
    dates, actor_rows, place_rows = [], [], []
    # One reading of the whole article: a date takes its year from the dates before it,
    # headings and earlier paragraphs included (app.dates).
    for mention in find_dates(data.text, base=base, language=article.language):
        passage = passages[max(0, bisect.bisect_right(starts, mention.start) - 1)]
        if passage.start <= mention.start and mention.end <= passage.end:
            dates.append(
                {
                    "passage_id": passage.id,
                    "start": mention.start,
                    "end": mention.end,
                    "text": mention.text,
                    "date_start": mention.interval.start,
                    "date_end": mention.interval.end,
                    "precision": mention.interval.precision,
                    "qualifier": mention.interval.qualifier,
                    "inferred": mention.inferred,
                }
            )
    for passage in passages:
        start, end = passage.start, passage.end
        actor_rows += [
            {**_span(passage.id, name), "actor_id": name.owner_id}
            for name in actors.find(data.text, start, end)
        ]
        place_rows += [
            {**_span(passage.id, name), "place_id": name.owner_id}
            for name in places.find(data.text, start, end)
        ]
    for table, rows in (
        (DateMention, dates),
        (ActorMention, actor_rows),
        (PlaceMention, place_rows),
    ):
        if rows:
            session.execute(insert(table), rows)
    return article, True


def _span(passage_id: int | None, name: NameMention) -> dict[str, Any]:
    return {"passage_id": passage_id, "start": name.start, "end": name.end, "text": name.text}

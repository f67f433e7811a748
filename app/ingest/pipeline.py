"""An article's way into the database: stored whole, split into passages, with the date
expressions, actors and places each passage names."""

import bisect
import hashlib
import re
from collections import defaultdict
from dataclasses import dataclass
from typing import Any, TypeVar

from sqlalchemy import insert
from sqlmodel import Session, col, select

from app import views
from app.dates import DateInterval, detect_language, find_dates
from app.ingest.names import NameMention, Words, lexicons
from app.ingest.passages import DEFAULT_MAX_CHARS, split_passages
from app.ingest.reports import report_day
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


@dataclass(frozen=True)
class Stored:
    """An article as stored: its passages in order and, by passage id, the date, actor
    and place mentions of each in text order."""

    article: Article
    passages: list[Passage]
    dates: dict[int, list[DateMention]]
    actors: dict[int, list[ActorMention]]
    places: dict[int, list[PlaceMention]]


def read_back(session: Session, article: Article) -> Stored:
    """An article stored before, as store_article wrote it."""
    passages = session.exec(
        select(Passage).where(Passage.article_id == article.id).order_by(col(Passage.ordinal))
    ).all()
    ids = [p.id for p in passages if p.id is not None]
    return Stored(
        article,
        list(passages),
        views.by_passage(session, DateMention, ids, col(DateMention.start)),
        views.by_passage(session, ActorMention, ids, col(ActorMention.start)),
        views.by_passage(session, PlaceMention, ids, col(PlaceMention.start)),
    )


def store_article(
    session: Session, data: ArticleInput, *, max_passage_chars: int = DEFAULT_MAX_CHARS
) -> tuple[Article, Stored | None]:
    """The stored article for this text and, when it was created now, what was written (in
    memory, for linking and the answer: nothing is read back).

    The same text again answers the article already stored, not a copy.
    """
    digest = text_sha256(data.text)
    existing = session.exec(select(Article).where(Article.text_sha256 == digest)).first()
    if existing is not None:
        return existing, None
    language = data.language or detect_language(data.text)
    spans = split_passages(data.text, max_passage_chars)
    published, evidence = data.published, data.published_evidence
    # One reading of the whole article: a date takes its year from the dates before it,
    # headings and earlier paragraphs included (app.dates).
    found = find_dates(data.text, base=published.start if published else None, language=language)
    day = None if published else report_day(data.text, spans, found)
    if day is not None:  # the report's day from its dateline: read again counting from it
        published, evidence = day.interval, day.text
        found = find_dates(data.text, base=day.interval.start, language=language)
    article = Article(
        id=data.id or article_id(data, digest),
        title=data.title,
        outlet=data.outlet,
        author=data.author,
        url=data.url,
        language=language,
        text=data.text,
        text_sha256=digest,
        published_start=published.start if published else None,
        published_end=published.end if published else None,
        published_precision=published.precision if published else None,
        published_qualifier=published.qualifier if published else None,
        published_evidence=evidence,
    )
    session.add(article)
    session.flush()
    actors, places = lexicons(session)
    # Bulk inserts of rows, not ORM objects built one by one; the objects come back from
    # RETURNING, in one statement per table (in no particular order: sorted here)
    passages = sorted(
        _written(
            session,
            Passage,
            [
                {
                    "article_id": article.id,
                    "ordinal": n,
                    "start": a,
                    "end": b,
                    "text": data.text[a:b],
                }
                for n, (a, b) in enumerate(spans)
            ],
        ),
        key=lambda p: p.ordinal,
    )
    starts = [p.start for p in passages]
    dates, actor_rows, place_rows = [], [], []
    for mention in found:
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
        read = Words.of(data.text, passage.start, passage.end)  # once for both lexicons
        actor_rows += [
            {**_span(passage.id, name), "actor_id": name.owner_id} for name in actors.find_in(read)
        ]
        place_rows += [
            {**_span(passage.id, name), "place_id": name.owner_id} for name in places.find_in(read)
        ]
    return article, Stored(
        article,
        passages,
        _by_passage(_written(session, DateMention, dates)),
        _by_passage(_written(session, ActorMention, actor_rows)),
        _by_passage(_written(session, PlaceMention, place_rows)),
    )


T = TypeVar("T", Passage, DateMention, ActorMention, PlaceMention)
Mention = TypeVar("Mention", DateMention, ActorMention, PlaceMention)


def _written(session: Session, table: type[T], rows: list[dict[str, Any]]) -> list[T]:
    """The rows inserted, as objects."""
    return list(session.scalars(insert(table).returning(table), rows)) if rows else []


def _by_passage(mentions: list[Mention]) -> dict[int, list[Mention]]:
    found: dict[int, list[Mention]] = defaultdict(list)
    for mention in sorted(mentions, key=lambda m: m.start):
        found[mention.passage_id].append(mention)
    return found


def _span(passage_id: int | None, name: NameMention) -> dict[str, Any]:
    return {"passage_id": passage_id, "start": name.start, "end": name.end, "text": name.text}

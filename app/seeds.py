"""Loads seeds/ (articles, actors, places, events) through the same services as the API.

Every event's title, summary and date note, every actor's and place's name and every
actor's description is given in English and German (`{en: ..., de: ...}`); a summary,
note or description may be absent, but the load stops at an item whose text lacks either
language, naming it and the field. A date's curated `display` is English as a string, or
`{en: ..., de: ...}`; without a German one the German display is rendered from the interval.

Idempotent: whatever is already stored exactly as the seeds say is left untouched, so a
second run changes nothing, not even a timestamp. Offsets are computed here from the
quotes; a quote that is not in its article stops the load with the file and the event named.
"""

from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml
from sqlmodel import Session, select

from app.actors import ACTORS, PLACES
from app.dates import DateInterval, parse_date
from app.ingest.pipeline import ArticleInput, store_article
from app.languages import LANGUAGES
from app.models import Article, Event, Passage
from app.progress import Progress, ignore
from app.services import curation, names, versions
from app.services.events import ActorRole, EventSpec, SourceSpec
from app.vocabulary import EVENT_KINDS, TAGS


class SeedError(ValueError):
    """Seed data that cannot be loaded; the message names the file and the entry."""


@dataclass
class LoadReport:
    articles: int = 0
    actors: int = 0
    places: int = 0
    events: int = 0

    @property
    def changed(self) -> int:
        return self.articles + self.actors + self.places + self.events


def _read_yaml(path: Path) -> Any:
    with path.open(encoding="utf-8") as handle:
        return yaml.safe_load(handle)


def _interval(value: Any) -> DateInterval | None:
    if value is None:
        return None
    if isinstance(value, dict):
        return DateInterval.from_dict(value)
    return parse_date(str(value))


def texts(entry: dict[str, Any], field: str, where: str, required: bool = True) -> list[Any]:
    """The English and German text of a field, which must have both (or be absent, when
    not `required`); raises SeedError naming the item and the field."""
    value = entry.get(field)
    if value is None and not required:
        return [None, None]
    if not isinstance(value, dict):
        raise SeedError(f"{where}: {field} must be {{en: ..., de: ...}}, not {value!r}")
    for lang in LANGUAGES:
        if not isinstance(value.get(lang), str) or not value[lang].strip():
            raise SeedError(f"{where}: {field} has no {lang!r} text")
    if unknown := set(value) - set(LANGUAGES):
        raise SeedError(f"{where}: {field} has texts in {sorted(unknown)}, not en or de")
    return [value[lang] for lang in LANGUAGES]


def load(session: Session, seeds_dir: Path, progress: Progress = ignore) -> LoadReport:
    """`progress` hears of each event stored."""
    report = LoadReport()
    for table, kind, fields, translated in (
        (ACTORS, "actors", ("kind",), ("name", "description")),
        (PLACES, "places", ("kind", "lat", "lon"), ("name",)),
    ):
        for entry in _read_yaml(seeds_dir / f"{kind}.yaml"):
            values = {field: entry.get(field) for field in fields}
            where = f"{kind}.yaml, {kind[:-1]} {entry.get('id')!r}"
            for field in translated:
                values[field], values[f"{field}_de"] = texts(
                    entry, field, where, required=field == "name"
                )
            changed = names.put(
                session, table, id=entry["id"], aliases=entry.get("aliases", []), **values
            )
            setattr(report, kind, getattr(report, kind) + changed)
    if report.actors or report.places:
        versions.bump(session)  # articles below find names by the new data version's aliases
    for meta_path in sorted((seeds_dir / "articles").glob("*.yaml")):
        meta = _read_yaml(meta_path)
        text = meta_path.with_suffix(".txt").read_text(encoding="utf-8")
        _, written = store_article(
            session,
            ArticleInput(
                text=text,
                id=meta["id"],
                title=meta.get("title"),
                outlet=meta.get("outlet"),
                author=meta.get("author"),
                url=meta.get("url"),
                language=meta.get("language"),
                published=_interval(meta.get("published")),
                published_evidence=meta.get("published_evidence"),
            ),
        )
        report.articles += written is not None
    events_path = seeds_dir / "events.yaml"
    entries = _read_yaml(events_path)
    for done, entry in enumerate(entries, 1):
        spec = _event_spec(session, entry, events_path)
        report.events += curation.seed(session, spec)
        progress(done, len(entries))
    if report.changed:
        versions.bump(session)
    return report


def _event_spec(session: Session, entry: dict[str, Any], path: Path) -> EventSpec:
    where = f"{path.name}, event {entry.get('id')!r}"
    if entry.get("kind") not in EVENT_KINDS:
        raise SeedError(f"{where}: kind {entry.get('kind')!r} is not in app/vocabulary.py")
    if unknown := set(entry.get("tags", [])) - set(TAGS):
        raise SeedError(f"{where}: tags {sorted(unknown)} are not in app/vocabulary.py")
    title, title_de = texts(entry, "title", where)
    summary, summary_de = texts(entry, "summary", where, required=False)
    date_note, date_note_de = texts(entry, "date_note", where, required=False)
    try:
        date = _interval(entry["date"])
        assert date is not None
        display = entry["date"].get("display") if isinstance(entry["date"], dict) else None
        display, display_de = (
            (display.get("en"), display.get("de")) if isinstance(display, dict) else (display, None)
        )
        return EventSpec(
            id=entry["id"],
            title=title,
            title_de=title_de,
            summary=summary,
            summary_de=summary_de,
            kind=entry["kind"],
            date=date,
            display=display,
            display_de=display_de,
            date_note=date_note,
            date_note_de=date_note_de,
            place_id=entry.get("place"),
            actors=[
                ActorRole(actor_id=a["id"], role=a.get("role", "participant"))
                for a in entry.get("actors", [])
            ],
            tags=entry.get("tags", []),
            sources=[_locate(session, source, where) for source in entry.get("sources", [])],
        )
    except SeedError:
        raise
    except (KeyError, TypeError, ValueError, AssertionError) as error:
        raise SeedError(f"{where}: {error!r}") from error


def _locate(session: Session, source: dict[str, Any], where: str) -> SourceSpec:
    """Finds the quote's offsets in its article and the passage that holds it."""
    article = session.get(Article, source["article"])
    if article is None:
        raise SeedError(f"{where}: unknown article {source['article']!r}")
    quote = source["quote"]
    start = -1
    for _ in range(int(source.get("occurrence", 1))):
        start = article.text.find(quote, start + 1)
        if start < 0:
            raise SeedError(f"{where}: quote {quote!r} is not in article {article.id!r}")
    end = start + len(quote)
    passage = session.exec(
        select(Passage).where(
            Passage.article_id == article.id, Passage.start <= start, Passage.end >= end
        )
    ).first()
    if passage is None or passage.id is None:
        raise SeedError(f"{where}: quote {quote!r} crosses a passage boundary")
    stated = source.get("stated_date")
    return SourceSpec(
        passage_id=passage.id, quote=quote, start=start, end=end, stated_date=_interval(stated)
    )


def has_events(session: Session) -> bool:
    return session.exec(select(Event.id).limit(1)).first() is not None

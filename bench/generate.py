"""A synthetic database of N events for the benchmarks, built through the project's own
migrations and model tables.

Run from the repo root: ``python -m bench.generate --events 1000000 --output PATH``, or
``--db postgresql+psycopg://...`` for an empty PostgreSQL database: the same data is made
in the SQLite file --output first (an existing one is reused), then moved by `timeline db
copy` (app.transfer) and analysed (VACUUM ANALYZE), as a user moving to PostgreSQL would;
the time of each step is printed.

The seed corpus is loaded first (so `actor=kim` resolves as it does in production), then
synthetic actors, places, articles with passages, and N events with two to four actors,
one to three sources quoting exact sentences of their passages, tags, and the full-text
index. Dates run from 1945 to 2025, mostly to the day, some to the month or year, a few
to the decade, some spans, some qualified. Rows go in with the driver's executemany in
large batches, each value converted by its column's type; the event table's secondary
indexes are dropped during the load and built afterwards from the model's own Index
objects, which is several times faster than keeping them up to date row by row. Each
event's stored document is rendered by app.views from the rows in memory, not read back.
Batches of events are made (and rendered) in a second process while this one writes the
previous batch: each batch draws from a random generator seeded with its number, so the
same seed gives the same database.
"""

from __future__ import annotations

import argparse
import calendar
import datetime
import functools
import hashlib
import itertools
import multiprocessing
import random
import sys
import time
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from sqlalchemy import (
    Connection,
    Engine,
    Insert,
    Table,
    bindparam,
    create_engine,
    func,
    select,
    text,
    update,
)
from sqlmodel import col

from app import documents, facets, schema, search, seeds, transfer, views
from app.actors import normalize
from app.config import PROJECT_ROOT
from app.dates import DateInterval, Qualifier
from app.db import driver_form, get_engine, session_scope
from app.models import (
    Actor,
    ActorAlias,
    Article,
    DataState,
    Event,
    EventActor,
    EventTag,
    Passage,
    Place,
    PlaceAlias,
    Source,
)
from app.services.events import ACTOR_COPIES, date_columns, stated_columns
from bench import database_errors

BATCH = 50_000
FIRST_YEAR, LAST_YEAR = 1945, 2025
SYNTHETIC_ACTORS = 300
SYNTHETIC_PLACES = 120
EVENTS_PER_ARTICLE = 40
PASSAGES_PER_ARTICLE = 12
SENTENCES_PER_PASSAGE = 4
NOW = datetime.datetime(2026, 1, 1, tzinfo=datetime.UTC)
QUALIFIER_VALUES: tuple[Qualifier, ...] = ("early", "mid", "late", "circa", "before", "after")

# (kind, weight): summits are rare, statements common, as in the news.
KINDS = (
    ("statement", 20),
    ("meeting", 12),
    ("policy", 10),
    ("visit", 8),
    ("agreement", 8),
    ("speech", 8),
    ("sanctions", 6),
    ("military-action", 6),
    ("election", 4),
    ("weapons-test", 4),
    ("threat", 4),
    ("inauguration", 3),
    ("publication", 3),
    ("summit", 2),
    ("war", 1),
    ("death", 1),
)
TAGS = (
    "diplomacy",
    "nuclear",
    "military",
    "economy",
    "sanctions",
    "trade",
    "human-rights",
    "elections",
    "alliances",
    "missiles",
    "security",
    "media",
)
FIRST_NAMES = [
    "Anna",
    "Ben",
    "Clara",
    "David",
    "Elena",
    "Farid",
    "Greta",
    "Hana",
    "Ivan",
    "Jun",
    "Karin",
    "Lars",
    "Mei",
    "Nils",
    "Olga",
    "Pavel",
    "Quentin",
    "Rosa",
    "Sven",
    "Tomas",
    "Ulla",
    "Vera",
    "Wen",
    "Yusuf",
    "Zofia",
]
LAST_NAMES = [
    "Albrecht",
    "Brandt",
    "Chen",
    "Dietrich",
    "Eriksen",
    "Fischer",
    "Grimaldi",
    "Hoffmann",
    "Ishikawa",
    "Jansen",
    "Kovacs",
    "Lindqvist",
    "Moreau",
    "Novak",
    "Okafor",
    "Park",
    "Quist",
    "Rahman",
    "Sato",
    "Tanaka",
]
STATES = [
    "Arcadia",
    "Borduria",
    "Carpania",
    "Dorne",
    "Elbonia",
    "Freedonia",
    "Genovia",
    "Latveria",
    "Molvania",
    "Ruritania",
    "Syldavia",
    "Tomainia",
    "Vulgaria",
    "Wakanda",
    "Zubrowka",
]
CITY_PARTS = ("Nord", "Süd", "Ost", "West", "Neu", "Alt", "Port", "San", "Fort", "Bad")
CITY_ROOTS = ("hafen", "burg", "stadt", "feld", "berg", "dorf", "au", "heim", "tal", "bruck")
VERBS = (
    "meets",
    "warns",
    "signs an accord with",
    "criticises",
    "visits",
    "talks to",
    "responds to",
    "negotiates with",
)
VERBS_DE = dict(  # each title in German too
    zip(
        VERBS,
        (
            "trifft",
            "warnt",
            "unterzeichnet ein Abkommen mit",
            "kritisiert",
            "besucht",
            "spricht mit",
            "antwortet",
            "verhandelt mit",
        ),
        strict=True,
    )
)
SENTENCES = (
    "Die Regierung in {state} kündigte am Morgen neue Schritte an.",
    "{person} sagte, man werde die Gespräche fortsetzen.",
    "Beobachter in {city} sprachen von einem wichtigen Signal.",
    "The talks in {city} ended without a joint statement.",
    "{person} said both sides had agreed to meet again.",
    "Officials from {state} described the meeting as constructive.",
    "Nach Angaben aus {state} wurden weitere Treffen vereinbart.",
    "Analysts expect the decision to shape relations for years.",
    "Die Opposition in {state} kritisierte das Vorgehen scharf.",
    "A spokesperson for {person} declined to comment further.",
)


@dataclass
class Population:
    """The ids events are drawn from, with their weights."""

    actors: list[str] = field(default_factory=list)
    actor_names: dict[str, str] = field(default_factory=dict)
    actor_names_de: dict[str, str] = field(default_factory=dict)
    actor_kinds: dict[str, str] = field(default_factory=dict)
    actor_weights: list[float] = field(default_factory=list)  # cumulative
    places: list[str] = field(default_factory=list)
    place_names: dict[str, str] = field(default_factory=dict)
    place_rows: dict[str, dict[str, Any]] = field(default_factory=dict)  # as views shows them
    place_weights: list[float] = field(default_factory=list)  # cumulative


@dataclass
class Passages:
    """Synthetic passages and, per passage, its sentences as (start, end) article offsets
    and its article; the articles' columns that events show."""

    ids: list[int] = field(default_factory=list)
    sentences: dict[int, list[tuple[str, int, int]]] = field(default_factory=dict)
    article_of: dict[int, str] = field(default_factory=dict)
    articles: dict[str, dict[str, Any]] = field(default_factory=dict)


def _table(model: Any) -> Table:
    table: Table = model.__table__
    return table


def _batches(items: Iterator[dict[str, Any]], size: int = BATCH) -> Iterator[list[dict[str, Any]]]:
    batch: list[dict[str, Any]] = []
    for item in items:
        batch.append(item)
        if len(batch) >= size:
            yield batch
            batch = []
    if batch:
        yield batch


def _insert(conn: Connection, model: Any, rows: Sequence[dict[str, Any]]) -> None:
    """The rows by the driver's executemany, each value in the form its column's type gives
    the driver (app.db.driver_form): SQLAlchemy's executemany took twice as long."""
    if not rows:
        return
    sql, order, processors = driver_form(_insert_statement(model, tuple(rows[0])), conn.dialect)
    assert order is not None, "SQLite takes parameters by position"
    convert = [(name, processors.get(name)) for name in order]
    values = [
        tuple([row[name] if to is None else to(row[name]) for name, to in convert]) for row in rows
    ]
    conn.exec_driver_sql(sql, values)


@functools.cache
def _insert_statement(model: Any, columns: tuple[str, ...]) -> Insert:
    """An INSERT of these columns, made once, so that its driver form is compiled once."""
    return _table(model).insert().values({name: bindparam(name) for name in columns})


def _bulk_engine(url: str) -> Engine:
    """An engine tuned for one big load: no journal, no fsync, a large page cache."""
    engine = create_engine(url)
    with engine.connect() as conn:
        conn.exec_driver_sql("PRAGMA journal_mode=OFF")
    return engine


def _connection_pragmas(conn: Connection) -> None:
    conn.exec_driver_sql("PRAGMA synchronous=OFF")
    conn.exec_driver_sql("PRAGMA cache_size=-1000000")
    conn.exec_driver_sql("PRAGMA temp_store=MEMORY")


def _weights(count: int, top: Sequence[float]) -> list[float]:
    """Cumulative Zipf-like weights, with the first few given as shares of the total."""
    tail = [1.0 / (i + 1) for i in range(len(top), count)]
    scale = sum(tail) / (1 - sum(top))
    return list(itertools.accumulate([share * scale for share in top] + tail))


def _actors(conn: Connection, rng: random.Random) -> Population:
    population = Population()
    seeded = conn.execute(select(Actor.id, Actor.name, Actor.kind, Actor.name_de)).all()  # type: ignore[call-overload]
    taken = set(conn.execute(select(ActorAlias.normalized)).scalars())  # type: ignore[call-overload]
    actor_rows: list[dict[str, Any]] = []
    alias_rows: list[dict[str, Any]] = []
    names = [f"{first} {last}" for first in FIRST_NAMES for last in LAST_NAMES]
    rng.shuffle(names)
    for name in [*(f"Republic of {state}" for state in STATES), *names]:
        if len(actor_rows) >= SYNTHETIC_ACTORS:
            break
        actor_id = normalize(name)
        if actor_id in taken:
            continue
        taken.add(actor_id)
        kind = "state" if name.startswith("Republic") else "person"
        name_de = name.replace("Republic of", "Republik")
        actor_rows.append(
            {"id": actor_id, "name": name, "name_de": name_de, "kind": kind, "created_at": NOW}
        )
        actor_rows[-1]["updated_at"] = NOW
        alias_rows.append({"actor_id": actor_id, "alias": name, "normalized": actor_id})
    _insert(conn, Actor, actor_rows)
    _insert(conn, ActorAlias, alias_rows)
    population.actor_kinds = {str(i): str(k) for i, _, k, _ in seeded}
    population.actor_kinds.update((str(row["id"]), row["kind"]) for row in actor_rows)
    ordered = [(str(i), str(n)) for i, n, _, _ in seeded]
    # the seed actors that matter most in the corpus get the heaviest weights
    ordered.sort(key=lambda pair: pair[0] not in ("kim-jong-un", "donald-trump"))
    ordered += [(str(row["id"]), str(row["name"])) for row in actor_rows]
    population.actors = [actor_id for actor_id, _ in ordered]
    population.actor_names = dict(ordered)
    population.actor_names_de = {str(i): str(de or n) for i, n, _, de in seeded}
    population.actor_names_de.update((str(row["id"]), row["name_de"]) for row in actor_rows)
    population.actor_weights = _weights(len(ordered), (0.06, 0.05))
    return population


def _places(conn: Connection, rng: random.Random, population: Population) -> None:
    shown = [col(getattr(Place, column)) for column in NO_PLACE]  # the columns events show
    seeded = [row._asdict() for row in conn.execute(select(*shown))]
    taken = set(conn.execute(select(PlaceAlias.normalized)).scalars())  # type: ignore[call-overload]
    place_rows: list[dict[str, Any]] = []
    alias_rows: list[dict[str, Any]] = []
    for part in CITY_PARTS:
        for root in CITY_ROOTS:
            name = f"{part}{root}"
            place_id = normalize(name)
            if place_id in taken or len(place_rows) >= SYNTHETIC_PLACES:
                continue
            taken.add(place_id)
            place_rows.append(
                {
                    "id": place_id,
                    "name": name,
                    "name_de": name,
                    "kind": "city",
                    "lat": round(rng.uniform(-60, 70), 4),
                    "lon": round(rng.uniform(-180, 180), 4),
                    "created_at": NOW,
                    "updated_at": NOW,
                }
            )
            alias_rows.append({"place_id": place_id, "alias": name, "normalized": place_id})
    _insert(conn, Place, place_rows)
    _insert(conn, PlaceAlias, alias_rows)
    population.place_rows = {
        str(row["id"]): {column: row[column] for column in NO_PLACE}
        for row in [*seeded, *place_rows]
    }
    population.places = list(population.place_rows)
    population.place_names = {key: row["name"] for key, row in population.place_rows.items()}
    population.place_weights = _weights(len(population.places), ())


def _articles(conn: Connection, rng: random.Random, count: int, population: Population) -> Passages:
    """`count` articles, each a run of passages made of sentences, offsets computed here."""
    passages = Passages()
    next_id = (conn.execute(select(func.max(col(Passage.id)))).scalar_one() or 0) + 1
    people = [n for n in population.actor_names.values() if " " in n][:80]
    states = [f"Republic of {s}" for s in STATES]
    cities = list(population.place_names.values())
    article_rows: list[dict[str, Any]] = []
    passage_rows: list[dict[str, Any]] = []

    def flush() -> None:
        _insert(conn, Article, article_rows)
        _insert(conn, Passage, passage_rows)
        article_rows.clear()
        passage_rows.clear()

    for number in range(count):
        article_id = f"synthetic-{number:06d}"
        published = datetime.date(rng.randint(FIRST_YEAR, LAST_YEAR), rng.randint(1, 12), 1)
        pieces: list[str] = []
        offset = 0
        for ordinal in range(PASSAGES_PER_ARTICLE):
            sentences = [
                rng.choice(SENTENCES).format(
                    person=rng.choice(people), state=rng.choice(states), city=rng.choice(cities)
                )
                for _ in range(SENTENCES_PER_PASSAGE)
            ]
            passage_text = " ".join(sentences)
            located, cursor = [], offset
            for sentence in sentences:
                located.append((sentence, cursor, cursor + len(sentence)))
                cursor += len(sentence) + 1
            passages.ids.append(next_id)
            passages.sentences[next_id] = located
            passages.article_of[next_id] = article_id
            passage_rows.append(
                {
                    "id": next_id,
                    "article_id": article_id,
                    "ordinal": ordinal,
                    "start": offset,
                    "end": offset + len(passage_text),
                    "text": passage_text,
                }
            )
            pieces.append(passage_text)
            offset += len(passage_text) + 2
            next_id += 1
        article_text = "\n\n".join(pieces)
        article_rows.append(
            {
                "id": article_id,
                "title": f"Synthetic report {number}",
                "outlet": rng.choice(("Tagesblatt", "Morning Post", "Rundschau")),
                "author": None,
                "language": rng.choice(("de", "en")),
                "url": None,
                "text": article_text,
                "text_sha256": hashlib.sha256(article_text.encode()).hexdigest(),
                "published_start": published,
                "published_end": published,
                "published_precision": "day",
                "published_qualifier": None,
                "published_evidence": None,
                "created_at": NOW,
            }
        )
        passages.articles[article_id] = {
            column: article_rows[-1][column] for _, column in ARTICLE_SHOWN
        }
        if len(passage_rows) >= BATCH:
            flush()
    flush()
    return passages


def _random_date(rng: random.Random) -> DateInterval:
    """Mostly days, some months and years, few decades; some spans and qualifiers."""
    year = rng.randint(FIRST_YEAR, LAST_YEAR)
    roll = rng.random()
    qualifier: Qualifier | None = rng.choice(QUALIFIER_VALUES) if rng.random() < 0.05 else None
    if roll < 0.80:
        start = datetime.date(year, rng.randint(1, 12), rng.randint(1, 28))
        end = start + datetime.timedelta(days=rng.randint(1, 20)) if rng.random() < 0.08 else start
        return DateInterval(start, end, "day", None)
    if roll < 0.92:
        month = rng.randint(1, 12)
        last = calendar.monthrange(year, month)[1]
        return DateInterval(
            datetime.date(year, month, 1), datetime.date(year, month, last), "month", qualifier
        )
    if roll < 0.98:
        return DateInterval(
            datetime.date(year, 1, 1), datetime.date(year, 12, 31), "year", qualifier
        )
    decade = year - year % 10
    return DateInterval(
        datetime.date(decade, 1, 1), datetime.date(min(decade + 9, LAST_YEAR), 12, 31), "decade"
    )


@dataclass
class EventBatch:
    """Rows of BATCH events, made apart from the others: all but their search keys, which
    continue from the previous batch's (`_keyed`)."""

    events: list[dict[str, Any]] = field(default_factory=list)
    actors: list[dict[str, Any]] = field(default_factory=list)
    tags: list[dict[str, Any]] = field(default_factory=list)
    sources: list[dict[str, Any]] = field(default_factory=list)
    searched: list[str] = field(default_factory=list)  # each event's full-text document


@dataclass
class World:
    """What every batch of events draws from."""

    seed: int
    count: int
    population: Population
    passages: Passages
    change_seq: int
    first_source_id: int


_world: World  # in each process that makes batches, set by _enter


def _enter(world: World) -> None:
    global _world
    _world = world


def _event_batch(number: int) -> EventBatch:
    """Batch `number`, from a random generator of its own: the same whoever makes it.
    Its sources' ids are a range of its own (at most three sources an event)."""
    world = _world
    rng = random.Random(f"{world.seed}:{number}")
    numbers = range(number * BATCH, min((number + 1) * BATCH, world.count))
    population, passages, change_seq = world.population, world.passages, world.change_seq
    source_ids = itertools.count(world.first_source_id + number * BATCH * 3)
    batch = EventBatch()
    kinds = [k for k, _ in KINDS]
    kind_weights = list(itertools.accumulate(w for _, w in KINDS))
    for number in numbers:
        event_id = f"event-{number:07d}"
        date = _random_date(rng)
        kind = rng.choices(kinds, cum_weights=kind_weights)[0]
        wanted = rng.randint(2, 4)
        involved: list[str] = []
        while len(involved) < wanted:
            drawn = rng.choices(population.actors, cum_weights=population.actor_weights, k=wanted)
            involved = list(dict.fromkeys([*involved, *drawn]))[:wanted]
        place_id = (
            rng.choices(population.places, cum_weights=population.place_weights)[0]
            if rng.random() < 0.7
            else None
        )
        first, second = (population.actor_names[a] for a in involved[:2])
        first_de, second_de = (population.actor_names_de[a] for a in involved[:2])
        where = f" in {population.place_names[place_id]}" if place_id else ""
        where_de = f" in {population.place_rows[place_id]['name_de']}" if place_id else ""
        verb = rng.choice(VERBS)
        title = f"{first} {verb} {second}{where}"
        title_de = f"{first_de} {VERBS_DE[verb]} {second_de}{where_de}"
        summary = f"A {kind.replace('-', ' ')} involving {', '.join(involved)}."
        summary_de = f"Ein Ereignis der Art {kind} mit {', '.join(involved)}."
        updated = NOW - datetime.timedelta(seconds=rng.randint(0, 86400 * 365 * 3))
        batch.events.append(
            {
                "id": event_id,
                "title": title,
                "title_de": title_de,
                "summary": summary,
                "summary_de": summary_de,
                "kind": kind,
                **date_columns(date),
                "date_display_de": None,
                "date_note": None,
                "date_note_de": None,
                "place_id": place_id,
                "status": "published",
                "created_at": updated,
                "updated_at": updated,
                "deleted_at": None,
                "change_seq": change_seq,
            }
        )
        copied = {column: batch.events[-1][column] for column in ACTOR_COPIES}
        for position, actor_id in enumerate(involved):
            role = "initiator" if position == 0 else "participant"
            batch.actors.append(
                {"event_id": event_id, "actor_id": actor_id, "role": role, **copied}
            )
        tags = rng.sample(TAGS, rng.randint(0, 3))
        batch.tags += ({"event_id": event_id, "tag": tag} for tag in tags)
        quotes = []
        for passage_id in rng.sample(passages.ids, rng.randint(1, 3)):
            quote, start, end = rng.choice(passages.sentences[passage_id])
            stated = date if rng.random() < 0.3 else None
            quotes.append(quote)
            batch.sources.append(
                {
                    "id": next(source_ids),
                    "event_id": event_id,
                    "passage_id": passage_id,
                    "quote": quote,
                    "start": start,
                    "end": end,
                    **stated_columns(stated),
                }
            )
        texts = [title, title_de, summary, summary_de, kind, *tags, *quotes]
        batch.searched.append("\n".join(texts))
    _render(batch, population, passages)
    return batch


def _shown(columns: tuple[Any, ...]) -> tuple[tuple[str, str], ...]:
    """(table, column) of each of app.views' columns."""
    return tuple((column.class_.__tablename__, column.key) for column in columns)


EVENT_SHOWN = _shown(views.EVENT_COLUMNS)
ACTOR_SHOWN = _shown(views.ACTOR_COLUMNS)
TAG_SHOWN = _shown(views.TAG_COLUMNS)
SOURCE_SHOWN = _shown(views.SOURCE_COLUMNS)
ARTICLE_SHOWN = _shown(views.ARTICLE_COLUMNS)
NO_PLACE = dict.fromkeys(column for table, column in EVENT_SHOWN if table == "place")


def _row(shown: tuple[tuple[str, str], ...], **tables: dict[str, Any]) -> tuple[Any, ...]:
    return tuple(tables[table][column] for table, column in shown)


def _render(batch: EventBatch, population: Population, passages: Passages) -> None:
    """Stores each event's document as app.views renders it, from the rows in memory: as
    reading them back from the database would give them, in a fraction of the time."""
    places = population.place_rows
    actors = {
        actor_id: {
            "id": actor_id,
            "name": name,
            "name_de": population.actor_names_de[actor_id],
            "kind": population.actor_kinds[actor_id],
        }
        for actor_id, name in population.actor_names.items()
    }
    cited = {passages.article_of[source["passage_id"]] for source in batch.sources}
    rows = views.EventRows(
        events=[
            _row(EVENT_SHOWN, event=event, place=places.get(event["place_id"], NO_PLACE))
            for event in batch.events
        ],
        actors=[
            _row(ACTOR_SHOWN, event_actor=a, actor=actors[a["actor_id"]]) for a in batch.actors
        ],
        tags=[_row(TAG_SHOWN, event_tag=tag) for tag in batch.tags],
        sources=[
            _row(
                SOURCE_SHOWN,
                source=source,
                passage={"article_id": passages.article_of[source["passage_id"]]},
            )
            for source in batch.sources
        ],
        articles=[_row(ARTICLE_SHOWN, article=passages.articles[a]) for a in cited],
    )
    ids = [event["id"] for event in batch.events]
    for lang, column in documents.COLUMNS.items():
        for event, view in zip(batch.events, views.assemble(ids, rows, lang), strict=True):
            event[column] = documents.dumps(view).decode()


def _keyed(
    batch: EventBatch, largest: dict[tuple[datetime.date, int], int | None]
) -> list[dict[str, Any]]:
    """Gives the batch's events their search keys, each (start, rank) group continuing
    after its largest key (as app.search.assign_keys); their full-text rows, by key."""
    rows = []
    for event, searched in zip(batch.events, batch.searched, strict=True):
        group = (event["date_start"], event["date_rank"])
        key = largest[group] = search.following_key(*group, largest.get(group))
        event["search_key"] = key
        rows.append({"key": key, "document": searched})
    # FTS5 writes its pending documents out whenever a rowid is smaller than the last
    return sorted(rows, key=lambda row: int(row["key"]))


def _events(
    conn: Connection, seed: int, count: int, population: Population, passages: Passages
) -> None:
    """The events, made in a second process while this one writes: both cores work."""
    version = int(conn.execute(select(DataState.version)).scalar_one()) + 1  # type: ignore[call-overload]
    group = (col(Event.date_start), col(Event.date_rank))
    grouped = select(*group, func.max(col(Event.search_key))).group_by(*group)
    largest_keys: dict[tuple[datetime.date, int], int | None]
    largest_keys = {(start, rank): key for start, rank, key in conn.execute(grouped)}
    fts_insert = text("INSERT INTO event_search (rowid, document) VALUES (:key, :document)")
    first_source_id = (conn.execute(select(func.max(col(Source.id)))).scalar() or 0) + 1
    world = World(seed, count, population, passages, version, first_source_id)
    with multiprocessing.get_context("fork").Pool(1, _enter, (world,)) as pool:
        for batch in pool.imap(_event_batch, range(-(-count // BATCH))):
            searched = _keyed(batch, largest_keys)
            _insert(conn, Event, batch.events)
            _insert(conn, EventActor, batch.actors)
            _insert(conn, EventTag, batch.tags)
            _insert(conn, Source, batch.sources)
            conn.execute(fts_insert, searched)
    conn.execute(
        update(_table(DataState)).values(
            version=version, updated_at=NOW, document_format=documents.FORMAT_ID
        )
    )


def generate(events: int, output: Path, seed: int = 1) -> None:
    if output.exists():
        raise SystemExit(f"{output} exists; remove it first")
    output.parent.mkdir(parents=True, exist_ok=True)
    url = f"sqlite:///{output}"
    schema.upgrade(url)
    with session_scope(get_engine(url)) as session:
        seeds.load(session, PROJECT_ROOT / "seeds")
    get_engine(url).dispose()

    rng = random.Random(seed)
    engine = _bulk_engine(url)
    event_indexes = [*_table(Event).indexes, *_table(EventActor).indexes]
    with engine.begin() as conn:
        _connection_pragmas(conn)
        population = _actors(conn, rng)
        _places(conn, rng, population)
        passages = _articles(conn, rng, max(50, events // EVENTS_PER_ARTICLE), population)
        for index in event_indexes:
            index.drop(conn)
        _events(conn, seed, events, population, passages)
        for index in event_indexes:
            index.create(conn)
        facets.recount(conn)
        # One merged full-text index, as FTS5's automatic merging leaves a settled database:
        # a prefix query reads one segment instead of every batch's.
        conn.execute(text("INSERT INTO event_search (event_search) VALUES ('optimize')"))
    with engine.connect() as conn:
        conn.exec_driver_sql("PRAGMA journal_mode=WAL")
    engine.dispose()


def to_postgresql(sqlite_file: Path, url: str) -> None:
    """Copies a generated SQLite database into an empty PostgreSQL one and analyses it."""
    checks = transfer.copy(f"sqlite:///{sqlite_file}", url)
    if not all(check.ok for check in checks):
        raise SystemExit(f"the copy differs: {[c.table for c in checks if not c.ok]}")
    with get_engine(url).connect() as conn:
        conn.execution_options(isolation_level="AUTOCOMMIT").exec_driver_sql("VACUUM ANALYZE")


def main(argv: Sequence[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0] if __doc__ else None)
    parser.add_argument("--events", type=int, default=1_000_000)
    parser.add_argument("--output", type=Path, default=Path("data/bench.db"))
    parser.add_argument(
        "--db", help="an empty PostgreSQL database to fill (postgresql+psycopg://...)"
    )
    parser.add_argument("--seed", type=int, default=1, help="random seed (same seed, same data)")
    args = parser.parse_args(argv)
    if args.db and not args.db.startswith("postgresql"):
        parser.error("--db takes a postgresql+psycopg:// URL (a SQLite file is --output)")
    began = time.perf_counter()
    steps = []
    with database_errors():
        if args.db and args.output.exists():  # a copy into PostgreSQL reuses the file
            steps.append(f"reused {args.output}")
        else:
            generate(args.events, args.output, args.seed)
            steps.append(f"generated {args.output} in {time.perf_counter() - began:.1f} s")
        if args.db:
            copying = time.perf_counter()
            to_postgresql(args.output, args.db)
            steps.append(f"copied and analysed in {time.perf_counter() - copying:.1f} s")
    took = time.perf_counter() - began
    where = args.db or args.output
    sys.stdout.write(
        f"{args.events:,} events in {where} in {took:.1f} s "
        f"({args.events / took:,.0f} events/s; {', '.join(steps)})\n"
    )


if __name__ == "__main__":
    main()

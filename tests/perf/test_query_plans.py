"""Every filter of GET /events is served by an index: no full scan of the event table;
and the year, month and kind facets read an index alone.

The plan is read from the database itself: EXPLAIN QUERY PLAN on SQLite, EXPLAIN on
PostgreSQL. PostgreSQL's planner rightly prefers a sequential scan of a table as small as
the seed corpus, so the check turns `enable_seqscan` off for its session: what it asks is
whether an index *can* serve the query, which is what keeps it fast at a million events.
"""

import datetime
import re
from typing import Any

import pytest
from sqlalchemy import ClauseElement, select, text
from sqlalchemy.dialects import sqlite
from sqlmodel import Session, col

from app import facets, queries
from app.db import get_engine
from app.languages import Lang
from app.models import Event
from app.queries import EventFilters, Sort

DAY = datetime.date(2018, 6, 12)
CASES: dict[str, tuple[EventFilters, Sort, tuple[Any, ...] | None]] = {
    "actor": (EventFilters(actors=("kim-jong-un",)), "date", None),
    "two actors": (EventFilters(actors=("kim-jong-un", "donald-trump")), "date", None),
    "actor from": (EventFilters(actors=("kim-jong-un",), date_from=DAY), "date", None),
    "actor kind": (EventFilters(actors=("kim-jong-un",), kinds=("summit",)), "-date", None),
    "place": (EventFilters(places=("singapore",)), "date", None),
    "kind": (EventFilters(kinds=("summit",)), "date", None),
    "tag": (EventFilters(tags=("diplomacy",)), "date", None),
    "from": (EventFilters(date_from=DAY), "date", None),
    "to": (EventFilters(date_to=DAY), "date", None),
    "q": (EventFilters(q="summit"), "date", None),
    "article": (EventFilters(article="000_4a8418419411a3f7"), "date", None),
    "updated_since": (
        EventFilters(updated_since=datetime.datetime(2020, 1, 1, tzinfo=datetime.UTC)),
        "date",
        None,
    ),
    "sort -date": (EventFilters(), "-date", None),
    "cursor": (EventFilters(), "date", (DAY, 0, "singapore-summit-2018")),
    "cursor -date": (EventFilters(actors=("kim-jong-un",)), "-date", (DAY, 0, "x")),
}


def plan(session: Session, query: ClauseElement, values: dict[str, Any] | None = None) -> list[str]:
    if values:
        query = query.params(**values)
    dialect_name = session.get_bind().dialect.name
    if dialect_name == "sqlite":
        named = sqlite.dialect(paramstyle="named")
        compiled = query.compile(dialect=named, compile_kwargs={"render_postcompile": True})
        params = {
            k: v.isoformat(" ")
            if isinstance(v, datetime.datetime)
            else str(v)
            if isinstance(v, datetime.date)
            else v
            for k, v in compiled.params.items()
        }
        rows = session.execute(text(f"EXPLAIN QUERY PLAN {compiled}"), params).all()
        return [str(row[3]) for row in rows]
    compiled = query.compile(
        dialect=session.get_bind().dialect, compile_kwargs={"render_postcompile": True}
    )
    connection = session.connection()
    connection.exec_driver_sql("SET LOCAL enable_seqscan = off")
    rows = connection.exec_driver_sql(f"EXPLAIN {compiled}", compiled.params).all()
    return [str(row[0]) for row in rows]


FULL_SCAN = {  # of the events, or of the actor links that stand for them
    "sqlite": re.compile(r"^SCAN (event(?!_)|drive\b)(?!.*\bINDEX\b)"),
    "postgresql": re.compile(r"Seq Scan on event(?!_)\b|Seq Scan on event_actor drive\b"),
}


@pytest.mark.parametrize(
    "with_documents", [None, "en", "de"], ids=["keys", "documents", "documents-de"]
)
@pytest.mark.parametrize("case", list(CASES))
def test_every_filter_is_served_by_an_index(
    seeded_url: str, case: str, with_documents: Lang | None
) -> None:
    """Keys alone (ids for timelines), and with the stored documents (pages, exports)."""
    filters, sort, after = CASES[case]
    engine = get_engine(seeded_url)
    dialect = engine.dialect.name
    with Session(engine) as session:
        steps = plan(
            session, *queries.page_query(filters, sort, 50, after, dialect, with_documents)
        )
    scans = [step for step in steps if FULL_SCAN[engine.dialect.name].search(step.strip())]
    assert not scans, f"{case}: full scan of event in\n" + "\n".join(steps)


@pytest.mark.parametrize("facet", ["year", "month", "kind"])
def test_date_and_kind_facets_count_from_an_index_alone(
    seeded_url: str, facet: facets.Facet
) -> None:
    """These facets count every live event: on SQLite from a covering index, never the
    table (a million table rows take seconds); on PostgreSQL, at least never a full scan."""
    engine = get_engine(seeded_url)
    with Session(engine) as session:
        steps = plan(session, *facets.query(facet, EventFilters(), engine.dialect.name))
    if engine.dialect.name == "sqlite":
        assert any(s.startswith("SEARCH event USING COVERING INDEX") for s in steps), steps
    else:
        assert not [s for s in steps if FULL_SCAN["postgresql"].search(s)], steps


@pytest.mark.parametrize("facet", facets.FACETS)
def test_facets_of_one_actor_read_that_actors_links(seeded_url: str, facet: facets.Facet) -> None:
    """With an actor filter (and a kind) every facet reads the actor's range of
    event_actor, as its pages do, whose index holds the event's dates, kind and place: on
    SQLite no event is read at all (reading each of a frequent actor's events took 1.9 s
    for its kinds at a million), and never is there a walk over all events probing each
    for the actor. PostgreSQL's planner chooses by its statistics (the seeds' few summits
    first): there the check is that no plan scans all events or links."""
    engine = get_engine(seeded_url)
    filters = EventFilters(actors=("kim-jong-un",), kinds=("summit",))
    with Session(engine) as session:
        steps = plan(session, *facets.query(facet, filters, engine.dialect.name))
    scans = [step for step in steps if FULL_SCAN[engine.dialect.name].search(step.strip())]
    assert not scans, "\n".join(steps)
    if engine.dialect.name == "sqlite":
        first = next(s for s in steps if " drive " in s)
        assert first.startswith("SEARCH drive USING COVERING INDEX ix_event_actor_timeline"), steps
        assert not [s for s in steps if re.match(r"(SCAN|SEARCH) event\b(?!_)", s)], steps


@pytest.mark.parametrize("facet", facets.TALLIED)
def test_facets_of_one_actor_alone_read_its_tallies(seeded_url: str, facet: facets.Facet) -> None:
    """With one actor and no other filter, the year, month, kind and place facets are that
    actor's few rows of actor_facet, read by its primary key: neither its links nor its
    events (a frequent actor's 180,000 links at a million took 0.5 s to count on a busy
    machine)."""
    engine = get_engine(seeded_url)
    filters = EventFilters(actors=("kim-jong-un",))
    with Session(engine) as session:
        steps = plan(session, *facets.query(facet, filters, engine.dialect.name))
    text_of = "\n".join(steps)
    by_key = {  # the primary key's first three columns
        "sqlite": r"SEARCH tally USING INDEX sqlite_autoindex_actor_facet_1 "
        r"\(actor_id=\? AND status=\? AND facet=\?\)",
        "postgresql": r"Index (Only )?Scan using pk_actor_facet",
    }
    assert re.search(by_key[engine.dialect.name], text_of), text_of
    assert not re.search(r"\bevent(_actor)?\b", text_of), text_of


@pytest.mark.parametrize("sort", ["date", "-date"])
@pytest.mark.parametrize("case", ["actor from", "from", "cursor -date"])
def test_the_ranges_of_a_page_are_merged_as_read_on_sqlite(
    seeded_url: str, case: str, sort: Sort
) -> None:
    """A page made of one index range per interval-length level reads each range in its
    index's order and merges them as it goes, stopping at the page's end: nothing is
    sorted, so no range is read further than the page needs."""
    engine = get_engine(seeded_url)
    if engine.dialect.name != "sqlite":
        pytest.skip("PostgreSQL sorts each range's first page and merges them (see page_query)")
    filters, _, after = CASES[case]
    with Session(engine) as session:
        steps = plan(session, *queries.page_query(filters, sort, 50, after, "sqlite"))
    assert any("MERGE (UNION ALL)" in s for s in steps), steps
    assert not any("TEMP B-TREE" in s for s in steps), steps


@pytest.mark.parametrize(
    "filters,index",
    [
        (EventFilters(), "ix_event_live_order"),
        (EventFilters(actors=("kim-jong-un",)), "ix_event_actor_timeline"),
        (EventFilters(date_from=DAY), "ix_event_span_range"),
    ],
    ids=["events", "actor", "from"],
)
def test_a_deep_page_seeks_by_key_and_never_skips_rows(
    seeded_url: str, filters: EventFilters, index: str
) -> None:
    """Keyset pagination: page 1,000 is a seek to the cursor's key in the sort index. On
    PostgreSQL the index holds the id in byte order, as the key compares it: with the
    database's collation the cursor's row comparison was a filter on every entry before it
    (the 1,000th page of an actor read 50,000), and each range was sorted by id again."""
    engine = get_engine(seeded_url)
    query = queries.page_query(filters, "date", 50, (DAY, 0, "x"), engine.dialect.name)
    assert "OFFSET" not in str(query[0]).upper()
    with Session(engine) as session:
        steps = plan(session, *query)
    if engine.dialect.name == "sqlite":
        assert any(
            index in s and ",date_rank,event_id)>(" in s or ",date_rank,id)>(" in s for s in steps
        ), steps
    else:  # the planner picks among the sort indexes by its statistics
        assert any("Index Cond" in s and "ROW(" in s for s in steps), steps
        assert not any("Filter" in s and "ROW(" in s for s in steps), steps
        assert not any(s.strip().startswith("Incremental Sort") for s in steps), steps


KIM, TRUMP = "kim-jong-un", "donald-trump"
PAGED = {
    "from 2018": EventFilters(date_from=datetime.date(2018, 1, 1)),
    "2017-08 to 2019-02": EventFilters(
        date_from=datetime.date(2017, 8, 1), date_to=datetime.date(2019, 2, 28)
    ),
    "1950 to 2025": EventFilters(
        date_from=datetime.date(1950, 1, 1), date_to=datetime.date(2025, 12, 31)
    ),
    "from 2025-06": EventFilters(date_from=datetime.date(2025, 6, 1)),
    "actor": EventFilters(actors=(KIM,)),
    "two actors": EventFilters(actors=(KIM, TRUMP)),
    "actor from": EventFilters(actors=(KIM,), date_from=datetime.date(2018, 1, 1)),
    "actor kind": EventFilters(actors=(TRUMP,), kinds=("summit", "meeting")),
    "actor q": EventFilters(actors=(KIM,), q="Gipfel"),
    "actor tag to": EventFilters(
        actors=(KIM,), tags=("diplomacy",), date_to=datetime.date(2019, 12, 31)
    ),
}


def plain_and_paged(
    url: str, filters: EventFilters, sort: Sort, size: int
) -> tuple[list[str], list[str]]:
    """The ids one plain query over the events answers in `sort`'s order, and the ids
    queries.fetch_page answers page after page of `size`."""
    engine = get_engine(url)
    key = (Event.date_start, Event.date_rank, Event.id)
    order = key if sort == "date" else tuple(col(k).desc() for k in key)
    with Session(engine) as session:
        expected = list(
            session.execute(
                select(col(Event.id))
                .where(queries.where_clause(filters, engine.dialect.name))
                .order_by(*order)
            ).scalars()
        )
        got: list[str] = []
        cursor = None
        while True:
            ids, cursor = queries.fetch_page(session.connection(), filters, sort, size, cursor)
            got += ids
            if cursor is None:
                break
    return expected, got


@pytest.mark.parametrize("sort", ["date", "-date"])
@pytest.mark.parametrize("case", list(PAGED))
def test_pages_are_the_plain_query_in_contract_order(
    seeded_url: str, sort: Sort, case: str
) -> None:
    """The per-level ranges behind `from`, and the actor links behind `actor`, answer
    exactly what one plain query over the events does, in order, page after page."""
    expected, got = plain_and_paged(seeded_url, PAGED[case], sort, 7)
    assert expected and got == expected


@pytest.mark.parametrize("walk", [queries.WALK, 2])
@pytest.mark.parametrize("sort", ["date", "-date"])
@pytest.mark.parametrize("q", ["summit", "Gipfel", "Hanoi", "qwertz"])
def test_search_pages_are_the_plain_query_when_the_walk_finds_too_few(
    seeded_url: str, monkeypatch: pytest.MonkeyPatch, walk: int, sort: Sort, q: str
) -> None:
    """On PostgreSQL a page whose walk of event_search (queries.WALK rows, here 2 as well)
    finds too few matches reads them from the GIN index instead: the same pages."""
    monkeypatch.setattr(queries, "WALK", walk)
    expected, got = plain_and_paged(seeded_url, EventFilters(q=q), sort, 3)
    assert got == expected and (expected or q == "qwertz")


def test_a_rare_word_is_read_from_the_gin_index_on_postgresql(seeded_url: str) -> None:
    """The second read of a search page whose walk found too few matches sorts them: it
    cannot be the walk of event_search's primary key, which read the whole index for a
    word with 7 matches at a million events (1.3 s). At a million events the matches come
    from the GIN index (20 ms); on the seeds the planner may probe each event's row."""
    engine = get_engine(seeded_url)
    if engine.dialect.name != "postgresql":
        pytest.skip("FTS5 reads a rare word's matches from its own index")
    statement = queries._search_page(
        EventFilters(q="Gipfeltreffen"), "date", 50, None, "postgresql", walked=False
    )
    with Session(engine) as session:
        steps = plan(session, *statement)
    assert any("Sort Key: ((event_search.search_key + 0))" in s for s in steps), steps
    walks = [
        step
        for step, following in zip(steps, [*steps[1:], ""], strict=True)
        if "Scan using event_search_pkey" in step and "(search_key = " not in following
    ]
    assert not walks, steps


@pytest.mark.parametrize(
    "filters,sort,after",
    [
        (EventFilters(q="summit"), "date", None),
        (EventFilters(q="Kim", actors=("donald-trump",)), "-date", (DAY, 0, "x")),
        (EventFilters(q="Gipfel", date_from=DAY, date_to=DAY), "date", (DAY, 0, "x")),
    ],
)
def test_a_search_page_reads_matches_in_key_order(
    seeded_url: str, filters: EventFilters, sort: Sort, after: tuple[Any, ...] | None
) -> None:
    """The search index is read in key order, which is the page's order up to the id
    inside a (day, precision) group: no sort of every match, and each event read by its
    key. SQLite: FTS5 yields the matches in key order. PostgreSQL: event_search is walked
    by its primary key, each row's tsvector tested (with sorts and bitmap scans off, as the
    seeds are small enough for either: the question is whether the walk can serve it; at a
    million events the planner walks it and reads each match's event by its key)."""
    engine = get_engine(seeded_url)
    dialect = engine.dialect.name
    with Session(engine) as session:
        if dialect == "postgresql":
            session.connection().exec_driver_sql("SET LOCAL enable_sort = off")
            session.connection().exec_driver_sql("SET LOCAL enable_bitmapscan = off")
        steps = plan(session, *queries.page_query(filters, sort, 50, after, dialect))
    if dialect == "sqlite":
        assert steps[0].startswith("SCAN event_search VIRTUAL TABLE"), steps
        assert any("event USING INDEX ix_event_search_key (search_key=?)" in s for s in steps)
        assert not any("TEMP B-TREE" in s for s in steps), steps
        return
    assert any("Index Scan" in s and "using event_search_pkey" in s for s in steps), steps
    assert not any(s.strip().startswith(("Sort", "Incremental Sort")) for s in steps), steps

"""Load benchmark: our API against Datasette on the same SQLite file and against the bare
Starlette ceiling, in one run on one machine, reported as ratios.

Run from the repo root (needs Debian's `wrk` and the `bench` extra):

    python -m bench.load                          # the seed database (built in a temp dir)
    python -m bench.load --db data/bench-1m.db    # a database from bench.generate
    python -m bench.load --db data/bench-1m.db --db postgresql+psycopg://.../bench
        # the same data on both engines, our server on each, alternating (compare)

Each server is one uvicorn process with the same settings; wrk drives it with one thread
and 16 connections for `--duration` seconds per query, `--runs` times, after an uncounted
warm-up run on our server and the ceiling, and the run of median throughput is reported
(measure). A query whose first answer on our server is not 200 (a route not merged yet
answers 404) gets a "not available" row.

With two or more databases, the servers of all of them run at once and each query's runs
alternate between them, round by round (compare): on a shared machine the load changes
within minutes, so runs of one engine after the other compare the loads, not the engines.

The cached rows run on a server whose response cache was filled by one GET of each of
their URLs right after it started, so that wrk times cache hits on the process that holds
them. The uncached rows run on a server with TIMELINE_RESPONSE_CACHE_ENTRIES=0 and rotate
through many URLs that hit the same plan (a different `from` day each request). A query
of which not one request completes within the run says "no answer"; one with fewer
answers than connections says how many, since its latencies count only those answers.
"""

from __future__ import annotations

import argparse
import contextlib
import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.parse
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path

import httpx
from sqlalchemy import text
from sqlalchemy.engine import make_url

from app import schema, seeds
from app.actors import ACTORS, resolve
from app.cli import EVENT_LOOP
from app.config import PROJECT_ROOT
from app.db import get_engine, session_scope
from app.queries import EventFilters, fetch_page
from bench import database_errors

LIVE = "status = 'published' AND deleted_at IS NULL"
ORDER = "ORDER BY date_start, date_rank, id LIMIT 50"
EVENT_COLUMNS = "e.*"
MILLION = 500_000  # from this many events on, the million-event targets apply
WARM_UP = 2.0  # seconds


@dataclass
class Query:
    """One benchmark row: our URLs, Datasette's equivalent SQL (with parameters per URL)."""

    name: str
    ours: list[str]
    sql: str
    params: list[dict[str, str]]
    cache: bool = True


@dataclass
class Result:
    requests: int  # answered within the run; the latencies are theirs
    rps: float
    p50_ms: float
    p99_ms: float
    errors: int


@dataclass
class Row:
    query: Query
    ours: Result | None = None
    ceiling: Result | None = None
    datasette: Result | None = None
    note: str = ""
    extra: dict[str, float] = field(default_factory=dict)
    runs: list[Result] = field(default_factory=list)  # our runs, when compared (compare)
    load: tuple[float, float] = (0.0, 0.0)  # load average as its warm-up began, its rounds ended


def _events_sql(where: str = "") -> str:
    return (
        f"SELECT {EVENT_COLUMNS} FROM event e JOIN event_actor ea ON ea.event_id = e.id "
        f"WHERE ea.actor_id = :actor AND e.{LIVE.replace(' AND ', ' AND e.')}{where} "
        f"ORDER BY e.date_start, e.date_rank, e.id LIMIT 50"
    )


DATE_OVERLAP = " AND e.date_end >= :date_from AND e.date_start <= :date_to"


def queries(
    actor_id: str, deep_cursor: str | None, deep_key: tuple[str, int, str] | None
) -> list[Query]:
    days = [f"2018-01-{day:02d}" for day in range(1, 29)] + [
        f"2018-02-{day:02d}" for day in range(1, 29)
    ]
    found = [
        Query(
            "/events?actor=kim (repeated)",
            ["/events?actor=kim"],
            _events_sql(),
            [{"actor": actor_id}],
        ),
        Query(
            "/events?actor=kim&from=2018&to=2019 (uncached)",
            [f"/events?actor=kim&from={day}&to=2019&limit=50" for day in days],
            _events_sql(DATE_OVERLAP),
            [{"actor": actor_id, "date_from": day, "date_to": "2019-12-31"} for day in days],
            cache=False,
        ),
        Query(  # the stored documents in German: the same read of another column
            "/events?actor=kim&from=2018&to=2019&lang=de (uncached)",
            [f"/events?actor=kim&from={day}&to=2019&limit=50&lang=de" for day in days],
            _events_sql(DATE_OVERLAP),
            [{"actor": actor_id, "date_from": day, "date_to": "2019-12-31"} for day in days],
            cache=False,
        ),
        Query(
            "/events?q=summit (uncached)",
            ["/events?q=summit"],
            "SELECT e.* FROM event e WHERE e.search_key IN (SELECT rowid FROM event_search "
            f"WHERE event_search MATCH :q) AND e.{LIVE.replace(' AND ', ' AND e.')} "
            "ORDER BY e.date_start, e.date_rank, e.id LIMIT 50",
            [{"q": '"summit"*'}],
            cache=False,
        ),
    ]
    if deep_cursor and deep_key:
        start, rank, event_id = deep_key
        found.append(
            Query(
                "/events?actor=kim page 1 (uncached)",
                ["/events?actor=kim"],
                _events_sql(),
                [{"actor": actor_id}],
                cache=False,
            )
        )
        found.append(
            Query(
                "/events?actor=kim page 1,001 (uncached)",
                [f"/events?actor=kim&cursor={deep_cursor}"],
                _events_sql(" AND (e.date_start, e.date_rank, e.id) > (:start, :rank, :id)"),
                [{"actor": actor_id, "start": start, "rank": str(rank), "id": event_id}],
                cache=False,
            )
        )
    found += [
        Query("/timeline?actor=kim", ["/timeline?actor=kim"], _events_sql(), [{"actor": actor_id}]),
        Query(
            "/facets?facet=year",
            ["/facets?facet=year"],
            f"SELECT substr(date_start, 1, 4) AS value, count(*) AS count FROM event "
            f"WHERE {LIVE} GROUP BY value ORDER BY value",
            [{}],
        ),
    ]
    return found


def _free_port() -> int:
    import socket

    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


class Served(str):
    """A running server's base URL, which also knows the server's process id."""

    pid: int


Server = tuple[Sequence[str], str, dict[str, str]]  # command, ready path, environment


@contextlib.contextmanager
def serve(
    command: Sequence[str], ready_path: str, env: dict[str, str], poll: float = 0.1
) -> Iterator[Served]:
    """Runs a server process until the block ends; yields its base URL once it answers."""
    with serve_all([(command, ready_path, env)], poll) as (base,):
        yield base


@contextlib.contextmanager
def serve_all(servers: Sequence[Server], poll: float = 0.1) -> Iterator[list[Served]]:
    """Starts every server at once and runs them until the block ends; yields their base
    URLs once each answers."""
    processes: list[subprocess.Popen[bytes]] = []
    bases: list[Served] = []
    try:
        for command, _, env in servers:
            port = _free_port()
            processes.append(
                subprocess.Popen(
                    [arg.replace("{port}", str(port)) for arg in command],
                    env={**os.environ, **env},
                    stdout=subprocess.DEVNULL,
                    stderr=subprocess.PIPE,
                    cwd=PROJECT_ROOT,
                )
            )
            bases.append(Served(f"http://127.0.0.1:{port}"))
            bases[-1].pid = processes[-1].pid
        deadline = time.monotonic() + 120
        for process, base, (command, ready_path, _) in zip(processes, bases, servers, strict=True):
            while True:
                if process.poll() is not None:
                    err = process.stderr.read().decode() if process.stderr else ""
                    raise RuntimeError(f"{command[0]} exited: {err[-2000:]}")
                with contextlib.suppress(httpx.HTTPError):
                    if httpx.get(base + ready_path, timeout=5).status_code == 200:
                        break
                if time.monotonic() > deadline:
                    raise RuntimeError(f"{command[0]} did not answer {ready_path}")
                time.sleep(poll)
        yield bases
    finally:
        for process in processes:
            process.terminate()  # uvicorn first finishes the requests it has queued
        for process in processes:
            try:
                process.wait(60)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait()


def uvicorn_command(target: str, factory: bool) -> list[str]:
    """The same uvicorn settings for our app and for the ceiling, with the event loop that
    `timeline serve` runs."""
    python = sys.executable
    command = [python, "-m", "uvicorn", target, "--host", "127.0.0.1", "--port", "{port}"]
    command += ["--workers", "1", "--loop", EVENT_LOOP, "--no-access-log", "--log-level", "warning"]
    return command + (["--factory"] if factory else [])


# Every request wrk and the warm-up send carries these headers (and Host): the response
# cache keys on them, so the warm-up fills the very entries wrk then asks for.
HEADERS = {"Accept": "application/json", "Accept-Encoding": "identity"}
LATENCY = re.compile(r"^\s*(50|99)(?:\.0+)?%\s+([\d.]+)(us|ms|s)\s*$", re.MULTILINE)
UNIT_MS = {"us": 0.001, "ms": 1.0, "s": 1000.0}


def wrk(base: str, paths: Sequence[str], duration: float, connections: int) -> Result:
    """wrk with one thread, rotating through `paths`, and its throughput and latencies."""
    with tempfile.NamedTemporaryFile("w", suffix=".lua", delete=False) as script:
        quoted = ", ".join(f'"{path}"' for path in paths)
        script.write(
            f"paths = {{{quoted}}}\ni = 0\n"
            + "".join(f'wrk.headers["{name}"] = "{value}"\n' for name, value in HEADERS.items())
            + "request = function()\n  i = i + 1\n"
            "  return wrk.format(nil, paths[(i % #paths) + 1])\nend\n"
        )
    try:
        output = subprocess.run(
            [
                "wrk",
                "-t1",
                f"-c{connections}",
                f"-d{duration:g}s",
                "--latency",
                "--timeout",
                "60s",
                "-s",
                script.name,
                base,
            ],
            capture_output=True,
            text=True,
            check=True,
        ).stdout
    finally:
        os.unlink(script.name)
    requests = re.search(r"(\d+) requests in", output)
    rps = re.search(r"Requests/sec:\s+([\d.]+)", output)
    non_ok = re.search(r"Non-2xx or 3xx responses:\s+(\d+)", output)
    latencies = {p: float(v) * UNIT_MS[u] for p, v, u in LATENCY.findall(output)}
    if requests is None or rps is None or "50" not in latencies or "99" not in latencies:
        raise RuntimeError(f"cannot read wrk's output:\n{output}")
    return Result(
        int(requests.group(1)),
        float(rps.group(1)),
        latencies["50"],
        latencies["99"],
        int(non_ok.group(1)) if non_ok else 0,
    )


@dataclass(frozen=True)
class Drive:
    """How wrk drives a server for each row."""

    duration: float  # seconds a run
    connections: int
    runs: int  # runs a row and server; the one of median throughput is reported


def measure(base: str, paths: Sequence[str], drive: Drive, slow: bool = False) -> Result:
    """`drive.runs` runs of wrk and the one of median throughput, with its latencies: a run
    of a few seconds on a shared machine may fall in another tenant's burst.

    Before them, an uncounted warm-up run of a fifth of the duration (at most WARM_UP s):
    the first seconds of a server fill SQLite's page cache, one query's URLs at a time. A
    `slow` server (Datasette) gets none, since its slow queries would still be running
    when a measured run starts: instead, before each run, one GET of the first URL waits
    for the queries the previous run left running, and warms it.
    """
    if not slow:
        warm_up(base, paths, drive)
    runs = []
    for _ in range(drive.runs):
        if slow:
            httpx.get(base + paths[0], timeout=600).raise_for_status()
        runs.append(wrk(base, paths, drive.duration, drive.connections))
    return sorted(runs, key=lambda result: result.rps)[len(runs) // 2]


def warm_up(base: str, paths: Sequence[str], drive: Drive) -> None:
    wrk(base, paths, max(1, min(WARM_UP, drive.duration // 5)), drive.connections)  # whole s


def median(runs: Sequence[Result]) -> Result:
    """Each figure's median over the runs; the non-2xx answers of all of them."""
    return Result(
        int(statistics.median_low(run.requests for run in runs)),
        statistics.median(run.rps for run in runs),
        statistics.median(run.p50_ms for run in runs),
        statistics.median(run.p99_ms for run in runs),
        sum(run.errors for run in runs),
    )


def datasette_paths(db_name: str, query: Query) -> list[str]:
    return [
        f"/{db_name}.json?"
        + urllib.parse.urlencode({"sql": query.sql, "_shape": "array", **params})
        for params in query.params
    ]


def seed_database(directory: Path) -> Path:
    path = directory / "seed.db"
    url = f"sqlite:///{path}"
    schema.upgrade(url)
    with session_scope(get_engine(url)) as session:
        seeds.load(session, PROJECT_ROOT / "seeds")
    get_engine(url).dispose()
    return path


def deep_page(
    url: str, actor_id: str, pages: int
) -> tuple[str | None, tuple[str, int, str] | None]:
    """The cursor of page `pages + 1` of /events?actor=kim (50 a page), 500 rows a step."""
    cursor: str | None = None
    filters = EventFilters(actors=(actor_id,))
    last: tuple[str, int, str] | None = None
    with session_scope(get_engine(url)) as session:
        for _ in range(pages * 50 // 500):
            ids, cursor = fetch_page(session.connection(), filters, "date", 500, cursor)
            if cursor is None:
                return None, None
            row = session.execute(
                text("SELECT date_start, date_rank, id FROM event WHERE id = :id"), {"id": ids[-1]}
            ).one()
            last = (str(row[0]), int(row[1]), str(row[2]))
    get_engine(url).dispose()
    return cursor, last


def prepare(url: str, out: Sequence[str]) -> Table:
    """The database's rows (all, or those named in `out`), not measured yet."""
    with session_scope(get_engine(url)) as session:
        actor_id = resolve(session.connection(), ACTORS, "kim")
        events = int(session.execute(text(f"SELECT count(*) FROM event WHERE {LIVE}")).scalar_one())
    get_engine(url).dispose()
    cursor, key = deep_page(url, actor_id, 1000)
    rows = [Row(q) for q in queries(actor_id, cursor, key) if not out or q.name in out]
    return Table(_label(url), events, rows, {})


APP = uvicorn_command("app.main:create_app", factory=True)
UNCACHED = {"TIMELINE_RESPONSE_CACHE_ENTRIES": "0"}


def run(url: str, drive: Drive, out: Sequence[str] = (), without: Sequence[str] = ()) -> Table:
    """Every row on our server, and on the baselines not left out: the ceiling, and
    Datasette (on a SQLite file only)."""
    table = prepare(url, out)
    rows = table.rows
    env = {"DATABASE_URL": url}
    with serve(APP, "/health", env) as ours:
        for row in rows:
            _first_answers(ours, row)
        for row in rows:
            if not row.note and row.query.cache:
                row.ours = measure(ours, row.query.ours, drive)
    uncached = [row for row in rows if not row.note and not row.query.cache]
    with serve(APP, "/health", {**env, **UNCACHED}) as ours:
        for row in uncached:
            row.ours = measure(ours, row.query.ours, drive)
        if not out:
            table.facets = facet_seconds(ours)
    if "ceiling" not in without:
        with serve(uvicorn_command("bench.ceiling:app", factory=False), "/health", {}) as ceiling:
            for row in rows:
                if not row.note:
                    row.ceiling = measure(ceiling, [f"/bytes/{int(row.extra['bytes'])}"], drive)
    sqlite_file = make_url(url).database if url.startswith("sqlite") else None
    if sqlite_file and "datasette" not in without:
        db = Path(sqlite_file)
        datasette = [
            str(Path(sys.executable).with_name("datasette")),
            "serve",
            str(db),
            "--host",
            "127.0.0.1",
            "--port",
            "{port}",
            "--setting",
            "sql_time_limit_ms",
            "600000",
        ]
        with serve(datasette, "/-/versions.json", {}) as other:
            for row in rows:
                if not row.note:
                    paths = datasette_paths(db.stem, row.query)
                    row.datasette = measure(other, paths, drive, slow=True)
    _print(table, drive)
    return table


def compare(urls: Sequence[str], drive: Drive, out: Sequence[str] = ()) -> list[Table]:
    """Our server on each database, side by side: all servers started at once (on each
    database one with the response cache and one without, for the uncached rows and the
    facets, as far as the rows need them), then for each query an uncounted warm-up on
    each and `drive.runs` rounds of one run on each in turn; each engine's medians are
    reported, and the load average as the warm-up began and as the last round ended."""
    tables = [prepare(url, out) for url in urls]
    names = set.intersection(*({row.query.name for row in table.rows} for table in tables))
    for table in tables:  # a deep page only where every database has one
        table.rows = [row for row in table.rows if row.query.name in names]
    kinds = sorted({row.query.cache for row in tables[0].rows} | ({False} if not out else set()))
    environments = [
        {"DATABASE_URL": url, **({} if cache else UNCACHED)} for url in urls for cache in kinds
    ]
    with serve_all([(APP, "/health", env) for env in environments]) as started:
        each = iter(started)
        servers = [{cache: next(each) for cache in kinds} for _ in urls]
        for rows in zip(*(table.rows for table in tables), strict=True):
            for row, server in zip(rows, servers, strict=True):
                _first_answers(server[row.query.cache], row)
            if any(row.note for row in rows):
                continue
            bases = [server[rows[0].query.cache] for server in servers]
            began = os.getloadavg()[0]
            for row, base in zip(rows, bases, strict=True):
                warm_up(base, row.query.ours, drive)
            for _ in range(drive.runs):
                for row, base in zip(rows, bases, strict=True):
                    row.runs.append(wrk(base, row.query.ours, drive.duration, drive.connections))
            for row in rows:
                row.ours = median(row.runs)
                row.load = (began, os.getloadavg()[0])
        if not out:
            for table, server in zip(tables, servers, strict=True):
                table.facets = facet_seconds(server[False])
    _print_comparison(tables, drive)
    return tables


FACETS = ("year", "kind", "place")
FACET_RUNS = 3


def facet_seconds(base: str) -> dict[str, float]:
    """The median time of one uncached GET /facets?facet=F&actor=kim, for each facet, over
    one open connection (httpx.get makes a client, with its TLS context, every time: on a
    busy machine 35 to 130 ms of the client's own, more than the answer took)."""
    seconds = {}
    with httpx.Client(base_url=base, timeout=120) as client:
        client.get("/health").raise_for_status()
        for facet in FACETS:
            times = []
            for _ in range(FACET_RUNS):
                began = time.perf_counter()
                client.get(f"/facets?facet={facet}&actor=kim").raise_for_status()
                times.append(time.perf_counter() - began)
            seconds[facet] = sorted(times)[len(times) // 2]
    return seconds


def _label(url: str) -> str:
    parsed = make_url(url)
    if parsed.get_backend_name() == "sqlite":
        return f"SQLite {Path(parsed.database or '').name}"
    return f"PostgreSQL {parsed.database}"


def _first_answers(base: str, row: Row) -> None:
    """GETs the row's first URL (a 404 marks a route not merged yet; its size is what the
    ceiling answers) and, for a cached row, each further URL, filling the response cache."""
    paths = row.query.ours if row.query.cache else row.query.ours[:1]
    for path in paths:
        answer = httpx.get(base + path, headers=HEADERS, timeout=120)
        if answer.status_code != 200:
            row.note = f"not available ({answer.status_code})"
            return
        row.extra.setdefault("bytes", len(answer.content))


@dataclass
class Table:
    """One database's rows."""

    label: str
    events: int
    rows: list[Row]
    facets: dict[str, float]  # seconds of one uncached request of an actor's facet


def _print(table: Table, drive: Drive) -> None:
    def ratio(a: Result | None, b: Result | None) -> str:
        return f"{a.rps / b.rps:.2f}" if a and b and a.requests and b.requests else "-"

    lines = [
        f"database: {table.label}, {table.events:,} events; wrk -t1 -c{drive.connections} "
        f"-d{drive.duration:g}s, the median of {drive.runs} runs; one uvicorn worker per server",
        "",
        "| query | ours req/s | p50 ms | p99 ms | ceiling req/s | datasette req/s | "
        "datasette p99 ms | ours/ceiling | ours/datasette |",
        "| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |",
    ]
    for row in table.rows:
        if row.note or row.ours is None:
            lines.append(f"| {row.query.name} | {row.note} | | | | | | | |")
            continue
        o, c, d = row.ours, row.ceiling, row.datasette
        flags = [f"{r.errors} non-2xx" for r in (o, c, d) if r and r.errors]
        flags += [
            f"{who}: {r.requests} answers"
            for who, r in (("ours", o), ("datasette", d))
            if r and 0 < r.requests < drive.connections
        ]
        flag = f" ({'; '.join(flags)})" if flags else ""
        lines.append(
            f"| {row.query.name}{flag} | {_cell(o, 'rps', ',.0f')} | {_cell(o, 'p50_ms', '.1f')} | "
            f"{_cell(o, 'p99_ms', '.1f')} | {_cell(c, 'rps', ',.0f')} | "
            f"{_cell(d, 'rps', ',.0f')} | {_cell(d, 'p99_ms', '.1f')} | {ratio(o, c)} | "
            f"{ratio(o, d)} |"
        )
    if table.facets:
        lines += ["", _facet_line(table)]
    if table.label.startswith("SQLite"):  # PostgreSQL's are against SQLite (compare)
        lines += ["", *targets(table.rows, table.events, drive.duration)]
    sys.stdout.write("\n".join(lines) + "\n")


def _cell(result: Result | None, name: str, spec: str) -> str:
    if result is None:
        return ""
    return format(getattr(result, name), spec) if result.requests else "no answer"


def _facet_line(table: Table) -> str:
    timed = ", ".join(f"{facet} {seconds * 1000:.0f} ms" for facet, seconds in table.facets.items())
    return f"/facets?facet=F&actor=kim, one uncached request (median of {FACET_RUNS}): {timed}"


def _print_comparison(tables: Sequence[Table], drive: Drive) -> None:
    """One row a query: each engine's median req/s (its runs in brackets) and p99, and each
    later engine's ratio of medians against the first (PostgreSQL against SQLite); then the
    targets of each later engine against the first."""
    first, later = tables[0], tables[1:]
    heads = [head for t in tables for head in (f"{t.label} req/s [runs]", f"{t.label} p99 ms")]
    heads += [f"{t.label} / {first.label}" for t in later]
    lines = [
        f"databases: {'; '.join(f'{t.label}, {t.events:,} events' for t in tables)}",
        f"our server on each (one uvicorn worker), all started at once; wrk -t1 "
        f"-c{drive.connections} -d{drive.duration:g}s on each in turn, {drive.runs} rounds "
        "a query; the medians of each engine's runs; load: the 1-minute load average as "
        "the query's warm-up began and its last round ended",
        "",
        f"| query | load | {' | '.join(heads)} |",
        "| --- | --- |" + " ---: |" * (len(heads)),
    ]
    checks: list[tuple[str, bool]] = []
    for rows in zip(*(t.rows for t in tables), strict=True):
        name = rows[0].query.name
        if any(row.note for row in rows) or not all(row.ours for row in rows):
            note = next((row.note for row in rows if row.note), "")
            lines.append(f"| {name} | {note} |" + " |" * len(heads))
            continue
        results = [row.ours for row in rows if row.ours]
        cells = [
            f"{_cell(r, 'rps', ',.0f')} [{' '.join(f'{run.rps:,.0f}' for run in row.runs)}] | "
            f"{_cell(r, 'p99_ms', '.1f')}"
            for r, row in zip(results, rows, strict=True)
        ]
        a = results[0]
        for table, b in zip(later, results[1:], strict=True):
            share = b.rps / a.rps if a.requests and b.requests else 0.0
            cells.append(f"{share:.2f}" if share else "-")
            if share and name.split(" (")[0] in SIDE_BY_SIDE_ROWS:
                who = f"{table.label}, {name}"
                checks.append((f"{who}: {share:.2f} x >= 0.6", share >= 0.6))
                checks.append((f"{who}: p99 {b.p99_ms:.1f} ms < 40 ms", b.p99_ms < 40))
        flags = [f"{r.errors} non-2xx" for r in results if r.errors]
        flag = f" ({'; '.join(flags)})" if flags else ""
        began, ended = rows[0].load
        lines.append(f"| {name}{flag} | {began:.1f} to {ended:.1f} | {' | '.join(cells)} |")
    for table in later:
        for facet, seconds in table.facets.items():
            checks.append(
                (
                    f"{table.label}, {facet} facet of actor=kim: {seconds * 1000:.0f} ms < 100",
                    seconds < 0.1,
                )
            )
    for table in tables:
        if table.facets:
            lines += ["", f"{table.label}: {_facet_line(table)}"]
    lines += ["", *(f"- [{'x' if ok else ' '}] {label}" for label, ok in checks)]
    for table in tables:  # as run() prints them for a SQLite file
        if table.label.startswith("SQLite") and (
            met := targets(table.rows, table.events, drive.duration)
        ):
            lines += ["", f"{table.label}:", *met]
    sys.stdout.write("\n".join(lines) + "\n")


# The rows whose throughput the second database must keep (0.6 x, p99 under 40 ms).
SIDE_BY_SIDE_ROWS = (
    "/events?actor=kim&from=2018&to=2019",
    "/events?q=summit",
    "/events?actor=kim page 1",
)


def targets(rows: list[Row], events: int, duration: float) -> list[str]:
    """The issue's targets that this run can check, each met or not."""
    by_name = {row.query.name.split(" (")[0]: row for row in rows if row.ours}
    checks: list[tuple[str, bool]] = []

    def ratio(name: str, other: str) -> float:
        """ours / other; where other answered nothing in its run, a lower bound: it answered
        fewer than one request in `duration`."""
        row = by_name[name]
        base = row.ceiling if other == "ceiling" else row.datasette
        if not (row.ours and base):
            return 0.0
        return row.ours.rps / max(base.rps, 1 / duration)

    def p99_under(name: str, limit_ms: float) -> None:
        if name in by_name and (ours := by_name[name].ours):
            p99 = f"p99 {ours.p99_ms:.1f} ms" if ours.requests else "no answer"
            met = ours.requests > 0 and ours.p99_ms < limit_ms
            checks.append((f"{name}: {p99} < {limit_ms:g} ms", met))

    if events < MILLION:
        name = "/events?actor=kim"
        if name in by_name and by_name[name].ceiling:
            checks.append(
                (
                    f"{name}: ours/ceiling {ratio(name, 'ceiling'):.2f} >= 0.3",
                    ratio(name, "ceiling") >= 0.3,
                )
            )
        if name in by_name and by_name[name].datasette:
            checks.append(
                (
                    f"{name}: ours/datasette {ratio(name, 'datasette'):.1f} >= 15",
                    ratio(name, "datasette") >= 15,
                )
            )
    else:
        name = "/events?actor=kim&from=2018&to=2019"
        p99_under(name, 25)
        p99_under(f"{name}&lang=de", 25)  # the German documents, read as the English ones
        if name in by_name and by_name[name].datasette:
            checks.append(
                (
                    f"{name}: ours/datasette {ratio(name, 'datasette'):.1f} >= 50",
                    ratio(name, "datasette") >= 50,
                )
            )
        p99_under("/events?q=summit", 50)
        deep = by_name.get("/events?actor=kim page 1,001")
        first = by_name.get("/events?actor=kim page 1")
        if deep and first and deep.ours and first.ours:
            share = deep.ours.rps / first.ours.rps if first.ours.rps else 0.0
            checks.append(
                (
                    f"page 1,001 at {share:.2f} x page 1's req/s, both uncached (>= 0.8)",
                    share >= 0.8,
                )
            )
    return [f"- [{'x' if ok else ' '}] {label}" for label, ok in checks]


def main(argv: Sequence[str] | None = None) -> None:
    parser = argparse.ArgumentParser(
        description="Load benchmark against Datasette and a bare ASGI app."
    )
    parser.add_argument(
        "--db",
        action="append",
        default=[],
        help="a SQLite file or a database URL (default: the seed corpus, built anew); "
        "given twice or more, e.g. a SQLite file and the PostgreSQL copy of it, our server "
        "runs on each at once, the runs alternate between them and the others are compared "
        "with the first (no ceiling or Datasette then)",
    )
    parser.add_argument("--duration", type=float, default=10.0, help="seconds per query and server")
    parser.add_argument("--connections", type=int, default=16)
    parser.add_argument(
        "--runs",
        type=int,
        default=3,
        help="runs a row and server (with several --db: rounds, one run on each server in "
        "turn); the median is reported",
    )
    parser.add_argument("--only", action="append", default=[], help="run only this row (by name)")
    parser.add_argument(
        "--without",
        action="append",
        default=[],
        choices=("ceiling", "datasette"),
        help="leave a baseline out",
    )
    parser.add_argument(
        "--servers",
        action="store_true",
        help="on the last --db (PostgreSQL): two servers under reads and writes, every "
        "answer checked against the data version (bench.servers)",
    )
    parser.add_argument(
        "--writes", type=float, default=5.0, help="writes a second during --servers"
    )
    args = parser.parse_args(argv)
    if shutil.which("wrk") is None:
        raise SystemExit("wrk is not installed: apt-get install -y wrk")
    drive = Drive(args.duration, args.connections, args.runs)
    with tempfile.TemporaryDirectory() as directory, database_errors():
        urls = [database_url(given) for given in args.db]
        urls = urls or [f"sqlite:///{seed_database(Path(directory))}"]
        if len(urls) == 1:
            run(urls[0], drive, args.only, args.without)
        else:
            compare(urls, drive, args.only)
        if args.servers:
            from bench import servers  # it imports this module

            servers.run(urls[-1], drive, args.writes)


def database_url(given: str) -> str:
    """A database URL, or a SQLite file's path as one."""
    return given if "://" in given else f"sqlite:///{Path(given).resolve()}"


if __name__ == "__main__":
    main()

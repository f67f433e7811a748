"""Several servers on one database: two server processes against one PostgreSQL, each under
a read load (wrk), while writes go through each in turn at a stated rate. After every
write, the other server is asked for the written event and for a page of the same actor
and day, with the ETags it answered before the write: an answer of 304 or an unchanged
ETag is stale, and so is the event without the write (at a million events the page's
first 50 need not include it: its ETag must change all the same, as the data version
did). Run by ``python -m bench.load --db URL --servers``.

Nothing is kept in a process: the data version that ETags and the response cache are keyed
by is read from the database on every request (app.api.caching), so the count of stale
answers must be 0.
"""

from __future__ import annotations

import sys
import threading
import time
from dataclasses import dataclass

import httpx

from bench.load import HEADERS, Drive, Result, serve_all, uvicorn_command, wrk

TOKEN = "bench-servers-0123456789"
EVENT = "singapore-summit-2018"  # a seed event: every generated database has it
PAGE = "/events?actor=kim&from=2018-06-12&to=2018-06-12"  # a page of the same actor and day
READS = [
    "/events?actor=kim",
    "/events?q=summit",
    PAGE,
    f"/events/{EVENT}",
    "/facets?facet=year&actor=kim",
]


@dataclass
class Writes:
    done: int = 0
    checked: int = 0
    stale: int = 0
    seconds: float = 0.0


def _etag(http: httpx.Client, base: str, path: str) -> str:
    answer = http.get(base + path, headers=HEADERS)
    answer.raise_for_status()
    return answer.headers["etag"]


def _write_and_check(http: httpx.Client, through: str, other: str, number: int) -> int:
    """One write through `through`, then the other server's answers; how many were stale."""
    note = f"bench write {number}"
    before = {path: _etag(http, other, path) for path in (f"/events/{EVENT}", PAGE)}
    answer = http.patch(
        f"{through}/events/{EVENT}",
        json={"date_note": note},
        headers={"Authorization": f"Bearer {TOKEN}"},
    )
    answer.raise_for_status()
    stale = 0
    for path, etag in before.items():
        seen = http.get(other + path, headers={**HEADERS, "If-None-Match": etag})
        unwritten = path == f"/events/{EVENT}" and note not in seen.text
        if seen.status_code != 200 or seen.headers["etag"] == etag or unwritten:
            stale += 1
    return stale


def run(url: str, drive: Drive, writes_per_second: float) -> Writes:
    env = {"DATABASE_URL": url, "TIMELINE_API_TOKENS": f"bench:{TOKEN}"}
    app = uvicorn_command("app.main:create_app", factory=True)
    writes = Writes()
    reads: dict[str, Result] = {}
    with serve_all([(app, "/health", env)] * 2) as bases:

        def load(base: str) -> None:
            reads[base] = wrk(base, READS, drive.duration, max(1, drive.connections // 2))

        loaders = [threading.Thread(target=load, args=(base,)) for base in bases]
        for loader in loaders:
            loader.start()
        began = time.monotonic()
        with httpx.Client(timeout=60) as http:
            while time.monotonic() - began < drive.duration:
                through, other = bases[writes.done % 2], bases[1 - writes.done % 2]
                writes.stale += _write_and_check(http, through, other, writes.done)
                writes.done += 1
                writes.checked += 2
                pause = began + writes.done / writes_per_second - time.monotonic()
                if pause > 0:
                    time.sleep(pause)
        writes.seconds = time.monotonic() - began
        for loader in loaders:
            loader.join()
    rate = writes.done / writes.seconds
    lines = [
        "",
        f"two servers on {url.rsplit('/', 1)[-1]}: wrk -t1 -c{max(1, drive.connections // 2)} "
        f"on each, rotating {len(READS)} reads, for {drive.duration:g} s; meanwhile "
        f"{writes.done} writes ({rate:.1f}/s, asked {writes_per_second:g}/s) through each in "
        "turn, each followed by two reads through the other with the ETags from before it",
        "",
        "| server | reads/s | p50 ms | p99 ms | non-2xx |",
        "| --- | ---: | ---: | ---: | ---: |",
        *(
            f"| {number} | {reads[base].rps:,.0f} | {reads[base].p50_ms:.1f} | "
            f"{reads[base].p99_ms:.1f} | {reads[base].errors} |"
            for number, base in enumerate(bases, 1)
        ),
        "",
        f"- [{'x' if writes.stale == 0 else ' '}] stale answers after a write through the "
        f"other server: {writes.stale} of {writes.checked}",
    ]
    sys.stdout.write("\n".join(lines) + "\n")
    return writes

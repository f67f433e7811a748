"""Export benchmark: streaming one million events as NDJSON, by `timeline export --format
ndjson` and by `GET /events?format=ndjson`, in events per second and peak memory, against
reading the same rows with bare sqlite3 in the same run.

Run from the repo root: ``python -m bench.export --db data/bench-1m.db``. Targets: 50,000
events/s or more, peak memory under 300 MB. Each way is skipped with a message when it is
not available (the exports live on their own branch until merged).
"""

from __future__ import annotations

import argparse
import resource
import sqlite3
import subprocess
import sys
import time
from collections.abc import Sequence
from pathlib import Path

import httpx
import psycopg
from sqlalchemy.engine import make_url

from bench import database_errors
from bench.load import database_url, serve, uvicorn_command

NDJSON = "application/x-ndjson"
TARGET_RATE, TARGET_MB = 50_000, 300


def bare_rate(url: str) -> float:
    """Rows per second of `SELECT * FROM event` with the driver alone."""
    parsed = make_url(url)
    began = time.perf_counter()
    if parsed.get_backend_name() == "sqlite":
        connection = sqlite3.connect(parsed.database or "")
        rows = sum(1 for _ in connection.execute("SELECT * FROM event"))
        connection.close()
    else:
        plain = parsed.set(drivername="postgresql").render_as_string(hide_password=False)
        with psycopg.connect(plain) as pg, pg.cursor("bare") as cursor:
            cursor.itersize = 2000
            rows = sum(1 for _ in cursor.execute("SELECT * FROM event"))
    return rows / (time.perf_counter() - began)


def cli_export(url: str) -> tuple[int, float, float] | str:
    """(events, seconds, peak MB) of the command, or why it cannot run."""
    command = [sys.executable, "-c", "from app.cli import app; app()", "export"]
    command += ["--format", "ndjson"]
    env = {"DATABASE_URL": url, "PATH": "/usr/bin:/bin"}
    began = time.perf_counter()
    process = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=env)
    assert process.stdout is not None
    events = sum(1 for _ in process.stdout)
    error = process.stderr.read().decode() if process.stderr else ""
    if process.wait() != 0:
        reason = next((line for line in error.splitlines() if "No such command" in line), "")
        return f"`timeline export` not available (exit {process.returncode}) {reason.strip(' │')}"
    took = time.perf_counter() - began
    peak_mb = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    return events, took, peak_mb


def http_export(url: str) -> tuple[int, float, float] | str:
    env = {"DATABASE_URL": url}
    with serve(uvicorn_command("app.main:create_app", True), "/health", env) as base:
        began = time.perf_counter()
        with httpx.stream("GET", base + "/events?format=ndjson", timeout=600) as answer:
            if not answer.headers.get("content-type", "").startswith(NDJSON):
                return f"GET /events?format=ndjson not available (answers {answer.status_code} " + (
                    f"{answer.headers.get('content-type')})"
                )
            # newlines counted in raw chunks: splitting lines in Python would be the bottleneck
            events = sum(chunk.count(b"\n") for chunk in answer.iter_raw())
        took = time.perf_counter() - began
        peak = _peak_mb(base.pid)
    return events, took, peak


def _peak_mb(pid: int) -> float:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) / 1024
    return float("nan")


def main(argv: Sequence[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description="NDJSON export speed and memory.")
    parser.add_argument(
        "--db", required=True, help="a SQLite file or a database URL, e.g. from bench.generate"
    )
    args = parser.parse_args(argv)
    url = database_url(args.db)
    driver = "sqlite3" if url.startswith("sqlite") else "psycopg"
    with database_errors():
        baseline = bare_rate(url)
    lines = [f"bare {driver} read of the event table: {baseline:,.0f} rows/s", ""]
    for name, run in (("timeline export", cli_export), ("GET /events?format=ndjson", http_export)):
        result = run(url)
        if isinstance(result, str):
            lines.append(f"- {name}: skipped, {result}")
            continue
        events, took, peak = result
        rate = events / took
        ok = rate >= TARGET_RATE and peak < TARGET_MB
        lines.append(
            f"- [{'x' if ok else ' '}] {name}: {events:,} events in {took:.1f} s = {rate:,.0f}/s "
            f"({rate / baseline:.2f} x bare {driver}), peak {peak:.0f} MB"
        )
    sys.stdout.write("\n".join(lines) + "\n")


if __name__ == "__main__":
    main()

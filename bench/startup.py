"""Startup benchmark: time from process start to `GET /health` answering 200, for
`timeline serve` on the seed database against the bare Starlette app under the same uvicorn.

Run from the repo root: ``python -m bench.startup [--db PATH] [--runs 3]``. Target: healthy
within 2 s. The seed database is built first (and migrated and checked again by `serve`, as
in production); the baseline is bench.ceiling's app.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from collections.abc import Sequence
from pathlib import Path

from bench.load import seed_database, serve, uvicorn_command

TARGET_S = 2.0


def time_to_health(command: Sequence[str], env: dict[str, str]) -> float:
    began = time.monotonic()
    with serve(command, "/health", env, poll=0.01):
        return time.monotonic() - began


def main(argv: Sequence[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description="Time from process start to /health 200.")
    parser.add_argument("--db", type=Path, help="a SQLite file (default: the seed corpus)")
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory() as directory:
        db = (args.db or seed_database(Path(directory))).resolve()
        ours_command = [sys.executable, "-c", "from app.cli import app; app()", "serve"]
        ours_command += ["--port", "{port}"]
        env = {"DATABASE_URL": f"sqlite:///{db}"}
        ours = [time_to_health(ours_command, env) for _ in range(args.runs)]
        base = [
            time_to_health(uvicorn_command("bench.ceiling:app", False), {})
            for _ in range(args.runs)
        ]
    ours_s, base_s = statistics.median(ours), statistics.median(base)
    sys.stdout.write(
        f"| server | median s to /health 200 ({args.runs} runs) |\n| --- | ---: |\n"
        f"| timeline serve | {ours_s:.2f} |\n| bare Starlette | {base_s:.2f} |\n\n"
        f"ours/baseline {ours_s / base_s:.1f} x\n"
        f"- [{'x' if ours_s < TARGET_S else ' '}] timeline serve healthy in {ours_s:.2f} s < 2 s\n"
    )


if __name__ == "__main__":
    main()

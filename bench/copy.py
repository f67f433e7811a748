"""Times `timeline db copy` (app.transfer.copy) stage by stage, in either direction.

Run from the repo root: ``python -m bench.copy --from URL --to URL`` (the target empty,
e.g. a new SQLite file or a new PostgreSQL database). For each stage the copy goes through
(each table's rows, the search index, the indexes, the foreign keys, the checks) it prints
the wall time, this process's CPU time and, when PostgreSQL runs on this machine, the CPU
time of its backends serving the two databases (read from /proc), then the totals, the
backends' CPU per connection name (the copy names those of the work it runs beside the
stages: a PostgreSQL target's search vectors, computed while the rows go in) and the
load average before and after: on a shared machine the wall time says as much about the
neighbours as about the copy.
"""

import argparse
import os
import resource
import sys
import threading
import time
from collections.abc import Sequence
from pathlib import Path

from sqlalchemy import create_engine, text
from sqlalchemy.engine import make_url

from app import transfer
from bench import database_errors

TICKS = os.sysconf("SC_CLK_TCK")


class Backends:
    """The CPU seconds used so far by the local PostgreSQL backends of some databases,
    parallel workers included: sampled every second (a worker's last second is missed)."""

    def __init__(self, urls: Sequence[str]) -> None:
        local = (None, "", "localhost", "127.0.0.1", "::1")
        postgresql = [make_url(url) for url in urls if url.startswith("postgresql")]
        postgresql = [url for url in postgresql if url.host in local]
        self.names = [url.database for url in postgresql]
        self.admin = (
            create_engine(postgresql[0].set(database="postgres"), isolation_level="AUTOCOMMIT")
            if postgresql
            else None
        )
        self.seen: dict[int, tuple[str, float]] = {}  # pid: (application_name, CPU s)
        self.lock = threading.Lock()
        self.stop = threading.Event()
        threading.Thread(target=self._sample, daemon=True).start()

    def _sample(self) -> None:
        while not self.stop.wait(1):
            self.cpu()

    def cpu(self) -> float:
        if self.admin is None:
            return 0.0
        with self.lock:
            return self._read()

    def _read(self) -> float:
        assert self.admin is not None
        with self.admin.connect() as conn:
            backends = conn.execute(
                text(
                    "SELECT pid, application_name FROM pg_stat_activity "
                    "WHERE datname = ANY(:names) AND pid <> pg_backend_pid()"
                ),
                {"names": self.names},
            )
            for pid, name in backends:
                try:
                    stat = Path(f"/proc/{pid}/stat").read_text()
                except FileNotFoundError:  # it has just ended
                    continue
                fields = stat.rsplit(")", 1)[1].split()
                self.seen[pid] = (name, (int(fields[11]) + int(fields[12])) / TICKS)
        return sum(cpu for _, cpu in self.seen.values())

    def by_name(self) -> dict[str, float]:
        """The CPU seconds so far per application_name (the copy names the connections of
        its stages that run beside the others)."""
        named: dict[str, float] = {}
        for name, cpu in self.seen.values():
            named[name or "(unnamed)"] = named.get(name or "(unnamed)", 0.0) + cpu
        return named


def main(argv: Sequence[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0] if __doc__ else None)
    parser.add_argument("--from", dest="source", required=True, help="database to copy (URL)")
    parser.add_argument("--to", dest="target", required=True, help="an empty database (URL)")
    args = parser.parse_args(argv)
    backends = Backends([args.source, args.target])
    rows: list[tuple[str, float, float, float, int]] = []
    mark = [("preparing", time.perf_counter(), time.process_time(), backends.cpu())]

    def told(stage: str, _done: int, _of: int) -> None:
        if stage != mark[-1][0]:
            close(stage)

    def close(following: str) -> None:
        name, wall, cpu, server = mark[-1]
        now = (time.perf_counter(), time.process_time(), backends.cpu())
        peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss // 1024
        rows.append((name, now[0] - wall, now[1] - cpu, now[2] - server, peak))
        mark.append((following, *now))

    load = os.getloadavg()
    with database_errors():
        checks = transfer.copy(args.source, args.target, told)
    close("")
    backends.stop.set()
    if not all(check.ok for check in checks):
        raise SystemExit(f"the copy differs: {[c.table for c in checks if not c.ok]}")
    out = sys.stdout
    out.write(
        f"{'stage':<16} {'wall s':>8} {'python cpu s':>13} {'postgresql cpu s':>17} "
        f"{'peak MB':>8}\n"
    )
    total = sum(r[1] for r in rows), sum(r[2] for r in rows), sum(r[3] for r in rows)
    for name, wall, cpu, server, peak in [*rows, ("total", *total, rows[-1][4])]:
        out.write(f"{name:<16} {wall:>8.1f} {cpu:>13.1f} {server:>17.1f} {peak:>8}\n")
    for name, cpu in sorted(backends.by_name().items()):
        out.write(f"postgresql cpu s of {name}: {cpu:.1f}\n")
    copied = sum(check.target_rows for check in checks)
    after = os.getloadavg()
    out.write(
        f"{copied:,} rows; "
        f"load average {load[0]:.1f} {load[1]:.1f} {load[2]:.1f} before, "
        f"{after[0]:.1f} {after[1]:.1f} {after[2]:.1f} after\n"
    )


if __name__ == "__main__":
    main()

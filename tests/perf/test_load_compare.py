"""bench.load with two databases: our server on each at once, wrk alternating between them,
one row a query with both engines' medians and their ratio."""

import shutil
import statistics
from pathlib import Path

import pytest

from bench.load import Drive, compare, seed_database

# Two uncached rows: two servers to start, one a database (a cached row would add two more).
ROWS = ["/events?actor=kim&from=2018&to=2019 (uncached)", "/events?q=summit (uncached)"]


def test_two_databases_alternate(
    seeded_url: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    if shutil.which("wrk") is None:
        pytest.skip("wrk is not installed (Debian: apt-get install -y wrk)")
    sqlite = f"sqlite:///{seed_database(tmp_path)}"
    tables = compare([sqlite, seeded_url], Drive(duration=1, connections=4, runs=2), ROWS)
    out = capsys.readouterr().out
    assert [row.query.name for row in tables[0].rows] == ROWS
    for table in tables:
        for row in table.rows:
            assert len(row.runs) == 2 and row.ours and row.ours.requests > 0
            assert row.ours.rps == statistics.median(run.rps for run in row.runs)
            assert row.load[0] > 0 and row.load[1] > 0
    first, second = (table.label for table in tables)
    assert first == "SQLite seed.db"
    assert f"{first} req/s [runs]" in out and f"{second} / {first}" in out
    lines = [line for line in out.splitlines() if line.startswith("| /")]
    (rule,) = [line for line in out.splitlines() if line.startswith("| --- |")]
    assert {line.count("|") for line in lines} == {rule.count("|")} == {8}  # 7 columns
    assert [line.split(" | ")[0] for line in lines] == [f"| {name}" for name in ROWS]
    for line, (a, b) in zip(lines, zip(*(t.rows for t in tables), strict=True), strict=True):
        assert a.ours and b.ours
        cells = [cell.strip() for cell in line.strip("|").split("|")]
        assert cells[2].startswith(f"{a.ours.rps:,.0f} [") and cells[4].startswith(
            f"{b.ours.rps:,.0f} ["
        )
        assert cells[-1] == f"{b.ours.rps / a.ours.rps:.2f}"

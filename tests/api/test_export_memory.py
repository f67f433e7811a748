"""Exports stream in constant memory: the peak of `timeline export` over 100,000 events is
about that over 10,000 (a ratio measured in the same run, not an absolute figure)."""

import os
import subprocess
import sys
from pathlib import Path

import pytest

from app.config import PROJECT_ROOT
from tests import synthetic

MEASURE = """
import resource, sys
from app.cli import app
try:
    app(sys.argv[1:], standalone_mode=False)
finally:
    print(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss, file=sys.stderr)
"""


def peak_rss_kib(url: str, fmt: str) -> tuple[int, int]:
    """Peak resident memory of `timeline export --format fmt`, and how many lines it wrote."""
    done = subprocess.run(
        [sys.executable, "-c", MEASURE, "export", "--format", fmt],
        env={**os.environ, "DATABASE_URL": url},
        cwd=PROJECT_ROOT,
        capture_output=True,
        check=True,
    )
    return int(done.stderr.decode().strip().splitlines()[-1]), done.stdout.count(b"\n")


@pytest.mark.slow
def test_exporting_100k_events_takes_no_more_memory_than_10k(tmp_path: Path) -> None:
    small, large = f"sqlite:///{tmp_path}/small.db", f"sqlite:///{tmp_path}/large.db"
    synthetic.build(small, 10_000)
    synthetic.build(large, 100_000)
    small_peak, small_lines = peak_rss_kib(small, "ndjson")
    large_peak, large_lines = peak_rss_kib(large, "ndjson")
    assert (small_lines, large_lines) == (10_000, 100_000)
    assert large_peak < small_peak * 1.25, (small_peak, large_peak)

"""Benchmarks: each measures its baseline in the same run (see the README's Benchmarks)."""

import sys
from collections.abc import Iterator
from contextlib import contextmanager

from sqlalchemy.exc import OperationalError

from app.db import unavailable


@contextmanager
def database_errors() -> Iterator[None]:
    """A database that cannot be used: one line on standard error and exit 2, as the
    `timeline` commands answer."""
    try:
        yield
    except OperationalError as error:
        sys.stderr.write(f"error: {unavailable(error)}\n")
        raise SystemExit(2) from None

"""Counting the SQL statements a real server's engine runs while it answers HTTP."""

from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

import httpx
from sqlalchemy import event

from app.db import get_engine
from tests import conftest


@contextmanager
def statements_on(url: str) -> Iterator[list[str]]:
    """The statements the engine of `url` runs in this process while the block runs (the
    response cache reads the data version over its own raw connection, which this does not
    count)."""
    statements: list[str] = []

    def count(_conn: Any, _cursor: Any, statement: str, *_: Any) -> None:
        statements.append(statement)

    engine = get_engine(url)
    event.listen(engine, "before_cursor_execute", count)
    try:
        yield statements
    finally:
        event.remove(engine, "before_cursor_execute", count)


@contextmanager
def counting_server(url: str, **settings: Any) -> Iterator[tuple[httpx.Client, list[str]]]:
    """A live server on `url` and the statements its engine runs."""
    with (
        statements_on(url) as statements,
        conftest.LiveServer(conftest.settings_for(url, **settings)) as live,
        conftest.http_client(live.url, timeout=30) as client,
    ):
        yield client, statements

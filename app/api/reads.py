"""Where GET /events reads the database, without making the event loop wait long on it.

SQLite: a read runs on the event loop itself, on a connection of its own, for at most
INLINE_BUDGET seconds of SQL; a read that takes longer is stopped (SQLite's progress
handler) and run again in the reads' thread. Python's sqlite3 hands the GIL back and
forth for every row it steps through, so a read in a thread, while the loop answers
other requests, cost twice the CPU of the same read on the loop (at a million events, a
page of fifty: 1,100 us per request in a thread, 560 on the loop; the SQL is 200 of them).
A page is bounded by its limit and takes well under the budget; a slow filter, or a
search whose prefix matches a million rows, moves to the thread after the budget, so the
loop's other answers wait at most that long.

PostgreSQL: reads wait on the network, so they run in as many threads as the pool has
connections, each thread over a connection of its own, held and in autocommit: a page is
then its statements alone. Taken from the pool, each read also sent a ping on checkout, a
BEGIN and a ROLLBACK, each a round trip with its own work on the server (a page is one
statement, a name one more, so one snapshot each is enough). A read whose connection has
gone runs once more on a new one, as the pool's ping would have found it gone.
Either way, counts (`count=true`) run in threads of their own: counting a million events
takes tens of milliseconds, during which pages asked for meanwhile would otherwise wait.
"""

import asyncio
import math
import threading
import time
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from typing import TypeVar

from fastapi import FastAPI
from sqlalchemy import Connection, Engine
from sqlalchemy.exc import DBAPIError, OperationalError

from app.config import Settings
from app.db import is_sqlite

T = TypeVar("T")
Work = Callable[[Connection], T]
INLINE_BUDGET = 0.004  # seconds of SQL a read may take on the event loop
PROGRESS_STEPS = 100_000  # SQLite virtual machine steps between checks of the budget (~0.1 ms)


class Reads:
    def __init__(self, engine: Engine, threads: int, inline_budget: float | None) -> None:
        self.engine = engine
        self.executor = ThreadPoolExecutor(threads, thread_name_prefix="timeline-read")
        self.counting = ThreadPoolExecutor(threads, thread_name_prefix="timeline-count")
        self.inline_budget = inline_budget
        self._inline: Connection | None = None
        self._deadline = math.inf
        self._held = threading.local()  # PostgreSQL: each read thread's own connection
        self._all_held: list[Connection] = []

    async def run(self, work: Work[T]) -> T:
        """work(connection), on the loop within the budget if it can, else in a thread."""
        if self.inline_budget is not None:
            try:
                return self._run_inline(work, self.inline_budget)
            except OperationalError as error:
                if not _interrupted(error):
                    raise
            return await asyncio.get_running_loop().run_in_executor(self.executor, self._run, work)
        return await asyncio.get_running_loop().run_in_executor(self.executor, self._run_held, work)

    async def count(self, work: Work[T]) -> T:
        return await asyncio.get_running_loop().run_in_executor(self.counting, self._run, work)

    def _run(self, work: Work[T]) -> T:
        with self.engine.connect() as conn:
            return work(conn)

    def _run_held(self, work: Work[T], again: bool = True) -> T:
        conn: Connection | None = getattr(self._held, "conn", None)
        if conn is None:
            conn = self.engine.connect().execution_options(isolation_level="AUTOCOMMIT")
            self._held.conn = conn
            self._all_held.append(conn)
        try:
            return work(conn)
        except DBAPIError as error:
            if not error.connection_invalidated:
                raise
            self._held.conn = None
            self._all_held.remove(conn)
            conn.close()
            if not again:
                raise
            return self._run_held(work, again=False)
        finally:
            if not (conn.invalidated or conn.closed):
                conn.rollback()  # SQLAlchemy's own transaction; none is open on the server

    def _run_inline(self, work: Work[T], budget: float) -> T:
        conn = self._inline_connection()
        self._deadline = time.monotonic() + budget
        try:
            return work(conn)
        finally:
            self._deadline = math.inf
            if conn.invalidated:  # gone (driver_rows said so): the next read opens another
                self._inline = None
                conn.close()
            else:
                conn.rollback()  # no read transaction outlives the read

    def _inline_connection(self) -> Connection:
        if self._inline is None:
            conn = self.engine.connect()
            dbapi = conn.connection.dbapi_connection
            assert dbapi is not None
            dbapi.set_progress_handler(self._past_deadline, PROGRESS_STEPS)
            self._inline = conn
        return self._inline

    def _past_deadline(self) -> bool:
        """SQLite's progress handler: true stops the statement ('interrupted')."""
        return time.monotonic() > self._deadline

    def close(self) -> None:
        for executor in (self.executor, self.counting):
            executor.shutdown(wait=False, cancel_futures=True)
        for conn in self._all_held:
            conn.close()
        self._all_held.clear()
        if self._inline is not None:
            self._inline.close()
            self._inline = None


def _interrupted(error: OperationalError) -> bool:
    return "interrupted" in str(error.orig)


def install(app: FastAPI, settings: Settings) -> None:
    engine = app.state.engine
    if is_sqlite(engine):
        app.state.reads = Reads(engine, 1, INLINE_BUDGET)
    else:
        app.state.reads = Reads(engine, settings.db_pool_size, None)
    app.router.add_event_handler("shutdown", app.state.reads.close)

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
The threads take reads from one queue and hand each result to the loop by
call_soon_threadsafe: run_in_executor's futures (a concurrent one, an asyncio one wrapping
it, the callbacks that copy one's state to the other) cost the loop more than the read's
own Python.
Either way, counts (`count=true`) run in threads of their own: counting a million events
takes tens of milliseconds, during which pages asked for meanwhile would otherwise wait.
"""

import asyncio
import contextlib
import math
import queue
import threading
import time
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from typing import Any, TypeVar

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
        self._queue: queue.SimpleQueue[_Asked | None] = queue.SimpleQueue()
        self._threads = [
            threading.Thread(target=self._serve, name=f"timeline-read_{n}", daemon=True)
            for n in range(threads)
        ]
        self._started = False
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
            return await self._in_thread(self._run, work)
        return await self._in_thread(self._run_held, work)

    async def _in_thread(self, run: Callable[[Work[T]], T], work: Work[T]) -> T:
        if not self._started:
            self._started = True
            for thread in self._threads:
                thread.start()
        loop = asyncio.get_running_loop()
        answer: asyncio.Future[T] = loop.create_future()
        self._queue.put((run, work, answer, loop))
        return await answer

    def _serve(self) -> None:
        """A read thread: runs what the queue brings until it brings None."""
        while (asked := self._queue.get()) is not None:
            run, work, answer, loop = asked
            result: Any = None
            failed: BaseException | None = None
            try:
                result = run(work)
            except BaseException as error:
                failed = error
            with contextlib.suppress(RuntimeError):  # the loop closed while the read ran
                loop.call_soon_threadsafe(_settle, answer, result, failed)

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
        self.counting.shutdown(wait=False, cancel_futures=True)
        for thread in self._threads:
            if thread.is_alive():
                self._queue.put(None)  # the thread ends when it comes to it
        for conn in self._all_held:
            conn.close()
        self._all_held.clear()
        if self._inline is not None:
            self._inline.close()
            self._inline = None


Answer = asyncio.Future[Any]
_Asked = tuple[Callable[[Work[Any]], Any], Work[Any], Answer, asyncio.AbstractEventLoop]


def _settle(answer: Answer, result: Any, error: BaseException | None) -> None:
    if answer.cancelled():  # the request went away while its read ran
        return
    if error is None:
        answer.set_result(result)
    else:
        answer.set_exception(error)


def _interrupted(error: OperationalError) -> bool:
    return "interrupted" in str(error.orig)


def install(app: FastAPI, settings: Settings) -> None:
    engine = app.state.engine
    if is_sqlite(engine):
        app.state.reads = Reads(engine, 1, INLINE_BUDGET)
    else:
        app.state.reads = Reads(engine, settings.db_pool_size, None)
    app.router.add_event_handler("shutdown", app.state.reads.close)

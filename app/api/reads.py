"""Where GET /events reads the database: threads of its own, taking reads in arrival order.

Starlette's thread pool lends one of its 40 threads to each waiting request: sixteen
concurrent answers then contend for the GIL, each is as slow as the slowest, and p99 is
three times p50. A SQLite read is CPU work in this process, so one thread answering one
read after another answers each sooner (measured at a million events: twice the rate, p99
a third). PostgreSQL's reads wait on the network, so they get as many threads as the pool
has connections. Either way the event loop never waits for the database.

Counts (`count=true`) run in threads of their own: counting a million events takes tens of
milliseconds, during which the pages asked for meanwhile would otherwise wait.
"""

import asyncio
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from typing import TypeVar

from fastapi import FastAPI

from app.config import Settings
from app.db import is_sqlite

T = TypeVar("T")


class Reads:
    def __init__(self, threads: int) -> None:
        self.executor = ThreadPoolExecutor(threads, thread_name_prefix="timeline-read")
        self.counting = ThreadPoolExecutor(threads, thread_name_prefix="timeline-count")

    async def run(self, work: Callable[[], T]) -> T:
        return await asyncio.get_running_loop().run_in_executor(self.executor, work)

    async def count(self, work: Callable[[], T]) -> T:
        return await asyncio.get_running_loop().run_in_executor(self.counting, work)

    def close(self) -> None:
        for executor in (self.executor, self.counting):
            executor.shutdown(wait=False, cancel_futures=True)


def install(app: FastAPI, settings: Settings) -> None:
    threads = 1 if is_sqlite(app.state.engine) else settings.db_pool_size
    app.state.reads = Reads(threads)
    app.router.add_event_handler("shutdown", app.state.reads.close)

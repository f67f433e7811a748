"""Python's cyclic garbage collector and what a server holds for its whole life.

A full collection walks every object the collector tracks: a started server holds about
145,000 (modules, classes, functions, SQLAlchemy's and pydantic's tables), which took 100
to 300 ms of the event loop each time, several times a minute under load; every request
waiting meanwhile (the p99 of an uncached page on PostgreSQL was these pauses). At
startup what the server holds is frozen (gc.freeze, which costs nothing: no collection
runs): later collections walk only what came after.

The youngest generation is collected after YOUNG allocations instead of Python's 700: a
request frees what it allocates by reference counting (a server under wrk left no cyclic
garbage), so the collections it triggered walked live objects of the requests in flight
for nothing: 34 us of CPU a PostgreSQL page at 700, 15 at 10,000 (gen0 and gen1 time per
request, 16 connections on one server).

Shutdown unfreezes and sets the thresholds back, so that an app stopped in a longer-lived
process (the tests) leaves nothing the collector cannot free.
"""

import gc

from fastapi import FastAPI

YOUNG = 10_000


def install(app: FastAPI) -> None:
    before = gc.get_threshold()

    def freeze() -> None:
        gc.freeze()
        gc.set_threshold(YOUNG, *before[1:])

    def thaw() -> None:
        gc.unfreeze()
        gc.set_threshold(*before)

    app.router.add_event_handler("startup", freeze)
    app.router.add_event_handler("shutdown", thaw)

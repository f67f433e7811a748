"""Python's cyclic garbage collector and what a server holds for its whole life.

A full collection walks every object the collector tracks: a started server holds about
145,000 (modules, classes, functions, SQLAlchemy's and pydantic's tables), which took 100
to 300 ms of the event loop each time, several times a minute under load; every request
waiting meanwhile (the p99 of an uncached page on PostgreSQL was these pauses). At
startup what the server holds is collected once and frozen: later collections walk only
what came after. Shutdown unfreezes it, so that an app stopped in a longer-lived process
(the tests) leaves nothing the collector cannot free.
"""

import gc

from fastapi import FastAPI


def freeze() -> None:
    gc.collect()  # garbage of startup is freed, not kept frozen
    gc.freeze()


def install(app: FastAPI) -> None:
    app.router.add_event_handler("startup", freeze)
    app.router.add_event_handler("shutdown", gc.unfreeze)

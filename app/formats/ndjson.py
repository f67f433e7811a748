"""Newline-delimited JSON: one event per line, exactly as GET /events serves it."""

from collections.abc import Iterable, Iterator
from typing import Any

import orjson

OPTIONS = orjson.OPT_UTC_Z | orjson.OPT_NON_STR_KEYS


def dumps(value: Any) -> str:
    return orjson.dumps(value, option=OPTIONS).decode()


def documents(serialised: list[bytes]) -> bytes:
    """Lines for items already serialised, in one chunk, as they are sent."""
    return b"\n".join(serialised) + b"\n" if serialised else b""


def lines(items: Iterable[Any]) -> Iterator[str]:
    for item in items:
        yield dumps(item) + "\n"


def envelope(items: Iterable[Any]) -> Iterator[str]:
    """`{"items": [...], "next": null}`: every item in one list answer, written as it comes."""
    yield '{"items":['
    for index, item in enumerate(items):
        yield ("," if index else "") + dumps(item)
    yield '],"next":null}\n'

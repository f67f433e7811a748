"""Opaque keyset cursors.

A cursor is the last row's sort key plus a fingerprint of the query it belongs to: a
cursor from another query, or one tampered with, is refused instead of answering another
query's rows.
"""

import base64
import binascii
import hashlib
from typing import Any

import orjson


class BadCursor(ValueError):
    pass


def fingerprint(query: Any) -> str:
    data = orjson.dumps(query, option=orjson.OPT_SORT_KEYS, default=str)
    return hashlib.sha256(data).hexdigest()[:16]


def encode(key: list[Any], query_fingerprint: str) -> str:
    data = orjson.dumps({"k": key, "f": query_fingerprint}, default=str)
    return base64.urlsafe_b64encode(data).decode().rstrip("=")


def decode(token: str, query_fingerprint: str) -> list[Any]:
    try:
        data = orjson.loads(base64.urlsafe_b64decode(token + "=" * (-len(token) % 4)))
    except (binascii.Error, ValueError) as error:
        raise BadCursor("is malformed") from error
    if not isinstance(data, dict) or not isinstance(data.get("k"), list):
        raise BadCursor("is malformed")
    if any(isinstance(value, str) and "\x00" in value for value in data["k"]):
        raise BadCursor("is malformed")  # no database stores NUL in text
    if data.get("f") != query_fingerprint:
        raise BadCursor("belongs to another query")
    return list(data["k"])

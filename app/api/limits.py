"""Request limits, checked before any route runs: query length, body size, NUL bytes, time.

Every refusal is problem+json and happens before any route runs (only the response cache,
outside, has read the data version), so a refused request changes nothing. NUL bytes are
refused here, in one place, because PostgreSQL cannot store them in text and SQLite would
store what PostgreSQL refuses; the refusal names the JSON field that holds one ('text',
'sources.0.quote'), or `body` when the body is not JSON.
"""

import asyncio
import re
from typing import Any
from urllib.parse import parse_qsl

import orjson
from fastapi import FastAPI
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from app.api.errors import problem
from app.config import Settings

# "\u0000" in JSON text, unless its backslash is itself escaped ("\\u0000" is harmless).
_JSON_NUL = re.compile(rb"(?<!\\)(?:\\\\)*\\u0000")


class _Refusal(Exception):
    def __init__(self, status: int, detail: str, param: str | None = None, **headers: str):
        super().__init__(detail)
        self.status, self.detail, self.param, self.headers = status, detail, param, headers

    async def answer(self, scope: Scope, receive: Receive, send: Send) -> None:
        errors = [{"param": self.param, "message": self.detail}] if self.param else []
        await problem(self.status, self.detail, errors, self.headers)(scope, receive, send)


class Limits:
    def __init__(self, app: ASGIApp, settings: Settings) -> None:
        self.app = app
        self.settings = settings

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        try:
            self._check_target(scope)
            if _has_body(scope):
                receive = _replay(await self._read_body(scope, receive), receive)
        except _Refusal as refusal:
            await refusal.answer(scope, receive, send)
            return
        await self._run_in_time(scope, receive, send)

    def _check_target(self, scope: Scope) -> None:
        query: bytes = scope.get("query_string", b"")
        if len(query) > self.settings.max_query_bytes:
            raise _Refusal(
                414, f"the query string is longer than {self.settings.max_query_bytes} bytes"
            )
        if "\x00" in scope["path"]:
            raise _Refusal(422, "the path contains a NUL character", "path")
        if b"\x00" not in query and b"%00" not in query:
            return  # no NUL once decoded either; parsing every query would cost more
        for name, value in parse_qsl(query.decode("latin-1"), keep_blank_values=True):
            if "\x00" in name or "\x00" in value:
                raise _Refusal(422, "contains a NUL character", name.replace("\x00", "\\0"))

    async def _read_body(self, scope: Scope, receive: Receive) -> bytes:
        limit = self.settings.max_body_bytes
        too_large = _Refusal(413, f"the request body is larger than {limit} bytes", "body")
        headers = dict(scope["headers"])
        declared = headers.get(b"content-length", b"0")
        if not declared.isdigit() or int(declared) > limit:
            raise too_large if declared.isdigit() else _Refusal(400, "bad Content-Length")
        chunks: list[bytes] = []
        size = 0
        more = True
        while more:
            message = await receive()
            if message["type"] != "http.request":
                break
            chunk = message.get("body", b"")
            size += len(chunk)
            if size > limit:
                raise too_large
            chunks.append(chunk)
            more = message.get("more_body", False)
        body = b"".join(chunks)
        if b"\x00" in body or _JSON_NUL.search(body):
            raise _Refusal(422, "contains a NUL character", _field_with_nul(body))
        return body

    async def _run_in_time(self, scope: Scope, receive: Receive, send: Send) -> None:
        """Answers 503 when no response has started within the timeout.

        A response that has started (a long stream) is left to finish. The route is not
        stopped (one running in a thread cannot be): its late answer is dropped. A timer
        rather than a task per request, which cost more than the rest of this middleware;
        and the time is checked again when the answer starts, for a route that never let
        the timer run (a read on the event loop, app.api.reads).
        """
        timeout = self.settings.request_timeout
        if not timeout:
            await self.app(scope, receive, send)
            return
        started = False
        refusing: asyncio.Task[None] | None = None
        loop = asyncio.get_running_loop()
        deadline = loop.time() + timeout

        async def guarded_send(message: Message) -> None:
            nonlocal started
            if not started and refusing is None and loop.time() > deadline:
                expire()
            if refusing is not None:
                return
            started = started or message["type"] == "http.response.start"
            await send(message)

        def expire() -> None:
            nonlocal refusing
            if not started:
                refusal = _Refusal(
                    503,
                    f"the request took longer than {timeout:g} seconds",
                    **{"Retry-After": "1"},
                )
                refusing = asyncio.ensure_future(refusal.answer(scope, receive, send))

        timer = loop.call_later(timeout, expire)
        try:
            await self.app(scope, receive, guarded_send)
        except Exception:
            if refusing is None:
                raise
        finally:
            timer.cancel()
            if refusing is not None:
                await refusing  # the server must not see the route end before the 503


def _field_with_nul(body: bytes) -> str:
    """The dotted path of the first JSON key or string holding a NUL, or 'body'."""
    try:
        document = orjson.loads(body)
    except orjson.JSONDecodeError:
        return "body"
    pending: list[tuple[tuple[str, ...], Any]] = [((), document)]
    while pending:  # iterative: JSON nests deeper than Python recurses
        path, value = pending.pop()
        if isinstance(value, str) and "\x00" in value:
            return ".".join(path) or "body"
        if isinstance(value, dict):
            for key, item in reversed(value.items()):
                if "\x00" in key:
                    return ".".join((*path, key.replace("\x00", "\\0")))
                pending.append(((*path, key), item))
        elif isinstance(value, list):
            pending += [((*path, str(i)), item) for i, item in reversed(list(enumerate(value)))]
    return "body"


def _has_body(scope: Scope) -> bool:
    """Whether the request has a body: an HTTP/1.1 request without Content-Length or
    Transfer-Encoding has none."""
    return any(name in (b"content-length", b"transfer-encoding") for name, _ in scope["headers"])


def _replay(body: bytes, receive: Receive) -> Receive:
    sent = False

    async def replay() -> Message:
        nonlocal sent
        if sent:
            return await receive()
        sent = True
        return {"type": "http.request", "body": body, "more_body": False}

    return replay


def install(app: FastAPI, settings: Settings) -> None:
    app.add_middleware(Limits, settings=settings)

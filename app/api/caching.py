"""HTTP caching of GET answers: strong ETags, 304s, Cache-Control, and an in-process LRU.

The ETag is known before the route runs: a hash of the data version (read from the
database for every request, by a read that begins after the request arrived, so that
every worker and every server sharing the database agrees at once), the build (a hash of
the code, so that a new release is never answered 304), the URL with its query
normalised (parameters in name order, each name's values in their order), the negotiated
representation (Accept, Accept-Encoding), the language (`lang`, else Accept-Language, as
app.languages.chosen reads them) and the Origin (CORS answers differ by it). A matching
If-None-Match is answered 304 without building the body; the 304 passes through the same
CORS and security headers as every answer.

This middleware is the outermost of ours: a cached answer is kept as the layers inside it
made it (CORS and security headers included) and sent again without passing through them,
which cost a cache hit a quarter of its time. Refusals (app.api.limits) are never cached:
they are not 200.

The response cache keeps rendered 200 answers of up to MAX_CACHED_BYTES (a default
/timeline of 2,000 events is over 1 MiB) under the same key, so an entry of an older data
version is never served; it is emptied when a newer version is seen, and the least
recently used entries leave it beyond its number of entries or MAX_STORE_BYTES in all.
Streamed answers (no Content-Length) pass through with the headers only. The version is
read before the route builds the body, so a body is never older than the version its ETag
names. A route that sets its own ETag (one event's, for If-Match) keeps it, and a cached
copy of such an answer is revalidated against that ETag.

Concurrent GETs of one key are built once (single flight, per process): the first builds
the answer, the others wait for it and are served as cache hits. They wait only until the
first answer shows it cannot be cached (not 200, streamed, too large) or fails, and then
build their own.
"""

import asyncio
import hashlib
import logging
from collections import OrderedDict
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import parse_qsl, urlencode

import anyio.to_thread
import psycopg
from fastapi import FastAPI
from psycopg import pq
from sqlalchemy import Engine
from sqlalchemy.engine.interfaces import DBAPICursor
from sqlalchemy.exc import SQLAlchemyError
from sqlalchemy.pool import PoolProxiedConnection
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from app import actors, languages
from app.api import cors
from app.api.headers import SecurityHeaders
from app.config import Settings
from app.db import is_sqlite
from app.services import versions

log = logging.getLogger("timeline")
MAX_CACHED_BYTES = 4 << 20
MAX_DIGESTS = 10_000  # requests' ETag digests remembered, by their URL and headers as sent
MAX_STORE_BYTES = 256 << 20
APP_DIR = Path(__file__).resolve().parent.parent


def build_id() -> str:
    """A hash of the application's own files (code and the bundled page)."""
    digest = hashlib.sha256()
    for path in sorted(APP_DIR.rglob("*")):
        if path.is_file() and path.suffix in (".py", ".html", ".css", ".js", ".svg"):
            digest.update(str(path.relative_to(APP_DIR)).encode())
            digest.update(path.read_bytes())
    return digest.hexdigest()[:16]


class SQLiteVersions:
    """SQLite's data version, read on the event loop over a connection of its own.

    One indexed single-row read in process, so it runs inline: no thread hop, no Session,
    a statement sqlite3 keeps prepared, read outside any transaction, so each read sees
    the newest commit (and begins after its caller asked). Connecting, which may wait on a
    lock, runs in a thread. Any database error drops the connection and answers None (not
    cached).
    """

    def __init__(self, engine: Engine) -> None:
        self.engine = engine
        self.connection: PoolProxiedConnection | None = None
        self.cursor: DBAPICursor | None = None  # kept: one per read cost a fifth of it
        self.connecting = anyio.Lock()

    async def read(self) -> int | None:
        if self.connection is None:
            async with self.connecting:
                if self.connection is None:
                    try:
                        self.connection = await anyio.to_thread.run_sync(self.engine.raw_connection)
                        self.cursor = self.connection.cursor()
                    except (SQLAlchemyError, self.engine.dialect.loaded_dbapi.Error) as error:
                        log.debug("no database, not caching: %s", error)
                        return None
        assert self.cursor is not None
        try:
            self.cursor.execute(versions.CURRENT_SQL)
            row = self.cursor.fetchone()
        except self.engine.dialect.loaded_dbapi.Error as error:
            log.debug("no data version, not caching: %s", error)
            await self.close()
            return None
        return None if row is None else int(row[0])

    async def close(self) -> None:
        if self.connection is not None:
            self.connection.invalidate()
            self.connection = self.cursor = None


class PostgresVersions:
    """PostgreSQL's data version, read over an async psycopg connection of its own, so that
    the event loop answers other requests while a read waits on the server (a blocking
    read held the loop for its round trip: cached answers at 0.19 to 0.37 x SQLite's rate).

    Every caller gets the version of a read that began after it asked: one already under
    way may have begun before a write whose answer the caller has seen through another
    server. Callers that ask while a read runs wait for the next one, which serves them
    all, so under load one round trip serves many requests. (Keeping the version in memory
    from LISTEN/NOTIFY would save the round trip but not that guarantee: a notification
    reaches this process some time after the write's answer reached its client.)

    The statement is sent and its result read through libpq's non-blocking calls
    (`connection.pgconn`, psycopg.pq), waiting on the loop for the socket: a read through
    psycopg's async cursor cost three to four times the CPU (180 to 200 us against 50 to
    60), and at a few requests a read, that was a sixth of an uncached page's. The
    connection is in autocommit, so that no read holds a transaction open and each one
    sees the newest commit; the statement is prepared once per connection unless prepared
    statements are off (Settings.db_prepared_statements). Any database error drops the
    connection and answers None (not cached); the next read connects again.
    """

    STATEMENT = b"timeline_data_version"

    def __init__(self, engine: Engine, prepare: bool) -> None:
        _, params = engine.dialect.create_connect_args(engine.url)
        self.params = {**params, "autocommit": True}
        self.prepare = prepare
        self.connection: psycopg.AsyncConnection[tuple[int]] | None = None
        self.next: asyncio.Future[int | None] | None = None  # the read that has not begun
        self.reading: asyncio.Task[None] | None = None

    async def read(self) -> int | None:
        if self.next is None:
            self.next = asyncio.get_running_loop().create_future()
            if self.reading is None:
                self.reading = asyncio.create_task(self._read_while_asked())
        return await asyncio.shield(self.next)  # a caller that goes cancels no one's read

    async def _read_while_asked(self) -> None:
        try:
            while self.next is not None:
                asked, self.next = self.next, None
                try:
                    asked.set_result(await self._read())
                except Exception as error:  # not the database's: every caller hears of it
                    asked.set_exception(error)
        finally:
            self.reading = None

    async def _read(self) -> int | None:
        sql = versions.CURRENT_SQL.encode()
        try:
            if self.connection is None:
                self.connection = await psycopg.AsyncConnection.connect(**self.params)
                if self.prepare:
                    self.connection.pgconn.send_prepare(self.STATEMENT, sql)
                    _succeeded(await _result(self.connection.pgconn))
            pgconn = self.connection.pgconn
            if self.prepare:
                pgconn.send_query_prepared(self.STATEMENT, None)
            else:
                pgconn.send_query_params(sql, None)
            result = _succeeded(await _result(pgconn))
        except psycopg.Error as error:
            log.debug("no data version, not caching: %s", error)
            await self.close()
            return None
        value = result.get_value(0, 0) if result.ntuples else None
        return None if value is None else int(value)

    async def close(self) -> None:
        if self.connection is not None:
            await self.connection.close()
            self.connection = None


async def _result(pgconn: pq.abc.PGconn) -> pq.abc.PGresult:
    """The last result of the statement sent on `pgconn`, waiting on the loop for the socket
    (psycopg's async connections are non-blocking): the data, or the server's error."""
    loop = asyncio.get_running_loop()
    while pgconn.flush():  # what is left to send
        await _ready(pgconn.socket, loop.add_writer, loop.remove_writer)
    last = None
    while True:
        pgconn.consume_input()
        if pgconn.is_busy():
            await _ready(pgconn.socket, loop.add_reader, loop.remove_reader)
        elif (result := pgconn.get_result()) is not None:
            last = result
        elif last is None:
            raise psycopg.OperationalError("no result")
        else:
            return last


async def _ready(fd: int, watch: Callable[..., None], unwatch: Callable[[int], object]) -> None:
    ready: asyncio.Future[None] = asyncio.get_running_loop().create_future()
    watch(fd, _wake, ready)
    try:
        await ready
    finally:
        unwatch(fd)


def _wake(ready: asyncio.Future[None]) -> None:
    if not ready.done():  # the socket may be seen ready again before the waiter resumes
        ready.set_result(None)


def _succeeded(result: pq.abc.PGresult) -> pq.abc.PGresult:
    if result.status not in (pq.ExecStatus.TUPLES_OK, pq.ExecStatus.COMMAND_OK):
        message = (result.error_message or b"").decode(errors="replace").strip()
        raise psycopg.DatabaseError(message or f"status {result.status}")
    return result


VersionReader = SQLiteVersions | PostgresVersions


def version_reader(engine: Engine, prepare: bool) -> VersionReader:
    return SQLiteVersions(engine) if is_sqlite(engine) else PostgresVersions(engine, prepare)


@dataclass
class _Cached:
    headers: list[tuple[bytes, bytes]]
    body: bytes
    etag: str  # the answer's own: ours, or the one its route set


@dataclass
class _Capture:
    """An answer being sent, copied for the cache while it fits."""

    cacheable: bool
    etag: str = ""
    headers: list[tuple[bytes, bytes]] = field(default_factory=list)
    chunks: list[bytes] = field(default_factory=list)
    size: int = 0


class HTTPCache:
    def __init__(
        self,
        app: ASGIApp,
        *,
        max_age: int,
        entries: int,
        build: str,
        versions: VersionReader,
        not_modified: ASGIApp,
    ) -> None:
        self.app = app
        self.not_modified = not_modified  # answers a 304 with the scope's NOT_MODIFIED headers
        self.versions = versions
        self.cache_control = f"public, max-age={max_age}" if max_age else "no-cache"
        self.entries = entries
        self.build = build
        self.store: OrderedDict[str, _Cached] = OrderedDict()
        self.stored_bytes = 0
        self.building: dict[str, anyio.Event] = {}
        self.newest_version = -1
        self.digests: dict[tuple[str | bytes, ...], str] = {}

    def etag(self, version: int, scope: Scope, request: dict[bytes, bytes]) -> str:
        asked = (
            scope.get("scheme", "http"),
            scope.get("root_path", "") + scope["path"],
            scope["query_string"],
            request.get(b"host", b""),
            request.get(b"accept", b""),
            request.get(b"accept-encoding", b""),
            request.get(b"origin", b""),
            request.get(b"accept-language", b""),
        )
        digest = self.digests.get(asked)
        if digest is None:  # normalising and hashing cost more than the rest of a hit
            scheme, path, query_string, *headers, accept_language = asked
            pairs = parse_qsl(query_string.decode("latin-1"), keep_blank_values=True)
            query = urlencode(sorted(pairs, key=lambda pair: pair[0]))
            values = (value.decode("latin-1") for value in headers)
            # the language chosen, not the header: every way of asking for one is one answer
            lang = languages.chosen(dict(pairs).get("lang"), accept_language.decode("latin-1"))
            parts = (self.build, scheme, path, query, *values, lang)
            digest = hashlib.sha256("\n".join(parts).encode()).hexdigest()[:24]
            if len(self.digests) >= MAX_DIGESTS:
                self.digests.clear()
            self.digests[asked] = digest
        return f'"{version}-{digest}"'

    def _headers(self, etag: str) -> list[tuple[bytes, bytes]]:
        return [
            (b"etag", etag.encode()),
            (b"cache-control", self.cache_control.encode()),
            (b"vary", b"Accept, Accept-Encoding, Accept-Language, Origin"),
        ]

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or scope["method"] not in ("GET", "HEAD"):
            await self.app(scope, receive, send)
            return
        version = await self.versions.read()
        if version is None:
            await self.app(scope, receive, send)
            return
        scope[VERSION] = version
        if version > self.newest_version:
            self.store.clear()
            self.stored_bytes = 0
            self.newest_version = version
        request = dict(reversed(scope["headers"]))  # a name sent twice: the first, as Headers
        etag = self.etag(version, scope, request)
        if_none_match = request.get(b"if-none-match", b"").decode("latin-1")
        if _matches(if_none_match, etag):
            await self.not_modified({**scope, NOT_MODIFIED: self._headers(etag)}, receive, send)
            return
        cacheable = scope["method"] == "GET" and self.entries > 0
        cached = self.store.get(etag) if cacheable else None
        building = self.building.get(etag) if cacheable and cached is None else None
        if building is not None:
            await building.wait()
            cached = self.store.get(etag)
        if cached is not None:
            self.store.move_to_end(etag)
            if cached.etag != etag and _matches(if_none_match, cached.etag):
                headers = self._headers(cached.etag)
                await self.not_modified({**scope, NOT_MODIFIED: headers}, receive, send)
                return
            await send({"type": "http.response.start", "status": 200, "headers": cached.headers})
            await send({"type": "http.response.body", "body": cached.body})
            return
        if not cacheable or etag in self.building:
            await self.app(scope, receive, self._sender(send, etag, None))
            return
        built = self.building[etag] = anyio.Event()
        try:
            await self.app(scope, receive, self._sender(send, etag, built))
        finally:
            del self.building[etag]
            built.set()

    def _sender(self, send: Send, etag: str, built: anyio.Event | None) -> Send:
        """`send`, adding the caching headers to a 200 and, when `built` is given (this
        request builds the key's answer for others), keeping the answer if it can be cached
        and setting `built` as soon as the answer is kept or cannot be."""
        capture = _Capture(cacheable=built is not None)

        async def send_with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                sent = dict(message["headers"])  # ASGI's names are lower case
                length = sent.get(b"content-length")
                capture.cacheable &= (
                    message["status"] == 200
                    and length is not None
                    and int(length) <= MAX_CACHED_BYTES
                    and b"set-cookie" not in sent
                )
                if message["status"] == 200:
                    own_etag = sent.get(b"etag")
                    capture.etag = own_etag.decode() if own_etag else etag
                    ours = self._headers(capture.etag)
                    replaced = {name for name, _ in ours}
                    kept = [pair for pair in message["headers"] if pair[0] not in replaced]
                    message = {**message, "headers": kept + ours}
                capture.headers = list(message["headers"])
            elif message["type"] == "http.response.body" and capture.cacheable:
                chunk = message.get("body", b"")
                capture.chunks.append(chunk)
                capture.size += len(chunk)
                capture.cacheable = capture.size <= MAX_CACHED_BYTES
                if capture.cacheable and not message.get("more_body", False):
                    answer = _Cached(capture.headers, b"".join(capture.chunks), capture.etag)
                    self._keep(etag, answer)
            last = message["type"] == "http.response.body" and not message.get("more_body", False)
            if built is not None and (last or not capture.cacheable):
                built.set()
            await send(message)

        return send_with_headers

    def _keep(self, etag: str, answer: _Cached) -> None:
        self._drop(etag)
        self.store[etag] = answer
        self.stored_bytes += len(answer.body)
        while len(self.store) > self.entries or self.stored_bytes > MAX_STORE_BYTES:
            self._drop(next(iter(self.store)))

    def _drop(self, etag: str) -> None:
        dropped = self.store.pop(etag, None)
        if dropped is not None:
            self.stored_bytes -= len(dropped.body)


NOT_MODIFIED = "timeline.not_modified"  # the scope key of a 304's headers
VERSION = "timeline.version"  # the scope key of the data version the ETag names


async def _not_modified(scope: Scope, _receive: Receive, send: Send) -> None:
    await send({"type": "http.response.start", "status": 304, "headers": scope[NOT_MODIFIED]})
    await send({"type": "http.response.body", "body": b""})


def _matches(if_none_match: str, etag: str) -> bool:
    """RFC 9110's weak comparison, which If-None-Match uses."""
    tags = (tag.strip().removeprefix("W/") for tag in if_none_match.split(","))
    return etag in tags


def install(app: FastAPI, settings: Settings) -> None:
    reader = version_reader(app.state.engine, settings.db_prepared_statements)
    app.state.resolved = actors.Resolved()  # names, at the version this middleware read
    app.router.add_event_handler("shutdown", reader.close)
    app.add_middleware(
        HTTPCache,
        max_age=settings.cache_max_age,
        entries=settings.response_cache_entries,
        build=build_id(),
        versions=reader,
        not_modified=cors.wrap(SecurityHeaders(_not_modified), settings),
    )

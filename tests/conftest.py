"""Real databases and real servers for the tests.

Every database fixture is parametrised by engine: SQLite files, and PostgreSQL when a
server answers at TIMELINE_TEST_POSTGRES_URL (default: the local one). Without one the
PostgreSQL half of each test is skipped with the reason, never passed silently.
A seeded template is built once per engine; a test that writes gets its own copy.
Under pytest-xdist each worker builds its own templates: database names are random and
servers take free ports, so workers never share a database or a port.
"""

import os
import shutil
import socket
import ssl
import threading
import time
import uuid
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import hypothesis
import pytest
import uvicorn
from sqlalchemy import create_engine, text
from sqlalchemy.engine import make_url
from sqlalchemy.exc import ProgrammingError

from app import schema, seeds
from app.cli import EVENT_LOOP
from app.config import PROJECT_ROOT, Settings
from app.db import dispose_engines, get_engine, session_scope
from app.main import create_app

SEEDS_DIR = PROJECT_ROOT / "seeds"

# In CI every property and fuzz test runs the same examples each time, so that a red run
# is reproducible and a green one stays green; on a developer's machine they vary.
hypothesis.settings.register_profile("ci", derandomize=True)
if os.environ.get("CI"):
    hypothesis.settings.load_profile("ci")
POSTGRES_ADMIN_URL = os.environ.get(
    "TIMELINE_TEST_POSTGRES_URL", "postgresql+psycopg://postgres@127.0.0.1:5432/postgres"
)


# A linguistic collation that ignores punctuation, as many servers' en_US.UTF-8 does, so
# that the tests catch any order that depends on the database's collation.
POSTGRES_COLLATION = " TEMPLATE template0 LOCALE_PROVIDER icu ICU_LOCALE 'en-US-u-ka-shifted'"


def postgres_unavailable() -> str | None:
    """Why PostgreSQL cannot be used for the tests, or None when it can."""
    try:
        engine = create_engine(POSTGRES_ADMIN_URL, connect_args={"connect_timeout": 3})
        with engine.connect() as conn:
            conn.execute(text("SELECT 1"))
        engine.dispose()
    except Exception as error:  # any failure to connect means: skip, with the reason
        return f"no PostgreSQL answers at {POSTGRES_ADMIN_URL}: {type(error).__name__}"
    return None


ENGINES = [
    pytest.param("sqlite", id="sqlite"),
    pytest.param("postgres", id="postgres", marks=pytest.mark.postgres),
]


class Databases:
    """Creates throw-away databases of one engine and drops them afterwards."""

    def __init__(self, engine: str, directory: Path) -> None:
        self.engine = engine
        self.directory = directory
        self.created: list[str] = []

    def new(self, template: str | None = None) -> str:
        """The URL of a new empty database, or of a copy of `template`."""
        name = f"timeline_test_{uuid.uuid4().hex[:12]}"
        if self.engine == "sqlite":
            path = self.directory / f"{name}.db"
            if template is not None:
                source = Path(make_url(template).database or "")
                with session_scope(get_engine(template)) as session:
                    session.execute(text("PRAGMA wal_checkpoint(TRUNCATE)"))
                shutil.copyfile(source, path)
            return f"sqlite:///{path}"
        admin = create_engine(POSTGRES_ADMIN_URL, isolation_level="AUTOCOMMIT")
        with admin.connect() as conn:
            suffix = POSTGRES_COLLATION
            if template is not None:
                template_name = make_url(template).database
                dispose_engines(template)
                suffix = f' TEMPLATE "{template_name}"'
            try:
                conn.execute(text(f'CREATE DATABASE "{name}"{suffix}'))
            except ProgrammingError:  # before PostgreSQL 15, or built without ICU
                conn.execute(text(f'CREATE DATABASE "{name}"'))
        admin.dispose()
        self.created.append(name)
        return make_url(POSTGRES_ADMIN_URL).set(database=name).render_as_string(False)

    def drop(self, url: str) -> None:
        """Closes this process's connections to a database made by new(), and drops it."""
        dispose_engines(url)
        name = make_url(url).database or ""
        if self.engine == "sqlite":
            for suffix in ("", "-wal", "-shm"):
                Path(name + suffix).unlink(missing_ok=True)
            return
        admin = create_engine(POSTGRES_ADMIN_URL, isolation_level="AUTOCOMMIT")
        with admin.connect() as conn:
            conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        admin.dispose()
        self.created.remove(name)

    def drop_all(self) -> None:
        for name in list(self.created):
            self.drop(make_url(POSTGRES_ADMIN_URL).set(database=name).render_as_string(False))


@pytest.fixture(scope="session", params=ENGINES)
def databases(
    request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[Databases]:
    if request.param == "postgres" and (reason := postgres_unavailable()):
        pytest.skip(reason)
    made = Databases(request.param, tmp_path_factory.mktemp(request.param))
    yield made
    made.drop_all()


@pytest.fixture
def backup_tools(databases: Databases) -> None:
    """Backups of PostgreSQL need pg_dump and pg_restore (Debian: postgresql-client)."""
    if databases.engine == "postgres" and not (
        shutil.which("pg_dump") and shutil.which("pg_restore")
    ):
        pytest.skip("pg_dump or pg_restore is not installed (Debian: postgresql-client)")


@pytest.fixture(scope="session")
def seeded_url(databases: Databases) -> str:
    """A migrated database holding the seed corpus. Never write to it: copy it."""
    url = databases.new()
    schema.upgrade(url)
    with session_scope(get_engine(url)) as session:
        seeds.load(session, SEEDS_DIR)
    return url


@pytest.fixture
def fresh_seeded_url(databases: Databases, seeded_url: str) -> Iterator[str]:
    """A writable copy of the seeded database, for one test."""
    url = databases.new(template=seeded_url)
    yield url
    databases.drop(url)


@pytest.fixture
def empty_url(databases: Databases) -> Iterator[str]:
    """A new database with no tables at all, for one test."""
    url = databases.new()
    yield url
    databases.drop(url)


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


class LiveServer:
    """uvicorn serving the app on a free port in a thread of this process, on the event
    loop `timeline serve` runs."""

    def __init__(self, settings: Settings) -> None:
        port = free_port()
        config = uvicorn.Config(
            create_app(settings),
            host="127.0.0.1",
            port=port,
            log_level="warning",
            loop=EVENT_LOOP,
        )
        self.server = uvicorn.Server(config)
        self.url = f"http://127.0.0.1:{port}"
        self.thread = threading.Thread(target=self.server.run, daemon=True)

    def __enter__(self) -> "LiveServer":
        self.thread.start()
        deadline = time.monotonic() + 15
        while not self.server.started:
            if time.monotonic() > deadline or not self.thread.is_alive():
                raise RuntimeError("the test server did not start")
            time.sleep(0.02)
        return self

    def __exit__(self, *_: object) -> None:
        self.server.should_exit = True
        self.thread.join(10)


TEST_TOKEN = "test-token-0123456789"


def settings_for(url: str, **overrides: Any) -> Settings:
    return Settings(database_url=url, api_tokens=[f"tests:{TEST_TOKEN}"], **overrides)


@pytest.fixture(scope="session")
def server(databases: Databases, seeded_url: str) -> Iterator[LiveServer]:
    """A real HTTP server on a read-only use of a seeded database, shared by read tests."""
    with LiveServer(settings_for(databases.new(template=seeded_url))) as live:
        yield live


# The tests speak plain HTTP to 127.0.0.1, yet every new httpx client loads the CA bundle
# into a TLS context of its own (46 ms of CPU, more than most tests' requests); theirs share one.
TLS = ssl.create_default_context()


def http_client(url: str, timeout: float = 60) -> httpx.Client:
    return httpx.Client(base_url=url, timeout=timeout, verify=TLS)


@pytest.fixture
def client(server: LiveServer) -> Iterator[httpx.Client]:
    with http_client(server.url, timeout=30) as http:
        yield http


@pytest.fixture
def writable_server(fresh_seeded_url: str) -> Iterator[LiveServer]:
    """A real HTTP server on this test's own copy of the seeded database."""
    with LiveServer(settings_for(fresh_seeded_url)) as live:
        yield live


@pytest.fixture
def http(writable_server: LiveServer) -> Iterator[httpx.Client]:
    """A client of this test's own writable server."""
    with http_client(writable_server.url) as client:
        yield client

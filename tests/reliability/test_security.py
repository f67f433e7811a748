"""Security headers, tokens kept out of logs and answers, no stack trace in any answer."""

import os
import subprocess
import sys
import time
from pathlib import Path

import httpx
from sqlalchemy import create_engine, text
from sqlalchemy.engine import make_url

from app.config import PROJECT_ROOT
from app.db import get_engine
from tests.conftest import POSTGRES_ADMIN_URL, TEST_TOKEN, LiveServer, free_port
from tests.reliability.state import database_url

WRONG_TOKEN = "wrong-token-9876543210"


def test_every_answer_has_the_security_headers(client: httpx.Client) -> None:
    for path in ("/events", "/events/nothing-here", "/health", "/openapi.json", "/docs"):
        response = client.get(path)
        assert response.headers["x-content-type-options"] == "nosniff", path
        assert response.headers["referrer-policy"] == "no-referrer", path


def test_html_gets_a_content_security_policy_without_inline_script(client: httpx.Client) -> None:
    assert "content-security-policy" not in client.get("/events").headers
    for path in ("/", "/docs"):
        answer = client.get(path)
        assert "text/html" in answer.headers["content-type"], path
        policy = answer.headers["content-security-policy"]
        assert "frame-ancestors 'none'" in policy, path
        script = next(d for d in policy.split(";") if d.strip().startswith("script-src"))
        assert script.split() == ["script-src", "'self'"], path


def test_tokens_never_reach_the_logs_or_the_answers(fresh_seeded_url: str, tmp_path: Path) -> None:
    """A real `timeline serve` with its access log; every operation, with both tokens."""
    port = free_port()
    log_path = tmp_path / "server.log"
    env = {
        **os.environ,
        "DATABASE_URL": fresh_seeded_url,
        "TIMELINE_API_TOKENS": f"tests:{TEST_TOKEN}",
    }
    command = [sys.executable, "-c", "from app.cli import app; app()", "serve", "--port", str(port)]
    with log_path.open("wb") as log:
        process = subprocess.Popen(command, cwd=PROJECT_ROOT, env=env, stdout=log, stderr=log)
    bodies: list[str] = []
    try:
        base = f"http://127.0.0.1:{port}"
        deadline = time.monotonic() + 60
        while True:
            try:
                httpx.get(f"{base}/health")
                break
            except httpx.TransportError:
                assert time.monotonic() < deadline and process.poll() is None, log_path.read_text()
                time.sleep(0.2)
        document = httpx.get(f"{base}/openapi.json").json()
        for path, operations in document["paths"].items():
            target = path.replace("{", "").replace("}", "")
            for method in operations:
                for token in (TEST_TOKEN, WRONG_TOKEN, f"{TEST_TOKEN}x"):
                    for params in ({}, {"limit": "0"}):
                        response = httpx.request(
                            method,
                            base + target,
                            params=params,
                            json={"text": "x"},
                            headers={"Authorization": f"Bearer {token}"},
                        )
                        bodies.append(response.text + str(response.headers))
    finally:
        process.terminate()
        process.wait(20)
    logged = log_path.read_text()
    assert "GET /events" in logged, "the access log was not captured"
    for secret in (TEST_TOKEN, WRONG_TOKEN):
        assert secret not in logged
        assert not [body for body in bodies if secret in body]


def _break_database(url: str) -> None:
    """Makes the database unusable under the live server: the real failure, not a fake."""
    parsed = make_url(url)
    if parsed.get_backend_name() == "sqlite":
        get_engine(url).dispose()  # the server's pooled connections: new ones must open the file
        Path(parsed.database or "").write_bytes(b"this is not a database " * 10_000)
        for suffix in ("-wal", "-shm"):
            Path(f"{parsed.database}{suffix}").unlink(missing_ok=True)
        return
    admin = create_engine(POSTGRES_ADMIN_URL, isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.execute(text(f'DROP DATABASE "{parsed.database}" WITH (FORCE)'))
    admin.dispose()


def test_a_database_gone_mid_run_is_a_problem_without_a_stack_trace(
    writable_server: LiveServer,
) -> None:
    with httpx.Client(base_url=writable_server.url, timeout=30) as http:
        assert http.get("/events").status_code == 200
        _break_database(database_url(writable_server))
        for path in ("/events", "/events/singapore-summit-2018", "/actors", "/articles"):
            response = http.get(path)
            assert response.status_code in (500, 503), (path, response.text)
            assert response.headers["content-type"] == "application/problem+json"
            for leak in ("Traceback", 'File "', "sqlalchemy", "psycopg", "sqlite3", "SELECT"):
                assert leak not in response.text, (path, response.text)
        assert http.get("/health").status_code == 503


def test_a_table_gone_under_a_page_fails_as_on_every_other_route(
    writable_server: LiveServer,
) -> None:
    """A page's statements run on the driver (app.db.driver_rows), yet their errors are
    SQLAlchemy's: the same problem as the routes that run through it."""
    with httpx.Client(base_url=writable_server.url, timeout=30) as http:
        assert http.get("/events?actor=kim").status_code == 200
        engine = create_engine(database_url(writable_server))
        with engine.begin() as conn:
            conn.execute(text("ALTER TABLE event RENAME TO event_gone"))
        engine.dispose()
        page = http.get("/events?actor=kim&limit=3")  # not the cached answer
        one = http.get("/events/singapore-summit-2018")
    assert page.status_code == one.status_code, (page.text, one.text)
    assert page.status_code in (500, 503)
    assert page.headers["content-type"] == "application/problem+json"
    assert ("retry-after" in page.headers) == ("retry-after" in one.headers)

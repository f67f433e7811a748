"""Hostile input in every parameter and body, over real HTTP: a 4xx or an honest answer,
never a server error, and the database unchanged afterwards.

The parameters and bodies are read from the live /openapi.json, so routes added later
are attacked without touching this file.
"""

import socket
from typing import Any
from urllib.parse import quote

import httpx
import pytest

from tests.conftest import TEST_TOKEN, LiveServer, http_client, settings_for
from tests.reliability.state import database_url, snapshot

AUTH = {"Authorization": f"Bearer {TEST_TOKEN}"}
HOSTILE_STRINGS = [
    "' OR 1=1 --",
    '"; DROP TABLE event; --',
    "1); DELETE FROM source; --",
    '"unbalanced',
    "kim NEAR trump",
    "NEAR(kim trump, 2)",
    "kim*",
    "*",
    "(kim OR (trump",
    "AND OR NOT",
    "title:x",
    "document:kim",
    "^kim",
    "{kim trump}",
    "-kim",
    "kim & !trump | x:*",
    "%",
    "_",
    "\\",
    "\u202e\ufeff\u200b",
    "😀" * 50,
    "9" * 400,
    "-1",
    "0",
    "1e309",
    "NaN",
    "2018-02-30",
    "0000-00-00",
    "9999-12-31T99:99",
]
HUGE = ["99999999999999999999999999", str(2**63), str(-(2**63) - 1)]


def _operations(http: httpx.Client) -> list[tuple[str, str, dict[str, Any]]]:
    document = http.get("/openapi.json").json()
    return [
        (method.upper(), path, operation)
        for path, operations in document["paths"].items()
        for method, operation in operations.items()
    ]


def _fill_path(path: str, value: str) -> str:
    while "{" in path:
        start, end = path.index("{"), path.index("}")
        path = path[:start] + quote(value, safe="") + path[end + 1 :]
    return path


def _assert_refused_or_answered(response: httpx.Response) -> None:
    assert response.status_code < 500, (response.request.url, response.text[:500])
    if response.status_code >= 400:
        assert response.headers["content-type"] == "application/problem+json", response.text
    assert "Traceback" not in response.text


def test_hostile_values_in_every_parameter_change_nothing(writable_server: LiveServer) -> None:
    url = database_url(writable_server)
    before = snapshot(url)
    with httpx.Client(base_url=writable_server.url, timeout=30, headers=AUTH) as http:
        for method, path, operation in _operations(http):
            names = [p["name"] for p in operation.get("parameters", []) if p["in"] == "query"]
            for value in HOSTILE_STRINGS + HUGE:
                target = _fill_path(path, value)
                _assert_refused_or_answered(http.request(method, target))
                for name in names:
                    response = http.request(method, target, params={name: value})
                    _assert_refused_or_answered(response)
    assert snapshot(url) == before


@pytest.mark.parametrize(
    ("query", "status", "param"),
    [
        ("q=a%00b", 422, "q"),
        ("actor=kim%00", 422, "actor"),
        ("from=2018%00", 422, "from"),
        ("cur%00sor=x", 422, "cur\\0sor"),
        ("limit=99999999999999999999999", 422, "limit"),
        ("limit=0", 422, "limit"),
        ("limit=501", 422, "limit"),
        ("q=" + "a" * 60_000, 414, None),
        ("q=%FF%FE%FD", 422, "q"),  # invalid UTF-8, decoded with replacement: no word in it
    ],
)
def test_bad_query_strings_are_problems(
    writable_server: LiveServer, query: str, status: int, param: str | None
) -> None:
    url = database_url(writable_server)
    before = snapshot(url)
    response = httpx.get(f"{writable_server.url}/events?{query}", timeout=30)
    assert response.status_code == status, response.text
    assert response.headers["content-type"] == "application/problem+json"
    if param is not None:
        assert param in [error["param"] for error in response.json()["errors"]]
    assert snapshot(url) == before


def test_nul_in_a_path_is_a_problem(client: httpx.Client) -> None:
    response = client.get("/events/abc%00def")
    assert response.status_code == 422
    assert response.json()["errors"][0]["param"] == "path"


def _raw_get(live: LiveServer, target: bytes) -> tuple[int, bytes]:
    """GET with the request line exactly as given, bytes no client library would send."""
    host, port = live.url.removeprefix("http://").split(":")
    with socket.create_connection((host, int(port)), timeout=10) as sock:
        sock.sendall(b"GET " + target + b" HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n")
        answer = b""
        while chunk := sock.recv(65536):
            answer += chunk
    return int(answer.split(b" ", 2)[1]), answer


def test_raw_invalid_utf8_bytes_in_the_request_line_are_refused(server: LiveServer) -> None:
    for target in (b"/events?q=\xff\xfe\x00kim", b"/events/\xc3\x28", b"/actors?limit=\x80"):
        status, answer = _raw_get(server, target)
        assert 400 <= status < 500, answer[:300]


def test_a_100_kb_query_string_is_refused(server: LiveServer) -> None:
    status, answer = _raw_get(server, b"/events?q=" + b"kim+" * 25_000)
    assert status in (400, 414), answer[:300]
    assert b"Traceback" not in answer


def _bodies() -> list[tuple[str, bytes]]:
    depth = 100_000
    return [
        ("deeply nested JSON", b'{"a": [' * depth + b"1" + b"]}" * depth),
        ("invalid UTF-8", b'{"text": "\xff\xfe\xfd", "title": "\xc3\x28"}'),
        ("NUL escaped in a JSON string", b'{"text": "a\\u0000b", "title": "t"}'),
        ("raw NUL", b'{"text": "a\x00b"}'),
        ("not JSON", b"' OR 1=1 --"),
        ("JSON of the wrong type", b"[1, 2, 3]"),
        ("huge number", b'{"text": 1' + b"0" * 5000 + b"}"),
    ]


@pytest.mark.parametrize(("what", "body"), _bodies(), ids=[b[0] for b in _bodies()])
def test_hostile_bodies_to_every_operation_change_nothing(
    writable_server: LiveServer, what: str, body: bytes
) -> None:
    url = database_url(writable_server)
    before = snapshot(url)
    headers = {**AUTH, "Content-Type": "application/json"}
    with httpx.Client(base_url=writable_server.url, timeout=30, headers=headers) as http:
        for method, path, _ in _operations(http):
            for target in (_fill_path(path, "singapore-summit-2018"), path):
                response = http.request(method, target, content=body)
                _assert_refused_or_answered(response)
                if method != "GET" and "NUL" in what:
                    assert response.status_code in (404, 405, 422), (what, method, path)
    assert snapshot(url) == before


def _limited_server(url: str, **limits: Any) -> LiveServer:
    return LiveServer(settings_for(url, **limits))


def test_bodies_over_the_limit_are_413_whether_declared_or_streamed(fresh_seeded_url: str) -> None:
    before = snapshot(fresh_seeded_url)
    with _limited_server(fresh_seeded_url, max_body_bytes=2048) as live:
        declared = httpx.post(f"{live.url}/events", content=b"x" * 2049, headers=AUTH)
        streamed = httpx.post(
            f"{live.url}/articles", content=iter([b"{" + b" " * 1500] * 3), headers=AUTH
        )
        within = httpx.post(f"{live.url}/events", content=b"{}", headers=AUTH)
    for response in (declared, streamed):
        assert response.status_code == 413, response.text
        assert response.json()["errors"][0]["param"] == "body"
    assert within.status_code != 413
    assert snapshot(fresh_seeded_url) == before


def test_page_size_and_query_length_follow_the_settings(seeded_url: str) -> None:
    limits = {"max_page_size": 10, "max_query_bytes": 300}
    with _limited_server(seeded_url, **limits) as live, http_client(live.url) as http:
        assert http.get("/events", params={"limit": 10}).status_code == 200
        too_many = http.get("/events", params={"limit": 11})
        assert too_many.status_code == 422 and "at most 10" in too_many.text
        assert http.get("/events", params={"q": "a" * 300}).status_code == 414


def test_a_request_over_the_timeout_is_503_problem(seeded_url: str) -> None:
    with _limited_server(seeded_url, request_timeout=0.000001) as live:
        response = httpx.get(f"{live.url}/events", params={"limit": 500})
        assert response.status_code == 503, response.text
        assert response.headers["content-type"] == "application/problem+json"
        assert response.headers["retry-after"]
    with _limited_server(seeded_url, request_timeout=0) as live:  # 0: no timeout
        assert httpx.get(f"{live.url}/events", params={"limit": 500}).status_code == 200


@pytest.mark.parametrize("since", [*HUGE, "²", "2018-13-01", "1e3"])
def test_a_since_that_is_no_position_or_time_is_422_naming_it(
    client: httpx.Client, since: str
) -> None:
    response = client.get("/changes", params={"since": since})
    assert response.status_code == 422, response.text
    assert [error["param"] for error in response.json()["errors"]] == ["since"]

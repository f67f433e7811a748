"""One rule for every read: an unknown parameter, or an unknown value of a closed
vocabulary, is a 422 naming the parameter with the closest allowed names; the command
line refuses its options the same way, in one line with exit status 2."""

import subprocess
import sys
from pathlib import Path
from typing import Any

import httpx
import pytest

from app.vocabulary import EVENT_KINDS, TAGS
from tests.api.test_read_api import assert_problem
from tests.conftest import TEST_TOKEN


@pytest.mark.parametrize(
    ("path", "param", "value", "suggestion"),
    [
        ("/events", "kind", "summt", "summit"),
        ("/events", "tag", "nuclaer", "nuclear"),
        ("/events", "status", "publishd", "published"),
        ("/events", "sort", "-dat", "-date"),
        ("/events", "format", "cvs", "csv"),
        ("/timeline", "format", "viss", "vis"),
        ("/timeline", "kind", "sumit", "summit"),
        ("/facets", "facet", "yaer", "year"),
        ("/changes", "tag", "sanction", "sanctions"),
        ("/places", "format", "geojsn", "geojson"),
        ("/sources", "format", "csvv", "csv"),
    ],
)
def test_an_unknown_value_is_refused_with_the_closest_values(
    client: httpx.Client, path: str, param: str, value: str, suggestion: str
) -> None:
    body = assert_problem(client.get(path, params={param: value}), 422, param)
    (error,) = body["errors"]
    assert suggestion in error["suggestions"]
    assert repr(value) in error["message"]
    assert body["detail"] == f"{param}: {error['message']}"


def test_a_tag_matching_nothing_is_refused_not_answered_empty(client: httpx.Client) -> None:
    body = assert_problem(client.get("/events", params={"tag": "bogus"}), 422, "tag")
    assert all(tag in body["errors"][0]["message"] for tag in TAGS)


@pytest.mark.parametrize("path", ["/events", "/timeline", "/facets"])
def test_vocabularies_are_read_in_any_case(client: httpx.Client, path: str) -> None:
    lower = client.get(path, params={"kind": "summit", "tag": "nuclear"})
    upper = client.get(path, params={"kind": "SUMMIT", "tag": "Nuclear"})
    assert lower.status_code == 200, lower.text
    assert upper.json() == lower.json()
    assert lower.json() != client.get(path).json()


def test_every_kind_in_any_case_gives_that_kinds_events(client: httpx.Client) -> None:
    for kind in EVENT_KINDS:
        found = client.get("/events", params={"kind": kind.upper(), "limit": 500}).json()
        assert {event["kind"] for event in found["items"]} <= {kind}
    csv = client.get("/events", params={"format": "CSV", "sort": "-DATE", "status": "Published"})
    assert csv.status_code == 200
    assert csv.headers["content-type"].startswith("text/csv")


def test_a_date_that_is_no_date_is_said_once(client: httpx.Client) -> None:
    body = assert_problem(client.get("/events", params={"from": "garbage"}), 422, "from")
    assert body["detail"] == "from: could not read 'garbage' as a date (not one date expression)"


@pytest.mark.parametrize(
    ("method", "path"),
    [
        ("POST", "/events"),
        ("PATCH", "/events/singapore-summit-2018"),
        ("POST", "/events/singapore-summit-2018/sources"),
        ("POST", "/actors"),
    ],
)
def test_a_body_that_is_not_json_is_named_body(
    client: httpx.Client, method: str, path: str
) -> None:
    before = client.get("/events/singapore-summit-2018").json()
    headers: dict[str, Any] = {
        "Authorization": f"Bearer {TEST_TOKEN}",
        "Content-Type": "application/json",
    }
    response = client.request(method, path, content=b'{"title": ', headers=headers)
    body = assert_problem(response, 422, "body")
    assert body["detail"].startswith("body: is not valid JSON (")
    assert client.get("/events/singapore-summit-2018").json() == before


def _timeline(*arguments: str, database: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-c", "from app.cli import main; main()", *arguments],
        capture_output=True,
        text=True,
        env={"DATABASE_URL": database, "PATH": "/usr/bin:/bin"},
        timeout=120,
    )


@pytest.mark.parametrize(
    ("arguments", "expected"),
    [
        (["export", "--actr", "kim"], "No such option: --actr (Possible options: --actor"),
        (["export", "--format", "cvs"], "'cvs' is not one of json, ndjson, csv, ics, timelinejs"),
        (["export", "--kind", "summt"], "--kind: 'summt' is not one of summit,"),
        (["export", "--tag", "nuclaer"], "(did you mean nuclear"),
        (["export", "--from", "garbage"], "--from: could not read 'garbage' as a date (not one"),
        (["pull", "--server", "http://127.0.0.1:9", "--output", "x", "--format", "jsn"], "json"),
    ],
)
def test_the_command_line_refuses_options_in_one_line(
    seeded_url: str, tmp_path: Path, arguments: list[str], expected: str
) -> None:
    done = _timeline(*arguments, database=seeded_url)
    assert done.returncode == 2, done.stderr
    assert done.stdout == ""
    assert done.stderr.count("\n") == 1, done.stderr
    assert done.stderr.startswith("error: ")
    assert expected in done.stderr
    assert not (tmp_path / "x").exists()


def test_the_command_line_reads_vocabularies_in_any_case(seeded_url: str) -> None:
    lower = _timeline("export", "--format", "csv", "--kind", "summit", database=seeded_url)
    upper = _timeline("export", "--format", "CSV", "--kind", "SUMMIT", database=seeded_url)
    assert upper.returncode == 0, upper.stderr
    assert upper.stdout == lower.stdout
    assert "singapore-summit-2018" in upper.stdout

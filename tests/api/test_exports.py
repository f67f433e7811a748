"""Exports of GET /events (ndjson, csv, ics), GeoJSON places, /sources, and count=true."""

import csv
import datetime
import io
import os
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import httpx
import icalendar
import orjson
import pandas
import pytest

from app.formats import csv as csv_format
from tests.api.test_read_api import all_events, assert_problem


def ndjson(response: httpx.Response) -> list[dict[str, Any]]:
    assert response.status_code == 200, response.text
    return [orjson.loads(line) for line in response.text.splitlines()]


def csv_rows(response: httpx.Response) -> list[dict[str, str]]:
    """Read as a script reads it: plain UTF-8, no byte order mark before the header."""
    assert response.status_code == 200, response.text
    assert not response.content.startswith(csv_format.BOM)
    return list(csv.DictReader(io.StringIO(response.content.decode("utf-8"), newline="")))


def first_column(content: bytes, encoding: str) -> str:
    """The header's first name as Python's csv reads the text in that encoding."""
    return next(csv.reader(io.StringIO(content.decode(encoding), newline="")))[0]


@pytest.mark.parametrize(("path", "first"), [("/events", "id"), ("/sources", "event_id")])
def test_csv_is_plain_utf8_and_bom_true_starts_it_with_the_mark_for_excel(
    client: httpx.Client, path: str, first: str
) -> None:
    plain = client.get(path, params={"format": "csv"})
    assert plain.content.startswith(first.encode() + b",")
    assert first_column(plain.content, "utf-8") == first
    for bom in ("true", "1"):
        marked = client.get(path, params={"format": "csv", "bom": bom})
        assert marked.content == csv_format.BOM + plain.content
        assert first_column(marked.content, "utf-8-sig") == first
        assert first_column(marked.content, "utf-8") == "\ufeff" + first  # why scripts want none
    assert client.get(path, params={"format": "csv", "bom": "false"}).content == plain.content
    assert_problem(client.get(path, params={"format": "csv", "bom": "maybe"}), 422, "bom")


def read_with_r(path: Path) -> list[str]:
    """The column names R's read.csv gives the file, as a script reads it (no encoding named)."""
    answer = subprocess.run(
        ["Rscript", "-e", f'cat(names(read.csv("{path}")), sep="\\n")'],
        capture_output=True,
        text=True,
        check=True,
        timeout=60,
    )
    return answer.stdout.splitlines()


@pytest.mark.parametrize("path", ["/events", "/sources"])
def test_pandas_and_r_read_the_csv_header_as_the_api_names_it(
    client: httpx.Client, tmp_path: Path, path: str
) -> None:
    content = client.get(path, params={"format": "csv"}).content
    header = next(csv.reader(io.StringIO(content.decode("utf-8"), newline="")))
    frame = pandas.read_csv(io.BytesIO(content))
    assert list(frame.columns) == header
    assert len(frame) == len(csv_rows(client.get(path, params={"format": "csv"})))
    excel = client.get(path, params={"format": "csv", "bom": "true"}).content
    marked = pandas.read_csv(io.BytesIO(excel))
    assert list(marked.columns) == header  # pandas skips the mark, so Excel's file reads too
    if shutil.which("Rscript") is None:
        pytest.skip("no Rscript: apt-get install r-base-core to check R's read.csv too")
    saved = tmp_path / "events.csv"
    saved.write_bytes(content)
    assert read_with_r(saved) == header  # "id", not "X.U.FEFF.id"


@pytest.mark.parametrize("bom", [False, True])
def test_timeline_export_writes_plain_csv_and_with_bom_the_mark(
    seeded_url: str, client: httpx.Client, tmp_path: Path, bom: bool
) -> None:
    output = tmp_path / "events.csv"
    answer = subprocess.run(
        [sys.executable, "-c", "from app.cli import app; app()", "export", "--format", "csv"]
        + ["--output", str(output)]
        + (["--bom"] if bom else []),
        env={**os.environ, "DATABASE_URL": seeded_url},
        capture_output=True,
        text=True,
        check=False,
        timeout=120,
    )
    assert answer.returncode == 0, answer.stderr
    served = client.get("/events", params={"format": "csv", "bom": str(bom).lower()}).content
    assert output.read_bytes() == served
    assert output.read_bytes().startswith(csv_format.BOM) is bom
    with output.open(encoding="utf-8-sig" if bom else "utf-8", newline="") as handle:
        assert next(csv.reader(handle))[0] == "id"


@pytest.mark.parametrize(
    "params", [{}, {"actor": "kim"}, {"q": "Gipfeltreffen"}, {"sort": "-date"}]
)
def test_ndjson_is_every_json_page_line_by_line(
    client: httpx.Client, params: dict[str, str]
) -> None:
    response = client.get("/events", params={**params, "format": "ndjson", "limit": 5})
    assert response.headers["content-type"] == "application/x-ndjson"
    exported = ndjson(response)
    assert exported == all_events(client, **params)
    assert exported


def test_accept_chooses_the_format_and_format_wins(client: httpx.Client) -> None:
    by_accept = client.get("/events", headers={"Accept": "application/x-ndjson"})
    assert ndjson(by_accept) == all_events(client)
    assert (
        client.get("/events", headers={"Accept": "text/csv"})
        .headers["content-type"]
        .startswith("text/csv")
    )
    both = client.get("/events", params={"format": "json"}, headers={"Accept": "text/csv"})
    assert both.headers["content-type"] == "application/json"
    assert "items" in both.json()


def test_bad_filters_and_formats_are_problems_before_any_export(client: httpx.Client) -> None:
    assert_problem(client.get("/events", params={"format": "csv", "actor": "kimm"}), 422, "actor")
    assert_problem(client.get("/events", params={"format": "xml"}), 422, "format")
    assert_problem(client.get("/places", params={"format": "kml"}), 422, "format")


def test_csv_has_a_row_per_event_and_the_documented_columns(client: httpx.Client) -> None:
    rows = csv_rows(client.get("/events", params={"format": "csv", "actor": "kim"}))
    events = all_events(client, actor="kim")
    assert [row["id"] for row in rows] == [event["id"] for event in events]
    assert tuple(rows[0].keys()) == csv_format.EVENT_COLUMNS
    for row, event in zip(rows, events, strict=True):
        assert row["actor_ids"].split(";") == [a["id"] for a in event["actors"]]
        assert int(row["source_count"]) == len(event["sources"])
        assert row["first_source_quote"] == event["sources"][0]["quote"]
        assert row["date_start"] == event["date"]["start"]
        if event["place"] and event["place"]["lat"] is not None:
            assert float(row["lat"]) == event["place"]["lat"]
            assert float(row["lon"]) == event["place"]["lon"]


def test_every_event_is_in_the_csv(client: httpx.Client) -> None:
    rows = csv_rows(client.get("/events", params={"format": "csv"}))
    assert len(rows) == client.get("/events", params={"count": "true"}).json()["total"]


@pytest.mark.parametrize(
    ("value", "written"),
    [
        ("=HYPERLINK(1)", "'=HYPERLINK(1)"),
        ("+1", "'+1"),
        ("-2+3", "'-2+3"),
        ("@SUM(A1)", "'@SUM(A1)"),
        ("\tx", "'\tx"),
        ("Kim", "Kim"),
        (-73.5, -73.5),
        (None, ""),
    ],
)
def test_csv_cells_cannot_be_formulas(value: Any, written: Any) -> None:
    assert csv_format.cell(value) == written


def test_ics_is_a_calendar_of_kims_events(client: httpx.Client) -> None:
    response = client.get("/events", params={"actor": "kim", "format": "ics"})
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("text/calendar")
    calendar = icalendar.Calendar.from_ical(response.content)
    entries = list(calendar.walk("VEVENT"))
    events = {event["id"]: event for event in all_events(client, actor="kim")}
    assert [str(e["UID"]) for e in entries] == [f"{i}@timeline" for i in events]
    for entry in entries:
        event = events[str(entry["UID"]).removesuffix("@timeline")]
        start = datetime.date.fromisoformat(event["date"]["start"])
        end = datetime.date.fromisoformat(event["date"]["end"])
        assert entry.decoded("DTSTART") == start
        assert entry.decoded("DTEND") == end + datetime.timedelta(days=1)
        assert str(entry["SUMMARY"]) == event["title"]
        assert event["sources"][0]["quote"] in str(entry["DESCRIPTION"])
        assert entry.decoded("DTSTAMP").tzinfo is not None


def test_places_geojson_is_a_feature_collection_in_lon_lat_order(client: httpx.Client) -> None:
    response = client.get("/places", params={"format": "geojson"})
    assert response.headers["content-type"] == "application/geo+json"
    collection = response.json()
    places = client.get("/places", params={"limit": 500}).json()["items"]
    assert collection["type"] == "FeatureCollection"
    assert [f["id"] for f in collection["features"]] == [p["id"] for p in places]
    for feature, place in zip(collection["features"], places, strict=True):
        assert feature["type"] == "Feature"
        assert feature["properties"]["event_count"] == place["event_count"]
        if place["lat"] is None:
            assert feature["geometry"] is None
            continue
        lon, lat = feature["geometry"]["coordinates"]
        assert (feature["geometry"]["type"], lon, lat) == ("Point", place["lon"], place["lat"])
        assert -180 <= lon <= 180 and -90 <= lat <= 90
    singapore = next(f for f in collection["features"] if f["id"] == "singapore")
    assert singapore["geometry"]["coordinates"][0] > 100  # longitude first


def test_sources_csv_has_a_row_per_source_of_every_event(client: httpx.Client) -> None:
    rows = csv_rows(client.get("/sources", params={"format": "csv"}))
    expected = [
        (event["id"], source["quote"], source["start"])
        for event in all_events(client)
        for source in event["sources"]
    ]
    assert sorted((r["event_id"], r["quote"], int(r["start"])) for r in rows) == sorted(expected)
    assert tuple(rows[0].keys()) == csv_format.SOURCE_COLUMNS


def everything(client: httpx.Client, path: str, **params: Any) -> list[dict[str, Any]]:
    items: list[dict[str, Any]] = []
    url: str | None = path
    query: dict[str, Any] | None = {"limit": 7, **params}
    while url:
        response = client.get(url, params=query)
        assert response.status_code == 200, response.text
        items += response.json()["items"]
        url, query = response.json()["next"], None
    return items


@pytest.mark.parametrize(
    ("path", "params"),
    [
        ("/events", {}),
        ("/events", {"actor": "kim"}),
        ("/events", {"actor": ["trump", "kim"], "kind": "summit", "from": "2018"}),
        ("/actors", {}),
        ("/places", {}),
        ("/articles", {}),
        ("/sources", {}),
        ("/changes", {"since": "0"}),
    ],
)
def test_count_true_adds_the_exact_total_to_every_list(
    client: httpx.Client, path: str, params: dict[str, str]
) -> None:
    total = client.get(path, params={**params, "count": "true", "limit": 1}).json()["total"]
    assert total == len(everything(client, path, **params)) > 0


def test_count_true_on_an_articles_passages(client: httpx.Client) -> None:
    article = client.get("/articles", params={"limit": 1}).json()["items"][0]["id"]
    answer = client.get(f"/articles/{article}/passages", params={"count": "true"}).json()
    assert answer["total"] == len(answer["items"]) > 0

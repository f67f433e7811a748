"""GET /timeline in TimelineJS3's and vis-timeline's formats, and GET /facets, on the seeds."""

import datetime
import re
from collections import Counter
from html import escape
from typing import Any

import httpx
import orjson
import pytest

from tests import conftest
from tests.api.test_pull import export
from tests.api.test_read_api import all_events, assert_problem
from tests.conftest import Databases, LiveServer

KIM = {"actor": "kim"}


def tl_slugify(text: str) -> str:
    """TimelineJS3's Util.slugify, which it applies to every unique_id."""
    text = text.strip().lower()
    for src, dst in zip(
        "ãàáäâẽèéëêìíïîõòóöôùúüûñç·/_,:;", "aaaaaeeeeeiiiiooooouuuunc------", strict=True
    ):
        text = text.replace(src, dst)
    text = re.sub(r"-+", "-", re.sub(r"\s+", "-", re.sub(r"[^a-z0-9 -]", "", text)))
    return re.sub(r"^([0-9])", r"_\1", text)


def assert_timelinejs_date(date: dict[str, Any]) -> None:
    """TimelineJS3's TLDate: `year` required; every part a number or a string of digits."""
    assert "year" in date
    assert set(date) <= {
        "year",
        "month",
        "day",
        "hour",
        "minute",
        "second",
        "millisecond",
        "display_date",
        "format",
    }
    for part in ("year", "month", "day"):
        if part in date:
            assert isinstance(date[part], int) or re.fullmatch(r"-?\d+", date[part])
    assert 1 <= int(date.get("month", 1)) <= 12
    assert 1 <= int(date.get("day", 1)) <= 31
    if "day" in date:
        assert "month" in date


def expected_date_object(iso: str, precision: str) -> dict[str, int]:
    day = datetime.date.fromisoformat(iso)
    parts = {"day": ("year", "month", "day"), "month": ("year", "month")}.get(precision, ("year",))
    return {part: getattr(day, part) for part in parts}


def test_kims_timeline_follows_timelinejs_rules(client: httpx.Client) -> None:
    response = client.get("/timeline", params=KIM)
    assert response.status_code == 200
    feed = response.json()
    events = {event["id"]: event for event in all_events(client, **KIM)}
    assert feed["truncated"] is False
    assert feed["title"]["text"]["headline"] == "Timeline: Kim Jong Un"
    assert "start_date" not in feed["title"]
    ids = [slide["unique_id"] for slide in feed["events"]]
    assert sorted(ids) == sorted(events)
    assert len(set(ids + [feed["title"]["unique_id"]])) == len(ids) + 1
    for slide in feed["events"]:
        event = events[slide["unique_id"]]
        assert tl_slugify(slide["unique_id"]) == slide["unique_id"]
        assert_timelinejs_date(slide["start_date"])
        date = event["date"]
        assert slide["start_date"] == expected_date_object(date["start"], date["precision"])
        end = expected_date_object(date["end"], date["end_precision"] or date["precision"])
        if end != slide["start_date"]:
            assert slide["end_date"] == end
            assert_timelinejs_date(slide["end_date"])
        else:
            assert "end_date" not in slide  # TimelineJS drops an end equal to the start
        assert slide["display_date"] == date["display"]
        assert slide["group"] == event["kind"]
        assert slide["text"]["headline"] == escape(event["title"])
        text = slide["text"]["text"]
        assert text.startswith(f"<p>{escape(event['summary'])}</p>")
        for source in event["sources"]:
            assert f"<blockquote>{escape(source['quote'])}</blockquote>" in text
            assert escape(source["article"]["title"]) in text
        assert "<script" not in text


def test_precision_decides_the_parts_of_a_timelinejs_date(client: httpx.Client) -> None:
    feed = client.get("/timeline").json()
    slides = {slide["unique_id"]: slide for slide in feed["events"]}
    seen = set()
    for event in all_events(client):
        slide, date = slides[event["id"]], event["date"]
        keys = set(slide["start_date"])
        seen.add(date["precision"])
        if date["precision"] == "month":
            assert keys == {"year", "month"}
        elif date["precision"] in ("year", "decade"):
            assert keys == {"year"}
        else:
            assert keys == {"year", "month", "day"}
        if date["start"] != date["end"] and date["precision"] == "day":
            assert "end_date" in slide
    assert {"day", "month", "year"} <= seen
    guam, singapore = slides["guam-threat-2017"], slides["singapore-summit-2018"]
    assert guam["end_date"] == {"year": 2017, "month": 8, "day": 10}
    assert singapore["start_date"] == {"year": 2018, "month": 6, "day": 12}
    assert "end_date" not in singapore


def test_timeline_takes_the_filters_of_events(client: httpx.Client) -> None:
    params = {"actor": ["kim", "trump"], "from": "2018", "to": "Juni 2019", "kind": "summit"}
    feed = client.get("/timeline", params=params).json()
    expected = [event["id"] for event in all_events(client, **params)]
    assert [slide["unique_id"] for slide in feed["events"]] == expected
    assert {"singapore-summit-2018", "hanoi-summit-2019"} <= set(expected)
    assert_problem(client.get("/timeline", params={"from": "garbage"}), 422, "from")
    assert_problem(client.get("/timeline", params={"format": "svg"}), 422, "format")


def test_timeline_stops_at_the_configured_cap(databases: Databases, seeded_url: str) -> None:
    settings = conftest.settings_for(databases.new(template=seeded_url), timeline_max_events=3)
    with LiveServer(settings) as live:
        for fmt, key in (("timelinejs", "events"), ("vis", "items")):
            feed = httpx.get(f"{live.url}/timeline", params={"format": fmt}).json()
            assert len(feed[key]) == 3
            assert feed["truncated"] is True
        everything = httpx.get(f"{live.url}/events", params={"limit": 3}).json()
        feed = httpx.get(f"{live.url}/timeline").json()
        assert [s["unique_id"] for s in feed["events"]] == [e["id"] for e in everything["items"]]


def test_vis_items_are_points_or_ranges_by_precision(client: httpx.Client) -> None:
    feed = client.get("/timeline", params={**KIM, "format": "vis"}).json()
    events = {event["id"]: event for event in all_events(client, **KIM)}
    items = {item["id"]: item for item in feed["items"]}
    assert set(items) == set(events)
    assert {group["id"] for group in feed["groups"]} == {e["kind"] for e in events.values()}
    for event_id, item in items.items():
        event, date = events[event_id], events[event_id]["date"]
        assert {"id", "content", "start", "end", "type", "group", "title"} <= set(item)
        assert item["content"] == escape(event["title"])
        assert item["group"] == event["kind"]
        assert item["start"] == date["start"]
        assert item["title"].startswith(escape(date["display"]))
        assert item["className"].split() == [f"precision-{date['precision']}"] + (
            ["ongoing"] if date["ongoing"] else []
        )
        if date["precision"] == "day" and date["start"] == date["end"]:
            assert (item["type"], item["end"]) == ("point", None)
        else:
            assert item["type"] == "range"
            last = datetime.date.fromisoformat(date["end"])
            assert item["end"] == (last + datetime.timedelta(days=1)).isoformat()
    assert items["singapore-summit-2018"]["type"] == "point"
    assert any(event["date"]["ongoing"] for event in events.values())
    assert (items["hanoi-summit-2019"]["type"], items["hanoi-summit-2019"]["end"]) == (
        "range",
        "2019-03-01",
    )


def _expected_facets(events: list[dict[str, Any]]) -> dict[str, Counter[str]]:
    return {
        "year": Counter(e["date"]["start"][:4] for e in events),
        "month": Counter(e["date"]["start"][:7] for e in events),
        "kind": Counter(e["kind"] for e in events),
        "actor": Counter(a["id"] for e in events for a in e["actors"]),
        "place": Counter(e["place"]["id"] for e in events if e["place"]),
    }


@pytest.mark.parametrize(
    "params",
    [
        {},
        KIM,
        {"actor": "trump", "from": "2018", "to": "2019"},
        {"actor": "trump", "lang": "de"},
        {"actor": "kim", "status": "proposed"},
        {"q": "Gipfeltreffen"},
        {"actor": ["kim", "trump"], "tag": "nuclear"},
        {"actor": "trump", "kind": ["summit", "meeting"], "q": "Kim"},
    ],
)
def test_facets_count_what_events_lists(client: httpx.Client, params: dict[str, str]) -> None:
    response = client.get("/facets", params=params)
    assert response.status_code == 200
    facets = response.json()
    assert list(facets) == ["year", "month", "actor", "kind", "place"]
    expected = _expected_facets(all_events(client, **params))
    for name, counts in expected.items():
        assert {row["value"]: row["count"] for row in facets[name]} == dict(counts), name
    years = [row["value"] for row in facets["year"]]
    assert years == sorted(years)
    assert [row["count"] for row in facets["actor"]] == sorted(
        (row["count"] for row in facets["actor"]), reverse=True
    )


def test_facets_name_actors_and_places_and_take_only_those_asked(client: httpx.Client) -> None:
    facets = client.get("/facets", params={"facet": ["place", "actor"], **KIM}).json()
    assert list(facets) == ["actor", "place"]
    actors = {row["value"]: row for row in facets["actor"]}
    assert actors["kim-jong-un"]["name"] == "Kim Jong Un"
    assert actors["kim-jong-un"]["count"] == len(all_events(client, **KIM))
    places = {row["value"]: row["name"] for row in facets["place"]}
    assert places["singapore"] == "Singapore"


def test_an_unknown_facet_is_refused_naming_it(client: httpx.Client) -> None:
    body = assert_problem(client.get("/facets", params={"facet": ["year", "colour"]}), 422, "facet")
    assert "colour" in body["detail"]
    assert_problem(client.get("/facets", params={"actor": "kimm"}), 422, "actor")


def test_timeline_export_writes_get_timelines_document(
    client: httpx.Client, seeded_url: str
) -> None:
    served = client.get("/timeline?actor=kim&from=2018")
    assert served.status_code == 200
    written = orjson.loads(export(seeded_url, "timelinejs", "--actor", "kim", "--from", "2018"))
    assert written == served.json()
    assert written["events"] and written["truncated"] is False

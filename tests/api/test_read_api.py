"""The read API of the contract, over HTTP, against the seed corpus."""

from typing import Any
from urllib.parse import parse_qs, urlparse

import httpx
import pytest
import yaml

from tests.conftest import SEEDS_DIR

FIRST_TRUMP_KIM_EVENTS = {
    "guam-threat-2017",
    "singapore-summit-2018",
    "hanoi-summit-2019",
    "panmunjom-meeting-2019",
    "unification-abandoned-2024",
}


def ids(response: httpx.Response) -> list[str]:
    assert response.status_code == 200, response.text
    return [item["id"] for item in response.json()["items"]]


def all_events(client: httpx.Client, **params: Any) -> list[dict[str, Any]]:
    items: list[dict[str, Any]] = []
    url: str | None = "/events"
    query: dict[str, Any] | None = {"limit": 500, **params}
    while url:
        page = client.get(url, params=query).json()
        items += page["items"]
        url, query = page["next"], None
    return items


def assert_problem(response: httpx.Response, status: int, param: str) -> dict[str, Any]:
    assert response.status_code == status, response.text
    assert response.headers["content-type"] == "application/problem+json"
    body = response.json()
    assert {"type", "title", "status", "detail", "errors"} <= body.keys()
    assert body["status"] == status
    assert param in [error["param"] for error in body["errors"]]
    assert "Traceback" not in response.text
    return dict(body)


def test_kim_is_in_the_summits_the_threat_and_the_unification_turn(client: httpx.Client) -> None:
    assert set(ids(client.get("/events", params={"actor": "kim"}))) >= FIRST_TRUMP_KIM_EVENTS


def test_lee_launched_the_end_initiative(client: httpx.Client) -> None:
    assert "end-initiative-2025" in ids(client.get("/events", params={"actor": "lee"}))


@pytest.mark.parametrize("spelling", ["kim", "Kim Jong-un", "KIM-JONG-UN", "Kim Jong Un", "Kims"])
def test_every_spelling_of_kim_gives_the_same_events(client: httpx.Client, spelling: str) -> None:
    expected = ids(client.get("/events", params={"actor": "kim-jong-un", "limit": 500}))
    assert ids(client.get("/events", params={"actor": spelling, "limit": 500})) == expected


def test_several_actors_mean_events_involving_all_of_them(client: httpx.Client) -> None:
    both = set(ids(client.get("/events", params={"actor": ["kim", "trump"], "limit": 500})))
    kim = set(ids(client.get("/events", params={"actor": "kim", "limit": 500})))
    trump = set(ids(client.get("/events", params={"actor": "trump", "limit": 500})))
    assert both == kim & trump
    assert {"singapore-summit-2018", "hanoi-summit-2019"} <= both


def test_every_quote_is_the_articles_text_at_its_offsets(client: httpx.Client) -> None:
    texts: dict[str, str] = {}
    events = all_events(client)
    assert events
    for event in events:
        assert event["sources"], f"{event['id']} has no source"
        for source in event["sources"]:
            article_id = source["article"]["id"]
            if article_id not in texts:
                texts[article_id] = client.get(f"/articles/{article_id}").json()["text"]
            assert texts[article_id][source["start"] : source["end"]] == source["quote"]
            passage = client.get(f"/passages/{source['passage_id']}").json()
            assert passage["start"] <= source["start"] < source["end"] <= passage["end"]
            assert event["id"] in passage["event_ids"]


def test_following_next_visits_every_event_once(client: httpx.Client) -> None:
    total = client.get("/events", params={"count": "true"}).json()["total"]
    seen: list[str] = []
    url: str | None = "/events?limit=2"
    while url:
        response = client.get(url)
        page = response.json()
        assert len(page["items"]) <= 2
        seen += [item["id"] for item in page["items"]]
        if page["next"]:
            assert response.headers["link"] == f'<{page["next"]}>; rel="next"'
        else:
            assert "link" not in response.headers
        url = page["next"]
    assert len(seen) == len(set(seen)) == total


def sort_key(event: dict[str, Any]) -> tuple[str, int, str]:
    precision = ["day", "month", "year", "decade"].index(event["date"]["precision"])
    return event["date"]["start"], precision, event["id"]


def test_events_come_in_contract_order_and_minus_date_reverses_it(client: httpx.Client) -> None:
    events = all_events(client)
    assert events == sorted(events, key=sort_key)
    assert all_events(client, sort="-date") == events[::-1]


@pytest.mark.parametrize(
    ("params", "inside", "outside"),
    [
        (
            {"from": "2019", "to": "2019"},
            {"hanoi-summit-2019", "panmunjom-meeting-2019"},
            {"singapore-summit-2018", "guam-threat-2017"},
        ),
        (
            {"from": "June 2018", "to": "Juni 2018"},
            {"singapore-summit-2018"},
            {"hanoi-summit-2019"},
        ),
        (
            {"from": "12. Juni 2018", "to": "2018-06-12"},
            {"singapore-summit-2018"},
            {"guam-threat-2017"},
        ),
        (
            {"from": "2019-06"},
            {"panmunjom-meeting-2019", "end-initiative-2025"},
            {"hanoi-summit-2019"},
        ),
        ({"to": "2017"}, {"guam-threat-2017"}, {"singapore-summit-2018"}),
        (  # relative expressions count from today
            {"from": "seit 2018", "to": "letztes Jahr"},
            {"singapore-summit-2018", "hanoi-summit-2019"},
            {"guam-threat-2017"},
        ),
    ],
)
def test_from_and_to_match_by_interval_overlap(
    client: httpx.Client, params: dict[str, str], inside: set[str], outside: set[str]
) -> None:
    found = {event["id"] for event in all_events(client, **params)}
    assert inside <= found
    assert not outside & found


@pytest.mark.parametrize(
    ("params", "expected"),
    [
        ({"q": "summit"}, "singapore-summit-2018"),
        ({"q": "Singapur"}, "singapore-summit-2018"),
        ({"q": "Hanoi"}, "hanoi-summit-2019"),
        ({"kind": "summit"}, "hanoi-summit-2019"),
        ({"place": "singapore"}, "singapore-summit-2018"),
        ({"place": "Singapur"}, "singapore-summit-2018"),
        ({"tag": "diplomacy"}, "singapore-summit-2018"),
    ],
)
def test_filters_find_the_events_they_name(
    client: httpx.Client, params: dict[str, str], expected: str
) -> None:
    assert expected in {event["id"] for event in all_events(client, **params)}


def test_kind_and_place_filters_keep_only_matching_events(client: httpx.Client) -> None:
    assert {e["kind"] for e in all_events(client, kind="summit")} == {"summit"}
    assert {e["place"]["id"] for e in all_events(client, place="singapore")} == {"singapore"}
    tagged = all_events(client, tag="diplomacy")
    assert tagged and all("diplomacy" in e["tags"] for e in tagged)


def test_article_filter_keeps_events_citing_that_article(client: httpx.Client) -> None:
    article_id = client.get("/articles").json()["items"][0]["id"]
    events = all_events(client, article=article_id)
    assert events
    assert all(article_id in {s["article"]["id"] for s in e["sources"]} for e in events)


def test_an_event_with_its_sources(client: httpx.Client) -> None:
    event = client.get("/events/singapore-summit-2018").json()
    assert event["date"]["start"] == "2018-06-12"
    assert event["date"]["precision"] == "day"
    assert event["place"]["id"] == "singapore"
    assert isinstance(event["place"]["lat"], float)
    assert {"kim-jong-un", "donald-trump"} <= {a["id"] for a in event["actors"]}
    assert len({s["article"]["id"] for s in event["sources"]}) >= 2


def test_unknown_event_is_404_problem(client: httpx.Client) -> None:
    response = client.get("/events/no-such-event")
    assert response.status_code == 404
    assert response.headers["content-type"] == "application/problem+json"


def test_unreadable_from_is_422_naming_from(client: httpx.Client) -> None:
    assert_problem(client.get("/events", params={"from": "garbage"}), 422, "from")


def test_unknown_actor_is_422_with_suggestions(client: httpx.Client) -> None:
    body = assert_problem(client.get("/events", params={"actor": "kimm"}), 422, "actor")
    assert "kim-jong-un" in body["errors"][0]["suggestions"]


@pytest.mark.parametrize(
    ("params", "param"),
    [
        ({"limit": "0"}, "limit"),
        ({"limit": "501"}, "limit"),
        ({"limit": "many"}, "limit"),
        ({"to": "nie"}, "to"),
        ({"from": "2020", "to": "2018"}, "to"),
        ({"sort": "title"}, "sort"),
        ({"place": "Atlantis"}, "place"),
        ({"q": "()*"}, "q"),
        ({"updated_since": "yesterday-ish"}, "updated_since"),
        ({"updated_since": ""}, "updated_since"),
        ({"from": ""}, "from"),
        ({"q": ""}, "q"),
        ({"status": "secret"}, "status"),
    ],
)
def test_bad_parameters_are_problems_naming_them(
    client: httpx.Client, params: dict[str, str], param: str
) -> None:
    assert_problem(client.get("/events", params=params), 422, param)


def test_a_cursor_from_another_query_or_tampered_is_refused(client: httpx.Client) -> None:
    next_url = client.get("/events", params={"limit": 1, "actor": "kim"}).json()["next"]
    cursor = parse_qs(urlparse(next_url).query)["cursor"][0]
    assert_problem(client.get("/events", params={"limit": 1, "cursor": cursor}), 400, "cursor")
    assert_problem(client.get("/events", params={"cursor": cursor[:-3] + "xyz"}), 400, "cursor")
    assert_problem(client.get("/events", params={"cursor": "!!!"}), 400, "cursor")


def test_actors_have_aliases_and_event_counts(client: httpx.Client) -> None:
    kim = client.get("/actors/kim-jong-un").json()
    assert kim["name"] == "Kim Jong Un"
    assert kim["event_count"] >= len(FIRST_TRUMP_KIM_EVENTS)
    assert "Kim" in kim["aliases"]
    listed = client.get("/actors", params={"limit": 500, "count": "true"}).json()
    assert listed["total"] == len(listed["items"])
    assert "kim-jong-un" in {actor["id"] for actor in listed["items"]}


def test_places_have_coordinates(client: httpx.Client) -> None:
    places = client.get("/places", params={"limit": 500}).json()["items"]
    by_id = {place["id"]: place for place in places}
    for place_id in ("singapore", "hanoi", "panmunjom", "guam"):
        assert -90 <= by_id[place_id]["lat"] <= 90
        assert -180 <= by_id[place_id]["lon"] <= 180
    assert client.get("/places/singapore").json()["event_count"] >= 1


def test_articles_and_their_passages_have_exact_offsets(client: httpx.Client) -> None:
    articles = client.get("/articles", params={"count": "true"}).json()
    assert articles["total"] == 5
    for article in articles["items"]:
        assert article["language"] == "de"
        passages = client.get(f"/articles/{article['id']}/passages").json()["items"]
        assert [p["ordinal"] for p in passages] == list(range(len(passages)))
        for passage in passages:
            assert article["text"][passage["start"] : passage["end"]] == passage["text"]
            for kind in ("date_mentions", "actor_mentions", "place_mentions"):
                for mention in passage[kind]:
                    assert article["text"][mention["start"] : mention["end"]] == mention["text"]


def test_passages_show_the_names_ingestion_found(client: httpx.Client) -> None:
    event = client.get("/events/singapore-summit-2018").json()
    passages = [client.get(f"/passages/{s['passage_id']}").json() for s in event["sources"]]
    actors = {m["actor_id"] for p in passages for m in p["actor_mentions"]}
    places = {m["place_id"] for p in passages for m in p["place_mentions"]}
    assert {"kim-jong-un", "donald-trump"} <= actors
    assert "singapore" in places
    for passage in passages:
        for link in passage["event_links"]:
            assert link["status"] in ("linked", "proposed")
            assert 0 <= link["score"] <= 1


def test_unknown_article_passage_and_actor_are_404(client: httpx.Client) -> None:
    for path in ("/articles/nope", "/articles/nope/passages", "/passages/999999", "/actors/x"):
        response = client.get(path)
        assert response.status_code == 404, path
        assert response.headers["content-type"] == "application/problem+json"


def test_health_counts_events(client: httpx.Client) -> None:
    health = client.get("/health").json()
    assert health["status"] == "ok"
    assert health["database"] == "ok"
    assert health["events"] == client.get("/events", params={"count": "true"}).json()["total"]


def test_openapi_and_docs_are_served(client: httpx.Client) -> None:
    assert client.get("/docs").status_code == 200
    paths = client.get("/openapi.json").json()["paths"]
    assert {"/events", "/events/{event_id}", "/actors", "/places", "/articles"} <= paths.keys()


def curated(date: dict[str, Any]) -> dict[str, Any]:
    """A seed date as the API serves it: every field, the optional ones at their defaults."""
    served = {
        "start": date["start"].isoformat(),
        "end": date["end"].isoformat(),
        "precision": date["precision"],
        "qualifier": date.get("qualifier"),
        "end_precision": date.get("end_precision"),
        "ongoing": date.get("ongoing", False),
    }
    display = date.get("display")  # English: a string, or {en, de}
    english = display if isinstance(display, str) else (display or {}).get("en")
    return served | ({"display": english} if english else {})


def test_every_seed_date_is_served_as_curated_ongoing_and_end_precision_included(
    client: httpx.Client,
) -> None:
    """Each event's date, and each source's date as its passage states it, keeps every
    field of the seeds: "since the 1990s" is a decade's start, a day's end, ongoing."""
    served = {event["id"]: event for event in all_events(client)}
    seeds = yaml.safe_load((SEEDS_DIR / "events.yaml").read_text(encoding="utf-8"))
    for seed in seeds:
        event = served[seed["id"]]
        assert event["date"] | curated(seed["date"]) == event["date"], seed["id"]
        stated = {(s["article"]["id"], s["quote"]): s["stated_date"] for s in event["sources"]}
        for source in seed["sources"]:
            given = source.get("stated_date")
            found = stated[(source["article"], source["quote"])]
            if given is None:
                assert found is None, seed["id"]
            else:
                assert found | curated(given) == found, seed["id"]
    ongoing = {event_id for event_id, event in served.items() if event["date"]["ongoing"]}
    assert ongoing == {seed["id"] for seed in seeds if seed["date"].get("ongoing")}
    assert "us-embargo-on-cuba-1962" in ongoing
    assert served["us-embargo-on-cuba-1962"]["date"]["end_precision"] == "month"

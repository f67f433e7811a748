"""The review loop over real HTTP, on both engines: an ingested article's links shown on
the events they name and listed per article, accepted (the quote becomes a source) or
rejected, proposals published, rejected or merged, each with its history; bad input is
problem+json and changes nothing."""

from pathlib import Path
from typing import Any

import httpx
import pytest

from tests.conftest import TEST_TOKEN

AUTH = {"Authorization": f"Bearer {TEST_TOKEN}"}
ARTICLE = (
    Path(__file__).resolve().parent.parent / "data" / "articles" / "en_talks_stall_2019.txt"
).read_text(encoding="utf-8")
Json = dict[str, Any]


@pytest.fixture
def ingested(http: httpx.Client) -> Json:
    answer = http.post("/articles", json={"text": ARTICLE, "title": "Talks stall"}, headers=AUTH)
    assert answer.status_code == 201, answer.text
    body: Json = answer.json()
    return body


def assert_problem(response: httpx.Response, status: int, param: str | None = None) -> None:
    assert response.status_code == status, response.text
    assert response.headers["content-type"] == "application/problem+json"
    assert response.json()["status"] == status
    if param is not None:
        assert param in [error["param"] for error in response.json()["errors"]]


def links_of(http: httpx.Client, event_id: str) -> list[Json]:
    answer = http.get(f"/events/{event_id}")
    assert answer.status_code == 200, answer.text
    links: list[Json] = answer.json()["links"]
    return links


def history(http: httpx.Client, event_id: str) -> list[Json]:
    items: list[Json] = http.get(f"/events/{event_id}/history").json()["items"]
    return items


def listed(http: httpx.Client, **params: str) -> list[str]:
    items = http.get("/events", params={"limit": "500", **params}).json()["items"]
    return [item["id"] for item in items]


def test_links_are_shown_on_their_events_and_listed_per_article(
    http: httpx.Client, ingested: Json
) -> None:
    article_id = ingested["article"]["id"]
    found = {(e["passage_id"], e["event_id"]) for e in ingested["events"]}
    by_article = http.get(f"/articles/{article_id}/links")
    assert by_article.status_code == 200, by_article.text
    items = by_article.json()["items"]
    assert by_article.json()["next"] is None
    assert {(i["passage_id"], i["event_id"]) for i in items} == found
    assert [i["start"] for i in items] == sorted(i["start"] for i in items)  # passage order
    for item in items:
        assert ARTICLE[item["start"] : item["end"]] == item["quote"]
        assert item["article"]["id"] == article_id
        assert item["status"] == "pending"
        assert item["stated_date"]["precision"] == "day"
        event = http.get(f"/events/{item['event_id']}").json()
        assert (item["event_title"], item["event_status"]) == (event["title"], event["status"])
        [shown] = [link for link in event["links"] if link["id"] == item["id"]]
        assert shown == {
            k: v for k, v in item.items() if k not in ("event_id", "event_title", "event_status")
        }

    [hanoi] = [i for i in items if "second summit in Hanoi" in i["quote"]]
    assert hanoi["event_id"] == "hanoi-summit-2019"
    assert hanoi["stated_date"]["start"] == "2019-02-28"
    assert 0 < hanoi["score"] <= 1
    proposals = {i["event_id"] for i in items if i["event_status"] == "proposed"}
    linked = {i["event_id"] for i in items} - proposals
    assert {"hanoi-summit-2019", "singapore-summit-2018"} <= linked and proposals
    assert set(listed(http, article=article_id)) == linked
    assert set(listed(http, article=article_id, status="proposed")) == proposals
    assert_problem(http.get("/articles/no-such-article/links"), 404)


def test_accepting_cites_the_quote_and_rejecting_keeps_it_listed(
    http: httpx.Client, ingested: Json
) -> None:
    article_id = ingested["article"]["id"]
    before = http.get("/events/hanoi-summit-2019")
    etag = before.headers["etag"]
    [link] = [x for x in before.json()["links"] if "second summit" in x["quote"]]
    url = f"/events/hanoi-summit-2019/links/{link['id']}"

    stale = http.patch(url, json={"status": "accepted"}, headers={**AUTH, "If-Match": '"old"'})
    assert_problem(stale, 412)
    assert http.get("/events/hanoi-summit-2019").json() == before.json()

    accepted = http.patch(url, json={"status": "accepted"}, headers={**AUTH, "If-Match": etag})
    assert accepted.status_code == 200, accepted.text
    event = accepted.json()
    assert accepted.headers["etag"] != etag
    assert http.get("/events/hanoi-summit-2019").json() == event
    [now] = [x for x in event["links"] if x["id"] == link["id"]]
    assert now == {**link, "status": "accepted"}
    [cited] = [s for s in event["sources"] if s["article"]["id"] == article_id]
    assert {k: cited[k] for k in ("passage_id", "quote", "start", "end", "stated_date")} == {
        k: link[k] for k in ("passage_id", "quote", "start", "end", "stated_date")
    }
    assert len(event["sources"]) == len(before.json()["sources"]) + 1
    [entry] = history(http, "hanoi-summit-2019")
    assert entry["action"] == "accept_link" and entry["author"]
    recorded = [{**entry[when], "translations": None} for when in ("before", "after")]
    assert recorded == [{**before.json(), "translations": None}, {**event, "translations": None}]
    assert entry["after"]["translations"]["de"]["title"]  # the history keeps both languages
    assert link["article"]["id"] == article_id
    again = http.patch(url, json={"status": "accepted"}, headers=AUTH)
    assert again.json() == event and len(history(http, "hanoi-summit-2019")) == 1

    [other] = [x for x in links_of(http, "singapore-summit-2018") if x["status"] == "pending"]
    sources = http.get("/events/singapore-summit-2018").json()["sources"]
    rejected = http.patch(
        f"/events/singapore-summit-2018/links/{other['id']}",
        json={"status": "rejected"},
        headers=AUTH,
    )
    assert rejected.status_code == 200, rejected.text
    assert rejected.json()["sources"] == sources
    assert [x["status"] for x in rejected.json()["links"] if x["id"] == other["id"]] == ["rejected"]
    assert [e["action"] for e in history(http, "singapore-summit-2018")] == ["reject_link"]
    # a rejected link no longer ties the event to the article; an accepted one does
    assert "singapore-summit-2018" not in listed(http, article=article_id)
    assert "hanoi-summit-2019" in listed(http, article=article_id)


@pytest.mark.parametrize(
    ("path", "body", "status", "param"),
    [
        ("/events/hanoi-summit-2019/links/999999", {"status": "accepted"}, 404, None),
        ("/events/no-such-event/links/1", {"status": "accepted"}, 404, None),
        ("/events/hanoi-summit-2019/links/{link}", {"status": "maybe"}, 422, "status"),
        ("/events/hanoi-summit-2019/links/{link}", {"status": "pending"}, 422, "status"),
        ("/events/hanoi-summit-2019/links/{link}", {}, 422, "status"),
        ("/events/hanoi-summit-2019/links/{link}", {"status": "accepted", "x": 1}, 422, "x"),
        ("/events/hanoi-summit-2019/links/0", {"status": "accepted"}, 422, "link_id"),
        ("/events/singapore-summit-2018/links/{link}", {"status": "accepted"}, 404, None),
    ],
)
@pytest.mark.usefixtures("ingested")
def test_bad_reviews_are_refused_and_change_nothing(
    http: httpx.Client, path: str, body: Json, status: int, param: str | None
) -> None:
    link = links_of(http, "hanoi-summit-2019")[0]
    before = http.get("/events/hanoi-summit-2019").json()
    answer = http.patch(path.format(link=link["id"]), json=body, headers=AUTH)
    assert_problem(answer, status, param)
    assert http.get("/events/hanoi-summit-2019").json() == before
    assert history(http, "hanoi-summit-2019") == []
    anonymous = http.patch(f"/events/hanoi-summit-2019/links/{link['id']}", json=body)
    assert anonymous.status_code == 401


def test_proposals_are_published_rejected_or_merged_with_their_links(
    http: httpx.Client, ingested: Json
) -> None:
    article_id = ingested["article"]["id"]
    proposals = listed(http, article=article_id, status="proposed")
    assert len(proposals) >= 2
    first, second = proposals[:2]
    [own] = links_of(http, first)
    assert own["status"] == "pending"
    assert [s["quote"] for s in http.get(f"/events/{first}").json()["sources"]] == [own["quote"]]

    published = http.patch(
        f"/events/{first}", json={"status": "published", "kind": "statement"}, headers=AUTH
    )
    assert published.status_code == 200, published.text
    assert [x["status"] for x in published.json()["links"]] == ["accepted"]
    assert first in listed(http, article=article_id)
    [entry] = history(http, first)
    assert entry["action"] == "update"
    assert entry["after"]["links"][0]["status"] == "accepted"

    [moved] = links_of(http, second)
    merged = http.post(f"/events/{second}/merge", json={"into": first}, headers=AUTH)
    assert merged.status_code == 200, merged.text
    [arrived] = [x for x in merged.json()["links"] if x["passage_id"] == moved["passage_id"]]
    assert arrived == {**moved, "status": "accepted"}
    assert moved["quote"] in [s["quote"] for s in merged.json()["sources"]]
    assert http.get(f"/events/{second}").status_code == 410
    assert [e["action"] for e in history(http, second)] == ["merge"]

    rejected = http.patch(f"/events/{first}", json={"status": "rejected"}, headers=AUTH)
    assert {x["status"] for x in rejected.json()["links"]} == {"rejected"}
    assert first not in listed(http, article=article_id)
    assert first not in listed(http, article=article_id, status="proposed")
    assert {
        i["event_status"]
        for i in http.get(f"/articles/{article_id}/links").json()["items"]
        if i["event_id"] == first
    } == {"rejected"}

"""Curation over real HTTP: token-protected writes, validation, ETags and If-Match,
history, review of proposed events, and actor and place writes, on both engines."""

import csv
import datetime
import io
import threading
from collections import Counter
from typing import Any

import httpx
import pytest

from tests.api.test_read_api import assert_problem
from tests.conftest import TEST_TOKEN

AUTH = {"Authorization": f"Bearer {TEST_TOKEN}"}


def passage_of(http: httpx.Client, event_id: str, source: int = 0) -> dict[str, Any]:
    """A seed passage that the seed event cites."""
    passage_id = http.get(f"/events/{event_id}").json()["sources"][source]["passage_id"]
    passage: dict[str, Any] = http.get(f"/passages/{passage_id}").json()
    return passage


def new_event(passage: dict[str, Any], **fields: Any) -> dict[str, Any]:
    quote = passage["text"][:40].strip()
    return {
        "title": "A curated event",
        "kind": "statement",
        "date": "12. Juni 2018",
        "actors": ["Kim"],
        "sources": [{"passage_id": passage["id"], "quote": quote}],
        **fields,
    }


def history(http: httpx.Client, event_id: str) -> list[dict[str, Any]]:
    response = http.get(f"/events/{event_id}/history")
    assert response.status_code == 200, response.text
    items: list[dict[str, Any]] = response.json()["items"]
    return items


def test_writes_need_a_known_token_and_reads_stay_public(http: httpx.Client) -> None:
    body = new_event(passage_of(http, "singapore-summit-2018"), id="anonymous-2018")
    refused = http.post("/events", json=body)
    assert refused.status_code == 401
    assert refused.headers["www-authenticate"].startswith("Bearer")
    assert refused.headers["content-type"] == "application/problem+json"
    wrong = http.post("/events", json=body, headers={"Authorization": "Bearer not-the-token"})
    assert wrong.status_code == 403
    assert "not-the-token" not in wrong.text
    assert http.patch("/events/hanoi-summit-2019", json={"title": "x"}).status_code == 401
    assert http.delete("/events/hanoi-summit-2019").status_code == 401
    assert http.post("/actors", json={"name": "X", "kind": "person"}).status_code == 401
    assert (
        http.patch(
            "/places/singapore", json={"lat": 1}, headers={"Authorization": "Basic x"}
        ).status_code
        == 401
    )
    assert http.get("/events/anonymous-2018").status_code == 404
    assert http.get("/events/hanoi-summit-2019").status_code == 200
    assert history(http, "hanoi-summit-2019") == []


def test_a_delete_with_a_body_asks_for_the_token_first_then_refuses_the_body(
    http: httpx.Client,
) -> None:
    """A body on DELETE would be silently ignored, so it is refused; but only to a writer:
    without a token the answer is 401, as for any write, not a 422 that would tell an
    anonymous client how far its request got."""
    source = http.get("/events/hanoi-summit-2019").json()["sources"][0]
    targets = ["/events/hanoi-summit-2019", f"/events/hanoi-summit-2019/sources/{source['id']}"]
    for url in targets:
        anonymous = http.request("DELETE", url, content=b'{"why": "duplicate"}')
        assert anonymous.status_code == 401, anonymous.text
        assert anonymous.headers["www-authenticate"].startswith("Bearer")
        refused = http.request("DELETE", url, content=b'{"why": "duplicate"}', headers=AUTH)
        assert_problem(refused, 422, "body")
    assert http.get("/events/hanoi-summit-2019").json()["sources"][0] == source
    assert history(http, "hanoi-summit-2019") == []


def test_create_update_refuse_stale_delete_and_history(http: httpx.Client) -> None:
    """The whole curator's round, as a new user would try it."""
    since = datetime.datetime.now(datetime.UTC).isoformat()
    position = http.get("/changes").json()["since"]
    passage = passage_of(http, "singapore-summit-2018")
    created = http.post("/events", json=new_event(passage, status="published"), headers=AUTH)
    assert created.status_code == 201, created.text
    event = created.json()
    event_id = event["id"]
    assert event_id == "a-curated-event-2018"
    assert created.headers["location"] == f"/events/{event_id}"
    assert event["date"]["start"] == event["date"]["end"] == "2018-06-12"
    assert [a["id"] for a in event["actors"]] == ["kim-jong-un"]
    source = event["sources"][0]
    article = http.get(f"/articles/{source['article']['id']}").json()
    assert article["text"][source["start"] : source["end"]] == source["quote"]
    assert passage["start"] <= source["start"] and source["end"] <= passage["end"]

    read = http.get(f"/events/{event_id}")
    assert read.json() == event
    etag = read.headers["etag"]
    assert etag == created.headers["etag"] and not etag.startswith("W/")
    assert http.get(f"/events/{event_id}", headers={"If-None-Match": etag}).status_code == 304
    listed = http.get("/events", params={"updated_since": since, "limit": 500}).json()
    assert [item["id"] for item in listed["items"]] == [event_id]
    [change] = changes_since(http, position)
    assert change == {**as_listed(event), "deleted": False, "change_seq": change["change_seq"]}

    updated = http.patch(
        f"/events/{event_id}",
        json={"title": "A corrected title", "date": "Juni 2018", "summary": None},
        headers={**AUTH, "If-Match": etag},
    )
    assert updated.status_code == 200, updated.text
    assert updated.json()["title"] == "A corrected title"
    assert updated.json()["date"]["precision"] == "month"
    assert updated.json()["sources"] == event["sources"]  # untouched fields stay
    new_etag = updated.headers["etag"]
    assert new_etag != etag
    assert http.get(f"/events/{event_id}").headers["etag"] == new_etag
    [changed] = changes_since(http, position)
    assert changed == {
        **as_listed(updated.json()),
        "deleted": False,
        "change_seq": changed["change_seq"],
    }
    assert changed["change_seq"] > change["change_seq"]

    stale = http.patch(
        f"/events/{event_id}", json={"title": "Lost"}, headers={**AUTH, "If-Match": etag}
    )
    assert_problem_status(stale, 412)
    stale_delete = http.delete(f"/events/{event_id}", headers={**AUTH, "If-Match": etag})
    assert_problem_status(stale_delete, 412)
    assert http.get(f"/events/{event_id}").json()["title"] == "A corrected title"

    deleted = http.delete(f"/events/{event_id}", headers={**AUTH, "If-Match": new_etag})
    assert deleted.status_code == 204
    assert_problem_status(http.get(f"/events/{event_id}"), 410)
    assert_problem_status(http.delete(f"/events/{event_id}", headers=AUTH), 410)
    assert_problem_status(http.patch(f"/events/{event_id}", json={}, headers=AUTH), 410)
    listed = http.get("/events", params={"updated_since": since}).json()
    assert listed["items"] == []
    [tombstone] = changes_since(http, position)
    assert tombstone["id"] == event_id and tombstone["deleted"] is True
    assert tombstone["change_seq"] > changed["change_seq"]

    entries = history(http, event_id)
    assert [e["action"] for e in entries] == ["create", "update", "delete"]
    assert {e["author"] for e in entries} == {"tests"}
    assert entries[0]["before"] is None and entries[0]["after"]["title"] == "A curated event"
    assert entries[1]["before"]["title"] == "A curated event"
    assert entries[1]["after"]["title"] == "A corrected title"
    assert entries[2]["before"]["title"] == "A corrected title" and entries[2]["after"] is None
    assert entries[0]["change_seq"] < entries[1]["change_seq"] < entries[2]["change_seq"]
    feed = [change["change_seq"], changed["change_seq"], tombstone["change_seq"]]
    assert [e["change_seq"] for e in entries] == feed
    page = http.get(f"/events/{event_id}/history", params={"limit": 2}).json()
    assert [e["action"] for e in page["items"]] == ["create", "update"]
    assert [e["action"] for e in http.get(page["next"]).json()["items"]] == ["delete"]
    assert_problem_status(http.get("/events/never-was-2000/history"), 404)


def as_listed(event: dict[str, Any]) -> dict[str, Any]:
    """An event as lists and the change feed show it: one event adds its links."""
    return {key: value for key, value in event.items() if key != "links"}


def changes_since(http: httpx.Client, position: int) -> list[dict[str, Any]]:
    """Every change after `position`, checked to come in change_seq order."""
    response = http.get("/changes", params={"since": position, "limit": 500})
    assert response.status_code == 200, response.text
    items: list[dict[str, Any]] = response.json()["items"]
    assert response.json()["next"] is None
    seqs = [item["change_seq"] for item in items]
    assert seqs == sorted(seqs) and all(seq > position for seq in seqs)
    return items


def assert_problem_status(response: httpx.Response, status: int) -> dict[str, Any]:
    assert response.status_code == status, response.text
    assert response.headers["content-type"] == "application/problem+json"
    assert "Traceback" not in response.text
    body: dict[str, Any] = response.json()
    return body


def test_names_dates_and_repeated_quotes(http: httpx.Client) -> None:
    passage = passage_of(http, "singapore-summit-2018")
    words = passage["text"].split()
    repeated = next(w for w in words if len(w) > 3 and passage["text"].count(w) > 1)
    second = passage["text"].find(repeated, passage["text"].find(repeated) + 1)
    body = {
        "id": "names-and-dates-2018",
        "title": "Names and dates",
        "kind": "summit",
        "date": {"start": "2018-06-12", "end": "2018-06-13", "precision": "day"},
        "place": "Singapur",
        "actors": ["Kim Jong-un", {"id": "Trump", "role": "initiator"}],
        "tags": ["diplomacy"],
        "sources": [
            {"passage_id": passage["id"], "quote": repeated, "occurrence": 2,
             "stated_date": "2018"},
        ],
    }  # fmt: skip
    created = http.post("/events", json=body, headers=AUTH)
    assert created.status_code == 201, created.text
    event = created.json()
    assert event["place"]["id"] == "singapore"
    assert {(a["id"], a["role"]) for a in event["actors"]} == {
        ("kim-jong-un", "participant"),
        ("donald-trump", "initiator"),
    }
    assert event["date"]["end"] == "2018-06-13"
    assert event["sources"][0]["start"] == passage["start"] + second
    assert event["sources"][0]["stated_date"]["precision"] == "year"
    taken = http.post("/events", json=body, headers=AUTH)
    assert_problem(taken, 409, "id")


def test_an_ongoing_date_with_its_end_precision_is_stored_shown_and_exported(
    http: httpx.Client,
) -> None:
    passage = passage_of(http, "hanoi-summit-2019")
    date = {"start": "2019-02-01", "end": "2019-12-31", "precision": "month",
            "end_precision": "month", "ongoing": True}  # fmt: skip
    body = new_event(passage, id="talks-go-on-2019", date=date)
    body["sources"][0]["stated_date"] = {**date, "precision": "year", "ongoing": False}
    created = http.post("/events", json=body, headers=AUTH)
    assert created.status_code == 201, created.text
    shown = http.get("/events/talks-go-on-2019").json()
    assert shown["date"] == {
        **date,
        "qualifier": None,
        "display": "since February 2019",  # no display given: made from the date
    }
    assert shown["sources"][0]["stated_date"]["end_precision"] == "month"
    exported = http.get("/events", params={"format": "csv", "q": "curated"}).text
    [row] = csv.DictReader(io.StringIO(exported))
    assert (row["id"], row["date_end_precision"], row["date_ongoing"]) == (
        "talks-go-on-2019",
        "month",
        "True",
    )
    patched = http.patch("/events/talks-go-on-2019", json={"date": "Februar 2019"}, headers=AUTH)
    assert patched.status_code == 200, patched.text
    assert (patched.json()["date"]["ongoing"], patched.json()["date"]["end_precision"]) == (
        False,
        None,
    )


@pytest.mark.parametrize(
    ("change", "param"),
    [
        ({"sources": [{"passage_id": 1, "quote": "Dies steht nirgends."}]}, "sources.0.quote"),
        ({"sources": [{"passage_id": 999999, "quote": "x"}]}, "sources.0.passage_id"),
        ({"actors": ["kimm"]}, "actors.0"),
        ({"actors": [{"id": "kim", "role": "hero"}]}, "actors.0.role"),
        ({"place": "Atlantis"}, "place"),
        ({"date": {"start": "2018-06-12", "end": "2018-06-01", "precision": "day"}}, "date.end"),
        ({"date": "garbage"}, "date"),
        ({"date": {"start": "2018-06-01", "end": "2019-12-31", "end_precision": "week"}},
         "date.end_precision"),
        ({"date": {"start": "2018-06-01", "end": "2019-12-31", "ongoing": "yes"}}, "date.ongoing"),
        ({"kind": "sumit"}, "kind"),
        ({"tags": ["diplomacy", "nope"]}, "tags.1"),
        ({"id": "Not A Slug"}, "id"),
        ({"colour": "red"}, "colour"),
    ],
)  # fmt: skip
def test_bad_fields_are_named_and_nothing_is_stored(
    http: httpx.Client, change: dict[str, Any], param: str
) -> None:
    body = {**new_event(passage_of(http, "hanoi-summit-2019"), id="refused-2018"), **change}
    before = http.get("/events", params={"count": "true", "limit": 1}).json()["total"]
    problem = assert_problem(http.post("/events", json=body, headers=AUTH), 422, param)
    if param in ("actors.0", "kind"):
        assert [e.get("suggestions") for e in problem["errors"] if e["param"] == param][0]
    assert http.get("/events", params={"count": "true", "limit": 1}).json()["total"] == before
    assert http.get("/events/refused-2018").status_code == 404
    patched = http.patch("/events/hanoi-summit-2019", json=change, headers=AUTH)
    if param != "id":  # PATCH takes no id at all
        assert_problem(patched, 422, param)
    assert history(http, "hanoi-summit-2019") == []


def test_a_published_event_needs_a_source_and_a_proposed_one_may_wait_for_it(
    http: httpx.Client,
) -> None:
    passage = passage_of(http, "hanoi-summit-2019")
    sourced = new_event(passage, id="sourced-later-2018")
    unsourced = {k: v for k, v in sourced.items() if k != "sources"}
    for body in (unsourced, {**unsourced, "sources": []}, {**unsourced, "status": "published"}):
        assert_problem(http.post("/events", json=body, headers=AUTH), 422, "sources")
    assert http.get("/events/sourced-later-2018").status_code == 404
    created = http.post("/events", json={**unsourced, "status": "proposed"}, headers=AUTH)
    assert created.status_code == 201, created.text
    assert created.json()["sources"] == []
    url = "/events/sourced-later-2018"
    assert_problem(http.patch(url, json={"status": "published"}, headers=AUTH), 422, "sources")
    assert http.get(url).json()["status"] == "proposed"
    published = http.patch(
        url, json={"status": "published", "sources": sourced["sources"]}, headers=AUTH
    )
    assert published.status_code == 200, published.text
    [source] = published.json()["sources"]
    assert_problem(http.patch(url, json={"sources": []}, headers=AUTH), 422, "sources")
    last = http.delete(f"{url}/sources/{source['id']}", headers=AUTH)
    assert_problem(last, 422, "sources")
    assert http.get(url).json()["sources"] == [source]
    assert [e["action"] for e in history(http, "sourced-later-2018")] == ["create", "update"]
    withdrawn = http.patch(url, json={"status": "proposed", "sources": []}, headers=AUTH)
    assert withdrawn.status_code == 200, withdrawn.text


def test_sources_are_added_and_removed(http: httpx.Client) -> None:
    passage = passage_of(http, "hanoi-summit-2019")
    event = http.get("/events/singapore-summit-2018")
    etag, count = event.headers["etag"], len(event.json()["sources"])
    quote = passage["text"][5:60]
    added = http.post(
        "/events/singapore-summit-2018/sources",
        json={"passage_id": passage["id"], "quote": quote},
        headers={**AUTH, "If-Match": etag},
    )
    assert added.status_code == 201, added.text
    sources = added.json()["sources"]
    assert len(sources) == count + 1
    new = next(s for s in sources if s["quote"] == quote)
    kept_ids = {s["id"] for s in event.json()["sources"]}
    assert kept_ids <= {s["id"] for s in sources}  # the others keep their ids
    again = http.post(
        "/events/singapore-summit-2018/sources",
        json={"passage_id": passage["id"], "quote": quote},
        headers=AUTH,
    )
    assert_problem(again, 409, "quote")
    missing = http.post(
        "/events/singapore-summit-2018/sources",
        json={"passage_id": passage["id"], "quote": quote + " und noch mehr Erfundenes"},
        headers=AUTH,
    )
    assert_problem(missing, 422, "quote")
    removed = http.delete(f"/events/singapore-summit-2018/sources/{new['id']}", headers=AUTH)
    assert removed.status_code == 200, removed.text
    assert {s["id"] for s in removed.json()["sources"]} == kept_ids
    gone = http.delete(f"/events/singapore-summit-2018/sources/{new['id']}", headers=AUTH)
    assert_problem_status(gone, 404)
    entries = history(http, "singapore-summit-2018")
    assert [e["action"] for e in entries] == ["add_source", "remove_source"]


def test_review_accept_reject_and_merge_proposed_events(http: httpx.Client) -> None:
    target = http.get("/events/singapore-summit-2018").json()
    cited = target["sources"][0]
    passage = passage_of(http, "hanoi-summit-2019")
    proposals = []
    for n in range(3):
        body = {
            "title": f"Proposed {n}",
            "kind": "meeting",
            "date": "2018",
            "status": "proposed",
            "sources": [
                {"passage_id": cited["passage_id"], "quote": cited["quote"],
                 "start": cited["start"]},
                {"passage_id": passage["id"], "quote": passage["text"][3:40]},
            ],
        }  # fmt: skip
        created = http.post("/events", json=body, headers=AUTH)
        assert created.status_code == 201, created.text
        proposals.append(created.json()["id"])
    listed = http.get("/events", params={"status": "proposed"}).json()["items"]
    assert [e["id"] for e in listed] == proposals
    assert not set(proposals) & {e["id"] for e in http.get("/events?limit=500").json()["items"]}

    accepted = http.patch(f"/events/{proposals[0]}", json={"status": "published"}, headers=AUTH)
    assert accepted.status_code == 200, accepted.text
    assert proposals[0] in {e["id"] for e in http.get("/events?limit=500").json()["items"]}
    rejected = http.patch(f"/events/{proposals[1]}", json={"status": "rejected"}, headers=AUTH)
    assert rejected.json()["status"] == "rejected"
    assert [e["id"] for e in http.get("/events?status=rejected").json()["items"]] == [proposals[1]]

    merged = http.post(
        f"/events/{proposals[2]}/merge", json={"into": "singapore-summit-2018"}, headers=AUTH
    )
    assert merged.status_code == 200, merged.text
    quotes = Counter((s["passage_id"], s["start"], s["end"]) for s in merged.json()["sources"])
    assert quotes[(cited["passage_id"], cited["start"], cited["end"])] == 1  # not twice
    assert len(merged.json()["sources"]) == len(target["sources"]) + 1
    assert merged.headers["etag"] == http.get("/events/singapore-summit-2018").headers["etag"]
    gone = http.get(f"/events/{proposals[2]}")
    assert "singapore-summit-2018" in assert_problem_status(gone, 410)["detail"]
    assert "/events/singapore-summit-2018" in gone.headers["link"]
    assert [e["action"] for e in history(http, "singapore-summit-2018")] == ["merge"]
    own = history(http, proposals[2])
    assert [e["action"] for e in own] == ["create", "merge"]
    assert own[-1]["after"] == {"merged_into": "singapore-summit-2018"}
    assert proposals[2] not in {
        e["id"] for e in http.get("/events?status=proposed").json()["items"]
    }
    self_merge = http.post(
        f"/events/{proposals[0]}/merge", json={"into": proposals[0]}, headers=AUTH
    )
    assert_problem(self_merge, 422, "into")
    assert_problem(
        http.post(f"/events/{proposals[0]}/merge", json={"into": "nowhere"}, headers=AUTH),
        422,
        "into",
    )


def race(http: httpx.Client, requests: list[dict[str, Any]]) -> list[httpx.Response]:
    """Sends the PATCHes at once from real threads, each with its own connection."""
    barrier = threading.Barrier(len(requests))
    answers: list[httpx.Response | None] = [None] * len(requests)

    def send(n: int) -> None:
        with httpx.Client(base_url=str(http.base_url), timeout=60) as own:
            barrier.wait()
            answers[n] = own.patch("/events/hanoi-summit-2019", **requests[n])

    threads = [threading.Thread(target=send, args=(n,)) for n in range(len(requests))]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert all(answer is not None for answer in answers)
    return [answer for answer in answers if answer is not None]


def test_concurrent_patches_with_the_same_etag_one_wins(http: httpx.Client) -> None:
    etag = http.get("/events/hanoi-summit-2019").headers["etag"]
    titles = [f"Title from writer {n}" for n in range(4)]
    answers = race(
        http, [{"json": {"title": t}, "headers": {**AUTH, "If-Match": etag}} for t in titles]
    )
    assert sorted(a.status_code for a in answers) == [200, 412, 412, 412], [a.text for a in answers]
    winner = next(a for a in answers if a.status_code == 200).json()["title"]
    assert http.get("/events/hanoi-summit-2019").json()["title"] == winner
    assert [e["after"]["title"] for e in history(http, "hanoi-summit-2019")] == [winner]


def test_concurrent_patches_without_if_match_lose_nothing(http: httpx.Client) -> None:
    answers = race(
        http,
        [
            {"json": {"title": "Both changes"}, "headers": AUTH},
            {"json": {"summary": "Both kept."}, "headers": AUTH},
            {"json": {"date_note": "Noted."}, "headers": AUTH},
        ],
    )
    assert [a.status_code for a in answers] == [200, 200, 200], [a.text for a in answers]
    event = http.get("/events/hanoi-summit-2019").json()
    assert (event["title"], event["summary"], event["date_note"]) == (
        "Both changes",
        "Both kept.",
        "Noted.",
    )
    assert len(history(http, "hanoi-summit-2019")) == 3


def test_actors_and_places_are_written_with_their_aliases(http: httpx.Client) -> None:
    actor = http.post(
        "/actors",
        json={"name": "Choe Son Hui", "kind": "person",
              "aliases": ["Choe Son-hui", "Außenministerin Choe"]},
        headers=AUTH,
    )  # fmt: skip
    assert actor.status_code == 201, actor.text
    assert actor.json()["id"] == "choe-son-hui"
    assert actor.headers["location"] == "/actors/choe-son-hui"
    assert [
        e["id"]
        for e in http.get("/events", params={"actor": "außenministerin choe"}).json()["items"]
    ] == []
    taken = http.post(
        "/actors", json={"name": "Someone", "kind": "person", "aliases": ["x", "Kim"]}, headers=AUTH
    )
    assert_problem(taken, 409, "aliases.1")
    assert_problem(
        http.post("/actors", json={"name": "Kim Yo Jong", "kind": "person"}, headers=AUTH),
        409,
        "id",
    )
    assert_problem(
        http.post("/actors", json={"name": "Y", "kind": "robot"}, headers=AUTH), 422, "kind"
    )

    before = http.get("/events/singapore-summit-2018").headers["etag"]
    renamed = http.patch("/actors/kim-jong-un", json={"name": "Chairman Kim"}, headers=AUTH)
    assert renamed.status_code == 200, renamed.text
    assert renamed.json()["name"] == "Chairman Kim"
    assert http.get("/events", params={"actor": "Kim Jong Un"}).json()["items"]  # still found
    event = http.get("/events/singapore-summit-2018")
    assert "Chairman Kim" in [a["name"] for a in event.json()["actors"]]
    assert event.headers["etag"] != before
    assert_problem_status(http.patch("/actors/nobody", json={"name": "X"}, headers=AUTH), 404)
    assert_problem(
        http.patch("/actors/kim-jong-un", json={"name": None}, headers=AUTH), 422, "name"
    )

    place = http.post(
        "/places",
        json={"name": "Wonsan", "kind": "city", "lat": 39.15, "lon": 127.45, "aliases": ["Genzan"]},
        headers=AUTH,
    )  # fmt: skip
    assert place.status_code == 201, place.text
    assert http.get("/places/wonsan").json()["aliases"] == ["Genzan"]
    assert_problem(
        http.post("/places", json={"name": "Nowhere", "lat": 91}, headers=AUTH), 422, "lat"
    )
    assert_problem(http.patch("/places/wonsan", json={"lon": -181}, headers=AUTH), 422, "lon")
    moved = http.patch("/places/wonsan", json={"lat": 39.2}, headers=AUTH)
    assert moved.json()["lat"] == 39.2 and moved.json()["lon"] == 127.45
    assert (
        http.post(
            "/events",
            json={**new_event(passage_of(http, "hanoi-summit-2019")), "place": "Genzan"},
            headers=AUTH,
        ).json()["place"]["id"]
        == "wonsan"
    )

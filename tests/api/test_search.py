"""Full-text search in German and English, with the same answers on SQLite and PostgreSQL.

Every test runs on both engines against the seed corpus; the expected events come from
the corpus itself where a plain rule can name them.
"""

import re
from typing import Any

import httpx
import pytest
from sqlalchemy import select, text
from sqlmodel import col

from app.db import get_engine
from app.models import Event
from app.search import fold
from tests.api.test_curation import AUTH
from tests.api.test_read_api import all_events
from tests.conftest import LiveServer

SUMMITS_IN_GERMAN = {
    "singapore-summit-2018",
    "hanoi-summit-2019",
    "panmunjom-meeting-2019",
    "apec-summit-2025",
    "lee-xi-summit-2025",
}


def found(client: httpx.Client, q: str) -> set[str]:
    return {event["id"] for event in all_events(client, q=q)}


def words(german: dict[str, Any], english: dict[str, Any]) -> list[str]:
    """The words of an event, its texts in both languages."""
    texts = [english["kind"], *english["tags"]]
    texts += [shown[field] or "" for shown in (german, english) for field in ("title", "summary")]
    texts += [source["quote"] for source in english["sources"]]
    return re.findall(r"\w+", fold(" ".join(texts)).lower())


def test_gipfeltreffen_and_its_first_part_find_the_summits_quoted_in_german(
    client: httpx.Client,
) -> None:
    """Quoted in German, and titled or summarised as summits in both languages."""
    assert found(client, "Gipfeltreffen") >= SUMMITS_IN_GERMAN
    assert found(client, "Gipfel") == found(client, "Gipfeltreffen") == found(client, "summit")


def test_english_plurals_find_the_singular(client: httpx.Client) -> None:
    summits = found(client, "summits")
    assert {"singapore-summit-2018", "hanoi-summit-2019", "apec-summit-2025"} <= summits
    assert summits == found(client, "summit")


@pytest.mark.parametrize("word", ["Nordkorea", "Rakete", "Atomwaffe", "Sanktion", "Gipfel"])
def test_a_word_finds_every_event_with_a_word_starting_with_it(
    client: httpx.Client, word: str
) -> None:
    german = {event["id"]: event for event in all_events(client, lang="de")}
    expected = {
        event["id"]
        for event in all_events(client)
        if any(w.startswith(fold(word).lower()) for w in words(german[event["id"]], event))
    }
    assert expected
    assert expected <= found(client, word)


@pytest.mark.parametrize(
    "spellings",
    [("Südkorea", "Sudkorea", "SÜDKOREA"), ("Pjöngjang", "Pjongjang"), ("über", "uber")],
)
def test_umlauts_and_accents_do_not_matter(
    client: httpx.Client, spellings: tuple[str, ...]
) -> None:
    results = [found(client, spelling) for spelling in spellings]
    assert results[0]
    assert all(result == results[0] for result in results)


@pytest.mark.parametrize("q", ["Trump Singapur", "Kim Gipfeltreffen", "missile tests"])
def test_several_words_must_all_match(client: httpx.Client, q: str) -> None:
    each = [found(client, word) for word in q.split()]
    both = found(client, q)
    assert both
    assert both == set.intersection(*each)


@pytest.mark.parametrize(
    "q", ['"Kim" OR NOT *', "a:* & !b | (c", "Kim') || to_tsquery('x", "NEAR(kim trump)"]
)
def test_search_syntax_is_never_passed_through(client: httpx.Client, q: str) -> None:
    response = client.get("/events", params={"q": q})
    assert response.status_code == 200, response.text


def search_order(client: httpx.Client, q: str, **params: Any) -> tuple[list[str], list[str]]:
    """The ids of a search paged two at a time, and the listing without `q` (same filters
    and sort) narrowed to the search's matches: the order every filter answers in."""
    searched = [event["id"] for event in all_events(client, q=q, limit=2, **params)]
    matches = set(searched)
    listed = [event["id"] for event in all_events(client, **params) if event["id"] in matches]
    return searched, listed


@pytest.mark.parametrize("sort", ["date", "-date"])
@pytest.mark.parametrize(
    "params", [{}, {"actor": "kim"}, {"from": "2018"}, {"actor": "trump", "to": "2019"}]
)
@pytest.mark.parametrize("q", ["Kim", "summit"])
def test_search_pages_are_in_the_order_of_every_other_listing(
    client: httpx.Client, q: str, params: dict[str, str], sort: str
) -> None:
    searched, listed = search_order(client, q, sort=sort, **params)
    assert len(searched) >= 3
    assert searched == listed


def test_an_event_moved_to_another_date_is_found_in_its_new_place(
    fresh_seeded_url: str, writable_server: LiveServer
) -> None:
    """Its search key follows its date: the search finds it at the new date, and the
    document at its old key is gone (on SQLite it would linger in the index unseen)."""
    moved = "hanoi-summit-2019"
    with httpx.Client(base_url=writable_server.url, timeout=60) as http:
        before = search_order(http, "Hanoi")[0]
        patched = http.patch(f"/events/{moved}", json={"date": "27 July 1953"}, headers=AUTH)
        assert patched.status_code == 200, patched.text
        searched, listed = search_order(http, "Hanoi")
    assert searched == listed
    assert set(searched) == set(before)
    assert searched.index(moved) < before.index(moved)
    engine = get_engine(fresh_seeded_url)
    key_column = "rowid" if engine.dialect.name == "sqlite" else "search_key"
    with engine.connect() as conn:
        keys = conn.execute(select(col(Event.search_key))).scalars()
        indexed = conn.execute(text(f"SELECT {key_column} FROM event_search")).scalars()
        assert sorted(indexed) == sorted(keys)

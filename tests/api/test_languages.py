"""German and English over HTTP, on both engines: `lang`, Accept-Language, Content-Language
and Vary, caches and ETags per language, search and filters in both, writes in either form.
"""

import csv
import io
import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import httpx
import pytest
import yaml

from app.languages import LANGUAGES
from tests.api.test_curation import AUTH, history, new_event, passage_of
from tests.api.test_ingest import DATA, HANOI, PANMUNJOM
from tests.api.test_read_api import all_events, assert_problem
from tests.conftest import SEEDS_DIR

ARTICLE = "trump-kim-balance-sheet-2019"
# Every GET that shows texts, names or dates, and a word only its German answer holds.
TITLE_DE = "treffen sich in Singapur"  # in no article: quotes never change
LOCALISED = [
    ("/events", {"actor": "kim"}, TITLE_DE),
    ("/events/singapore-summit-2018", {}, "Juni 2018"),
    ("/actors", {"limit": 100}, '"name":"Nordkorea"'),
    ("/actors/north-korea", {}, '"name":"Nordkorea"'),
    ("/actors/kim-jong-un", {}, "Oberster Führer Nordkoreas"),
    ("/places", {"limit": 100}, '"name":"Pjöngjang"'),
    ("/places/pyongyang", {}, '"name":"Pjöngjang"'),
    ("/articles", {}, "Dezember 2019"),
    (f"/articles/{ARTICLE}", {}, "Dezember 2019"),
    (f"/articles/{ARTICLE}/passages", {}, None),
    ("/timeline", {"actor": "kim"}, "Zeitleiste"),
    ("/timeline", {"actor": "kim", "format": "vis"}, TITLE_DE),
    ("/facets", {"facet": "actor"}, '"name":"Nordkorea"'),
    ("/changes", {"since": "0"}, TITLE_DE),
    ("/sources", {}, "Dezember 2019"),
    ("/events", {"format": "csv"}, TITLE_DE),
    ("/events", {"format": "ics"}, TITLE_DE),
    ("/events", {"format": "ndjson"}, TITLE_DE),
    ("/places", {"format": "geojson"}, '"name":"Pjöngjang"'),
]


def body(response: httpx.Response) -> Any:
    """What an answer says, but the `next` link, which keeps the parameters as sent."""
    if response.headers["content-type"] == "application/json":
        return {**response.json(), "next": None}
    return response.content


def get(client: httpx.Client, path: str, params: dict[str, Any], **headers: str) -> httpx.Response:
    response = client.get(path, params=params, headers=headers)
    assert response.status_code == 200, response.text
    return response


@pytest.mark.parametrize(("path", "params", "german"), LOCALISED)
def test_every_endpoint_answers_in_the_language_asked_for(
    client: httpx.Client, path: str, params: dict[str, Any], german: str | None
) -> None:
    """`german`: a text only the German answer holds (None: the answers differ)."""
    answers = {
        ("lang", "de"): get(client, path, {**params, "lang": "de"}),
        ("header", "de"): get(client, path, params, **{"Accept-Language": "de-DE,de;q=0.9"}),
        ("lang", "en"): get(client, path, {**params, "lang": "en"}),
        ("header", "en"): get(client, path, params, **{"Accept-Language": "en-GB"}),
        ("none", "en"): get(client, path, params),
        ("other", "en"): get(client, path, params, **{"Accept-Language": "fr, es;q=0.5"}),
    }
    for (how, lang), answer in answers.items():
        assert answer.headers["content-language"] == lang, (how, lang)
        assert "Accept-Language" in answer.headers["vary"], (how, lang)
        if german is not None:
            assert (german in answer.text) == (lang == "de"), (how, lang)
    assert body(answers["lang", "de"]) == body(answers["header", "de"])
    assert body(answers["lang", "en"]) == body(answers["none", "en"])
    assert body(answers["other", "en"]) == body(answers["none", "en"])
    assert body(answers["lang", "de"]) != body(answers["lang", "en"])


def test_an_event_in_german_and_english_with_the_same_quotes(client: httpx.Client) -> None:
    german = get(client, "/events/singapore-summit-2018", {"lang": "de"}).json()
    english = get(client, "/events/singapore-summit-2018", {"lang": "en"}).json()
    assert german["title"] == "Trump und Kim treffen sich in Singapur"
    assert english["title"] == "Trump and Kim meet in Singapore"
    assert (german["title_lang"], german["summary_lang"]) == ("de", "de")
    assert (english["title_lang"], english["summary_lang"]) == ("en", "en")
    displays = (german["date"]["display"], english["date"]["display"])
    assert displays == ("12. Juni 2018", "12 June 2018")
    assert german["place"]["name"] == "Singapur" and english["place"]["name"] == "Singapore"
    listed = {e["id"]: e for e in all_events(client, actor="trump", lang="de")}
    one = {key: value for key, value in german.items() if key != "links"}
    assert listed["singapore-summit-2018"] == one  # lists show what one event shows
    assert [s["quote"] for s in german["sources"]] == [s["quote"] for s in english["sources"]]
    embargo = get(client, "/events/us-embargo-on-cuba-1962", {"lang": "de"}).json()
    assert embargo["date"]["display"] == "seit 7. Februar 1962"
    assert german["date_note"].endswith(
        "Das Gipfeltreffen fand am 12. Juni 2018 statt (allgemeine Überlieferung)."
    )
    assert english["date_note"].endswith("The summit took place on 12 June 2018 (general record).")
    assert (german["date_note_lang"], english["date_note_lang"]) == ("de", "en")


def seed_texts(file: str, field: str) -> dict[str, dict[str, str]]:
    """The texts of a field in each language, by item, as the seed file gives them."""
    entries = yaml.safe_load((SEEDS_DIR / file).read_text(encoding="utf-8"))
    return {entry["id"]: entry[field] for entry in entries if field in entry}


def test_every_seed_note_and_description_is_shown_in_the_language_asked_for(
    client: httpx.Client,
) -> None:
    notes = seed_texts("events.yaml", "date_note")
    descriptions = seed_texts("actors.yaml", "description")
    assert notes and descriptions
    for lang in LANGUAGES:
        events = {event["id"]: event for event in all_events(client, lang=lang)}
        shown = {i: (e["date_note"], e["date_note_lang"]) for i, e in events.items()}
        assert shown == {i: (notes[i][lang], lang) if i in notes else (None, None) for i in events}
        actors = get(client, "/actors", {"limit": 500, "lang": lang}).json()["items"]
        described = {a["id"]: (a["description"], a["description_lang"]) for a in actors}
        assert described == {i: (texts[lang], lang) for i, texts in descriptions.items()}
        exported = get(client, "/events", {"format": "csv", "lang": lang}).text
        rows = csv.DictReader(io.StringIO(exported, newline=""))
        assert {row["id"]: row["date_note"] for row in rows} == {
            i: notes[i][lang] if i in notes else "" for i in events
        }


def test_a_bad_lang_is_a_problem_naming_it(client: httpx.Client) -> None:
    for path in ("/events", "/events/singapore-summit-2018", "/actors", "/timeline", "/facets"):
        assert_problem(client.get(path, params={"lang": "fr"}), 422, "lang")


def test_etags_and_the_response_cache_differ_by_language(client: httpx.Client) -> None:
    for path in ("/events", "/events/singapore-summit-2018", "/facets"):
        german = get(client, path, {}, **{"Accept-Language": "de"})
        english = get(client, path, {}, **{"Accept-Language": "en"})
        assert german.headers["etag"] != english.headers["etag"]
        again = get(client, path, {}, **{"Accept-Language": "de;q=1, en;q=0.5"})
        assert again.content == german.content  # the same language by another header
        stale = {"If-None-Match": english.headers["etag"], "Accept-Language": "de"}
        assert client.get(path, headers=stale).content == german.content
        german_etag = {"If-None-Match": german.headers["etag"], "Accept-Language": "de"}
        assert client.get(path, headers=german_etag).status_code == 304
        assert body(client.get(path, params={"lang": "en"})) == body(english)


def test_search_filters_and_facets_in_both_languages(client: httpx.Client) -> None:
    def found(**params: str) -> list[str]:
        return [event["id"] for event in all_events(client, **params)]

    assert found(q="Gipfeltreffen") == found(q="summit")
    assert "singapore-summit-2018" in found(q="Gipfeltreffen")
    assert found(actor="Nordkorea") == found(actor="north-korea") == found(actor="North Korea")
    assert found(place="Pjöngjang") == found(place="pyongyang") == found(place="Pyongyang")
    assert found(actor="Vereinigte Staaten", lang="de") == found(actor="united-states")
    facets = get(client, "/facets", {"facet": ["actor", "place"], "lang": "de"}).json()
    names = {row["value"]: row["name"] for row in facets["actor"] + facets["place"]}
    assert names["north-korea"] == "Nordkorea" and names["pyongyang"] == "Pjöngjang"
    english = get(client, "/facets", {"facet": "actor"}).json()["actor"]
    assert {row["value"]: row["name"] for row in english}["north-korea"] == "North Korea"


def test_aliases_show_the_name_in_the_other_language(client: httpx.Client) -> None:
    german = get(client, "/actors/north-korea", {"lang": "de"}).json()
    english = get(client, "/actors/north-korea", {"lang": "en"}).json()
    assert (german["name"], german["name_lang"]) == ("Nordkorea", "de")
    assert (english["name"], english["name_lang"]) == ("North Korea", "en")
    assert "North Korea" in german["aliases"] and "Nordkorea" in english["aliases"]


def test_writes_in_either_form_merge_per_language_and_fall_back(http: httpx.Client) -> None:
    passage = passage_of(http, "singapore-summit-2018")
    german_only = new_event(passage, title="Kim spricht in Singapur", summary="Nur deutsch.")
    created = http.post("/events", json=german_only, headers={**AUTH, "Content-Language": "de"})
    assert created.status_code == 201, created.text
    event_id = created.json()["id"]
    english = http.get(f"/events/{event_id}").json()
    assert (english["title"], english["title_lang"]) == ("Kim spricht in Singapur", "de")
    assert english["summary_lang"] == "de" and english["date"]["display"] == "12 June 2018"
    german_texts = {"title": german_only["title"], "summary": "Nur deutsch.", "date_note": None}
    assert history(http, event_id)[0]["after"]["translations"] == {"de": german_texts}
    listed = {e["id"]: e for e in all_events(http, q="Singapur", lang="en")}
    assert listed[event_id]["title_lang"] == "de"

    german_etag = http.get(f"/events/{event_id}", params={"lang": "de"}).headers["etag"]
    patched = http.patch(
        f"/events/{event_id}",
        json={"title": {"en": "Kim speaks in Singapore"}, "summary": "English only."},
        headers={**AUTH, "If-Match": german_etag},  # the ETag of either language
    )
    assert patched.status_code == 200, patched.text
    assert (patched.json()["title"], patched.json()["title_lang"]) == (
        "Kim speaks in Singapore",
        "en",
    )
    both = history(http, event_id)[-1]["after"]["translations"]
    assert both["en"] == {
        "title": "Kim speaks in Singapore",
        "summary": "English only.",
        "date_note": None,
    }
    assert both["de"] == german_texts
    in_german = http.patch(
        f"/events/{event_id}",
        params={"lang": "de"},
        json={"title": "Kim redet in Singapur"},
        headers={**AUTH, "Content-Language": "de-CH"},
    ).json()
    assert (in_german["title"], in_german["title_lang"]) == ("Kim redet in Singapur", "de")
    assert in_german["summary"] == "Nur deutsch."
    assert http.get(f"/events/{event_id}").json()["title"] == "Kim speaks in Singapore"
    after = history(http, event_id)[-1]["after"]["translations"]
    assert after["de"]["title"] == "Kim redet in Singapur" and after["en"]["summary"]

    cleared = http.patch(f"/events/{event_id}", json={"title": {"en": None}}, headers=AUTH)
    assert cleared.json()["title"] == "Kim redet in Singapur"
    none_left = http.patch(f"/events/{event_id}", json={"title": {"de": None}}, headers=AUTH)
    assert_problem(none_left, 422, "title")
    both_given = new_event(passage, title={"en": "Both", "de": "Beide"}, date="Juni 2018")
    made = http.post("/events", json=both_given, headers=AUTH, params={"lang": "de"}).json()
    assert (made["title"], made["date"]["display"]) == ("Beide", "Juni 2018")
    wrong = http.post("/events", json=german_only, headers={**AUTH, "Content-Language": "fr"})
    assert_problem(wrong, 422, "Content-Language")
    no_title = new_event(passage, title={"en": None})
    assert_problem(http.post("/events", json=no_title, headers=AUTH), 422, "title")


def test_actors_and_places_are_named_in_either_language(http: httpx.Client) -> None:
    made = http.post(
        "/actors",
        json={"name": "Choe Son Hui", "kind": "person"},
        headers={**AUTH, "Content-Language": "de"},
    )
    assert made.status_code == 201, made.text
    assert (made.json()["name"], made.json()["name_lang"]) == ("Choe Son Hui", "de")
    place = http.post(
        "/places", json={"name": {"en": "Wonsan", "de": "Wŏnsan-Stadt"}}, headers=AUTH
    ).json()
    german = http.get(f"/places/{place['id']}", params={"lang": "de"}).json()
    assert (place["name"], german["name"]) == ("Wonsan", "Wŏnsan-Stadt")
    renamed = http.patch(
        "/actors/north-korea", json={"name": {"de": "Nordkorea (DVRK)"}}, headers=AUTH
    )
    assert renamed.json()["name"] == "North Korea"
    event = http.get("/events/singapore-summit-2018", params={"lang": "de"}).json()
    assert "Nordkorea (DVRK)" in {actor["name"] for actor in event["actors"]}
    assert all_events(http, actor="Nordkorea (DVRK)") == all_events(http, actor="north-korea")


def test_date_notes_are_written_in_either_form_merge_per_language_and_fall_back(
    http: httpx.Client,
) -> None:
    def shown(lang: str) -> tuple[str | None, str | None]:
        event = http.get(f"/events/{event_id}", params={"lang": lang}).json()
        return event["date_note"], event["date_note_lang"]

    def patch(note: Any, **headers: str) -> None:
        answer = http.patch(f"/events/{event_id}", json={"date_note": note}, headers=headers)
        assert answer.status_code == 200, answer.text

    german = "Tag aus der allgemeinen Überlieferung."
    english = "Day from the general record."
    body = new_event(passage_of(http, "singapore-summit-2018"), date_note=german)
    created = http.post("/events", json=body, headers={**AUTH, "Content-Language": "de"})
    assert created.status_code == 201, created.text
    event_id = created.json()["id"]
    assert shown("de") == shown("en") == (german, "de")  # English falls back to German
    patch({"en": english}, **AUTH)
    assert (shown("de"), shown("en")) == ((german, "de"), (english, "en"))
    notes = {
        lang: texts["date_note"]
        for lang, texts in history(http, event_id)[-1]["after"]["translations"].items()
    }
    assert notes == {"de": german, "en": english}
    patch("Datum laut Artikel.", **AUTH, **{"Content-Language": "de"})
    assert (shown("de"), shown("en")) == (("Datum laut Artikel.", "de"), (english, "en"))
    patch({"de": None}, **AUTH)
    assert shown("de") == (english, "en")  # German falls back to English
    patch(None, **AUTH)
    assert shown("de") == shown("en") == (None, None)
    refused = http.patch(f"/events/{event_id}", json={"date_note": {"fr": "Non."}}, headers=AUTH)
    assert refused.status_code == 422
    assert {e["param"].split(".")[0] for e in refused.json()["errors"]} == {"date_note"}


def test_actor_descriptions_are_written_in_either_form_and_fall_back(http: httpx.Client) -> None:
    def shown(lang: str) -> tuple[str | None, str | None]:
        actor = http.get(f"/actors/{actor_id}", params={"lang": lang}).json()
        return actor["description"], actor["description_lang"]

    made = http.post(
        "/actors",
        json={"name": "Choe Son Hui", "kind": "person", "description": "Foreign minister"},
        headers=AUTH,
    )
    assert made.status_code == 201, made.text
    actor_id = made.json()["id"]
    assert shown("de") == shown("en") == ("Foreign minister", "en")
    renamed = http.patch(
        f"/actors/{actor_id}",
        json={"description": "Außenministerin Nordkoreas"},
        headers={**AUTH, "Content-Language": "de"},
        params={"lang": "de"},
    )
    assert (renamed.json()["description"], renamed.json()["description_lang"]) == (
        "Außenministerin Nordkoreas",
        "de",
    )
    assert shown("en") == ("Foreign minister", "en")  # merged per language
    both = {"en": "North Korea's foreign minister", "de": "Nordkoreas Außenministerin"}
    assert http.patch(f"/actors/{actor_id}", json={"description": both}, headers=AUTH).is_success
    assert (shown("en"), shown("de")) == ((both["en"], "en"), (both["de"], "de"))
    unchanged = http.patch(f"/actors/{actor_id}", json={"kind": "person"}, headers=AUTH)
    assert unchanged.is_success and shown("de") == (both["de"], "de")
    http.patch(f"/actors/{actor_id}", json={"description": {"en": None}}, headers=AUTH)
    assert shown("en") == (both["de"], "de")


def test_proposals_carry_the_language_of_their_article(http: httpx.Client) -> None:
    """A proposal an article makes is titled in its language; a proposal it only reports
    again (the Hanoi story recalls the Panmunjom summit the German article proposed)
    becomes another source and keeps the language it was proposed in."""
    hydrogen_bomb = (DATA / "en_wire_hydrogen_bomb_2017.txt").read_text(encoding="utf-8")
    earlier: dict[str, str] = {}
    made_in: set[str] = set()
    reported_again: set[str] = set()
    for text, lang in ((PANMUNJOM, "de"), (hydrogen_bomb, "en"), (HANOI, "en")):
        made = http.post("/articles", json={"text": text}, headers=AUTH)
        assert made.status_code == 201, made.text
        article = made.json()["article"]
        assert article["language"] == lang
        proposed = all_events(http, article=article["id"], status="proposed")
        assert proposed, lang
        for event in proposed:
            assert event["title_lang"] == earlier.get(event["id"], lang), event["title"]
        made_in |= {event["title_lang"] for event in proposed if event["id"] not in earlier}
        reported_again |= {event["title_lang"] for event in proposed if event["id"] in earlier}
        other = "en" if lang == "de" else "de"
        shown = all_events(http, article=article["id"], status="proposed", lang=other)
        assert [event["title"] for event in shown] == [event["title"] for event in proposed]
        earlier |= {event["id"]: event["title_lang"] for event in proposed}
    assert made_in == {"de", "en"}
    assert reported_again == {"de"}  # the Hanoi story's Panmunjom summit


@pytest.mark.parametrize("fmt", ["csv", "ics", "ndjson", "timelinejs"])
def test_timeline_export_writes_what_the_api_serves_in_that_language(
    seeded_url: str, client: httpx.Client, tmp_path: Path, fmt: str
) -> None:
    output = tmp_path / f"events.{fmt}"
    answer = subprocess.run(
        [sys.executable, "-c", "from app.cli import app; app()", "export", "--format", fmt]
        + ["--lang", "de", "--actor", "Nordkorea", "--output", str(output)],
        env={**os.environ, "DATABASE_URL": seeded_url},
        capture_output=True,
        text=True,
        check=False,
        timeout=120,
    )
    assert answer.returncode == 0, answer.stderr
    path, params = ("/timeline", {}) if fmt == "timelinejs" else ("/events", {"format": fmt})
    served = get(client, path, {**params, "actor": "north-korea", "lang": "de"})
    if fmt == "timelinejs":
        assert json.loads(output.read_bytes()) == served.json()
    else:
        assert output.read_bytes() == served.content
    assert TITLE_DE.encode() in output.read_bytes() or fmt == "timelinejs"

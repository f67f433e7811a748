"""POST /articles and `timeline ingest`: one pipeline, real servers, real databases."""

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest
from sqlalchemy import func, text
from sqlmodel import Session, select
from typer.testing import CliRunner

from app import cli
from app.config import get_settings
from app.db import get_engine, session_scope
from app.ingest.service import ArticleCreate, ingest
from app.models import Article, Event, Passage
from app.services import versions
from tests import conftest
from tests.conftest import TEST_TOKEN, LiveServer

DATA = Path(__file__).resolve().parent.parent / "data" / "articles"
AUTH = {"Authorization": f"Bearer {TEST_TOKEN}"}
HANOI = (DATA / "en_hanoi_summit_2019.txt").read_text(encoding="utf-8")
PANMUNJOM = (DATA / "de_panmunjom_gipfel_2018.txt").read_text(encoding="utf-8")


def post(live: LiveServer, body: dict[str, Any], headers: dict[str, str] = AUTH) -> httpx.Response:
    return httpx.post(f"{live.url}/articles", json=body, headers=headers, timeout=60)


def counts(url: str) -> tuple[int, int, int, int]:
    with Session(get_engine(url)) as session:
        return (
            session.exec(select(func.count()).select_from(Article)).one(),
            session.exec(select(func.count()).select_from(Passage)).one(),
            session.exec(select(func.count()).select_from(Event)).one(),
            versions.current(session),
        )


def linked(body: dict[str, Any], passage_text: str, source: str) -> dict[str, str]:
    """event id -> status for the passage containing passage_text."""
    [passage] = [p for p in body["passages"] if passage_text in source[p["start"] : p["end"]]]
    return {e["event_id"]: e["status"] for e in body["events"] if e["passage_id"] == passage["id"]}


def test_hanoi_report_links_to_the_hanoi_summit(
    writable_server: LiveServer, fresh_seeded_url: str
) -> None:
    before = counts(fresh_seeded_url)
    answer = post(
        writable_server, {"text": HANOI, "published": "28 February 2019", "title": "Hanoi"}
    )
    assert answer.status_code == 201, answer.text
    body = answer.json()
    assert set(body) >= {"article", "passages", "date_mentions", "actor_mentions", "events"}
    assert body["article"]["language"] == "en"
    assert body["article"]["published"]["start"] == "2019-02-28"
    for mention in body["date_mentions"] + body["actor_mentions"]:
        assert HANOI[mention["start"] : mention["end"]] == mention["text"]
    dates = {m["text"]: m["date"]["start"] for m in body["date_mentions"]}
    assert dates["Thursday, February 28, 2019"] == "2019-02-28"
    assert dates["Wednesday"] == "2019-02-27"
    assert dates["June 12, 2018"] == "2018-06-12"
    assert {"donald-trump", "kim-jong-un", "moon-jae-in"} <= {
        m["actor_id"] for m in body["actor_mentions"]
    }
    assert linked(body, "cut short their second summit", HANOI) == {"hanoi-summit-2019": "linked"}
    assert linked(body, "Metropole hotel", HANOI) == {"hanoi-summit-2019": "linked"}
    last = linked(body, "first met in Singapore", HANOI)
    assert last.get("singapore-summit-2018") == "linked"
    assert "panmunjom-meeting-2019" not in last  # Moon met Kim there in April 2018, not June 2019
    assert "proposed" in last.values()  # the April 2018 meeting is proposed as a new event

    after = counts(fresh_seeded_url)
    assert after[0] == before[0] + 1 and after[3] > before[3]

    again = post(writable_server, {"text": HANOI})
    assert again.status_code == 200
    assert again.json() == body
    assert counts(fresh_seeded_url) == after


def test_an_alias_written_through_the_api_is_read_by_the_next_ingest(
    writable_server: LiveServer,
) -> None:
    """The names lexicon is cached by the content of the alias tables: a new actor's alias
    is found by the next ingest, a replaced one no longer."""

    def names_in(text: str) -> set[tuple[str, str]]:
        answer = post(writable_server, {"text": text, "published": "2019-05-10"})
        assert answer.status_code == 201, answer.text
        return {(m["actor_id"], m["text"]) for m in answer.json()["actor_mentions"]}

    said = "Am 3. Mai 2019 sprach {} in Pjöngjang mit Kim Jong Un ({})."
    assert ("kim-jong-un", "Kim Jong Un") in names_in(said.format("Außenminister Ri", 1))
    created = httpx.post(
        f"{writable_server.url}/actors",
        json={
            "id": "ri-son-gwon",
            "name": "Ri Son-gwon",
            "kind": "person",
            "aliases": ["Außenminister Ri"],
        },
        headers=AUTH,
    )
    assert created.status_code == 201, created.text
    assert ("ri-son-gwon", "Außenminister Ri") in names_in(said.format("Außenminister Ri", 2))
    renamed = httpx.patch(  # as many aliases as before, one of them another
        f"{writable_server.url}/actors/ri-son-gwon",
        json={"aliases": ["Chefunterhändler Ri"]},
        headers=AUTH,
    )
    assert renamed.status_code == 200, renamed.text
    found = names_in(said.format("Außenminister Ri und Chefunterhändler Ri", 3))
    assert ("ri-son-gwon", "Chefunterhändler Ri") in found
    assert ("ri-son-gwon", "Außenminister Ri") not in found


def test_panmunjom_2018_report_never_links_the_2019_meeting(
    writable_server: LiveServer,
) -> None:
    answer = post(writable_server, {"text": PANMUNJOM, "published": "27. April 2018"})
    assert answer.status_code == 201, answer.text
    body = answer.json()
    assert body["article"]["language"] == "de"
    dates = {m["text"]: (m["date"]["start"], m["date"]["end"]) for m in body["date_mentions"]}
    assert dates["27. April 2018"] == ("2018-04-27", "2018-04-27")
    assert dates["Freitag"] == ("2018-04-27", "2018-04-27")
    assert dates["8. März"] == ("2018-03-08", "2018-03-08")
    assert dates["Ende Mai"] == ("2018-05-21", "2018-05-31")
    assert all(e["event_id"] != "panmunjom-meeting-2019" for e in body["events"])
    summit = linked(body, "Am 27. April 2018", PANMUNJOM)
    assert "proposed" in summit.values()
    assert (
        linked(body, "Bereits am 8. März", PANMUNJOM).get("trump-kim-meeting-announcement-2018")
        == "linked"
    )

    proposed = [e["event_id"] for e in body["events"] if e["status"] == "proposed"]
    events_url = f"{writable_server.url}/events"
    published = httpx.get(events_url, params={"limit": 500}).json()["items"]
    assert not {e["id"] for e in published} & set(proposed)
    hidden = httpx.get(events_url, params={"limit": 500, "status": "proposed"}).json()["items"]
    assert set(proposed) <= {e["id"] for e in hidden}
    one = httpx.get(f"{events_url}/{proposed[0]}").json()
    assert one["sources"]  # Friday's crossing, reported twice in one passage: one proposal
    for source in one["sources"]:
        assert PANMUNJOM[source["start"] : source["end"]] == source["quote"]
        assert source["stated_date"]["start"] == one["date"]["start"]


CHRONIK = """Chronik: Raketen und Drohungen

Von Anna Berger

4. Juli 2017
Nordkorea testet erstmals eine Interkontinentalrakete vom Typ Hwasong-14.

28. Juli
Ein zweiter Test folgt, die Rakete fliegt höher als je zuvor. Fünf Tage später verhängt der
UN-Sicherheitsrat neue Sanktionen.

3. September
Der sechste Atomtest erschüttert die Region.

2018

Im Januar kündigt Kim in seiner Neujahrsansprache Gespräche an. Am 9. Februar beginnen die
Winterspiele in Pyeongchang.
"""


def test_a_chronology_is_read_as_one_document_and_says_which_years_it_inferred(
    writable_server: LiveServer,
) -> None:
    answer = post(writable_server, {"text": CHRONIK, "published": "1. Juni 2018"})
    assert answer.status_code == 201, answer.text
    body = answer.json()
    found = {
        m["text"]: (m["date"]["start"], m["date"]["end"], m["inferred"])
        for m in body["date_mentions"]
    }
    assert found == {
        "4. Juli 2017": ("2017-07-04", "2017-07-04", False),
        "28. Juli": ("2017-07-28", "2017-07-28", True),  # the heading's year, not 2018
        "Fünf Tage später": ("2017-08-02", "2017-08-02", True),
        "3. September": ("2017-09-03", "2017-09-03", True),
        "2018": ("2018-01-01", "2018-12-31", False),
        "Januar": ("2018-01-01", "2018-01-31", True),
        "9. Februar": ("2018-02-09", "2018-02-09", True),
    }
    passages = httpx.get(f"{writable_server.url}/articles/{body['article']['id']}/passages").json()[
        "items"
    ]
    served = {m["text"]: m["inferred"] for p in passages for m in p["date_mentions"]}
    assert served == {text: value[2] for text, value in found.items()}


@pytest.mark.parametrize(
    ("text", "day", "evidence", "dates"),
    [
        (
            "North Korea fires new ICBM\n\nSeoul, 31 October 2024\n\nNorth Korea test-fired "
            "an intercontinental ballistic missile on Thursday. On Monday, the Pentagon said "
            "North Korean soldiers had been sent to Russia. The North had last fired an ICBM "
            "in December last year.\n\nRelated:\nKim visits Russia (13.09.2023)",
            "2024-10-31",
            "31 October 2024",
            {"Thursday": "2024-10-31", "Monday": "2024-10-28", "December last year": "2023-12-01"},
        ),
        (
            "Trump will Kim treffen\n\nVon unserem Korrespondenten, Tokio, 28. Oktober 2025"
            "\n\nTrump hat am Montag erklärt, er würde Kim gerne treffen. Am Dienstag traf er "
            "Sanae Takaichi. Im Dezember vergangenen Jahres hatte Kim Trump gelobt.",
            "2025-10-28",
            "28. Oktober 2025",
            {
                "Montag": "2025-10-27",
                "Dienstag": "2025-10-28",
                "Dezember vergangenen Jahres": "2024-12-01",
            },
        ),
    ],
)
def test_an_article_posted_without_a_date_is_dated_by_its_dateline(
    writable_server: LiveServer, text: str, day: str, evidence: str, dates: dict[str, str]
) -> None:
    answer = post(writable_server, {"text": text})
    assert answer.status_code == 201, answer.text
    body = answer.json()
    assert (body["article"]["published"]["start"], body["article"]["published"]["end"]) == (
        day,
        day,
    )
    article = httpx.get(f"{writable_server.url}/articles/{body['article']['id']}").json()
    assert article["published_evidence"] == evidence
    found = {m["text"]: m["date"]["start"] for m in body["date_mentions"]}
    assert {text: found.get(text) for text in dates} == dates
    dateline = [p["id"] for p in body["passages"] if evidence in text[p["start"] : p["end"]]]
    footer = [p["id"] for p in body["passages"] if "(13.09.2023)" in text[p["start"] : p["end"]]]
    assert not [e for e in body["events"] if e["passage_id"] in dateline + footer]


@pytest.mark.parametrize(
    ("body", "param"),
    [
        ({"text": ""}, "text"),
        ({"text": "   \n "}, "text"),
        ({"text": "binary\x00data"}, "text"),
        ({"text": "Ein Text.", "published": "irgendwann"}, "published"),
        ({"text": "Ein Text.", "language": "fr"}, "language"),
        ({"title": "no text"}, "text"),
    ],
)
def test_bad_input_is_422_naming_the_field_and_stores_nothing(
    writable_server: LiveServer, fresh_seeded_url: str, body: dict[str, Any], param: str
) -> None:
    before = counts(fresh_seeded_url)
    answer = post(writable_server, body)
    assert answer.status_code == 422
    assert answer.headers["content-type"] == "application/problem+json"
    assert answer.json()["errors"][0]["param"] == param
    assert counts(fresh_seeded_url) == before


def test_too_large_is_413_and_writes_need_a_token(fresh_seeded_url: str) -> None:
    before = counts(fresh_seeded_url)
    with LiveServer(conftest.settings_for(fresh_seeded_url, max_article_chars=1000)) as live:
        too_large = post(live, {"text": "Ein Satz. " * 200})
        assert too_large.status_code == 413
        assert too_large.json()["errors"][0]["param"] == "text"
        assert post(live, {"text": "Ein Satz."}, headers={}).status_code == 401
        wrong = {"Authorization": "Bearer nope"}
        assert post(live, {"text": "Ein Satz."}, headers=wrong).status_code == 403
    assert counts(fresh_seeded_url) == before


def test_a_failure_half_way_leaves_nothing_behind(fresh_seeded_url: str) -> None:
    """A real failure after the article, passages and proposed events were written."""
    engine = get_engine(fresh_seeded_url)
    with engine.begin() as conn:
        conn.execute(text("DROP TABLE event_link"))
    before = counts(fresh_seeded_url)
    with pytest.raises(Exception, match="event_link"), session_scope(engine) as session:
        ingest(session, ArticleCreate(text=PANMUNJOM, published="2018-04-27"), max_chars=10**6)
    assert counts(fresh_seeded_url) == before


@pytest.fixture
def cli_env(fresh_seeded_url: str, monkeypatch: pytest.MonkeyPatch) -> Iterator[str]:
    monkeypatch.setenv("DATABASE_URL", fresh_seeded_url)
    get_settings.cache_clear()
    yield fresh_seeded_url
    get_settings.cache_clear()


def test_cli_ingest_prints_the_same_shape(cli_env: str, tmp_path: Path) -> None:
    import orjson

    runner = CliRunner()
    path = DATA / "en_hanoi_summit_2019.txt"
    first = runner.invoke(cli.app, ["ingest", str(path), "--published", "2019-02-28", "--json"])
    assert first.exit_code == 0, first.output
    body = orjson.loads(first.stdout)
    assert any(e["event_id"] == "hanoi-summit-2019" for e in body["events"])
    again = runner.invoke(cli.app, ["ingest", str(path), "--json"])
    assert orjson.loads(again.stdout) == body

    binary = tmp_path / "image.txt"
    binary.write_bytes(b"\x89PNG\x00\x00\x01")
    latin = tmp_path / "latin1.txt"
    latin.write_bytes("Die Gespräche in Pjöngjang.".encode("latin-1"))
    before = counts(cli_env)
    for bad in (binary, latin):
        result = runner.invoke(cli.app, ["ingest", str(bad)])
        assert result.exit_code == 1
        assert "not ingested" in result.stderr
    assert counts(cli_env) == before

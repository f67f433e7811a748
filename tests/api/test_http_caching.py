"""ETags, 304s, Cache-Control, the response cache and CORS, over HTTP on real servers."""

import asyncio
import time
from collections.abc import Iterator

import httpx
import pytest
from sqlalchemy import text

from app.api import caching
from app.db import get_engine, session_scope
from app.services import versions
from tests import conftest
from tests.conftest import LiveServer

KIM = "/timeline?actor=kim"


def etag_of(response: httpx.Response) -> str:
    assert response.status_code == 200, response.text
    return response.headers["etag"]


@pytest.mark.parametrize("path", [KIM, "/events?actor=kim", "/facets", "/actors", "/", "/health"])
def test_a_second_get_with_the_etag_is_answered_304_without_a_body(
    client: httpx.Client, path: str
) -> None:
    first = client.get(path)
    tag = etag_of(first)
    assert not tag.startswith("W/") and tag.startswith('"')
    assert first.headers["cache-control"] == "public, max-age=60"
    again = client.get(path, headers={"If-None-Match": tag})
    assert again.status_code == 304
    assert again.content == b""
    assert again.headers["etag"] == tag
    assert client.get(path, headers={"If-None-Match": '"0-other", ' + tag}).status_code == 304
    assert client.get(path, headers={"If-None-Match": '"0-other"'}).status_code == 200


def test_the_etag_names_the_query_normalised_and_the_representation(client: httpx.Client) -> None:
    one = etag_of(client.get("/events?actor=kim&kind=summit"))
    assert etag_of(client.get("/events?kind=summit&actor=kim")) == one
    assert etag_of(client.get("/events?actor=kim&kind=threat")) != one
    assert etag_of(client.get(KIM + "&format=vis")) != etag_of(client.get(KIM))
    assert etag_of(client.get(KIM, headers={"Accept": "text/html"})) != etag_of(client.get(KIM))
    missing = client.get("/events/no-such-event")
    assert missing.status_code == 404 and "etag" not in missing.headers


@pytest.fixture
def two_servers(fresh_seeded_url: str) -> Iterator[tuple[LiveServer, LiveServer]]:
    """Two servers (two apps, two response caches) on one database."""
    settings = conftest.settings_for(fresh_seeded_url, cache_max_age=5)
    with LiveServer(settings) as one, LiveServer(settings) as two:
        yield one, two


def test_every_write_changes_the_etag_on_every_server(
    two_servers: tuple[LiveServer, LiveServer], fresh_seeded_url: str
) -> None:
    host = {"Host": "timeline.test"}  # as behind one load balancer
    with (
        conftest.http_client(two_servers[0].url) as one,
        conftest.http_client(two_servers[1].url) as two,
    ):
        tags = [etag_of(http.get(KIM, headers=host)) for http in (one, two)]
        assert tags[0] == tags[1]
        assert one.get(KIM).headers["cache-control"] == "public, max-age=5"
        with session_scope(get_engine(fresh_seeded_url)) as session:
            session.execute(
                text(
                    "UPDATE event SET title = 'Singapore, rewritten'"
                    " WHERE id = 'singapore-summit-2018'"
                )
            )
            versions.bump(session)
        for http, old in zip((one, two), tags, strict=True):
            fresh = http.get(KIM, headers={**host, "If-None-Match": old})
            assert fresh.status_code == 200
            assert etag_of(fresh) != old
            assert "Singapore, rewritten" in fresh.text


def test_the_response_cache_serves_one_version_and_never_an_older_one(
    writable_server: LiveServer, fresh_seeded_url: str
) -> None:
    url = writable_server.url + "/events/singapore-summit-2018"
    assert httpx.get(url).json()["title"] == "Trump and Kim meet in Singapore"

    def retitle(title: str, bump: bool) -> None:
        with session_scope(get_engine(fresh_seeded_url)) as session:
            session.execute(
                text("UPDATE event SET title = :t WHERE id = 'singapore-summit-2018'"), {"t": title}
            )
            if bump:
                versions.bump(session)

    retitle("Changed behind the version's back", bump=False)
    assert httpx.get(url).json()["title"] == "Trump and Kim meet in Singapore"  # from the cache
    retitle("Changed properly", bump=True)
    assert httpx.get(url).json()["title"] == "Changed properly"


def test_a_version_read_begun_before_a_write_answers_no_one_who_asks_after_it(
    fresh_seeded_url: str,
) -> None:
    """A client whose write through one server has been answered asks another, whose read
    of the data version began before the write and is still under way: the client gets the
    version of a read begun after it asked, the write's (app.api.caching)."""
    engine = get_engine(fresh_seeded_url)
    reader = caching.version_reader(engine, prepare=True)

    async def before_under_way_after() -> tuple[int | None, int | None, int | None]:
        before = await reader.read()  # connected
        under_way = asyncio.ensure_future(reader.read())
        for _ in range(10):
            await asyncio.sleep(0)  # the read is sent
        time.sleep(0.2)  # the loop blocked: the server answers it, unheard
        with session_scope(engine) as session:
            versions.bump(session)
        after = await reader.read()
        await reader.close()
        return before, await under_way, after

    before, under_way, after = asyncio.run(before_under_way_after())
    assert before is not None
    assert under_way == before  # read before the write, as the test means it to be
    assert after == before + 1


@pytest.mark.parametrize("prepare", [True, False])
def test_postgresql_reads_the_version_again_after_losing_its_connection(
    fresh_seeded_url: str, prepare: bool
) -> None:
    """PostgresVersions reads over libpq's non-blocking calls: the version, prepared once per
    connection or never (behind a proxy pooling by transaction); a connection the server
    ends answers None (not cached), and the next read connects again."""
    engine = get_engine(fresh_seeded_url)
    reader = caching.version_reader(engine, prepare=prepare)
    if not isinstance(reader, caching.PostgresVersions):
        pytest.skip("SQLite's version is read in process")
    with session_scope(engine) as session:
        current = versions.current(session)

    async def read_end_read() -> tuple[list[int | None], list[str]]:
        seen = [await reader.read(), await reader.read()]
        assert reader.connection is not None
        cursor = await reader.connection.execute("SELECT name FROM pg_prepared_statements")
        prepared = [str(row[0]) for row in await cursor.fetchall()]
        with session_scope(engine) as session:
            session.execute(
                text("SELECT pg_terminate_backend(:pid)"),
                {"pid": reader.connection.info.backend_pid},
            )
        seen += [await reader.read(), await reader.read()]
        await reader.close()
        return seen, prepared

    seen, prepared = asyncio.run(read_end_read())
    assert seen == [current, current, None, current]
    assert prepared == (["timeline_data_version"] if prepare else [])


def test_a_name_means_what_its_alias_says_at_the_version_read(
    writable_server: LiveServer, fresh_seeded_url: str
) -> None:
    """Pages keep the names they resolved for their data version (app.actors.Resolved): an
    alias moved by a write, which bumps the version, is read again."""
    pages = writable_server.url + "/events?actor="
    kims = httpx.get(pages + "kim").json()["items"]
    assert kims and httpx.get(pages + "kimmy").status_code == 422
    with session_scope(get_engine(fresh_seeded_url)) as session:
        session.execute(
            text("UPDATE actor_alias SET normalized = 'kimmy' WHERE normalized = 'kim'")
        )
        versions.bump(session)
    assert httpx.get(pages + "kim").status_code == 422
    assert httpx.get(pages + "kimmy").json()["items"] == kims


def test_a_cross_origin_read_exposes_etag_and_link(client: httpx.Client) -> None:
    response = client.get("/events?limit=2", headers={"Origin": "https://news.example"})
    assert response.headers["access-control-allow-origin"] == "*"
    exposed = {
        h.strip().lower() for h in response.headers["access-control-expose-headers"].split(",")
    }
    assert {"etag", "link"} <= exposed
    assert "link" in response.headers


def test_a_preflight_is_answered_for_reads_and_refused_for_writes(client: httpx.Client) -> None:
    preflight = client.options(
        "/events",
        headers={
            "Origin": "https://news.example",
            "Access-Control-Request-Method": "GET",
            "Access-Control-Request-Headers": "If-None-Match",
        },
    )
    assert preflight.status_code == 200
    assert "GET" in preflight.headers["access-control-allow-methods"]
    assert "if-none-match" in preflight.headers["access-control-allow-headers"].lower()
    assert int(preflight.headers["access-control-max-age"]) > 0
    write = client.options(
        "/events",
        headers={"Origin": "https://news.example", "Access-Control-Request-Method": "DELETE"},
    )
    assert write.status_code == 400


def test_only_the_configured_origins_may_read(fresh_seeded_url: str) -> None:
    settings = conftest.settings_for(fresh_seeded_url, cors_origins=["https://news.example"])
    with LiveServer(settings) as live:
        allowed = httpx.get(live.url + "/actors", headers={"Origin": "https://news.example"})
        other = httpx.get(live.url + "/actors", headers={"Origin": "https://evil.example"})
    assert allowed.headers["access-control-allow-origin"] == "https://news.example"
    assert "access-control-allow-origin" not in other.headers


def test_cached_answers_and_304s_carry_cors_and_security_headers_for_their_origin(
    fresh_seeded_url: str,
) -> None:
    """The response cache sits outside CORS: its copies are kept per Origin, and its 304s
    pass through CORS and the security headers too."""
    settings = conftest.settings_for(fresh_seeded_url, cors_origins=["https://news.example"])
    news, evil = {"Origin": "https://news.example"}, {"Origin": "https://evil.example"}
    with LiveServer(settings) as live, httpx.Client(base_url=live.url, timeout=30) as client:
        answers = {
            name: [client.get("/events?actor=kim", headers=origin) for _ in range(2)]
            for name, origin in (("news", news), ("evil", evil), ("none", {}))
        }
        tag = answers["news"][0].headers["etag"]
        not_modified = {
            name: client.get("/events?actor=kim", headers={**origin, "If-None-Match": tag})
            for name, origin in (("news", news), ("evil", evil))
        }
    for name, (first, cached) in answers.items():
        assert first.status_code == cached.status_code == 200
        assert {**first.headers, "date": ""} == {**cached.headers, "date": ""}, name
        assert cached.headers["vary"] == "Accept, Accept-Encoding, Accept-Language, Origin"
        assert cached.headers["x-content-type-options"] == "nosniff"
    assert answers["news"][1].headers["access-control-allow-origin"] == "https://news.example"
    assert "access-control-allow-origin" not in answers["evil"][1].headers
    assert "access-control-allow-origin" not in answers["none"][1].headers
    assert answers["evil"][0].headers["etag"] != tag  # another Origin, another answer
    assert not_modified["news"].status_code == 304
    assert not_modified["news"].headers["access-control-allow-origin"] == "https://news.example"
    assert not_modified["news"].headers["x-content-type-options"] == "nosniff"
    assert not_modified["news"].headers["etag"] == tag
    assert not_modified["evil"].status_code == 200  # its own answer has another ETag


def test_the_page_forbids_inline_script_and_sniffing(client: httpx.Client) -> None:
    page = client.get("/")
    assert page.status_code == 200 and page.headers["content-type"].startswith("text/html")
    policy = page.headers["content-security-policy"]
    assert "script-src 'self'" in policy and "style-src 'self'" in policy
    assert "unsafe-inline" not in policy
    assert page.headers["x-content-type-options"] == "nosniff"
    assert page.headers["referrer-policy"] == "no-referrer"
    assert "<script>" not in page.text and " on" + "click=" not in page.text
    for asset in ("/static/app.js", "/static/style.css", "/static/icon.svg"):
        assert client.get(asset).status_code == 200
    assert "http://" not in client.get("/static/app.js").text


def test_head_answers_the_get_headers_without_a_body(client: httpx.Client) -> None:
    for path in ("/events?actor=kim", "/events/singapore-summit-2018", "/health", "/"):
        get = client.get(path)
        head = client.head(path)
        assert head.status_code == get.status_code == 200, path
        assert head.content == b""
        assert head.headers["content-type"] == get.headers["content-type"]
        assert head.headers["etag"] == get.headers["etag"], path
    assert client.head("/events/no-such-event").status_code == 404

"""Property tests: dates, actor names and cursors never fail in an unplanned way."""

import base64
import datetime
import json
from urllib.parse import parse_qs, parse_qsl, urlencode, urlparse, urlsplit

import httpx
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlmodel import Session, select
from starlette.requests import Request

from app import pagination
from app.actors import ACTORS, Unresolved, normalize, resolve
from app.api.responses import with_cursor
from app.dates import DateInterval, DateParseError, find_dates, parse_date
from app.db import get_engine
from app.models import ActorAlias
from app.queries import EventFilters

BASES = st.one_of(st.none(), st.dates(datetime.date(1901, 3, 1), datetime.date(2098, 10, 1)))
LANGUAGES = st.sampled_from([None, "de", "en", "fr", ""])
TEXTS = st.one_of(
    st.text(max_size=200),
    st.lists(
        st.sampled_from(["12.", "Juni", "June", "2018", "Anfang", "late", "bis", "-", " ", "vom"]),
        max_size=12,
    ).map(" ".join),
)
SLOW = settings(max_examples=150, deadline=None, suppress_health_check=list(HealthCheck))


@SLOW
@given(text=TEXTS, base=BASES, language=LANGUAGES)
def test_find_dates_gives_mentions_at_their_offsets(
    text: str, base: datetime.date | None, language: str | None
) -> None:
    for mention in find_dates(text, base=base, language=language):
        assert text[mention.start : mention.end] == mention.text
        assert mention.interval.start <= mention.interval.end


@SLOW
@given(text=TEXTS, base=BASES, languages=st.sampled_from([("en", "de"), ("de",), ("en",)]))
def test_parse_date_gives_an_interval_or_a_clean_error(
    text: str, base: datetime.date | None, languages: tuple[str, ...]
) -> None:
    try:
        interval = parse_date(text, base=base, languages=languages)
    except DateParseError:
        return
    assert isinstance(interval, DateInterval) and interval.start <= interval.end


@given(st.text())
def test_normalize_is_idempotent(name: str) -> None:
    assert normalize(normalize(name)) == normalize(name)


def test_any_name_resolves_to_an_id_or_unresolved_and_every_alias_to_its_actor(
    seeded_url: str,
) -> None:
    with Session(get_engine(seeded_url)) as session:
        aliases = session.exec(select(ActorAlias.alias, ActorAlias.actor_id)).all()
        assert len(aliases) > 40
        for alias, actor_id in aliases:
            assert resolve(session.connection(), ACTORS, alias) == actor_id

        @settings(max_examples=100, deadline=None, suppress_health_check=list(HealthCheck))
        @given(st.text(max_size=60))
        def any_name(name: str) -> None:
            try:
                assert resolve(session.connection(), ACTORS, name) in {a for _, a in aliases}
            except Unresolved as unresolved:
                assert all(s in {a for _, a in aliases} for s in unresolved.suggestions)

        any_name()


def _cursor_of(client: httpx.Client, **params: str) -> str:
    next_url = str(client.get("/events", params={"limit": "2", **params}).json()["next"])
    return parse_qs(urlparse(next_url).query)["cursor"][0]


def test_tampered_and_foreign_cursors_are_refused(client: httpx.Client) -> None:
    real = _cursor_of(client, actor="kim")
    first_page = client.get("/events", params={"limit": 2}).json()["items"]
    kim_fingerprint = EventFilters(actors=("kim-jong-un",)).fingerprint("date")
    plain_fingerprint = EventFilters().fingerprint("date")
    hostile_keys = [
        ["2018-06-12", 2**70, "x"],
        ["2018-06-12", -(2**70), "x"],
        ["2018-06-12", True, "x"],
        ["2018-06-12", 0, "a\x00b"],
        ["99999-01-01", 0, "x"],
        ["2018-06-12", 0],
        [None, None, None],
        [{"a": 1}, [], 1.5],
        "not a list",
    ]
    forged = [
        base64.urlsafe_b64encode(json.dumps({"k": key, "f": fingerprint}).encode()).decode()
        for key in hostile_keys
        for fingerprint in (plain_fingerprint, kim_fingerprint)
    ]

    @settings(max_examples=60, deadline=None, suppress_health_check=list(HealthCheck))
    # Any character a client can send: lone surrogates cannot be encoded in a URL at all.
    @given(
        position=st.integers(0, len(real) - 1),
        replacement=st.characters(exclude_categories=["Cs"]),
    )
    def flipped(position: int, replacement: str) -> None:
        cursor = real[:position] + replacement + real[position + 1 :]
        response = client.get("/events", params={"limit": 2, "cursor": cursor})
        assert response.status_code in (200, 400, 422), response.text
        if response.status_code == 200:  # only a no-op change of the token may be accepted
            assert cursor.rstrip("=") == real or response.json()["items"] != first_page

    flipped()
    for cursor in forged:
        response = client.get("/events", params={"limit": 2, "cursor": cursor})
        assert response.status_code in (400, 422), (cursor, response.text)
    # a valid cursor of one query is refused by another
    response = client.get("/events", params={"limit": 2, "cursor": real, "actor": "trump"})
    assert response.status_code == 400
    assert pagination.decode(real, kim_fingerprint)


QUERY_PARTS = st.text(st.characters(exclude_categories=["Cs"]), max_size=12)
# What a request line can carry unescaped: no spaces, no controls, no fragment.
RAW_QUERY_PARTS = st.text(
    st.characters(exclude_categories=["Cs", "Cc", "Zs", "Zl", "Zp"], exclude_characters="#"),
    max_size=12,
)
CURSOR_OR_ANY = st.one_of(st.just("cursor"), QUERY_PARTS)


@SLOW
@given(
    pairs=st.lists(st.tuples(CURSOR_OR_ANY, QUERY_PARTS), max_size=6),
    raw_pairs=st.lists(st.tuples(st.one_of(st.just("cursor"), RAW_QUERY_PARTS), RAW_QUERY_PARTS)),
)
def test_next_links_mean_what_starlette_would_link(
    pairs: list[tuple[str, str]], raw_pairs: list[tuple[str, str]]
) -> None:
    """with_cursor keeps the parameters as sent; parsed, its link is Starlette's own."""
    careless = "&".join(f"{name}={value}" for name, value in raw_pairs)
    for query in (urlencode(pairs), careless):
        request = Request(
            {
                "type": "http",
                "method": "GET",
                "scheme": "http",
                "path": "/events",
                "query_string": query.encode(),
                "root_path": "",
                "headers": [(b"host", b"timeline.example:8000")],
            }
        )
        ours = urlsplit(with_cursor(request, "eyJrIjpbXX0"))
        starlette = urlsplit(str(request.url.include_query_params(cursor="eyJrIjpbXX0")))
        assert ours._replace(query="") == starlette._replace(query="")
        assert parse_qsl(ours.query, keep_blank_values=True) == parse_qsl(
            starlette.query, keep_blank_values=True
        )
        assert not set(ours.query) & set(' "<>\\^`{|}')  # fits a Link header's <...>

"""Proposals from event sentences and links that do not hide events, on both engines:
articles written for these tests (a German chronology with a byline, a credit, headings
and a stamp; an English wire story with a dateline) ingested through the code path of
POST /articles into the seeded database."""

import datetime
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from sqlmodel import Session, col, select

from app import views
from app.dates import DateInterval
from app.db import get_engine, session_scope
from app.ingest import proposals
from app.ingest.service import ArticleCreate, ingest
from app.models import Event, EventActor, Source
from app.services import events
from app.services.events import ActorRole, EventSpec
from tests.api.test_documents import stale_actor_copies, stale_documents, stale_tallies
from tests.perf.conftest import statements_on

DATA = Path(__file__).resolve().parent.parent / "data" / "articles"
CHRONICLE = (DATA / "de_chronik_raketen_2017.txt").read_text(encoding="utf-8")

WIRE = (DATA / "en_wire_hydrogen_bomb_2017.txt").read_text(encoding="utf-8")

ENVOYS = (DATA / "en_envoys_pyongyang_2018.txt").read_text(encoding="utf-8")

SITE = (DATA / "de_testgelaende_2018.txt").read_text(encoding="utf-8")

Json = dict[str, Any]
BOILERPLATE = ("Von Jana Berger", "Foto: Archiv", "Aktualisiert am", "By Peter Hall", "Photo: Wire")


@pytest.fixture
def session(fresh_seeded_url: str) -> Iterator[Session]:
    with session_scope(get_engine(fresh_seeded_url)) as session:
        yield session


def ingested(session: Session, text: str, published: str) -> Json:
    found, created = ingest(session, ArticleCreate(text=text, published=published), max_chars=10**6)
    assert created
    session.commit()
    return found


def links(session: Session, found: Json) -> list[Json]:
    return views.article_links(session.connection(), found["article"]["id"])


def linked_ids(session: Session, text: str, published: str, language: str) -> set[str]:
    """The events the article links (not proposes), ingested in the language."""
    body = ArticleCreate(text=text, published=published, language=language)
    found, _ = ingest(session, body, max_chars=10**6)
    session.commit()
    return {link["event_id"] for link in found["events"] if link["status"] == "linked"}


def test_no_proposal_from_datelines_bylines_credits_stamps_or_headings(session: Session) -> None:
    for text, published in ((CHRONICLE, "5. September 2017"), (WIRE, "4 September 2017")):
        found = ingested(session, text, published)
        quotes = [link["quote"] for link in links(session, found)]
        assert quotes
        for quote in quotes:
            assert not any(line in quote for line in BOILERPLATE), quote
            assert not quote.startswith(("SEOUL", "4. Juli", "3. September 2017\n")), quote
            assert "\n" not in quote  # a heading is never part of the sentence it dates


@pytest.mark.parametrize(
    ("text", "published"),
    [
        (
            "Kim's uranium tour\n\nSeptember 14, 2024\n\nSEOUL — The photographs were meant "
            "to be seen. On Friday, state media showed Kim Jong Un at a uranium enrichment site.",
            "2024-09-14",
        ),
        (
            "Kims Urantour\n\n14. September 2024\n\nDie Bilder sollten gesehen werden. Am "
            "Freitag zeigten die Staatsmedien Kim Jong Un in einer Anlage zur Urananreicherung.",
            "2024-09-14",
        ),
    ],
)
def test_a_line_of_the_publication_date_above_the_story_is_no_heading(
    session: Session, text: str, published: str
) -> None:
    found = ingested(session, text, published)
    quotes = [link["quote"] for link in links(session, found)]
    assert quotes and all(quote.startswith(("On Friday", "Am Freitag")) for quote in quotes)


def test_a_heading_dates_the_paragraph_that_follows_it(session: Session) -> None:
    found = ingested(session, CHRONICLE, "5. September 2017")
    [test] = [
        link for link in links(session, found) if link["quote"].startswith("Nordkorea zündet")
    ]
    assert test["quote"] == (
        "Nordkorea zündet seinen sechsten Atomtest, wie der US-Sender CNN unter Berufung auf "
        "Geheimdienste meldet."
    )
    assert test["stated_date"]["start"] == test["stated_date"]["end"] == "2017-09-03"
    day = DateInterval(datetime.date(2017, 9, 3), datetime.date(2017, 9, 3), "day")
    assert test["score"] == proposals.date_score(day, inferred=False, heading=True)
    assert test["event_status"] == "proposed"
    event = session.get(Event, test["event_id"])
    assert event is not None
    assert event.kind == "weapons-test"
    assert event.title_de is not None  # in the article's language
    assert event.title_de.startswith("Nordkorea zündet seinen sechsten Atomtest")
    assert test["quote"].startswith(event.title_de.rstrip("…"))
    actors = session.exec(select(EventActor.actor_id).where(EventActor.event_id == event.id))
    assert set(actors) == {"north-korea"}  # not the United States of "US-Sender CNN"


def test_one_proposal_for_one_event_reported_by_two_articles(session: Session) -> None:
    german = ingested(session, CHRONICLE, "5. September 2017")
    english = ingested(session, WIRE, "4 September 2017")
    [first] = [x for x in links(session, german) if x["quote"].startswith("Nordkorea zündet")]
    [second] = [x for x in links(session, english) if "sixth nuclear test" in x["quote"]]
    assert second["event_id"] == first["event_id"]
    assert second["stated_date"]["start"] == "2017-09-03"
    cited = session.exec(select(Source.quote).where(Source.event_id == first["event_id"])).all()
    assert sorted(cited) == sorted([first["quote"], second["quote"]])
    day = DateInterval(datetime.date(2017, 9, 3), datetime.date(2017, 9, 3), "day")
    assert second["score"] == proposals.date_score(day, inferred=False, heading=False)
    proposed = session.exec(
        select(Event.id).where(Event.status == "proposed", Event.date_start == day.start)
    ).all()
    assert proposed == [first["event_id"]]
    # a statement the next day is another event, proposed on its own
    [reaction] = [x for x in links(session, english) if "absurd provocation" in x["quote"]]
    assert reaction["event_status"] == "proposed" and reaction["event_id"] != first["event_id"]
    again, created = ingest(session, ArticleCreate(text=WIRE), max_chars=10**6)
    assert not created and again == english


@pytest.fixture
def policy(session: Session) -> str:
    """A published policy lasting more than a year, with the envoys' actors."""
    events.put(
        session,
        EventSpec(
            id="maximum-pressure-policy-test",
            title="Maximum pressure policy against North Korea",
            kind="policy",
            date=DateInterval(datetime.date(2017, 2, 1), datetime.date(2018, 6, 12), "day"),
            actors=[
                ActorRole(actor_id="kim-jong-un", role="target"),
                ActorRole(actor_id="south-korea", role="participant"),
                ActorRole(actor_id="donald-trump", role="initiator"),
            ],
            place_id="pyongyang",
        ),
    )
    session.commit()
    return "maximum-pressure-policy-test"


def test_a_dated_new_event_is_not_hidden_by_a_period_around_it(
    session: Session, policy: str
) -> None:
    found = ingested(session, ENVOYS, "7 March 2018")
    by_quote: dict[str, list[Json]] = {}
    for link in links(session, found):
        by_quote.setdefault(link["quote"][:30], []).append(link)
    [met] = by_quote["On March 5, 2018, South Korean"]
    assert met["event_status"] == "proposed"  # shared actors and place alone: no link
    said = by_quote["On March 6, 2018, in Pyongyang"]
    assert {x["event_id"] for x in said if x["event_status"] == "published"} == {policy}
    assert [x["event_status"] for x in said].count("proposed") == 1  # and proposed, too


def test_a_reported_day_links_and_a_passage_links_two_events(session: Session) -> None:
    events.put(
        session,
        EventSpec(
            id="test-site-abandoned-2018",
            title="Nordkorea gibt das Atomtestgelände Punggye-ri auf",
            kind="statement",
            date=DateInterval(datetime.date(2018, 1, 15), datetime.date(2018, 1, 15), "day"),
            actors=[ActorRole(actor_id="north-korea", role="initiator")],
            place_id="punggye-ri",
        ),
    )
    session.commit()
    found = ingested(session, SITE, "1. März 2019")
    reported = [x for x in links(session, found) if x["quote"].startswith("Staatsmedien")]
    assert [x["event_id"] for x in reported] == ["test-site-abandoned-2018"]
    assert reported[0]["stated_date"]["start"] == "2018-01-16"
    summits = [
        x for x in links(session, found) if "Singapur" in x["quote"] or "Hanoi" in x["quote"]
    ]
    assert len({x["passage_id"] for x in summits}) == 1
    assert {x["event_id"] for x in summits} == {"singapore-summit-2018", "hanoi-summit-2019"}
    live = session.exec(
        select(Event.id).where(col(Event.id).in_(["singapore-summit-2018", "hanoi-summit-2019"]))
    ).all()
    assert len(live) == 2


MONTH_FIRST = (
    "Nordkorea hat im Januar 2016 nach eigenen Angaben erstmals eine Wasserstoffbombe "
    "gezündet. Die Regierung in Seoul sprach von einer schweren Provokation.\n"
)
DAY_LATER = (
    "On January 6, 2016, North Korea said it had tested a hydrogen bomb at its Punggye-ri "
    "site. Experts doubted the claim.\n"
)


def test_a_more_precise_report_dates_the_proposal_it_joins(
    session: Session, fresh_seeded_url: str
) -> None:
    """'im Januar 2016' and 'January 6, 2016' in two articles: one proposal, two sources,
    dated the day, shown as the day; its actor links' copies of its date, the actors'
    facet counts and its document follow."""
    german = ingested(session, MONTH_FIRST, "20. Januar 2016")
    english = ingested(session, DAY_LATER, "8 January 2016")
    [month] = [x for x in links(session, german) if x["event_status"] == "proposed"]
    [day] = [x for x in links(session, english) if x["event_status"] == "proposed"]
    assert day["event_id"] == month["event_id"]
    event = session.get(Event, month["event_id"])
    assert event is not None
    assert (event.date_start, event.date_end, event.date_precision) == (
        datetime.date(2016, 1, 6),
        datetime.date(2016, 1, 6),
        "day",
    )
    assert event.kind == "weapons-test"
    assert event.date_display == "6 January 2016"
    cited = session.exec(select(Source.quote).where(Source.event_id == event.id)).all()
    assert sorted(cited) == sorted([month["quote"], day["quote"]])
    assert stale_actor_copies(fresh_seeded_url) == []
    assert stale_tallies(fresh_seeded_url) == {}
    assert stale_documents(fresh_seeded_url) == []
    assert month["stated_date"]["precision"] == "month"  # each link keeps its own date


FACTORY = (
    "Am 14. März 2011 eröffnete Nordkorea in der Hafenstadt Wonsan eine neue Fischfabrik, "
    "berichtete die Zeitung {paper}.\n"
)
REWRITE = re.compile(r"(?:DELETE FROM|UPDATE) (?:source|event_actor|event_tag)\b")
PAPERS = ("Abendpost", "Morgenblatt", "Tagesbote", "Wochenecho", "Landkurier", "Nordpresse")


def test_a_further_report_adds_its_source_and_rewrites_none(
    session: Session, fresh_seeded_url: str
) -> None:
    """One event reported by one article after another: each report adds its source, the
    earlier sources keep their rows (and ids), the event's actors, tags and sources are not
    written again, and citing the sixth costs an ingest as many SQL statements as citing
    the second."""
    costs: list[int] = []
    event_ids: set[str] = set()
    before: dict[str, int | None] = {}
    for n, paper in enumerate(PAPERS):
        with statements_on(fresh_seeded_url) as statements:
            found = ingested(session, FACTORY.format(paper=paper), "20. März 2011")
            costs.append(len(statements))
        rewrites = [s for s in statements if REWRITE.match(s)]
        assert not rewrites, rewrites
        [link] = links(session, found)
        assert link["event_status"] == "proposed"
        event_ids.add(link["event_id"])
        cited = session.exec(
            select(Source.quote, Source.id).where(Source.event_id == link["event_id"])
        ).all()
        assert len(cited) == n + 1
        now = dict(cited)
        assert {quote: now[quote] for quote in before} == before
        before = now
    assert len(event_ids) == 1
    assert len(set(costs[1:])) == 1, costs


READ_BACK = re.compile(
    r"SELECT\b.*?\bFROM (?:passage|date_mention|actor_mention|place_mention)\b", re.S
)


def test_linking_and_the_answer_read_nothing_the_ingest_wrote(
    session: Session, fresh_seeded_url: str
) -> None:
    """The passages and mentions an ingest stores go to linking and to the answer in
    memory, never read back; the same text again answers them as read back, alike."""
    with statements_on(fresh_seeded_url) as statements:
        found = ingested(session, CHRONICLE, "5. September 2017")
    assert [s for s in statements if READ_BACK.match(s)] == []
    assert found["passages"] and found["date_mentions"] and found["actor_mentions"]
    again, created = ingest(
        session, ArticleCreate(text=CHRONICLE, published="5. September 2017"), max_chars=10**6
    )
    assert not created and again == found


WIRE_REPORTED = (
    "SEOUL, Jan 30 (Reuters) - North Korea fired several cruise missiles off its west coast "
    "on Monday, South Korea's military said on Tuesday. North Korea said in late November it "
    "would no longer abide by the 2018 military agreement after the South suspended part of "
    "it over the North's launch of a spy satellite on Nov. 21."
)


def test_a_wire_story_proposes_the_acts_not_the_reports_nor_a_thing_s_year(
    session: Session,
) -> None:
    ingested(session, WIRE_REPORTED, "2024-01-30")
    dates = {
        (e.date_start.isoformat(), e.date_end.isoformat())
        for e in session.exec(select(Event).where(Event.status == "proposed"))
    }
    assert dates == {
        ("2024-01-29", "2024-01-29"),  # Monday, not the Tuesday it was reported
        ("2023-11-21", "2023-11-30"),  # what was said in late November
        ("2023-11-21", "2023-11-21"),  # and the launch it was said over, a clause of its own
    }  # and no proposal dated 2018


SINCE_DE = (
    "Seoul – Die Spannungen an der innerkoreanischen Grenze nehmen zu. "
    "Seit dem 2. Juni hat Nordkorea Tausende Ballons mit Müll über die Grenze geschickt. "
    "Seit Oktober herrscht zwischen beiden Regierungen Funkstille. "
    "Seit 2006 hat das Land sechs Atomtests unternommen."
)
SINCE_EN = (
    "SEOUL – Tensions along the border keep rising. "
    "Since late May, North Korea has floated thousands of balloons carrying trash into "
    "the South. Since March, relations with Seoul have been frozen."
)


@pytest.mark.parametrize(
    ("text", "start"),
    [(SINCE_DE, datetime.date(2024, 6, 2)), (SINCE_EN, datetime.date(2024, 5, 21))],
)
def test_an_act_going_on_since_a_day_or_month_is_proposed_at_its_start(
    session: Session, text: str, start: datetime.date
) -> None:
    """The start of an act done since a day or month ("has floated", "hat ... geschickt")
    is an event; a state since then ("herrscht Funkstille", "have been frozen") and a span
    since a year ("Seit 2006") are none."""
    ingested(session, text, "2024-06-20")
    proposed = session.exec(select(Event).where(Event.status == "proposed")).all()
    assert [e.date_start for e in proposed] == [start]
    assert "ballo" in (proposed[0].title_de or proposed[0].title).lower()


SATELLITE_DE = (
    "Nordkorea hat am Dienstagabend nach eigenen Angaben erstmals einen "
    "Aufklärungssatelliten in eine Umlaufbahn gebracht. Auf Aufnahmen vom Mittwoch war die "
    "Startrampe in Sohae leer.\n"
)
SATELLITE_EN = (
    "Last year North Korea put its first military spy satellite into orbit in November, "
    "and it has promised three more launches this year.\n"
)


def test_a_coarser_report_in_another_language_is_a_source_of_the_proposal(
    session: Session,
) -> None:
    """A satellite put into orbit on a Tuesday evening, reported in German, and "in
    November" of the year before in an English article weeks later: one proposal, dated
    the day, citing both; the date of pictures ("Aufnahmen vom Mittwoch") proposes
    nothing."""
    german = ingested(session, SATELLITE_DE, "23. November 2023")
    english = ingested(session, SATELLITE_EN, "15 January 2024")
    [day] = [x for x in links(session, german) if x["event_status"] == "proposed"]
    assert day["quote"].startswith("Nordkorea hat am Dienstagabend")
    [month] = [x for x in links(session, english) if x["event_status"] == "proposed"]
    assert month["event_id"] == day["event_id"]
    assert month["stated_date"]["precision"] == "month"
    event = session.get(Event, day["event_id"])
    assert event is not None
    assert (event.date_start, event.date_precision, event.kind) == (
        datetime.date(2023, 11, 21),
        "day",
        "weapons-test",
    )
    cited = session.exec(select(Source.quote).where(Source.event_id == event.id)).all()
    assert sorted(cited) == sorted([day["quote"], month["quote"]])


COLONIAL = (
    "{lead} Koreans forced to work for Japanese firms during Japan's 1910-45 colonial rule {rest}\n"
)


def test_a_period_told_again_is_a_source_of_its_proposal(session: Session) -> None:
    """A period longer than a year told alike by a second article, stored after the first
    was: one proposal of 1910-1945 citing both."""
    first = ingested(
        session,
        COLONIAL.format(lead="Seoul's top court ordered Nippon Steel to pay", rest="in October."),
        "22 November 2019",
    )
    second = ingested(
        session,
        COLONIAL.format(lead="Tokyo and Seoul quarrelled for years over", rest="and trade."),
        "18 August 2023",
    )
    [period] = [
        x
        for x in links(session, first)
        if x["event_status"] == "proposed" and x["stated_date"]["start"] == "1910-01-01"
    ]
    [again] = [x for x in links(session, second) if x["event_status"] == "proposed"]
    assert again["event_id"] == period["event_id"]
    cited = session.exec(select(Source.quote).where(Source.event_id == period["event_id"])).all()
    assert len(cited) == 2


@pytest.mark.parametrize(
    ("text", "language"),
    [
        (
            "Chronik. Februar 2022: Russland beginnt mit dem Überfall auf die Ukraine. "
            "13. September 2023: Kim trifft Putin auf dem Weltraumbahnhof Wostotschny.",
            "de",
        ),
        (
            "Timeline. Feb. 24, 2022: Russia invades Ukraine. "
            "Sept. 13, 2023: Kim meets Putin at the Vostochny Cosmodrome.",
            "en",
        ),
    ],
)
def test_the_start_of_a_period_links_and_an_act_that_began_a_trend_is_proposed(
    session: Session, text: str, language: str
) -> None:
    """The invasion is the first day of the war (its summary says so): linked, not proposed
    again; the summit that began the rapprochement of Russia and North Korea (a trend of no
    kind) is proposed as the act it is."""
    linked = linked_ids(session, text, "2024-06-20", language)
    assert "russia-ukraine-war-2022" in linked
    proposed = session.exec(select(Event).where(Event.status == "proposed")).all()
    assert [e.date_start for e in proposed] == [datetime.date(2023, 9, 13)]


@pytest.mark.parametrize(
    ("text", "language"),
    [
        (
            "Im Sommer 2019 feuerte Nordkorea mehr als ein Dutzend Kurzstreckenraketen ab. "
            "Am 25. Juli 2019 testete Nordkorea zwei Kurzstreckenraketen.",
            "de",
        ),
        (
            "Over the summer of 2019 North Korea fired more than a dozen short-range missiles. "
            "On July 25, 2019 North Korea tested two short-range missiles.",
            "en",
        ),
    ],
)
def test_a_season_of_a_series_is_the_series_a_day_in_it_an_event(
    session: Session, text: str, language: str
) -> None:
    """The summer's launches are the short-range tests of May-November 2019 (linked, not
    proposed); the launch of 25 July is one of its own (proposed)."""
    body = ArticleCreate(text=text, published="2020-01-02", language=language)
    found, _ = ingest(session, body, max_chars=10**6)
    session.commit()
    linked = [link["event_id"] for link in found["events"] if link["status"] == "linked"]
    assert "short-range-missile-tests-2019" in linked
    proposed = session.exec(select(Event).where(Event.status == "proposed")).all()
    assert [e.date_start for e in proposed] == [datetime.date(2019, 7, 25)]


PICTURES = {
    "de": (
        "Nordkorea hat am Dienstag das Verbindungsbüro in Kaesong gesprengt. Am Mittwoch "
        "kündigte die Armee an, Truppen an die Grenze zu schicken. Das Staatsfernsehen zeigte "
        "am Mittwoch Bilder der Sprengung.\n",
        "17. Juni 2020",
    ),
    "en": (
        "North Korea blew up the liaison office in Kaesong on Tuesday. On Wednesday its army "
        "said troops would return to the border. State television on Wednesday showed "
        "footage of the blast.\n",
        "17 June 2020",
    ),
}


@pytest.mark.parametrize("language", sorted(PICTURES))
def test_the_day_of_pictures_is_no_source_of_that_days_act(session: Session, language: str) -> None:
    """Pictures shown on Wednesday of Tuesday's demolition are no proposal, nor a source
    of Wednesday's other act (the army's announcement)."""
    text, published = PICTURES[language]
    found = ingested(session, text, published)
    proposed = [x for x in links(session, found) if x["event_status"] == "proposed"]
    shown = [x for x in proposed if "footage" in x["quote"] or "Bilder" in x["quote"]]
    assert not shown
    assert {x["stated_date"]["start"] for x in proposed} == {"2020-06-16", "2020-06-17"}
    quotes = session.exec(select(Source.quote)).all()
    assert not [q for q in quotes if "footage" in q or "Bilder der" in q]


@pytest.mark.parametrize(
    ("text", "language"),
    [
        ("Kim hatte die Macht nach dem Tod seines Vaters im Dezember 2011 übernommen.", "de"),
        ("Kim, who inherited power when his father died in December 2011, rules alone.", "en"),
    ],
)
def test_one_date_of_two_named_events_links_both(
    session: Session, text: str, language: str
) -> None:
    """December 2011 holds the death of Kim Jong Il and his son's accession; the sentence
    names both acts: linked to both, proposed as neither."""
    linked = linked_ids(session, text, "2023-07-13", language)
    assert linked == {"kim-jong-il-death-2011", "kim-jong-un-accession-2011"}
    assert not session.exec(select(Event).where(Event.status == "proposed")).all()


@pytest.mark.parametrize(
    ("text", "language"),
    [
        (
            "Auf seiner Asienreise unterzeichnete Trump am 28. Oktober 2025 in Tokio mit "
            "Regierungschefin Sanae Takaichi ein Abkommen über kritische Mineralien.",
            "de",
        ),
        (
            "On his Asia trip, Trump signed an agreement on critical minerals with Prime "
            "Minister Sanae Takaichi in Tokyo on Oct. 28, 2025.",
            "en",
        ),
    ],
)
def test_an_act_during_a_trip_is_proposed_beside_the_trip(
    session: Session, text: str, language: str
) -> None:
    """The sentence names the trip of 24-30 October 2025 (linked) and dates an agreement
    signed on one day of it: an event of its own, proposed (the trip does not hide it)."""
    linked = linked_ids(session, text, "2025-11-02", language)
    assert "trump-asia-trip-2025" in linked
    proposed = session.exec(select(Event).where(Event.status == "proposed")).all()
    signed = [(e.date_start, e.kind) for e in proposed]
    assert signed == [(datetime.date(2025, 10, 28), "agreement")]


@pytest.mark.parametrize(
    ("text", "language", "event_id"),
    [
        (
            "Takaichi gilt als Ziehtochter von Shinzo Abe, der im Juli 2022 bei einer "
            "Wahlkampfrede in Nara erschossen worden war.",
            "de",
            "shinzo-abe-assassinated-2022",
        ),
        (
            "Kims Schwester Kim Yo Jong hatte Ende Juli 2025 alle Angebote aus Seoul "
            "zurückgewiesen.",
            "de",
            "kim-yo-jong-rejects-talks-2025",
        ),
    ],
)
def test_an_act_in_other_words_in_a_relative_clause_links(
    session: Session, text: str, language: str, event_id: str
) -> None:
    """Killed by a shot ("erschossen") is the title's "ermordet"; "zurückgewiesen" the
    rejection of "lehnt ... ab": linked, not proposed again."""
    linked = linked_ids(session, text, "2025-11-02", language)
    assert linked == {event_id}
    assert not session.exec(select(Event).where(Event.status == "proposed")).all()


@pytest.mark.parametrize(
    ("text", "language"),
    [
        (
            "It was Kim's first trip to China since 2019 and his first appearance at a "
            "multilateral event since taking power in 2011.",
            "en",
        ),
        (
            "Es war Kims erste Reise nach China seit 2019 und sein erster Auftritt bei einem "
            "Gipfel seit seiner Machtübernahme 2011.",
            "de",
        ),
    ],
)
def test_first_since_a_year_and_first_since_an_act_in_one_sentence(
    session: Session, text: str, language: str
) -> None:
    """ "first ... since 2019" points at that year's last trip (proposed); the second
    half's "since taking power in 2011" names the accession: linked, not proposed."""
    assert linked_ids(session, text, "2025-09-03", language) == {"kim-jong-un-accession-2011"}
    proposed = session.exec(select(Event).where(Event.status == "proposed")).all()
    assert [(e.date_start.year, e.date_precision) for e in proposed] == [(2019, "year")]


@pytest.mark.parametrize(
    ("text", "language"),
    [
        (
            "Trump und Kim hatten sich dreimal getroffen: in Singapur (Juni 2018), in Hanoi "
            "(Februar 2019) und in Panmunjom (Juni 2019).",
            "de",
        ),
        (
            "Trump and Kim met three times: in Singapore (June 2018), in Hanoi (February 2019) "
            "and at Panmunjom (June 2019).",
            "en",
        ),
    ],
)
def test_each_date_of_a_list_tells_the_act_of_its_sentence(
    session: Session, text: str, language: str
) -> None:
    """ "und in Panmunjom (Juni 2019)", a clause of a name and a date, tells the meeting its
    sentence names: all three meetings linked, none proposed."""
    linked = linked_ids(session, text, "2025-10-29", language)
    assert linked == {"singapore-summit-2018", "hanoi-summit-2019", "panmunjom-meeting-2019"}
    assert not session.exec(select(Event).where(Event.status == "proposed")).all()


@pytest.mark.parametrize(
    ("text", "language"),
    [
        ("Trump hatte vor der Reise gesagt, er wolle Kim noch in diesem Jahr wiedersehen.", "de"),
        ("Trump has said he wants to meet Kim Jong Un again this year.", "en"),
    ],
)
def test_a_wish_of_this_year_links_the_statement_of_it(
    session: Session, text: str, language: str
) -> None:
    """Trump's wish to meet Kim this year is his curated statement of August-October 2025:
    linked; the meeting it wishes is no event yet."""
    linked = linked_ids(session, text, "2025-10-29", language)
    assert linked == {"trump-looks-forward-to-meeting-kim-2025"}
    assert not session.exec(select(Event).where(Event.status == "proposed")).all()


@pytest.mark.parametrize(
    ("text", "language"),
    [
        (
            "The meeting was arranged in little more than a day: Trump floated it in a tweet "
            "on June 29, 2019.",
            "en",
        ),
        (
            "Das Treffen war binnen eines Tages vereinbart: Trump hatte es am 29. Juni 2019 "
            "in einem Tweet angeregt.",
            "de",
        ),
    ],
)
def test_the_act_after_a_colon_is_the_dates_not_the_one_before(
    session: Session, text: str, language: str
) -> None:
    """The tweet after the colon is dated, not the meeting of the next day before it: the
    meeting is not linked, the tweet is proposed."""
    assert "panmunjom-meeting-2019" not in linked_ids(session, text, "2019-07-01", language)
    proposed = session.exec(select(Event).where(Event.status == "proposed")).all()
    assert [e.date_start for e in proposed] == [datetime.date(2019, 6, 29)]


def test_of_two_events_scored_alike_the_one_the_clause_names_links_first(
    session: Session,
) -> None:
    """December 2011 scores the death and the accession alike; the clause's words name the
    accession ("inherited power") more: it links, and the death beside it; the arrival of
    Tuesday is the only proposal."""
    text = (
        "Kim, who inherited power when his father Kim Jong Il died in December 2011, arrived "
        "by armored train on Tuesday."
    )
    linked = linked_ids(session, text, "2025-09-03", "en")
    assert linked == {"kim-jong-un-accession-2011", "kim-jong-il-death-2011"}
    proposed = session.exec(select(Event).where(Event.status == "proposed")).all()
    assert [e.date_start for e in proposed] == [datetime.date(2025, 9, 2)]

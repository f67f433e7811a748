"""Patterns of news text that ingestion read wrong on articles nobody here had seen, each
in sentences written for these tests in both languages, ingested through the code path of
POST /articles into the seeded database (both engines): the date of a flashback, a plan, a
sentence with a date and no act, a live blog's entries, an announcement of a plan, an
absence and a report of an earlier act."""

import datetime
from collections.abc import Iterator

import pytest
from sqlmodel import Session, select

from app import views
from app.db import get_engine, session_scope
from app.ingest.service import ArticleCreate, ingest
from app.models import Article, Event, Source

Dates = set[tuple[str, str]]


@pytest.fixture
def session(fresh_seeded_url: str) -> Iterator[Session]:
    with session_scope(get_engine(fresh_seeded_url)) as session:
        yield session


def proposed(session: Session, text: str, published: str, title: str | None = None) -> Dates:
    """The dates (start, end) of the events proposed from the article."""
    found, created = ingest(
        session, ArticleCreate(text=text, published=published, title=title), max_chars=10**6
    )
    assert created
    session.commit()
    events = session.exec(select(Event).where(Event.status == "proposed")).all()
    return {(e.date_start.isoformat(), e.date_end.isoformat()) for e in events}


def linked(session: Session) -> set[str]:
    """The published events some passage of the stored articles links to."""
    articles = session.exec(select(Article.id)).all()
    return {
        link["event_id"]
        for article in articles
        for link in views.article_links(session.connection(), article)
        if link["event_status"] == "published"
    }


def day(iso: str) -> tuple[str, str]:
    return (iso, iso)


@pytest.mark.parametrize(
    ("text", "published", "dates"),
    [
        (
            "SEOUL, July 13 (Reuters) - North Korea tested a new missile on Wednesday. The "
            "North fired its first ICBM on July 4, 2017. In November of the same year it "
            "tested the larger Hwasong-15.",
            "2023-07-13",
            {day("2023-07-12"), ("2017-11-01", "2017-11-30")},
        ),
        (
            "Seoul (dpa) - Nordkoreas Raumfahrt hat eine Geschichte von Fehlschlägen. Im April "
            "2012 zerbrach eine Unha-3-Rakete kurz nach dem Start. Im Dezember desselben "
            "Jahres brachte Pjöngjang erstmals einen Satelliten in eine Umlaufbahn.",
            "2024-05-28",
            {("2012-04-01", "2012-04-30"), ("2012-12-01", "2012-12-31")},
        ),
    ],
)
def test_a_flashback_s_same_year_is_the_year_of_the_date_before(
    session: Session, text: str, published: str, dates: Dates
) -> None:
    assert proposed(session, text, published) >= dates
    assert not any(start.startswith(("2022-11", "2023-12", "2024-12")) for start, _ in dates)


@pytest.mark.parametrize(
    ("text", "published"),
    [
        (
            "North Korea fired a ballistic missile on Tuesday. The U.N. Security Council was "
            "due to meet on Wednesday to discuss the launch. Japan is expected to raise it "
            "with Seoul on Friday.",
            "2022-10-05",
        ),
        (
            "Nordkorea hat am Dienstag eine Rakete abgefeuert. Der UN-Sicherheitsrat soll am "
            "Montag zusammentreten. Die Regierung in Tokio will sich kommende Woche mit dem "
            "Fall befassen.",
            "2022-10-05",
        ),
    ],
)
def test_a_plan_reported_in_the_past_or_ahead_is_no_event(
    session: Session, text: str, published: str
) -> None:
    assert proposed(session, text, published) == {day("2022-10-04")}


@pytest.mark.parametrize(
    ("text", "language"),
    [
        (
            "Kim Yo Jong, the leader's sister, threatened on Monday that such planes could be "
            "shot down.",
            "en",
        ),
        ("Kim Yo Jong drohte am Montag, solche Flugzeuge könnten abgeschossen werden.", "de"),
    ],
)
def test_what_was_threatened_of_the_future_is_said_on_its_day(
    session: Session, text: str, language: str
) -> None:
    """A modal verb in what was said ("could be shot down") makes no plan of the saying."""
    assert language in ("de", "en")
    assert proposed(session, text, "2023-07-13") == {day("2023-07-10")}


@pytest.mark.parametrize(
    "text",
    [
        "Am 12. Juni 2018 trafen sich Trump und Kim in Singapur. Zwei Wochen später ist der "
        "Ton ein anderer. Heute ist davon wenig geblieben.",
        "Trump and Kim met in Singapore on June 12, 2018. Two weeks later the tone has "
        "changed. Today little of that is left.",
    ],
)
def test_a_relative_date_in_a_sentence_naming_no_act_is_no_event(
    session: Session, text: str
) -> None:
    dates = proposed(session, text, "2018-06-26")
    assert not any(start.startswith("2018-06-2") for start, _ in dates), dates


@pytest.mark.parametrize(
    ("text", "published", "dates"),
    [
        (
            "Spy planes flew over the zone on the weekend of Sept. 11-12, the North said.",
            "2021-12-01",
            {("2021-09-11", "2021-09-12")},
        ),
        (
            "Aufklärungsflugzeuge flogen am Wochenende vom 11. auf den 12. September über die "
            "Zone.",
            "2021-12-01",
            {("2021-09-11", "2021-09-12")},
        ),
    ],
)
def test_the_weekend_of_a_date_is_that_weekend(
    session: Session, text: str, published: str, dates: Dates
) -> None:
    assert proposed(session, text, published) == dates


@pytest.mark.parametrize(
    "text",
    [
        "Machthaber Kim Jong Un hatte noch im Dezember angekündigt, 2024 drei weitere "
        "Spionagesatelliten ins All zu schießen.",
        "In December, Kim announced plans to launch three more spy satellites in 2024.",
        "At a party meeting in December, Kim called for an expansion of the arsenal in 2024.",
    ],
)
def test_an_announcement_is_dated_not_the_year_it_plans_for(session: Session, text: str) -> None:
    assert proposed(session, text, "2024-01-05") == {("2023-12-01", "2023-12-31")}


@pytest.mark.parametrize(
    "text",
    [
        "Pyongyang has not tested a nuclear weapon or an intercontinental ballistic missile "
        "since 2017, when tensions peaked.",
        "North Korea has not tested an intercontinental ballistic missile since 2017.",
        "Seit 2017 hat das Land keine Interkontinentalrakete mehr getestet.",
    ],
)
def test_an_absence_since_a_year_names_no_event_of_that_year(session: Session, text: str) -> None:
    dates = proposed(session, text, "2019-06-30")
    assert not any(start.startswith("2017") for start, _ in dates) or "when" in text
    assert "hwasong-14-icbm-tests-2017" not in linked(session)


@pytest.mark.parametrize(
    ("text", "act"),
    [
        (
            "North Korea said on Wednesday it had test-fired a new missile, a day after South "
            "Korea's military detected a launch off its east coast.",
            "2023-07-11",
        ),
        (
            "Nordkorea teilte am Mittwoch mit, es habe eine neue Rakete getestet, einen Tag "
            "nachdem Südkoreas Militär einen Start erfasst hatte.",
            "2023-07-11",
        ),
        (
            "Nordkorea teilte am Mittwoch mit, es habe am Dienstag eine Rakete getestet.",
            "2023-07-11",
        ),
        # no day of the act: the report's, the latest it can be
        ("North Korea said on Wednesday it had test-fired a new missile.", "2023-07-12"),
    ],
)
def test_a_report_of_an_earlier_act_is_dated_by_the_act(
    session: Session, text: str, act: str
) -> None:
    """Published on Thursday, 13 July 2023: "on Wednesday" is the 12th."""
    assert proposed(session, text, "2023-07-13") == {day(act)}


@pytest.mark.parametrize(
    "text",
    [
        "North Korea said on Wednesday it had test-fired a new missile, a day after South "
        "Korea's military detected a launch off its east coast.",
        "Nordkorea teilte am Mittwoch mit, es habe eine neue Rakete getestet, einen Tag "
        "nachdem Südkoreas Militär einen Start erfasst hatte.",
    ],
)
def test_two_dates_of_a_sentence_on_one_day_are_one_proposal(session: Session, text: str) -> None:
    """The report's day moved back to the launch and "a day after" the detection are one
    day: one act, one proposal citing the sentence once."""
    assert proposed(session, text, "2023-07-13") == {day("2023-07-11")}
    events = session.exec(select(Event).where(Event.status == "proposed")).all()
    assert len(events) == 1
    assert len(session.exec(select(Source).where(Source.event_id == events[0].id)).all()) == 1


BLOG_EN = """Live: Trump meets Kim at the border – as it happened

Last updated: 30 June 2019, 17:20 KST

16:55 – Trump: talks will resume
At a news conference at Osan air base, Trump said both countries would appoint negotiators.

15:46 – The handshake
The two leaders shook hands over the concrete slab that marks the border at Panmunjom.

Background
Trump and Kim first met in Singapore in June 2018.
"""
BLOG_DE = """Liveticker: Trump trifft Kim an der Grenze

Stand: 30.06.2019, 17:20 Uhr

+++ 16:55 Uhr: Trump kündigt Gespräche an +++
Auf einer Pressekonferenz in Osan sagte Trump, beide Länder würden Unterhändler benennen.

+++ 15:46 Uhr: Der Handschlag +++
Trump und Kim gaben sich an der Grenzlinie in Panmunjom die Hand.
"""


@pytest.mark.parametrize("text", [BLOG_EN, BLOG_DE])
def test_a_live_blog_s_entries_happen_on_its_day(session: Session, text: str) -> None:
    """An entry's act of the blog's day (its stamp's, not the publication's) is proposed on
    that day; an entry telling an existing event of that day, by its place, links to it."""
    dates = proposed(session, text, "2019-07-01")
    assert day("2019-06-30") in dates
    assert not any(start == "2019-07-01" for start, _ in dates)
    assert "panmunjom-meeting-2019" in linked(session)
    handshake = session.exec(
        select(Event).where(
            Event.status == "proposed", Event.date_start == datetime.date(2019, 6, 30)
        )
    ).all()
    assert len(handshake) == 1  # the news conference, not the handshake


@pytest.mark.parametrize(
    "text",
    [
        "SEOUL (AP) - North Korea test-fired a new intercontinental ballistic missile on "
        "Thursday that flew higher than any before.",
        "Seoul (dpa) - Nordkorea hat am Donnerstag eine neue Interkontinentalrakete getestet, "
        "die höher flog als jede zuvor.",
    ],
)
def test_a_test_on_the_last_day_of_a_series_of_tests_is_an_event_of_its_own(
    session: Session, text: str
) -> None:
    """The curated series of long-range tests (2017-2024) ends on 31 October 2024; that
    day's test is proposed, and the series linked beside it."""
    assert proposed(session, text, "2024-11-01") == {day("2024-10-31")}
    assert "icbm-tests-2017-2024" in linked(session)


@pytest.mark.parametrize(
    "text",
    [
        "Gestern vereinbarten Yoon und US-Präsident Joe Biden in Washington, dass erstmals "
        "seit Jahrzehnten wieder ein amerikanisches Atom-U-Boot Südkorea anlaufen soll.",
        "On Wednesday Yoon and U.S. President Joe Biden agreed in Washington that an American "
        "nuclear-armed submarine will visit South Korea for the first time in decades.",
    ],
)
def test_what_was_agreed_of_the_future_makes_no_plan_of_the_agreement(
    session: Session, text: str
) -> None:
    assert proposed(session, text, "2023-04-27") == {day("2023-04-26")}


HEADINGS_EN = """How the talks ran aground

Seoul (Reuters) - The two leaders have not met since 2019. Here is what happened.

March 2018 - "Fire and fury" ends
South Korean envoys met Kim Jong Un in Pyongyang.
Days later the White House accepted an invitation to a summit.

2020 | The office
North Korea blew up the joint liaison office in Kaesong.

Read more:
Kim Jong Un visits Russia (13.09.2023)
"""

HEADINGS_DE = """Chronik: Wie die Gespräche scheiterten

Seoul (dpa) - Die beiden Staatschefs haben sich seit 2019 nicht mehr getroffen. Ein Überblick.

März 2018: Gesandte in Pjöngjang
Südkoreanische Gesandte trafen Kim Jong Un in Pjöngjang.
Wenige Tage später nahm das Weiße Haus eine Einladung zu einem Gipfel an.

2020 – Das Büro
Nordkorea sprengte das gemeinsame Verbindungsbüro in Kaesong.

Mehr zum Thema:
Kim Jong Un besucht Russland (13.09.2023)
"""


HEADINGS_PLACE_FIRST = """How the talks ran aground

Seoul (Reuters) - The two leaders have not met since 2019. Here is what happened.

Pyongyang, March 2018
South Korean envoys met Kim Jong Un in Pyongyang.

Kaesong – 2020
North Korea blew up the joint liaison office in Kaesong.

Related:
Kim Jong Un visits Russia (13.09.2023)
"""


@pytest.mark.parametrize("text", [HEADINGS_EN, HEADINGS_DE, HEADINGS_PLACE_FIRST])
def test_a_date_heading_dates_the_paragraph_under_it_and_is_no_event(
    session: Session, text: str
) -> None:
    """ "March 2018 - label", "2020 | label": the paragraph below is on that date, the label
    is no event; a footer's headlines are other articles."""
    dates = proposed(session, text, "2024-01-16")
    cited = {
        (e.date_start.isoformat(), e.date_end.isoformat(), s.quote)
        for e, s in session.exec(
            select(Event, Source).where(Source.event_id == Event.id, Event.status == "proposed")
        ).all()
    }
    quotes = {quote for *_, quote in cited}
    assert ("2018-03-01", "2018-03-31") in dates
    assert ("2020-01-01", "2020-12-31") in dates
    assert any(
        quote.startswith(("South Korean envoys", "Südkoreanische Gesandte")) for quote in quotes
    )
    assert any(quote.startswith(("North Korea blew", "Nordkorea sprengte")) for quote in quotes)
    assert not [q for q in quotes if "2018" in q or "2020" in q or "13.09.2023" in q]
    assert day("2023-09-13") not in dates


@pytest.mark.parametrize(
    "text",
    [
        "Gipfel ohne Folgen\n\nSeoul (dpa) - Kim und Trump trafen sich 2019 zum letzten Mal."
        "\n\n2021 bis 2023\nStillstand.\n",
        "Summits without a sequel\n\nSeoul (AP) - Kim and Trump last met in 2019."
        "\n\n2021 to 2023\nStalemate.\n",
    ],
)
def test_a_fragment_under_a_date_heading_tells_a_state_not_an_event(
    session: Session, text: str
) -> None:
    assert not any(start.startswith("2021") for start, _ in proposed(session, text, "2024-01-16"))


@pytest.mark.parametrize(
    "text",
    [
        "Nach 2016 und 2019 ließ Kim Jong Un die Verfassung im September 2023 erneut ändern.",
        "After 2016 and 2019, Kim Jong Un had the constitution amended again in September 2023.",
    ],
)
def test_years_after_nach_place_the_act_and_do_not_date_it(session: Session, text: str) -> None:
    """ "Nach 2016 und 2019 ... im September 2023": the years are the point the act is told
    from; the act is of September 2023, the one proposal."""
    assert proposed(session, text, "2024-10-17") == {("2023-09-01", "2023-09-30")}

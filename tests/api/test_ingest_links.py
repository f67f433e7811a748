"""Links that do not hide new events, on both engines: short wire stories written for
these tests, ingested through the code path of POST /articles into the seeded database,
each reporting seed events beside new events of the same days and actors."""

from collections.abc import Iterator
from typing import Any

import pytest
from sqlmodel import Session

from app import views
from app.db import get_engine, session_scope
from app.ingest.service import ArticleCreate, ingest

Json = dict[str, Any]

HANDSHAKE = """Trump meets Kim at the border

PANMUNJOM (Wire) - Donald Trump on Sunday shook hands with Kim Jong Un at the border \
village of Panmunjom and met him for almost an hour.

Trump floated the idea in a tweet on Saturday morning, writing that he would like to meet \
Kim at the border to shake his hand. Senate Democratic leader Chuck Schumer said on Sunday \
that Trump had given Kim a propaganda victory.

North Korea said it detonated a hydrogen bomb on Sept. 3, 2017, its sixth nuclear test \
since 2006.
"""

GUAM = """Drohungen um Guam

Seoul (dpa) - Die Armee Nordkoreas droht am 9. August 2017 mit Raketen auf die Gewässer \
um die Pazifikinsel Guam. Am Vortag hatte Trump mit „Feuer und Zorn“ gedroht. Auslöser war \
ein Bericht der Zeitung vom 8. August, wonach Nordkorea Atomsprengköpfe bauen kann, die \
klein genug für seine Raketen sind.
"""


@pytest.fixture
def session(fresh_seeded_url: str) -> Iterator[Session]:
    with session_scope(get_engine(fresh_seeded_url)) as session:
        yield session


def linked(session: Session, text: str, published: str) -> dict[str, set[str]]:
    """Event ids each sentence (its first 30 characters) links to or proposes, proposals
    as "proposed"."""
    found, _ = ingest(session, ArticleCreate(text=text, published=published), max_chars=10**6)
    session.commit()
    by_quote: dict[str, set[str]] = {}
    for link in views.article_links(session.connection(), found["article"]["id"]):
        event = link["event_id"] if link["event_status"] == "published" else "proposed"
        by_quote.setdefault(link["quote"][:30], set()).add(event)
    return by_quote


def test_the_meeting_links_and_the_tweet_and_statement_around_it_are_proposed(
    session: Session,
) -> None:
    found = linked(session, HANDSHAKE, "30 June 2019")
    assert found["Donald Trump on Sunday shook h"] == {"panmunjom-meeting-2019"}
    assert found["Trump floated the idea in a tw"] == {"proposed"}  # a day off, another act
    assert found["Senate Democratic leader Chuck"] == {"proposed"}  # that day, said of it
    assert found["North Korea said it detonated "] == {"proposed", "first-nuclear-test-2006"}


def test_a_report_naming_a_weapon_is_no_threat(session: Session) -> None:
    found = linked(session, GUAM, "10. August 2017")
    assert found["Die Armee Nordkoreas droht am "] == {"guam-threat-2017"}
    assert found["Am Vortag hatte Trump mit „Feu"] == {"fire-and-fury-2017"}
    assert "guam-threat-2017" not in found["Auslöser war ein Bericht der Z"]

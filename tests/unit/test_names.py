import pytest
from sqlmodel import Session

from app.actors import ACTORS, PLACES, Unresolved, normalize, resolve
from app.db import get_engine


@pytest.mark.parametrize(
    ("name", "normal"),
    [
        ("Kim Jong-un", "kimjongun"),
        ("KIM-JONG-UN", "kimjongun"),
        ("kim jong un", "kimjongun"),
        ("Pjöngjang", "pjongjang"),
        ("Südkorea", "sudkorea"),
        ("U.S.", "us"),
        ("E.N.D.", "end"),
        ("Lee Jae-myung", "leejaemyung"),
        ("  Xi   Jinping ", "xijinping"),
        ("Moon Jae-in", "moonjaein"),
        ("Ōsaka", "osaka"),
        ("---", ""),
    ],
)
def test_normalize(name: str, normal: str) -> None:
    assert normalize(name) == normal


@pytest.mark.parametrize(
    ("name", "actor_id"),
    [
        ("kim", "kim-jong-un"),
        ("Kim Jong-un", "kim-jong-un"),
        ("KIM-JONG-UN", "kim-jong-un"),
        ("Kims", "kim-jong-un"),
        ("Kim Yo-jong", "kim-yo-jong"),
        ("Nordkorea", "north-korea"),
        ("North Korea", "north-korea"),
        ("DPRK", "north-korea"),
        ("Pjöngjang", "north-korea"),
        ("Nordkoreas", "north-korea"),
        ("Südkorea", "south-korea"),
        ("South Korea", "south-korea"),
        ("Seoul", "south-korea"),
        ("USA", "united-states"),
        ("Vereinigte Staaten", "united-states"),
        ("Washington", "united-states"),
        ("China", "china"),
        ("Peking", "china"),
        ("Beijing", "china"),
        ("Lee Jae-myung", "lee-jae-myung"),
        ("lee", "lee-jae-myung"),
        ("Xi Jinping", "xi-jinping"),
        ("Trump", "donald-trump"),
        ("Trumps", "donald-trump"),
    ],
)
def test_actor_names_resolve(seeded_url: str, name: str, actor_id: str) -> None:
    with Session(get_engine(seeded_url)) as session:
        assert resolve(session.connection(), ACTORS, name) == actor_id


@pytest.mark.parametrize(
    ("name", "place_id"),
    [("Singapur", "singapore"), ("hanoi", "hanoi"), ("Panmunjom", "panmunjom"), ("Guam", "guam")],
)
def test_place_names_resolve(seeded_url: str, name: str, place_id: str) -> None:
    with Session(get_engine(seeded_url)) as session:
        assert resolve(session.connection(), PLACES, name) == place_id


def test_an_unknown_name_suggests_the_closest_ids(seeded_url: str) -> None:
    with Session(get_engine(seeded_url)) as session, pytest.raises(Unresolved) as raised:
        resolve(session.connection(), ACTORS, "Kim Jong-ung")
    assert raised.value.suggestions[0] == "kim-jong-un"

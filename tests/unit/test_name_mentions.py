"""Actor and place names in text, from the seeded aliases: inflections, longest match first."""

import pytest
from sqlmodel import Session, select

from app.actors import normalize
from app.db import get_engine, session_scope
from app.ingest.names import Lexicon, Words, lexicons
from app.ingest.words import title_words
from app.models import PlaceAlias


@pytest.fixture
def actors(seeded_url: str) -> Lexicon:
    with Session(get_engine(seeded_url)) as session:
        return lexicons(session)[0]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Kims Schwester", [("kim-jong-un", "Kims")]),
        ("Trumps Zölle", [("donald-trump", "Trumps")]),
        ("Nordkoreas Raketen", [("north-korea", "Nordkoreas")]),
        ("Trump's tweet", [("donald-trump", "Trump's")]),
        ("Kim Jong Un und Kim", [("kim-jong-un", "Kim Jong Un"), ("kim-jong-un", "Kim")]),
        ("Kim Yo-jong sagte", [("kim-yo-jong", "Kim Yo-jong")]),
        ("Machthaber Kim Jong Un", [("kim-jong-un", "Kim Jong Un")]),
        ("Kim Jong-un traf Xi", [("kim-jong-un", "Kim Jong-un"), ("xi-jinping", "Xi")]),
        ("Die Trump-Regierung", [("donald-trump", "Trump")]),
        ("Kimchi und kim und Trumpet", []),
        ("Kim Jong Un sagte, Un", [("kim-jong-un", "Kim Jong Un")]),
        # "the North" / "the South" are the Koreas, not the north of a country, nor a longer
        # name ("the North Atlantic", "the South China Sea", "the North Korean regime")
        ("In July, the North tested two", [("north-korea", "the North")]),
        ("The South said", [("south-korea", "The South")]),
        ("the North's sixth test", [("north-korea", "the North's")]),
        ("in the north of the country", []),
        ("the North Atlantic and the South China Sea", [("china", "China")]),
        ("the North Korean regime", []),
    ],
)
def test_actor_names(actors: Lexicon, text: str, expected: list[tuple[str, str]]) -> None:
    found = actors.find(text)
    assert [(m.owner_id, m.text) for m in found] == expected
    assert all(text[m.start : m.end] == m.text for m in found)


def test_places_with_inflections(seeded_url: str) -> None:
    with Session(get_engine(seeded_url)) as session:
        places = lexicons(session)[1]
    text = "Pjöngjangs Führung traf sich in Panmunjom und Singapur."
    assert [(m.owner_id, m.text) for m in places.find(text)] == [
        ("pyongyang", "Pjöngjangs"),
        ("panmunjom", "Panmunjom"),
        ("singapore", "Singapur"),
    ]


def test_one_reading_of_a_passage_finds_actors_and_places(seeded_url: str) -> None:
    """The words of a passage are read once (Words) for both lexicons, finding what each
    finds reading the passage on its own."""
    with Session(get_engine(seeded_url)) as session:
        actors, places = lexicons(session)
    text = "Vorspann. Kim Jong Un traf Trump in Panmunjom; danach flog Trump nach Seoul."
    start, end = text.index("Kim"), len(text) - 1
    read = Words.of(text, start, end)
    assert actors.find_in(read) == actors.find(text, start, end)
    assert places.find_in(read) == places.find(text, start, end)
    assert [m.owner_id for m in actors.find_in(read)] == [
        "kim-jong-un",
        "donald-trump",
        "donald-trump",
        "south-korea",  # "Seoul" for its government
    ]
    assert [m.owner_id for m in places.find_in(read)] == ["panmunjom", "seoul"]


def test_title_words_follow_an_alias_renamed_as_many_aliases(fresh_seeded_url: str) -> None:
    """An event's title key words (names aside) are kept per content of the alias tables,
    not their size: once an alias is replaced by another, as many aliases as before, the
    old name is a key word of a title again and the new one is blanked."""
    with session_scope(get_engine(fresh_seeded_url)) as session:
        before = title_words("Gipfel auf Sentosa", lexicons(session))
        alias = session.exec(select(PlaceAlias).where(PlaceAlias.alias == "Sentosa")).one()
        alias.alias, alias.normalized = "Marina Bay", normalize("Marina Bay")
        session.flush()
        after = title_words("Gipfel auf Sentosa", lexicons(session))
        renamed = title_words("Gipfel an der Marina Bay", lexicons(session))
    assert before == {"gipfel"} and renamed == {"gipfel"}
    assert after == {"gipfel", "sentosa"}

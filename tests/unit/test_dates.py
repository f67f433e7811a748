"""Tests for app.dates: parse_date, find_dates, DateInterval, detect_language."""

from __future__ import annotations

import contextlib
import datetime
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from app.dates import (
    PRECISIONS,
    QUALIFIERS,
    DateInterval,
    DateParseError,
    detect_language,
    find_dates,
    parse_date,
)

D = datetime.date
B19 = D(2019, 12, 10)  # a Tuesday
B25 = D(2025, 11, 21)  # a Friday

# text, base, start, end, precision, qualifier
PARSE_CASES: list[tuple[str, D | None, str, str, str, str | None]] = [
    # numeric, no base needed
    ("2018", None, "2018-01-01", "2018-12-31", "year", None),
    ("  2018 ", None, "2018-01-01", "2018-12-31", "year", None),
    ("2018-06", None, "2018-06-01", "2018-06-30", "month", None),
    ("2018-02", None, "2018-02-01", "2018-02-28", "month", None),
    ("2018-06-12", None, "2018-06-12", "2018-06-12", "day", None),
    ("12.06.2018", None, "2018-06-12", "2018-06-12", "day", None),
    ("1.6.2018", None, "2018-06-01", "2018-06-01", "day", None),
    ("1990s", None, "1990-01-01", "1999-12-31", "decade", None),
    ("the 1990s", None, "1990-01-01", "1999-12-31", "decade", None),
    ("1990er", None, "1990-01-01", "1999-12-31", "decade", None),
    ("in den 1990er-Jahren", None, "1990-01-01", "1999-12-31", "decade", None),
    ("2000er Jahre", None, "2000-01-01", "2009-12-31", "decade", None),
    ("the nineties", None, "1990-01-01", "1999-12-31", "decade", None),
    ("2009-2017", None, "2009-01-01", "2017-12-31", "year", None),
    ("2009–2017", None, "2009-01-01", "2017-12-31", "year", None),
    ("im Jahr 2018", None, "2018-01-01", "2018-12-31", "year", None),
    ("2019/20", None, "2019-01-01", "2020-12-31", "year", None),
    ("2019/2020", None, "2019-01-01", "2020-12-31", "year", None),
    ("in 2018", None, "2018-01-01", "2018-12-31", "year", None),
    # month names, absolute (German and English)
    ("June 2018", None, "2018-06-01", "2018-06-30", "month", None),
    ("Juni 2018", None, "2018-06-01", "2018-06-30", "month", None),
    ("Februar 2024", None, "2024-02-01", "2024-02-29", "month", None),
    ("im August 2017", None, "2017-08-01", "2017-08-31", "month", None),
    ("Sept. 2018", None, "2018-09-01", "2018-09-30", "month", None),
    ("Jänner 2019", None, "2019-01-01", "2019-01-31", "month", None),
    ("12. Juni 2018", None, "2018-06-12", "2018-06-12", "day", None),
    ("12 June 2018", None, "2018-06-12", "2018-06-12", "day", None),
    ("June 12, 2018", None, "2018-06-12", "2018-06-12", "day", None),
    ("Dec. 3, 2019", None, "2019-12-03", "2019-12-03", "day", None),
    ("3rd March 2018", None, "2018-03-03", "2018-03-03", "day", None),
    ("am 1. März 2020", None, "2020-03-01", "2020-03-01", "day", None),
    ("29. Februar 2020", None, "2020-02-29", "2020-02-29", "day", None),
    # qualifiers
    ("Anfang November 2025", None, "2025-11-01", "2025-11-10", "month", "early"),
    ("Mitte Juni 2018", None, "2018-06-11", "2018-06-20", "month", "mid"),
    ("Ende Februar 2019", None, "2019-02-21", "2019-02-28", "month", "late"),
    ("early June 2018", None, "2018-06-01", "2018-06-10", "month", "early"),
    ("end of June 2018", None, "2018-06-21", "2018-06-30", "month", "late"),
    ("late 2017", None, "2017-09-01", "2017-12-31", "year", "late"),
    ("Ende 2017", None, "2017-09-01", "2017-12-31", "year", "late"),
    ("Anfang 2018", None, "2018-01-01", "2018-04-30", "year", "early"),
    ("mid-2018", None, "2018-05-01", "2018-08-31", "year", "mid"),
    ("Mitte des Jahres 2018", None, "2018-05-01", "2018-08-31", "year", "mid"),
    ("the end of 2018", None, "2018-09-01", "2018-12-31", "year", "late"),
    ("Mitte der 1990er-Jahre", None, "1994-01-01", "1996-12-31", "decade", "mid"),
    ("early 1990s", None, "1990-01-01", "1993-12-31", "decade", "early"),
    ("circa 2010", None, "2010-01-01", "2010-12-31", "year", "circa"),
    ("um 2010", None, "2010-01-01", "2010-12-31", "year", "circa"),
    ("rund 2010", None, "2010-01-01", "2010-12-31", "year", "circa"),
    ("around 2010", None, "2010-01-01", "2010-12-31", "year", "circa"),
    ("before 2018", None, "2018-01-01", "2018-12-31", "year", "before"),
    ("vor 2018", None, "2018-01-01", "2018-12-31", "year", "before"),
    ("vor dem 12. Juni 2018", None, "2018-06-12", "2018-06-12", "day", "before"),
    ("seit Juni 2025", None, "2025-06-01", "2025-06-30", "month", "after"),
    ("seit Juni 2025", B25, "2025-06-01", "2025-11-21", "month", "after"),
    ("since 2015", B19, "2015-01-01", "2019-12-10", "year", "after"),
    ("nach 2015", None, "2015-01-01", "2015-12-31", "year", "after"),
    # spans and lists
    ("2018 und 2019", None, "2018-01-01", "2019-12-31", "year", None),
    ("von 2017 bis 2019", None, "2017-01-01", "2019-12-31", "year", None),
    ("zwischen 2017 und 2019", None, "2017-01-01", "2019-12-31", "year", None),
    ("2009 bis 2017", None, "2009-01-01", "2017-12-31", "year", None),
    ("between 2009 and 2017", None, "2009-01-01", "2017-12-31", "year", None),
    ("March 3 and 4, 2020", None, "2020-03-03", "2020-03-04", "day", None),
    ("27. und 28. Februar 2019", None, "2019-02-27", "2019-02-28", "day", None),
    ("vom 27. bis 28. Februar 2019", None, "2019-02-27", "2019-02-28", "day", None),
    ("3-4 March 2020", None, "2020-03-03", "2020-03-04", "day", None),
    ("von März 2017 bis Juni 2019", None, "2017-03-01", "2019-06-30", "month", None),
    # yearless with base: the tense rule
    ("Juni", B19, "2019-06-01", "2019-06-30", "month", None),
    ("im Juli", B19, "2019-07-01", "2019-07-31", "month", None),
    ("Ende Oktober", B19, "2019-10-21", "2019-10-31", "month", "late"),
    ("Aug. 9", B19, "2019-08-09", "2019-08-09", "day", None),
    ("9. August", B19, "2019-08-09", "2019-08-09", "day", None),
    ("am 7. Februar", B19, "2019-02-07", "2019-02-07", "day", None),
    ("7. Februar", D(2019, 1, 20), "2019-02-07", "2019-02-07", "day", None),
    ("7. März", D(2019, 1, 5), "2019-03-07", "2019-03-07", "day", None),
    ("7. April", D(2019, 1, 5), "2018-04-07", "2018-04-07", "day", None),
    ("im Dezember", D(2020, 2, 1), "2019-12-01", "2019-12-31", "month", None),
    ("bis 31. Dezember", B19, "2019-12-31", "2019-12-31", "day", None),
    ("bis Ende Januar", B19, "2020-01-21", "2020-01-31", "month", "late"),
    ("until March 31", B19, "2020-03-31", "2020-03-31", "day", None),
    ("Anfang des Monats", B19, "2019-12-01", "2019-12-10", "month", "early"),
    ("Ende des Jahres", B19, "2019-09-01", "2019-12-31", "year", "late"),
    # relative with base
    ("gestern", B19, "2019-12-09", "2019-12-09", "day", None),
    ("yesterday", B19, "2019-12-09", "2019-12-09", "day", None),
    ("heute", B19, "2019-12-10", "2019-12-10", "day", None),
    ("today", B19, "2019-12-10", "2019-12-10", "day", None),
    ("vorgestern", B19, "2019-12-08", "2019-12-08", "day", None),
    ("last year", B19, "2018-01-01", "2018-12-31", "year", None),
    ("letztes Jahr", B19, "2018-01-01", "2018-12-31", "year", None),
    ("im vergangenen Jahr", B19, "2018-01-01", "2018-12-31", "year", None),
    ("im Vorjahr", B19, "2018-01-01", "2018-12-31", "year", None),
    ("in diesem Jahr", B19, "2019-01-01", "2019-12-31", "year", None),
    ("next year", B19, "2020-01-01", "2020-12-31", "year", None),
    ("vor zwei Jahren", B19, "2017-01-01", "2017-12-31", "year", None),
    ("two years ago", B19, "2017-01-01", "2017-12-31", "year", None),
    ("vor 3 Monaten", B19, "2019-09-01", "2019-09-30", "month", None),
    ("diesen Monat", B19, "2019-12-01", "2019-12-31", "month", None),
    ("last month", B19, "2019-11-01", "2019-11-30", "month", None),
    ("letzte Woche", B19, "2019-12-02", "2019-12-08", "day", None),
    ("last week", B19, "2019-12-02", "2019-12-08", "day", None),
    ("vergangene Woche", B19, "2019-12-02", "2019-12-08", "day", None),
    ("nächste Woche", B19, "2019-12-16", "2019-12-22", "day", None),
    ("am Dienstag", B19, "2019-12-10", "2019-12-10", "day", None),
    ("on Wednesday", B19, "2019-12-04", "2019-12-04", "day", None),
    ("am Montag", B19, "2019-12-09", "2019-12-09", "day", None),
    ("vergangenen Dienstag", B19, "2019-12-03", "2019-12-03", "day", None),
    ("next Friday", B19, "2019-12-13", "2019-12-13", "day", None),
    ("am Wochenende", B19, "2019-12-07", "2019-12-08", "day", None),
    ("am Wochenende", D(2019, 12, 8), "2019-12-07", "2019-12-08", "day", None),
    ("the weekend", B25, "2025-11-15", "2025-11-16", "day", None),
]


@pytest.mark.parametrize(("text", "base", "start", "end", "precision", "qualifier"), PARSE_CASES)
def test_parse_date(
    text: str, base: D | None, start: str, end: str, precision: str, qualifier: str | None
) -> None:
    iv = parse_date(text, base=base)
    assert iv.as_dict() == {
        "start": start,
        "end": end,
        "precision": precision,
        "qualifier": qualifier,
        "end_precision": None,  # only curated dates have these
        "ongoing": False,
    }


@pytest.mark.parametrize(
    "text",
    [
        "garbage",
        "",
        "   ",
        "2018-13-45",
        "2018-02-30",
        "31.02.2019",
        "asdf 2018 qwer",
        "June",
        "12. Juni",
        "gestern",
        "last week",
        "vor zwei Jahren",
        "am Dienstag",
        "die mit so",
        "Hwasong-15",
        "1,5 Millionen",
        "2000 Soldaten und",
        "1850",
        "2150",
        "June 2018 and more",
        "2018 2019",
        "2019/21",
        "32. Juni 2018",
        "2019-2017",
        "Mai",
        "\x00",
        "des Monats",
    ],
)
def test_parse_date_garbage(text: str) -> None:
    with pytest.raises(DateParseError):
        parse_date(text)  # no base: relative and yearless forms are unreadable too


def test_parse_date_error_message() -> None:
    with pytest.raises(DateParseError, match="garbage"):
        parse_date("garbage")
    with pytest.raises(DateParseError, match="base"):
        parse_date("gestern")
    with pytest.raises(DateParseError, match="not one date expression"):
        parse_date("Juni 2018", languages=("xx",))


@pytest.mark.parametrize("languages", [("de",), ("en",), ("en", "de")])
def test_parse_date_languages(languages: tuple[str, ...]) -> None:
    assert parse_date("2018-06-12", languages=languages).precision == "day"


def test_parse_date_language_restriction() -> None:
    assert parse_date("12. Juni 2018", languages=("de",)).start == D(2018, 6, 12)
    with pytest.raises(DateParseError):
        parse_date("12. Juni 2018", languages=("en",))


# text, base, [(mention text, start, end, start date, end date, precision, qualifier)]
Row = tuple[str, int, int, str, str, str, str | None]
FIND_CASES: list[tuple[str, D | None, list[Row]]] = [
    (
        "Die Regierung hat die Reform mit den Ländern so beschlossen, die mit der Opposition "
        "so nicht zu machen war, sagte die Sprecherin am Abend.",
        B19,
        [],
    ),
    (
        "Bundeskanzlerin Merkel hat am Dienstag angekündigt, die Frist bis 31. Dezember zu "
        "verlängern.",
        B19,
        [
            ("Dienstag", 30, 38, "2019-12-10", "2019-12-10", "day", None),
            ("31. Dezember", 66, 78, "2019-12-31", "2019-12-31", "day", None),
        ],
    ),
    (
        "Rund 2000 Soldaten waren zwischen 2017 und 2019 in Mali. Das Treffen fand 2018 in "
        "Singapur statt.",
        None,
        [
            ("zwischen 2017 und 2019", 25, 47, "2017-01-01", "2019-12-31", "year", None),
            ("2018", 74, 78, "2018-01-01", "2018-12-31", "year", None),
        ],
    ),
    (
        "Die Rakete vom Typ Hwasong-15 kostete 1,5 Millionen Euro, Tel. 030 2018 4455, "
        "Seite 2019, 2000 Euro.",
        None,
        [],
    ),
    (
        "The summit took place on March 3 and 4, 2020, in Brussels.",
        None,
        [("March 3 and 4, 2020", 25, 44, "2020-03-03", "2020-03-04", "day", None)],
    ),
    (
        "Last week, officials said talks held from 2009-2017 had failed.",
        B19,
        [
            ("Last week", 0, 9, "2019-12-02", "2019-12-08", "day", None),
            ("2009-2017", 42, 51, "2009-01-01", "2017-12-31", "year", None),
        ],
    ),
    (
        "Last week, officials said talks held from 2009-2017 had failed.",
        None,
        [("2009-2017", 42, 51, "2009-01-01", "2017-12-31", "year", None)],
    ),
    (
        "Am 27. und 28. Februar 2019 trafen sich Trump und Kim in Hanoi. Seit Juni 2025 ruht "
        "der Dialog.",
        B25,
        [
            ("27. und 28. Februar 2019", 3, 27, "2019-02-27", "2019-02-28", "day", None),
            ("Seit Juni 2025", 64, 78, "2025-06-01", "2025-11-21", "month", "after"),
        ],
    ),
    (
        "Dienstag, 12. Juni 2018: Der Gipfel in Singapur.",
        None,
        [("Dienstag, 12. Juni 2018", 0, 23, "2018-06-12", "2018-06-12", "day", None)],
    ),
    (
        "Der Haushalt der Jahre 2018 und 2019 steht, die Wahl ist im Herbst.",
        None,
        [("2018 und 2019", 23, 36, "2018-01-01", "2019-12-31", "year", None)],
    ),
    (
        "In den 1990er-Jahren war das anders, sagte er vor zwei Jahren.",
        B19,
        [
            ("1990er-Jahren", 7, 20, "1990-01-01", "1999-12-31", "decade", None),
            ("vor zwei Jahren", 46, 61, "2017-01-01", "2017-12-31", "year", None),
        ],
    ),
    (
        "He spoke on Aug. 9 about the May government and said it in May.",
        B19,
        [
            ("Aug. 9", 12, 18, "2019-08-09", "2019-08-09", "day", None),
            ("May", 59, 62, "2019-05-01", "2019-05-31", "month", None),
        ],
    ),
    ("Laut Paragraf 2018 und Artikel 2019 gilt das, Tel. 030 2018 4455, 2.000 Menschen.", None, []),
    (
        "In der Saison 2019/20 und in 2017, 2018 und 2019.",
        None,
        [
            ("2019/20", 14, 21, "2019-01-01", "2020-12-31", "year", None),
            ("2017", 29, 33, "2017-01-01", "2017-12-31", "year", None),
            ("2018 und 2019", 35, 48, "2018-01-01", "2019-12-31", "year", None),
        ],
    ),
    (
        "Der Bericht vom 12.06.2018 und die Meldung vom 2018-06-13.",
        None,
        [
            ("12.06.2018", 16, 26, "2018-06-12", "2018-06-12", "day", None),
            ("2018-06-13", 47, 57, "2018-06-13", "2018-06-13", "day", None),
        ],
    ),
]


@pytest.mark.parametrize(("text", "base", "expected"), FIND_CASES)
def test_find_dates(text: str, base: D | None, expected: list[Row]) -> None:
    for row in expected:  # the table itself must be right
        assert text[row[1] : row[2]] == row[0]
    got = [
        (m.text, m.start, m.end, m.interval.start.isoformat(), m.interval.end.isoformat())
        + (m.interval.precision, m.interval.qualifier)
        for m in find_dates(text, base=base)
    ]
    assert got == expected


def test_tense_bis_december() -> None:
    (m,) = find_dates("Die Frist läuft bis 31. Dezember.", base=D(2019, 12, 10), language="de")
    assert m.interval == DateInterval(D(2019, 12, 31), D(2019, 12, 31), "day")


def test_no_weekday_false_positives() -> None:
    text = (
        "Die Union will die Steuer so senken, dass die Bürger mit dem Geld so planen "
        "können, die SPD will das mit den Grünen so nicht mittragen. Die mit so viel "
        "Aufwand erstellte Studie sagt, so die Autoren, die Zahl sei so hoch wie nie."
    )
    assert find_dates(text, base=B19) == []
    assert find_dates(text, base=B19, language="de") == []


@pytest.mark.parametrize(
    ("interval", "shown"),
    [
        (DateInterval(D(2018, 6, 12), D(2018, 6, 12), "day"), "12 June 2018"),
        (DateInterval(D(2018, 6, 1), D(2018, 6, 30), "month"), "June 2018"),
        (DateInterval(D(2018, 1, 1), D(2018, 12, 31), "year"), "2018"),
        (DateInterval(D(1990, 1, 1), D(1999, 12, 31), "decade"), "1990s"),
        (DateInterval(D(2025, 11, 1), D(2025, 11, 10), "month", "early"), "early November 2025"),
        (DateInterval(D(2019, 2, 27), D(2019, 2, 28), "day"), "27–28 February 2019"),
        (DateInterval(D(2009, 1, 1), D(2017, 12, 31), "year"), "2009–2017"),
        (DateInterval(D(2010, 1, 1), D(2010, 12, 31), "year", "circa"), "circa 2010"),
        (DateInterval(D(2025, 6, 1), D(2025, 11, 21), "month", "after"), "after June 2025"),
        (DateInterval(D(2018, 1, 1), D(2018, 12, 31), "year", "before"), "before 2018"),
        (DateInterval(D(2017, 9, 1), D(2017, 12, 31), "year", "late"), "late 2017"),
        (DateInterval(D(2018, 5, 1), D(2018, 8, 31), "year", "mid"), "mid-2018"),
        (DateInterval(D(2017, 3, 1), D(2019, 6, 30), "month"), "March 2017 – June 2019"),
        (DateInterval(D(2019, 3, 1), D(2019, 6, 30), "month"), "March–June 2019"),
        (DateInterval(D(2019, 12, 30), D(2020, 1, 5), "day"), "30 December 2019 – 5 January 2020"),
        (DateInterval(D(2019, 11, 25), D(2019, 12, 1), "day"), "25 November – 1 December 2019"),
    ],
)
def test_display(interval: DateInterval, shown: str) -> None:
    assert interval.display() == shown


def test_display_of_parsed() -> None:
    assert parse_date("Anfang November 2025").display() == "early November 2025"
    assert parse_date("1990er").display() == "1990s"
    assert parse_date("vom 27. bis 28. Februar 2019").display() == "27–28 February 2019"


def test_interval_validation() -> None:
    with pytest.raises(ValueError):
        DateInterval(D(2019, 1, 2), D(2019, 1, 1), "day")
    with pytest.raises(ValueError):
        DateInterval(D(2019, 1, 1), D(2019, 1, 1), "week")  # type: ignore[arg-type]
    assert PRECISIONS == ("day", "month", "year", "decade")
    assert set(QUALIFIERS) == {"early", "mid", "late", "circa", "before", "after"}


@pytest.mark.parametrize("text", [c[0] for c in PARSE_CASES])
def test_dict_round_trip(text: str) -> None:
    iv = parse_date(text, base=B19)
    assert DateInterval.from_dict(iv.as_dict()) == iv


def test_from_dict_accepts_dates_and_optional_qualifier() -> None:
    d: dict[str, Any] = {"start": D(2018, 1, 1), "end": "2018-12-31", "precision": "year"}
    assert DateInterval.from_dict(d) == DateInterval(D(2018, 1, 1), D(2018, 12, 31), "year")


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        ("Die Bundesregierung hat am Dienstag die Reform beschlossen, sagte der Sprecher.", "de"),
        ("The government said on Tuesday that it has approved the reform.", "en"),
        ("", "de"),
    ],
)
def test_detect_language(text: str, lang: str) -> None:
    assert detect_language(text) == lang


_DATEISH = st.sampled_from(
    [
        "2018",
        "Juni",
        "June",
        "12.",
        "Anfang",
        "late",
        "bis",
        "und",
        "and",
        "-",
        "–",
        " ",
        ", ",
        "vor",
        "zwei",
        "Jahren",
        "gestern",
        "Dienstag",
        "1990er",
        "s",
        "Aug.",
        "9",
        "31",
        "2019-",
        "seit",
        "the",
        "end of",
        "mid-",
        "zwischen",
        "Wochenende",
        "letzte",
        "Woche",
        "29. Februar",
    ]
)
_TEXTS = st.one_of(
    st.text(max_size=80),
    st.lists(_DATEISH, max_size=12).map("".join),
    st.lists(_DATEISH, max_size=8).map(" ".join),
)


@settings(max_examples=400, deadline=None)
@given(text=_TEXTS, base=st.one_of(st.none(), st.dates(D(1901, 3, 1), D(2098, 10, 1))))
def test_parse_date_total(text: str, base: D | None) -> None:
    try:
        iv = parse_date(text, base=base)
    except DateParseError:
        return
    assert isinstance(iv, DateInterval) and iv.start <= iv.end


@settings(max_examples=400, deadline=None)
@given(text=_TEXTS, base=st.one_of(st.none(), st.dates(D(1901, 3, 1), D(2098, 10, 1))))
def test_find_dates_total(text: str, base: D | None) -> None:
    mentions = find_dates(text, base=base)
    last = 0
    for m in mentions:
        assert m.text == text[m.start : m.end]
        assert last <= m.start < m.end
        last = m.end


@pytest.mark.parametrize("base", [D(1, 1, 1), D(9999, 12, 31)])
@pytest.mark.parametrize(
    "text",
    [
        "nächste Woche",
        "next Friday",
        "bis Januar",
        "in 12 Jahren",
        "vor 12 Jahren",
        "gestern",
        "seit 2018",
        "am Wochenende",
    ],
)
def test_extreme_base_never_crashes(text: str, base: D) -> None:
    with contextlib.suppress(DateParseError):
        parse_date(text, base=base)
    find_dates(f"Er sagte {text}.", base=base)


@pytest.mark.parametrize(
    ("text", "base", "expected"),
    [
        # an earlier explicit year in the same sentence anchors a yearless date
        (
            "Der Bundestag beschloss es am 3. März 2022, der Bundesrat stimmte im April zu.",
            D(2023, 3, 1),
            ("April", "2022-04-01"),
        ),
        (
            "Last year, a similar agreement collapsed in late November.",
            D(2019, 12, 11),
            ("late November", "2018-11-21"),
        ),
        # a future verb earlier in the sentence looks forward
        ("He will take office in January.", D(2020, 11, 8), ("January", "2021-01-01")),
        ("Das Ergebnis soll am Mittwoch vorliegen.", D(2024, 6, 10), ("Mittwoch", "2024-06-12")),
        ("Das Ergebnis lag am Mittwoch vor.", D(2024, 6, 10), ("Mittwoch", "2024-06-05")),
        (
            "Die Koalition einigte sich am Mittwochabend.",
            D(2023, 10, 12),
            ("Mittwochabend", "2023-10-11"),
        ),
        ("Sie wollen in zwei Wochen beraten.", D(2020, 11, 4), ("in zwei Wochen", "2020-11-16")),
    ],
)
def test_context_rules(text: str, base: D, expected: tuple[str, str]) -> None:
    got = {m.text: m.interval.start.isoformat() for m in find_dates(text, base=base)}
    assert got[expected[0]] == expected[1]


@pytest.mark.parametrize(
    ("interval", "display"),
    [
        (DateInterval(D(1962, 2, 7), D(2017, 8, 31), "day", None, "month", True),
         "since 7 February 1962"),
        (DateInterval(D(1990, 1, 1), D(2025, 11, 10), "decade", None, "day", True),
         "since the 1990s"),
        (DateInterval(D(2024, 10, 1), D(2025, 11, 10), "month", "early", "day", True),
         "since early October 2024"),
        (DateInterval(D(2018, 7, 6), D(2019, 12, 31), "day", None, "month"),
         "6 July 2018 – 31 December 2019"),
    ],
)  # fmt: skip
def test_an_ongoing_date_is_since_its_start_and_keeps_its_end_precision(
    interval: DateInterval, display: str
) -> None:
    assert interval.display() == display
    assert DateInterval.from_dict(interval.as_dict()) == interval


def test_an_unknown_end_precision_is_refused() -> None:
    with pytest.raises(ValueError, match="end_precision"):
        DateInterval(D(2018, 1, 1), D(2019, 1, 1), "day", None, "week")  # type: ignore[arg-type]


# A text read as a whole: (text, base, language, [(span, start, end, precision, inferred)]),
# every mention the text holds, in order; a span is found by its text (each occurs once).
Read = tuple[str, str, str, str, bool]
DOCUMENT_CASES: list[tuple[str, D, str, list[Read]]] = [
    (  # a chronology under headings: the heading's year, never the publication's
        "Chronik\n\n4. Juli 2017\nNordkorea testet eine Interkontinentalrakete. Am 28. Juli "
        "folgt der zweite Test.\n\n3. September\nDer sechste Atomtest. Fünf Tage später "
        "verschärft der UN-Sicherheitsrat die Sanktionen.\n\n2018\n\nIm Januar bietet Kim "
        "Gespräche an, am 9. Februar beginnen die Winterspiele.",
        D(2018, 6, 1),
        "de",
        [
            ("4. Juli 2017", "2017-07-04", "2017-07-04", "day", False),
            ("28. Juli", "2017-07-28", "2017-07-28", "day", True),
            ("3. September", "2017-09-03", "2017-09-03", "day", True),
            ("Fünf Tage später", "2017-09-08", "2017-09-08", "day", True),
            ("2018", "2018-01-01", "2018-12-31", "year", False),
            ("Januar", "2018-01-01", "2018-01-31", "month", True),
            ("9. Februar", "2018-02-09", "2018-02-09", "day", True),
        ],
    ),
    (  # months as the labels of a chronology's lines take the year heading's year
        "2022\n24. Februar: Russland greift die Ukraine an.\nJuli: Pjöngjang erkennt Donezk "
        "an.\n\n2024\nJanuar: Choe Son Hui reist nach Moskau.",
        D(2024, 6, 18),
        "de",
        [
            ("2022", "2022-01-01", "2022-12-31", "year", False),
            ("24. Februar", "2022-02-24", "2022-02-24", "day", True),
            ("Juli", "2022-07-01", "2022-07-31", "month", True),
            ("2024", "2024-01-01", "2024-12-31", "year", False),
            ("Januar", "2024-01-01", "2024-01-31", "month", True),
        ],
    ),
    (  # "that September" is the narrative's year; a year naming a thing anchors nothing
        "In the spring of 2018 Moon met Kim twice, and that September he went to Pyongyang.",
        D(2024, 1, 5),
        "en",
        [
            ("spring of 2018", "2018-03-01", "2018-05-31", "month", False),
            ("September", "2018-09-01", "2018-09-30", "month", True),
        ],
    ),
    (
        "The North said in late November it would no longer abide by the 2018 military "
        "agreement after the South suspended it over a satellite launch on Nov. 21.",
        D(2024, 1, 5),
        "en",
        [
            ("late November", "2023-11-21", "2023-11-30", "month", True),
            ("2018", "2018-01-01", "2018-12-31", "year", False),
            ("Nov. 21", "2023-11-21", "2023-11-21", "day", True),  # not from "the 2018 ..."
        ],
    ),
    (  # a month with "last year", "dieses Jahres", "des Vorjahres" counts from the publication
        "In January last year Kim declared the South hostile; im März dieses Jahres und im Mai "
        "des Vorjahres kam mehr, Ende Januar letzten Jahres auch.",
        D(2025, 6, 5),
        "en",
        [
            ("January last year", "2024-01-01", "2024-01-31", "month", False),
            ("März dieses Jahres", "2025-03-01", "2025-03-31", "month", False),
            ("Mai des Vorjahres", "2024-05-01", "2024-05-31", "month", False),
            ("Ende Januar letzten Jahres", "2024-01-21", "2024-01-31", "month", False),
        ],
    ),
    (  # a day with "last year", "vergangenen Jahres", "this year": one date, that year
        "The North last tested an ICBM on Dec. 18 last year; am 18. Juni vergangenen Jahres "
        "kam Putin, and on March 3 of this year Kim spoke.",
        D(2025, 1, 10),
        "en",
        [
            ("Dec. 18 last year", "2024-12-18", "2024-12-18", "day", False),
            ("18. Juni vergangenen Jahres", "2024-06-18", "2024-06-18", "day", False),
            ("March 3 of this year", "2025-03-03", "2025-03-03", "day", False),
        ],
    ),
    (  # "may" looks ahead, "may have" back
        "Pyongyang may conduct a nuclear test around the election on Tuesday. Analysts say "
        "Kim may have met Shoigu on Friday.",
        D(2024, 10, 31),
        "en",
        [
            ("Tuesday", "2024-11-05", "2024-11-05", "day", False),
            ("Friday", "2024-10-25", "2024-10-25", "day", False),
        ],
    ),
    (  # a chronology passing New Year without a heading
        'Sept. 19, 2017: Trump calls Kim "Rocket Man" at the United Nations.\nNov. 29: North '
        "Korea tests its largest missile yet.\nJan. 1: Kim offers talks. The next day, Seoul "
        "proposes a meeting at the border.",
        D(2018, 3, 10),
        "en",
        [
            ("Sept. 19, 2017", "2017-09-19", "2017-09-19", "day", False),
            ("Nov. 29", "2017-11-29", "2017-11-29", "day", True),
            ("Jan. 1", "2018-01-01", "2018-01-01", "day", True),
            ("The next day", "2018-01-02", "2018-01-02", "day", True),
        ],
    ),
    (  # a wire story: dateline and weekdays count from the publication date
        "SEOUL, 5. Juli (Reuters) - Nordkorea hat am Dienstag eine Interkontinentalrakete "
        "getestet. Die Führung will ihr Programm fortsetzen, sagte ein Sprecher am Mittwoch. "
        "Die USA wollen am Freitag im Sicherheitsrat beraten.",
        D(2017, 7, 5),
        "de",
        [
            ("5. Juli", "2017-07-05", "2017-07-05", "day", True),
            ("Dienstag", "2017-07-04", "2017-07-04", "day", False),
            ("Mittwoch", "2017-07-05", "2017-07-05", "day", False),  # "will" is in a clause before
            ("Freitag", "2017-07-07", "2017-07-07", "day", False),  # wollen ... am Freitag: ahead
        ],
    ),
    (  # a month opening a chronology's line before a dash is its label
        "2018\nMarch – Seoul's envoys meet Kim in Pyongyang.\nApril 27 – Moon and Kim meet at "
        "the border.",
        D(2019, 1, 10),  # a review of the year past, published in January
        "en",
        [
            ("2018", "2018-01-01", "2018-12-31", "year", False),
            ("March", "2018-03-01", "2018-03-31", "month", True),
            ("April 27", "2018-04-27", "2018-04-27", "day", True),
        ],
    ),
    (  # a pluperfect in a relative clause after the date does not make the line look back
        "2019\nFeb. 28 – The Hanoi summit collapses.\nApril 25 – Putin hosts Kim, who had "
        "travelled by armoured train, in Vladivostok.\nJune 30 – Talks that had stalled "
        "resume briefly at Panmunjom.",
        D(2019, 12, 1),
        "en",
        [
            ("2019", "2019-01-01", "2019-12-31", "year", False),
            ("Feb. 28", "2019-02-28", "2019-02-28", "day", True),
            ("April 25", "2019-04-25", "2019-04-25", "day", True),
            ("June 30", "2019-06-30", "2019-06-30", "day", True),
        ],
    ),
    (  # a wire story's new paragraph is at the report's time: a background year stays in its
        # paragraph (the election lies ahead of the report, not after the 2018 flashback)
        "TOKYO (AP) — Japan protested on Monday after a missile landed in its waters.\n\nIn "
        "August 2017, a missile flew over Hokkaido.\n\nThe government expects no change before "
        "the vote on Oct. 27.",
        D(2019, 10, 7),
        "en",
        [
            ("Monday", "2019-10-07", "2019-10-07", "day", False),
            ("August 2017", "2017-08-01", "2017-08-31", "month", False),
            ("Oct. 27", "2019-10-27", "2019-10-27", "day", True),
        ],
    ),
    (  # any story's new paragraph is at the report's time again after a year told in
        # passing (not opening its sentence); an explainer returning to the present
        "Talks broke down after the summit in Hanoi in February 2019.\n\nOn July 28, Kim "
        "Yo Jong said Pyongyang had no interest in talks.",
        D(2025, 10, 24),
        "en",
        [
            ("February 2019", "2019-02-01", "2019-02-28", "month", False),
            ("July 28", "2025-07-28", "2025-07-28", "day", True),
        ],
    ),
    (
        "Die Gespräche waren nach dem Gipfel in Hanoi im Februar 2019 abgebrochen.\n\nAm "
        "28. Juli wies Kim Yo Jong ein Angebot Seouls zurück.",
        D(2025, 10, 24),
        "de",
        [
            ("Februar 2019", "2019-02-01", "2019-02-28", "month", False),
            ("28. Juli", "2025-07-28", "2025-07-28", "day", True),
        ],
    ),
    (  # a narrative's date opening its sentence carries its year into the next paragraph
        "Im September 2002 reiste Koizumi nach Pjöngjang.\n\nAm 15. Oktober kehrten fünf "
        "Entführte nach Japan zurück.",
        D(2024, 5, 1),
        "de",
        [
            ("September 2002", "2002-09-01", "2002-09-30", "month", False),
            ("15. Oktober", "2002-10-15", "2002-10-15", "day", True),
        ],
    ),
    (  # a month with "vergangenen Jahres" returns the text to the report's time
        "Im Juni vergangenen Jahres reiste Putin nach Pjöngjang. Kim hatte im Januar 2024 die "
        "Einheit aufgegeben.\n\nAm 6. Januar testete Nordkorea eine Rakete.",
        D(2025, 1, 21),
        "de",
        [
            ("Juni vergangenen Jahres", "2024-06-01", "2024-06-30", "month", False),
            ("Januar 2024", "2024-01-01", "2024-01-31", "month", False),
            ("6. Januar", "2025-01-06", "2025-01-06", "day", True),
        ],
    ),
    (  # a chronology's line takes its year from the lines before, not from their text
        "Oct. 2, 2018: Moon meets Kim, who had first met Trump in 2017 by letter.\nOct. 9: "
        "Pompeo flies to Pyongyang.",
        D(2019, 3, 1),
        "en",
        [
            ("Oct. 2, 2018", "2018-10-02", "2018-10-02", "day", False),
            ("2017", "2017-01-01", "2017-12-31", "year", False),
            ("Oct. 9", "2018-10-09", "2018-10-09", "day", True),
        ],
    ),
    (  # a date after "since" and a few words reaches to now: it anchors nothing
        "Kim went to Beijing in March, his first trip since taking power in 2011, and met "
        "Moon in April. Seit seiner Wahl im Mai 2017 traf Moon ihn im September.",
        D(2018, 10, 1),
        "en",
        [
            ("March", "2018-03-01", "2018-03-31", "month", True),
            ("2011", "2011-01-01", "2011-12-31", "year", False),
            ("April", "2018-04-01", "2018-04-30", "month", True),
            ("Mai 2017", "2017-05-01", "2017-05-31", "month", False),
            ("September", "2018-09-01", "2018-09-30", "month", True),
        ],
    ),
    (  # English quoted in a German article
        'In der Erklärung heißt es: "The meeting on June 12, 2018 was historic." Trump will '
        "den Gipfel am 14. Juni bewerten.",
        D(2018, 6, 13),
        "de",
        [
            ("June 12, 2018", "2018-06-12", "2018-06-12", "day", False),
            ("14. Juni", "2018-06-14", "2018-06-14", "day", True),
        ],
    ),
    (  # the narrative has moved: a weekday after a day that opens the sentence before
        "Am 4. Juli 2017 feuerte Nordkorea eine Rakete ab. Am Freitag folgte eine Drohung aus "
        "Pjöngjang.",
        D(2019, 12, 10),
        "de",
        [
            ("4. Juli 2017", "2017-07-04", "2017-07-04", "day", False),
            ("Freitag", "2017-07-07", "2017-07-07", "day", True),
        ],
    ),
    (  # it has not: a date naming what the attacks were, the weekday is the report's
        "Survivors of the Sept. 11, 2001, attacks met the president on Friday.",
        D(2021, 9, 13),
        "en",
        [
            ("Sept. 11, 2001", "2001-09-11", "2001-09-11", "day", False),
            ("Friday", "2021-09-10", "2021-09-10", "day", False),
        ],
    ),
    (
        "Der Krieg von 1950-53 prägt die Region bis heute. Im Sommer 2019 testete Nordkorea "
        "Kurzstreckenraketen, in der Saison 2018/19 ruhte der Sport.",
        D(2020, 1, 2),
        "de",
        [
            ("1950-53", "1950-01-01", "1953-12-31", "year", False),
            ("heute", "2020-01-02", "2020-01-02", "day", False),
            ("Sommer 2019", "2019-06-01", "2019-08-31", "month", False),
            ("2018/19", "2018-01-01", "2019-12-31", "year", False),
        ],
    ),
    (  # a season without a year, looking back from the one before it
        "Over the summer of 2019 North Korea fired a dozen missiles; in the spring it had kept "
        "quiet.",
        D(2020, 1, 2),
        "en",
        [
            ("summer of 2019", "2019-06-01", "2019-08-31", "month", False),
            ("spring", "2019-03-01", "2019-05-31", "month", True),
        ],
    ),
    (
        "The handshake on 29th Jun, 2019 ended a feud; talks on Feb 28, 2019 had failed. State "
        "media said on Wednesday 1 Jan 2020 that Kim would show a new weapon.",
        D(2020, 1, 10),
        "en",
        [
            ("29th Jun, 2019", "2019-06-29", "2019-06-29", "day", False),
            ("Feb 28, 2019", "2019-02-28", "2019-02-28", "day", False),
            ("Wednesday 1 Jan 2020", "2020-01-01", "2020-01-01", "day", False),
        ],
    ),
    (  # a pluperfect after an anchor told in the pluperfect: one plane, moving forward
        "Im Juni 2018 hatten sie sich in Singapur getroffen, ihr zweiter Gipfel in Hanoi war "
        "Ende Februar ohne Einigung abgebrochen worden.",
        D(2019, 7, 1),
        "de",
        [
            ("Juni 2018", "2018-06-01", "2018-06-30", "month", False),
            ("Ende Februar", "2019-02-21", "2019-02-28", "month", True),
        ],
    ),
    (
        "In June 2018 the two had met in Singapore; their second summit had collapsed in "
        "February without a deal.",
        D(2019, 7, 1),
        "en",
        [
            ("June 2018", "2018-06-01", "2018-06-30", "month", False),
            ("February", "2019-02-01", "2019-02-28", "month", True),
        ],
    ),
    (  # ... but a cue looks back from it, and the story never passes the publication
        "Im Juni 2018 hatten sie sich in Singapur getroffen, im Februar hatten sie zuvor "
        "Briefe getauscht. Im Juli 2018 hatte Kim Pompeo empfangen, im Dezember war ein "
        "Treffen abgesagt worden.",
        D(2018, 11, 20),
        "de",
        [
            ("Juni 2018", "2018-06-01", "2018-06-30", "month", False),
            ("Februar", "2018-02-01", "2018-02-28", "month", True),
            ("Juli 2018", "2018-07-01", "2018-07-31", "month", False),
            ("Dezember", "2017-12-01", "2017-12-31", "month", True),
        ],
    ),
    (  # "until the end of the year" in a clause telling the past: the anchor's year
        "Talks collapsed on Oct. 5. Earlier, in April, Kim had given Washington until the end "
        "of the year to show flexibility.",
        D(2020, 1, 6),
        "en",
        [
            ("Oct. 5", "2019-10-05", "2019-10-05", "day", True),
            ("April", "2019-04-01", "2019-04-30", "month", True),
            ("the end of the year", "2019-09-01", "2019-12-31", "year", True),
        ],
    ),
    (  # a day alone takes the month of the date before it
        "Im Oktober 2019 scheiterten die Gespräche in Stockholm; am 5. hatten sie begonnen.",
        D(2019, 12, 20),
        "de",
        [
            ("Oktober 2019", "2019-10-01", "2019-10-31", "month", False),
            ("5.", "2019-10-05", "2019-10-05", "day", True),
        ],
    ),
    (  # counted into a year, and into a term whose start the text gave
        "Trump was sworn in on Jan. 20, 2017. Three days into 2018, Pyongyang reopened the "
        "hotline. Six months into his presidency, Trump faced a missile able to reach Alaska.",
        D(2018, 2, 1),
        "en",
        [
            ("Jan. 20, 2017", "2017-01-20", "2017-01-20", "day", False),
            ("Three days into 2018", "2018-01-03", "2018-01-03", "day", False),
            ("Six months into his presidency", "2017-07-01", "2017-07-31", "month", True),
        ],
    ),
    (
        "Am 12. Juni 2018 trafen sich Trump und Kim in Singapur. Am Tag darauf erklärte Trump "
        "die Gefahr für beendet. Im selben Monat setzten die USA ein Manöver aus.",
        D(2018, 7, 1),
        "de",
        [
            ("12. Juni 2018", "2018-06-12", "2018-06-12", "day", False),
            ("Tag darauf", "2018-06-13", "2018-06-13", "day", True),
            ("selben Monat", "2018-06-01", "2018-06-30", "month", True),
        ],
    ),
    (  # told in the past, a yearless date is never after the publication date ...
        "Nordkorea testete am 4. Juli 2017 eine Rakete. Am 28. August folgte ein weiterer Test.",
        D(2017, 8, 10),
        "de",
        [
            ("4. Juli 2017", "2017-07-04", "2017-07-04", "day", False),
            ("28. August", "2016-08-28", "2016-08-28", "day", True),
        ],
    ),
    (  # ... unless a future cue says so
        "Nordkorea testete am 4. Juli 2017 eine Rakete. Am 28. August soll ein Manöver beginnen.",
        D(2017, 8, 10),
        "de",
        [
            ("4. Juli 2017", "2017-07-04", "2017-07-04", "day", False),
            ("28. August", "2017-08-28", "2017-08-28", "day", True),
        ],
    ),
    (  # "seit 2015" reaches to now: no anchor for what follows
        "Seit 2015 gelten Sanktionen. Im März testete Nordkorea eine Rakete.",
        D(2019, 6, 1),
        "de",
        [
            ("Seit 2015", "2015-01-01", "2019-06-01", "year", False),
            ("März", "2019-03-01", "2019-03-31", "month", True),
        ],
    ),
    (  # a date in a relative clause is background, not where the text is
        "Yoon, who won the presidency in March 2022, has taken a hard line. In January, Kim "
        "scrapped the goal of reunification.",
        D(2024, 12, 4),
        "en",
        [
            ("March 2022", "2022-03-01", "2022-03-31", "month", False),
            ("January", "2024-01-01", "2024-01-31", "month", True),
        ],
    ),
    (
        "Kishida said the campaign for Sunday's upper house election would go on. It was the "
        "first such visit in 12 years.",
        D(2022, 7, 8),
        "en",
        [("Sunday", "2022-07-10", "2022-07-10", "day", False)],
    ),
    (
        "When Trump took the oath of office a year ago Saturday, aides named North Korea. "
        "Kim's New Year's Day speech opened a door.",
        D(2018, 1, 20),
        "en",
        [
            ("a year ago Saturday", "2017-01-20", "2017-01-20", "day", False),
            ("New Year's Day", "2018-01-01", "2018-01-01", "day", True),
        ],
    ),
    (  # a list is two dates; alternatives are two dates
        "North Korea carried out two nuclear tests last year, in January and September. A vote "
        "could come as early as Friday or Saturday.",
        D(2017, 9, 4),
        "en",
        [
            ("last year", "2016-01-01", "2016-12-31", "year", False),
            ("January", "2016-01-01", "2016-01-31", "month", True),
            ("September", "2016-09-01", "2016-09-30", "month", True),
            ("Friday", "2017-09-08", "2017-09-08", "day", False),
            ("Saturday", "2017-09-09", "2017-09-09", "day", False),
        ],
    ),
    (  # a flashback: "of the same year" is the year of the date before, in a wire story too
        "SEOUL, July 13 (Reuters) - The North fired its first ICBM on July 4, 2017. In "
        "November of the same year it tested the larger Hwasong-15. Later that year Kim "
        "declared his nuclear force complete.",
        D(2023, 7, 13),
        "en",
        [
            ("July 13", "2023-07-13", "2023-07-13", "day", True),
            ("July 4, 2017", "2017-07-04", "2017-07-04", "day", False),
            ("November of the same year", "2017-11-01", "2017-11-30", "month", True),
            ("Later that year", "2017-01-01", "2017-12-31", "year", True),
        ],
    ),
    (
        "Im April 2012 zerbrach eine Unha-3-Rakete kurz nach dem Start. Im Dezember "
        "desselben Jahres gelang der erste Satellitenstart. Ende desselben Jahres wurde Kim "
        "Marschall, im selben Jahr auch Parteichef.",
        D(2024, 5, 28),
        "de",
        [
            ("April 2012", "2012-04-01", "2012-04-30", "month", False),
            ("Dezember desselben Jahres", "2012-12-01", "2012-12-31", "month", True),
            ("Ende desselben Jahres", "2012-09-01", "2012-12-31", "year", True),
            ("selben Jahr", "2012-01-01", "2012-12-31", "year", True),
        ],
    ),
    (  # "the weekend of ...": the dates say which weekend, not the last one
        "Spy planes flew over the zone on the weekend of Sept. 11-12, the ministry said. Am "
        "Wochenende vom 11. auf den 12. September flogen Aufklärer über die Zone.",
        D(2021, 12, 1),
        "en",
        [
            ("the weekend of Sept. 11-12", "2021-09-11", "2021-09-12", "day", True),
            ("Wochenende vom 11. auf den 12. September", "2021-09-11", "2021-09-12", "day", True),
        ],
    ),
    (  # German words that English patterns must not take, and the reverse
        "Die Regierung will im Fall einer Eskalation handeln. Die Sommerpause endet, sagte "
        "Theresa May. Die Quote lag bei 1.5. Danach sank sie.",
        D(2019, 6, 1),
        "de",
        [],
    ),
]


@pytest.mark.parametrize(("text", "base", "language", "expected"), DOCUMENT_CASES)
def test_a_text_is_read_as_a_whole(text: str, base: D, language: str, expected: list[Read]) -> None:
    got = [
        (m.text, m.interval.start.isoformat(), m.interval.end.isoformat())
        + (m.interval.precision, m.inferred)
        for m in find_dates(text, base=base, language=language)
    ]
    assert got == expected
    for m in find_dates(text, base=base, language=language):
        assert text[m.start : m.end] == m.text


@pytest.mark.parametrize(
    ("text", "span", "start"),
    [
        (
            "Noch im vergangenen Herbst hatten sich beide gedroht.",
            "vergangenen Herbst",
            "2017-09-01",
        ),
        ("Kim threatened last September to fire missiles.", "last September", "2017-09-01"),
        ("Der Gipfel soll nächsten Sommer stattfinden.", "nächsten Sommer", "2019-06-01"),
        ("Seoul hopes for talks late this summer.", "late this summer", "2018-08-01"),
    ],
)
def test_a_deictic_word_before_a_name_is_part_of_its_expression(
    text: str, span: str, start: str
) -> None:
    """ "im vergangenen Herbst", "last September": the word that places the name is in the
    expression, so a title cut from the sentence leaves no "vergangenen" behind."""
    (found,) = find_dates(text, base=datetime.date(2018, 6, 13))
    assert (found.text, found.interval.start.isoformat()) == (span, start)


# Date forms of English and German news, each with the value a careful reader gives it
# (conventions: tests/data/ingest_eval/README.md). Not dates: "on the eve of the summit"
# (the summit's date is not in the expression), "the turn of the year"/"Jahreswechsel"
# (a vague period, like "last week" disputable), a holiday naming a thing ("a Christmas
# card"), a count bounded by "less than"/"mehr als".
NEWS_FORMS: list[tuple[str, str, D, list[tuple[str, str, str, str]]]] = [
    (  # a bare month after "for"/"für"; "May" and "March" as names stay names
        "en",
        "The Pentagon suspended an exercise that was scheduled for August.",
        D(2018, 6, 19),
        [("August", "2018-08-01", "2018-08-31", "month")],
    ),
    (
        "de",
        "Die Übung war für August geplant.",
        D(2018, 6, 19),
        [("August", "2018-08-01", "2018-08-31", "month")],
    ),
    ("en", "Support for May's plan fell, and a vote for March Madness began.", D(2019, 3, 1), []),
    (  # New Year's alone; a holiday naming a thing is none
        "en",
        "Kim Jong Un's conciliatory New Year's address has done little.",
        D(2018, 1, 5),
        [("New Year's", "2018-01-01", "2018-01-01", "day")],
    ),
    (
        "en",
        'It was up to Washington what "Christmas gift" it would receive, he sent a Christmas card.',
        D(2019, 12, 4),
        [],
    ),
    (  # a calendar's present: the coming Thursday (the article is of a Wednesday)
        "en",
        "State media prepared for Kim Jong Il's birthday, which falls on Thursday.",
        D(2017, 2, 15),
        [("Thursday", "2017-02-16", "2017-02-16", "day")],
    ),
    (  # a count with a bound is no date
        "en",
        "June 16, 2020: North Korea blows up the office, which had opened less than two "
        "years earlier.",
        D(2024, 1, 5),
        [("June 16, 2020", "2020-06-16", "2020-06-16", "day")],
    ),
    (
        "de",
        "Es kam weniger als drei Tage später zum Streit, mehr als zwei Jahre zuvor nicht.",
        D(2020, 6, 17),
        [],
    ),
    (  # a month after a part of a year: "late 2023 ... in January" is January 2024
        "en",
        "Late last year, North Korea put a satellite into orbit, and in January Kim declared "
        "the South hostile.",
        D(2024, 9, 14),
        [
            ("Late last year", "2023-09-01", "2023-12-31", "year"),
            ("January", "2024-01-01", "2024-01-31", "month"),
        ],
    ),
    (
        "de",
        "Ende 2023 brachte Nordkorea einen Satelliten ins All, im Januar erklärte Kim den "
        "Süden zum Feind.",
        D(2024, 9, 14),
        [
            ("Ende 2023", "2023-09-01", "2023-12-31", "year"),
            ("Januar", "2024-01-01", "2024-01-31", "month"),
        ],
    ),
    (  # weeks counted from the previous date, Monday to Sunday
        "en",
        "On Monday, Kim spoke. The following week, he left for Moscow.",
        D(2024, 10, 16),
        [
            ("Monday", "2024-10-14", "2024-10-14", "day"),
            ("The following week", "2024-10-21", "2024-10-27", "day"),
        ],
    ),
    (
        "de",
        "Am 3. Juni 2023 sprach Kim. In der folgenden Woche reiste er ab, in der Woche darauf "
        "kam er zurück.",
        D(2023, 9, 1),
        [
            ("3. Juni 2023", "2023-06-03", "2023-06-03", "day"),
            ("folgenden Woche", "2023-06-05", "2023-06-11", "day"),
            ("Woche darauf", "2023-06-12", "2023-06-18", "day"),
        ],
    ),
    (  # "a day after <act>" dates the act, counting back from the sentence's own date
        "en",
        "North Korea said on Wednesday it would send troops back, a day after it destroyed "
        "the liaison office.",
        D(2020, 6, 17),
        [
            ("Wednesday", "2020-06-17", "2020-06-17", "day"),
            ("a day after", "2020-06-16", "2020-06-16", "day"),
        ],
    ),
    (
        "de",
        "Nordkorea schickte am Mittwoch Truppen, einen Tag nachdem es das Büro gesprengt "
        "hatte. Am Sonntag, zwei Tage vor dem Gipfel, traf Kim ein.",
        D(2020, 6, 17),
        [
            ("Mittwoch", "2020-06-17", "2020-06-17", "day"),
            ("einen Tag nachdem", "2020-06-16", "2020-06-16", "day"),
            ("Sonntag", "2020-06-14", "2020-06-14", "day"),
            ("zwei Tage vor", "2020-06-16", "2020-06-16", "day"),
        ],
    ),
    ("en", "A day after the summit collapsed, Kim left Hanoi.", D(2019, 3, 2), []),
    (  # "died" tells the past: a January before the publication, after a summer's dates
        "en",
        "Abe's coalition won the election on July 21. Kim Bok-dong died in January.",
        D(2019, 11, 23),
        [
            ("July 21", "2019-07-21", "2019-07-21", "day"),
            ("January", "2019-01-01", "2019-01-31", "month"),
        ],
    ),
    (  # the day of the previous date
        "en",
        "On 3 June 2023 Kim spoke. That same day he left, and later that day he called Putin.",
        D(2023, 9, 1),
        [
            ("3 June 2023", "2023-06-03", "2023-06-03", "day"),
            ("That same day", "2023-06-03", "2023-06-03", "day"),
            ("later that day", "2023-06-03", "2023-06-03", "day"),
        ],
    ),
    (  # "the next day" after a flashback counts from the story's date, not the flashback's
        "en",
        "On 3 June 2023 Kim spoke. He had arrived two days earlier. The next day he left.",
        D(2023, 9, 1),
        [
            ("3 June 2023", "2023-06-03", "2023-06-03", "day"),
            ("two days earlier", "2023-06-01", "2023-06-01", "day"),
            ("The next day", "2023-06-04", "2023-06-04", "day"),
        ],
    ),
    (
        "de",
        "Am 3. Juni 2023 sprach Kim. Am Vortag hatte er Putin getroffen. Tags darauf reiste er ab.",
        D(2023, 9, 1),
        [
            ("3. Juni 2023", "2023-06-03", "2023-06-03", "day"),
            ("Vortag", "2023-06-02", "2023-06-02", "day"),
            ("Tags darauf", "2023-06-04", "2023-06-04", "day"),
        ],
    ),
    (  # a pair of days joined by a slash, as chronologies write them
        "de",
        "27./28. Feb. – Der Gipfel in Hanoi endet ohne Einigung.",
        D(2019, 6, 20),
        [("27./28. Feb.", "2019-02-27", "2019-02-28", "day")],
    ),
    (
        "en",
        "On 12/13 June the two sides talked in Stockholm.",
        D(2019, 6, 20),
        [("12/13 June", "2019-06-12", "2019-06-13", "day")],
    ),
    (  # a flashback with no story date before it is still the anchor of what follows
        "en",
        "When they signed the deal in October 1994, they believed they had bought calm. "
        "KEDO, set up the following year, was to build two reactors.",
        D(2024, 2, 10),
        [
            ("October 1994", "1994-10-01", "1994-10-31", "month"),
            ("the following year", "1995-01-01", "1995-12-31", "year"),
        ],
    ),
    (
        "de",
        "Als sie im Oktober 1994 unterschrieben, hatten sie Ruhe erkauft. Im Jahr darauf "
        "entstand KEDO.",
        D(2024, 2, 10),
        [
            ("Oktober 1994", "1994-10-01", "1994-10-31", "month"),
            ("Jahr darauf", "1995-01-01", "1995-12-31", "year"),
        ],
    ),
    (
        "en",
        "On 3 June 2023 Kim spoke. A week later he left; two days before, he had arrived.",
        D(2023, 9, 1),
        [
            ("3 June 2023", "2023-06-03", "2023-06-03", "day"),
            ("A week later", "2023-06-10", "2023-06-10", "day"),
            ("two days before", "2023-06-08", "2023-06-08", "day"),
        ],
    ),
    (  # numeric dates: ISO, German, US (English: month first unless the day says otherwise)
        "en",
        "The test took place on 10/15/2024; the next on 03/04/2025 and one on 25/12/2024.",
        D(2025, 6, 1),
        [
            ("10/15/2024", "2024-10-15", "2024-10-15", "day"),
            ("03/04/2025", "2025-03-04", "2025-03-04", "day"),
            ("25/12/2024", "2024-12-25", "2024-12-25", "day"),
        ],
    ),
    (
        "de",
        "Der Test fand am 15.10.2024 statt, der nächste am 2024-11-02.",
        D(2025, 6, 1),
        [
            ("15.10.2024", "2024-10-15", "2024-10-15", "day"),
            ("2024-11-02", "2024-11-02", "2024-11-02", "day"),
        ],
    ),
    (  # a part of a day is the day; the weekend the latest one
        "en",
        "The missile was fired in the early hours of Sunday. Over the weekend, more followed.",
        D(2024, 10, 16),
        [
            ("Sunday", "2024-10-13", "2024-10-13", "day"),
            ("the weekend", "2024-10-12", "2024-10-13", "day"),
        ],
    ),
    (
        "de",
        "In der Nacht zu Sonntag feuerte Nordkorea Raketen ab.",
        D(2024, 10, 16),
        [("Sonntag", "2024-10-13", "2024-10-13", "day")],
    ),
    (
        "en",
        "Earlier this month the North fired a missile. By mid-2019 the talks had stalled.",
        D(2024, 10, 16),
        [
            ("this month", "2024-10-01", "2024-10-31", "month"),
            ("mid-2019", "2019-05-01", "2019-08-31", "year"),
        ],
    ),
    (  # decades
        "en",
        "Famine struck in the 1990s; in the mid-1990s it was worst.",
        D(2024, 10, 16),
        [
            ("the 1990s", "1990-01-01", "1999-12-31", "decade"),
            ("mid-1990s", "1994-01-01", "1996-12-31", "decade"),
        ],
    ),
    (
        "de",
        "In den 1990er Jahren herrschte Hunger, Mitte der 1990er Jahre am schlimmsten.",
        D(2024, 10, 16),
        [
            ("1990er Jahren", "1990-01-01", "1999-12-31", "decade"),
            ("Mitte der 1990er Jahre", "1994-01-01", "1996-12-31", "decade"),
        ],
    ),
    (  # a part of this week or last, as early/late narrow a month: Monday to Wednesday,
        # Thursday to Sunday
        "de",
        "Anfang der Woche feuerte Nordkorea Raketen ab, Ende vergangener Woche drohte Kim.",
        D(2024, 10, 16),
        [
            ("Anfang der Woche", "2024-10-14", "2024-10-16", "day"),
            ("Ende vergangener Woche", "2024-10-10", "2024-10-13", "day"),
        ],
    ),
    (
        "en",
        "At the end of the week, Kim spoke. Early last week, Putin had called.",
        D(2024, 10, 18),
        [
            ("the end of the week", "2024-10-17", "2024-10-20", "day"),
            ("Early last week", "2024-10-07", "2024-10-09", "day"),
        ],
    ),
    (  # a list of years after "nach"/"after" is two dates, not "since" the first
        "de",
        "Nach 2016 und 2019 ließ Kim die Verfassung ändern. After 2017 and 2018 talks began.",
        D(2024, 10, 17),
        [
            ("2016", "2016-01-01", "2016-12-31", "year"),
            ("2019", "2019-01-01", "2019-12-31", "year"),
            ("2017 and 2018", "2017-01-01", "2018-12-31", "year"),
        ],
    ),
    (  # "N days after" in a sentence with no date of its own: counted back from the
        # report's day that the sentence before gave
        "de",
        "Das meldete KCNA am Donnerstag. Die Meldung kam zwei Tage, nachdem Soldaten die "
        "Straßen gesprengt hatten.",
        D(2024, 10, 17),
        [
            ("Donnerstag", "2024-10-17", "2024-10-17", "day"),
            ("zwei Tage, nachdem", "2024-10-15", "2024-10-15", "day"),
        ],
    ),
    (
        "en",
        "North Korea on Monday confirmed it. The confirmation came two days after Russia's "
        "top general told Putin that Kursk had been retaken. Kyiv denied it later that day.",
        D(2025, 4, 28),
        [
            ("Monday", "2025-04-28", "2025-04-28", "day"),
            ("two days after", "2025-04-26", "2025-04-26", "day"),
            ("later that day", "2025-04-26", "2025-04-26", "day"),
        ],
    ),
    (  # durations: "in 10 days" after an ordinal, "seit einer Woche", "binnen zehn Tagen"
        "en",
        "It was the fifth round of launches in 10 days. Der dritte Test in zwei Wochen. Kim "
        "ist seit einer Woche im Amt. Binnen zehn Tagen soll er reisen. The deal must be "
        "signed in 10 days.",
        D(2022, 10, 4),
        [("in 10 days", "2022-10-14", "2022-10-14", "day")],
    ),
    (  # a time of day is the day of the previous date
        "de",
        "Trump war am Montag in Tokio gelandet. Am Abend traf er Naruhito. Am Abend des 3. "
        "Juni sprach er.",
        D(2025, 10, 28),
        [
            ("Montag", "2025-10-27", "2025-10-27", "day"),
            ("Abend", "2025-10-27", "2025-10-27", "day"),
            ("3. Juni", "2025-06-03", "2025-06-03", "day"),
        ],
    ),
    (
        "en",
        "On Monday, troops fired. Later that evening, Kim spoke. Earlier in the day, Seoul "
        "had warned.",
        D(2025, 10, 28),
        [
            ("Monday", "2025-10-27", "2025-10-27", "day"),
            ("Later that evening", "2025-10-27", "2025-10-27", "day"),
            ("Earlier in the day", "2025-10-27", "2025-10-27", "day"),
        ],
    ),
    (  # a modal in the present after a fronted weekday looks ahead
        "de",
        "Am Donnerstag will Trump in Busan Xi treffen. Am Freitag soll Lee sprechen.",
        D(2025, 10, 29),
        [
            ("Donnerstag", "2025-10-30", "2025-10-30", "day"),
            ("Freitag", "2025-10-31", "2025-10-31", "day"),
        ],
    ),
    (  # an English schedule in the simple present looks ahead; a past does not
        "en",
        "Trump travels to South Korea on Wednesday. North Korea fired missiles on Monday. Kim "
        "says on Monday he will test.",
        D(2025, 10, 28),
        [
            ("Wednesday", "2025-10-29", "2025-10-29", "day"),
            ("Monday", "2025-10-27", "2025-10-27", "day"),
            ("Monday", "2025-10-27", "2025-10-27", "day"),
        ],
    ),
    (  # "für Donnerstag" looks ahead
        "de",
        "Für Donnerstag ist in Busan ein Treffen mit Xi geplant.",
        D(2025, 10, 28),
        [("Donnerstag", "2025-10-30", "2025-10-30", "day")],
    ),
    (  # news: a flashback told in passing does not move the text; a pluperfect date after
        # it looks back from the report (HeidelTime's news reading)
        "de",
        "Megumi Yokota wurde am 15. November 1977 entführt. Ihr Fall bewegt Japan. Nordkorea "
        "hatte am 22. Oktober erneut Raketen getestet.",
        D(2025, 10, 28),
        [
            ("15. November 1977", "1977-11-15", "1977-11-15", "day"),
            ("22. Oktober", "2025-10-22", "2025-10-22", "day"),
        ],
    ),
    (
        "de",
        "Das Treffen im August 2024 blieb folgenlos. Nordkorea hatte am 18. Oktober erneut "
        "Raketen getestet.",
        D(2025, 4, 28),
        [
            ("August 2024", "2024-08-01", "2024-08-31", "month"),
            ("18. Oktober", "2024-10-18", "2024-10-18", "day"),
        ],
    ),
    (  # an opening flashback moves the text only for a date opening its sentence too
        "de",
        "Im August 2024 kam es zu einem Treffen. Nordkorea hatte am 18. Oktober erneut "
        "Raketen getestet.",
        D(2025, 4, 28),
        [
            ("August 2024", "2024-08-01", "2024-08-31", "month"),
            ("18. Oktober", "2024-10-18", "2024-10-18", "day"),
        ],
    ),
    (
        "de",
        "Am 15. November 1977 wurde Megumi Yokota entführt. Nordkorea hatte am 22. Oktober "
        "erneut getestet.",
        D(2025, 10, 28),
        [
            ("15. November 1977", "1977-11-15", "1977-11-15", "day"),
            ("22. Oktober", "2025-10-22", "2025-10-22", "day"),
        ],
    ),
    (  # a narrative that has moved: the date opens its sentence
        "de",
        "Im Juni 2018 trafen sie sich in Singapur. Im April hatten sie Briefe getauscht.",
        D(2020, 5, 1),
        [
            ("Juni 2018", "2018-06-01", "2018-06-30", "month"),
            ("April", "2018-04-01", "2018-04-30", "month"),
        ],
    ),
    (  # a flashback in a relative clause does not anchor the rest of its sentence
        "de",
        "Yoon, der im Mai 2022 sein Amt angetreten hatte, hatte am 1. Oktober gewarnt.",
        D(2024, 10, 17),
        [
            ("Mai 2022", "2022-05-01", "2022-05-31", "month"),
            ("1. Oktober", "2024-10-01", "2024-10-01", "day"),
        ],
    ),
    (  # a pluperfect date after the report's day: "am Tag darauf" follows it, not the
        # report's day; a later date in the pluperfect is no flashback ("Later that month")
        "de",
        "Trump traf am Dienstag Takaichi. Nordkorea hatte am 22. Oktober Raketen getestet. "
        "KCNA meldete am Tag darauf, es sei ein neues System.",
        D(2025, 10, 28),
        [
            ("Dienstag", "2025-10-28", "2025-10-28", "day"),
            ("22. Oktober", "2025-10-22", "2025-10-22", "day"),
            ("Tag darauf", "2025-10-23", "2025-10-23", "day"),
        ],
    ),
    (
        "en",
        "Ukraine launched an incursion into Kursk in August 2024. The spy agency had said on "
        "Oct. 18 that troops were shipped. Later that month, officials put the number higher.",
        D(2025, 4, 28),
        [
            ("August 2024", "2024-08-01", "2024-08-31", "month"),
            ("Oct. 18", "2024-10-18", "2024-10-18", "day"),
            ("Later that month", "2024-10-01", "2024-10-31", "month"),
        ],
    ),
    ("de", "Vor der Woche der Wahrheit und nach der Woche des Gipfels.", D(2024, 10, 16), []),
    (
        "en",
        "On the eve of the summit Kim spoke; around the turn of the year he wrote.",
        D(2024, 10, 16),
        [],
    ),
    ("de", "Zum Jahreswechsel schlug Kim versöhnliche Töne an.", D(2018, 1, 5), []),
    (  # quarters, at month precision
        "en",
        "Exports rose in Q3 2024 and in the third quarter of 2023.",
        D(2024, 12, 1),
        [
            ("Q3 2024", "2024-07-01", "2024-09-30", "month"),
            ("third quarter of 2023", "2023-07-01", "2023-09-30", "month"),
        ],
    ),
    (
        "de",
        "Im ersten Quartal 2024 sank der Handel.",
        D(2024, 12, 1),
        [("ersten Quartal 2024", "2024-01-01", "2024-03-31", "month")],
    ),
]


@pytest.mark.parametrize(("language", "text", "base", "expected"), NEWS_FORMS)
def test_date_forms_of_news(
    language: str, text: str, base: D, expected: list[tuple[str, str, str, str]]
) -> None:
    got = [
        (m.text, m.interval.start.isoformat(), m.interval.end.isoformat(), m.interval.precision)
        for m in find_dates(text, base=base, language=language)
    ]
    assert got == expected

# ruff: noqa: E501
"""Every date expression named in the ingest issue, found in running text with its value.

Base: Tuesday 10 December 2019, the publication date the expressions are resolved against.
"""

import datetime

import pytest

from app.dates import find_dates

BASE = datetime.date(2019, 12, 10)
CASES = [
    # (language, sentence, span, start, end, precision, qualifier)
    (
        "de",
        "Sie trafen sich am 12. Juni 2018 dort.",
        "12. Juni 2018",
        "2018-06-12",
        "2018-06-12",
        "day",
        None,
    ),
    (
        "en",
        "They met on June 12, 2018 there.",
        "June 12, 2018",
        "2018-06-12",
        "2018-06-12",
        "day",
        None,
    ),
    ("en", "The test came on Aug. 9 at dawn.", "Aug. 9", "2019-08-09", "2019-08-09", "day", None),
    ("en", "Filed 2018-06-12 in court.", "2018-06-12", "2018-06-12", "2018-06-12", "day", None),
    (
        "de",
        "Das geschah im August 2017 in Guam.",
        "August 2017",
        "2017-08-01",
        "2017-08-31",
        "month",
        None,
    ),
    ("de", "Das Jahr 2018 war anders.", "2018", "2018-01-01", "2018-12-31", "year", None),
    (
        "de",
        "Er kam im Februar 2024 zurück.",
        "Februar 2024",
        "2024-02-01",
        "2024-02-29",
        "month",
        None,
    ),
    (
        "de",
        "Sie sprachen am 7. Februar darüber.",
        "7. Februar",
        "2019-02-07",
        "2019-02-07",
        "day",
        None,
    ),
    ("de", "Sie trafen sich am Wochenende.", "Wochenende", "2019-12-07", "2019-12-08", "day", None),
    ("de", "Er sagte am Dienstag ab.", "Dienstag", "2019-12-10", "2019-12-10", "day", None),
    (
        "en",
        "He said on Wednesday that it failed.",
        "Wednesday",
        "2019-12-04",
        "2019-12-04",
        "day",
        None,
    ),
    (
        "en",
        "Talks failed last year in Hanoi.",
        "last year",
        "2018-01-01",
        "2018-12-31",
        "year",
        None,
    ),
    ("de", "Das war letzte Woche klar.", "letzte Woche", "2019-12-02", "2019-12-08", "day", None),
    (
        "de",
        "Das war vor zwei Jahren klar.",
        "vor zwei Jahren",
        "2017-01-01",
        "2017-12-31",
        "year",
        None,
    ),
    (
        "de",
        "Das war vor einer Woche klar.",
        "vor einer Woche",
        "2019-12-02",
        "2019-12-08",
        "day",
        None,
    ),
    (
        "de",
        "Er kommt Anfang November.",
        "Anfang November",
        "2019-11-01",
        "2019-11-10",
        "month",
        "early",
    ),
    ("de", "Er kam Mitte Mai an.", "Mitte Mai", "2019-05-11", "2019-05-20", "month", "mid"),
    (
        "de",
        "Es endete Ende Februar 2019 in Hanoi.",
        "Ende Februar 2019",
        "2019-02-21",
        "2019-02-28",
        "month",
        "late",
    ),
    ("en", "Tests resumed in late 2017.", "late 2017", "2017-09-01", "2017-12-31", "year", "late"),
    (
        "de",
        "Die Gipfel 2018 und 2019 scheiterten.",
        "2018 und 2019",
        "2018-01-01",
        "2019-12-31",
        "year",
        None,
    ),
    (
        "de",
        "Er regierte von 2017 bis 2019 dort.",
        "von 2017 bis 2019",
        "2017-01-01",
        "2019-12-31",
        "year",
        None,
    ),
    (
        "en",
        "Talks on March 3 and 4, 2020 failed.",
        "March 3 and 4, 2020",
        "2020-03-03",
        "2020-03-04",
        "day",
        None,
    ),
    (
        "de",
        "Lee regiert seit Juni 2025.",
        "seit Juni 2025",
        "2025-06-01",
        "2025-06-30",
        "month",
        "after",
    ),
    (
        "de",
        "Das begann in den 1990er-Jahren.",
        "1990er-Jahren",
        "1990-01-01",
        "1999-12-31",
        "decade",
        None,
    ),
    (
        "de",
        "Die Frist läuft bis 31. Dezember.",
        "31. Dezember",
        "2019-12-31",
        "2019-12-31",
        "day",
        None,
    ),
    ("en", "They met last June in the DMZ.", "June", "2019-06-01", "2019-06-30", "month", None),
    # the forms of issue 21
    (
        "en",
        "Talks on Feb 28, 2019 failed.",
        "Feb 28, 2019",
        "2019-02-28",
        "2019-02-28",
        "day",
        None,
    ),
    ("en", "It began on Jan. 1 in Seoul.", "Jan. 1", "2019-01-01", "2019-01-01", "day", None),
    ("en", "It ended in Sept. with a deal.", "Sept.", "2019-09-01", "2019-09-30", "month", None),
    (
        "en",
        "The handshake on 29th Jun, 2019 was brief.",
        "29th Jun, 2019",
        "2019-06-29",
        "2019-06-29",
        "day",
        None,
    ),
    (
        "en",
        "State media said on Wednesday 1 Jan 2020 that Kim spoke.",
        "Wednesday 1 Jan 2020",
        "2020-01-01",
        "2020-01-01",
        "day",
        None,
    ),
    (
        "de",
        "Der Krieg von 1950-53 prägt Korea.",
        "1950-53",
        "1950-01-01",
        "1953-12-31",
        "year",
        None,
    ),
    (
        "en",
        "In the 2018/19 season nothing moved.",
        "2018/19",
        "2018-01-01",
        "2019-12-31",
        "year",
        None,
    ),
    (
        "de",
        "Im Sommer 2019 testete Nordkorea.",
        "Sommer 2019",
        "2019-06-01",
        "2019-08-31",
        "month",
        None,
    ),
    (
        "en",
        "Over the summer of 2019 it fired missiles.",
        "summer of 2019",
        "2019-06-01",
        "2019-08-31",
        "month",
        None,
    ),
    (
        "de",
        "Im Frühjahr hatte Kim geschwiegen.",
        "Frühjahr",
        "2019-03-01",
        "2019-05-31",
        "month",
        None,
    ),
    (
        "de",
        "Im Herbst reiste Moon nach Pjöngjang.",
        "Herbst",
        "2019-09-01",
        "2019-11-30",
        "month",
        None,
    ),
    (
        "en",
        "Three days into 2018, the hotline reopened.",
        "Three days into 2018",
        "2018-01-03",
        "2018-01-03",
        "day",
        None,
    ),
    (
        "de",
        "Mitte des Jahres stockten die Gespräche.",
        "Mitte des Jahres",
        "2019-05-01",
        "2019-08-31",
        "year",
        "mid",
    ),
    # German "will" (wants) ends with its clause; "wird" is the future
    (
        "de",
        "Nordkorea will weiter testen, sagte ein Sprecher am Mittwoch.",
        "Mittwoch",
        "2019-12-04",
        "2019-12-04",
        "day",
        None,
    ),
    (
        "de",
        "Die Regierung wird am Mittwoch entscheiden.",
        "Mittwoch",
        "2019-12-11",
        "2019-12-11",
        "day",
        None,
    ),
]


@pytest.mark.parametrize(
    ("language", "text", "span", "start", "end", "precision", "qualifier"), CASES
)
def test_every_listed_expression(
    language: str, text: str, span: str, start: str, end: str, precision: str, qualifier: str | None
) -> None:
    found = find_dates(text, base=BASE, language=language)
    assert len(found) == 1, found
    mention = found[0]
    assert text[mention.start : mention.end] == mention.text == span
    value = mention.interval.as_dict()
    assert (value["start"], value["end"], value["precision"], value["qualifier"]) == (
        start,
        end,
        precision,
        qualifier,
    )

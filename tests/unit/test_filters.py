"""`from` and `to` as the API and the command line read them (app.filters)."""

import datetime
from collections.abc import Iterator

import pytest
from sqlalchemy import Connection, create_engine

from app.filters import FilterError, event_filters

TODAY = datetime.date.today()
Y = TODAY.year


@pytest.fixture
def conn() -> Iterator[Connection]:
    with create_engine("sqlite://").connect() as connection:
        yield connection  # no name is resolved: the filters below are dates only


@pytest.mark.parametrize(
    ("date_from", "date_to", "start", "end"),
    [
        ("last year", "last year", datetime.date(Y - 1, 1, 1), datetime.date(Y - 1, 12, 31)),
        ("letztes Jahr", None, datetime.date(Y - 1, 1, 1), None),
        (
            "vor fünf Jahren",
            "vor fünf Jahren",
            datetime.date(Y - 5, 1, 1),
            datetime.date(Y - 5, 12, 31),
        ),
        ("seit 2018", "seit 2018", datetime.date(2018, 1, 1), TODAY),
        ("gestern", "heute", TODAY - datetime.timedelta(days=1), TODAY),
        ("2018", "Juni 2019", datetime.date(2018, 1, 1), datetime.date(2019, 6, 30)),
    ],
)
def test_from_and_to_take_relative_expressions_against_today(
    conn: Connection,
    date_from: str,
    date_to: str | None,
    start: datetime.date,
    end: datetime.date | None,
) -> None:
    filters = event_filters(conn, date_from=date_from, date_to=date_to)
    assert (filters.date_from, filters.date_to) == (start, end)


@pytest.mark.parametrize(("date_from", "param"), [("nächstes Jahrzehnt", "from"), ("", "from")])
def test_an_unreadable_bound_names_its_parameter(
    conn: Connection, date_from: str, param: str
) -> None:
    with pytest.raises(FilterError) as error:
        event_filters(conn, date_from=date_from)
    assert error.value.param == param

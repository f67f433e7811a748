"""A source's and a link's stated date: written by events.stated_columns and read by
events.stated_date, the one place either way, so that a link accepted as a source states
what the link stated."""

import datetime

import pytest

from app.dates import DateInterval
from app.models import EventLink, Source
from app.services import links
from app.services.events import stated_columns, stated_date

DAY = datetime.date(2018, 6, 12)


@pytest.mark.parametrize(
    "stated",
    [
        None,
        DateInterval(DAY, DAY, "day"),
        DateInterval(datetime.date(2006, 1, 1), datetime.date(2017, 11, 29), "year", "after"),
        DateInterval(datetime.date(2018, 6, 1), DAY, "month", None, "day"),
    ],
)
def test_a_source_states_the_date_it_was_written_with(stated: DateInterval | None) -> None:
    source = Source(event_id="e", passage_id=1, quote="q", start=0, end=1, **stated_columns(stated))
    assert stated_date(source) == stated


def test_an_accepted_link_states_what_the_link_stated() -> None:
    stated = DateInterval(datetime.date(2006, 1, 1), datetime.date(2017, 11, 29), "year", "after")
    columns = stated_columns(stated)
    del columns["stated_end_precision"]  # a link has none: a mention's date has none
    link = EventLink(
        passage_id=1,
        event_id="e",
        found_as="linked",
        score=0.7,
        quote="q",
        start=0,
        end=1,
        **columns,
    )
    assert stated_date(link) == stated
    assert links.source(link).stated_date == stated

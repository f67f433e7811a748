"""A bare German weekday told in the present is the coming one, as in a preview; told in
the past it is the one before the publication (app.dates). Sentences after German
previews and reports."""

import datetime

import pytest

from app.dates import find_dates

MONDAY = datetime.date(2019, 2, 25)


@pytest.mark.parametrize(
    ("sentence", "day"),
    [
        ("Am Mittwoch treffen sich beide zu einem Abendessen in Hanoi.", "2019-02-27"),
        ("Am Donnerstag folgen die eigentlichen Gespräche.", "2019-02-28"),
        ("Am Sonntag testet Nordkorea erneut eine Rakete.", "2019-03-03"),
        ("Trump fliegt am Montagabend aus Washington ab.", "2019-02-25"),  # that very day
        ("Er war am Samstagnachmittag mit seinem Sonderzug aufgebrochen.", "2019-02-23"),
        ("Ein Sprecher sagte am Dienstag, Kim wolle verhandeln.", "2019-02-19"),
        ("Am Dienstag trafen sich die Minister in Seoul.", "2019-02-19"),
        ("Nordkorea hat am Sonntag eine Rakete getestet.", "2019-02-24"),
        ("Die Staatsmedien berichteten am Freitag über den Start.", "2019-02-22"),
        ("Am vergangenen Mittwoch treffen sich die Unterhändler.", "2019-02-20"),
        ("The ministers meet on Wednesday in Seoul.", "2019-02-20"),  # German only
    ],
)
def test_a_present_weekday_in_german_is_the_coming_one(sentence: str, day: str) -> None:
    language = "en" if sentence.startswith("The") else "de"
    [found] = find_dates(sentence, base=MONDAY, language=language)
    assert str(found.interval.start) == day

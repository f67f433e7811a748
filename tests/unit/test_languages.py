"""The reader's language (Accept-Language with quality values), German dates, and seeds
that must carry both languages."""

import datetime
import shutil
from pathlib import Path

import pytest
import yaml
from sqlmodel import Session

from app import languages, schema, seeds
from app.dates import DateInterval, parse_date
from app.db import get_engine
from tests.conftest import SEEDS_DIR


@pytest.mark.parametrize(
    ("header", "expected"),
    [
        (None, "en"),
        ("", "en"),
        ("de", "de"),
        ("de-AT", "de"),
        ("de-DE,de;q=0.9,en;q=0.8", "de"),
        ("en-US,en;q=0.9,de;q=0.8", "en"),
        ("fr, de;q=0.5, en;q=0.4", "de"),
        ("fr, en;q=0.5, de;q=0.4", "en"),
        ("fr-CH, fr;q=0.9", "en"),
        ("de;q=0, en", "en"),
        ("en;q=0.2, de;q=0.7", "de"),
        ("*", "en"),
        ("fr, *;q=0.1", "en"),
        ("de;q=bad, en;q=0.1", "en"),
        ("de;q=0.5, en;q=0.5", "de"),  # equal quality: the first named
    ],
)
def test_accept_language_quality_values(header: str | None, expected: str) -> None:
    assert languages.from_accept_language(header) == expected


def test_lang_wins_over_accept_language_unless_it_is_not_ours() -> None:
    assert languages.chosen("en", "de") == "en"
    assert languages.chosen("de", "en") == "de"
    assert languages.chosen(None, "de") == "de"
    assert languages.chosen("fr", "de") == "de"


@pytest.mark.parametrize(
    ("expression", "english", "german"),
    [
        ("12. Juni 2018", "12 June 2018", "12. Juni 2018"),
        ("June 2018", "June 2018", "Juni 2018"),
        ("Anfang 2019", "early 2019", "Anfang 2019"),
        ("Mitte September 2017", "mid-September 2017", "Mitte September 2017"),
        ("Ende der 1990er Jahre", "late 1990s", "Ende der 1990er-Jahre"),
        ("12.-14. Juni 2018", "12–14 June 2018", "12.–14. Juni 2018"),
        ("April 2017 - March 2018", "April 2017 – March 2018", "April 2017 – März 2018"),
        ("before 2010", "before 2010", "vor 2010"),
        ("2017", "2017", "2017"),
    ],
)
def test_german_display_beside_the_english_one(expression: str, english: str, german: str) -> None:
    interval = parse_date(expression)
    assert (interval.display(), interval.display_de()) == (english, german)


def test_ongoing_is_since_in_both_languages() -> None:
    month = DateInterval(
        datetime.date(2024, 1, 1), datetime.date(2024, 3, 1), "month", None, "day", True
    )
    assert (month.display(), month.display_de()) == ("since January 2024", "seit Januar 2024")
    decade = DateInterval(
        datetime.date(1990, 1, 1), datetime.date(2020, 3, 1), "decade", None, "day", True
    )
    assert decade.display_de() == "seit den 1990er-Jahren"


def edited_seeds(tmp_path: Path, file: str, item: str, field: str, value: object) -> Path:
    """A copy of the seeds with one field of one item replaced."""
    copy = tmp_path / "seeds"
    shutil.copytree(SEEDS_DIR, copy)
    entries = yaml.safe_load((copy / file).read_text(encoding="utf-8"))
    next(entry for entry in entries if entry["id"] == item)[field] = value
    (copy / file).write_text(yaml.safe_dump(entries, allow_unicode=True), encoding="utf-8")
    return copy


@pytest.mark.parametrize(
    ("file", "item", "field", "value", "message"),
    [
        ("events.yaml", "hanoi-summit-2019", "title", {"en": "Hanoi"}, "title has no 'de'"),
        ("events.yaml", "hanoi-summit-2019", "summary", {"de": "Hanoi"}, "summary has no 'en'"),
        ("events.yaml", "hanoi-summit-2019", "title", "Hanoi summit", "title must be"),
        ("events.yaml", "hanoi-summit-2019", "date_note", {"en": "Hanoi"}, "date_note has no 'de'"),
        ("events.yaml", "hanoi-summit-2019", "date_note", "English only", "date_note must be"),
        ("actors.yaml", "kim-jong-un", "description", {"de": "Kim"}, "description has no 'en'"),
        ("actors.yaml", "north-korea", "name", {"en": "North Korea"}, "name has no 'de'"),
        ("places.yaml", "pyongyang", "name", {"en": "Pyongyang", "de": ""}, "name has no 'de'"),
    ],
)
def test_the_loader_refuses_an_item_lacking_a_language(
    tmp_path: Path, file: str, item: str, field: str, value: object, message: str
) -> None:
    url = f"sqlite:///{tmp_path / 'seeds.db'}"
    schema.upgrade(url)
    edited = edited_seeds(tmp_path, file, item, field, value)
    refused = pytest.raises(seeds.SeedError, match=rf"{file}.*{item}.*{message}")
    with Session(get_engine(url)) as session, refused:
        seeds.load(session, edited)

"""The ingestion evaluation (bench.eval_ingest) as floors that cannot silently drop.

The issue's targets (issue 21): date values right >= 95%, links >= 90% right with no link
that hides a new event, >= 80% of the new dated events proposed with the right date, no
junk proposal, no duplicate, a kind guessed ("unclassified" only when nothing fits). The
floors and ceilings below are what main measured when they were set, rounded a little in
the safe direction; they only ever move towards the targets: whoever improves a figure
raises its floor. Only new texts in the set (harder ones, say) re-measure them. Speed
(articles per second) is printed by the module but, being a timing, asserted only by
benchmarks, never here.
"""

import datetime
from pathlib import Path

import pytest
import yaml

from bench.eval_ingest import (
    DEFAULT_DIR,
    AnnotationError,
    Report,
    evaluate,
    parse_value,
    read_article,
    read_set,
)
from tests.conftest import SEEDS_DIR

FLOORS = {  # re-measured when session 13's ten holdout texts joined (95 texts, session 14)
    "date_accuracy": 0.997,
    "link_precision": 0.98,  # the Kursk story's "in January" links Kim's speech of that month
    "link_recall": 0.885,  # 0.89 on 85 texts; the holdout's KEDO "set up the following year"
    "proposal_recall": 0.945,  # 0.958 on 85 texts; the holdout's plans and pictures
    "kind_accuracy": 0.90,  # the DW text's "zusammengetroffen" has no kind; Takaichi, prime
    # minister "last week", reads the death of the relative clause about Abe
}
CEILINGS = {
    "spurious_dates": 1,  # the holdout's "einen Monat nach" read as a date
    "hiding_links": 4,  # the Kursk incursion of August 2024 behind the war of 2022; Putin's
    # June visit behind the rapprochement; a meeting at the White House behind Trump's wish
    "junk_proposals": 0,
    "duplicate_proposals": 31,  # 20 on 85 texts; the holdout's texts report events the
    # others report, in the other language and at other precisions
}


@pytest.fixture(scope="module")
def report() -> Report:
    return evaluate(DEFAULT_DIR)


@pytest.mark.parametrize("figure", sorted(FLOORS))
def test_figure_at_least_its_floor(report: Report, figure: str) -> None:
    assert report.figures[figure] >= FLOORS[figure], "\n".join(report.notes)


@pytest.mark.parametrize("figure", sorted(CEILINGS))
def test_figure_at_most_its_ceiling(report: Report, figure: str) -> None:
    assert report.figures[figure] <= CEILINGS[figure], "\n".join(report.notes)


def test_annotations_fit_their_texts() -> None:
    """Every annotated text is in its article (read_set raises otherwise), the values
    parse, every event id is a seed event, and the set has both languages."""
    seed_ids = {e["id"] for e in yaml.safe_load((SEEDS_DIR / "events.yaml").read_text())}
    articles = read_set(DEFAULT_DIR)
    languages = [a.meta["language"] for a in articles]
    assert languages.count("de") >= 6 and languages.count("en") >= 6
    for article in articles:
        assert 1200 <= len(article.text) <= 2600, article.name
        assert article.dates and article.events, article.name
        for date in article.dates:
            assert article.text[date.span[0] : date.span[1]] == date.text
        for event in article.events:
            assert article.text[event.span[0] : event.span[1]] == event.quote
            assert event.is_new or event.event in seed_ids, (article.name, event.event)
            assert event.also <= seed_ids, (article.name, event.also)
    keys = {e.key for a in articles for e in a.events if e.is_new}
    assert not keys & seed_ids, "a new event's key names an existing event"


def test_a_quote_not_in_the_text_is_refused(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text("Am 3. September 2017 zündete Nordkorea eine Bombe.\n")
    (tmp_path / "a.yaml").write_text(
        "language: de\npublished: 2017-09-04\n"
        "dates: [{text: 4. September 2017, value: 2017-09-04}]\n"
    )
    with pytest.raises(AnnotationError, match="not in the text"):
        read_article(tmp_path / "a.txt")


@pytest.mark.parametrize(
    ("raw", "start", "end", "precision"),
    [
        ("2018", "2018-01-01", "2018-12-31", "year"),
        ("2019-02", "2019-02-01", "2019-02-28", "month"),
        ("2018-03-05..2018-03-06", "2018-03-05", "2018-03-06", "day"),
        ("1950..1953", "1950-01-01", "1953-12-31", "year"),
        (
            {"start": "1980-01-01", "end": "1989-12-31", "precision": "decade"},
            "1980-01-01",
            "1989-12-31",
            "decade",
        ),
    ],
)
def test_annotated_values(raw: object, start: str, end: str, precision: str) -> None:
    assert parse_value(raw) == (
        datetime.date.fromisoformat(start),
        datetime.date.fromisoformat(end),
        precision,
    )


@pytest.mark.parametrize("raw", ["2018..2018-03", "2019-03..2019-02", {"start": "2018-01-01"}])
def test_annotated_values_refused(raw: object) -> None:
    with pytest.raises((ValueError, KeyError)):
        parse_value(raw)


def test_an_unknown_key_is_refused(tmp_path: Path) -> None:
    """An unquoted comma in a flow mapping ({text: Jan 5, 2018, ...}) makes a key."""
    (tmp_path / "a.txt").write_text("Published Jan 5, 2018\n")
    (tmp_path / "a.yaml").write_text(
        "language: en\npublished: 2018-01-05\ndates: [{text: Jan 5, 2018, value: 2018-01-05}]\n"
    )
    with pytest.raises(AnnotationError, match="unknown keys"):
        read_article(tmp_path / "a.txt")


def test_a_new_event_cannot_be_optional(tmp_path: Path) -> None:
    """Whether a new event is owed is `propose`; `optional` is for existing events."""
    (tmp_path / "a.txt").write_text("Am 3. September 2017 zündete Nordkorea eine Bombe.\n")
    (tmp_path / "a.yaml").write_text(
        "language: de\npublished: 2017-09-04\nevents:\n"
        "- {quote: zündete Nordkorea eine Bombe, date: 2017-09-03, event: new, optional: true}\n"
    )
    with pytest.raises(AnnotationError, match="never `optional`"):
        read_article(tmp_path / "a.txt")

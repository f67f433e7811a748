"""The labelled evaluation set must stay above 0.9 on every measure."""

from __future__ import annotations

import pytest

from bench.eval_dates import DEFAULT_PATH, evaluate

MEASURES = [f"{kind}_{m}" for kind in ("span", "value") for m in ("precision", "recall", "f1")]


@pytest.fixture(scope="module")
def scores() -> dict[str, float]:
    return evaluate(DEFAULT_PATH)


@pytest.mark.parametrize("measure", MEASURES)
def test_eval_at_least_0_9(scores: dict[str, float], measure: str) -> None:
    assert scores[measure] >= 0.9, scores


def test_eval_set_is_large_enough() -> None:
    import yaml

    data = yaml.safe_load(DEFAULT_PATH.read_text(encoding="utf-8"))
    langs = [p["language"] for p in data["passages"]]
    assert langs.count("de") >= 10 and langs.count("en") >= 10
    for p in data["passages"]:
        for m in p["mentions"]:
            assert p["text"][m["start"]:m["end"]] == m["text"]

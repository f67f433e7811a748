"""Passages: paragraphs and sentences of real-world text, offsets into the unchanged text."""

import re

import pytest

from app.ingest.passages import sentence_ends, split_passages
from tests.conftest import SEEDS_DIR


def texts(text: str, **kwargs: int) -> list[str]:
    spans = split_passages(text, **kwargs)
    return [text[start:end] for start, end in spans]


def sentences(text: str) -> list[str]:
    cuts = [0, *sentence_ends(text), len(text)]
    return [text[a:b].strip() for a, b in zip(cuts, cuts[1:], strict=False) if text[a:b].strip()]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Ein Satz.Der nächste Satz.", ["Ein Satz.", "Der nächste Satz."]),
        ("Erst das. Dann das! Und? Ja.", ["Erst das.", "Dann das!", "Und?", "Ja."]),
        ("Die U.S. Army kam. Dann ging sie.", ["Die U.S. Army kam.", "Dann ging sie."]),
        ("Das E.N.D. Projekt ruht. Gut.", ["Das E.N.D. Projekt ruht.", "Gut."]),
        ("Man nehme z.B. Reis. Oder z. B. Nudeln.", ["Man nehme z.B. Reis.", "Oder z. B. Nudeln."]),
        ("Der Wert stieg um 1.5 Prozent. Gut.", ["Der Wert stieg um 1.5 Prozent.", "Gut."]),
        ("Am 12.06.2018 trafen sie sich. Ja.", ["Am 12.06.2018 trafen sie sich.", "Ja."]),
        (
            "Siehe www.example.com/Seite.Html dazu. Ende.",
            ["Siehe www.example.com/Seite.Html dazu.", "Ende."],
        ),
        ("Dr. Müller sagte es. Nr. 5 kam.", ["Dr. Müller sagte es.", "Nr. 5 kam."]),
        ('Er sagte: "Nein." Dann ging er.', ['Er sagte: "Nein."', "Dann ging er."]),
        ("Donald J. Trump kam. Kim auch.", ["Donald J. Trump kam.", "Kim auch."]),
        ("Es war 2018. 2019 kam Hanoi.", ["Es war 2018.", "2019 kam Hanoi."]),
        ("Am 27. April kam er. Gut.", ["Am 27. April kam er.", "Gut."]),
        (  # an English day after its month is no German ordinal
            "It fired on Sept. 9. On Oct. 1 it paraded.",
            ["It fired on Sept. 9.", "On Oct. 1 it paraded."],
        ),
        (  # a decade ends a sentence; its "s" is no initial
            "It began in the early 1990s. In March 1993 it left.",
            ["It began in the early 1990s.", "In March 1993 it left."],
        ),
    ],
)
def test_sentence_boundaries(text: str, expected: list[str]) -> None:
    assert sentences(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Titel\n\nErster Absatz.\nZweiter Absatz.",
            ["Titel", "Erster Absatz.", "Zweiter Absatz."],
        ),
        ("Zwischentitel ohne Punkt\nAbsatz folgt.", ["Zwischentitel ohne Punkt", "Absatz folgt."]),
        (
            "Liste:\n- eins\n- zwei\n* drei\n1. vier",
            ["Liste:", "- eins", "- zwei", "* drei", "1. vier"],
        ),
        ("Ein Satz, mitten\nim Satz umbrochen.", ["Ein Satz, mitten\nim Satz umbrochen."]),
        (
            "Kopf\n\n" + "Ein hart umbrochener Absatz mit vielen Worten, der weiter geht als\n"
            "eine Zeile und dann endet.\n\nNächster.",
            [
                "Kopf",
                "Ein hart umbrochener Absatz mit vielen Worten, der weiter geht als\n"
                "eine Zeile und dann endet.",
                "Nächster.",
            ],
        ),
        ("  \r\n Eingerückt.  \r\n\r\nWindows.\r\n", ["Eingerückt.", "Windows."]),
        ("", []),
        ("\n\n   \n", []),
    ],
)
def test_paragraphs(text: str, expected: list[str]) -> None:
    assert texts(text) == expected


@pytest.mark.parametrize("max_chars", [200, 500, 1500])
def test_long_paragraphs_are_cut_at_sentence_ends(max_chars: int) -> None:
    sentence = "Kim Jong Un traf am 27. April 2018 Moon Jae-in in Panmunjom, sagte der Sprecher."
    text = " ".join([sentence] * 60)
    pieces = texts(text, max_chars=max_chars)
    assert len(pieces) > 1
    assert all(len(p) <= max_chars for p in pieces)
    assert all(p.startswith("Kim") and p.endswith("Sprecher.") for p in pieces)


def test_a_sentence_longer_than_the_limit_is_cut_at_white_space() -> None:
    text = " ".join(["Wort"] * 200)
    pieces = texts(text, max_chars=200)
    assert all(len(p) <= 200 for p in pieces)
    assert re.sub(r"\s", "", "".join(pieces)) == "Wort" * 200


@pytest.mark.parametrize("path", sorted((SEEDS_DIR / "articles").glob("*.txt")))
def test_offsets_index_the_original_text(path: object) -> None:
    text = path.read_text(encoding="utf-8")  # type: ignore[attr-defined]
    spans = split_passages(text, max_chars=300)
    assert spans == sorted(spans)
    for (_start, end), (next_start, _) in zip(spans, spans[1:], strict=False):
        assert end <= next_start and text[end:next_start].strip() == ""
    assert all(text[s:e] == text[s:e].strip() and len(text[s:e]) <= 300 for s, e in spans)
    covered = "".join(text[s:e] for s, e in spans)
    assert re.sub(r"\s", "", covered) == re.sub(r"\s", "", text)

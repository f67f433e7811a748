"""What reports an event and what a proposal is made of: datelines, bylines, credits,
stamps and headings; titles, kinds and how sure a date is. Sentences written for these
tests, in German and English."""

import datetime
import re

import pytest

from app.dates import DateInterval
from app.ingest import proposals, reports
from app.ingest.reports import Span


@pytest.mark.parametrize(
    ("text", "dateline"),
    [
        ("SEOUL, 5. Juli (Reuters) - Nordkorea hat erneut", "SEOUL, 5. Juli (Reuters) - "),
        ("WASHINGTON (AP) — The White House said", "WASHINGTON (AP) — "),
        ("TOKIO, 29. August (AFP) – Japan hat", "TOKIO, 29. August (AFP) – "),
        ("Berlin (dpa) - Die Bundesregierung", "Berlin (dpa) - "),
        ("SEOUL, March 4 - Officials in Seoul", "SEOUL, March 4 - "),
        ("PJÖNGJANG. Die Staatsmedien meldeten", "PJÖNGJANG. "),
        ("Kim Jong Un hat am Freitag", ""),
        ("North Korea - a country apart - tested", ""),
        ("U.S. officials said on Monday", ""),
    ],
)
def test_datelines(text: str, dateline: str) -> None:
    assert text[: reports.dateline_end(text, 0, len(text))] == dateline


@pytest.mark.parametrize(
    ("text", "boilerplate"),
    [
        ("Von Anna Müller, dpa", True),
        ("Von Jana Berger und Tim Roth, Seoul", True),
        ("By John Smith", True),
        ("By Mary Jones and Li Wei, Reuters, 4 September 2017", True),
        ("Foto: Reuters", True),
        ("Photo: Kim Hong-Ji/Reuters", True),
        ("(Foto: dpa)", True),
        ("Photo by Ahn Young-joon", True),
        ("In this Sept. 3, 2017, file photo, people watch a news report in Seoul.", True),
        ("Bildunterschrift: Kim bei einer Militärparade im Februar.", True),
        ("Aktualisiert am 5. Juli 2017, 14:32 Uhr", True),
        ("Updated June 5, 2019", True),
        ("Last updated: 12 June 2018 09:40 BST", True),
        ("Stand: 12.06.2018", True),
        ("Dieser Beitrag wurde am 3. September 2017 um 8:10 Uhr veröffentlicht.", True),
        ("Copyright 2019 The Wire. All rights reserved.", True),
        ("Von hier aus gesehen ist Seoul nur 50 Kilometer entfernt.", False),
        ("Bilder von der Grenze zeigen Soldaten beider Seiten.", False),
        ("By March 2018, the talks had stalled.", False),
        ("Published reports said Kim had been ill for weeks.", False),
        ("Stand heute gibt es keinen Friedensvertrag.", False),
        ("Am 3. September 2017 zündete Nordkorea eine Wasserstoffbombe.", False),
    ],
)
def test_bylines_credits_and_stamps(text: str, boilerplate: bool) -> None:
    assert reports.is_boilerplate(text) is boilerplate


@pytest.mark.parametrize(
    ("text", "date_only"),
    [
        ("28. Juli", True),
        ("2018", True),
        ("June 12:", True),
        ("– 9. Oktober 2006 –", True),
        ("Sommer 2019", True),
        ("Saturday 28 April 2018 06.12 BST", True),
        ("28. Juli: Zweiter Test", False),
    ],
)
def test_a_passage_that_is_only_a_date(text: str, date_only: bool) -> None:
    dates = {
        "28. Juli": "28. Juli",
        "2018": "2018",
        "June 12:": "June 12",
        "– 9. Oktober 2006 –": "9. Oktober 2006",
        "Sommer 2019": "2019",
        "Saturday 28 April 2018 06.12 BST": "Saturday 28 April 2018",
        "28. Juli: Zweiter Test": "28. Juli",
    }
    start = text.index(dates[text])
    spans = [Span(100 + start, 100 + start + len(dates[text]))]
    assert reports.is_date_only(text, spans, 100) is date_only


@pytest.mark.parametrize(
    ("text", "name", "modifies"),
    [
        ("der US-Sender CNN berichtete", "US", True),
        ("the US broadcaster CNN reported", "US", True),
        ("das Kim-Regime drohte", "Kim", True),
        ("der Trump-Kim-Gipfel in Hanoi", "Trump", False),
        ("der Trump-Kim-Gipfel in Hanoi", "Kim", False),
        ("die USA und Nordkorea", "USA", False),
        ("US-Präsident Trump", "Trump", False),
    ],
)
def test_a_name_in_a_compound_is_no_actor(text: str, name: str, modifies: bool) -> None:
    names = [Span(m.start(), m.end()) for m in re.finditer(r"\b(?:USA|US|Trump|Kim)\b", text)]
    at = text.index(name)
    assert reports.modifies(text, Span(at, at + len(name)), names) is modifies


@pytest.mark.parametrize(
    ("sentence", "date", "names", "person", "title"),
    [
        (
            "Am 27. April 2018 trafen sich Kim Jong Un und Moon Jae-in im Grenzort Panmunjom.",
            "27. April 2018",
            ["Kim Jong Un", "Moon Jae-in", "Panmunjom"],
            None,
            "Kim Jong Un und Moon Jae-in trafen sich im Grenzort Panmunjom",
        ),
        (
            "On March 1, 2019, the foreign minister held a press conference in Hanoi.",
            "March 1, 2019",
            ["Hanoi"],
            None,
            "The foreign minister held a press conference in Hanoi",
        ),
        (
            "March 5-6, 2018: South Korean envoys meet Kim in Pyongyang.",
            "March 5-6, 2018",
            ["Kim", "Pyongyang"],
            None,
            "South Korean envoys meet Kim in Pyongyang",
        ),
        (
            "Am 3. September zündete das isolierte Regime seinen sechsten Atomtest.",
            "3. September",
            [],
            None,
            "Das isolierte Regime zündete seinen sechsten Atomtest",
        ),
        (
            "Am 9. Mai überquerte er die Grenze zu Fuß.",
            "9. Mai",
            [],
            "Kim Jong Un",
            "Kim Jong Un überquerte die Grenze zu Fuß",
        ),
        (
            "He said on Tuesday that the talks would go on.",
            "Tuesday",
            [],
            "Moon Jae-in",
            "Moon Jae-in said that the talks would go on",
        ),
        (
            "Analyse: Am 8. August drohte Trump Nordkorea mit Feuer und Wut.",
            "8. August",
            ["Trump", "Nordkorea"],
            None,
            "Trump drohte Nordkorea mit Feuer und Wut",
        ),
        (
            "Der 3. September 2017 markierte den sechsten Atomtest.",
            "3. September 2017",
            [],
            None,
            "Der 3. September 2017 markierte den sechsten Atomtest",
        ),
    ],
)
def test_titles(sentence: str, date: str, names: list[str], person: str | None, title: str) -> None:
    at = sentence.index(date)
    made, _ = proposals.title(sentence, [(at, at + len(date))], names, person)
    assert made == title


def test_a_long_title_is_cut_at_a_clause_or_word_never_mid_word() -> None:
    sentence = (
        "On June 30, 2019, Donald Trump became the first sitting president to step into "
        "North Korea, shaking hands with Kim Jong Un at the demarcation line in Panmunjom "
        "before talks that lasted almost an hour"
    )
    at = sentence.index("June 30, 2019")
    title, _ = proposals.title(sentence, [(at, at + 13)], [], None)
    assert len(title) <= proposals.TITLE_CHARS
    assert title.startswith("Donald Trump became")
    words = sentence.replace(",", "").split()
    assert all(word in words for word in title.rstrip("…").replace(",", "").split())


@pytest.mark.parametrize(
    ("sentence", "kind"),
    [
        ("Nordkorea testet erneut eine Interkontinentalrakete.", "weapons-test"),
        ("Pjöngjang zündete seinen sechsten Atomtest.", "weapons-test"),
        ("North Korea fired two ballistic missiles into the sea.", "weapons-test"),
        ("Kim und Trump kamen in Hanoi zum Gipfel zusammen.", "summit"),
        ("Kim und Moon trafen sich an der Grenze.", "meeting"),
        ("The two leaders held their second summit in Hanoi.", "summit"),
        ("Der UN-Sicherheitsrat verhängte neue Sanktionen.", "sanctions"),
        ("The UN Security Council imposed new sanctions on Pyongyang.", "sanctions"),
        ("In seiner Neujahrsansprache bot Kim Gespräche an.", "speech"),
        ("Trump drohte Nordkorea mit Feuer und Wut.", "threat"),
        ("Trump condemned the brutality a day after the student died.", "statement"),
        ("The student died in a hospital in Cincinnati.", "death"),
        ("North Korea said it had detonated a hydrogen bomb.", "weapons-test"),
        ("Pjöngjang erklärte, man habe eine Wasserstoffbombe gezündet.", "weapons-test"),
        ("Nordkorea sprengte das Verbindungsbüro in Kaesong.", "demolition"),
        ("Das Verbindungsbüro wurde gesprengt.", "demolition"),
        ("Moon reiste nach Pjöngjang.", "visit"),
        ("The weather was fine in Seoul.", "unclassified"),
    ],
)
def test_kinds_from_a_bilingual_lexicon(sentence: str, kind: str) -> None:
    assert proposals.kind_of(sentence) == kind


def test_a_stated_date_scores_higher_than_an_inferred_or_coarser_one() -> None:
    day = DateInterval(datetime.date(2017, 9, 3), datetime.date(2017, 9, 3), "day")
    month = DateInterval(datetime.date(2017, 9, 1), datetime.date(2017, 9, 30), "month")
    stated = proposals.date_score(day, inferred=False, heading=False)
    assert stated > proposals.date_score(day, inferred=True, heading=False)
    assert stated > proposals.date_score(day, inferred=False, heading=True)
    assert stated > proposals.date_score(month, inferred=False, heading=False)


@pytest.mark.parametrize(
    ("clause", "language", "plan"),
    [
        ("Chung is expected to travel to Washington later this week", "en", True),
        ("A vote could come as early as Friday", "en", True),
        ("Ein Gipfel soll Ende Mai stattfinden", "de", True),
        ("Moon wird im Herbst nach Pjöngjang reisen", "de", True),
        ("Kim will die Gespräche fortsetzen", "de", False),
        ("Trump accepted the invitation", "en", False),
    ],
)
def test_plans(clause: str, language: str, plan: bool) -> None:
    assert proposals.is_plan(clause, language) is plan

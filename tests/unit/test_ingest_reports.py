"""What reports an event and what a proposal is made of: datelines, bylines, credits,
stamps and headings; titles, kinds and how sure a date is. Sentences written for these
tests, in German and English."""

import datetime
import re

import pytest

from app.dates import DateInterval, find_dates, names_a_thing
from app.ingest import proposals, reports
from app.ingest.reports import Span
from app.models import Passage


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
        ("By Jane Doe | 3 March 2024", True),
        ("Von unserem Korrespondenten, Tokio, 28. Oktober 2025", True),
        ("Von unserer Korrespondentin in Peking", True),
        ("From our correspondent in Seoul, 4 July 2017", True),
        ("From Seoul, the view is different.", False),
        ("Von unserem Standpunkt aus ist das ein Fehler.", False),
        ("Published reports said Kim had been ill for weeks.", False),
        ("Stand heute gibt es keinen Friedensvertrag.", False),
        ("Publiziert am 25.03.2022", True),
        ("Erschienen am 3. September 2017", True),
        ("First published on Jan 5, 2018", True),
        ("Am 3. September 2017 zündete Nordkorea eine Wasserstoffbombe.", False),
        ("Kommentar | 12. März 2024", True),
        ("World news · March 3, 2024", True),
        ("Politik • 04.07.2017", True),
        ("Kim | Trump | 2019", False),
        ("Seoul | Nordkorea hat am 4. Juli 2017 eine Rakete getestet, sagte das Militär.", False),
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
        (
            "Warmbier, 22, died on Monday afternoon surrounded by his family.",
            "Monday",
            [],
            None,
            "Warmbier, 22, died surrounded by his family",
        ),
        (
            "The thaw gathered pace during last month's Winter Olympics.",
            "last month",
            [],
            None,
            "The thaw gathered pace during Winter Olympics",
        ),
        (
            "Less than three weeks later, on Sept. 15, it happened again.",
            "Sept. 15",
            [],
            None,
            "Less than three weeks later, it happened again",
        ),
        (
            "Am Donnerstag legte US-Präsident Donald Trump nach.",
            "Donnerstag",
            ["US", "Donald Trump"],
            None,
            "Am Donnerstag legte US-Präsident Donald Trump nach",
        ),
        (  # a clause of time parted from the sentence: its conjunction goes
            "when his predecessor, Yoon Suk Yeol, declared martial law on Dec. 3.",
            "Dec. 3",
            ["Yoon Suk Yeol"],
            None,
            "His predecessor, Yoon Suk Yeol, declared martial law",
        ),
        (  # after a lead-in and a colon, the subject goes in front too
            "Fast wäre es nicht dazu gekommen: Am 24. Mai hatten Trump und Südkoreas Präsident "
            "Moon den Gipfel abgesagt.",
            "24. Mai",
            ["Trump", "Moon"],
            None,
            "Fast wäre es nicht dazu gekommen: Trump und Südkoreas Präsident Moon hatten den "
            "Gipfel abgesagt",
        ),
        (  # a date between an article and its noun leaves the article
            "Prime Minister Shinzo Abe called the September launch a grave threat.",
            "September",
            ["Shinzo Abe"],
            None,
            "Prime Minister Shinzo Abe called the launch a grave threat",
        ),
        (  # a relative pronoun before the date stays
            "Der dritte Test ist der erste unter Kim Jong Un, der 2011 die Macht von seinem "
            "Vater übernommen hatte.",
            "2011",
            ["Kim Jong Un"],
            None,
            "Der dritte Test ist der erste unter Kim Jong Un, der die Macht von seinem Vater "
            "übernommen hatte",
        ),
        (  # "after" of a clause of time cut from its sentence goes, its subject stays first
            "after the South suspended part of it over the North's launch of a spy satellite "
            "on Nov. 21.",
            "Nov. 21",
            ["the South", "North"],
            None,
            "The South suspended part of it over the North's launch of a spy satellite",
        ),
        (  # "that September" goes with its date; the pronoun is the person named before
            "and that September he became the first South Korean leader in a decade to visit "
            "Pyongyang.",
            "September",
            [],
            "Moon Jae-in",
            "Moon Jae-in became the first South Korean leader in a decade to visit Pyongyang",
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
        (  # a chronology's present, before a relative clause's act
            "North Korea blows up the liaison office, which had opened two years before.",
            "demolition",
        ),
        ("Nordkorea sprengt das Verbindungsbüro, das 2018 eröffnet worden war.", "demolition"),
        ("Moon reiste nach Pjöngjang.", "visit"),
        ("The weather was fine in Seoul.", "unclassified"),
    ],
)
def test_kinds_from_a_bilingual_lexicon(sentence: str, kind: str) -> None:
    assert proposals.kind_of(sentence) == kind


@pytest.mark.parametrize(
    ("sentence", "language", "kind"),
    [
        # German "war" is "was": no war
        ("Putin war in der Nacht zum Mittwoch kurz vor drei Uhr gelandet.", "de", "visit"),
        ("Kim war am Dienstag nach einer Zugfahrt in Dong Dang eingetroffen.", "de", "visit"),
        ("Das Büro war im September 2018 eröffnet worden.", "de", "founding"),
        ("Die Rakete vom Typ Hwasong-17 war am Donnerstag gestartet worden.", "de", "weapons-test"),
        ("It was the worst war in the peninsula's history.", "en", "war"),
        # a German verb before the noun it acts on; the occasion of a statement stays
        ("Am 24. Mai hatte Trump den Gipfel in einem Brief an Kim abgesagt.", "de", "statement"),
        ("In seiner Neujahrsansprache bot Kim Gespräche an.", "de", "speech"),
        ("Der sechste Test übertrifft alle vorherigen bei Weitem.", "de", "weapons-test"),
        # a statement reporting an act has the act's kind, not one saying what is wished
        ("Pjöngjang spricht von einer Wasserstoffbombe.", "de", "weapons-test"),
        (
            "Ein Sprecher sagte am Freitag, Moon wolle nach dem Gipfel mit Trump telefonieren.",
            "de",
            "statement",
        ),
        (
            "Seoul bestätigte am Dienstag, dass das Gebäude gesprengt worden sei.",
            "de",
            "demolition",
        ),
        # a quote's words do not decide, unless nothing else does
        ('Trump mocks Kim as "Rocket Man" in his first address to the U.N.', "en", "speech"),
        ('Kim spricht von einem Geschenk für die "amerikanischen Bastarde".', "de", "statement"),
        # an English quote in a German article is read in English
        ("Trump said the talks with them had been very productive.", "de", "statement"),
        ("The Hwasong-15 missile was launched at 3:17 a.m. local time.", "en", "weapons-test"),
        ("Yoon declared martial law in a late-night televised address.", "en", "military-action"),
        ("Yoon narrowly won the presidency in March 2022.", "en", "election"),
        ("He had been waiting for a flight, according to police.", "en", "unclassified"),
        ("Moon Jae In berief am Donnerstag den Sicherheitsrat ein.", "de", "meeting"),
        # a name given is no statement; a satellite launched is a test
        (
            "The satellite, called Chollima-2, was launched late Monday from Sohae.",
            "en",
            "weapons-test",
        ),
        ("Kim has ruled the country since taking power in December 2011.", "en", "inauguration"),
        ("A salvo of cruise missiles was tracked over the Yellow Sea.", "en", "weapons-test"),
        # martial law declared is a military act, not a founding nor sanctions
        (
            "Yoon hatte am Dienstagabend überraschend das Kriegsrecht ausgerufen.",
            "de",
            "military-action",
        ),
        (
            "Der Präsident hatte das Kriegsrecht verhängt und Soldaten geschickt.",
            "de",
            "military-action",
        ),
        ("Die EU hat am Montag neue Sanktionen verhängt.", "de", "sanctions"),
        (
            "It was the first time martial law had been declared since 1980.",
            "en",
            "military-action",
        ),
        # a negotiator is a person; a long separable verb; an attack simulated is a drill
        ("On Monday, former negotiator Kim Yong Chol called Trump a fool.", "en", "statement"),
        ("by mid-2019 his negotiators were demanding concessions first", "en", "statement"),
        (
            "Ri Yong Ho wies die Resolution am Montag am Rande eines Asean-Treffens in Manila als "
            "Verletzung der Souveränität seines Landes zurück.",
            "de",
            "statement",
        ),
        (
            "Die Armee simulierte mit Raketen einen Angriff auf das Testgelände.",
            "de",
            "military-action",
        ),
        (
            "Seoul bestätigte am Dienstag, dass das Gebäude um 14.49 Uhr zerstört worden sei.",
            "de",
            "demolition",
        ),
        ("Over the summer it fired more than a dozen short-range missiles.", "en", "weapons-test"),
        # a clause of time around the act does not decide
        (
            "On Wednesday, hours before Trump landed in Gyeongju, it said it had test-fired "
            "cruise missiles.",
            "en",
            "weapons-test",
        ),
        (
            "Trump left for Washington on Thursday after talks with Xi in Busan.",
            "en",
            "negotiation",
        ),
        # a satellite put into orbit was launched; artillery shelling in the present tense
        (
            "North Korea said Wednesday it put its first spy satellite into orbit.",
            "en",
            "weapons-test",
        ),
        (
            "Nordkorea bringt erstmals einen Aufklärungssatelliten in eine Umlaufbahn.",
            "de",
            "weapons-test",
        ),
        ("Nov. 23: North Korean artillery shells Yeonpyeong Island.", "en", "military-action"),
        (
            "23. November: Nordkoreas Artillerie beschießt die Insel Yeonpyeong.",
            "de",
            "military-action",
        ),
        # what a cabinet voted to do is the act, not an election: a suspension
        (
            "The Cabinet voted Wednesday to suspend part of the military agreement.",
            "en",
            "policy",
        ),
        ("South Koreans voted on Tuesday.", "en", "election"),
        (
            "Das Kabinett stimmte am Mittwoch dafür, das Militärabkommen teils auszusetzen.",
            "de",
            "policy",
        ),
        # an accusation is a statement
        (
            "North Korea accused South Korea on Friday of flying drones over Pyongyang.",
            "en",
            "statement",
        ),
        (
            "Pjöngjang warf Seoul am Freitag vor, Drohnen über die Hauptstadt geschickt zu haben.",
            "de",
            "statement",
        ),
        (
            "Das Ministerium hatte Südkorea am Freitag vorgeworfen, Drohnen geschickt zu haben.",
            "de",
            "statement",
        ),
    ],
)
def test_kinds_by_language_and_clause(sentence: str, language: str, kind: str) -> None:
    assert proposals.kind_of(sentence, language) == kind


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
        ("it had tested a new missile that could reach all of the U.S. mainland", "en", False),
    ],
)
def test_plans(clause: str, language: str, plan: bool) -> None:
    assert proposals.is_plan(clause, language) is plan


@pytest.mark.parametrize(
    ("clause", "date", "language", "plan"),
    [
        ("The U.N. Security Council was due to meet on Wednesday", "Wednesday", "en", True),
        ("Der UN-Sicherheitsrat soll am Montag zusammentreten", "Montag", "de", True),
        (
            "Kim Yo Jong threatened on Monday that such planes could be shot down",
            "Monday",
            "en",
            False,
        ),
        (
            "Kim Yo Jong drohte am Montag, solche Flugzeuge könnten abgeschossen werden",
            "Montag",
            "de",
            False,
        ),
        ("Trump said on Friday he will meet Kim", "Friday", "en", False),
        ("In December, Kim announced plans to launch three satellites", "December", "en", False),
        ("Kim hatte im Dezember angekündigt, drei Satelliten zu starten", "Dezember", "de", False),
        ("Trump will travel to Seoul on Friday, the White House announced", "Friday", "en", True),
        (
            "South Korea on Friday suspended it, hours before the pact was due to expire",
            "Friday",
            "en",
            False,
        ),
        (  # what a thing is meant to do, in a relative clause after the date
            "Am Samstag hatte der UN-Sicherheitsrat Sanktionen beschlossen, die Nordkoreas "
            "Exporte um eine Milliarde Dollar im Jahr senken sollen",
            "Samstag",
            "de",
            False,
        ),
        (
            "On Saturday the council adopted sanctions, which will cut exports",
            "Saturday",
            "en",
            False,
        ),
        (  # what was threatened, quoted (the quote running on to the sentence's end)
            "Kim Yo Jong hatte am Samstag gedroht: „Schon bald wird man sehen, wie das Büro "
            "zusammenbricht.",
            "Samstag",
            "de",
            False,
        ),
        ('On Saturday she warned: "Soon the office will collapse."', "Saturday", "en", False),
        (  # what was agreed, in a complement clause after the date
            "Gestern vereinbarten Yoon und Biden in Washington, dass wieder ein US-Atom-U-Boot "
            "Südkorea anlaufen soll",
            "Gestern",
            "de",
            False,
        ),
        (
            "On Wednesday Yoon and Biden agreed that a U.S. nuclear submarine will visit",
            "Wednesday",
            "en",
            False,
        ),
        ("Seoul sagte am Montag, dass der Rat am Freitag abstimmen soll", "Freitag", "de", True),
        ("Der Rat soll am Samstag abstimmen", "Samstag", "de", True),
        ("The council is expected to vote on Saturday", "Saturday", "en", True),
        ('"We will launch on Monday," he said', "Monday", "en", True),  # the date in the quote
    ],
)
def test_a_future_in_what_was_said_makes_no_plan_of_the_day_it_was_said(
    clause: str, date: str, language: str, plan: bool
) -> None:
    assert proposals.is_plan(clause, language, at=clause.index(date)) is plan


@pytest.mark.parametrize(
    ("clause", "language"),
    [
        ("and said the North would launch three more spy satellites in 2024", "en"),
        ("Kim kündigte an, das Land werde 2024 drei weitere Aufklärungssatelliten starten", "de"),
        ("the two sides agreed to seek talks with the United States this year", "en"),
        ("Beide Seiten vereinbarten, noch in diesem Jahr Gespräche aufzunehmen", "de"),
        ("and it has promised three more launches this year", "en"),
        ("und Pjöngjang versprach für dieses Jahr drei weitere Starts", "de"),
        ("Kim hatte angekündigt, 2024 drei weitere Satelliten ins All zu schießen", "de"),
        ("Kim called for an exponential expansion of the arsenal in 2023", "en"),
    ],
)
def test_what_was_said_of_the_future_is_a_plan_when_its_date_lies_ahead(
    clause: str, language: str
) -> None:
    assert proposals.is_plan(clause, language, ahead=True)
    assert not proposals.is_plan(clause, language)  # "said Seoul would keep working"


@pytest.mark.parametrize(
    ("sentence", "year", "attributive"),
    [
        (
            "North Korea said in late November it would no longer abide by the 2018 military "
            "agreement.",
            "2018",
            True,
        ),
        ("The 2019 Hanoi summit ended without a deal on Feb. 28.", "2019", True),
        (
            "Die Armee kündigte am Dienstag an, das Militärabkommen von 2018 nicht mehr "
            "einzuhalten.",
            "2018",
            True,
        ),
        ("In 2018 the two Koreas signed a military agreement on Sept. 19.", "2018", False),
        ("Im September 2018 unterzeichneten sie ein Abkommen.", "2018", False),
    ],
)
def test_a_year_naming_a_thing(sentence: str, year: str, attributive: bool) -> None:
    at = sentence.index(year)
    assert names_a_thing(sentence, at, at + len(year)) is attributive


@pytest.mark.parametrize(
    ("text", "title", "last", "headline"),
    [
        (
            "Nordkorea testet erstmals seit 2017 wieder Interkontinentalrakete",
            "Nordkorea testet erstmals seit 2017 wieder Interkontinentalrakete",
            False,
            True,
        ),
        ("North Korea fires ICBM it says can reach all of U.S. mainland", None, False, True),
        ("Am 3. September 2017 zündete Nordkorea eine Wasserstoffbombe.", None, False, False),
        ("Kim und Trump treffen sich in Hanoi", None, True, False),  # the whole text
    ],
)
def test_the_headline_reports_nothing(
    text: str, title: str | None, last: bool, headline: bool
) -> None:
    passage = Passage(article_id="a", ordinal=0, start=0, end=len(text), text=text)
    assert reports.is_headline(passage, title, last) is headline


@pytest.mark.parametrize(
    ("sentence", "date", "no_event"),
    [
        ("Until last year most people had never heard it.", "last year", True),
        ("The summit would have been hard to imagine a year ago.", "a year ago", True),
        (
            "A month ago, few analysts would have expected Pyongyang to stay quiet.",
            "A month ago",
            True,
        ),
        (
            "Vor einem Jahr wäre ein solches Treffen noch kaum vorstellbar gewesen.",
            "Vor einem Jahr",
            True,
        ),
        ("Es gab mehr Tests als vor einem Jahr.", "vor einem Jahr", True),
        ("Kein Jahr war auf der Halbinsel so angespannt wie 2017.", "2017", True),
        ("The peninsula was never as tense as in 2017.", "2017", True),
        ("Ein Gipfel nur für die Fotografen, wie 2019, würde wenig bringen.", "2019", True),
        ("A handshake for the cameras, like in 2019, would achieve little.", "2019", True),
        (
            "State media prepared for Kim Jong Il's birthday, which falls on Thursday.",
            "Thursday",
            True,
        ),
        ("Nordkorea feuerte vor einem Jahr eine Rakete über Japan.", "vor einem Jahr", False),
        # a count of acts told before: the acts have their own dates
        ("It was the second such launch this week.", "this week", True),
        ("Es war der dritte derartige Zwischenfall in diesem Jahr.", "in diesem Jahr", True),
        (
            "Als im Juni 2018 Trump und Kim sich trafen, war die Welt erleichtert.",
            "im Juni 2018",
            False,
        ),
        ("Kim Jong Un said on Tuesday he would meet Trump.", "Tuesday", False),
        (  # "might have to" is no counterfactual
            "In his September speech he warned that the U.S. might have to destroy the country.",
            "September",
            False,
        ),
        (
            "Im September sagte er, die USA müssten das Land womöglich zerstören.",
            "September",
            False,
        ),
    ],
)
def test_dates_that_no_event_has(sentence: str, date: str, no_event: bool) -> None:
    before = sentence[: sentence.index(date)]
    assert proposals.no_event_date(sentence, before) is no_event


@pytest.mark.parametrize(
    ("sentence", "date", "event"),
    [
        (
            "It was the first time martial law had been declared in South Korea since 1980.",
            "since 1980",
            True,
        ),
        (
            "North Korea has not launched a missile since Nov. 29, when it tested its rocket.",
            "since Nov. 29",
            True,
        ),
        (
            "Es war der erste Test einer Langstreckenrakete seit November 2017.",
            "seit November 2017",
            True,
        ),
        ("Es ist der sechste Atomtest seit 2006.", "seit 2006", False),
        ("North Korea has conducted six nuclear tests since 2006.", "since 2006", False),
        ("Seit dem Frühjahr wirbt Kim offen um Moskau.", "Seit dem Frühjahr", False),
        ("Seit Mai 2019 testet Nordkorea wieder Kurzstreckenraketen.", "Seit Mai 2019", True),
        ("The North has again been firing missiles since May 2019.", "since May 2019", True),
        ("Since 2019, the talks have stalled; the North is testing again.", "Since 2019", False),
        ("Trump, der Kim seit Januar immer wieder droht, schwieg.", "seit Januar", False),
    ],
)
def test_a_since_date_dates_an_event_only_when_the_sentence_says_so(
    sentence: str, date: str, event: bool
) -> None:
    at = sentence.index(date)
    assert proposals.is_since(date)
    assert proposals.since_event(sentence[:at], sentence[at + len(date) :]) is event


@pytest.mark.parametrize(
    ("sentence", "date", "precision", "event"),
    [
        ("North Korea has not launched a missile since Nov. 29.", "since Nov. 29", "day", True),
        (
            "Nordkorea hat seit dem 29. November keine Rakete gestartet.",
            "seit dem 29. November",
            "day",
            True,
        ),
        ("It has not tested a nuclear weapon or an ICBM since 2017.", "since 2017", "year", False),
        (
            "Relations soured since Kim declared in January that he would no longer seek talks.",
            "January",
            "month",
            False,
        ),
        (
            "Seit 2017 hat das Land keine Interkontinentalrakete mehr getestet.",
            "Seit 2017",
            "year",
            False,
        ),
    ],
)
def test_an_absence_since_a_day_names_the_last_act_since_a_year_none(
    sentence: str, date: str, precision: str, event: bool
) -> None:
    """ "has not launched since Nov. 29": the launch of 29 November; "since 2017" names no
    test of 2017."""
    at = sentence.index(date)
    assert proposals.since_event(sentence[:at], sentence[at + len(date) :], precision) is event


@pytest.mark.parametrize(
    ("sentence", "date", "days"),
    [
        (
            "North Korea said on Wednesday it had test-fired a new missile, a day after South "
            "Korea's military detected a launch.",
            "Wednesday",
            1,
        ),
        (
            "Nordkorea teilte am Mittwoch mit, es habe eine neue Rakete getestet, einen Tag "
            "nachdem Südkoreas Militär den Start erfasst hatte.",
            "Mittwoch",
            1,
        ),
        ("North Korea said on Wednesday it had test-fired a new missile.", "Wednesday", 0),
        ("KCNA meldete am Mittwoch, die Rakete sei erfolgreich gestartet.", "Mittwoch", 0),
        ("North Korea test-fired a missile on Wednesday, the military said.", "Wednesday", None),
        ("Trump said on Monday he was open to talks.", "Monday", None),
    ],
)
def test_a_report_of_an_earlier_act_says_how_many_days_before_it_the_act_was(
    sentence: str, date: str, days: int | None
) -> None:
    at = sentence.index(date)
    assert proposals.reported_act_days(sentence, at, at + len(date)) == days


@pytest.mark.parametrize(
    ("expression", "clause", "language", "state"),
    [
        ("Two weeks later", "Two weeks later the tone has changed.", "en", True),
        ("Zwei Wochen später", "Zwei Wochen später ist der Ton ein anderer.", "de", True),
        ("Two days later", "Two days later the North reopened the hotline.", "en", False),
        ("Two days later", "Two days later, the talks were over.", "en", False),
        ("Zwei Tage später", "Zwei Tage später hat Pjöngjang die Leitung geöffnet.", "de", False),
        ("in March", "In March the tone is different.", "en", False),
    ],
)
def test_a_date_counted_on_in_a_clause_of_a_present_state_dates_no_act(
    expression: str, clause: str, language: str, state: bool
) -> None:
    assert proposals.is_state_later(expression, clause, language) is state


def test_a_since_event_is_dated_by_its_start() -> None:
    since = DateInterval(datetime.date(2017, 11, 1), datetime.date(2022, 3, 25), "month")
    assert proposals.first_unit(since) == DateInterval(
        datetime.date(2017, 11, 1), datetime.date(2017, 11, 30), "month"
    )
    year = DateInterval(datetime.date(1980, 1, 1), datetime.date(2024, 12, 4), "year")
    assert proposals.first_unit(year).end == datetime.date(1980, 12, 31)


@pytest.mark.parametrize(
    ("sentence", "language", "kind"),
    [
        (
            "North Korea's foreign ministry said on Sunday that it had no intention of holding "
            "negotiations.",
            "en",
            "statement",
        ),
        (
            "Trump hat Südkorea wieder verlassen, ohne Kim Jong Un getroffen zu haben.",
            "de",
            "unclassified",
        ),
        ("Kim became the first North Korean leader to set foot in the South.", "en", "visit"),
    ],
)
def test_what_was_not_done_tells_no_kind_and_what_was_does(
    sentence: str, language: str, kind: str
) -> None:
    assert proposals.kind_of(sentence, language) == kind


def test_the_clause_of_time_that_holds_the_date_tells_the_kind() -> None:
    sentence = "The killing came a day after North Korea test-fired a new missile into the sea."
    assert proposals.kind_of(sentence, "en", sentence.index("a day after")) == "weapons-test"
    landed = "On Wednesday, hours before Trump landed in Gyeongju, it said it had tested missiles."
    assert proposals.kind_of(landed, "en", landed.index("Wednesday")) == "weapons-test"
    # a time of day is no clause of time
    timed = "The building was blown up shortly before 3 p.m. on Tuesday, the ministry said."
    assert proposals.kind_of(timed, "en", timed.index("Tuesday")) == "demolition"
    german = "Das Gebäude wurde kurz nach 14 Uhr am Dienstag gesprengt, meldete das Ministerium."
    assert proposals.kind_of(german, "de", german.index("Dienstag")) == "demolition"


def test_what_comes_before_a_colon_is_not_the_act_of_a_date_after_it() -> None:
    sentence = "The summit nearly did not happen: on May 24 Trump cancelled it in a letter."
    assert proposals.kind_of(sentence, "en", sentence.index("May 24")) == "statement"
    german = "Der Gipfel stand auf der Kippe: Am 24. Mai sagte Trump ihn in einem Brief ab."
    assert proposals.kind_of(german, "de", german.index("24. Mai")) == "statement"
    label = "Juli: Pjöngjang erkennt die Volksrepubliken Donezk und Luhansk an."
    assert proposals.kind_of(label, "de", 0) == "policy"  # a label's date opens the line


@pytest.mark.parametrize(
    ("clause", "date", "language", "kind"),
    [
        (
            'when Trump threatened "fire and fury" and the North\'s sixth nuclear test on Sept. '
            "3 shook buildings in China",
            "Sept. 3",
            "en",
            "weapons-test",
        ),
        ("Kim reiste nach Peking und traf am Dienstag Xi Jinping", "Dienstag", "de", "meeting"),
        (  # "and" inside the act's own words changes nothing
            "the North carried out its sixth and largest nuclear test on Sept. 3",
            "Sept. 3",
            "en",
            "weapons-test",
        ),
        (
            "where the North's most powerful nuclear explosion shook the mountains on Sept. 3",
            "Sept. 3",
            "en",
            "weapons-test",
        ),
        (  # the clause of reason that holds the date tells the act
            "Die Neuwahl war nötig geworden, weil das Gericht Yoon am 4. April abgesetzt hatte",
            "4. April",
            "de",
            "unclassified",
        ),
        (  # a quoted act tells the kind only when the date is in the quote
            'by mid-2019 his negotiators were demanding that Washington change its "hostile '
            'policy" first',
            "mid-2019",
            "en",
            "statement",
        ),
        (
            'Ein Sprecher in Tokio sprach auf Englisch von "a test conducted on September 3"',
            "September 3",
            "de",
            "weapons-test",
        ),
        (
            "The vote was held early because Yoon declared martial law on Dec. 3",
            "Dec. 3",
            "en",
            "military-action",
        ),
    ],
)
def test_the_part_of_a_clause_that_holds_the_date_tells_the_kind(
    clause: str, date: str, language: str, kind: str
) -> None:
    assert proposals.kind_of(clause, language, clause.index(date)) == kind


@pytest.mark.parametrize(
    ("sentence", "date", "since"),
    [
        ("als erster Herrscher seines Landes seit dem Ende des Koreakriegs 1953", "1953", True),
        ("der erste, seit er im Dezember 2011 die Macht übernahm", "Dezember 2011", True),
        ("the first officials to meet Kim since he took power in late 2011", "late 2011", True),
        (
            "Seit Kim im vergangenen Jahr Soldaten nach Russland geschickt hat",
            "vergangenen Jahr",
            True,
        ),
        ("Kim traf Putin im September 2023 in Wostotschny", "September 2023", False),
    ],
)
def test_a_date_that_starts_a_span_to_now(sentence: str, date: str, since: bool) -> None:
    at = sentence.index(date)
    assert proposals.is_since(date, sentence[:at]) is since


@pytest.mark.parametrize(
    ("sentence", "language"),
    [
        (
            "Die Resolution war am 5. August im Sicherheitsrat einstimmig verabschiedet worden.",
            "de",
        ),
        ("Der Sicherheitsrat verabschiedete am Montag einstimmig die Resolution 2397.", "de"),
        ("The U.N. Security Council unanimously adopted a new resolution on Saturday.", "en"),
        ("Resolution 2375 was passed by the council on Sept. 11 without a vote against.", "en"),
    ],
)
def test_a_resolution_adopted_is_sanctions(sentence: str, language: str) -> None:
    """The Security Council's resolutions on the North impose sanctions; a resolution
    rejected is what was said of it."""
    assert proposals.kind_of(sentence, language) == "sanctions"
    rejected = "Pjöngjang wies die Resolution am Montag als Verletzung seiner Souveränität zurück."
    assert proposals.kind_of(rejected, "de") == "statement"


@pytest.mark.parametrize(
    ("rest", "kind", "precision", "going"),
    [
        (
            "Since late May, North Korea has floated thousands of balloons south",
            "unclassified",
            "month",
            True,
        ),
        ("since June 2, the North has been sending balloons across", "unclassified", "day", True),
        (
            "Seit dem 2. Juni hat Pjöngjang Tausende Ballons über die Grenze geschickt",
            "unclassified",
            "day",
            True,
        ),
        (
            "Seit dem 2. Juni hat Pjöngjang, so das Militär, Ballons treiben lassen",
            "unclassified",
            "day",
            True,
        ),
        ("Seit dem 2. Juni testet Pjöngjang fast jede Woche Raketen", "weapons-test", "day", True),
        (
            "Seit Oktober herrscht Funkstille zwischen Seoul und Pjöngjang",
            "unclassified",
            "month",
            False,
        ),
        ("since May, relations have been frozen", "unclassified", "month", False),
        ("since May, the talks have remained stalled", "unclassified", "month", False),
        ("Seit 2006 hat Nordkorea sechs Atomtests unternommen", "weapons-test", "year", False),
    ],
)
def test_an_act_going_on_since_a_day_or_month_dates_its_start(
    rest: str, kind: str, precision: str, going: bool
) -> None:
    assert proposals.ongoing(rest, kind, precision) is going


@pytest.mark.parametrize(
    "sentence",
    [
        "Noch im vergangenen Herbst hatten sich Trump und Kim gegenseitig mit Vernichtung gedroht.",
        "Only last autumn, Trump and Kim had threatened each other with destruction.",
    ],
)
def test_a_title_keeps_no_word_of_its_date(sentence: str) -> None:
    found = find_dates(sentence, base=datetime.date(2018, 6, 13))
    made, _ = proposals.title(sentence, [(m.start, m.end) for m in found], ["Trump", "Kim"], None)
    assert "vergangenen" not in made and "last" not in made
    assert "Trump und Kim" in made or "Trump and Kim" in made


@pytest.mark.parametrize(
    ("sentence", "language", "kinds"),
    [
        (
            "At a party plenum that closed on Sunday, Kim Jong Un ordered the army to prepare "
            "for a 'decisive' war with the South.",
            "en",
            {"speech", "threat"},
        ),
        ("On Monday Kim ordered his navy to be ready to sink any intruder.", "en", {"threat"}),
        (
            "Am Montag befahl Kim der Marine, sich auf einen Angriff des Südens vorzubereiten.",
            "de",
            {"threat"},
        ),
        (
            "Auf dem Parteitag im Januar rief Kim zur Stärkung der Atomstreitkräfte auf.",
            "de",
            {"speech"},
        ),
        (
            "In late December a five-day party meeting set the goals for the new year.",
            "en",
            {"speech"},
        ),
    ],
)
def test_an_order_to_prepare_for_war_is_a_threat_and_a_party_plenum_a_speech(
    sentence: str, language: str, kinds: set[str]
) -> None:
    assert proposals.kind_of(sentence, language) in kinds


@pytest.mark.parametrize(
    ("sentence", "date", "pictures"),
    [
        ("Auf Aufnahmen vom 19. Januar stand der Bogen noch.", "19. Januar", True),
        (
            "Auf Satellitenbildern des Anbieters Planet Labs vom Dienstag ist er nicht mehr "
            "zu sehen.",
            "Dienstag",
            True,
        ),
        ("Das Staatsfernsehen zeigte am Mittwoch Bilder der Explosion.", "Mittwoch", True),
        ("Satellite images taken on Jan. 23 show the arch gone.", "Jan. 23", True),
        ("State television on Wednesday showed footage of the blast.", "Wednesday", True),
        # what the pictures show has a date of its own
        (
            "Die Aufnahmen zeigen, dass Nordkorea den Bogen am 20. Januar abriss.",
            "20. Januar",
            False,
        ),
        ("The photos show the arch was torn down on Jan. 20.", "Jan. 20", False),
        ("North Korea blew up the office on Tuesday, images on state TV showed.", "Tuesday", False),
    ],
)
def test_the_date_of_pictures_is_no_event(sentence: str, date: str, pictures: bool) -> None:
    at = sentence.index(date)
    assert proposals.dates_pictures(sentence[:at], sentence[at + len(date) :]) is pictures


def _kinds(text: str) -> dict[str, str]:
    """Each line of text -> what `line_kinds` says it is (dates read as ingestion does)."""
    spans = [(m.start(), m.end()) for m in re.finditer(r"[^\n]+", text)]
    found = find_dates(text)
    dated = [
        [
            reports.Dated(m.start, m.end, m.interval.precision == "day" and not m.inferred)
            for m in found
            if start <= m.start < end
        ]
        for start, end in spans
    ]
    return {
        text[start:end]: kind
        for (start, end), kind in zip(spans, reports.line_kinds(text, spans, dated), strict=True)
    }


EXPLAINER = """How North Korea became a nuclear power
Seoul, 22 January 2025
By Jane Doe | 22 January 2025
President Donald Trump called North Korea a nuclear power on Monday. Here is how.
October 2006 - The first test
North Korea conducted its first underground nuclear test.
2013: "Byungjin"
Kim declared that the country would build its economy and its arsenal.
June 2019 | The DMZ
Trump stepped into North Korea.
2025 - "A nuclear power"
Trump used the words on his first day.
Read more:
Trump and Kim: a history of letters (Jan. 15, 2025)
North Korea fires missile as Blinken visits Seoul
Kim Jong Un visits Russia (13.09.2023)
(Reporting by Jane Doe; Editing by John Smith)"""

CHRONIK = """Chronik: Trump und Kim
Von unserem Korrespondenten, Tokio, 28. Oktober 2025
Stand: 28.10.2025 09:41 Uhr
Trump hat am Montag erklärt, er würde Kim gern treffen. Ein Überblick.
März 2018 | Gesandte in Pjöngjang
Südkoreanische Gesandte treffen Kim.
12. Juni 2018 – Singapur
Trump und Kim treffen sich.
Nach dem Treffen kündigt Trump an, die Manöver auszusetzen.
27./28. Februar 2019: Hanoi
Der Gipfel endet ohne Einigung.
Lesen Sie auch: Kim besucht Russland
Singapur, 12. Juni 2018
Der Gipfel war der erste seiner Art.
Mehr zum Thema:
Kim Jong Un besucht Russland (13.09.2023)"""

LEADS = """Chronik
Seoul (dpa) - Ein Überblick über die Gipfel.
Im August 2017:
Trump droht mit Feuer und Zorn.
(2019) Hanoi
Der Gipfel scheitert.
2018 Kim traf Trump im Juni 2019
Dann kam nichts mehr, sagen Diplomaten."""

ENTRIES = """Key dates
March 26 – The Cheonan sinks
Nov. 23 – North Korea shells Yeonpyeong Island
2018
April 27: Kim and Moon meet at Panmunjom.
Kim meets Putin, April 2019
Kim meets Xi in Beijing, June 2019"""


@pytest.mark.parametrize(
    ("text", "line", "kind"),
    [
        (EXPLAINER, "Seoul, 22 January 2025", "boilerplate"),
        (EXPLAINER, "By Jane Doe | 22 January 2025", "boilerplate"),
        (EXPLAINER, "October 2006 - The first test", "heading"),
        (EXPLAINER, '2013: "Byungjin"', "heading"),
        (EXPLAINER, "June 2019 | The DMZ", "heading"),
        (EXPLAINER, '2025 - "A nuclear power"', "heading"),
        (EXPLAINER, "Trump stepped into North Korea.", "body"),
        (EXPLAINER, "Read more:", "footer"),
        (EXPLAINER, "Trump and Kim: a history of letters (Jan. 15, 2025)", "footer"),
        (EXPLAINER, "North Korea fires missile as Blinken visits Seoul", "footer"),
        (EXPLAINER, "Kim Jong Un visits Russia (13.09.2023)", "footer"),
        (CHRONIK, "Von unserem Korrespondenten, Tokio, 28. Oktober 2025", "boilerplate"),
        (CHRONIK, "Stand: 28.10.2025 09:41 Uhr", "boilerplate"),
        (CHRONIK, "März 2018 | Gesandte in Pjöngjang", "heading"),
        (CHRONIK, "12. Juni 2018 – Singapur", "heading"),
        (CHRONIK, "27./28. Februar 2019: Hanoi", "heading"),
        (CHRONIK, "Nach dem Treffen kündigt Trump an, die Manöver auszusetzen.", "body"),
        (CHRONIK, "Lesen Sie auch: Kim besucht Russland", "footer"),
        (CHRONIK, "Kim Jong Un besucht Russland (13.09.2023)", "footer"),
        # below the story's first paragraph a place and a date head a section, no dateline
        (CHRONIK, "Singapur, 12. Juni 2018", "heading"),
        (ENTRIES, "Kim meets Putin, April 2019", "body"),
        (ENTRIES, "Kim meets Xi in Beijing, June 2019", "body"),
        (CHRONIK, "Der Gipfel war der erste seiner Art.", "body"),
        # a date and a label followed by another such line is an entry, not a heading
        (ENTRIES, "March 26 – The Cheonan sinks", "body"),
        (ENTRIES, "Nov. 23 – North Korea shells Yeonpyeong Island", "body"),
        (ENTRIES, "2018", "heading"),
        (LEADS, "Im August 2017:", "heading"),
        (LEADS, "(2019) Hanoi", "heading"),
        (LEADS, "2018 Kim traf Trump im Juni 2019", "body"),  # words between its dates
    ],
)
def test_what_a_line_is(text: str, line: str, kind: str) -> None:
    assert _kinds(text)[line] == kind


@pytest.mark.parametrize(
    ("line", "marker"),
    [
        ("Mehr zum Thema:", True),
        ("Mehr zu diesem Thema", True),
        ("Lesen Sie auch: Kim besucht Russland", True),
        ("Zum Weiterlesen:", True),
        ("Weiterführende Links", True),
        ("Read more:", True),
        ("Related Topics", True),
        ("Further reading:", True),
        ("More on this story", True),
        ("Related news from Pyongyang is scarce.", False),
        ("Further reading of the treaty shows a loophole.", False),
        ("Mehr dazu sagte er nicht.", False),
    ],
)
def test_markers_of_a_footer(line: str, marker: bool) -> None:
    assert bool(reports.FOOTER.match(line)) is marker


@pytest.mark.parametrize(
    ("text", "day"),
    [
        (EXPLAINER, "22 January 2025"),  # the dateline's, not the headline's
        (CHRONIK, "28. Oktober 2025"),
        (
            "Kim met Putin in Vostochny.\nThe talks on 13 September 2023 lasted hours; on "
            "14 September 2023 Kim went on to Komsomolsk.",
            "14 September 2023",  # no dateline: the latest full date
        ),
        ("Read more:\nKim visits Russia (13.09.2023)", None),  # a footer's is another article's
        (
            "In this Sept. 3, 2017, file photo, people watch a news report in Seoul.\n"
            "SEOUL, Nov. 29 (AP) - North Korea fired an ICBM on 29 November 2017.",
            "29 November 2017",  # a picture's date is not the report's
        ),
        ("In June Trump met Kim.", None),
        (  # a story opening on history is not of that day
            "On 25 June 1950 North Korea invaded the South.\nOn 27 July 2023 Kim marked the "
            "armistice's 70th anniversary.",
            "27 July 2023",
        ),
    ],
)
def test_the_report_s_day_of_an_article_without_one(text: str, day: str | None) -> None:
    spans = [(m.start(), m.end()) for m in re.finditer(r"[^\n]+", text)]
    found = reports.report_day(text, spans, find_dates(text))
    assert (found.text if found else None) == day

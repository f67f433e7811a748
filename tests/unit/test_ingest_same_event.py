"""One proposal per real event (app.ingest.events.same_event) and the clause of a
sentence that dates several events (clause_of): reports written for these tests after
sentences of German and English news."""

import datetime
from dataclasses import replace

import pytest

from app.dates import DateInterval
from app.ingest import proposals
from app.ingest.clauses import clause_of
from app.ingest.events import same_event
from app.ingest.links import Candidate
from app.ingest.words import terms

SEPT_3 = DateInterval(datetime.date(2017, 9, 3), datetime.date(2017, 9, 3), "day")
SEPT_4 = DateInterval(datetime.date(2017, 9, 4), datetime.date(2017, 9, 4), "day")
SEPT_15 = DateInterval(datetime.date(2017, 9, 15), datetime.date(2017, 9, 15), "day")
SEPTEMBER = DateInterval(datetime.date(2017, 9, 1), datetime.date(2017, 9, 30), "month")
YEAR = DateInterval(datetime.date(2017, 1, 1), datetime.date(2017, 12, 31), "year")
SINCE_2006 = DateInterval(datetime.date(2006, 1, 1), datetime.date(2017, 11, 29), "year")


def report(
    sentence: str,
    interval: DateInterval,
    kind: str,
    actors: tuple[str, ...] = (),
    place: str | None = None,
) -> Candidate:
    return Candidate(
        sentence[:20], interval, frozenset(actors), place, terms(sentence), frozenset(), kind
    )


TEST_DE = report(
    "Nordkorea zündet seine sechste und bislang stärkste Atombombe.",
    SEPT_3,
    "weapons-test",
    ("north-korea",),
)


@pytest.mark.parametrize(
    ("other", "same"),
    [
        # the same day and act in another language: a shared actor
        (
            report(
                "North Korea said it had detonated a hydrogen bomb on Sunday.",
                SEPT_3,
                "weapons-test",
                ("north-korea",),
            ),
            True,
        ),
        # the month of it, the same act named alike
        (
            report(
                "Only last September the North carried out its sixth nuclear test.",
                SEPTEMBER,
                "weapons-test",
                ("north-korea",),
            ),
            True,
        ),
        # another act of the same day
        (
            report(
                "Japan protested on Sunday through its embassy in Beijing.",
                SEPT_3,
                "statement",
                ("japan",),
            ),
            False,
        ),
        # the next day, an exercise in answer to it
        (
            report(
                "Die Armee simulierte am Montag mit ballistischen Raketen einen Angriff.",
                SEPT_4,
                "military-action",
                ("south-korea",),
            ),
            False,
        ),
        # the same kind two weeks later
        (
            report(
                "Erneut überfliegt eine Rakete Japan, diesmal noch weiter.",
                SEPT_15,
                "weapons-test",
                ("north-korea",),
            ),
            False,
        ),
        # a month of statements is no one statement
        (
            report(
                "In his September speech he warned North Korea.",
                SEPTEMBER,
                "statement",
                ("north-korea",),
            ),
            False,
        ),
        # a year, a few shared words: too coarse to tell
        (
            report(
                "North Korea tested missiles throughout 2017.",
                YEAR,
                "weapons-test",
                ("north-korea",),
            ),
            False,
        ),
        # "since 2006": a span of years is no one event
        (
            report(
                "North Korea has conducted six nuclear tests since 2006.",
                SINCE_2006,
                "weapons-test",
                ("north-korea",),
            ),
            False,
        ),
    ],
)
def test_same_event(other: Candidate, same: bool) -> None:
    assert same_event(TEST_DE, other) is same
    assert same_event(other, TEST_DE) is same


def test_in_one_article_a_shared_word_is_enough_on_the_same_day() -> None:
    first = report(
        "Nordkorea hatte am Sonntag eine Wasserstoffbombe gezündet.", SEPT_3, "weapons-test"
    )
    second = report(
        'Ein Regierungssprecher in Tokio sprach von "a test conducted on September 3".',
        SEPT_3,
        "weapons-test",
    )
    assert not same_event(first, second)
    both = report("Die Wasserstoffbombe erschütterte auch China.", SEPT_3, "unclassified")
    assert same_event(first, both, one_article=True)
    assert same_event(first, second, one_article=True)  # the same act that day


def test_the_date_of_an_attribution_is_the_reports() -> None:
    sentence = (
        "Auf Satellitenbildern vom Dienstag ist der Torbogen nicht mehr zu sehen, wie die "
        "Nachrichtenagentur Yonhap am Mittwoch berichtete."
    )
    dates = [sentence.index("Dienstag"), sentence.index("Mittwoch")]
    clause, _ = clause_of(sentence, dates[1], dates)
    assert clause == "wie die Nachrichtenagentur Yonhap am Mittwoch berichtete."
    assert proposals.is_attribution(clause)
    assert not proposals.is_attribution(clause_of(sentence, dates[0], dates)[0])


@pytest.mark.parametrize(
    ("sentence", "date", "clause"),
    [
        (
            "Only last September the North carried out its sixth and largest nuclear test, "
            "and in November it launched a missile.",
            "September",
            "Only last September the North carried out its sixth and largest nuclear test",
        ),
        (
            "Only last September the North carried out its sixth and largest nuclear test, "
            "and in November it launched a missile.",
            "November",
            "in November it launched a missile.",
        ),
        (
            "He returned to power in December 2012 and stepped down again in August 2020.",
            "August 2020",
            "He stepped down again in August 2020.",
        ),
        (
            "North Korea has conducted six nuclear tests since 2006, the latest and largest "
            "on Sept. 3.",
            "Sept. 3",
            "North Korea has conducted six nuclear tests since 2006, the latest and largest "
            "on Sept. 3.",
        ),
    ],
)
def test_the_clause_of_each_date(sentence: str, date: str, clause: str) -> None:
    dates = [
        sentence.index(d)
        for d in ("September", "November", "December 2012", "August 2020", "2006", "Sept. 3")
        if d in sentence and not (d == "September" and "Sept. 3" in sentence)
    ]
    got, offset = clause_of(sentence, sentence.index(date), dates)
    assert got == clause
    assert got.index(date) + offset == sentence.index(date)


@pytest.mark.parametrize(
    ("sentence", "date", "other", "clause"),
    [
        (  # the dash after a chronology's label parts no clause
            "April 25 – Kim and Putin hold their first summit in Vladivostok, two months after "
            "Kim's talks with Trump collapsed in Hanoi.",
            "April 25",
            "two months after",
            "April 25 – Kim and Putin hold their first summit in Vladivostok,",
        ),
        (
            "25. April 2019 – Kim und Putin treffen sich in Wladiwostok, zwei Monate nachdem "
            "der Gipfel in Hanoi gescheitert ist.",
            "25. April 2019",
            "zwei Monate nachdem",
            "25. April 2019 – Kim und Putin treffen sich in Wladiwostok,",
        ),
        (  # a relative clause without a comma: the trip that began, not the agreement signed
            "Trump and Takaichi signed a framework agreement on rare earths in Tokyo on "
            "Tuesday, the centrepiece of the Japanese leg of an Asia tour that began in "
            "Malaysia on Sunday.",
            "Sunday",
            "Tuesday",
            "that began in Malaysia on Sunday.",
        ),
    ],
)
def test_a_label_and_a_clause_of_time(sentence: str, date: str, other: str, clause: str) -> None:
    dates = [sentence.index(date), sentence.index(other)]
    assert clause_of(sentence, dates[0], dates)[0] == clause


def test_a_meeting_at_the_end_of_april_is_the_summit_of_27_april() -> None:
    late_april = DateInterval(datetime.date(2018, 4, 21), datetime.date(2018, 4, 30), "month")
    april_27 = DateInterval(datetime.date(2018, 4, 27), datetime.date(2018, 4, 27), "day")
    met = report(
        "Ende April hatten sich Kim und Südkoreas Präsident Moon Jae In in Panmunjom getroffen.",
        late_april,
        "meeting",
        ("kim-jong-un", "moon-jae-in"),
    )
    summit = report(
        "April 27: Kim and Moon Jae-in hold their first summit at the truce village.",
        april_27,
        "summit",
        ("kim-jong-un", "moon-jae-in"),
    )
    said = report(
        "April 27: Moon said the talks went well.", april_27, "statement", ("moon-jae-in",)
    )
    assert same_event(met, summit)
    assert not same_event(met, said)  # statements are no act of the meeting family


@pytest.mark.parametrize(
    ("sentence", "act", "reported"),
    [
        (
            "Machthaber Kim Jong Un habe den Start am Montag persönlich verfolgt, meldete die "
            "Staatsagentur KCNA am Dienstag.",
            "Montag",
            "Dienstag",
        ),
        (
            "North Korea fired two short-range ballistic missiles into the sea on Monday, "
            "South Korea's military said on Tuesday.",
            "Monday",
            "Tuesday",
        ),
        (
            "Am Donnerstag teilte das Ministerium mit, Nordkorea habe am Mittwoch Artillerie "
            "abgefeuert.",
            "Mittwoch",
            "Donnerstag",
        ),
        (
            "On Thursday, the Joint Chiefs of Staff said the North had launched a cruise "
            "missile on Wednesday.",
            "Wednesday",
            "Thursday",
        ),
    ],
)
def test_a_reporting_clause_dates_the_report_not_the_act(
    sentence: str, act: str, reported: str
) -> None:
    at, said = sentence.index(act), sentence.index(reported)
    assert proposals.is_reporting(sentence, said, said + len(reported))
    assert not proposals.is_reporting(sentence, at, at + len(act))
    clause, _ = clause_of(sentence, at, sorted([at, said]))
    assert reported not in clause or sentence.index(reported) < sentence.index(act)


def test_a_clause_with_its_own_subject_gets_none_in_front() -> None:
    sentence = (
        "Lee Jae-myung won the snap election on June 3, and the Constitutional Court had "
        "removed his predecessor on April 4."
    )
    dates = [sentence.index("June 3"), sentence.index("April 4")]
    clause, _ = clause_of(sentence, dates[1], dates)
    assert clause == "the Constitutional Court had removed his predecessor on April 4."


def test_one_act_named_in_two_languages_is_a_shared_word() -> None:
    """German and English reports of one summit share the act's word, "Gipfel" being
    "summit", though no other word of theirs is shared."""
    day = DateInterval(datetime.date(2018, 9, 18), datetime.date(2018, 9, 18), "day")
    german = report("Moon reist zu seinem dritten Gipfel mit Kim nach Pjöngjang.", day, "summit")
    english = report("Moon arrived in Pyongyang for his third summit with Kim.", day, "summit")
    assert terms("Moon reist zu seinem dritten Gipfel") & terms("his third summit") == {"=summit"}
    assert same_event(german, english)
    assert terms("Kim traf Trump") & terms("Kim met Trump") >= {"=meeting"}
    assert "=inauguration" in terms("Trump took the oath of office") & terms("vereidigt")


def test_a_clause_of_time_parts_two_dates_when_nothing_stronger_does() -> None:
    sentence = (
        "Han Duck-soo took over as acting president on Friday, ending a week of chaos that "
        "began when his predecessor, Yoon Suk Yeol, declared martial law on Dec. 3."
    )
    dates = [sentence.index("Friday"), sentence.index("Dec. 3")]
    clause, _ = clause_of(sentence, dates[1], dates)
    assert clause == "when his predecessor, Yoon Suk Yeol, declared martial law on Dec. 3."
    assert proposals.kind_of(clause, "en") == "military-action"
    first, _ = clause_of(sentence, dates[0], dates)
    assert (
        first
        == "Han Duck-soo took over as acting president on Friday, ending a week of chaos that began"
    )


def test_a_leading_preposition_is_no_subject() -> None:
    sentence = (
        "During a party plenum that ended on Saturday, Kim ordered more drills, and "
        "announced three more launches for March."
    )
    dates = [sentence.index("Saturday"), sentence.index("March")]
    clause, _ = clause_of(sentence, dates[1], dates)
    assert clause == "announced three more launches for March."


def test_a_missile_flying_over_japan_told_in_two_languages_is_one_event() -> None:
    german = report(
        "Erneut überfliegt eine Rakete Japan, diesmal noch weiter.", SEPT_15, "weapons-test"
    )
    english = report(
        "On Sept. 15 it happened again, and this time the missile flew over Hokkaido.",
        SEPT_15,
        "weapons-test",
    )
    assert german.terms & english.terms == {"=missile", "=overflight"}
    assert same_event(german, english)


@pytest.mark.parametrize(
    ("sentence", "act", "clause"),
    [
        (
            "Die Nachrichtenagentur KCNA meldete am Mittwoch, die Volksarmee habe am Vortag "
            "zwei Straßen zum Süden gesprengt.",
            "Vortag",
            "die Volksarmee habe am Vortag zwei Straßen zum Süden gesprengt.",
        ),
        (
            "The Joint Chiefs of Staff said on Tuesday that the North had fired two cruise "
            "missiles on Monday.",
            "Monday",
            "the North had fired two cruise missiles on Monday.",
        ),
    ],
)
def test_a_reporting_clause_opening_the_sentence_is_a_clause_of_its_own(
    sentence: str, act: str, clause: str
) -> None:
    day = next(d for d in ("Mittwoch", "Tuesday") if d in sentence)
    said = sentence.index(day)
    dates = [said, sentence.index(act)]
    assert clause_of(sentence, dates[1], dates)[0] == clause
    assert proposals.is_reporting(sentence, said, said + len(day))


@pytest.mark.parametrize(
    ("sentence", "first", "second", "clause"),
    [
        (  # "a day after" goes with its clause of time
            "Trump on Tuesday condemned the regime's brutality a day after Warmbier died on "
            "Monday in Cincinnati.",
            "Tuesday",
            "Monday",
            "a day after Warmbier died on Monday in Cincinnati.",
        ),
        (  # a fronted time: the clause has its subject after it
            "Kim offered to send athletes to the Games in February, and on Jan. 9 the two "
            "Koreas held their first talks in two years.",
            "February",
            "Jan. 9",
            "on Jan. 9 the two Koreas held their first talks in two years.",
        ),
    ],
)
def test_a_span_of_time_and_a_fronted_time_stay_in_their_clause(
    sentence: str, first: str, second: str, clause: str
) -> None:
    dates = [sentence.index(first), sentence.index(second)]
    assert clause_of(sentence, dates[1], dates)[0] == clause


def test_in_one_article_an_act_without_a_kind_that_day_is_the_named_act() -> None:
    blown = report(
        "Die Sprengungen ereigneten sich am Dienstag nördlich der Demarkationslinie.",
        SEPT_3,
        "demolition",
    )
    cut = report(
        "Die Volksarmee habe die Verbindungen am Vortag dauerhaft gekappt.",
        SEPT_3,
        "unclassified",
    )
    said = report("Ein Sprecher wies das am Dienstag zurück.", SEPT_3, "statement")
    assert not blown.terms & cut.terms
    assert same_event(blown, cut, one_article=True)
    assert not same_event(blown, cut)  # across articles it needs a word, actor or place
    assert not same_event(said, cut, one_article=True)  # what was said is no act


def test_a_building_blown_up_and_destroyed_is_one_demolition() -> None:
    """Two reports of one demolition share no word but the act: "gesprengt" and
    "zerstört", "blew up" and "destroyed" are one act, so the month and the day of it,
    both told as demolitions, are one event."""
    june = DateInterval(datetime.date(2020, 6, 1), datetime.date(2020, 6, 30), "month")
    june_16 = DateInterval(datetime.date(2020, 6, 16), datetime.date(2020, 6, 16), "day")
    blown = report(
        "Im Juni 2020 hatte Pjöngjang das Verbindungsbüro an der Grenze in die Luft gesprengt.",
        june,
        "demolition",
    )
    destroyed = report(
        "Das Ministerium bestätigte am Dienstag, dass das Gebäude zerstört worden sei.",
        june_16,
        "demolition",
    )
    assert same_event(blown, destroyed)
    english = report(
        "The unification ministry said the four-storey building was destroyed on Tuesday.",
        june_16,
        "demolition",
    )
    assert terms("North Korea blew up the office") & english.terms == {"=demolition"}
    assert same_event(blown, english)


def test_statements_told_alike_at_another_precision_are_one() -> None:
    """Statements are everywhere, so a statement of one month and one of a day in it are
    one only when they name the same act and share two more words and an actor: the
    year-end party meeting of December and of its last Saturday."""
    december = DateInterval(datetime.date(2023, 12, 1), datetime.date(2023, 12, 31), "month")
    dec_30 = DateInterval(datetime.date(2023, 12, 30), datetime.date(2023, 12, 30), "day")
    kim = ("kim-jong-un",)
    month = report(
        "In December Kim told a year-end party meeting that unification was impossible.",
        december,
        "statement",
        kim,
    )
    day = report(
        "During a year-end party meeting that ended on Saturday, Kim ordered the army to prepare.",
        dec_30,
        "speech",
        kim,
    )
    assert same_event(month, day)
    assert not same_event(month, replace(day, actors=frozenset()))  # no actor shared
    other = report(
        "On Saturday Kim's sister said the party would answer the South.", dec_30, "statement", kim
    )
    assert not same_event(month, other)  # no act named alike
    german = report(
        "Im Dezember sagte Kim auf einem Parteitreffen zum Jahresende, eine "
        "Wiedervereinigung sei unmöglich.",
        december,
        "statement",
        kim,
    )
    german_day = report(
        "Auf dem Parteitreffen zum Jahresende erklärte Kim am Samstag, eine "
        "Wiedervereinigung sei unmöglich.",
        dec_30,
        "statement",
        kim,
    )
    assert same_event(german, german_day)


def test_the_same_period_told_alike_is_one_event() -> None:
    """A period longer than a year is one event with another report of exactly that
    period sharing three words and an actor; never with a moment inside it."""
    rule = DateInterval(datetime.date(1910, 1, 1), datetime.date(1945, 12, 31), "year")
    actors = ("japan", "south-korea")
    english = report(
        "Seoul says Koreans were forced to work for Japanese firms during colonial rule in "
        "1910-45.",
        rule,
        "unclassified",
        actors,
    )
    other = report(
        "Koreans forced to work in Japanese mines during the colonial rule of 1910-1945 want "
        "redress.",
        rule,
        "unclassified",
        actors,
    )
    assert same_event(english, other)
    german = report(
        "Während der Kolonialherrschaft 1910 bis 1945 mussten Koreaner Zwangsarbeit leisten.",
        rule,
        "unclassified",
        actors,
    )
    assert same_event(
        german,
        report(
            "Die Zwangsarbeit während der Kolonialherrschaft 1910 bis 1945 belastet die "
            "Beziehungen.",
            rule,
            "unclassified",
            actors,
        ),
    )
    day = DateInterval(datetime.date(1919, 3, 1), datetime.date(1919, 3, 1), "day")
    assert not same_event(english, report(english.id, day, "unclassified", actors))
    longer = DateInterval(datetime.date(1905, 1, 1), datetime.date(1945, 12, 31), "year")
    assert not same_event(english, replace(other, interval=longer))


def test_a_report_of_no_kind_with_the_place_and_actors_of_an_act_is_that_act() -> None:
    """ "Moon and Kim met three times, first at Panmunjom in April and then in Pyongyang in
    September": the clause of September names no act, but the place and three actors of
    Moon's visit to Pyongyang on 18 September."""
    september = DateInterval(datetime.date(2018, 9, 1), datetime.date(2018, 9, 30), "month")
    sept_18 = DateInterval(datetime.date(2018, 9, 18), datetime.date(2018, 9, 18), "day")
    three = ("kim-jong-un", "moon-jae-in", "north-korea")
    clause = report("then in Pyongyang in September", september, "unclassified", three, "pyongyang")
    visit = report(
        "Südkoreas Präsident Moon Jae In reist zu seinem dritten Gipfel mit Kim nach Pjöngjang.",
        sept_18,
        "visit",
        (*three, "south-korea"),
        "pyongyang",
    )
    assert same_event(clause, visit)
    assert not same_event(replace(clause, place_id="panmunjom"), visit)  # another place
    assert not same_event(replace(clause, actors=frozenset(three[:2])), visit)  # two actors
    said = replace(visit, kind="statement")
    assert not same_event(clause, said)  # what was said there is no act of the place
    german = report("dann im September in Pjöngjang", september, "unclassified", three, "pyongyang")
    assert same_event(german, visit)


def test_a_court_removing_a_president_is_one_act_in_both_languages() -> None:
    april_4 = DateInterval(datetime.date(2025, 4, 4), datetime.date(2025, 4, 4), "day")
    english = report(
        "the Constitutional Court removed him from office on April 4.", april_4, "unclassified"
    )
    german = report(
        "weil das Verfassungsgericht den Präsidenten am 4. April seines Amtes enthoben hatte.",
        april_4,
        "unclassified",
    )
    assert english.terms & german.terms >= {"=court", "=impeachment"}
    assert same_event(english, german)


def test_a_parade_is_one_act_in_both_languages() -> None:
    """ "Militärparade", "Parade" and "paraded" name one act: a guest at the parade and the
    parade itself, told the same day by two articles, are one event."""
    july_27 = DateInterval(datetime.date(2023, 7, 27), datetime.date(2023, 7, 27), "day")
    guest = report(
        "27. Juli: Verteidigungsminister Schoigu steht bei einer Militärparade neben Kim.",
        july_27,
        "military-action",
    )
    parade = report(
        "Mit einer gewaltigen Parade hat Nordkorea am Donnerstagabend das Kriegsende gefeiert.",
        july_27,
        "military-action",
    )
    english = report(
        "North Korea paraded its newest missiles through Pyongyang on Thursday night.",
        july_27,
        "military-action",
    )
    assert guest.terms & parade.terms == parade.terms & english.terms == {"=parade"}
    assert same_event(guest, parade)
    assert same_event(parade, english)


def test_a_year_naming_the_act_of_a_day_by_its_actors_is_that_day() -> None:
    """The "summits in 2000 and 2007" and the summit of June 2000: one act, named alike, by a
    shared actor; not a year's tests and one test (no act named alike)."""
    year_2000 = DateInterval(datetime.date(2000, 1, 1), datetime.date(2000, 12, 31), "year")
    june = DateInterval(datetime.date(2000, 6, 13), datetime.date(2000, 6, 15), "day")
    year = report(
        "The North made similar promises at summits in 2000 and 2007.",
        year_2000,
        "summit",
        ("north-korea",),
    )
    day = report(
        "Kim Dae-jung fliegt zum ersten Gipfeltreffen nach Pjöngjang.",
        june,
        "visit",
        ("north-korea", "kim-dae-jung"),
    )
    assert same_event(year, day) and same_event(day, year)
    assert not same_event(replace(year, actors=frozenset(["japan"])), day)


def test_at_another_precision_a_policy_is_another_unless_its_act_is_named_alike() -> None:
    """Policy is the kind of many acts: in one month, loudspeakers switched on are not an
    agreement suspended; lines cut early in June are the hotlines cut on June 9."""
    june = DateInterval(datetime.date(2024, 6, 1), datetime.date(2024, 6, 30), "month")
    june_4 = DateInterval(datetime.date(2024, 6, 4), datetime.date(2024, 6, 4), "day")
    switched_on = report(
        "Seoul hatte die Lautsprecher im Juni wieder eingeschaltet.", june, "policy", ("seoul",)
    )
    suspended = report(
        "Am 4. Juni hatte Seoul das Militärabkommen ausgesetzt.", june_4, "policy", ("seoul",)
    )
    assert not same_event(switched_on, suspended)
    early = DateInterval(datetime.date(2020, 6, 1), datetime.date(2020, 6, 10), "month")
    june_9 = DateInterval(datetime.date(2020, 6, 9), datetime.date(2020, 6, 9), "day")
    cut = report(
        "Anfang Juni hatte Nordkorea alle Kommunikationskanäle gekappt.",
        early,
        "policy",
        ("north-korea",),
    )
    stopped = report(
        "On June 9 the North stopped answering all hotlines.", june_9, "policy", ("north-korea",)
    )
    assert same_event(cut, stopped) and same_event(stopped, cut)


def test_policies_naming_different_policy_acts_are_two_events() -> None:
    """Both policy and naming the hotlines: switched off is not suspended; switched off at
    two precisions, in two languages, it is one act."""
    early = DateInterval(datetime.date(2020, 6, 1), datetime.date(2020, 6, 10), "month")
    june_9 = DateInterval(datetime.date(2020, 6, 9), datetime.date(2020, 6, 9), "day")
    switched = report(
        "Early in June the North switched off the hotline.", early, "policy", ("north-korea",)
    )
    suspended = report(
        "On June 9 the North suspended the hotline accord.", june_9, "policy", ("north-korea",)
    )
    assert not same_event(switched, suspended)
    again = report(
        "Am 9. Juni schaltete Nordkorea die Hotline ab.", june_9, "policy", ("north-korea",)
    )
    assert same_event(switched, again) and same_event(again, switched)

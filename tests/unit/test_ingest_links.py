"""The rules that tie a dated clause to an existing event (app.ingest.links), each on
sentences of the kind the evaluation texts hold: key words by stem and compound head, the
date a "seit"/"since" points at, the first or last day of a long event, and a clause that
says another act than the event's."""

import datetime
from dataclasses import replace

from app.dates import DateInterval
from app.ingest.links import Candidate, Said, anchor, date_fit, holds, is_link, score
from app.ingest.reports import Report
from app.ingest.words import key_hits, key_words
from app.models import Passage


def day(text: str) -> DateInterval:
    at = datetime.date.fromisoformat(text)
    return DateInterval(at, at, "day")


def event(
    title: str, kind: str, start: str, end: str, actors: tuple[str, ...] = (), place: str = ""
) -> Candidate:
    """A candidate as candidates builds it, its title's names already left out."""
    interval = DateInterval(
        datetime.date.fromisoformat(start), datetime.date.fromisoformat(end), "day"
    )
    words = key_words(title)
    return Candidate("e", interval, frozenset(actors), place or None, words, words, kind)


def said(clause: str, places: tuple[str, ...] = ()) -> Said:
    return Said.of(clause, clause, frozenset(places), None)


def test_key_words_leave_out_inflection_and_generic_title_words() -> None:
    assert key_words("Nordkoreas erster Atomtest") == {"nordkorea", "atomtest"}
    assert key_words("Trump says the first tests are over") == {"trump", "test"}


def test_a_compound_head_and_a_stem_are_key_words_of_the_event() -> None:
    test = key_words("erster Atomtest")
    assert key_hits(test, key_words("Der erste Test, mit einer Sprengkraft")) == 1
    assert key_hits(test, key_words("Es war der sechste Atomtest des Landes")) == 2  # long
    meet = key_words("treffen sich in")
    assert key_hits(meet, key_words("ein Gipfeltreffen an der Grenze")) == 1
    assert key_hits(key_words("test"), key_words("a protest in Seoul")) == 0
    assert key_hits(key_words("eine „Atommacht“"), key_words("eine „Atommacht“ genannt")) == 2


def test_since_points_at_its_first_unit() -> None:
    since = DateInterval(datetime.date(2006, 1, 1), datetime.date(2017, 9, 4), "year", "after")
    assert anchor(since) == DateInterval(
        datetime.date(2006, 1, 1), datetime.date(2006, 12, 31), "year"
    )
    july = DateInterval(datetime.date(2017, 7, 1), datetime.date(2017, 7, 31), "month")
    assert anchor(july) is july


def test_the_first_or_last_day_of_a_long_event_is_a_moment() -> None:
    war = event("großer Krieg gegen die", "war", "2022-02-24", "2025-11-10").interval
    february = DateInterval(datetime.date(2022, 2, 1), datetime.date(2022, 2, 28), "month")
    march = DateInterval(datetime.date(2022, 3, 1), datetime.date(2022, 3, 31), "month")
    assert date_fit(war, february) == 0.7  # "im Februar 2022 ... begonnen"
    assert date_fit(war, march) == 0.1  # a month inside says little
    sanctions = event("sanctions on", "sanctions", "2006-10-14", "2017-12-22").interval
    assert date_fit(sanctions, day("2017-12-22")) == 1.0  # "Ten days later ... approved"


def test_shared_actors_place_and_date_alone_never_link() -> None:
    """ "North Korea's foreign ministry said on Sunday ..." on the first day of the Syria
    withdrawal, which it does not report."""
    syria = event(
        "orders troops out of northern",
        "military-action",
        "2019-10-06",
        "2019-10-31",
        ("donald-trump", "united-states"),
    )
    clause = said(
        "foreign ministry said on Sunday that it had no intention of holding negotiations"
    )
    assert score(syria, day("2019-10-06"), {"united-states"}, set(), frozenset(), clause) == 0


def test_a_clause_of_another_act_does_not_link_on_one_word() -> None:
    """A tweet the day before a meeting names the meeting once: it is not the meeting."""
    meeting = event(
        "and meet at in the DMZ",
        "meeting",
        "2019-06-30",
        "2019-06-30",
        ("donald-trump", "kim-jong-un"),
    )
    tweet = said(
        "Trump floated the idea in a tweet on Saturday morning, writing that he would like"
        " to meet Kim at the border"
    )
    assert tweet.kind == "statement"
    actors = {"donald-trump", "kim-jong-un"}
    assert score(meeting, day("2019-06-29"), actors, set(), frozenset(), tweet) == 0
    handshake = said("The two leaders shook hands and met for 53 minutes in the DMZ")
    assert score(meeting, day("2019-06-30"), actors, set(), frozenset(), handshake) >= 0.6


def test_a_meeting_within_a_visit_is_not_the_visit() -> None:
    """Xi met Trump in Busan on a day of Trump's visit to South Korea: a meeting is no
    visit by its kind alone."""
    visit = event("visits", "visit", "2025-10-29", "2025-10-30", ("donald-trump", "south-korea"))
    busan = said("Xi hatte am Donnerstag in Busan US-Präsident Donald Trump getroffen")
    assert score(visit, day("2025-10-30"), {"donald-trump"}, set(), frozenset(), busan) == 0


def test_the_very_day_with_two_key_words_links_without_actors() -> None:
    """ "28. Juli: Zweiter Test der Hwasong-14" names no actor, but says what happened."""
    tests = event(
        "erste Interkontinentalraketentests (Hwasong-14)",
        "weapons-test",
        "2017-07-04",
        "2017-07-28",
        ("north-korea",),
    )
    text = "Zweiter Test der Hwasong-14."
    clause = said(text)
    value = score(tests, day("2017-07-28"), set(), set(), frozenset(), clause)
    assert 0 < value < 0.6
    report = passage_report(text)
    assert is_link(tests, day("2017-07-28"), value, report, clause)
    assert not is_link(tests, day("2017-07-28"), value, report, said("Zweiter Versuch."))


def passage_report(text: str) -> Report:
    passage = Passage(article_id="a", ordinal=0, start=0, end=len(text), text=text)
    return Report(passage, 0, len(text), [], False, [], [], [])


def test_a_year_links_an_event_begun_in_it_only_on_two_key_words() -> None:
    """ "seit 2006" names the first test by "Atomtest"; "der Kim im vergangenen Jahr dreimal
    getroffen hat" names no summit of that year by one word and the kind."""
    year = anchor(
        DateInterval(datetime.date(2006, 1, 1), datetime.date(2017, 9, 4), "year", "after")
    )
    first = event("erster Atomtest", "weapons-test", "2006-10-09", "2006-10-09")
    text = "Es war der sechste Atomtest des Landes seit 2006."
    assert is_link(first, year, 0.4, passage_report(text), said(text))
    summit = event("und treffen sich in", "summit", "2018-06-12", "2018-06-12")
    text = "Moon Jae In, der Kim im vergangenen Jahr dreimal getroffen hat, vermittelt."
    in_2018 = DateInterval(datetime.date(2018, 1, 1), datetime.date(2018, 12, 31), "year")
    assert not is_link(summit, in_2018, 0.4, passage_report(text), said(text))


def test_a_year_links_an_event_begun_in_it_on_one_word_naming_its_act() -> None:
    """ "the country's founding in 1948", "Kim Jong Il starb 2011": one key word that names
    the event's own act is enough; one that does not ("doctrine") is not."""
    founding = event("Founding of Gründung", "founding", "1948-09-09", "1948-09-09")
    in_1948 = DateInterval(datetime.date(1948, 1, 1), datetime.date(1948, 12, 31), "year")
    text = "The test fell on the anniversary of the country's founding in 1948."
    assert is_link(founding, in_1948, 0.4, passage_report(text), said(text))
    death = event("Death of Tod", "death", "2011-12-17", "2011-12-17")
    in_2011 = DateInterval(datetime.date(2011, 1, 1), datetime.date(2011, 12, 31), "year")
    text = "Sein Vater Kim Jong Il starb 2011."
    assert is_link(death, in_2011, 0.4, passage_report(text), said(text))
    shift = event(
        "breaks with the pacifist post-war doctrine", "policy", "2014-07-01", "2015-09-19"
    )
    in_2014 = DateInterval(datetime.date(2014, 1, 1), datetime.date(2014, 12, 31), "year")
    text = "In 2014 his cabinet changed the doctrine."
    assert not is_link(shift, in_2014, 0.4, passage_report(text), said(text))


def test_a_mention_prefers_the_event_it_holds_to_a_period_around_it() -> None:
    july = DateInterval(datetime.date(2017, 7, 1), datetime.date(2017, 7, 31), "month")
    tests = event("erste Interkontinentalraketentests", "weapons-test", "2017-07-04", "2017-07-28")
    series = event("Langstreckenraketentests", "weapons-test", "2017-07-04", "2024-10-31")
    assert holds(july, tests) and not holds(july, series)


def test_a_report_the_day_after_links_on_two_key_words() -> None:
    """ "April 21: North Korean state media report that the country will suspend nuclear
    and long-range missile tests": the moratorium of 20 April, named by its words."""
    moratorium = event(
        "declares a moratorium on nuclear and ICBM tests", "policy", "2018-04-20", "2018-04-20"
    )
    text = "North Korean state media report that the country will suspend nuclear tests."
    value = score(moratorium, day("2018-04-21"), set(), set(), frozenset(), said(text))
    assert 0 < value < 0.6
    assert is_link(moratorium, day("2018-04-21"), value, passage_report(text), said(text))
    other = "Seoul reported a fire in Gangneung."
    assert score(moratorium, day("2018-04-21"), set(), set(), frozenset(), said(other)) == 0


def test_first_since_a_year_names_no_event_begun_in_it() -> None:
    """ "erstmals seit 2017": the last test of 2017, which the year does not single out."""
    tests = event("erste Interkontinentalraketentests", "weapons-test", "2017-07-04", "2017-07-28")
    since = anchor(
        DateInterval(datetime.date(2017, 1, 1), datetime.date(2022, 3, 25), "year", "after")
    )
    text = "Nordkorea testet erstmals seit 2017 wieder eine Interkontinentalrakete."
    assert said(text).first_since
    assert not is_link(tests, since, 0.4, passage_report(text), said(text))
    text = "Es ist der sechste Interkontinentalraketentest seit 2017."
    assert is_link(tests, since, 0.4, passage_report(text), said(text))


def test_first_since_an_act_names_the_act_of_its_year() -> None:
    """ "the first trip since taking power in 2011": the year is the taking of power's, not
    that of the last trip; German as English."""
    accession = event(
        "succeeds his father folgt seinem Vater", "inauguration", "2011-12-17", "2011-12-30"
    )
    in_2011 = DateInterval(datetime.date(2011, 1, 1), datetime.date(2011, 12, 31), "year")
    for text in (
        "It was his first trip abroad since taking power in 2011.",
        "They were the first officials to meet Kim since he took power in 2011.",
        "Es war seine erste Reise, seit er 2011 die Macht übernahm.",
    ):
        assert not said(text).first_since, text
        assert is_link(accession, in_2011, 0.4, passage_report(text), said(text)), text
    assert said("the first launch since 2017").first_since


def test_one_word_in_another_thing_said_does_not_link() -> None:
    """A newspaper's report of the day before names "Raketen" once: it is no threat of
    North Korea's, though it shares the word, the day and the actors."""
    guam = event(
        "droht mit Raketen auf die Gewässer um",
        "threat",
        "2017-08-09",
        "2017-08-10",
        ("north-korea", "united-states"),
    )
    text = (
        "Auslöser war ein Bericht der Zeitung vom Dienstag, wonach Nordkorea Atomsprengköpfe"
        " bauen kann, die klein genug für seine Raketen sind."
    )
    assert said(text).kind == "publication"
    actors = {"north-korea", "united-states"}
    assert score(guam, day("2017-08-08"), actors, set(), frozenset(), said(text)) == 0
    threat = "Pjöngjang droht am Mittwoch mit Raketen."
    assert score(guam, day("2017-08-09"), actors, set(), frozenset(), said(threat)) > 0


def test_by_its_kind_alone_a_clause_tells_an_event_of_its_own_date_only() -> None:
    """Talks in Busan on the Thursday are not the APEC summit that opened on the Friday,
    though both are meetings; on the summit's own day the kind is enough."""
    summit = event("leaders' summit in", "summit", "2025-10-31", "2025-11-01", ("apec",))
    text = "Trump left for Washington on Thursday after talks with Xi in nearby Busan."
    assert said(text).kind == "negotiation"
    assert score(summit, day("2025-10-30"), {"apec"}, set(), frozenset(), said(text)) == 0
    assert score(summit, day("2025-10-31"), {"apec"}, set(), frozenset(), said(text)) > 0


def test_an_irregular_verb_is_its_infinitive() -> None:
    meet = key_words("Trump and Kim meet in")
    assert key_hits(meet, key_words("The two leaders had first met in June")) == 1
    assert key_words("Xi hatte Trump am Donnerstag getroffen") >= {"treff"}


def test_an_english_past_or_gerund_is_its_stem() -> None:
    """ "In July, the North tested two ICBMs" names the July "tests"."""
    assert key_hits(key_words("nuclear tests"), key_words("the North tested two")) == 1
    assert key_hits(key_words("summit meeting"), key_words("before meeting Xi")) == 1


def test_two_words_of_the_summary_tell_the_event_but_never_a_period() -> None:
    """ "became the first sitting U.S. president to set foot in North Korea": the DMZ
    meeting's summary says so, its title does not; a period is named by its title."""
    meeting = Candidate(
        "e",
        day("2019-06-30"),
        frozenset(["donald-trump"]),
        None,
        frozenset(),
        key_words("and meet at in the DMZ"),
        "meeting",
        key_words("the first sitting president to set foot in the North"),
    )
    text = "Donald Trump on Sunday became the first sitting U.S. president to set foot there."
    value = score(meeting, day("2019-06-30"), {"donald-trump"}, set(), frozenset(), said(text))
    assert value >= 0.6
    pressure = Candidate(
        "p",
        DateInterval(datetime.date(2017, 4, 1), datetime.date(2018, 3, 31), "month"),
        frozenset(["donald-trump"]),
        None,
        frozenset(),
        key_words("maximum pressure on"),
        "sanctions",
        key_words("designated a state sponsor of terrorism and added sanctions"),
    )
    text = "Last week, Trump put North Korea back on a list of state sponsors of terrorism."
    assert score(pressure, day("2017-11-20"), {"donald-trump"}, set(), frozenset(), said(text)) == 0


def war_of(summary: str) -> Candidate:
    return Candidate(
        "e",
        DateInterval(datetime.date(2022, 2, 24), datetime.date(2025, 11, 10), "day"),
        frozenset(["russia"]),
        "ukraine",
        frozenset(),
        key_words("full-scale war against großer Krieg gegen"),
        "war",
        key_words(summary),
    )


def test_the_start_of_a_period_is_named_by_its_summary() -> None:
    """A day or month holding a period's first day, its sentence naming an actor of it,
    may say how it began in its summary's words; not a day inside it, not without the
    actor, and not the summary's date words."""
    war = war_of("invaded on 24 February 2022; überfiel am 24. Februar 2022")
    february = DateInterval(datetime.date(2022, 2, 1), datetime.date(2022, 2, 28), "month")
    for text, mention in (
        ("Russia invades Ukraine.", day("2022-02-24")),
        ("Moskau ist nach dem Überfall im Februar 2022 auf Granaten angewiesen.", february),
    ):
        clause = Said.of(text, text, frozenset(), None, frozenset(["russia"]))
        value = score(war, mention, {"russia"}, set(), frozenset(), clause)
        assert value > 0, text
        report = replace(passage_report(text), actors=["russia"])
        assert is_link(war, mention, value, report, clause), text
    text = "Russia invades Ukraine."
    alone = Said.of(text, text, frozenset(), None)
    assert score(war, day("2022-02-24"), set(), set(), frozenset(), alone) == 0
    inside = Said.of(text, text, frozenset(), None, frozenset(["russia"]))
    assert score(war, day("2022-03-24"), {"russia"}, set(), frozenset(), inside) == 0
    text = "Russia held elections in February 2022."
    dated = Said.of(text, text, frozenset(), None, frozenset(["russia"]))
    assert score(war, february, {"russia"}, set(), frozenset(), dated) == 0


def test_an_act_named_in_another_language_or_by_a_synonym_is_a_key_word() -> None:
    withdrawal = key_words("North Korea withdraws from the NPT")
    assert key_hits(withdrawal, key_words("announced it was leaving the treaty")) == 1
    inauguration = key_words("Trump's first inauguration")
    assert key_hits(inauguration, key_words("Er wurde am Freitag vereidigt")) == 1
    assert key_hits(inauguration, key_words("when he took the oath of office")) == 2  # the word
    assert key_hits(key_words("Tod des Vaters"), key_words("his father died on")) == 1
    election = key_words("US-Präsidentschaftswahl 2020")  # a compound is its head's act
    assert key_hits(election, key_words("Biden was elected on")) == 1
    # one act counts once, and not again beside a word that matches a key word itself
    meet = key_words("treffen sich in")
    assert key_hits(meet, key_words("ein Treffen, ein Handschlag, eine Begegnung")) == 1
    assert key_hits(meet, key_words("a handshake and a meeting")) == 1
    assert key_hits(key_words("nuclear tests"), key_words("a fire and fury threat")) == 0


def test_a_long_german_noun_or_a_phrase_of_an_act_counts_twice_a_verb_form_once() -> None:
    accession = key_words("Kim Jong Un succeeds his father")
    assert key_hits(accession, key_words("after taking power in December")) == 2
    inauguration = key_words("Trump's first inauguration")
    assert key_hits(inauguration, key_words("seit seinem Amtsantritt im Januar")) == 2
    tests = key_words("first ICBM tests")
    assert key_hits(tests, key_words("hat mehr als ein Dutzend Raketen getestet")) == 1
    deadline = key_words("Kim setzt den USA eine Frist bis zum Jahresende")
    assert key_hits(deadline, key_words("he would wait until the end of the year")) == 2
    moratorium = key_words("North Korea declares a moratorium on nuclear tests")
    assert key_hits(moratorium, key_words("kündigte an, keine weiteren Atomtests")) == 2
    lee = key_words("Lee Jae-myung wird Präsident Südkoreas; Amtseinführung")
    assert key_hits(lee, key_words("Lee, der im Juni ins Amt gekommen war")) == 2
    assert key_hits(inauguration, key_words("seit seiner Rückkehr ins Amt im Januar")) == 2
    assert key_hits(inauguration, key_words("since he returned to office in January")) == 2
    assert key_hits(lee, key_words("Lee, der im Juni ins Amt eingeführt hatte")) == 0


def test_a_phrase_of_taking_power_proclaiming_or_invading_names_its_act() -> None:
    """Power inherited or seized, "die Macht ... übernommen" (the words between kept),
    a separable "rief ... aus", the English noun "war", "invades" and "Überfall"."""
    accession = key_words("Kim Jong Un succeeds his father")
    assert key_hits(accession, key_words("Kim, who inherited power in December")) == 2
    assert key_hits(accession, key_words("the general seized power in a coup")) == 2
    german = key_words("Kim hatte die Macht nach dem Tod seines Vaters übernommen")
    assert key_hits(accession, german) == 2
    assert key_hits(key_words("Tod Kim Jong Ils"), german) == 1  # the death is still named
    assert key_hits(accession, key_words("Er übernahm im Dezember die Macht")) == 2
    founding = key_words("Gründung Nordkoreas (DVRK) Founding of North Korea")
    assert key_hits(founding, key_words("rief Kim Il Sung die Volksrepublik aus")) == 2
    assert key_hits(founding, key_words("rief Kim zum Widerstand auf")) == 0
    korean_war = key_words("Korean War Koreakrieg")
    assert key_hits(korean_war, key_words("the armistice of the 1950-53 Korean War")) == 2
    assert key_hits(korean_war, key_words("Das war 1953, der Krieg war vorbei")) == 1
    assert "krieg" not in key_words("Kim war 1953 in Pjöngjang")  # German "war" is "was"
    invasion = key_words("invaded on 24 February; überfiel am 24. Februar")  # names aside
    assert key_hits(invasion, key_words("invades")) == 1
    assert key_hits(invasion, key_words("nach dem Überfall auf die")) == 2  # a long noun


PANMUNJOM = event(
    "und treffen sich in an der entmilitarisierten Zone meet at in the DMZ",
    "meeting",
    "2019-06-30",
    "2019-06-30",
    ("donald-trump", "kim-jong-un", "moon-jae-in", "united-states"),
    "panmunjom",
)


def test_a_wish_the_day_before_is_no_report_of_the_meeting() -> None:
    """The tweet of the day before ("er würde Kim gern an der Grenze treffen") is an event
    of its own; the meeting's day itself still links."""
    actors = {"donald-trump", "kim-jong-un"}
    for text in (
        "Am Samstag hatte Trump auf Twitter geschrieben, er würde Kim gern an der Grenze treffen",
        "On Saturday Trump said he would like to meet Kim at the border",
        "Trump wrote on Saturday that he wants to meet Kim at the DMZ",
    ):
        wish = Said.of(text, text, frozenset(), None, frozenset(actors))
        assert wish.wish
        assert score(PANMUNJOM, day("2019-06-29"), actors, set(), frozenset(), wish) == 0
    met = said("Trump and Kim met on Sunday at the DMZ")
    assert not met.wish
    assert score(PANMUNJOM, day("2019-06-29"), actors, set(), frozenset(), met) > 0


def test_the_very_day_place_and_two_actors_link_without_a_title_word() -> None:
    text = "Trump überschritt am Sonntag mit Kim in Panmunjom die Demarkationslinie"
    actors = frozenset({"donald-trump", "kim-jong-un"})
    crossed = Said.of(text, text, frozenset({"panmunjom"}), "de", actors)
    value = score(PANMUNJOM, day("2019-06-30"), set(actors), {"panmunjom"}, frozenset(), crossed)
    assert value > 0
    assert is_link(PANMUNJOM, day("2019-06-30"), value, passage_report(text), crossed)
    # one actor, or a day off, or no place: nothing ties the clause to the meeting
    alone = Said.of(text, text, frozenset({"panmunjom"}), "de", frozenset({"donald-trump"}))
    assert score(PANMUNJOM, day("2019-06-30"), set(), {"panmunjom"}, frozenset(), alone) == 0
    assert score(PANMUNJOM, day("2019-07-01"), set(actors), set(), frozenset(), crossed) == 0
    nowhere = Said.of(text, text, frozenset(), "de", actors)
    assert score(PANMUNJOM, day("2019-06-30"), set(actors), set(), frozenset(), nowhere) == 0


def test_an_occasion_opening_the_clause_is_not_its_act() -> None:
    """What was said at a summit is no report of the summit; a speech still is the act said
    in it, and the occasion's kind stands when the clause names no other act."""
    nato = event("leaders' meeting; allies caught joking", "summit", "2019-12-03", "2019-12-04")
    text = 'At the NATO summit near London on Tuesday, Trump revived his nickname "Rocket Man"'
    at_summit = Said.of(text, text, frozenset(), "en")
    assert at_summit.kind == "unclassified"
    assert score(nato, day("2019-12-03"), set(), set(), frozenset(), at_summit) == 0
    assert Said.of("At his New Year speech on Tuesday, Kim said", "", frozenset(), "en").kind == (
        "speech"
    )
    signed = "At the summit in Singapore on June 12, Trump and Kim signed a joint statement"
    assert Said.of(signed, signed, frozenset(), "en").kind == "agreement"
    killed = "At least 20 people were killed on Monday, officials said"
    assert Said.of(killed, killed, frozenset(), "en").kind == "death"


def test_the_modifier_of_a_compound_naming_another_act_is_no_key_word() -> None:
    """ "Präsidentschaftswahl" is an election, not the president's inauguration; an offer
    of talks ("Gesprächsangebot") is still about talks."""
    president = key_words("wird Präsident")
    assert key_hits(president, key_words("gewann die Präsidentschaftswahl")) == 0
    assert key_hits(president, key_words("der neue Präsident")) == 2
    talks = key_words("lehnt Gespräche ab")
    assert key_hits(talks, key_words("wies jedes Gesprächsangebot zurück")) == 2


def test_a_clause_naming_the_events_act_in_other_words_is_of_its_kind() -> None:
    """kind_of reads "bietet ... Gespräche an" (a statement, its first act); the clause also
    names an inauguration ("legt den Amtseid ab"), the kind of an event whose title does not say
    so ("Lee Jae-myung wird Präsident Südkoreas")."""
    oath = event("becomes wird", "inauguration", "2025-06-04", "2025-06-04", ("lee-jae-myung",))
    text = "Lee bietet dem Norden Gespräche an und legt in Seoul den Amtseid ab."
    clause = Said.of(text, text, frozenset(), "de", frozenset({"lee-jae-myung"}))
    assert clause.kind != "inauguration" and clause.of_kind("inauguration")
    value = score(oath, day("2025-06-04"), {"lee-jae-myung"}, set(), frozenset(), clause)
    assert value > 0
    report = Report(
        passage_report(text).passage, 0, len(text), [], False, ["lee-jae-myung"], [], []
    )
    assert is_link(oath, day("2025-06-04"), value, report, clause)
    # not by its kind alone the day before
    assert score(oath, day("2025-06-03"), {"lee-jae-myung"}, set(), frozenset(), clause) == 0


def test_a_policy_is_declared_in_what_is_said() -> None:
    """A speech tells a policy by two words of its summary; it tells no threat."""
    words = key_words("In a speech to the Supreme People's Assembly Kim declared the South")
    policy = Candidate(
        "e", day("2024-01-15"), frozenset(), None, frozenset(), frozenset(), "policy", words
    )
    text = 'Kim declared the South its "principal enemy" in a speech to the parliament'
    clause = said(text)
    assert clause.kind in ("speech", "statement")
    assert score(policy, day("2024-01-15"), set(), set(), frozenset(), clause) > 0
    threat = Candidate(
        "e", day("2024-01-15"), frozenset(), None, frozenset(), frozenset(), "threat", words
    )
    assert score(threat, day("2024-01-15"), set(), set(), frozenset(), clause) == 0


def test_months_within_a_series_link_on_two_title_words() -> None:
    """ "Over the summer of 2019 it fired more than a dozen short-range missiles" is part of
    the series of May-November 2019; one word, or a period longer than a year, is not."""
    series = event(
        "series of short-range missile tests Serie von Kurzstreckenraketentests",
        "weapons-test",
        "2019-05-04",
        "2019-11-28",
    )
    summer = DateInterval(datetime.date(2019, 6, 1), datetime.date(2019, 8, 31), "month")
    for text in (
        "Over the summer of 2019 it fired more than a dozen short-range missiles.",
        "Im Sommer 2019 feuerte es mehr als ein Dutzend Kurzstreckenraketen ab.",
    ):
        assert is_link(series, summer, 0.5, passage_report(text), said(text)), text
    text = "Over the summer of 2019 its missiles stayed in their silos."
    assert not is_link(series, summer, 0.5, passage_report(text), said(text))
    longer = event("short-range missile tests", "weapons-test", "2019-05-04", "2020-11-28")
    text = "Over the summer of 2019 it fired more than a dozen short-range missiles."
    assert not is_link(longer, summer, 0.5, passage_report(text), said(text))


def statement(title: str, summary: str, on: str, actor: str) -> Candidate:
    """A statement of one actor, its summary's words beside its title's."""
    told = event(title, "statement", on, on, (actor,))
    return replace(told, summary_words=key_words(summary))


def test_a_statement_links_by_its_act_a_word_of_its_summary_and_an_actor() -> None:
    """ "announced it was leaving the treaty in 2003" tells North Korea's withdrawal (title:
    "withdraws", summary: "announced its withdrawal"), whatever kind "treaty" makes it read;
    not without one of its actors, nor where the one word is a meeting it reports."""
    npt = statement("withdraws from the", "announced", "2003-01-10", "north-korea")
    in_2003 = DateInterval(datetime.date(2003, 1, 1), datetime.date(2003, 12, 31), "year")
    text = "North Korea, which announced it was leaving the treaty in 2003, tested a bomb."
    report = replace(passage_report(text), actors=["north-korea"])
    assert score(npt, in_2003, {"north-korea"}, set(), frozenset(), said(text)) > 0
    assert is_link(npt, in_2003, 0.3, report, said(text))
    assert not is_link(npt, in_2003, 0.3, passage_report(text), said(text))
    invitation = statement("accepts invitation to meet", "envoys", "2018-03-08", "kim")
    march = DateInterval(datetime.date(2018, 3, 1), datetime.date(2018, 3, 31), "month")
    text = "In March 2018 South Korean envoys met Kim in Pyongyang."
    report = replace(passage_report(text), actors=["kim"])
    assert not is_link(invitation, march, 0.3, report, said(text))
    text = "He said in March 2018 that he wants to meet Kim, the envoys told reporters."
    assert is_link(invitation, march, 0.3, report, said(text))


def test_a_day_within_a_period_needs_its_title_word_and_one_of_its_actors() -> None:
    """ "Kim warf den Verantwortlichen tags darauf ... vor" shares a long title word with
    "Trump sagt Südkorea ..., sie seien für ihre Sicherheit selbst verantwortlich" (a
    period of 2025) but none of its actors: no link; with Trump named, it may link."""
    period = Candidate(
        "p",
        DateInterval(datetime.date(2025, 1, 20), datetime.date(2025, 11, 10), "day"),
        frozenset(["donald-trump", "south-korea"]),
        None,
        frozenset(),
        key_words("sie seien für ihre Sicherheit selbst verantwortlich"),
        "statement",
        key_words("take responsibility for its own security"),
    )
    text = "Kim warf den Verantwortlichen tags darauf kriminelle Fahrlässigkeit vor."
    assert score(period, day("2025-05-22"), {"kim-jong-un"}, set(), frozenset(), said(text)) == 0
    text = "Trump sagte am 22. Mai, Südkorea sei für seine Sicherheit selbst verantwortlich."
    got = score(period, day("2025-05-22"), {"donald-trump"}, set(), frozenset(), said(text))
    assert got > 0

"""The bilingual act table (app.ingest.concepts): one listing per word, the kinds its
words tell in their own language, and the acts they share across both."""

from collections import Counter

import pytest

from app.ingest import proposals
from app.ingest.concepts import ACTS, concept, cues, root, word_kind
from app.vocabulary import EVENT_KINDS


@pytest.mark.parametrize("column", [2, 3])
def test_a_word_is_listed_once(column: int) -> None:
    """No two words of a language share a root (a second listing would shadow the first's
    act or kind), save forms that alone tell the kind ("=warned =warns")."""
    roots = Counter(root(w) for row in ACTS for w in str(row[column]).split() if w[0] != "=")
    assert [r for r, n in roots.items() if n > 1] == []


def test_every_kind_of_the_table_is_an_event_kind() -> None:
    """Or a decision, which kind_of reads as what it decides (else policy)."""
    kinds = {row[1] for row in ACTS if row[1] is not None}
    assert kinds <= {*EVENT_KINDS, proposals.DECISION}


@pytest.mark.parametrize(
    ("word", "language", "kind"),
    [
        # inflections by root, irregular verbs by their infinitive
        ("Raketentests", "de", "weapons-test"),
        ("testete", "de", "weapons-test"),
        ("tested", "en", "weapons-test"),
        ("starb", "de", "death"),
        ("Gipfels", "de", "summit"),
        ("summits", "en", "summit"),
        ("Sanktionen", "de", "sanctions"),
        ("sanctions", "en", "sanctions"),
        ("shells", "en", "military-action"),
        # a German compound noun by its last part, never a word's inner letters
        ("Atomtest", "de", "weapons-test"),
        ("Neujahrsrede", "de", "speech"),
        ("Präsidentschaftswahlen", "de", "election"),
        ("schlechteste", "de", None),
        ("Wahlkreis", "de", None),
        ("Auswahl", "de", None),
        # a word of one language tells nothing in the other
        ("war", "de", None),
        ("war", "en", "war"),
        ("Rede", "en", None),
        # a form only as written: "warned" tells a statement, "warning" (system) not
        ("warned", "en", "statement"),
        ("warning", "en", None),
        ("state", "en", None),
        ("Gespräch", "de", None),
        ("Gespräche", "de", "negotiation"),
        ("killing", "en", None),
        ("drohen", "de", "threat"),
        ("Drohnen", "de", None),
        # words that name an act but tell no kind alone
        ("launched", "en", None),
        ("successor", "en", None),
    ],
)
def test_the_kind_a_word_tells(word: str, language: str, kind: str | None) -> None:
    assert word_kind(word, language) == kind


def test_acts_are_compared_across_languages() -> None:
    """The table's words name one act in either language; words that only tell a kind
    ("said") name none."""
    assert concept("vereidigt") == concept("inaugurated") == "inauguration"
    assert concept("gesprengt") == concept("demolished") == "demolition"
    assert concept("treffen") == concept("met") == "meeting"
    assert concept("said") is None
    assert concept("war") is None
    # a treaty is an agreement; a compound ending in a head word is that word's act
    assert concept("Vertrag") == concept("treaty") == concept("agreement") == "agreement"
    assert concept("Trägerrakete") == concept("missile") == "missile"
    # "landed" tells a visit but names no act: its root is the German "Land"
    assert word_kind("landed", "en") == "visit"
    assert concept("Land") is None


@pytest.mark.parametrize(
    ("text", "language", "kind"),
    [
        # a cue within a longer one is the longer one's
        ("Yoon hatte das Kriegsrecht verhängt", "de", "military-action"),
        ("Die Regierung hat Sanktionen verhängt", "de", "sanctions"),
        ("Am 4. Oktober flog eine Rakete erstmals über Japan", "de", "weapons-test"),
        ("Kim flog nach Wladiwostok", "de", "visit"),
        ("it fired two ballistic missiles", "en", "weapons-test"),
        ("he took office on Monday", "en", "inauguration"),
        # "what it called" names the thing fired; no statement
        ("The North fired what it called a new long-range cruise missile", "en", "weapons-test"),
        ("the submarine that launched the country's first SLBM in 2016", "en", "weapons-test"),
        ("Russia's parliament ratified it last month", "en", "agreement"),
        ("Die Duma hat den Vertrag am Dienstag ratifiziert", "de", "agreement"),
        # a status written into a constitution is a law, no writing
        ("the North has written its nuclear status into its constitution", "en", "policy"),
        ("Nordkorea hat seinen Status als Atommacht in der Verfassung verankert", "de", "policy"),
    ],
)
def test_cues_in_context(text: str, language: str, kind: str) -> None:
    kinds = [found for _, _, found in cues(text, language)]
    assert kind in kinds and all(k == kind for k in kinds if k != "statement"), kinds


@pytest.mark.parametrize(
    ("sentence", "language", "date", "kind"),
    [
        # what a government decides: approvals, recognitions, dissolutions are policy
        ("His government has since approved the purchase of two radars.", "en", None, "policy"),
        ("Die Regierung hat im Dezember den Kauf zweier Radare genehmigt.", "de", None, "policy"),
        (
            "In July North Korea recognises the republics of Donetsk and Luhansk.",
            "en",
            None,
            "policy",
        ),
        (
            "Juli: Pjöngjang erkennt die Volksrepubliken Donezk und Luhansk als Staaten an.",
            "de",
            None,
            "policy",
        ),
        ("Moon's government dissolved the fund in July.", "en", None, "policy"),
        ("Am 9. Oktober löste Ishiba das Unterhaus auf.", "de", None, "policy"),
        # a court's ruling and an impeachment are other acts, not statements or elections
        ("The Constitutional Court upheld the impeachment on Friday.", "en", None, "other"),
        ("In October the Supreme Court ordered Nippon Steel to pay.", "en", None, "other"),
        ("Das Gericht erklärte das Gesetz am 3. Juli für verfassungswidrig.", "de", None, "other"),
        (
            "Das Verfassungsgericht urteilte am Freitag, die Absetzung sei rechtens.",
            "de",
            None,
            "other",
        ),
        (
            "Lawmakers submitted a motion to impeach Yoon over his martial law declaration.",
            "en",
            None,
            "other",
        ),
        ("Die Abgeordneten stimmten am 14. Dezember für seine Amtsenthebung.", "de", None, "other"),
        ("Police on Wednesday arrested a woman at the airport.", "en", None, "other"),
        ("Die Polizei hat am Mittwoch eine Frau festgenommen.", "de", None, "other"),
        ("North Korea handed over 55 boxes of remains on July 27.", "en", None, "other"),
        ("Nordkorea übergibt am 27. Juli 55 Kisten mit Überresten.", "de", None, "other"),
        # a partner struck off a list, exports curbed: sanctions
        (
            "On Aug. 2, the Cabinet voted to remove South Korea from its list of trusted partners.",
            "en",
            None,
            "sanctions",
        ),
        (
            "On July 4, Japan tightened controls on exports of three chemicals.",
            "en",
            None,
            "sanctions",
        ),
        (
            "Tokio strich Südkorea am 2. August von seiner Liste der Handelspartner.",
            "de",
            None,
            "sanctions",
        ),
        (
            "Japan verschärfte am 4. Juli die Exportkontrollen für drei Chemikalien.",
            "de",
            None,
            "sanctions",
        ),
        # a missile coming down is a test; a warship sunk is military action
        ("The missile splashed down in the Sea of Japan on Sunday.", "en", None, "weapons-test"),
        ("On Feb. 18 a Hwasong-15 landed in waters off Hokkaido.", "en", None, "weapons-test"),
        (
            "Am 18. Februar war eine Hwasong-15 vor Japan niedergegangen.",
            "de",
            None,
            "weapons-test",
        ),
        ("Die Rakete ging am Sonntag im Japanischen Meer nieder.", "de", None, "weapons-test"),
        (
            "March 26: The navy corvette Cheonan sinks after an explosion, killing 46 sailors.",
            "en",
            None,
            "military-action",
        ),
        ("Am 26. März wurde die Korvette Cheonan versenkt.", "de", None, "military-action"),
        # guns fired are military action, not a test nor an opening
        (
            "North Korea fired more than 200 artillery rounds on Friday.",
            "en",
            None,
            "military-action",
        ),
        (
            "Nordkorea feuerte am Freitag mehr als 200 Artilleriegranaten ab.",
            "de",
            None,
            "military-action",
        ),
        ("Border guards opened fire on Tuesday.", "en", None, "military-action"),
        ("Grenzsoldaten eröffneten am Dienstag das Feuer.", "de", None, "military-action"),
        # taking office; telling an assembly is a speech, telling lawmakers a statement
        ("Ishiba hatte erst am 1. Oktober sein Amt angetreten.", "de", None, "inauguration"),
        ("Ishiba took office on Oct. 1.", "en", None, "inauguration"),
        (
            "That month he told the U.N. General Assembly that the time for dialogue was over.",
            "en",
            None,
            "speech",
        ),
        (
            "Im September sagte Trump vor der UN-Vollversammlung, die Zeit sei um.",
            "de",
            None,
            "speech",
        ),
        (
            "The spy agency told lawmakers on Wednesday that two women were held.",
            "en",
            None,
            "statement",
        ),
        ("In early 2018 Kim signalled willingness to talk.", "en", None, "statement"),
        ("Anfang 2018 signalisierte Kim Gesprächsbereitschaft.", "de", None, "statement"),
        ("State television on Wednesday showed footage of the blast.", "en", None, "publication"),
        (
            "Das Staatsfernsehen zeigte am Mittwoch Aufnahmen der Explosion.",
            "de",
            None,
            "publication",
        ),
        # what was never done is no act
        (
            "The friendship began in 2018, when the two men had never met.",
            "en",
            None,
            "unclassified",
        ),
        (
            "Die Freundschaft begann 2018, als sich die beiden noch nie getroffen hatten.",
            "de",
            None,
            "unclassified",
        ),
        # launches as a noun are tests, "launched a campaign" is not
        ("Two earlier launches, in May and August, failed.", "en", None, "weapons-test"),
        ("The party launched a campaign on Monday.", "en", None, "unclassified"),
        # the act whose words hold the date
        (
            "Abe called the September launch an unprecedented threat.",
            "en",
            "September",
            "weapons-test",
        ),
        # a date right before "after" is the main act's unless it counts from it
        (
            "Trump made the pledge at a news conference on June 12 after his meeting with Kim.",
            "en",
            "June 12",
            "statement",
        ),
        # what a statement is about is the act when it is dated
        (
            "Trump told him about the execution of Kim's uncle in December 2013.",
            "en",
            "December 2013",
            "death",
        ),
        (
            "Trump sprach zudem über die Hinrichtung von Kims Onkel im Dezember 2013.",
            "de",
            "Dezember 2013",
            "death",
        ),
        # a relative clause tells of its own date only
        (
            "Moon, who met Kim three times last year, said on Sunday he was hopeful.",
            "en",
            "Sunday",
            "statement",
        ),
        (
            "Moon, who met Kim three times last year, said on Sunday he was hopeful.",
            "en",
            "last year",
            "meeting",
        ),
        (
            "Moon Jae In, der Kim im vergangenen Jahr dreimal getroffen hat, sagte am Sonntag, "
            "er sei zuversichtlich.",
            "de",
            "Sonntag",
            "statement",
        ),
        (
            "Moon Jae In, der Kim im vergangenen Jahr dreimal getroffen hat, sagte am Sonntag, "
            "er sei zuversichtlich.",
            "de",
            "im vergangenen Jahr",
            "meeting",
        ),
        (
            "In April they signed the declaration, under which a submarine made a port call "
            "last month.",
            "en",
            "last month",
            "visit",
        ),
    ],
)
def test_the_kind_of_a_clause(sentence: str, language: str, date: str | None, kind: str) -> None:
    """The kind is the clause's main act (with `date`: the act the date dates)."""
    at = None if date is None else sentence.index(date)
    assert proposals.kind_of(sentence, language, at) == kind


@pytest.mark.parametrize(
    ("sentence", "language", "date", "kind"),
    [
        # an advance into land the other side holds, soldiers taken prisoner
        (
            "Russian troops pushed into the Kharkiv region on May 10.",
            "en",
            "May 10",
            "military-action",
        ),
        (
            "Im März 2022 drangen russische Truppen bis an den Stadtrand von Kiew vor.",
            "de",
            "März 2022",
            "military-action",
        ),
        (
            "Ukraine said it captured a North Korean soldier on Dec. 26.",
            "en",
            "Dec. 26",
            "military-action",
        ),
        (
            "Am 9. Januar nahmen ukrainische Soldaten zwei Nordkoreaner gefangen.",
            "de",
            "9. Januar",
            "military-action",
        ),
        (
            "Einheiten Kiews waren im August in das Gebiet vorgedrungen.",
            "de",
            "August",
            "military-action",
        ),
        # a call, a retort, an accusation, an intelligence report
        ("Moon and Trump spoke by phone on Tuesday about the summit.", "en", "Tuesday", "meeting"),
        ("Scholz telefonierte am Freitag mit Xi.", "de", "Freitag", "meeting"),
        (
            "Pyongyang hit back on Sunday, calling the drills a rehearsal for invasion.",
            "en",
            "Sunday",
            "statement",
        ),
        (
            "Die Regierung konterte am Montag, die Vorwürfe seien haltlos.",
            "de",
            "Montag",
            "statement",
        ),
        ("The NIS reported in May that Kim was grooming his daughter.", "en", "May", "statement"),
        # a ceremony is no death, a failed launch and a first flight are tests
        (
            "On Jan. 27, Zelenskyy honoured the victims of the Holocaust killed in Kyiv.",
            "en",
            "Jan. 27",
            "other",
        ),
        (
            "Eine Rakete zerbrach am 31. Mai kurz nach dem Start über dem Meer.",
            "de",
            "31. Mai",
            "weapons-test",
        ),
        ("The rocket exploded shortly after liftoff on Nov. 21.", "en", "Nov. 21", "weapons-test"),
        ("Der Jet absolvierte im Juli 2022 seinen ersten Flug.", "de", "Juli 2022", "weapons-test"),
        # what is suspended or switched off; a decision is what it decides, else policy
        ("Seoul suspended the 2018 agreement on Tuesday.", "en", "Tuesday", "policy"),
        ("Am 4. Juni setzte Seoul das Abkommen vollständig aus.", "de", "4. Juni", "policy"),
        (
            "Die Regierung hatte am Mittwoch beschlossen, die Lautsprecher abzuschalten.",
            "de",
            "Mittwoch",
            "policy",
        ),
        (
            "Am Samstag hatte der Sicherheitsrat neue Sanktionen beschlossen.",
            "de",
            "Samstag",
            "sanctions",
        ),
        ("The cabinet decided on Monday to abolish the ministry.", "en", "Monday", "policy"),
        # the date of an act's noun is the act's: the agreement, not its suspension
        (
            "Seoul hat das Militärabkommen vom September 2018 ausgesetzt.",
            "de",
            "September 2018",
            "agreement",
        ),
        # a verb before a comma is not the act of an occasion after it holding the date
        (
            "Die Sender wurden am 23. April abgeschaltet, kurz vor dem Gipfel am 27. April.",
            "de",
            "27. April",
            "summit",
        ),
        # a reason holding the date tells its act: the launch, not the suspension
        (
            "Seoul suspended part of the deal in protest of the North's launch of a spy "
            "satellite on Nov. 21.",
            "en",
            "Nov. 21",
            "weapons-test",
        ),
        # a satellite put into space, inspectors expelled
        (
            "Im Mai 2016 brachte Nordkorea einen Satelliten ins All.",
            "de",
            "Mai 2016",
            "weapons-test",
        ),
        ("Pyongyang expelled the inspectors in December.", "en", "December", "policy"),
        # laws passed, lines cut, loudspeakers switched on
        (
            "In September 2022 the assembly passed a law on nuclear forces.",
            "en",
            "September 2022",
            "policy",
        ),
        (
            "Am Donnerstag wurde das Gesetz vom Parlament verabschiedet.",
            "de",
            "Donnerstag",
            "policy",
        ),
        ("On April 7 the North cut all hotlines with the South.", "en", "April 7", "policy"),
        ("Im April 2023 kappte Pjöngjang alle Kommunikationskanäle.", "de", "April 2023", "policy"),
        (
            "Am 9. Juni schaltete das Militär die Lautsprecher wieder ein.",
            "de",
            "9. Juni",
            "policy",
        ),
        # a year between an article and an act's noun is the noun's
        (
            "In November, Pyongyang said it would no longer abide by the 2018 military agreement.",
            "en",
            "2018",
            "agreement",
        ),
        # not "a sign that", nor "Zerstörer" (a warship)
        ("In April, in a sign of goodwill, Kim met the envoys.", "en", "April", "meeting"),
        ("Ein Zerstörer kippte am 21. Mai beim Stapellauf um.", "de", "21. Mai", "unclassified"),
    ],
)
def test_families_of_acts(sentence: str, language: str, date: str, kind: str) -> None:
    """Acts read by family in both languages, each at the date that dates it."""
    assert proposals.kind_of(sentence, language, sentence.index(date)) == kind

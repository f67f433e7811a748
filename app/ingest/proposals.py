"""What a proposed event is made of: a title from the sentence that reports it, a kind
from a bilingual lexicon, and a score that says how sure its date is.

Title: the sentence, in the article's language, without its date expression (and the
preposition, article or demonstrative before it: "Am 27. April 2018", "On March 1,
2019,", "March 5-6, 2018:", "that September"), a section label ("Analyse:", "Update:"), a
leading connective ("Dann", "Later"), the conjunction of a clause of time cut from its
sentence ("when", "after") or a dateline; an article before a date naming a thing stays
("called the September launch", "abide by the 2018 agreement"), as does a relative
pronoun (", der 2011 die Macht übernahm"); a German clause whose fronted date leaves the
verb first ("trafen sich Kim und Moon in Panmunjom", also after a lead-in and a colon)
gets its subject back in front ("Kim und Moon trafen sich in Panmunjom"); a leading
personal pronoun becomes the name of the last person named before the sentence in its
paragraph (and that person an actor of the event: further back, "he" may be someone the
lexicon does not know). Cut at a clause or word boundary, never mid-word; white space
made single, a conjunction the date leaves behind dropped.

Score: day 0.9, month 0.75, year 0.55, decade 0.3; times 0.7 when the year (or month) was
not stated in the expression but taken from the text around it (app.dates: `inferred`),
times 0.9 for a date taken from a heading.
"""

import re
from collections.abc import Callable
from datetime import date, timedelta

from app.dates import DateInterval, vote_language
from app.ingest.clauses import SAYING

TITLE_CHARS = 100
DATE_SURE = {"day": 0.9, "month": 0.75, "year": 0.55, "decade": 0.3}
INFERRED = 0.7
FROM_HEADING = 0.9

# Kinds (app.vocabulary.EVENT_KINDS) by cue, one lexicon per language: a German word never
# tags an English sentence ("war" is "was") nor the other way round. A cue is a regular
# expression matched on the lower-cased text at a word start (\w* in front: a German
# compound's end, "Raketentest"). Inflections are spelt out (strong verbs: "traf",
# "getroffen"); a lemmatizer (simplemma) would add a dictionary load per language and
# still miss the compounds and separable verbs ("feuert ... ab") that carry the kind.
KIND_CUES: dict[str, dict[str, str]] = {
    "weapons-test": {
        "de": r"\w*(?:raketen|atom|kernwaffen|nuklear|waffen|bomben|triebwerks?)tests?\b|"
        r"\w*(?:raketen|satelliten)starts?\b|\w*salven?\b|in\s+(?:eine|die)\s+(?:\w+\s+)?umlaufbahn|"
        r"test(?:et|ete|eten|en)\b|getestet|zünde\w*|gezündet|\w*bombe\b|"
        r"abschuss|abgefeuert|feuer(?:t|te|ten)\b|\w*rakete[n]?\b|überflieg\w*|überflog\w*|"
        r"tests?\b",
        "en": r"(?:nuclear|missile|rocket|weapons?|bomb|engine|icbm)\s+tests?\b|"
        r"test(?:s|ed|ing)?\b|test-fir\w*|detonat\w*|hydrogen\s+bomb|nuclear\s+device|"
        r"(?:nuclear|atomic)\s+explosions?|into\s+(?:\w+\s+)?orbit\b|"
        r"(?:missile|rocket|icbm)s?\s+launch\w*|"
        r"launch(?:ed|es|ing)?\s+(?:\w+\s+){0,4}(?:missile|rocket|icbm|satellite)|salvos?\b|"
        r"(?:fired|fires|flew|flies)\s+(?:[\w-]+\s+){0,6}(?:missile|rocket)|"
        r"(?:missile|rocket|icbm|satellite)s?,?\s+(?:[\w,-]+\s+){0,3}(?:was\s+|were\s+)?"
        r"(?:launched|fired|flew|tested)|blast\b",
    },
    "summit": {"de": r"\w*gipfel\w*", "en": r"summit"},
    "sanctions": {  # a resolution adopted too: the Security Council's on the North impose them
        "de": r"\w*sanktion\w*|embargo|(?<!kriegsrecht )verhängt\w*|\w*terrorliste|"
        r"schwarze\s+liste|verbot\w*|\w*resolution\s+(?:\S+\s+){0,8}(?:verabschiedet|"
        r"beschlossen|angenommen)|(?:verabschiedet\w*|beschl(?:oss|ießt)\w*)\s+(?:\S+\s+){0,6}"
        r"\w*resolution",
        "en": r"sanction\w*|embargo|sponsors?\s+of\s+terror\w*|blacklist|banned|bans\b|"
        r"(?:adopt\w*|pass(?:ed|es)?|approv\w*)\s+(?:\S+\s+){0,4}resolution|"
        r"resolutions?\s+(?:\S+\s+){0,4}(?:was|were|is|are|been)\s+(?:\w+\s+)?"
        r"(?:adopted|passed|approved)",
    },
    "demolition": {
        "de": r"abriss|abgerissen|(?:reißt|riss|rissen)\s+(?:\w+\s+){0,6}ab\b|\w*spreng\w*|"
        r"zerstör\w*",
        "en": r"demoli\w*|blew\s+up|blown\s+up|torn\s+down|tore\s+down|razed|destroy\w*",
    },
    "inauguration": {
        "de": r"amtseinführung|vereidig\w*|amtsantritt|(?:tritt|trat)\s+(?:\w+\s+){0,3}amt\s+an\b|"
        r"an\s+die\s+macht",
        "en": r"inaugurat\w*|sworn\s+in|t(?:ook|akes|aking)\s+(?:office|power)|"
        r"(?:returned|came|rose)\s+to\s+power|"
        r"became\s+(?:prime\s+minister|president)",
    },
    "election": {
        "de": r"\w*wahl(?:en)?\b|gewählt|wählt\w*|abstimm\w*",
        "en": r"elect(?:ed|ion)s?\b|won\s+the\s+(?:presidency|election)|"
        r"vote[ds]?\b(?!\s+(?:\w+\s+){0,2}to\s)",  # "voted to suspend": what was voted
    },
    "death": {
        "de": r"starb|stirbt|gestorben|\w*tod\b|tode[s]?\b|getötet|ermordet|hingerichtet|"
        r"\w*hinrichtung",
        "en": r"died|dies\b|death|killed|assassinat\w*|executed|execution|murder\w*",
    },
    "founding": {
        "de": r"gegründet|gründung|gründete|(?<!kriegsrecht )ausgerufen|"
        r"rief\s+(?!das\s+kriegsrecht)(?:\w+\s+){0,6}aus\b|eröffnet\w*|"
        r"eingeweiht|einweihung",
        "en": r"founded|founding|proclaimed|established|opened|unveiled",
    },
    "agreement": {
        "de": r"\w*abkommen\w*|vereinbar\w*|\w*vertrag\w*|unterzeichne\w*|unterschrieb\w*|"
        r"einig(?:t|te|ten)\b|geeinigt",
        "en": r"agree(?:d|s|ment)\b|accords?\b|treaty|signed|signs\b|deal\b",
    },
    "military-action": {
        "de": r"\w*kriegsrecht|(?<=kriegsrecht )(?:verhängt|ausgerufen)|\w*angriff\w*|angegriffen|"
        r"beschoss\w*|beschießt|\w*manöver\w*|simulier\w*|"
        r"\w*übung\w*|überfall\w*|\w*parade\b|\w*offensive|einmarsch\w*|vorstieß\w*|landung",
        "en": r"(?:declar\w*|impos\w*)\s+(?:of\s+)?martial\s+law|"
        r"martial\s+law\s+(?:\w+\s+){0,2}(?:declared|imposed)|attack\w*|strikes?\b|struck|"
        r"invad\w*|invasion|"
        r"shell(?:s|ed|ing)\b|bombard\w*|(?:drills?|exercises?)\b|simulat\w*|parade|offensive|landing",
    },
    "threat": {  # an order to prepare for war too: "ordered his military to prepare to"
        "de": r"\w*droh\w*|(?:befahl|befiehlt|wies|weist|angewiesen)\s+(?:\S+\s+){0,12}"
        r"(?:vorzubereiten|bereitzuhalten|bereit\s+zu\s+sein)",
        "en": r"threat\w*|order(?:ed|s)\s+(?:\S+\s+){0,4}to\s+(?:prepare|be\s+ready|get\s+ready)",
    },
    "speech": {  # a party's plenum or congress: where the leader speaks
        "de": r"\w*rede\b|reden\b|\w*ansprache|\w*vollversammlung|\w*plenum\w*|parteitag\w*|"
        r"\w*plenarsitzung\w*",
        "en": r"speech|plenum|plenary|party\s+(?:congress|meeting|conference)|"
        r"(?:his|her|their|an|a|the|first|year's|televised|annual)\s+(?:\w+\s+){0,2}"
        r"address\b|address(?:ed|es)?\s+(?:to\s+)?(?:the|a)\s+(?:nation|u\.n\.|united|general|"
        r"parliament|congress|assembly|rally|crowd)|general\s+assembly",
    },
    "visit": {
        "de": r"\w*besuch\w*|reis(?:t|te|ten)\b|\w*reise\b|eingetroffen|eintreffen|"
        r"(?:trifft|traf|trafen)\s+(?:\w+\s+){0,5}ein\b|gelandet|landete|ankunft|angekommen|"
        r"(?:fliegt|flog|flogen)\b(?!\s+über)|aufgebrochen|\w*fahrt\b|begleite\w*|"
        r"war\s+(?:\w+\s+){0,6}(?:in|nach)\s+\w+\s+gewesen|betrat|betreten|"
        r"(?:setzte|setzt)\s+(?:\w+\s+){0,4}fuß",
        "en": r"visit\w*|travel(?:l)?(?:ed|s)\s+to|trip\s+to|arrived|arrives|landed|"
        r"fl(?:ew|ies)\s+(?:in|to|into)\b|accompan\w*|set\s+foot\s+(?:in|on)",
    },
    "negotiation": {  # not the negotiator, a person
        "de": r"verhandl(?!ungsführer)\w*|verhandel\w*|gespräche\b",
        "en": r"negotiat(?!ors?\b)\w*|talks\b",
    },
    "meeting": {
        "de": r"\w*treffen\b|\w*treffens\b|trifft|traf(?:en)?\b|getroffen|"
        r"zusammen(?:kommen|gekommen|kam|kamen)|kommen\s+(?:\w+\s+){0,8}zusammen|"
        r"empf(?:ing|ängt|angen)|(?:berief|beruft)\s+(?:\w+\s+){0,6}ein\b|einberufen",
        "en": r"met\b|meet(?:s|ing)?\b|receive[sd]|dine[sd]?\s+with|handshake|shook\s+hands|"
        r"convened",
    },
    "publication": {
        "de": r"veröffentlich\w*|\w*bericht\w*",
        "en": r"published|publish\w*|report(?:ed|s)?\s+that",
    },
    "war": {"de": r"\w*krieg\w*", "en": r"wars?\b"},
    "policy": {
        "de": r"\w*politik|strategie|doktrin",
        "en": r"policy|strategy|doctrine",
    },
    "statement": {
        "de": r"sag(?:t|te|ten)\b|gesagt|erklär\w*|kündig\w*|angekündigt|"
        r"teil(?:t|te|ten)\s+(?:\w+\s+){0,4}mit\b|schrieb|schreibt|betont\w*|bekräftig\w*|"
        r"verurteil\w*|(?:nimmt|nahm)\s+(?:\w+\s+){0,3}an\b|verkünde\w*|abgesagt|"
        r"\w*brief\w*|schlug\s+(?:\w+\s+){0,6}vor\b|vorgeschlagen|bestätig\w*|warn\w*|"
        r"nann?te|nennt|sprach|spricht|forder\w*|gefordert|(?:bot|bietet)\s+(?:\w+\s+){0,6}an\b|"
        r"angeboten|lehn\w*\s+(?:\w+\s+){0,6}ab\b|abgelehnt|verspott\w*|twitter|"
        r"(?:wies|weist)\s+(?:[\w-]+\s+){0,16}zurück\b|zurückgewiesen|meldet\w*|vorgeworfen|"
        r"(?:wirft|warf|warfen)\s+(?:\S+\s+){0,8}vor\b|beschuldig\w*",
        "en": r"said|says|announc\w*|declar\w*|stated|told|tells|tweet\w*|wrote|writes|"
        r"condemn\w*|mock\w*|(?<!, )(?<!so-)call(?:s|ed)?\b|accept\w*|statement|"
        r"warn(?:s|ed)\b|cancel\w*|"
        r"propos\w*|"
        r"offer\w*|reject\w*|confirm\w*|urg(?:ed|es)\b|demand\w*|pledg\w*|vow\w*|claim\w*|twitter|"
        r"accus\w*",
    },
}
_KINDS = {
    language: [(kind, re.compile(rf"\b(?:{cues[language]})")) for kind, cues in KIND_CUES.items()]
    for language in ("de", "en")
}
STATEMENTS = frozenset(["statement", "publication"])

_LABEL = re.compile(
    r"\s*(?:analyse|hintergrund|chronologie|chronik|kommentar|exklusiv|eilmeldung|update|"
    r"breaking(?:\s+news)?|analysis|background|timeline|exclusive|opinion|live)\s*[:|–—-]\s*",
    re.IGNORECASE,
)
_CONNECTIVE = re.compile(
    r"\s*(?:dann|danach|daraufhin|später|anschließend|zudem|außerdem|bereits|schon|erst|"
    r"doch|aber|und|auch|jedoch|then|later|afterwards|meanwhile|however|also|and|but|"
    r"already|finally|schließlich|zuvor|earlier)\b,?\s*",
    re.IGNORECASE,
)
# What may stand before a date expression and goes with it: prepositions, articles,
# "Anfang"/"early" and the like.
_BEFORE_DATE = re.compile(
    r"(?:\b(?:am|an|im|in|on|at|seit|since|ab|from|bis|until|by|vom|von|zum|zur|um|over|during|"
    r"throughout|über|während|"
    r"anfang|mitte|ende|early|mid|late|der|die|das|dem|den|des|the|of|that|this|jenem|diesem)"
    r"\s+)*$",
    re.IGNORECASE,
)
# what goes with a date after it: "last month's", "on Monday afternoon", "am Dienstagabend"
_WITH_DATE = re.compile(
    r"(?:['’]s\b|\s+(?:morning|afternoon|evening|night|vormittag|nachmittag|abend|morgen)\b)?"
)
# a conjunction the date list leaves behind: "at summits in 2000 and 2007, only to"
_DANGLING = re.compile(r"\s+(?:and|und|or|oder)(?=\s*[,;.]|$)")
_ARTICLE_BEFORE = re.compile(
    r"\b(?:(the|a|an|its|his|her|their)|der|die|das|den|dem|des|ein|eine)\s+$", re.IGNORECASE
)


_NOUN_AFTER = re.compile(  # a word after the date that may be a noun (or its adjective)
    r" (?!(?:and|or|und|oder|to|in|on|at|of|with|when|as|it|he|she|they|we|er|sie|es|was|"
    r"were|is|had|has|war|hat|hatte)\b)([^\W\d][\w'’-]*)"
)


def _names_a_thing(text: str, start: int, end: int) -> bool:
    """The date at `start`:`end` stands between an article and its noun: "the 2018
    agreement", "the September launch", "das 2018 Abkommen" (but "Der 3. September 2017
    markierte": in German only before a capitalised noun)."""
    article = _ARTICLE_BEFORE.search(text, max(0, start - 8), start)
    noun = _NOUN_AFTER.match(text, end)
    return bool(article and noun and (article.group(1) or noun.group(1)[:1].isupper()))


# the conjunction of a clause of time cut from its sentence (lower case: a sentence that
# opens with "When ..." keeps it)
_TIME_CLAUSE = re.compile(r"(?:when|while|after|before|als|während|nachdem|bevor)\s+")
_RELATIVE = re.compile(r"(?<=,\s)(?:der|die|das|dem|den)\s+")  # a relative pronoun stays
_AFTER_DATE = re.compile(r"\s*(?:[,:;–—-]|\bhat\b\s*)?\s*")
PRONOUNS = frozenset(["er", "sie", "he", "she", "they"])
ARTICLES = frozenset(  # and possessives: "his predecessor, Yoon, declared"
    ["the", "a", "an", "der", "die", "das", "ein", "eine", "einen", "his", "her", "its", "their"]
)
_NOUN_PHRASE = re.compile(
    r"(?:der|die|das|the)\s+(?:[a-zäöüß]+e[nmrs]?\s+)?[A-ZÄÖÜ][\wäöüß-]+(?=\s+[a-zäöüß])"
)
_JOIN = re.compile(r"\s*(?:,|und|and|&|sowie)\s*")


PLANS = {
    # not "would": "said that Seoul would keep working" tells what was said
    "en": re.compile(
        r"\b(?:will|could|may|might|(?:is|are)\s+(?:expected|scheduled|due|set)\s+to|"
        r"plans?\s+to)\b",
        re.IGNORECASE,
    ),
    # not "will": in German it wants, it does not foretell
    "de": re.compile(
        r"\b(?:wird|werden|soll|sollen|könnte|könnten|plant|planen|geplant)\b", re.IGNORECASE
    ),
}
NOW = re.compile(
    r"(?:bis\s+)?(?:heute|jetzt|derzeit|gegenwärtig|today|now|currently)", re.IGNORECASE
)


# "a missile that could reach all of the U.S. mainland": what a thing can do, not a plan
_CAPABLE = re.compile(r"\b(?:that|which|who)\s+(?:could|may|might)\b", re.IGNORECASE)


# what was said or agreed of the future: "said the North would launch three more
# satellites in 2024", "agreed to seek talks this year", "kündigte an, er werde 2024 ..."
# (a plan when its date reaches past the publication)
SAID_PLANS = {
    "en": re.compile(
        r"\b(?:would|(?:agreed?|agrees|pledged?|promised?|vowed?|decided?|aims?|hopes?|"
        r"intends?)\s+to)\b",
        re.IGNORECASE,
    ),
    "de": re.compile(
        r"\b(?:werde|würde|würden|wolle|vereinbar\w*|versprach\w*|versprochen)\b", re.IGNORECASE
    ),
}


def is_plan(clause: str, language: str, *, ahead: bool = False) -> bool:
    """Whether the clause tells what is to come ("is expected to", "soll"; "would", "werde"
    too when the date reaches past the publication: `ahead`); not a relative clause saying
    what something could do."""
    clause = _CAPABLE.sub(" ", clause)
    plans = [PLANS[language], *([SAID_PLANS[language]] if ahead else [])]
    return any(p.search(clause) is not None for p in plans)


# "seit 2006", "since Nov. 29": a state reaching to now, not the date of an event; but the
# event at its start when the sentence says so: "the first launch since Sept. 15",
# "erstmals seit 1980", "has not launched a missile since Nov. 29, when it tested ..."
_SINCE = re.compile(r"\s*(?:seit(?:dem)?|since)\b", re.IGNORECASE)
_FIRST_SINCE = re.compile(
    r"\b(?:first|erste[nmrs]?|erstmals|zum\s+ersten\s+mal|not|never|no\s+longer|nicht|"
    r"kein\w*|nie|niemals)\b|n't\b",
    re.IGNORECASE,
)
_WHEN = re.compile(r"\s*,?\s*(?:when|als)\b", re.IGNORECASE)
# "seit März 2022 testet das Land wieder", "has again been testing since": a resumption;
# not "immer wieder", "time and again" (a habit)
_AGAIN = re.compile(
    r"[^,;.]*(?<!immer )(?<!time and )\b(?:wieder|erneut|again|resumed?|resuming|"
    r"wiederaufgenommen)\b(?! und wieder| and again)",
    re.IGNORECASE,
)
# what comes right before a date that no event has: the end of a state ("Until last
# year"), a comparison ("than a year ago", "als vor einem Jahr", "so angespannt wie
# 2017", "ein Treffen nur für die Kameras, wie 2019,"), a calendar ("which falls
# on Thursday", "der auf den Sonntag fällt" has the verb after it)
_NO_EVENT_BEFORE = re.compile(
    r"\b(?:until|till|than|bis|(?:\w+er|mehr)\s+(?:\w+\s+){0,3}als|als\s+noch|falls(?:\s+on)?|"
    r"(?:so|as)\s+(?:\w+\s+){1,2}(?:wie|as)(?:\s+(?:in|im))?|"
    r"(?:(?<=,\s)|^)(?:wie|like|as)(?:\s+(?:in|im))?|"  # "ein Treffen für die Kameras, wie 2019,"
    r"fällt\s+auf(?:\s+den)?)\s+$",
    re.IGNORECASE,
)
# a counterfactual: "would have been hard to imagine a year ago", "wäre kaum vorstellbar
# gewesen"
_COUNTERFACTUAL = re.compile(
    r"\b(?:would|could|might)(?:\s+not|n't)?\s+have\b|\bhard\s+to\s+imagine\b|"
    r"\bunthinkable\b|\binconceivable\b|\b(?:un|kaum\s+)vorstellbar\b|\bundenkbar\b|"
    r"\b(?:wäre|wären|hätte|hätten)\b[^.;]*\b(?:gewesen|können|müssen|sollen)\b",
    re.IGNORECASE,
)


_ATTRIBUTION = re.compile(r"\s*(?:wie|as|according\s+to|laut)\b", re.IGNORECASE)


def is_attribution(clause: str) -> bool:
    """Whether the clause says who reported the sentence ("wie Yonhap am Mittwoch
    berichtete", "as state media reported on Tuesday"): its date is the report's."""
    return _ATTRIBUTION.match(clause) is not None


# a verb of saying right before a date ("the military said on Tuesday", "meldete die
# Staatsagentur KCNA am Dienstag") or right after one that opens the clause ("Am Dienstag
# meldete KCNA", "On Tuesday, the ministry said")
_SAID_BEFORE = re.compile(rf"\b{SAYING}\s+(?:[\w-]+\s+){{0,5}}$", re.IGNORECASE)
_SAID_AFTER = re.compile(rf"[ \t]*,?[ \t]*(?:[\w'’-]+\s+){{0,5}}?{SAYING}\b", re.IGNORECASE)
_OPENING = re.compile(r"(?:^|[,;:])\s*(?:(?:on|am|an|at|in|im)\s+)?$", re.IGNORECASE)
REPORT_DAYS = 7  # a report this soon after an act of the sentence dates the report


def is_reporting(sentence: str, start: int, end: int) -> bool:
    """Whether the date at `start`:`end` of the sentence is when it was said or reported
    (a verb of saying next to it): with an act of the days before in the same sentence
    ("Nordkorea habe am Montag ... getestet, meldete KCNA am Dienstag"), the sentence's
    event is that act, not the report."""
    return bool(
        _SAID_BEFORE.search(sentence, max(0, start - 60), start)
        or (_OPENING.search(sentence, 0, start) and _SAID_AFTER.match(sentence, end))
    )


_SINCE_BEFORE = re.compile(r"\b(?:seit|since)\s+(?:[\w.-]+\s+){0,5}$", re.IGNORECASE)


def is_since(expression: str, before: str = "") -> bool:
    """Whether the date expression reaches from a date to now ("seit 2006", "since 1980"),
    or dates the start of such a span (`before` its clause up to it: "seit dem Ende des
    Koreakriegs 1953", "since he took power in late 2011")."""
    return _SINCE.match(expression) is not None or _SINCE_BEFORE.search(before) is not None


def since_event(before: str, after: str) -> bool:
    """Whether a "since" date dates an event of its own: the sentence before it says
    "first" or "not", a "when" clause after it tells the event, or its clause says the
    act began again then ("seit März 2022 testet das Land wieder": the resumption)."""
    clause = before[max(before.rfind(","), before.rfind(";")) + 1 :]
    again = _AGAIN.match(after) or _AGAIN.search(clause)
    return bool(_FIRST_SINCE.search(before) or _WHEN.match(after) or again)


# an act done since a date, in the perfect: "has floated", "have been sending", "hat ...
# geschickt", "hat ... treiben lassen", "getroffen hat"; not a state ("have been frozen",
# "has remained", "hat ... geherrscht")
_PARTICIPLE = (  # German, lower case: "geschickt", "abgefeuert", "verschickt"
    r"(?:ab|an|auf|aus|ein|los|hoch|zurück|über|mit|weg)?(?:ge|ver|zer|ent)"
    r"(?!(?:wesen|blieben|herrscht|golten|dauert|habt|legen|standen|gen)\b)[a-zäöüß]{2,}(?:t|en)\b"
)
_PERFECT = re.compile(
    r"\b(?:has|have)\s+(?:\w+ly\s+|also\s+|again\s+)*(?:been\s+\w+ing|"
    r"(?!(?:been|remained|stayed|seemed|lasted)\b)\w+ed|sent|flown|built|held|met|made|"
    r"thrown|shot|fought|brought|blown|struck|sunk|begun|run)\b|"
    rf"\b(?:hat|haben)\s(?:[^;:.]{{0,150}}\s)?(?:{_PARTICIPLE}|[a-zäöüß]+en\s+lassen\b)|"
    rf"\b{_PARTICIPLE}\s+(?:hat|haben)\b"
)


def ongoing(after: str, kind: str, precision: str) -> bool:
    """Whether the clause `after` a "since" date of a day or month tells an act going on
    since then, whose start is an event: "Since late May, North Korea has floated
    thousands of balloons", "Seit dem 28. Mai hat Nordkorea Ballons ... geschickt",
    "Seit dem 2. Juni testet Pjöngjang fast wöchentlich Raketen" (an act's kind in the
    present); not a year ("seit 2006" is a span), nor a state ("Seit Oktober herrscht
    Funkstille", "since May, relations have been frozen")."""
    act = kind != "unclassified" and kind not in STATEMENTS
    return precision in ("day", "month") and (act or _PERFECT.search(after) is not None)


# pictures, and the date that is theirs: "Auf Aufnahmen vom 19. Januar", "Auf
# Satellitenbildern des Anbieters Planet Labs vom Dienstag", "satellite images taken on
# Jan. 23"; or their showing: "State television on Wednesday showed footage of the
# blast", "Das Fernsehen zeigte am Mittwoch Bilder der Explosion"
_PICTURES = (
    r"(?:\w*(?:aufnahmen|bildern?|fotos?|videos?)|images?|imagery|photos?|photographs?|"
    r"pictures?|footage|videos?)"
)
_SHOWING = (
    r"(?:showed|shows|aired|airs|broadcast|released|zeigte|zeigten|zeigt|zeigen|"
    r"veröffentlichte|veröffentlichten|strahlte|strahlten)"
)
_PICTURES_OF = re.compile(
    rf"\b{_PICTURES}\b(?:\s+[\w.-]+){{0,5}}?\s+(?:vom|von|from|taken\s+(?:on|in)|dated)\s+$",
    re.IGNORECASE,
)
_SHOWING_BEFORE = re.compile(rf"\b{_SHOWING}\s+(?:\w+\s+){{0,2}}$", re.IGNORECASE)
_PICTURES_AFTER = re.compile(rf"\W*(?:\w+\s+){{0,2}}?{_PICTURES}\b", re.IGNORECASE)
_SHOWN_AFTER = re.compile(
    rf"\W*(?:\w+\s+){{0,2}}?{_SHOWING}\s+(?:\w+\s+){{0,3}}?{_PICTURES}\b", re.IGNORECASE
)


def dates_pictures(before: str, after: str) -> bool:
    """Whether the date, `before` and `after` it the text of its clause, is the date of
    pictures of an event or of their showing: evidence about an event, not an event."""
    shown = _SHOWING_BEFORE.search(before[-40:]) and _PICTURES_AFTER.match(after)
    return bool(_PICTURES_OF.search(before[-80:]) or _SHOWN_AFTER.match(after) or shown)


def no_event_date(clause: str, before: str) -> bool:
    """Whether the date expression, with `before` the text of its clause before it, dates
    no event: the end of a state, a comparison, a calendar, a counterfactual."""
    return bool(_NO_EVENT_BEFORE.search(before) or _COUNTERFACTUAL.search(clause))


def first_unit(interval: DateInterval) -> DateInterval:
    """The day, month, year or decade an interval starts with, at its precision."""
    start = interval.start
    if interval.precision == "day":
        end = start
    elif interval.precision == "month":
        end = (start.replace(day=28) + timedelta(days=4)).replace(day=1) - timedelta(days=1)
    elif interval.precision == "year":
        end = start.replace(month=12, day=31)
    else:
        end = date(start.year // 10 * 10 + 9, 12, 31)
    return DateInterval(start, end, interval.precision)


def is_now(expression: str) -> bool:
    """Whether the date expression only says "now" ("bis heute", "today")."""
    return NOW.fullmatch(expression.strip()) is not None


# "said it had detonated", "erklärte, man habe ... getestet", "bestätigte, dass das Gebäude
# gesprengt worden sei": the statement reports an act; not "sagte, Moon wolle ... Gipfel"
_REPORTED = re.compile(r"\W*(?:\w+\W+){0,4}?(?:that|dass|von|it|they|he|she|er|sie|es|man)\b")
_WISH = re.compile(r"\b(?:wolle|wollen|werde|würde|solle|könne|will|would|could|wants)\b")
# a German noun after a preposition: the occasion ("in seiner Rede", "bei dem Treffen")
_FRAME = re.compile(
    r"\b(?:in|im|bei|beim|auf|während|nach|vor|mit|zu|zum|zur|an|am)\s+(?:\w+\s+){0,2}$"
)
# an occasion opening an English clause: "At the NATO summit near London on Tuesday, Trump
# ... calling him 'Rocket Man'" tells what was said there, not the summit
_OCCASION = re.compile(
    r"\W*(?:at|during|on\s+the\s+sidelines\s+of)\s+(?:the|a|an|his|her|its|their|this|that)\s"
    r"[^,;]{0,80},",
    re.I,
)
# a clause of time before or after the act: "hours before Trump landed in Gyeongju, it
# said it had test-fired", "nachdem Kim eingetroffen war"
_SUBORDINATE = re.compile(  # not a time of day: "shortly before 3 p.m. on Tuesday"
    r"\b(?:before|after|while|because|bevor|nachdem|während|weil)\b"
    r"(?!\s+(?:\d|noon|midnight|dawn))[^,;]*",
    re.I,
)
Cues = list[tuple[int, int, str]]  # (start, end, kind) in a clause
# the parts of a clause that "and" joins, each with its own verb: the date's part tells
_CONJUNCTS = re.compile(r"(?:^|(?<=\s(?:and|und)\s))(?:(?!\s(?:and|und)\s).)+", re.I | re.S)
DATE_REACH = 20  # "a day after": a date this close before a clause of time is in it,
_APART = re.compile(r",|\b(?:but|and|aber|und)\b")  # unless these stand between
# what was not done: "without meeting Kim", "ohne Kim getroffen zu haben", "had no
# intention of holding talks"
_NOT_DONE = re.compile(
    r"\b(?:without|ohne|no\s+intention\s+of|refused\s+to|declined\s+to|weigerte\s+sich)\b[^,;]*",
    re.I,
)
_QUOTED = re.compile(r"[\"“„«»][^\"“”„«»]*[\"”“«»]")


_BOTH = re.compile(r"(?i)\b(?:in|an|am)\b")  # words of both languages cast no vote


def clause_language(text: str, default: str | None) -> str:
    """The language of the clause: the article's (`default`) unless the clause's words
    clearly vote for the other (an English quote in a German article)."""
    voted = vote_language(_BOTH.sub(" ", text), margin=1 if default is None else 2)
    return voted or default or "de"


def kind_of(text: str, language: str | None = None, at: int | None = None) -> str:
    """The kind of the event the clause reports (see KIND_CUES), `unclassified` when none fits:
    cues in the clause's own language (`language` on a tie), outside quotes, what was
    not done ("without meeting Kim") clauses of time or reason ("hours before Trump
    landed", "weil ..."; when the date at `at` is in one, only its cues count, and none
    is `unclassified`) and the parts "and" joins that do not hold the date when any are.
    The cue that comes first, but in German a verb (lower case: "hatte Trump den Gipfel
    ... abgesagt") before a noun, unless the noun names the occasion of a statement ("In
    seiner Neujahrsansprache bot Kim ... an"); in English an occasion opening the clause
    other than a speech ("At the NATO summit near London on Tuesday, Trump ... calling
    him") is not the act: the clause's main act, if any, is; a statement reporting an
    act ("said it had tested", "erklärte, man habe ... gezündet"; not an act quoted away
    from the date: "demanding that Washington change its "hostile policy"") has the kind
    of the act."""
    lang = clause_language(text, language)
    lowered = text.lower()  # casefold would move offsets (ß)
    found = [  # by position, then as listed
        (start, end, kind)
        for start, _, end, kind in sorted(
            (m.start(), n, m.end(), kind)
            for n, (kind, cue) in enumerate(_KINDS[lang])
            for m in cue.finditer(lowered)
        )
    ]

    def outside(spans: list[tuple[int, int]], cues: Cues) -> Cues:
        return [f for f in cues if not any(a <= f[0] < b for a, b in spans)]

    found = outside([m.span() for m in _NOT_DONE.finditer(text)], found)
    if not found:
        return "unclassified"
    quotes = [m.span() for m in _QUOTED.finditer(text)]
    unquoted = outside(quotes, found) or found
    clauses = [m.span() for m in _SUBORDINATE.finditer(text)]
    holding = [  # the clause the date (at `at`) is in: "a day after North Korea test-fired"
        (a, b)
        for a, b in clauses
        if at is not None and a - DATE_REACH <= at < b and not _APART.search(text, at, a)
    ]
    unquoted = outside([c for c in clauses if c not in holding], unquoted) or unquoted
    if holding:  # an act the clause holding the date does not name is none of the others'
        unquoted = [f for f in unquoted if any(a <= f[0] < b for a, b in holding)]
        if not unquoted:
            return "unclassified"
    if at is not None:  # "Trump threatened ... and the North's nuclear test on Sept. 3 shook"
        others = [m.span() for m in _CONJUNCTS.finditer(text) if not m.start() <= at < m.end()]
        unquoted = outside(others, unquoted) or unquoted
    verbs = unquoted
    occasion = _OCCASION.match(text) if lang == "en" else None
    if occasion and unquoted[0][0] < occasion.end() and unquoted[0][2] != "speech":
        verbs = [f for f in unquoted if f[0] >= occasion.end()]
        if not verbs:
            return "unclassified"
    if lang == "de":
        verbs = [f for f in unquoted if not text[f[0]].isupper()] or unquoted
        frames = [
            f
            for f in unquoted
            if text[f[0]].isupper() and _FRAME.search(lowered, max(0, f[0] - 40), f[0])
        ]
        if frames and frames[0][0] < verbs[0][0] and verbs[0][2] in STATEMENTS:
            return frames[0][2]
    start, end, kind = verbs[0]
    elsewhere = [q for q in quotes if at is None or not q[0] <= at < q[1]]  # not the date's
    later = [f for f in outside(elsewhere, found) if f[0] >= end and f[2] not in STATEMENTS]
    if (
        kind in STATEMENTS
        and later
        and _REPORTED.match(lowered, end)
        and not _WISH.search(lowered, end, later[0][0])
    ):
        return later[0][2]
    return kind


def date_score(interval: DateInterval, *, inferred: bool, heading: bool) -> float:
    sure = DATE_SURE[interval.precision]
    sure *= INFERRED if inferred else 1.0
    sure *= FROM_HEADING if heading else 1.0
    return round(sure, 3)


def title(
    sentence: str, date_spans: list[tuple[int, int]], names: list[str], person: str | None
) -> tuple[str, bool]:
    """The sentence as a title (see the module docstring), and whether a pronoun in it was
    taken to stand for `person`: `date_spans` are offsets into the sentence, `names` the
    actor and place names it contains."""
    text = sentence
    for start, end in sorted(date_spans, reverse=True):
        lead = _BEFORE_DATE.search(text, 0, start)
        if lead and (relative := _RELATIVE.match(text, lead.start())):  # ", der 2011 die Macht"
            lead = _BEFORE_DATE.search(text, relative.end(), start)
        with_date = _WITH_DATE.match(text, end)
        assert with_date is not None  # it matches the empty string
        # "during last month's Olympics" keeps its preposition, "the 2018 agreement" and
        # "the September launch" their article
        naming = _names_a_thing(text, start, end)
        kept = naming or with_date.group().startswith(("'", "’"))
        cut_from = lead.start() if lead and not kept else start
        end = with_date.end() + (1 if naming else 0)
        trail = _AFTER_DATE.match(text, end) if cut_from == 0 else None
        cut_to = trail.end() if trail else end
        joiner = " " if cut_from > 0 and text[cut_to : cut_to + 1].isalnum() else ""
        text = text[:cut_from].rstrip() + joiner + text[cut_to:]
    text = _DANGLING.sub("", " ".join(text.split())).replace(",,", ",").replace(" ,", ",")
    for pattern in (_LABEL, _CONNECTIVE, _TIME_CLAUSE):
        match = pattern.match(text)
        if match and match.end() < len(text):
            text = text[match.end() :]
    text = text.strip(" ,;:–—-")
    by_pronoun = False
    first = re.match(r"(\w+)\b", text)
    names = sorted(set(names), key=len, reverse=True)
    if first and first.group(1).casefold() in PRONOUNS and person:
        text, by_pronoun = person + text[first.end() :], True
    else:
        text, by_pronoun = _front_subject(text, names, person)
    lead_in, colon, rest = text.partition(": ")
    if colon and rest[:1].islower():  # "Vorausgegangen war eine Annäherung: hatten sich Kim ..."
        rest, by_pronoun = _front_subject(rest, names, person)
        text = lead_in + colon + rest
    first_word = text.split(" ", 1)[0].casefold()
    if not text or text[:1].islower() and not by_pronoun and first_word not in ARTICLES:
        text = sentence  # the date was the subject: the sentence reads best as it is
    text = text.strip()
    return _shorten(text[:1].upper() + text[1:].rstrip(".!? ")), by_pronoun


def _front_subject(text: str, names: list[str], person: str | None) -> tuple[str, bool]:
    """German verb-first after a fronted date: the names (or the noun phrase, or the
    pronoun standing for `person`) right after the verb and a reflexive "sich" go in
    front."""
    verb = re.match(r"([a-zäöüß]+)\s+(?:sich\s+)?", text)
    if not verb or verb.group(1) in ARTICLES:  # "the South suspended": its subject is first
        return text, False

    def name_at(position: int) -> int | None:
        found = next(
            (
                n
                for n in names
                if text.startswith(n, position)
                and text[position + len(n) : position + len(n) + 1] != "-"
            ),
            None,
        )  # not "US" of "US-Präsident"
        return None if found is None else position + len(found)

    pronoun = re.match(r"(\w+)\b\s*", text[verb.end() :])
    if pronoun and pronoun.group(1).casefold() in PRONOUNS and person:
        rest = text[: verb.end()] + text[verb.end() + pronoun.end() :]
        return f"{person} {rest.strip()}", True
    end = name_at(verb.end())
    if end is None:
        noun = _NOUN_PHRASE.match(text, verb.end())
        if noun is None:
            return text, False
        end = noun.end()
    while (join := _JOIN.match(text, end)) and (more := _further(text, join.end(), name_at)):
        end = more
    subject = text[verb.end() : end]
    return f"{subject} {text[: verb.end()].strip()}{text[end:]}", False


_CAPITALISED = re.compile(r"(?:[A-ZÄÖÜ][\w'’-]*)(?:\s+[A-ZÄÖÜ][\w'’-]*)*")


def _further(text: str, at: int, name_at: Callable[[int], int | None]) -> int | None:
    """Where a further subject joined by "und"/"and" ends: a name, or capitalised words
    ("Kim und Südkoreas Präsident Moon Jae In")."""
    words = _CAPITALISED.match(text, at)
    ends = [e for e in (name_at(at), words.end() if words else None) if e is not None]
    return max(ends, default=None)


def _shorten(text: str) -> str:
    """At most TITLE_CHARS: cut at the last clause boundary, else the last word boundary."""
    if len(text) <= TITLE_CHARS:
        return text
    head = text[:TITLE_CHARS]
    clause = max(head.rfind(","), head.rfind(";"), head.rfind(" – "))
    if clause > TITLE_CHARS // 2:
        return head[:clause].rstrip()
    return head.rsplit(" ", 1)[0].rstrip(" ,;:") + "…"

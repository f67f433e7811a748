"""What a proposed event is made of: a title from the sentence that reports it, a kind
from a bilingual lexicon, and a score that says how sure its date is.

Title: the sentence, in the article's language, without its date expression (and the
preposition or article before it: "Am 27. April 2018", "On March 1, 2019,", "March 5-6,
2018:"), a section label ("Analyse:", "Update:"), a leading connective ("Dann", "Later")
or a dateline; a German clause whose fronted date leaves the verb first ("trafen sich Kim
und Moon in Panmunjom") gets its subject back in front ("Kim und Moon trafen sich in
Panmunjom"); a leading personal pronoun becomes the name of the last person named before
the sentence (and that person an actor of the event). Cut at a clause or word boundary,
never mid-word.

Score: day 0.9, month 0.75, year 0.55, decade 0.3; times 0.7 when the year (or month) was
not stated in the expression but taken from the text around it (app.dates: `inferred`),
times 0.9 for a date taken from a heading.
"""

import re

from app.dates import DateInterval

TITLE_CHARS = 100
DATE_SURE = {"day": 0.9, "month": 0.75, "year": 0.55, "decade": 0.3}
INFERRED = 0.7
FROM_HEADING = 0.9

# Kinds (app.vocabulary.EVENT_KINDS) by cue: the kind whose cue comes first in the sentence
# wins (the main verb usually comes before what it reports on: "condemned ... the test"),
# at one position the one listed first. A cue is a regular expression matched on the
# lower-cased text at a word start, unless it starts with \w* (a German compound's end:
# "Raketentest").
KIND_CUES: tuple[tuple[str, str], ...] = (
    (
        "weapons-test",
        r"\w*(?:raketen|atom|kernwaffen|nuklear|waffen|bomben|wasserstoffbomben)tests?\b|"
        r"\w*(?:raketen|interkontinentalraketen)start|test(?:s|ed|et|ete|eten)?\b|getestet|"
        r"(?:missile|rocket|icbm)s?\s+launch|launch(?:ed|es)?\s+(?:an?\s+)?(?:\w+\s+){0,3}"
        r"(?:missile|rocket|icbm)|fired\s+(?:\w+\s+){0,3}(?:missile|rocket)|"
        r"zünde|gezündet|detonat|\w*bombe\b|hydrogen\s+bomb|nuclear\s+device|abschuss|"
        r"abgefeuert|feuert|fires\s+(?:\w+\s+){0,3}(?:missile|rocket)",
    ),
    ("summit", r"summit|\w*gipfel"),
    ("sanctions", r"sanction|\w*sanktion|embargo|verhäng"),
    ("demolition", r"demoli|abriss|abgerissen|\w*spreng|blew\s+up|torn\s+down"),
    ("inauguration", r"inaugurat|sworn\s+in|took\s+office|amtseinführung|vereidigt|amtsantritt"),
    ("election", r"elect(?:ed|ion)|\w*wahl(?:en)?\b|gewählt|vote[ds]?\b"),
    ("death", r"died|dies\b|death|starb|gestorben|\w*tod\b|tode"),
    ("founding", r"founded|founding|gegründet|gründung|proclaimed|ausgerufen"),
    (
        "agreement",
        r"agree(?:d|ment)|accord|treaty|signed|deal\b|abkommen|vereinbar|vertrag|"
        r"unterzeichne|einig(?:t|ten)\b",
    ),
    (
        "military-action",
        r"attack|strike|struck|invaded|invasion|shell(?:ed|ing)|bombard|angriff|angegriffen|"
        r"beschoss|\w*manöver|exercises?\b|\w*übung",
    ),
    ("threat", r"threat|warn(?:s|ed)\b|droh|androh|warnt"),
    ("speech", r"speech|address(?:ed|es)?\s+(?:the|a)\b|\w*rede\b|reden\b|\w*ansprache"),
    ("visit", r"visit|\w*besuch|reist|travel(?:l)?(?:ed|s)\s+to|trip\s+to"),
    ("negotiation", r"negotiat|talks\b|verhand|gespräche"),
    (
        "meeting",
        r"met\b|meet(?:s|ing)?\b|\w*treffen|trifft|traf(?:en)?\b|zusammen(?:kommen|gekommen)|"
        r"empf(?:ing|ängt)|receive[sd]|dine[sd]\s+with",
    ),
    ("publication", r"published|publish|veröffentlich|report(?:ed)?\s+that|\w*bericht"),
    ("war", r"war\b|\w*krieg"),
    ("policy", r"policy|\w*politik|strategy|strategie|doctrine|doktrin"),
    (
        "statement",
        r"said|says|announce|declare|stated|told|tells|tweet|wrote|writes|condemn|mock|"
        r"calls?\b|called|accept|sag(?:t|te)\b|erklär|kündig|angekündigt|teilt|schrieb|"
        r"schreibt|betont|bekräftig|verurteil|nimmt\s+(?:\w+\s+){0,3}an\b|statement|"
        r"\w*erklärung",
    ),
)
_KINDS = [
    (kind, re.compile(cue if cue.startswith(r"\w*") else rf"\b(?:{cue})"))
    for kind, cue in KIND_CUES
]

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
    r"(?:\b(?:am|an|im|in|on|at|seit|since|ab|from|bis|until|by|vom|von|zum|zur|um|"
    r"anfang|mitte|ende|early|mid|late|der|die|das|dem|den|des|the|of)\s+)*$",
    re.IGNORECASE,
)
_AFTER_DATE = re.compile(r"\s*(?:[,:;–—-]|\bhat\b\s*)?\s*")
PRONOUNS = frozenset(["er", "sie", "he", "she", "they"])
ARTICLES = frozenset(["the", "a", "an", "der", "die", "das", "ein", "eine", "einen"])
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


def is_plan(clause: str, language: str) -> bool:
    """Whether the clause tells what is to come ("is expected to", "soll")."""
    return PLANS[language].search(clause) is not None


def is_now(expression: str) -> bool:
    """Whether the date expression only says "now" ("bis heute", "today")."""
    return NOW.fullmatch(expression.strip()) is not None


# "said it had detonated", "erklärte, man habe ... getestet": the statement reports the event
_REPORTED = re.compile(r"\w*\W*(?:that\s+|dass\s+)?(?:it|they|he|she|er|sie|es|man)\b")


def kind_of(text: str) -> str:
    """The kind whose cue comes first in the text, `unclassified` when none fits; when a
    statement reports what its speaker did ("said it had tested"), the kind of that."""
    lowered = text.casefold()
    found = sorted(
        (m.start(), n, m.end()) for n, (_, cue) in enumerate(_KINDS) if (m := cue.search(lowered))
    )
    if not found:
        return "unclassified"
    kind = _KINDS[found[0][1]][0]
    if kind == "statement" and len(found) > 1 and _REPORTED.match(lowered, found[0][2]):
        return _KINDS[found[1][1]][0]
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
        cut_from = lead.start() if lead else start
        trail = _AFTER_DATE.match(text, end) if cut_from == 0 else None
        cut_to = trail.end() if trail else end
        joiner = " " if cut_from > 0 and text[cut_to : cut_to + 1].isalnum() else ""
        text = text[:cut_from].rstrip() + joiner + text[cut_to:]
    for pattern in (_LABEL, _CONNECTIVE):
        match = pattern.match(text)
        if match and match.end() < len(text):
            text = text[match.end() :]
    text = text.strip(" ,;:–—-")
    by_pronoun = False
    first = re.match(r"(\w+)\b", text)
    if first and first.group(1).casefold() in PRONOUNS and person:
        text, by_pronoun = person + text[first.end() :], True
    else:
        text, by_pronoun = _front_subject(text, sorted(set(names), key=len, reverse=True), person)
    first_word = text.split(" ", 1)[0].casefold()
    if text[:1].islower() and not by_pronoun and first_word not in ARTICLES:
        text = sentence  # the date was the subject: the sentence reads best as it is
    text = text.strip()
    return _shorten(text[:1].upper() + text[1:].rstrip(".!? ")), by_pronoun


def _front_subject(text: str, names: list[str], person: str | None) -> tuple[str, bool]:
    """German verb-first after a fronted date: the names (or the noun phrase, or the
    pronoun standing for `person`) right after the verb and a reflexive "sich" go in
    front."""
    verb = re.match(r"([a-zäöüß]+)\s+(?:sich\s+)?", text)
    if not verb:
        return text, False

    def name_at(position: int) -> int | None:
        found = next((n for n in names if text.startswith(n, position)), None)
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
    while (join := _JOIN.match(text, end)) and (more := name_at(join.end())) is not None:
        end = more
    subject = text[verb.end() : end]
    return f"{subject} {text[: verb.end()].strip()}{text[end:]}", False


def _shorten(text: str) -> str:
    """At most TITLE_CHARS: cut at the last clause boundary, else the last word boundary."""
    if len(text) <= TITLE_CHARS:
        return text
    head = text[:TITLE_CHARS]
    clause = max(head.rfind(","), head.rfind(";"), head.rfind(" – "))
    if clause > TITLE_CHARS // 2:
        return head[:clause].rstrip()
    return head.rsplit(" ", 1)[0].rstrip(" ,;:") + "…"

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

from app.dates import SINCE_BEFORE, DateInterval, vote_language
from app.ingest.clauses import SAYING
from app.ingest.concepts import cues

TITLE_CHARS = 100
DATE_SURE = {"day": 0.9, "month": 0.75, "year": 0.55, "decade": 0.3}
INFERRED = 0.7
FROM_HEADING = 0.9

STATEMENTS = frozenset(["statement", "publication"])
DECISION = "decision"  # a cue's kind (app.ingest.concepts): what it decides, else policy

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
        r"\b(?:will|could|may|might|(?:is|are|was|were)\s+(?:expected|scheduled|due|set)\s+to|"
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


# what was said, agreed or promised of the future: "said the North would launch three more
# satellites in 2024", "agreed to seek talks this year", "kündigte an, er werde 2024 ..."
# (a plan when its date reaches past the publication)
SAID_PLANS = {  # and the aim of a call or an announcement: "called for an expansion of the
    # arsenal in 2023", "announced plans to launch", "angekündigt, 2024 drei Satelliten zu starten"
    "en": re.compile(
        r"\b(?:would|(?:agreed?|agrees|decided?|aims?|hopes?|intends?|plans?)\s+to|"
        r"(?:pledged?|promised?|vowed?)(?:\s+to)?|call(?:ed|s)?\s+for)\b",  # "promised three"
        re.IGNORECASE,
    ),
    "de": re.compile(
        r"\b(?:werde|würde|würden|wolle|vereinbar\w*|versprach\w*|versprochen)\b|"
        r"\bzu\s+(?-i:[a-zäöüß]+e[rl]?n)\b[^,;]*$",
        re.IGNORECASE,
    ),
}


# a verb of saying, announcing or threatening: "threatened on Monday that such planes could
# be shot down", "announced in December plans to launch": what it says of the future is
# what was said, on the date before or next to it
_SAYS = (
    rf"\b(?:{SAYING}|announc\w*|angekündigt|kündigt\w*|threaten\w*|warn(?:s|ed)|vow\w*|"
    r"drohte|drohten|warnte|warnten|forderte|called\s+for)"
)
_SAID_ON = re.compile(rf"{_SAYS}\s+(?:(?:on|am|in|im|at)\s+)?$", re.IGNORECASE)
_SAID_AFTER_DATE = re.compile(_SAYS, re.IGNORECASE)
# after the date: what was said, quoted ("hatte am Samstag gedroht: „Schon bald wird man
# sehen ...“", to the sentence's end when the quote runs on), or a relative clause telling
# what a thing is meant to do ("Sanktionen, die Nordkoreas Exporte senken sollen",
# "sanctions, which will cut exports")
_TOLD_AFTER_DATE = re.compile(
    r"[\"“„«»][^\"“”„«»]*(?:[\"”“«»]|$)"
    r"|,\s*(?:der|die|das|welche[rsnm]?)\s[^,;:.]*?\b(?:soll|sollen|wird|werden|könnten?)"
    r"(?=\s*(?:[,;:.]|$))"
    r"|,\s*(?:which|who|whose)\s[^,;:.]*"
)


# a complement clause after the date: "vereinbarten am Mittwoch, dass ein U-Boot Südkorea
# anlaufen soll", "agreed on Wednesday that a submarine will visit": it tells what was agreed,
# decided or said; the act of the date is the agreeing
_CONTENT = re.compile(r",\s*dass\b|\bthat\b", re.IGNORECASE)


def is_plan(clause: str, language: str, *, ahead: bool = False, at: int | None = None) -> bool:
    """Whether the clause tells what is to come ("is expected to", "soll"; "would", "werde"
    too when the date reaches past the publication: `ahead`); not a relative clause saying
    what something could do, nor what was said on the date at offset `at`: only the words
    up to the verb of saying after the date, or before it when the verb is next to it, tell
    ("The Council was due to meet on Friday, diplomats said" is a plan); nor a clause of
    time without the date ("suspended it on Friday, hours before it was due to expire"); nor,
    after the date (outside quotes), what a quote or a relative clause tells of a thing."""
    if at is not None:
        if len(_QUOTE_MARK.findall(clause, 0, at)) % 2 == 0:
            clause = clause[:at] + _TOLD_AFTER_DATE.sub(" ", clause[at:])
        verb = _SAID_AFTER_DATE.search(clause, at)
        content = _CONTENT.search(clause, at)
        if content is not None:
            clause = clause[: content.start()]  # what was agreed is no plan of the agreeing
        if _SAID_ON.search(clause, max(0, at - 30), at):
            clause = clause[:at]
        elif verb is not None:
            clause = clause[: verb.start()]
        for time in reversed(list(_SUBORDINATE.finditer(clause))):
            if not time.start() <= at < time.end():
                clause = clause[: time.start()] + clause[time.end() :]
    clause = _CAPABLE.sub(" ", clause)
    plans = [PLANS[language], *([SAID_PLANS[language]] if ahead else [])]
    return any(p.search(clause) is not None for p in plans)


_WILL_DO = re.compile(r"\b(?:would|will|werde|werden|würden?|wolle|wollen)\b", re.IGNORECASE)


def is_blog_act(clause: str, kind: str) -> bool:
    """Whether a live blog's sentence dated by the blog's day tells an act of its own: one
    the lexicon names, or a statement of what will be done ("Trump said the United States
    would halt the war games"); not an account of what happened ("sagt Trump, Nordkorea
    habe ... verlangt"), which tells the day's events, nor a sentence naming no act."""
    if kind in STATEMENTS:
        return _WILL_DO.search(clause) is not None
    return kind != "unclassified"


# "seit 2006", "since Nov. 29": a state reaching to now, not the date of an event; but the
# event at its start when the sentence says so: "the first launch since Sept. 15",
# "erstmals seit 1980", "has not launched a missile since Nov. 29, when it tested ..."
_SINCE = re.compile(r"\s*(?:seit(?:dem)?|since)\b", re.IGNORECASE)
_FIRST_SINCE = re.compile(r"\b(?:first|erste[nmrs]?|erstmals|zum\s+ersten\s+mal)\b", re.I)
NEGATION_WORDS = r"not|never|no\s+longer|nicht|kein\w*|nie|niemals"
NEGATION = re.compile(rf"\b(?:{NEGATION_WORDS})\b|n't\b", re.I)
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
# on Thursday", "der auf den Sonntag fällt" has the verb after it), a count of acts told
# before ("the third such incursion this month", "der dritte derartige Vorfall")
_NO_EVENT_BEFORE = re.compile(
    r"\b(?:until|till|than|bis|(?:\w+er|mehr)\s+(?:\w+\s+){0,3}als|als\s+noch|falls(?:\s+on)?|"
    r"(?:such|solche[nmrs]?|derartige[nmrs]?)\s+[\w-]+(?:\s+[\w-]+)?|"
    r"(?:so|as)\s+(?:\w+\s+){1,2}(?:wie|as)(?:\s+(?:in|im))?|"
    r"(?:(?<=,\s)|^)(?:wie|like|as)(?:\s+(?:in|im))?|"  # "ein Treffen für die Kameras, wie 2019,"
    r"fällt\s+auf(?:\s+den)?)\s+$",
    re.IGNORECASE,
)
# a counterfactual: "would have been hard to imagine a year ago", "wäre kaum vorstellbar
# gewesen"
_COUNTERFACTUAL = re.compile(
    r"\b(?:would|could|might)(?:\s+not|n't)?\s+have\b(?!\s+to\b)|\bhard\s+to\s+imagine\b|"
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


# what a report said had happened before it: "said on Thursday it had test-fired",
# "teilte am Mittwoch mit, es habe ... getestet", "meldete, die Rakete sei ... gestartet"
_HAD_DONE = re.compile(r"\b(?:had|habe|hätten?|sei|seien)\b", re.IGNORECASE)
# the report came N days after the act was seen: "said on Wednesday it had test-fired a new
# missile, a day after South Korea's military detected a launch" (the act: Tuesday)
_DAYS_AFTER_SEEN = re.compile(
    r",\s+(?:\w+\s+)?(?P<n>a|one|two|three|einen|zwei|drei)\s+(?:days?|Tage?n?)\s+"
    r"(?:after|nach(?:dem)?)\b[^.;]{0,120}?\b(?:detect\w*|spott\w*|launch\w*|fired|"
    r"erfasst\w*|entdeckt\w*|registriert\w*|abschuss\w*|start\w*|abgefeuert)",
    re.IGNORECASE,
)
_COUNT = {"a": 1, "one": 1, "einen": 1, "two": 2, "zwei": 2, "three": 3, "drei": 3}


def reported_act_days(sentence: str, start: int, end: int) -> int | None:
    """How many days before the report dated at `start`:`end` the act it reports took
    place ("said on Thursday it had test-fired ..., a day after ... detected a launch": 1),
    0 when the sentence does not say (the report's day is the latest it can be), None when
    the date is not a report's of an earlier act."""
    if not (is_reporting(sentence, start, end) and _HAD_DONE.search(sentence, end, end + 80)):
        return None
    seen = _DAYS_AFTER_SEEN.search(sentence, end)
    return _COUNT[seen.group("n").lower()] if seen else 0


def is_reporting(sentence: str, start: int, end: int) -> bool:
    """Whether the date at `start`:`end` of the sentence is when it was said or reported
    (a verb of saying next to it): with an act of the days before in the same sentence
    ("Nordkorea habe am Montag ... getestet, meldete KCNA am Dienstag"), the sentence's
    event is that act, not the report."""
    return bool(
        _SAID_BEFORE.search(sentence, max(0, start - 60), start)
        or (_OPENING.search(sentence, 0, start) and _SAID_AFTER.match(sentence, end))
    )


def is_since(expression: str, before: str = "") -> bool:
    """Whether the date expression reaches from a date to now ("seit 2006", "since 1980"),
    or dates the start of such a span (`before` its clause up to it: "seit dem Ende des
    Koreakriegs 1953", "since he took power in late 2011")."""
    return _SINCE.match(expression) is not None or SINCE_BEFORE.search(before) is not None


def since_event(before: str, after: str, precision: str = "day") -> bool:
    """Whether a "since" date dates an event of its own: the sentence before it says
    "first" (or "not", of a day or month: "has not launched a missile since Nov. 29"; "has
    not tested a nuclear weapon since 2017" names no test), a "when" clause after it
    tells the event, or its clause says the act began again then ("seit März 2022 testet
    das Land wieder": the resumption)."""
    clause = before[max(before.rfind(","), before.rfind(";")) + 1 :]
    again = _AGAIN.match(after) or _AGAIN.search(clause)
    own = re.split(r"[,;]|\b(?:that|dass|which|who|when|als)\b", after)[0]  # not what was said
    said_not = NEGATION.search(before) or NEGATION.search(own)
    negated = precision in ("day", "month") and said_not is not None
    return bool(_FIRST_SINCE.search(before) or negated or _WHEN.match(after) or again)


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


# "Two weeks later the tone has changed", "Zwei Wochen später ist der Ton ein anderer": a
# date counted on from the story's last, in a clause telling a state in the present (not
# "hat": German tells past acts in the perfect), is where the text has got to, no act
_LATER = re.compile(r"\b(?:later|on|afterwards|später|danach|darauf)$", re.IGNORECASE)
_STATE = {
    "en": re.compile(r"\b(?:is|are|has|have|remains?)\b", re.IGNORECASE),
    "de": re.compile(r"\b(?:ist|sind|bleibt|bleiben|herrscht|gibt|scheint)\b", re.IGNORECASE),
}
_TOLD = {
    "en": re.compile(r"\b(?:was|were|had|did)\b", re.IGNORECASE),
    "de": re.compile(r"\b(?:war|waren|wurde|wurden|hatte|hatten)\b", re.IGNORECASE),
}


def is_state_later(expression: str, clause: str, language: str) -> bool:
    """Whether a date counted on ("two weeks later") dates a present state of its clause."""
    told = _TOLD[language].search(clause)
    return bool(_LATER.search(expression.strip()) and _STATE[language].search(clause) and not told)


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
# gesprengt worden sei", "told him about the execution", "sprach über die Hinrichtung": the
# statement reports an act; not "sagte, Moon wolle ... Gipfel"
_REPORTED = re.compile(
    r"\W*(?:\w+\W+){0,4}?(?:that|dass|von|über|about|it|they|he|she|er|sie|es|man)\b"
)
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
_REASON = (  # "suspended it in protest of the North's launch of a satellite on Nov. 21"
    r"in\s+(?:protest|response|retaliation|reaction)\s+(?:of|at|to|for|against)|"
    r"als\s+(?:reaktion|antwort)\s+auf|aus\s+protest\s+gegen"
)
_SUBORDINATE = re.compile(  # not a time of day: "shortly before 3 p.m. on Tuesday"
    rf"\b(?:before|after|while|because|bevor|nachdem|während|weil|{_REASON})\b"
    rf"(?!\s+(?:\d|noon|midnight|dawn))(?:(?!\b(?:{_REASON})\b)[^,;])*",
    re.I,
)
# a relative clause between commas: "Moon, der Kim dreimal getroffen hat, sagte am Sonntag"
_RELATIVE_CLAUSE = re.compile(
    r"(?<=,\s)(?:(?:in|an|auf|bei|mit|nach|unter|von|in|under|by|with|at|for|from)\s+)?"
    r"(?:der|die|das|dem|den|denen|deren|dessen|who|whom|which|whose)\s[^,;]*(?=,|$)",
    re.I,
)
Cues = list[tuple[int, int, str]]  # (start, end, kind) in a clause
# the parts of a clause that "and" joins, each with its own verb: the date's part tells
_CONJUNCTS = re.compile(r"(?:^|(?<=\s(?:and|und)\s))(?:(?!\s(?:and|und)\s).)+", re.I | re.S)
DATE_REACH = 20  # "a day after": a date this close before a clause of time is in it
# when it counts from it ("a day", "hours", "zwei Tage"), not a date of its own ("on June
# 12 after his meeting with Kim": the pledge, not the meeting)
_COUNTING = re.compile(
    r"(?:(?:a|an|one|two|three|four|five|six|few|several|some|just|only|shortly|einen?|zwei|"
    r"drei|vier|fünf|sechs|wenige[n]?|kurz|nur|knapp|days?|hours?|weeks?|months?|years?|"
    r"minutes?|tage?n?|stunden?|wochen?|monate?n?|jahre?n?|minuten?)\s+)*",
    re.I,
)
# what was not done: "without meeting Kim", "ohne Kim getroffen zu haben", "had no
# intention of holding talks", "had never met"
_NOT_DONE = re.compile(
    r"\b(?:without|ohne|never|nie|niemals|no\s+intention\s+of|refused\s+to|declined\s+to|"
    r"weigerte\s+sich)\b[^,;]*",
    re.I,
)
# what joins an act's noun to its date: "das Militärabkommen vom September 2018", "the
# summit of June 2000" (the date is the agreement's, not the verb's: "... ausgesetzt")
_OF_DATE = re.compile(r"\s+(?:vom|von|of)\s+(?:(?:the|dem|des)\s+)?", re.I)
_YEAR_BEFORE_NOUN = re.compile(r"\d{4}\s+(?:[\w-]+\s+)?")  # "the 2018 military agreement"


def _thing_of(text: str, at: int, cue: tuple[int, int, str]) -> bool:
    """Whether the year at `at` stands between an article and the cue's noun: "would no
    longer abide by the 2018 military agreement" (the year is the agreement's)."""
    year = _YEAR_BEFORE_NOUN.match(text, at)
    article = _ARTICLE_BEFORE.search(text, max(0, at - 8), at)
    return bool(year and article and year.end() == cue[0])


_QUOTED = re.compile(r"[\"“„«»][^\"“”„«»]*[\"”“«»]")
_QUOTE_MARK = re.compile(r"[\"“”„«»]")


_BOTH = re.compile(r"(?i)\b(?:in|an|am)\b")  # words of both languages cast no vote


def clause_language(text: str, default: str | None) -> str:
    """The language of the clause: the article's (`default`) unless the clause's words
    clearly vote for the other (an English quote in a German article)."""
    voted = vote_language(_BOTH.sub(" ", text), margin=1 if default is None else 2)
    return voted or default or "de"


def kind_of(text: str, language: str | None = None, at: int | None = None) -> str:
    """The kind of the event the clause reports: its main act, not a word of a phrase or
    clause beside it (cues: app.ingest.concepts.cues); `unclassified` when none fits. Cues in
    the clause's own language (`language` on a tie), outside quotes and what was not done
    ("without meeting Kim", "had never met"). An act whose words hold the date at `at` is
    the date's ("called the September launch", "trat am 1. Oktober sein Amt an"). Clauses of
    time or reason ("hours before Trump landed", "weil ...") and, with `at`, relative
    clauses (", who met Kim last year,", ", der Kim dreimal getroffen hat,") do not count;
    when the date is in one (or counts from it: "a day after", not "on June 12 after his
    meeting"), only its cues count, and none is `unclassified`; nor do the parts "and"
    joins that do not hold the date when any are. The cue that comes first, but in German a
    verb (lower case: "hatte Trump den Gipfel ... abgesagt") before a noun, unless the noun
    names the occasion of a statement ("In seiner Neujahrsansprache bot Kim ... an"); in
    English an occasion opening the clause other than a speech ("At the NATO summit near
    London on Tuesday, Trump ... calling him") is not the act: the clause's main act, if
    any, is; a statement reporting an act ("said it had tested", "erklärte, man habe ...
    gezündet"; not an act quoted away from the date: "demanding that Washington change its
    "hostile policy"") has the kind of the act."""
    lang = clause_language(text, language)
    lowered = text.lower()  # casefold would move offsets (ß)
    found = cues(text, lang)

    def outside(spans: list[tuple[int, int]], cues: Cues) -> Cues:
        return [f for f in cues if not any(a <= f[0] < b for a, b in spans)]

    found = outside([m.span() for m in _NOT_DONE.finditer(text)], found)
    if not found:
        return "unclassified"
    quotes = [m.span() for m in _QUOTED.finditer(text)]
    unquoted = outside(quotes, found) or found
    if at is not None:  # "The summit nearly did not happen: on May 24 Trump cancelled it"
        colon = text.rfind(": ", 0, at)
        unquoted = [f for f in unquoted if f[0] > colon] or unquoted
    held = [
        f
        for f in unquoted
        if at is not None
        and (f[0] < at < f[1] or _OF_DATE.fullmatch(text, f[1], at) or _thing_of(text, at, f))
    ]
    if held:  # the act whose words hold the date: "called the September launch", "trat am
        return _decided(held[0][2])  # 1. Oktober sein Amt an", "das Abkommen von 2018 ausgesetzt"
    clauses = [m.span() for m in _SUBORDINATE.finditer(text)]
    if at is not None:  # a relative clause tells of its own date, if any
        clauses += [m.span() for m in _RELATIVE_CLAUSE.finditer(text)]
    holding = [  # the clause the date (at `at`) is in: "a day after North Korea test-fired"
        (a, b)
        for a, b in clauses
        if at is not None
        and a - DATE_REACH <= at < b
        and (at >= a or _COUNTING.fullmatch(text, at, a))
    ]
    unquoted = outside([c for c in clauses if c not in holding], unquoted) or unquoted
    if holding:  # an act the clause holding the date does not name is none of the others'
        unquoted = [f for f in unquoted if any(f[0] < b and a < f[1] for a, b in holding)]
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
            return _decided(frames[0][2])
        # a verb before a comma is not the act of an occasion after it holding the date: "Die
        # Lautsprecher waren am 23. April abgeschaltet worden, wenige Tage vor dem Gipfel ...
        # am 27. April"
        cut = -1 if at is None else text.rfind(", ", 0, at)
        own = [f for f in frames if cut < f[0] < at] if at is not None else []
        if own and verbs[0][0] < cut and not any(f[0] > cut for f in verbs):
            return _decided(own[0][2])
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
    if kind == DECISION:  # "beschloss neue Sanktionen", "decided to hold a summit"
        decided = [f for f in unquoted if f[2] not in STATEMENTS and f[2] != DECISION]
        return decided[0][2] if decided else "policy"
    return kind


def _decided(kind: str) -> str:
    """A decision's kind when nothing says what it decided: policy."""
    return "policy" if kind == DECISION else kind


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

"""The clause of a sentence that dates several events: each date's own part of it."""

import itertools
import re

SAYING = (  # verbs of saying that tell when something was said or reported
    r"(?:said|says|told|reported|announced|added|stated|confirmed|"
    r"sagte|sagten|meldete|meldeten|berichtete|berichteten|erklärte|erklärten|teilte|"
    r"teilten|bestätigte|bestätigten|hieß\s+es)"
)
_CLAUSE = re.compile(  # not "its sixth and largest test": "and" after a comma, or before
    # a preposition, an adverb of time or an English past tense
    r",\s+(?:and|und)\s+(?=[a-zäöüß])|\s+(?:and|und)\s+(?=(?:in|on|at|then|later|im|am|dann|"
    r"später|zuletzt|[a-z]+ed)\b)|;\s*|\s[–—]\s|,\s+(?=(?:but|while|after|before|when|where|"
    r"which|aber|während|nachdem|bevor|als|wo|wobei|wie|as|according|laut)\b)|"
    r",\s+(?=(?:im|am)\s+\w+\s+[a-zäöüß])|"  # ", im November sagte Nordkorea ..."
    # a short reporting clause ending the sentence: "..., the military said on Tuesday."
    rf",\s+(?=(?:[\w'’-]+\s+){{0,3}}?{SAYING}(?:\s+[\w'’.-]+){{0,7}}\W*$)"
)


# the end of a reporting clause that opens the sentence: "KCNA meldete am Mittwoch, die
# Volksarmee habe am Vortag ...", "The military said on Tuesday that the North had ..."
_REPORTING_FIRST = re.compile(rf"[^,;]{{0,80}}?\b{SAYING}\b[^,;]{{0,40}}?(,\s+|\s+that\s+)")


# where a clause of time starts, when no stronger boundary parts two dates: "..., ending
# six months of turmoil that began when his predecessor ... declared martial law on Dec. 3"
_SPAN = r"(?:minutes?|hours?|days?|weeks?|months?|years?|Minuten|Stunden|Tage|Wochen|Monate|Jahre)"
_HOW_MANY = r"(?:a|an|one|two|three|several|few|some|wenige|zwei|drei|einige|ein|eine|\d+)"
_WEAK = re.compile(  # "a day after", "hours after", "wenige Stunden nachdem" go with their clause;
    # a relative clause without a comma: "on Tuesday, ... of an Asia tour that began on Sunday"
    rf"\s+(?=(?:(?:{_HOW_MANY}\s+)?{_SPAN}\s+)?(?:when|after|before|while|nachdem|bevor|während)\b"
    r"|(?:that|which)\s+(?:began|ended|[a-z]{3,}ed)\b)"
)
_LABEL = re.compile(r"[\s\d.]*[A-ZÄÖÜ][a-zäöü]*\.?[\s\d.,]*")  # "April 25", "25. April 2019"
_INSIDE_SPAN = re.compile(rf"\b(?:{_HOW_MANY}|{_SPAN})$")  # no cut inside "a day after"


_SUBORDINATE = re.compile(  # a clause of its own subject: no subject put in front
    r"\s*(?:but|while|after|before|when|where|which|that|aber|während|nachdem|bevor|als|wo|wobei|"
    r"wie|as|according|laut)\b"
)


# a clause that has its own subject: an article or pronoun first, a fronted time ("on Jan.
# 9 the two Koreas held"), or a verb of saying with its subject after it (", meldete die
# Staatsagentur KCNA")
_OWN_SUBJECT = re.compile(
    r"\s*(?:(?:the|a|an|he|she|it|they|we|der|die|das|ein|eine|er|sie|es|man|wir|"
    rf"on|in|at|am|im|an|um)\b|{SAYING})",
    re.IGNORECASE,
)
_LEADING_NAME = re.compile(r"((?:[A-ZÄÖÜ][\w'’-]*\s+){1,4})(?=[a-zäöüß])")


NOT_SUBJECTS = frozenset(
    [
        "im",
        "am",
        "in",
        "on",
        "at",
        "seit",
        "since",
        "nach",
        "after",
        "bereits",
        "erst",
        "dann",
        "then",
        "when",
        "als",
        "während",
        "while",
        "by",
        "bis",
        "until",
        "from",
        "vom",
        "ab",
        "last",
        "only",
        "nur",
        "noch",
        "auf",
        "mit",
        "bei",
        "vor",
        "für",
        "during",
        "following",
        "despite",
        "amid",
        "under",
        "over",
        "trotz",
        "wegen",
        "unter",
        "über",
    ]
)


def clause_of(text: str, at: int, dates: list[int]) -> tuple[str, int]:
    """The clause of the sentence holding offset `at` when the sentence dates several events
    (`dates`: the offsets of its date expressions): it ends at the last clause boundary
    before the next date and starts after the last one before `at` that comes after the
    previous date ("its sixth and largest nuclear test, and in November it launched": the
    second "and"; a short reporting clause ending the sentence, ", the military said on
    Tuesday", or opening it, "KCNA meldete am Mittwoch,", is one; where nothing else parts
    two dates, a clause of time: "..., ending a week of chaos that began when ... declared
    martial law on Dec. 3"); with the sentence's subject in front when the clause lacks one
    ("... and stepped down in August 2020"); and the offset in the sentence that clause
    offsets add to."""
    if len(dates) < 2 or at < 0:
        return text, 0
    strong = [  # not the dash after a chronology's label: "April 25 – Kim and Putin hold"
        c.span() for c in _CLAUSE.finditer(text) if not _LABEL.fullmatch(text, 0, c.start())
    ]
    if reporting := _REPORTING_FIRST.match(text):
        strong.append(reporting.span(1))
    weak = [c.span() for c in _WEAK.finditer(text) if not _INSIDE_SPAN.search(text, 0, c.start())]
    chosen = [
        max(between)
        for a, b in itertools.pairwise(sorted(dates))
        if (between := [c for c in strong if a < c[0] and c[1] <= b])
        or (between := [c for c in weak if a < c[0] and c[1] <= b])
    ]
    start = max([0, *(c[1] for c in chosen if c[1] <= at)])
    end = min([len(text), *(c[0] for c in chosen if c[0] > at)])
    clause = text[start:end]
    leading = _LEADING_NAME.match(text)
    lone = (
        start > 0
        and clause.lstrip()[:1].islower()
        and not _SUBORDINATE.match(clause)
        and not _OWN_SUBJECT.match(clause)
    )
    if lone and leading:
        subject = leading.group(1)
        words = subject.casefold().split()
        if words[0] not in NOT_SUBJECTS and words != ["the"]:  # "The thaw": no subject
            stripped = clause.lstrip()
            return subject + stripped, start + len(clause) - len(stripped) - len(subject)
    return clause, start

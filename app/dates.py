"""Date expressions (English and German) as intervals with precision and qualifier.

This is the only module that talks to dateparser.  dateparser's ``search_dates`` is not
usable on German news (it reads "die", "mit", "so" as weekdays), so candidate spans are
found here with compiled regular expressions, both languages' patterns in every text (an
English date quoted in a German article is found), and only those spans are read: month
names, numbers and seasons directly, relative phrases through a cached ``DateDataParser``.

Rules worth knowing (the public contract):

* Mention spans exclude plain prepositions ("am", "im", "in", "on", "im Jahr", "der Jahre")
  but include qualifier and range words ("Anfang", "seit", "vom ... bis", "between").
* A bare year (1900-2099) is a date unless it is glued to other digits/letters
  ("Hwasong-15", "030 2018 44", "1,5") or directly followed by a quantity noun
  ("2000 Soldaten", "2000 troops") or a unit ("2018 Euro", "2000 %").  Year ranges:
  "2009-2017", "1950-53", "2018/19"; "2018-06" is June 2018 (ISO), "2011–12" with a dash
  is two years.
* Forms: "12. Juni 2018", "June 12, 2018", "Feb 28, 2019", "Jan. 1", "Sept.", "29th Jun,
  2019", "Wednesday 1 Jan 2020" and "Wed June 17, 2020" (one day), "am 4.12." (after "am",
  "vom", "bis", "zum", "seit", "ab"), "am 3." / "on the 3rd" (a day of the month of the
  previous date), a month alone on its line (a heading) or opening it as a label ("Juli:
  Pjöngjang erkennt ...", "January – Choe visits Moscow"), "the September launch", "that September",
  seasons ("Sommer 2019", "summer of 2019", "im Frühjahr", "Winter 2018/19"; spring is
  March-May, summer June-August, autumn September-November, winter Y December Y to
  February Y+1, all at month precision; "the Winter Olympics" is none), New Year's (Day),
  Christmas, Neujahr, Heiligabend, Silvester (not a name in another: "a Christmas card",
  "what \"Christmas gift\""), "15.10.2024", "10/15/2024" (in English month first unless
  the second number is over 12: "25/12/2024"), quarters at month precision ("Q3 2024",
  "the third quarter of 2023", "im dritten Quartal 2024").  A bare month needs a word
  before it ("im", "since", "scheduled for", "für"; "for May's plan" is a name).  Not
  dates: "the turn of the year"/"Jahreswechsel" (vague), "on the eve of the summit".
* The text is read as a whole, as a reader does (Strötgen & Gertz's HeidelTime resolves
  narratives against the previous date, news against the publication date; this does
  both).  Sentences end at punctuation and at line breaks, except inside a long line that
  runs on (a hard-wrapped paragraph).  The *anchor* of a date is the nearest earlier date
  that lies within one year: headings and datelines count; "seit 2015" (a state reaching
  to now) and a year naming a thing ("the 2018 military agreement") do not; a list of
  years ("2018 und 2019") leaves none.  A relative clause or parenthesis that closes
  before the date does not anchor it ("Yoon, der im Mai 2022 sein Amt angetreten hatte,
  warnte am 1. Oktober": 2024).  These anchor only
  their own sentence: a date in a relative clause ("Yoon, who won in March 2022,"), in a
  sentence that looks back ("hatte", "bereits", "war ... worden", "had", "already"), one
  naming a thing ("the armistice of 27 July 1953", "vom 19. Januar"), in a wire story
  (an agency's dateline) one that does not open its sentence, and a date counted from
  ``base`` ("am Dienstag", "letztes Jahr", "im Juni vergangenen Jahres"), after which the
  text is at the report's own time again; so is a new paragraph (a date anchors nothing
  beyond its paragraph unless it is a heading or a line's label, or, outside a wire story,
  opens its sentence: a narrative moving on, "Im September 2002 reiste Koizumi ...").
  A day, month, season or holiday without a year is *inferred*:
  - no anchor, or an anchor within a month of ``base`` (a year: holding it): the news
    rule, ``base``'s year, or last year's when that lands more than 61 days after ``base``;
    so too when the date's clause looks back and the text has not moved to the anchor's
    time (HeidelTime's news reading; narratives move: the anchor is in the date's
    sentence, a heading, opens its sentence, was counted from the text or follows a date
    of its year): "Ukraine launched an incursion in August 2024. The agency had said on
    Oct. 18" in a report of April 2025 is 18 October 2024;
  - an anchor stating a year only ("2017" as a heading, "last year"): that year; a part
    of one ("in late 2002", "Ende 2023") is read as a month anchor: "in January" after
    it is the next January;
  - an anchor with a month or day: its year, or the next when the date would lie more
    than half a year before it (a chronology passing New Year: "Dezember 2017 ... 1.
    Januar" is 2018); the latest one not after the anchor when its clause looks back
    (a cue: "bereits", "zuvor", "already", "earlier"; or the pluperfect after an anchor
    told in another tense); the first one after the anchor when both clauses are in the
    pluperfect (one plane of the past on which the story moves forward: "Im Juni 2018
    hatten sie sich getroffen, ihr Gipfel war Ende Februar abgebrochen worden" is 2019); a
    relative clause after the date ("a panel that had monitored") does not count; then,
    when its clause tells the past ("war", "testete", "was", "-ed" ...), never after
    ``base`` (61 days after it otherwise), unless a future cue says so.
  "last September", "diesen Sommer", "next spring", "January last year", "im März dieses
  Jahres", "Mai des Vorjahres", "Dec. 18 last year" (one expression), "am 18. Juni
  vergangenen Jahres" count from ``base`` (not inferred); the word that places
  the name is in the expression ("vergangenen Herbst", "last September").
  In a future context a yearless date is the next occurrence on or after ``base`` (after
  a month or day anchor when its clause tells the past: "kündigte an, er werde im
  August"): right after "bis", "ab", "until", "by", "next", "nächsten", "kommenden", "falls on", or
  after a future verb earlier in its clause: "wird", "werden", "soll", "würde", "könnte",
  "will", "would", "could", "may" (not "may have"), "is due/set/scheduled/expected/to",
  "plans to"; German
  "will"/"wollen" (wants) only in its own clause ("Maas will am Mittwoch telefonieren"
  looks ahead; "Kim will verhandeln, sagte ein Sprecher am Dienstag" does not: a comma
  before a verb of saying or a relative pronoun ends the clause), "wollte" never.
* "fünf Tage später"/"five days later", "a week earlier", "am Tag darauf"/"the next
  day", "am selben Tag"/"that same day"/"later that day", "am Vortag", "im selben
  Monat"/"that month", "im Jahr darauf"/"the following year", "in der folgenden
  Woche"/"the following week" (Monday to Sunday), "am Dienstag darauf"/"the following
  Tuesday" count from the previous date, as do "im Dezember desselben Jahres"/"December
  of the same year" (that month in its year, in a wire story's flashback too), passing
  over an earlier sentence's flashback
  ("On 3 June Kim spoke. He had arrived two days earlier. The next day he left": 4 June)
  unless the date before it is the report's own ("am Dienstag") or lies before it
  ("in August 2024 ... had said on Oct. 18 ... Later that month": October);
  "less than two years earlier", "mehr als drei Tage später" (a bound) are no dates.
  "a day after it destroyed the office", "einen Tag nachdem", "zwei Tage vor dem Gipfel"
  date the act after the word, counted from a date before them in their sentence ("said
  on Wednesday, a day after ...": Tuesday), or in a sentence with no date that they do
  not open, from the report's day the sentence before gave ("Das meldete KCNA am
  Donnerstag. Die Meldung kam zwei Tage, nachdem ...": Tuesday); else they are no dates.
  "Mitte des Jahres"/"the end of the year"/"Ende der Woche" from the anchor (without
  one, "des Jahres" is ``base``'s year and the others are not dates; after "bis"/"until"
  too when the clause tells the past: "In April, Kim had given Washington until the end of
  the year" is that year's end).  "Three days into
  2018" is 3 January 2018; "N days/weeks/months into his presidency|term", "N Monate
  nach seinem Amtsantritt" count from the latest earlier date whose sentence says
  someone took office ("inaugurated", "sworn in", "took office", "oath of office",
  "Amtsantritt", "vereidigt"); without such a date they are not dates.  "in 12 years"
  after "first", "highest", "fifth", "dritte" ... is a duration, no date ("the fifth round
  of launches in 10 days"), as are "seit einer Woche (im Amt)" and "binnen zehn Tagen".
* Weekdays: the most recent such day on or before ``base`` (news: "am Dienstag" in a
  Tuesday article is that day); "next"/"nächsten"/"kommenden", a future context or a clause
  in the present ("Am Donnerstag will Trump ... treffen", "Trump travels to South Korea on
  Wednesday") give the next one; "Sunday's election" the nearest Sunday; "a year ago Saturday" that
  Saturday a year back.  When the narrative has clearly moved (a day stated with its
  year, opening its sentence, more than a month before ``base``, in the same or the
  previous sentence), the first such day on or after it (on or before it when the
  sentence looks back).  "Weekend" is the most recent Saturday-Sunday starting on or
  before ``base``, but "the weekend of Sept. 11-12"/"Wochenende vom 11. auf den 12.
  September" is those days.  "Mittwochabend" counts as the day.
* Weeks ("letzte Woche", "two weeks ago", "in zwei Wochen") are the Monday-Sunday week,
  precision "day".  "in N Tagen/Wochen/Monaten/Jahren" counts forward from ``base``.
* ``DateMention.inferred`` is True when the year or month came from the text around the
  expression (the anchor, the previous date, or the news rule's choice of year), not
  from the expression and the publication date: "im Juli", "am 3." and "fünf Tage
  später" are inferred; "Juli 2017", "gestern", "letztes Jahr", "last September" and a
  weekday counted from ``base`` are not.
* Lists: "2018 und 2019" and "27. und 28. Februar" (adjacent) are one interval; "im Januar
  und September" and "Friday or Saturday" are two dates; after "nach"/"after" a list is
  no open range ("nach 2016 und 2019": 2016 and 2019).
* Qualifiers early/mid/late narrow a week to Monday-Wednesday/Tuesday-Thursday/
  Thursday-Sunday ("Anfang vergangener Woche", "early last week"), a month to days
  1-10/11-20/21-end, a season to its
  first/middle/last month, a year to Jan-Apr/May-Aug/Sep-Dec and a decade to years
  0-3/4-6/7-9; the precision is kept.  circa and before keep the interval; after extends
  the end to ``base`` when that is later.  An outer circa/before/after wins over
  early/mid/late: "since mid-September" is after, starting on 11 September.
* Without ``base`` relative expressions are not found, and yearless ones only when an
  anchor gives their year; ``parse_date`` raises ``DateParseError`` for them.
"""

from __future__ import annotations

import bisect
import calendar
import contextlib
import datetime
import functools
import re
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any, Literal, cast

Precision = Literal["day", "month", "year", "decade"]
Qualifier = Literal["early", "mid", "late", "circa", "before", "after"]
PRECISIONS: tuple[str, ...] = ("day", "month", "year", "decade")
QUALIFIERS: tuple[str, ...] = ("early", "mid", "late", "circa", "before", "after")

_MONTHS_EN = tuple(calendar.month_name)[1:]
_PREFIX = {
    "early": "early ",
    "mid": "mid-",
    "late": "late ",
    "circa": "circa ",
    "before": "before ",
    "after": "after ",
}


class DateParseError(ValueError):
    """The text is not one readable date expression."""


@dataclass(frozen=True, slots=True)
class DateInterval:
    """``end_precision`` is the precision of the end when it differs from that of the start
    ("since the 1990s" until a day); ``ongoing`` says the event was still going on at
    ``end``, the date of the latest source that attests it."""

    start: datetime.date
    end: datetime.date  # inclusive
    precision: Precision
    qualifier: Qualifier | None = None
    end_precision: Precision | None = None
    ongoing: bool = False

    def __post_init__(self) -> None:
        if self.start > self.end:
            raise ValueError(f"start {self.start} is after end {self.end}")
        if self.precision not in PRECISIONS:
            raise ValueError(f"unknown precision {self.precision!r}")
        if self.end_precision is not None and self.end_precision not in PRECISIONS:
            raise ValueError(f"unknown end_precision {self.end_precision!r}")
        if self.qualifier is not None and self.qualifier not in QUALIFIERS:
            raise ValueError(f"unknown qualifier {self.qualifier!r}")

    def display(self) -> str:
        """English rendering; early/mid/late/after name the unit that contains ``start``;
        an ongoing event is "since" the unit its start is in."""
        q, s, e = self.qualifier, self.start, self.end
        if self.ongoing or q in ("early", "mid", "late", "after"):
            s, e = _unit(s, self.precision)
        text = _render(s, e, self.precision)
        if self.ongoing:
            the = "the " if self.precision == "decade" else ""
            return (
                f"since {the}{_PREFIX[q] if q in ('early', 'mid', 'late', 'circa') else ''}{text}"
            )
        return _PREFIX[q] + text if q else text

    def display_de(self) -> str:
        """German rendering, as display() renders English: "12. Juni 2018", "Anfang 2019",
        "seit Januar 2024", "Ende der 1990er-Jahre"."""
        q, s, e = self.qualifier, self.start, self.end
        if self.ongoing or q in ("early", "mid", "late", "after"):
            s, e = _unit(s, self.precision)
        text = _render_de(s, e, self.precision)
        decade = self.precision == "decade"
        if q in ("early", "mid", "late") and decade:
            text = f"{_PREFIX_DE[q]}der {text}"
        elif q in ("early", "mid", "late", "circa"):
            text = _PREFIX_DE[q] + ("die " if decade and q == "circa" else "") + text
        if self.ongoing:
            return f"seit {'den ' if decade and not q else ''}{text}{'n' if decade else ''}"
        if q in ("before", "after"):
            return f"{_PREFIX_DE[q]}{'den ' if decade else ''}{text}{'n' if decade else ''}"
        return text

    def as_dict(self) -> dict[str, Any]:
        return {
            "start": self.start.isoformat(),
            "end": self.end.isoformat(),
            "precision": self.precision,
            "qualifier": self.qualifier,
            "end_precision": self.end_precision,
            "ongoing": self.ongoing,
        }

    @classmethod
    def from_dict(cls, d: Mapping[str, Any]) -> DateInterval:
        def day(v: Any) -> datetime.date:
            if isinstance(v, datetime.datetime):
                return v.date()
            return v if isinstance(v, datetime.date) else datetime.date.fromisoformat(str(v))

        return cls(
            day(d["start"]),
            day(d["end"]),
            d["precision"],
            d.get("qualifier"),
            d.get("end_precision"),
            bool(d.get("ongoing", False)),
        )


@dataclass(frozen=True, slots=True)
class DateMention:
    text: str
    start: int
    end: int
    interval: DateInterval
    inferred: bool = False  # year or month taken from the text around it (module docstring)


def _unit(d: datetime.date, precision: str) -> tuple[datetime.date, datetime.date]:
    """The whole day/month/year/decade containing ``d``."""
    if precision == "day":
        return d, d
    if precision == "month":
        return d.replace(day=1), d.replace(day=calendar.monthrange(d.year, d.month)[1])
    y = d.year - d.year % 10 if precision == "decade" else d.year
    return datetime.date(y, 1, 1), datetime.date(y + (9 if precision == "decade" else 0), 12, 31)


def _render(s: datetime.date, e: datetime.date, precision: str) -> str:
    def day(d: datetime.date, year: bool = True) -> str:
        return f"{d.day} {_MONTHS_EN[d.month - 1]}" + (f" {d.year}" if year else "")

    if precision == "day":
        if s == e:
            return day(s)
        if (s.year, s.month) == (e.year, e.month):
            return f"{s.day}–{day(e)}"
        return f"{day(s, s.year != e.year)} – {day(e)}"
    if precision == "month":
        if (s.year, s.month) == (e.year, e.month):
            return f"{_MONTHS_EN[s.month - 1]} {s.year}"
        left = _MONTHS_EN[s.month - 1] + (f" {s.year}" if s.year != e.year else "")
        sep = " – " if s.year != e.year else "–"
        return f"{left}{sep}{_MONTHS_EN[e.month - 1]} {e.year}"
    if precision == "decade":
        a, b = s.year - s.year % 10, e.year - e.year % 10
        return f"{a}s" if a == b else f"{a}s–{b}s"
    return str(s.year) if s.year == e.year else f"{s.year}–{e.year}"


_MONTH_NAMES_DE = (
    "Januar",
    "Februar",
    "März",
    "April",
    "Mai",
    "Juni",
    "Juli",
    "August",
    "September",
    "Oktober",
    "November",
    "Dezember",
)
_PREFIX_DE = {
    "early": "Anfang ",
    "mid": "Mitte ",
    "late": "Ende ",
    "circa": "um ",
    "before": "vor ",
    "after": "ab ",
}


def _render_de(s: datetime.date, e: datetime.date, precision: str) -> str:
    """_render in German: "12.–14. Juni 2018", "April 2017 – März 2018", "1990er-Jahre"."""

    def day(d: datetime.date, year: bool = True) -> str:
        return f"{d.day}. {_MONTH_NAMES_DE[d.month - 1]}" + (f" {d.year}" if year else "")

    if precision == "day":
        if s == e:
            return day(s)
        if (s.year, s.month) == (e.year, e.month):
            return f"{s.day}.–{day(e)}"
        return f"{day(s, s.year != e.year)} – {day(e)}"
    if precision == "month":
        if (s.year, s.month) == (e.year, e.month):
            return f"{_MONTH_NAMES_DE[s.month - 1]} {s.year}"
        left = _MONTH_NAMES_DE[s.month - 1] + (f" {s.year}" if s.year != e.year else "")
        sep = " – " if s.year != e.year else "–"
        return f"{left}{sep}{_MONTH_NAMES_DE[e.month - 1]} {e.year}"
    if precision == "decade":
        a, b = s.year - s.year % 10, e.year - e.year % 10
        return f"{a}er-Jahre" if a == b else f"{a}er- bis {b}er-Jahre"
    return str(s.year) if s.year == e.year else f"{s.year}–{e.year}"


# --------------------------------------------------------------------------- dateparser


@functools.lru_cache(maxsize=2)
def _parser(base: datetime.date) -> Any:
    from dateparser.date import DateDataParser  # lazy: the import costs ~0.1 s

    settings: dict[str, Any] = {
        "PREFER_DATES_FROM": "past",
        "RETURN_TIME_AS_PERIOD": False,
        "RELATIVE_BASE": datetime.datetime.combine(base, datetime.time()),
    }
    return DateDataParser(languages=["en"], settings=settings)


@functools.lru_cache(maxsize=4096)
def _dp_relative(expr: str, base: datetime.date) -> tuple[datetime.date, str] | None:
    """(date, period) for a canonical English relative phrase against ``base``."""
    try:
        data = _parser(base).get_date_data(expr)
    except (ValueError, OverflowError, TypeError):  # dateparser on odd input
        return None
    obj = data.date_obj
    return (obj.date(), str(data.period)) if obj is not None else None


# --------------------------------------------------------------------------- vocabulary


def _alt(words: str) -> str:
    """Regex alternation of space-separated words, longest first."""
    return "|".join(sorted(words.split(), key=len, reverse=True))


_MONTH_NUMBERS: dict[str, dict[str, int]] = {  # names and three-letter abbreviations
    lang: {w: i for i, name in enumerate(names, 1) for w in (name.lower(), name[:3].lower())}
    | extra
    for lang, names, extra in (
        ("de", _MONTH_NAMES_DE, {"jänner": 1, "maerz": 3, "febr": 2, "sept": 9}),
        ("en", _MONTHS_EN, {"sept": 9}),
    )
}


def _trie(words: list[str]) -> str:
    """A regex for ``words`` that branches on one character at a time (fast to refuse)."""
    heads: dict[str, list[str]] = {}
    for w in sorted(set(words)):
        heads.setdefault(w[:1], []).append(w[1:])
    branches = [
        re.escape(h)
        + (_trie([t for t in tails if t]) + ("?" if "" in tails else "") if any(tails) else "")
        for h, tails in sorted(heads.items())
    ]
    return f"(?:{'|'.join(branches)})"


_MONTH_WORDS = _alt(
    "Januar Jänner Februar März Maerz April Mai Juni Juli August September "
    "Oktober November Dezember January February March May June July October "
    "December"
)
_MONTH_ABBR = _alt("Jan Feb Febr Mär Mar Apr Jun Jul Aug Sep Sept Okt Oct Nov Dez Dec")
# Each alternation starts with a one-character test: most words fail there, not at every name.
_MONTH = rf"(?=[JFMASOND])(?:{_trie(_MONTH_ABBR.split('|'))}\.|{_trie(_MONTH_WORDS.split('|'))}\b)"
# Next to a day or a year an abbreviation needs no dot: "Feb 28, 2019", "29th Jun, 2019".
_MONTH_D = (
    rf"(?=[JFMASOND])(?:{_trie(_MONTH_ABBR.split('|'))}\."
    rf"|{_trie(_MONTH_WORDS.split('|') + _MONTH_ABBR.split('|'))}\b)"
)
_MONTH_TOKEN = re.compile(rf"(?:{_MONTH_WORDS}|{_MONTH_ABBR})(?![a-zäöü])")
_SEASONS = {
    "frühjahr": 3,
    "frühling": 3,
    "spring": 3,
    "sommer": 6,
    "summer": 6,
    "herbst": 9,
    "autumn": 9,
    "fall": 9,
    "winter": 12,
}
_WEEKDAYS = {
    w: i % 7
    for i, w in enumerate(
        (
            "Montag",
            "Dienstag",
            "Mittwoch",
            "Donnerstag",
            "Freitag",
            "Samstag",
            "Sonntag",
            *calendar.day_name,
        )
    )
} | {"Sonnabend": 5}
_WEEKDAY = rf"(?=[MDFSTW]){_trie(list(_WEEKDAYS))}"
_NUMBERS = {
    w: i
    for i, ws in enumerate(
        [
            "",
            "ein eine einem einer einen one a an",
            "zwei two",
            "drei three",
            "vier four",
            "fünf five",
            "sechs six",
            "sieben seven",
            "acht eight",
            "neun nine",
            "zehn ten",
            "elf eleven",
            "zwölf twelve",
        ]
    )
    for w in ws.split()
}


_NUMBER_WORD = _trie([*_NUMBERS, *map(str.title, _NUMBERS)]) + r"\b"
_NUM = rf"(?:\d{{1,3}}(?!\d)|{_NUMBER_WORD})"
_DECADE_WORDS = {
    "zwanziger": 1920,
    "dreißiger": 1930,
    "vierziger": 1940,
    "fünfziger": 1950,
    "sechziger": 1960,
    "siebziger": 1970,
    "achtziger": 1980,
    "neunziger": 1990,
    "thirties": 1930,
    "forties": 1940,
    "fifties": 1950,
    "sixties": 1960,
    "seventies": 1970,
    "eighties": 1980,
    "nineties": 1990,
}
_DAY = r"(?:3[01]|[12]\d|0?[1-9])(?!\d)"
_YEAR = r"(?:1\d|20)\d\d(?!\d)"
_LAST = r"(?i:letzte[nsmr]?|vergangene[nsmr]?|vorige[nsmr]?|last|past)"
_THIS = r"(?i:diese[nsmr]?|laufende[nsmr]?|this)"
_NEXT = r"(?i:nächste[nsmr]?|kommende[nsmr]?|next|coming)"
# "Dienstag, 12. Juni 2018", "Wed June 17, 2020"
_WEEKDAY_ABBR = _alt("Mon Tue Tues Wed Thu Thurs Fri Sat Sun").split("|")
_WDAY_PREFIX = (
    rf"(?:(?=[MDFSTW]){_trie([*_WEEKDAYS, *_WEEKDAY_ABBR])}"
    r"\.?,?\s+(?:(?:den|the)\s+)?)?"
)
_UNITS = _trie(
    _alt(
        "Tagen Tage Tag Wochen Woche Monaten Monate Monat Jahren Jahre Jahr day days week weeks "
        "month months year years"
    ).split("|")
)
_OFFICE = r"(?:presidency|term|tenure|administration|premiership|time\s+in\s+office)"

# Atoms, leftmost-first: longer forms before the forms they contain.
_ATOM = re.compile(
    r"(?<![\w.,/])(?:(?<!-)|(?<=mid-)|(?<=Mid-))(?:"
    # forms that start with a digit, behind one test
    rf"(?=\d)(?:(?P<yr>{_YEAR}\s*[-–/]\s*{_YEAR}|(?:1\d|20)\d\d/\d\d)(?![\w/-])"
    rf"|(?P<iso>\d{{4}}-\d\d-\d\d)(?![\w-])"
    rf"|(?P<isom>\d{{4}}-(?:0[1-9]|1[0-2]))(?![\w-])"
    rf"|(?P<yrs>{_YEAR}\s*[-–]\s*\d\d)(?![\w/.,-]|[.,]\d)"
    rf"|(?P<num>{_DAY}\.(?:1[0-2]|0?[1-9])\.\d{{4}})(?!\d)"
    rf"|(?P<slash>\d\d?/\d\d?/\d{{4}})(?![\w/])"
    rf"|(?P<numdm>{_DAY}\.(?:1[0-2]|0?[1-9])\.)(?![\d.])"
    rf"|(?P<ddr>{_DAY}\.?\s*(?:-|–|/|bis|und|and|to|auf\s+den)\s*{_DAY}\.?\s+(?:of\s+)?{_MONTH_D}"
    rf"(?:,?\s+{_YEAR})?))"
    rf"|(?P<mdr>{_MONTH_D}\s+{_DAY}(?:st|nd|rd|th)?\s*(?:-|–|and|to)\s*{_DAY}(?:st|nd|rd|th)?"
    rf"(?:,?\s+{_YEAR})?)"
    rf"|(?P<dmy>{_WDAY_PREFIX}{_DAY}(?:\.|st|nd|rd|th)?\s+(?:of\s+)?{_MONTH_D}"
    rf"(?:,?\s+{_YEAR})?)"
    rf"|(?P<mdy>{_WDAY_PREFIX}{_MONTH_D}\s+{_DAY}(?:st|nd|rd|th)?\b(?:,?\s+{_YEAR})?)"
    # "December of the same year", "im Dezember desselben Jahres": the previous date's year
    rf"|(?P<msame>{_MONTH_D}\s+(?:of\s+(?:the\s+same|that)\s+year|(?:desselben|des\s+selben|"
    r"des\s+gleichen|jenes)\s+Jahres)\b)"
    rf"|(?P<mrel>{_MONTH_D}\s+(?:(?:of|des)\s+)?(?:(?P<mry>{_LAST}|{_THIS}|{_NEXT}|dieses)\s+"
    r"(?:Jahres|year)|Vorjahres)\b)"
    rf"|(?P<my>{_MONTH_D},?\s+{_YEAR})"
    rf"|(?P<mon>{_MONTH})"
    rf"|(?P<dalone>(?<=[Aa]m\s){_DAY}\.(?=\s*(?:[,;:)]|$|\s+[a-zäöüß]))"
    rf"|(?<=[Oo]n\sthe\s){_DAY}(?:st|nd|rd|th)\b(?!\s+(?:of\s+)?[A-Z]))"
    r"|(?P<hol>(?=[NCHSW])(?P<hn>New\s+Year's(?:\s+(?:Day|Eve))?|Christmas(?:\s+(?:Day|Eve))?|"
    r"Neujahr(?:stag)?|Heiligabend|Heiligen\s+Abend|Silvester|Weihnachten)(?:\s+(?P<hy>"
    rf"{_YEAR}))?)(?![\w-])"
    r"|(?P<seas>(?=[FSHWsafwA])(?P<sn>Frühjahr|Frühling|Sommer|Herbst|Winter|[Ss]pring|[Ss]ummer|[Aa]utumn|"
    rf"[Ff]all|[Ww]inter)(?:e?s)?(?:\s+(?:of\s+)?(?P<sy>{_YEAR})(?:/(?P<sy2>\d\d))?)?)(?![\w-])"
    r"(?!\s+(?:Olympi\w*|Games|Spiele|Paralympi\w*)\b)"  # the Winter Olympics
    # "two years ago", "Three days into 2018", "fünf Tage später": one number, read once
    rf"|(?P<cnt>(?=[\deoaztdvfsnEOAZTDVFSN])(?P<n2>\d{{1,3}}(?!\d)|{_NUMBER_WORD})\s+(?P<u2>{_UNITS})(?:,(?=\s+(?:nachdem|bevor)\b))?\s+(?:(?P<agow>ago)\b"
    rf"(?:[ \t]+(?P<agod>today|yesterday|{_WEEKDAY})\b)?"
    rf"|(?P<into>into\s+(?:(?P<iy>{_YEAR})|(?:the\s+)?(?:new\s+)?(?P<iyr>year)|"
    rf"(?P<io>(?:his|her|their|the)\s+{_OFFICE}))|nach\s+(?:(?P<io2>(?:seinem|ihrem|dem)\s+"
    r"Amtsantritt|(?:dem\s+)?Beginn\s+(?:seiner|ihrer)\s+(?:Amtszeit|Präsidentschaft))|"
    r"(?P<iyr2>Jahresbeginn)))\b"
    r"|(?P<later>später|danach|darauf|zuvor|davor|früher|later|earlier|afterwards|"
    r"(?:before|after)(?=\s*[,.;:)]|\s*$))\b"
    r"|(?P<tofore>after|before|nachdem|bevor|nach|vor)(?=\s+[\w„\"'])))"
    r"|(?P<nday>(?=[tTnfVFsgd])(?i:the\s+(?:next|following|previous|preceding)\s+day|the\s+day\s+"
    r"(?:after|before)(?!\s+\w)|tags?\s+(?:darauf|zuvor|danach))|(?:nächsten|folgenden)\s+Tag\b"
    r"|Tag\s+(?:darauf|danach|zuvor|davor)\b|Vortag(?:es)?\b|Folgetag(?:es)?\b"
    r"|(?:selben|gleichen|demselben)\s+Tag\b|(?i:(?:(?:later|earlier)\s+)?(?:the|that)\s+same\s+day"
    r"|(?:later|earlier)\s+(?:that\s+(?:day|morning|afternoon|evening|night)|in\s+the\s+day))"
    # "Am Abend traf er Naruhito": the previous date's day; not "am Abend des 3. Juni"
    r"|(?<=[Aa]m\s)(?:Vormittag|Nachmittag|Mittag|Abend|Morgen)\b"
    r"(?!\s+(?:des|vor|nach|zuvor|davor|darauf|danach)\b))"
    r"|(?P<same>(?=[letsgdfmjwLETSGDFMJW])(?i:(?:(?:later|earlier)\s+)?that\s+(?:month|year)|(?:the\s+)?same\s+(?:month|"
    r"year)|the\s+(?:following|next|previous)\s+(?:month|year)|the\s+(?:following|previous)\s+"
    r"week|the\s+(?:month|year|week)\s+(?:after|before)(?!\s+\w))|(?:selben|gleichen|demselben|"
    r"folgenden)\s+(?:Monat|Jahr)\b|(?:darauf)?folgenden\s+Woche\b|desselben\s+(?:Monats|Jahres)\b"
    r"|(?:Monat|Jahr|Woche)\s+(?:darauf|danach|zuvor)\b|Folge(?:jahr|monat|woche)(?:e?s)?\b)"
    rf"|(?P<dec>(?:the\s+)?(?:(?:1\d|20)\d0s|'\d0s|(?:1\d|20)\d0(?:er(?:n\b|-?\s?Jahren?)?)))"
    rf"|(?P<decw>(?=[tzdvfsanTZDVFSAN])(?:the\s+)?(?:{'|'.join(_DECADE_WORDS)})\b|"
    rf"(?:{'|'.join(w.title() for w in _DECADE_WORDS)})(?:jahren?|n)?\b)(?:\s+Jahren?)?"
    rf"|(?P<qtr>(?=[QfstezdvFSTEZDV])(?:Q(?P<qn>[1-4])\s*|(?P<qw>(?i:first|second|third|fourth|"
    rf"ersten|zweiten|dritten|vierten))\s+(?:quarter\s+of|Quartals?)\s+){_YEAR})"
    rf"|(?P<year>{_YEAR})"
    rf"|(?P<ago>(?=[viVI])(?:(?i:vor)\s+(?P<n1>{_NUM})\s+(?P<u1>Jahren|Jahr|Monaten|Monat|Wochen|Woche|Tagen|Tag)\b)"
    rf"|(?:(?P<in>(?i:in))\s+(?P<n3>{_NUM})\s+(?P<u3>Jahren|Monaten|Wochen|Tagen|years?|months?|"
    rf"weeks?|days?)\b))"
    rf"|(?P<rel>(?=[lvpdtnkcLVPDTNKC])(?P<rm>{_LAST}|{_THIS}|{_NEXT})\s+(?P<ru>Jahr(?:es)?|Monat(?:s)?|Woche|"
    rf"year|month|week)\b)"
    rf"|(?P<vorj>Vorjahr(?:es)?|Vormonat(?:s)?|Vorwoche)\b"
    rf"|(?P<qrel>(?=[dt])(?:des\s+(?:Jahres|Monats)|der\s+Woche(?!\s+da)|the\s+(?:year|month|week))\b)"
    r"(?!\s+\d)"
    rf"|(?P<day>(?=[vghytmVGHYTM])(?i:vorgestern|gestern|heute|yesterday|today|tomorrow)|morgen)\b"
    rf"|(?P<wend>(?=[lvpdtnkcLVPDTNKCWw])(?:(?P<wm>{_LAST}|{_THIS}|{_NEXT})\s+|the\s+)?(?:Wochenende|weekend)\b(?!\s+(?:of|vom|von|des)\s+(?:\d|{_MONTH})))"
    rf"|(?P<wd>(?=[lvpdtnkcfLVPDTNKCMFSW])(?:(?=[lvpdtnkcLVPDTNKC])(?P<dm>{_LAST}|{_THIS}|{_NEXT})\s+|"
    rf"(?=[tfdTF])(?P<dfol>(?:the\s+)?following|(?:darauf)?folgenden)\s+)?(?P<wdn>{_WEEKDAY})"
    r"(?:abend|morgen|nachmittag|vormittag|mittag|nacht)?\b(?:\s+(?P<dafter>darauf|danach)\b)?)"
    r")"
)
_QUAL = re.compile(
    r"(?<![\w-])(?=[amelbtsreucvn])(?P<q>Anfang|Mitte|Ende|[Ee]arly|[Mm]id|[Ll]ate|(?:the\s+)?(?:end|beginning|"
    r"middle|start)\s+of|rund|etwa|ungefähr|um|circa|ca\.|around|about|vor|before|seit|nach|"
    r"since|after)(?:\s+|-)(?:(?:dem|den|der|des|the)\s+)??(?:(?:Jahr|Jahre|Jahres|year)\s+)?$",
    re.IGNORECASE,
)
_QMAP: dict[str, Qualifier] = {
    "anfang": "early",
    "early": "early",
    "beginning": "early",
    "start": "early",
    "mitte": "mid",
    "mid": "mid",
    "middle": "mid",
    "ende": "late",
    "late": "late",
    "end": "late",
    "rund": "circa",
    "etwa": "circa",
    "ungefähr": "circa",
    "um": "circa",
    "circa": "circa",
    "ca.": "circa",
    "around": "circa",
    "about": "circa",
    "vor": "before",
    "before": "before",
    "seit": "after",
    "nach": "after",
    "since": "after",
    "after": "after",
}
_RANGE_START = re.compile(r"(?<!\w)(?=[vzbf])(?:von|vom|zwischen|between|from)\s+$", re.IGNORECASE)
# "the weekend of Sept. 11-12", "Wochenende vom 11. auf den 12. September": the dates say
# which weekend
_WEEKEND_OF = re.compile(r"(?i)(?<!\w)(?:the\s+)?(?:weekend\s+of|Wochenende\s+(?:vom|des))\s+$")
_JOIN = re.compile(r"[ \t]*(?:-|–|—|bis(?:\s+zum)?|und|and|to|through|or|oder)[ \t]*")
_FUTURE = re.compile(  # right before the mention (a qualifier may sit in between)
    r"(?<!\w)(?:bis|ab|für|until|till|by|next|nächsten|kommenden|falls\s+on)\s+(?:(?:zum|zur|dem|den|the|"
    r"spätestens)\s+)?(?:(?:Anfang|Mitte|Ende|early|mid|late|(?:the\s+)?end\s+of)[\s-]+)?$",
    re.IGNORECASE,
)
_FUTURE_VERB = re.compile(  # earlier in the clause: "wird im Januar", "will take office in"
    r"(?<!\w)(?:wird|werden|werde|würden?|soll|sollen|sollte|könnten?|will|wollen|plant|planen|"
    r"möchten?|would|shall|could|might|may(?!\s+(?:not\s+)?have\b)|(?:is|are|was|were)\s+(?:due|set|scheduled|expected|"
    r"planned|supposed|to\s+(?!be\b)\w+)|going\s+to|(?:wants|plans|intends|hopes)\s+to)(?!\w)"
)
_CLAUSE_END = re.compile(  # a reporting clause after the future one: ", sagte ein Sprecher"
    r",\s*(?:[\"“”„«»']\s*)?(?:so|sagte|sagten|sagt|erklärte|teilte|hieß|berichtete|meldete|said|"
    r"says|told|according|reported|added|wie|as|der|die|das|dem|den|welche\w*|which|who|that)\b"
    r"|[\"“”„«»]\s*(?:sagte|said)\b",
    re.IGNORECASE,
)
_PAST = {  # the sentence tells the past (verbs of saying tell when it was reported)
    "de": re.compile(
        r"(?<!\w)(?:war|waren|wurde|wurden|hatte|hatten|hat|haben|gab|kam|kamen|traf|trafen|"
        r"fand|begann|ging|kündigte|testete|"
        r"feuerte|startete|unterzeichnete|verkündete|drohte|bestätigte|forderte|reiste|"
        r"besuchte|einigte|scheiterte|folgte|verhängte|beschloss|verurteilte|ließ|zog)(?!\w)"
    ),
    "en": re.compile(
        r"(?<!\w)(?:was|were|had|did|met|held|took|came|went|began|made|gave|left|saw|fought|"
        r"won|lost|shot|sent|died|fled|fell|flew|struck|broke|sank|(?!(?:report|add|announc|stat|warn|claim|insist)ed)[a-z]{2,}[^e\W]ed)"
        r"(?!\w)"
    ),
}
# German present tense: a finite verb ending in -t or -en or a modal ("Am Donnerstag will
# Trump ... treffen"), not a weak past (-te, -ten), a participle (ge-...-t) or a common
# strong past; past cues in the clause rule it out
_PRESENT = re.compile(
    r"(?!ge[a-zäöüß]+t$)(?![a-zäöüß]+ten?$)"
    r"(?!(?:traf|trafen|kam|kamen|ging|gingen|gab|gaben|fand|fanden|sprach|sprachen|rief|riefen|"
    r"flog|flogen|hielt|hielten|nahm|nahmen|stand|standen|lag|lagen|zog|zogen|ließ|ließen|"
    r"schlug|schlugen|trat|traten|fiel|fielen|blieb|blieben|schrieb|schrieben|wies|wiesen)$)"
    r"(?:[a-zäöüß]+(?:t|en)|will|soll|muss|kann|möchte)"
)
# an English clause opening with a name and a verb in the simple present: "Trump travels
# to South Korea on Wednesday", "President Lee meets Xi on Saturday" (a schedule)
_EN_PRESENT = re.compile(
    r"\s*(?:(?!(?:The|A|An|This|That|These|Those)\s)[A-Z][\w.'’-]*\s+){1,4}"
    r"(?!(?:says|tells|adds|reports|claims|warns|writes)\b)"
    r"[a-z]{3,}s\b(?:(?!\b(?:has|had|was|were)\b)[^,;])*$"
)
_PAST_CUE = re.compile(
    r"(?i)(?<!\w)(?:ist|sind|gestern|vorgestern|vergangen\w*|letzte[nm]?|zuletzt|bereits|schon)"
    r"(?!\w)"
)
_NEXT_WORD = re.compile(r"(?:abend|morgen|mittag|nachmittag|vormittag|nacht)?\s+([a-zäöüß]+)\b")
_VERB_BEFORE = re.compile(r"\b([a-zäöüß]+)\s+(?:am|an\s+diesem|diesen)\s+$")
_BACK_TENSE = (  # the pluperfect: looks back from a point the text told in another tense
    r"hatte|hatten|had|(?:war|waren)\s[^.;!?]{0,80}?\b(?:worden|gewesen)"
)
_BACK_CUE = r"bereits|already|earlier|previously|(?<!nie\s)zuvor"  # any tense; not "nie zuvor"
_TENSE_BACK = re.compile(rf"(?<!\w)(?:{_BACK_TENSE})(?!\w)", re.IGNORECASE)
_CUE_BACK = re.compile(rf"(?<!\w)(?:{_BACK_CUE})(?!\w)", re.IGNORECASE)


def _looks_back(text: str) -> bool:
    """A cue ("bereits", "earlier") or the pluperfect: the text looks back from its time."""
    return bool(_CUE_BACK.search(text) or _TENSE_BACK.search(text))


_TOOK_OFFICE = re.compile(
    r"(?i:inaugurat|sworn\s+in|took\s+office|taking\s+office|assumed\s+office|oath\s+of\s+"
    r"office|Amtseid|Amtsantritt|"
    r"vereidigt|Amtseinführung|Amt\s+angetreten|ins\s+Amt)|\bAmt\s+an\b"
)
_OPENS = re.compile(  # what may stand before a date that opens its sentence
    r"[\s\-–•*]*(?:(?:Bereits|Schon|Noch|Erst|Already|Then|Als|As|When)\s+)?(?:(?:am|im|on|in|"
    r"at|bis|until|seit|since)\s+)?(?:(?:the|den|dem)\s+)?(?:(?:Anfang|Mitte|Ende|early|mid|"
    r"late)[\s-]+)?",
    re.IGNORECASE,
)
_SINCE = re.compile(  # "seit 2015", "since the start of 2022": a state that reaches to now
    r"(?<!\w)(?=s)(?:seit|since)\s+(?:(?:dem|den|der|the)\s+)?(?:(?:Anfang|Mitte|Ende|Beginn|start|"
    r"beginning|end|middle|early|mid|late)(?:\s+of)?[\s-]+(?:(?:des|der|the)\s+)?)?$",
    re.IGNORECASE,
)
# a date a few words after "since"/"seit" dates the start of a span to now: "since taking
# power in 2011", "seit seiner Wahl im Mai", "seit dem Ende des Koreakriegs 1953" (also
# app.ingest.proposals)
SINCE_BEFORE = re.compile(r"(?<!\w)(?:seit|since)\s+(?:[\w.-]+\s+){0,5}$", re.IGNORECASE)
_RELATIVE = re.compile(  # a relative clause after a date: "a panel that had monitored"
    r"(?:,\s*|\s)(?:that|which|who|whose)\s|,\s*(?:der|die|das|dem|den|deren|dessen|welche[rsnm]?)\s"
)
_SUBCLAUSE = re.compile(  # "Yoon, who won the presidency in March 2022, has": background
    r",\s*(?:[\w-]+\s+){0,3}?(?:who|which|whose|whom|where|der|die|das|dem|den|deren|dessen|"
    r"welche[rsnm]?|wo)\b[^;]*"
)
_DATELINE = re.compile(  # an agency's dateline: "SEOUL, 5. Juli (Reuters) -", "Seoul (dpa) –"
    r"(?m)^[^\n]{0,60}\((?:AP|AFP|dpa|Reuters|Yonhap|Kyodo|Xinhua|KCNA|SDA|APA|epd|KNA|dts|"
    r"Bloomberg)\)\s*[-–—:]"
)
_NUMDM_CONTEXT = re.compile(r"(?i)(?<!\w)(?:am|vom|bis|zum|seit|ab|den|dem)\s+$")
_NAMING = re.compile(  # a date naming a thing: "the armistice of 27 July 1953", "vom 19. Januar"
    r"(?<!\w)(?:of|vom|von|des)\s+(?:the\s+)?$"
)
_ATTRIBUTIVE = re.compile(  # "the 2018 military agreement", "ein 2018 geschlossener Vertrag"
    r"(?<!\w)(?:the|a|an|its|their|his|her|der|die|das|dem|den|des|ein|eine[mnrs]?)\s+$",
    re.IGNORECASE,
)
_OF_YEAR = re.compile(  # "das Abkommen von 2018", "the agreement of 2018"; not "September of"
    rf"(?<!\w)(?!(?:{_MONTH_WORDS}|Sept?|Jahr\w*|year|end|start|beginning|middle|Ende|Anfang|"
    r"Mitte|Beginn|spring|summer|autumn|fall|winter|Frühjahr|Sommer|Herbst|Winter)\s)"
    r"[A-Za-zÄÖÜäöüß]{3,}\s+(?:of|von)\s+$"
)
_DEICTIC = frozenset(("ago", "rel", "vorj", "mrel", "day", "wend", "wd", "qrel"))
_QUANTITY = re.compile(
    r"\s*(?:%|Prozent|percent|Euro|Dollar|€|\$|Franken|Pfund|Kilometer|km|Meter|Tonnen|"
    r"Soldaten|Menschen|Personen|Leute|Einwohner|Mitarbeiter|Beschäftigte|Stimmen|Fälle|"
    r"Tote|Opfer|Flüchtlinge|Migranten|Polizisten|Kinder|Frauen|Männer|Häuser|Wohnungen|"
    r"Stück|Mal|soldiers|troops|people|persons|residents|workers|employees|votes|cases|"
    r"dead|deaths|victims|refugees|migrants|police|children|women|men|homes|times|miles|"
    r"euros?|dollars?|pounds?|tons?|tonnes)\b"
)
_YEAR_GLUED = re.compile(r"[.,/]\d|[ \t]+\d|-\w")
_YEAR_BAD_BEFORE = re.compile(
    r"(?=[\dNSPAaFfKkpn§])(?:\d[ \t.]?|Nr\.|No\.|Seite|page|Artikel|article|§|Paragraf|"
    r"Paragraph|Nummer|number|Kapitel|chapter|Flug|flight)[ \t]*$"
)
_MONTH_CONTEXT = re.compile(  # a bare month needs one of these ("May" is also a name)
    r"(?<!\w)(?:im|in|seit|bis|ab|vor|nach|since|until|by|before|after|Anfang|Mitte|Ende|early|"
    r"mid|late|of|von|vom|from|last|letzten|vergangenen|that|jenem|(?P<for>for|für))[\s-]+$",
    re.IGNORECASE,
)
_SEASON_CONTEXT = re.compile(  # "im Herbst", "in the summer", "diesen Sommer", "Ende des Winters"
    r"(?<!\w)(?:im|seit|bis|ab|vor|nach|since|until|by|before|after|Anfang|Mitte|Ende|early|"
    r"mid|late|of|from|last|letzten|vergangenen|this|next|diesen|diesem|kommenden|nächsten|des|"
    r"dem|"
    r"the)[\s-]+$",
    re.IGNORECASE,
)
_MONTH_LIST = re.compile(  # "in January and September": the second month of a list
    rf"(?:{_MONTH_WORDS})(?:\s*,\s*|\s+(?:und|and|oder|or|bis|to)\s+|\s*[-–]\s*)$"
)
_MONTH_THE = re.compile(  # "the September launch", "his Jan. 1 address", "seine Juni-Rede"
    r"(?<!\w)(?:the|his|her|its|their|seine[mnrs]?|ihre[mnrs]?)\s+$", re.IGNORECASE
)
_HOLIDAY_NAMING = re.compile(r"(?:(?<!\w)(?:a|an|ein|eine[nm]?)\s+|[\"“„«])$", re.IGNORECASE)
_BOUND = re.compile(r"(?i)(?<!\w)(?:(?:less|more|fewer)\s+than|(?:weniger|mehr)\s+als)\s+$")
_QUARTERS = ("fir", "ers", "sec", "zwe", "thi", "dri", "fou", "vie")  # two by two
_WEEK_WORD = re.compile(r"(?i)woche|week")
_OUTER = frozenset(("circa", "before", "after"))
_POSSESSIVE = re.compile(r"['’]s\b")
_LINE_START = re.compile(r"(?:^|\n)[ \t]*$")  # a month alone on its line is a heading,
_LINE_END = re.compile(r"[ \t]*(?::|[-–—][ \t]|\n|$)")  # or opening a line as its label
# ("Juli: ...", "January – ...")
_DURATION = re.compile(  # "the first visit in 12 years", "the fifth round of launches in 10
    # days", "zum ersten Mal seit": no date
    r"(?i)(?<!\w)(?:first|only|highest|lowest|largest|biggest|worst|best|most|erste[nmrs]?|"
    r"höchste[nmrs]?|niedrigste[nmrs]?|größte[nmrs]?|schwerste[nmrs]?|second|third|fourth|"
    r"fifth|sixth|seventh|eighth|ninth|tenth|\d+(?:st|nd|rd|th)|zweite[nmrs]?|"
    r"dritte[nmrs]?|vierte[nmrs]?|fünfte[nmrs]?|sechste[nmrs]?)(?!\w)[^.,;:]*$"
)
_DEICTIC_NAME = re.compile(  # "last September", "diesen Sommer", "next spring"
    r"(?i)(?<!\w)(?:(?P<this>this|diese[nm])|(?P<last>last|letzte[nm]|vergangene[nm])|"
    r"(?P<next>next|nächste[nm]|kommende[nm]))\s+$"
)
_FALL = re.compile(r"(?<!\w)(?:the|this|last|next|early|late|mid)[\s-]+$")  # not German "Fall"
_SENTENCE_BREAK = re.compile(  # "am 3. Juli" is no sentence end, "im Jahr 2017. Dann" is
    r"[\n.!?](?:(?<=\n)|(?<!\b\d.)(?<!\b\d\d.)[\"'“”»)]*\s+(?=[\"„“«(]?[A-ZÄÖÜ]))"
)
_DAY_IN = re.compile(rf"(?<![\d.]){_DAY}")
_YEAR_AT_END = re.compile(rf"{_YEAR}$")
_WDAY_LEAD = re.compile(rf"^{_WDAY_PREFIX}")
_WRAPPED = 50  # a line this long that ends without punctuation runs on
_LINE_STOP = re.compile(r"[.!?:;\"“”»)]")
_RANK = {p: i for i, p in enumerate(PRECISIONS)}
_NEWS_WINDOW = datetime.timedelta(days=31)  # an anchor this close to base is the report's now
_GRACE = datetime.timedelta(days=61)  # how far a present-tense report looks ahead
_HALF_YEAR = datetime.timedelta(days=183)

_Make = Callable[[int], "DateInterval"]  # raises ValueError for a day the year lacks


@dataclass(slots=True)
class _Atom:
    """A date expression as read, and, when it lies within one year, an anchor that later
    yearless dates may take their year from.  Whether it opens its sentence, is
    background or reaches to now is read when first asked (most are never asked)."""

    start: int
    end: int
    interval: DateInterval
    inferred: bool
    qualifiable: bool = True  # False for day ranges, which carry their own structure
    sentence: int = -1
    stated: bool = False  # its year was in the expression
    deictic: bool = False  # counted from base ("letztes Jahr", "am Dienstag"): the report's time
    barrier: bool = False  # "2018 und 2019": no one year, nothing before it counts
    opening: bool | None = None  # it opens its sentence ("Am 4. Juli 2017 testete ...")
    background: bool | None = None  # relative clause, flashback, a name: its sentence only
    reaches_now: bool | None = None  # "seit 2015"


@dataclass(slots=True)
class _Doc:
    """What a reader knows at a point of the text: the publication date (``base``), the
    sentence ends, and the dates read so far."""

    text: str
    base: datetime.date | None
    langs: tuple[str, ...]
    language: str | None  # of the article, for a sentence whose own words do not tell
    standalone: bool
    ends: list[int]
    seen: list[_Atom] = field(default_factory=list)  # every anchor so far
    wire: bool = False  # a wire story ("SEOUL, 5. Juli (Reuters) -"): background stays local
    languages: dict[int, str] = field(default_factory=dict)  # by sentence

    def latest(self, pos: int) -> _Atom | None:
        """The previous date within one year (for "fünf Tage später"), passing over an
        earlier sentence's flashback unless this sentence looks back too ("Am 3. Juni sprach
        Kim. Am Vortag war er angekommen. Tags darauf reiste er ab": 4 June)."""
        i = self.sentence(pos)
        back = _looks_back(self.sentence_text(i))
        flashback = None  # when the text has no other date, the flashback is the anchor
        for a in reversed(self.seen):
            if a.barrier:
                break
            if back or a.sentence == i or not self.told_back(a):
                # a date of the report's own time, or one before the flashback, does not
                # pass it over: then the flashback told the story forward from there
                if flashback is None or not (
                    a.deictic or a.interval.end < flashback.interval.start
                ):
                    return a
                return flashback
            flashback = flashback or a
        return flashback

    def told_back(self, a: _Atom) -> bool:
        """The clause of ``a`` looks back ("Nordkorea hatte am 22. Oktober getestet"; not
        "two days after the general told Putin that Kursk had been retaken")."""
        start, end = self.clause_span(a.start, self.first(a.sentence))
        return _looks_back(self.text[start:end])

    def ref(self, pos: int) -> _Atom | None:
        """The anchor for a date at ``pos``: the latest date of its own sentence, else the
        latest before it that is neither background nor behind a return to the report's
        own time (a deictic date); for a date opening its line, the latest heading or
        line's label ("June 4: ..." after "June 3: Lee, who lost to Yoon in 2022, wins")."""
        i = self.sentence(pos)
        label = _opens_line(self.text, pos)
        for a in reversed(self.seen):
            if label and a.sentence != i and not self.heads(a):
                continue  # a chronology's line is placed by the lines and headings before it
            if a.barrier or (a.deictic and a.sentence != i):
                return None
            if (
                "\n" in self.text[a.end : pos]
                and not self.heads(a)
                and (self.wire or not self.opens(a))
            ):
                return None  # a new paragraph is at the report's time again
            if self.attributive(a):
                continue
            if a.sentence == i and self.aside(a, pos):
                continue
            if (a.sentence == i or not self.background(a)) and not self.since(a):
                return a
        return None

    def aside(self, a: _Atom, pos: int) -> bool:
        """``a`` is in a relative clause or parenthesis that closes before ``pos`` ("Yoon,
        der im Mai 2022 sein Amt angetreten hatte, warnte am 1. Oktober"): it dates the
        aside, not what its sentence goes on to tell."""
        text, first = self.text, self.first(a.sentence)
        if text.rfind("(", first, a.start) > text.rfind(")", first, a.start):
            return ")" in text[a.end : pos]
        comma = text.rfind(",", first, a.start)
        return (
            comma >= 0
            and "," in text[a.end : pos]
            and _SUBCLAUSE.match(text, comma, a.start) is not None
        )

    def reported(self, pos: int, after: int) -> _Atom | None:
        """The reference of an expression at ``pos``:``after`` ("zwei Tage, nachdem") in a
        sentence with no other date, which it does not open ("Die Meldung kam zwei Tage,
        nachdem ...", "The confirmation came two days after ..."): the report's own day,
        when the sentence before gave it ("am Donnerstag")."""
        i = self.sentence(pos)
        if _OPENS.fullmatch(self.text, self.first(i), pos) is not None:
            return None  # "Zwei Tage nach dem Gipfel reiste er ab": the summit's time
        end = self.ends[i] if i < len(self.ends) else len(self.text)
        if _ATOM.search(self.text, after, end) is not None:
            return None  # "three days after Kim called for ... on Monday": its own date
        a = self.seen[-1] if self.seen else None
        return a if a is not None and a.deictic and a.sentence == i - 1 else None

    def moved(self, a: _Atom, pos: int) -> bool:
        """The text has moved to the time of ``a``, an anchor of a yearless date at ``pos``
        (Strötgen and Gertz's narrative reading): ``a`` is in the same sentence, a heading or
        a line's label, opens its sentence as the date at ``pos`` opens its own ("Im Juni
        2018 trafen sie sich. Im April hatten sie ..."), was itself counted from the text
        ("im Jahr darauf"), or follows another date of its year.  Otherwise a news report
        mentions the past in passing ("Ukraine launched an incursion in August 2024. The
        agency had said on Oct. 18 ...", "Im August 2024 kam es zu einem Treffen. Nordkorea
        hatte am 18. Oktober getestet"), and a yearless date goes by the publication date
        (the news reading)."""
        i = self.sentence(pos)
        if a.sentence == i or a.inferred or self.heads(a):
            return True
        if self.opens(a) and _OPENS.fullmatch(self.text, self.first(i), pos) is not None:
            return True
        k = self.seen.index(a)
        return any(
            not p.deictic and p.interval.start.year == a.interval.start.year
            for p in self.seen[max(0, k - 1) : k]
        )

    def attributive(self, a: _Atom) -> bool:
        """A year naming a thing ("the 2018 military agreement"): it dates the thing, not
        the text around it, so it anchors nothing, not even in its own sentence."""
        return a.interval.precision == "year" and _before_noun(self.text, a.start, a.end)

    def heads(self, a: _Atom) -> bool:
        """The date is a heading or a line's label ("2019", "April 25 – Kim and Putin")."""
        return _heads_line(self.text, a.start, a.end)

    def opens(self, a: _Atom) -> bool:
        if a.opening is None:
            a.opening = _OPENS.fullmatch(self.text, self.first(a.sentence), a.start) is not None
        return a.opening

    def background(self, a: _Atom) -> bool:
        """A date in a relative clause or a flashback, naming a thing ("the armistice of 27
        July 1953"), or in a wire story not opening its sentence: it does not move the text."""
        if a.background is None:
            first, text = self.first(a.sentence), self.text
            comma = text.rfind(",", first, a.start)
            a.background = (
                (comma >= 0 and _SUBCLAUSE.match(text, comma, a.start) is not None)
                or _looks_back(self.sentence_text(a.sentence))
                or _NAMING.search(text, max(first, a.start - 12), a.start) is not None
                or (self.wire and not self.opens(a))
            )
        return a.background

    def since(self, a: _Atom) -> bool:
        """ "seit 2015", "since the start of 2022", "since taking power in 2011": a state
        reaching to now, no anchor."""
        if a.reaches_now is None:
            before = self.text[max(0, a.start - 50) : a.start]
            a.reaches_now = bool(_SINCE.search(before) or SINCE_BEFORE.search(before))
        return a.reaches_now

    def first(self, i: int) -> int:
        """Where sentence ``i`` starts."""
        return self.ends[i - 1] if i else 0

    def sentence(self, pos: int) -> int:
        return bisect.bisect_right(self.ends, pos)

    def sentence_text(self, i: int) -> str:
        return self.text[
            self.ends[i - 1] if i else 0 : self.ends[i] if i < len(self.ends) else None
        ]

    def language_at(self, pos: int) -> str:
        """The language of the sentence at ``pos`` ("will" is a future verb in English)."""
        i = self.sentence(pos)
        if i not in self.languages:
            if self.language is None:
                self.language = detect_language(self.text)
            self.languages[i] = _vote(self.sentence_text(i)) or self.language
        return self.languages[i]

    def past(self, pos: int) -> bool:
        """The clause at ``pos`` tells the past."""
        start, end = self.clause_span(pos, self.first(self.sentence(pos)))
        return _PAST[self.language_at(pos)].search(self.text, start, end) is not None

    def office(self) -> DateInterval | None:
        """The latest date read in a sentence that says someone took office."""
        return next(
            (
                a.interval
                for a in reversed(self.seen)
                if _TOOK_OFFICE.search(self.sentence_text(a.sentence))
            ),
            None,
        )

    def looks_back(self, pos: int) -> bool:
        """The clause at ``pos`` (after the anchor, when that is in it) looks back: "Im
        April hatte er", "In May, he had already"; not "Im Januar hatte Kim ..., Ende
        Februar folgten", nor "der im Mai sein Amt antritt, hatte im Wahlkampf", nor a
        pluperfect after an anchor told in the pluperfect too (`same_plane`)."""
        i, a = self.sentence(pos), self.ref(pos)
        start, end = self.clause_span(pos, a.end if a is not None and a.sentence == i else 0)
        relative = _RELATIVE.search(self.text, pos, end)  # "a panel that had monitored"
        end = relative.start() if relative else end
        if _CUE_BACK.search(self.text, start, end):
            return True
        return _TENSE_BACK.search(self.text, start, end) is not None and not self.same_plane(pos)

    def same_plane(self, pos: int) -> bool:
        """The clause at ``pos`` and its anchor's are both told in the pluperfect, with no
        cue looking further back: one time plane, on which the story moves forward ("Im
        Juni 2018 hatten sie sich getroffen, ihr Gipfel in Hanoi war Ende Februar
        abgebrochen worden": February 2019)."""
        i, a = self.sentence(pos), self.ref(pos)
        if a is None:
            return False
        start, end = self.clause_span(pos, a.end if a.sentence == i else 0)
        a_start, a_end = self.clause_span(a.start, self.first(a.sentence))
        return (
            _TENSE_BACK.search(self.text, start, end) is not None
            and _CUE_BACK.search(self.text, start, end) is None
            and _TENSE_BACK.search(self.text, a_start, a_end) is not None
        )

    def clause_span(self, pos: int, after: int) -> tuple[int, int]:
        """The clause around ``pos``, not before ``after``: from the comma before it to the
        comma after the next few words (past a short opening: "In May, he had")."""
        i, text = self.sentence(pos), self.text
        start = max(after, self.first(i), text.rfind(",", 0, pos) + 1, text.rfind(";", 0, pos) + 1)
        end = min(self.ends[i] if i < len(self.ends) else len(text), pos + 80)
        comma = text.find(",", pos + 15, end)
        return start, end if comma < 0 else comma

    def clause(self, start: int) -> str:
        """The text from the start of the sentence (at most 100 characters) to ``start``."""
        i = self.sentence(start)
        return self.text[max(self.ends[i - 1] if i else 0, start - 100) : start]

    def anchor(self, pos: int) -> DateInterval | None:
        """The anchor's interval, None when the text is at the report's own time (no
        anchor, or one within a month of ``base``; a year only when it holds ``base``: a
        review of 2018 published in January 2019 is still in 2018): then dates go by
        ``base``."""
        a, b = self.ref(pos), self.base
        if a is None or (b is not None and not self.moved(a, pos) and self.looks_back(pos)):
            return None
        s, e = a.interval.start, a.interval.end
        window = datetime.timedelta(0) if a.interval.precision == "year" else _NEWS_WINDOW
        if b is not None and s - window <= b <= e + window:
            return None
        q = _QUAL.search(self.text, max(0, a.start - 30), a.start)
        if a.interval.precision != "year" or q is None or _qword(q) in _OUTER:
            return a.interval
        return _qualify(a.interval, _qword(q), None)  # "in late 2002": then "in January" is 2003

    def ahead(self, m: re.Match[str]) -> bool:
        """A bare weekday whose clause tells it in the present ("Am Dienstag treffen sich
        Trump und Kim", "Trump fliegt am Montagabend ab", "Trump travels to South Korea on
        Wednesday"): the coming one, as in a preview. The German present: the verb right
        after a fronted weekday, or right before "am <weekday>", is neither a weak past
        ("sagte"), a strong past ("traf") nor a participle, and the clause has no past cue;
        the English: a name and a verb in the simple present open the clause, which tells
        nothing in the past."""
        if m.group("wm") or m.group("dm"):
            return False
        start, end = self.clause_span(m.start(), self.first(self.sentence(m.start())))
        if self.language_at(m.start()) == "en":  # "Trump travels to Seoul on Wednesday"
            told = _EN_PRESENT.match(self.text, start, m.start())
            return told is not None and not _PAST["en"].search(self.text, start, end)
        if self.language_at(m.start()) != "de":
            return False
        if _PAST["de"].search(self.text, start, end) or _PAST_CUE.search(self.text, start, end):
            return False
        after = _NEXT_WORD.match(self.text, m.end())
        before = _VERB_BEFORE.search(self.text, max(start, m.start() - 40), m.start())
        fronted = self.text[start : m.start()].strip().casefold() in ("am", "")
        verb = after.group(1) if after and fronted else before.group(1) if before else ""
        return _PRESENT.fullmatch(verb) is not None

    def future(self, start: int) -> bool:
        if _FUTURE.search(self.text, max(0, start - 30), start):
            return True
        clause = self.clause(start)
        verb = None
        for verb in _FUTURE_VERB.finditer(clause):  # noqa: B007 (the last one counts)
            pass
        return verb is not None and not _CLAUSE_END.search(clause, verb.end())


def _opens_line(text: str, pos: int) -> bool:
    """Only blanks stand between the start of its line and ``pos``."""
    return _LINE_START.search(text, max(0, pos - 25), pos) is not None


def _heads_line(text: str, start: int, end: int) -> bool:
    """The expression at ``start``:``end`` is a heading (alone on its line) or a line's
    label ("Juli: ...", "April 25 – Kim and Putin")."""
    return _opens_line(text, start) and _LINE_END.match(text, end) is not None


def _before_noun(text: str, start: int, end: int) -> bool:
    """ "the 2018 military agreement", "the 2019 Hanoi summit", "ein 2018 geschlossener
    Vertrag": a year naming a thing, which anchors nothing."""
    return (
        end < len(text)
        and text[end] == " "
        and text[end + 1 : end + 2].isalpha()
        and _ATTRIBUTIVE.search(text, max(0, start - 8), start) is not None
    )


def names_a_thing(text: str, start: int, end: int) -> bool:
    """Whether the expression at ``start``:``end`` of ``text`` (a year) is attributive,
    naming a thing rather than dating what the text tells: before a noun, or after one
    ("das Abkommen von 2018", "the tensions of 2017": a period the text may move to, so
    this one anchors what follows)."""
    return (
        _before_noun(text, start, end)
        or _OF_YEAR.search(text, max(0, start - 30), start) is not None
    )


def _vote(text: str) -> Literal["de", "en"] | None:
    de, en = len(_DE_WORDS.findall(text)), len(_EN_WORDS.findall(text))
    return "en" if en > de else "de" if de > en else None


def _place(make: _Make, doc: _Doc, pos: int) -> DateInterval | None:
    """A date without a year, ``make(year)`` its interval in a given year: the year a
    careful reader gives it (see the module docstring)."""
    base, anchor = doc.base, doc.anchor(pos)

    def at(year: int) -> DateInterval | None:
        try:
            return make(year)
        except ValueError:  # 29 February, or out of range
            return None

    if doc.future(pos):  # after base, or after a narrative's point when it tells the past
        narrated = anchor is not None and anchor.precision != "year"
        point = (
            anchor.start
            if anchor is not None and (base is None or narrated and doc.past(pos))
            else base
        )
        if point is None:
            return None
        got = at(point.year)
        return got if got is not None and got.end >= point else at(point.year + 1)
    if anchor is None:  # the news rule
        if base is None:
            return None
        got = at(base.year)
        if got is None or got.start > base + _GRACE:
            got = at(base.year - 1)
        return got
    grace = datetime.timedelta(0) if doc.past(pos) else _GRACE
    if anchor.precision == "year" and anchor.qualifier is None:
        return at(anchor.start.year)
    year = anchor.start.year
    if doc.looks_back(pos):
        found = [iv for y in (year, year - 1) if (iv := at(y)) is not None]
        got = next((iv for iv in found if iv.start <= anchor.end), None)
    else:  # the anchor's year, or the next when that would be half a year back (or back
        # at all on the anchor's plane of the past)
        got = at(year)
        back = got is not None and got.start < anchor.start and doc.same_plane(pos)
        if got is None or back or got.end < anchor.start - _HALF_YEAR:
            got = at(year + 1)
    while got is not None and base is not None and got.start > base + grace:
        got = at(got.start.year - 1)
    return got


def _month_of(token: str, langs: tuple[str, ...]) -> int | None:
    word = token.rstrip(".").lower()
    return next((n for lang in langs if (n := _MONTH_NUMBERS[lang].get(word))), None)


@functools.lru_cache(maxsize=4096)
def _parts(expr: str, langs: tuple[str, ...]) -> tuple[int, int | None, int | None] | None:
    """(month, day, year) of a month-name expression; the same ones come again and again."""
    expr = _WDAY_LEAD.sub("", expr)
    token = _MONTH_TOKEN.search(expr)
    month = None if token is None else _month_of(token.group(), langs)
    if month is None:
        return None
    day, year = _DAY_IN.search(expr), _YEAR_AT_END.search(expr)
    return month, int(day.group()) if day else None, int(year.group()) if year else None


def _named(expr: str, doc: _Doc, pos: int) -> tuple[DateInterval, bool] | None:
    """A month-name expression ("12. Juni 2018", "Aug. 9", "Juli"): (interval, inferred)."""
    parts = _parts(expr, doc.langs)
    if parts is None:
        return None
    month, day, year = parts

    def make(year: int) -> DateInterval:
        if day is None:
            return DateInterval(*_unit(datetime.date(year, month, 1), "month"), "month")
        d = datetime.date(year, month, day)
        return DateInterval(d, d, "day")

    if year is not None:
        try:
            return make(year), False
        except ValueError:
            return None
    return _yearless(make, doc, pos)


def _yearless(make: _Make, doc: _Doc, pos: int) -> tuple[DateInterval, bool] | None:
    """A month, day, season or holiday without a year: "last September" and "this summer"
    count from ``base`` (not inferred); the others are placed by ``_place`` (inferred)."""
    deictic = _DEICTIC_NAME.search(doc.text, max(0, pos - 12), pos)
    if deictic is None:
        got = _place(make, doc, pos)
        return None if got is None else (got, True)
    if doc.base is None:
        return None
    b, near = doc.base, list[DateInterval]()
    for y in (b.year - 1, b.year, b.year + 1):
        with contextlib.suppress(ValueError):  # 29 February
            near.append(make(y))
    got = (
        next((iv for iv in near if iv.start > b), None)
        if deictic.group("next")
        else next((iv for iv in reversed(near) if iv.end < b), None)
        if deictic.group("last")
        else next((iv for iv in near if iv.start <= b <= iv.end), near[1] if near else None)
    )
    return None if got is None else (got, False)


def _season(m: re.Match[str], doc: _Doc) -> tuple[DateInterval, bool] | None:
    word, year, year2 = m.group("sn").lower(), m.group("sy"), m.group("sy2")
    first = _SEASONS[word]
    if year is None and not doc.standalone:
        before = doc.text[max(0, m.start() - 12) : m.start()]
        if not (_FALL if word == "fall" else _SEASON_CONTEXT).search(before):
            return None
    if year2 is not None and int(year2) != (int(year) + 1) % 100:
        return None

    def make(y: int) -> DateInterval:
        end = datetime.date(y + (first == 12), (first + 2) % 12, 1)
        return DateInterval(datetime.date(y, first, 1), _unit(end, "month")[1], "month")

    if year is not None:
        return make(int(year)), False
    return _yearless(make, doc, m.start())


def _holiday(m: re.Match[str], doc: _Doc) -> tuple[DateInterval, bool] | None:
    """New Year's Day, Christmas Eve and Day, New Year's Eve (Neujahr, Heiligabend,
    Weihnachten, Silvester): fixed days; not a name inside another ("a Christmas gift",
    "what \"Christmas gift\"")."""
    name = m.group("hn").lower()
    if _HOLIDAY_NAMING.search(doc.text, max(0, m.start() - 6), m.start()) and re.match(
        r"\s+[a-z]", doc.text[m.end() : m.end() + 2]
    ):
        return None
    month, day = (
        (1, 1)
        if "neujahr" in name or "new" in name and "eve" not in name
        else (12, 24)
        if "eve" in name and "christmas" in name or "heilig" in name
        else (12, 31)
        if "eve" in name or "silvester" in name
        else (12, 25)
    )

    def make(year: int) -> DateInterval:
        d = datetime.date(year, month, day)
        return DateInterval(d, d, "day")

    if m.group("hy"):
        return make(int(m.group("hy"))), False
    return _yearless(make, doc, m.start())


def _count(n: str, unit: str) -> tuple[int, str]:
    """(number, 'day'|'week'|'month'|'year') of "fünf Tage", "three weeks"."""
    num = int(n) if n.isdigit() else _NUMBERS[n.lower()]
    return num, {"t": "day", "d": "day", "w": "week", "m": "month", "j": "year", "y": "year"}[
        unit[0].lower()
    ]


def _shift(iv: DateInterval, num: int, unit: str) -> DateInterval | None:
    """``iv`` moved by ``num`` units (negative: back), at the precision the unit allows."""
    if unit in ("day", "week"):
        if iv.precision != "day" or iv.start != iv.end:
            return None
        d = iv.start + datetime.timedelta(days=num * (7 if unit == "week" else 1))
        return DateInterval(d, d, "day")
    if unit == "month":
        if iv.precision not in ("day", "month"):
            return None
        months = iv.start.year * 12 + iv.start.month - 1 + num
        return DateInterval(
            *_unit(datetime.date(months // 12, months % 12 + 1, 1), "month"), "month"
        )
    d = datetime.date(iv.start.year + num, 1, 1)
    return DateInterval(*_unit(d, "year"), "year")


def _week(iv: DateInterval, step: int = 0) -> DateInterval | None:
    """The Monday-to-Sunday week of a day (or of a week), moved by ``step`` weeks ("the
    following week", "in der Woche darauf")."""
    if iv.precision != "day" or (iv.end - iv.start).days > 6:
        return None
    monday = iv.start - datetime.timedelta(days=iv.start.weekday() - 7 * step)
    return DateInterval(monday, monday + datetime.timedelta(days=6), "day")


def _narrative(m: re.Match[str], doc: _Doc) -> tuple[DateInterval, bool] | None:
    """Expressions counted from an earlier date in the text ("fünf Tage später", "am Tag
    darauf", "that month", "am 3.", "Three days into 2018", "six months into his term")."""
    kind, g = m.lastgroup, m.group
    latest = doc.latest(m.start())
    anchor = latest.interval if latest is not None else None  # the previous date
    if g("into"):
        num, unit = _count(g("n2"), g("u2"))
        if g("iy"):
            start: DateInterval | None = parse_date(g("iy"))
        elif g("iyr") or g("iyr2"):
            start = _shift(anchor, 0, "year") if anchor else None
            if start is None and doc.base is not None:
                start = DateInterval(*_unit(doc.base, "year"), "year")
        else:
            start = doc.office()
        if start is None:
            return None
        exact = start.precision == "day" or not (g("io") or g("io2"))  # a year starts on 1 Jan
        first = DateInterval(start.start, start.start, "day") if exact else start
        days_in = num - 1 if unit == "day" and "into" in g() else num  # day 3 of 2018 is 3 Jan
        got = _shift(first, days_in, unit)
        return None if got is None else (got, not g("iy"))
    if anchor is None:
        return None
    if g("tofore"):  # "said on Wednesday, a day after it destroyed": the act after "after"
        if latest is None or latest.sentence != doc.sentence(m.start()):
            latest = doc.reported(m.start(), m.end())
        if latest is None:
            return None
        anchor = latest.interval
        num, unit = _count(g("n2"), g("u2"))
        got = _shift(
            anchor, num if g("tofore").lower() in ("before", "bevor", "vor") else -num, unit
        )
    elif g("later"):
        num, unit = _count(g("n2"), g("u2"))
        back = re.search(r"(?i)(?:zuvor|davor|früher|earlier|before)$", g()) is not None
        got = _shift(anchor, -num if back else num, unit)
    elif kind == "nday":
        before = re.search(r"(?i)zuvor|davor|Vortag|previous|preceding|before", g())
        same = re.search(r"(?i)selben|gleichen|same|that|in the day|mittag|abend|morgen", g())
        got = _shift(anchor, 0 if same else -1 if before else 1, "day")
    elif kind == "same":
        word = g().lower()
        unit = "month" if "monat" in word or "month" in word else "year"
        unit = "week" if _WEEK_WORD.search(word) else unit
        step = (
            1
            if re.search(r"folge|following|next|darauf|danach|after", word)
            else -1
            if re.search(r"previous|zuvor|before", word)
            else 0
        )
        got = _week(anchor, step) if unit == "week" else _shift(anchor, step, unit)
    else:  # a day alone: in the month of the anchor, or the next when it would go back
        if anchor.precision not in ("day", "month") or anchor.start.month != anchor.end.month:
            return None
        day = int(re.match(r"\d+", g()).group())  # type: ignore[union-attr]
        month = anchor.start
        if anchor.precision == "day" and day < anchor.start.day and not doc.looks_back(m.start()):
            month = (month.replace(day=1) + datetime.timedelta(days=31)).replace(day=1)
        try:
            d = month.replace(day=day)
        except ValueError:
            return None
        got = DateInterval(d, d, "day")
    return None if got is None else (got, True)


def _atom_interval(m: re.Match[str], doc: _Doc) -> tuple[DateInterval, bool] | None:
    """The value of one atom and whether it was inferred from the text around it."""
    kind, s, text = m.lastgroup or "", m.group(), doc.text
    if kind in ("iso", "num"):
        parts = [int(p) for p in re.split(r"[-.]", s)]
        y, mo, d = parts if kind == "iso" else parts[::-1]
        try:
            day = datetime.date(y, mo, d)
        except ValueError:
            return None
        return DateInterval(day, day, "day"), False
    if kind == "cnt" and _BOUND.search(text, max(0, m.start() - 16), m.start()):
        return None  # "less than two years earlier": a bound, no date
    if kind == "qtr":  # "Q3 2024", "the third quarter of 2023", "im dritten Quartal 2023"
        word = (m.group("qw") or "").lower()[:3]
        n = int(m.group("qn") or 0) or _QUARTERS.index(word) // 2 + 1
        first = datetime.date(int(s[-4:]), 3 * n - 2, 1)
        return DateInterval(first, _unit(first.replace(month=3 * n), "month")[1], "month"), False
    if kind == "slash":  # "10/15/2024" (US), "15/10/2024"; both up to 12: the sentence's language
        one, two, y = (int(p) for p in s.split("/"))
        us = two > 12 or one <= 12 and doc.language_at(m.start()) == "en"
        try:
            day = datetime.date(y, *((one, two) if us else (two, one)))
        except ValueError:
            return None
        return DateInterval(day, day, "day"), False
    if kind == "numdm":  # "am 4.12.": a day without a year
        if not (doc.standalone or _NUMDM_CONTEXT.search(text, max(0, m.start() - 8), m.start())):
            return None
        dd, mm = (int(p) for p in s.split(".")[:2])

        def make(year: int) -> DateInterval:
            d = datetime.date(year, mm, dd)
            return DateInterval(d, d, "day")

        return _yearless(make, doc, m.start())
    if kind in ("yr", "yrs"):
        y1 = int(s[:4])
        y2 = y1 // 100 * 100 + int(s[-2:]) if kind == "yrs" or s[-3] == "/" else int(s[-4:])
        if not (1900 <= y1 < y2 <= 2099) or (s[-3] == "/" and y2 != y1 + 1):
            return None
        return DateInterval(datetime.date(y1, 1, 1), datetime.date(y2, 12, 31), "year"), False
    if kind == "isom":
        a, b = _unit(datetime.date(int(s[:4]), int(s[5:7]), 1), "month")
        return DateInterval(a, b, "month"), False
    if kind == "msame":  # "December of the same year": the month in the previous date's year
        token = _MONTH_TOKEN.search(s)
        month = _month_of(token.group(), doc.langs) if token else None
        latest = doc.latest(m.start())
        if latest is None or month is None:
            return None
        a, b = _unit(datetime.date(latest.interval.start.year, month, 1), "month")
        return DateInterval(a, b, "month"), True
    if kind == "mrel":  # "January last year", "im März dieses Jahres", "Mai des Vorjahres"
        token = _MONTH_TOKEN.search(s)
        month = _month_of(token.group(), doc.langs) if token else None
        if doc.base is None or month is None:
            return None
        which = (m.group("mry") or "vorig").lower()
        year = doc.base.year + (-1 if which[:3] in ("let", "ver", "vor", "las", "pas") else 0)
        year += 1 if which[:3] in ("näc", "kom", "nex", "com") else 0
        a, b = _unit(datetime.date(year, month, 1), "month")
        return DateInterval(a, b, "month"), False
    if kind in ("dmy", "mdy", "my", "mon"):
        if kind == "mon" and not doc.standalone:
            before = text[max(0, m.start() - 25) : m.start()]
            heading = _heads_line(text, m.start(), m.end())
            the = s not in ("May", "March") and _MONTH_THE.search(before)  # "the May government"
            ctx = _MONTH_CONTEXT.search(before)
            if ctx and ctx.group("for") and s in ("May", "March"):  # "support for May's plan"
                ctx = None if re.match(r"['’]s|\s+[A-Z]", text[m.end() : m.end() + 3]) else ctx
            if not (heading or the or ctx or _MONTH_LIST.search(before)):
                return None
        return _named(s, doc, m.start())
    if kind in ("ddr", "mdr"):
        d1, d2 = (int(x) for x in re.findall(r"(?<!\d)\d{1,2}(?!\d)", s)[:2])
        rest = re.search(_MONTH_D + r".*", s)
        assert rest is not None
        tail = (
            rest.group()
            if kind == "ddr"
            else re.sub(r"\s+\d+\w*\s*(?:-|–|and|to)\s*\d+", f" {d2}", s)
        )
        if kind == "ddr":
            tail = f"{d2}. {tail}" if "." in s[: s.find(rest.group())] else f"{d2} {tail}"
        right = _named(tail, doc, m.start())
        if right is None or d1 >= d2:
            return None
        return DateInterval(right[0].start.replace(day=d1), right[0].end, "day"), right[1]
    if kind == "seas":
        return _season(m, doc)
    if kind == "hol":
        return _holiday(m, doc)
    if kind in ("dalone", "nday", "same") or kind == "cnt" and not m.group("agow"):
        return _narrative(m, doc)
    if kind in ("dec", "decw"):
        digits = re.search(r"\d+", s)
        if digits is None:
            key = re.sub(r"^the\s+|(?:jahren?|n)$|\s+Jahren?$", "", s.lower()).strip()
            found = _DECADE_WORDS.get(key.removesuffix(" jahre").removesuffix(" jahren"))
            if found is None:
                return None
            y = found
        else:
            y = int(digits.group())
            y = 1900 + y if y < 100 else y
        return DateInterval(datetime.date(y, 1, 1), datetime.date(y + 9, 12, 31), "decade"), False
    if kind == "year":
        if not doc.standalone and (
            _QUANTITY.match(text, m.end())
            or _YEAR_GLUED.match(text, m.end())
            or _YEAR_BAD_BEFORE.search(text, max(0, m.start() - 12), m.start())
        ):
            return None
        y = int(s)
        if not 1900 <= y <= 2099:
            return None
        return DateInterval(datetime.date(y, 1, 1), datetime.date(y, 12, 31), "year"), False
    anchor = doc.anchor(m.start())
    told = anchor is not None and anchor.precision != "year" and doc.past(m.start())
    if kind == "qrel" and anchor is not None and (told or not doc.future(m.start())):
        # "In April, Kim gave Washington until the end of the year": the anchor's year
        unit = "month" if re.search("(?i)monat|month", s) else "year"  # "Mitte des Jahres"
        got = _week(anchor) if _WEEK_WORD.search(s) else _shift(anchor, 0, unit)
        return None if got is None else (got, True)
    if kind == "wd" and (m.group("dfol") or m.group("dafter")):  # "am Dienstag darauf"
        latest = doc.latest(m.start())
        if latest is None or latest.interval.precision != "day":
            return None
        last = latest.interval.end
        gap = (_WEEKDAYS[m.group("wdn")] - last.weekday() - 1) % 7 + 1
        after = last + datetime.timedelta(days=gap)
        return DateInterval(after, after, "day"), True
    if kind == "wd" and not m.group("dm"):
        moved = _moved_weekday(m, doc)
        if moved is not None:
            return moved, True
        if doc.base is not None and _POSSESSIVE.match(text, m.end()):  # "Sunday's election"
            back = _days_back(doc.base, m.group("wdn"))
            ahead = (7 - back) % 7
            near = doc.base + datetime.timedelta(days=ahead if ahead < back else -back)
            return DateInterval(near, near, "day"), False
    if doc.base is None or (m.group("in") and _DURATION.search(doc.clause(m.start()))):
        return None
    ahead = doc.future(m.start()) or (kind == "wd" and doc.ahead(m))
    got = _relative(m, doc.base, ahead)
    return None if got is None else (got, False)


def _moved_weekday(m: re.Match[str], doc: _Doc) -> DateInterval | None:
    """A weekday next to a narrative day far from ``base``: the first such day on or after
    that day (on or before it when the sentence looks back)."""
    ref, base = doc.ref(m.start()), doc.base
    if (
        ref is None
        or ref.interval.precision != "day"
        or ref.interval.start != ref.interval.end
        or not (ref.stated and doc.opens(ref))
        or (base is not None and ref.interval.start >= base - _NEWS_WINDOW)
        or ref.sentence < doc.sentence(m.start()) - 1
    ):
        return None
    a = ref.interval
    offset = (_WEEKDAYS[m.group("wdn")] - a.start.weekday()) % 7
    if doc.looks_back(m.start()) and offset:
        offset -= 7
    d = a.start + datetime.timedelta(days=offset)
    return DateInterval(d, d, "day")


def _relative(m: re.Match[str], base: datetime.date, future: bool) -> DateInterval | None:
    kind, g = m.lastgroup, m.group
    unit, phrase = "day", ""
    if kind in ("ago", "cnt"):
        n = g("n1") or g("n2") or g("n3")
        num = int(n) if n.isdigit() else _NUMBERS[n.lower()]
        unit = {"j": "year", "m": "month", "w": "week", "t": "day", "y": "year", "d": "day"}[
            (g("u1") or g("u2") or g("u3"))[0].lower()
        ]
        phrase = f"in {num} {unit}s" if g("in") else f"{num} {unit}s ago"
        if kind == "cnt" and g("agod"):  # "a year ago Saturday": that day, a year back
            day = g("agod").lower()
            d = base - datetime.timedelta(
                days=1 if day == "yesterday" else 0 if day == "today" else _days_back(base, day)
            )
            return _back(d, num, unit)
    elif kind in ("rel", "vorj", "qrel"):
        word = (g("ru") or g("vorj") or g("qrel")).lower()
        unit = "year" if "j" in word or "year" in word else "month" if "mo" in word else "week"
        mod = (g("rm") or ("vor" if kind == "vorj" else "dies")).lower()
        phrase = (
            f"1 {unit} ago"
            if mod[:3] in ("let", "ver", "vor", "las", "pas")
            else f"in 1 {unit}"
            if mod[:3] in ("näc", "kom", "nex", "com")
            else f"this {unit}"
        )
    elif kind == "day":
        phrase = {
            "vorgestern": "2 days ago",
            "gestern": "yesterday",
            "heute": "today",
            "morgen": "tomorrow",
        }.get(g("day").lower(), g("day").lower())
    else:  # weekday or weekend: the most recent one on or before base, or the next one
        mod = (g("wm") or g("dm") or "").lower()[:3]
        wd = _WEEKDAYS[g("wdn")] if kind == "wd" else 5
        d = base - datetime.timedelta(days=(base.weekday() - wd) % 7)
        past, nxt = mod in ("let", "ver", "vor", "las", "pas"), mod in ("näc", "kom", "nex", "com")
        if past and d == base:
            d -= datetime.timedelta(days=7)
        if kind == "wend" and base.weekday() == 6 and not nxt:
            d = base - datetime.timedelta(days=1)
        e = d + datetime.timedelta(days=1 if kind == "wend" else 0)
        if nxt or (future and not past and e < base):
            d, e = d + datetime.timedelta(days=7), e + datetime.timedelta(days=7)
        return DateInterval(d, e, "day")
    got = _dp_relative(phrase, base)
    if got is None:
        return None
    d, period = got
    if period == "week" or unit == "week":
        monday = d - datetime.timedelta(days=d.weekday())
        return DateInterval(monday, monday + datetime.timedelta(days=6), "day")
    prec = cast(Precision, period if period in ("day", "month", "year") else "day")
    return DateInterval(*_unit(d, prec), prec)


def _days_back(base: datetime.date, weekday: str) -> int:
    """Days from the most recent such weekday on or before ``base`` to ``base``."""
    return (base.weekday() - _WEEKDAYS[weekday.title()]) % 7


def _back(d: datetime.date, num: int, unit: str) -> DateInterval:
    """The day ``num`` units before ``d`` (29 February a year back is the 28th)."""
    if unit in ("day", "week"):
        d -= datetime.timedelta(days=num * (7 if unit == "week" else 1))
    else:
        months = d.year * 12 + d.month - 1 - num * (12 if unit == "year" else 1)
        y, mo = divmod(months, 12)
        d = datetime.date(y, mo + 1, min(d.day, calendar.monthrange(y, mo + 1)[1]))
    return DateInterval(d, d, "day")


def _qword(m: re.Match[str]) -> Qualifier:
    words = m.group("q").lower().split()
    return _QMAP[words[-2 if "of" in words else -1]]


def _qualify(iv: DateInterval, q: Qualifier, base: datetime.date | None) -> DateInterval:
    s, e, p = iv.start, iv.end, iv.precision
    week = p == "day" and (e - s).days == 6 and s.weekday() == 0
    if q in ("early", "mid", "late") and week:  # Mon-Wed, Tue-Thu, Thu-Sun
        idx = ("early", "mid", "late").index(q)
        monday = s
        s = monday + datetime.timedelta(days=(0, 1, 3)[idx])
        e = monday + datetime.timedelta(days=(2, 3, 6)[idx])
    elif q in ("early", "mid", "late") and p != "day":
        idx = ("early", "mid", "late").index(q)
        months = (e.year - s.year) * 12 + e.month - s.month + 1
        if p == "month" and months == 3:  # a season: its first, middle or last month
            s, e = _unit(_shift(iv, idx, "month").start, "month")  # type: ignore[union-attr]
        elif p == "month":
            s = s.replace(day=(1, 11, 21)[idx])
            e = s.replace(day=(10, 20, calendar.monthrange(s.year, s.month)[1])[idx])
        elif p == "year":
            s = datetime.date(s.year, (1, 5, 9)[idx], 1)
            e = _unit(datetime.date(s.year, (4, 8, 12)[idx], 1), "month")[1]
        else:
            s = datetime.date(s.year + (0, 4, 7)[idx], 1, 1)
            e = datetime.date(s.year - (0, 4, 7)[idx] + (3, 6, 9)[idx], 12, 31)
    elif q == "after" and base is not None and base > e:
        e = base
    return DateInterval(s, e, p, q)  # an outer after/before/circa replaces early/mid/late


def _adjacent(a: DateInterval, b: DateInterval) -> bool:
    return b.start <= a.end + datetime.timedelta(days=1)


def _sentence_ends(text: str) -> list[int]:
    """Where sentences end: at sentence punctuation, and at a line break, unless the line
    is long and runs on (a hard-wrapped paragraph, not a heading or a list item)."""
    ends = []
    for m in _SENTENCE_BREAK.finditer(text):
        at = m.start()
        if (
            text[at] == "\n"
            and at - text.rfind("\n", 0, at) > _WRAPPED
            and not _LINE_STOP.match(text, at - 1)
            and text[at + 1 : at + 2] not in ("\n", "")
        ):
            continue
        ends.append(m.end())
    return ends


def _take_year(atom: _Atom, stated: DateInterval) -> None:
    """A yearless start of a range takes the year its end states (the year before, when
    it would fall after the end: "28. Dezember bis 3. Januar 2018")."""
    iv = atom.interval
    for year in (stated.start.year, stated.start.year - 1):
        try:
            moved = DateInterval(
                iv.start.replace(year=year),
                iv.end.replace(year=year + iv.end.year - iv.start.year),
                iv.precision,
            )
        except ValueError:
            continue
        if moved.start <= stated.start:
            atom.interval, atom.inferred = moved, False
            return


def _year_of(prev: _Atom, m: re.Match[str], doc: _Doc) -> bool:
    """Whether the atom m is the year of the yearless date just before it ("Dec. 18 last
    year", "am 18. Dezember vergangenen Jahres", "March 3 of this year"); if so the date
    takes it and reaches to its end, counted from ``base`` as "January last year" is."""
    between = doc.text[prev.end : m.start()]
    if not (
        prev.inferred and m.lastgroup == "rel" and re.fullmatch(r"[ \t]+(?:of[ \t]+)?", between)
    ):
        return False
    got = _atom_interval(m, doc)
    if got is None or got[0].precision != "year" or prev.interval.precision not in ("day", "month"):
        return False
    year = got[0].start.year
    iv = prev.interval
    try:
        prev.interval = DateInterval(
            iv.start.replace(year=year), iv.end.replace(year=year), iv.precision
        )
    except ValueError:  # 29 February
        return False
    prev.end, prev.inferred, prev.stated, prev.deictic = m.end(), False, False, True
    return True


def _read_atoms(doc: _Doc) -> list[_Atom]:
    """Every atom in reading order, each resolved with what the text said before it."""
    text = doc.text
    atoms: list[_Atom] = []
    for m in _ATOM.finditer(text):
        if m.lastgroup == "qrel":  # "Mitte des Jahres", "Ende der Woche"; not "vor der Woche"
            q = _QUAL.search(text, max(0, m.start() - 30), m.start())
            if q is None or _WEEK_WORD.search(m.group()) and _qword(q) in _OUTER:
                continue
        try:
            got = _atom_interval(m, doc)
        except (ValueError, OverflowError):  # e.g. "nächste Woche" with base 9999-12-31
            got = None
        if got is None:
            continue
        iv, inferred = got
        one_year = iv.start.year == iv.end.year
        prev = atoms[-1] if atoms else None
        start = m.start()
        if prev is not None and _year_of(prev, m, doc):  # "Dec. 18 last year": one date
            continue
        if prev is not None and _JOIN.fullmatch(text, prev.end, start):
            if prev.inferred and not inferred:  # "28. Juli bis 3. August 2017"
                _take_year(prev, iv)
            if prev.interval.start.year != iv.end.year:  # "2018 und 2019": no one year
                doc.seen.append(_Atom(start, m.end(), iv, False, barrier=True))
                one_year = False
        kind = m.lastgroup
        atom = _Atom(start, m.end(), iv, inferred, kind not in ("ddr", "mdr"))
        atoms.append(atom)
        if one_year and iv.precision != "decade":
            atom.deictic = not inferred and (kind in _DEICTIC or bool(m.group("agow")))
            atom.stated = not inferred and not atom.deictic
            atom.sentence = doc.sentence(start)
            doc.seen.append(atom)
    return atoms


def _scan(
    text: str,
    base: datetime.date | None,
    langs: tuple[str, ...],
    language: str | None,
    standalone: bool,
) -> list[DateMention]:
    doc = _Doc(text, base, langs, language, standalone, _sentence_ends(text))
    doc.wire = _DATELINE.search(text, 0, 1500) is not None
    atoms = _read_atoms(doc)
    out: list[DateMention] = []
    i = 0
    while i < len(atoms):
        a = atoms[i]
        start, end, iv, inferred = a.start, a.end, a.interval, a.inferred
        deictic = _DEICTIC_NAME.search(text, max(0, start - 12), start)
        start = deictic.start() if deictic else start  # "im vergangenen Herbst": its word too
        nxt = atoms[i + 1] if i + 1 < len(atoms) else None
        join = _JOIN.fullmatch(text, a.end, nxt.start) if nxt else None
        word = join.group().strip().lower() if join else ""
        qm = _QUAL.search(text, max(0, start - 30), start) if a.qualifiable else None
        if qm and word in ("und", "and") and _qword(qm) in _OUTER:
            qm = None  # "nach 2016 und 2019": a list of years, not "since 2016"
        if qm:
            start, iv = qm.start(), _qualify(iv, _qword(qm), base)
            outer = _QUAL.search(text, max(0, start - 12), start)
            if (
                iv.qualifier in ("early", "mid", "late") and outer and _qword(outer) in _OUTER
            ):  # "since mid-September", "seit Anfang 2018"
                start, iv = outer.start(), _qualify(iv, _qword(outer), base)
        rs = _RANGE_START.search(text, max(0, start - 12), start)
        if (
            nxt
            and join
            and nxt.interval.start >= iv.start
            and (a.interval.precision == nxt.interval.precision or rs)
            and word not in ("or", "oder")  # alternatives are two dates
            and (rs or word not in ("und", "and") or _adjacent(iv, nxt.interval))
        ):
            # Spans and lists: "2009 bis 2017", "zwischen 2017 und 2019", "2018 und 2019";
            # "im Januar und September" are two dates.
            prec = max(iv.precision, nxt.interval.precision, key=_RANK.__getitem__)
            iv = DateInterval(iv.start, max(iv.end, nxt.interval.end), prec)
            start, end = (rs.start() if rs and qm is None else start), nxt.end
            inferred = inferred or nxt.inferred
            i += 1
        elif rs and not a.qualifiable:
            start = rs.start()  # "vom 27. bis 28. Februar 2019"
        weekend = _WEEKEND_OF.search(text, max(0, a.start - 25), a.start)
        if weekend and weekend.start() >= (out[-1].end if out else 0):
            start = min(start, weekend.start())  # "the weekend of Sept. 11-12"
        out.append(DateMention(text[start:end], start, end, iv, inferred))
        i += 1
    return out


def find_dates(
    text: str, *, base: datetime.date | None = None, language: str | None = None
) -> list[DateMention]:
    """All date expressions in text, in order, non-overlapping, with exact offsets; the
    text is read as one document (an article, not a passage of it).  ``language`` is the
    article's, for sentences too short to tell; both languages' forms are found."""
    lang = language if language in _PAST else None  # detected when a sentence needs it
    return _scan(text, base, ("en", "de"), lang, standalone=False)


_PREP = re.compile(
    r"(?:(?:in\s+den|in\s+the|am|im|in|on|at|ab|bis|until|by)\s+)?"
    r"(?:(?:Jahr|Jahre|year)\s+)?"
)


def parse_date(
    text: str, *, base: datetime.date | None = None, languages: Sequence[str] = ("en", "de")
) -> DateInterval:
    """Parse ONE date expression at any precision. Raises DateParseError (never anything else)
    for unreadable input.  ``languages`` restricts the month names read."""
    stripped = " ".join(str(text).split())
    lead = _PREP.match(stripped)
    offset = lead.end() if lead else 0
    langs = tuple(lang for lang in languages if lang in _MONTH_NUMBERS)
    try:
        found = _scan(stripped, base, langs, langs[0] if langs else "en", standalone=True)
    except (ValueError, KeyError, OverflowError) as exc:  # defensive: keep the contract
        raise DateParseError(f"could not read a date in {text!r}: {exc}") from None
    if len(found) == 1 and found[0].end == len(stripped) and found[0].start <= offset:
        return found[0].interval
    reason = "not one date expression"
    if base is None:
        with contextlib.suppress(DateParseError):
            parse_date(text, base=datetime.date.today(), languages=languages)
            reason = "relative or without a year: it needs a base date"
    raise DateParseError(f"could not read {text!r} as a date ({reason})")


_STOPWORDS = {
    "de": "der die das und ist nicht mit sich des den dem ein eine auch auf für von zu im sie er "
    "wurde hat sagte nach bei am",
    "en": "the and is not with of to in a an on for was were has have said by that it from at",
}
_DE_WORDS, _EN_WORDS = (
    re.compile(rf"(?i)\b(?:{_alt(_STOPWORDS[lang])})\b") for lang in ("de", "en")
)


def vote_language(text: str, margin: int = 1) -> Literal["de", "en"] | None:
    """The language whose stopwords in `text` outnumber the other's by `margin`, or None."""
    de, en = len(_DE_WORDS.findall(text)), len(_EN_WORDS.findall(text))
    return "en" if en - de >= margin else "de" if de - en >= margin else None


def detect_language(text: str) -> Literal["de", "en"]:
    """Cheap stopword vote over the first ~2000 characters; ties go to German."""
    return _vote(text[:2000]) or "de"

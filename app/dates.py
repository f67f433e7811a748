"""Date expressions (English and German) as intervals with precision and qualifier.

This is the only module that talks to dateparser.  dateparser's ``search_dates`` is not
usable on German news (it reads "die", "mit", "so" as weekdays), so candidate spans are
found here with compiled regular expressions and only those spans are normalised:
month/day names and relative phrases through a cached ``DateDataParser``, purely numeric
forms (ISO dates, ``12.06.2018``, bare years, decades) directly.

Rules worth knowing (the public contract):

* Mention spans exclude plain prepositions ("am", "im", "in", "on", "im Jahr", "der Jahre")
  but include qualifier and range words ("Anfang", "seit", "vom ... bis", "between").
* A bare year (1900-2099) is a date unless it is glued to other digits/letters
  ("Hwasong-15", "030 2018 44", "1,5") or directly followed by a quantity noun
  ("2000 Soldaten", "2000 troops") or a unit ("2018 Euro", "2000 %").
* A day or month without a year takes the year stated by an earlier mention in the same
  sentence ("am 3. März 2022 ..., im April" is April 2022), else the base year; if that
  lands more than 61 days after ``base`` it is last year's (news looks back).  In a future
  context it is the next occurrence on or after ``base`` instead: right after "bis", "ab",
  "until", "by", "next", "nächsten", "kommenden", or after a future verb earlier in the
  sentence ("will", "would", "is due/set/scheduled", "soll", "wird", "werden").
* Weekdays: the most recent such day on or before ``base`` (so "am Dienstag" in a Tuesday
  article is that day); "next"/"nächsten"/"kommenden" or a future context give the next
  one.  "Weekend" is the most recent Saturday-Sunday starting on or before ``base``.
  Compounds such as "Mittwochabend" count as the day.
* Weeks ("letzte Woche", "two weeks ago", "in zwei Wochen") are the Monday-Sunday week,
  precision "day".  "in N Tagen/Wochen/Monaten/Jahren" counts forward from ``base``.
* Qualifiers early/mid/late narrow a month to days 1-10/11-20/21-end, a year to
  Jan-Apr/May-Aug/Sep-Dec and a decade to years 0-3/4-6/7-9; the precision is kept.
  circa and before keep the interval; after extends the end to ``base`` when that is later.
  An outer circa/before/after wins over early/mid/late: "since mid-September" is after,
  starting on 11 September.
* Without ``base`` relative and yearless expressions are not found by ``find_dates`` and
  ``parse_date`` raises ``DateParseError`` for them.
"""

from __future__ import annotations

import calendar
import contextlib
import datetime
import functools
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
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
        for name in ("precision", "end_precision"):
            value = getattr(self, name)
            if value not in PRECISIONS and (name == "precision" or value is not None):
                raise ValueError(f"unknown {name} {value!r}")
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


# --------------------------------------------------------------------------- dateparser


@functools.lru_cache(maxsize=8)
def _parser(languages: tuple[str, ...], base: datetime.date | None) -> Any:
    from dateparser.date import DateDataParser  # lazy: the import costs ~0.1 s

    settings: dict[str, Any] = {"PREFER_DATES_FROM": "past", "RETURN_TIME_AS_PERIOD": False}
    if base is not None:
        settings["RELATIVE_BASE"] = datetime.datetime.combine(base, datetime.time())
    return DateDataParser(languages=list(languages), settings=settings)


@functools.lru_cache(maxsize=2048)
def _dp_absolute(expr: str, languages: tuple[str, ...]) -> tuple[datetime.date, str] | None:
    """(date, period) for a month/day-name expression; yearless ones against a leap year."""
    return _dp(expr, languages, _LEAP_BASE)


@functools.lru_cache(maxsize=4096)
def _dp_relative(expr: str, base: datetime.date) -> tuple[datetime.date, str] | None:
    """(date, period) for a canonical English relative phrase against ``base``."""
    return _dp(expr, ("en",), base)


_LEAP_BASE = datetime.date(2000, 7, 1)


def _dp(
    expr: str, languages: tuple[str, ...], base: datetime.date
) -> tuple[datetime.date, str] | None:
    try:
        data = _parser(languages, base).get_date_data(expr)
    except (ValueError, OverflowError, TypeError):  # dateparser on odd input
        return None
    obj = data.date_obj
    return (obj.date(), str(data.period)) if obj is not None else None


# --------------------------------------------------------------------------- vocabulary


def _alt(words: str) -> str:
    """Regex alternation of space-separated words, longest first."""
    return "|".join(sorted(words.split(), key=len, reverse=True))


_MONTH_WORDS = _alt(
    "Januar Jänner Februar März Maerz April Mai Juni Juli August September "
    "Oktober November Dezember January February March May June July October "
    "December"
)
_MONTH_ABBR = _alt("Jan Feb Febr Mär Mar Apr Jun Jul Aug Sep Sept Okt Oct Nov Dez Dec")
_MONTH = rf"(?:(?:{_MONTH_ABBR})\.|(?:{_MONTH_WORDS})\b)"
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
_WEEKDAY = _alt(" ".join(_WEEKDAYS))
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
_NUM = rf"(?:\d{{1,2}}|{_alt(' '.join(_NUMBERS))})"
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
_LAST = r"(?i:letzte[nsm]?|vergangene[nsm]?|vorige[nsm]?|last|past)"
_THIS = r"(?i:diese[nsm]?|laufende[nsm]?|this)"
_NEXT = r"(?i:nächste[nsm]?|kommende[nsm]?|next|coming)"
_WDAY_PREFIX = rf"(?:(?:{_WEEKDAY}),?\s+(?:(?:den|the)\s+)?)?"  # "Dienstag, 12. Juni 2018"

# Atoms, leftmost-first: longer forms before the forms they contain.
_ATOM = re.compile(
    r"(?<![\w.,/])(?:(?<!-)|(?<=mid-)|(?<=Mid-))(?:"
    rf"(?P<yr>{_YEAR}\s*[-–/]\s*{_YEAR}|(?:1\d|20)\d\d/\d\d)(?![\w/-])"
    rf"|(?P<iso>\d{{4}}-\d\d-\d\d)(?![\w-])"
    rf"|(?P<isom>\d{{4}}-(?:0[1-9]|1[0-2]))(?![\w-])"
    rf"|(?P<num>{_DAY}\.(?:1[0-2]|0?[1-9])\.\d{{4}})(?!\d)"
    rf"|(?P<ddr>{_DAY}\.?\s*(?:-|–|bis|und|and|to)\s*{_DAY}\.?\s+(?:of\s+)?{_MONTH}"
    rf"(?:,?\s+{_YEAR})?)"
    rf"|(?P<mdr>{_MONTH}\s+{_DAY}(?:st|nd|rd|th)?\s*(?:-|–|and|to)\s*{_DAY}(?:st|nd|rd|th)?"
    rf"(?:,?\s+{_YEAR})?)"
    rf"|(?P<dmy>{_WDAY_PREFIX}{_DAY}(?:\.|st|nd|rd|th)?\s+(?:of\s+)?{_MONTH}(?:,?\s+{_YEAR})?)"
    rf"|(?P<mdy>{_WDAY_PREFIX}{_MONTH}\s+{_DAY}(?:st|nd|rd|th)?(?:,?\s+{_YEAR})?)"
    rf"|(?P<my>{_MONTH}\s+{_YEAR})"
    rf"|(?P<mon>{_MONTH})"
    rf"|(?P<dec>(?:the\s+)?(?:(?:1\d|20)\d0s|'\d0s|(?:1\d|20)\d0(?:er(?:n\b|-?\s?Jahren?)?)))"
    rf"|(?P<decw>(?:the\s+)?(?:{'|'.join(_DECADE_WORDS)})\b|"
    rf"(?:{'|'.join(w.title() for w in _DECADE_WORDS)})(?:jahren?|n)?\b)(?:\s+Jahren?)?"
    rf"|(?P<year>{_YEAR})"
    rf"|(?P<ago>(?:(?i:vor)\s+(?P<n1>{_NUM})\s+(?P<u1>Jahren|Jahr|Monaten|Monat|Wochen|Woche|Tagen|Tag)\b)"
    rf"|(?:(?P<n2>{_NUM})\s+(?P<u2>years?|months?|weeks?|days?)\s+(?i:ago)\b)"
    rf"|(?:(?P<in>(?i:in))\s+(?P<n3>{_NUM})\s+(?P<u3>Jahren|Monaten|Wochen|Tagen|years?|months?|"
    rf"weeks?|days?)\b))"
    rf"|(?P<rel>(?P<rm>{_LAST}|{_THIS}|{_NEXT})\s+(?P<ru>Jahr(?:es)?|Monat(?:s)?|Woche|"
    rf"year|month|week)\b)"
    rf"|(?P<vorj>Vorjahr(?:es)?|Vormonat(?:s)?|Vorwoche)\b"
    rf"|(?P<qrel>(?:des|the)\s+(?:Jahres|Monats|year|month)\b)(?!\s+\d)"
    rf"|(?P<day>(?i:vorgestern|gestern|heute|yesterday|today|tomorrow)|morgen)\b"
    rf"|(?P<wend>(?:(?P<wm>{_LAST}|{_THIS}|{_NEXT})\s+|the\s+)?(?:Wochenende|weekend)\b)"
    rf"|(?P<wd>(?:(?P<dm>{_LAST}|{_THIS}|{_NEXT})\s+)?(?P<wdn>{_WEEKDAY})"
    r"(?:abend|morgen|nachmittag|vormittag|mittag|nacht)?\b)"
    r")"
)
_QUAL = re.compile(
    r"(?<![\w-])(?P<q>Anfang|Mitte|Ende|[Ee]arly|[Mm]id|[Ll]ate|(?:the\s+)?(?:end|beginning|"
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
_RANGE_START = re.compile(r"(?<!\w)(?:von|vom|zwischen|between|from)\s+$", re.IGNORECASE)
_JOIN = re.compile(r"\s*(?:-|–|—|bis(?:\s+zum)?|und|and|to|through|or|oder)\s*")
_FUTURE = re.compile(  # right before the mention (a qualifier may sit in between)
    r"(?<!\w)(?:bis|ab|until|till|by|next|nächsten|kommenden)\s+(?:(?:zum|zur|dem|den|the|"
    r"spätestens)\s+)?(?:(?:Anfang|Mitte|Ende|early|mid|late|(?:the\s+)?end\s+of)[\s-]+)?$",
    re.IGNORECASE,
)
_QUANTITY = re.compile(
    r"\s*(?:%|Prozent|percent|Euro|Dollar|€|\$|Franken|Pfund|Kilometer|km|Meter|Tonnen|"
    r"Soldaten|Menschen|Personen|Leute|Einwohner|Mitarbeiter|Beschäftigte|Stimmen|Fälle|"
    r"Tote|Opfer|Flüchtlinge|Migranten|Polizisten|Kinder|Frauen|Männer|Häuser|Wohnungen|"
    r"Stück|Mal|soldiers|troops|people|persons|residents|workers|employees|votes|cases|"
    r"dead|deaths|victims|refugees|migrants|police|children|women|men|homes|times|miles|"
    r"euros?|dollars?|pounds?|tons?|tonnes)\b"
)
_YEAR_BAD_BEFORE = re.compile(
    r"(?:\d[\s.]?|Nr\.|No\.|Seite|page|Artikel|article|§|Paragraf|"
    r"Paragraph|Nummer|number|Kapitel|chapter|Flug|flight)\s*$"
)
_MONTH_CONTEXT = re.compile(  # a bare month name needs one of these ("May" is also a name)
    r"(?<!\w)(?:im|in|seit|bis|ab|vor|nach|since|until|by|before|after|Anfang|Mitte|Ende|early|"
    r"mid|late|of|von|vom|from|last|letzten|vergangenen)[\s-]+$",
    re.IGNORECASE,
)
_FUTURE_CLAUSE = re.compile(  # a future verb earlier in the same sentence: "will take office in"
    r"(?<!\w)(?:will|would|is\s+due|are\s+due|is\s+set|are\s+set|is\s+scheduled|soll|sollen|"
    r"wird|werden)(?!\w)[^.!?]*$"
)
_SENTENCE_END = re.compile(r"[.!?]\s+[A-ZÄÖÜ„\"]")
_RANK = {p: i for i, p in enumerate(PRECISIONS)}


@dataclass(slots=True)
class _Atom:
    start: int
    end: int
    interval: DateInterval
    qualifiable: bool = True  # False for day ranges, which carry their own structure


def _month_day(expr: str, languages: tuple[str, ...]) -> tuple[int, int, str] | None:
    got = _dp_absolute(expr, languages)
    return None if got is None else (got[0].month, got[0].day, got[1])


def _pick_year(month: int, day: int, base: datetime.date, future: bool) -> int:
    """The tense rule for a day/month without a year (see the module docstring)."""
    y = base.year
    first = datetime.date(y, month, min(max(day, 1), 28))
    if future:
        last = datetime.date(y, month, calendar.monthrange(y, month)[1]) if day == 0 else first
        return y + 1 if last < base else y
    return y - 1 if (first - base).days > 61 else y


def _named(
    expr: str,
    base: datetime.date | None,
    langs: tuple[str, ...],
    future: bool,
    has_year: bool,
    anchor: int | None,
) -> DateInterval | None:
    """A month-name expression ("12. Juni 2018", "Aug. 9", "Juli") via dateparser."""
    got = _month_day(expr, langs)
    if got is None:
        return None
    month, day, period = got
    if has_year:
        full = _dp_absolute(expr, langs)
        assert full is not None
        year = full[0].year
    elif anchor is not None and not future:
        year = anchor
    elif base is None:
        return None
    else:
        year = _pick_year(month, day if period == "day" else 0, base, future)
    if period != "day":
        s, e = _unit(datetime.date(year, month, 1), "month")
        return DateInterval(s, e, "month")
    try:
        d = datetime.date(year, month, day)
    except ValueError:
        return None
    return DateInterval(d, d, "day")


def _atom_interval(
    m: re.Match[str],
    text: str,
    base: datetime.date | None,
    langs: tuple[str, ...],
    standalone: bool,
    anchor: int | None = None,
) -> DateInterval | None:
    kind, s = m.lastgroup or "", m.group()
    future = bool(
        _FUTURE.search(text, max(0, m.start() - 30), m.start())
        or _FUTURE_CLAUSE.search(text, max(0, m.start() - 80), m.start())
    )
    if kind in ("iso", "num"):
        parts = [int(p) for p in re.split(r"[-.]", s)]
        y, mo, d = parts if kind == "iso" else parts[::-1]
        try:
            day = datetime.date(y, mo, d)
        except ValueError:
            return None
        return DateInterval(day, day, "day")
    if kind == "yr":
        y1 = int(s[:4])
        y2 = y1 // 100 * 100 + int(s[-2:]) if s[-3] == "/" else int(s[-4:])  # "2019/20"
        if not (1900 <= y1 < y2 <= 2099) or (s[-3] == "/" and y2 != y1 + 1):
            return None
        return DateInterval(datetime.date(y1, 1, 1), datetime.date(y2, 12, 31), "year")
    if kind == "isom":
        a, b = _unit(datetime.date(int(s[:4]), int(s[5:7]), 1), "month")
        return DateInterval(a, b, "month")
    if kind in ("dmy", "mdy", "my", "mon"):
        if kind == "mon" and not standalone:
            before = text[max(0, m.start() - 12) : m.start()]
            if not _MONTH_CONTEXT.search(before):
                return None
        expr = re.sub(rf"^{_WDAY_PREFIX}", "", s)
        return _named(expr, base, langs, future, re.search(_YEAR + "$", s) is not None, anchor)
    if kind in ("ddr", "mdr"):
        d1, d2 = (int(x) for x in re.findall(r"(?<!\d)\d{1,2}(?!\d)", s)[:2])
        rest = re.search(_MONTH + r".*", s)
        assert rest is not None
        tail = (
            rest.group()
            if kind == "ddr"
            else re.sub(r"\s+\d+\w*\s*(?:-|–|and|to)\s*\d+", f" {d2}", s)
        )
        if kind == "ddr":
            tail = f"{d2}. {tail}" if "." in s[: s.find(rest.group())] else f"{d2} {tail}"
        right = _named(tail, base, langs, future, re.search(_YEAR + "$", s) is not None, anchor)
        if right is None or d1 >= d2:
            return None
        return DateInterval(right.start.replace(day=d1), right.end, "day")
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
        return DateInterval(datetime.date(y, 1, 1), datetime.date(y + 9, 12, 31), "decade")
    if kind == "year":
        if not standalone and (
            _QUANTITY.match(text, m.end())
            or re.match(r"[.,/]\d|\s+\d|-\w", text[m.end() :])
            or _YEAR_BAD_BEFORE.search(text, max(0, m.start() - 12), m.start())
        ):
            return None
        y = int(s)
        if not 1900 <= y <= 2099:
            return None
        return DateInterval(datetime.date(y, 1, 1), datetime.date(y, 12, 31), "year")
    return None if base is None else _relative(m, base, future)


def _relative(m: re.Match[str], base: datetime.date, future: bool) -> DateInterval | None:
    kind, g = m.lastgroup, m.group
    unit, phrase = "day", ""
    if kind == "ago":
        n = g("n1") or g("n2") or g("n3")
        num = int(n) if n.isdigit() else _NUMBERS[n.lower()]
        unit = {"j": "year", "m": "month", "w": "week", "t": "day", "y": "year", "d": "day"}[
            (g("u1") or g("u2") or g("u3"))[0].lower()
        ]
        phrase = f"in {num} {unit}s" if g("in") else f"{num} {unit}s ago"
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
        got = _dp_relative(calendar.day_name[wd], base)
        if got is None:
            return None
        d = got[0]  # dateparser: the last such day strictly before base
        past, nxt = mod in ("let", "ver", "vor", "las", "pas"), mod in ("näc", "kom", "nex", "com")
        if (base - d).days == 7 and not past:
            d = base
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


def _qword(m: re.Match[str]) -> Qualifier:
    words = m.group("q").lower().split()
    return _QMAP[words[-2 if "of" in words else -1]]


def _qualify(iv: DateInterval, q: Qualifier, base: datetime.date | None) -> DateInterval:
    s, e, p = iv.start, iv.end, iv.precision
    if q in ("early", "mid", "late") and p != "day":
        idx = ("early", "mid", "late").index(q)
        if p == "month":
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


def _scan(
    text: str, base: datetime.date | None, langs: tuple[str, ...], standalone: bool
) -> list[DateMention]:
    atoms: list[_Atom] = []
    anchor: int | None = None  # the year of the last mention in the same sentence
    for m in _ATOM.finditer(text):
        if m.lastgroup == "qrel" and not _QUAL.search(text, max(0, m.start() - 30), m.start()):
            continue
        if anchor is not None and _SENTENCE_END.search(text, atoms[-1].end, m.start()):
            anchor = None
        try:
            iv = _atom_interval(m, text, base, langs, standalone, anchor)
        except (ValueError, OverflowError):  # e.g. "nächste Woche" with base 9999-12-31
            iv = None
        if iv is not None:
            atoms.append(_Atom(m.start(), m.end(), iv, m.lastgroup not in ("ddr", "mdr")))
            stated = iv.precision == "year" or re.search(r"\d{4}", m.group()) is not None
            anchor = iv.start.year if stated and iv.start.year == iv.end.year else None
    out: list[DateMention] = []
    i = 0
    while i < len(atoms):
        a = atoms[i]
        start, end, iv = a.start, a.end, a.interval
        nxt = atoms[i + 1] if i + 1 < len(atoms) else None
        qm = _QUAL.search(text, max(0, a.start - 30), a.start) if a.qualifiable else None
        if qm:
            start, iv = qm.start(), _qualify(iv, _qword(qm), base)
            outer = _QUAL.search(text, max(0, start - 12), start)
            if (
                iv.qualifier in ("early", "mid", "late")
                and outer
                and _qword(outer) in ("circa", "before", "after")
            ):  # "since mid-September", "seit Anfang 2018"
                start, iv = outer.start(), _qualify(iv, _qword(outer), base)
        rs = _RANGE_START.search(text, max(0, start - 12), start)
        if (
            nxt
            and _JOIN.fullmatch(text, a.end, nxt.start)
            and nxt.interval.start >= iv.start
            and (a.interval.precision == nxt.interval.precision or rs)
        ):
            # Spans and lists: "2009 bis 2017", "zwischen 2017 und 2019", "2018 und 2019".
            prec = max(iv.precision, nxt.interval.precision, key=_RANK.__getitem__)
            iv = DateInterval(iv.start, max(iv.end, nxt.interval.end), prec)
            start, end = (rs.start() if rs and qm is None else start), nxt.end
            i += 1
        elif rs and not a.qualifiable:
            start = rs.start()  # "vom 27. bis 28. Februar 2019"
        out.append(DateMention(text[start:end], start, end, iv))
        i += 1
    return out


def _langs(language: str | None) -> tuple[str, ...]:
    return ("en", "de") if language is None else (language,)


def find_dates(
    text: str, *, base: datetime.date | None = None, language: str | None = None
) -> list[DateMention]:
    """All date expressions in text, in order, non-overlapping, with exact offsets."""
    return _scan(text, base, _langs(language), standalone=False)


_PREP = re.compile(
    r"(?:(?:in\s+den|in\s+the|am|im|in|on|at|ab|bis|until|by)\s+)?"
    r"(?:(?:Jahr|Jahre|year)\s+)?"
)


def parse_date(
    text: str, *, base: datetime.date | None = None, languages: Sequence[str] = ("en", "de")
) -> DateInterval:
    """Parse ONE date expression at any precision. Raises DateParseError (never anything else)
    for unreadable input."""
    stripped = " ".join(str(text).split())
    lead = _PREP.match(stripped)
    offset = lead.end() if lead else 0
    try:
        found = _scan(stripped, base, tuple(languages), standalone=True)
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


_DE_WORDS = frozenset(
    _alt(
        "der die das und ist nicht mit sich des den dem ein eine auch auf für "
        "von zu im sie er wurde hat sagte nach bei"
    ).split("|")
)
_EN_WORDS = frozenset(
    _alt(
        "the and is not with of to in a an on for was were has have said by that it from at"
    ).split("|")
)


def detect_language(text: str) -> Literal["de", "en"]:
    """Cheap stopword vote over the first ~2000 characters; ties go to German."""
    words = re.findall(r"[a-zäöüß]+", text[:2000].lower())
    de = sum(w in _DE_WORDS for w in words)
    en = sum(w in _EN_WORDS for w in words)
    return "en" if en > de else "de"

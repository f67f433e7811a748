"""Splitting an article into passages with exact character offsets into the original text.

The text is never changed: every passage is a (start, end) span of it.

* A paragraph ends at a blank line and, in most news text, at every line break (headings,
  list items and paragraphs each on one line). A line break inside a sentence does not end
  one: the next line starts in lower case, or the text is hard-wrapped (blank lines between
  paragraphs, lines of at most WRAP_WIDTH characters) and the line neither ends a sentence
  nor is short (a heading) nor is followed by a list item.
* A paragraph longer than `max_chars` is cut at sentence boundaries into pieces of at most
  `max_chars` (a single longer sentence is cut at white space).
* Sentence boundaries: `.`, `!`, `?` (and closing quotes or brackets) before white space
  and a capital, digit or quote, unless the word before is an abbreviation ("Dr.", "z. B.",
  "Nr.", an initial) or a German ordinal ("am 27. April"; not a day after its month, "on
  June 9. On May 27"); and a full stop glued to a capitalised word ("Satz.Der") when the
  word before has at least two letters ("U.S.", "z.B.", "1.5", "12.06.2018" and URLs are
  not boundaries).
"""

import re

DEFAULT_MAX_CHARS = 1500
SHORT_LINE = 50  # in hard-wrapped text a shorter line without end punctuation is a heading
WRAP_WIDTH = 100

_LINE = re.compile(r"[^\n]*\n?")
_BULLET = re.compile(r"\s*(?:[-*•–·▪]|\d{1,3}[.)])\s+")
_ENDS_SENTENCE = re.compile(r"[.!?:;\"'“”»«)\]]\s*$")
_URL = re.compile(r"(?:https?://|www\.)\S+|\b[\w-]+(?:\.[\w-]+)+/\S*|\S+@\S+\.\w+")
_SPACED = re.compile(r"(?<=[.!?])[\"'”“»«)\]]*(\s+)(?=[\"'„“»«(\[]?[A-ZÄÖÜ0-9])")
_ORDINAL = re.compile(r"(?<!\d)\d{1,2}\.$")
# a day after its month ends an English date, no German ordinal: "on June 9. On May 27"
_MONTH_DAY = re.compile(
    r"\b(?:jan|feb|mar|apr|may|jun|jul|aug|sept?|oct|nov|dec)[a-z]*\.?\s+\d{1,2}\.$", re.I
)
_GLUED = re.compile(r"(?<=[a-zäöüß]{2}[.!?])(?=[A-ZÄÖÜ][a-zäöüß])")
ABBREVIATIONS = frozenset(
    [
        "dr",
        "prof",
        "nr",
        "no",
        "mr",
        "mrs",
        "ms",
        "st",
        "vs",
        "bzw",
        "ca",
        "etc",
        "usw",
        "z",
        "b",
        "d",
        "h",
        "u",
        "a",
        "vgl",
        "sog",
        "gen",
        "jan",
        "feb",
        "febr",
        "mär",
        "apr",
        "jun",
        "jul",
        "aug",
        "sep",
        "sept",
        "okt",
        "oct",
        "nov",
        "dez",
        "dec",
        "jr",
        "sr",
        "inc",
        "ltd",
        "co",
        "corp",
        "gov",
        "sen",
        "rep",
        "gen",
        "lt",
        "col",
        "capt",
        "bd",
        "abs",
        "art",
        "ziff",
        "s",
        "str",
        "tel",
        "mio",
        "mrd",
    ]
)


def _trim(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end


def _hard_wrapped(text: str, lines: list[tuple[int, int]]) -> bool:
    lengths = [len(text[s:e].strip()) for s, e in lines]
    filled = [n for n in lengths if n]
    return 0 in lengths and len(filled) >= 3 and max(filled) <= WRAP_WIDTH


def _continues(text: str, content: str, following: tuple[int, int], wrapped: bool) -> bool:
    """Whether the paragraph goes on into the following line."""
    if _BULLET.match(text, following[0]) or _ENDS_SENTENCE.search(content):
        return False
    first = text[following[0] : following[1]].lstrip()[:1]
    return first.islower() or (wrapped and len(content) >= SHORT_LINE)


def paragraphs(text: str) -> list[tuple[int, int]]:
    """(start, end) of each paragraph, white space trimmed."""
    spans: list[tuple[int, int]] = []
    start: int | None = None
    lines = [m.span() for m in _LINE.finditer(text) if m.end() > m.start()]
    wrapped = _hard_wrapped(text, lines)
    for index, (line_start, line_end) in enumerate(lines):
        content = text[line_start:line_end].strip()
        if not content:
            if start is not None:
                spans.append(_trim(text, start, line_start))
                start = None
            continue
        if start is None:
            start = line_start
        following = lines[index + 1] if index + 1 < len(lines) else None
        if following is None or not _continues(text, content, following, wrapped):
            spans.append(_trim(text, start, line_end))
            start = None
    return [span for span in spans if span[0] < span[1]]


def sentence_ends(text: str, start: int = 0, end: int | None = None) -> list[int]:
    """Offsets where a sentence ends (before the white space that follows it)."""
    end = len(text) if end is None else end
    protected = [m.span() for m in _URL.finditer(text, start, end)]
    found = []
    for match in _SPACED.finditer(text, start, end):
        cut = match.start(1)
        # a one-letter word is an initial ("U.S."), not the end of "the 1990s."
        word = re.search(
            r"(?<!\d)([^\W\d_]+)[.!?]?[\"'”“»«)\]]*$", text[max(start, cut - 20) : cut]
        )
        if word and (len(word.group(1)) == 1 or word.group(1).casefold() in ABBREVIATIONS):
            continue
        if _ORDINAL.search(text, max(start, cut - 4), cut) and not _MONTH_DAY.search(
            text, max(start, cut - 16), cut
        ):  # "am 27. April", "der 2. Weltkrieg"
            continue
        found.append(cut)
    found += [m.start() for m in _GLUED.finditer(text, start, end)]
    return sorted(
        cut for cut in set(found) if not any(a < cut < b for a, b in protected) and cut < end
    )


def _pieces(text: str, start: int, end: int, max_chars: int) -> list[tuple[int, int]]:
    """Cuts a long paragraph at sentence ends into pieces of at most max_chars."""
    if end - start <= max_chars:
        return [(start, end)]
    out: list[tuple[int, int]] = []
    cuts = sentence_ends(text, start, end)
    piece_start = start
    while end - piece_start > max_chars:
        limit = piece_start + max_chars
        inside = [c for c in cuts if piece_start < c <= limit]
        if inside:
            cut = inside[-1]
        else:  # one sentence longer than max_chars: cut at the last white space
            space = text.rfind(" ", piece_start + 1, limit)
            cut = space if space > piece_start else limit
        out.append(_trim(text, piece_start, cut))
        piece_start = _trim(text, cut, end)[0]
    out.append(_trim(text, piece_start, end))
    return [span for span in out if span[0] < span[1]]


def split_passages(text: str, max_chars: int = DEFAULT_MAX_CHARS) -> list[tuple[int, int]]:
    """(start, end) of each passage: paragraphs, long ones cut at sentence boundaries."""
    return [
        piece for start, end in paragraphs(text) for piece in _pieces(text, start, end, max_chars)
    ]

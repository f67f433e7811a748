"""How well ingestion reads hand-annotated news texts: dates, links, proposals, speed.

Run from the repo root: ``python -m bench.eval_ingest [--path DIR] [--json] [--verbose]``.

Every ``NAME.txt`` in DIR (default tests/data/ingest_eval/) is an article; ``NAME.yaml``
beside it holds its metadata and its hand annotations (format in that directory's
README.md). All articles go, one transaction each and in name order, through
`app.ingest.service.ingest_once` (the code path of POST /articles and `timeline ingest`)
into a fresh migrated SQLite file holding the seed corpus. Then what was stored is
compared with the annotations. Spans are character offsets into the article; two spans
overlap when they share at least one character.

* dates: an annotated expression is read right when a stored date mention overlaps its
  span with the same start, end and precision (the qualifier is not compared).
  ``date_accuracy`` = read right / annotated (expressions marked ``optional`` are not
  counted). ``spurious_dates``: mentions that overlap no annotated expression.
* links (event_link rows to published events): a link from a passage is right when an
  event annotated in that passage (its quote overlaps the passage) is that event, or
  names it under ``also``. ``link_precision`` = right / links; ``link_recall`` = annotated
  (passage, existing event) pairs that got their link / all such pairs, leaving out events
  marked ``optional`` (references with no date of their own: right when linked, not owed).
* a proposal (an event of status ``proposed``) matches an annotated event when one of its
  sources' spans (or, when it cites no source in these articles, the passages linked to
  it) overlaps the annotated quote and the proposal's date has the annotated
  start and end; or lies within the annotated date while the proposal matches another
  report of the same real event (``key``) with that date exactly: one proposal takes
  the most precise date of its reports ("im September 2017" cited by the proposal
  dated "3. September 2017"). ``proposal_recall`` = annotated new events marked
  ``propose: true`` that some proposal matches / all of them (an event reported by two
  articles counts twice).
* ``hiding_links``: links from a passage holding an annotated new event (``propose:
  true``) that no proposal matches, to an event whose interval overlaps that event's date:
  the link stands where the new event should have been proposed.
* ``junk_proposals``: proposals none of whose sources overlaps an annotated event
  (datelines, bylines, credits, "updated" stamps and date headings are never annotated
  as events, so whatever is proposed from them alone is junk).
  ``wrong_date_proposals``: proposals that overlap annotated events but match none.
  ``existing_proposals``: proposals matching an event annotated as an existing one.
  ``kind_accuracy``: of the proposals matching a new event annotated with its possible
  kinds (app/vocabulary.py; ``unclassified`` is right only where ``other`` is), those
  whose kind is one of them.
* ``duplicate_proposals``: every real event (an existing id, or a new event's ``key``,
  shared by the articles that report it) is owed at most one proposal; each further
  proposal tied to it is a duplicate. A proposal is tied to the events it matches, or when
  it matches none, to the annotated events its sources overlap whose dates overlap its
  date (the same event at another precision; one with an unrelated date is only wrong).
* ``articles_per_second``: articles / seconds spent in `ingest_once` (setup excluded).
"""

from __future__ import annotations

import argparse
import datetime
import json
import sys
import tempfile
import time
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml
from sqlmodel import Session, col, select

from app import schema, seeds
from app.config import PROJECT_ROOT, Settings
from app.dates import find_dates
from app.db import dispose_engines, get_engine, session_scope
from app.ingest.service import ArticleCreate, ingest_once
from app.models import DateMention, Event, EventLink, Passage, Source
from app.vocabulary import EVENT_KINDS

DEFAULT_DIR = PROJECT_ROOT / "tests" / "data" / "ingest_eval"
PRECISIONS = ("day", "month", "year", "decade")
DATE_KEYS = frozenset({"text", "value", "optional"})
EVENT_KEYS = frozenset({"quote", "date", "event", "key", "kind", "propose", "also", "optional"})

Span = tuple[int, int]
Value = tuple[datetime.date, datetime.date, str]


@dataclass(frozen=True)
class GoldDate:
    text: str
    span: Span
    value: Value
    optional: bool


@dataclass(frozen=True)
class GoldEvent:
    quote: str
    span: Span
    date: tuple[datetime.date, datetime.date]
    event: str  # an existing event's id, or "new"
    key: str  # the real event: the existing id, or the new event's key
    propose: bool
    also: frozenset[str]
    kinds: frozenset[str]  # of a new event: the kinds a proposal may rightly carry
    optional: bool  # of an existing event: a link to it is right but not required

    @property
    def is_new(self) -> bool:
        return self.event == "new"


@dataclass
class GoldArticle:
    name: str
    text: str
    meta: dict[str, Any]
    dates: list[GoldDate]
    events: list[GoldEvent]


@dataclass
class Stored:
    """What ingestion stored for one article, as spans into its text."""

    passages: dict[int, Span] = field(default_factory=dict)
    dates: list[tuple[Span, Value]] = field(default_factory=list)
    links: list[tuple[int, str]] = field(default_factory=list)  # (passage id, event id)


@dataclass(frozen=True)
class Proposal:
    id: str
    kind: str
    date: tuple[datetime.date, datetime.date]
    sources: tuple[tuple[str, Span], ...]  # (article name, span)


class AnnotationError(ValueError):
    """An annotation that does not fit its text; the message names the file and entry."""


def overlaps(a: Span, b: Span) -> bool:
    return a[0] < b[1] and b[0] < a[1]


def locate(text: str, needle: str, start: int) -> int:
    """The first occurrence of `needle` at or after `start` not inside a longer word or number."""
    at = text.find(needle, start)
    while at >= 0:
        before = text[at - 1] if at else " "
        after = text[at + len(needle)] if at + len(needle) < len(text) else " "
        if not (needle[0].isalnum() and before.isalnum()) and not (
            needle[-1].isalnum() and after.isalnum()
        ):
            return at
        at = text.find(needle, at + 1)
    return -1


def _unit(text: str) -> tuple[datetime.date, datetime.date, str]:
    """The first day, last day and precision of "2018", "2018-06" or "2018-06-12"."""
    parts = [int(p) for p in text.split("-")]
    if len(parts) == 1:
        return datetime.date(parts[0], 1, 1), datetime.date(parts[0], 12, 31), "year"
    if len(parts) == 2:
        first = datetime.date(parts[0], parts[1], 1)
        last = (first + datetime.timedelta(days=31)).replace(day=1) - datetime.timedelta(days=1)
        return first, last, "month"
    day = datetime.date(*parts)
    return day, day, "day"


def parse_value(raw: Any) -> Value:
    """An annotated value: "2018-06-12", "2018-06", "2018", a range of two of one
    precision joined by ".." ("1950..1953", "2018-03-05..2018-03-06"), or a mapping
    {start, end, precision} (decades)."""
    if isinstance(raw, dict):
        start, end = (datetime.date.fromisoformat(str(raw[k])) for k in ("start", "end"))
        precision = str(raw["precision"])
    else:
        first, _, last = str(raw).partition("..")
        start, _, precision = _unit(first)
        _, end, last_precision = _unit(last or first)
        if last_precision != precision:
            raise ValueError(f"{raw!r}: both ends need the same precision")
    if start > end or precision not in PRECISIONS:
        raise ValueError(f"{raw!r}: not an interval")
    return start, end, precision


def _value(raw: Any, where: str) -> Value:
    try:
        return parse_value(raw)
    except (KeyError, TypeError, ValueError) as error:
        raise AnnotationError(f"{where}: {error}") from error


def _check_keys(entry: dict[str, Any], allowed: frozenset[str], where: str) -> None:
    """Refuses unknown keys: an unquoted comma in a flow mapping makes one silently."""
    if unknown := set(entry) - allowed:
        raise AnnotationError(f"{where}: unknown keys {sorted(map(str, unknown))}")


def read_article(txt: Path) -> GoldArticle:
    """One article and its annotations, every span located in the text (in list order)."""
    text = txt.read_text(encoding="utf-8")
    meta = yaml.safe_load(txt.with_suffix(".yaml").read_text(encoding="utf-8"))
    name = txt.stem
    dates, events = [], []
    cursor = 0
    for n, entry in enumerate(meta.get("dates") or []):
        where = f"{name}.yaml dates[{n}] {entry.get('text')!r}"
        _check_keys(entry, DATE_KEYS, where)
        needle = str(entry["text"])  # YAML reads an unquoted 2018-06-12 as a date
        at = locate(text, needle, cursor)
        if at < 0:
            raise AnnotationError(f"{where}: not in the text after offset {cursor}")
        cursor = at + len(needle)
        value = _value(entry["value"], where)
        dates.append(GoldDate(needle, (at, cursor), value, bool(entry.get("optional"))))
    cursor = 0
    for n, entry in enumerate(meta.get("events") or []):
        where = f"{name}.yaml events[{n}] {entry.get('quote')!r}"
        _check_keys(entry, EVENT_KEYS, where)
        quote = str(entry["quote"])
        at = locate(text, quote, cursor)
        if at < 0:
            raise AnnotationError(f"{where}: not in the text after offset {cursor}")
        cursor = at
        start, end, _ = _value(entry["date"], where)
        event = str(entry["event"])
        if event == "new" and ("propose" not in entry or "optional" in entry):
            raise AnnotationError(f"{where}: a new event says `propose`, never `optional`")
        kinds = entry.get("kind") or []
        kinds = frozenset([kinds] if isinstance(kinds, str) else kinds)
        if unknown := kinds - set(EVENT_KINDS):
            raise AnnotationError(f"{where}: kinds {sorted(unknown)} are not in app/vocabulary.py")
        events.append(
            GoldEvent(
                quote=quote,
                span=(at, at + len(quote)),
                date=(start, end),
                event=event,
                key=event if event != "new" else str(entry.get("key") or f"{name}#{n}"),
                propose=bool(entry.get("propose")),
                also=frozenset(entry.get("also") or []),
                kinds=kinds | ({"unclassified"} if "other" in kinds else set()),
                optional=bool(entry.get("optional")),
            )
        )
    return GoldArticle(name, text, meta, dates, events)


def read_set(directory: Path) -> list[GoldArticle]:
    return [read_article(p) for p in sorted(Path(directory).glob("*.txt"))]


@dataclass
class Run:
    stored: dict[str, Stored]
    proposals: list[Proposal]
    intervals: dict[str, tuple[datetime.date, datetime.date]]  # of every linked event
    seconds: float = 0.0


def ingest_all(articles: list[GoldArticle]) -> Run:
    """Ingests the articles into a fresh seeded SQLite file; what was stored, and seconds."""
    with tempfile.TemporaryDirectory() as directory:
        url = f"sqlite:///{Path(directory) / 'eval.db'}"
        schema.upgrade(url)
        engine = get_engine(url)
        with session_scope(engine) as session:
            seeds.load(session, PROJECT_ROOT / "seeds")
        settings = Settings(database_url=url)
        for language in ("de", "en"):  # dateparser's first call per language loads its data
            find_dates("2. März 2018, March 2, 2018", language=language)
        ids: dict[str, str] = {}
        seconds = 0.0
        for article in articles:
            meta = article.meta
            body = ArticleCreate(
                text=article.text,
                title=meta.get("title"),
                published=None if meta.get("published") is None else str(meta["published"]),
                outlet=meta.get("outlet"),
                author=meta.get("author"),
                language=meta.get("language"),
            )
            started = time.perf_counter()
            with session_scope(engine) as session:
                answer, _ = ingest_once(session, settings, body)
            seconds += time.perf_counter() - started
            ids[answer["article"]["id"]] = article.name
        with Session(engine) as session:
            run = _stored(session, ids)
        dispose_engines(url)
    run.seconds = seconds
    return run


def _stored(session: Session, names: dict[str, str]) -> Run:
    found = {name: Stored() for name in names.values()}
    owner: dict[int, str] = {}
    for passage in session.exec(
        select(Passage).where(col(Passage.article_id).in_(list(names)))
    ).all():
        assert passage.id is not None
        owner[passage.id] = names[passage.article_id]
        found[owner[passage.id]].passages[passage.id] = (passage.start, passage.end)
    for mention in session.exec(
        select(DateMention).where(col(DateMention.passage_id).in_(list(owner)))
    ).all():
        value = (mention.date_start, mention.date_end, mention.precision)
        found[owner[mention.passage_id]].dates.append(((mention.start, mention.end), value))
    intervals = {}
    dates: dict[str, tuple[datetime.date, datetime.date]] = {}
    kinds: dict[str, str] = {}
    linked_from: dict[str, list[tuple[str, Span]]] = defaultdict(list)
    for link, event in session.exec(
        select(EventLink, Event)
        .join(Event, col(Event.id) == col(EventLink.event_id))
        .where(col(EventLink.passage_id).in_(list(owner)))
    ).all():
        name = owner[link.passage_id]
        if event.status == "published":
            found[name].links.append((link.passage_id, link.event_id))
            intervals[event.id] = (event.date_start, event.date_end)
        elif event.status == "proposed":
            dates[event.id] = (event.date_start, event.date_end)
            kinds[event.id] = event.kind
            linked_from[event.id].append((name, found[name].passages[link.passage_id]))
    sources: dict[str, list[tuple[str, Span]]] = defaultdict(list)
    for source, event in session.exec(
        select(Source, Event)
        .join(Event, col(Event.id) == col(Source.event_id))
        .where(col(Event.status) == "proposed", col(Event.deleted_at).is_(None))
    ).all():
        dates[event.id] = (event.date_start, event.date_end)
        kinds[event.id] = event.kind
        if source.passage_id in owner:
            sources[event.id].append((owner[source.passage_id], (source.start, source.end)))
    for event_id, passages in linked_from.items():  # a proposal citing no source of ours
        sources.setdefault(event_id, passages)
    proposals = [
        Proposal(i, kinds[i], dates[i], tuple(sorted(s))) for i, s in sorted(sources.items())
    ]
    return Run(found, proposals, intervals)


@dataclass
class Report:
    figures: dict[str, float]
    notes: list[str]


def evaluate(directory: str | Path = DEFAULT_DIR) -> Report:
    """Every figure of the module docstring, and one note per miss for --verbose."""
    articles = read_set(Path(directory))
    run = ingest_all(articles)
    report = Report({"articles": len(articles)}, [])
    _score_dates(articles, run, report)
    matched = _score_proposals(articles, run, report)
    _score_links(articles, run, matched, report)
    seconds = run.seconds
    report.figures["articles_per_second"] = round(len(articles) / seconds, 1) if seconds else 0.0
    return report


def _score_dates(articles: list[GoldArticle], run: Run, report: Report) -> None:
    annotated = right = spurious = 0
    for article in articles:
        found = run.stored[article.name].dates
        for gold in article.dates:
            if gold.optional:
                continue
            annotated += 1
            values = [value for span, value in found if overlaps(span, gold.span)]
            if gold.value in values:
                right += 1
            else:
                got = ", ".join(_show(*v) for v in values) or "nothing"
                report.notes.append(
                    f"{article.name}: date {gold.text!r} = {_show(*gold.value)}, got {got}"
                )
        for span, value in found:
            if not any(overlaps(span, gold.span) for gold in article.dates):
                spurious += 1
                report.notes.append(
                    f"{article.name}: spurious date {_clip(article.text, span)!r} = {_show(*value)}"
                )
    report.figures |= {
        "date_expressions": annotated,
        "date_accuracy": _ratio(right, annotated),
        "spurious_dates": spurious,
    }


def _score_proposals(
    articles: list[GoldArticle], run: Run, report: Report
) -> dict[tuple[str, int], list[str]]:
    """Counts the proposals' kinds; answers the proposals matching each annotated event."""
    by_name = {a.name: a for a in articles}
    matched: dict[tuple[str, int], list[str]] = defaultdict(list)
    tied: dict[str, list[str]] = defaultdict(list)
    counts: Counter[str] = Counter()
    for proposal in run.proposals:
        hits: list[tuple[str, int]] = []
        touched: list[tuple[str, int]] = []
        for name, span in proposal.sources:
            for n, gold in enumerate(by_name[name].events):
                if overlaps(span, gold.span):
                    touched.append((name, n))
                    if gold.date == proposal.date:
                        hits.append((name, n))
        keys = {by_name[a].events[n].key for a, n in hits}
        hits += [  # another report of the same event, dated less precisely
            (a, n)
            for a, n in touched
            if (a, n) not in hits
            and by_name[a].events[n].key in keys
            and _within(proposal.date, by_name[a].events[n].date)
        ]
        for hit in hits:
            matched[hit].append(proposal.id)
        near = [(a, n) for a, n in touched if _meet(by_name[a].events[n].date, proposal.date)]
        name, span = proposal.sources[0]
        where = f"{name}: proposal {_show(*proposal.date)} {_clip(by_name[name].text, span)!r}"
        for key in {by_name[name].events[n].key for name, n in hits or near}:
            tied[key].append(where)
        if not touched:
            counts["junk"] += 1
            report.notes.append(f"{where} is junk")
        elif not hits:
            counts["wrong_date"] += 1
            want = sorted({_show(*by_name[a].events[n].date) for a, n in touched})
            report.notes.append(f"{where} has the wrong date (annotated: {', '.join(want)})")
        elif any(not by_name[a].events[n].is_new for a, n in hits):
            counts["existing"] += 1
            report.notes.append(f"{where} repeats an existing event")
        kinds = [e.kinds for e in (by_name[a].events[n] for a, n in hits) if e.is_new and e.kinds]
        if kinds:
            counts["kinded"] += 1
            if any(proposal.kind in k for k in kinds):
                counts["right_kind"] += 1
            else:
                report.notes.append(f"{where} has kind {proposal.kind}, not {sorted(kinds[0])}")
    for key, wheres in sorted(tied.items()):
        if len(wheres) > 1:
            shown = "".join(f"\n    {where}" for where in wheres)
            report.notes.append(f"{len(wheres)} proposals for one event: {key}{shown}")
    wanted = [
        (a.name, n, gold)
        for a in articles
        for n, gold in enumerate(a.events)
        if gold.is_new and gold.propose
    ]
    for name, n, gold in wanted:
        if not matched[(name, n)]:
            report.notes.append(
                f"{name}: new event not proposed: {_show(*gold.date)} {gold.quote!r}"
            )
    report.figures |= {
        "proposals": len(run.proposals),
        "new_events": len(wanted),
        "proposal_recall": _ratio(sum(bool(matched[(a, n)]) for a, n, _ in wanted), len(wanted)),
        "junk_proposals": counts["junk"],
        "duplicate_proposals": sum(len(wheres) - 1 for wheres in tied.values() if wheres),
        "wrong_date_proposals": counts["wrong_date"],
        "existing_proposals": counts["existing"],
        "kind_accuracy": _ratio(counts["right_kind"], counts["kinded"]),
    }
    return matched


def _score_links(
    articles: list[GoldArticle],
    run: Run,
    matched: dict[tuple[str, int], list[str]],
    report: Report,
) -> None:
    links = right = hiding = 0
    wanted: set[tuple[str, frozenset[int], str]] = set()
    got: set[tuple[str, frozenset[int], str]] = set()
    for article in articles:
        found = run.stored[article.name]
        for passage_id, event_id in found.links:
            passage = found.passages[passage_id]
            inside = [
                (n, gold) for n, gold in enumerate(article.events) if overlaps(gold.span, passage)
            ]
            links += 1
            if any(event_id in (gold.event, *gold.also) for _, gold in inside):
                right += 1
            else:
                quote = _clip(article.text, passage)
                report.notes.append(f"{article.name}: wrong link to {event_id} from {quote!r}")
            hidden = [
                gold
                for n, gold in inside
                if gold.is_new
                and gold.propose
                and not matched[(article.name, n)]
                and _meet(run.intervals[event_id], gold.date)
            ]
            if hidden:
                hiding += 1
                report.notes.append(
                    f"{article.name}: the link to {event_id} hides {hidden[0].quote!r}"
                )
        for gold in article.events:
            if gold.is_new or gold.optional:
                continue
            passages = frozenset(
                p for p, span in found.passages.items() if overlaps(span, gold.span)
            )
            pair = (article.name, passages, gold.event)
            if pair in wanted:
                continue
            wanted.add(pair)
            if any(p in passages and e == gold.event for p, e in found.links):
                got.add(pair)
            else:
                report.notes.append(f"{article.name}: missed link to {gold.event}: {gold.quote!r}")
    report.figures |= {
        "links": links,
        "link_precision": _ratio(right, links),
        "link_recall": _ratio(len(got), len(wanted)),
        "hiding_links": hiding,
    }


def _within(a: tuple[datetime.date, datetime.date], b: tuple[datetime.date, datetime.date]) -> bool:
    return b[0] <= a[0] and a[1] <= b[1]


def _meet(a: tuple[datetime.date, datetime.date], b: tuple[datetime.date, datetime.date]) -> bool:
    return a[0] <= b[1] and b[0] <= a[1]


def _ratio(part: int, whole: int) -> float:
    return round(part / whole, 4) if whole else 1.0


def _clip(text: str, span: Span) -> str:
    return " ".join(text[span[0] : span[1]].split())[:80]


def _show(start: datetime.date, end: datetime.date, precision: str = "") -> str:
    dates = str(start) if start == end else f"{start}..{end}"
    return f"{dates} {precision}".strip()


def _out(line: str) -> None:
    sys.stdout.write(line + "\n")


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.eval_ingest", description=__doc__)
    parser.add_argument("--path", type=Path, default=DEFAULT_DIR)
    parser.add_argument("--json", action="store_true", help="print the figures as JSON")
    parser.add_argument("--verbose", "-v", action="store_true", help="list every miss")
    args = parser.parse_args(argv)
    report = evaluate(args.path)
    if args.json:
        _out(json.dumps(report.figures, indent=2))
        return 0
    if args.verbose:
        for note in report.notes:
            _out(note)
        _out("")
    f = report.figures
    _out(f"{int(f['articles'])} articles, {f['articles_per_second']} articles/s")
    _out(
        f"dates      accuracy {f['date_accuracy']:.3f} of {int(f['date_expressions'])}"
        f", spurious {int(f['spurious_dates'])}"
    )
    _out(
        f"links      precision {f['link_precision']:.3f} of {int(f['links'])}"
        f", recall {f['link_recall']:.3f}, hiding a new event {int(f['hiding_links'])}"
    )
    _out(
        f"proposals  recall {f['proposal_recall']:.3f} of {int(f['new_events'])} new events"
        f"; {int(f['proposals'])} proposals: junk {int(f['junk_proposals'])}"
        f", duplicates {int(f['duplicate_proposals'])}"
        f", wrong date {int(f['wrong_date_proposals'])}"
        f", repeating an existing event {int(f['existing_proposals'])}"
        f"; kinds right {f['kind_accuracy']:.3f}"
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))

"""CSV for spreadsheets and data frames: one row per event (or per source), with a header.

Plain UTF-8, so that Python's csv, pandas and R read the first column as `id`; with_bom
puts the byte order mark first for Excel, which reads the accents only then (`bom=true`,
`--bom`). Lists (actors, tags) are joined
with ";" in the JSON's order. A text cell that starts with = + - @ (or a tab or carriage
return) gets a leading apostrophe, so that no spreadsheet runs it as a formula. Numbers
(lat, lon, offsets, counts) are written as numbers.
"""

import csv
import io
from collections.abc import Iterable, Iterator
from typing import Any

BOM = "\ufeff".encode()
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
LIST_SEPARATOR = ";"

EVENT_COLUMNS = (
    "id", "title", "summary", "kind",
    "date_start", "date_end", "date_precision", "date_qualifier", "date_end_precision",
    "date_ongoing", "date_display", "date_note",
    "place_id", "place_name", "lat", "lon",
    "actor_ids", "actor_names", "actor_roles", "tags",
    "source_count", "first_source_quote", "first_source_article_id",
    "first_source_article_title", "first_source_outlet", "first_source_published",
    "status", "created_at", "updated_at",
)  # fmt: skip
SOURCE_COLUMNS = (
    "event_id", "article_id", "article_title", "article_outlet", "article_published",
    "passage_id", "quote", "start", "end",
    "stated_start", "stated_end", "stated_precision", "stated_qualifier", "stated_end_precision",
)  # fmt: skip


def cell(value: Any) -> Any:
    if value is None:
        return ""
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value


def _joined(values: Iterable[str]) -> str:
    return LIST_SEPARATOR.join(values)


def _start(date: dict[str, Any] | None) -> str | None:
    return date["start"] if date else None


def event_row(event: dict[str, Any]) -> dict[str, Any]:
    date, place, actors, sources = (
        event["date"],
        event["place"] or {},
        event["actors"],
        event["sources"],
    )
    first = sources[0] if sources else None
    return {
        "id": event["id"],
        "title": event["title"],
        "summary": event["summary"],
        "kind": event["kind"],
        "date_start": date["start"],
        "date_end": date["end"],
        "date_precision": date["precision"],
        "date_qualifier": date["qualifier"],
        "date_end_precision": date["end_precision"],
        "date_ongoing": date["ongoing"],
        "date_display": date["display"],
        "date_note": event["date_note"],
        "place_id": place.get("id"),
        "place_name": place.get("name"),
        "lat": place.get("lat"),
        "lon": place.get("lon"),
        "actor_ids": _joined(a["id"] for a in actors),
        "actor_names": _joined(a["name"] for a in actors),
        "actor_roles": _joined(a["role"] for a in actors),
        "tags": _joined(event["tags"]),
        "source_count": len(sources),
        "first_source_quote": first["quote"] if first else None,
        "first_source_article_id": first["article"]["id"] if first else None,
        "first_source_article_title": first["article"]["title"] if first else None,
        "first_source_outlet": first["article"]["outlet"] if first else None,
        "first_source_published": _start(first["article"]["published"]) if first else None,
        "status": event["status"],
        "created_at": event["created_at"],
        "updated_at": event["updated_at"],
    }


def source_row(source: dict[str, Any]) -> dict[str, Any]:
    article, stated = source["article"], source["stated_date"] or {}
    return {
        "event_id": source["event_id"],
        "article_id": article["id"],
        "article_title": article["title"],
        "article_outlet": article["outlet"],
        "article_published": _start(article["published"]),
        "passage_id": source["passage_id"],
        "quote": source["quote"],
        "start": source["start"],
        "end": source["end"],
        "stated_start": stated.get("start"),
        "stated_end": stated.get("end"),
        "stated_precision": stated.get("precision"),
        "stated_qualifier": stated.get("qualifier"),
        "stated_end_precision": stated.get("end_precision"),
    }


def table(columns: tuple[str, ...], rows: Iterable[dict[str, Any]]) -> Iterator[str]:
    """The header, then one CSV line per row (RFC 4180: CRLF, quotes doubled)."""
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(columns)
    yield buffer.getvalue()
    for row in rows:
        buffer.seek(0)
        buffer.truncate()
        writer.writerow([cell(row[column]) for column in columns])
        yield buffer.getvalue()


def event_rows(events: Iterable[dict[str, Any]]) -> Iterator[str]:
    return table(EVENT_COLUMNS, (event_row(event) for event in events))


def source_rows(sources: Iterable[dict[str, Any]]) -> Iterator[str]:
    return table(SOURCE_COLUMNS, (source_row(source) for source in sources))


def with_bom(chunks: Iterable[bytes]) -> Iterator[bytes]:
    """The UTF-8 chunks after a byte order mark, for Excel."""
    yield BOM
    yield from chunks

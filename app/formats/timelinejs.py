"""TimelineJS3's JSON format (https://timeline.knightlab.com/docs/json-format.html).

A date object carries only the parts the event's precision knows: a day-precision event
has year, month and day; a month-precision one year and month; a year- or
decade-precision one only the year; the end date has the end's own precision when the
date has one (`end_precision`). `end_date` is given only when the interval ends in
another unit than it starts (TimelineJS drops an end date equal to the start date).
Headlines and texts are HTML, so every value from the database is escaped.
"""

import datetime
from html import escape
from typing import Any

Json = dict[str, Any]

_PARTS = {"day": ("year", "month", "day"), "month": ("year", "month")}


def date_object(day: datetime.date, precision: str) -> Json:
    parts = _PARTS.get(precision, ("year",))
    return {part: getattr(day, part) for part in parts}


def _source_html(source: Json) -> str:
    article = source["article"]
    published = article.get("published") or {}
    cited = [article.get("title"), article.get("outlet"), published.get("display")]
    citation = ", ".join(escape(part) for part in cited if part)
    return f"<blockquote>{escape(source['quote'])}</blockquote><p><cite>{citation}</cite></p>"


def slide(event: Json) -> Json:
    date = event["date"]
    start = datetime.date.fromisoformat(date["start"])
    end = datetime.date.fromisoformat(date["end"])
    start_date = date_object(start, date["precision"])
    end_date = date_object(end, date["end_precision"] or date["precision"])
    summary = f"<p>{escape(event['summary'])}</p>" if event.get("summary") else ""
    found: Json = {
        "unique_id": event["id"],
        "start_date": start_date,
        "display_date": date["display"],
        "text": {
            "headline": escape(event["title"]),
            "text": summary + "".join(_source_html(source) for source in event["sources"]),
        },
        "group": event["kind"],
    }
    if end_date != start_date:
        found["end_date"] = end_date
    return found


def timeline(events: list[Json], headline: str, text: str) -> Json:
    """The whole document: a title slide (already HTML) and one slide per event."""
    return {
        "title": {"unique_id": "timeline-title", "text": {"headline": headline, "text": text}},
        "events": [slide(event) for event in events],
        "scale": "human",
    }

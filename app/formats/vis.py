"""vis-timeline's `{items, groups}` (https://visjs.github.io/vis-timeline/docs/timeline/).

An item is a `point` when the event is one known day, else a `range` from its first day
to the day after its last (vis-timeline's `end` is exclusive), so a month-precision event
covers its whole month; an ongoing event's item has the class `ongoing` too, for a page to
draw its end as open. `content` and `title` are HTML in vis-timeline: escaped here.
"""

import datetime
from html import escape
from typing import Any

Json = dict[str, Any]


def item(event: Json) -> Json:
    date = event["date"]
    start = datetime.date.fromisoformat(date["start"])
    end = datetime.date.fromisoformat(date["end"])
    tooltip = escape(date["display"]) + (
        f": {escape(event['summary'])}" if event.get("summary") else ""
    )
    found: Json = {
        "id": event["id"],
        "content": escape(event["title"]),
        "start": start.isoformat(),
        "group": event["kind"],
        "title": tooltip,
        "className": f"precision-{date['precision']}" + (" ongoing" if date["ongoing"] else ""),
    }
    if date["precision"] == "day" and start == end:
        found.update(type="point", end=None)
    else:
        found.update(type="range", end=(end + datetime.timedelta(days=1)).isoformat())
    return found


def timeline(events: list[Json]) -> Json:
    kinds = sorted({event["kind"] for event in events})
    return {
        "items": [item(event) for event in events],
        "groups": [{"id": kind, "content": escape(kind)} for kind in kinds],
    }

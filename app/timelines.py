"""The documents of timeline widgets (TimelineJS3, vis-timeline), shared by GET /timeline
and `timeline export --format timelinejs`.

Not streamed: a widget reads one JSON document, so it holds the first `cap` matching events
in memory (TIMELINE_TIMELINE_MAX_EVENTS) and says `"truncated": true` when more match.
"""

from html import escape
from typing import Any, Literal

from sqlmodel import Session

from app import queries, views
from app.formats import timelinejs, vis
from app.queries import EventFilters
from app.views import Json

Widget = Literal["timelinejs", "vis"]


def document(session: Session, filters: EventFilters, cap: int, widget: Widget) -> Json:
    ids, more = queries.fetch_page(session.connection(), filters, "date", cap, None)
    events = views.events(session.connection(), ids)
    body: dict[str, Any]
    if widget == "vis":
        body = vis.timeline(events)
    else:
        names = [actor["name"] for actor in views.actors(session, filters.actors)]
        headline = "Timeline" + (f": {escape(', '.join(names))}" if names else "")
        text = f"<p>{len(events)} events, each with the passages that mention it.</p>"
        if more:
            text += f"<p>Only the first {cap} matching events are shown.</p>"
        body = timelinejs.timeline(events, headline, text)
    return {**body, "truncated": more is not None}

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
from app.languages import DEFAULT, Lang
from app.queries import EventFilters
from app.views import Json

Widget = Literal["timelinejs", "vis"]


# The title slide's words in each language.
WORDS: dict[Lang, dict[str, str]] = {
    "en": {
        "headline": "Timeline",
        "events": "{count} events, each with the passages that mention it.",
        "truncated": "Only the first {cap} matching events are shown.",
    },
    "de": {
        "headline": "Zeitleiste",
        "events": "{count} Ereignisse, jedes mit den Textstellen, die es nennen.",
        "truncated": "Nur die ersten {cap} passenden Ereignisse werden gezeigt.",
    },
}


def document(
    session: Session, filters: EventFilters, cap: int, widget: Widget, lang: Lang = DEFAULT
) -> Json:
    """The widget's document in `lang`: its events' texts and dates, and the title slide."""
    ids, more = queries.fetch_page(session.connection(), filters, "date", cap, None)
    events = views.events(session.connection(), ids, lang)
    body: dict[str, Any]
    if widget == "vis":
        body = vis.timeline(events)
    else:
        words = WORDS[lang]
        names = [actor["name"] for actor in views.actors(session, filters.actors, lang)]
        headline = words["headline"] + (f": {escape(', '.join(names))}" if names else "")
        text = f"<p>{words['events'].format(count=len(events))}</p>"
        if more:
            text += f"<p>{words['truncated'].format(cap=cap)}</p>"
        body = timelinejs.timeline(events, headline, text)
    return {**body, "truncated": more is not None}

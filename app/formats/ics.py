"""iCalendar (RFC 5545): one all-day VEVENT per event, streamed between the calendar's
header and footer.

An event covers its whole date interval: DTSTART is its first day, DTEND the day after
its last (DTEND is exclusive), so "June 2018" spans the month. The UID is the event's id
with the suffix `@timeline`, stable across exports, so that a calendar app updates an
imported event instead of duplicating it. DTSTAMP is the event's last change.
"""

import datetime
from collections.abc import Iterable, Iterator
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:  # imported when a calendar is written: it is slow to import
    import icalendar

UID_SUFFIX = "@timeline"
HEADER = (
    "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//Timeline//timeline export//EN\r\n"
    "CALSCALE:GREGORIAN\r\nX-WR-CALNAME:{name}\r\n"
)
WORDS = {"en": ("Timeline", "Source"), "de": ("Zeitleiste", "Quelle")}  # name, source
FOOTER = "END:VCALENDAR\r\n"


def _utc(value: str) -> datetime.datetime:
    moment = datetime.datetime.fromisoformat(value)
    return moment.replace(tzinfo=datetime.UTC) if moment.tzinfo is None else moment


def description(event: dict[str, Any], lang: str = "en") -> str:
    """The summary, then the first source: its quote, article title, outlet and date."""
    parts = [event["summary"] or event["title"]]
    if event["sources"]:
        source = event["sources"][0]
        article = source["article"]
        published = article["published"]["display"] if article["published"] else None
        cited = ", ".join(p for p in (article["title"], article["outlet"], published) if p)
        parts.append(f"{WORDS[lang][1]}: \u201e{source['quote']}\u201c \u2014 {cited}")
    return "\n\n".join(parts)


def vevent(event: dict[str, Any], lang: str = "en") -> "icalendar.Event":
    import icalendar

    entry = icalendar.Event()
    entry.add("uid", event["id"] + UID_SUFFIX)
    entry.add("dtstamp", _utc(event["updated_at"]))
    entry.add("dtstart", datetime.date.fromisoformat(event["date"]["start"]))
    end = datetime.date.fromisoformat(event["date"]["end"])
    entry.add("dtend", end + datetime.timedelta(days=1))
    entry.add("summary", event["title"])
    entry.add("description", description(event, lang))
    entry.add("categories", [event["kind"], *event["tags"]])
    place = event["place"]
    if place:
        entry.add("location", place["name"])
        if place["lat"] is not None and place["lon"] is not None:
            entry.add("geo", (place["lat"], place["lon"]))
    return entry


def calendar(events: Iterable[dict[str, Any]], lang: str = "en") -> Iterator[str]:
    """The calendar, its name and its descriptions' words in `lang` (the events are in it)."""
    yield HEADER.format(name=WORDS[lang][0])
    for event in events:
        yield vevent(event, lang).to_ical().decode()
    yield FOOTER

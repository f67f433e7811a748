"""Validate the seed corpus: /work/venv/bin/python seeds/check.py"""
import calendar, datetime as dt, re, sys, unicodedata
from pathlib import Path
import yaml

ROOT = Path(__file__).parent
KINDS = {"summit", "meeting", "visit", "speech", "statement", "threat", "weapons-test",
         "military-action", "agreement", "policy", "sanctions", "election", "inauguration",
         "war", "publication", "death", "founding", "demolition", "negotiation", "other"}
TAGS = {"alliances", "cold-war", "covert-action", "cuba", "denuclearization", "diplomacy",
        "economy", "elections", "germany", "inter-korean", "iran", "japan", "leadership", "media",
        "military", "missiles", "nonproliferation", "nuclear", "russia", "sanctions", "trade", "un",
        "unification", "us-china", "us-politics", "war"}
ACTOR_KINDS = {"person", "state", "organisation", "group"}
PLACE_KINDS = {"city", "country", "site", "region", "building", "sea"}
PRECISIONS = {"day", "month", "year", "decade"}
QUALIFIERS = {None, "early", "mid", "late", "circa", "before", "after"}
ROLES = {"participant", "initiator", "target", "subject"}
ID_RE = re.compile(r"^[a-z0-9]+(-[a-z0-9]+)*$")
errors = []


def err(msg):
    errors.append(msg)


def load(name):
    return yaml.safe_load((ROOT / name).read_text(encoding="utf-8"))


def norm(s):
    s = unicodedata.normalize("NFKD", str(s)).casefold()
    return "".join(c for c in s if c.isalnum() and not unicodedata.combining(c))


def check_ids(items, what):
    seen = set()
    for it in items:
        i = it.get("id")
        if not isinstance(i, str) or not ID_RE.match(i):
            err(f"{what}: bad id {i!r}")
        if i in seen:
            err(f"{what}: duplicate id {i}")
        seen.add(i)
    return seen


def last_day(d):
    return calendar.monthrange(d.year, d.month)[1]


def check_bound(d, prec, which, ctx):
    """start must open its unit (month/year/decade), end must close it."""
    first = which == "start"
    if prec == "month" and d.day != (1 if first else last_day(d)):
        err(f"{ctx}: month-precision {which} {d} not on month boundary")
    if prec == "year" and (d.month, d.day) != ((1, 1) if first else (12, 31)):
        err(f"{ctx}: year-precision {which} {d} not on year boundary")
    if prec == "decade" and (d.year % 10, d.month, d.day) != ((0, 1, 1) if first else (9, 12, 31)):
        err(f"{ctx}: decade-precision {which} {d} not on decade boundary")


def check_date(d, ctx):
    if d is None:
        return
    s, e = d.get("start"), d.get("end")
    if not isinstance(s, dt.date) or not isinstance(e, dt.date):
        err(f"{ctx}: start/end must be unquoted ISO dates, got {s!r}/{e!r}")
        return
    if s > e:
        err(f"{ctx}: start {s} > end {e}")
    prec, q = d.get("precision"), d.get("qualifier")
    eprec = d.get("end_precision", prec)
    if prec not in PRECISIONS or eprec not in PRECISIONS:
        err(f"{ctx}: bad precision {prec!r}/{eprec!r}")
    if q not in QUALIFIERS:
        err(f"{ctx}: bad qualifier {q!r}")
    if q in ("early", "mid", "late") and prec == "month":
        lo, hi = {"early": (1, 10), "mid": (11, 20), "late": (21, 31)}[q]
        if not (s.day == lo and (e.day == min(hi, last_day(e)))):
            err(f"{ctx}: '{q}' month should cover days {lo}-{hi}: {s}..{e}")
    elif q in ("early", "mid", "late") and prec == "year":
        lo, hi = {"early": (1, 4), "mid": (5, 8), "late": (9, 12)}[q]
        if not (s.month == lo and s.day == 1 and e.month == hi and e.day == last_day(e)):
            err(f"{ctx}: '{q}' year should cover months {lo}-{hi}: {s}..{e}")
    elif q not in ("before", "after"):
        check_bound(s, prec, "start", ctx)
        check_bound(e, eprec, "end", ctx)


def main():
    actors, places, events = load("actors.yaml"), load("places.yaml"), load("events.yaml")
    actor_ids, place_ids = check_ids(actors, "actor"), check_ids(places, "place")
    check_ids(events, "event")

    # aliases: each normalised alias (and name) points to exactly one actor
    owner = {}
    for a in actors:
        if a.get("kind") not in ACTOR_KINDS:
            err(f"actor {a['id']}: bad kind {a.get('kind')!r}")
        for alias in [a["name"], *a.get("aliases", [])]:
            k = norm(alias)
            if not k:
                err(f"actor {a['id']}: empty alias {alias!r}")
            elif owner.setdefault(k, a["id"]) != a["id"]:
                err(f"alias {alias!r} ({k}) is ambiguous: {owner[k]} and {a['id']}")
    for p in places:
        if p.get("kind") not in PLACE_KINDS:
            err(f"place {p['id']}: bad kind {p.get('kind')!r}")
        if not (-90 <= p["lat"] <= 90 and -180 <= p["lon"] <= 180):
            err(f"place {p['id']}: bad coordinates")

    # articles: text + metadata
    texts = {}
    for meta_path in sorted((ROOT / "articles").glob("*.yaml")):
        meta = yaml.safe_load(meta_path.read_text(encoding="utf-8"))
        txt = meta_path.with_suffix(".txt")
        if not txt.exists():
            err(f"{meta_path.name}: no matching .txt")
            continue
        if meta["id"] in texts:
            err(f"duplicate article id {meta['id']}")
        texts[meta["id"]] = txt.read_text(encoding="utf-8")
        for f in ("title", "language", "published", "published_evidence"):
            if not meta.get(f):
                err(f"{meta_path.name}: missing {f}")

    for ev in events:
        ctx = f"event {ev['id']}"
        for f in ("title", "summary", "kind", "date", "sources"):
            if not ev.get(f):
                err(f"{ctx}: missing {f}")
        if ev.get("kind") not in KINDS:
            err(f"{ctx}: kind {ev.get('kind')!r} not in vocabulary")
        for t in ev.get("tags", []):
            if t not in TAGS:
                err(f"{ctx}: tag {t!r} not in the tag set (add it to TAGS and README.md)")
        check_date(ev.get("date"), ctx)
        if ev.get("place") is not None and ev["place"] not in place_ids:
            err(f"{ctx}: unknown place {ev['place']}")
        for a in ev.get("actors", []):
            if a.get("id") not in actor_ids:
                err(f"{ctx}: unknown actor {a.get('id')}")
            if a.get("role") not in ROLES:
                err(f"{ctx}: bad role {a.get('role')!r}")
        for src in ev.get("sources") or []:
            text = texts.get(src.get("article"))
            if text is None:
                err(f"{ctx}: unknown article {src.get('article')}")
                continue
            q, n = src.get("quote", ""), src.get("occurrence", 1)
            if not q or text.count(q) < n:
                err(f"{ctx}: quote not found (occurrence {n}) in {src['article']}: {q!r}")
            check_date(src.get("stated_date"), f"{ctx} stated_date ({src['article']})")

    if errors:
        print("\n".join(errors))
        print(f"FAILED: {len(errors)} problem(s)")
        sys.exit(1)
    print(f"OK: {len(texts)} articles, {len(events)} events, {len(actors)} actors, {len(places)} places")


if __name__ == "__main__":
    main()

"""Time find_dates on a 5,000-character German news text: ``python -m bench.speed_dates``.

Reports the cold start (dateparser import and first parses), the warm average with the
parse caches filled, and the average with the caches cleared before every call (as for an
article whose date expressions have not been seen before).
"""

from __future__ import annotations

import datetime
import sys
import time

PARAGRAPH = (
    "Bundeskanzlerin Angela Merkel hat am Dienstag in Berlin angekündigt, die Frist bis "
    "31. Dezember zu verlängern. Im Vorjahr hatte die Koalition bereits Anfang November 2018 "
    "ähnliche Pläne vorgelegt, die mit der SPD so nicht umsetzbar waren. Rund 2000 Soldaten "
    "sollen zwischen 2017 und 2019 in Mali gewesen sein; das Mandat läuft bis Ende Mai. Die "
    "Opposition kritisierte das Vorhaben scharf, die Regierung wies die Vorwürfe zurück und "
    "sprach von einem wichtigen Schritt für die Sicherheit des Landes, so der Sprecher. "
    "In den 1990er-Jahren war die Lage eine andere, sagte er vor zwei Jahren am 12. Juni 2017. "
)
TEXT = (PARAGRAPH * 20)[:5000]
BASE = datetime.date(2019, 12, 10)


def _out(line: str) -> None:
    sys.stdout.write(line + "\n")


def main() -> int:
    t0 = time.perf_counter()
    from app import dates

    t1 = time.perf_counter()
    n_mentions = len(dates.find_dates(TEXT, base=BASE))
    t2 = time.perf_counter()
    n = 200
    for _ in range(n):
        dates.find_dates(TEXT, base=BASE)
    warm = (time.perf_counter() - t2) / n
    cold_total = 0.0
    for i in range(50):
        dates._dp_relative.cache_clear()
        t = time.perf_counter()
        dates.find_dates(TEXT, base=BASE + datetime.timedelta(days=i))
        cold_total += time.perf_counter() - t
    _out(f"{len(TEXT)} chars, {n_mentions} mentions")
    _out(f"import app.dates {1000 * (t1 - t0):.1f} ms; first call {1000 * (t2 - t1):.1f} ms")
    _out(f"warm caches:    {1000 * warm:.2f} ms per call")
    _out(f"cleared caches: {1000 * cold_total / 50:.2f} ms per call")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

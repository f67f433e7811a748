"""Ingest throughput: the full pipeline into a real SQLite file, against baselines.

Run from the repo root: ``python -m bench.ingest_speed [articles]``. Articles of 5,000
characters are cut from the seed and test articles (German and English, each made unique),
then ingested one transaction each into a migrated, seeded SQLite file. Baselines measured
in the same run: inserting just the article row, and splitting into passages and finding
dates without the database. One more article is ingested first and not counted (a warm-up:
what a process does once, compiling SQL statements and building the name lexicons, is no
part of the steady rate). Besides the wall-clock rates, the pipeline's rate in CPU time of
this process is printed: on a shared machine it moves less with the load than the wall
clock. Target: at least 20 articles per second on one core.
"""

import datetime
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from sqlmodel import Session

from app import schema, seeds
from app.config import PROJECT_ROOT, Settings
from app.dates import find_dates
from app.db import get_engine, session_scope
from app.ingest.passages import split_passages
from app.ingest.pipeline import text_sha256
from app.ingest.service import ArticleCreate, ingest_once
from app.models import Article

ARTICLE_CHARS = 5000
TARGET_PER_SECOND = 20
PUBLISHED = datetime.date(2025, 11, 10)


def _out(line: str) -> None:
    sys.stdout.write(line + "\n")


def articles(count: int) -> list[str]:
    sources = sorted((PROJECT_ROOT / "seeds" / "articles").glob("*.txt"))
    sources += sorted((PROJECT_ROOT / "tests" / "data" / "articles").glob("*.txt"))
    corpus = "\n\n".join(p.read_text(encoding="utf-8") for p in sources)
    out = []
    for n in range(count):
        offset = (n * 1733) % (len(corpus) - ARTICLE_CHARS)
        body = corpus[offset : offset + ARTICLE_CHARS - 40]
        out.append(f"Meldung Nummer {n} vom Dienstag.\n\n{body}")
    return out


def rate(count: int, run: Callable[[], None]) -> float:
    started = time.perf_counter()
    run()
    return count / (time.perf_counter() - started)


def main(argv: list[str]) -> int:
    count = int(argv[0]) if argv else 200
    *texts, warm_up = articles(count + 1)  # the counted texts as without a warm-up
    with tempfile.TemporaryDirectory() as directory:
        url = f"sqlite:///{Path(directory) / 'bench.db'}"
        schema.upgrade(url)
        engine = get_engine(url)
        with session_scope(engine) as session:
            seeds.load(session, PROJECT_ROOT / "seeds")
        settings = Settings(database_url=url)

        def insert_only() -> None:
            for n, body in enumerate(texts):
                with session_scope(engine) as session:
                    text = body + " (baseline)"
                    session.add(
                        Article(
                            id=f"baseline-{n}",
                            language="de",
                            text=text,
                            text_sha256=text_sha256(text),
                        )
                    )

        def split_and_date() -> None:  # as the pipeline does: dates over the whole text
            for body in texts:
                split_passages(body)
                find_dates(body, base=PUBLISHED, language="de")

        def full(bodies: list[str]) -> None:
            for body in bodies:
                with session_scope(engine) as session:
                    ingest_once(
                        session, settings, ArticleCreate(text=body, published=str(PUBLISHED))
                    )

        baseline_insert = rate(count, insert_only)
        baseline_split = rate(count, split_and_date)
        full([warm_up])
        cpu = time.process_time()
        pipeline = rate(count, lambda: full(texts))
        pipeline_cpu = count / (time.process_time() - cpu)
        with Session(engine) as session:
            assert session.get(Article, "baseline-0") is not None
    _out(f"{count} articles of {ARTICLE_CHARS:,} characters, SQLite file, one core")
    _out("(after one warm-up article of the pipeline, not counted)")
    _out(f"insert the text only:        {baseline_insert:8.1f} articles/s")
    _out(f"passages + dates, no DB:     {baseline_split:8.1f} articles/s")
    _out(f"full ingest pipeline:        {pipeline:8.1f} articles/s")
    _out(f"  in CPU time of this process: {pipeline_cpu:6.1f} articles/s")
    _out(f"pipeline / insert-only cost: {baseline_insert / pipeline:8.1f}x slower")
    _out(f"pipeline / passages+dates:   {baseline_split / pipeline:8.1f}x slower")
    verdict = "meets" if pipeline >= TARGET_PER_SECOND else "MISSES"
    _out(f"target {TARGET_PER_SECOND} articles/s: {verdict}")
    return 0 if pipeline >= TARGET_PER_SECOND else 1


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))

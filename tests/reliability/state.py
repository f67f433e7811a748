"""What a test needs to know about a database: its version, row counts, consistency."""

from sqlalchemy import create_engine, text
from sqlalchemy.engine import make_url

TABLES = (
    "article",
    "passage",
    "date_mention",
    "actor",
    "actor_alias",
    "place",
    "place_alias",
    "event",
    "event_actor",
    "event_tag",
    "source",
    "event_history",
    "actor_mention",
    "place_mention",
    "event_link",
    "data_state",
)
# Rows that belong to a passage: none may outlive it.
PASSAGE_PARTS = ("date_mention", "actor_mention", "place_mention", "event_link")


def snapshot(url: str) -> dict[str, int]:
    """The data version and the number of rows of every table."""
    engine = create_engine(url)
    try:
        with engine.connect() as conn:
            counts = {
                t: int(conn.execute(text(f"SELECT count(*) FROM {t}")).scalar_one()) for t in TABLES
            }
            counts["version"] = int(
                conn.execute(text("SELECT version FROM data_state WHERE id = 1")).scalar_one()
            )
    finally:
        engine.dispose()
    return counts


def inconsistencies(url: str) -> list[str]:
    """Everything wrong with the database: engine integrity, dangling rows, bad quotes."""
    problems: list[str] = []
    engine = create_engine(url)
    try:
        with engine.connect() as conn:
            if make_url(url).get_backend_name() == "sqlite":
                integrity = [row[0] for row in conn.execute(text("PRAGMA integrity_check"))]
                if integrity != ["ok"]:
                    problems.append(f"integrity_check: {integrity}")
                problems += [
                    f"foreign key: {tuple(r)}"
                    for r in conn.execute(text("PRAGMA foreign_key_check"))
                ]
            unsourced = conn.execute(
                text(
                    "SELECT id FROM event WHERE deleted_at IS NULL AND status = 'published' "
                    "AND id NOT IN (SELECT event_id FROM source)"
                )
            ).all()
            problems += [f"published event without sources: {row[0]}" for row in unsourced]
            unsplit = conn.execute(
                text("SELECT id FROM article WHERE id NOT IN (SELECT article_id FROM passage)")
            ).all()
            problems += [f"article without passages: {row[0]}" for row in unsplit]
            stray = conn.execute(
                text("SELECT id FROM passage WHERE article_id NOT IN (SELECT id FROM article)")
            ).all()
            problems += [f"passage without its article: {row[0]}" for row in stray]
            for table in PASSAGE_PARTS:
                parted = conn.execute(
                    text(
                        f"SELECT count(*) FROM {table} "
                        "WHERE passage_id NOT IN (SELECT id FROM passage)"
                    )
                ).scalar_one()
                if parted:
                    problems.append(f"{parted} {table} rows without their passage")
            sources = conn.execute(
                text(
                    'SELECT s.id, s.quote, s.start, s."end", a.text FROM source s '
                    "JOIN passage p ON p.id = s.passage_id JOIN article a ON a.id = p.article_id"
                )
            ).all()
            for source_id, quote, start, end, article_text in sources:
                if article_text[start:end] != quote:
                    problems.append(f"source {source_id}: quote is not the text at its offsets")
            orphans = conn.execute(
                text(
                    "SELECT count(*) FROM source WHERE passage_id NOT IN (SELECT id FROM passage) "
                    "OR event_id NOT IN (SELECT id FROM event)"
                )
            ).scalar_one()
            if orphans:
                problems.append(f"{orphans} sources point at nothing")
    finally:
        engine.dispose()
    return problems


def database_url(live: object) -> str:
    """The database URL a LiveServer serves."""
    url: str = live.server.config.app.state.settings.database_url  # type: ignore[attr-defined]
    return url

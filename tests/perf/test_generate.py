"""bench.generate builds, fast and outside the app's write path, a database that the app
would have written: documents as app.views renders them, actor links that copy their event,
quotes found at their offsets, a full-text index that finds the events, the data version
and document format recorded."""

from pathlib import Path

from sqlalchemy import text
from sqlmodel import Session

from app import documents
from app.db import get_engine
from app.queries import EventFilters, count
from bench.generate import generate
from tests.api.test_documents import stale_actor_copies, stale_documents

EVENTS = 3000


def test_a_generated_database_is_what_the_app_writes(tmp_path: Path) -> None:
    path = tmp_path / "generated.db"
    generate(EVENTS, path, seed=7)
    url = f"sqlite:///{path}"
    assert stale_documents(url) == []
    assert stale_actor_copies(url) == []
    with get_engine(url).connect() as conn:
        synthetic = conn.execute(text("SELECT count(*) FROM event WHERE id LIKE 'event-%'"))
        assert synthetic.scalar_one() == EVENTS
        misplaced = conn.execute(
            text(
                "SELECT count(*) FROM source JOIN passage ON passage.id = source.passage_id "
                "JOIN article ON article.id = passage.article_id "
                'WHERE substr(article.text, source.start + 1, source."end" - source.start) '
                "!= source.quote"
            )
        )
        assert misplaced.scalar_one() == 0
        unsourced = conn.execute(
            text("SELECT count(*) FROM event WHERE id NOT IN (SELECT event_id FROM source)")
        )
        assert unsourced.scalar_one() == 0
        state = conn.execute(text("SELECT version, document_format FROM data_state")).one()
        assert state.version > 1 and state.document_format == documents.FORMAT_ID
        summits = conn.execute(text("SELECT count(*) FROM event WHERE kind = 'summit'"))
        kind_summit = summits.scalar_one()
    with Session(get_engine(url)) as session:
        found = count(
            session.connection(), EventFilters(q="summit")
        )  # each one's summary says "summit"
    assert found >= kind_summit > 0

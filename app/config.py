"""Settings, read from the environment and an optional `.env` file."""

from functools import lru_cache
from pathlib import Path
from typing import Annotated

from pydantic import AliasChoices, Field, field_validator
from pydantic_settings import BaseSettings, NoDecode, SettingsConfigDict

PROJECT_ROOT = Path(__file__).resolve().parent.parent


def _env(name: str) -> AliasChoices:
    return AliasChoices(name)


class Settings(BaseSettings):
    """Every setting the service reads; README.md documents each one (a test checks that)."""

    model_config = SettingsConfigDict(env_file=".env", extra="ignore", populate_by_name=True)

    database_url: str = Field(
        default="sqlite:///./data/timeline.db", validation_alias=_env("DATABASE_URL")
    )
    seeds_dir: Path = Field(
        default=PROJECT_ROOT / "seeds", validation_alias=_env("TIMELINE_SEEDS_DIR")
    )
    api_tokens: Annotated[list[str], NoDecode] = Field(
        default_factory=list, validation_alias=_env("TIMELINE_API_TOKENS")
    )
    cors_origins: Annotated[list[str], NoDecode] = Field(
        default_factory=lambda: ["*"], validation_alias=_env("TIMELINE_CORS_ORIGINS")
    )
    default_page_size: int = Field(
        default=50, ge=1, le=500, validation_alias=_env("TIMELINE_DEFAULT_PAGE_SIZE")
    )
    max_article_chars: int = Field(
        default=2_000_000, ge=1, validation_alias=_env("TIMELINE_MAX_ARTICLE_CHARS")
    )
    passage_max_chars: int = Field(
        default=1500, ge=200, validation_alias=_env("TIMELINE_PASSAGE_MAX_CHARS")
    )

    timeline_max_events: int = Field(
        default=2000, ge=1, le=100_000, validation_alias=_env("TIMELINE_TIMELINE_MAX_EVENTS")
    )
    # Cache-Control max-age, in seconds, of every GET answer (0: clients revalidate each time).
    cache_max_age: int = Field(default=60, ge=0, validation_alias=_env("TIMELINE_CACHE_MAX_AGE"))
    # Rendered GET answers kept in each process, keyed by query and data version (0: none).
    response_cache_entries: int = Field(
        default=512, ge=0, validation_alias=_env("TIMELINE_RESPONSE_CACHE_ENTRIES")
    )
    # The connection pool of each process on PostgreSQL (SQLite opens a file per thread).
    db_pool_size: int = Field(default=5, ge=1, validation_alias=_env("TIMELINE_DB_POOL_SIZE"))
    db_max_overflow: int = Field(
        default=10, ge=0, validation_alias=_env("TIMELINE_DB_MAX_OVERFLOW")
    )
    db_pool_timeout: float = Field(
        default=30, gt=0, validation_alias=_env("TIMELINE_DB_POOL_TIMEOUT")
    )
    db_pool_recycle: int = Field(
        default=1800, ge=-1, validation_alias=_env("TIMELINE_DB_POOL_RECYCLE")
    )
    # PostgreSQL: statements prepared on the server, once per connection (off behind a proxy
    # that pools connections by transaction, e.g. PgBouncer's transaction mode).
    db_prepared_statements: bool = Field(
        default=True, validation_alias=_env("TIMELINE_DB_PREPARED_STATEMENTS")
    )
    max_page_size: int = Field(
        default=500, ge=1, le=10_000, validation_alias=_env("TIMELINE_MAX_PAGE_SIZE")
    )
    max_body_bytes: int = Field(
        default=8 * 1024 * 1024, ge=1024, validation_alias=_env("TIMELINE_MAX_BODY_BYTES")
    )
    max_query_bytes: int = Field(
        default=8 * 1024, ge=256, validation_alias=_env("TIMELINE_MAX_QUERY_BYTES")
    )
    request_timeout: float = Field(
        default=30.0, ge=0, validation_alias=_env("TIMELINE_REQUEST_TIMEOUT")
    )
    # FastAPI's OpenTelemetry spans, metrics and logs, sent to the providers the process has
    # configured. Off, FastAPI no longer looks for providers on every request.
    opentelemetry: bool = Field(default=False, validation_alias=_env("TIMELINE_OPENTELEMETRY"))

    @field_validator("api_tokens", "cors_origins", mode="before")
    @classmethod
    def _split_commas(cls, value: object) -> object:
        if isinstance(value, str):
            return [part.strip() for part in value.split(",") if part.strip()]
        return value

    @field_validator("database_url")
    @classmethod
    def _known_engine(cls, value: str) -> str:
        if not value.startswith(("sqlite://", "postgresql")):
            raise ValueError("DATABASE_URL must be a sqlite:// or postgresql+psycopg:// URL")
        return value


@lru_cache
def get_settings() -> Settings:
    return Settings()

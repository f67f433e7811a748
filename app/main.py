"""The ASGI application: create_app() wires settings, database, errors and routes."""

from fastapi import Depends, FastAPI
from fastapi.routing import APIRoute
from fastapi.telemetry import TelemetryConfig

from app.api import (
    caching,
    collector,
    cors,
    errors,
    head,
    headers,
    language,
    limits,
    openapi,
    parameters,
    reads,
)
from app.api.routes import (
    actors,
    articles,
    changes,
    docs,
    events,
    health,
    page,
    places,
    sources,
    timeline,
)
from app.config import Settings, get_settings
from app.db import settings_engine

NO_TELEMETRY: TelemetryConfig = {"tracing": False, "metrics": False, "logs": False}


def operation_id(route: APIRoute) -> str:
    """An operation's id is its function's name (`list_events`): what a generated client
    names its methods after."""
    return route.name


def create_app(settings: Settings | None = None) -> FastAPI:
    settings = settings or get_settings()
    app = FastAPI(
        title="Timeline",
        summary="Events from news articles, each tied to the exact passages that mention it.",
        version="0.1.0",
        docs_url=None,
        redoc_url=None,
        telemetry=None if settings.opentelemetry else NO_TELEMETRY,
        generate_unique_id_function=operation_id,
        dependencies=[Depends(parameters.declared_only)],
    )
    app.state.settings = settings
    app.state.engine = settings_engine(settings)
    reads.install(app, settings)
    errors.install(app)
    openapi.install(app)
    for module in (events, actors, places, articles, health, changes, sources):
        app.include_router(module.router)
    app.include_router(timeline.router)
    app.include_router(page.router)
    page.mount_static(app)
    app.include_router(docs.router)
    docs.mount_assets(app)
    # Middleware added later wraps what was added before: HEAD runs as a GET; limits refuse
    # before any route runs; security headers and CORS go on every answer, Content-Language
    # on what is answered in the reader's language; the response
    # cache is outermost, so that a cached answer, kept with those headers, is sent again
    # without passing through them (app.api.caching).
    head.install(app)
    headers.install(app)
    language.install(app)
    limits.install(app, settings)
    cors.install(app, settings)
    caching.install(app, settings)
    collector.install(app)
    return app

"""The ASGI application: create_app() wires settings, database, errors and routes."""

from fastapi import FastAPI

from app.api import errors, headers, limits, openapi
from app.api.routes import actors, articles, events, health, places
from app.config import Settings, get_settings
from app.db import get_engine


def create_app(settings: Settings | None = None) -> FastAPI:
    settings = settings or get_settings()
    app = FastAPI(
        title="Timeline",
        summary="Events from news articles, each tied to the exact passages that mention it.",
        version="0.1.0",
    )
    app.state.settings = settings
    app.state.engine = get_engine(settings.database_url)
    errors.install(app)
    limits.install(app, settings)
    headers.install(app)
    openapi.install(app)
    for module in (events, actors, places, articles, health):
        app.include_router(module.router)
    return app

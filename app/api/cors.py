"""Cross-origin reads from browsers: TIMELINE_CORS_ORIGINS may read (default: any).

Writes are not offered cross-origin: their preflight is refused. Scripts may read the
Link (next page) and ETag headers, and send If-None-Match; a preflight answer is kept
for ten minutes.
"""

from typing import Any

from fastapi import FastAPI
from starlette.middleware.cors import CORSMiddleware
from starlette.types import ASGIApp

from app.config import Settings

EXPOSED = ["ETag", "Link", "Cache-Control", "Content-Length"]


def _options(settings: Settings) -> dict[str, Any]:
    return {
        "allow_origins": settings.cors_origins,
        "allow_methods": ["GET", "HEAD"],
        "allow_headers": ["Accept", "If-None-Match", "Content-Type"],
        "expose_headers": EXPOSED,
        "max_age": 600,
    }


def wrap(app: ASGIApp, settings: Settings) -> ASGIApp:
    """`app` behind the same CORS rules (the response cache's 304s pass through them)."""
    return CORSMiddleware(app, **_options(settings))


def install(app: FastAPI, settings: Settings) -> None:
    app.add_middleware(CORSMiddleware, **_options(settings))

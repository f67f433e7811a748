"""The bundled timeline page: app/static, served as is (no build step, no other host)."""

from pathlib import Path

from fastapi import APIRouter, FastAPI
from starlette.middleware.gzip import GZipMiddleware
from starlette.responses import FileResponse, JSONResponse, Response
from starlette.staticfiles import StaticFiles

from app.vocabulary import EVENT_KINDS, TAGS

STATIC_DIR = Path(__file__).resolve().parent.parent.parent / "static"
PAGE_HEADERS = {
    "Content-Security-Policy": (
        "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
        "connect-src 'self'; font-src 'self'; manifest-src 'self'; base-uri 'none'; "
        "form-action 'self'; frame-ancestors 'none'"
    ),
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "no-referrer",
}

router = APIRouter(include_in_schema=False)


@router.get("/")
def page() -> Response:
    return FileResponse(STATIC_DIR / "index.html", headers=PAGE_HEADERS)


@router.get("/static/vocabulary.json")
def vocabulary() -> Response:
    """Every kind and tag the page's picker offers, from the one list curation checks against."""
    return JSONResponse(
        {"kind": list(EVENT_KINDS), "tag": list(TAGS)},
        headers={"Cache-Control": "public, max-age=3600"},
    )


def mount_static(app: FastAPI) -> None:
    """The page's files, compressed: script and styles then arrive in one round trip."""
    app.mount("/static", GZipMiddleware(StaticFiles(directory=STATIC_DIR)), name="static")

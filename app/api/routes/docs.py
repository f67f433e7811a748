"""Interactive API documentation served from this server's own files.

FastAPI's default /docs loads Swagger UI from a CDN with an inline script; this page
needs no other host (the service must work offline) and no inline script (CSP).
"""

from fastapi import APIRouter, FastAPI
from starlette.responses import FileResponse, Response
from starlette.staticfiles import StaticFiles
from swagger_ui_bundle import swagger_ui_path

from app.api.routes.page import STATIC_DIR

DOCS_HEADERS = {
    "Content-Security-Policy": (
        "default-src 'none'; script-src 'self'; style-src 'self' 'unsafe-inline'; "
        "img-src 'self' data:; connect-src 'self'; font-src 'self'; worker-src 'self' blob:; "
        "base-uri 'none'; form-action 'self'; frame-ancestors 'none'"
    ),
}

router = APIRouter(include_in_schema=False)


@router.get("/docs")
def docs() -> Response:
    return FileResponse(STATIC_DIR / "docs.html", headers=DOCS_HEADERS)


def mount_assets(app: FastAPI) -> None:
    app.mount("/docs/assets", StaticFiles(directory=str(swagger_ui_path)), name="docs-assets")

"""problem+json (RFC 9457) for every error; no stack trace ever leaves the server."""

import logging
from http import HTTPStatus
from typing import Any

import orjson
from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from sqlalchemy.exc import OperationalError
from starlette.exceptions import HTTPException as StarletteHTTPException
from starlette.responses import Response
from starlette.types import ASGIApp, Message, Receive, Scope, Send

log = logging.getLogger("timeline")
PROBLEM_JSON = "application/problem+json"
RETRY = {"Retry-After": "5"}


class ProblemError(Exception):
    """An error answered as problem+json; `errors` name the offending parameters."""

    def __init__(
        self,
        status: int,
        detail: str,
        errors: list[dict[str, Any]] | None = None,
        headers: dict[str, str] | None = None,
    ) -> None:
        super().__init__(detail)
        self.status = status
        self.detail = detail
        self.errors = errors or []
        self.headers = headers or {}


def invalid(param: str, message: str, **extra: Any) -> ProblemError:
    """422 for one bad parameter or field."""
    return ProblemError(422, f"{param}: {message}", [{"param": param, "message": message, **extra}])


def problem(
    status: int,
    detail: str,
    errors: list[dict[str, Any]] | None = None,
    headers: dict[str, str] | None = None,
) -> Response:
    body = {
        "type": "about:blank",
        "title": HTTPStatus(status).phrase,
        "status": status,
        "detail": detail,
        "errors": errors or [],
    }
    return Response(orjson.dumps(body), status, headers=headers, media_type=PROBLEM_JSON)


def _location(loc: tuple[Any, ...]) -> str:
    """'kind' for a query parameter (even its second value), 'sources.0.quote' for a body
    field."""
    where, *path = loc if loc and loc[0] in ("query", "path", "header", "body") else ("", *loc)
    if where in ("query", "path", "header") and path:
        return str(path[0])
    return ".".join(str(part) for part in path) or str(where)


def _item(error: Any) -> dict[str, Any]:
    """One of FastAPI's validation errors as a Problem item; a body that is no JSON at all
    is `body` (FastAPI places it at the character offset where reading failed)."""
    context = error.get("ctx") or {}
    if error["type"] == "json_invalid":
        reason = context.get("error", "")
        where = error["loc"][1] if len(error["loc"]) > 1 else None
        at = f" at character {where}" if isinstance(where, int) else ""
        return {"param": "body", "message": f"is not valid JSON ({reason}{at})"}
    item = {"param": _location(tuple(error["loc"])), "message": error["msg"]}
    if "suggestions" in context:
        item["suggestions"] = context["suggestions"]
    return item


async def _validation(_: Request, exc: Exception) -> Response:
    assert isinstance(exc, RequestValidationError)
    errors = [_item(error) for error in exc.errors()]
    detail = "; ".join(f"{e['param']}: {e['message']}" for e in errors)
    return problem(422, detail, errors)


async def _problem(_: Request, exc: Exception) -> Response:
    assert isinstance(exc, ProblemError)
    return problem(exc.status, exc.detail, exc.errors, exc.headers)


async def _http(_: Request, exc: Exception) -> Response:
    assert isinstance(exc, StarletteHTTPException)
    detail = exc.detail if isinstance(exc.detail, str) else HTTPStatus(exc.status_code).phrase
    return problem(exc.status_code, detail, headers=dict(exc.headers or {}))


async def _unexpected(request: Request, exc: Exception) -> Response:
    log.error("unhandled error on %s %s", request.method, request.url.path, exc_info=exc)
    return problem(500, "The server could not answer this request.")


async def _database_unavailable(request: Request, exc: Exception) -> Response:
    log.error("database unavailable on %s %s: %s", request.method, request.url.path, exc)
    return problem(503, "The database is unavailable; try again shortly.", headers=RETRY)


class _LastResort:
    """Answers an unhandled error here rather than letting it reach the server.

    Starlette's ServerErrorMiddleware answers too, but then re-raises, and uvicorn closes a
    kept-alive connection after an error: the client's next request would be reset.
    """

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        started = False

        async def tracking_send(message: Message) -> None:
            nonlocal started
            started = started or message["type"] == "http.response.start"
            await send(message)

        try:
            await self.app(scope, receive, tracking_send)
        except Exception as exc:
            if started:
                raise
            response = await _unexpected(Request(scope), exc)
            await response(scope, receive, send)


def install(app: FastAPI) -> None:
    app.add_exception_handler(RequestValidationError, _validation)
    app.add_exception_handler(ProblemError, _problem)
    app.add_exception_handler(StarletteHTTPException, _http)
    app.add_exception_handler(OperationalError, _database_unavailable)
    app.add_exception_handler(Exception, _unexpected)
    app.add_middleware(_LastResort)

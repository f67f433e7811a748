"""JSON answers, serialised with orjson, and the contract's list envelope."""

from typing import Any
from urllib.parse import quote, unquote_plus

from starlette.requests import Request
from starlette.responses import Response

from app.documents import dumps


class JSONResponse(Response):
    media_type = "application/json"

    def render(self, content: Any) -> bytes:
        return dumps(content)


def list_response(
    request: Request,
    items: list[Any],
    next_cursor: str | None,
    total: int | None = None,
    extra: dict[str, Any] | None = None,
) -> JSONResponse:
    """`{"items", "next"}` (and `total` when counted, and `extra`), with `next` as a Link
    header too."""
    next_url = with_cursor(request, next_cursor) if next_cursor else None
    body: dict[str, Any] = {"items": items, "next": next_url, **(extra or {})}
    if total is not None:
        body["total"] = total
    headers = {"Link": f'<{next_url}>; rel="next"'} if next_url else None
    return JSONResponse(body, headers=headers)


def with_cursor(request: Request, cursor: str) -> str:
    """The request's URL with `cursor` as its last parameter and the others as sent, each
    character that a URL may not hold escaped: what request.url.include_query_params gives,
    without decoding and encoding every parameter again (a tenth of an answer of GET
    /events)."""
    base, _, query = str(request.url).partition("?")
    kept = [
        quote(pair, safe="=+%")
        for pair in query.split("&")
        if pair and unquote_plus(pair.partition("=")[0]) != "cursor"
    ]
    return f"{base}?{'&'.join([*kept, 'cursor=' + quote(cursor, safe='')])}"

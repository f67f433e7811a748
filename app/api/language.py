"""The reader's language in HTTP: `lang` (declared on every GET route, LangDep), else
Accept-Language (app.languages.chosen), and `Content-Language` on what is answered in it.

The response cache keys on the same choice (app.api.caching) and sends
`Vary: Accept-Language`.
"""

from typing import Annotated
from urllib.parse import parse_qsl

from fastapi import Depends, FastAPI, Query, Request
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from app import languages
from app.languages import Lang

LANG_DESCRIPTION = (
    "The language of titles, summaries, names and displayed dates: de or en. Without it, "
    "Accept-Language chooses; English when neither asks for one of these."
)
LangQuery = Annotated[Lang | None, Query(description=LANG_DESCRIPTION)]


async def language(request: Request, lang: LangQuery = None) -> Lang:
    return languages.chosen(lang, request.headers.get("accept-language"))


LangDep = Annotated[Lang, Depends(language)]


def scope_language(scope: Scope) -> Lang:
    """The language a request asks for, as `language` reads it, from the raw scope."""
    query = scope.get("query_string", b"")
    lang = dict(parse_qsl(query.decode("latin-1"))).get("lang") if b"lang=" in query else None
    accept = next((value for name, value in scope["headers"] if name == b"accept-language"), None)
    return languages.chosen(lang, accept.decode("latin-1") if accept is not None else None)


# What the API answers in a language; pages, scripts and the docs are not.
LOCALISED = (
    b"application/json",
    b"application/x-ndjson",
    b"application/geo+json",
    b"text/csv",
    b"text/calendar",
)


class ContentLanguage:
    """`Content-Language` on every successful GET of what the API renders."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or scope["method"] not in ("GET", "HEAD"):
            await self.app(scope, receive, send)
            return
        header = (b"content-language", scope_language(scope).encode())

        async def send_with_language(message: Message) -> None:
            if message["type"] == "http.response.start" and message["status"] < 400:
                sent = dict(message["headers"])
                if sent.get(b"content-type", b"").startswith(LOCALISED):
                    message = {**message, "headers": [*message["headers"], header]}
            await send(message)

        await self.app(scope, receive, send_with_language)


def install(app: FastAPI) -> None:
    app.add_middleware(ContentLanguage)

"""Security headers on every response; a Content-Security-Policy on HTML that sets none.

The page's and the docs' own CSP (set by their routes) win; this only fills in safe
defaults.
"""

from fastapi import FastAPI
from starlette.types import ASGIApp, Message, Receive, Scope, Send

ALWAYS = [
    (b"x-content-type-options", b"nosniff"),
    (b"referrer-policy", b"no-referrer"),
    (b"x-frame-options", b"DENY"),
]
HTML_CSP = (
    b"content-security-policy",
    b"default-src 'self'; script-src 'self'; object-src 'none'; base-uri 'none'; "
    b"frame-ancestors 'none'; form-action 'self'",
)


class SecurityHeaders:
    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return

        async def send_with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                sent = dict(message["headers"])  # ASGI's names are lower case
                added = [pair for pair in ALWAYS if pair[0] not in sent]
                html = sent.get(b"content-type", b"").startswith(b"text/html")
                if html and HTML_CSP[0] not in sent:
                    added.append(HTML_CSP)
                if added:
                    message = {**message, "headers": [*message["headers"], *added]}
            await send(message)

        await self.app(scope, receive, send_with_headers)


def install(app: FastAPI) -> None:
    app.add_middleware(SecurityHeaders)

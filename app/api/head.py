"""HEAD answered for every GET route: the GET's status and headers, without the body.

FastAPI routes declared with GET do not accept HEAD; link checkers, caches and
`curl -I` use it. The request runs as a GET and only the body is dropped.
"""

from fastapi import FastAPI
from starlette.types import ASGIApp, Message, Receive, Scope, Send


class HeadAsGet:
    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or scope["method"] != "HEAD":
            await self.app(scope, receive, send)
            return

        async def send_without_body(message: Message) -> None:
            if message["type"] == "http.response.body":
                if not message.get("more_body", False):
                    await send({"type": "http.response.body", "body": b""})
                return
            await send(message)

        await self.app({**scope, "method": "GET"}, receive, send_without_body)


def install(app: FastAPI) -> None:
    app.add_middleware(HeadAsGet)

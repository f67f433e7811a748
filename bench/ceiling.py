"""The ceiling of the stack: a bare Starlette app answering fixed bytes, served by the same
uvicorn settings as the service. `GET /bytes/{n}` answers n bytes of JSON-ish filler, so the
ceiling of each benchmark row moves the same amount of data as our answer; `/health` lets
bench/startup.py time its start.
"""

from functools import lru_cache

from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route


@lru_cache(maxsize=64)
def _body(size: int) -> bytes:
    return (b'{"items":[' + b"0," * size)[: max(size - 2, 0)] + b"]}"


async def fixed_bytes(request: Request) -> Response:
    return Response(_body(int(request.path_params["size"])), media_type="application/json")


async def health(_request: Request) -> Response:
    return Response(b'{"status":"ok"}', media_type="application/json")


app = Starlette(
    routes=[Route("/bytes/{size:int}", fixed_bytes), Route("/health", health)],
)

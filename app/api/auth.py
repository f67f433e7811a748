"""Bearer tokens for writes. Reads stay public.

TIMELINE_API_TOKENS holds `token` or `name:token` entries; the name (or `token-N`) is
what the history records as the author of a write. Tokens are compared in constant time
and never logged or echoed.
"""

import hashlib
import hmac
from typing import Annotated

from fastapi import Depends, Request

from app.api.errors import ProblemError
from app.config import Settings

CHALLENGE = {"WWW-Authenticate": 'Bearer realm="timeline"'}


def named_tokens(settings: Settings) -> list[tuple[str, str]]:
    """(name, token) for every configured token."""
    pairs = []
    for number, entry in enumerate(settings.api_tokens, start=1):
        name, separator, token = entry.partition(":")
        pairs.append((name, token) if separator else (f"token-{number}", entry))
    return pairs


def _digest(token: str) -> bytes:
    """Equal-length digests, so that the comparison does not reveal the token's length."""
    return hashlib.sha256(token.encode()).digest()


def writer(request: Request) -> str:
    """The name of the token that authorises this write; 401 without one, 403 if unknown."""
    scheme, _, presented = request.headers.get("authorization", "").partition(" ")
    if scheme.lower() != "bearer" or not presented.strip():
        raise ProblemError(401, "this request needs a bearer token", headers=CHALLENGE)
    presented_digest = _digest(presented.strip())
    found = None
    for name, token in named_tokens(request.app.state.settings):  # no early exit: same time
        if hmac.compare_digest(presented_digest, _digest(token)):
            found = name
    if found is None:
        raise ProblemError(403, "this token may not write")
    return found


WriterDep = Annotated[str, Depends(writer)]

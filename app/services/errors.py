"""Why a write was refused; the API answers each with its `status` as problem+json."""

from typing import Any


class WriteRefused(Exception):
    status = 400

    def __init__(self, detail: str, errors: list[dict[str, Any]] | None = None) -> None:
        super().__init__(detail)
        self.detail = detail
        self.errors = errors or []


class NotFound(WriteRefused):
    status = 404


class Gone(WriteRefused):
    """A deleted event; `merged_into` names the event it was merged into, if any."""

    status = 410

    def __init__(self, detail: str, merged_into: str | None = None) -> None:
        super().__init__(detail)
        self.merged_into = merged_into


class Conflict(WriteRefused):
    """The request clashes with what is stored: an id or a name already taken."""

    status = 409


class PreconditionFailed(WriteRefused):
    """The If-Match ETag is not the event's current one: someone else wrote first."""

    status = 412


class Invalid(WriteRefused):
    """Bad fields; `errors` names every one of them."""

    status = 422

    def __init__(self, errors: list[dict[str, Any]]) -> None:
        super().__init__("; ".join(f"{e['param']}: {e['message']}" for e in errors), errors)


class Problems:
    """Collects every bad field of one request, so that one answer names them all."""

    def __init__(self) -> None:
        self.errors: list[dict[str, Any]] = []

    def add(self, param: str, message: str, **extra: Any) -> None:
        self.errors.append({"param": param, "message": message, **extra})

    def check(self) -> None:
        if self.errors:
            raise Invalid(self.errors)

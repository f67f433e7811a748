"""The OpenAPI document describes every answer, problem+json errors included.

Routes declare the errors of their own logic (404, 409, ...); the errors every route can
give are added here once: 400 (malformed request), 413/414 (limits), 422 (bad parameter,
our Problem shape instead of FastAPI's HTTPValidationError), 500, 503 (database
unavailable, timeout), and 401/403 with the bearer scheme on routes that need a token.
Optional parameters lose their `null` alternative: a query string cannot say null; `limit`
says this server's maximum.
"""

from typing import Any

from fastapi import FastAPI
from fastapi.dependencies.models import Dependant
from fastapi.routing import APIRoute, iter_route_contexts

from app.api import auth, examples
from app.api.schemas import Problem

EVERY_ROUTE = (400, 413, 414, 422, 500, 503)
WRITE_ROUTES = (401, 403)
PROBLEM_REF = {"$ref": "#/components/schemas/Problem"}
FASTAPI_VALIDATION = "#/components/schemas/HTTPValidationError"
BEARER = {
    "type": "http",
    "scheme": "bearer",
    "description": "A token from the server's operator: writes need one, reads do not. "
    "The history records the token's name as the author of each write.",
}


def _needs_token(dependant: Dependant) -> bool:
    return any(d.call is auth.writer or _needs_token(d) for d in dependant.dependencies)


def _describe(operation: dict[str, Any], statuses: tuple[int, ...]) -> None:
    responses = operation.setdefault("responses", {})
    for status in statuses:
        responses.setdefault(str(status), {"description": "Problem"})
    for status, response in responses.items():
        if int(status) < 400:
            continue
        content = response.setdefault("content", {})
        plain = content.get("application/json", {}).get("schema")
        if plain in (PROBLEM_REF, {"$ref": FASTAPI_VALIDATION}):
            del content["application/json"]
        content["application/problem+json"] = {"schema": PROBLEM_REF}


def _without_null(parameter: dict[str, Any]) -> None:
    """`list[str] | None` is `anyOf: [array, null]`; a query parameter is never null."""
    schema = parameter.get("schema", {})
    branches = [b for b in schema.get("anyOf", []) if b != {"type": "null"}]
    if len(branches) == 1 and len(schema["anyOf"]) == 2:
        del schema["anyOf"]
        schema.update(branches[0])


def install(app: FastAPI) -> None:
    build = app.openapi

    def openapi() -> dict[str, Any]:
        if app.openapi_schema is not None:
            return app.openapi_schema
        document = build()
        writes = {
            (context.path_format, method.lower())
            for context in iter_route_contexts(app.routes)
            if isinstance(context.original_route, APIRoute) and _needs_token(context.dependant)
            for method in context.methods or ()
        }
        for path, operations in document.get("paths", {}).items():
            for method, operation in operations.items():
                needs_token = (path, method) in writes
                for parameter in operation.get("parameters", []):
                    _without_null(parameter)
                    if parameter["name"] == "limit":  # this server's own limit
                        parameter["schema"]["maximum"] = app.state.settings.max_page_size
                _describe(operation, EVERY_ROUTE + (WRITE_ROUTES if needs_token else ()))
                if needs_token:
                    operation["security"] = [{"bearer": []}]
        components = document.setdefault("components", {})
        schemas = components.setdefault("schemas", {})
        problem = Problem.model_json_schema(ref_template="#/components/schemas/{model}")
        schemas.update(problem.pop("$defs", {}))
        schemas["Problem"] = problem
        for name in ("HTTPValidationError", "ValidationError"):
            schemas.pop(name, None)
        if writes:
            components["securitySchemes"] = {"bearer": BEARER}
        examples.install(document)
        return document

    app.openapi = openapi  # type: ignore[method-assign]

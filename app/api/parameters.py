"""Reads take only the query parameters their route declares.

A typo (`/events?actr=kim`) would otherwise be ignored, and a script would silently pull
every event: an unknown parameter is a 422 naming it, with the closest declared names.
The declared names are the route's own (its parameters, its dependencies' and those of
its OpenAPI `parameters`, for routes that read the query string themselves), so a
parameter added to a route is accepted at once. Names starting with `_` are ignored:
some clients add one to defeat caches.
"""

from urllib.parse import parse_qsl

from fastapi import FastAPI, Request
from fastapi.dependencies.models import Dependant
from fastapi.routing import APIRoute, RouteContext, iter_route_contexts
from pydantic import BaseModel

from app.api.errors import ProblemError
from app.vocabulary import closest

READS = frozenset({"GET", "HEAD"})


def declared(route: APIRoute | RouteContext) -> frozenset[str]:
    """The query parameters `route` documents."""
    extra = (route.openapi_extra or {}).get("parameters", [])
    names = {parameter["name"] for parameter in extra if parameter.get("in") == "query"}
    pending: list[Dependant] = [route.dependant]
    while pending:
        dependant = pending.pop()
        pending.extend(dependant.dependencies)
        for field in dependant.query_params:
            model = field.field_info.annotation
            if isinstance(model, type) and issubclass(model, BaseModel):  # a parameter model
                names.update(f.alias or name for name, f in model.model_fields.items())
            else:
                names.add(field.alias)
    return frozenset(names)


def unknown(query_string: bytes, allowed: frozenset[str]) -> ProblemError | None:
    """A 422 naming every parameter of the query string that is not allowed, or None."""
    given = dict.fromkeys(name for name, _ in parse_qsl(query_string.decode("latin-1"), True))
    strangers = [name for name in given if name not in allowed and not name.startswith("_")]
    if not strangers:
        return None
    takes = f"takes {', '.join(sorted(allowed))}" if allowed else "takes no parameters"
    message = f"unknown parameter; this operation {takes}"
    errors = [
        {"param": name, "message": message, "suggestions": closest(name, allowed)}
        for name in strangers
    ]
    return ProblemError(422, "; ".join(f"{e['param']}: {e['message']}" for e in errors), errors)


async def declared_only(request: Request) -> None:
    """Every route's dependency (and RequestRoute's first step): refuses a read whose query
    string has a parameter its route does not declare."""
    query_string = request.scope["query_string"]
    if not query_string or request.method not in READS:
        return
    allowed = _declared_by_route(request.app).get(id(request.scope.get("route")))
    if allowed is not None and (refusal := unknown(query_string, allowed)) is not None:
        raise refusal


def _declared_by_route(app: FastAPI) -> dict[int, frozenset[str]]:
    """The declared names of each documented read, by the id of its route (routes do not
    hash); built at the first read with a query string."""
    found: dict[int, frozenset[str]] | None = getattr(app.state, "declared_parameters", None)
    if found is None:
        found = {}
        for context in iter_route_contexts(app.routes):
            route = context.original_route
            if not isinstance(route, APIRoute) or not context.include_in_schema:
                continue
            if READS & (context.methods or set()):
                found[id(route)] = found.get(id(route), frozenset()) | declared(context)
        app.state.declared_parameters = found
    return found

"""Examples for the OpenAPI document, taken from the seed corpus (examples.json).

examples.json holds one example per schema that a route answers or takes (and, under
`GET /path`, the answers that have no schema): answers of a server on the seeds (lists
and long texts cut short), and bodies that such a server accepts. The schemas inside
them (a date, a place, a source) take their examples from there, list envelopes from
their items, and each operation shows its answer's and its body's example;
tests/api/test_openapi.py keeps them true to the seeds.
"""

import json
from functools import cache
from pathlib import Path
from typing import Any

EXAMPLES_FILE = Path(__file__).with_name("examples.json")
Json = dict[str, Any]

# Query and path parameters, by name: values a seeded server answers.
PARAMETERS: Json = {
    "actor": "kim",
    "place": "Singapur",
    "kind": "summit",
    "tag": "diplomacy",
    "from": "2018",
    "to": "Juni 2019",
    "q": "Singapur",
    "article": "trump-kim-romance-renaissance-2025",
    "updated_since": "2026-01-01T00:00:00Z",
    "status": "published",
    "limit": 20,
    "count": True,
    "sort": "date",
    "format": "json",
    "facet": "year",
    "since": "0",
    "event_id": "singapore-summit-2018",
    "actor_id": "kim-jong-un",
    "place_id": "singapore",
    "article_id": "trump-kim-romance-renaissance-2025",
    "passage_id": 30,
    "source_id": 55,
    "lang": "en",
    "Content-Language": "en",
    "If-Match": "*",
}
# Where one operation needs another value: merging an event into itself is refused.
OPERATION_PARAMETERS: dict[tuple[str, str], Json] = {
    ("post", "/events/{event_id}/merge"): {"event_id": "panmunjom-meeting-2019"},
}


@cache
def stored() -> Json:
    examples: Json = json.loads(EXAMPLES_FILE.read_text(encoding="utf-8"))
    return examples


def _ref_name(schema: Json) -> str | None:
    ref = schema.get("$ref") or next(
        (branch["$ref"] for branch in schema.get("anyOf", []) if "$ref" in branch), None
    )
    return ref.rsplit("/", 1)[-1] if ref else None


def _spread(schemas: Json, name: str, example: Any) -> None:
    """Gives `name` its example, and each schema it refers to the value found there."""
    schema = schemas.get(name)
    if schema is None or "examples" in schema or example is None:
        return
    schema["examples"] = [example]
    for prop, sub in schema.get("properties", {}).items():
        value = example.get(prop) if isinstance(example, dict) else None
        if sub.get("type") == "array" and isinstance(value, list):
            sub, value = sub.get("items", {}), (value[0] if value else None)
        if (target := _ref_name(sub)) is not None and isinstance(value, dict):
            _spread(schemas, target, value)


def _listing(schemas: Json, name: str) -> Any:
    """The example of a list envelope (`EventPublicList`): its item's, and a next page."""
    item = _ref_name(schemas[name]["properties"]["items"].get("items", {}))
    if item is None or "examples" not in schemas.get(item, {}):
        return None
    return {"items": schemas[item]["examples"], "next": stored()["_next"], "total": None}


def install(document: Json) -> None:
    """Examples on every schema, operation and parameter we have one for."""
    schemas = document.get("components", {}).get("schemas", {})
    for name, example in stored().items():
        _spread(schemas, name, example)
    changes = schemas.get("ChangeList")
    if changes is not None:
        items = [stored()["EventChange"], stored()["EventRemoval"]]
        changes["examples"] = [{"items": items, "next": None, "since": 413}]
    for name in list(schemas):
        if name.endswith("List") and "examples" not in schemas[name]:
            _spread(schemas, name, _listing(schemas, name))
    for path, operations in document.get("paths", {}).items():
        for method, operation in operations.items():
            answer = stored().get(f"{method.upper()} {path}")
            if answer is not None:  # an answer with no schema of its own
                operation["responses"]["200"]["content"]["application/json"]["example"] = answer
            values = {**PARAMETERS, **OPERATION_PARAMETERS.get((method, path), {})}
            for parameter in operation.get("parameters", []):
                if parameter["name"] in values:
                    parameter["example"] = values[parameter["name"]]
            contents = [operation.get("requestBody", {}).get("content", {})] + [
                response.get("content", {})
                for status, response in operation.get("responses", {}).items()
                if status.startswith("2")
            ]
            for content in contents:
                for media in content.values():
                    ref = _ref_name(media.get("schema", {}))
                    if ref and "examples" in schemas.get(ref, {}):
                        media["example"] = schemas[ref]["examples"][0]

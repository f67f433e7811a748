"""The OpenAPI document is a contract a client can be generated from: closed vocabularies
are enums, every schema and operation has an example taken from the seed corpus (and the
example bodies are accepted), writes declare the bearer scheme, and descriptions speak to
a user, not of the implementation."""

import re
from typing import Any

import httpx
import jsonschema_rs
import pytest

from app.dates import PRECISIONS, QUALIFIERS
from app.models import ACTOR_KINDS, EVENT_STATUSES, ROLES
from app.vocabulary import EVENT_KINDS, TAGS
from tests.conftest import TEST_TOKEN, LiveServer

Json = dict[str, Any]
WRITE_METHODS = {"post", "patch", "put", "delete"}


@pytest.fixture
def document(client: httpx.Client) -> Json:
    found: Json = client.get("/openapi.json").json()
    return found


def _operations(document: Json) -> list[tuple[str, str, Json]]:
    return [
        (method, path, operation)
        for path, operations in document["paths"].items()
        for method, operation in operations.items()
    ]


def _validator(document: Json, schema: Json) -> Any:
    """A validator for `schema`, its `#/components/...` references resolved in `document`."""
    return jsonschema_rs.Draft202012Validator({**schema, "components": document["components"]})


def _property(document: Json, schema: str, name: str) -> Json:
    found: Json = document["components"]["schemas"][schema]["properties"][name]
    for branch in found.get("anyOf", []):
        if branch != {"type": "null"}:
            found = branch
    return found.get("items", found) if found.get("type") == "array" else found


@pytest.mark.parametrize(
    ("schema", "name", "vocabulary"),
    [
        ("EventPublic", "kind", EVENT_KINDS),
        ("EventPublic", "tags", TAGS),
        ("EventPublic", "status", EVENT_STATUSES),
        ("EventActorPublic", "role", ROLES),
        ("EventActorPublic", "kind", ACTOR_KINDS),
        ("DateObject", "precision", PRECISIONS),
        ("DateObject", "qualifier", QUALIFIERS),
        ("DateObject", "end_precision", PRECISIONS),
        ("EventCreate", "kind", EVENT_KINDS),
        ("EventCreate", "tags", TAGS),
        ("EventUpdate", "status", EVENT_STATUSES),
        ("ActorInput", "role", ROLES),
        ("ActorCreate", "kind", ACTOR_KINDS),
    ],
)
def test_closed_vocabularies_are_enums(
    document: Json, schema: str, name: str, vocabulary: tuple[str, ...]
) -> None:
    assert _property(document, schema, name)["enum"] == list(vocabulary)


def test_query_vocabularies_and_formats_are_enums(document: Json) -> None:
    for method, path, operation in _operations(document):
        for parameter in operation.get("parameters", []):
            schema = parameter["schema"].get("items", parameter["schema"])
            if parameter["name"] in ("kind", "tag", "status", "sort", "format", "facet"):
                assert schema.get("enum"), (method, path, parameter["name"])


def test_every_schema_and_operation_has_an_example_that_fits_it(document: Json) -> None:
    for name, schema in document["components"]["schemas"].items():
        assert schema.get("examples"), name
        validator = _validator(document, schema)
        for example in schema["examples"]:
            assert validator.is_valid(example), (name, list(validator.iter_errors(example))[:3])
    for method, path, operation in _operations(document):
        media = [operation.get("requestBody", {})] + list(operation["responses"].values())
        examples = [
            m["example"] for r in media for m in r.get("content", {}).values() if "example" in m
        ]
        examples += [p["example"] for p in operation.get("parameters", []) if "example" in p]
        assert examples, (method, path)


def test_examples_are_the_seed_corpus(document: Json, client: httpx.Client) -> None:
    schemas = document["components"]["schemas"]
    event = schemas["EventPublic"]["examples"][0]
    live = client.get(f"/events/{event['id']}").json()
    volatile = {"created_at", "updated_at", "sources", "links"}
    assert {k: v for k, v in event.items() if k not in volatile} == {
        k: v for k, v in live.items() if k not in volatile
    }
    assert all(source in live["sources"] for source in event["sources"])
    for schema, path in [
        ("ActorPublic", "/actors/{id}"),
        ("PlaceDetail", "/places/{id}"),
        ("PassagePublic", "/passages/{id}"),
    ]:
        example = schemas[schema]["examples"][0]
        assert client.get(path.format(id=example["id"])).json() == example, schema
    article = schemas["ArticlePublic"]["examples"][0]
    text = client.get(f"/articles/{article['id']}").json()["text"]
    assert text.startswith(article["text"].rstrip("…"))
    passage = client.get(f"/passages/{schemas['SourceInput']['examples'][0]['passage_id']}")
    assert schemas["SourceInput"]["examples"][0]["quote"] in passage.json()["text"]


def test_the_example_bodies_are_accepted(writable_server: LiveServer) -> None:
    auth = {"Authorization": f"Bearer {TEST_TOKEN}"}
    with httpx.Client(base_url=writable_server.url, headers=auth, timeout=30) as http:
        schemas = http.get("/openapi.json").json()["components"]["schemas"]

        def example(name: str) -> Json:
            found: Json = schemas[name]["examples"][0]
            return found

        created = http.post("/events", json=example("EventCreate"))
        assert created.status_code == 201, created.text
        event_id = created.json()["id"]
        patched = http.patch(f"/events/{event_id}", json=example("EventUpdate"))
        assert patched.status_code == 200, patched.text
        cited = http.post(f"/events/{event_id}/sources", json=example("SourceInput"))
        assert cited.status_code == 201, cited.text
        merged = http.post(f"/events/{event_id}/merge", json=example("MergeRequest"))
        assert merged.status_code == 200, merged.text
        for path, schema in [("/actors", "ActorCreate"), ("/places", "PlaceCreate")]:
            answer = http.post(path, json=example(schema))
            assert answer.status_code == 201, answer.text
        assert http.patch("/actors/kim-jong-un", json=example("ActorUpdate")).status_code == 200
        assert http.patch("/places/singapore", json=example("PlaceUpdate")).status_code == 200
        ingested = http.post("/articles", json=example("ArticleCreate"))
        assert ingested.status_code == 201, ingested.text


def test_writes_declare_the_bearer_scheme_and_reads_do_not(document: Json) -> None:
    assert document["components"]["securitySchemes"]["bearer"]["scheme"] == "bearer"
    for method, path, operation in _operations(document):
        expected: list[Json] | None = [{"bearer": []}] if method in WRITE_METHODS else None
        assert operation.get("security") == expected, (method, path)
        if expected:
            assert {"401", "403"} <= operation["responses"].keys()


def test_descriptions_speak_to_users(document: Json) -> None:
    texts: list[str] = []

    def collect(node: Any) -> None:
        if isinstance(node, dict):
            texts.extend(str(node[k]) for k in ("description", "summary") if k in node)
            for value in node.values():
                collect(value)
        elif isinstance(node, list):
            for value in node:
                collect(value)

    collect(document)
    assert texts
    for text in texts:
        assert not re.search(r"\bapp\.\w|\b[A-Z][A-Z0-9]*_[A-Z0-9_]+\b|from_query|Route\b", text), (
            text
        )

"""Reads take only the parameters their route declares: an undeclared one is a 422
naming it with the closest declared names, so a typo does not silently widen a query."""

import httpx

from tests.api.test_read_api import assert_problem, ids


def _reads(client: httpx.Client) -> list[tuple[str, list[str]]]:
    """Every GET of the live document with a path that names seed data, and its query
    parameters as documented."""
    fill = {"event_id": "singapore-summit-2018", "actor_id": "kim-jong-un"}
    fill |= {"place_id": "singapore", "article_id": "north-korea-options-zeit-2017"}
    fill |= {"passage_id": "1", "link_id": "1"}
    reads = []
    for path, operations in client.get("/openapi.json").json()["paths"].items():
        if "get" in operations:
            params = operations["get"].get("parameters", [])
            reads.append(
                (
                    path.format(**fill),
                    [p["name"] for p in params if p["in"] == "query"],
                )
            )
    return reads


def test_every_read_refuses_an_undeclared_parameter_suggesting_the_closest(
    client: httpx.Client,
) -> None:
    reads = _reads(client)
    assert len(reads) >= 12
    for path, declared in reads:
        body = assert_problem(
            client.get(path, params={"bogus_parameter": "1"}), 422, "bogus_parameter"
        )
        assert body["errors"][0]["suggestions"] == []
        for name in declared:  # a typo of each declared name suggests it
            typo = name + name[-1]
            problem = assert_problem(client.get(path, params={typo: "1"}), 422, typo)
            assert name in problem["errors"][0]["suggestions"], (path, typo)


def test_a_typo_is_refused_instead_of_answering_every_event(client: httpx.Client) -> None:
    body = assert_problem(client.get("/events", params={"actr": "kim"}), 422, "actr")
    assert body["errors"][0]["suggestions"] == ["actor"]
    assert body["detail"].startswith("actr: unknown parameter; this operation takes actor,")


def test_parameters_starting_with_an_underscore_are_ignored(client: httpx.Client) -> None:
    plain = ids(client.get("/events", params={"actor": "kim"}))
    assert ids(client.get("/events", params={"actor": "kim", "_": "1733490000"})) == plain
    assert client.get("/health", params={"_cache": "x"}).status_code == 200

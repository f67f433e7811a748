"""Every operation of our own /openapi.json, fuzzed over real HTTP by schemathesis.

No server error, and every answer (status, content type, headers, body) as the document
says, for data that fits the document and for data that does not. Writes carry the test
token, so they reach their logic instead of stopping at 401. The operations are read
from the live document, so routes added later are fuzzed without touching this file.

schemathesis' own pytest plugin (`schemathesis.pytest.from_fixture`) cannot run under
pytest 9 (it sets `Function._nodeid`, which pytest 9 removed), so the operations are
driven through its Python API: one hypothesis run per operation and generation mode.
"""

import schemathesis
from hypothesis import HealthCheck, given, settings
from hypothesis.errors import Unsatisfiable
from schemathesis.checks import load_all_checks
from schemathesis.config import SchemathesisConfig
from schemathesis.generation.case import Case
from schemathesis.generation.modes import GenerationMode

from tests.conftest import TEST_TOKEN, LiveServer

AUTH = {"Authorization": f"Bearer {TEST_TOKEN}"}
EXAMPLES_PER_OPERATION = 30
CHECKS = {
    # A string that fits the schema can still name no actor or no date: those are
    # answered 422 by design, so "every schema-valid request is accepted" is not ours.
    "positive_data_acceptance": {"enabled": False},
    # Invalid data may also be refused by the request limits (413, 414).
    "negative_data_rejection": {
        "expected-statuses": [400, 401, 403, 404, 405, 406, 409, 413, 414, 415, 422, 428, 429]
    },
}


def test_every_operation_answers_as_documented(writable_server: LiveServer) -> None:
    load_all_checks()
    config = SchemathesisConfig.from_dict({"checks": CHECKS})
    schema = schemathesis.openapi.from_url(f"{writable_server.url}/openapi.json", config=config)
    failures: list[str] = []
    operations = [result.ok() for result in schema.get_all_operations()]  # type: ignore[union-attr]
    assert any(op.path == "/events" for op in operations)
    for operation in operations:
        for mode in (GenerationMode.POSITIVE, GenerationMode.NEGATIVE):

            @settings(
                max_examples=EXAMPLES_PER_OPERATION,
                deadline=None,
                database=None,
                suppress_health_check=list(HealthCheck),
            )
            @given(case=operation.as_strategy(generation_mode=mode))
            def fuzz(case: Case) -> None:  # type: ignore[type-arg]
                case.call_and_validate(headers=AUTH)

            try:
                fuzz()
            except Unsatisfiable:  # no parameters: nothing to make invalid
                assert mode == GenerationMode.NEGATIVE, operation.label
            except (Exception, BaseExceptionGroup) as failure:  # report every failing operation
                failures.append(f"{operation.label} ({mode}): {str(failure)[:3000]}")
    assert not failures, "\n\n".join(failures)

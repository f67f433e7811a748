"""Every operation of our own /openapi.json, fuzzed over real HTTP by schemathesis.

No server error, and every answer (status, content type, headers, body) as the document
says, for data that fits the document and for data that does not. Writes carry the test
token, so they reach their logic instead of stopping at 401. The operations are read
from the live document, so routes added later are fuzzed without touching this file.

schemathesis' own pytest plugin (`schemathesis.pytest.from_fixture`) cannot run under
pytest 9 (it sets `Function._nodeid`, which pytest 9 removed), so the operations are
driven through its Python API: one hypothesis run per operation and generation mode,
after the document's own examples (removals last, so that every operation meets them).
Like schemathesis' command line, it refuses an operation that "mostly rejected generated
data": every schema-valid request refused with a 4xx, and a tenth of those or more for
their data (not 404, nor 412: a version that does not match); the document would then not
say what the operation accepts.
"""

from collections import Counter
from typing import Any

import schemathesis
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from hypothesis.errors import Unsatisfiable
from schemathesis.checks import load_all_checks
from schemathesis.config import SchemathesisConfig
from schemathesis.core.parameters import ParameterLocation
from schemathesis.generation.case import Case
from schemathesis.generation.meta import TestPhase
from schemathesis.generation.modes import GenerationMode

from tests.conftest import TEST_TOKEN, LiveServer

AUTH = {"Authorization": f"Bearer {TEST_TOKEN}"}
EXAMPLES_PER_OPERATION = 30
CHECKS = {
    # A string that fits the schema can still name no actor or no date: those are
    # answered 422 by design, so "every schema-valid request is accepted" is not ours.
    "positive_data_acceptance": {"enabled": False},
    # Invalid data may also be refused by the request limits (413, 414), or by a write's
    # If-Match before its body is read (412): refused either way, nothing changed.
    "negative_data_rejection": {
        "expected-statuses": [400, 401, 403, 404, 405, 406, 409, 412, 413, 414, 415, 422, 428, 429]
    },
}


def test_every_operation_answers_as_documented(writable_server: LiveServer) -> None:
    load_all_checks()
    config = SchemathesisConfig.from_dict({"checks": CHECKS})
    schema = schemathesis.openapi.from_url(f"{writable_server.url}/openapi.json", config=config)
    failures: list[str] = []
    operations = sorted(
        (result.ok() for result in schema.get_all_operations()),  # type: ignore[union-attr]
        key=_removals_last,
    )
    assert any(op.path == "/events" for op in operations)
    rejected: list[str] = []
    runs = [
        (TestPhase.EXAMPLES, GenerationMode.POSITIVE),
        (TestPhase.FUZZING, GenerationMode.POSITIVE),
        (TestPhase.FUZZING, GenerationMode.NEGATIVE),
    ]
    for operation in operations:
        accepted: Counter[int] = Counter()  # statuses of the schema-valid requests
        for phase, mode in runs:
            try:
                _fuzz(operation, phase, mode, accepted)
            except Unsatisfiable:  # no parameters: nothing to make invalid
                assert mode == GenerationMode.NEGATIVE, operation.label
            except (Exception, BaseExceptionGroup) as failure:  # report every failing operation
                failures.append(f"{operation.label} ({phase}, {mode}): {str(failure)[:3000]}")
        if _mostly_rejected(accepted):
            rejected.append(f"{operation.label}: {dict(accepted)}")
    assert not failures, "\n\n".join(failures)
    assert not rejected, "mostly rejected generated data:\n" + "\n".join(rejected)


def _removals_last(operation: Any) -> int:
    """Writes that remove what the examples name (a source, by merging, the event itself)
    run after every other operation has had its examples."""
    if operation.method.upper() == "DELETE" and operation.path == "/events/{event_id}":
        return 2
    return int(operation.method.upper() == "DELETE" or operation.path.endswith("/merge"))


def _fuzz(operation: Any, phase: TestPhase, mode: GenerationMode, accepted: Counter[int]) -> None:
    """One hypothesis run; counts the statuses of schema-valid requests in `accepted`."""

    @settings(
        max_examples=EXAMPLES_PER_OPERATION,
        deadline=None,
        database=None,
        suppress_health_check=list(HealthCheck),
    )
    @given(case=_strategy(operation, phase, mode))
    def fuzz(case: Case) -> None:  # type: ignore[type-arg]
        response = case.call_and_validate(headers=None if _breaks_headers(case) else AUTH)
        if mode == GenerationMode.POSITIVE:
            accepted[response.status_code] += 1

    fuzz()


def _strategy(operation: Any, phase: TestPhase, mode: GenerationMode) -> Any:
    """The document's own examples in the examples phase (`as_strategy` given that phase
    still generates its data), data generated from the schemas otherwise."""
    if phase == TestPhase.EXAMPLES:
        examples = operation.get_strategies_from_examples()
        assert examples, f"{operation.label} has no example"
        return st.one_of(examples)
    return operation.as_strategy(generation_mode=mode, phase=phase)


def _breaks_headers(case: Case) -> bool:  # type: ignore[type-arg]
    """A negative case made from headers that break the document (no Authorization on a
    write, say) goes without the test token, which would mend it."""
    info = case.meta.components.get(ParameterLocation.HEADER) if case.meta else None
    return info is not None and info.mode == GenerationMode.NEGATIVE


def _mostly_rejected(statuses: Counter[int]) -> bool:
    """schemathesis' rule: every request refused with a 4xx, a tenth of them not 404. A 412
    is no refusal of the data either: a generated If-Match names no version of a thing
    that exists (the seeds hold no pending link, so reviewing one answers 404, or 412 when
    the generated If-Match meets the event first: about a tenth of the draws)."""
    refused = sum(n for status, n in statuses.items() if 400 <= status < 500)
    for_their_data = refused - statuses[404] - statuses[412]
    return 0 < refused == statuses.total() and for_their_data >= 0.1 * refused

"""FastAPI's OpenTelemetry: requests are traced only when TIMELINE_OPENTELEMETRY says so."""

from collections.abc import Iterator

import httpx
import pytest
from opentelemetry import trace
from opentelemetry.sdk.trace import TracerProvider
from opentelemetry.sdk.trace.export import SimpleSpanProcessor
from opentelemetry.sdk.trace.export.in_memory_span_exporter import InMemorySpanExporter

from tests.conftest import Databases, LiveServer, settings_for

EXPORTER = InMemorySpanExporter()


@pytest.fixture(scope="module")
def configured_tracing() -> InMemorySpanExporter:
    """A process-wide tracer provider, as `opentelemetry-instrument` would configure."""
    if not isinstance(trace.get_tracer_provider(), TracerProvider):
        provider = TracerProvider()
        provider.add_span_processor(SimpleSpanProcessor(EXPORTER))
        trace.set_tracer_provider(provider)
    return EXPORTER


@pytest.fixture
def spans(configured_tracing: InMemorySpanExporter) -> Iterator[InMemorySpanExporter]:
    configured_tracing.clear()
    yield configured_tracing
    configured_tracing.clear()


@pytest.mark.parametrize("enabled", [False, True], ids=["off", "on"])
def test_requests_are_traced_only_when_opentelemetry_is_on(
    databases: Databases, seeded_url: str, spans: InMemorySpanExporter, enabled: bool
) -> None:
    settings = settings_for(databases.new(template=seeded_url), opentelemetry=enabled)
    with LiveServer(settings) as live:
        answer = httpx.get(live.url + "/events?actor=kim", timeout=30)
        assert answer.status_code == 200
        assert answer.json()["items"]
    names = [span.name for span in spans.get_finished_spans()]
    assert ("GET /events" in names) is enabled, names

"""OpenTelemetry: spans and metrics, read back with the SDK's in-memory exporter and reader.

Each test gives its client providers of its own (``Telemetry(...)``), so no
global state is shared between tests; the global providers are tried in a
fresh interpreter.
"""

from __future__ import annotations

import json
import subprocess
import sys
import textwrap
from collections.abc import Iterator
from datetime import timedelta
from typing import Any

import pytest
from aioresponses import aioresponses
from opentelemetry.sdk.metrics import MeterProvider
from opentelemetry.sdk.metrics.export import InMemoryMetricReader
from opentelemetry.sdk.trace import ReadableSpan, TracerProvider
from opentelemetry.sdk.trace.export import SimpleSpanProcessor
from opentelemetry.sdk.trace.export.in_memory_span_exporter import InMemorySpanExporter
from opentelemetry.trace import SpanKind, StatusCode

from ghactions_async import AsyncGitHubActions, Telemetry
from ghactions_async.testing import FakeClock, FakeGitHub, days_ago

API = "https://api.github.com"
USAGE = f"{API}/repos/octo/app/actions/cache/usage"
USAGE_BODY = {"full_name": "octo/app", "active_caches_size_in_bytes": 1, "active_caches_count": 1}
USAGE_TEMPLATE = "/repos/{owner}/{repo}/actions/cache/usage"
TOKEN = "ghp_TracedButNeverShown00000000000000000"


class Recorder:
    """A tracer provider and a meter provider that keep everything in memory."""

    def __init__(self) -> None:
        self.exporter = InMemorySpanExporter()
        self.tracer_provider = TracerProvider()
        self.tracer_provider.add_span_processor(SimpleSpanProcessor(self.exporter))
        self.reader = InMemoryMetricReader()
        self.meter_provider = MeterProvider(metric_readers=[self.reader])
        self.telemetry = Telemetry(
            tracer_provider=self.tracer_provider, meter_provider=self.meter_provider
        )

    def spans(self) -> list[ReadableSpan]:
        return list(self.exporter.get_finished_spans())

    def points(self, name: str) -> list[Any]:
        data = self.reader.get_metrics_data()
        assert data is not None
        return [
            point
            for resource in data.resource_metrics
            for scope in resource.scope_metrics
            for metric in scope.metrics
            if metric.name == name
            for point in metric.data.data_points
        ]

    def close(self) -> None:
        self.tracer_provider.shutdown()
        self.meter_provider.shutdown()


@pytest.fixture
def recorder() -> Iterator[Recorder]:
    kept = Recorder()
    yield kept
    kept.close()


@pytest.fixture
def mocked() -> Iterator[aioresponses]:
    with aioresponses() as mock:
        yield mock


def named(spans: list[ReadableSpan], name: str) -> list[ReadableSpan]:
    return [s for s in spans if s.name == name]


def parent_of(span: ReadableSpan) -> int | None:
    return span.parent.span_id if span.parent is not None else None


async def test_a_call_is_an_internal_span_over_one_client_span_per_attempt(
    mocked: aioresponses, recorder: Recorder
) -> None:
    mocked.get(USAGE, status=502, payload={"message": "bad"}, headers={"x-github-request-id": "A"})
    mocked.get(USAGE, payload=USAGE_BODY, headers={"x-github-request-id": "B"})
    async with AsyncGitHubActions(TOKEN, clock=FakeClock(), telemetry=recorder.telemetry) as gh:
        await gh.caches.get_usage("octo", "app")
    spans = recorder.spans()
    [call] = named(spans, "caches.get_usage")
    exchanges = named(spans, f"GET {USAGE_TEMPLATE}")
    assert len(spans) == 3
    assert call.kind == SpanKind.INTERNAL
    assert call.attributes == {"github.operation_id": "actions/get-actions-cache-usage"}
    assert [s.kind for s in exchanges] == [SpanKind.CLIENT, SpanKind.CLIENT]
    assert {parent_of(s) for s in exchanges} == {call.context.span_id}
    common = {
        "http.request.method": "GET",
        "url.full": USAGE,
        "url.template": USAGE_TEMPLATE,
        "server.address": "api.github.com",
        "server.port": 443,
        "github.operation_id": "actions/get-actions-cache-usage",
    }
    assert dict(exchanges[0].attributes or {}) == {
        **common,
        "http.response.status_code": 502,
        "github.request_id": "A",
        "error.type": "502",
    }
    assert exchanges[0].status.status_code == StatusCode.ERROR
    assert dict(exchanges[1].attributes or {}) == {
        **common,
        "http.request.resend_count": 1,
        "http.response.status_code": 200,
        "github.request_id": "B",
    }
    assert exchanges[1].status.status_code == StatusCode.UNSET


async def test_the_duration_histogram_and_the_retry_counter(
    mocked: aioresponses, recorder: Recorder
) -> None:
    mocked.get(USAGE, status=502, payload={"message": "bad"})
    mocked.get(USAGE, payload=USAGE_BODY)
    async with AsyncGitHubActions(TOKEN, clock=FakeClock(), telemetry=recorder.telemetry) as gh:
        await gh.caches.get_usage("octo", "app")
    durations = recorder.points("http.client.request.duration")
    by_status = {p.attributes["http.response.status_code"]: p for p in durations}
    assert sorted(by_status) == [200, 502]
    assert by_status[502].count == by_status[200].count == 1
    assert dict(by_status[502].attributes) == {
        "http.request.method": "GET",
        "server.address": "api.github.com",
        "server.port": 443,
        "url.template": USAGE_TEMPLATE,
        "http.response.status_code": 502,
        "error.type": "502",
    }
    assert list(by_status[200].explicit_bounds)[:3] == [0.005, 0.01, 0.025]
    [retries] = recorder.points("github.client.retries")
    assert retries.value == 1
    assert dict(retries.attributes) == {
        "http.request.method": "GET",
        "github.retry.reason": "502",
        "url.template": USAGE_TEMPLATE,
    }


async def test_waits_by_reason_and_the_budget_remaining(
    mocked: aioresponses, recorder: Recorder
) -> None:
    from datetime import datetime, timezone

    start = datetime(2030, 1, 1, tzinfo=timezone.utc)
    spent = {
        "x-ratelimit-limit": "5000",
        "x-ratelimit-remaining": "0",
        "x-ratelimit-reset": str(int(start.timestamp()) + 30),
        "x-ratelimit-resource": "core",
    }
    mocked.get(USAGE, payload=USAGE_BODY, headers=spent)
    mocked.get(USAGE, payload=USAGE_BODY, headers={**spent, "x-ratelimit-remaining": "4999"})
    async with AsyncGitHubActions(
        TOKEN, clock=FakeClock(start), telemetry=recorder.telemetry
    ) as gh:
        await gh.caches.get_usage("octo", "app")
        assert recorder.points("github.client.rate_limit.remaining")[0].value == 0
        await gh.caches.get_usage("octo", "app")
    [waits] = recorder.points("github.client.rate_limit.waits")
    assert (waits.value, dict(waits.attributes)) == (1, {"github.rate_limit.reason": "primary"})
    [waited] = recorder.points("github.client.rate_limit.wait_duration")
    assert waited.value == 31.0
    [remaining] = recorder.points("github.client.rate_limit.remaining")
    assert (remaining.value, dict(remaining.attributes)) == (
        4999,
        {"github.rate_limit.resource": "core"},
    )


async def test_a_listing_is_one_span_over_its_pages(fake: FakeGitHub, recorder: Recorder) -> None:
    for n in range(250):
        fake.add_cache("octo/app", key=f"k{n}")
    async with AsyncGitHubActions(
        fake.token, base_url=fake.url, telemetry=recorder.telemetry
    ) as gh:
        caches = await gh.caches.list("octo", "app").collect()
    assert len(caches) == 250
    spans = recorder.spans()
    [listing] = named(spans, "caches.list")
    pages = named(spans, "GET /repos/{owner}/{repo}/actions/caches")
    assert len(pages) == 3
    assert {parent_of(p) for p in pages} == {listing.context.span_id}
    assert listing.attributes is not None
    assert listing.attributes["github.pages"] == 3
    queries = sorted(str((p.attributes or {})["url.full"]).rpartition("page=")[2] for p in pages)
    assert queries == ["1", "2", "3"]


async def test_a_bulk_operation_is_the_parent_of_all_its_calls(
    fake: FakeGitHub, recorder: Recorder
) -> None:
    for repo in ("octo/a", "octo/b"):
        fake.add_cache(repo, key="old", last_accessed_at=days_ago(30))
        fake.add_cache(repo, key="new", last_accessed_at=days_ago(0))
    async with AsyncGitHubActions(
        fake.token, base_url=fake.url, telemetry=recorder.telemetry
    ) as gh:
        report = await gh.bulk.prune_caches(repos=["octo/a", "octo/b"], older_than=timedelta(7))
    assert report.deleted == 2
    spans = recorder.spans()
    [bulk] = named(spans, "bulk.prune_caches")
    assert bulk.kind == SpanKind.INTERNAL
    assert bulk.parent is None
    assert dict(bulk.attributes or {}) == {
        "github.bulk.operation": "prune_caches",
        "github.bulk.dry_run": False,
        "github.bulk.planned": 2,
        "github.bulk.done": 2,
        "github.bulk.failed": 0,
        "github.bulk.requests": report.requests,
    }
    calls = [s for s in spans if s.kind == SpanKind.INTERNAL and s is not bulk]
    # One cache per key: each goes by id.
    assert sorted(s.name for s in calls) == [
        "caches.delete",
        "caches.delete",
        "caches.list",
        "caches.list",
    ]
    assert {parent_of(s) for s in calls} == {bulk.context.span_id}
    ids = {s.context.span_id for s in calls}
    clients = [s for s in spans if s.kind == SpanKind.CLIENT]
    assert len(clients) == report.requests
    assert {parent_of(s) for s in clients} <= ids


async def test_no_span_attribute_holds_a_credential_or_a_signed_query(
    mocked: aioresponses, recorder: Recorder, tmp_path: Any
) -> None:
    signed = "https://storage.example/blob/a.zip?sig=SIGNATURE&se=2030-01-01"
    zip_url = f"{API}/repos/octo/app/actions/artifacts/5/zip"
    mocked.get(zip_url, status=302, headers={"location": signed})
    mocked.get(signed, body=b"PK")
    mocked.get(
        f"{API}/repos/octo/app/actions/cache/usage?token={TOKEN}",
        payload=USAGE_BODY,
        headers={"x-github-request-id": f"ID-{TOKEN}"},  # a server echoing the credential
    )
    async with AsyncGitHubActions(TOKEN, clock=FakeClock(), telemetry=recorder.telemetry) as gh:
        await gh.artifacts.download("octo", "app", 5, tmp_path / "a.zip")
        await gh.request("GET", "/repos/octo/app/actions/cache/usage", params={"token": TOKEN})
    spans = recorder.spans()
    text = json.dumps([dict(s.attributes or {}) for s in spans] + [s.name for s in spans])
    assert TOKEN not in text
    assert "SIGNATURE" not in text
    attributes = [dict(s.attributes or {}) for s in spans]
    [storage] = [a for a in attributes if a.get("server.address") == "storage.example"]
    assert storage["url.full"] == "https://storage.example/blob/a.zip?sig=REDACTED&se=REDACTED"
    assert "url.template" not in storage  # another host: no template of the API's
    raw = [a for a in attributes if str(a.get("url.full")).endswith("usage?token=***")]
    assert len(raw) == 1
    assert raw[0]["github.request_id"] == "ID-***"


async def test_telemetry_off_records_nothing(mocked: aioresponses, recorder: Recorder) -> None:
    mocked.get(USAGE, payload=USAGE_BODY)
    async with AsyncGitHubActions(TOKEN, clock=FakeClock(), telemetry=False) as gh:
        await gh.caches.get_usage("octo", "app")
    assert recorder.spans() == []


def test_with_the_api_alone_nothing_is_traced_or_measured() -> None:
    """No SDK configured (this test process never sets a global provider)."""
    from ghactions_async._telemetry import instruments_for

    instruments = instruments_for(Telemetry())
    assert instruments is not None
    assert (instruments.tracing, instruments.metering) == (False, False)


GLOBAL_PROVIDERS = textwrap.dedent(
    """
    import asyncio, json, sys
    from opentelemetry import metrics, trace
    from opentelemetry.sdk.metrics import MeterProvider
    from opentelemetry.sdk.metrics.export import InMemoryMetricReader
    from opentelemetry.sdk.trace import TracerProvider
    from opentelemetry.sdk.trace.export import SimpleSpanProcessor
    from opentelemetry.sdk.trace.export.in_memory_span_exporter import InMemorySpanExporter
    from ghactions_async import AsyncGitHubActions
    from ghactions_async._otel import RECHECK
    from ghactions_async.testing import FakeGitHub

    async def main(telemetry):
        async with FakeGitHub() as fake:
            fake.add_cache("octo/app", key="k")
            async with AsyncGitHubActions(fake.token, base_url=fake.url, telemetry=telemetry) as gh:
                await gh.caches.get_usage("octo", "app")  # before the SDK: nothing recorded
                exporter = InMemorySpanExporter()
                provider = TracerProvider()
                provider.add_span_processor(SimpleSpanProcessor(exporter))
                trace.set_tracer_provider(provider)
                reader = InMemoryMetricReader()
                metrics.set_meter_provider(MeterProvider(metric_readers=[reader]))
                await asyncio.sleep(RECHECK)  # a "no provider" answer is kept this long
                await gh.caches.list("octo", "app").collect()
        data = reader.get_metrics_data()
        names = sorted({m.name for r in (data.resource_metrics if data else [])
                        for s in r.scope_metrics for m in s.metrics})
        spans = [s.name for s in exporter.get_finished_spans()]
        print(json.dumps({"spans": spans, "metrics": names}))

    asyncio.run(main(sys.argv[1] == "on"))
    """
)


@pytest.mark.parametrize(("switch", "expected"), [("on", True), ("off", False)])
def test_the_global_providers_once_the_application_sets_them(switch: str, expected: bool) -> None:
    run = subprocess.run(
        [sys.executable, "-c", GLOBAL_PROVIDERS, switch], capture_output=True, text=True
    )
    assert run.returncode == 0, run.stderr
    seen = json.loads(run.stdout)
    if expected:
        assert seen["spans"] == ["GET /repos/{owner}/{repo}/actions/caches", "caches.list"]
        assert seen["metrics"] == [
            "github.client.rate_limit.remaining",
            "http.client.request.duration",
        ]
    else:
        assert seen == {"spans": [], "metrics": []}


def test_without_opentelemetry_installed_the_client_works() -> None:
    code = textwrap.dedent(
        """
        import asyncio, sys
        sys.modules["opentelemetry"] = None  # as if not installed
        from ghactions_async import AsyncGitHubActions
        from ghactions_async.testing import FakeGitHub

        async def main():
            async with FakeGitHub() as fake:
                fake.add_cache("octo/app", key="k")
                async with AsyncGitHubActions(fake.token, base_url=fake.url) as gh:
                    caches = await gh.caches.list("octo", "app").collect()
            print(len(caches), "opentelemetry" in sys.modules and sys.modules["opentelemetry"])

        asyncio.run(main())
        """
    )
    run = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert run.returncode == 0, run.stderr
    assert run.stdout.split() == ["1", "None"]


async def test_the_escape_hatches_are_spans_of_their_own(
    mocked: aioresponses, recorder: Recorder
) -> None:
    mocked.post(f"{API}/anything", payload={"ok": True})
    mocked.get(f"{API}/things?page=1&per_page=100", payload=[1, 2])
    async with AsyncGitHubActions(TOKEN, clock=FakeClock(), telemetry=recorder.telemetry) as gh:
        await gh.request("POST", "/anything", json={"a": 1})
        assert await gh.paginate("/things").collect() == [1, 2]
    spans = recorder.spans()
    [request] = named(spans, "request")
    assert request.kind == SpanKind.INTERNAL
    assert dict(request.attributes or {}) == {"http.request.method": "POST"}
    [exchange] = [s for s in spans if s.name == "POST" and s.kind == SpanKind.CLIENT]
    assert parent_of(exchange) == request.context.span_id
    listings = [s for s in spans if s.kind == SpanKind.INTERNAL and s is not request]
    assert len(listings) == 1  # the listing's own span, over its page
    [page] = [s for s in spans if s.name == "GET" and s.kind == SpanKind.CLIENT]
    assert parent_of(page) == listings[0].context.span_id

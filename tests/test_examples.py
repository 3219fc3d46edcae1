"""The programs in examples/ run as documented, against FakeGitHub."""

from __future__ import annotations

import importlib.util
import os
import subprocess
import sys
from pathlib import Path
from types import ModuleType

from aiohttp.test_utils import TestClient, TestServer
from opentelemetry.sdk.trace import TracerProvider
from opentelemetry.sdk.trace.export import SimpleSpanProcessor
from opentelemetry.sdk.trace.export.in_memory_span_exporter import InMemorySpanExporter

from ghactions_async import Telemetry
from ghactions_async.testing import FakeGitHub, days_ago

EXAMPLES = Path(__file__).resolve().parents[1] / "examples"


def load(name: str) -> ModuleType:
    spec = importlib.util.spec_from_file_location(f"examples_{name}", EXAMPLES / f"{name}.py")
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def run(script: str, *args: str, token: str | None = None) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if k not in ("GITHUB_TOKEN", "GITHUB_API_URL")}
    if token is not None:
        env["GITHUB_TOKEN"] = token
    return subprocess.run(
        [sys.executable, str(EXAMPLES / script), *args],
        capture_output=True,
        text=True,
        env=env,
        timeout=120,
    )


async def test_the_service_prunes_and_reports_usage_over_one_client(fake: FakeGitHub) -> None:
    for repo in ("octo/api", "octo/web"):
        fake.add_cache(repo, key="old", size_in_bytes=500, last_accessed_at=days_ago(30))
        fake.add_cache(repo, key="new", size_in_bytes=700, last_accessed_at=days_ago(1))
    service = load("service")
    exporter = InMemorySpanExporter()
    provider = TracerProvider()
    provider.add_span_processor(SimpleSpanProcessor(exporter))
    app = service.create_app(
        base_url=fake.url, token=fake.token, telemetry=Telemetry(tracer_provider=provider)
    )
    async with TestClient(TestServer(app)) as http:
        client = app[service.CLIENT]
        answer = await http.post("/prune", json={"org": "octo", "older_than_days": 7})
        assert answer.status == 200
        summary = await answer.json()
        assert (summary["planned"], summary["done"], summary["failed"]) == (2, 2, 0)
        usage = await http.get("/usage", params={"org": "octo"})
        assert await usage.json() == {
            "org": "octo",
            "active_caches_count": 2,
            "active_caches_size_in_bytes": 1400,
            "rate_limit_remaining": client.rate_limit.remaining,
        }
        refused = await http.get("/usage")
        assert refused.status == 400
        assert app[service.CLIENT] is client  # one client for every request
    assert client._requester.closed  # closed with the application
    names = {span.name for span in exporter.get_finished_spans()}
    assert {"bulk.prune_caches", "caches.get_org_usage"} <= names


def test_the_sync_script_prunes_one_repository() -> None:
    with FakeGitHub() as fake:
        fake.add_cache("octo/api", key="old", size_in_bytes=500, last_accessed_at=days_ago(30))
        fake.add_cache("octo/api", key="new", size_in_bytes=700, last_accessed_at=days_ago(1))
        dry = run("prune_one_repo.py", "octo/api", "--dry-run", "--base-url", fake.url,
                  token=fake.token)  # fmt: skip
        assert dry.returncode == 0, dry.stderr
        assert dry.stdout == "octo/api: would delete 1 caches, 0 bytes freed\n"
        assert len(fake.caches("octo/api")) == 2
        done = run("prune_one_repo.py", "octo/api", "--base-url", fake.url, token=fake.token)
        assert done.returncode == 0, done.stderr
        assert done.stdout == "octo/api: deleted 1 caches, 500 bytes freed\n"
        assert [c.key for c in fake.caches("octo/api")] == ["new"]
        assert "INFO ghactions_async.bulk: prune_caches: 1 planned, 1 done" in done.stderr


def test_the_app_cleanup_goes_through_each_installation(tmp_path: Path) -> None:
    with FakeGitHub() as fake:
        app = fake.add_app()
        for org in ("octo", "acme"):
            fake.install_app(app, org)
            fake.add_cache(f"{org}/api", key="old", last_accessed_at=days_ago(30))
            fake.add_cache(f"{org}/api", key="new", last_accessed_at=days_ago(1))
        key = tmp_path / "app.pem"
        key.write_text(app.private_key_pem)
        result = run(
            "app_cleanup.py",
            *("--app-id", str(app.id), "--private-key", str(key)),
            *("--org", "octo", "--org", "acme", "--org", "stray"),
            *("--older-than-days", "7", "--base-url", fake.url),
        )
        assert result.returncode == 1, result.stderr  # the app is not installed on stray
        assert result.stdout.splitlines() == [
            "octo: deleted 1 caches",
            "acme: deleted 1 caches",
            "stray: deleted 0 caches",
        ]
        assert "failed: stray: " in result.stderr
        assert [c.key for c in fake.caches("octo/api")] == ["new"]
        assert [c.key for c in fake.caches("acme/api")] == ["new"]
        credentials = {r.credential for r in fake.stats.log if r.path.startswith("/repos/")}
        assert credentials == {f"installation:{i.id}" for i in fake.installations()}

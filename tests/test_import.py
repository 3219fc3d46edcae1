"""``import ghactions_async`` stays light: heavy modules load on first use."""

from __future__ import annotations

import json
import subprocess
import sys

HEAVY = ["aiohttp", "anyio", "cattrs", "ghactions_async.models.caches", "ghactions_async._client"]


def loaded_after(code: str) -> set[str]:
    probe = f"import sys, json\n{code}\nprint(json.dumps(sorted(sys.modules)))"
    output = subprocess.run(
        [sys.executable, "-c", probe], capture_output=True, text=True, check=True
    )
    return set(json.loads(output.stdout))


def test_importing_the_package_loads_no_heavy_module() -> None:
    modules = loaded_after("import ghactions_async")
    assert [m for m in HEAVY if m in modules] == []


def test_errors_are_importable_without_the_client() -> None:
    modules = loaded_after("from ghactions_async import NotFound, RateLimitExceeded")
    assert [m for m in HEAVY if m in modules] == []


def test_creating_a_client_does_not_load_aiohttp_or_the_models() -> None:
    modules = loaded_after("import ghactions_async as g\ng.AsyncGitHubActions('t').caches")
    assert "aiohttp" not in modules
    assert "cattrs" not in modules
    assert "ghactions_async.models.caches" in modules  # the area's own models, and only now

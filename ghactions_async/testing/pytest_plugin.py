"""Pytest fixtures for testing your own automation against FakeGitHub.

Installed as a ``pytest11`` plugin, so the fixtures are there as soon as
ghactions_async is installed:

- ``fake_github``: a running FakeGitHub (in a background thread, so both sync
  and async tests can use it). Configure it with a marker:
  ``@pytest.mark.fake_github(latency=0.01, primary_limit=100)``, or
  ``@pytest.mark.fake_github(ghes="3.6")`` to answer as that GHES release.
- ``sync_github_client``: a ``GitHubActions`` bound to it.
- ``github_client``: an ``AsyncGitHubActions`` bound to it (an async fixture:
  needs pytest-asyncio, or anyio's pytest plugin).

::

    def test_cleanup_removes_stale_caches(fake_github, sync_github_client):
        fake_github.add_cache("octo/app", key="old", last_accessed_at=days_ago(30))
        my_cleanup(sync_github_client)
        assert fake_github.caches("octo/app") == []
"""

from __future__ import annotations

from collections.abc import AsyncIterator, Iterator
from typing import Any

import pytest

from .. import AsyncGitHubActions, GitHubActions
from ._server import FakeGitHub


def pytest_configure(config: pytest.Config) -> None:
    config.addinivalue_line(
        "markers",
        "fake_github(**options): FakeGitHub options (latency, token, primary_limit, faults, ghes)",
    )


@pytest.fixture
def fake_github(request: pytest.FixtureRequest) -> Iterator[FakeGitHub]:
    """A FakeGitHub serving on 127.0.0.1 for the duration of one test."""
    marker = request.node.get_closest_marker("fake_github")
    options: dict[str, Any] = dict(marker.kwargs) if marker else {}
    with FakeGitHub(**options) as server:
        yield server


@pytest.fixture
def sync_github_client(fake_github: FakeGitHub) -> Iterator[GitHubActions]:
    """A blocking client pointed at ``fake_github``, closed after the test."""
    with GitHubActions(fake_github.token, base_url=fake_github.url) as client:
        yield client


def _async_fixture() -> Any:
    """pytest-asyncio's fixture decorator when it is installed, else plain pytest's (anyio)."""
    try:
        import pytest_asyncio
    except ImportError:
        return pytest.fixture
    return pytest_asyncio.fixture


@_async_fixture()  # type: ignore[untyped-decorator]
async def github_client(fake_github: FakeGitHub) -> AsyncIterator[AsyncGitHubActions]:
    """An async client pointed at ``fake_github``, closed after the test."""
    async with AsyncGitHubActions(fake_github.token, base_url=fake_github.url) as client:
        yield client

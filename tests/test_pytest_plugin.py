"""The pytest plugin users get: fixtures for FakeGitHub and clients bound to it."""

from __future__ import annotations

import pytest

from ghactions_async import AsyncGitHubActions, GitHubActions
from ghactions_async.testing import FakeGitHub, days_ago

from .conftest import present

pytest_plugins = ["pytester"]


def test_sync_fixtures(fake_github: FakeGitHub, sync_github_client: GitHubActions) -> None:
    fake_github.add_cache("octo/app", key="old", last_accessed_at=days_ago(30))
    [cache] = sync_github_client.caches.list("octo", "app").collect()
    sync_github_client.caches.delete("octo", "app", present(cache.id))
    assert fake_github.caches("octo/app") == []


async def test_async_fixture(fake_github: FakeGitHub, github_client: AsyncGitHubActions) -> None:
    fake_github.add_cache("octo/app", key="k", size_in_bytes=9)
    usage = await github_client.caches.get_usage("octo", "app")
    assert usage.active_caches_size_in_bytes == 9


@pytest.mark.fake_github(latency=0.02, primary_limit=7)
def test_marker_configures_the_fake(fake_github: FakeGitHub) -> None:
    assert fake_github.latency == 0.02
    assert fake_github.primary_limit == 7


@pytest.mark.fake_github(ghes="3.6")
def test_marker_makes_the_fake_an_older_release(
    fake_github: FakeGitHub, sync_github_client: GitHubActions
) -> None:
    fake_github.add_run("octo/app", display_title="fix")
    [run] = sync_github_client.runs.list("octo", "app").collect()
    assert (fake_github.ghes, run.display_title) == ("3.6", None)  # display_title: 3.8


def test_the_plugin_is_registered_by_entry_point(pytester: pytest.Pytester) -> None:
    pytester.makepyfile(
        """
        def test_uses_fixture(fake_github, sync_github_client):
            fake_github.add_repo("octo/app")
            assert sync_github_client.caches.get_usage("octo", "app").active_caches_count == 0
        """
    )
    result = pytester.runpytest_subprocess("-p", "no:cacheprovider")
    result.assert_outcomes(passed=1)

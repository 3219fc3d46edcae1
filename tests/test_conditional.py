"""Conditional requests: unchanged answers come back as 304 and cost no rate limit."""

from __future__ import annotations

from ghactions_async import AsyncGitHubActions, ConditionalCache
from ghactions_async.testing import FakeGitHub


async def test_repeated_gets_are_answered_304_and_not_charged(fake: FakeGitHub) -> None:
    fake.add_cache("octo/app", key="k", size_in_bytes=3)
    async with AsyncGitHubActions(fake.token, base_url=fake.url, cache=True) as gh:
        first = await gh.caches.get_usage("octo", "app")
        assert gh.rate_limit is not None
        used = gh.rate_limit.used
        for _ in range(5):
            assert await gh.caches.get_usage("octo", "app") == first
        assert gh.rate_limit.used == used  # 304s cost nothing
        assert [r.status for r in fake.stats.log] == [200, 304, 304, 304, 304, 304]
        assert gh.cache is not None
        assert (gh.cache.hits, gh.cache.misses) == (5, 1)
        fake.add_cache("octo/app", key="k2", size_in_bytes=4)
        changed = await gh.caches.get_usage("octo", "app")
    assert changed.active_caches_count == 2
    assert fake.stats.log[-1].status == 200


async def test_pages_are_cached_one_by_one(fake: FakeGitHub) -> None:
    for index in range(250):
        fake.add_cache("octo/app", key=f"k{index}")
    async with AsyncGitHubActions(fake.token, base_url=fake.url, cache=True) as gh:
        first = await gh.caches.list("octo", "app").collect()
        again = await gh.caches.list("octo", "app").collect()
    assert again == first
    assert [r.status for r in fake.stats.log].count(304) == 3


async def test_without_opting_in_nothing_is_cached(fake: FakeGitHub) -> None:
    fake.add_repo("octo/app")
    async with AsyncGitHubActions(fake.token, base_url=fake.url) as gh:
        await gh.caches.get_usage("octo", "app")
        await gh.caches.get_usage("octo", "app")
        assert gh.cache is None
    assert [r.status for r in fake.stats.log] == [200, 200]


async def test_the_cache_is_bounded(fake: FakeGitHub) -> None:
    for index in range(10):
        fake.add_cache(f"octo/repo-{index}", key="k")
    cache = ConditionalCache(max_entries=3)
    async with AsyncGitHubActions(fake.token, base_url=fake.url, cache=cache) as gh:
        for index in range(10):
            await gh.caches.get_usage("octo", f"repo-{index}")
    assert len(cache) == 3
    tiny = ConditionalCache(max_bytes=150)
    async with AsyncGitHubActions(fake.token, base_url=fake.url, cache=tiny) as gh:
        for index in range(10):
            await gh.caches.get_usage("octo", f"repo-{index}")
    assert tiny.size_in_bytes <= 150
    assert len(tiny) >= 1


def test_bad_cache_options() -> None:
    import pytest

    with pytest.raises(TypeError, match="cache must be"):
        AsyncGitHubActions("t", cache="yes")  # type: ignore[arg-type]
    with pytest.raises(ValueError, match="positive"):
        ConditionalCache(max_entries=0)

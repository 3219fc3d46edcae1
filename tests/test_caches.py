"""Every cache method, through the async and the sync client, against FakeGitHub."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone

import pytest

from ghactions_async import AsyncGitHubActions, NotFound, ValidationFailed
from ghactions_async.models import (
    ActionsCache,
    CacheRetentionLimit,
    CacheStorageLimit,
    CacheUsage,
    CacheUsagePolicy,
    EnterpriseCacheUsagePolicy,
    RepositoryCacheUsage,
)
from ghactions_async.testing import FakeGitHub, days_ago

from .conftest import present

NOW = datetime(2026, 11, 1, 12, 0, tzinfo=timezone.utc)


def seed(fake: FakeGitHub) -> None:
    fake.add_cache(
        "octo/app",
        key="npm-a",
        ref="refs/heads/main",
        size_in_bytes=300,
        created_at=NOW - timedelta(days=3),
        last_accessed_at=NOW - timedelta(days=1),
    )
    fake.add_cache(
        "octo/app",
        key="npm-b",
        ref="refs/pull/7/merge",
        size_in_bytes=100,
        created_at=NOW - timedelta(days=2),
        last_accessed_at=NOW - timedelta(days=2),
    )
    fake.add_cache(
        "octo/app",
        key="pip-a",
        ref="refs/heads/main",
        size_in_bytes=200,
        created_at=NOW - timedelta(days=1),
        last_accessed_at=NOW - timedelta(hours=1),
    )
    fake.add_cache("octo/lib", key="npm-a", size_in_bytes=50, created_at=NOW)
    fake.add_repo("octo/empty")


async def test_list_returns_typed_caches_most_recent_first(
    gh: AsyncGitHubActions, fake: FakeGitHub
) -> None:
    seed(fake)
    caches = await gh.caches.list("octo", "app").collect()
    assert [c.key for c in caches] == ["pip-a", "npm-a", "npm-b"]
    first = caches[0]
    assert isinstance(first, ActionsCache)
    assert first.last_accessed_at == NOW - timedelta(hours=1)
    assert first.last_accessed_at.tzinfo is not None
    assert first.size_in_bytes == 200


async def test_list_filters_and_sorts(gh: AsyncGitHubActions, fake: FakeGitHub) -> None:
    seed(fake)
    by_prefix = await gh.caches.list("octo", "app", key="npm").collect()
    assert sorted(present(c.key) for c in by_prefix) == ["npm-a", "npm-b"]
    on_pr = await gh.caches.list("octo", "app", ref="refs/pull/7/merge").collect()
    assert [c.key for c in on_pr] == ["npm-b"]
    smallest = await gh.caches.list("octo", "app", sort="size_in_bytes", direction="asc").collect()
    assert [c.size_in_bytes for c in smallest] == [100, 200, 300]
    oldest = await gh.caches.list("octo", "app", sort="created_at", direction="asc").collect(
        limit=1
    )
    assert [c.key for c in oldest] == ["npm-a"]


async def test_list_order_follows_a_cache_aged_after_a_listing(
    gh: AsyncGitHubActions, fake: FakeGitHub
) -> None:
    fake.add_cache("octo/app", key="a", last_accessed_at=NOW - timedelta(days=1))
    b = fake.add_cache("octo/app", key="b", last_accessed_at=NOW - timedelta(days=2))
    assert [c.key for c in await gh.caches.list("octo", "app").collect()] == ["a", "b"]
    b.last_accessed_at = NOW
    assert [c.key for c in await gh.caches.list("octo", "app").collect()] == ["b", "a"]


async def test_list_of_empty_and_missing_repository(
    gh: AsyncGitHubActions, fake: FakeGitHub
) -> None:
    seed(fake)
    assert await gh.caches.list("octo", "empty").collect() == []
    with pytest.raises(NotFound) as caught:
        await gh.caches.list("octo", "nope").collect()
    assert caught.value.status == 404
    assert caught.value.request_id


async def test_delete_by_id(gh: AsyncGitHubActions, fake: FakeGitHub) -> None:
    seed(fake)
    victim = fake.caches("octo/app")[0]
    await gh.caches.delete("octo", "app", victim.id)
    assert victim.id not in {c.id for c in fake.caches("octo/app")}
    with pytest.raises(NotFound):
        await gh.caches.delete("octo", "app", victim.id)


async def test_delete_by_key_returns_what_was_deleted(
    gh: AsyncGitHubActions, fake: FakeGitHub
) -> None:
    seed(fake)
    fake.add_cache("octo/app", key="npm-a", ref="refs/heads/release")
    deleted = await gh.caches.delete_by_key("octo", "app", "npm-a", ref="refs/heads/main")
    assert [(c.key, c.ref) for c in deleted] == [("npm-a", "refs/heads/main")]
    remaining = {(c.key, c.ref) for c in fake.caches("octo/app")}
    assert ("npm-a", "refs/heads/release") in remaining
    everywhere = await gh.caches.delete_by_key("octo", "app", "npm-a")
    assert [c.ref for c in everywhere] == ["refs/heads/release"]
    with pytest.raises(NotFound):
        await gh.caches.delete_by_key("octo", "app", "npm-a")


async def test_key_is_exact_for_delete_but_a_prefix_for_list(
    gh: AsyncGitHubActions, fake: FakeGitHub
) -> None:
    seed(fake)
    with pytest.raises(NotFound):
        await gh.caches.delete_by_key("octo", "app", "npm")
    assert len(fake.caches("octo/app")) == 3


async def test_usage_for_repository_org_and_by_repository(
    gh: AsyncGitHubActions, fake: FakeGitHub
) -> None:
    seed(fake)
    usage = await gh.caches.get_usage("octo", "app")
    assert usage == RepositoryCacheUsage(
        full_name="octo/app", active_caches_size_in_bytes=600, active_caches_count=3
    )
    org = await gh.caches.get_org_usage("octo")
    assert org == CacheUsage(total_active_caches_count=4, total_active_caches_size_in_bytes=650)
    per_repo = await gh.caches.list_org_usage_by_repository("octo").collect()
    assert [(u.full_name, u.active_caches_count) for u in per_repo] == [
        ("octo/app", 3),
        ("octo/lib", 1),
    ]
    with pytest.raises(NotFound):
        await gh.caches.get_org_usage("nobody")


@pytest.mark.ghes
async def test_enterprise_usage(gh: AsyncGitHubActions, fake: FakeGitHub) -> None:
    seed(fake)
    fake.add_cache("other/x", key="k", size_in_bytes=5)
    fake.add_enterprise("acme", ["octo", "other"])
    usage = await gh.caches.get_enterprise_usage("acme")
    assert usage == CacheUsage(total_active_caches_count=5, total_active_caches_size_in_bytes=655)


@pytest.mark.ghes
async def test_usage_policies_on_ghes(gh: AsyncGitHubActions, fake: FakeGitHub) -> None:
    seed(fake)
    fake.add_enterprise("acme", ["octo"])
    await gh.caches.set_usage_policy("octo", "app", repo_cache_size_limit_in_gb=4)
    assert await gh.caches.get_usage_policy("octo", "app") == CacheUsagePolicy(
        repo_cache_size_limit_in_gb=4
    )
    await gh.caches.set_enterprise_usage_policy("acme", max_repo_cache_size_limit_in_gb=50)
    policy = await gh.caches.get_enterprise_usage_policy("acme")
    assert policy == EnterpriseCacheUsagePolicy(
        repo_cache_size_limit_in_gb=10, max_repo_cache_size_limit_in_gb=50
    )
    with pytest.raises(ValueError, match="give"):
        await gh.caches.set_enterprise_usage_policy("acme")
    assert fake.stats.by_route["PATCH /enterprises/{enterprise}/actions/cache/usage-policy"] == 1


@pytest.mark.parametrize("level", ["repo", "org", "enterprise"])
async def test_retention_and_storage_limits(
    gh: AsyncGitHubActions, fake: FakeGitHub, level: str
) -> None:
    seed(fake)
    fake.add_enterprise("acme", ["octo"])
    caches = gh.caches
    if level == "repo":
        await caches.set_retention_limit("octo", "app", max_cache_retention_days=30)
        await caches.set_storage_limit("octo", "app", max_cache_size_gb=25)
        retention = await caches.get_retention_limit("octo", "app")
        storage = await caches.get_storage_limit("octo", "app")
    elif level == "org":
        await caches.set_retention_limit_for_org("octo", max_cache_retention_days=30)
        await caches.set_storage_limit_for_org("octo", max_cache_size_gb=25)
        retention = await caches.get_retention_limit_for_org("octo")
        storage = await caches.get_storage_limit_for_org("octo")
    else:
        await caches.set_retention_limit_for_enterprise("acme", max_cache_retention_days=30)
        await caches.set_storage_limit_for_enterprise("acme", max_cache_size_gb=25)
        retention = await caches.get_retention_limit_for_enterprise("acme")
        storage = await caches.get_storage_limit_for_enterprise("acme")
    assert retention == CacheRetentionLimit(max_cache_retention_days=30)
    assert storage == CacheStorageLimit(max_cache_size_gb=25)


async def test_org_limits_live_under_organizations_path(
    gh: AsyncGitHubActions, fake: FakeGitHub
) -> None:
    seed(fake)
    await gh.caches.get_retention_limit_for_org("octo")
    assert fake.stats.log[-1].path == "/organizations/octo/actions/cache/retention-limit"


async def test_bad_arguments_raise_before_any_request(
    gh: AsyncGitHubActions, fake: FakeGitHub
) -> None:
    seed(fake)
    before = fake.stats.requests
    with pytest.raises(ValueError, match="cache_id must be a positive integer"):
        await gh.caches.delete("octo", "app", -1)
    with pytest.raises(TypeError, match="cache_id must be an int"):
        await gh.caches.delete("octo", "app", "12")  # type: ignore[arg-type]
    with pytest.raises(ValueError, match="owner must not be empty"):
        await gh.caches.get_usage("", "app")
    with pytest.raises(ValueError, match="sort must be one of"):
        gh.caches.list("octo", "app", sort="newest")  # type: ignore[arg-type]
    with pytest.raises(ValueError, match="per_page must be between 1 and 100"):
        gh.caches.list("octo", "app", per_page=101)
    with pytest.raises(TypeError, match="repo_cache_size_limit_in_gb must be an int"):
        await gh.caches.set_usage_policy("octo", "app", repo_cache_size_limit_in_gb=True)
    assert fake.stats.requests == before


async def test_names_with_special_characters_stay_one_path_segment(
    gh: AsyncGitHubActions, fake: FakeGitHub
) -> None:
    fake.add_cache("octo/app", key="k")
    with pytest.raises(NotFound):
        await gh.caches.get_usage("octo", "app/../../orgs/octo")
    assert fake.stats.log[-1].path == "/repos/octo/app%2F..%2F..%2Forgs%2Focto/actions/cache/usage"


async def test_unauthenticated_client_gets_authentication_error(fake: FakeGitHub) -> None:
    from ghactions_async import AuthenticationError

    async with AsyncGitHubActions(base_url=fake.url) as anonymous:
        with pytest.raises(AuthenticationError, match="Requires authentication"):
            await anonymous.caches.get_usage("octo", "app")
    async with AsyncGitHubActions("wrong-token", base_url=fake.url) as wrong:
        with pytest.raises(AuthenticationError, match="Bad credentials"):
            await wrong.caches.get_usage("octo", "app")


async def test_fake_answers_invalid_values_with_422(fake: FakeGitHub) -> None:
    fake.add_repo("octo/app")
    async with AsyncGitHubActions(fake.token, base_url=fake.url) as gh:
        with pytest.raises(ValidationFailed) as caught:
            await gh.request("GET", "/repos/octo/app/actions/caches", params={"sort": "bogus"})
    assert caught.value.errors[0]["field"] == "sort"


async def test_aged_fixtures(fake: FakeGitHub) -> None:
    cache = fake.add_cache("octo/app", key="k", created_at=days_ago(10))
    assert cache.last_accessed_at == cache.created_at
    assert (datetime.now(timezone.utc) - cache.created_at).days == 10

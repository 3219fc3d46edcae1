"""bulk.prune_caches and bulk.map, through both clients, against FakeGitHub."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import pytest

from ghactions_async import (
    AsyncGitHubActions,
    BulkProgress,
    BulkStop,
    NotFound,
    RetryPolicy,
    ServerError,
)
from ghactions_async.testing import FakeGitHub, Faults, days_ago

from .conftest import client_of_kind

MB = 1_000_000


def names(fake: FakeGitHub, repo: str = "octo/app") -> set[str]:
    return {f"{c.key}@{c.ref}" for c in fake.caches(repo)}


def deletes(fake: FakeGitHub) -> list[str]:
    return [f"{r.path}?{r.query}" for r in fake.stats.log if r.method == "DELETE"]


@pytest.fixture
def world(fake: FakeGitHub) -> FakeGitHub:
    add = fake.add_cache
    add(
        "octo/app",
        key="npm-old",
        ref="refs/heads/main",
        size_in_bytes=5 * MB,
        created_at=days_ago(40),
        last_accessed_at=days_ago(30),
    )
    add(
        "octo/app",
        key="npm-new",
        ref="refs/heads/main",
        size_in_bytes=1 * MB,
        created_at=days_ago(2),
        last_accessed_at=days_ago(1),
    )
    add(
        "octo/app",
        key="pip-pr",
        ref="refs/pull/7/merge",
        size_in_bytes=3 * MB,
        created_at=days_ago(12),
        last_accessed_at=days_ago(10),
    )
    add(
        "octo/app",
        key="pip-pr",
        ref="refs/pull/8/merge",
        size_in_bytes=2 * MB,
        created_at=days_ago(3),
        last_accessed_at=days_ago(3),
    )
    add(
        "octo/app",
        key="gradle-x",
        ref="refs/heads/release",
        size_in_bytes=8 * MB,
        created_at=days_ago(20),
        last_accessed_at=days_ago(0.5),
    )
    fake.add_repo("octo/empty")
    return fake


@pytest.mark.parametrize(
    ("criteria", "gone"),
    [
        (
            {"older_than": timedelta(days=7)},
            {"npm-old@refs/heads/main", "pip-pr@refs/pull/7/merge"},
        ),
        ({"accessed_before": days_ago(20)}, {"npm-old@refs/heads/main"}),
        (
            {"created_before": days_ago(15)},
            {"npm-old@refs/heads/main", "gradle-x@refs/heads/release"},
        ),
        ({"key_prefix": "pip-"}, {"pip-pr@refs/pull/7/merge", "pip-pr@refs/pull/8/merge"}),
        ({"key_pattern": "*-old"}, {"npm-old@refs/heads/main"}),
        ({"ref": "refs/pull/*/merge"}, {"pip-pr@refs/pull/7/merge", "pip-pr@refs/pull/8/merge"}),
        ({"ref": "refs/heads/main"}, {"npm-old@refs/heads/main", "npm-new@refs/heads/main"}),
        ({"min_size": 5 * MB}, {"npm-old@refs/heads/main", "gradle-x@refs/heads/release"}),
        ({"key_prefix": "npm", "older_than": timedelta(days=7)}, {"npm-old@refs/heads/main"}),
    ],
)
async def test_every_filter(
    gh: AsyncGitHubActions, world: FakeGitHub, criteria: dict[str, Any], gone: set[str]
) -> None:
    before = names(world)
    report = await gh.bulk.prune_caches(repos=["octo/app"], **criteria)
    assert before - names(world) == gone
    assert report.planned == report.deleted == len(gone)
    assert report.failed == report.already_gone == 0


async def test_bytes_freed_and_requests_counted(gh: AsyncGitHubActions, world: FakeGitHub) -> None:
    world.reset_stats()
    report = await gh.bulk.prune_caches(repos=["octo/app"], older_than=timedelta(days=7))
    assert report.bytes_freed == 8 * MB
    assert report.bytes_planned == 8 * MB
    assert report.requests == world.stats.requests == 3  # one list page, two deletes
    assert report.elapsed > 0


async def test_keep_latest_spares_the_newest_of_each_key(
    gh: AsyncGitHubActions, world: FakeGitHub
) -> None:
    report = await gh.bulk.prune_caches(repos=["octo/app"], key_prefix="pip-", keep_latest=1)
    assert report.deleted == 1
    assert "pip-pr@refs/pull/8/merge" in names(world)
    assert "pip-pr@refs/pull/7/merge" not in names(world)


async def test_max_total_size_removes_least_recently_used_until_it_fits(
    gh: AsyncGitHubActions, world: FakeGitHub
) -> None:
    # 19 MB in all; fit in 10 MB: least recently used first (npm-old 5, pip 7 3, pip 8 2).
    report = await gh.bulk.prune_caches(repos=["octo/app"], max_total_size=10 * MB)
    assert names(world) == {"npm-new@refs/heads/main", "gradle-x@refs/heads/release"}
    assert report.bytes_freed == 10 * MB
    # keep_latest protects even from the size limit.
    world.add_cache("octo/app", key="big", size_in_bytes=30 * MB, last_accessed_at=days_ago(60))
    await gh.bulk.prune_caches(repos=["octo/app"], max_total_size=1 * MB, keep_latest=1)
    assert len(world.caches("octo/app")) == 3


async def test_one_delete_by_key_when_a_key_goes_entirely(
    gh: AsyncGitHubActions, fake: FakeGitHub
) -> None:
    for ref in ("refs/heads/main", "refs/pull/1/merge", "refs/pull/2/merge"):
        fake.add_cache("octo/app", key="shared", ref=ref, last_accessed_at=days_ago(30))
    fake.add_cache("octo/app", key="half", ref="refs/heads/main", last_accessed_at=days_ago(30))
    fake.add_cache("octo/app", key="half", ref="refs/heads/main", last_accessed_at=days_ago(29))
    fake.add_cache("octo/app", key="half", ref="refs/pull/3/merge", last_accessed_at=days_ago(1))
    fake.add_cache("octo/app", key="lonely", last_accessed_at=days_ago(30))
    fake.reset_stats()
    report = await gh.bulk.prune_caches(repos=["octo/app"], older_than=timedelta(days=7))
    assert report.deleted == 6
    assert names(fake) == {"half@refs/pull/3/merge"}
    sent = sorted(deletes(fake))
    assert len(sent) == 3  # 6 caches in 3 requests
    assert any("key=shared" in d and "ref=" not in d for d in sent)  # the whole key
    assert any("key=half" in d and "ref=refs/heads/main" in d for d in sent)  # one ref of it
    assert any(d.split("?")[0].rsplit("/", 1)[-1].isdigit() for d in sent)  # the lonely one by id


async def test_a_dry_run_changes_nothing(gh: AsyncGitHubActions, world: FakeGitHub) -> None:
    before = names(world)
    report = await gh.bulk.prune_caches(
        repos=["octo/app"], older_than=timedelta(days=7), dry_run=True
    )
    assert report.dry_run
    assert (report.planned, report.skipped, report.deleted) == (2, 2, 0)
    assert report.bytes_planned == 8 * MB
    assert report.bytes_freed == 0
    assert names(world) == before
    assert deletes(world) == []


async def test_a_repository_given_twice_is_listed_and_planned_once(
    gh: AsyncGitHubActions, world: FakeGitHub
) -> None:
    world.reset_stats()
    report = await gh.bulk.prune_caches(
        repos=["octo/app", "octo/app"], older_than=timedelta(days=7), dry_run=True
    )
    assert report.planned == 2
    assert len({o.item.id for o in report.outcomes}) == 2
    assert world.stats.requests == 1  # one list page


async def test_an_organization_visits_only_repositories_with_caches(
    gh: AsyncGitHubActions, world: FakeGitHub
) -> None:
    world.add_cache("octo/lib", key="old", last_accessed_at=days_ago(30))
    world.reset_stats()
    report = await gh.bulk.prune_caches(org="octo", older_than=timedelta(days=7))
    assert report.deleted == 3
    listed = {
        r.path for r in world.stats.log if r.path.endswith("/actions/caches") and r.method == "GET"
    }
    assert listed == {"/repos/octo/app/actions/caches", "/repos/octo/lib/actions/caches"}


async def test_an_organization_that_cannot_be_listed_raises_its_typed_error(
    gh: AsyncGitHubActions, world: FakeGitHub
) -> None:
    with pytest.raises(NotFound):
        await gh.bulk.prune_caches(org="nobody", older_than=timedelta(days=7))
    assert deletes(world) == []


async def test_progress_is_reported(gh: AsyncGitHubActions, world: FakeGitHub) -> None:
    seen: list[BulkProgress] = []
    await gh.bulk.prune_caches(
        repos=["octo/app"], older_than=timedelta(days=7), on_progress=seen.append
    )
    assert seen[0] == BulkProgress(planned=2)
    assert seen[-1].done == 2
    assert seen[-1].finished == seen[-1].planned


async def test_caches_gone_meanwhile_are_already_gone_and_new_ones_are_counted(
    gh: AsyncGitHubActions, fake: FakeGitHub
) -> None:
    old = fake.add_cache("octo/app", key="solo", last_accessed_at=days_ago(30))
    for ref in ("refs/heads/a", "refs/heads/b"):
        fake.add_cache("octo/app", key="pair", ref=ref, last_accessed_at=days_ago(30))

    def behind_its_back(progress: BulkProgress) -> None:
        if progress.finished == 0:  # planned, nothing sent yet
            fake.state.repo("octo", "app").caches.pop(old.id)  # type: ignore[union-attr]
            fake.add_cache("octo/app", key="pair", ref="refs/heads/c")  # appears after planning

    report = await gh.bulk.prune_caches(
        repos=["octo/app"], older_than=timedelta(days=7), on_progress=behind_its_back
    )
    assert (report.planned, report.deleted, report.already_gone) == (3, 2, 1)
    assert report.unplanned_deleted == 1
    assert fake.caches("octo/app") == []


async def test_no_item_lost_or_counted_twice_through_faults(fake: FakeGitHub) -> None:
    for repo in range(8):
        for index in range(60):
            fake.add_cache(
                f"octo/r{repo}",
                key=f"k{index % 40}",
                ref=f"refs/heads/b{index % 3}",
                last_accessed_at=days_ago(30 if index % 4 else 1),
            )
    total_old = sum(
        1 for r in range(8) for c in fake.caches(f"octo/r{r}") if c.last_accessed_at < days_ago(7)
    )
    fake.faults = Faults(error_rate=0.15, drop_rate=0.05, drop_after_rate=0.05, seed=11)
    retry = RetryPolicy(max_retries=12, backoff_base=0.001, backoff_max=0.005)
    async with AsyncGitHubActions(fake.token, base_url=fake.url, retry=retry) as gh:
        report = await gh.bulk.prune_caches(org="octo", older_than=timedelta(days=7))
    assert report.planned == total_old
    assert report.deleted + report.already_gone == total_old
    assert report.failed == 0
    ids = [o.item.id for o in report.outcomes]
    assert len(ids) == len(set(ids))
    left = [c for r in range(8) for c in fake.caches(f"octo/r{r}")]
    assert all(c.last_accessed_at > days_ago(7) for c in left)
    assert fake.stats.errors_injected > 0
    assert fake.stats.dropped > 0


async def test_failures_are_reported_and_never_stop_the_rest(fake: FakeGitHub) -> None:
    for index in range(30):
        fake.add_cache("octo/app", key=f"k{index}", last_accessed_at=days_ago(30))

    def break_it(progress: BulkProgress) -> None:
        if progress.finished == 0:  # listed and planned: now requests start failing
            fake.faults = Faults(error_rate=0.3, seed=3)

    async with AsyncGitHubActions(fake.token, base_url=fake.url, retry=0) as gh:
        report = await gh.bulk.prune_caches(
            repos=["octo/app"], older_than=timedelta(days=7), on_progress=break_it
        )
    assert report.failed > 0
    assert report.deleted + report.failed == 30
    assert all(isinstance(f.error, ServerError) for f in report.failures)
    assert len(fake.caches("octo/app")) == report.failed
    summary = report.summary()
    assert summary["failed"] == report.failed
    assert summary["failures"][0]["status"] == 502


async def test_stopping_mid_way_returns_an_exact_report(
    gh: AsyncGitHubActions, fake: FakeGitHub
) -> None:
    for index in range(200):
        fake.add_cache("octo/app", key=f"k{index}", last_accessed_at=days_ago(30))
    fake.latency = 0.005
    stop = BulkStop()

    def stop_after_fifty(progress: BulkProgress) -> None:
        if progress.done >= 50:
            stop.stop()

    report = await gh.bulk.prune_caches(
        repos=["octo/app"],
        older_than=timedelta(days=7),
        concurrency=4,
        on_progress=stop_after_fifty,
        stop=stop,
    )
    assert report.planned == 200
    assert report.done + report.not_started == 200
    assert 50 <= report.done < 200
    remaining = {c.id for c in fake.caches("octo/app")}
    assert remaining == {o.item.id for o in report.outcomes if o.outcome == "not_started"}


REPOS = [f"octo/r{n:02d}" for n in range(12)]


def stale_in_every_repository(fake: FakeGitHub) -> None:
    for name in REPOS:
        for key in ("a", "b", "c"):
            fake.add_cache(name, key=key, last_accessed_at=days_ago(9))


@pytest.mark.parametrize("kind", ["async", "sync"])
async def test_deleting_begins_before_the_last_repository_is_listed(
    fake: FakeGitHub, kind: str
) -> None:
    """Repositories are listed max_concurrency at a time, and each one's deletes start
    once it is planned: with 12 repositories and 2 requests in flight, the first
    deletes are done while later repositories are still unplanned."""
    stale_in_every_repository(fake)
    seen: list[BulkProgress] = []
    async with client_of_kind(kind, fake, max_concurrency=2) as gh:
        report = await gh.bulk.prune_caches(
            repos=REPOS, older_than=timedelta(days=7), on_progress=seen.append
        )
    assert (report.planned, report.deleted, report.requests) == (36, 36, 48)
    assert any(p.done and p.planned < 36 for p in seen)
    assert all(fake.caches(name) == [] for name in REPOS)


@pytest.mark.parametrize("kind", ["async", "sync"])
async def test_a_stop_while_listing_leaves_the_other_repositories_unlisted(
    fake: FakeGitHub, kind: str
) -> None:
    stale_in_every_repository(fake)
    stop = BulkStop()

    def stop_once_something_is_planned(progress: BulkProgress) -> None:
        if progress.planned:
            stop.stop()

    async with client_of_kind(kind, fake, max_concurrency=1) as gh:
        report = await gh.bulk.prune_caches(
            repos=REPOS,
            older_than=timedelta(days=7),
            on_progress=stop_once_something_is_planned,
            stop=stop,
        )
    unlisted = [o for o in report.outcomes if o.item.kind == "repository"]
    assert [o.outcome for o in unlisted] == ["not_started"] * 11
    assert {o.item.repo for o in unlisted} == set(REPOS[1:])
    assert (report.planned, report.not_started, report.requests) == (14, 14, 1)
    assert all(len(fake.caches(name)) == 3 for name in REPOS)


@pytest.mark.parametrize(
    ("kwargs", "error", "message"),
    [
        ({"older_than": timedelta(days=1)}, ValueError, "one of org, repos or orgs"),
        ({"org": "o", "repos": ["o/r"], "older_than": timedelta(days=1)}, ValueError, "either org"),
        ({"org": "o"}, ValueError, "say which caches"),
        ({"repos": ["nope"], "older_than": timedelta(days=1)}, ValueError, "owner/name"),
        ({"org": "", "older_than": timedelta(days=1)}, ValueError, "organization login"),
        ({"org": "a/b", "older_than": timedelta(days=1)}, ValueError, "organization login"),
        ({"repos": ["o/r"], "key_prefix": ""}, ValueError, "key_prefix must not be empty"),
        ({"org": "o", "key_pattern": " "}, ValueError, "key_pattern must not be empty"),
        ({"org": "o", "ref": ""}, ValueError, "ref must not be empty"),
        ({"org": "o", "key_prefix": "", "dry_run": True}, ValueError, "key_prefix must not"),
        ({"org": "o", "older_than": 7}, TypeError, "older_than must be a timedelta"),
        ({"org": "o", "min_size": -1}, ValueError, "min_size must not be negative"),
        (
            {"org": "o", "older_than": timedelta(days=1), "concurrency": 0},
            ValueError,
            "concurrency",
        ),
        ({"org": "o", "accessed_before": "2024-01-01"}, TypeError, "accessed_before"),
    ],
)
async def test_bad_arguments_raise_before_any_request(
    gh: AsyncGitHubActions,
    fake: FakeGitHub,
    kwargs: dict[str, Any],
    error: type[Exception],
    message: str,
) -> None:
    with pytest.raises(error, match=message):
        await gh.bulk.prune_caches(**kwargs)
    assert fake.stats.requests == 0


async def test_map_runs_async_and_sync_functions_and_keeps_failures(
    gh: AsyncGitHubActions, fake: FakeGitHub
) -> None:
    async def double(value: int) -> int:
        if value == 3:
            raise KeyError("three")
        return value * 2

    report = await gh.bulk.map(double, [1, 2, 3, 4], concurrency=2)
    assert (report.done, report.failed) == (3, 1)
    assert [o.result for o in report.outcomes if o.outcome == "done"] in (
        [2, 4, 8],
        [4, 2, 8],
        [2, 8, 4],
        [4, 8, 2],
        [8, 2, 4],
        [8, 4, 2],
    )
    assert isinstance(report.failures[0].error, KeyError)

    def usage(name: str) -> int:  # a plain function runs in a worker thread
        return len(name)

    report = await gh.bulk.map(usage, ["a", "bb"])
    assert sorted(o.result for o in report.outcomes) == [1, 2]


def test_the_sync_client_runs_a_prune_and_maps_with_its_own_methods() -> None:
    from ghactions_async import GitHubActions

    with FakeGitHub() as fake, GitHubActions(fake.token, base_url=fake.url) as gh:
        for index in range(5):
            fake.add_cache(f"octo/r{index}", key="k", last_accessed_at=days_ago(9))
        report = gh.bulk.prune_caches(org="octo", older_than=timedelta(days=7))
        assert report.deleted == 5
        fake.add_cache("octo/r0", key="new")
        counted = gh.bulk.map(
            lambda n: gh.caches.get_usage("octo", n).active_caches_count, ["r0", "r1"]
        )
        assert sorted(o.result for o in counted.outcomes) == [0, 1]


async def test_a_repository_that_cannot_be_listed_is_a_failure_not_the_end(
    fake: FakeGitHub,
) -> None:
    fake.add_cache("octo/app", key="old", last_accessed_at=days_ago(30))
    async with AsyncGitHubActions(fake.token, base_url=fake.url, retry=0) as gh:
        report = await gh.bulk.prune_caches(
            repos=["octo/app", "octo/missing"], older_than=timedelta(days=7)
        )
    assert (report.planned, report.deleted, report.failed) == (2, 1, 1)
    [failure] = report.failures
    assert (failure.item.kind, failure.item.repo) == ("repository", "octo/missing")
    assert getattr(failure.error, "status", None) == 404

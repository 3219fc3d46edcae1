"""bulk.delete_artifacts, through both clients, against FakeGitHub."""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Any, cast

import pytest

from ghactions_async import (
    AsyncGitHubActions,
    BulkProgress,
    BulkStop,
    GitHubActions,
    ServerError,
)
from ghactions_async.testing import FakeArtifact, FakeGitHub, Faults, days_ago
from ghactions_async.testing._artifacts import ArtifactsState

MB = 1_000_000
APP = "octo/app"


def ids(fake: FakeGitHub, repo: str = APP) -> set[int]:
    return {a.id for a in fake.artifacts(repo)}


def deletes(fake: FakeGitHub) -> list[str]:
    return [r.path for r in fake.stats.log if r.method == "DELETE"]


def delete_behind_its_back(fake: FakeGitHub, repo: str, artifact_id: int) -> None:
    with fake._lock:
        del fake.state.area(ArtifactsState).by_repo[repo.lower()][artifact_id]


class World:
    """The artifacts of octo/app, by role."""

    def __init__(self, fake: FakeGitHub) -> None:
        add = fake.add_artifact
        self.fake = fake
        self.build_old = add(APP, "build", size_in_bytes=5 * MB, created_at=days_ago(40))
        self.build_mid = add(APP, "build", size_in_bytes=4 * MB, created_at=days_ago(20))
        self.build_new = add(APP, "build", size_in_bytes=3 * MB, created_at=days_ago(2))
        self.coverage = add(APP, "coverage-linux", size_in_bytes=1 * MB, created_at=days_ago(10))
        self.logs = add(APP, "logs", size_in_bytes=2 * MB, created_at=days_ago(120))
        self.dist = add(APP, "dist", size_in_bytes=50 * MB, created_at=days_ago(5))
        self.elsewhere = add("octo/lib", "build", size_in_bytes=7 * MB, created_at=days_ago(30))

    def named(self, *roles: str) -> set[int]:
        return {cast(FakeArtifact, getattr(self, role)).id for role in roles}

    def size(self, found: set[int]) -> int:
        every = [a for a in vars(self).values() if isinstance(a, FakeArtifact)]
        return sum(a.size_in_bytes for a in every if a.id in found)


@pytest.fixture
def world(fake: FakeGitHub) -> World:
    return World(fake)


@pytest.mark.parametrize(
    ("criteria", "gone"),
    [
        ({"name_pattern": "build"}, ("build_old", "build_mid", "build_new")),
        ({"name_pattern": "coverage-*"}, ("coverage",)),
        ({"name_pattern": "[bd]*"}, ("build_old", "build_mid", "build_new", "dist")),
        ({"older_than": timedelta(days=15)}, ("build_old", "build_mid", "logs")),
        ({"created_before": days_ago(30)}, ("build_old", "logs")),
        ({"min_size": 4 * MB}, ("build_old", "build_mid", "dist")),
        ({"expired": True}, ("logs",)),
        ({"expired": False, "older_than": timedelta(days=15)}, ("build_old", "build_mid")),
        ({"name_pattern": "build", "older_than": timedelta(days=30)}, ("build_old",)),
        ({"keep_latest": 1}, ("build_old", "build_mid")),
        ({"keep_latest": 2, "name_pattern": "build"}, ("build_old",)),
    ],
)
async def test_every_filter_deletes_exactly_what_matches(
    gh: AsyncGitHubActions, world: World, criteria: dict[str, Any], gone: tuple[str, ...]
) -> None:
    before = ids(world.fake)
    report = await gh.bulk.delete_artifacts(repos=[APP], **criteria)
    expected = world.named(*gone)
    assert before - ids(world.fake) == expected
    assert report.operation == "delete_artifacts"
    assert (report.planned, report.deleted, report.failed, report.already_gone) == (
        len(expected),
        len(expected),
        0,
        0,
    )
    assert report.bytes_freed == report.bytes_planned == world.size(expected)
    assert {o.item.id for o in report.outcomes} == expected
    assert {o.item.kind for o in report.outcomes} <= {"artifact"}
    assert ids(world.fake, "octo/lib") == world.named("elsewhere")


async def test_outcomes_name_the_artifacts_oldest_first(
    gh: AsyncGitHubActions, world: World
) -> None:
    report = await gh.bulk.delete_artifacts(
        repos=[APP], older_than=timedelta(days=15), concurrency=1
    )
    assert [(o.item.repo, o.item.name) for o in report.outcomes] == [
        (APP, "logs"),
        (APP, "build"),
        (APP, "build"),
    ]
    assert [o.item.id for o in report.outcomes] == [
        world.logs.id,
        world.build_old.id,
        world.build_mid.id,
    ]


async def test_a_plain_name_is_filtered_by_github_and_a_glob_is_not(
    gh: AsyncGitHubActions, world: World
) -> None:
    await gh.bulk.delete_artifacts(repos=[APP], name_pattern="dist", dry_run=True)
    await gh.bulk.delete_artifacts(repos=[APP], name_pattern="d*", dry_run=True)
    lists = [r.query for r in world.fake.stats.log if r.path.endswith("/actions/artifacts")]
    assert "name=dist" in lists[0]
    assert "name=" not in lists[1]


async def test_keep_latest_spares_the_newest_of_each_name_whatever_else_matched(
    gh: AsyncGitHubActions, fake: FakeGitHub
) -> None:
    # Every "nightly" is old; keep_latest still keeps the newest two of them.
    nightly = [fake.add_artifact(APP, "nightly", created_at=days_ago(60 - d)) for d in range(5)]
    fresh = fake.add_artifact(APP, "fresh", created_at=days_ago(1))
    report = await gh.bulk.delete_artifacts(
        repos=[APP], older_than=timedelta(days=30), keep_latest=2
    )
    assert report.deleted == 3
    assert ids(fake) == {nightly[3].id, nightly[4].id, fresh.id}


async def test_keep_latest_is_per_repository(gh: AsyncGitHubActions, fake: FakeGitHub) -> None:
    for repo in ("octo/a", "octo/b"):
        for days in (3, 2, 1):
            fake.add_artifact(repo, "out", created_at=days_ago(days))
    report = await gh.bulk.delete_artifacts(repos=["octo/a", "octo/b"], keep_latest=1)
    assert report.deleted == 4
    assert [len(fake.artifacts(r)) for r in ("octo/a", "octo/b")] == [1, 1]
    assert all(
        a.created_at > days_ago(1.5) for r in ("octo/a", "octo/b") for a in fake.artifacts(r)
    )


async def test_a_dry_run_sends_no_change(gh: AsyncGitHubActions, world: World) -> None:
    before = ids(world.fake)
    world.fake.reset_stats()
    report = await gh.bulk.delete_artifacts(
        repos=[APP], older_than=timedelta(days=15), dry_run=True
    )
    assert report.dry_run
    assert (report.planned, report.skipped, report.deleted) == (3, 3, 0)
    assert report.bytes_planned == 11 * MB
    assert report.bytes_freed == 0
    assert ids(world.fake) == before
    assert deletes(world.fake) == []
    assert {r.method for r in world.fake.stats.log} == {"GET"}
    assert report.requests == world.fake.stats.requests == 1


async def test_requests_are_counted(gh: AsyncGitHubActions, world: World) -> None:
    world.fake.reset_stats()
    report = await gh.bulk.delete_artifacts(repos=[APP], older_than=timedelta(days=15))
    assert report.requests == world.fake.stats.requests == 4  # one list page, three deletes
    assert report.elapsed > 0


async def test_artifacts_gone_since_planning_are_already_gone(
    gh: AsyncGitHubActions, world: World
) -> None:
    def behind_its_back(progress: BulkProgress) -> None:
        if progress.finished == 0 and progress.planned:  # planned, nothing sent yet
            delete_behind_its_back(world.fake, APP, world.build_mid.id)

    report = await gh.bulk.delete_artifacts(
        repos=[APP], older_than=timedelta(days=15), on_progress=behind_its_back
    )
    assert (report.planned, report.deleted, report.already_gone, report.failed) == (3, 2, 1, 0)
    gone = [o for o in report.outcomes if o.outcome == "already_gone"]
    assert [o.item.id for o in gone] == [world.build_mid.id]
    assert report.bytes_freed == 7 * MB  # the one deleted meanwhile freed nothing here
    assert world.named("build_old", "build_mid", "logs").isdisjoint(ids(world.fake))


async def test_deleting_after_a_dry_run_finds_the_plan_and_what_changed(
    gh: AsyncGitHubActions, world: World
) -> None:
    planned = await gh.bulk.delete_artifacts(repos=[APP], min_size=4 * MB, dry_run=True)
    delete_behind_its_back(world.fake, APP, world.dist.id)
    report = await gh.bulk.delete_artifacts(repos=[APP], min_size=4 * MB)
    assert {o.item.id for o in planned.outcomes} == world.named("build_old", "build_mid", "dist")
    assert {o.item.id for o in report.outcomes} == world.named("build_old", "build_mid")
    assert report.deleted == 2


async def test_progress_counts_every_item(gh: AsyncGitHubActions, world: World) -> None:
    seen: list[BulkProgress] = []
    await gh.bulk.delete_artifacts(repos=[APP], min_size=1, on_progress=seen.append)
    assert seen[-1] == BulkProgress(planned=6, done=6)
    assert [p.finished for p in seen if p.finished] == [1, 2, 3, 4, 5, 6]


async def test_an_organization_visits_each_of_its_repositories(
    gh: AsyncGitHubActions, world: World
) -> None:
    world.fake.add_artifact("other/app", "build", created_at=days_ago(40))
    world.fake.add_repo("octo/empty")
    world.fake.reset_stats()
    report = await gh.bulk.delete_artifacts(
        org="octo", name_pattern="build", older_than=timedelta(days=25)
    )
    assert {(o.item.repo, o.item.id) for o in report.outcomes} == {
        (APP, world.build_old.id),
        ("octo/lib", world.elsewhere.id),
    }
    listed = {r.path for r in world.fake.stats.log if r.path.endswith("/actions/artifacts")}
    assert listed == {f"/repos/{n}/actions/artifacts" for n in (APP, "octo/lib", "octo/empty")}
    assert len(world.fake.artifacts("other/app")) == 1


async def test_a_repository_that_cannot_be_listed_does_not_stop_the_others(
    gh: AsyncGitHubActions, world: World
) -> None:
    report = await gh.bulk.delete_artifacts(repos=[APP, "octo/missing"], expired=True)
    assert report.deleted == 1
    assert [(f.item.kind, f.item.repo) for f in report.failures] == [("repository", "octo/missing")]
    assert world.logs.id not in ids(world.fake)


async def test_an_unknown_organization_raises(gh: AsyncGitHubActions, fake: FakeGitHub) -> None:
    from ghactions_async import NotFound

    with pytest.raises(NotFound):
        await gh.bulk.delete_artifacts(org="nobody", expired=True)


async def test_no_artifact_lost_or_counted_twice_through_faults(
    resilient: AsyncGitHubActions, fake: FakeGitHub
) -> None:
    repos = [f"octo/r{n}" for n in range(6)]
    doomed: set[int] = set()
    for repo in repos:
        for index in range(40):
            old = index % 3 != 0
            artifact = fake.add_artifact(
                repo,
                f"a{index % 7}",
                size_in_bytes=1000 + index,
                created_at=days_ago(30 if old else 1),
            )
            if old:
                doomed.add(artifact.id)
    kept = {a.id for r in repos for a in fake.artifacts(r)} - doomed
    fake.faults = Faults(error_rate=0.15, drop_rate=0.05, drop_after_rate=0.1, seed=5)
    report = await resilient.bulk.delete_artifacts(org="octo", older_than=timedelta(days=7))
    assert fake.stats.errors_injected > 0
    assert fake.stats.dropped > 0
    outcome_ids = [o.item.id for o in report.outcomes]
    assert len(outcome_ids) == len(set(outcome_ids))
    assert set(outcome_ids) == doomed
    # A DELETE whose answer was lost and that found nothing when retried did the deletion.
    assert (report.deleted, report.already_gone, report.failed) == (len(doomed), 0, 0)
    assert report.bytes_freed == report.bytes_planned
    assert {a.id for r in repos for a in fake.artifacts(r)} == kept


async def test_failures_are_reported_and_the_rest_goes_on(fake: FakeGitHub) -> None:
    for index in range(30):
        fake.add_artifact(APP, f"a{index}", created_at=days_ago(30))

    def faults_once_planned(progress: BulkProgress) -> None:
        if progress.planned and not progress.finished:
            fake.faults = Faults(error_rate=0.3, seed=3)

    async with AsyncGitHubActions(fake.token, base_url=fake.url, retry=0) as gh:
        report = await gh.bulk.delete_artifacts(
            repos=[APP], older_than=timedelta(days=7), on_progress=faults_once_planned
        )
    assert 0 < report.failed < 30
    assert report.deleted + report.failed == report.planned == 30
    assert all(isinstance(f.error, ServerError) for f in report.failures)
    assert {a.id for a in fake.artifacts(APP)} == {f.item.id for f in report.failures}
    assert report.summary()["failures"][0]["status"] == 502


async def test_stopping_mid_way_returns_an_exact_report(
    gh: AsyncGitHubActions, fake: FakeGitHub
) -> None:
    for index in range(120):
        fake.add_artifact(APP, f"a{index}", size_in_bytes=10, created_at=days_ago(30))
    fake.latency = 0.005
    stop = BulkStop()

    def stop_after_thirty(progress: BulkProgress) -> None:
        if progress.done >= 30:
            stop.stop()

    report = await gh.bulk.delete_artifacts(
        repos=[APP], expired=False, concurrency=4, on_progress=stop_after_thirty, stop=stop
    )
    assert report.planned == 120
    assert report.done + report.not_started == 120
    assert 30 <= report.done < 120
    assert report.bytes_freed == 10 * report.done
    left = {a.id for a in fake.artifacts(APP)}
    assert left == {o.item.id for o in report.outcomes if o.outcome == "not_started"}


NAIVE = datetime(2024, 1, 1)  # deliberately without a time zone


@pytest.mark.parametrize(
    ("kwargs", "error", "message"),
    [
        ({"expired": True}, ValueError, "one of org, repos or orgs"),
        ({"org": "o", "repos": ["o/r"], "expired": True}, ValueError, "either org or repos"),
        ({"repos": [APP]}, ValueError, "say which artifacts"),
        ({"org": "o", "keep_latest": 0}, ValueError, "say which artifacts"),
        ({"repos": ["nope"], "expired": True}, ValueError, "owner/name"),
        ({"org": "", "expired": True}, ValueError, "organization login"),
        ({"org": "a/b", "expired": True}, ValueError, "organization login"),
        ({"org": "o", "name_pattern": " "}, ValueError, "name_pattern must not be empty"),
        ({"org": "o", "older_than": timedelta(days=-1)}, ValueError, "older_than must not be"),
        ({"org": "o", "created_before": NAIVE}, ValueError, "timezone-aware"),
        ({"org": "o", "min_size": -1}, ValueError, "min_size must not be negative"),
        ({"org": "o", "keep_latest": -2}, ValueError, "keep_latest must not be negative"),
        ({"org": "o", "expired": True, "concurrency": 0}, ValueError, "concurrency"),
        ({"org": "o", "older_than": 7}, TypeError, "older_than must be a timedelta"),
        ({"org": "o", "expired": "yes"}, TypeError, "expired must be a bool"),
        ({"org": "o", "created_before": "2024-01-01"}, TypeError, "created_before"),
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
        await gh.bulk.delete_artifacts(**kwargs)
    assert fake.stats.requests == 0


def test_the_sync_client_deletes_artifacts_with_a_thread_served_fake() -> None:
    with FakeGitHub() as fake, GitHubActions(fake.token, base_url=fake.url) as gh:
        for index in range(4):
            fake.add_artifact(f"octo/r{index}", "out", created_at=days_ago(9))
        fake.add_artifact("octo/r0", "out")
        report = gh.bulk.delete_artifacts(org="octo", older_than=timedelta(days=7))
        assert report.deleted == 4
        assert [len(fake.artifacts(f"octo/r{i}")) for i in range(4)] == [1, 0, 0, 0]

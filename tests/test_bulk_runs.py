"""bulk.delete_runs and bulk.cancel_runs, through both clients, against FakeGitHub."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone
from typing import Any, cast
from urllib.parse import parse_qs

import pytest

from ghactions_async import (
    AsyncGitHubActions,
    BulkProgress,
    BulkStop,
    Conflict,
    GitHubActions,
    NotFound,
    ServerError,
)
from ghactions_async.testing import FakeGitHub, FakeRun, Faults, days_ago
from ghactions_async.testing._runs_state import RunsState

from .conftest import run_ids

APP = "octo/app"


def cancelled(fake: FakeGitHub, repo: str = APP) -> set[int]:
    return {r.id for r in fake.runs_of(repo) if r.conclusion == "cancelled"}


def queries(fake: FakeGitHub, suffix: str = "/runs") -> list[dict[str, list[str]]]:
    return [
        parse_qs(r.query) for r in fake.stats.log if r.method == "GET" and r.path.endswith(suffix)
    ]


def remove_behind_its_back(fake: FakeGitHub, run: FakeRun) -> None:
    with fake._lock:
        del fake.state.area(RunsState).runs[run.id]


class World:
    """The runs of octo/app, by role: ``ci_*`` of ci.yml, ``deploy_*`` of deploy.yml."""

    def __init__(self, fake: FakeGitHub) -> None:
        add = fake.add_run
        self.fake = fake
        self.ci = fake.add_workflow(APP, "ci.yml")
        self.deploy = fake.add_workflow(APP, "deploy.yml")
        self.ci_old = add(APP, created_at=days_ago(40))
        self.ci_failed = add(APP, conclusion="failure", created_at=days_ago(30))
        self.ci_feature_failed = add(
            APP, conclusion="failure", branch="feature", actor="hubot", created_at=days_ago(20)
        )
        self.ci_feature = add(APP, branch="feature", actor="hubot", created_at=days_ago(10))
        self.ci_running = add(
            APP, status="in_progress", branch="feature", actor="hubot", created_at=days_ago(1)
        )
        self.ci_queued = add(APP, status="queued", created_at=days_ago(0.1))
        self.deploy_old = add(APP, workflow=self.deploy, created_at=days_ago(50))
        self.deploy_cancelled = add(
            APP,
            workflow=self.deploy,
            conclusion="cancelled",
            actor="dependabot",
            created_at=days_ago(5),
        )
        self.deploy_waiting = add(
            APP, workflow=self.deploy, status="waiting", created_at=days_ago(0.5)
        )
        self.elsewhere = add("octo/lib", created_at=days_ago(60))

    def named(self, *roles: str) -> set[int]:
        return {cast(FakeRun, getattr(self, role)).id for role in roles}


@pytest.fixture
def world(fake: FakeGitHub) -> World:
    return World(fake)


# -- delete_runs -----------------------------------------------------------------


@pytest.mark.parametrize(
    ("criteria", "gone"),
    [
        ({"status": "failure"}, ("ci_failed", "ci_feature_failed")),
        ({"status": "success"}, ("ci_old", "ci_feature", "deploy_old")),
        (
            {"status": "completed"},
            (
                "ci_old",
                "ci_failed",
                "ci_feature_failed",
                "ci_feature",
                "deploy_old",
                "deploy_cancelled",
            ),
        ),
        ({"branch": "feature"}, ("ci_feature_failed", "ci_feature")),  # not the running one
        ({"actor": "HUBOT"}, ("ci_feature_failed", "ci_feature")),
        ({"workflow": "deploy.yml"}, ("deploy_old", "deploy_cancelled")),  # not the waiting one
        (
            {"older_than": timedelta(days=15)},
            ("ci_old", "ci_failed", "ci_feature_failed", "deploy_old"),
        ),
        ({"created_before": days_ago(35)}, ("ci_old", "deploy_old")),
        (
            {"branch": "main", "older_than": timedelta(days=25)},
            ("ci_old", "ci_failed", "deploy_old"),
        ),
        ({"keep_latest": 1}, ("ci_old", "ci_failed", "ci_feature_failed", "deploy_old")),
        ({"keep_latest": 3}, ("ci_old",)),
        (
            {"keep_latest": 1, "older_than": timedelta(days=25)},
            ("ci_old", "ci_failed", "deploy_old"),
        ),
        ({"keep_latest": 1, "status": "success"}, ("ci_old", "deploy_old")),
    ],
)
async def test_delete_runs_deletes_exactly_the_completed_runs_that_match(
    gh: AsyncGitHubActions, world: World, criteria: dict[str, Any], gone: tuple[str, ...]
) -> None:
    before = run_ids(world.fake)
    report = await gh.bulk.delete_runs(repos=[APP], **criteria)
    expected = world.named(*gone)
    assert before - run_ids(world.fake) == expected
    assert report.operation == "delete_runs"
    assert (report.planned, report.deleted, report.failed, report.already_gone) == (
        len(expected),
        len(expected),
        0,
        0,
    )
    assert {o.item.id for o in report.outcomes} == expected
    assert report.bytes_freed == 0
    assert run_ids(world.fake, "octo/lib") == world.named("elsewhere")


async def test_a_workflow_may_be_given_by_id(gh: AsyncGitHubActions, world: World) -> None:
    report = await gh.bulk.delete_runs(repos=[APP], workflow=world.deploy.id)
    assert {o.item.id for o in report.outcomes} == world.named("deploy_old", "deploy_cancelled")
    assert [o.item.name for o in report.outcomes] == ["Deploy #1", "Deploy #2"]
    assert {o.item.kind for o in report.outcomes} == {"run"}


async def test_github_does_the_filtering_it_can(gh: AsyncGitHubActions, world: World) -> None:
    world.fake.reset_stats()
    cutoff = datetime(2024, 5, 1, 10, 30, 15, 500_000, tzinfo=timezone.utc)
    await gh.bulk.delete_runs(
        repos=[APP], status="failure", branch="feature", actor="hubot", created_before=cutoff
    )
    [query] = queries(world.fake)
    assert query["status"] == ["failure"]
    assert query["branch"] == ["feature"]
    assert query["actor"] == ["hubot"]
    assert query["created"] == ["<=2024-05-01T10:30:15Z"]
    assert query["exclude_pull_requests"] == ["true"]
    world.fake.reset_stats()
    await gh.bulk.delete_runs(repos=[APP], workflow="ci.yml", older_than=timedelta(days=3))
    paths = [r.path for r in world.fake.stats.log if r.method == "GET"]
    assert paths == ["/repos/octo/app/actions/workflows/ci.yml/runs"]


async def test_the_creation_cut_off_is_exact(gh: AsyncGitHubActions, fake: FakeGitHub) -> None:
    at = datetime(2024, 5, 1, 10, 0, 0, tzinfo=timezone.utc)
    before, on, after = (
        fake.add_run(APP, created_at=at + timedelta(seconds=s)) for s in (-1, 0, 1)
    )
    report = await gh.bulk.delete_runs(repos=[APP], created_before=at)
    assert {o.item.id for o in report.outcomes} == {before.id}
    assert run_ids(fake) == {on.id, after.id}


async def test_keep_latest_spares_a_rarely_run_workflow_whatever_else_matched(
    gh: AsyncGitHubActions, fake: FakeGitHub
) -> None:
    nightly = [
        fake.add_run(APP, workflow="nightly.yml", created_at=days_ago(90 - d)) for d in range(4)
    ]
    busy = [fake.add_run(APP, workflow="ci.yml", created_at=days_ago(40 - d)) for d in range(3)]
    recent = fake.add_run(APP, workflow="ci.yml", created_at=days_ago(1))
    fake.reset_stats()
    report = await gh.bulk.delete_runs(repos=[APP], older_than=timedelta(days=30), keep_latest=2)
    assert run_ids(fake) == {nightly[2].id, nightly[3].id, busy[2].id, recent.id}
    assert report.deleted == 4
    # The newest completed runs of each workflow came from one small request each.
    newest = queries(fake, "/runs")[1:]
    assert sorted(q["per_page"][0] for q in newest) == ["2", "2"]
    assert all(q["status"] == ["completed"] for q in newest)


async def test_keep_latest_for_a_workflow_github_no_longer_lists(
    gh: AsyncGitHubActions, fake: FakeGitHub
) -> None:
    old = [fake.add_run(APP, workflow="gone.yml", created_at=days_ago(60 - d)) for d in range(3)]
    with fake._lock:  # the workflow file was deleted; its runs remain
        del fake.state.area(RunsState).workflows[old[0].workflow.id]
    report = await gh.bulk.delete_runs(repos=[APP], older_than=timedelta(days=30), keep_latest=1)
    # Its newest runs are then judged from those listed: the newest one stays.
    assert report.deleted == 2
    assert run_ids(fake) == {old[2].id}


async def test_an_unfinished_status_is_refused(gh: AsyncGitHubActions, fake: FakeGitHub) -> None:
    with pytest.raises(ValueError, match="GitHub deletes only completed runs"):
        await gh.bulk.delete_runs(repos=[APP], status="in_progress")
    assert fake.stats.requests == 0


async def test_delete_runs_goes_past_githubs_cap_of_1000(
    gh: AsyncGitHubActions, fake: FakeGitHub
) -> None:
    start = days_ago(30)
    failed = [
        fake.add_run(APP, conclusion="failure", created_at=start + timedelta(minutes=n))
        for n in range(1_030)
    ]
    kept = fake.add_run(APP, created_at=start)
    report = await gh.bulk.delete_runs(repos=[APP], status="failure")
    assert report.deleted == len(failed) == 1_030
    assert run_ids(fake) == {kept.id}


async def test_a_dry_run_sends_no_change(gh: AsyncGitHubActions, world: World) -> None:
    before = run_ids(world.fake)
    world.fake.reset_stats()
    report = await gh.bulk.delete_runs(repos=[APP], status="failure", dry_run=True)
    assert report.dry_run
    assert (report.planned, report.skipped, report.deleted) == (2, 2, 0)
    assert run_ids(world.fake) == before
    assert {r.method for r in world.fake.stats.log} == {"GET"}
    assert report.requests == world.fake.stats.requests == 1


async def test_runs_gone_or_restarted_since_planning(gh: AsyncGitHubActions, world: World) -> None:
    def behind_its_back(progress: BulkProgress) -> None:
        if progress.planned and not progress.finished:
            remove_behind_its_back(world.fake, world.ci_old)
            world.ci_failed.latest.status = "in_progress"  # re-run meanwhile

    report = await gh.bulk.delete_runs(
        repos=[APP], older_than=timedelta(days=25), on_progress=behind_its_back
    )
    outcomes = {o.item.id: o for o in report.outcomes}
    assert outcomes[world.ci_old.id].outcome == "already_gone"
    assert outcomes[world.ci_failed.id].outcome == "failed"
    assert isinstance(outcomes[world.ci_failed.id].error, Conflict)
    assert outcomes[world.deploy_old.id].outcome == "done"
    assert run_ids(world.fake) & world.named("ci_old", "ci_failed", "deploy_old") == world.named(
        "ci_failed"
    )


async def test_an_organization_visits_each_of_its_repositories(
    gh: AsyncGitHubActions, world: World
) -> None:
    world.fake.add_run("other/app", created_at=days_ago(90))
    world.fake.add_workflow("octo/docs", "pages.yml")
    report = await gh.bulk.delete_runs(org="octo", workflow="ci.yml", older_than=timedelta(days=35))
    # octo/docs has no ci.yml: nothing to do there, and no failure either.
    assert {(o.item.repo, o.item.id) for o in report.outcomes} == {
        (APP, world.ci_old.id),
        ("octo/lib", world.elsewhere.id),
    }
    assert report.failed == 0
    assert len(world.fake.runs_of("other/app")) == 1


async def test_no_run_lost_or_counted_twice_through_faults(
    resilient: AsyncGitHubActions, fake: FakeGitHub
) -> None:
    repos = [f"octo/r{n}" for n in range(5)]
    doomed: set[int] = set()
    for repo in repos:
        for index in range(30):
            conclusion = "failure" if index % 3 else "success"
            run = fake.add_run(repo, conclusion=conclusion, created_at=days_ago(index + 1))
            if conclusion == "failure":
                doomed.add(run.id)
    everyone = {r.id for repo in repos for r in fake.runs_of(repo)}
    fake.faults = Faults(error_rate=0.15, drop_rate=0.05, drop_after_rate=0.1, seed=9)
    report = await resilient.bulk.delete_runs(org="octo", status="failure")
    assert fake.stats.errors_injected > 0
    assert fake.stats.dropped > 0
    outcome_ids = [o.item.id for o in report.outcomes]
    assert len(outcome_ids) == len(set(outcome_ids))
    assert set(outcome_ids) == doomed
    assert (report.deleted, report.already_gone, report.failed) == (len(doomed), 0, 0)
    assert {r.id for repo in repos for r in fake.runs_of(repo)} == everyone - doomed


async def test_stopping_mid_way_returns_an_exact_report(
    gh: AsyncGitHubActions, fake: FakeGitHub
) -> None:
    runs = {
        run.id: run
        for run in (
            fake.add_run(APP, conclusion="failure", created_at=days_ago(index + 1))
            for index in range(100)
        )
    }
    fake.latency = 0.005
    stop = BulkStop()

    def stop_after_twenty(progress: BulkProgress) -> None:
        if progress.done >= 20:
            stop.stop()

    report = await gh.bulk.delete_runs(
        repos=[APP], status="failure", concurrency=4, on_progress=stop_after_twenty, stop=stop
    )
    assert report.planned == 100
    assert report.done + report.not_started == 100
    assert 20 <= report.done < 100
    not_started = {o.item.id for o in report.outcomes if o.outcome == "not_started"}
    assert run_ids(fake) == not_started
    # Oldest first: the runs left are the newest.
    deleted = [runs[o.item.id] for o in report.outcomes if o.outcome == "done"]
    assert max(r.created_at for r in deleted) < min(runs[i].created_at for i in not_started)


# -- cancel_runs -----------------------------------------------------------------


class Unfinished:
    """Runs of octo/app in every unfinished status, and one completed."""

    def __init__(self, fake: FakeGitHub) -> None:
        add = fake.add_run
        self.fake = fake
        self.queued = add(APP, status="queued", created_at=days_ago(0.5))
        self.running = add(APP, status="in_progress", created_at=days_ago(0.4))
        self.waiting = add(APP, status="waiting", workflow="deploy.yml", created_at=days_ago(0.3))
        self.pending = add(APP, status="pending", branch="feature", created_at=days_ago(0.2))
        self.requested = add(
            APP, status="requested", branch="feature", actor="hubot", created_at=days_ago(0.1)
        )
        self.finished = add(APP, created_at=days_ago(0.6))

    def named(self, *roles: str) -> set[int]:
        return {cast(FakeRun, getattr(self, role)).id for role in roles}


@pytest.fixture
def unfinished(fake: FakeGitHub) -> Unfinished:
    return Unfinished(fake)


@pytest.mark.parametrize(
    ("criteria", "stopped"),
    [
        ({"branch": "main"}, ("queued", "running", "waiting")),
        ({"status": "queued"}, ("queued",)),
        ({"status": "waiting"}, ("waiting",)),
        ({"status": "requested"}, ("requested",)),
        ({"actor": "hubot"}, ("requested",)),
        ({"workflow": "deploy.yml"}, ("waiting",)),
        ({"older_than": timedelta(hours=8)}, ("queued", "running")),
        ({"created_before": days_ago(0.25)}, ("queued", "running", "waiting")),
        ({"branch": "feature", "status": "pending"}, ("pending",)),
    ],
)
async def test_cancel_runs_cancels_exactly_the_unfinished_runs_that_match(
    gh: AsyncGitHubActions,
    unfinished: Unfinished,
    criteria: dict[str, Any],
    stopped: tuple[str, ...],
) -> None:
    report = await gh.bulk.cancel_runs(repos=[APP], **criteria)
    expected = unfinished.named(*stopped)
    assert cancelled(unfinished.fake) == expected
    assert report.operation == "cancel_runs"
    assert (report.planned, report.done, report.already_gone, report.failed) == (
        len(expected),
        len(expected),
        0,
        0,
    )
    assert unfinished.finished.conclusion == "success"


async def test_without_status_each_unfinished_status_is_listed(
    gh: AsyncGitHubActions, unfinished: Unfinished
) -> None:
    unfinished.fake.reset_stats()
    await gh.bulk.cancel_runs(repos=[APP], branch="main", dry_run=True)
    statuses = sorted(q["status"][0] for q in queries(unfinished.fake))
    assert statuses == ["in_progress", "pending", "queued", "requested", "waiting"]
    assert all(q["branch"] == ["main"] for q in queries(unfinished.fake))


async def test_force_uses_force_cancel(gh: AsyncGitHubActions, unfinished: Unfinished) -> None:
    unfinished.fake.reset_stats()
    report = await gh.bulk.cancel_runs(repos=[APP], status="in_progress", force=True)
    assert report.done == 1
    posts = [r.path for r in unfinished.fake.stats.log if r.method == "POST"]
    assert posts == [f"/repos/octo/app/actions/runs/{unfinished.running.id}/force-cancel"]
    assert cancelled(unfinished.fake) == unfinished.named("running")


async def test_a_dry_run_cancels_nothing(gh: AsyncGitHubActions, unfinished: Unfinished) -> None:
    unfinished.fake.reset_stats()
    report = await gh.bulk.cancel_runs(repos=[APP], branch="feature", dry_run=True)
    assert (report.planned, report.skipped) == (2, 2)
    assert {r.method for r in unfinished.fake.stats.log} == {"GET"}
    assert cancelled(unfinished.fake) == set()


async def test_runs_that_finished_or_vanished_meanwhile_are_already_gone(
    gh: AsyncGitHubActions, unfinished: Unfinished
) -> None:
    fake = unfinished.fake

    def behind_its_back(progress: BulkProgress) -> None:
        if progress.planned and not progress.finished:
            fake.complete_run(unfinished.running, "success")  # GitHub answers 409
            remove_behind_its_back(fake, unfinished.waiting)  # GitHub answers 404

    report = await gh.bulk.cancel_runs(repos=[APP], branch="main", on_progress=behind_its_back)
    outcomes = {o.item.id: o.outcome for o in report.outcomes}
    assert outcomes == {
        unfinished.queued.id: "done",
        unfinished.running.id: "already_gone",
        unfinished.waiting.id: "already_gone",
    }
    assert unfinished.running.conclusion == "success"
    assert cancelled(fake) == unfinished.named("queued")


async def test_no_cancel_lost_or_counted_twice_through_faults(
    resilient: AsyncGitHubActions, fake: FakeGitHub
) -> None:
    repos = [f"octo/r{n}" for n in range(4)]
    planned: set[int] = set()
    for repo in repos:
        for index in range(25):
            status = ("queued", "in_progress", "waiting")[index % 3]
            planned.add(fake.add_run(repo, status=status, created_at=days_ago(1)).id)
        fake.add_run(repo, created_at=days_ago(1))
    fake.faults = Faults(error_rate=0.15, drop_rate=0.05, drop_after_rate=0.15, seed=4)
    report = await resilient.bulk.cancel_runs(org="octo", older_than=timedelta(hours=1))
    assert fake.stats.errors_injected > 0
    assert fake.stats.dropped > 0
    outcome_ids = [o.item.id for o in report.outcomes]
    assert len(outcome_ids) == len(set(outcome_ids))
    assert set(outcome_ids) == planned
    # A cancel whose answer was lost is sent again; the 409 it then meets is
    # recognised as this operation's own cancel.
    assert (report.done, report.already_gone, report.failed) == (len(planned), 0, 0)
    assert {r.id for repo in repos for r in fake.runs_of(repo) if r.conclusion == "cancelled"} == (
        planned
    )


async def test_a_cancel_that_keeps_failing_is_reported(fake: FakeGitHub) -> None:
    runs = [fake.add_run(APP, status="queued") for _ in range(20)]

    def faults_once_planned(progress: BulkProgress) -> None:
        if progress.planned and not progress.finished:
            fake.faults = Faults(error_rate=0.4, seed=2)

    async with AsyncGitHubActions(fake.token, base_url=fake.url, retry=0) as gh:
        report = await gh.bulk.cancel_runs(
            repos=[APP], status="queued", on_progress=faults_once_planned
        )
    assert 0 < report.failed < 20
    assert report.done + report.failed == report.planned == 20
    assert all(isinstance(f.error, ServerError) for f in report.failures)
    still_queued = {r.id for r in runs if r.status == "queued"}
    assert still_queued == {f.item.id for f in report.failures}


async def test_stopping_cancellation_mid_way_is_exact(
    gh: AsyncGitHubActions, fake: FakeGitHub
) -> None:
    for _ in range(80):
        fake.add_run(APP, status="queued", created_at=days_ago(1))
    fake.latency = 0.005
    stop = BulkStop()

    def stop_after_ten(progress: BulkProgress) -> None:
        if progress.done >= 10:
            stop.stop()

    report = await gh.bulk.cancel_runs(
        repos=[APP], status="queued", concurrency=3, on_progress=stop_after_ten, stop=stop
    )
    assert report.done + report.not_started == report.planned == 80
    assert 10 <= report.done < 80
    assert cancelled(fake) == {o.item.id for o in report.outcomes if o.outcome == "done"}


async def test_an_unknown_workflow_id_in_a_repository_is_nothing_to_do(
    gh: AsyncGitHubActions, unfinished: Unfinished
) -> None:
    report = await gh.bulk.cancel_runs(repos=[APP], workflow=999_999)
    assert report.planned == 0


async def test_a_missing_repository_is_a_failed_outcome(
    gh: AsyncGitHubActions, fake: FakeGitHub
) -> None:
    fake.add_run(APP, status="queued")
    # Five status lists per repository, concurrently: one error, reported plainly.
    report = await gh.bulk.cancel_runs(repos=[APP, "octo/missing"], branch="main")
    assert report.done == 1
    [failure] = report.failures
    assert (failure.item.kind, failure.item.repo) == ("repository", "octo/missing")
    assert isinstance(failure.error, NotFound)


NAIVE = datetime(2024, 1, 1)  # deliberately without a time zone


@pytest.mark.parametrize("operation", ["delete_runs", "cancel_runs"])
@pytest.mark.parametrize(
    ("kwargs", "error", "message"),
    [
        ({"branch": "main"}, ValueError, "one of org, repos or orgs"),
        ({"org": "o", "repos": ["o/r"], "branch": "main"}, ValueError, "either org or repos"),
        ({"repos": [APP]}, ValueError, "say which runs"),
        ({"repos": ["nope"], "branch": "main"}, ValueError, "owner/name"),
        ({"org": "", "branch": "main"}, ValueError, "organization login"),
        ({"org": "o", "branch": ""}, ValueError, "branch must not be empty"),
        ({"org": "o", "actor": " "}, ValueError, "actor must not be empty"),
        ({"org": "o", "workflow": ""}, ValueError, "workflow must not be empty"),
        ({"org": "o", "workflow": 0}, ValueError, "workflow must be a positive id"),
        ({"org": "o", "older_than": timedelta(hours=-1)}, ValueError, "older_than must not be"),
        ({"org": "o", "created_before": NAIVE}, ValueError, "timezone-aware"),
        ({"org": "o", "branch": "main", "concurrency": 0}, ValueError, "concurrency"),
        ({"org": "o", "status": "bogus"}, ValueError, "status must be one of"),
        ({"org": "o", "older_than": 3}, TypeError, "older_than must be a timedelta"),
        ({"org": "o", "workflow": 1.5}, TypeError, "workflow"),
    ],
)
async def test_bad_arguments_raise_before_any_request(
    gh: AsyncGitHubActions,
    fake: FakeGitHub,
    operation: str,
    kwargs: dict[str, Any],
    error: type[Exception],
    message: str,
) -> None:
    with pytest.raises(error, match=message):
        await getattr(gh.bulk, operation)(**kwargs)
    assert fake.stats.requests == 0


@pytest.mark.parametrize(
    ("operation", "kwargs", "error", "message"),
    [
        ("delete_runs", {"keep_latest": 0}, ValueError, "say which runs to delete"),
        ("delete_runs", {"status": "waiting"}, ValueError, "only completed runs"),
        ("delete_runs", {"keep_latest": -1}, ValueError, "keep_latest must not be negative"),
        ("cancel_runs", {"status": "completed"}, ValueError, "status must be one of"),
        ("cancel_runs", {"status": "failure"}, ValueError, "status must be one of"),
        ("cancel_runs", {"status": "queued", "force": "yes"}, TypeError, "force must be a bool"),
    ],
)
async def test_rules_of_each_operation_are_checked_first(
    gh: AsyncGitHubActions,
    fake: FakeGitHub,
    operation: str,
    kwargs: dict[str, Any],
    error: type[Exception],
    message: str,
) -> None:
    with pytest.raises(error, match=message):
        await getattr(gh.bulk, operation)(org="octo", **kwargs)
    assert fake.stats.requests == 0


def test_the_sync_client_cleans_runs_with_a_thread_served_fake() -> None:
    with FakeGitHub() as fake, GitHubActions(fake.token, base_url=fake.url) as gh:
        for index in range(3):
            fake.add_run(f"octo/r{index}", conclusion="failure", created_at=days_ago(3))
            fake.add_run(f"octo/r{index}", status="queued")
        deleted = gh.bulk.delete_runs(org="octo", status="failure")
        stopped = gh.bulk.cancel_runs(org="octo", status="queued")
        assert (deleted.deleted, stopped.done) == (3, 3)
        assert all(
            r.conclusion == "cancelled" for i in range(3) for r in fake.runs_of(f"octo/r{i}")
        )

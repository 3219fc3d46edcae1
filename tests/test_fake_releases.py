"""FakeGitHub as an older GitHub Enterprise Server release: ``FakeGitHub(ghes="3.4")``.

Its answers have the fields that release's schemas list, at every depth;
the operations it lacks answer 404; every answer says which release it is.
The runs, jobs and bulk run operations work against GHES 3.4 through both
clients, and every release from 3.4 on serves listings, a bulk operation
and the command line.
"""

from __future__ import annotations

import json
import subprocess
import sys
from datetime import timedelta
from typing import Any

import aiohttp
import pytest

from ghactions_async import AsyncGitHubActions, GitHubActions, NotFound
from ghactions_async._ghes import model_fields, release_key
from ghactions_async._releases import GHES_RELEASES
from ghactions_async.models import Job, MinimalRepository, SimpleUser, WorkflowRun
from ghactions_async.testing import FakeGitHub, FakeRun, days_ago

from .conftest import present, run_ids
from .test_cli import invoke

APP = "octo/app"
# Facts read from GitHub's descriptions of each release (../shared/openapi/ghes-history).
RUN_FIELDS_BEFORE_3_5 = ("actor", "triggering_actor", "run_attempt", "run_started_at")
DISPLAY_TITLE_SINCE = (3, 8)
CACHE_LIST_SINCE = (3, 7)


class Runs:
    """octo/app: two old completed runs of ci.yml, a recent one and one in progress."""

    def __init__(self, fake: FakeGitHub) -> None:
        self.ci = fake.add_workflow(APP, "ci.yml", name="CI", jobs=("build", "test"))
        add = fake.add_run
        self.old = add(APP, workflow=self.ci, created_at=days_ago(40), display_title="old")
        self.older = add(APP, workflow=self.ci, created_at=days_ago(50), display_title="older")
        self.recent = add(APP, workflow=self.ci, created_at=days_ago(1), display_title="recent")
        self.running = add(APP, workflow=self.ci, status="in_progress", display_title="running")


@pytest.fixture
def runs(fake: FakeGitHub) -> Runs:
    return Runs(fake)


# -- what FakeGitHub(ghes=...) is ---------------------------------------------------------


def test_a_release_means_enterprise_server() -> None:
    fake = FakeGitHub(ghes="3.6")
    assert (fake.platform, fake.ghes) == ("ghes", "3.6")
    assert (FakeGitHub().platform, FakeGitHub().ghes) == ("github.com", None)
    assert FakeGitHub(platform="ghes", ghes="3.19").ghes == "3.19"


@pytest.mark.parametrize("release", ["3.3", "3.20", "4.0", "3", "3.6.1", "latest", ""])
def test_a_release_without_a_description_is_refused(release: str) -> None:
    with pytest.raises(ValueError, match=r"3\.4|3\.9"):
        FakeGitHub(ghes=release)


def test_a_release_is_not_github_com() -> None:
    with pytest.raises(ValueError, match=r"github\.com"):
        FakeGitHub(ghes="3.6", platform="github.com")


# -- GHES 3.4 through both clients ------------------------------------------------------


def check_3_4_run(run: WorkflowRun, fake_run: FakeRun) -> None:
    assert (run.id, run.status) == (fake_run.id, fake_run.status)
    assert run.workflow_id == fake_run.workflow.id
    assert (run.name, run.head_branch, run.run_number) == ("CI", "main", fake_run.run_number)
    assert present(run.repository).full_name == APP
    # Not in 3.4's workflow-run: display_title (3.8), path (3.6), the actors and attempts (3.5).
    assert (run.display_title, run.path, run.referenced_workflows) == (None, None, None)
    assert [getattr(run, name) for name in RUN_FIELDS_BEFORE_3_5] == [None] * 4


@pytest.mark.ghes("3.4")
async def test_runs_come_as_3_4_sent_them(gh: AsyncGitHubActions, runs: Runs) -> None:
    by_id = {r.id: r for r in (runs.old, runs.older, runs.recent, runs.running)}
    listed = await gh.runs.list("octo", "app", per_page=2).collect()
    assert sorted(r.id for r in listed) == sorted(by_id)
    for run in listed:
        check_3_4_run(run, by_id[run.id])
    for workflow in ("ci.yml", runs.ci.id):
        of_workflow = await gh.runs.list_for_workflow("octo", "app", workflow).collect()
        assert sorted(r.id for r in of_workflow) == sorted(by_id)
    check_3_4_run(await gh.runs.get("octo", "app", runs.old.id), runs.old)


@pytest.mark.ghes("3.4")
async def test_jobs_come_as_3_4_sent_them(
    gh: AsyncGitHubActions, fake: FakeGitHub, runs: Runs
) -> None:
    first = fake.jobs_of(runs.old)[0]
    job = await gh.jobs.get("octo", "app", first.id)
    assert (job.id, job.run_id, job.name) == (first.id, runs.old.id, "build")
    assert job.status == "completed"
    assert [s.name for s in present(job.steps)] == [s.name for s in first.steps]
    # Not in 3.4's job: workflow_name and head_branch (3.8), created_at (3.9).
    assert (job.workflow_name, job.head_branch, job.created_at) == (None, None, None)
    listed = await gh.jobs.list_for_run("octo", "app", runs.old.id, per_page=1).collect()
    assert [(j.name, j.workflow_name, j.head_branch) for j in listed] == [
        ("build", None, None),
        ("test", None, None),
    ]
    # The jobs of one attempt arrived in 3.5: 3.4 answers 404, as it would.
    with pytest.raises(NotFound):
        await gh.jobs.list_for_attempt("octo", "app", runs.old.id, 1).collect()


@pytest.mark.ghes("3.5")
async def test_an_attempt_s_jobs_from_3_5_on(
    gh: AsyncGitHubActions, fake: FakeGitHub, runs: Runs
) -> None:
    listed = await gh.jobs.list_for_attempt("octo", "app", runs.old.id, 1).collect()
    assert [j.id for j in listed] == [j.id for j in fake.jobs_of(runs.old)]
    assert {(j.workflow_name, j.created_at) for j in listed} == {(None, None)}
    assert present((await gh.runs.get("octo", "app", runs.old.id)).run_attempt) == 1


@pytest.mark.ghes("3.4")
async def test_bulk_deletes_and_cancels_runs_on_3_4(
    gh: AsyncGitHubActions, fake: FakeGitHub, runs: Runs
) -> None:
    kept = await gh.bulk.delete_runs(repos=[APP], keep_latest=1, dry_run=True)
    assert sorted(o.item.id for o in kept.outcomes) == sorted([runs.old.id, runs.older.id])
    deleted = await gh.bulk.delete_runs(repos=[APP], older_than=timedelta(days=30))
    assert (deleted.failed, deleted.done) == (0, 2)
    # Named by workflow and number, not by the display title 3.4 does not send.
    assert {o.item.name for o in deleted.outcomes} == {
        f"CI #{runs.old.run_number}",
        f"CI #{runs.older.run_number}",
    }
    assert run_ids(fake) == {runs.recent.id, runs.running.id}
    cancelled = await gh.bulk.cancel_runs(repos=[APP], workflow="ci.yml")
    assert (cancelled.failed, [o.item.id for o in cancelled.outcomes]) == (0, [runs.running.id])
    assert runs.running.conclusion == "cancelled"


@pytest.mark.ghes("3.4")
async def test_bulk_deletes_an_actor_s_runs_on_3_4(
    gh: AsyncGitHubActions, fake: FakeGitHub, runs: Runs
) -> None:
    report = await gh.bulk.delete_runs(repos=[APP], actor=runs.old.actor, dry_run=True)
    assert report.planned == 3


@pytest.mark.ghes("3.11")
async def test_force_cancel_on_a_release_without_it_fails(
    gh: AsyncGitHubActions, fake: FakeGitHub, runs: Runs
) -> None:
    report = await gh.bulk.cancel_runs(repos=[APP], workflow="ci.yml", force=True)
    assert runs.running.status == "in_progress"
    assert (report.failed, report.already_gone) == (1, 0)


# -- the answers themselves ---------------------------------------------------------------


async def raw(fake: FakeGitHub, path: str, token: str | None = None) -> aiohttp.ClientResponse:
    """The fake's answer to a GET, body read (headers and status are what the tests look at)."""
    headers = {"Authorization": f"Bearer {token or fake.token}"}
    async with (
        aiohttp.ClientSession() as session,
        session.get(fake.url + path, headers=headers) as response,
    ):
        await response.read()
        return response


@pytest.mark.ghes("3.4")
async def test_every_answer_says_its_release(fake: FakeGitHub, runs: Runs) -> None:
    for path, token, status in [
        (f"/repos/{APP}/actions/runs/{runs.old.id}", None, 200),
        (f"/repos/{APP}/actions/caches", None, 404),  # 3.7
        (f"/repos/{APP}/actions/runs", "wrong", 401),
    ]:
        response = await raw(fake, path, token)
        assert response.status == status
        assert response.headers["x-github-enterprise-version"] == "3.4.0"


async def test_newest_shapes_without_a_release(fake: FakeGitHub, runs: Runs) -> None:
    response = await raw(fake, f"/repos/{APP}/actions/runs/{runs.old.id}")
    assert "x-github-enterprise-version" not in response.headers
    async with AsyncGitHubActions(fake.token, base_url=fake.url) as gh:
        run = await gh.runs.get("octo", "app", runs.old.id)
    assert (run.display_title, present(run.actor).login) == ("old", runs.old.actor)


@pytest.mark.parametrize("release", ["3.4", "3.6", "3.19"])
async def test_objects_hold_only_what_the_release_lists(release: str) -> None:
    async with (
        FakeGitHub(ghes=release) as fake,
        AsyncGitHubActions(fake.token, base_url=fake.url) as gh,
    ):
        run = Runs(fake).old
        answer = await gh.request("GET", f"/repos/{APP}/actions/runs/{run.id}")
        jobs = await gh.request("GET", f"/repos/{APP}/actions/runs/{run.id}/jobs")
        repos = await gh.request("GET", "/orgs/octo/repos")
    assert set(answer) <= fields(WorkflowRun, release)
    assert set(answer["repository"]) <= fields(MinimalRepository, release)
    assert set(answer["repository"]["owner"]) <= fields(SimpleUser, release)
    assert set(jobs) == {"total_count", "jobs"}
    assert jobs["total_count"] == 2
    assert all(set(job) <= fields(Job, release) for job in jobs["jobs"])
    assert ("display_title" in answer) is (release_key(release) >= DISPLAY_TITLE_SINCE)
    assert ("actor" in answer, "path" in answer) == (release != "3.4", release != "3.4")
    assert {"workflow_name" in job for job in jobs["jobs"]} == {release == "3.19"}
    # In a bare list: a repository's web_commit_signoff_required arrived in 3.6, has_discussions
    # in 3.7 (the fake builds both).
    assert [r["full_name"] for r in repos] == [APP]
    assert ("web_commit_signoff_required" in repos[0]) is (release != "3.4")
    assert ("has_discussions" in repos[0]) is (release == "3.19")


def fields(model: type, release: str) -> frozenset[str]:
    return present(model_fields(model, release))


@pytest.mark.parametrize(("release", "details"), [(None, True), ("3.19", False)])
async def test_a_dispatch_answers_204_on_every_release(release: str | None, details: bool) -> None:
    # No GHES release describes the run details a dispatch may return (api.github.com only).
    async with (
        FakeGitHub(ghes=release) as fake,
        AsyncGitHubActions(fake.token, base_url=fake.url) as gh,
    ):
        fake.add_workflow(APP, "ci.yml")
        dispatched = await gh.workflows.dispatch(
            "octo", "app", "ci.yml", ref="main", return_run_details=True
        )
    assert (dispatched is not None) is details


# -- operations a release lacks -----------------------------------------------------------


@pytest.mark.ghes("3.6")
async def test_an_operation_the_release_lacks_answers_404(
    gh: AsyncGitHubActions, fake: FakeGitHub
) -> None:
    fake.add_cache(APP, key="npm")
    # Listing and deleting caches arrived in 3.7; their usage in 3.5.
    with pytest.raises(NotFound) as raised:
        await gh.caches.list("octo", "app").collect()
    assert raised.value.message == "Not Found"
    with pytest.raises(NotFound):
        await gh.caches.delete_by_key("octo", "app", "npm")
    assert fake.caches(APP) != []
    assert present((await gh.caches.get_usage("octo", "app")).active_caches_count) == 1


@pytest.mark.ghes("3.6")
async def test_an_operation_no_release_has_answers_404_with_a_hint(
    gh: AsyncGitHubActions,
) -> None:
    with pytest.raises(NotFound) as raised:
        await gh.hosted_runners.get_limits("octo")
    assert "not part of the GitHub Enterprise Server API" in str(raised.value.hint)


@pytest.mark.ghes("3.6")
async def test_a_listing_no_release_has_answers_404_with_a_hint(gh: AsyncGitHubActions) -> None:
    with pytest.raises(NotFound) as raised:
        await gh.hosted_runners.list("octo").collect()
    assert "not part of the GitHub Enterprise Server API" in str(raised.value.hint)


@pytest.mark.ghes("3.6")
async def test_an_operation_the_release_lacks_answers_404_with_a_hint(
    gh: AsyncGitHubActions, fake: FakeGitHub
) -> None:
    fake.add_cache(APP, key="npm")
    with pytest.raises(NotFound) as raised:
        await gh.caches.delete_by_key("octo", "app", "npm")
    assert "3.7" in str(raised.value.hint)


# -- every release ------------------------------------------------------------------------


@pytest.mark.parametrize("release", GHES_RELEASES)
def test_every_release_lists_prunes_and_serves_the_command_line(release: str) -> None:
    with FakeGitHub(ghes=release) as fake:
        runs = Runs(fake)
        fake.add_cache(APP, key="npm")
        fake.add_artifact(APP, "dist")
        with GitHubActions(fake.token, base_url=fake.url) as gh:
            listed = gh.runs.list("octo", "app").collect()
            titles = {r.display_title for r in listed}
            has_titles = release_key(release) >= DISPLAY_TITLE_SINCE
            assert titles == ({"old", "older", "recent", "running"} if has_titles else {None})
            assert [a.name for a in gh.artifacts.list("octo", "app")] == ["dist"]
            if release_key(release) >= CACHE_LIST_SINCE:
                assert [c.key for c in gh.caches.list("octo", "app")] == ["npm"]
            else:
                with pytest.raises(NotFound):
                    gh.caches.list("octo", "app").collect()
            report = gh.bulk.delete_runs(repos=[APP], older_than=timedelta(days=30))
            assert (report.done, report.failed) == (2, 0)
        result = invoke(fake, "runs", "list", "--repo", APP, "--json")
        assert result.exit_code == 0, result.output
        listed_json: list[dict[str, Any]] = json.loads(result.stdout)
    assert {r["id"] for r in listed_json} == {runs.recent.id, runs.running.id}


def test_a_fake_of_its_own_process_answers_as_a_release() -> None:
    command = [sys.executable, "-m", "ghactions_async.testing", "--ghes", "3.6"]
    with subprocess.Popen(
        [*command, "--runs", f"{APP}=3"], stdout=subprocess.PIPE, text=True
    ) as served:
        try:
            assert served.stdout is not None
            where = json.loads(served.stdout.readline())
            with GitHubActions(where["token"], base_url=where["url"]) as gh:
                runs = gh.runs.list("octo", "app").collect()
                with pytest.raises(NotFound):
                    gh.caches.list("octo", "app").collect()  # 3.7
        finally:
            served.terminate()
    assert len(runs) == 3
    assert {(r.display_title, present(r.path).startswith(".github")) for r in runs} == {
        (None, True)
    }

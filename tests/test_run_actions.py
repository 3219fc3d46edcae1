"""Acting on runs, through the async and the sync client, against FakeGitHub.

Cancelling, re-running, approving and deleting runs; downloading and deleting
their logs; reviewing pending deployments, approvals and custom deployment
protection gates. Listing and reading runs are in ``test_runs``.
"""

from __future__ import annotations

import io
import os
import zipfile
from pathlib import Path

import pytest

from ghactions_async import (
    AsyncGitHubActions,
    Conflict,
    NotFound,
    PermissionDenied,
    ValidationFailed,
)
from ghactions_async.models import Deployment, EnvironmentApproval, PendingDeployment, Team
from ghactions_async.models.common import SimpleUser
from ghactions_async.testing import FakeGitHub

from .conftest import present
from .test_runs import seed


async def test_cancel_and_force_cancel(gh: AsyncGitHubActions, fake: FakeGitHub) -> None:
    ids = seed(fake)
    await gh.runs.cancel("octo", "app", ids["running"])
    cancelled = await gh.runs.get("octo", "app", ids["running"])
    assert (cancelled.status, cancelled.conclusion) == ("completed", "cancelled")
    jobs = await gh.jobs.list_for_run("octo", "app", ids["running"]).collect()
    assert {(j.status, j.conclusion) for j in jobs} == {("completed", "cancelled")}
    with pytest.raises(Conflict, match="Cannot cancel a workflow run that is completed"):
        await gh.runs.cancel("octo", "app", ids["running"])
    await gh.runs.force_cancel("octo", "app", ids["queued"])
    assert (await gh.runs.get("octo", "app", ids["queued"])).conclusion == "cancelled"
    with pytest.raises(Conflict):
        await gh.runs.force_cancel("octo", "app", ids["old"])


async def test_rerun_starts_a_new_attempt_of_every_job(
    gh: AsyncGitHubActions, fake: FakeGitHub
) -> None:
    ids = seed(fake)
    with pytest.raises(PermissionDenied, match="already running"):
        await gh.runs.rerun("octo", "app", ids["running"])
    await gh.runs.rerun("octo", "app", ids["old"], enable_debug_logging=True)
    run = next(r for r in fake.runs_of("octo/app") if r.id == ids["old"])
    assert len(run.attempts) == 2
    assert run.latest.debug_logging is True
    assert [j.name for j in fake.jobs_of(run, attempt=2)] == ["build", "test"]
    assert {j.status for j in fake.jobs_of(run, attempt=2)} == {"queued"}


async def test_rerun_failed_jobs_only_reruns_what_failed(
    gh: AsyncGitHubActions, fake: FakeGitHub
) -> None:
    run = fake.add_run("octo/app", conclusion="failure", jobs=())
    fake.add_job(run, "lint", conclusion="success")
    fake.add_job(run, "unit", conclusion="failure")
    fake.add_job(run, "e2e", conclusion="cancelled")
    await gh.runs.rerun_failed_jobs("octo", "app", run.id)
    assert [j.name for j in fake.jobs_of(run, attempt=2)] == ["unit", "e2e"]
    assert run.latest.debug_logging is False
    fake.complete_run(run, "success")
    with pytest.raises(PermissionDenied, match="no failed jobs"):
        await gh.runs.rerun_failed_jobs("octo", "app", run.id)
    assert len(run.attempts) == 2


async def test_approve_a_run_from_a_fork(gh: AsyncGitHubActions, fake: FakeGitHub) -> None:
    ids = seed(fake)
    fork = fake.add_run("octo/app", status="action_required", event="pull_request")
    await gh.runs.approve("octo", "app", fork.id)
    assert (await gh.runs.get("octo", "app", fork.id)).status == "queued"
    with pytest.raises(PermissionDenied, match="not waiting for approval"):
        await gh.runs.approve("octo", "app", ids["old"])


async def test_delete(gh: AsyncGitHubActions, fake: FakeGitHub) -> None:
    ids = seed(fake)
    await gh.runs.delete("octo", "app", ids["old"])
    assert ids["old"] not in {r.id for r in fake.runs_of("octo/app")}
    with pytest.raises(NotFound):
        await gh.runs.get("octo", "app", ids["old"])
    with pytest.raises(NotFound):
        await gh.runs.delete("octo", "app", ids["old"])
    with pytest.raises(Conflict):
        await gh.runs.delete("octo", "app", ids["running"])


def read_zip(data: bytes) -> dict[str, str]:
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        return {name: archive.read(name).decode() for name in archive.namelist()}


async def test_download_logs_to_a_path_a_directory_and_a_file(
    gh: AsyncGitHubActions, fake: FakeGitHub, tmp_path: Path
) -> None:
    run = fake.add_run("octo/app", jobs=())
    fake.add_job(run, "build", log="compiled 42 files\n")
    fake.add_job(run, "test", log="ran 7 tests: ✓\n")
    expected = {"0_build.txt": "compiled 42 files\n", "1_test.txt": "ran 7 tests: ✓\n"}
    target = tmp_path / "logs.zip"
    assert await gh.runs.download_logs("octo", "app", run.id, target) == target
    assert read_zip(target.read_bytes()) == expected
    assert fake.stats.storage_log[-1].authorized is False
    served = await gh.runs.download_logs("octo", "app", run.id, tmp_path)
    assert served == tmp_path / f"logs_{run.id}.zip"
    assert read_zip(served.read_bytes()) == expected
    buffer = io.BytesIO()
    returned = await gh.runs.download_logs("octo", "app", run.id, buffer)  # type: ignore[func-returns-value]
    assert returned is None
    assert read_zip(buffer.getvalue()) == expected
    assert fake.stats.storage_log[-1].authorized is False
    assert sorted(os.listdir(tmp_path)) == sorted(["logs.zip", served.name])


async def test_logs_of_each_attempt(
    gh: AsyncGitHubActions, fake: FakeGitHub, tmp_path: Path
) -> None:
    run = fake.add_run("octo/app", conclusion="failure", jobs=("build",))
    await gh.runs.rerun("octo", "app", run.id)
    with pytest.raises(NotFound):  # the new attempt is still queued
        await gh.runs.download_logs("octo", "app", run.id, tmp_path)
    fake.complete_run(run)
    fake.jobs_of(run, attempt=2)[0].log = "second try\n"
    first = io.BytesIO()
    await gh.runs.download_attempt_logs("octo", "app", run.id, 1, first)
    assert "second try\n" not in read_zip(first.getvalue()).values()
    second = await gh.runs.download_attempt_logs("octo", "app", run.id, 2, tmp_path)
    assert second == tmp_path / f"logs_{run.id}_attempt_2.zip"
    assert read_zip(second.read_bytes()) == {"0_build.txt": "second try\n"}
    assert fake.stats.storage_log[-1].authorized is False
    with pytest.raises(NotFound):
        await gh.runs.download_attempt_logs("octo", "app", run.id, 3, tmp_path)


async def test_logs_urls_are_storage_locations(gh: AsyncGitHubActions, fake: FakeGitHub) -> None:
    run = fake.add_run("octo/app")
    url = await gh.runs.get_logs_url("octo", "app", run.id)
    assert url.startswith(fake.storage_url)
    assert url.endswith(f"/logs_{run.id}.zip")
    attempt_url = await gh.runs.get_attempt_logs_url("octo", "app", run.id, 1)
    assert attempt_url.startswith(fake.storage_url)
    assert fake.stats.storage_log == []


async def test_delete_logs(gh: AsyncGitHubActions, fake: FakeGitHub, tmp_path: Path) -> None:
    ids = seed(fake)
    await gh.runs.delete_logs("octo", "app", ids["old"])
    with pytest.raises(NotFound):
        await gh.runs.download_logs("octo", "app", ids["old"], tmp_path)
    with pytest.raises(NotFound):
        await gh.runs.delete_logs("octo", "app", ids["old"])
    assert (await gh.runs.get("octo", "app", ids["old"])).id == ids["old"]
    with pytest.raises(Conflict, match="not completed"):
        await gh.runs.delete_logs("octo", "app", ids["running"])
    assert os.listdir(tmp_path) == []


async def test_pending_deployments_approved(gh: AsyncGitHubActions, fake: FakeGitHub) -> None:
    run = fake.add_run("octo/app", status="in_progress")
    staging = fake.add_pending_deployment(run, "staging", wait_timer=5, teams=("ops",))
    production = fake.add_pending_deployment(run, "production")
    assert (await gh.runs.get("octo", "app", run.id)).status == "waiting"
    pending = await gh.runs.get_pending_deployments("octo", "app", run.id)
    assert all(isinstance(p, PendingDeployment) for p in pending)
    assert [present(p.environment).name for p in pending] == ["staging", "production"]
    assert pending[0].wait_timer == 5
    assert pending[0].wait_timer_started_at is not None
    reviewers = [r.reviewer for r in present(pending[0].reviewers)]
    assert isinstance(reviewers[0], SimpleUser)
    assert isinstance(reviewers[1], Team)
    assert reviewers[1].slug == "ops"
    deployments = await gh.runs.review_pending_deployments(
        "octo",
        "app",
        run.id,
        environment_ids=[staging.environment_id, production.environment_id],
        state="approved",
        comment="Ship it!",
    )
    assert all(isinstance(d, Deployment) for d in deployments)
    assert [(d.environment, d.production_environment) for d in deployments] == [
        ("staging", False),
        ("production", True),
    ]
    assert deployments[0].sha == run.head_sha
    assert await gh.runs.get_pending_deployments("octo", "app", run.id) == []
    assert (await gh.runs.get("octo", "app", run.id)).status == "in_progress"
    approvals = await gh.runs.list_approvals("octo", "app", run.id)
    assert len(approvals) == 1
    assert isinstance(approvals[0], EnvironmentApproval)
    assert (approvals[0].state, approvals[0].comment, present(approvals[0].user).login) == (
        "approved",
        "Ship it!",
        "octocat",
    )
    assert [e.name for e in present(approvals[0].environments)] == ["staging", "production"]


async def test_pending_deployment_rejected_and_refused(
    gh: AsyncGitHubActions, fake: FakeGitHub
) -> None:
    run = fake.add_run("octo/app", status="in_progress")
    gate = fake.add_pending_deployment(run, "production")
    locked = fake.add_pending_deployment(run, "vault", current_user_can_approve=False)
    with pytest.raises(ValidationFailed, match="No pending deployment requests"):
        await gh.runs.review_pending_deployments(
            "octo",
            "app",
            run.id,
            environment_ids=[locked.environment_id],
            state="approved",
            comment="",
        )
    with pytest.raises(ValidationFailed, match="No pending deployment requests"):
        await gh.runs.review_pending_deployments(
            "octo", "app", run.id, environment_ids=[1], state="approved", comment=""
        )
    rejected = await gh.runs.review_pending_deployments(
        "octo", "app", run.id, environment_ids=[gate.environment_id], state="rejected", comment="no"
    )
    assert rejected == []
    failed = await gh.runs.get("octo", "app", run.id)
    assert (failed.status, failed.conclusion) == ("completed", "failure")
    assert [a.state for a in await gh.runs.list_approvals("octo", "app", run.id)] == ["rejected"]


async def test_review_custom_gates(gh: AsyncGitHubActions, fake: FakeGitHub) -> None:
    run = fake.add_run("octo/app", status="waiting")
    gate = fake.add_custom_gate(run, "prod-eus")
    await gh.runs.review_custom_gates(
        "octo", "app", run.id, environment_name="prod-eus", comment="health checks running"
    )
    assert (gate.state, gate.comments) == (None, ["health checks running"])
    await gh.runs.review_custom_gates(
        "octo", "app", run.id, environment_name="prod-eus", state="approved", comment="all green"
    )
    assert (gate.state, gate.comments) == ("approved", ["health checks running", "all green"])
    with pytest.raises(ValidationFailed, match="No pending custom deployment protection rule"):
        await gh.runs.review_custom_gates(
            "octo", "app", run.id, environment_name="prod-eus", state="rejected"
        )
    with pytest.raises(ValidationFailed):
        await gh.runs.review_custom_gates(
            "octo", "app", run.id, environment_name="elsewhere", state="approved"
        )

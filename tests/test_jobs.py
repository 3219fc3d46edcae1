"""Every job method, through the async and the sync client, against FakeGitHub."""

from __future__ import annotations

import io
import os
from datetime import datetime, timedelta, timezone
from pathlib import Path

import pytest

from ghactions_async import AsyncGitHubActions, NotFound, PermissionDenied, ValidationFailed
from ghactions_async.models import Job, JobStep
from ghactions_async.testing import FakeGitHub

from .conftest import present

STARTED = datetime(2026, 4, 2, 8, 0, tzinfo=timezone.utc)
BUILD_LOG = "2026-04-02T08:00:00Z compiling\n2026-04-02T08:00:05Z done ✓\n"


def seed(fake: FakeGitHub) -> tuple[int, int]:
    """A failed run with a passing and a failing job; returns the run's and build job's ids."""
    run = fake.add_run("octo/app", conclusion="failure", created_at=STARTED, jobs=())
    build = fake.add_job(
        run,
        "build",
        conclusion="success",
        labels=("ubuntu-24.04",),
        steps=("Set up job", "Compile"),
        log=BUILD_LOG,
        completed_at=STARTED + timedelta(minutes=3),
    )
    fake.add_job(run, "test", conclusion="failure", labels=("windows-latest",))
    return run.id, build.id


async def test_list_for_run_returns_typed_jobs(gh: AsyncGitHubActions, fake: FakeGitHub) -> None:
    run_id, build_id = seed(fake)
    jobs = await gh.jobs.list_for_run("octo", "app", run_id).collect()
    assert [(j.name, j.conclusion) for j in jobs] == [("build", "success"), ("test", "failure")]
    build = jobs[0]
    assert isinstance(build, Job)
    assert build.id == build_id
    assert build.run_id == run_id
    assert build.run_attempt == 1
    assert build.started_at == STARTED
    assert build.completed_at == STARTED + timedelta(minutes=3)
    assert build.labels == ["ubuntu-24.04"]
    assert build.workflow_name == "CI"
    assert build.runner_name is not None
    assert build.steps is not None
    assert [(s.number, s.name) for s in build.steps] == [(1, "Set up job"), (2, "Compile")]
    assert isinstance(build.steps[0], JobStep)


async def test_latest_and_all_jobs_after_a_rerun(gh: AsyncGitHubActions, fake: FakeGitHub) -> None:
    run_id, build_id = seed(fake)
    await gh.runs.rerun_failed_jobs("octo", "app", run_id)
    latest = await gh.jobs.list_for_run("octo", "app", run_id).collect()
    assert [(j.name, j.run_attempt, j.status) for j in latest] == [
        ("build", 1, "completed"),
        ("test", 2, "queued"),
    ]
    every = await gh.jobs.list_for_run("octo", "app", run_id, filter="all").collect()
    assert [(j.name, j.run_attempt) for j in every] == [("build", 1), ("test", 1), ("test", 2)]
    second = await gh.jobs.list_for_attempt("octo", "app", run_id, 2).collect()
    assert [j.name for j in second] == ["test"]
    first = await gh.jobs.list_for_attempt("octo", "app", run_id, 1).collect()
    assert first[0].id == build_id
    with pytest.raises(NotFound):
        await gh.jobs.list_for_attempt("octo", "app", run_id, 3).collect()


async def test_list_turns_pages(gh: AsyncGitHubActions, fake: FakeGitHub) -> None:
    run = fake.add_run("octo/app", jobs=[f"shard-{n}" for n in range(5)])
    pages = [p async for p in gh.jobs.list_for_run("octo", "app", run.id, per_page=2).pages()]
    assert [len(p.items) for p in pages] == [2, 2, 1]
    assert [j.name for p in pages for j in p.items] == [f"shard-{n}" for n in range(5)]


async def test_get(gh: AsyncGitHubActions, fake: FakeGitHub) -> None:
    run_id, build_id = seed(fake)
    job = await gh.jobs.get("octo", "app", build_id)
    assert (job.id, job.name, job.run_id) == (build_id, "build", run_id)
    assert present(job.url).endswith(f"/repos/octo/app/actions/jobs/{build_id}")
    with pytest.raises(NotFound):
        await gh.jobs.get("octo", "other", build_id)
    with pytest.raises(NotFound):
        await gh.jobs.get("octo", "app", 999_999)


async def test_download_logs_to_a_path_a_directory_and_a_file(
    gh: AsyncGitHubActions, fake: FakeGitHub, tmp_path: Path
) -> None:
    _, build_id = seed(fake)
    target = tmp_path / "build.log"
    written = await gh.jobs.download_logs("octo", "app", build_id, target)
    assert written == target
    assert target.read_text(encoding="utf-8") == BUILD_LOG
    assert fake.stats.storage_log[-1].authorized is False
    in_dir = await gh.jobs.download_logs("octo", "app", build_id, tmp_path)
    assert in_dir == tmp_path / f"job-logs-{build_id}.txt"
    assert in_dir.read_bytes() == BUILD_LOG.encode()
    buffer = io.BytesIO()
    returned = await gh.jobs.download_logs("octo", "app", build_id, buffer)  # type: ignore[func-returns-value]
    assert returned is None
    assert buffer.getvalue().decode() == BUILD_LOG
    assert fake.stats.storage_log[-1].authorized is False
    assert sorted(os.listdir(tmp_path)) == ["build.log", in_dir.name]


async def test_logs_url_is_the_storage_location(gh: AsyncGitHubActions, fake: FakeGitHub) -> None:
    _, build_id = seed(fake)
    url = await gh.jobs.get_logs_url("octo", "app", build_id)
    assert url.startswith(fake.storage_url)
    assert url.endswith(f"/job-logs-{build_id}.txt")
    assert fake.stats.storage_log == []


async def test_logs_of_queued_jobs_and_deleted_logs_are_not_found(
    gh: AsyncGitHubActions, fake: FakeGitHub, tmp_path: Path
) -> None:
    run_id, build_id = seed(fake)
    queued = fake.add_run("octo/app", status="queued", jobs=("wait",))
    waiting_job = fake.jobs_of(queued)[0]
    with pytest.raises(NotFound):
        await gh.jobs.download_logs("octo", "app", waiting_job.id, tmp_path)
    await gh.runs.delete_logs("octo", "app", run_id)
    with pytest.raises(NotFound):
        await gh.jobs.get_logs_url("octo", "app", build_id)
    assert os.listdir(tmp_path) == []


async def test_rerun_one_job(gh: AsyncGitHubActions, fake: FakeGitHub) -> None:
    run_id, build_id = seed(fake)
    await gh.jobs.rerun("octo", "app", build_id, enable_debug_logging=True)
    run = await gh.runs.get("octo", "app", run_id)
    assert (run.run_attempt, run.status, run.conclusion) == (2, "queued", None)
    fake_run = fake.runs_of("octo/app")[0]
    assert fake_run.latest.debug_logging is True
    assert [j.name for j in fake.jobs_of(fake_run, attempt=2)] == ["build"]
    with pytest.raises(PermissionDenied, match="already running"):
        await gh.jobs.rerun("octo", "app", build_id)
    with pytest.raises(NotFound):
        await gh.jobs.rerun("octo", "app", 999_999)


def test_jobs_of_an_attempt_the_run_does_not_have_is_a_key_error(fake: FakeGitHub) -> None:
    seed(fake)
    run = fake.runs_of("octo/app")[0]
    assert [j.name for j in fake.jobs_of(run, attempt=1)] == ["build", "test"]
    for attempt in (0, 2, -1):
        with pytest.raises(KeyError, match=f"no attempt {attempt}"):
            fake.jobs_of(run, attempt=attempt)


async def test_fake_refuses_an_unknown_filter(fake: FakeGitHub) -> None:
    run_id, _ = seed(fake)
    async with AsyncGitHubActions(fake.token, base_url=fake.url) as gh:
        with pytest.raises(ValidationFailed, match="Invalid filter"):
            await gh.request("GET", f"/repos/octo/app/actions/runs/{run_id}/jobs?filter=some")


async def test_bad_arguments_raise_before_any_request(
    gh: AsyncGitHubActions, fake: FakeGitHub, tmp_path: Path
) -> None:
    run_id, build_id = seed(fake)
    before = fake.stats.requests
    with pytest.raises(ValueError, match="filter must be one of 'latest', 'all'"):
        gh.jobs.list_for_run("octo", "app", run_id, filter="newest")  # type: ignore[arg-type]
    with pytest.raises(ValueError, match="attempt_number must be a positive integer"):
        gh.jobs.list_for_attempt("octo", "app", run_id, 0)
    with pytest.raises(ValueError, match="job_id must be a positive integer"):
        await gh.jobs.get("octo", "app", -4)
    with pytest.raises(TypeError, match="job_id must be an int"):
        await gh.jobs.download_logs("octo", "app", str(build_id), tmp_path)  # type: ignore[call-overload]
    with pytest.raises(TypeError, match="enable_debugger must be a bool"):
        await gh.jobs.rerun("octo", "app", build_id, enable_debugger="yes")  # type: ignore[arg-type]
    with pytest.raises(ValueError, match="repo must not be empty"):
        await gh.jobs.get_logs_url("octo", "", build_id)
    assert fake.stats.requests == before

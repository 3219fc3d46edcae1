"""FakeGitHub's job endpoints and re-runs, and finding the run or attempt a path names.

Jobs belong to one attempt of a run; re-running a run or a job adds an
attempt with fresh, queued copies of the jobs. ``_runs`` and
``_deployment_gates`` build on this module.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import datetime
from typing import Any

from aiohttp import web

from .._operations import Operation
from .._operations import jobs as ops
from ._http import (
    STATE,
    Handler,
    error,
    json_body,
    json_response,
    list_response,
    node_id,
    not_found,
    origin_of,
    path_repo,
    redirect_to_storage,
)
from ._repos import account_json
from ._runs_state import (
    ACTING_USER,
    DEFAULT_STEPS,
    JOB_STATUSES,
    FakeAttempt,
    FakeJob,
    FakeRun,
    RunsState,
    make_job,
    whole_second,
)
from ._state import FakeRepo, FakeState, iso, utcnow
from ._world import Blob, World

RERUNNABLE = ("failure", "cancelled", "timed_out", "startup_failure")
"""Conclusions whose jobs ``rerun-failed-jobs`` runs again."""


# -- finding things a request names -------------------------------------------


def repo_of(request: web.Request) -> tuple[FakeState, FakeRepo] | None:
    repo = path_repo(request)
    return None if repo is None else (request.app[STATE], repo)


def run_of(request: web.Request) -> tuple[RunsState, FakeRun] | None:
    found = repo_of(request)
    if found is None:
        return None
    area = found[0].area(RunsState)
    run = area.run_in(found[1], request.match_info["run_id"])
    return None if run is None else (area, run)


def attempt_of(request: web.Request) -> tuple[RunsState, FakeRun, FakeAttempt] | None:
    found = run_of(request)
    number = request.match_info["attempt_number"]
    if found is None or not number.isdigit():
        return None
    attempt = found[1].attempt(int(number))
    return None if attempt is None else (*found, attempt)


def user_json(area: RunsState, login: str, origin: str) -> dict[str, Any]:
    return account_json(origin, login, area.user_id(login))


# -- attempts and re-runs -------------------------------------------------------


def finish(attempt: FakeAttempt, conclusion: str) -> None:
    """Complete an attempt and every job and step of it not completed yet."""
    now = whole_second(utcnow())
    attempt.status, attempt.conclusion, attempt.updated_at = "completed", conclusion, now
    for job in attempt.jobs:
        if job.status != "completed":
            job.status, job.conclusion, job.completed_at = "completed", conclusion, now
            for step in job.steps:
                if step.status != "completed":
                    step.status, step.conclusion, step.completed_at = "completed", conclusion, now


def start_attempt(
    state: FakeState, run: FakeRun, templates: Sequence[FakeJob], *, debug_logging: bool
) -> FakeAttempt:
    """A new queued attempt of ``run`` in which the jobs like ``templates`` run again."""
    now = whole_second(utcnow())
    attempt = FakeAttempt(
        number=len(run.attempts) + 1,
        status="queued",
        conclusion=None,
        triggering_actor=ACTING_USER,
        run_started_at=now,
        updated_at=now,
        debug_logging=debug_logging,
    )
    run.attempts.append(attempt)
    for job in templates:
        make_job(
            state,
            run,
            attempt,
            job.name,
            status="queued",
            conclusion=None,
            started_at=now,
            completed_at=None,
            labels=job.labels,
            steps=tuple(step.name for step in job.steps),
        )
    return attempt


def latest_jobs(run: FakeRun) -> list[FakeJob]:
    """The latest execution of each job of the run (what ``filter=latest`` lists)."""
    latest: dict[str, FakeJob] = {}
    for attempt in run.attempts:
        for job in attempt.jobs:
            latest[job.name] = job
    return list(latest.values())


# -- jobs --------------------------------------------------------------------


def job_json(job: FakeJob, origin: str) -> dict[str, Any]:
    run = job.run
    api = f"{origin}/repos/{run.repo.full_name}"
    return {
        "id": job.id,
        "run_id": run.id,
        "run_url": f"{api}/actions/runs/{run.id}",
        "run_attempt": job.attempt,
        "node_id": node_id("WorkflowJob", job.id),
        "head_sha": run.head_sha,
        "url": f"{api}/actions/jobs/{job.id}",
        "html_url": f"https://github.com/{run.repo.full_name}/actions/runs/{run.id}/job/{job.id}",
        "status": job.status,
        "conclusion": job.conclusion,
        "created_at": iso(job.created_at),
        "started_at": iso(job.started_at),
        "completed_at": None if job.completed_at is None else iso(job.completed_at),
        "name": job.name,
        "steps": [
            {
                "name": step.name,
                "status": step.status,
                "conclusion": step.conclusion,
                "number": step.number,
                "started_at": None if step.started_at is None else iso(step.started_at),
                "completed_at": None if step.completed_at is None else iso(step.completed_at),
            }
            for step in job.steps
        ],
        "check_run_url": f"{api}/check-runs/{job.id}",
        "labels": list(job.labels),
        "runner_id": job.runner_id,
        "runner_name": job.runner_name,
        "runner_group_id": job.runner_group_id,
        "runner_group_name": job.runner_group_name,
        "workflow_name": run.workflow.name,
        "head_branch": run.head_branch,
    }


def _jobs_page(request: web.Request, jobs: list[FakeJob]) -> web.Response:
    origin = origin_of(request)
    return list_response(request, jobs, "jobs", to_json=lambda job: job_json(job, origin))


async def list_run_jobs(request: web.Request) -> web.Response:
    found = run_of(request)
    if found is None:
        return not_found()
    run = found[1]
    which = request.query.get("filter", "latest")
    if which == "latest":
        return _jobs_page(request, sorted(latest_jobs(run), key=lambda job: job.id))
    if which == "all":
        return _jobs_page(request, [job for attempt in run.attempts for job in attempt.jobs])
    return error(422, f"Invalid filter: {which}. Must be one of latest, all")


async def list_attempt_jobs(request: web.Request) -> web.Response:
    found = attempt_of(request)
    return not_found() if found is None else _jobs_page(request, list(found[2].jobs))


def _job(request: web.Request) -> tuple[FakeState, FakeJob] | None:
    found = repo_of(request)
    if found is None:
        return None
    job = found[0].area(RunsState).job_in(found[1], request.match_info["job_id"])
    return None if job is None else (found[0], job)


async def get_job(request: web.Request) -> web.Response:
    found = _job(request)
    return not_found() if found is None else json_response(job_json(found[1], origin_of(request)))


async def download_job_logs(request: web.Request) -> web.Response:
    found = _job(request)
    if found is None or found[1].run.logs_deleted or found[1].status == "queued":
        return not_found()
    job = found[1]
    blob = Blob(filename=f"job-logs-{job.id}.txt", content_type="text/plain", data=job.log.encode())
    return redirect_to_storage(request, blob)


async def rerun_job(request: web.Request) -> web.Response:
    found = _job(request)
    if found is None:
        return not_found()
    state, job = found
    if job.run.status != "completed":
        return error(403, "This workflow is already running")
    body = await json_body(request) or {}
    start_attempt(state, job.run, [job], debug_logging=body.get("enable_debug_logging") is True)
    return json_response({}, status=201)


HANDLERS: Mapping[Operation, Handler] = {
    ops.LIST_FOR_RUN: list_run_jobs,
    ops.LIST_FOR_ATTEMPT: list_attempt_jobs,
    ops.GET: get_job,
    ops.DOWNLOAD_LOGS: download_job_logs,
    ops.RERUN: rerun_job,
}
"""What answers each operation of this area."""


class JobsWorld(World):
    """Building jobs into the fake."""

    def add_job(
        self,
        run: FakeRun,
        name: str,
        *,
        status: str | None = None,
        conclusion: str | None = None,
        labels: Sequence[str] = ("ubuntu-latest",),
        steps: Sequence[str] = DEFAULT_STEPS,
        log: str | None = None,
        started_at: datetime | None = None,
        completed_at: datetime | None = None,
        runner_name: str | None = None,
    ) -> FakeJob:
        """Add a job to the latest attempt of ``run``.

        It takes the run's status (and conclusion, if completed) unless told;
        ``labels`` pick the runner (``ubuntu-``, ``macos-`` and ``windows-``
        ones are billed), ``log`` is the text its log download serves.
        """
        with self._lock:
            attempt = run.latest
            if status is None:
                status = attempt.status if attempt.status in JOB_STATUSES else "queued"
            if status == "completed" and conclusion is None:
                conclusion = attempt.conclusion or "success"
            started = whole_second(started_at or attempt.run_started_at)
            return make_job(
                self.state,
                run,
                attempt,
                name,
                status=status,
                conclusion=conclusion,
                started_at=started,
                completed_at=whole_second(completed_at or attempt.updated_at),
                labels=tuple(labels),
                steps=tuple(steps),
                log=log,
                runner_name=runner_name,
            )

    def jobs_of(self, run: FakeRun, *, attempt: int | None = None) -> list[FakeJob]:
        """The jobs of a run (of one attempt, if given), oldest first.

        Raises ``KeyError`` for an attempt the run does not have.
        """
        with self._lock:
            if attempt is None:
                return [job for each in run.attempts for job in each.jobs]
            found = run.attempt(attempt)
            if found is None:
                raise KeyError(f"run {run.id} has no attempt {attempt}; it has {len(run.attempts)}")
            return list(found.jobs)

"""FakeGitHub's workflow-run endpoints, answering as api.github.com does.

Filtered run lists keep GitHub's cap: at most 1,000 runs are served for a
query filtered by actor, branch, check_suite_id, created, event, head_sha or
status, while ``total_count`` still counts them all. Logs download as a real
zip (one text file per job) from the storage host.
"""

from __future__ import annotations

import io
import zipfile
from collections.abc import Callable, Mapping, Sequence
from datetime import date, datetime, time, timedelta, timezone
from typing import Any

from aiohttp import web

from .._operations import Operation
from .._operations import runs as ops
from ._http import (
    STATE,
    Handler,
    error,
    json_body,
    json_response,
    no_content,
    node_id,
    not_found,
    origin_of,
    paginate,
    redirect_to_storage,
)
from ._jobs import (
    RERUNNABLE,
    attempt_of,
    finish,
    latest_jobs,
    repo_of,
    run_of,
    start_attempt,
    user_json,
)
from ._repos import minimal_repository_json
from ._runs_state import (
    ACTING_USER,
    FakeAttempt,
    FakeRun,
    FakeWorkflow,
    RunsState,
    commit_sha,
    ensure_workflow,
    runs_area,
    start_run,
    whole_second,
)
from ._state import FakeRepo, iso, utcnow
from ._world import Blob, World

RESULT_CAP = 1000
CAPPED_FILTERS = ("actor", "branch", "check_suite_id", "created", "event", "head_sha", "status")

# -- JSON as GitHub shapes it --------------------------------------------------


def _pull_request_json(run: FakeRun, number: int, repo: dict[str, Any]) -> dict[str, Any]:
    side = {"id": repo["id"], "url": repo["url"], "name": repo["name"]}
    return {
        "id": run.repo.id * 100_000 + number,
        "number": number,
        "url": f"{repo['url']}/pulls/{number}",
        "head": {"ref": run.head_branch, "sha": run.head_sha, "repo": side},
        "base": {"ref": "main", "sha": commit_sha(run.repo.full_name, "main"), "repo": side},
    }


def run_json(
    area: RunsState,
    run: FakeRun,
    origin: str,
    *,
    attempt: FakeAttempt | None = None,
    repo: dict[str, Any] | None = None,
    exclude_pull_requests: bool = False,
) -> dict[str, Any]:
    """The run as of ``attempt`` (the latest by default); ``repo`` may be passed pre-built."""
    attempt = attempt or run.latest
    repository = (
        repo if repo is not None else minimal_repository_json(origin, run.repo, private=False)
    )
    api = f"{repository['url']}/actions/runs/{run.id}"
    previous = f"{api}/attempts/{attempt.number - 1}" if attempt.number > 1 else None
    return {
        "id": run.id,
        "name": run.workflow.name,
        "node_id": node_id("WorkflowRun", run.id),
        "check_suite_id": run.check_suite_id,
        "check_suite_node_id": node_id("CheckSuite", run.check_suite_id),
        "head_branch": run.head_branch,
        "head_sha": run.head_sha,
        "path": f"{run.workflow.path}@{run.head_branch}",
        "run_number": run.run_number,
        "run_attempt": attempt.number,
        "referenced_workflows": [],
        "event": run.event,
        "display_title": run.display_title,
        "status": attempt.status,
        "conclusion": attempt.conclusion,
        "workflow_id": run.workflow.id,
        "url": api,
        "html_url": f"https://github.com/{run.repo.full_name}/actions/runs/{run.id}",
        "pull_requests": []
        if exclude_pull_requests
        else [_pull_request_json(run, n, repository) for n in run.pull_requests],
        "created_at": iso(run.created_at),
        "updated_at": iso(attempt.updated_at),
        "actor": user_json(area, run.actor, origin),
        "triggering_actor": user_json(area, attempt.triggering_actor, origin),
        "run_started_at": iso(attempt.run_started_at),
        "jobs_url": f"{api}/jobs",
        "logs_url": f"{api}/logs",
        "check_suite_url": f"{repository['url']}/check-suites/{run.check_suite_id}",
        "artifacts_url": f"{api}/artifacts",
        "cancel_url": f"{api}/cancel",
        "rerun_url": f"{api}/rerun",
        "previous_attempt_url": previous,
        "workflow_url": f"{repository['url']}/actions/workflows/{run.workflow.id}",
        "head_commit": {
            "id": run.head_sha,
            "tree_id": commit_sha(run.head_sha, "tree"),
            "message": run.display_title,
            "timestamp": iso(run.created_at),
            "author": {"name": run.actor, "email": f"{run.actor}@users.noreply.github.com"},
            "committer": {"name": "GitHub", "email": "noreply@github.com"},
        },
        "repository": repository,
        "head_repository": repository,
    }


# -- GitHub's date syntax, read independently of the client ---------------------


def _span(text: str) -> tuple[datetime, datetime]:
    """The instants a date or date-time names, as [start, end)."""
    if "T" in text:
        moment = datetime.fromisoformat(text[:-1] + "+00:00" if text.endswith("Z") else text)
        if moment.tzinfo is None:
            moment = moment.replace(tzinfo=timezone.utc)
        return moment, moment + timedelta(microseconds=1)
    start = datetime.combine(date.fromisoformat(text), time(), tzinfo=timezone.utc)
    return start, start + timedelta(days=1)


def created_filter(text: str) -> Callable[[datetime], bool] | None:
    """A test for ``created=text`` (``>=A``, ``<B``, ``A..B``, ``A`` ...); None if unreadable."""
    text = text.strip()
    try:
        if ".." in text:
            low, high = (part.strip() for part in text.split("..", 1))
            start = None if low == "*" else _span(low)[0]
            end = None if high == "*" else _span(high)[1]
            return lambda c: (start is None or c >= start) and (end is None or c < end)
        op = next((op for op in (">=", "<=", ">", "<") if text.startswith(op)), "")
        first, after = _span(text[len(op) :].strip())
    except ValueError:
        return None
    tests: dict[str, Callable[[datetime], bool]] = {
        ">=": lambda c: c >= first,
        ">": lambda c: c >= after,
        "<=": lambda c: c < after,
        "<": lambda c: c < first,
        "": lambda c: first <= c < after,
    }
    return tests[op]


# -- routes ------------------------------------------------------------------


def _listing(
    request: web.Request, area: RunsState, repo: FakeRepo, runs: list[FakeRun]
) -> web.Response:
    """One page of those of ``runs`` (newest first) the query's filters let through."""
    query = request.query
    tests: list[Callable[[FakeRun], bool]] = []
    if "actor" in query:
        tests.append(lambda r: r.actor.lower() == query["actor"].lower())
    if "branch" in query:
        tests.append(lambda r: r.head_branch == query["branch"])
    if "event" in query:
        tests.append(lambda r: r.event == query["event"])
    if "status" in query:
        tests.append(lambda r: query["status"] in (r.status, r.conclusion))
    if "head_sha" in query:
        tests.append(lambda r: r.head_sha == query["head_sha"])
    if "check_suite_id" in query:
        tests.append(lambda r: str(r.check_suite_id) == query["check_suite_id"])
    if "created" in query:
        created = created_filter(query["created"])
        if created is None:
            return error(422, f"Invalid created value: {query['created']}")
        tests.append(lambda r: created(r.created_at))
    matching = runs
    for test in tests:
        matching = [r for r in matching if test(r)]
    capped = any(name in query for name in CAPPED_FILTERS)
    chunk, headers = paginate(request, matching[:RESULT_CAP] if capped else matching)
    origin = origin_of(request)
    repository = minimal_repository_json(origin, repo, private=False)
    exclude = query.get("exclude_pull_requests") == "true"
    body = {
        "total_count": len(matching),
        "workflow_runs": [
            run_json(area, r, origin, repo=repository, exclude_pull_requests=exclude) for r in chunk
        ],
    }
    return json_response(body, headers=headers)


async def list_runs(request: web.Request) -> web.Response:
    found = repo_of(request)
    if found is None:
        return not_found()
    area = found[0].area(RunsState)
    return _listing(request, area, found[1], area.newest_first(found[1]))


async def list_workflow_runs(request: web.Request) -> web.Response:
    found = repo_of(request)
    if found is None:
        return not_found()
    area = found[0].area(RunsState)
    workflow = area.find_workflow(found[1], request.match_info["workflow_id"])
    if workflow is None:
        return not_found()
    runs = [r for r in area.newest_first(found[1]) if r.workflow is workflow]
    return _listing(request, area, found[1], runs)


async def get_run(request: web.Request) -> web.Response:
    found = run_of(request)
    if found is None:
        return not_found()
    exclude = request.query.get("exclude_pull_requests") == "true"
    return json_response(run_json(*found, origin_of(request), exclude_pull_requests=exclude))


async def get_attempt(request: web.Request) -> web.Response:
    found = attempt_of(request)
    if found is None:
        return not_found()
    area, run, attempt = found
    exclude = request.query.get("exclude_pull_requests") == "true"
    return json_response(
        run_json(area, run, origin_of(request), attempt=attempt, exclude_pull_requests=exclude)
    )


async def delete_run(request: web.Request) -> web.Response:
    found = run_of(request)
    if found is None:
        return not_found()
    area, run = found
    if run.status != "completed":
        return error(409, "Cannot delete a workflow run that is not completed.")
    del area.runs[run.id]
    for attempt in run.attempts:
        for job in attempt.jobs:
            area.jobs.pop(job.id, None)
    return no_content()


async def cancel_run(request: web.Request) -> web.Response:
    found = run_of(request)
    if found is None:
        return not_found()
    run = found[1]
    if run.status == "completed":
        return error(409, "Cannot cancel a workflow run that is completed.")
    finish(run.latest, "cancelled")
    return json_response({}, status=202)


def _rerun(failed_only: bool) -> Handler:
    async def handler(request: web.Request) -> web.Response:
        found = run_of(request)
        if found is None:
            return not_found()
        run = found[1]
        if run.status != "completed":
            return error(403, "This workflow is already running")
        jobs = latest_jobs(run)
        if failed_only:
            jobs = [job for job in jobs if job.conclusion in RERUNNABLE]
            if not jobs:
                return error(403, "There are no failed jobs to re-run")
        body = await json_body(request) or {}
        start_attempt(
            request.app[STATE], run, jobs, debug_logging=body.get("enable_debug_logging") is True
        )
        return json_response({}, status=201)

    return handler


async def approve_run(request: web.Request) -> web.Response:
    found = run_of(request)
    if found is None:
        return not_found()
    run = found[1]
    if run.status != "action_required":
        return error(403, "This workflow run is not waiting for approval")
    run.latest.status = "queued"
    run.latest.updated_at = whole_second(utcnow())
    return json_response({}, status=201)


def log_archive(attempt: FakeAttempt) -> bytes:
    """The zip GitHub serves for an attempt's logs: one text file per job."""
    buffer = io.BytesIO()
    stamp = attempt.updated_at.timetuple()[:6]
    with zipfile.ZipFile(buffer, "w") as archive:
        for number, job in enumerate(attempt.jobs):
            info = zipfile.ZipInfo(f"{number}_{job.name}.txt", date_time=stamp)
            info.compress_type = zipfile.ZIP_DEFLATED
            archive.writestr(info, job.log)
    return buffer.getvalue()


def _logs_redirect(
    request: web.Request, run: FakeRun, attempt: FakeAttempt, *, named_by_attempt: bool
) -> web.Response:
    if run.logs_deleted or attempt.status != "completed":
        return not_found()
    suffix = f"_attempt_{attempt.number}" if named_by_attempt else ""
    blob = Blob(filename=f"logs_{run.id}{suffix}.zip", data=log_archive(attempt))
    return redirect_to_storage(request, blob)


async def download_logs(request: web.Request) -> web.Response:
    found = run_of(request)
    if found is None:
        return not_found()
    return _logs_redirect(request, found[1], found[1].latest, named_by_attempt=False)


async def download_attempt_logs(request: web.Request) -> web.Response:
    found = attempt_of(request)
    if found is None:
        return not_found()
    return _logs_redirect(request, found[1], found[2], named_by_attempt=True)


async def delete_logs(request: web.Request) -> web.Response:
    found = run_of(request)
    if found is None or found[1].logs_deleted:
        return not_found()
    run = found[1]
    if run.status != "completed":
        return error(409, "Cannot delete logs of a workflow run that is not completed.")
    run.logs_deleted = True
    return no_content()


async def run_timing(request: web.Request) -> web.Response:
    found = run_of(request)
    if found is None:
        return not_found()
    run = found[1]
    billable: dict[str, dict[str, Any]] = {}
    for attempt in run.attempts:
        for job in attempt.jobs:
            if job.billing_os is None or job.completed_at is None:
                continue
            usage = billable.setdefault(job.billing_os, {"total_ms": 0, "jobs": 0, "job_runs": []})
            usage["total_ms"] += job.duration_ms
            usage["jobs"] += 1
            usage["job_runs"].append({"job_id": job.id, "duration_ms": job.duration_ms})
    body: dict[str, Any] = {"billable": billable}
    latest = run.latest
    if latest.status == "completed":
        elapsed = latest.updated_at - latest.run_started_at
        body["run_duration_ms"] = int(elapsed.total_seconds() * 1000)
    return json_response(body)


HANDLERS: Mapping[Operation, Handler] = {
    ops.LIST: list_runs,
    ops.LIST_FOR_WORKFLOW: list_workflow_runs,
    ops.GET: get_run,
    ops.DELETE: delete_run,
    ops.GET_ATTEMPT: get_attempt,
    ops.DOWNLOAD_ATTEMPT_LOGS: download_attempt_logs,
    ops.CANCEL: cancel_run,
    ops.FORCE_CANCEL: cancel_run,
    ops.RERUN: _rerun(failed_only=False),
    ops.RERUN_FAILED_JOBS: _rerun(failed_only=True),
    ops.APPROVE: approve_run,
    ops.DOWNLOAD_LOGS: download_logs,
    ops.DELETE_LOGS: delete_logs,
    ops.GET_TIMING: run_timing,
}
"""What answers each operation of this area (``_deployment_gates`` answers the gates')."""


class RunsWorld(World):
    """Building runs into the fake."""

    def add_run(
        self,
        full_name: str,
        *,
        workflow: FakeWorkflow | str = "ci.yml",
        status: str = "completed",
        conclusion: str | None = None,
        event: str = "push",
        branch: str = "main",
        head_sha: str | None = None,
        actor: str = ACTING_USER,
        created_at: datetime | None = None,
        display_title: str | None = None,
        pull_requests: Sequence[int] = (),
        jobs: Sequence[str] | None = None,
    ) -> FakeRun:
        """Add a run of ``workflow`` (a FakeWorkflow, or a file name added if missing).

        A completed run concludes ``conclusion`` (``success`` unless told);
        its jobs (the workflow's, or ``jobs``) share its status and each took
        a minute. ``created_at`` is kept to the second, as GitHub keeps it.
        """
        with self._lock:
            repo = self.add_repo(full_name)
            if isinstance(workflow, str):
                workflow = ensure_workflow(self.state, repo, workflow)
            elif workflow.repo is not repo:
                raise ValueError(f"{workflow.path} belongs to {workflow.repo.full_name}")
            if status == "completed" and conclusion is None:
                conclusion = "success"
            run = start_run(
                self.state,
                repo,
                workflow,
                event=event,
                head_branch=branch,
                status=status,
                conclusion=conclusion,
                actor=actor,
                created_at=created_at,
                head_sha=head_sha,
                display_title=display_title,
                pull_requests=tuple(pull_requests),
                jobs=None if jobs is None else tuple(jobs),
            )
            return run

    def runs_of(self, full_name: str, *, workflow: FakeWorkflow | None = None) -> list[FakeRun]:
        """The runs of a repository (of one workflow, if given), oldest first."""
        with self._lock:
            repo = self._repo_or_error(full_name)
            runs = (r for r in runs_area(self).runs.values() if r.repo is repo)
            return sorted(
                (r for r in runs if workflow is None or r.workflow is workflow),
                key=lambda r: r.id,
            )

    def complete_run(self, run: FakeRun, conclusion: str = "success") -> FakeRun:
        """Let a run's latest attempt (and its unfinished jobs) finish with ``conclusion``."""
        with self._lock:
            finish(run.latest, conclusion)
            return run

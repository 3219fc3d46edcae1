"""FakeGitHub's workflow endpoints: list, get, enable, disable, dispatch, timing.

Workflows share their state with runs and jobs (``_runs_state``).
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import datetime

from aiohttp import web

from .._operations import Operation
from .._operations import workflows as ops
from ._http import (
    STATE,
    Handler,
    error,
    json_body,
    json_response,
    list_response,
    no_content,
    not_found,
    origin_of,
    path_repo,
)
from ._runs_state import (
    ACTING_USER,
    FakeWorkflow,
    RunsState,
    ensure_workflow,
    runs_area,
    start_run,
    whole_second,
)
from ._state import FakeRepo, FakeState, utcnow
from ._world import World

MAX_DISPATCH_INPUTS = 25


# -- routes ----------------------------------------------------------------


def _found(request: web.Request) -> tuple[FakeState, FakeRepo, FakeWorkflow] | None:
    state, repo = request.app[STATE], path_repo(request)
    if repo is None:
        return None
    workflow = state.area(RunsState).find_workflow(repo, request.match_info["workflow_id"])
    return None if workflow is None else (state, repo, workflow)


async def list_workflows(request: web.Request) -> web.Response:
    repo = path_repo(request)
    if repo is None:
        return not_found()
    origin = origin_of(request)
    workflows = request.app[STATE].area(RunsState).workflows_of(repo)
    return list_response(request, workflows, "workflows", to_json=lambda w: w.to_json(origin))


async def get_workflow(request: web.Request) -> web.Response:
    found = _found(request)
    return not_found() if found is None else json_response(found[2].to_json(origin_of(request)))


def _set_state(value: str) -> Handler:
    async def handler(request: web.Request) -> web.Response:
        found = _found(request)
        if found is None:
            return not_found()
        workflow = found[2]
        workflow.state = value
        workflow.updated_at = whole_second(utcnow())
        return no_content()

    return handler


async def workflow_timing(request: web.Request) -> web.Response:
    found = _found(request)
    if found is None:
        return not_found()
    state, _, workflow = found
    totals: dict[str, int] = {}
    for run in state.area(RunsState).runs.values():
        if run.workflow is not workflow:
            continue
        for attempt in run.attempts:
            for job in attempt.jobs:
                if job.billing_os is not None:
                    totals[job.billing_os] = totals.get(job.billing_os, 0) + job.duration_ms
    return json_response({"billable": {os: {"total_ms": ms} for os, ms in totals.items()}})


def _invalid(message: str) -> web.Response:
    return error(422, message)


async def dispatch(request: web.Request) -> web.Response:
    found = _found(request)
    if found is None:
        return not_found()
    state, repo, workflow = found
    body = await json_body(request)
    if body is None:
        return _invalid("Problems parsing JSON")
    ref = body.get("ref")
    if not isinstance(ref, str) or not ref:
        return _invalid('Invalid request.\n\n"ref" wasn\'t supplied.')
    inputs = body.get("inputs", {})
    if not isinstance(inputs, dict):
        return _invalid("Invalid request.\n\nFor 'properties/inputs', it is not an object.")
    if len(inputs) > MAX_DISPATCH_INPUTS:
        return _invalid(f"you may only define up to {MAX_DISPATCH_INPUTS} `inputs`")
    if not workflow.dispatchable:
        return _invalid("Workflow does not have 'workflow_dispatch' trigger")
    if workflow.state != "active":
        return _invalid(f"Cannot trigger a 'workflow_dispatch' on a {workflow.state} workflow")
    unexpected = sorted(set(inputs) - set(workflow.dispatch_inputs))
    if unexpected:
        listed = ", ".join(f'"{name}"' for name in unexpected)
        return _invalid(f"Unexpected inputs provided: [{listed}]")
    missing = [name for name in workflow.required_inputs if name not in inputs]
    if missing:
        return _invalid(f"Required input '{missing[0]}' not provided")
    branch = ref.removeprefix("refs/heads/").removeprefix("refs/tags/")
    run = start_run(
        state,
        repo,
        workflow,
        event="workflow_dispatch",
        head_branch=branch,
        status="queued",
        actor=ACTING_USER,
        inputs=dict(inputs),
    )
    if body.get("return_run_details") is not True:
        return no_content()
    full_name = f"{repo.owner}/{repo.name}"
    return json_response(
        {
            "workflow_run_id": run.id,
            "run_url": f"{origin_of(request)}/repos/{full_name}/actions/runs/{run.id}",
            "html_url": f"https://github.com/{full_name}/actions/runs/{run.id}",
        }
    )


HANDLERS: Mapping[Operation, Handler] = {
    ops.LIST: list_workflows,
    ops.GET: get_workflow,
    ops.ENABLE: _set_state("active"),
    ops.DISABLE: _set_state("disabled_manually"),
    ops.DISPATCH: dispatch,
    ops.GET_TIMING: workflow_timing,
}
"""What answers each operation of this area."""


class WorkflowsWorld(World):
    """Building workflows into the fake."""

    def add_workflow(
        self,
        full_name: str,
        path: str = "ci.yml",
        *,
        name: str | None = None,
        state: str = "active",
        jobs: tuple[str, ...] = ("build",),
        dispatchable: bool = True,
        inputs: tuple[str, ...] = (),
        required_inputs: tuple[str, ...] = (),
        created_at: datetime | None = None,
    ) -> FakeWorkflow:
        """Add a workflow file to a repository (created if missing); returns it if present.

        ``path`` is a file name (``ci.yml`` becomes ``.github/workflows/ci.yml``)
        or a full path. ``jobs`` names the jobs each of its runs gets;
        ``dispatchable`` says whether it has a ``workflow_dispatch`` trigger,
        whose ``inputs`` (and the ``required_inputs`` among them) a dispatch
        may set.
        """
        with self._lock:
            repo = self.add_repo(full_name)
            workflow = ensure_workflow(self.state, repo, path, name=name)
            if name is not None:
                workflow.name = name
            workflow.state = state
            workflow.job_names = tuple(jobs)
            workflow.dispatchable = dispatchable
            workflow.dispatch_inputs = tuple(dict.fromkeys((*inputs, *required_inputs)))
            workflow.required_inputs = tuple(required_inputs)
            if created_at is not None:
                workflow.created_at = workflow.updated_at = whole_second(created_at)
            return workflow

    def workflows_of(self, full_name: str) -> list[FakeWorkflow]:
        """The workflows of a repository, oldest first."""
        with self._lock:
            repo = self._repo_or_error(full_name)
            return runs_area(self).workflows_of(repo)

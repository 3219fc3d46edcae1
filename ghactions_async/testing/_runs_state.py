"""The in-memory state behind FakeGitHub's workflows, runs and jobs.

A workflow has runs; a run has attempts (each re-run adds one); an attempt
holds the jobs that ran in it, each with steps and a log. ``_workflows``,
``_runs``, ``_jobs`` and ``_deployment_gates`` answer from the same
``RunsState``, kept by ``FakeState.area``, and build on the functions here.
Timestamps are whole seconds, as GitHub's are.
"""

from __future__ import annotations

import hashlib
from datetime import datetime, timedelta
from typing import Any, ClassVar

from attrs import Attribute, define, field

from ._http import node_id
from ._state import FakeRepo, FakeState, iso, utcnow
from ._world import World

ACTING_USER = "octocat"
"""The login FakeGitHub's token belongs to: who dispatches, re-runs and reviews."""

BILLABLE_OS = {"ubuntu": "UBUNTU", "macos": "MACOS", "windows": "WINDOWS"}
"""GitHub-hosted runner label prefixes and the billing key of their OS."""


def whole_second(moment: datetime) -> datetime:
    return moment.replace(microsecond=0)


@define
class FakeWorkflow:
    """One workflow file; ``dispatch_inputs`` are the ``workflow_dispatch`` inputs it declares."""

    id: int
    repo: FakeRepo
    path: str
    name: str
    state: str
    created_at: datetime
    updated_at: datetime
    job_names: tuple[str, ...] = ("build",)
    dispatchable: bool = True
    dispatch_inputs: tuple[str, ...] = ()
    required_inputs: tuple[str, ...] = ()
    runs_started: int = 0

    @property
    def file_name(self) -> str:
        """The workflow's file name (``ci.yml``), which the API also accepts as its id."""
        return self.path.rsplit("/", 1)[-1]

    def to_json(self, origin: str) -> dict[str, Any]:
        """The workflow as the API answers it, with URLs under ``origin``."""
        repo = f"{self.repo.owner}/{self.repo.name}"
        return {
            "id": self.id,
            "node_id": node_id("Workflow", self.id),
            "name": self.name,
            "path": self.path,
            "state": self.state,
            "created_at": iso(self.created_at),
            "updated_at": iso(self.updated_at),
            "url": f"{origin}/repos/{repo}/actions/workflows/{self.id}",
            "html_url": f"https://github.com/{repo}/blob/main/{self.path}",
            "badge_url": f"https://github.com/{repo}/workflows/{self.name}/badge.svg",
        }


@define
class FakeStep:
    """One step of a fake job, as the jobs API lists it."""

    name: str
    number: int
    status: str
    conclusion: str | None
    started_at: datetime | None
    completed_at: datetime | None


@define(eq=False)
class FakeJob:
    """One execution of a job in one attempt of a run; mutable, so tests can move it along."""

    id: int
    run: FakeRun = field(repr=False)
    attempt: int
    name: str
    status: str
    conclusion: str | None
    created_at: datetime
    started_at: datetime
    completed_at: datetime | None
    labels: tuple[str, ...]
    steps: list[FakeStep]
    log: str = field(repr=False)
    runner_id: int | None = None
    runner_name: str | None = None
    runner_group_id: int | None = None
    runner_group_name: str | None = None

    @property
    def billing_os(self) -> str | None:
        """UBUNTU, MACOS or WINDOWS on a GitHub-hosted runner; None when self-hosted."""
        label = self.labels[0].lower() if self.labels else ""
        return next((key for prefix, key in BILLABLE_OS.items() if label.startswith(prefix)), None)

    @property
    def duration_ms(self) -> int:
        """Milliseconds from start to completion (0 while the job runs)."""
        if self.completed_at is None:
            return 0
        return int((self.completed_at - self.started_at).total_seconds() * 1000)


@define(eq=False)
class FakeAttempt:
    """One attempt of a run: the first run, or a re-run."""

    number: int
    status: str
    conclusion: str | None
    triggering_actor: str
    run_started_at: datetime
    updated_at: datetime
    jobs: list[FakeJob] = field(factory=list)
    debug_logging: bool = False


@define(eq=False)
class FakeDeploymentGate:
    """An environment a run waits for: a required review, or a GitHub App's custom rule."""

    environment_id: int
    environment: str
    wait_timer: int = 0
    wait_timer_started_at: datetime | None = None
    reviewers: tuple[str, ...] = (ACTING_USER,)
    teams: tuple[str, ...] = ()
    current_user_can_approve: bool = True
    state: str | None = None  # custom gates: "approved" or "rejected" once reviewed
    comments: list[str] = field(factory=list)


@define(eq=False)
class FakeReview:
    """A review of pending deployments: who approved or rejected which environments, when."""

    state: str
    comment: str
    user: str
    gates: list[FakeDeploymentGate]
    at: datetime


def _redated(run: FakeRun, attribute: Attribute[datetime], value: datetime) -> datetime:
    FakeRun._redatings += 1
    return value


@define(eq=False)
class FakeRun:
    """One workflow run; its status and conclusion are those of its latest attempt."""

    _redatings: ClassVar[int] = 0
    """Changes to any run's ``created_at`` so far: the run lists' order is stale after one."""

    id: int
    repo: FakeRepo = field(repr=False)
    workflow: FakeWorkflow = field(repr=False)
    run_number: int
    event: str
    head_branch: str
    head_sha: str
    actor: str
    display_title: str
    created_at: datetime = field(on_setattr=_redated)
    check_suite_id: int
    attempts: list[FakeAttempt] = field(factory=list, repr=False)
    pull_requests: tuple[int, ...] = ()
    inputs: dict[str, Any] | None = None
    logs_deleted: bool = False
    pending_deployments: list[FakeDeploymentGate] = field(factory=list, repr=False)
    custom_gates: list[FakeDeploymentGate] = field(factory=list, repr=False)
    reviews: list[FakeReview] = field(factory=list, repr=False)

    @property
    def latest(self) -> FakeAttempt:
        """The run's latest attempt, which its status and conclusion are."""
        return self.attempts[-1]

    @property
    def status(self) -> str:
        """The latest attempt's status."""
        return self.latest.status

    @property
    def conclusion(self) -> str | None:
        """The latest attempt's conclusion (None until it completes)."""
        return self.latest.conclusion

    def attempt(self, number: int) -> FakeAttempt | None:
        """Attempt ``number`` (1 is the first run), or None when there is no such attempt."""
        return self.attempts[number - 1] if 1 <= number <= len(self.attempts) else None


@define
class RunsState:
    """Workflows, runs and jobs of every repository, by id."""

    workflows: dict[int, FakeWorkflow] = field(factory=dict)
    runs: dict[int, FakeRun] = field(factory=dict)
    jobs: dict[int, FakeJob] = field(factory=dict)
    users: dict[str, int] = field(factory=dict)
    next_deployment: int = 0
    _newest_first: dict[int, list[FakeRun]] = field(factory=dict, init=False, repr=False)
    _newest_first_of: tuple[int, ...] = field(default=(), init=False, repr=False)

    def user_id(self, login: str) -> int:
        """A stable id per login, as users have on GitHub."""
        return self.users.setdefault(login.lower(), len(self.users) + 1)

    def newest_first(self, repo: FakeRepo) -> list[FakeRun]:
        """The repository's runs, newest first: the run lists' order (not to be changed).

        Remembered, per repository, until a run is added, deleted or re-dated.
        """
        stamp = (FakeRun._redatings, *self.runs)
        if stamp != self._newest_first_of:
            self._newest_first, self._newest_first_of = {}, stamp
        found = self._newest_first.get(repo.id)
        if found is None:
            runs = (r for r in self.runs.values() if r.repo is repo)
            found = sorted(runs, key=lambda r: (r.created_at, r.id), reverse=True)
            self._newest_first[repo.id] = found
        return found

    def workflows_of(self, repo: FakeRepo) -> list[FakeWorkflow]:
        return sorted((w for w in self.workflows.values() if w.repo is repo), key=lambda w: w.id)

    def find_workflow(self, repo: FakeRepo, workflow_id: str) -> FakeWorkflow | None:
        """By numeric id, or by file name (``ci.yml``) as GitHub allows."""
        for workflow in self.workflows.values():
            if workflow.repo is not repo:
                continue
            if str(workflow.id) == workflow_id or workflow.file_name == workflow_id:
                return workflow
        return None

    def run_in(self, repo: FakeRepo, run_id: str) -> FakeRun | None:
        run = self.runs.get(int(run_id)) if run_id.isdigit() else None
        return run if run is not None and run.repo is repo else None

    def job_in(self, repo: FakeRepo, job_id: str) -> FakeJob | None:
        job = self.jobs.get(int(job_id)) if job_id.isdigit() else None
        return job if job is not None and job.run.repo is repo else None


def runs_area(world: World) -> RunsState:
    """The shared state of workflows, runs and jobs."""
    return world.state.area(RunsState)


def ensure_workflow(
    state: FakeState, repo: FakeRepo, path: str, *, name: str | None = None
) -> FakeWorkflow:
    """The repository's workflow at ``path`` (a file name means ``.github/workflows/<name>``)."""
    area = state.area(RunsState)
    if "/" not in path:
        path = f".github/workflows/{path}"
    for workflow in area.workflows_of(repo):
        if workflow.path == path:
            return workflow
    now = whole_second(utcnow())
    stem = path.rsplit("/", 1)[-1].rsplit(".", 1)[0]
    workflow = FakeWorkflow(
        id=state.next_id(),
        repo=repo,
        path=path,
        name=name or (stem.upper() if len(stem) <= 3 else stem.replace("-", " ").title()),
        state="active",
        created_at=now,
        updated_at=now,
    )
    area.workflows[workflow.id] = workflow
    return workflow


def commit_sha(*parts: object) -> str:
    return hashlib.sha1(":".join(map(str, parts)).encode()).hexdigest()


JOB_STATUSES = ("queued", "in_progress", "completed", "waiting", "requested", "pending")
DEFAULT_STEPS = ("Set up job", "Run actions/checkout@v4", "Run tests", "Complete job")
JOB_SECONDS = 60
"""How long a job of a built run took, unless told otherwise."""


def make_job(
    state: FakeState,
    run: FakeRun,
    attempt: FakeAttempt,
    name: str,
    *,
    status: str,
    conclusion: str | None,
    started_at: datetime,
    completed_at: datetime | None,
    labels: tuple[str, ...] = ("ubuntu-latest",),
    steps: tuple[str, ...] = DEFAULT_STEPS,
    log: str | None = None,
    runner_name: str | None = None,
) -> FakeJob:
    """A job of ``attempt`` whose steps share its status; added to the attempt and the state.

    A job that left the queue ran on a runner: ``runner_name``, or a hosted one.
    """
    done = status == "completed"
    started = status != "queued"
    if log is None:
        log = "".join(f"{iso(started_at)} ##[group]{step}\n{name}: {step}\n" for step in steps)
    job = FakeJob(
        id=state.next_id(),
        run=run,
        attempt=attempt.number,
        name=name,
        status=status,
        conclusion=conclusion if done else None,
        created_at=started_at,
        started_at=started_at,
        completed_at=completed_at if done else None,
        labels=labels,
        steps=[
            FakeStep(
                name=step,
                number=number,
                status=status,
                conclusion=conclusion if done else None,
                started_at=started_at if started else None,
                completed_at=completed_at if done else None,
            )
            for number, step in enumerate(steps, start=1)
        ],
        log=log,
    )
    if started:
        job.runner_name = runner_name or f"GitHub Actions {job.id}"
        job.runner_id = job.id
        job.runner_group_id, job.runner_group_name = 0, "GitHub Actions"
    attempt.jobs.append(job)
    state.area(RunsState).jobs[job.id] = job
    return job


def start_run(
    state: FakeState,
    repo: FakeRepo,
    workflow: FakeWorkflow,
    *,
    event: str,
    head_branch: str,
    status: str,
    actor: str,
    conclusion: str | None = None,
    created_at: datetime | None = None,
    head_sha: str | None = None,
    display_title: str | None = None,
    pull_requests: tuple[int, ...] = (),
    jobs: tuple[str, ...] | None = None,
    inputs: dict[str, Any] | None = None,
) -> FakeRun:
    """A new run of ``workflow`` with one attempt, whose jobs share the run's status."""
    created = whole_second(created_at or utcnow())
    done = status == "completed"
    finished = created + timedelta(seconds=JOB_SECONDS)
    workflow.runs_started += 1
    run_id = state.next_id()
    run = FakeRun(
        id=run_id,
        repo=repo,
        workflow=workflow,
        run_number=workflow.runs_started,
        event=event,
        head_branch=head_branch,
        head_sha=head_sha or commit_sha(repo.full_name, run_id),
        actor=actor,
        display_title=display_title or workflow.name,
        created_at=created,
        check_suite_id=state.next_id(),
        pull_requests=pull_requests,
        inputs=inputs,
    )
    attempt = FakeAttempt(
        number=1,
        status=status,
        conclusion=conclusion if done else None,
        triggering_actor=actor,
        run_started_at=created,
        updated_at=finished if done else created,
    )
    run.attempts.append(attempt)
    job_status = status if status in JOB_STATUSES else "queued"
    for name in workflow.job_names if jobs is None else jobs:
        make_job(
            state,
            run,
            attempt,
            name,
            status=job_status,
            conclusion=conclusion,
            started_at=created,
            completed_at=finished,
        )
    state.area(RunsState).runs[run.id] = run
    return run

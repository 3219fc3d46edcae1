"""Planning run deletions and cancellations: which runs, found with GitHub's own filters.

GitHub filters runs by actor, branch, status (a status or a conclusion) and
``created``; those go into the list request, so a repository with a hundred
thousand runs is not read whole to find twenty. What GitHub cannot filter
(the exact creation cut-off, keep_latest) is decided here.
"""

from __future__ import annotations

import contextlib
from collections.abc import Awaitable, Callable, Iterable, Mapping, Sequence
from datetime import datetime, timedelta, timezone
from typing import TYPE_CHECKING, TypeVar

import anyio
from attrs import frozen

from .._errors import GhActionsError, NotFound
from .._run_status import NOT_COMPLETED, RunStatus
from ..models.runs import WorkflowRun
from ._criteria import check_age, check_pattern, created_cutoff, newest_ids

if TYPE_CHECKING:
    from ..resources.runs import AsyncRuns

T = TypeVar("T")


def created_query(cutoff: datetime | None) -> str | None:
    """GitHub's ``created`` filter for runs created before ``cutoff`` (and in its second).

    Runs are created on whole seconds, so ``<=`` the cut-off's second admits
    every run before it; the exact (exclusive) cut is made client-side.
    """
    if cutoff is None:
        return None
    return f"<={cutoff.astimezone(timezone.utc):%Y-%m-%dT%H:%M:%SZ}"


def describe_run(run: WorkflowRun) -> str:
    """A run as people name it: ``CI #42`` (an old run may lack its name and number)."""
    return f"{run.name or run.path or 'run'} #{run.run_number or run.id}"


@frozen(kw_only=True)
class RunCriteria:
    """Which runs a deletion or cancellation acts on; every filter given must match.

    ``status`` matches a status or a conclusion, as GitHub's filter does;
    ``workflow`` is a workflow id or file name; ``actor`` is the login that
    started the run. ``keep_latest`` (deletions) spares the N newest
    completed runs of each workflow, whatever else matched.
    """

    status: RunStatus | None = None
    older_than: timedelta | None = None
    created_before: datetime | None = None
    branch: str | None = None
    workflow: int | str | None = None
    actor: str | None = None
    keep_latest: int | None = None

    @property
    def filters(self) -> bool:
        given = (
            self.status,
            self.older_than,
            self.created_before,
            self.branch,
            self.workflow,
            self.actor,
        )
        return any(value is not None for value in given) or bool(self.keep_latest)

    def _check_common(self, action: str) -> None:
        check_pattern("branch", self.branch)
        check_pattern("actor", self.actor)
        if isinstance(self.workflow, str):
            check_pattern("workflow", self.workflow)
        elif self.workflow is not None and self.workflow < 1:
            raise ValueError(f"workflow must be a positive id or a file name, got {self.workflow}")
        check_age(self.older_than, self.created_before)
        if not self.filters:
            extra = " or keep_latest of at least 1" if action == "delete" else ""
            raise ValueError(
                f"say which runs to {action}: give a filter (status, older_than, created_before, "
                f"branch, workflow, actor){extra}"
            )

    def check_delete(self) -> None:
        """Refuse, before any request, a deletion without filters or aimed at unfinished runs."""
        if self.status in NOT_COMPLETED:
            raise ValueError(
                f"status={self.status!r} selects runs that have not completed, and GitHub deletes "
                "only completed runs; cancel them first (bulk.cancel_runs)"
            )
        self._check_common("delete")

    def check_cancel(self) -> None:
        """Refuse, before any request, a cancellation that would stop every unfinished run."""
        self._check_common("cancel")

    def statuses(self, *, cancel: bool) -> tuple[RunStatus | None, ...]:
        """The values of GitHub's status filter to list with, one request series each.

        A cancellation without ``status`` lists each unfinished status in
        turn: a few small lists instead of every run the repository ever had.
        """
        if self.status is not None:
            return (self.status,)
        return NOT_COMPLETED if cancel else (None,)

    def cutoff(self, now: datetime) -> datetime | None:
        """The instant a run must be created before to match (None: no age filter)."""
        return created_cutoff(now, self.older_than, self.created_before)

    def sees_every_completed_run(self) -> bool:
        """Whether the runs listed include every completed run of their workflows.

        Then keep_latest is decided from them; otherwise the newest runs of
        each workflow are asked for separately.
        """
        return (
            self.actor is None
            and self.branch is None
            and self.older_than is None
            and self.created_before is None
            and self.status in (None, "completed")
        )

    def matches(self, run: WorkflowRun, cutoff: datetime | None, *, cancel: bool) -> bool:
        """Whether a listed run is one to act on (GitHub's filters checked again, and exactly)."""
        if cancel:
            if run.status == "completed":
                return False  # finished between listing pages, or never unfinished
        elif run.status != "completed":
            return False  # GitHub refuses to delete a run that has not completed
        if self.status is not None and self.status not in (run.status, run.conclusion):
            return False
        if self.branch is not None and run.head_branch != self.branch:
            return False
        if self.actor is not None:
            # GitHub's filter decides; who started or re-ran it both count here. A run
            # that names no one (GHES before 3.5) was chosen by GitHub's filter alone.
            users = (run.actor, run.triggering_actor)
            logins = {u.login.lower() for u in users if u is not None and u.login is not None}
            if logins and self.actor.lower() not in logins:
                return False
        return cutoff is None or run.created_at < cutoff

    def plan_cancellations(
        self, listed: Sequence[WorkflowRun], cutoff: datetime | None
    ) -> list[WorkflowRun]:
        """The unfinished runs to cancel, each once, oldest first."""
        unique = {run.id: run for run in listed}
        chosen = [run for run in unique.values() if self.matches(run, cutoff, cancel=True)]
        return sorted(chosen, key=_recency)

    def plan_deletions(
        self,
        listed: Sequence[WorkflowRun],
        cutoff: datetime | None,
        newest: Mapping[int, Sequence[WorkflowRun]] | None = None,
    ) -> list[WorkflowRun]:
        """The completed runs to delete, oldest first.

        ``newest`` holds, per workflow id, its newest completed runs (at least
        ``keep_latest`` of them when it has that many); without it they are
        taken from ``listed``, which must then hold every completed run.
        """
        unique = {run.id: run for run in listed}
        known = newest or {}
        # Each workflow's completed runs: those in ``newest`` when it has them, else the listed.
        pool = [r for r in unique.values() if r.workflow_id not in known]
        pool += [r for runs in known.values() for r in runs]
        completed = [r for r in pool if r.status == "completed"]
        protected = newest_ids(completed, lambda r: r.workflow_id, _recency, self.keep_latest)
        chosen = [
            run
            for run in unique.values()
            if run.id not in protected and self.matches(run, cutoff, cancel=False)
        ]
        return sorted(chosen, key=_recency)


def _recency(run: WorkflowRun) -> tuple[datetime, int]:
    return (run.created_at, run.id)


# -- listing one repository -----------------------------------------------------


async def plan_repository(
    runs: AsyncRuns,
    owner: str,
    repo: str,
    criteria: RunCriteria,
    cutoff: datetime | None,
    *,
    cancel: bool,
) -> list[WorkflowRun]:
    """The runs of one repository to act on: listed with GitHub's filters, then checked."""
    listed: list[WorkflowRun] = []

    async def one(status: RunStatus | None) -> None:
        listed.extend(await _list(runs, owner, repo, criteria, cutoff, status))

    await _together(one, criteria.statuses(cancel=cancel))
    if cancel:
        return criteria.plan_cancellations(listed, cutoff)
    newest = None
    if criteria.keep_latest and not criteria.sees_every_completed_run():
        workflows = {run.workflow_id for run in listed if run.status == "completed"}
        newest = await _newest(runs, owner, repo, workflows, criteria.keep_latest)
    return criteria.plan_deletions(listed, cutoff, newest)


async def _list(
    runs: AsyncRuns,
    owner: str,
    repo: str,
    criteria: RunCriteria,
    cutoff: datetime | None,
    status: RunStatus | None,
) -> list[WorkflowRun]:
    actor, branch, created = criteria.actor, criteria.branch, created_query(cutoff)
    if criteria.workflow is None:
        return await runs.list(
            owner,
            repo,
            actor=actor,
            branch=branch,
            status=status,
            created=created,
            exclude_pull_requests=True,
        ).collect()
    try:
        return await runs.list_for_workflow(
            owner,
            repo,
            criteria.workflow,
            actor=actor,
            branch=branch,
            status=status,
            created=created,
            exclude_pull_requests=True,
        ).collect()
    except NotFound:
        return []  # this repository has no such workflow


async def _newest(
    runs: AsyncRuns, owner: str, repo: str, workflow_ids: set[int], count: int
) -> dict[int, list[WorkflowRun]]:
    """The ``count`` newest completed runs of each workflow (one small request each)."""
    newest: dict[int, list[WorkflowRun]] = {}

    async def one(workflow_id: int) -> None:
        # A workflow whose file is gone has no list: its newest runs are then
        # judged from the runs listed.
        with contextlib.suppress(NotFound):
            newest[workflow_id] = await runs.list_for_workflow(
                owner,
                repo,
                workflow_id,
                status="completed",
                exclude_pull_requests=True,
                per_page=min(count, 100),
            ).collect(limit=count)

    await _together(one, sorted(workflow_ids))
    return newest


async def _together(call: Callable[[T], Awaitable[None]], values: Iterable[T]) -> None:
    """``call`` each value concurrently; the first GitHub or transport error is raised as is.

    (A task group would wrap it in an ExceptionGroup, which the bulk
    planner's per-repository ``except GhActionsError`` would not catch.)
    """
    errors: list[GhActionsError] = []

    async def one(value: T) -> None:
        try:
            await call(value)
        except GhActionsError as error:
            errors.append(error)

    async with anyio.create_task_group() as tasks:
        for value in values:
            tasks.start_soon(one, value)
    if errors:
        raise errors[0]

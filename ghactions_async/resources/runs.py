"""Workflow runs: list, inspect, cancel, re-run, approve, delete, logs.

GitHub serves at most 1,000 runs for a list filtered by ``actor``,
``branch``, ``check_suite_id``, ``created``, ``event``, ``head_sha`` or
``status``. ``runs.list`` and ``runs.list_for_workflow`` lift that cap: when
such a query counts more, they go on with the ``created`` range narrowed to
the oldest run seen so far (``_run_pagination``), so every run arrives once.
"""

from __future__ import annotations

import builtins
import os
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, BinaryIO, Literal, overload

from .._download import Destination
from .._operations import Operation
from .._operations.runs import (
    APPROVE,
    CANCEL,
    DELETE,
    DELETE_LOGS,
    DOWNLOAD_ATTEMPT_LOGS,
    DOWNLOAD_LOGS,
    FORCE_CANCEL,
    GET,
    GET_ATTEMPT,
    GET_PENDING_DEPLOYMENTS,
    GET_TIMING,
    LIST,
    LIST_APPROVALS,
    LIST_FOR_WORKFLOW,
    RERUN,
    RERUN_FAILED_JOBS,
    REVIEW_CUSTOM_GATES,
    REVIEW_PENDING_DEPLOYMENTS,
)
from .._resource import AsyncResource
from .._run_pagination import CAPPED_FILTERS, uncapped
from .._run_status import RunStatus
from .._validation import NonEmptyStr
from ..models.runs import (
    Deployment,
    EnvironmentApproval,
    PendingDeployment,
    WorkflowRun,
    WorkflowRunUsage,
)

if TYPE_CHECKING:
    from .._pagination import AsyncPaginator

ReviewState = Literal["approved", "rejected"]


class AsyncRuns(AsyncResource):
    """Workflow runs: list, inspect, cancel, re-run, approve, delete, logs."""

    def list(
        self,
        owner: str,
        repo: str,
        *,
        actor: str | None = None,
        branch: str | None = None,
        event: str | None = None,
        status: RunStatus | None = None,
        created: str | None = None,
        exclude_pull_requests: bool | None = None,
        check_suite_id: int | None = None,
        head_sha: str | None = None,
        per_page: int | None = None,
    ) -> AsyncPaginator[WorkflowRun]:
        """The runs of a repository, newest first, optionally filtered.

        ``status`` matches a status or a conclusion (``in_progress``,
        ``failure`` ...); ``created`` takes GitHub's date syntax
        (``>=2024-05-01``, ``2024-05-01..2024-05-31``,
        ``<=2024-05-01T10:00:00Z``). GitHub serves at most 1,000 runs for a
        query filtered by actor, branch, check_suite_id, created, event,
        head_sha or status; when it counts more, this list narrows
        ``created`` step by step and still yields every run exactly once.
        """
        return self._runs(
            LIST,
            (owner, repo),
            {
                "actor": actor,
                "branch": branch,
                "event": event,
                "status": status,
                "created": created,
                "exclude_pull_requests": exclude_pull_requests,
                "check_suite_id": check_suite_id,
                "head_sha": head_sha,
            },
            per_page,
        )

    def list_for_workflow(
        self,
        owner: str,
        repo: str,
        workflow_id: int | str,
        *,
        actor: str | None = None,
        branch: str | None = None,
        event: str | None = None,
        status: RunStatus | None = None,
        created: str | None = None,
        exclude_pull_requests: bool | None = None,
        check_suite_id: int | None = None,
        head_sha: str | None = None,
        per_page: int | None = None,
    ) -> AsyncPaginator[WorkflowRun]:
        """The runs of one workflow (id or file name such as ``ci.yml``), newest first.

        Filters as for ``list``, including GitHub's 1,000-run cap on filtered
        queries, which this list lifts the same way.
        """
        return self._runs(
            LIST_FOR_WORKFLOW,
            (owner, repo, workflow_id),
            {
                "actor": actor,
                "branch": branch,
                "event": event,
                "status": status,
                "created": created,
                "exclude_pull_requests": exclude_pull_requests,
                "check_suite_id": check_suite_id,
                "head_sha": head_sha,
            },
            per_page,
        )

    def _runs(
        self,
        operation: Operation,
        path: Sequence[object],
        params: dict[str, object],
        per_page: int | None,
    ) -> AsyncPaginator[WorkflowRun]:
        created = params["created"]
        capped = any(params[name] is not None for name in CAPPED_FILTERS)
        return self._paginate(
            operation,
            path,
            WorkflowRun,
            item_key="workflow_runs",
            params=params,
            per_page=per_page,
            # Unfiltered lists are not capped, and page the ordinary way.
            opener=uncapped(created if isinstance(created, str) else None) if capped else None,
        )

    async def get(
        self, owner: str, repo: str, run_id: int, *, exclude_pull_requests: bool | None = None
    ) -> WorkflowRun:
        """One run as of its latest attempt: status, conclusion, commit, actor."""
        return await self._json(
            GET,
            (owner, repo, run_id),
            WorkflowRun,
            params={"exclude_pull_requests": exclude_pull_requests},
        )

    async def get_attempt(
        self,
        owner: str,
        repo: str,
        run_id: int,
        attempt_number: int,
        *,
        exclude_pull_requests: bool | None = None,
    ) -> WorkflowRun:
        """A run as one of its attempts left it (attempt 1 is the first run)."""
        return await self._json(
            GET_ATTEMPT,
            (owner, repo, run_id, attempt_number),
            WorkflowRun,
            params={"exclude_pull_requests": exclude_pull_requests},
        )

    async def delete(self, owner: str, repo: str, run_id: int) -> None:
        """Delete a completed run, with its jobs, logs and artifacts."""
        await self._no_content(DELETE, (owner, repo, run_id))

    async def cancel(self, owner: str, repo: str, run_id: int) -> None:
        """Ask GitHub to cancel a queued or running run (GitHub answers 409 once it completed).

        Raises ``Conflict`` when the run has already completed.
        """
        await self._no_content(CANCEL, (owner, repo, run_id))

    async def force_cancel(self, owner: str, repo: str, run_id: int) -> None:
        """Cancel a run that ignores ``cancel``, skipping ``always()`` conditions of its jobs.

        Raises ``Conflict`` when the run has already completed.
        """
        await self._no_content(FORCE_CANCEL, (owner, repo, run_id))

    async def rerun(
        self, owner: str, repo: str, run_id: int, *, enable_debug_logging: bool | None = None
    ) -> None:
        """Run every job of a completed run again, as a new attempt of the same run."""
        await self._no_content(
            RERUN,
            (owner, repo, run_id),
            body={"enable_debug_logging": enable_debug_logging},
        )

    async def rerun_failed_jobs(
        self, owner: str, repo: str, run_id: int, *, enable_debug_logging: bool | None = None
    ) -> None:
        """Run the failed and cancelled jobs of a completed run again, as a new attempt."""
        await self._no_content(
            RERUN_FAILED_JOBS,
            (owner, repo, run_id),
            body={"enable_debug_logging": enable_debug_logging},
        )

    async def approve(self, owner: str, repo: str, run_id: int) -> None:
        """Let a run from a first-time contributor's fork pull request start (api.github.com).

        Raises ``PermissionDenied`` when the run is not waiting for approval (or the token may
        not approve it), and ``NotFound`` when the run is unknown.
        """
        await self._no_content(APPROVE, (owner, repo, run_id))

    @overload
    async def download_logs(
        self, owner: str, repo: str, run_id: int, dest: str | os.PathLike[str]
    ) -> Path: ...

    @overload
    async def download_logs(self, owner: str, repo: str, run_id: int, dest: BinaryIO) -> None: ...

    async def download_logs(
        self, owner: str, repo: str, run_id: int, dest: Destination
    ) -> Path | None:
        """Save the zip of a run's logs (latest attempt) to a path, a directory or a binary file.

        A directory receives the file under GitHub's name for it. Returns the
        path written, or None for a file object.
        """
        return await self._download(
            DOWNLOAD_LOGS,
            (owner, repo, run_id),
            dest,
            fallback_name=f"run-{run_id}-logs.zip",
        )

    async def get_logs_url(self, owner: str, repo: str, run_id: int) -> str:
        """The short-lived URL (about a minute) of a run's log zip, for a tool that fetches it."""
        return await self._redirect_url(DOWNLOAD_LOGS, (owner, repo, run_id))

    @overload
    async def download_attempt_logs(
        self,
        owner: str,
        repo: str,
        run_id: int,
        attempt_number: int,
        dest: str | os.PathLike[str],
    ) -> Path: ...

    @overload
    async def download_attempt_logs(
        self, owner: str, repo: str, run_id: int, attempt_number: int, dest: BinaryIO
    ) -> None: ...

    async def download_attempt_logs(
        self, owner: str, repo: str, run_id: int, attempt_number: int, dest: Destination
    ) -> Path | None:
        """Save the zip of the logs of one attempt of a run, as ``download_logs`` does."""
        return await self._download(
            DOWNLOAD_ATTEMPT_LOGS,
            (owner, repo, run_id, attempt_number),
            dest,
            fallback_name=f"run-{run_id}-attempt-{attempt_number}-logs.zip",
        )

    async def get_attempt_logs_url(
        self, owner: str, repo: str, run_id: int, attempt_number: int
    ) -> str:
        """The short-lived URL of the log zip of one attempt of a run, not followed."""
        return await self._redirect_url(
            DOWNLOAD_ATTEMPT_LOGS, (owner, repo, run_id, attempt_number)
        )

    async def delete_logs(self, owner: str, repo: str, run_id: int) -> None:
        """Delete every log of a completed run, keeping the run itself.

        Raises ``Conflict`` while the run has not completed, and ``PermissionDenied`` when the
        token may not delete its logs.
        """
        await self._no_content(DELETE_LOGS, (owner, repo, run_id))

    async def get_timing(self, owner: str, repo: str, run_id: int) -> WorkflowRunUsage:
        """How long a run took, and its billable time per runner OS and job (api.github.com)."""
        return await self._json(GET_TIMING, (owner, repo, run_id), WorkflowRunUsage)

    async def list_approvals(
        self, owner: str, repo: str, run_id: int
    ) -> builtins.list[EnvironmentApproval]:
        """The review history of a run's deployments: who approved or rejected what."""
        return await self._items(
            LIST_APPROVALS, (owner, repo, run_id), EnvironmentApproval, item_key=None
        )

    async def get_pending_deployments(
        self, owner: str, repo: str, run_id: int
    ) -> builtins.list[PendingDeployment]:
        """The deployments of a run waiting for their environments' protection rules."""
        return await self._items(
            GET_PENDING_DEPLOYMENTS,
            (owner, repo, run_id),
            PendingDeployment,
            item_key=None,
        )

    async def review_pending_deployments(
        self,
        owner: str,
        repo: str,
        run_id: int,
        *,
        environment_ids: Sequence[int],
        state: ReviewState,
        comment: str,
    ) -> builtins.list[Deployment]:
        """Approve or reject a run's deployments to the given environments, as a reviewer.

        Returns the deployments that approval let proceed.
        """
        if not environment_ids:
            raise ValueError("environment_ids must name at least one environment")
        return await self._items(
            REVIEW_PENDING_DEPLOYMENTS,
            (owner, repo, run_id),
            Deployment,
            item_key=None,
            body={"environment_ids": list(environment_ids), "state": state, "comment": comment},
        )

    async def review_custom_gates(
        self,
        owner: str,
        repo: str,
        run_id: int,
        *,
        environment_name: NonEmptyStr,
        state: ReviewState | None = None,
        comment: str | None = None,
    ) -> None:
        """Approve or reject, as a GitHub App, its custom protection rule for an environment.

        Give ``state`` to decide (with an optional ``comment``), or only a
        ``comment`` to report progress without deciding yet.
        """
        if state is None and comment is None:
            raise ValueError("give state, comment or both")
        await self._no_content(
            REVIEW_CUSTOM_GATES,
            (owner, repo, run_id),
            body={"environment_name": environment_name, "state": state, "comment": comment},
        )

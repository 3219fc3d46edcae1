"""Jobs of workflow runs: list, get, re-run, logs."""

from __future__ import annotations

import os
from pathlib import Path
from typing import TYPE_CHECKING, BinaryIO, Literal, overload

from .._download import Destination
from .._operations.jobs import DOWNLOAD_LOGS, GET, LIST_FOR_ATTEMPT, LIST_FOR_RUN, RERUN
from .._resource import AsyncResource
from ..models.jobs import Job

if TYPE_CHECKING:
    from .._pagination import AsyncPaginator

JobFilter = Literal["latest", "all"]


class AsyncJobs(AsyncResource):
    """Jobs of workflow runs: list, get, re-run, logs."""

    def list_for_run(
        self,
        owner: str,
        repo: str,
        run_id: int,
        *,
        filter: JobFilter | None = None,
        per_page: int | None = None,
    ) -> AsyncPaginator[Job]:
        """The jobs of a run: by default the latest execution of each job.

        ``filter="all"`` also lists the jobs of earlier attempts of a run
        that was re-run.
        """
        return self._paginate(
            LIST_FOR_RUN,
            (owner, repo, run_id),
            Job,
            item_key="jobs",
            params={"filter": filter},
            per_page=per_page,
        )

    def list_for_attempt(
        self,
        owner: str,
        repo: str,
        run_id: int,
        attempt_number: int,
        *,
        per_page: int | None = None,
    ) -> AsyncPaginator[Job]:
        """The jobs that ran in one attempt of a run (attempt 1 is the first run).

        Raises ``NotFound`` when the run, or that attempt of it, does not exist.
        """
        return self._paginate(
            LIST_FOR_ATTEMPT,
            (owner, repo, run_id, attempt_number),
            Job,
            item_key="jobs",
            per_page=per_page,
        )

    async def get(self, owner: str, repo: str, job_id: int) -> Job:
        """One job: its status, conclusion, runner and steps."""
        return await self._json(GET, (owner, repo, job_id), Job)

    @overload
    async def download_logs(
        self, owner: str, repo: str, job_id: int, dest: str | os.PathLike[str]
    ) -> Path: ...

    @overload
    async def download_logs(self, owner: str, repo: str, job_id: int, dest: BinaryIO) -> None: ...

    async def download_logs(
        self, owner: str, repo: str, job_id: int, dest: Destination
    ) -> Path | None:
        """Save a job's log (plain text) to a file path, a directory, or a binary file object.

        A directory receives the file under GitHub's name for it. Returns the
        path written, or None for a file object.
        """
        return await self._download(
            DOWNLOAD_LOGS,
            (owner, repo, job_id),
            dest,
            fallback_name=f"job-{job_id}-logs.txt",
        )

    async def get_logs_url(self, owner: str, repo: str, job_id: int) -> str:
        """The short-lived URL (about a minute) of a job's log, for a tool that fetches it."""
        return await self._redirect_url(DOWNLOAD_LOGS, (owner, repo, job_id))

    async def rerun(
        self,
        owner: str,
        repo: str,
        job_id: int,
        *,
        enable_debug_logging: bool | None = None,
        enable_debugger: bool | None = None,
    ) -> None:
        """Run one job of a completed run again (and the jobs that depend on it).

        This starts a new attempt of the run. ``enable_debug_logging`` turns on
        step debug logs; ``enable_debugger`` lets you attach a debugger to the job.

        Raises ``PermissionDenied`` when GitHub will not re-run it: the run is still in
        progress, it is too old to re-run (30 days), or the token lacks the Actions write
        permission.
        """
        await self._no_content(
            RERUN,
            (owner, repo, job_id),
            body={
                "enable_debug_logging": enable_debug_logging,
                "enable_debugger": enable_debugger,
            },
        )

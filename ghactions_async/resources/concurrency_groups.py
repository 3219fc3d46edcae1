"""Concurrency groups of a repository and of a run (api.github.com only).

A workflow or job with ``concurrency: <group>`` holds the group's lease while
it runs; others with the same group wait. These methods answer "what is this
run waiting for?". The lists page with opaque ``before``/``after`` cursors
from GitHub's ``Link`` header, which the paginator follows by itself.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from .._operations.concurrency_groups import GET, LIST, LIST_FOR_RUN
from .._resource import AsyncResource
from ..models.concurrency_groups import (
    ConcurrencyGroup,
    ConcurrencyGroupSummary,
    RunConcurrencyGroup,
)

if TYPE_CHECKING:
    from .._pagination import AsyncPaginator


class AsyncConcurrencyGroups(AsyncResource):
    """Concurrency groups of a repository and of a run."""

    def list(
        self, owner: str, repo: str, *, after: str | None = None, per_page: int | None = None
    ) -> AsyncPaginator[ConcurrencyGroupSummary]:
        """The concurrency groups of a repository that some run or job holds or waits for.

        ``after`` resumes from a cursor taken from an earlier ``Link`` header.

        Raises ``ValidationFailed`` for a cursor GitHub does not recognise.
        """
        return self._paginate(
            LIST,
            (owner, repo),
            ConcurrencyGroupSummary,
            item_key="concurrency_groups",
            params={"after": after},
            per_page=per_page,
            cursor=True,
        )

    async def get(
        self,
        owner: str,
        repo: str,
        concurrency_group_name: str,
        *,
        ahead_of_run: int | None = None,
        ahead_of_job: int | None = None,
    ) -> ConcurrencyGroup:
        """A concurrency group's queue, holder first: what blocks a run or job.

        With ``ahead_of_run`` (a run id) or ``ahead_of_job`` (a job id; give
        one or the other), only the items ahead of that run or job are
        returned, followed by the run or job itself; GitHub answers
        ``ValidationFailed`` when it is not in the group. A group nobody holds
        or waits for raises ``NotFound``.
        """
        for name, value in (("ahead_of_run", ahead_of_run), ("ahead_of_job", ahead_of_job)):
            if value is not None and value < 1:
                raise ValueError(f"{name} must be a positive integer, got {value}")
        return await self._json(
            GET,
            (owner, repo, concurrency_group_name),
            ConcurrencyGroup,
            params={"ahead_of_run": ahead_of_run, "ahead_of_job": ahead_of_job},
        )

    def list_for_run(
        self,
        owner: str,
        repo: str,
        run_id: int,
        *,
        before: str | None = None,
        after: str | None = None,
        per_page: int | None = None,
    ) -> AsyncPaginator[RunConcurrencyGroup]:
        """The concurrency groups a run takes part in, by group name, with its place in each queue.

        Groups the run has already left are listed too, with no members.
        ``after`` and ``before`` start from a cursor taken from an earlier
        ``Link`` header: the groups after it, or those just before it.

        Raises ``NotFound`` when the run is unknown and ``ValidationFailed`` for a cursor GitHub
        does not recognise.
        """
        return self._paginate(
            LIST_FOR_RUN,
            (owner, repo, run_id),
            RunConcurrencyGroup,
            item_key="concurrency_groups",
            params={"before": before, "after": after},
            per_page=per_page,
            cursor=True,
        )

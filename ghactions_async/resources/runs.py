"""Workflow runs: list, inspect, cancel, re-run, approve, delete, logs.

GitHub serves at most 1,000 runs for a list filtered by ``actor``,
``branch``, ``check_suite_id``, ``created``, ``event``, ``head_sha`` or
``status``. ``runs.list`` and ``runs.list_for_workflow`` lift that cap: when
such a query counts more, they go on with the ``created`` range narrowed to
the oldest run seen so far (``RunPaginator``), so every run arrives once.
"""

from __future__ import annotations

import builtins
import logging
import os
import re
from collections.abc import Sequence
from datetime import date, datetime, time, timedelta, timezone
from pathlib import Path
from typing import TYPE_CHECKING, BinaryIO, Literal, overload

from attrs import frozen

from .._download import Destination
from .._pagination import AsyncPaginator, Page
from .._resource import AsyncResource
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
    from .._pagination import ClosablePages

logger = logging.getLogger("ghactions_async")

ReviewState = Literal["approved", "rejected"]

RESULT_CAP = 1000
"""The most runs GitHub serves for one filtered query."""

CAPPED_FILTERS = ("actor", "branch", "check_suite_id", "created", "event", "head_sha", "status")
"""The filters under which GitHub serves at most ``RESULT_CAP`` runs."""


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
            "actions/list-workflow-runs-for-repo",
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
            "actions/list-workflow-runs",
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
        operation_id: str,
        path: Sequence[object],
        params: dict[str, object],
        per_page: int | None,
    ) -> AsyncPaginator[WorkflowRun]:
        paginator = self._paginate(
            operation_id,
            path,
            WorkflowRun,
            item_key="workflow_runs",
            params=params,
            per_page=per_page,
        )
        if all(params[name] is None for name in CAPPED_FILTERS):
            return paginator  # unfiltered lists are not capped
        created = params["created"]
        return RunPaginator(paginator, created=created if isinstance(created, str) else None)

    async def get(
        self, owner: str, repo: str, run_id: int, *, exclude_pull_requests: bool | None = None
    ) -> WorkflowRun:
        """One run as of its latest attempt: status, conclusion, commit, actor."""
        return await self._json(
            "actions/get-workflow-run",
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
            "actions/get-workflow-run-attempt",
            (owner, repo, run_id, attempt_number),
            WorkflowRun,
            params={"exclude_pull_requests": exclude_pull_requests},
        )

    async def delete(self, owner: str, repo: str, run_id: int) -> None:
        """Delete a completed run, with its jobs, logs and artifacts."""
        await self._no_content("actions/delete-workflow-run", (owner, repo, run_id))

    async def cancel(self, owner: str, repo: str, run_id: int) -> None:
        """Ask GitHub to cancel a queued or running run (GitHub answers 409 once it completed)."""
        await self._no_content("actions/cancel-workflow-run", (owner, repo, run_id))

    async def force_cancel(self, owner: str, repo: str, run_id: int) -> None:
        """Cancel a run that ignores ``cancel``, skipping ``always()`` conditions of its jobs."""
        await self._no_content("actions/force-cancel-workflow-run", (owner, repo, run_id))

    async def rerun(
        self, owner: str, repo: str, run_id: int, *, enable_debug_logging: bool | None = None
    ) -> None:
        """Run every job of a completed run again, as a new attempt of the same run."""
        await self._no_content(
            "actions/re-run-workflow",
            (owner, repo, run_id),
            body={"enable_debug_logging": enable_debug_logging},
        )

    async def rerun_failed_jobs(
        self, owner: str, repo: str, run_id: int, *, enable_debug_logging: bool | None = None
    ) -> None:
        """Run the failed and cancelled jobs of a completed run again, as a new attempt."""
        await self._no_content(
            "actions/re-run-workflow-failed-jobs",
            (owner, repo, run_id),
            body={"enable_debug_logging": enable_debug_logging},
        )

    async def approve(self, owner: str, repo: str, run_id: int) -> None:
        """Let a run from a first-time contributor's fork pull request start (api.github.com)."""
        await self._no_content("actions/approve-workflow-run", (owner, repo, run_id))

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
            "actions/download-workflow-run-logs",
            (owner, repo, run_id),
            dest,
            fallback_name=f"run-{run_id}-logs.zip",
        )

    async def get_logs_url(self, owner: str, repo: str, run_id: int) -> str:
        """The short-lived URL (about a minute) of a run's log zip, for a tool that fetches it."""
        return await self._redirect_url("actions/download-workflow-run-logs", (owner, repo, run_id))

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
            "actions/download-workflow-run-attempt-logs",
            (owner, repo, run_id, attempt_number),
            dest,
            fallback_name=f"run-{run_id}-attempt-{attempt_number}-logs.zip",
        )

    async def get_attempt_logs_url(
        self, owner: str, repo: str, run_id: int, attempt_number: int
    ) -> str:
        """The short-lived URL of the log zip of one attempt of a run, not followed."""
        return await self._redirect_url(
            "actions/download-workflow-run-attempt-logs", (owner, repo, run_id, attempt_number)
        )

    async def delete_logs(self, owner: str, repo: str, run_id: int) -> None:
        """Delete every log of a completed run, keeping the run itself."""
        await self._no_content("actions/delete-workflow-run-logs", (owner, repo, run_id))

    async def get_timing(self, owner: str, repo: str, run_id: int) -> WorkflowRunUsage:
        """How long a run took, and its billable time per runner OS and job (api.github.com)."""
        return await self._json(
            "actions/get-workflow-run-usage", (owner, repo, run_id), WorkflowRunUsage
        )

    async def list_approvals(
        self, owner: str, repo: str, run_id: int
    ) -> builtins.list[EnvironmentApproval]:
        """The review history of a run's deployments: who approved or rejected what."""
        return await self._items(
            "actions/get-reviews-for-run", (owner, repo, run_id), EnvironmentApproval, item_key=None
        )

    async def get_pending_deployments(
        self, owner: str, repo: str, run_id: int
    ) -> builtins.list[PendingDeployment]:
        """The deployments of a run waiting for their environments' protection rules."""
        return await self._items(
            "actions/get-pending-deployments-for-run",
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
            "actions/review-pending-deployments-for-run",
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
            "actions/review-custom-gates-for-run",
            (owner, repo, run_id),
            body={"environment_name": environment_name, "state": state, "comment": comment},
        )


class RunPaginator(AsyncPaginator[WorkflowRun]):
    """Runs of a filtered query, all of them despite GitHub's 1,000-result cap.

    The query runs as given. When its first page counts more runs than
    GitHub serves, the runs keep coming from further queries whose
    ``created`` range ends at the oldest run seen so far (combined with the
    range the caller gave); runs seen before are skipped, so none is lost or
    repeated. Each query's pages are fetched concurrently as usual. Pages
    report the first query's ``total_count`` and are numbered 1, 2, 3 ...
    across all queries.
    """

    def __init__(self, query: AsyncPaginator[WorkflowRun], *, created: str | None) -> None:
        super().__init__(query._source, query._url, **query._options())
        self._created = created

    def _pages(self, *, limit: int | None) -> ClosablePages[WorkflowRun]:
        return _UncappedPages(self, limit=limit)

    def _query(self, created: str | None) -> AsyncPaginator[WorkflowRun]:
        """The same list with ``created`` replaced, paged the ordinary way."""
        params = [(name, value) for name, value in self._params if name != "created"]
        if created is not None:
            params.append(("created", created))
        return AsyncPaginator(self._source, self._url, **self._options(params=params))


class _UncappedPages:
    """The pages of a ``RunPaginator``: one capped query after another (see there)."""

    def __init__(self, paginator: RunPaginator, *, limit: int | None) -> None:
        self._paginator = paginator
        self._limit = limit
        self._range: CreatedRange | None = None  # read once the first query proves capped
        self._upper: datetime | None = None  # the upper bound of the current query
        self._first_of_query = True
        self._query_total: int | None = None
        self._query_items = 0
        self._oldest: datetime | None = None
        self._seen: set[int] = set()
        self._yielded = 0
        self._number = 0
        self._total: int | None = None
        self._done = False
        self._current = self._start(paginator._created)

    def __aiter__(self) -> _UncappedPages:
        return self

    def _start(self, created: str | None) -> ClosablePages[WorkflowRun]:
        wanted = None if self._limit is None else self._limit - self._yielded
        # No query yields more than the cap: asking for more pages is wasted.
        cap = RESULT_CAP if wanted is None else min(wanted, RESULT_CAP)
        return self._paginator._query(created)._pages(limit=cap)

    async def __anext__(self) -> Page[WorkflowRun]:
        while not self._done:
            try:
                page = await self._current.__anext__()
            except StopAsyncIteration:
                if not await self._next_query():
                    self._done = True
                continue
            except BaseException:
                self._done = True
                raise
            fresh = self._take(page)
            if fresh is not None:
                return fresh
        raise StopAsyncIteration

    def _take(self, page: Page[WorkflowRun]) -> Page[WorkflowRun] | None:
        if self._first_of_query:
            self._first_of_query = False
            self._query_total = page.total_count
            if self._total is None:
                self._total = page.total_count
                if (page.total_count or 0) > RESULT_CAP:
                    self._range = CreatedRange.parse(self._paginator._created)
        self._query_items += len(page.items)
        fresh = [run for run in page.items if run.id not in self._seen]
        for run in fresh:
            self._seen.add(run.id)
            if self._oldest is None or run.created_at < self._oldest:
                self._oldest = run.created_at
        if not fresh and self._number > 0:
            return None  # nothing new on this page: a run seen in the query before
        self._yielded += len(fresh)
        self._number += 1
        return Page(items=fresh, total_count=self._total, number=self._number)

    async def _next_query(self) -> bool:
        """Start the next query if the one just read was capped; False when all is read."""
        await self._current.aclose()
        capped = (self._query_total or 0) > RESULT_CAP and self._query_items > 0
        wanted = self._limit is None or self._yielded < self._limit
        if not capped or not wanted or self._range is None or self._oldest is None:
            return False
        upper = _whole_second(self._oldest)
        if self._upper is not None and upper >= self._upper:
            # More than 1,000 runs were created in this one second: the next
            # query cannot start inside it, so move on past it, and say so.
            upper = self._upper - timedelta(seconds=1)
            logger.warning(
                "more than %d runs were created at %s; runs of that second beyond "
                "the first %d may be missing from this list",
                RESULT_CAP,
                _format(self._upper),
                RESULT_CAP,
            )
        created = self._range.ending_at(upper)
        if created is None:
            return False  # the caller's range holds nothing older
        self._upper = upper
        self._current = self._start(created)
        self._first_of_query = True
        self._query_items = 0
        return True

    async def aclose(self) -> None:
        self._done = True
        await self._current.aclose()


# -- GitHub's date syntax for ``created`` ------------------------------------

_RANGE = re.compile(r"^\s*(?P<low>[^.\s]+)\s*\.\.\s*(?P<high>[^.\s]+)\s*$")
_COMPARISON = re.compile(r"^\s*(?P<op>>=|<=|>|<)?\s*(?P<value>\S+)\s*$")
_SECOND = timedelta(seconds=1)


@frozen
class CreatedRange:
    """The creation times a ``created`` filter admits, as inclusive whole-second bounds."""

    low: datetime | None = None
    high: datetime | None = None

    @classmethod
    def parse(cls, text: str | None) -> CreatedRange:
        """Read ``>=D``, ``>D``, ``<=D``, ``<D``, ``A..B`` (``*`` for an open end) or ``D``.

        ``D`` is a date (the whole day, UTC) or a date and time; raises
        ValueError for anything else, since the cap could not be lifted.
        """
        if text is None:
            return cls()
        span = _RANGE.match(text)
        if span is not None:
            low, high = span.group("low"), span.group("high")
            return cls(
                None if low == "*" else _bound(low, upper=False, exclusive=False),
                None if high == "*" else _bound(high, upper=True, exclusive=False),
            )
        comparison = _COMPARISON.match(text)
        if comparison is None:
            raise _unreadable(text)
        op, value = comparison.group("op"), comparison.group("value")
        if op is None:
            return cls(
                _bound(value, upper=False, exclusive=False),
                _bound(value, upper=True, exclusive=False),
            )
        upper = op.startswith("<")
        bound = _bound(value, upper=upper, exclusive=len(op) == 1)
        return cls(None, bound) if upper else cls(bound, None)

    def ending_at(self, upper: datetime) -> str | None:
        """This range cut at ``upper`` (inclusive) in GitHub's syntax; None if nothing is left."""
        high = upper if self.high is None else min(self.high, upper)
        if self.low is None:
            return f"<={_format(high)}"
        if self.low > high:
            return None
        return f"{_format(self.low)}..{_format(high)}"


def _bound(text: str, *, upper: bool, exclusive: bool) -> datetime:
    try:
        if "T" not in text and " " not in text:
            day = date.fromisoformat(text)
            start = datetime.combine(day, time(), tzinfo=timezone.utc)
            if upper:  # through the end of the day, or up to its start
                return start - _SECOND if exclusive else start + timedelta(days=1) - _SECOND
            return start + timedelta(days=1) if exclusive else start
        moment = datetime.fromisoformat(text[:-1] + "+00:00" if text[-1:] in "Zz" else text)
    except ValueError:
        raise _unreadable(text) from None
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=timezone.utc)
    # Runs are created on whole seconds: the bound becomes the first or last
    # whole second the comparison admits.
    second = _whole_second(moment)
    fraction = second != moment.astimezone(timezone.utc)
    if upper:
        return second - _SECOND if exclusive and not fraction else second
    return second + _SECOND if exclusive or fraction else second


def _whole_second(moment: datetime) -> datetime:
    return moment.astimezone(timezone.utc).replace(microsecond=0)


def _format(moment: datetime) -> str:
    return moment.astimezone(timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")


def _unreadable(text: str) -> ValueError:
    return ValueError(
        f"created={text!r} is not a date range this client can narrow (use >=, >, <=, <, "
        f"A..B or a date); GitHub serves at most {RESULT_CAP} runs of this query"
    )

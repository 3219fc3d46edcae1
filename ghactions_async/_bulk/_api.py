"""Bulk operations: clean up caches, artifacts and runs across many repositories.

Each operation works on one organization (``org``), some repositories
(``repos``) or several organizations (``orgs``: with a GitHub App client,
each through its own installation and rate budget; one combined report).
It lists repositories concurrently and plans each one whole from its
listing; a repository's work starts as soon as it is planned, with at most
``concurrency`` requests in flight, through the client's governor, so it
stays inside GitHub's limits. Every planned item ends in exactly one
outcome in the returned ``BulkReport``; one failure never stops the rest;
``dry_run=True`` plans and reports without changing anything;
``stop=BulkStop()`` lets another thread or a signal handler end it early
with an exact report, and holds the report (``stop.report``) however the
call ended: cancelling the task running it stops new work, lets the
requests in flight finish, and the ``CancelledError`` carries the report as
``report``. ``on_progress`` is called with counts as each
repository is planned and after each item (on the client's event loop).

Every argument is checked before any request: the filters by their
criteria (``_caches``, ``_artifacts``, ``_runs``), the scope by ``Scope``.
"""

from __future__ import annotations

import functools
import inspect
from collections.abc import Awaitable, Callable, Coroutine, Mapping, Sequence
from datetime import datetime, timedelta, timezone
from typing import TYPE_CHECKING, Any, Concatenate, ParamSpec

import anyio
import anyio.to_thread

from .._resource import AsyncResource
from .._run_status import CancellableStatus, RunStatus
from ._across import across_organizations
from ._artifacts import ArtifactCriteria
from ._caches import CacheCriteria, group_deletions
from ._criteria import criteria_of
from ._engine import (
    ProgressHook,
    RequestMeter,
    Work,
    WorkResult,
    execute,
    grace_of,
    planned,
)
from ._observe import observe
from ._report import BulkItem, BulkReport, BulkStop, keep
from ._repositories import (
    Scope,
    cached_repositories,
    each_repository,
    organization_repositories,
)
from ._runs import RunCriteria, plan_repository
from ._work import artifact_work, cache_work, cancel_work, delete_run_work

if TYPE_CHECKING:
    from .._client import AsyncGitHubActions
    from .._http._requester import Requester
    from ..models.artifacts import Artifact
    from ..models.caches import ActionsCache
    from ..models.runs import WorkflowRun

P = ParamSpec("P")


def _bulk_call(
    method: Callable[Concatenate[AsyncBulk, P], Coroutine[Any, Any, BulkReport]],
) -> Callable[Concatenate[AsyncBulk, P], Coroutine[Any, Any, BulkReport]]:
    """However a bulk call ends, leave its report on its ``stop`` and on its exception.

    The engine builds the exact report; a call that ends before the engine
    starts (cancelled or failed while listing an organization) did nothing,
    and its report says so.
    """

    @functools.wraps(method)
    async def call(self: AsyncBulk, /, *args: P.args, **kwargs: P.kwargs) -> BulkReport:
        stop = kwargs.get("stop")
        meter = RequestMeter(self._requester)
        try:
            report = await method(self, *args, **kwargs)
        except BaseException as error:
            found = getattr(error, "report", None)
            if not isinstance(found, BulkReport):
                dry_run = bool(kwargs.get("dry_run", False))
                found = BulkReport(method.__name__, dry_run, (), meter.elapsed, meter.requests)
            keep(found, stop if isinstance(stop, BulkStop) else None, error)
            raise
        keep(report, stop if isinstance(stop, BulkStop) else None)
        return report

    return call


class AsyncBulk(AsyncResource):
    """Concurrency-limited operations over many items or repositories."""

    __slots__ = ("_client",)

    def __init__(self, requester: Requester, client: AsyncGitHubActions) -> None:
        super().__init__(requester)
        self._client = client  # its areas act on each item; its installations on each org

    @_bulk_call
    async def prune_caches(
        self,
        *,
        org: str | None = None,
        repos: Sequence[str] | None = None,
        orgs: Sequence[str] | None = None,
        older_than: timedelta | None = None,
        accessed_before: datetime | None = None,
        created_before: datetime | None = None,
        key_prefix: str | None = None,
        key_pattern: str | None = None,
        ref: str | None = None,
        min_size: int | None = None,
        keep_latest: int | None = None,
        max_total_size: int | None = None,
        dry_run: bool = False,
        concurrency: int | None = None,
        on_progress: ProgressHook | None = None,
        stop: BulkStop | None = None,
    ) -> BulkReport:
        """Delete the caches that match, in every repository of ``org`` or in ``repos``.

        ``older_than`` means not used for that long; ``key_pattern`` and ``ref``
        take globs (``refs/pull/*/merge``); ``keep_latest`` spares the N most
        recently used caches of each key; ``max_total_size`` (bytes) then
        removes the least recently used until each repository fits. For an
        organization only the repositories that have caches are visited. A
        key whose caches all go is deleted with one request.
        """
        arguments = _arguments(locals())
        criteria = criteria_of(CacheCriteria, arguments)
        criteria.check()
        scope = self._scope(arguments)
        if scope.orgs is not None:
            return await self._across("prune_caches", scope.orgs, arguments)
        meter = RequestMeter(self._requester)
        now = datetime.now(timezone.utc)
        caches = self._client.caches
        names = await cached_repositories(caches, scope.org) if scope.org else scope.repos or ()

        async def list_one(owner: str, repo: str) -> list[ActionsCache]:
            return await caches.list(owner, repo).collect()

        def plan_one(name: str, listed: list[ActionsCache]) -> list[Work]:
            doomed = criteria.plan(listed, now)
            return [cache_work(caches, name, d) for d in group_deletions(listed, doomed)]

        return await self._run("prune_caches", names, list_one, plan_one, arguments, meter)

    @_bulk_call
    async def map(
        self,
        fn: Callable[[Any], Any],
        items: Sequence[Any],
        *,
        concurrency: int | None = None,
        on_progress: ProgressHook | None = None,
        stop: BulkStop | None = None,
    ) -> BulkReport:
        """Call ``fn`` on every item, ``concurrency`` at a time; each outcome has its result.

        ``fn`` may be a coroutine function (awaited on the client's loop) or a
        plain function (run in a worker thread, so it may use the sync
        client). Any exception it raises fails that item only. Each
        outcome's ``item.id`` is the item's index in ``items``.
        """
        limit = self._concurrency(concurrency)
        meter = RequestMeter(self._requester)
        asynchronous = inspect.iscoroutinefunction(fn)

        def work(index: int, item: Any) -> Work:
            async def run() -> WorkResult:
                if asynchronous:
                    result = await fn(item)
                else:
                    result = await anyio.to_thread.run_sync(fn, item)
                return WorkResult(done=frozenset({index}), results={index: result})

            return Work((BulkItem(repo="", kind="item", id=index, name=_describe(item)),), run)

        return await execute(
            "map",
            planned([work(index, item) for index, item in enumerate(items)]),
            concurrency=limit,
            dry_run=False,
            stop=stop,
            on_progress=on_progress,
            meter=meter,
            grace=grace_of(self._requester.options.timeout),
            catch=(Exception,),
        )

    @_bulk_call
    async def delete_artifacts(
        self,
        *,
        org: str | None = None,
        repos: Sequence[str] | None = None,
        orgs: Sequence[str] | None = None,
        name_pattern: str | None = None,
        older_than: timedelta | None = None,
        created_before: datetime | None = None,
        min_size: int | None = None,
        expired: bool | None = None,
        keep_latest: int | None = None,
        dry_run: bool = False,
        concurrency: int | None = None,
        on_progress: ProgressHook | None = None,
        stop: BulkStop | None = None,
    ) -> BulkReport:
        """Delete the artifacts that match, in every repository of ``org`` or in ``repos``.

        Frees artifact storage without waiting for retention to run out.
        ``name_pattern`` is a glob on the artifact name (a plain name is
        filtered by GitHub itself); ``older_than`` and ``created_before`` are
        about creation; ``min_size`` is in bytes; ``expired=True`` keeps only
        expired artifacts, ``False`` only unexpired ones. ``keep_latest``
        spares the N newest artifacts of each name in each repository,
        whatever else matched; given alone, it deletes all the others. At
        least one filter is required. An organization's archived
        repositories are skipped (their artifacts cannot be deleted). Each
        deleted artifact's size counts in ``bytes_freed``.
        """
        arguments = _arguments(locals())
        criteria = criteria_of(ArtifactCriteria, arguments)
        criteria.check()
        scope = self._scope(arguments)
        if scope.orgs is not None:
            return await self._across("delete_artifacts", scope.orgs, arguments)
        meter = RequestMeter(self._requester)
        now = datetime.now(timezone.utc)
        artifacts = self._client.artifacts
        names = await self._repositories(scope)

        async def list_one(owner: str, repo: str) -> list[Artifact]:
            return await artifacts.list(owner, repo, name=criteria.server_name).collect()

        def plan_one(name: str, listed: list[Artifact]) -> list[Work]:
            return [artifact_work(artifacts, name, a) for a in criteria.plan(listed, now)]

        return await self._run("delete_artifacts", names, list_one, plan_one, arguments, meter)

    @_bulk_call
    async def delete_runs(
        self,
        *,
        org: str | None = None,
        repos: Sequence[str] | None = None,
        orgs: Sequence[str] | None = None,
        status: RunStatus | None = None,
        older_than: timedelta | None = None,
        created_before: datetime | None = None,
        branch: str | None = None,
        workflow: int | str | None = None,
        actor: str | None = None,
        keep_latest: int | None = None,
        dry_run: bool = False,
        concurrency: int | None = None,
        on_progress: ProgressHook | None = None,
        stop: BulkStop | None = None,
    ) -> BulkReport:
        """Delete the completed runs that match, with their jobs, logs and artifacts.

        Clears out old or failed runs in every repository of ``org`` or in
        ``repos``. ``status`` matches a status or a conclusion (``failure``,
        ``cancelled`` ...); ``workflow`` is a workflow id or file name
        (``ci.yml``); ``actor`` is the login that started the run;
        ``older_than`` and ``created_before`` are about creation. Runs that
        have not completed are skipped, since GitHub refuses to delete them
        (a ``status`` such as ``in_progress`` raises ValueError: cancel those
        with ``cancel_runs`` first). ``keep_latest`` spares the N newest
        completed runs of each workflow, whatever else matched; given alone,
        it deletes all the others. At least one filter is required. GitHub
        filters by status, branch, actor and date itself, and the listing
        goes past its 1,000-run cap. An organization's archived repositories
        are skipped.
        """
        arguments = _arguments(locals())
        criteria = criteria_of(RunCriteria, arguments)
        criteria.check_delete()
        return await self._act_on_runs("delete_runs", criteria, arguments, cancel=False)

    @_bulk_call
    async def cancel_runs(
        self,
        *,
        org: str | None = None,
        repos: Sequence[str] | None = None,
        orgs: Sequence[str] | None = None,
        status: CancellableStatus | None = None,
        older_than: timedelta | None = None,
        created_before: datetime | None = None,
        branch: str | None = None,
        workflow: int | str | None = None,
        actor: str | None = None,
        force: bool = False,
        dry_run: bool = False,
        concurrency: int | None = None,
        on_progress: ProgressHook | None = None,
        stop: BulkStop | None = None,
    ) -> BulkReport:
        """Cancel the unfinished runs that match, to free runners or stop a flood of runs.

        Without ``status`` every run not completed (queued, in progress,
        waiting, pending, requested) that matches the other filters is
        cancelled; with it, only runs in that status. ``workflow``,
        ``branch``, ``actor``, ``older_than`` and ``created_before`` narrow
        it as for ``delete_runs``. At least one filter is required, so that
        no call stops every run of an organization by accident.
        ``force=True`` uses force-cancel, for runs a normal cancel does not
        stop. A run that completed before its cancel arrived (GitHub answers
        409) ends ``already_gone``; a cancel whose answer was lost is sent
        again, which is harmless. An organization's archived repositories
        are skipped.
        """
        arguments = _arguments(locals())
        criteria = criteria_of(RunCriteria, arguments)
        criteria.check_cancel()
        return await self._act_on_runs("cancel_runs", criteria, arguments, cancel=True)

    async def repositories(self, org: str, *, include_archived: bool = False) -> list[str]:
        """The repositories of an organization that bulk operations visit, as ``owner/name``.

        Archived repositories are left out unless ``include_archived=True``:
        GitHub refuses to delete or cancel anything in them.
        """
        Scope.of(org=org, repos=None)
        return await organization_repositories(
            self._requester, org, include_archived=include_archived
        )

    # -- shared by the operations -------------------------------------------

    def _requester_now(self) -> Requester:
        """What ``observe`` reads spans and records through (see the end of this module)."""
        return self._requester

    def _concurrency(self, concurrency: int | None) -> int:
        if concurrency is not None and concurrency < 1:
            raise ValueError(f"concurrency must be at least 1, got {concurrency}")
        return concurrency or self._requester.max_concurrency

    def _scope(self, arguments: Mapping[str, Any]) -> Scope:
        """The checks every operation makes after its filters': concurrency, then scope."""
        self._concurrency(arguments["concurrency"])
        return Scope.of(org=arguments["org"], repos=arguments["repos"], orgs=arguments["orgs"])

    async def _across(
        self, name: str, orgs: Sequence[str], arguments: Mapping[str, Any]
    ) -> BulkReport:
        return await across_organizations(self._client, self._requester, name, orgs, arguments)

    async def _repositories(self, scope: Scope) -> Sequence[str]:
        """``repos`` once each, or every repository of ``org`` that is not archived."""
        if scope.org is None:
            return scope.repos or ()
        return await organization_repositories(self._requester, scope.org)

    async def _run(
        self,
        operation: str,
        names: Sequence[str],
        list_one: Callable[[str, str], Awaitable[list[Any]]],
        plan_one: Callable[[str, list[Any]], Sequence[Work]],
        arguments: Mapping[str, Any],
        meter: RequestMeter,
    ) -> BulkReport:
        """Plan each repository as it is listed and act on its plan at once."""
        stop: BulkStop | None = arguments["stop"]
        plan = each_repository(
            names,
            list_one,
            plan_one,
            listing_concurrency=self._requester.max_concurrency,
            stop=stop,
        )
        return await execute(
            operation,
            plan,
            concurrency=self._concurrency(arguments["concurrency"]),
            dry_run=arguments["dry_run"],
            stop=stop,
            on_progress=arguments["on_progress"],
            meter=meter,
            grace=grace_of(self._requester.options.timeout),
        )

    async def _act_on_runs(
        self, operation: str, criteria: RunCriteria, arguments: Mapping[str, Any], *, cancel: bool
    ) -> BulkReport:
        """Plan the runs to delete or cancel in every repository, and act on them."""
        scope = self._scope(arguments)
        if scope.orgs is not None:
            return await self._across(operation, scope.orgs, arguments)
        meter = RequestMeter(self._requester)
        cutoff = criteria.cutoff(datetime.now(timezone.utc))
        runs = self._client.runs
        names = await self._repositories(scope)
        options = self._requester.options

        async def list_one(owner: str, repo: str) -> list[WorkflowRun]:
            return await plan_repository(runs, owner, repo, criteria, cutoff, cancel=cancel)

        def plan_one(name: str, listed: list[WorkflowRun]) -> list[Work]:
            if cancel:
                force = bool(arguments["force"])
                return [
                    cancel_work(
                        runs, name, run, force=force, policy=options.retry, clock=options.clock
                    )
                    for run in listed
                ]
            return [delete_run_work(runs, name, run) for run in listed]

        return await self._run(operation, names, list_one, plan_one, arguments, meter)


def _arguments(values: Mapping[str, Any]) -> dict[str, Any]:
    """A bulk method's keyword arguments, from its ``locals()`` at the start."""
    return {name: value for name, value in values.items() if name != "self"}


def _describe(item: Any) -> str:
    text = str(item)
    return text if len(text) <= 80 else text[:77] + "..."


# Each operation under one span and one closing record (``_observe.py``).
for _operation in ("prune_caches", "delete_artifacts", "delete_runs", "cancel_runs", "map"):
    setattr(
        AsyncBulk, _operation, observe(AsyncBulk._requester_now, getattr(AsyncBulk, _operation))
    )

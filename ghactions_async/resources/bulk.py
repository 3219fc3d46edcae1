"""Bulk operations: clean up caches, artifacts and runs across many repositories.

Each operation works on one organization (``org``), some repositories
(``repos``) or several organizations (``orgs``: with a GitHub App client,
each through its own installation and rate budget; one combined report).
It lists repositories concurrently and plans each one whole from its
listing; a repository's work starts as soon as it is planned, with at most
``concurrency`` requests in flight, through the client's governor, so it
stays inside GitHub's limits. Every planned item ends in
exactly one outcome in the returned ``BulkReport``; one failure never stops
the rest; ``dry_run=True`` plans and reports without changing anything;
``stop=BulkStop()`` lets another thread or a signal handler end it early with
an exact report. ``on_progress`` is called with counts as each repository
is planned and after each item (on the client's event loop).
"""

from __future__ import annotations

import inspect
import random
from collections.abc import Awaitable, Callable, Sequence
from datetime import datetime, timedelta, timezone
from typing import TYPE_CHECKING, Any

import anyio
import anyio.to_thread

from .._bulk._across import ScopeMissing, per_organization
from .._bulk._artifacts import ArtifactCriteria
from .._bulk._caches import CacheCriteria, CacheDeletion, cached_repositories, group_deletions
from .._bulk._engine import (
    PlanFeed,
    RequestMeter,
    Work,
    WorkResult,
    done_all,
    execute,
    nothing_done,
    planned,
)
from .._bulk._engine import ProgressHook as ProgressHook  # still importable from here
from .._bulk._report import BulkItem, BulkOutcome, BulkReport, BulkStop
from .._bulk._runs import RunCriteria, describe_run, plan_repository
from .._errors import Conflict, GhActionsError, NotFound, ServerError, TransportError
from .._resource import AsyncResource
from .._run_status import CancellableStatus, RunStatus

if TYPE_CHECKING:
    from ..models.artifacts import Artifact
    from ..models.caches import ActionsCache
    from ..models.runs import WorkflowRun


class AsyncBulk(AsyncResource):
    """Concurrency-limited operations over many items or repositories."""

    @per_organization
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
        criteria = CacheCriteria(
            older_than=older_than,
            accessed_before=accessed_before,
            created_before=created_before,
            key_prefix=key_prefix,
            key_pattern=key_pattern,
            ref=ref,
            min_size=min_size,
            keep_latest=keep_latest,
            max_total_size=max_total_size,
        )
        criteria.check()
        limit = self._concurrency(concurrency)
        _check_scope(org, repos)
        meter = RequestMeter(self._client)
        now = datetime.now(timezone.utc)
        if org is not None:
            names = await cached_repositories(self._client, org)
        else:
            names = _once_each(repos)

        def plan_one(name: str, caches: list[ActionsCache]) -> list[Work]:
            doomed = criteria.plan(caches, now)
            return [self._cache_work(name, d) for d in group_deletions(caches, doomed)]

        return await self._each_repository(
            "prune_caches",
            names,
            self._list_caches,
            plan_one,
            meter=meter,
            concurrency=limit,
            dry_run=dry_run,
            stop=stop,
            on_progress=on_progress,
        )

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
        client). Any exception it raises fails that item only.
        """
        limit = self._concurrency(concurrency)
        meter = RequestMeter(self._client)
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
            catch=(Exception,),
        )

    @per_organization
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
        criteria = ArtifactCriteria(
            name_pattern=name_pattern,
            older_than=older_than,
            created_before=created_before,
            min_size=min_size,
            expired=expired,
            keep_latest=keep_latest,
        )
        criteria.check()
        limit = self._concurrency(concurrency)
        _check_scope(org, repos)
        meter = RequestMeter(self._client)
        now = datetime.now(timezone.utc)
        artifacts = self._client.artifacts
        names = await self._repositories(org, repos)

        async def list_one(owner: str, repo: str) -> list[Artifact]:
            return await artifacts.list(owner, repo, name=criteria.server_name).collect()

        def plan_one(name: str, listed: list[Artifact]) -> list[Work]:
            return [self._artifact_work(name, a) for a in criteria.plan(listed, now)]

        return await self._each_repository(
            "delete_artifacts",
            names,
            list_one,
            plan_one,
            meter=meter,
            concurrency=limit,
            dry_run=dry_run,
            stop=stop,
            on_progress=on_progress,
        )

    @per_organization
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
        criteria = RunCriteria(
            status=status,
            older_than=older_than,
            created_before=created_before,
            branch=branch,
            workflow=workflow,
            actor=actor,
            keep_latest=keep_latest,
        )
        criteria.check_delete()
        return await self._act_on_runs(
            "delete_runs",
            criteria,
            org=org,
            repos=repos,
            cancel=False,
            force=False,
            dry_run=dry_run,
            concurrency=concurrency,
            on_progress=on_progress,
            stop=stop,
        )

    @per_organization
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
        criteria = RunCriteria(
            status=status,
            older_than=older_than,
            created_before=created_before,
            branch=branch,
            workflow=workflow,
            actor=actor,
        )
        criteria.check_cancel()
        return await self._act_on_runs(
            "cancel_runs",
            criteria,
            org=org,
            repos=repos,
            cancel=True,
            force=force,
            dry_run=dry_run,
            concurrency=concurrency,
            on_progress=on_progress,
            stop=stop,
        )

    # -- shared by the operations -------------------------------------------

    def _concurrency(self, concurrency: int | None) -> int:
        if concurrency is not None and concurrency < 1:
            raise ValueError(f"concurrency must be at least 1, got {concurrency}")
        return concurrency or self._client.max_concurrency

    async def _each_repository(
        self,
        operation: str,
        names: Sequence[str],
        list_one: Callable[[str, str], Awaitable[list[Any]]],
        plan_one: Callable[[str, list[Any]], Sequence[Work]],
        *,
        meter: RequestMeter,
        concurrency: int,
        dry_run: bool,
        stop: BulkStop | None,
        on_progress: ProgressHook | None,
    ) -> BulkReport:
        """List every repository concurrently; each one's plan runs as soon as it is made.

        A repository that cannot be listed does not stop the others: it comes
        back as a failed outcome of kind "repository", with its error; one a
        stop kept from being listed comes back ``not_started``.
        """

        # As many repositories listed at once as the client has requests in flight:
        # the first ones are planned (and their work begins) early, and a stop
        # keeps the rest from being listed at all.
        listing = anyio.CapacityLimiter(self._client.max_concurrency)

        async def plan(feed: PlanFeed) -> None:
            async def one(name: str) -> None:
                item = BulkItem(repo=name, kind="repository", id=0, name=name)
                owner, repo = name.split("/")
                async with listing:
                    if stop is not None and stop.stopped:
                        feed.settled([BulkOutcome(item, "not_started")])
                        return
                    try:
                        found = await list_one(owner, repo)
                    except GhActionsError as error:
                        feed.settled([BulkOutcome(item, "failed", error)])
                        return
                feed.add(plan_one(name, found))

            async with anyio.create_task_group() as tasks:
                for name in names:
                    tasks.start_soon(one, name)

        return await execute(
            operation,
            plan,
            concurrency=concurrency,
            dry_run=dry_run,
            stop=stop,
            on_progress=on_progress,
            meter=meter,
        )

    async def _list_caches(self, owner: str, repo: str) -> list[ActionsCache]:
        return await self._client.caches.list(owner, repo).collect()

    def _cache_work(self, full_name: str, deletion: CacheDeletion) -> Work:
        owner, repo = full_name.split("/")
        # Planned caches all have an id (the plan leaves the others alone).
        items = tuple(
            BulkItem(full_name, "cache", c.id or 0, c.key or "", c.size_in_bytes or 0)
            for c in deletion.caches
        )
        caches = self._client.caches
        if deletion.key is None:
            return _deletion(items, lambda: caches.delete(owner, repo, items[0].id))
        key = deletion.key

        async def by_key() -> WorkResult:
            try:
                deleted = await caches.delete_by_key(owner, repo, key, ref=deletion.ref)
            except NotFound:
                return nothing_done()
            gone = {c.id for c in deleted if c.id is not None}
            planned = {i.id for i in items}
            return WorkResult(done=frozenset(gone & planned), unplanned=len(gone - planned))

        return Work(items, by_key)

    async def _repositories(self, org: str | None, repos: Sequence[str] | None) -> list[str]:
        """``repos`` once each, or every repository of ``org`` that is not archived."""
        if org is None:
            return _once_each(repos)
        listed = await self._client.paginate(f"/orgs/{org}/repos").collect()
        return [r["full_name"] for r in listed if not r.get("archived")]

    def _artifact_work(self, full_name: str, artifact: Artifact) -> Work:
        owner, repo = full_name.split("/")
        item = BulkItem(full_name, "artifact", artifact.id, artifact.name, artifact.size_in_bytes)
        artifacts = self._client.artifacts
        return _deletion((item,), lambda: artifacts.delete(owner, repo, artifact.id))

    async def _act_on_runs(
        self,
        operation: str,
        criteria: RunCriteria,
        *,
        org: str | None,
        repos: Sequence[str] | None,
        cancel: bool,
        force: bool,
        dry_run: bool,
        concurrency: int | None,
        on_progress: ProgressHook | None,
        stop: BulkStop | None,
    ) -> BulkReport:
        """Plan the runs to delete or cancel in every repository, and act on them."""
        limit = self._concurrency(concurrency)
        _check_scope(org, repos)
        meter = RequestMeter(self._client)
        cutoff = criteria.cutoff(datetime.now(timezone.utc))
        names = await self._repositories(org, repos)

        async def list_one(owner: str, repo: str) -> list[WorkflowRun]:
            runs = self._client.runs
            return await plan_repository(runs, owner, repo, criteria, cutoff, cancel=cancel)

        def plan_one(name: str, runs: list[WorkflowRun]) -> list[Work]:
            if cancel:
                return [self._cancel_work(name, run, force=force) for run in runs]
            return [self._delete_run_work(name, run) for run in runs]

        return await self._each_repository(
            operation,
            names,
            list_one,
            plan_one,
            meter=meter,
            concurrency=limit,
            dry_run=dry_run,
            stop=stop,
            on_progress=on_progress,
        )

    def _delete_run_work(self, full_name: str, run: WorkflowRun) -> Work:
        owner, repo = full_name.split("/")
        item = BulkItem(full_name, "run", run.id, describe_run(run))
        runs = self._client.runs
        return _deletion((item,), lambda: runs.delete(owner, repo, run.id))

    def _cancel_work(self, full_name: str, run: WorkflowRun, *, force: bool) -> Work:
        """Cancel one run; a cancel whose answer was lost is sent again.

        The client never repeats a POST that may have reached GitHub, but a
        cancel is safe to repeat: the run is either still cancelling (GitHub
        accepts again) or completed (409). A 409 after such a doubtful
        attempt counts as ``done`` when the run ended cancelled, since that
        attempt most likely did it.
        """
        owner, repo = full_name.split("/")
        item = BulkItem(full_name, "run", run.id, describe_run(run))
        runs = self._client.runs
        send = runs.force_cancel if force else runs.cancel
        policy, clock = self._client._retry, self._client._clock

        async def cancel() -> WorkResult:
            doubtful = False
            attempt = 0
            while True:
                try:
                    await send(owner, repo, run.id)
                except NotFound:
                    return nothing_done()  # deleted meanwhile
                except Conflict:
                    if doubtful and await self._ended_cancelled(owner, repo, run.id):
                        return done_all((item,))
                    return nothing_done()  # it completed before the cancel arrived
                except (ServerError, TransportError) as error:
                    if attempt >= policy.max_retries:
                        raise
                    reached = not isinstance(error, TransportError) or error.request_sent
                    doubtful = doubtful or reached
                    await clock.sleep(policy.backoff(attempt, _JITTER))
                    attempt += 1
                    continue
                return done_all((item,))

        return Work((item,), cancel)

    async def _ended_cancelled(self, owner: str, repo: str, run_id: int) -> bool:
        try:
            found = await self._client.runs.get(owner, repo, run_id, exclude_pull_requests=True)
        except NotFound:
            return False
        return found.conclusion == "cancelled"


_JITTER = random.Random()


def _deletion(items: tuple[BulkItem, ...], delete: Callable[[], Awaitable[object]]) -> Work:
    """One delete request settling ``items``: done when it succeeds, already gone on a 404."""

    async def run() -> WorkResult:
        try:
            await delete()
        except NotFound:
            return nothing_done()
        return done_all(items)

    return Work(items, run)


def _check_scope(org: str | None, repos: Sequence[str] | None) -> None:
    """Called once every other argument is checked (``per_organization`` relies on it)."""
    if org is None and repos is None:
        raise ScopeMissing("give one of org, repos or orgs")
    if org is not None and repos is not None:
        raise ValueError("give either org or repos")
    for name in repos or ():
        owner, _, repo = name.partition("/")
        if not owner or not repo or "/" in repo:
            raise ValueError(f"repos must be 'owner/name', got {name!r}")
    if org is not None and (not org.strip() or "/" in org):
        raise ValueError(f"org must be an organization login, got {org!r}")


def _once_each(repos: Sequence[str] | None) -> list[str]:
    """``repos`` in their order, each once."""
    return list(dict.fromkeys(repos or ()))


def _describe(item: Any) -> str:
    text = str(item)
    return text if len(text) <= 80 else text[:77] + "..."

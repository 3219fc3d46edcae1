"""Bulk operations: clean up caches, artifacts and runs across many repositories.

Each operation plans first (listing repositories concurrently), then acts
with at most ``concurrency`` requests in flight, through the client's
governor, so it stays inside GitHub's limits. Every planned item ends in
exactly one outcome in the returned ``BulkReport``; one failure never stops
the rest; ``dry_run=True`` plans and reports without changing anything;
``stop=BulkStop()`` lets another thread or a signal handler end it early with
an exact report. ``on_progress`` is called with counts after planning and
after each item (on the client's event loop).
"""

from __future__ import annotations

import inspect
import time
from collections.abc import Awaitable, Callable, Sequence
from datetime import datetime, timedelta, timezone
from typing import TYPE_CHECKING, Any

import anyio
import anyio.to_thread

from .._bulk._caches import CacheCriteria, CacheDeletion, group_deletions
from .._bulk._engine import Work, WorkResult, done_all, execute, nothing_done
from .._bulk._report import BulkItem, BulkProgress, BulkReport, BulkStop
from .._errors import NotFound
from .._resource import AsyncResource

if TYPE_CHECKING:
    from ..models.caches import ActionsCache

ProgressHook = Callable[[BulkProgress], object]


class AsyncBulk(AsyncResource):
    """Concurrency-limited operations over many items or repositories."""

    async def prune_caches(
        self,
        *,
        org: str | None = None,
        repos: Sequence[str] | None = None,
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
        _check_scope(org, repos)
        started, sent = time.monotonic(), self._client._requests_sent
        if org is not None:
            usage = await self._client.caches.list_org_usage_by_repository(org).collect()
            names = [u.full_name for u in usage if u.active_caches_count]
        else:
            names = list(repos or ())
        listed = await self._list_each(names, self._list_caches)
        now = datetime.now(timezone.utc)
        works = [
            self._cache_work(name, deletion)
            for name, caches in listed.items()
            for deletion in group_deletions(caches, criteria.plan(caches, now))
        ]
        return await execute(
            "prune_caches",
            works,
            concurrency=self._concurrency(concurrency),
            dry_run=dry_run,
            stop=stop,
            on_progress=on_progress,
            started=started,
            requests=lambda: self._client._requests_sent - sent,
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
        started, sent = time.monotonic(), self._client._requests_sent
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
            [work(index, item) for index, item in enumerate(items)],
            concurrency=self._concurrency(concurrency),
            dry_run=False,
            stop=stop,
            on_progress=on_progress,
            started=started,
            requests=lambda: self._client._requests_sent - sent,
            catch=(Exception,),
        )

    # -- shared by the operations -------------------------------------------

    def _concurrency(self, concurrency: int | None) -> int:
        if concurrency is not None and concurrency < 1:
            raise ValueError(f"concurrency must be at least 1, got {concurrency}")
        return concurrency or self._client.max_concurrency

    async def _list_each(
        self, names: Sequence[str], list_one: Callable[[str, str], Awaitable[list[Any]]]
    ) -> dict[str, list[Any]]:
        """List every repository concurrently (the client's limits still apply)."""
        found: dict[str, list[Any]] = {}

        async def one(name: str) -> None:
            owner, repo = name.split("/")
            found[name] = await list_one(owner, repo)

        async with anyio.create_task_group() as tasks:
            for name in names:
                tasks.start_soon(one, name)
        return {name: found[name] for name in names}

    async def _list_caches(self, owner: str, repo: str) -> list[ActionsCache]:
        return await self._client.caches.list(owner, repo).collect()

    def _cache_work(self, full_name: str, deletion: CacheDeletion) -> Work:
        owner, repo = full_name.split("/")
        items = tuple(
            BulkItem(full_name, "cache", c.id, c.key, c.size_in_bytes) for c in deletion.caches
        )
        caches = self._client.caches

        async def by_id() -> WorkResult:
            try:
                await caches.delete(owner, repo, items[0].id)
            except NotFound:
                return nothing_done()
            return done_all(items)

        async def by_key() -> WorkResult:
            assert deletion.key is not None
            try:
                deleted = await caches.delete_by_key(owner, repo, deletion.key, ref=deletion.ref)
            except NotFound:
                return nothing_done()
            gone = {c.id for c in deleted}
            planned = {i.id for i in items}
            return WorkResult(done=frozenset(gone & planned), unplanned=len(gone - planned))

        return Work(items, by_key if deletion.key is not None else by_id)


def _check_scope(org: str | None, repos: Sequence[str] | None) -> None:
    if (org is None) == (repos is None):
        raise ValueError("give either org or repos")
    for name in repos or ():
        owner, _, repo = name.partition("/")
        if not owner or not repo or "/" in repo:
            raise ValueError(f"repos must be 'owner/name', got {name!r}")


def _describe(item: Any) -> str:
    text = str(item)
    return text if len(text) <= 80 else text[:77] + "..."

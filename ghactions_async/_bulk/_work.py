"""How each planned item is acted on: one request each, and what its answer settles.

A delete that finds nothing (404) means the item was already gone; a cache
key deleted at once settles every cache it removed; a cancel that may have
reached GitHub without an answer is sent again, since cancelling is safe
to repeat.
"""

from __future__ import annotations

import random
from collections.abc import Awaitable, Callable
from typing import TYPE_CHECKING

from .._errors import Conflict, NotFound, ServerError, TransportError
from ._caches import CacheDeletion
from ._engine import Work, WorkResult, done_all, nothing_done
from ._report import BulkItem
from ._runs import describe_run

if TYPE_CHECKING:
    from .._config import Clock
    from .._http._retry import RetryPolicy
    from ..models.artifacts import Artifact
    from ..models.runs import WorkflowRun
    from ..resources.artifacts import AsyncArtifacts
    from ..resources.caches import AsyncCaches
    from ..resources.runs import AsyncRuns

_JITTER = random.Random()


def deletion(items: tuple[BulkItem, ...], delete: Callable[[], Awaitable[object]]) -> Work:
    """One delete request settling ``items``: done when it succeeds, already gone on a 404."""

    async def run() -> WorkResult:
        try:
            await delete()
        except NotFound:
            return nothing_done()
        return done_all(items)

    return Work(items, run)


def cache_work(caches: AsyncCaches, full_name: str, planned: CacheDeletion) -> Work:
    """Delete one cache by id, or every cache of a key with one request."""
    owner, repo = full_name.split("/")
    # Planned caches all have an id (the plan leaves the others alone).
    items = tuple(
        BulkItem(full_name, "cache", c.id or 0, c.key or "", c.size_in_bytes or 0)
        for c in planned.caches
    )
    if planned.key is None:
        return deletion(items, lambda: caches.delete(owner, repo, items[0].id))
    key = planned.key

    async def by_key() -> WorkResult:
        try:
            deleted = await caches.delete_by_key(owner, repo, key, ref=planned.ref)
        except NotFound:
            return nothing_done()
        gone = {c.id for c in deleted if c.id is not None}
        ids = {i.id for i in items}
        return WorkResult(done=frozenset(gone & ids), unplanned=len(gone - ids))

    return Work(items, by_key)


def artifact_work(artifacts: AsyncArtifacts, full_name: str, artifact: Artifact) -> Work:
    """Delete one artifact; its size counts in ``bytes_freed`` when it goes."""
    owner, repo = full_name.split("/")
    item = BulkItem(full_name, "artifact", artifact.id, artifact.name, artifact.size_in_bytes)
    return deletion((item,), lambda: artifacts.delete(owner, repo, artifact.id))


def delete_run_work(runs: AsyncRuns, full_name: str, run: WorkflowRun) -> Work:
    """Delete one completed run, with its jobs, logs and artifacts."""
    owner, repo = full_name.split("/")
    item = BulkItem(full_name, "run", run.id, describe_run(run))
    return deletion((item,), lambda: runs.delete(owner, repo, run.id))


def cancel_work(
    runs: AsyncRuns,
    full_name: str,
    run: WorkflowRun,
    *,
    force: bool,
    policy: RetryPolicy,
    clock: Clock,
) -> Work:
    """Cancel one run; a cancel whose answer was lost is sent again.

    The client never repeats a POST that may have reached GitHub, but a
    cancel is safe to repeat: the run is either still cancelling (GitHub
    accepts again) or completed (409). A 409 after such a doubtful attempt
    counts as ``done`` when the run ended cancelled, since that attempt most
    likely did it.
    """
    owner, repo = full_name.split("/")
    item = BulkItem(full_name, "run", run.id, describe_run(run))
    send = runs.force_cancel if force else runs.cancel

    async def ended_cancelled() -> bool:
        try:
            found = await runs.get(owner, repo, run.id, exclude_pull_requests=True)
        except NotFound:
            return False
        return found.conclusion == "cancelled"

    async def cancel() -> WorkResult:
        doubtful = False
        attempt = 0
        while True:
            try:
                await send(owner, repo, run.id)
            except NotFound as error:
                if error.hint is not None:
                    raise  # the server lacks the operation itself: the run is still there
                return nothing_done()  # deleted meanwhile
            except Conflict:
                if doubtful and await ended_cancelled():
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

"""Running planned work: concurrently, within limits, every item accounted for.

A bulk operation plans ``Work``: each is one request's worth (a delete by id
settles one item, a delete by key may settle several). Each repository is
planned whole, from its complete listing, before any of its work starts; its
work then starts at once, while other repositories are still being listed,
so the planned count grows until the last repository is planned. A listing
that fails outside any repository (an organization's) raises its own typed
error before anything changes. The engine runs the work with at most
``concurrency`` requests in flight on top of the client's governor, and turns
each work into outcomes:

- the request succeeded: its items are ``done`` (or ``already_gone`` when the
  work says so, e.g. a delete-by-key that found fewer caches than planned);
- it raised a GitHub or transport error: its items ``failed``, with the
  error; one failure never stops the rest;
- ``dry_run``: every item ``skipped`` and nothing sent;
- ``stop`` was set: items not yet started end ``not_started``, and the
  report comes back as usual.
"""

from __future__ import annotations

import math
import time
from collections.abc import Awaitable, Callable, Sequence
from typing import TYPE_CHECKING, Any

import anyio
from attrs import evolve, field, frozen

from .._errors import GhActionsError
from ._report import BulkItem, BulkOutcome, BulkProgress, BulkReport, BulkStop, Outcome

if TYPE_CHECKING:
    from anyio.streams.memory import MemoryObjectReceiveStream, MemoryObjectSendStream

    from .._http._requester import Requester

ProgressHook = Callable[[BulkProgress], object]


@frozen
class WorkResult:
    """What one request achieved: the ids it settled as done, the rest were already gone."""

    done: frozenset[int]
    results: dict[int, Any] = field(factory=dict)
    unplanned: int = 0


@frozen
class Work:
    """One request's worth of a bulk operation: the items it settles, and how."""

    items: tuple[BulkItem, ...]
    run: Callable[[], Awaitable[WorkResult]]


def done_all(items: Sequence[BulkItem]) -> WorkResult:
    """Every item of the work done (the common case)."""
    return WorkResult(done=frozenset(i.id for i in items))


def nothing_done() -> WorkResult:
    """Every item of the work was already gone."""
    return WorkResult(done=frozenset())


class _Tally:
    def __init__(self, hook: ProgressHook | None) -> None:
        self.progress = BulkProgress(planned=0)
        self.hook = hook

    def plan(self, count: int) -> None:
        self.progress = evolve(self.progress, planned=self.progress.planned + count)
        self.report()

    def add(self, outcomes: Sequence[BulkOutcome]) -> None:
        counts = {name: getattr(self.progress, name) for name in _OUTCOME_FIELDS}
        for outcome in outcomes:
            counts[outcome.outcome] += 1
        self.progress = BulkProgress(planned=self.progress.planned, **counts)
        self.report()

    def report(self) -> None:
        if self.hook is not None:
            self.hook(self.progress)


_OUTCOME_FIELDS: tuple[Outcome, ...] = ("done", "already_gone", "failed", "skipped", "not_started")


class RequestMeter:
    """How long an operation has run and how many requests its client sent meanwhile."""

    def __init__(self, requester: Requester) -> None:
        self._requester = requester
        self._started = time.monotonic()
        self._sent = requester.requests_sent

    @property
    def elapsed(self) -> float:
        return time.monotonic() - self._started

    @property
    def requests(self) -> int:
        return self._requester.requests_sent - self._sent


class PlanFeed:
    """Where planning hands over work while the engine already runs what came before."""

    def __init__(
        self,
        send: MemoryObjectSendStream[Work],
        tally: _Tally,
        settle: Callable[[Sequence[BulkOutcome]], None],
        *,
        dry_run: bool,
    ) -> None:
        self._send = send
        self._tally = tally
        self._settle = settle
        self._dry_run = dry_run

    def add(self, works: Sequence[Work]) -> None:
        """Planned work, one repository's whole plan at a time: it starts at once."""
        count = sum(len(work.items) for work in works)
        if not count:
            return
        self._tally.plan(count)
        if self._dry_run:
            self._settle([BulkOutcome(item, "skipped") for work in works for item in work.items])
            return
        for work in works:
            self._send.send_nowait(work)

    def settled(self, outcomes: Sequence[BulkOutcome]) -> None:
        """What planning itself decided: a repository that could not be listed
        (failed), or one a stop kept from being listed (not started)."""
        if outcomes:
            self._tally.plan(len(outcomes))
            self._settle(outcomes)


Planner = Callable[[PlanFeed], Awaitable[None]]


def planned(works: Sequence[Work]) -> Planner:
    """A plan made in full beforehand (``map``)."""

    async def plan(feed: PlanFeed) -> None:
        feed.add(works)

    return plan


async def execute(
    operation: str,
    plan: Planner,
    *,
    concurrency: int,
    dry_run: bool,
    stop: BulkStop | None,
    on_progress: ProgressHook | None,
    meter: RequestMeter,
    catch: tuple[type[Exception], ...] = (GhActionsError,),
) -> BulkReport:
    """Run a bulk operation while ``plan`` feeds it, and build its report.

    ``concurrency`` workers take the work in the order it was planned; a
    repository's deletes start as soon as that repository is planned, while
    others are still being listed. ``meter`` was started before planning, so
    the report counts the listing too.
    """
    tally = _Tally(on_progress)
    outcomes: list[BulkOutcome] = []
    unplanned = 0

    def settle(new: Sequence[BulkOutcome]) -> None:
        outcomes.extend(new)
        tally.add(new)

    async def one(work: Work) -> None:
        nonlocal unplanned
        if stop is not None and stop.stopped:
            settle([BulkOutcome(item, "not_started") for item in work.items])
            return
        try:
            result = await work.run()
        except catch as error:
            settle([BulkOutcome(item, "failed", error) for item in work.items])
            return
        unplanned += result.unplanned
        settle(
            [
                BulkOutcome(
                    item,
                    "done" if item.id in result.done else "already_gone",
                    result=result.results.get(item.id),
                )
                for item in work.items
            ]
        )

    async def worker(queue: MemoryObjectReceiveStream[Work]) -> None:
        async with queue:
            async for work in queue:
                await one(work)

    async def planning(feed: PlanFeed, send: MemoryObjectSendStream[Work]) -> None:
        async with send:  # closing it lets the workers finish once the queue is empty
            await plan(feed)
        if not tally.progress.planned:
            tally.report()  # nothing planned: still one report, with zeros

    send, receive = anyio.create_memory_object_stream[Work](math.inf)
    feed = PlanFeed(send, tally, settle, dry_run=dry_run)
    # ``concurrency`` workers rather than a task per work behind a limiter:
    # thousands of waiting tasks cost time before the first request goes out.
    async with anyio.create_task_group() as tasks, receive:
        tasks.start_soon(planning, feed, send)
        if not dry_run:
            for _ in range(concurrency):
                tasks.start_soon(worker, receive.clone())
    return BulkReport(
        operation=operation,
        dry_run=dry_run,
        outcomes=tuple(outcomes),
        elapsed=meter.elapsed,
        requests=meter.requests,
        unplanned_deleted=unplanned,
    )

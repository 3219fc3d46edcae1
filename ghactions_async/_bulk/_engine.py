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
  report comes back as usual;
- the call was cancelled (or failed): nothing new starts, the requests in
  flight finish (shielded, for at most the client's request timeout) so that
  their outcomes are known, the rest ends ``not_started``, and the exception
  goes on with the exact report as its ``report``.

Either way the report is also left on ``stop.report``.
"""

from __future__ import annotations

import functools
import math
import time
from collections.abc import Awaitable, Callable, Sequence
from typing import TYPE_CHECKING, Any

import anyio
from attrs import evolve, field, frozen

from .._config import Timeout
from .._errors import GhActionsError, RequestTimeout
from ._report import (
    BulkItem,
    BulkOutcome,
    BulkProgress,
    BulkReport,
    BulkStop,
    Outcome,
    keep,
)

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
        hook = self.hook
        if hook is None:
            return
        try:
            hook(self.progress)
        except BaseException:
            self.hook = None  # it ends the call: once, not again for each item in flight
            raise


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
        execution: _Execution,
        *,
        dry_run: bool,
    ) -> None:
        self._send = send
        self._execution = execution
        self._dry_run = dry_run

    def add(self, works: Sequence[Work]) -> None:
        """Planned work, one repository's whole plan at a time: it starts at once."""
        count = sum(len(work.items) for work in works)
        if not count:
            return
        self._execution.tally.plan(count)
        if self._dry_run:
            self._execution.settle(
                [BulkOutcome(item, "skipped") for work in works for item in work.items]
            )
            return
        for work in works:
            self._execution.waiting[id(work)] = work
            self._send.send_nowait(work)

    def settled(self, outcomes: Sequence[BulkOutcome]) -> None:
        """What planning itself decided: a repository that could not be listed
        (failed), or one a stop kept from being listed (not started)."""
        if outcomes:
            self._execution.tally.plan(len(outcomes))
            self._execution.settle(outcomes)


Planner = Callable[[PlanFeed], Awaitable[None]]


def planned(works: Sequence[Work]) -> Planner:
    """A plan made in full beforehand (``map``)."""

    async def plan(feed: PlanFeed) -> None:
        feed.add(works)

    return plan


class _Execution:
    """One run of the engine: the outcomes so far, the work not yet taken, what is in flight.

    Once the run is cancelled (or a task of it fails) nothing new starts, and
    each request in flight may take ``grace`` seconds more to finish, shielded
    from the cancellation, so that its outcome is known; one still unanswered
    then ends ``failed`` with a ``RequestTimeout``. Work never taken ends
    ``not_started``.
    """

    def __init__(
        self,
        *,
        stop: BulkStop | None,
        on_progress: ProgressHook | None,
        grace: float,
        catch: tuple[type[Exception], ...],
    ) -> None:
        self.tally = _Tally(on_progress)
        self.outcomes: list[BulkOutcome] = []
        self.unplanned = 0
        self.waiting: dict[int, Work] = {}  # planned and queued, by id(), in planned order
        self._stop = stop
        self._grace = grace
        self._catch = catch
        self._flights: set[anyio.CancelScope] = set()
        self._ending = False

    def settle(self, new: Sequence[BulkOutcome]) -> None:
        self.outcomes.extend(new)
        self.tally.add(new)

    def _end(self) -> None:
        """Cancelled: start nothing more, and give what is in flight ``grace`` seconds."""
        self._ending = True
        deadline = anyio.current_time() + self._grace
        for flight in self._flights:
            flight.deadline = min(flight.deadline, deadline)

    async def run(self, plan: Planner, *, concurrency: int, dry_run: bool) -> None:
        send, receive = anyio.create_memory_object_stream[Work](math.inf)
        feed = PlanFeed(send, self, dry_run=dry_run)
        busy = 1 if dry_run else 1 + concurrency  # planning, then the workers
        # ``concurrency`` workers rather than a task per work behind a limiter:
        # thousands of waiting tasks cost time before the first request goes out.
        async with anyio.create_task_group() as tasks, receive:

            async def until_done(job: Callable[[], Awaitable[None]]) -> None:
                nonlocal busy
                await job()
                busy -= 1
                if not busy:
                    tasks.cancel_scope.cancel()  # all done: let the watch go too

            tasks.start_soon(self._watch)
            tasks.start_soon(until_done, lambda: self._planning(plan, feed, send))
            if not dry_run:
                for _ in range(concurrency):
                    tasks.start_soon(until_done, functools.partial(self._worker, receive.clone()))

    async def _watch(self) -> None:
        """Sleeps until the run's tasks are cancelled, whether by the caller or by a failure."""
        try:
            await anyio.sleep_forever()
        finally:
            self._end()

    async def _planning(
        self, plan: Planner, feed: PlanFeed, send: MemoryObjectSendStream[Work]
    ) -> None:
        async with send:  # closing it lets the workers finish once the queue is empty
            await plan(feed)
        if not self.tally.progress.planned:
            self.tally.report()  # nothing planned: still one report, with zeros

    async def _worker(self, queue: MemoryObjectReceiveStream[Work]) -> None:
        async with queue:
            async for work in queue:
                await self._one(work)

    async def _one(self, work: Work) -> None:
        del self.waiting[id(work)]
        if self._ending or (self._stop is not None and self._stop.stopped):
            self.settle([BulkOutcome(item, "not_started") for item in work.items])
            return
        with anyio.CancelScope(shield=True) as flight:
            self._flights.add(flight)
            try:
                result = await work.run()
            except self._catch as error:
                self.settle([BulkOutcome(item, "failed", error) for item in work.items])
                return
            except Exception as error:  # not ours to catch: it ends the run, items kept
                self.settle([BulkOutcome(item, "failed", error) for item in work.items])
                raise
            finally:
                self._flights.discard(flight)
        if flight.cancelled_caught:
            lost = RequestTimeout(
                f"no answer within {self._grace:g}s of the operation being cancelled; "
                "it may or may not have been done"
            )
            self.settle([BulkOutcome(item, "failed", lost) for item in work.items])
            return
        self.unplanned += result.unplanned
        self.settle(
            [
                BulkOutcome(
                    item,
                    "done" if item.id in result.done else "already_gone",
                    result=result.results.get(item.id),
                )
                for item in work.items
            ]
        )

    def report(self, operation: str, *, dry_run: bool, meter: RequestMeter) -> BulkReport:
        """The report as things stand; work never taken is ``not_started``."""
        self.outcomes += [
            BulkOutcome(item, "not_started")
            for work in self.waiting.values()
            for item in work.items
        ]
        self.waiting.clear()
        return BulkReport(
            operation=operation,
            dry_run=dry_run,
            outcomes=tuple(self.outcomes),
            elapsed=meter.elapsed,
            requests=meter.requests,
            unplanned_deleted=self.unplanned,
        )


DEFAULT_GRACE = 30.0
"""Seconds requests in flight get after a cancellation when the client has no total timeout."""


def grace_of(timeout: Timeout) -> float:
    """How long requests in flight may take to finish once a bulk call is cancelled:
    the client's request timeout, so that nothing waits without a bound."""
    return timeout.total if timeout.total is not None else DEFAULT_GRACE


async def execute(
    operation: str,
    plan: Planner,
    *,
    concurrency: int,
    dry_run: bool,
    stop: BulkStop | None,
    on_progress: ProgressHook | None,
    meter: RequestMeter,
    grace: float,
    catch: tuple[type[Exception], ...] = (GhActionsError,),
) -> BulkReport:
    """Run a bulk operation while ``plan`` feeds it, and build its report.

    ``concurrency`` workers take the work in the order it was planned; a
    repository's deletes start as soon as that repository is planned, while
    others are still being listed. ``meter`` was started before planning, so
    the report counts the listing too. However the run ends, its exact
    report is left on ``stop`` and, when it raises, on the exception (see
    ``_Execution`` for cancellation).
    """
    execution = _Execution(stop=stop, on_progress=on_progress, grace=grace, catch=catch)
    try:
        await execution.run(plan, concurrency=concurrency, dry_run=dry_run)
    except BaseException as error:
        raised = sole_error(error)
        keep(execution.report(operation, dry_run=dry_run, meter=meter), stop, raised)
        if raised is error:
            raise
        raise raised from None
    report = execution.report(operation, dry_run=dry_run, meter=meter)
    keep(report, stop)
    return report


def sole_error(error: BaseException) -> BaseException:
    """The one error a task group wrapped (a failing ``on_progress``, say), else ``error``.

    Raising it as is lets callers catch what their own code raised.
    """
    cancelled = anyio.get_cancelled_exc_class()
    leaves: list[BaseException] = []
    pending = [error]
    while pending:
        current = pending.pop()
        inner = getattr(current, "exceptions", None)  # an ExceptionGroup (3.10: the backport)
        if isinstance(inner, tuple):
            pending.extend(inner)
        elif not isinstance(current, cancelled):
            leaves.append(current)
    return leaves[0] if len(leaves) == 1 and leaves[0] is not error else error

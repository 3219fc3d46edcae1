"""Running planned work: concurrently, within limits, every item accounted for.

A bulk operation plans ``Work`` first: each is one request's worth (a delete
by id settles one item, a delete by key may settle several). Planning ends
before anything changes, so the planned count is final from the first
progress report, and a listing that fails outside any repository raises its
own typed error. The engine then runs the plan with at most ``concurrency``
requests in flight on top of the client's governor, and turns each work into
outcomes:

- the request succeeded: its items are ``done`` (or ``already_gone`` when the
  work says so, e.g. a delete-by-key that found fewer caches than planned);
- it raised a GitHub or transport error: its items ``failed``, with the
  error; one failure never stops the rest;
- ``dry_run``: every item ``skipped`` and nothing sent;
- ``stop`` was set: items not yet started end ``not_started``, and the
  report comes back as usual.
"""

from __future__ import annotations

import time
from collections.abc import Awaitable, Callable, Sequence
from typing import TYPE_CHECKING, Any

import anyio
from attrs import evolve, field, frozen

from .._errors import GhActionsError
from ._report import BulkItem, BulkOutcome, BulkProgress, BulkReport, BulkStop, Outcome

if TYPE_CHECKING:
    from .._client import AsyncGitHubActions

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

    def __init__(self, client: AsyncGitHubActions) -> None:
        self._client = client
        self._started = time.monotonic()
        self._sent = client._requests_sent

    @property
    def elapsed(self) -> float:
        return time.monotonic() - self._started

    @property
    def requests(self) -> int:
        return self._client._requests_sent - self._sent


async def execute(
    operation: str,
    works: Sequence[Work],
    *,
    unlisted: Sequence[BulkOutcome] = (),
    concurrency: int,
    dry_run: bool,
    stop: BulkStop | None,
    on_progress: ProgressHook | None,
    meter: RequestMeter,
    catch: tuple[type[Exception], ...] = (GhActionsError,),
) -> BulkReport:
    """Run a planned bulk operation and build its report.

    ``unlisted`` is what could not even be planned (a repository that could
    not be listed): failed outcomes, reported first, so nothing is lost
    silently. ``meter`` was started before planning, so the report counts
    the listing too.
    """
    tally = _Tally(on_progress)
    outcomes: list[BulkOutcome] = []
    unplanned = 0
    queue = iter(works)  # shared by the workers: each takes the next work when it is free

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

    async def worker() -> None:
        for work in queue:
            await one(work)

    if unlisted:
        tally.plan(len(unlisted))
        settle(unlisted)
    tally.plan(sum(len(work.items) for work in works))
    if dry_run:
        settle([BulkOutcome(item, "skipped") for work in works for item in work.items])
    else:
        # ``concurrency`` workers rather than a task per work behind a limiter:
        # thousands of waiting tasks cost time before the first request goes out.
        async with anyio.create_task_group() as tasks:
            for _ in range(min(concurrency, len(works))):
                tasks.start_soon(worker)
    return BulkReport(
        operation=operation,
        dry_run=dry_run,
        outcomes=tuple(outcomes),
        elapsed=meter.elapsed,
        requests=meter.requests,
        unplanned_deleted=unplanned,
    )

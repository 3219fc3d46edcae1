"""Running planned work: concurrently, within limits, every item accounted for.

A bulk operation plans ``Work``: each is one request's worth (a delete by id
settles one item, a delete by key may settle several). The engine starts
each part of the plan as soon as it is known, with at most ``concurrency``
requests in flight on top of the client's governor, and turns each into
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
from typing import Any

import anyio
from attrs import evolve, field, frozen

from .._errors import GhActionsError
from ._report import BulkItem, BulkOutcome, BulkProgress, BulkReport, BulkStop, Outcome

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


def done_all(items: Sequence[BulkItem], result: Any = None) -> WorkResult:
    """Every item of the work done (the common case)."""
    return WorkResult(
        done=frozenset(i.id for i in items),
        results={} if result is None else {i.id: result for i in items},
    )


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

Submit = Callable[[Sequence[Work]], None]
Fail = Callable[[Sequence[BulkOutcome]], None]
Plan = Callable[[Submit, Fail], Awaitable[None]]


async def execute(
    operation: str,
    plan: Plan,
    *,
    concurrency: int,
    dry_run: bool,
    stop: BulkStop | None,
    on_progress: ProgressHook | None,
    started: float,
    requests: Callable[[], int],
    catch: tuple[type[Exception], ...] = (GhActionsError,),
) -> BulkReport:
    """Plan and run a bulk operation, and build its report.

    ``plan(submit, fail)`` lists and decides; it hands each part of the plan
    to ``submit`` as soon as it is known (one repository's deletions while
    others are still being listed), and what it could not even plan (a
    repository it could not list) to ``fail``, so nothing is lost silently.
    ``requests`` says how many requests the operation has sent so far.
    """
    tally = _Tally(on_progress)
    outcomes: list[BulkOutcome] = []
    unplanned = 0
    limiter = anyio.CapacityLimiter(concurrency)

    def settle(new: Sequence[BulkOutcome]) -> None:
        outcomes.extend(new)
        tally.add(new)

    async def one(work: Work) -> None:
        nonlocal unplanned
        async with limiter:
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

    async with anyio.create_task_group() as tasks:

        def submit(works: Sequence[Work]) -> None:
            tally.plan(sum(len(work.items) for work in works))
            if dry_run:
                settle([BulkOutcome(item, "skipped") for work in works for item in work.items])
                return
            for work in works:
                tasks.start_soon(one, work)

        def fail(failed: Sequence[BulkOutcome]) -> None:
            if failed:
                tally.plan(len(failed))
                settle(failed)

        await plan(submit, fail)
    return BulkReport(
        operation=operation,
        dry_run=dry_run,
        outcomes=tuple(outcomes),
        elapsed=time.monotonic() - started,
        requests=requests(),
        unplanned_deleted=unplanned,
    )

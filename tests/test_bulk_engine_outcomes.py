"""The bulk engine's report, field by field: which outcome, error and result each item gets."""

from __future__ import annotations

from collections.abc import Sequence
from functools import partial

import anyio
import pytest

from ghactions_async import BulkProgress, BulkStop, NotFound, RequestTimeout, Timeout
from ghactions_async._bulk._engine import (
    DEFAULT_GRACE,
    PlanFeed,
    Planner,
    RequestMeter,
    Work,
    WorkResult,
    done_all,
    execute,
    grace_of,
    nothing_done,
    planned,
)
from ghactions_async._bulk._report import BulkItem, BulkOutcome, BulkReport


class FixedMeter(RequestMeter):
    """A meter that always reads the same: the report must carry what it says."""

    def __init__(self) -> None:
        pass

    @property
    def elapsed(self) -> float:
        return 2.5

    @property
    def requests(self) -> int:
        return 7


def item(number: int, repo: str = "o/a") -> BulkItem:
    return BulkItem(repo=repo, kind="cache", id=number, name=f"k{number}", size_in_bytes=number)


def work(*numbers: int, result: WorkResult | None = None, error: Exception | None = None) -> Work:
    items = tuple(item(n) for n in numbers)

    async def run() -> WorkResult:
        if error is not None:
            raise error
        return result if result is not None else done_all(items)

    return Work(items, run)


async def execute_plan(
    plan: Planner,
    *,
    dry_run: bool = False,
    stop: BulkStop | None = None,
    concurrency: int = 2,
    catch: tuple[type[Exception], ...] | None = None,
    grace: float = 30.0,
) -> tuple[BulkReport, list[BulkProgress]]:
    seen: list[BulkProgress] = []
    extra = {} if catch is None else {"catch": catch}
    report = await execute(
        "prune",
        plan,
        concurrency=concurrency,
        dry_run=dry_run,
        stop=stop,
        on_progress=seen.append,
        meter=FixedMeter(),
        grace=grace,
        **extra,
    )
    return report, seen


def by_id(report: BulkReport) -> dict[int, BulkOutcome]:
    return {o.item.id: o for o in report.outcomes}


async def test_the_report_carries_the_operation_and_the_meters_readings() -> None:
    report, _ = await execute_plan(planned([work(1)]))
    assert (report.operation, report.dry_run, report.elapsed, report.requests) == (
        "prune",
        False,
        2.5,
        7,
    )
    assert report.unplanned_deleted == 0
    dry, _ = await execute_plan(planned([work(1)]), dry_run=True)
    assert (dry.operation, dry.dry_run, dry.elapsed, dry.requests) == ("prune", True, 2.5, 7)


async def test_items_a_work_did_not_settle_were_already_gone() -> None:
    result = WorkResult(done=frozenset({1, 3}), results={1: "one", 3: "three"})
    report, seen = await execute_plan(planned([work(1, 2, 3, result=result)]))
    outcomes = by_id(report)
    assert [(o.item, o.outcome) for o in report.outcomes] == [
        (item(1), "done"),
        (item(2), "already_gone"),
        (item(3), "done"),
    ]
    assert (outcomes[1].result, outcomes[2].result, outcomes[3].result) == ("one", None, "three")
    assert all(o.error is None for o in report.outcomes)
    assert seen[-1] == BulkProgress(planned=3, done=2, already_gone=1)


async def test_nothing_done_means_every_item_already_gone() -> None:
    report, _ = await execute_plan(planned([work(4, 5, result=nothing_done())]))
    assert [(o.item, o.outcome) for o in report.outcomes] == [
        (item(4), "already_gone"),
        (item(5), "already_gone"),
    ]
    assert nothing_done() == WorkResult(done=frozenset())


async def test_unplanned_deletions_add_up_across_works() -> None:
    works = [
        work(1, result=WorkResult(done=frozenset({1}), unplanned=2)),
        work(2, result=WorkResult(done=frozenset({2}), unplanned=3)),
        work(3),
    ]
    report, _ = await execute_plan(planned(works), concurrency=1)
    assert report.unplanned_deleted == 5


async def test_a_failed_work_fails_each_of_its_items_with_its_error() -> None:
    error = NotFound("Not Found", status=404)
    report, seen = await execute_plan(planned([work(1, 2, error=error), work(3)]))
    outcomes = by_id(report)
    assert [(o.item, o.outcome) for o in report.outcomes if o.outcome == "failed"] == [
        (item(1), "failed"),
        (item(2), "failed"),
    ]
    assert outcomes[1].error is error
    assert outcomes[2].error is error
    assert (outcomes[3].outcome, outcomes[3].error) == ("done", None)
    assert seen[-1] == BulkProgress(planned=3, done=1, failed=2)


async def test_what_is_caught_is_the_callers_choice() -> None:
    error = KeyError("k")
    report, _ = await execute_plan(planned([work(1, error=error)]), catch=(KeyError,))
    assert report.outcomes[0].error is error
    stop = BulkStop()
    uncaught = ValueError("not caught")
    # Raised as it is, not wrapped in a group, with the report as it stands.
    with pytest.raises(ValueError, match=r"^not caught$") as caught:
        await execute_plan(planned([work(1, error=uncaught), work(2)]), stop=stop, concurrency=1)
    assert caught.value is uncaught
    kept = stop.report
    assert kept is not None
    assert [(o.item, o.outcome) for o in kept.outcomes if o.item.id == 2] == [
        (item(2), "not_started")
    ]
    assert (kept.operation, kept.dry_run) == ("prune", False)
    assert getattr(caught.value, "report", None) is kept


async def test_an_uncaught_error_leaves_every_item_in_the_report() -> None:
    stop = BulkStop()
    plan = planned([work(1, error=ValueError("not caught")), work(2), work(3)])
    with pytest.raises(ValueError, match=r"^not caught$") as caught:
        await execute_plan(plan, stop=stop, concurrency=1)
    assert stop.report is not None
    assert sorted(o.item.id for o in stop.report.outcomes) == [1, 2, 3]
    [failed] = [o for o in stop.report.outcomes if o.outcome == "failed"]
    assert (failed.item.id, failed.error) == (1, caught.value)


async def test_a_dry_run_skips_each_item_in_planned_order() -> None:
    report, seen = await execute_plan(planned([work(3, 1), work(2)]), dry_run=True)
    assert [(o.item, o.outcome) for o in report.outcomes] == [
        (item(3), "skipped"),
        (item(1), "skipped"),
        (item(2), "skipped"),
    ]
    assert seen == [BulkProgress(planned=3), BulkProgress(planned=3, skipped=3)]


async def test_a_stop_leaves_each_item_not_yet_started_as_not_started() -> None:
    stop = BulkStop()

    async def first() -> WorkResult:
        stop.stop()
        return done_all([item(1)])

    plan = planned([Work((item(1),), first), work(2, 3), work(4)])
    report, seen = await execute_plan(plan, stop=stop, concurrency=1)
    assert [(o.item, o.outcome) for o in report.outcomes] == [
        (item(1), "done"),
        (item(2), "not_started"),
        (item(3), "not_started"),
        (item(4), "not_started"),
    ]
    assert seen[-1] == BulkProgress(planned=4, done=1, not_started=3)


async def test_what_planning_settles_is_counted_as_planned() -> None:
    unlisted = BulkOutcome(
        BulkItem(repo="o/x", kind="repository", id=0, name="o/x"),
        "failed",
        NotFound("no", status=404),
    )

    async def plan(feed: PlanFeed) -> None:
        feed.settled([])
        feed.settled([unlisted])
        feed.add([work(1)])

    report, seen = await execute_plan(plan)
    assert report.outcomes[0] is unlisted
    assert seen[:2] == [BulkProgress(planned=1), BulkProgress(planned=1, failed=1)]
    assert seen[-1] == BulkProgress(planned=2, done=1, failed=1)


async def test_at_most_concurrency_works_run_at_once() -> None:
    running = peak = 0

    def slow(number: int) -> Work:
        async def run() -> WorkResult:
            nonlocal running, peak
            running += 1
            peak = max(peak, running)
            await anyio.sleep(0.001)
            running -= 1
            return done_all([item(number)])

        return Work((item(number),), run)

    report, _ = await execute_plan(planned([slow(n) for n in range(12)]), concurrency=3)
    assert (report.done, peak) == (12, 3)


async def test_a_report_that_comes_back_is_left_on_the_stop_too() -> None:
    stop = BulkStop()
    report, _ = await execute_plan(planned([work(1)]), stop=stop)
    assert stop.report is report


async def test_work_still_unanswered_after_the_grace_fails_saying_so() -> None:
    started = anyio.Event()

    async def never_answers() -> WorkResult:
        started.set()
        await anyio.sleep_forever()
        raise AssertionError("unreachable")

    stop = BulkStop()
    plan = planned([Work((item(1),), never_answers), work(2)])
    async with anyio.create_task_group() as tasks:
        tasks.start_soon(partial(execute_plan, plan, stop=stop, concurrency=1, grace=0.05))
        await started.wait()
        tasks.cancel_scope.cancel()
    report = stop.report
    assert report is not None
    assert [(o.item, o.outcome) for o in report.outcomes] == [
        (item(1), "failed"),
        (item(2), "not_started"),
    ]
    error = report.outcomes[0].error
    assert isinstance(error, RequestTimeout)
    assert error.message == (
        "no answer within 0.05s of the operation being cancelled; it may or may not have been done"
    )


def test_the_grace_is_the_clients_total_timeout_or_half_a_minute() -> None:
    assert grace_of(Timeout(total=12.5)) == 12.5
    assert grace_of(Timeout(total=None)) == DEFAULT_GRACE == 30.0


def test_done_all_settles_every_item() -> None:
    items: Sequence[BulkItem] = [item(1), item(2)]
    assert done_all(items) == WorkResult(done=frozenset({1, 2}))
    assert done_all(items).unplanned == 0

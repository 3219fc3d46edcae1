"""The bulk engine on its own: work starts while planning goes on, every item accounted for."""

from __future__ import annotations

import asyncio
from collections.abc import Sequence
from typing import Any

import anyio
import pytest

from ghactions_async import AsyncGitHubActions, BulkProgress, BulkStop, NotFound, RequestTimeout
from ghactions_async._bulk._engine import (
    PlanFeed,
    RequestMeter,
    Work,
    WorkResult,
    done_all,
    execute,
)
from ghactions_async._bulk._report import BulkItem, BulkOutcome, BulkReport


def item(repo: str, number: int) -> BulkItem:
    return BulkItem(repo=repo, kind="cache", id=number, name=f"{repo}-{number}")


def work(
    repo: str, number: int, *, ran: list[str] | None = None, error: Exception | None = None
) -> Work:
    items = (item(repo, number),)

    async def run() -> WorkResult:
        if ran is not None:
            ran.append(f"{repo}-{number}")
        if error is not None:
            raise error
        return done_all(items)

    return Work(items, run)


async def run_plan(
    plan: Any, *, concurrency: int = 4, dry_run: bool = False, stop: BulkStop | None = None
) -> tuple[Any, list[BulkProgress]]:
    seen: list[BulkProgress] = []
    async with AsyncGitHubActions("t0ken") as gh:  # only its request counter is read
        report = await execute(
            "test",
            plan,
            concurrency=concurrency,
            dry_run=dry_run,
            stop=stop,
            on_progress=seen.append,
            meter=RequestMeter(gh._requester),
            grace=5.0,
        )
    return report, seen


async def test_a_repositorys_work_starts_while_others_are_still_being_planned() -> None:
    """The plan of repository b waits for a's first delete: a plan-everything-first
    engine would never get there (the test would time out instead)."""
    a_started = anyio.Event()

    async def plan(feed: PlanFeed) -> None:
        started = work("o/a", 1)

        async def first() -> WorkResult:
            a_started.set()
            return await started.run()

        feed.add([Work(started.items, first), work("o/a", 2)])
        await a_started.wait()
        feed.add([work("o/b", 3)])

    with anyio.fail_after(5):
        report, seen = await run_plan(plan)
    assert report.done == report.planned == 3
    assert seen[0] == BulkProgress(planned=2)
    assert any(p.planned == 2 and p.done for p in seen)  # done before b was planned
    assert seen[-1] == BulkProgress(planned=3, done=3)


async def test_every_item_ends_in_one_outcome_whatever_the_order_of_planning() -> None:
    ran: list[str] = []
    item_failed = BulkOutcome(item("o/x", 0), "failed", NotFound("gone", status=404))

    async def plan(feed: PlanFeed) -> None:
        async def repository(name: str, numbers: Sequence[int]) -> None:
            await anyio.sleep(0.001 * len(numbers))
            feed.add([work(name, n, ran=ran) for n in numbers])

        async with anyio.create_task_group() as tasks:
            tasks.start_soon(repository, "o/a", range(1, 40))
            tasks.start_soon(repository, "o/b", range(40, 45))
            feed.settled([item_failed])
            feed.add([work("o/c", 99, ran=ran, error=NotFound("no", status=404))])

    report, seen = await run_plan(plan, concurrency=3)
    assert report.planned == 46
    assert len({(o.item.repo, o.item.id) for o in report.outcomes}) == 46
    assert (report.done, report.failed) == (44, 2)
    assert sorted(ran) == sorted({f"o/a-{n}" for n in range(1, 40)} | {"o/b-40", "o/b-41",
        "o/b-42", "o/b-43", "o/b-44", "o/c-99"})  # fmt: skip
    assert seen[-1].finished == seen[-1].planned == 46


async def test_a_dry_run_skips_everything_and_sends_nothing() -> None:
    ran: list[str] = []

    async def plan(feed: PlanFeed) -> None:
        feed.add([work("o/a", n, ran=ran) for n in range(1, 6)])

    report, seen = await run_plan(plan, dry_run=True)
    assert (report.planned, report.skipped, ran) == (5, 5, [])
    assert seen[-1] == BulkProgress(planned=5, skipped=5)


@pytest.mark.parametrize("dry_run", [False, True])
async def test_nothing_planned_still_reports_once(dry_run: bool) -> None:
    async def plan(feed: PlanFeed) -> None:
        feed.add([])

    report, seen = await run_plan(plan, dry_run=dry_run)
    assert report.planned == 0
    assert seen == [BulkProgress(planned=0)]


async def test_a_stop_during_planning_leaves_later_work_not_started() -> None:
    stop = BulkStop()

    async def plan(feed: PlanFeed) -> None:
        feed.add([work("o/a", 1)])
        await anyio.sleep(0.05)
        stop.stop()
        feed.add([work("o/b", n) for n in range(2, 7)])

    report, _ = await run_plan(plan, stop=stop)
    assert (report.planned, report.done, report.not_started) == (6, 1, 5)


async def test_a_cancelled_run_waits_for_work_in_flight_at_most_its_grace() -> None:
    """Work in flight is shielded from the cancellation but not forever: one that never
    answers fails with RequestTimeout after ``grace``; work never taken is not started."""
    started = anyio.Event()

    async def never_answers() -> WorkResult:
        started.set()
        await anyio.sleep_forever()
        raise AssertionError("unreachable")

    async def plan(feed: PlanFeed) -> None:
        feed.add([Work((item("o/a", 1),), never_answers), *(work("o/a", n) for n in range(2, 6))])

    stop = BulkStop()
    async with AsyncGitHubActions("t0ken") as gh:
        task = asyncio.create_task(
            execute(
                "test",
                plan,
                concurrency=1,
                dry_run=False,
                stop=stop,
                on_progress=None,
                meter=RequestMeter(gh._requester),
                grace=0.05,
            )
        )
        await started.wait()
        task.cancel()
        with anyio.fail_after(10), pytest.raises(asyncio.CancelledError) as raised:
            await task  # without the grace, this would wait forever

    report = getattr(raised.value, "report", None)
    assert isinstance(report, BulkReport)
    assert stop.report is report
    assert [o.outcome for o in report.outcomes] == ["failed"] + ["not_started"] * 4
    assert isinstance(report.outcomes[0].error, RequestTimeout)

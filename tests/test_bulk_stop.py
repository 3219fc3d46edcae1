"""However a bulk call ends, its exact report survives: on ``stop.report`` and on the exception.

The fake deletes on a request's arrival and answers ``latency`` later, so a
cancellation that dropped the requests in flight would report fewer deletes
than the fake made: each test compares the report with the fake's state.
"""

from __future__ import annotations

import asyncio
from datetime import timedelta

import pytest

from ghactions_async import AsyncGitHubActions, BulkProgress, BulkReport, BulkStop
from ghactions_async.testing import FakeGitHub, days_ago

from .conftest import eventually

APP = "octo/app"
STALE = timedelta(days=7)


def deletes(fake: FakeGitHub) -> int:
    return sum(1 for r in list(fake.stats.log) if r.method == "DELETE")


def stale_caches(fake: FakeGitHub, repo: str, count: int) -> None:
    for index in range(count):
        fake.add_cache(repo, key=f"k{index}", last_accessed_at=days_ago(30))


def left(fake: FakeGitHub, *repos: str) -> set[int]:
    return {c.id for repo in repos for c in fake.caches(repo)}


def report_of(error: BaseException) -> BulkReport:
    """The report a bulk call left on the exception that ended it."""
    report = getattr(error, "report", None)
    assert isinstance(report, BulkReport), f"no report on {error!r}"
    return report


def assert_exact(report: BulkReport, fake: FakeGitHub, planned: int, *repos: str) -> None:
    """The report says what the fake did: deleted what is gone, not started what is left."""
    remaining = left(fake, *repos)
    assert report.planned == planned
    assert report.done == planned - len(remaining)
    assert report.failed == report.already_gone == 0
    assert report.done + report.not_started == report.planned
    caches = [o for o in report.outcomes if o.item.kind == "cache"]
    assert {o.item.id for o in caches if o.outcome == "not_started"} == remaining


async def test_cancelling_a_prune_keeps_the_exact_record(fake: FakeGitHub) -> None:
    stale_caches(fake, APP, 200)
    fake.latency = 0.02
    stop = BulkStop()
    async with AsyncGitHubActions(fake.token, base_url=fake.url) as gh:
        task = asyncio.create_task(
            gh.bulk.prune_caches(repos=[APP], older_than=STALE, concurrency=4, stop=stop)
        )
        await eventually(lambda: deletes(fake) >= 8)
        task.cancel()
        with pytest.raises(asyncio.CancelledError) as raised:
            await task

    report = report_of(raised.value)
    assert stop.report is report
    assert_exact(report, fake, 200, APP)
    assert 8 <= report.done < 200


async def test_cancelling_a_prune_across_organizations_keeps_the_exact_record(
    fake: FakeGitHub,
) -> None:
    repos = [f"{org}/r{n}" for org in ("octo", "acme") for n in range(3)]
    for repo in repos:
        stale_caches(fake, repo, 30)
    fake.latency = 0.02
    stop = BulkStop()
    async with AsyncGitHubActions(fake.token, base_url=fake.url) as gh:
        task = asyncio.create_task(
            gh.bulk.prune_caches(orgs=["octo", "acme"], older_than=STALE, concurrency=2, stop=stop)
        )
        await eventually(lambda: deletes(fake) >= 8)
        task.cancel()
        with pytest.raises(asyncio.CancelledError) as raised:
            await task

    report = report_of(raised.value)
    assert stop.report is report
    assert report.operation == "prune_caches"
    items = [o for o in report.outcomes if o.item.kind == "cache"]
    assert {o.item.id for o in items if o.outcome == "done"}.isdisjoint(left(fake, *repos))
    assert len([o for o in items if o.outcome == "done"]) == 180 - len(left(fake, *repos))
    assert report.done == 180 - len(left(fake, *repos))
    assert report.done >= 8
    not_listed = [o for o in report.outcomes if o.item.kind in ("repository", "organization")]
    assert all(o.outcome == "not_started" for o in not_listed)
    assert report.planned == report.done + report.not_started


async def test_cancelling_while_the_organization_is_listed_leaves_an_empty_report(
    fake: FakeGitHub,
) -> None:
    stale_caches(fake, APP, 3)
    fake.latency = 0.5
    stop = BulkStop()
    async with AsyncGitHubActions(fake.token, base_url=fake.url) as gh:
        task = asyncio.create_task(gh.bulk.prune_caches(org="octo", older_than=STALE, stop=stop))
        await eventually(lambda: fake.stats.requests >= 1)
        task.cancel()
        with pytest.raises(asyncio.CancelledError) as raised:
            await task

    report = report_of(raised.value)
    assert stop.report is report
    assert (report.planned, report.done) == (0, 0)
    assert len(fake.caches(APP)) == 3


async def test_an_error_of_on_progress_ends_the_call_with_the_exact_report(
    fake: FakeGitHub,
) -> None:
    stale_caches(fake, APP, 100)
    fake.latency = 0.01
    stop = BulkStop()

    class Enough(Exception):
        pass

    def give_up(progress: BulkProgress) -> None:
        if progress.done >= 10:
            raise Enough

    async with AsyncGitHubActions(fake.token, base_url=fake.url) as gh:
        with pytest.raises(Enough) as raised:  # itself, not wrapped in an ExceptionGroup
            await gh.bulk.prune_caches(
                repos=[APP], older_than=STALE, concurrency=4, on_progress=give_up, stop=stop
            )

    report = report_of(raised.value)
    assert stop.report is report
    assert_exact(report, fake, 100, APP)


async def test_the_report_is_on_the_stop_after_a_return_and_after_a_stop(
    gh: AsyncGitHubActions, fake: FakeGitHub
) -> None:
    stale_caches(fake, APP, 40)
    fake.latency = 0.005
    stop = BulkStop()

    def stop_after_ten(progress: BulkProgress) -> None:
        if progress.done >= 10:
            stop.stop()

    stopped = await gh.bulk.prune_caches(
        repos=[APP], older_than=STALE, concurrency=2, on_progress=stop_after_ten, stop=stop
    )
    assert stop.report == stopped
    assert_exact(stopped, fake, 40, APP)

    again = BulkStop()
    finished = await gh.bulk.prune_caches(repos=[APP], older_than=STALE, stop=again)
    assert again.report == finished
    assert finished.done == 40 - stopped.done
    assert left(fake, APP) == set()

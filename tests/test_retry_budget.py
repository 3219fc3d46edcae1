"""Retries cost what they must: soon when failures are scattered, few when they are widespread."""

from __future__ import annotations

import asyncio
import itertools
import random
from collections.abc import Iterator
from typing import Any

import pytest
from aioresponses import CallbackResult, aioresponses

from ghactions_async import (
    AsyncGitHubActions,
    RetryBudget,
    RetryPolicy,
    ServerError,
    TransportError,
)
from ghactions_async.testing import FakeClock, FakeGitHub, Faults

from .conftest import OFFLINE_TOKEN

API = "https://api.github.com"
USAGE = f"{API}/repos/octo/app/actions/cache/usage"
OK = {"full_name": "octo/app", "active_caches_count": 1, "active_caches_size_in_bytes": 2}


@pytest.fixture
def mocked() -> Iterator[aioresponses]:
    with aioresponses() as mock:
        yield mock


class Extremes(random.Random):
    """Jitter pinned at one end of its range."""

    def __init__(self, at: float) -> None:
        super().__init__()
        self.at = at

    def uniform(self, a: float, b: float) -> float:
        return a + (b - a) * self.at


@pytest.mark.parametrize("at", [0.0, 1.0])
def test_the_first_retry_goes_soon_and_each_later_one_waits_twice_as_long(at: float) -> None:
    policy = RetryPolicy()
    delays = [policy.backoff(n, Extremes(at)) for n in range(5)]
    low = [0.015, 0.03, 0.06, 0.12, 0.24]
    assert delays == pytest.approx([d * (1 + at) for d in low])
    capped = RetryPolicy(backoff_base=1.0, backoff_max=4.0)
    assert capped.backoff(10, Extremes(1.0)) == 4.0
    assert capped.backoff(10, Extremes(0.0)) == 2.0


async def test_scattered_failures_cost_tenths_of_a_second(mocked: aioresponses) -> None:
    clock = FakeClock()
    mocked.get(USAGE, status=502)
    mocked.get(USAGE, status=503)
    mocked.get(USAGE, payload=OK)
    async with AsyncGitHubActions(OFFLINE_TOKEN, clock=clock) as gh:
        await gh.caches.get_usage("octo", "app")
    assert len(clock.sleeps) == 2
    assert 0.015 <= clock.sleeps[0] <= 0.03
    assert 0.03 <= clock.sleeps[1] <= 0.06


def outage(failures: int) -> Any:
    """Answer 502 to the first ``failures`` requests, then as GitHub does."""
    seen: list[int] = []

    def answer(url: Any, **kwargs: Any) -> CallbackResult:
        seen.append(1)
        if len(seen) <= failures:
            return CallbackResult(status=502, payload={"message": "Server Error"})
        return CallbackResult(payload=OK)

    answer.seen = seen  # type: ignore[attr-defined]
    return answer


async def test_a_spent_budget_makes_every_request_wait_while_one_probes(
    mocked: aioresponses,
) -> None:
    clock = FakeClock()
    answer = outage(failures=12)
    mocked.get(USAGE, callback=answer, repeat=True)
    policy = RetryPolicy(max_retries=2, budget=RetryBudget(capacity=2, refill=0.0))
    async with AsyncGitHubActions(OFFLINE_TOKEN, clock=clock, retry=policy) as gh:
        found = await asyncio.gather(*(gh.caches.get_usage("octo", "app") for _ in range(5)))
    # Five first attempts, two retries from the budget, then one probe at a time:
    # with max_retries=2 every request would have failed, had waiting cost retries.
    assert all(u.active_caches_count == 1 for u in found)
    assert len(answer.seen) == 12 + 5
    probes = [s for s in clock.sleeps if s >= 0.25 * 0.75]
    assert probes[0] == pytest.approx(0.25)
    assert all(b >= a * 0.75 for a, b in itertools.pairwise(probes))
    assert 2.0 * 0.75 <= max(probes) <= 2.0  # at most PROBE_MAX apart, jittered


async def test_an_outage_longer_than_max_wait_ends_in_the_last_error(
    mocked: aioresponses,
) -> None:
    clock = FakeClock()
    mocked.get(USAGE, callback=outage(failures=10_000), repeat=True)
    policy = RetryPolicy(max_wait=10.0, budget=RetryBudget(capacity=1, refill=0.0))
    async with AsyncGitHubActions(OFFLINE_TOKEN, clock=clock, retry=policy) as gh:
        with pytest.raises(ServerError) as caught:
            await gh.caches.get_usage("octo", "app")
    assert caught.value.status == 502
    assert len(caught.value.history) > 3  # each probe was an attempt, none cost a retry
    assert sum(clock.sleeps) <= 10.0


async def test_a_request_that_only_waited_gives_up_with_a_transport_error(
    mocked: aioresponses,
) -> None:
    clock = FakeClock()
    mocked.get(USAGE, callback=outage(failures=10_000), repeat=True)
    # A first probe only after 0.25 s: a request that may wait 0.2 s never sends one.
    policy = RetryPolicy(max_wait=0.2, budget=RetryBudget(capacity=1, refill=0.0))
    async with AsyncGitHubActions(OFFLINE_TOKEN, clock=clock, retry=policy) as gh:
        with pytest.raises(ServerError):
            await gh.caches.get_usage("octo", "app")  # spends the budget: an outage begins
        with pytest.raises(TransportError, match="GitHub kept failing") as caught:
            await gh.caches.get_usage("octo", "app")
    assert caught.value.request_sent is False


async def test_answered_requests_refill_the_budget(mocked: aioresponses) -> None:
    clock = FakeClock()
    # One failure every fifth request: a budget of one token refilled by 0.25 a success
    # never runs dry, so no request ever waits for a probe.
    seen: list[int] = []

    def every_fifth(url: Any, **kwargs: Any) -> CallbackResult:
        seen.append(1)
        if len(seen) % 5 == 0:
            return CallbackResult(status=502, payload={"message": "x"})
        return CallbackResult(payload=OK)

    mocked.get(USAGE, callback=every_fifth, repeat=True)
    policy = RetryPolicy(budget=RetryBudget(capacity=1, refill=0.25))
    async with AsyncGitHubActions(OFFLINE_TOKEN, clock=clock, retry=policy) as gh:
        for _ in range(40):
            await gh.caches.get_usage("octo", "app")
    assert all(s < 0.25 * 0.75 for s in clock.sleeps)  # backoffs only, never a probe wait


async def test_a_real_outage_loses_nothing_and_sends_few_requests() -> None:
    async with FakeGitHub(latency=0.005) as fake:
        for index in range(60):
            fake.add_cache("octo/app", key=f"k{index}")
        ids = [c.id for c in fake.caches("octo/app")]
        fake.faults = Faults(outage_after=20, outage_seconds=1.0)
        async with AsyncGitHubActions(fake.token, base_url=fake.url, max_concurrency=10) as gh:

            async def delete(cache_id: int) -> None:
                await gh.caches.delete("octo", "app", cache_id)

            report = await gh.bulk.map(delete, ids)
    assert (report.done, report.failed) == (60, 0)
    assert fake.caches("octo/app") == []
    # One attempt per item would have sent every remaining delete into the outage.
    assert fake.stats.errors_injected <= 40

"""Every rate-limit pause ends: capped at max_wait, then one request probes for the rest."""

from __future__ import annotations

import asyncio
from collections.abc import Iterator
from datetime import datetime, timedelta, timezone
from email.utils import format_datetime
from typing import Any

import pytest
from aioresponses import CallbackResult, aioresponses

from ghactions_async import (
    AsyncGitHubActions,
    RateLimitExceeded,
    RateLimits,
    SecondaryRateLimitExceeded,
)
from ghactions_async.testing import FakeClock

API = "https://api.github.com"
USAGE = f"{API}/repos/octo/app/actions/cache/usage"
OK = {"full_name": "octo/app", "active_caches_count": 1, "active_caches_size_in_bytes": 2}
NOW = datetime(2030, 1, 1, tzinfo=timezone.utc)


@pytest.fixture
def mocked() -> Iterator[aioresponses]:
    with aioresponses() as mock:
        yield mock


def client(clock: FakeClock, **options: Any) -> AsyncGitHubActions:
    limits = RateLimits(max_wait=300, adaptive=False)
    return AsyncGitHubActions("t", clock=clock, limits=limits, **options)


@pytest.mark.parametrize(
    ("headers", "error"),
    [
        ({"retry-after": "1e9"}, SecondaryRateLimitExceeded),
        ({"x-ratelimit-remaining": "0"}, RateLimitExceeded),  # spent, and no reset given
        ({"x-ratelimit-remaining": "0", "x-ratelimit-reset": "99999999999"}, RateLimitExceeded),
    ],
)
async def test_a_pause_longer_than_max_wait_ends_at_max_wait(
    mocked: aioresponses, headers: dict[str, str], error: type[Exception]
) -> None:
    clock = FakeClock(start=NOW)
    mocked.get(USAGE, status=429, payload={"message": "slow down"}, headers=headers)
    mocked.get(USAGE, payload=OK)
    async with client(clock) as gh:
        with pytest.raises(error):
            await gh.caches.get_usage("octo", "app")  # too long to wait for: this one raises
        usage = await gh.caches.get_usage("octo", "app")  # the next waits, then is sent
    assert usage.active_caches_count == 1
    assert clock.sleeps == [300.0]


async def test_after_a_pause_one_request_goes_first_and_the_rest_follow_its_answer(
    mocked: aioresponses,
) -> None:
    clock = FakeClock(start=NOW)
    events: list[str] = []
    first = True

    async def answer(url: Any, **kwargs: Any) -> CallbackResult:
        nonlocal first
        if first:
            first = False
            return CallbackResult(
                status=429, payload={"message": "x"}, headers={"retry-after": "10"}
            )
        events.append("sent")
        await asyncio.sleep(0.01)  # a moment on the wire, in real time
        events.append("answered")
        return CallbackResult(payload=OK)

    mocked.get(USAGE, callback=answer, repeat=True)
    async with client(clock, retry=0) as gh:
        with pytest.raises(SecondaryRateLimitExceeded):
            await gh.caches.get_usage("octo", "app")
        await asyncio.gather(*(gh.caches.get_usage("octo", "app") for _ in range(5)))
    # The probe alone, answered; then the four others together.
    assert events == ["sent", "answered"] + ["sent"] * 4 + ["answered"] * 4
    assert clock.sleeps == [10.0]  # the pause, waited out once (the fake clock moves for all)


async def test_a_probe_that_is_limited_again_starts_a_new_pause(mocked: aioresponses) -> None:
    clock = FakeClock(start=NOW)
    limited = {"status": 429, "payload": {"message": "x"}, "headers": {"retry-after": "20"}}
    mocked.get(USAGE, **limited)
    mocked.get(USAGE, **limited)
    mocked.get(USAGE, payload=OK)
    async with client(clock, retry=0) as gh:
        with pytest.raises(SecondaryRateLimitExceeded):
            await gh.caches.get_usage("octo", "app")
        with pytest.raises(SecondaryRateLimitExceeded):
            await gh.caches.get_usage("octo", "app")  # the probe, limited again
        await gh.caches.get_usage("octo", "app")
    assert clock.sleeps == [20.0, 20.0]


async def test_a_request_waits_at_most_max_wait_for_pauses_in_all(mocked: aioresponses) -> None:
    clock = FakeClock(start=NOW)
    gh = client(clock, retry=0)
    mocked.get(USAGE, status=429, payload={"message": "x"}, headers={"retry-after": "200"})
    async with gh:
        with pytest.raises(SecondaryRateLimitExceeded):
            await gh.caches.get_usage("octo", "app")
        governor = gh._requester.governor
        assert governor is not None
        # While one request waits, another answer asks for 200 s more: 400 s in all is
        # over max_wait, so the waiting request gives up with an error of its own.
        waiting = asyncio.ensure_future(gh.caches.get_usage("octo", "app"))
        await asyncio.sleep(0)
        governor._pause.begin(200 + 200, "secondary", status=429, message="x")
        with pytest.raises(SecondaryRateLimitExceeded, match="still paused after waiting") as e:
            await waiting
    assert e.value.status == 429


async def test_a_retry_after_date_is_honoured(mocked: aioresponses) -> None:
    clock = FakeClock(start=NOW)
    sent = NOW
    headers = {
        "retry-after": format_datetime(sent + timedelta(seconds=45), usegmt=True),
        "date": format_datetime(sent, usegmt=True),
    }
    mocked.get(USAGE, status=403, payload={"message": "secondary rate limit"}, headers=headers)
    mocked.get(USAGE, payload=OK)
    async with client(clock) as gh:
        await gh.caches.get_usage("octo", "app")
    assert clock.sleeps == [45.0]  # not the 60 s floor for a secondary limit without a time

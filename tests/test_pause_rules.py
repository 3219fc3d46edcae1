"""Pauses, with exact times: how long every request waits after a limit answer, who goes
first after it, and what a request that would wait too long raises (``_pause.py``).

``Pause`` on its own, then through a ``Governor`` with a stand-in transport and a FakeClock
(test_pauses_end.py has the scenarios through a client).
"""

from __future__ import annotations

import anyio
import pytest

from ghactions_async import RateLimits, RateLimitWait, SecondaryRateLimitExceeded
from ghactions_async._http._types import Request, Response
from ghactions_async.testing import FakeClock

from ._governing import (
    Server,
    answer,
    clock_at_start,
    governor,
    primary_refusal,
    request,
    secondary,
    together,
)

# -- through the governor: secondary limits --------------------------------------------


async def test_a_secondary_limit_pauses_for_retry_after() -> None:
    clock = FakeClock()
    waits: list[RateLimitWait] = []
    gate = governor(clock, RateLimits(points_per_minute=None), on_wait=waits.append)
    server = Server(clock, secondary("12.5"))
    await gate(request(), server)
    await gate(request("GET", "GET /x"), server)
    assert server.sent == [0.0, 12.5]
    assert clock.sleeps == [12.5]
    assert waits == [RateLimitWait(reason="secondary", seconds=12.5, route="GET /x")]
    assert (gate.limit_answers, gate.waits) == (1, 1)


async def test_a_secondary_limit_without_retry_after_pauses_for_the_floor() -> None:
    clock = FakeClock()
    gate = governor(clock, RateLimits(points_per_minute=None, secondary_floor=7.0))
    server = Server(clock, secondary(None))
    await gate(request(), server)
    await gate(request(), server)
    assert server.sent == [0.0, 7.0]


async def test_a_secondary_limit_of_retry_after_zero_does_not_pause() -> None:
    clock = FakeClock()
    gate = governor(clock, RateLimits(points_per_minute=None))
    server = Server(clock, secondary("0"))
    await gate(request(), server)
    await gate(request(), server)
    assert server.sent == [0.0, 0.0]


async def test_a_shorter_pause_does_not_shorten_a_longer_one() -> None:
    clock = FakeClock()
    gate = governor(clock, RateLimits(points_per_minute=None))
    await together(gate, secondary("30"), secondary("10"))
    await gate(request(), server := Server(clock))
    assert server.sent == [30.0]


async def test_a_longer_pause_extends_a_shorter_one() -> None:
    clock = clock_at_start()
    waits: list[RateLimitWait] = []
    gate = governor(clock, RateLimits(points_per_minute=None), on_wait=waits.append)
    await together(gate, secondary("10"), primary_refusal(clock, 40))
    await gate(request("GET", "G"), server := Server(clock))
    assert server.sent == [41.0]
    assert waits == [RateLimitWait(reason="primary", seconds=41.0, route="G")]


async def test_without_pause_on_limits_a_limit_only_counts() -> None:
    clock = FakeClock()
    gate = governor(clock, RateLimits(points_per_minute=None, pause_on_limits=False))
    server = Server(clock, secondary("30"), primary_refusal(clock, 30))
    for _ in range(3):
        await gate(request(), server)
    assert server.sent == [0.0, 0.0, 0.0]
    assert gate.limit_answers == 2
    assert gate.throttle_state().paused_until is None


async def test_a_pause_asked_longer_than_max_wait_lasts_max_wait() -> None:
    clock = FakeClock()
    waits: list[RateLimitWait] = []
    gate = governor(clock, RateLimits(points_per_minute=None, max_wait=30.0), on_wait=waits.append)
    server = Server(clock, secondary("31"))
    await gate(request(), server)
    await gate(request("GET", "G"), server)
    assert server.sent == [0.0, 30.0]
    assert waits == [RateLimitWait(reason="secondary", seconds=30.0, route="G")]


async def test_a_request_that_would_wait_past_max_wait_raises_a_limit_error_of_its_own() -> None:
    clock = clock_at_start()
    gate = governor(clock, RateLimits(points_per_minute=None, max_wait=30.0))
    held = anyio.Event()
    sent: list[tuple[str, float]] = []

    async def call_next(req: Request) -> Response:
        sent.append((req.method, clock.monotonic()))
        if len(sent) == 1:
            return secondary("30")
        await held.wait()  # the probe, sent when the pause ends
        return secondary("25")

    async def refused() -> None:
        with pytest.raises(SecondaryRateLimitExceeded) as caught:
            await gate(request("PUT", "P"), call_next)
        # It waited the pause out, then for the probe, which drew another pause.
        error = caught.value
        assert error.message == (
            "rate limited (secondary); still paused after waiting 30s of at most 30s: "
            "You have exceeded a secondary rate limit."
        )
        assert (error.status, error.retry_after, error.reset_at) == (403, 25.0, None)

    await gate(request(), call_next)
    async with anyio.create_task_group() as tasks:
        # The PUT sleeps through the pause; the GET, coming back first, is the probe.
        tasks.start_soon(refused)
        tasks.start_soon(gate, request("GET", "G"), call_next)
        await anyio.wait_all_tasks_blocked()
        held.set()
    assert sent == [("DELETE", 0.0), ("GET", 30.0)]


async def test_a_pause_of_exactly_max_wait_is_waited() -> None:
    clock = FakeClock()
    gate = governor(clock, RateLimits(points_per_minute=None, max_wait=30.0))
    server = Server(clock, secondary("30"))
    await gate(request(), server)
    await gate(request(), server)
    assert server.sent == [0.0, 30.0]


async def test_a_request_waiting_for_a_slot_honours_a_pause_that_began_meanwhile() -> None:
    clock = FakeClock()
    gate = governor(clock, RateLimits(points_per_minute=None), max_concurrency=1)
    release = anyio.Event()
    sent: list[tuple[str, float]] = []

    async def call_next(req: Request) -> Response:
        sent.append((req.method, clock.monotonic()))
        if req.method == "DELETE":
            await release.wait()
            return secondary("20")
        return answer()

    async with anyio.create_task_group() as tasks:
        tasks.start_soon(gate, request("DELETE"), call_next)
        await anyio.wait_all_tasks_blocked()
        tasks.start_soon(gate, request("GET", "G"), call_next)
        await anyio.wait_all_tasks_blocked()
        assert gate.in_flight == 1
        release.set()
    assert sent == [("DELETE", 0.0), ("GET", 20.0)]
    assert gate.in_flight == 0

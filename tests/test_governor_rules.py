"""The governor's rules, one at a time, with exact times: the primary budget, AIMD, state.

``Governor(...)`` is called with a stand-in ``call_next`` and a FakeClock, so every
send time and every wait is asserted to the second; test_governor.py has the
scenarios against FakeGitHub.
"""

from __future__ import annotations

import logging
from datetime import datetime, timedelta, timezone
from typing import Any

import anyio
import anyio.lowlevel
import pytest

from ghactions_async import (
    RateLimitExceeded,
    RateLimits,
    RateLimitState,
    RateLimitWait,
    ThrottleState,
)
from ghactions_async._http._governor import Governor
from ghactions_async._http._types import Request, Response
from ghactions_async._options import ClientOptions
from ghactions_async.testing import FakeClock

from ._governing import (
    START,
    Server,
    answer,
    at,
    clock_at_start,
    governor,
    primary_headers,
    primary_refusal,
    request,
    secondary,
    through,
    together,
)

# -- RateLimits --------------------------------------------------------------------


def test_the_published_limits_are_the_defaults() -> None:
    limits = RateLimits()
    assert (
        limits.points_per_minute,
        limits.read_cost,
        limits.write_cost,
        limits.window,
        limits.margin,
        limits.follow_primary,
        limits.pause_on_limits,
        limits.secondary_floor,
        limits.adaptive,
        limits.max_wait,
    ) == (900, 1, 5, 60.0, 1.0, True, True, 60.0, True, 900.0)


def test_the_presets() -> None:
    assert RateLimits.preset("github.com") == RateLimits()
    assert RateLimits.preset("ghes") == RateLimits(points_per_minute=None)
    assert RateLimits.preset("unlimited") == RateLimits(
        points_per_minute=None, follow_primary=False, pause_on_limits=False, adaptive=False
    )


def test_client_options_follow_the_base_url_or_take_what_they_are_given() -> None:
    custom = RateLimits(write_cost=2)
    assert ClientOptions(limits=custom).limits is custom
    assert ClientOptions().limits == RateLimits()
    assert ClientOptions(base_url="https://api.octo.ghe.com").limits == RateLimits()
    ghes = ClientOptions(base_url="https://ghe.example/api/v3")
    assert ghes.limits == RateLimits.preset("ghes")
    assert ClientOptions(limits="unlimited").limits == RateLimits.preset("unlimited")
    assert ClientOptions(base_url="https://ghe.example/api/v3", limits="github.com").limits == (
        RateLimits()
    )


def test_other_limits_are_refused_with_what_is_taken() -> None:
    with pytest.raises(
        ValueError,
        match=r"^limits must be 'github.com', 'ghes', 'unlimited' or a RateLimits, got 'fast'$",
    ):
        ClientOptions(limits="fast")  # type: ignore[arg-type]
    with pytest.raises(TypeError, match=r"^limits must be a preset name or a RateLimits, got 5$"):
        ClientOptions(limits=5)  # type: ignore[arg-type]


@pytest.mark.parametrize("value", [0, -1])
def test_a_points_budget_must_be_positive(value: int) -> None:
    with pytest.raises(ValueError, match=f"^points_per_minute must be positive, got {value}$"):
        RateLimits(points_per_minute=value)


def test_the_smallest_budget_and_none_are_accepted() -> None:
    assert RateLimits(points_per_minute=1).points_per_minute == 1
    assert RateLimits(points_per_minute=None).points_per_minute is None


@pytest.mark.parametrize(
    "changes",
    [
        {"window": 0},
        {"read_cost": -1},
        {"write_cost": -1},
        {"margin": -0.5},
        {"secondary_floor": -1},
        {"max_wait": -1},
    ],
)
def test_other_settings_are_checked(changes: dict[str, float]) -> None:
    with pytest.raises(ValueError, match=next(iter(changes))):
        RateLimits(**changes)  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("method", "cost"),
    [("GET", 2), ("HEAD", 2), ("OPTIONS", 2), ("POST", 7), ("PUT", 7), ("PATCH", 7), ("DELETE", 7)],
)
def test_reads_and_writes_cost_what_the_limits_say(method: str, cost: int) -> None:
    assert RateLimits(read_cost=2, write_cost=7).cost(method) == cost


# -- RateLimitState ----------------------------------------------------------------


def test_the_primary_state_is_read_from_the_headers() -> None:
    headers = {
        "x-ratelimit-limit": "5000",
        "x-ratelimit-remaining": "4990",
        "x-ratelimit-reset": "1893456000",
        "x-ratelimit-used": "10",
        "x-ratelimit-resource": "core",
    }
    assert RateLimitState.from_headers(headers) == RateLimitState(
        limit=5000,
        remaining=4990,
        reset_at=datetime.fromtimestamp(1893456000, tz=timezone.utc),
        used=10,
        resource="core",
    )


def test_used_and_resource_are_optional() -> None:
    base = {
        "x-ratelimit-limit": "60",
        "x-ratelimit-remaining": "0",
        "x-ratelimit-reset": "1893456000",
    }
    state = RateLimitState.from_headers(base)
    assert state is not None
    assert (state.limit, state.remaining, state.used, state.resource) == (60, 0, None, None)
    odd = RateLimitState.from_headers({**base, "x-ratelimit-used": "-3"})
    assert odd is not None
    assert odd.used is None
    empty = RateLimitState.from_headers({**base, "x-ratelimit-used": ""})
    assert empty is not None
    assert empty.used is None


@pytest.mark.parametrize(
    "drop_or_spoil",
    [
        {"x-ratelimit-limit": None},
        {"x-ratelimit-remaining": None},
        {"x-ratelimit-reset": None},
        {"x-ratelimit-limit": "many"},
        {"x-ratelimit-remaining": "1.5"},
        {"x-ratelimit-reset": "soon"},
    ],
)
def test_incomplete_primary_headers_give_no_state(drop_or_spoil: dict[str, str | None]) -> None:
    headers = {
        "x-ratelimit-limit": "60",
        "x-ratelimit-remaining": "5",
        "x-ratelimit-reset": "1893456000",
    }
    for name, value in drop_or_spoil.items():
        if value is None:
            del headers[name]
        else:
            headers[name] = value
    assert RateLimitState.from_headers(headers) is None


# -- pauses: the primary budget --------------------------------------------------------


async def test_a_primary_refusal_pauses_until_a_second_after_the_reset() -> None:
    clock = clock_at_start()
    waits: list[RateLimitWait] = []
    gate = governor(clock, on_wait=waits.append)
    server = Server(clock, primary_refusal(clock, 30))
    await gate(request(), server)
    await gate(request("GET", "G"), server)
    assert server.sent == [0.0, 31.0]
    assert waits == [RateLimitWait(reason="primary", seconds=31.0, route="G")]


async def test_a_primary_refusal_without_a_reset_pauses_max_wait() -> None:
    clock = clock_at_start()
    gate = governor(clock, RateLimits(max_wait=45.0))
    server = Server(clock, primary_refusal(clock, None))
    await gate(request(), server)
    await gate(request(), server)
    assert server.sent == [0.0, 45.0]


async def test_a_spent_budget_pauses_until_a_second_after_its_reset() -> None:
    clock = clock_at_start()
    waits: list[RateLimitWait] = []
    gate = governor(clock, on_wait=waits.append)
    server = Server(clock, answer(200, primary_headers(clock, remaining=0, reset_in=30)))
    await gate(request("GET", "G"), server)
    await gate(request("GET", "G"), server)
    assert server.sent == [0.0, 31.0]
    assert waits == [RateLimitWait(reason="primary", seconds=31.0, route="G")]


async def test_the_remaining_budget_is_spent_before_pausing() -> None:
    clock = clock_at_start()
    gate = governor(clock)
    server = Server(
        clock,
        *(answer(200, primary_headers(clock, remaining=n, reset_in=30)) for n in (2, 1, 0)),
    )
    for _ in range(4):
        await gate(request("GET", "G"), server)
    # 2, then 1 remain: those go now; after "0 remain" the fourth waits for the reset.
    assert server.sent == [0.0, 0.0, 0.0, 31.0]


async def test_a_spent_budget_resetting_now_pauses_one_second() -> None:
    clock = clock_at_start()
    gate = governor(clock)
    server = Server(clock, answer(200, primary_headers(clock, remaining=0, reset_in=0)))
    await gate(request("GET", "G"), server)
    await gate(request("GET", "G"), server)
    assert server.sent == [0.0, 1.0]


async def test_a_primary_refusal_too_far_off_pauses_max_wait_then_probes() -> None:
    clock = clock_at_start()
    gate = governor(clock, RateLimits(max_wait=60.0))
    server = Server(clock, primary_refusal(clock, 3600))
    await gate(request(), server)
    await gate(request(), server)
    assert server.sent == [0.0, 60.0]


async def test_a_request_refused_after_a_primary_pause_carries_its_reset() -> None:
    clock = clock_at_start()
    gate = governor(clock, RateLimits(max_wait=60.0))
    held = anyio.Event()
    refusal = primary_refusal(clock, 3600)
    reset = datetime.fromtimestamp(int(at(clock, 3600)), tz=timezone.utc)

    async def call_next(req: Request) -> Response:
        if req.method == "GET":
            await held.wait()
        return refusal

    async def refused() -> None:
        with pytest.raises(RateLimitExceeded) as caught:
            await gate(request("PUT", "P"), call_next)
        error = caught.value
        assert error.message == (
            "rate limited (primary); still paused after waiting 60s of at most 60s: "
            "API rate limit exceeded for user ID 1."
        )
        assert (error.status, error.reset_at, error.retry_after) == (403, reset, 60.0)

    await gate(request(), call_next)
    async with anyio.create_task_group() as tasks:
        # The PUT sleeps through the pause; the GET, coming back first, is the probe.
        tasks.start_soon(refused)
        tasks.start_soon(through, gate, request("GET", "G"), call_next)
        await anyio.wait_all_tasks_blocked()
        held.set()


async def test_a_pause_is_logged_once_with_its_reason(caplog: pytest.LogCaptureFixture) -> None:
    caplog.set_level(logging.INFO, logger="ghactions_async.governor")
    clock = clock_at_start()
    gate = governor(clock)
    await gate(request(), Server(clock, primary_refusal(clock, 44)))
    await gate(request(), Server(clock, secondary("30")))
    assert [r.getMessage() for r in caplog.records] == [
        "rate limited (primary): pausing every request for 45.0s",
        "rate limited (secondary): pausing every request for 30.0s",
    ]


async def test_a_spent_budget_whose_reset_has_passed_does_not_pause() -> None:
    clock = clock_at_start()
    gate = governor(clock)
    server = Server(clock, answer(200, primary_headers(clock, remaining=0, reset_in=-5)))
    await gate(request("GET", "G"), server)
    await gate(request("GET", "G"), server)
    assert server.sent == [0.0, 0.0]


async def test_a_spent_budget_too_far_off_pauses_max_wait_then_probes_once() -> None:
    clock = clock_at_start()
    waits: list[RateLimitWait] = []
    gate = governor(clock, RateLimits(max_wait=60.0), on_wait=waits.append)
    spent = answer(200, primary_headers(clock, 0, reset_in=3600, limit=60))
    server = Server(clock, spent, spent)
    await gate(request("GET", "G"), server)
    await gate(request("GET", "G"), server)  # the probe: it says the same
    await gate(request("GET", "G"), server)  # a budget paused for once is not paused for again
    assert server.sent == [0.0, 60.0, 60.0]
    assert waits == [RateLimitWait(reason="primary", seconds=60.0, route="G")]


class Stopped(FakeClock):
    """A clock that does not move while requests sleep: a request that meets a pause
    sleeps it once, finds it still there, and is refused."""

    async def sleep(self, seconds: float) -> None:
        self.sleeps.append(seconds)
        await anyio.lowlevel.checkpoint()


async def test_a_request_refused_by_a_spent_budget_says_whose_budget() -> None:
    clock = Stopped(start=START)
    gate = governor(clock, RateLimits(max_wait=60.0))
    server = Server(clock, answer(200, primary_headers(clock, 0, reset_in=3600, limit=60)))
    await gate(request("GET", "G"), server)
    reset = datetime.fromtimestamp(int(at(clock, 3600)), tz=timezone.utc)
    with pytest.raises(RateLimitExceeded) as caught:
        await gate(request("GET", "G"), server)
    error = caught.value
    assert error.message == (
        "rate limited (primary); still paused after waiting 60s of at most 60s: "
        "the primary budget of 60 requests is spent"
    )
    assert (error.status, error.reset_at, error.retry_after) == (403, reset, 60.0)
    assert (server.sent, clock.sleeps) == ([0.0], [60.0])


async def test_a_spent_budget_that_reset_a_second_ago_holds_nobody() -> None:
    clock = clock_at_start()
    gate = governor(clock)
    spent = answer(200, primary_headers(clock, remaining=0, reset_in=-1))
    await gate(request("GET", "G"), Server(clock, spent))
    release = anyio.Event()
    sent: list[str] = []

    async def call_next(req: Request) -> Response:
        sent.append(req.method)
        await release.wait()
        return answer(200)

    async with anyio.create_task_group() as tasks:
        tasks.start_soon(through, gate, request("GET", "G"), call_next)
        tasks.start_soon(through, gate, request("PUT", "P"), call_next)
        await anyio.wait_all_tasks_blocked()
        assert sent == ["GET", "PUT"]  # no pause, so no probe to wait for
        release.set()


async def test_without_follow_primary_a_spent_budget_does_not_pause() -> None:
    clock = clock_at_start()
    for limits in (RateLimits(follow_primary=False), RateLimits.preset("unlimited")):
        gate = governor(clock, limits)
        server = Server(clock, answer(200, primary_headers(clock, remaining=0, reset_in=30)))
        await gate(request("GET", "G"), server)
        await gate(request("GET", "G"), server)
        assert server.sent == [clock.monotonic()] * 2
    assert clock.sleeps == []


async def test_the_state_is_the_latest_the_server_reported() -> None:
    clock = clock_at_start()
    gate = governor(clock)
    first = primary_headers(clock, remaining=100, reset_in=600)
    await gate(request("GET", "G"), Server(clock, answer(200, first)))
    assert gate.state == RateLimitState.from_headers(first)
    # An answer that overtook a later one (more remaining, same window) is old news.
    stale = primary_headers(clock, remaining=150, reset_in=600)
    await gate(request("GET", "G"), Server(clock, answer(200, stale)))
    assert gate.state == RateLimitState.from_headers(first)
    fewer = primary_headers(clock, remaining=99, reset_in=600)
    await gate(request("GET", "G"), Server(clock, answer(200, fewer)))
    assert gate.state == RateLimitState.from_headers(fewer)
    # A new window replaces it whatever it says.
    renewed = primary_headers(clock, remaining=4999, reset_in=4200)
    await gate(request("GET", "G"), Server(clock, answer(200, renewed)))
    assert gate.state == RateLimitState.from_headers(renewed)


async def test_answers_repeating_what_remains_never_stop_the_client() -> None:
    # Servers (and caches before them) may repeat one count; only the requests in
    # flight are taken from it, so a repeated "2 remain" is never counted down to 0.
    clock = clock_at_start()
    gate = governor(clock)
    same = primary_headers(clock, remaining=2, reset_in=30)
    server = Server(clock, *(answer(200, same) for _ in range(10)))
    for _ in range(10):
        await gate(request("GET", "G"), server)
    assert server.sent == [0.0] * 10


async def test_answers_to_a_credential_of_their_own_are_not_the_clients_budget() -> None:
    clock = clock_at_start()
    gate = governor(clock)
    spent = answer(200, primary_headers(clock, remaining=0, reset_in=30))
    await gate(request("POST", "X", own_credential=True), server := Server(clock, spent))
    assert gate.state is None
    await gate(request("GET", "G"), server)
    assert server.sent == [0.0, 0.0]


# -- adaptive concurrency --------------------------------------------------------------


def limited() -> Response:
    return answer(429, {}, "Too many requests")


def ok() -> Response:
    return answer(200)


def adaptive(clock: FakeClock, max_concurrency: int = 20, **changes: Any) -> Governor:
    """Concurrency alone: no pauses, and reads free, so no points budget is learned either."""
    limits = RateLimits(points_per_minute=None, pause_on_limits=False, read_cost=0, **changes)
    return governor(clock, limits, max_concurrency=max_concurrency)


async def one_by_one(gate: Governor, clock: FakeClock, *answers: Response) -> list[int]:
    """Each answer to a request sent alone; the cap after each."""
    caps = []
    for each in answers:
        await gate(request("GET", "G"), Server(clock, each))
        caps.append(gate.concurrency)
    return caps


async def test_a_limit_halves_the_cap_once_per_round() -> None:
    clock = FakeClock()
    gate = adaptive(clock)
    await together(gate, *[ok()] * 18, limited(), limited())
    assert (gate.concurrency, gate.limit_answers) == (10, 2)
    await together(gate, limited(), limited())
    assert (gate.concurrency, gate.limit_answers) == (5, 4)


async def test_alone_in_flight_each_limit_halves_the_cap_never_below_one() -> None:
    clock = FakeClock()
    gate = adaptive(clock)
    assert await one_by_one(gate, clock, *[limited()] * 6) == [10, 5, 2, 1, 1, 1]
    assert gate.limit_answers == 6


async def test_the_cap_grows_by_one_per_round_of_successes_up_to_under_the_limit() -> None:
    clock = FakeClock()
    gate = adaptive(clock)
    await together(gate, *[ok()] * 18, limited())  # 19 in flight drew it: ceiling 18
    assert gate.concurrency == 10
    caps = await one_by_one(gate, clock, *[ok()] * 200)
    assert caps[:11] == [10] * 9 + [11, 11]  # ten answers at a cap of 10 make it 11
    assert caps[9 + 11] == 12
    assert caps[-1] == 18


async def test_a_limit_with_one_request_in_flight_leaves_the_ceiling() -> None:
    clock = FakeClock()
    gate = adaptive(clock)
    await one_by_one(gate, clock, limited())
    assert gate.concurrency == 10
    caps = await one_by_one(gate, clock, *[ok()] * 200)
    assert caps[-1] == 20


async def test_a_limit_with_two_in_flight_sets_the_ceiling_to_one() -> None:
    clock = FakeClock()
    gate = adaptive(clock)
    await together(gate, ok(), limited())
    assert gate.concurrency == 1
    assert set(await one_by_one(gate, clock, *[ok()] * 20)) == {1}


async def test_the_ceiling_is_the_lowest_that_drew_a_limit() -> None:
    clock = FakeClock()
    gate = adaptive(clock)
    await together(gate, *[ok()] * 8, limited(), *[ok()] * 4, limited())
    assert gate.concurrency == 8  # halved to 10, held under the ceiling of 8
    caps = await one_by_one(gate, clock, *[ok()] * 100)
    assert set(caps) == {8}


async def test_the_ceiling_lifts_after_ten_quiet_windows() -> None:
    clock = FakeClock()
    gate = adaptive(clock, window=10.0)
    await together(gate, *[ok()] * 15, limited())
    assert gate.concurrency == 10
    assert (await one_by_one(gate, clock, *[ok()] * 100))[-1] == 15
    clock.advance(100.0)  # ten windows exactly: the ceiling holds
    assert (await one_by_one(gate, clock, *[ok()] * 100))[-1] == 15
    clock.advance(0.5)
    assert (await one_by_one(gate, clock, *[ok()] * 100))[-1] == 20


async def test_ten_quiet_windows_count_from_the_last_limit() -> None:
    clock = FakeClock()
    clock.advance(50.0)
    gate = adaptive(clock, window=10.0)
    await together(gate, *[ok()] * 15, limited())
    clock.advance(100.0)  # ten windows after the limit exactly: the ceiling holds
    assert (await one_by_one(gate, clock, *[ok()] * 100))[-1] == 15
    clock.advance(0.5)
    assert (await one_by_one(gate, clock, *[ok()] * 100))[-1] == 20


async def test_redirects_count_as_successes_and_errors_do_not() -> None:
    clock = FakeClock()
    gate = adaptive(clock, max_concurrency=4)
    await one_by_one(gate, clock, limited())
    assert gate.concurrency == 2
    caps = await one_by_one(
        gate, clock, answer(404), answer(500), answer(400), answer(304), answer(302)
    )
    assert caps == [2, 2, 2, 2, 3]
    forbidden = answer(403, {}, "Resource not accessible by integration")
    assert await one_by_one(gate, clock, forbidden, forbidden, forbidden, ok(), ok(), ok()) == [
        3,
        3,
        3,
        3,
        3,
        4,
    ]
    assert gate.limit_answers == 1


async def test_without_adaptive_the_cap_stays() -> None:
    clock = FakeClock()
    gate = adaptive(clock, max_concurrency=8, adaptive=False)
    await together(gate, *[limited()] * 8)
    assert (gate.concurrency, gate.limit_answers) == (8, 8)


# -- what callers see ---------------------------------------------------------------------


async def test_the_throttle_state_says_what_the_governor_is_doing() -> None:
    clock = clock_at_start()
    gate = governor(clock, RateLimits(points_per_minute=None), max_concurrency=6)
    assert gate.throttle_state() == ThrottleState(
        concurrency=6, max_concurrency=6, in_flight=0, paused_until=None, limit_answers=0, waits=0
    )
    await gate(request(), Server(clock, secondary("30")))
    clock.advance(10.0)
    assert gate.throttle_state() == ThrottleState(
        concurrency=3,
        max_concurrency=6,
        in_flight=0,
        paused_until=START + timedelta(seconds=30),
        limit_answers=1,
        waits=0,
    )
    await gate(request(), Server(clock))
    state = gate.throttle_state()
    assert (state.paused_until, state.waits) == (None, 1)


async def test_in_flight_counts_requests_being_answered() -> None:
    clock = FakeClock()
    gate = governor(clock, max_concurrency=3)
    seen: list[int] = []

    async def call_next(req: Request) -> Response:
        seen.append(gate.in_flight)
        return answer()

    await gate(request(), call_next)
    assert (seen, gate.in_flight) == ([1], 0)


async def test_a_failing_transport_gives_its_slot_back() -> None:
    clock = FakeClock()
    gate = governor(clock, max_concurrency=1)

    async def broken(req: Request) -> Response:
        raise ConnectionError("reset")

    for _ in range(3):
        with pytest.raises(ConnectionError):
            await gate(request(), broken)
    assert gate.in_flight == 0


async def test_the_throttle_state_during_a_pause_without_a_reset() -> None:
    clock = clock_at_start()
    gate = governor(clock)
    await gate(request(), Server(clock, primary_refusal(clock, None)))
    state = gate.throttle_state()
    assert (state.limit_answers, state.paused_until) == (1, START + timedelta(seconds=900))

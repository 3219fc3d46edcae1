"""The governor's rules, one at a time, with exact times: pauses, points, the primary budget, AIMD.

``Governor(...)`` is called with a stand-in ``call_next`` and a FakeClock, so every
send time and every wait is asserted to the second; test_governor.py has the
scenarios against FakeGitHub.
"""

from __future__ import annotations

import json
import logging
from collections.abc import Callable
from datetime import datetime, timedelta, timezone
from typing import Any

import anyio
import pytest

from ghactions_async import (
    RateLimitExceeded,
    RateLimits,
    RateLimitState,
    RateLimitWait,
    SecondaryRateLimitExceeded,
    ThrottleState,
)
from ghactions_async._http._governor import Governor
from ghactions_async._http._types import Request, Response
from ghactions_async.testing import FakeClock

API = "https://api.github.com"
ROUTE = "DELETE /repos/{owner}/{repo}/actions/caches/{cache_id}"
START = datetime(2030, 1, 1, tzinfo=timezone.utc)


def clock_at_start() -> FakeClock:
    return FakeClock(start=START)


def governor(
    clock: FakeClock,
    limits: RateLimits | None = None,
    *,
    max_concurrency: int = 20,
    on_wait: Callable[[RateLimitWait], object] | None = None,
) -> Governor:
    return Governor(
        max_concurrency=max_concurrency,
        api_url=API,
        limits=limits or RateLimits(),
        clock=clock,
        on_wait=on_wait,
    )


def request(method: str = "DELETE", route: str | None = ROUTE, **options: Any) -> Request:
    return Request(method=method, url=f"{API}/repos/o/r/actions/caches/1", route=route, **options)


def answer(status: int = 204, headers: dict[str, str] | None = None, message: str = "") -> Response:
    content = json.dumps({"message": message}).encode() if message else b""
    return Response(status=status, headers=headers or {}, url=f"{API}/x", content=content)


def secondary(retry_after: str | None = None) -> Response:
    headers = {"retry-after": retry_after} if retry_after is not None else {}
    return answer(403, headers, "You have exceeded a secondary rate limit.")


def at(clock: FakeClock, seconds: float) -> str:
    """``x-ratelimit-reset`` for ``seconds`` after the clock's now."""
    return str(int((clock.now() + timedelta(seconds=seconds)).timestamp()))


def primary_headers(
    clock: FakeClock, remaining: int, reset_in: float, limit: int = 5000
) -> dict[str, str]:
    return {
        "x-ratelimit-limit": str(limit),
        "x-ratelimit-remaining": str(remaining),
        "x-ratelimit-reset": at(clock, reset_in),
    }


def primary_refusal(clock: FakeClock, reset_in: float | None) -> Response:
    """A 403 for the primary limit; without ``x-ratelimit-limit`` it sets no state, so only
    the refusal itself can cause the pause."""
    headers = {"x-ratelimit-remaining": "0"}
    if reset_in is not None:
        headers["x-ratelimit-reset"] = at(clock, reset_in)
    return answer(403, headers, "API rate limit exceeded for user ID 1.")


class Server:
    """A stand-in transport: answers from a list (then 204s); notes when each request went out."""

    def __init__(self, clock: FakeClock, *answers: Response) -> None:
        self.clock = clock
        self.answers = list(answers)
        self.sent: list[float] = []

    async def __call__(self, request: Request) -> Response:
        self.sent.append(self.clock.monotonic())
        return self.answers.pop(0) if self.answers else answer()


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


def test_limits_of_follows_the_base_url_or_takes_what_it_is_given() -> None:
    custom = RateLimits(write_cost=2)
    assert RateLimits.of(custom, API) is custom
    assert RateLimits.of(None, API) == RateLimits()
    assert RateLimits.of(None, "https://api.octo.ghe.com") == RateLimits()
    assert RateLimits.of(None, "https://ghe.example/api/v3") == RateLimits.preset("ghes")
    assert RateLimits.of("unlimited", API) == RateLimits.preset("unlimited")
    assert RateLimits.of("github.com", "https://ghe.example/api/v3") == RateLimits()


def test_limits_of_refuses_other_values_with_what_it_takes() -> None:
    with pytest.raises(
        ValueError,
        match=r"^limits must be 'github.com', 'ghes', 'unlimited' or a RateLimits, got 'fast'$",
    ):
        RateLimits.of("fast", API)  # type: ignore[arg-type]
    with pytest.raises(TypeError, match=r"^limits must be a preset name or a RateLimits, got 5$"):
        RateLimits.of(5, API)  # type: ignore[arg-type]


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


# -- the points window ------------------------------------------------------------------


def small_budget(**changes: Any) -> RateLimits:
    """3 points per 10 s (no margin); reads cost 1, writes 2."""
    options: dict[str, Any] = {
        "points_per_minute": 3,
        "read_cost": 1,
        "write_cost": 2,
        "window": 10.0,
        "margin": 0.0,
    }
    return RateLimits(**{**options, **changes})


async def test_a_request_waits_only_until_enough_points_have_expired() -> None:
    clock = FakeClock()
    waits: list[RateLimitWait] = []
    gate = governor(clock, small_budget(), on_wait=waits.append)
    server = Server(clock)
    for when in (0.0, 1.0, 2.0):
        clock.advance(when - clock.monotonic())
        await gate(request("GET", "GET /r"), server)
    clock.advance(0.5)
    # A write (2 points) at 2.5 s: the reads of 0 s and 1 s must expire first, at 11 s.
    await gate(request("POST", "GET /r"), server)
    assert server.sent == [0.0, 1.0, 2.0, 11.0]
    assert clock.sleeps == [8.5]
    assert waits == [RateLimitWait(reason="points", seconds=8.5, route="GET /r")]


async def test_the_first_expiry_is_enough_when_it_frees_the_cost() -> None:
    clock = FakeClock()
    gate = governor(clock, small_budget(points_per_minute=4))
    server = Server(clock)
    await gate(request("POST", "P"), server)  # 2 points at 0 s
    clock.advance(3.0)
    await gate(request("POST", "P"), server)  # 2 points at 3 s: the budget is full
    clock.advance(1.0)
    await gate(request("POST", "P"), server)  # room once the first expires, at 10 s
    assert server.sent == [0.0, 3.0, 10.0]
    assert clock.sleeps == [6.0]


async def test_points_spent_exactly_a_window_ago_have_expired() -> None:
    clock = FakeClock()
    gate = governor(clock, small_budget(points_per_minute=2))
    server = Server(clock)
    await gate(request("POST", "P"), server)
    clock.advance(10.0)
    await gate(request("POST", "P"), server)
    await gate(request("POST", "P"), server)
    assert server.sent == [0.0, 10.0, 20.0]
    assert clock.sleeps == [10.0]


async def test_points_expire_a_window_after_they_were_spent_however_late() -> None:
    clock = FakeClock()
    clock.advance(1000.0)
    gate = governor(clock, small_budget(points_per_minute=4))
    server = Server(clock)
    for _ in range(3):
        await gate(request("POST", "P"), server)
    assert server.sent == [1000.0, 1000.0, 1010.0]


async def test_a_wait_shorter_than_a_second_is_waited_as_it_is() -> None:
    clock = FakeClock()
    gate = governor(clock, small_budget(points_per_minute=2))
    server = Server(clock)
    await gate(request("POST", "P"), server)
    clock.advance(9.75)
    await gate(request("POST", "P"), server)
    assert clock.sleeps == [0.25]
    assert server.sent == [0.0, 10.0]


async def test_requests_queued_for_points_go_in_the_order_they_came() -> None:
    clock = FakeClock()
    waits: list[RateLimitWait] = []
    gate = governor(clock, small_budget(points_per_minute=1), on_wait=waits.append)
    sent: list[tuple[str, float]] = []

    async def call_next(req: Request) -> Response:
        sent.append((req.url.rsplit("=", 1)[-1], clock.monotonic()))
        return answer()

    async with anyio.create_task_group() as tasks:
        for name in ("a", "b", "c"):
            tasks.start_soon(gate, Request("GET", f"{API}/r?n={name}", route="R"), call_next)
    # Only the first in line waits for each expiry, and nobody overtakes it.
    assert sent == [("a", 0.0), ("b", 10.0), ("c", 20.0)]
    assert waits == [RateLimitWait(reason="points", seconds=10.0, route="R")] * 2
    assert gate.waits == 2


async def test_the_window_is_widened_by_the_margin() -> None:
    clock = FakeClock()
    gate = governor(clock, small_budget(points_per_minute=2, margin=1.5))
    server = Server(clock)
    for _ in range(3):
        await gate(request("POST", "P"), server)
    assert server.sent == [0.0, 11.5, 23.0]


async def test_a_request_fits_a_budget_it_exactly_fills() -> None:
    clock = FakeClock()
    gate = governor(clock, small_budget(points_per_minute=5))
    server = Server(clock)
    await gate(request("POST", "P"), server)
    await gate(request("POST", "P"), server)
    await gate(request("GET", "P"), server)  # 2 + 2 + 1 = 5: still now
    await gate(request("GET", "P"), server)
    assert server.sent == [0.0, 0.0, 0.0, 10.0]


async def test_endpoints_keep_separate_windows() -> None:
    clock = FakeClock()
    gate = governor(clock, small_budget(points_per_minute=2))
    server = Server(clock)
    await gate(request("POST", "A"), server)
    await gate(request("POST", "B"), server)
    await gate(request("POST", "A"), server)
    assert server.sent == [0.0, 0.0, 10.0]


async def test_without_a_route_the_endpoint_is_the_method_and_path() -> None:
    clock = FakeClock()
    waits: list[RateLimitWait] = []
    gate = governor(clock, small_budget(points_per_minute=2), on_wait=waits.append)
    server = Server(clock)
    url = f"{API}/repos/o/r/actions/caches"
    await gate(Request("DELETE", f"{url}?key=a"), server)
    await gate(Request("DELETE", f"{url}?key=b"), server)
    assert server.sent == [0.0, 10.0]
    assert waits == [RateLimitWait(reason="points", seconds=10.0, route=f"DELETE {url}")]


async def test_free_requests_and_no_budget_never_wait_for_points() -> None:
    clock = FakeClock()
    server = Server(clock)
    free_reads = governor(clock, small_budget(read_cost=0))
    for _ in range(20):
        await free_reads(request("GET", "R"), server)
    no_budget = governor(clock, small_budget(points_per_minute=None))
    for _ in range(20):
        await no_budget(request("POST", "W"), server)
    assert clock.sleeps == []
    assert free_reads.waits == no_budget.waits == 0


@pytest.mark.xfail(
    strict=True,
    reason="a request costing more than the whole points budget waits a window forever",
)
async def test_a_request_costlier_than_the_whole_budget_is_not_held_forever() -> None:
    class Bounded(FakeClock):
        async def sleep(self, seconds: float) -> None:
            if len(self.sleeps) >= 5:
                raise RuntimeError(f"still waiting after {self.sleeps}")
            await super().sleep(seconds)

    clock = Bounded()
    gate = governor(clock, RateLimits(points_per_minute=4))  # a write costs 5
    server = Server(clock)
    await gate(request("DELETE"), server)
    assert len(server.sent) == 1


@pytest.mark.parametrize(
    "limits",
    [RateLimits(points_per_minute=None), RateLimits(read_cost=0)],
    ids=["no budget", "free reads"],
)
async def test_requests_with_no_points_to_wait_for_take_slots_in_arrival_order(
    limits: RateLimits,
) -> None:
    clock = FakeClock()
    gate = governor(clock, limits, max_concurrency=1)
    release = anyio.Event()
    order: list[str | None] = []

    async def call_next(req: Request) -> Response:
        order.append(req.route)
        if req.route == "X":
            await release.wait()
        return answer()

    async with anyio.create_task_group() as tasks:
        for route in ("X", "A", "A", "B"):
            tasks.start_soon(gate, request("GET", route), call_next)
            await anyio.wait_all_tasks_blocked()
        release.set()
    assert order == ["X", "A", "A", "B"]


# -- pauses: secondary limits ------------------------------------------------------


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


async def together(gate: Governor, *answers: Response, method: str = "GET") -> None:
    """Send one request per answer, all in flight at once; answer them in the order sent."""
    release = anyio.Event()
    queue = list(answers)

    async def call_next(req: Request) -> Response:
        mine = queue.pop(0)
        await release.wait()
        return mine

    async with anyio.create_task_group() as tasks:
        for _ in answers:
            tasks.start_soon(gate, request(method, "G"), call_next)
        await anyio.wait_all_tasks_blocked()
        assert gate.in_flight == len(answers)
        release.set()


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


async def test_a_pause_longer_than_max_wait_raises_the_limit_error_unsent() -> None:
    clock = FakeClock()
    gate = governor(clock, RateLimits(points_per_minute=None, max_wait=30.0))
    server = Server(clock, secondary("31"))
    await gate(request(), server)
    with pytest.raises(SecondaryRateLimitExceeded, match="secondary rate limit") as caught:
        await gate(request(), server)
    assert caught.value.retry_after == 31.0
    assert server.sent == [0.0]
    assert clock.sleeps == []


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


async def test_a_primary_refusal_without_a_reset_refuses_what_follows() -> None:
    clock = clock_at_start()
    gate = governor(clock)
    server = Server(clock, primary_refusal(clock, None))
    await gate(request(), server)
    with pytest.raises(RateLimitExceeded, match="API rate limit exceeded"):
        await gate(request(), server)
    assert server.sent == [0.0]


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
    server = Server(clock, answer(200, primary_headers(clock, remaining=2, reset_in=30)))
    for _ in range(4):
        await gate(request("GET", "G"), server)
    # The first answer said 2 remain: two more go now, the fourth after the reset.
    assert server.sent == [0.0, 0.0, 0.0, 31.0]


async def test_a_spent_budget_resetting_now_pauses_one_second() -> None:
    clock = clock_at_start()
    gate = governor(clock)
    server = Server(clock, answer(200, primary_headers(clock, remaining=0, reset_in=0)))
    await gate(request("GET", "G"), server)
    await gate(request("GET", "G"), server)
    assert server.sent == [0.0, 1.0]


async def test_a_primary_refusal_too_far_off_raises_it_unsent() -> None:
    clock = clock_at_start()
    gate = governor(clock, RateLimits(max_wait=60.0))
    server = Server(clock, primary_refusal(clock, 3600))
    await gate(request(), server)
    with pytest.raises(RateLimitExceeded) as caught:
        await gate(request(), server)
    assert caught.value.message == "API rate limit exceeded for user ID 1."
    assert server.sent == [0.0]


async def test_a_pause_is_logged_once_with_its_reason(caplog: pytest.LogCaptureFixture) -> None:
    caplog.set_level(logging.WARNING, logger="ghactions_async")
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


async def test_a_spent_budget_too_far_off_raises_a_primary_error_unsent() -> None:
    clock = clock_at_start()
    gate = governor(clock, RateLimits(max_wait=60.0))
    server = Server(clock, answer(200, primary_headers(clock, 0, reset_in=3600, limit=60)))
    await gate(request("GET", "G"), server)
    reset = datetime.fromtimestamp(int(at(clock, 3600)), tz=timezone.utc)
    message = f"primary rate limit of 60 requests spent until {reset:%H:%M:%S}Z"
    with pytest.raises(RateLimitExceeded) as caught:
        await gate(request("GET", "G"), server)
    assert caught.value.message == message
    assert (caught.value.status, caught.value.reset_at) == (403, reset)
    assert server.sent == [0.0]


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


async def test_an_old_answer_does_not_reset_what_was_sent_since() -> None:
    clock = clock_at_start()
    gate = governor(clock)
    server = Server(
        clock,
        answer(200, primary_headers(clock, remaining=2, reset_in=30)),
        answer(200),
        answer(200, primary_headers(clock, remaining=2, reset_in=30)),  # not news
    )
    for _ in range(4):
        await gate(request("GET", "G"), server)
    assert server.sent == [0.0, 0.0, 0.0, 31.0]


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
    limits = RateLimits(points_per_minute=None, pause_on_limits=False, **changes)
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


@pytest.mark.xfail(
    strict=True,
    reason="throttle_state() raises OverflowError during the endless pause a primary 403 "
    "without x-ratelimit-reset starts",
)
async def test_the_throttle_state_during_an_endless_pause() -> None:
    clock = clock_at_start()
    gate = governor(clock)
    await gate(request(), Server(clock, primary_refusal(clock, None)))
    state = gate.throttle_state()
    assert state.limit_answers == 1

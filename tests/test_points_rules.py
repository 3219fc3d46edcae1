"""The points budget, with exact times: what one endpoint may spend in a window, how long a
request waits for room, and the budget learned from a limit answer (``_points.py``).

``PointsWindow`` on its own, then through a ``Governor`` with a stand-in transport and a
FakeClock (test_learned_budget.py has the scenarios against FakeGitHub).
"""

from __future__ import annotations

import math
from typing import Any

import anyio
import pytest

from ghactions_async import RateLimits, RateLimitWait
from ghactions_async._http._governor import Governor
from ghactions_async._http._points import PointsWindow
from ghactions_async._http._types import Request, Response
from ghactions_async.testing import FakeClock

from ._governing import (
    API,
    Server,
    answer,
    governor,
    request,
    secondary,
    small_budget,
    through,
)

# -- PointsWindow on its own ------------------------------------------------------------


def filled(*spends: tuple[float, int]) -> PointsWindow:
    window = PointsWindow()
    for when, points in spends:
        window.spend(points)
        window.answered(points, when, math.inf)  # nothing leaves: the test's own calls trim
    return window


def spends(window: PointsWindow) -> list[tuple[float, int]]:
    return list(window.spent)


def test_answers_a_window_old_leave_as_new_ones_come_so_nothing_piles_up() -> None:
    # An endpoint with no budget to wait for never asks for room: a week-long client
    # must still keep one window of answers, not every answer since it started.
    window = PointsWindow()
    for second in range(1000):
        window.spend(5)
        window.answered(5, float(second), 60.0)
    assert spends(window) == [(float(s), 5) for s in range(940, 1000)]
    assert window.total == 300


def test_points_leave_the_window_exactly_a_span_after_their_answer() -> None:
    window = filled((0.0, 1), (5.0, 2))
    assert window.room(9.9, 10.0, 10) == 7
    assert window.room(10.0, 10.0, 10) == 8
    assert (spends(window), window.total) == ([(5.0, 2)], 2)
    assert window.room(14.9, 10.0, 10) == 8
    assert window.room(15.0, 10.0, 10) == 10
    assert (spends(window), window.total) == ([], 0)


def test_room_may_be_negative_when_a_smaller_budget_applies() -> None:
    assert filled((0.0, 5), (1.0, 5)).room(2.0, 10.0, 8) == -2


def test_a_request_waits_until_enough_of_the_oldest_points_leave() -> None:
    window = filled((0.0, 2), (3.0, 2))
    assert window.wait_for(0, 4.0, 10.0, 4) == 0.0
    assert window.wait_for(2, 4.0, 10.0, 4) == 6.0  # the first spend frees 2
    assert window.wait_for(3, 4.0, 10.0, 4) == 9.0  # both must go
    assert window.wait_for(1, 4.0, 10.0, 5) == 0.0  # 4 + 1 fits 5 exactly
    assert window.wait_for(2, 4.0, 10.0, 5) == 6.0


def test_a_request_dearer_than_the_budget_fits_an_empty_window_only() -> None:
    assert PointsWindow().wait_for(5, 0.0, 10.0, 4) == 0.0
    window = filled((2.0, 1))
    assert window.wait_for(5, 3.0, 10.0, 4) == 9.0


def test_without_a_learned_budget_the_preset_is_the_budget() -> None:
    window = filled((0.0, 50))
    assert window.budget(900, 0.0, 61.0) == 900
    assert window.budget(None, 0.0, 61.0) is None
    assert window.learned is None


def test_a_limit_teaches_ninety_five_per_cent_of_what_was_accepted() -> None:
    window = filled(*[(0.0, 1)] * 100)
    window.limited(0.0, 61.0, 1, in_flight=0)
    assert window.learned == 95.0
    assert window.budget(None, 0.0, 61.0) == 95.0
    assert window.budget(90, 0.0, 61.0) == 90  # never above the preset
    assert window.budget(120, 0.0, 61.0) == 95.0


def test_a_learned_budget_widens_two_per_cent_a_quiet_span_up_to_under_the_limit() -> None:
    window = filled(*[(0.0, 1)] * 100)
    window.limited(0.0, 61.0, 1, in_flight=0)  # ceiling 100, learned 95
    assert window.budget(None, 60.9, 61.0) == 95.0
    assert window.budget(None, 61.0, 61.0) == 96.9
    assert window.budget(None, 121.9, 61.0) == 96.9  # a span from the last widening
    assert window.budget(None, 122.0, 61.0) == 96.9 * 1.02
    assert window.budget(None, 183.0, 61.0) == 99.0  # 0.99 of the ceiling at most
    assert window.budget(None, 1000.0, 61.0) == 99.0
    assert window.learned == 99.0


def test_the_ceiling_is_the_least_ever_accepted() -> None:
    window = filled(*[(0.0, 1)] * 100)
    window.limited(0.0, 61.0, 1, in_flight=0)
    window.limited(0.0, 61.0, 1, in_flight=50)  # 50 accepted now: ceiling 50
    assert window.learned == 47.5
    assert window.budget(None, 61.0, 61.0) == 48.45
    assert window.budget(None, 122.0, 61.0) == 48.45 * 1.02
    assert window.budget(None, 183.0, 61.0) == 49.5
    window.limited(300.0, 61.0, 1, in_flight=0)  # nothing left in the window: no evidence
    assert window.learned == 49.5


def test_a_budget_learned_above_the_ceiling_is_not_widened_down_to_it() -> None:
    window = filled(*[(0.0, 1)] * 100)
    window.limited(0.0, 61.0, 1, in_flight=0)  # ceiling 100
    window.spend(5)
    window.answered(5, 1.0, 61.0)
    window.limited(1.0, 61.0, 1, in_flight=0)  # 105 accepted: 99.75, the ceiling stays
    assert window.budget(None, 62.0, 61.0) == 105 * 0.95


@pytest.mark.parametrize(
    ("spent", "cost", "in_flight", "learned"),
    [
        (10, 1, 0, 9.5),  # ten requests' worth is evidence enough
        (9, 1, 0, None),
        (11, 1, 1, 9.5),  # what is in flight does not count
        (24, 1, 12, 12 * 0.95),  # as much taken as still in flight: enough
        (25, 1, 13, None),  # more in flight than taken: a concurrency limit
        (55, 5, 1, 47.5),  # evidence is counted in requests: 10 of 5 points
        (50, 5, 1, None),
        (10, 0, 0, 9.5),  # a free request counts as one point
        (11, 0, 1, 9.5),
    ],
)
def test_what_a_limit_says_about_the_budget(
    spent: int, cost: int, in_flight: int, learned: float | None
) -> None:
    window = filled(*[(0.0, 1)] * spent)
    window.limited(0.0, 61.0, cost, in_flight=in_flight)
    assert window.learned == learned


def test_a_limit_looks_only_at_what_is_still_in_the_window() -> None:
    window = filled(*[(0.0, 1)] * 10, *[(50.0, 1)] * 10)
    window.limited(61.0, 61.0, 1, in_flight=0)
    assert window.learned == 9.5


def test_learning_restarts_the_widening_clock() -> None:
    window = filled(*[(0.0, 1)] * 100)
    window.limited(0.0, 61.0, 1, in_flight=0)
    assert window.budget(None, 61.0, 61.0) == 96.9
    window.limited(100.0, 200.0, 1, in_flight=0)  # 100 again: learned 95 from 100 s on
    assert window.budget(None, 160.0, 61.0) == 95.0
    assert window.budget(None, 161.0, 61.0) == 96.9


def test_a_refund_takes_back_the_points_of_a_request_not_yet_answered() -> None:
    window = filled((0.0, 5))
    window.spend(1)
    window.refund(1)
    assert (spends(window), window.total) == ([(0.0, 5)], 5)


def test_points_in_flight_count_until_a_span_after_their_answer() -> None:
    window = PointsWindow()
    window.spend(3)
    assert window.room(100.0, 10.0, 10) == 7  # sent long ago, but not answered yet
    assert window.wait_for(8, 100.0, 10.0, 10) == 10.0  # a span from now at the soonest
    window.answered(3, 101.0, 10.0)
    assert window.wait_for(8, 101.0, 10.0, 10) == 10.0
    assert window.room(110.9, 10.0, 10) == 7
    assert window.room(111.0, 10.0, 10) == 10


# -- through the governor --------------------------------------------------------------


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
            tasks.start_soon(
                through, gate, Request("GET", f"{API}/r?n={name}", route="R"), call_next
            )
    # Only the first in line waits for each expiry, and nobody overtakes it.
    assert sent == [("a", 0.0), ("b", 10.0), ("c", 20.0)]
    assert waits == [RateLimitWait(reason="points", seconds=10.0, route="R")] * 2
    assert gate.waits == 2


async def test_the_margin_does_not_widen_the_clients_own_window() -> None:
    # Points leave a window after their answer, which comes after GitHub counted them:
    # no margin is needed (it widens only the shared window, counted from sending).
    clock = FakeClock()
    gate = governor(clock, small_budget(points_per_minute=2, margin=1.5))
    server = Server(clock)
    for _ in range(3):
        await gate(request("POST", "P"), server)
    assert server.sent == [0.0, 10.0, 20.0]


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


async def test_without_a_route_the_endpoint_is_the_method_alone() -> None:
    clock = FakeClock()
    waits: list[RateLimitWait] = []
    gate = governor(clock, small_budget(points_per_minute=2), on_wait=waits.append)
    server = Server(clock)
    url = f"{API}/repos/o/r/actions/caches"
    await gate(Request("DELETE", f"{url}?key=a"), server)
    await gate(Request("DELETE", f"{API}/elsewhere"), server)  # one window for all of them
    await gate(Request("POST", f"{url}?key=b"), server)  # but not for another method
    assert server.sent == [0.0, 10.0, 10.0]
    assert waits == [RateLimitWait(reason="points", seconds=10.0, route="DELETE (unrouted)")]


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


async def test_a_request_costlier_than_the_whole_budget_goes_when_the_window_is_empty() -> None:
    class Bounded(FakeClock):
        async def sleep(self, seconds: float) -> None:
            if len(self.sleeps) >= 5:
                raise RuntimeError(f"still waiting after {self.sleeps}")
            await super().sleep(seconds)

    clock = Bounded()
    gate = governor(clock, RateLimits(points_per_minute=4, margin=0.0))  # a write costs 5
    server = Server(clock)
    await gate(request("DELETE"), server)
    await gate(request("GET"), server)  # 1 point: the window holds 5 already
    await gate(request("DELETE"), server)
    assert server.sent == [0.0, 60.0, 120.0]


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
            tasks.start_soon(through, gate, request("GET", route), call_next)
            await anyio.wait_all_tasks_blocked()
        release.set()
    assert order == ["X", "A", "A", "B"]


# -- through the governor: a budget learned from a limit answer -------------------------


def learning(**changes: Any) -> RateLimits:
    """No budget announced (a server's own), no pauses: only what is learned paces."""
    options: dict[str, Any] = {"points_per_minute": None, "pause_on_limits": False}
    return RateLimits(**{**options, **changes})


async def send(gate: Governor, server: Server, count: int, method: str = "GET") -> None:
    for _ in range(count):
        await gate(request(method, "R"), server)


async def test_a_secondary_limit_teaches_the_endpoint_a_budget_under_what_it_accepted() -> None:
    clock = FakeClock()
    waits: list[RateLimitWait] = []
    gate = governor(clock, learning(), on_wait=waits.append)
    server = Server(clock, *[answer(200)] * 20, secondary("0"))
    await send(gate, server, 21)  # 21 points at 0 s; the last was refused, so 20 count
    assert server.sent == [0.0] * 21
    # Accepted: 20 less the one in flight, 19; paced to 95 % of that, 18.05 a window.
    await send(gate, server, 1)
    assert server.sent[21:] == [60.0]
    assert waits == [RateLimitWait(reason="points", seconds=60.0, route="R")]
    # A window later the budget widens 2 %, to 18.411: 18 points fit the window.
    await send(gate, server, 18)
    assert server.sent[22:] == [60.0] * 17 + [120.0]


async def test_a_primary_limit_teaches_nothing() -> None:
    clock = FakeClock()
    gate = governor(clock, learning())
    refusal = answer(403, {"x-ratelimit-remaining": "0"}, "API rate limit exceeded")
    server = Server(clock, *[answer(200)] * 20, refusal)
    await send(gate, server, 25)
    assert server.sent == [0.0] * 25


async def test_without_adaptive_limits_a_preset_budget_is_kept_but_nothing_is_learned() -> None:
    clock = FakeClock()
    gate = governor(clock, learning(points_per_minute=900, adaptive=False))
    server = Server(clock, *[answer(200)] * 20, secondary("0"))
    await send(gate, server, 25)
    assert server.sent == [0.0] * 25
    paced = governor(clock, small_budget(adaptive=False))
    await send(paced, writes := Server(clock), 2, "POST")
    assert writes.sent == [0.0, 10.0]


async def test_what_was_accepted_is_counted_over_the_window() -> None:
    clock = FakeClock()
    gate = governor(clock, learning(window=60.0, margin=10.0))
    server = Server(clock, *[answer(200)] * 20, secondary("0"))
    await send(gate, server, 10)
    clock.advance(55.0)
    await send(gate, server, 11)  # 20 accepted within 60 s: 19 beyond the one in flight
    await send(gate, server, 1)
    # 18.05 a window: the points of 0 s must expire first, at 60 s (the margin adds nothing).
    assert server.sent[21:] == [60.0]


async def test_a_free_request_never_waits_for_an_overspent_window() -> None:
    clock = FakeClock()
    gate = governor(clock, learning(read_cost=0))
    server = Server(clock, *[answer(200)] * 20, secondary("0"))
    await send(gate, server, 21, "POST")  # 100 points count; 90.25 learned
    await send(gate, server, 1, "GET")
    await send(gate, server, 1, "POST")
    assert server.sent[20:] == [0.0, 0.0, 60.0]

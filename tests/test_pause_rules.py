"""Pauses, with exact times: how long every request waits after a limit answer, who goes
first after it, and what a request that would wait too long raises (``_pause.py``).

``Pause`` on its own, then through a ``Governor`` with a stand-in transport and a FakeClock
(test_pauses_end.py has the scenarios through a client).
"""

from __future__ import annotations

import logging
from datetime import timedelta

import anyio
import pytest

from ghactions_async import (
    RateLimitExceeded,
    RateLimits,
    RateLimitWait,
    SecondaryRateLimitExceeded,
)
from ghactions_async._http._governor import Governor
from ghactions_async._http._pause import Pause, WaitedTooLong
from ghactions_async._http._types import Request, Response
from ghactions_async.testing import FakeClock

from ._governing import (
    START,
    Server,
    answer,
    clock_at_start,
    governor,
    primary_refusal,
    request,
    secondary,
    small_budget,
    through,
    together,
)

# -- Pause on its own ----------------------------------------------------------------


def paused(clock: FakeClock, max_wait: float = 60.0) -> Pause:
    return Pause(clock, max_wait=max_wait)


class Heard:
    """A ``report`` for ``Pause.wait``: notes each wait it hears of."""

    def __init__(self) -> None:
        self.waits: list[tuple[str, float]] = []

    def __call__(self, reason: str, seconds: float) -> None:
        self.waits.append((reason, seconds))


def test_a_new_pause_holds_nothing() -> None:
    clock = clock_at_start()
    pause = paused(clock)
    assert (pause.holds(), pause.remaining, pause.ends_at) == (False, 0.0, None)


def test_a_pause_lasts_what_was_asked_and_ends_on_the_wall_clock() -> None:
    clock = clock_at_start()
    pause = paused(clock)
    assert pause.begin(12.5, "secondary", status=429, message="m") == 12.5
    clock.advance(2.5)
    assert (pause.holds(), pause.remaining) == (True, 10.0)
    assert pause.ends_at == START + timedelta(seconds=12.5)


@pytest.mark.parametrize(
    ("asked", "lasts"),
    [(None, 60.0), (61.0, 60.0), (60.0, 60.0), (1e9, 60.0), (-5.0, 0.0), (0.0, 0.0)],
)
def test_a_pause_lasts_at_most_max_wait_and_never_less_than_nothing(
    asked: float | None, lasts: float
) -> None:
    clock = clock_at_start()
    assert paused(clock).begin(asked, "primary", status=403, message="m") == lasts


def test_a_pause_that_has_ended_still_holds_until_a_probe_is_answered() -> None:
    clock = clock_at_start()
    pause = paused(clock)
    pause.begin(0.0, "secondary", status=429, message="m")
    assert (pause.holds(), pause.remaining, pause.ends_at) == (True, 0.0, None)
    pause.probe_done(answered=False)
    assert pause.holds() is True
    pause.probe_done(answered=True)
    assert pause.holds() is False


def test_a_probe_answered_while_a_new_pause_runs_does_not_end_it() -> None:
    clock = clock_at_start()
    pause = paused(clock)
    pause.begin(10.0, "secondary", status=429, message="m")
    pause.probe_done(answered=True)
    clock.advance(10.0)
    assert pause.holds() is True  # the probe still has to go


def test_a_shorter_pause_keeps_the_longer_ones_end_and_reason() -> None:
    clock = clock_at_start()
    pause = paused(clock)
    reset = START + timedelta(hours=1)
    pause.begin(30.0, "primary", status=403, message="spent", reset_at=reset)
    assert pause.begin(10.0, "secondary", status=429, message="slow down") == 30.0
    assert pause.begin(30.0, "secondary", status=429, message="slow down") == 30.0
    refusal = pause.refusal(5.0)
    assert isinstance(refusal, RateLimitExceeded)
    assert (refusal.message, refusal.status, refusal.reset_at, refusal.retry_after) == (
        "rate limited (primary); still paused after waiting 5s of at most 60s: spent",
        403,
        reset,
        30.0,
    )
    assert pause.begin(31.0, "secondary", status=429, message="slow down") == 31.0
    later = pause.refusal(0.4)
    assert type(later) is SecondaryRateLimitExceeded
    assert (later.message, later.status, later.reset_at, later.retry_after) == (
        "rate limited (secondary); still paused after waiting 0s of at most 60s: slow down",
        429,
        None,
        31.0,
    )


@pytest.mark.parametrize(
    ("reason", "kind"),
    [
        ("secondary", SecondaryRateLimitExceeded),
        ("outage", SecondaryRateLimitExceeded),
        ("primary", RateLimitExceeded),
    ],
)
def test_the_refusal_is_the_error_of_the_pauses_reason(reason: str, kind: type[Exception]) -> None:
    clock = clock_at_start()
    pause = paused(clock, max_wait=90.0)
    pause.begin(20.0, reason, status=418, message="why")  # type: ignore[arg-type]
    refusal = pause.refusal(89.6)
    assert type(refusal) is kind
    assert refusal.message == (
        f"rate limited ({reason}); still paused after waiting 90s of at most 90s: why"
    )
    assert refusal.status == 418


async def test_wait_sleeps_the_pause_out_reporting_it_then_goes_first() -> None:
    clock = clock_at_start()
    pause = paused(clock)
    pause.begin(12.0, "primary", status=403, message="m")
    heard = Heard()
    assert await pause.wait(heard, budget=12.0) is True  # exactly the budget fits
    assert clock.sleeps == [12.0]
    assert heard.waits == [("primary", 12.0)]


async def test_wait_raises_before_sleeping_past_the_budget() -> None:
    clock = clock_at_start()
    pause = paused(clock)
    pause.begin(12.0, "secondary", status=429, message="m")
    heard = Heard()
    with pytest.raises(WaitedTooLong, match=r"^waited 0\.0s$") as caught:
        await pause.wait(heard, budget=11.9)
    assert caught.value.waited == 0.0
    assert (clock.sleeps, heard.waits) == ([], [])


async def test_without_a_pause_or_a_probe_to_wait_for_wait_returns_at_once() -> None:
    clock = clock_at_start()
    pause = paused(clock)
    assert await pause.wait(Heard(), budget=0.0) is False
    assert clock.sleeps == []


class Waiter:
    """Waits for a pause in a task of its own and notes how it came out."""

    def __init__(self, pause: Pause, budget: float = 60.0) -> None:
        self.pause = pause
        self.budget = budget
        self.heard = Heard()
        self.result: bool | float | None = None  # probes or not; or what it waited, refused

    async def __call__(self) -> None:
        try:
            self.result = await self.pause.wait(self.heard, self.budget)
        except WaitedTooLong as exc:
            self.result = exc.waited


async def test_the_others_wait_for_the_probe_and_a_new_pause_counts_against_their_budget() -> None:
    clock = clock_at_start()
    pause = paused(clock)
    pause.begin(10.0, "secondary", status=429, message="first")
    other, probe = Waiter(pause, budget=15.0), Waiter(pause)
    async with anyio.create_task_group() as tasks:
        tasks.start_soon(other)  # sleeps the pause out first ...
        tasks.start_soon(probe)  # ... so this one, back first, probes
        await anyio.wait_all_tasks_blocked()
        assert (probe.result, other.result) == (True, None)  # the other waits for the answer
        pause.begin(10.0, "secondary", status=429, message="again")
        pause.probe_done(answered=True)
    assert other.result == 10.0  # 10 s waited, 10 more would pass its 15
    assert (other.heard.waits, probe.heard.waits) == ([("secondary", 10.0)], [])
    assert clock.sleeps == [10.0]


async def test_every_wait_of_a_request_counts_against_its_budget() -> None:
    clock = clock_at_start()
    pause = paused(clock)
    pause.begin(10.0, "secondary", status=429, message="m")
    other, first = Waiter(pause, budget=25.0), Waiter(pause)
    async with anyio.create_task_group() as tasks:
        tasks.start_soon(other)
        tasks.start_soon(first)  # the first probe
        await anyio.wait_all_tasks_blocked()
        pause.begin(10.0, "secondary", status=429, message="m")
        pause.probe_done(answered=True)
        second = Waiter(pause)
        tasks.start_soon(second)  # back first after the other's second sleep: the next probe
        await anyio.wait_all_tasks_blocked()
        assert (first.result, second.result, other.result) == (True, True, None)
        pause.begin(10.0, "secondary", status=429, message="m")
        pause.probe_done(answered=True)
    assert other.result == 20.0  # 10 + 10 waited; 10 more would pass 25
    assert clock.sleeps == [10.0, 10.0]


@pytest.mark.parametrize(
    ("answered", "other_probes", "holds"),
    [(True, False, False), (False, True, True)],
    ids=["answered: the others go without probing", "no answer: the next one probes"],
)
async def test_after_a_probe_the_others_go_or_the_next_one_probes(
    answered: bool, other_probes: bool, holds: bool
) -> None:
    clock = clock_at_start()
    pause = paused(clock)
    pause.begin(10.0, "secondary", status=429, message="m")
    other, probe = Waiter(pause), Waiter(pause)
    async with anyio.create_task_group() as tasks:
        tasks.start_soon(other)
        tasks.start_soon(probe)
        await anyio.wait_all_tasks_blocked()
        pause.probe_done(answered=answered)
    assert (probe.result, other.result) == (True, other_probes)
    assert pause.holds() is holds  # without an answer, until the next probe's


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


async def test_a_shorter_pause_does_not_shorten_a_longer_one(
    caplog: pytest.LogCaptureFixture,
) -> None:
    caplog.set_level(logging.INFO, logger="ghactions_async.governor")
    clock = FakeClock()
    gate = governor(clock, RateLimits(points_per_minute=None))
    await together(gate, secondary("30"), secondary("10"), secondary("30"))
    await gate(request(), server := Server(clock))
    assert server.sent == [30.0]
    assert [r.getMessage() for r in caplog.records] == [
        "rate limited (secondary): pausing every request for 30.0s"
    ]


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
        tasks.start_soon(through, gate, request("GET", "G"), call_next)
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


@pytest.mark.parametrize(("retry_after", "then"), [("20", 20.0), ("0.5", 0.5)])
async def test_a_request_waiting_for_a_slot_honours_a_pause_that_began_meanwhile(
    retry_after: str, then: float
) -> None:
    clock = FakeClock()
    gate = governor(clock, RateLimits(points_per_minute=None), max_concurrency=1)
    release = anyio.Event()
    sent: list[tuple[str, float]] = []

    async def call_next(req: Request) -> Response:
        sent.append((req.method, clock.monotonic()))
        if req.method == "DELETE":
            await release.wait()
            return secondary(retry_after)
        return answer()

    async with anyio.create_task_group() as tasks:
        tasks.start_soon(through, gate, request("DELETE"), call_next)
        await anyio.wait_all_tasks_blocked()
        tasks.start_soon(through, gate, request("GET", "G"), call_next)
        await anyio.wait_all_tasks_blocked()
        assert gate.in_flight == 1
        release.set()
    assert sent == [("DELETE", 0.0), ("GET", then)]
    assert gate.in_flight == 0


# -- through the governor: who goes first after a pause ----------------------------------


class Held:
    """A transport for requests in flight together, told apart by method: each is noted as
    it goes out, and one whose method has an event is answered once that is set."""

    def __init__(self, clock: FakeClock, answers: dict[str, Response | Exception]) -> None:
        self.clock = clock
        self.answers = answers
        self.events: dict[str, anyio.Event] = {}
        self.sent: list[str] = []

    def hold(self, *methods: str) -> None:
        for method in methods:
            self.events[method] = anyio.Event()

    def release(self, method: str) -> None:
        self.events[method].set()

    async def __call__(self, req: Request) -> Response:
        self.sent.append(req.method)
        if req.method in self.events:
            await self.events[req.method].wait()
        outcome = self.answers.get(req.method, answer())
        if isinstance(outcome, Exception):
            raise outcome
        return outcome


def plain(clock: FakeClock) -> Governor:
    """Pauses alone: no points, no concurrency halving."""
    return governor(clock, RateLimits(points_per_minute=None, adaptive=False))


async def test_after_a_probe_that_got_no_answer_the_next_request_probes() -> None:
    clock = FakeClock()
    gate = plain(clock)
    held = Held(clock, {"PATCH": secondary("10"), "POST": ConnectionError("reset")})
    await gate(request("PATCH"), held)
    with pytest.raises(ConnectionError):
        await gate(request("POST"), held)  # waits 10 s, probes, gets no answer
    held.hold("PUT")
    async with anyio.create_task_group() as tasks:
        tasks.start_soon(through, gate, request("PUT"), held)  # the next probe
        tasks.start_soon(through, gate, request("GET"), held)
        await anyio.wait_all_tasks_blocked()
        assert held.sent == ["PATCH", "POST", "PUT"]  # the GET waits for the PUT's answer
        held.release("PUT")
    assert held.sent == ["PATCH", "POST", "PUT", "GET"]


async def test_after_a_probe_was_answered_the_others_go_together() -> None:
    clock = FakeClock()
    gate = plain(clock)
    held = Held(clock, {"PATCH": secondary("10")})
    await gate(request("PATCH"), held)
    await gate(request("POST"), held)  # waits 10 s, probes, is answered
    held.hold("PUT")
    async with anyio.create_task_group() as tasks:
        tasks.start_soon(through, gate, request("PUT"), held)
        tasks.start_soon(through, gate, request("GET"), held)
        await anyio.wait_all_tasks_blocked()
        assert held.sent == ["PATCH", "POST", "PUT", "GET"]
        held.release("PUT")
    assert clock.sleeps == [10.0]


async def test_a_request_sent_before_a_pause_does_not_answer_for_its_probe() -> None:
    clock = FakeClock()
    gate = plain(clock)
    held = Held(clock, {"PATCH": secondary("10")})
    held.hold("PUT", "GET")
    async with anyio.create_task_group() as tasks:
        tasks.start_soon(through, gate, request("PUT"), held)  # in flight all along
        await anyio.wait_all_tasks_blocked()
        await gate(request("PATCH"), held)  # the pause
        tasks.start_soon(through, gate, request("DELETE"), held)  # sleeps the pause out
        tasks.start_soon(through, gate, request("GET"), held)  # back first: the probe
        await anyio.wait_all_tasks_blocked()
        held.release("PUT")
        await anyio.wait_all_tasks_blocked()
        assert held.sent == ["PUT", "PATCH", "GET"]  # the DELETE still waits for the probe
        held.release("GET")
    assert held.sent == ["PUT", "PATCH", "GET", "DELETE"]


async def test_a_probe_cancelled_while_it_waits_for_points_hands_probing_on() -> None:
    clock = FakeClock()
    scope = anyio.CancelScope()

    def cancel_at_points(wait: RateLimitWait) -> None:
        if wait.reason == "points":
            scope.cancel()

    limits = small_budget(points_per_minute=2, adaptive=False)
    gate = governor(clock, limits, on_wait=cancel_at_points)
    held = Held(clock, {"PATCH": secondary("5")})
    await gate(request("POST", "W"), held)  # the endpoint's points are spent until 10 s
    await gate(request("PATCH", "L"), held)  # a pause of 5 s
    with scope:
        await gate(request("POST", "W"), held)  # the probe, then cancelled waiting for points
    assert scope.cancelled_caught
    held.hold("PUT")
    async with anyio.create_task_group() as tasks:
        tasks.start_soon(through, gate, request("PUT", "A"), held)  # the next probe
        tasks.start_soon(through, gate, request("GET", "B"), held)
        await anyio.wait_all_tasks_blocked()
        assert held.sent == ["POST", "PATCH", "PUT"]
        held.release("PUT")
    assert held.sent == ["POST", "PATCH", "PUT", "GET"]
    assert clock.sleeps == [5.0, 5.0]

"""RetryMiddleware on its own: the exact backoff schedule, the budgets, what each answer leaves.

A scripted ``call_next`` stands for the rest of the pipeline and a FakeClock for
time; the random generator always draws the top of the jitter range, so every
wait is the whole step of its attempt and can be asserted exactly.
"""

from __future__ import annotations

import json
import logging
import random
from datetime import datetime, timedelta, timezone
from typing import Any

import anyio
import pytest

from ghactions_async import Hooks, RateLimits, RetryBudget, RetryPolicy, TransportError
from ghactions_async._errors import Attempt
from ghactions_async._http._classify import NO_SECRETS
from ghactions_async._http._events import Events, Naming
from ghactions_async._http._retry import RetryMiddleware
from ghactions_async._http._types import Request, Response
from ghactions_async._options import ClientOptions
from ghactions_async.testing import FakeClock

API = "https://api.github.com"
URL = f"{API}/repos/o/r/actions/caches/1"
SECONDARY = "You have exceeded a secondary rate limit."


class TopOfRange(random.Random):
    """Jitter drawn at its top, so each backoff is exactly its step; notes the ranges."""

    def __init__(self) -> None:
        super().__init__(0)
        self.ranges: list[tuple[float, float]] = []

    def uniform(self, a: float, b: float) -> float:
        self.ranges.append((a, b))
        return b


class BottomOfRange(random.Random):
    """Jitter drawn at its bottom."""

    def uniform(self, a: float, b: float) -> float:
        return a


Answer = int | Response | TransportError


def answer(
    status: int, headers: dict[str, str] | None = None, message: str = "Bad Gateway"
) -> Response:
    return Response(
        status=status,
        headers=headers or {},
        url=URL,
        content=json.dumps({"message": message}).encode(),
    )


def secondary(retry_after: str | None) -> Response:
    return answer(429, {"retry-after": retry_after} if retry_after else {}, SECONDARY)


class Script:
    """A ``call_next`` that answers from a list (its last entry repeats) and notes each call."""

    def __init__(self, clock: FakeClock, *answers: Answer, takes: float = 0.0) -> None:
        self.clock = clock
        self.answers = list(answers)
        self.takes = takes
        self.calls: list[float] = []
        self.released: list[int] = []

    async def __call__(self, request: Request) -> Response:
        self.calls.append(self.clock.monotonic())
        self.clock.advance(self.takes)
        item = self.answers.pop(0) if len(self.answers) > 1 else self.answers[0]
        if isinstance(item, TransportError):
            raise TransportError(item.message, request_sent=item.request_sent)
        response = answer(item) if isinstance(item, int) else item
        number = len(self.calls)

        async def release() -> None:
            self.released.append(number)

        # A fresh object per call, as a transport returns.
        return Response(
            status=response.status,
            headers=response.headers,
            url=response.url,
            content=response.content,
            release=release,
        )


def no_budget(max_retries: int = 3, **changes: Any) -> RetryPolicy:
    """Backoff from 1 s, without a retry budget: each request retries on its own."""
    options: dict[str, Any] = {"backoff_base": 1.0, "backoff_max": 30.0, "budget": None}
    return RetryPolicy(max_retries=max_retries, **{**options, **changes})


def retry(
    clock: FakeClock,
    policy: RetryPolicy | None = None,
    limits: RateLimits | None = None,
    rng: random.Random | None = None,
) -> RetryMiddleware:
    return RetryMiddleware(
        policy or no_budget(),
        clock=clock,
        limits=limits or RateLimits(),
        rng=rng or TopOfRange(),
        events=Events(Naming(API, NO_SECRETS), Hooks(), on_wait=None, instruments=None),
    )


def req(method: str = "GET") -> Request:
    return Request(method=method, url=URL)


def dropped(*, sent: bool = True) -> TransportError:
    return TransportError("connection reset", request_sent=sent)


# -- the backoff schedule ----------------------------------------------------


async def test_backoff_doubles_per_attempt_from_the_base_up_to_backoff_max() -> None:
    clock = FakeClock()
    rng = TopOfRange()
    policy = RetryPolicy(
        max_retries=5, backoff_base=1.5, backoff_max=10.0, max_wait=1000, budget=None
    )
    script = Script(clock, 502)
    response = await retry(clock, policy, rng=rng)(req(), script)
    assert clock.sleeps == [1.5, 3.0, 6.0, 10.0, 10.0]
    # Half of each step is fixed, the other half jittered.
    assert rng.ranges == [(0.0, 0.75), (0.0, 1.5), (0.0, 3.0), (0.0, 5.0), (0.0, 5.0)]
    assert script.calls == [0.0, 1.5, 4.5, 10.5, 20.5, 30.5]
    assert (response.status, response.attempts) == (502, 6)


def test_the_wait_is_half_the_step_plus_a_uniform_draw_up_to_the_other_half() -> None:
    policy = RetryPolicy(backoff_base=2.0, backoff_max=30.0)
    draws = [policy.backoff(3, random.Random(seed)) for seed in range(200)]
    assert all(8.0 <= d <= 16.0 for d in draws)
    assert min(draws) < 9.0
    assert max(draws) > 15.0
    assert policy.backoff(3, random.Random(7)) == 8.0 + random.Random(7).uniform(0.0, 8.0)


def test_the_step_is_capped_before_it_is_halved() -> None:
    policy = RetryPolicy(backoff_base=1.0, backoff_max=5.0)
    rng = TopOfRange()
    assert policy.backoff(4, rng) == 5.0  # 16 capped to 5: 2.5 fixed + 2.5 jittered
    assert rng.ranges == [(0.0, 2.5)]
    assert policy.backoff(0, BottomOfRange()) == 0.5
    assert policy.backoff(4, BottomOfRange()) == 2.5


async def test_transport_errors_back_off_on_the_same_schedule() -> None:
    clock = FakeClock()
    rng = TopOfRange()
    script = Script(clock, dropped(), dropped(), dropped(), 200)
    response = await retry(clock, rng=rng)(req(), script)
    assert clock.sleeps == [1.0, 2.0, 4.0]
    assert rng.ranges == [(0.0, 0.5), (0.0, 1.0), (0.0, 2.0)]
    assert response.status == 200
    assert response.attempts == 4
    assert response.history == [
        Attempt(1, "TransportError", 1.0),
        Attempt(2, "TransportError", 2.0),
        Attempt(3, "TransportError", 4.0),
        Attempt(4, "200", 0.0),
    ]


async def test_a_transport_error_that_gives_up_carries_every_attempt() -> None:
    clock = FakeClock()
    script = Script(clock, dropped())
    with pytest.raises(TransportError, match="connection reset") as caught:
        await retry(clock, no_budget(max_retries=1))(req(), script)
    assert caught.value.history == [
        Attempt(1, "TransportError", 1.0),
        Attempt(2, "TransportError", 0.0),
    ]
    assert clock.sleeps == [1.0]


async def test_a_response_that_gives_up_carries_every_attempt() -> None:
    clock = FakeClock()
    script = Script(clock, 503, 500, 504)
    response = await retry(clock, no_budget(max_retries=2))(req(), script)
    assert response.status == 504
    assert response.history == [
        Attempt(1, "503", 1.0),
        Attempt(2, "500", 2.0),
        Attempt(3, "504", 0.0),
    ]
    assert response.maybe_done_before is True
    # Each failed answer is let go as it comes, the one returned too (its body is read).
    assert script.released == [1, 2, 3]


# -- which answers are retried -------------------------------------------------


@pytest.mark.parametrize("method", ["GET", "HEAD", "OPTIONS", "PUT", "DELETE"])
async def test_idempotent_methods_are_retried_after_a_server_error(method: str) -> None:
    clock = FakeClock()
    script = Script(clock, 502, 204)
    response = await retry(clock)(req(method), script)
    assert (response.status, len(script.calls)) == (204, 2)


@pytest.mark.parametrize("method", ["POST", "PATCH"])
async def test_other_methods_are_not_retried_after_a_server_error(method: str) -> None:
    clock = FakeClock()
    script = Script(clock, 502, 204)
    response = await retry(clock)(req(method), script)
    assert (response.status, len(script.calls), clock.sleeps) == (502, 1, [])
    assert response.history == [Attempt(1, "502", 0.0)]


@pytest.mark.parametrize("status", [500, 502, 503, 504])
async def test_these_statuses_are_retried(status: int) -> None:
    clock = FakeClock()
    script = Script(clock, status, 200)
    assert (await retry(clock)(req(), script)).status == 200


@pytest.mark.parametrize("status", [200, 304, 400, 401, 403, 404, 422, 501, 505])
async def test_other_statuses_are_final(status: int) -> None:
    clock = FakeClock()
    script = Script(clock, status, 200)
    response = await retry(clock)(req(), script)
    assert (response.status, len(script.calls), clock.sleeps) == (status, 1, [])


async def test_a_post_is_retried_only_when_it_surely_never_left() -> None:
    clock = FakeClock()
    never_sent = Script(clock, dropped(sent=False), 201)
    assert (await retry(clock)(req("POST"), never_sent)).status == 201
    maybe_sent = Script(clock, dropped(sent=True), 201)
    with pytest.raises(TransportError) as caught:
        await retry(clock)(req("POST"), maybe_sent)
    assert len(maybe_sent.calls) == 1
    assert caught.value.history == [Attempt(1, "TransportError", 0.0)]


async def test_a_rate_limited_post_is_retried_after_the_wait() -> None:
    clock = FakeClock()
    script = Script(clock, secondary("3"), 201)
    assert (await retry(clock)(req("POST"), script)).status == 201
    assert clock.sleeps == [3.0]


async def test_no_retries_means_one_attempt_whatever_the_answer() -> None:
    clock = FakeClock()
    for first in (502, secondary("1")):
        script = Script(clock, first, 200)
        response = await retry(clock, RetryPolicy(max_retries=0))(req(), script)
        assert len(script.calls) == 1
        assert response.history == [Attempt(1, str(response.status), 0.0)]
    with pytest.raises(TransportError):
        await retry(clock, RetryPolicy(max_retries=0))(req(), Script(clock, dropped(), 200))
    assert clock.sleeps == []


# -- max_wait: the backoff budget of one request ---------------------------------


def flat(max_wait: float, max_retries: int = 10) -> RetryPolicy:
    """Every backoff exactly one second (the cap), so the budget counts seconds."""
    return no_budget(max_retries, backoff_max=1.0, max_wait=max_wait)


async def test_max_wait_caps_the_backoff_spent_across_retries() -> None:
    clock = FakeClock()
    script = Script(clock, 502)
    response = await retry(clock, flat(max_wait=2.0))(req(), script)
    # Two waits of 1 s fit a budget of 2 s exactly; a third would not.
    assert clock.sleeps == [1.0, 1.0]
    assert (response.status, len(script.calls)) == (502, 3)


async def test_max_wait_caps_the_backoff_after_transport_errors_too() -> None:
    clock = FakeClock()
    script = Script(clock, dropped())
    with pytest.raises(TransportError):
        await retry(clock, flat(max_wait=2.0))(req(), script)
    assert clock.sleeps == [1.0, 1.0]
    assert len(script.calls) == 3


async def test_a_budget_smaller_than_the_first_backoff_means_no_retry() -> None:
    clock = FakeClock()
    script = Script(clock, 502)
    response = await retry(clock, flat(max_wait=0.5))(req(), script)
    assert (len(script.calls), clock.sleeps, response.status) == (1, [], 502)


async def test_waits_of_zero_never_exhaust_a_budget_of_zero() -> None:
    clock = FakeClock()
    script = Script(clock, 502)
    policy = no_budget(backoff_base=0.0, max_wait=0.0)
    response = await retry(clock, policy)(req(), script)
    assert clock.sleeps == [0.0, 0.0, 0.0]
    assert (len(script.calls), response.attempts) == (4, 4)


async def test_the_default_budget_is_two_minutes() -> None:
    policy = no_budget(100, backoff_max=10.0)
    clock = FakeClock()
    await retry(clock, policy)(req(), Script(clock, 502))
    # 1 + 2 + 4 + 8 and then waits of 10 s: 15 + 10 * 10 = 115 <= 120 < 125
    assert sum(clock.sleeps) == 115.0
    assert clock.sleeps[-1] == 10.0


# -- rate limits: the wait GitHub asks for, within RateLimits.max_wait ------------


async def test_a_secondary_limit_waits_retry_after() -> None:
    clock = FakeClock()
    script = Script(clock, secondary("7"), 200)
    response = await retry(clock)(req(), script)
    assert clock.sleeps == [7.0]
    assert response.history == [Attempt(1, "429", 7.0), Attempt(2, "200", 0.0)]
    assert script.calls == [0.0, 7.0]


async def test_a_secondary_limit_without_retry_after_waits_the_floor() -> None:
    clock = FakeClock()
    script = Script(clock, secondary(None), 200)
    await retry(clock, limits=RateLimits(secondary_floor=7.5))(req(), script)
    assert clock.sleeps == [7.5]


async def test_a_spent_primary_limit_waits_until_its_reset_by_the_clock() -> None:
    clock = FakeClock(start=datetime(2030, 1, 1, tzinfo=timezone.utc))
    reset = clock.now() + timedelta(seconds=30)
    limited = answer(
        403,
        {"x-ratelimit-remaining": "0", "x-ratelimit-reset": str(int(reset.timestamp()))},
        "API rate limit exceeded for user ID 1.",
    )
    script = Script(clock, limited, 200)
    response = await retry(clock)(req(), script)
    assert clock.sleeps == [31.0]  # and a second for clock skew
    assert response.status == 200


async def test_rate_limit_waits_add_up_against_max_wait() -> None:
    clock = FakeClock()
    script = Script(clock, secondary("30"))
    response = await retry(clock, limits=RateLimits(max_wait=60.0))(req(), script)
    # 30 + 30 fits 60 exactly; the third wait would not, so the limit answer comes back.
    assert clock.sleeps == [30.0, 30.0]
    assert (response.status, len(script.calls)) == (429, 3)
    assert response.history == [
        Attempt(1, "429", 30.0),
        Attempt(2, "429", 30.0),
        Attempt(3, "429", 0.0),
    ]


async def test_a_single_rate_limit_wait_over_max_wait_is_not_waited() -> None:
    clock = FakeClock()
    script = Script(clock, secondary("61"), 200)
    response = await retry(clock, limits=RateLimits(max_wait=60.0))(req(), script)
    assert (response.status, clock.sleeps) == (429, [])


async def test_rate_limit_waits_and_backoff_have_separate_budgets() -> None:
    clock = FakeClock()
    script = Script(clock, secondary("50"), 502, secondary("50"), 502, 200)
    policy = flat(max_wait=2.0)
    response = await retry(clock, policy, limits=RateLimits(max_wait=100.0))(req(), script)
    assert clock.sleeps == [50.0, 1.0, 50.0, 1.0]
    assert response.status == 200


async def test_rate_limits_are_retried_only_within_max_retries() -> None:
    clock = FakeClock()
    script = Script(clock, secondary("1"))
    response = await retry(clock, no_budget(max_retries=2))(req(), script)
    assert (len(script.calls), clock.sleeps, response.status) == (3, [1.0, 1.0], 429)
    assert response.history == [
        Attempt(1, "429", 1.0),
        Attempt(2, "429", 1.0),
        Attempt(3, "429", 0.0),
    ]


async def test_a_403_that_is_no_rate_limit_is_final() -> None:
    clock = FakeClock()
    script = Script(clock, answer(403, message="Resource not accessible by integration"), 200)
    response = await retry(clock)(req(), script)
    assert (response.status, len(script.calls)) == (403, 1)


# -- what an answer carries --------------------------------------------------------


async def test_an_answer_counts_its_attempts() -> None:
    clock = FakeClock()
    first = await retry(clock)(req(), Script(clock, 200))
    assert (first.attempts, first.history) == (1, ())  # a clean first answer: nothing to tell
    retried = await retry(clock)(req(), Script(clock, 502, 200))
    assert retried.attempts == 2
    assert [(a.number, a.outcome) for a in retried.history] == [(1, "502"), (2, "200")]
    refused = await retry(clock)(req(), Script(clock, 404))
    assert [(a.number, a.outcome) for a in refused.history] == [(1, "404")]
    for status in (300, 301):  # any answer but a success is told, a redirect's too
        told = await retry(clock)(req(), Script(clock, status))
        assert [(a.number, a.outcome) for a in told.history] == [(1, str(status))]
    clean = await retry(clock)(req(), Script(clock, 299))
    assert clean.history == ()


async def test_a_first_answer_was_not_maybe_done_before() -> None:
    clock = FakeClock()
    response = await retry(clock)(req("DELETE"), Script(clock, 404))
    assert response.maybe_done_before is False
    assert response.history == [Attempt(1, "404", 0.0)]


@pytest.mark.parametrize(
    ("first", "maybe_done"),
    [
        (502, True),  # GitHub may have carried it out before failing
        (dropped(sent=True), True),  # the answer was lost
        (dropped(sent=False), False),  # it never left
        (secondary("1"), False),  # refused by a rate limit: nothing was done
    ],
)
async def test_maybe_done_before_says_whether_an_earlier_attempt_may_have_acted(
    first: Answer, maybe_done: bool
) -> None:
    clock = FakeClock()
    response = await retry(clock)(req("DELETE"), Script(clock, first, 404))
    assert response.status == 404
    assert response.maybe_done_before is maybe_done


async def test_maybe_done_before_stays_once_set() -> None:
    clock = FakeClock()
    script = Script(clock, 502, secondary("1"), 404)
    response = await retry(clock)(req("DELETE"), script)
    assert response.maybe_done_before is True


async def test_each_retry_is_logged_with_what_ended_it(caplog: pytest.LogCaptureFixture) -> None:
    caplog.set_level(logging.INFO, logger="ghactions_async")
    clock = FakeClock()
    await retry(clock)(req(), Script(clock, 502, dropped(), secondary("7.5"), 200))
    assert [r.getMessage() for r in caplog.records] == [
        f"GET {URL}: attempt 1 ended 502; retrying in 1.00 s",
        f"GET {URL}: attempt 2 ended TransportError; retrying in 2.00 s",
        f"GET {URL}: attempt 3 ended 429; retrying in 7.50 s",
    ]


# -- the retry budget: retries spend tokens, answers refill them ----------------------


def budgeted(capacity: float, refill: float = 0.0, **changes: Any) -> RetryPolicy:
    return no_budget(5, budget=RetryBudget(capacity=capacity, refill=refill), **changes)


async def test_a_spent_budget_turns_failures_into_an_outage_one_probe_at_a_time(
    caplog: pytest.LogCaptureFixture,
) -> None:
    caplog.set_level(logging.INFO, logger="ghactions_async")
    clock = FakeClock()
    rng = TopOfRange()
    middleware = retry(clock, budgeted(2), rng=rng)
    script = Script(clock, 502, 502, 502, 502, 502, 200)
    response = await middleware(req(), script)
    # Two retries from the budget (1 s, 2 s); then probes 0.25 s, 0.5 s, 1 s apart.
    assert clock.sleeps == [1.0, 2.0, 0.25, 0.5, 1.0]
    assert script.calls == [0.0, 1.0, 3.0, 3.25, 3.75, 4.75]
    assert rng.ranges == [(0.0, 0.5), (0.0, 1.0), (0.75, 1.0), (0.75, 1.0)]
    assert response.status == 200
    assert response.history == [
        Attempt(1, "502", 1.0),
        Attempt(2, "502", 2.0),
        Attempt(3, "502", 0.0),
        Attempt(4, "502", 0.0),
        Attempt(5, "502", 0.0),
        Attempt(6, "200", 0.0),
    ]
    assert middleware.outages == 1
    assert [(r.levelname, r.getMessage()) for r in caplog.records] == [
        ("WARNING", f"GET {URL}: attempt 1 ended 502; retrying in 1.00 s"),
        ("WARNING", f"GET {URL}: attempt 2 ended 502; retrying in 2.00 s"),
        ("WARNING", "GitHub is failing widely: one request at a time probes it"),
        ("INFO", "GitHub answers again: the outage is over"),
    ]


async def test_probes_back_off_to_two_seconds_and_start_again_after_an_answer() -> None:
    clock = FakeClock()
    middleware = retry(clock, budgeted(1, max_wait=1000.0))
    await middleware(req(), Script(clock, 502, *[502] * 6, 200))
    assert clock.sleeps == [1.0, 0.25, 0.5, 1.0, 2.0, 2.0, 2.0]
    # After the answer, half the budget (0.5) is back: no retry, and the next outage
    # starts from the first probe delay again.
    clock.sleeps.clear()
    await middleware(req(), Script(clock, 502, 502, 200))
    assert clock.sleeps == [0.25, 0.5]
    assert middleware.outages == 2


async def test_jittered_probe_delays_are_three_quarters_to_all_of_the_step() -> None:
    clock = FakeClock()
    middleware = retry(clock, budgeted(1, max_wait=1000.0), rng=BottomOfRange())
    await middleware(req(), Script(clock, 502, 502, 502, 502, 200))
    assert clock.sleeps == [0.5, 0.25, 0.375, 0.75]


async def test_a_failed_probe_that_ends_its_request_leaves_a_jittered_pause() -> None:
    clock = FakeClock()
    middleware = retry(clock, budgeted(1, max_wait=1000.0), rng=BottomOfRange())
    unsent = dropped(sent=False)
    with pytest.raises(TransportError) as caught:
        await middleware(req("POST"), Script(clock, unsent, unsent, dropped(sent=True)))
    assert caught.value.history == [
        Attempt(1, "TransportError", 0.5),
        Attempt(2, "TransportError", 0.0),
        Attempt(3, "TransportError", 0.0),
    ]
    # The probe failed: the next waits three quarters to all of twice the first delay.
    await middleware(req(), Script(clock, 200))
    assert clock.sleeps == [0.5, 0.25, 0.375]


async def test_a_request_that_waited_through_an_outage_says_how_long() -> None:
    clock = FakeClock()
    middleware = retry(clock, budgeted(1, max_wait=3.0))
    # Backoff 1 s, then probes after 0.25, 0.5 and 1 s; the next one, after 2 s,
    # would go past the 3 s this request may wait: its last answer comes back.
    response = await middleware(req(), Script(clock, 502))
    assert clock.sleeps == [1.0, 0.25, 0.5, 1.0]
    assert response.history == [
        Attempt(1, "502", 1.0),
        Attempt(2, "502", 0.0),
        Attempt(3, "502", 0.0),
        Attempt(4, "502", 0.0),
        Attempt(5, "502", 0.0),
    ]
    # Two more arrive while the outage lasts: the first sleeps the 2 s out, the second,
    # back first, probes; its connection drops after sending, which ends a POST.
    held = anyio.Event()

    async def probe(request: Request) -> Response:
        await held.wait()
        raise TransportError("reset", request_sent=True)

    async def waiter() -> None:
        with pytest.raises(TransportError) as caught:
            await middleware(req("DELETE"), Script(clock, 200))
        # A new pause of 2 s would take it past its 3 s: it gives up unsent.
        assert caught.value.message == (
            "GitHub kept failing; gave up after waiting 2s for it to recover"
        )
        assert caught.value.request_sent is False

    async def prober() -> None:
        with pytest.raises(TransportError, match=r"^reset$"):
            await middleware(req("POST"), probe)

    async with anyio.create_task_group() as tasks:
        tasks.start_soon(waiter)
        tasks.start_soon(prober)
        await anyio.wait_all_tasks_blocked()
        held.set()
    assert clock.sleeps[4:] == [2.0]


async def test_answers_refill_the_budget_up_to_its_capacity() -> None:
    clock = FakeClock()
    middleware = retry(clock, budgeted(2, refill=0.5))
    # 2 tokens; one retry spends one, four answers give back 2 (capped at 2).
    await middleware(req(), Script(clock, 502, 200))
    for _ in range(3):
        await middleware(req(), Script(clock, 200))
    clock.sleeps.clear()
    response = await middleware(req(), Script(clock, 502, 502, 502, 200))
    assert clock.sleeps == [1.0, 2.0, 0.25]  # two retries, then an outage
    assert middleware.outages == 1
    assert response.status == 200


async def test_half_a_token_is_not_a_retry() -> None:
    clock = FakeClock()
    middleware = retry(clock, budgeted(1, refill=0.5))
    await middleware(req(), Script(clock, 502, 200))  # 1 - 1 + 0.5 = 0.5 tokens
    clock.sleeps.clear()
    await middleware(req(), Script(clock, 502, 200))
    assert clock.sleeps == [0.25]  # no retry: an outage, and a probe
    await middleware(req(), Script(clock, 200))  # the probe restored half: 0.5, + 0.5
    clock.sleeps.clear()
    await middleware(req(), Script(clock, 502, 200))
    assert clock.sleeps == [1.0]  # a whole token: a retry


async def test_after_an_outage_the_budget_is_at_least_half_full() -> None:
    clock = FakeClock()
    middleware = retry(clock, budgeted(4))
    await middleware(req(), Script(clock, *[502] * 5, 200))  # 4 retries, an outage, a probe
    clock.sleeps.clear()
    await middleware(req(), Script(clock, 502, 502, 502, 200))
    assert clock.sleeps == [1.0, 2.0, 0.25]  # 2 tokens: two retries


async def test_a_probe_that_loses_its_connection_counts_as_failed() -> None:
    clock = FakeClock()
    middleware = retry(clock, budgeted(1, max_wait=1000.0))
    script = Script(clock, 502, 502, dropped(), 200)
    response = await middleware(req(), script)
    assert clock.sleeps == [1.0, 0.25, 0.5]
    assert response.history == [
        Attempt(1, "502", 1.0),
        Attempt(2, "502", 0.0),
        Attempt(3, "TransportError", 0.0),
        Attempt(4, "200", 0.0),
    ]


class Staged:
    """A ``call_next`` for requests in flight together: each call takes the next status;
    an ``anyio.Event`` instead holds the call until it is set, then answers 200."""

    def __init__(self, clock: FakeClock, *answers: int | anyio.Event) -> None:
        self.clock = clock
        self.answers = list(answers)
        self.log: list[str] = []

    async def __call__(self, request: Request) -> Response:
        item = self.answers.pop(0)
        self.log.append(f"{request.method} sent at {self.clock.monotonic()}")
        if isinstance(item, anyio.Event):
            await item.wait()
            item = 200
        return answer(item)


async def test_during_an_outage_the_others_wait_for_the_probes_answer() -> None:
    clock = FakeClock()
    middleware = retry(clock, budgeted(1))
    held = anyio.Event()
    staged = Staged(clock, 502, 502, held, 204)
    async with anyio.create_task_group() as tasks:
        tasks.start_soon(middleware, req("GET"), staged)
        await anyio.wait_all_tasks_blocked()  # GET is the probe, in flight
        tasks.start_soon(middleware, req("PUT"), staged)
        await anyio.wait_all_tasks_blocked()
        assert staged.log == ["GET sent at 0.0", "GET sent at 1.0", "GET sent at 1.25"]
        held.set()
    assert staged.log[3:] == ["PUT sent at 1.25"]
    assert clock.sleeps == [1.0, 0.25]


async def test_a_probe_that_ends_without_an_answer_hands_probing_to_the_next(
    caplog: pytest.LogCaptureFixture,
) -> None:
    caplog.set_level(logging.INFO, logger="ghactions_async")
    clock = FakeClock()
    middleware = retry(clock, budgeted(1))
    await middleware(req(), Script(clock, 502, 502, 200))  # an outage, over
    caplog.clear()
    held = anyio.Event()
    sent: list[str] = []

    async def call_next(request: Request) -> Response:
        sent.append(request.method)
        if len(sent) == 1:
            return answer(502)
        if len(sent) == 2:  # the probe: no usable answer
            await held.wait()
            raise RuntimeError("unusable")
        return answer(200)

    failures: list[BaseException] = []

    async def first() -> None:
        try:
            await middleware(req("GET"), call_next)
        except RuntimeError as exc:
            failures.append(exc)

    async with anyio.create_task_group() as tasks:
        tasks.start_soon(first)
        await anyio.wait_all_tasks_blocked()
        tasks.start_soon(middleware, req("PUT"), call_next)
        await anyio.wait_all_tasks_blocked()
        held.set()
    assert sent == ["GET", "GET", "PUT"]
    assert [str(f) for f in failures] == ["unusable"]
    assert [r.getMessage() for r in caplog.records] == [
        "GitHub is failing widely: one request at a time probes it",
        "GitHub answers again: the outage is over",  # the PUT was the probe
    ]


async def test_a_request_that_cannot_wait_out_the_outage_gives_up_with_its_last_failure() -> None:
    clock = FakeClock()
    policy = budgeted(1, backoff_base=0.1, max_wait=0.2)
    middleware = retry(clock, policy)
    response = await middleware(req(), Script(clock, 502))
    # 0.1 s of backoff; the first probe would come 0.25 s later, past the 0.2 s it may wait.
    assert clock.sleeps == [0.1]
    assert (response.status, response.maybe_done_before) == (502, True)
    assert response.history == [Attempt(1, "502", 0.1), Attempt(2, "502", 0.0)]


async def test_a_request_that_only_waited_gives_up_with_a_transport_error() -> None:
    clock = FakeClock()
    middleware = retry(clock, budgeted(1, backoff_base=0.1, max_wait=0.2))
    await middleware(req(), Script(clock, 502))  # the outage begins
    script = Script(clock, 200)
    with pytest.raises(TransportError) as caught:
        await middleware(req("DELETE"), script)
    error = caught.value
    assert error.message == "GitHub kept failing; gave up after waiting 0s for it to recover"
    assert (error.method, error.url, error.request_sent) == ("DELETE", URL, False)
    assert error.history == []
    assert script.calls == []


# -- the policy's values and ClientOptions' shorthand --------------------------------


def test_the_defaults() -> None:
    policy = RetryPolicy()
    assert (policy.max_retries, policy.backoff_base, policy.backoff_max, policy.max_wait) == (
        3,
        0.03,
        30.0,
        120.0,
    )
    assert policy.retry_statuses == frozenset({500, 502, 503, 504})
    assert policy.budget == RetryBudget(capacity=10.0, refill=0.1)


def test_client_options_take_a_policy_a_count_or_none() -> None:
    policy = RetryPolicy(max_retries=7)
    assert ClientOptions(retry=policy).retry is policy
    assert ClientOptions(retry=None).retry == RetryPolicy(max_retries=0)
    assert ClientOptions(retry=0).retry == RetryPolicy(max_retries=0)
    assert ClientOptions(retry=5).retry == RetryPolicy(max_retries=5)
    assert ClientOptions().retry == RetryPolicy()


@pytest.mark.parametrize("value", [True, False, "3", 2.5])
def test_client_options_refuse_any_other_retry(value: Any) -> None:
    with pytest.raises(
        TypeError, match=rf"^retry must be a RetryPolicy, an int or None, got {value!r}$"
    ):
        ClientOptions(retry=value)


@pytest.mark.parametrize("field", ["max_retries", "backoff_base", "backoff_max", "max_wait"])
def test_negative_settings_are_refused(field: str) -> None:
    with pytest.raises(ValueError, match=field):
        RetryPolicy(**{field: -1})  # type: ignore[arg-type]


def test_zero_is_a_setting_like_any_other() -> None:
    policy = RetryPolicy(max_retries=0, backoff_base=0, backoff_max=0, max_wait=0)
    assert (policy.max_retries, policy.backoff_base, policy.backoff_max, policy.max_wait) == (
        0,
        0,
        0,
        0,
    )


def test_a_budget_needs_room_for_a_retry_and_no_negative_refill() -> None:
    with pytest.raises(ValueError, match="capacity"):
        RetryBudget(capacity=0)
    with pytest.raises(ValueError, match="refill"):
        RetryBudget(refill=-0.1)
    assert RetryBudget(capacity=0.5, refill=0) == RetryBudget(0.5, 0.0)


# -- giving up records only the waits that happened -----------------------------------


async def test_giving_up_on_the_backoff_budget_records_no_wait() -> None:
    clock = FakeClock()
    response = await retry(clock, flat(max_wait=1.0))(req(), Script(clock, 502))
    assert clock.sleeps == [1.0]
    assert response.history == [Attempt(1, "502", 1.0), Attempt(2, "502", 0.0)]


async def test_giving_up_on_the_rate_limit_budget_records_no_wait() -> None:
    clock = FakeClock()
    script = Script(clock, secondary("3600"))
    response = await retry(clock, limits=RateLimits(max_wait=60.0))(req(), script)
    assert clock.sleeps == []
    assert response.history == [Attempt(1, "429", 0.0)]

"""Writes to an endpoint whose budget nobody announced go a few at a time (``_caution.py``).

Through a ``Governor`` with a stand-in transport and a FakeClock, then a prune
against FakeGitHub enforcing a budget the client is not told, through both clients.
"""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import anyio
import pytest

from ghactions_async import RateLimits, RateLimitWait
from ghactions_async._http._governor import Governor
from ghactions_async._http._types import Request, Response
from ghactions_async.testing import FakeClock, FakeGitHub, Faults

from ._governing import ROUTE, answer, governor, request, secondary, through
from .conftest import client_of_kind

WINDOW = 60.0
LIMITED = {  # a server that keeps rate limits reports its primary budget on every answer
    "x-ratelimit-limit": "5000",
    "x-ratelimit-remaining": "4000",
    "x-ratelimit-reset": "4102444800",
}


def clean() -> Response:
    return answer(204, LIMITED)


def unannounced(**changes: Any) -> RateLimits:
    """The ``ghes`` preset: no budget of its own, learns from limits."""
    return RateLimits(**{"points_per_minute": None, **changes})


class Held:
    """A transport that holds every request until released; answers from a list, then 204s."""

    def __init__(self, *answers: Response) -> None:
        self.answers = list(answers)
        self.in_flight = 0
        self.sent = 0
        self.release = anyio.Event()

    async def __call__(self, request: Request) -> Response:
        self.in_flight += 1
        self.sent += 1
        try:
            await self.release.wait()
        finally:
            self.in_flight -= 1
        return self.answers.pop(0) if self.answers else clean()


async def at_once(
    gate: Governor, count: int, *answers: Response, method: str = "DELETE", route: str = ROUTE
) -> int:
    """``count`` requests at once: how many went before the first answer (all are answered)."""
    transport = Held(*answers)
    async with anyio.create_task_group() as tasks:
        for _ in range(count):
            tasks.start_soon(through, gate, request(method, route), transport)
        await anyio.wait_all_tasks_blocked()
        went = transport.in_flight
        transport.release.set()
    assert transport.sent == count
    return went


async def one_by_one(gate: Governor, count: int, *answers: Response) -> None:
    transport = Held(*answers)
    transport.release.set()
    for _ in range(count):
        await gate(request(), transport)


async def test_writes_to_an_endpoint_with_no_known_budget_go_three_at_a_time() -> None:
    gate = governor(FakeClock(), unannounced())
    assert await at_once(gate, 12) == 3


async def test_each_write_endpoint_has_its_own_three() -> None:
    gate = governor(FakeClock(), unannounced())
    transport = Held()
    async with anyio.create_task_group() as tasks:
        for route in ("DELETE /a", "DELETE /b"):
            for _ in range(4):
                tasks.start_soon(through, gate, request("DELETE", route), transport)
        await anyio.wait_all_tasks_blocked()
        assert transport.in_flight == 6
        transport.release.set()


async def test_reads_are_not_held_back() -> None:
    gate = governor(FakeClock(), unannounced())
    assert await at_once(gate, 12, method="GET") == 12


@pytest.mark.parametrize(
    "limits",
    [
        RateLimits(),  # github.com: the budget is known
        unannounced(cautious_writes=0),
        unannounced(adaptive=False),
        RateLimits.preset("unlimited"),
    ],
    ids=["preset budget", "switched off", "not adaptive", "unlimited"],
)
async def test_no_caution_where_the_budget_is_known_or_caution_is_off(limits: RateLimits) -> None:
    gate = governor(FakeClock(), limits)
    assert await at_once(gate, 12) == 12


async def test_each_window_without_a_limit_lets_one_more_write_go() -> None:
    clock = FakeClock()
    gate = governor(clock, unannounced(cautious_writes=2))
    await one_by_one(gate, 1)
    clock.advance(WINDOW - 0.1)
    await one_by_one(gate, 1)  # not yet a window after the first
    assert await at_once(gate, 10) == 2
    clock.advance(0.1)
    await one_by_one(gate, 1)  # a window: one more
    assert await at_once(gate, 10) == 3
    clock.advance(WINDOW)
    await one_by_one(gate, 1)
    assert await at_once(gate, 10) == 4


async def test_an_endpoint_that_accepted_more_than_github_publishes_is_let_go() -> None:
    clock = FakeClock()
    gate = governor(clock, unannounced())
    await one_by_one(gate, 180)  # 900 points: GitHub's published budget, no more
    assert await at_once(gate, 10) == 3
    gate = governor(clock, unannounced())
    await one_by_one(gate, 181)  # 905 points accepted within one window: it allows more
    assert await at_once(gate, 20) == 20


async def test_writes_waiting_when_the_caution_ends_all_go_at_once() -> None:
    gate = governor(FakeClock(), unannounced())
    await one_by_one(gate, 180)
    first, rest = Held(), Held()  # the first three, held; then the others

    async def transport(request: Request) -> Response:
        return await (first if first.sent < 3 else rest)(request)

    async with anyio.create_task_group() as tasks:
        for _ in range(20):
            tasks.start_soon(through, gate, request(), transport)
        await anyio.wait_all_tasks_blocked()
        assert (first.in_flight, rest.in_flight) == (3, 0)  # 17 wait for the caution
        first.release.set()  # the first answer proves the endpoint: the 17 go together
        await anyio.wait_all_tasks_blocked()
        assert rest.in_flight == 17
        rest.release.set()


async def test_the_proof_counts_points_not_requests() -> None:
    gate = governor(FakeClock(), unannounced(write_cost=1))
    await one_by_one(gate, 900)  # 900 points: no more than GitHub publishes
    assert await at_once(gate, 10) == 3
    gate = governor(FakeClock(), unannounced(write_cost=1))
    await one_by_one(gate, 901)
    assert await at_once(gate, 10) == 10


async def test_points_that_left_the_window_prove_nothing() -> None:
    clock = FakeClock()
    gate = governor(clock, unannounced(cautious_writes=1))
    for _ in range(4):
        await one_by_one(gate, 100)  # 500 points a window, 2,000 in all
        clock.advance(WINDOW)
    # 2,000 points, but never more than 500 in a window: one more in each of the three
    # windows after the first (growth shows at an answer), and nothing proven.
    assert await at_once(gate, 10) == 4


async def test_a_learned_budget_ends_the_caution_and_leaves_concurrency_alone() -> None:
    gate = governor(FakeClock(), unannounced(pause_on_limits=False))
    await one_by_one(gate, 99)
    assert await at_once(gate, 3, secondary("0"), secondary("0"), secondary("0")) == 3
    assert gate.limit_answers == 3
    # 97 accepted: the endpoint is paced a little under that from now on, as concurrency
    # allows; that was halved once, not held under the 3 in flight the limits came with.
    assert gate.concurrency == 10
    assert await at_once(gate, 30) == 10


async def test_limits_the_points_explain_leave_the_concurrency_free_to_grow_back() -> None:
    gate = governor(FakeClock(), unannounced(pause_on_limits=False))
    await one_by_one(gate, 99)
    await at_once(gate, 3, secondary("0"), secondary("0"), secondary("0"))
    assert gate.concurrency == 10
    transport = Held()
    transport.release.set()
    for _ in range(200):  # reads, answered one by one: a round of answers adds one
        await gate(request("GET", "GET /r"), transport)
    assert gate.concurrency == 20  # no ceiling from the 2 and 3 in flight the limits met


async def test_a_pause_waited_by_a_cautious_write_is_reported_for_its_endpoint() -> None:
    waits: list[RateLimitWait] = []
    gate = governor(FakeClock(), unannounced(), on_wait=waits.append)
    await one_by_one(gate, 1, secondary("5"))  # a pause of 5 s, no budget learned
    await one_by_one(gate, 1)
    assert [(w.reason, w.route) for w in waits] == [("secondary", ROUTE)]


async def test_a_limit_points_cannot_explain_keeps_the_caution_and_restarts_its_window() -> None:
    clock = FakeClock()
    gate = governor(clock, unannounced(pause_on_limits=False))
    await one_by_one(gate, 1)
    clock.advance(WINDOW - 1)
    await one_by_one(gate, 1, secondary("0"))  # one accepted: no evidence of a budget
    clock.advance(1)
    await one_by_one(gate, 1)  # a window after the start, not after the limit
    assert await at_once(gate, 10) == 3
    clock.advance(WINDOW)
    await one_by_one(gate, 1)
    assert await at_once(gate, 10) == 4


async def test_a_server_that_reports_no_rate_limits_gets_writes_as_concurrency_allows() -> None:
    gate = governor(FakeClock(), unannounced())
    # Before any answer, the server might keep limits: caution.
    assert await at_once(gate, 6, *[answer()] * 6) == 3
    # Its answers carried no x-ratelimit headers (rate limiting off): none from now on,
    # on this endpoint or any other.
    assert await at_once(gate, 12, *[answer()] * 12) == 12
    assert await at_once(gate, 12, *[answer()] * 12, route="POST /other") == 12


@pytest.mark.parametrize(
    "first",
    [answer(500), secondary("0")],
    ids=["a 500 without headers", "a limit without headers"],
)
async def test_a_first_answer_that_proves_nothing_keeps_the_caution(first: Response) -> None:
    gate = governor(FakeClock(), unannounced(pause_on_limits=False))
    await one_by_one(gate, 1, first)
    assert await at_once(gate, 12, *[answer()] * 12) == 3


async def test_caution_stays_once_a_server_reported_a_budget() -> None:
    gate = governor(FakeClock(), unannounced())
    await one_by_one(gate, 1)
    await one_by_one(gate, 2, answer(502), answer())  # a proxy's error, an answer without
    assert await at_once(gate, 12) == 3


async def test_an_answer_to_the_clients_own_credential_tells_as_much() -> None:
    gate = governor(FakeClock(), unannounced())
    transport = Held(answer(201, LIMITED))  # an App's token exchange, on a limited server
    transport.release.set()
    await gate(
        request("POST", "POST /app/installations/{id}/access_tokens", own_credential=True),
        transport,
    )
    assert await at_once(gate, 12) == 3


def test_cautious_writes_must_not_be_negative() -> None:
    with pytest.raises(ValueError, match="cautious_writes"):
        RateLimits(cautious_writes=-1)


# -- against FakeGitHub ----------------------------------------------------------------


@pytest.mark.parametrize("kind", ["async", "sync"])
async def test_a_prune_under_an_unannounced_budget_draws_three_limit_answers_at_most(
    fake: FakeGitHub, kind: str
) -> None:
    scale = 0.02  # a minute lasts 1.2 s
    for index in range(400):
        fake.add_cache("octo/app", key=f"k{index}", last_accessed_at=fake.clock.now())
    fake.faults = Faults(points_per_minute=900, time_scale=scale)
    minute = 60 * scale
    limits = unannounced(window=minute, margin=minute / 60, secondary_floor=minute)
    async with client_of_kind(kind, fake, limits=limits, max_concurrency=20) as gh:
        report = await gh.bulk.prune_caches(repos=["octo/app"], older_than=timedelta(0))
    assert (report.deleted, report.failed) == (400, 0)
    # Without caution, the 19 others in flight when the budget ran out were refused too.
    assert 1 <= fake.stats.limit_answers <= 3


@pytest.mark.parametrize("kind", ["async", "sync"])
async def test_without_rate_limiting_a_prune_is_not_held_back(kind: str) -> None:
    async with FakeGitHub(primary_limit=None, latency=0.01) as fake:
        for index in range(60):
            fake.add_cache("octo/app", key=f"k{index}", last_accessed_at=fake.clock.now())
        async with client_of_kind(kind, fake, max_concurrency=20) as gh:
            report = await gh.bulk.prune_caches(repos=["octo/app"], older_than=timedelta(0))
            assert gh.rate_limit is None  # no answer reported a budget
        assert (report.deleted, report.failed) == (60, 0)
        assert fake.stats.max_in_flight > 3

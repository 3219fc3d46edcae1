"""What the governor's rule tests share: a governor on a FakeClock, answers built by hand,
and a stand-in transport that notes when each request went out."""

from __future__ import annotations

import json
from collections.abc import Awaitable, Callable
from datetime import datetime, timedelta, timezone
from typing import Any

import anyio

from ghactions_async import RateLimits, RateLimitWait
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


async def through(
    gate: Governor, request: Request, call_next: Callable[[Request], Awaitable[Response]]
) -> Response:
    """The governor as a coroutine function (it hands back its request's coroutine), for
    ``start_soon``."""
    return await gate(request, call_next)


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
            tasks.start_soon(through, gate, request(method, "G"), call_next)
        await anyio.wait_all_tasks_blocked()
        assert gate.in_flight == len(answers)
        release.set()


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

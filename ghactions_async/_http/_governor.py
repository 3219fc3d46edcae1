"""Keeps one client inside GitHub's limits: every API request passes through here.

GitHub allows one credential about 100 requests in flight, 900 points a
minute per endpoint (a read costs 1 point, a write 5), and a primary budget
per hour that it reports in ``x-ratelimit-*`` headers. It answers a breach
with 403 or 429, and asks clients that keep pushing to stop. The governor:

- caps requests in flight, halving the cap when GitHub says "slow down" and
  growing it back by one per round of successful answers (AIMD), never past
  just under the concurrency at which a limit last came back (that ceiling
  lifts after ten quiet windows), so probing does not keep drawing limits;
- keeps a sliding window of points per endpoint, so writes are paced to the
  budget instead of to one a second, and learns a lower budget than the
  preset's (or one a server never announced) from its first limit answer
  (``_points.py``); until then, where no budget is known, sends writes to an
  endpoint a few at a time, so that answer finds few others in flight
  (``_caution.py``);
- pauses every request of the client together until ``retry-after`` (or a
  minute when a secondary limit comes without one), or until the primary
  budget resets when ``x-ratelimit-remaining`` reaches zero; every pause
  ends within ``RateLimits.max_wait``, then one request probes (``_pause.py``);
- reports each wait to an optional hook, and each pause it begins as an
  INFO record on ``ghactions_async.governor``.

Requests to other hosts (download storage) pass untouched.
"""

from __future__ import annotations

import collections
import logging
import math
from collections.abc import Awaitable, Callable
from datetime import datetime
from typing import TYPE_CHECKING, Literal

import anyio

from .._config import Clock, Origin
from ._caution import CautiousStart
from ._classify import PRIMARY_MARGIN
from ._limits import READ_METHODS, RateLimits, RateLimitState, RateLimitWait, ThrottleState
from ._pause import Pause, WaitedTooLong
from ._points import PointsWindow
from ._slots import Slots
from ._types import Handler, Request, Response

if TYPE_CHECKING:
    from ._classify import RateLimitVerdict

logger = logging.getLogger("ghactions_async.governor")


class Governor:
    """The per-client gate every API request passes (see the module docstring)."""

    def __init__(
        self,
        *,
        max_concurrency: int,
        api_url: str,
        limits: RateLimits,
        clock: Clock,
        on_wait: Callable[[RateLimitWait], object] | None = None,
    ) -> None:
        self.limits = limits
        self._max_concurrency = max_concurrency
        self._limiter = Slots(max_concurrency)
        self._api = Origin(api_url)
        self._clock = clock
        self._on_wait = on_wait
        self._windows: dict[str, PointsWindow] = collections.defaultdict(PointsWindow)
        # Spending is counted wherever a budget applies or may be learned (see _points).
        self._counting = limits.points_per_minute is not None or limits.adaptive
        # Writes to an endpoint with no budget known yet go a few at a time (_caution).
        self._cautious = (
            limits.points_per_minute is None and limits.adaptive and limits.cautious_writes > 0
        )
        self._cautions: dict[str, CautiousStart] = {}
        # Whether the server keeps rate limits: None until its first answer; False when
        # that came without x-ratelimit headers (an Enterprise Server with rate limiting
        # off, its default); True, for good, once any answer reports a budget or a limit.
        self._server_limits: bool | None = None
        self._explained_round = -1  # the last round of limits its points explained
        self._pause = Pause(clock, limits.max_wait)
        self._paused_for: RateLimitState | None = None  # the spent budget paused for already
        self._successes = 0
        self._epoch = 0  # counts decreases; a limit from an older epoch is not news
        self._ceiling = max_concurrency
        self._may_grow = False  # whether the cap or its ceiling is below max_concurrency
        self._last_limit = -math.inf
        self.state: RateLimitState | None = None
        self.limit_answers = 0
        self.waits = 0

    # -- what callers can see -------------------------------------------------

    @property
    def concurrency(self) -> int:
        return self._limiter.total

    @property
    def in_flight(self) -> int:
        return self._limiter.borrowed

    def throttle_state(self) -> ThrottleState:
        return ThrottleState(
            concurrency=self.concurrency,
            max_concurrency=self._max_concurrency,
            in_flight=self.in_flight,
            paused_until=self._pause.ends_at,
            limit_answers=self.limit_answers,
            waits=self.waits,
        )

    # -- the gate -----------------------------------------------------------

    def __call__(self, request: Request, call_next: Handler) -> Awaitable[Response]:
        # Not a coroutine itself: it hands back the one that does the work, so a request
        # (and each of thousands waiting for a slot) carries one frame less.
        if not self._api.holds(request.url):
            return call_next(request)
        route = _route_of(request)
        cost = self.limits.cost(request.method)
        window = self._windows[route] if self._counting else None
        caution = None
        if self._cautious and self._server_limits is not False:
            caution = self._caution(route, request.method, window)
        if caution is None:
            return self._govern(request, call_next, route, cost, window)
        assert window is not None  # a caution is only kept where points are counted
        return self._cautiously(caution, request, call_next, route, cost, window)

    async def _cautiously(
        self,
        caution: CautiousStart,
        request: Request,
        call_next: Handler,
        route: str,
        cost: int,
        window: PointsWindow,
    ) -> Response:
        await caution.take()
        try:
            response = await self._govern(request, call_next, route, cost, window)
            # Before the slot goes back: a waiter handed it has spent nothing yet.
            self._after_cautious(caution, window, response, cost)
        finally:
            caution.give_back()
        return response

    async def _govern(
        self,
        request: Request,
        call_next: Handler,
        route: str,
        cost: int,
        window: PointsWindow | None,
    ) -> Response:
        counted = False  # whether this request's points are in its window
        queue = None
        budgeted = self.limits.points_per_minute is not None
        if window is not None and cost > 0 and (budgeted or window.learned is not None):
            # Requests to one endpoint queue in order, so only the first in line
            # waits for points (no herd of waiters waking at every expiry).
            queue = window.queue
        limiter, pause = self._limiter, self._pause
        while True:
            if self.limits.follow_primary and self.state is not None:
                self._pause_for_spent_primary()
            probing = await self._wait_for_pause(route) if pause.holds() else False
            try:
                waited = queue is not None
                if queue is not None:
                    await _take(queue)
                try:
                    if queue is not None:
                        await self._wait_for_points(route, cost)
                    if not limiter.take_nowait():
                        waited = True
                        waiter = limiter.queue()  # no coroutine of its own while it waits
                        try:
                            await waiter
                        except BaseException:
                            limiter.leave(waiter)
                            raise
                    # A pause may have begun while it waited (with no wait, nothing ran since).
                    if waited and pause.remaining > 0:
                        limiter.give_back()
                        if probing:
                            pause.probe_done(answered=False)
                        continue
                    # Spend at the moment of sending, so the server sees what we counted.
                    if window is not None and cost:
                        window.spend(cost)
                        counted = True
                finally:
                    if queue is not None:
                        queue.release()
            except BaseException:
                if probing:
                    pause.probe_done(answered=False)
                raise
            break
        answered = False
        try:
            sent_with, epoch = limiter.borrowed, self._epoch
            response = await call_next(request)
            answered = True
            if self._observe(request, response, sent_with, epoch):
                counted = False  # refused: GitHub did not count its points, nor does the window
            return response
        finally:
            limiter.give_back()
            if counted:
                assert window is not None
                window.answered(cost, self._clock.monotonic(), self.limits.window)
            if probing:
                pause.probe_done(answered=answered)

    def _caution(
        self, route: str, method: str, window: PointsWindow | None
    ) -> CautiousStart | None:
        """The endpoint's cautious start, for a write while its budget is unknown (_caution)."""
        if window is None or method in READ_METHODS or window.learned is not None:
            return None
        caution = self._cautions.get(route)
        if caution is None:
            start = self.limits.cautious_writes
            caution = self._cautions[route] = CautiousStart(start, self._clock.monotonic())
        return None if caution.over else caution

    def _after_cautious(
        self, caution: CautiousStart, window: PointsWindow, response: Response, cost: int
    ) -> None:
        now = self._clock.monotonic()
        if window.learned is not None:
            caution.end()
        elif response.rate_limit is not None:
            caution.limited(now)
        else:
            # Accepted: what the window holds, less what the others in flight spent
            # (or are about to), which may still be refused.
            spent = -window.room(now, self.limits.window, 0)
            others = caution.in_flight - 1
            caution.accepted(spent - others * cost, now, self.limits.window)

    async def _wait_for_pause(self, route: str) -> bool:
        """Wait out the pause that holds; True when this request goes first after it (the probe)."""
        try:
            return await self._pause.wait(
                lambda reason, wait: self._report(reason, wait, route), self.limits.max_wait
            )
        except WaitedTooLong as exc:
            raise self._pause.refusal(exc.waited) from None

    def _points_wait(self, route: str, cost: int) -> float:
        if cost == 0 or not self._counting:
            return 0.0
        window, now = self._windows[route], self._clock.monotonic()
        span = self.limits.window
        budget = window.budget(self.limits.points_per_minute, now, span)
        if budget is None:
            return 0.0
        return window.wait_for(cost, now, span, budget)

    async def _wait_for_points(self, route: str, cost: int) -> None:
        while (wait := self._points_wait(route, cost)) > 0:
            self._report("points", wait, route)
            await self._clock.sleep(wait)

    def _pause_for_spent_primary(self) -> None:
        """Pause before GitHub has to refuse: the budget it last reported is spent."""
        state = self.state
        if state is None or state is self._paused_for:
            return
        if state.remaining - self.in_flight > 0:  # those in flight may spend the rest
            return
        wait = (state.reset_at - self._clock.now()).total_seconds() + PRIMARY_MARGIN
        if wait > 0:
            self._paused_for = state  # once: after the pause, a probe finds out more
            message = f"the primary budget of {state.limit} requests is spent"
            self._begin_pause(wait, "primary", status=403, message=message, reset_at=state.reset_at)

    def _begin_pause(
        self,
        seconds: float | None,
        reason: Literal["secondary", "primary"],
        *,
        status: int,
        message: str,
        reset_at: datetime | None = None,
    ) -> None:
        before = self._pause.remaining
        lasts = self._pause.begin(
            seconds, reason, status=status, message=message, reset_at=reset_at
        )
        if lasts > before:
            # INFO: a wait is the governor doing its job, not a problem.
            logger.info("rate limited (%s): pausing every request for %.1fs", reason, lasts)

    def _report(
        self,
        reason: Literal["secondary", "primary", "points", "outage"],
        seconds: float,
        route: str,
    ) -> None:
        self.waits += 1
        if self._on_wait is not None:
            self._on_wait(RateLimitWait(reason=reason, seconds=seconds, route=route))

    # -- learning from answers ------------------------------------------------

    def _observe(self, request: Request, response: Response, sent_with: int, epoch: int) -> bool:
        """Learn from an answer; True when it was a limit whose points the window took back."""
        state = None if request.own_credential else RateLimitState.from_headers(response.headers)
        if state is not None:
            known = self.state
            if (
                known is None
                or state.reset_at != known.reset_at
                or state.remaining < known.remaining
            ):
                self.state = state
        verdict = response.rate_limit
        if self._cautious:  # only the cautious start asks whether the server keeps limits
            self._note_server_limits(response, verdict)
        if verdict is None:
            if self._may_grow and 200 <= response.status < 400:
                self._grow()
            return False
        refunded = verdict.kind == "secondary" and self._counting
        if refunded:
            self._learn(request, epoch)
        self._on_limit(response, verdict, sent_with, epoch)
        return refunded

    def _note_server_limits(self, response: Response, verdict: RateLimitVerdict | None) -> None:
        """Whether the server keeps rate limits at all: its first answer says (any credential's,
        and not a 5xx, which a proxy may send), unless a later one reports a budget or a limit."""
        if verdict is not None or "x-ratelimit-limit" in response.headers:
            self._server_limits = True
        elif self._server_limits is None and response.status < 500:
            self._server_limits = False
            for caution in self._cautions.values():
                caution.end()

    def _learn(self, request: Request, epoch: int) -> None:
        """A secondary limit: the refused points were not spent; and from the first limit
        of a round, the endpoint is paced a little under what it accepted (see _points)."""
        window, cost = self._windows[_route_of(request)], self.limits.cost(request.method)
        window.refund(cost)
        if self.limits.adaptive and epoch == self._epoch:
            now = self._clock.monotonic()
            if window.limited(now, self.limits.window, cost, self.in_flight):
                self._explained_round = epoch

    def _on_limit(
        self, response: Response, verdict: RateLimitVerdict, sent_with: int, epoch: int
    ) -> None:
        self.limit_answers += 1
        self._last_limit = self._clock.monotonic()
        if self.limits.adaptive:
            # Concurrency was not the cause with one request in flight, nor when the
            # endpoint's points explained this round of limits (see _learn).
            if sent_with > 1 and epoch != self._explained_round:
                self._ceiling = min(self._ceiling, sent_with - 1)
            if epoch == self._epoch:  # the first limit of this round: halve once
                self._epoch += 1
                self._limiter.total = max(1, min(self.concurrency // 2, self._ceiling))
                self._successes = 0
            self._may_grow = True
        if not self.limits.pause_on_limits:
            return
        wait = verdict.wait(self._clock.now(), secondary_floor=self.limits.secondary_floor)
        message = response.error().message
        self._begin_pause(
            wait, verdict.kind, status=response.status, message=message, reset_at=verdict.reset_at
        )

    def _grow(self) -> None:
        """A clean answer after a limit (``_may_grow``): grow the cap back by one per round
        of answers, up to the ceiling, which lifts after ten quiet windows."""
        at_most = self._max_concurrency
        if self._clock.monotonic() - self._last_limit > 10 * self.limits.window:
            self._ceiling = at_most
        if self.concurrency < self._ceiling:
            self._successes += 1
            if self._successes >= self.concurrency:  # one round of answers at this cap
                self._successes = 0
                self._limiter.total = self.concurrency + 1
        self._may_grow = self.concurrency < at_most or self._ceiling < at_most


def _route_of(request: Request) -> str:
    """The endpoint a request counts against. Requests without an operation (the escape
    hatches) share one per method: one per URL would grow without bound in a long-lived
    client."""
    return request.route or f"{request.method} (unrouted)"


async def _take(lock: anyio.Lock) -> None:
    """A free lock is taken at once; ``acquire`` alone would first yield to the loop, so
    each request would go out one loop turn (every other ready callback) later."""
    try:
        lock.acquire_nowait()
    except anyio.WouldBlock:
        await lock.acquire()

"""When to try a request again, and how long to wait first."""

from __future__ import annotations

import random
from typing import TYPE_CHECKING

from attrs import evolve, field, frozen
from attrs.validators import ge

from .._config import Clock
from .._errors import Attempt, TransportError
from ._types import Handler, Request, Response

if TYPE_CHECKING:
    from ._events import Events
    from ._limits import RateLimits

IDEMPOTENT_METHODS = frozenset({"GET", "HEAD", "OPTIONS", "PUT", "DELETE"})


@frozen
class RetryPolicy:
    """Retries with exponential backoff and full jitter.

    Repeats only what is safe: GET, HEAD, PUT and DELETE after 5xx, a broken
    connection or a timeout; POST and PATCH only when the request surely never
    reached GitHub; any method GitHub refused with a rate limit (after the
    wait it asked for). ``max_wait`` caps the backoff one request may spend
    across its retries; rate-limit waits are capped by the client's
    ``RateLimits.max_wait``.
    """

    max_retries: int = field(default=3, validator=ge(0))
    backoff_base: float = field(default=0.5, validator=ge(0))
    backoff_max: float = field(default=30.0, validator=ge(0))
    max_wait: float = field(default=120.0, validator=ge(0))
    retry_statuses: frozenset[int] = frozenset({500, 502, 503, 504})

    def backoff(self, attempt: int, rng: random.Random) -> float:
        """Full jitter: uniform in [0, min(max, base * 2**attempt)]."""
        return rng.uniform(0.0, min(self.backoff_max, self.backoff_base * (2**attempt)))

    def backoff_after_response(
        self, attempt: int, request: Request, response: Response, rng: random.Random
    ) -> float | None:
        if response.status in self.retry_statuses and request.method in IDEMPOTENT_METHODS:
            return self.backoff(attempt, rng)
        return None

    def backoff_after_error(
        self, attempt: int, request: Request, error: TransportError, rng: random.Random
    ) -> float | None:
        if error.request_sent and request.method not in IDEMPOTENT_METHODS:
            return None
        return self.backoff(attempt, rng)


class RetryMiddleware:
    """Applies a RetryPolicy; the clock (and so every wait) and randomness are injectable.

    Every attempt is recorded; a request that gives up carries that history
    on its error. Rate-limit waits follow the client's ``RateLimits`` (the
    governor's): ``max_wait`` caps them, ``secondary_floor`` is the wait
    after a secondary limit without ``retry-after``. Each retry is reported
    to ``events`` (a WARNING record, a count, the ``on_retry`` hook).
    """

    def __init__(
        self,
        policy: RetryPolicy,
        *,
        clock: Clock,
        limits: RateLimits,
        rng: random.Random | None = None,
        events: Events | None = None,
    ) -> None:
        self.policy = policy
        self._clock = clock
        self._limits = limits
        self._rng = rng or random.Random()
        self._events = events

    async def __call__(self, request: Request, call_next: Handler) -> Response:
        policy = self.policy
        history: list[Attempt] = []
        backoff_spent = rate_limit_spent = 0.0
        maybe_done = False  # an earlier attempt may have been carried out
        while True:
            number = len(history) + 1
            started = self._clock.monotonic()
            try:
                attempt = request if number == 1 else evolve(request, attempt=number)
                response = await call_next(attempt)
            except TransportError as error:
                delay = limited = None
                if number <= policy.max_retries:
                    delay = policy.backoff_after_error(number - 1, request, error, self._rng)
                history.append(Attempt(number, type(error).__name__, delay or 0.0))
                if delay is None or backoff_spent + delay > policy.max_wait:
                    error.history = history
                    raise
                backoff_spent += delay
                maybe_done = maybe_done or error.request_sent
                outcome = type(error).__name__
            else:
                response.attempts = number
                response.elapsed = self._clock.monotonic() - started
                delay = limited = None
                if number <= policy.max_retries:
                    verdict = response.rate_limit
                    if verdict is not None:
                        limited = verdict.wait(
                            self._clock.now(), secondary_floor=self._limits.secondary_floor
                        )
                    delay = limited
                    if limited is None:
                        delay = policy.backoff_after_response(
                            number - 1, request, response, self._rng
                        )
                history.append(Attempt(number, str(response.status), delay or 0.0))
                if limited is not None:
                    give_up = rate_limit_spent + limited > self._limits.max_wait
                    rate_limit_spent += limited
                else:
                    give_up = delay is None or backoff_spent + delay > policy.max_wait
                    backoff_spent += delay or 0.0
                if delay is None or give_up:
                    response.history = history
                    response.maybe_done_before = maybe_done
                    return response
                maybe_done = maybe_done or limited is None  # a 5xx; a rate limit did nothing
                await response.aclose()
                outcome = str(response.status)
            if self._events is not None:
                limited_here = limited is not None
                self._events.retry(request, number, outcome, delay, rate_limited=limited_here)
            await self._clock.sleep(delay)

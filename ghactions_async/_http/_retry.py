"""When to try a request again, and how long to wait first."""

from __future__ import annotations

import logging
import random

from attrs import field, frozen
from attrs.validators import ge

from .._config import Clock
from .._errors import RateLimitError, SecondaryRateLimitExceeded, TransportError
from ._types import Handler, Request, Response

logger = logging.getLogger("ghactions_async")

IDEMPOTENT_METHODS = frozenset({"GET", "HEAD", "OPTIONS", "PUT", "DELETE"})
SECONDARY_LIMIT_FLOOR = 60.0
"""GitHub: wait at least a minute after a secondary limit that came without retry-after."""


@frozen
class RetryPolicy:
    """Retries with exponential backoff and full jitter.

    Repeats only what is safe: idempotent methods after 5xx or a broken
    connection, any method when the request surely never reached GitHub or
    was refused by a rate limit. ``max_wait`` caps the total time one request
    may spend waiting across its retries.
    """

    max_retries: int = field(default=3, validator=ge(0))
    backoff_base: float = field(default=0.5, validator=ge(0))
    backoff_max: float = field(default=30.0, validator=ge(0))
    max_wait: float = field(default=120.0, validator=ge(0))
    retry_statuses: frozenset[int] = frozenset({500, 502, 503, 504})

    @classmethod
    def of(cls, value: RetryPolicy | int | None) -> RetryPolicy:
        """Accept a number of retries as shorthand; ``None`` means no retries."""
        if isinstance(value, RetryPolicy):
            return value
        if value is None:
            return cls(max_retries=0)
        if isinstance(value, bool) or not isinstance(value, int):
            raise TypeError(f"retry must be a RetryPolicy, an int or None, got {value!r}")
        return cls(max_retries=value)

    def backoff(self, attempt: int, rng: random.Random) -> float:
        """Full jitter: uniform in [0, min(max, base * 2**attempt)]."""
        return rng.uniform(0.0, min(self.backoff_max, self.backoff_base * (2**attempt)))

    def delay_after_response(
        self, attempt: int, request: Request, response: Response, rng: random.Random, clock: Clock
    ) -> float | None:
        """Seconds to wait before retrying, or ``None`` to keep this answer."""
        if attempt >= self.max_retries:
            return None
        if response.status in (403, 429):
            error = response.error(request)
            if not isinstance(error, RateLimitError):
                return None
            wait = error.wait_seconds(clock.now())
            if wait is None and isinstance(error, SecondaryRateLimitExceeded):
                wait = SECONDARY_LIMIT_FLOOR
            return wait
        if response.status in self.retry_statuses and request.method in IDEMPOTENT_METHODS:
            return self.backoff(attempt, rng)
        return None

    def delay_after_error(
        self, attempt: int, request: Request, error: TransportError, rng: random.Random
    ) -> float | None:
        if attempt >= self.max_retries:
            return None
        if error.request_sent and request.method not in IDEMPOTENT_METHODS:
            return None
        return self.backoff(attempt, rng)


class RetryMiddleware:
    """Applies a RetryPolicy; the clock (and so every wait) and randomness are injectable."""

    def __init__(
        self, policy: RetryPolicy, *, clock: Clock, rng: random.Random | None = None
    ) -> None:
        self.policy = policy
        self._clock = clock
        self._rng = rng or random.Random()

    async def __call__(self, request: Request, call_next: Handler) -> Response:
        waited = 0.0
        attempt = 0
        while True:
            started = self._clock.monotonic()
            try:
                response = await call_next(request)
            except TransportError as error:
                delay = self.policy.delay_after_error(attempt, request, error, self._rng)
                if delay is None or waited + delay > self.policy.max_wait:
                    raise
                logger.info(
                    "%s %s failed (%s); retry %d in %.2fs",
                    request.method,
                    request.url,
                    type(error).__name__,
                    attempt + 1,
                    delay,
                )
            else:
                response.attempts = attempt + 1
                response.elapsed = self._clock.monotonic() - started
                delay = self.policy.delay_after_response(
                    attempt, request, response, self._rng, self._clock
                )
                if delay is None or waited + delay > self.policy.max_wait:
                    return response
                await response.aclose()
                logger.info(
                    "%s %s answered %d; retry %d in %.2fs",
                    request.method,
                    request.url,
                    response.status,
                    attempt + 1,
                    delay,
                )
            await self._clock.sleep(delay)
            waited += delay
            attempt += 1

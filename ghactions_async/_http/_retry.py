"""When to try a request again, how long to wait first, and how to stop a retry storm.

A transient failure (502, 503, 504, 500, a dropped connection, a timeout)
is retried soon: the first retry within 15 to 30 milliseconds, later
ones backing off further, each with jitter. Scattered failures then cost
almost nothing. Widespread failures are another matter: every retry adds
load to a service that is already failing. So retries spend tokens from a
budget that answered requests refill (``RetryBudget``, in the spirit of the
AWS SDKs' standard retry mode). When the budget is spent, the client takes
it as an outage: every request waits, and one at a time probes, less and
less often, until GitHub answers again; then all go on. Waiting out an
outage costs no retries of a request, only time: each request waits at
most ``RetryPolicy.max_wait``, so nothing is lost to an outage shorter than
that, and nothing waits forever.
"""

from __future__ import annotations

import logging
import random
from typing import TYPE_CHECKING

from attrs import field, frozen
from attrs.validators import ge, gt

from .._config import Clock
from .._errors import Attempt, TransportError
from ._pause import Pause, WaitedTooLong
from ._types import Handler, Request, Response

if TYPE_CHECKING:
    from ._events import Events
    from ._limits import RateLimits

logger = logging.getLogger("ghactions_async.retry")

IDEMPOTENT_METHODS = frozenset({"GET", "HEAD", "OPTIONS", "PUT", "DELETE"})

PROBE_FIRST = 0.25
"""Seconds before the first probe of an outage; each failed probe doubles it ..."""
PROBE_MAX = 2.0
"""... up to this, so recovery is noticed within two seconds."""


@frozen
class RetryBudget:
    """Retries spend tokens; answered requests give some back.

    ``capacity`` retries may go out back to back; each answered request
    (anything but a transient failure) returns ``refill`` tokens, so failures
    scattered at up to about that rate never run the budget dry.
    """

    capacity: float = field(default=10.0, validator=gt(0))
    refill: float = field(default=0.1, validator=ge(0))


@frozen
class RetryPolicy:
    """Retries with backoff and jitter, within a budget (see the module docstring).

    Repeats only what is safe: GET, HEAD, PUT and DELETE after 5xx, a broken
    connection or a timeout; POST and PATCH only when the request surely never
    reached GitHub; any method GitHub refused with a rate limit (after the
    wait it asked for). The n-th retry waits between half and all of
    ``backoff_base * 2**(n-1)`` (at most ``backoff_max``); ``max_wait`` caps
    the time one request may spend in backoff and outages; rate-limit waits
    are capped by the client's ``RateLimits.max_wait``. ``budget=None``
    retries every failure up to ``max_retries`` whatever the rest do.
    """

    max_retries: int = field(default=3, validator=ge(0))
    backoff_base: float = field(default=0.03, validator=ge(0))
    backoff_max: float = field(default=30.0, validator=ge(0))
    max_wait: float = field(default=120.0, validator=ge(0))
    retry_statuses: frozenset[int] = frozenset({500, 502, 503, 504})
    budget: RetryBudget | None = RetryBudget()

    def backoff(self, attempt: int, rng: random.Random) -> float:
        """Seconds before retry ``attempt + 1``: half of the step fixed, half jittered."""
        step: float = min(self.backoff_max, self.backoff_base * (2**attempt))
        return step / 2 + rng.uniform(0.0, step / 2)

    def transient(self, request: Request, response: Response) -> bool:
        """A failure worth trying again: a 5xx GitHub may not repeat, on a method safe to repeat."""
        return response.status in self.retry_statuses and request.method in IDEMPOTENT_METHODS

    def retryable(self, request: Request, error: TransportError) -> bool:
        """A lost answer is worth trying again unless a non-idempotent request may have landed."""
        return not (error.request_sent and request.method not in IDEMPOTENT_METHODS)


class _Tokens:
    """The budget's state: how many retries may go out now."""

    def __init__(self, budget: RetryBudget) -> None:
        self.budget = budget
        self.level = budget.capacity

    def take(self) -> bool:
        if self.level < 1:
            return False
        self.level -= 1
        return True

    def give_back(self) -> None:
        self.level = min(self.budget.capacity, self.level + self.budget.refill)

    def restore(self) -> None:
        """After an outage: half the budget, so retries start again but cannot storm."""
        self.level = max(self.level, self.budget.capacity / 2)


class RetryMiddleware:
    """Applies a RetryPolicy; the clock (and so every wait) and randomness are injectable.

    Every attempt is recorded; a request that gives up carries that history
    on its error. Rate-limit waits follow the client's ``RateLimits`` (the
    governor's): ``max_wait`` caps them, ``secondary_floor`` is the wait
    after a secondary limit without ``retry-after``. Each retry is reported
    to ``events`` (a WARNING record, a count, the ``on_retry`` hook); an
    outage's start and end are records of ``ghactions_async.retry``.
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
        self._tokens = _Tokens(policy.budget) if policy.budget is not None else None
        self.outage = Pause(clock, max_wait=PROBE_MAX)
        self._probe_delay = PROBE_FIRST
        self.outages = 0

    async def __call__(self, request: Request, call_next: Handler) -> Response:
        if self.outage.holds():
            return await self._with_retries(request, call_next, None)
        try:
            response = await call_next(request)
        except TransportError as error:
            return await self._with_retries(request, call_next, error)
        status = response.status
        if status < 300 and status not in self.policy.retry_statuses:
            # The common answer: nothing to retry, nothing to tell.
            if self._tokens is not None:
                self._tokens.give_back()
            return response
        return await self._with_retries(request, call_next, response)

    async def _with_retries(
        self, request: Request, call_next: Handler, first: TransportError | Response | None
    ) -> Response:
        """The request until it succeeds or retries end, from its first attempt's outcome
        (``first``), or from the start when an outage held it back (None)."""
        policy = self.policy
        history: list[Attempt] = []
        backoff_spent = rate_limit_spent = outage_spent = 0.0
        retries = 0  # retries counted against max_retries (outage waits are not)
        maybe_done = False  # an earlier attempt may have been carried out
        failure: TransportError | Response | None = None
        while True:
            probing = False
            if self.outage.holds():
                began = self._clock.monotonic()
                budget = policy.max_wait - backoff_spent - outage_spent
                try:
                    probing = await self.outage.wait(_unreported, budget)
                except WaitedTooLong as exc:
                    waited = outage_spent + exc.waited
                    return self._give_up(failure, history, maybe_done, request, waited)
                outage_spent += self._clock.monotonic() - began
            number = len(history) + 1
            try:
                if first is None:
                    attempt = request if number == 1 else request.as_attempt(number)
                    response = await call_next(attempt)
                else:  # the first attempt's outcome, handled as if it had just come
                    earlier, first = first, None
                    if isinstance(earlier, TransportError):
                        raise earlier
                    response = earlier
            except TransportError as error:
                if probing:
                    self._probe_failed()
                failure, outcome = error, type(error).__name__
                if not policy.retryable(request, error):
                    history.append(Attempt(number, outcome, 0.0))
                    error.history = history
                    raise
                maybe_done = maybe_done or error.request_sent
            except BaseException:
                if probing:  # cancelled, or an answer it cannot use: the next request probes
                    self.outage.probe_done(answered=False)
                raise
            else:
                response.attempts = number
                verdict = response.rate_limit
                if verdict is None and policy.transient(request, response):
                    if probing:
                        self._probe_failed()
                    await response.aclose()
                    failure, outcome = response, str(response.status)
                    maybe_done = True
                else:
                    if probing:
                        self._probe_answered()
                    elif self._tokens is not None:
                        self._tokens.give_back()
                    limited = None
                    if verdict is not None and number <= policy.max_retries:
                        now = self._clock.now()
                        limited = verdict.wait(now, secondary_floor=self._limits.secondary_floor)
                    if limited is None or rate_limit_spent + limited > self._limits.max_wait:
                        if history or response.status >= 300:  # else there is nothing to tell
                            history.append(Attempt(number, str(response.status), 0.0))
                            response.history = history
                        response.maybe_done_before = maybe_done
                        return response
                    rate_limit_spent += limited
                    history.append(Attempt(number, str(response.status), limited))
                    await response.aclose()
                    self._log(request, number, str(response.status), limited, rate_limited=True)
                    await self._clock.sleep(limited)
                    continue
            # A transient failure: retry soon, within the budget; past it, an outage.
            if self._tokens is not None and not self._tokens.take():
                history.append(Attempt(number, outcome, 0.0))
                if not probing:  # a failed probe has set the next, jittered, wait already
                    self._begin_outage()
                continue
            delay = None
            if retries < policy.max_retries:
                delay = policy.backoff(retries, self._rng)
                if backoff_spent + delay > policy.max_wait:
                    delay = None
            history.append(Attempt(number, outcome, delay or 0.0))
            if delay is None:
                return self._give_up(failure, history, maybe_done, request)
            retries += 1
            backoff_spent += delay
            self._log(request, number, outcome, delay, rate_limited=False)
            await self._clock.sleep(delay)

    def _give_up(
        self,
        failure: TransportError | Response | None,
        history: list[Attempt],
        maybe_done: bool,
        request: Request,
        waited: float = 0.0,
    ) -> Response:
        """The last failure: its answer returned (the requester raises its error), or raised."""
        if isinstance(failure, Response):
            failure.history = history
            failure.maybe_done_before = maybe_done
            return failure
        if failure is None:  # it waited for an outage before its first attempt
            failure = TransportError(
                f"GitHub kept failing; gave up after waiting {waited:.0f}s for it to recover",
                method=request.method,
                url=request.url,
                request_sent=False,
            )
        failure.history = history
        raise failure

    def _begin_outage(self) -> None:
        if self.outage.remaining == 0:
            self.outages += 1
            logger.warning("GitHub is failing widely: one request at a time probes it")
        self.outage.begin(self._probe_delay, "outage", status=502, message="GitHub is failing")

    def _probe_failed(self) -> None:
        """The probe failed too: the next one waits longer."""
        self._probe_delay = min(PROBE_MAX, self._probe_delay * 2)
        self.outage.begin(self._jittered(self._probe_delay), "outage", status=502, message="")
        self.outage.probe_done(answered=True)

    def _probe_answered(self) -> None:
        """GitHub answered the probe: the others go on."""
        self._probe_delay = PROBE_FIRST
        if self._tokens is not None:
            self._tokens.restore()
        self.outage.probe_done(answered=True)
        logger.info("GitHub answers again: the outage is over")

    def _jittered(self, seconds: float) -> float:
        return seconds * self._rng.uniform(0.75, 1.0)

    def _log(
        self, request: Request, number: int, outcome: str, delay: float, *, rate_limited: bool
    ) -> None:
        """A retry: a WARNING record, a count and the ``on_retry`` hook (``_events.py``)."""
        if self._events is not None:
            self._events.retry(request, number, outcome, delay, rate_limited=rate_limited)


def _unreported(reason: object, seconds: float) -> None:
    """Outage waits are not rate-limit waits: ``on_wait`` does not hear of them."""

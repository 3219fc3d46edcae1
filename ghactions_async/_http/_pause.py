"""A pause every request of a client keeps together, and how it ends.

GitHub asks a client that hit a limit to wait (``retry-after``, or until
the primary budget resets), and warns that requests sent while limited can
get an integration banned; when GitHub is failing outright, requests sent
meanwhile only add to the load. So when one answer says "wait", every
request of the client waits. Every pause ends: it lasts at most
``max_wait``, however long GitHub asked (a ``retry-after`` of 1e9, or a
spent budget with no reset time, would otherwise stop the client forever).
When it ends, one request goes first, alone, as a probe; the others follow
once it is answered without a new pause. A request waits at most the
budget it brings; past that ``wait`` raises ``WaitedTooLong`` and the
caller decides what the request ends in.

The governor keeps one for GitHub's limits, the retry layer one for outages.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from datetime import datetime, timedelta
from typing import Literal

import anyio

from .._config import Clock
from .._errors import RateLimitError, RateLimitExceeded, SecondaryRateLimitExceeded

Reason = Literal["secondary", "primary", "outage"]


class WaitedTooLong(Exception):
    """A request's waiting would go past the budget it brought (see ``Pause.wait``)."""

    def __init__(self, waited: float) -> None:
        super().__init__(f"waited {waited:.1f}s")
        self.waited = waited


class Pause:
    """The client's pause (see the module docstring)."""

    def __init__(self, clock: Clock, max_wait: float) -> None:
        self._clock = clock
        self._max_wait = max_wait
        self._until = -math.inf  # monotonic
        self.reason: Reason = "secondary"
        self._status = 429
        self._message = ""
        self._reset_at: datetime | None = None
        self._probe_needed = False
        self._probe: anyio.Event | None = None  # set while a probe is out

    def holds(self) -> bool:
        """Whether a request must stop here at all (the common case: no)."""
        return self._probe_needed or self._until > self._clock.monotonic()

    @property
    def remaining(self) -> float:
        """Seconds until the pause ends (0 when there is none)."""
        return max(0.0, self._until - self._clock.monotonic())

    @property
    def ends_at(self) -> datetime | None:
        """When the pause ends, on the wall clock; None when there is none."""
        remaining = self.remaining
        return self._clock.now() + timedelta(seconds=remaining) if remaining > 0 else None

    def begin(
        self,
        seconds: float | None,
        reason: Reason,
        *,
        status: int,
        message: str,
        reset_at: datetime | None = None,
    ) -> float:
        """Pause every request ``seconds`` (None: GitHub did not say), at most ``max_wait``.

        Returns the seconds the pause now lasts; a shorter pause than the one
        under way changes nothing.
        """
        capped = self._max_wait if seconds is None else min(max(0.0, seconds), self._max_wait)
        until = self._clock.monotonic() + capped
        self._probe_needed = True
        if until > self._until:
            self._until = until
            self.reason, self._status, self._message = reason, status, message
            self._reset_at = reset_at
        return self.remaining

    async def wait(self, report: Callable[[Reason, float], object], budget: float) -> bool:
        """Wait for the pause and for the probe after it; True when this request is the probe.

        ``report`` hears of each wait. Raises ``WaitedTooLong`` when the
        waiting would go past ``budget`` seconds.
        """
        waited = 0.0
        while True:
            wait = self._until - self._clock.monotonic()
            if wait > 0:
                if waited + wait > budget:
                    raise WaitedTooLong(waited)
                report(self.reason, wait)
                await self._clock.sleep(wait)
                waited += wait
                continue
            if not self._probe_needed:
                return False
            if self._probe is None:
                self._probe = anyio.Event()
                return True
            await self._probe.wait()

    def probe_done(self, *, answered: bool) -> None:
        """The probe is back: without a new pause, the others may go (see ``wait``).

        ``answered`` is False when it got no answer (or never left): the next
        request probes instead.
        """
        probe, self._probe = self._probe, None
        if answered and self.remaining == 0:
            self._probe_needed = False
        if probe is not None:
            probe.set()

    def refusal(self, waited: float) -> RateLimitError:
        """The error of a request that waited ``waited`` seconds and would have to wait on."""
        kind = RateLimitExceeded if self.reason == "primary" else SecondaryRateLimitExceeded
        return kind(
            f"rate limited ({self.reason}); still paused after waiting {waited:.0f}s "
            f"of at most {self._max_wait:.0f}s: {self._message}",
            status=self._status,
            reset_at=self._reset_at,
            retry_after=self.remaining,
        )

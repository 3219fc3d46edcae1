"""A clock for tests: waiting takes no time, and every wait is recorded."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone

import anyio
import anyio.lowlevel

from .._config import Clock


class FakeClock(Clock):
    """Pass as ``clock=`` to a client: its sleeps return at once and move time forward.

    ``sleeps`` lists every wait the client asked for, in seconds, so a test
    can assert on backoff and rate-limit pauses without spending them.
    """

    def __init__(self, start: datetime | None = None) -> None:
        self._start = start or datetime.now(timezone.utc)
        self._elapsed = 0.0
        self.sleeps: list[float] = []

    def monotonic(self) -> float:
        """Seconds passed on this clock: the sum of every sleep and ``advance``."""
        return self._elapsed

    def now(self) -> datetime:
        """The start time plus the seconds passed on this clock."""
        return self._start + timedelta(seconds=self._elapsed)

    def advance(self, seconds: float) -> None:
        """Move time forward without a sleep (a token's expiry, a rate-limit reset)."""
        self._elapsed += seconds

    async def sleep(self, seconds: float) -> None:
        """Record the wait in ``sleeps``, move time forward by it, and return at once."""
        self.sleeps.append(seconds)
        self._elapsed += max(0.0, seconds)
        await anyio.lowlevel.checkpoint()

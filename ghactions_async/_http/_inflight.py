"""The requests a client has in flight, so that closing it can let them finish, then stop them.

A service shuts down by closing its client: requests already sent should get
their answers (a DELETE half done is worse than one finished), but a request
waiting out a 15-minute pause must not hold the shutdown up. Each request
runs in a cancel scope of its own, registered here while it runs; ``drain``
waits until none is left or the time is up, then cancels the rest.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

import anyio

CANCELLED_UNWIND = 5.0
"""Seconds a cancelled request may take to let go of its connection."""


class InFlight:
    """Requests running now (see the module docstring)."""

    def __init__(self) -> None:
        self._scopes: set[anyio.CancelScope] = set()
        self._idle: anyio.Event | None = None

    def __len__(self) -> int:
        return len(self._scopes)

    @contextmanager
    def track(self) -> Iterator[anyio.CancelScope]:
        """Run the block as one request in flight; when ``drain`` cancels it, the block
        ends early and the scope's ``cancelled_caught`` is True."""
        scope = anyio.CancelScope()
        self._scopes.add(scope)
        try:
            with scope:
                yield scope
        finally:
            self._scopes.discard(scope)
            if not self._scopes and self._idle is not None:
                self._idle.set()

    async def drain(self, *, grace: float) -> int:
        """Wait up to ``grace`` seconds for every request to end, then cancel the
        rest and wait for them to unwind; returns how many were cancelled."""
        if not await self._wait_idle(grace):
            left = list(self._scopes)
            for scope in left:
                scope.cancel()
            await self._wait_idle(CANCELLED_UNWIND)
            return len(left)
        return 0

    async def _wait_idle(self, seconds: float) -> bool:
        if not self._scopes:
            return True
        self._idle = anyio.Event()
        with anyio.move_on_after(seconds):
            await self._idle.wait()
        self._idle = None
        return not self._scopes

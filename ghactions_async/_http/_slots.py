"""The client's requests in flight: a count of slots whose number can change while in use.

The governor lowers the cap when GitHub says "slow down" and raises it
again as answers come back clean, so the cap must change under load, with
effect at once: a lowered cap lets no one in until enough slots are back.
anyio's ``CapacityLimiter`` does that, but its wait path costs about 40 us
a request when thousands are queued (a user gathering a bulk job's calls);
this asyncio version wakes one waiter's future per freed slot, in order.
"""

from __future__ import annotations

import asyncio
import collections


class Slots:
    """At most ``total`` holders at once; waiters are let in first come, first served."""

    __slots__ = ("_total", "_waiters", "borrowed")

    def __init__(self, total: int) -> None:
        self._total = total
        self.borrowed = 0
        self._waiters: collections.deque[asyncio.Future[None]] = collections.deque()

    @property
    def total(self) -> int:
        return self._total

    @total.setter
    def total(self, value: int) -> None:
        """A new cap: a higher one lets waiters in now; a lower one waits for holders to leave."""
        self._total = max(1, value)
        self._wake()

    def take_nowait(self) -> bool:
        """A slot at once, if one is free and no one waits before us."""
        if self.borrowed < self._total and not self._waiters:
            self.borrowed += 1
            return True
        return False

    async def take(self) -> None:
        """A slot, at once when one is free, else in turn."""
        if self.take_nowait():
            return
        waiter = self.queue()
        try:
            await waiter
        except BaseException:
            self.leave(waiter)
            raise

    def queue(self) -> asyncio.Future[None]:
        """A place in line: awaiting it gives a slot in turn. A caller that stops waiting
        (cancelled) must ``leave``. ``take`` without a coroutine of its own, for the
        governor, where thousands may wait at once."""
        waiter = asyncio.get_running_loop().create_future()
        self._waiters.append(waiter)
        return waiter

    def leave(self, waiter: asyncio.Future[None]) -> None:
        """A waiter from ``queue`` stopped waiting: its place, or the slot it was handed, goes."""
        if waiter.done() and not waiter.cancelled():
            self.give_back()  # it was handed a slot just as it was cancelled
        elif waiter in self._waiters:  # a slot freed meanwhile may have dropped it
            self._waiters.remove(waiter)

    def give_back(self) -> None:
        """Return a slot: the first waiter (if any, and the cap allows) takes it."""
        self.borrowed -= 1
        self._wake()

    def _wake(self) -> None:
        waiters = self._waiters
        while waiters and self.borrowed < self._total:
            waiter = waiters.popleft()
            if not waiter.done():
                self.borrowed += 1
                waiter.set_result(None)

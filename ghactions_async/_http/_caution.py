"""Writes to an endpoint whose budget nobody announced go a few at a time at first.

A server that announces no budget (an Enterprise Server, or a credential
held to less than the preset says) can only be learned from its first
refusal, and every request already in flight then is refused as well:
twenty in flight meant nineteen more limit answers, and GitHub warns that
requests sent while limited can get an integration banned. So until an
endpoint's budget is known (announced, or learned from a refusal) or it has
accepted more than GitHub publishes for an endpoint (900 points a minute)
within one window, its writes go ``RateLimits.cautious_writes`` at a time,
one more after each window without a limit answer. The budget is then
crossed with a few in flight, and since each window sends at most one more
at a time than the window before, about one request beyond the first refusal
finds it spent. Reads cost a fifth of a write and an endpoint rarely reads
that much; they are not held back.

A server whose answers carry no ``x-ratelimit-*`` headers keeps no rate
limits (an Enterprise Server with rate limiting off, its default): there,
after its first answer, writes go as concurrency allows. On a server that
keeps limits but allows far more than GitHub publishes, caution costs the
first 181 writes per endpoint: at three in flight, 60 round trips.
"""

from __future__ import annotations

from ._slots import Slots

PUBLISHED_BUDGET = 900
"""GitHub's published budget for one endpoint, in points a minute: an endpoint that
accepted more within one window is taken to have a budget at least that large."""


class CautiousStart:
    """One endpoint's writes in flight while its budget is unknown, and when that ends."""

    __slots__ = ("_grown_at", "_slots", "over")

    def __init__(self, start: int, now: float) -> None:
        self._slots = Slots(start)
        self._grown_at = now
        self.over = False

    @property
    def in_flight(self) -> int:
        return self._slots.borrowed

    async def take(self) -> None:
        await self._slots.take()

    def give_back(self) -> None:
        self._slots.give_back()

    def accepted(self, points: float, now: float, window: float) -> None:
        """An answer that was no limit: ``points`` is what the endpoint accepted this window."""
        if points > PUBLISHED_BUDGET:
            self.end()
        elif now - self._grown_at >= window:
            self._grown_at = now
            self._slots.total = self._slots.total + 1

    def limited(self, now: float) -> None:
        """A limit answer: the next window without one starts now."""
        self._grown_at = now

    def end(self) -> None:
        """The budget is known now, or shown to be large: writes go as the governor lets them."""
        if not self.over:
            self.over = True
            self._slots.total = 1 << 30  # lets every waiter in

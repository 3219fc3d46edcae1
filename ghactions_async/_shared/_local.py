"""What this client spent lately, for when Redis cannot hold the whole budget.

A restarted Redis has forgotten every client's spends of the last window,
and while Redis is away nobody counts them together. Each client therefore
keeps its own spends (in the window, per route) and, while Redis is away and
for one window after it is back or was found to have forgotten, keeps to
its share: the budget divided by the clients of the credential seen in the
last window. Points count from sending until the answer, as in Redis.
"""

from __future__ import annotations

import collections
from collections.abc import Callable

Spend = list[float]
"""``[when, cost]``: when it was sent, then when its answer came (local monotonic seconds)."""

MAX_ROUTES = 256
"""Routes remembered before the idle ones are swept (raw URLs can be many)."""


class LocalShare:
    """This client's spends per route in the last ``span`` seconds, and its share's room."""

    def __init__(self, budget: int, span: float, clock: Callable[[], float]) -> None:
        self._budget = budget
        self._span = span
        self._clock = clock
        self._routes: dict[str, collections.deque[Spend]] = {}
        self._peers = 1
        self._peers_seen = -float("inf")
        self._until = -float("inf")
        self._last = -float("inf")

    # -- what was spent ----------------------------------------------------------------

    def spend(self, route: str, cost: int) -> Spend | None:
        """Note a request sent now (None when it spends no points)."""
        if not self._budget or not cost:
            return None
        spends = self._routes.get(route)
        if spends is None:
            if len(self._routes) >= MAX_ROUTES:
                self._sweep()
            spends = self._routes[route] = collections.deque()
        spend = [self._clock(), float(cost)]
        spends.append(spend)
        self._last = spend[0]
        return spend

    def answered(self, spend: Spend | None) -> None:
        """Its answer came: like GitHub's window, it counts from now on."""
        if spend is not None:
            spend[0] = self._last = max(spend[0], self._clock())

    def recent(self) -> bool:
        """Whether points were spent within the last window (so Redis should know us)."""
        return self._clock() - self._last < self._span

    def _sweep(self) -> None:
        for route in list(self._routes):
            self._spent(route)

    def _spent(self, route: str) -> float:
        spends = self._routes.get(route)
        if spends is None:
            return 0.0
        oldest = self._clock() - self._span
        while spends and spends[0][0] <= oldest:
            spends.popleft()
        if not spends:
            del self._routes[route]
            return 0.0
        return sum(cost for when, cost in spends if when > oldest)

    # -- the share ---------------------------------------------------------------------

    def peers(self, seen: int) -> None:
        """The clients Redis saw in the last window: more at once, fewer only a window on."""
        now = self._clock()
        if seen >= self._peers or now - self._peers_seen > self._span:
            self._peers = max(1, seen)
            self._peers_seen = now

    def keep_to_share(self) -> None:
        """From now until a window has passed, keep to the share as well."""
        self._until = self._clock() + self._span

    @property
    def keeping(self) -> bool:
        return self._clock() < self._until

    @property
    def clients(self) -> int:
        """The clients the budget is shared by, as last seen (at least this one)."""
        return self._peers

    @property
    def share(self) -> float:
        return self._budget / self._peers

    def wait(self, route: str, cost: int) -> float:
        """Seconds until ``cost`` more points fit in this client's share (0: now)."""
        if not self._budget or not cost:
            return 0.0
        spent = self._spent(route)
        if spent == 0 or spent + cost <= self.share:
            return 0.0
        missing, freed = spent + cost - self.share, 0.0
        for when, points in sorted(self._routes[route]):
            freed += points
            if freed >= missing:
                return max(0.001, when + self._span - self._clock())
        return self._span

"""Misbehaviour FakeGitHub can inject: errors, dropped connections and GitHub's limits.

Every choice is deterministic for a given ``seed``: whether a request fails
depends on the seed, the request itself and how many times that same
request was seen before, not on the order concurrent requests arrive in.
``time_scale`` shrinks GitHub's minute and hour so that tests of the limits
take seconds (0.01 makes a minute last 0.6 s).
"""

from __future__ import annotations

import collections
import hashlib
from typing import Literal

from attrs import define, field, frozen
from attrs.validators import ge, gt, le, optional

READ_METHODS = frozenset({"GET", "HEAD", "OPTIONS"})

Fault = Literal["error", "drop", "drop_after"]


@frozen(kw_only=True)
class Faults:
    """What goes wrong, how often, and which limits are enforced.

    - ``error_rate``: answer this fraction of API requests with 502;
    - ``drop_rate``: close the connection without answering, before doing anything;
    - ``drop_after_rate``: do the work, then close the connection unanswered
      (the change happened but the client never heard);
    - ``max_concurrency``: more API requests in flight than this get a secondary limit;
    - ``points_per_minute``: each endpoint's budget (reads cost 1, writes 5);
    - ``secondary_retry_after``: seconds (before scaling) a secondary limit asks
      for; ``None`` sends no ``retry-after`` at all;
    - ``outage_after`` / ``outage_seconds``: once that many API requests have
      arrived, answer every request with 502 for that long (a GitHub outage).
    """

    error_rate: float = field(default=0.0, validator=[ge(0), le(1)])
    drop_rate: float = field(default=0.0, validator=[ge(0), le(1)])
    drop_after_rate: float = field(default=0.0, validator=[ge(0), le(1)])
    max_concurrency: int | None = None
    points_per_minute: int | None = None
    secondary_retry_after: float | None = 60.0
    time_scale: float = field(default=1.0, validator=gt(0))
    seed: int = 0
    outage_after: int | None = field(default=None, validator=optional(ge(0)))
    outage_seconds: float = field(default=0.0, validator=ge(0))


@define
class FaultState:
    """What the injector remembers: how often each request was seen, points spent."""

    faults: Faults
    seen: collections.Counter[str] = field(factory=collections.Counter)
    spent: dict[str, collections.deque[tuple[float, int]]] = field(
        factory=lambda: collections.defaultdict(collections.deque)
    )
    arrived: int = 0
    outage_ends: float | None = None  # monotonic, once the outage has begun

    def roll(self, key: str) -> float:
        """A number in [0, 1) fixed by the seed, the request and its repetition."""
        self.seen[key] += 1
        digest = hashlib.sha256(f"{self.faults.seed}|{key}|{self.seen[key]}".encode()).digest()
        return int.from_bytes(digest[:8], "big") / 2**64

    def in_outage(self, now: float) -> bool:
        """Count an arriving request; True while the outage lasts."""
        faults = self.faults
        self.arrived += 1
        if faults.outage_after is None:
            return False
        if self.outage_ends is None and self.arrived > faults.outage_after:
            self.outage_ends = now + faults.outage_seconds
        return self.outage_ends is not None and now < self.outage_ends

    def pick(self, key: str, now: float = 0.0) -> Fault | None:
        if self.in_outage(now):
            return "error"
        faults = self.faults
        dice = self.roll(key)
        if dice < faults.drop_rate:
            return "drop"
        dice -= faults.drop_rate
        if dice < faults.error_rate:
            return "error"
        dice -= faults.error_rate
        if dice < faults.drop_after_rate:
            return "drop_after"
        return None

    def over_points(self, route: str, method: str, now: float) -> bool:
        """Spend the request's points; True when the endpoint's minute budget is exceeded."""
        budget = self.faults.points_per_minute
        if budget is None:
            return False
        window = 60.0 * self.faults.time_scale
        spent = self.spent[route]
        while spent and spent[0][0] <= now - window:
            spent.popleft()
        cost = 1 if method in READ_METHODS else 5
        if sum(points for _, points in spent) + cost > budget:
            return True
        spent.append((now, cost))
        return False

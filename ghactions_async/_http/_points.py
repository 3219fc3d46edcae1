"""The points one endpoint spent in the last minute, and the budget it was seen to allow.

GitHub gives each endpoint a budget of points a minute (a read costs 1, a
write 5) and says so for api.github.com; an Enterprise Server, or a
credential with a lower budget, says nothing until it refuses. So the
governor counts what each endpoint spent in a sliding window, and when an
endpoint answers with a secondary limit, it learns: the budget is taken to
be a little under what was spent when the limit came, and the endpoint is
paced to that from then on. While answers stay clean, the learned budget
widens slowly, never past just under where the limit came, so pacing gets
close to the real budget without drawing limit after limit.
"""

from __future__ import annotations

import collections
import math

import anyio

LEARNED_SHARE = 0.95
"""The share of what was spent when a limit came that the endpoint is paced to."""
CEILING_SHARE = 0.99
"""How close to that level widening may bring the budget back."""
WIDEN = 1.02
"""The budget's growth after each window without a limit answer."""
EVIDENCE = 10
"""Requests' worth of points an endpoint must have spent in the window for a limit
to say something about its budget; fewer, and the limit had another cause."""
BEYOND_IN_FLIGHT = 1
"""And what the endpoint took beyond the requests still in flight must be at least
this many times theirs: a limit that comes while most of what was spent is still
in flight is about concurrency, not points."""


class PointsWindow:
    """One endpoint's spending over the last ``span`` seconds, and its learned budget."""

    def __init__(self) -> None:
        # (when answered, points) per answered request, oldest first. Requests still in
        # flight are only in ``total``: they leave the window a window after their answer.
        self.spent: collections.deque[tuple[float, int]] = collections.deque()
        self.total = 0
        self.queue = anyio.Lock()  # requests queue in order: only the first waits for points
        self.learned: float | None = None  # the budget learned from a limit answer
        self._ceiling = math.inf
        self._widened_at = 0.0

    def room(self, now: float, span: float, budget: float) -> float:
        """Points still free in the window (negative when overspent)."""
        spent = self.spent
        while spent and spent[0][0] <= now - span:
            self.total -= spent.popleft()[1]
        return budget - self.total

    def wait_for(self, cost: int, now: float, span: float, budget: float) -> float:
        """Seconds until ``cost`` points fit (0 when they fit now; one request always
        fits an empty window, whatever the budget)."""
        missing = cost - self.room(now, span, max(budget, cost))
        if missing <= 0:
            return 0.0
        freed = 0
        for when, points in self.spent:
            freed += points
            if freed >= missing:
                return max(0.0, when + span - now)
        return span  # what is missing is in flight: it leaves a window after its answer

    def spend(self, cost: int) -> None:
        """Count a request's points as it goes (``answered`` says when they leave)."""
        self.total += cost

    def answered(self, cost: int, now: float, span: float) -> None:
        """The request's answer came now: its points leave the window a window from now
        (GitHub counted them when it arrived, which is before). What has left already
        goes now, so an endpoint never paced (no budget to wait for) keeps one window."""
        spent = self.spent
        spent.append((now, cost))
        if spent[0][0] <= now - span:
            self.room(now, span, 0)

    def budget(self, preset: int | None, now: float, span: float) -> float | None:
        """The points this endpoint may spend per window: the preset's, or less if learned.

        A learned budget widens by ``WIDEN`` after each window without a
        limit answer, up to just under the level where the limit came.
        """
        learned = self.learned
        if learned is None:
            return preset
        if now - self._widened_at >= span and learned < self._ceiling * CEILING_SHARE:
            learned = min(learned * WIDEN, self._ceiling * CEILING_SHARE)
            self.learned, self._widened_at = learned, now
        return learned if preset is None else min(preset, learned)

    def refund(self, cost: int) -> None:
        """A refused request's points, before its answer is counted (it is not: GitHub did
        not count them, so neither does the window)."""
        self.total -= cost

    def limited(self, now: float, span: float, cost: int, in_flight: int) -> bool:
        """The first limit of a round: the endpoint allows a little less than it accepted.

        What it accepted is taken to be what was spent in the window less the
        requests still in flight (sent when the budget may already have run
        out). Only when that says enough (``EVIDENCE``, ``BEYOND_IN_FLIGHT``);
        and never less than one request a window. True when the points
        explain the limit, and a budget was learned from it.
        """
        self.room(now, span, 0)  # forget what left the window
        pending = in_flight * max(1, cost)
        accepted = self.total - pending
        if accepted < max(EVIDENCE * max(1, cost), BEYOND_IN_FLIGHT * pending):
            return False
        self._ceiling = min(self._ceiling, accepted)
        self.learned = max(float(cost), accepted * LEARNED_SHARE)
        self._widened_at = now
        return True

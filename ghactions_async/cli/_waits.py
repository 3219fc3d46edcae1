"""What rate limits did to a command: for the progress bar's status line and the summary.

The client's governor reports each wait (``on_wait``); a pause shared by many
requests is one stretch of wall time, so the time paused is the union of the
waits, not their sum. The count of limit answers comes from the client's
``throttle`` once the work is done.
"""

from __future__ import annotations

import math
import time
from datetime import datetime, timedelta, timezone
from typing import TYPE_CHECKING

from attrs import define

if TYPE_CHECKING:
    from .._http._limits import RateLimitWait


@define
class Waits:
    """The waits of one command (see the module docstring)."""

    count: int = 0
    paused: float = 0.0
    limit_answers: int = 0
    reason: str | None = None
    until: float = -math.inf  # monotonic

    def heard(self, wait: RateLimitWait) -> None:
        """One request waits ``wait.seconds`` from now (the client's ``on_wait``)."""
        now = time.monotonic()
        end = now + wait.seconds
        self.count += 1
        if end > self.until:
            self.paused += end - max(now, self.until)
            self.until = end
            self.reason = wait.reason

    def status(self) -> str:
        """``paused until 12:01:30 (secondary limit)`` while a wait lasts, else ``""``."""
        remaining = self.until - time.monotonic()
        if remaining <= 0:
            return ""
        ends = datetime.now(timezone.utc).astimezone() + timedelta(seconds=remaining)
        what = "points budget" if self.reason == "points" else f"{self.reason} limit"
        return f"paused until {ends:%H:%M:%S} ({what})"

    def summary(self) -> str:
        """``91 limit answers, paused 40 s``; ``""`` when nothing had to wait."""
        parts = []
        if self.limit_answers:
            noun = "answer" if self.limit_answers == 1 else "answers"
            parts.append(f"{self.limit_answers:,} rate-limit {noun}")
        if self.count:
            parts.append(f"paused {self.paused:,.0f} s ({self.count:,} waits)")
        return ", ".join(parts)

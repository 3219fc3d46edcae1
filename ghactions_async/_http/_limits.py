"""The numbers a client keeps to, and what it reports about GitHub's limits.

Plain values, light to import: the governor (``_governor.py``) applies
them; ``ClientOptions`` holds one ``RateLimits``; ``gh.rate_limit``,
``gh.throttle`` and ``on_wait`` hand out the other three.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import datetime
from typing import Literal

from attrs import field, frozen
from attrs.validators import ge, gt

from .._errors import parse_reset

READ_METHODS = frozenset({"GET", "HEAD", "OPTIONS"})
Preset = Literal["github.com", "ghes", "unlimited"]


def _positive_or_none(instance: object, attribute: object, value: int | None) -> None:
    if value is not None and value <= 0:
        raise ValueError(f"points_per_minute must be positive, got {value}")


@frozen(kw_only=True)
class RateLimits:
    """The numbers the governor keeps to; every one can be set.

    ``RateLimits.preset("github.com")`` is GitHub's published limits,
    ``"ghes"`` keeps no budget of its own and follows what the server's
    headers and answers show, ``"unlimited"`` only caps concurrency.
    ``window`` is the length of the points budget's "minute" in seconds
    (tests shrink it). The client's own window counts each request's points
    from its answer, which comes after GitHub counted it; ``margin`` widens
    the shared budget's window (``shared_limits``), which counts from the
    moment a request goes. ``max_wait`` is the longest a request waits for
    a pause before raising the rate-limit error instead.
    ``cautious_writes``: where no budget is known (``points_per_minute`` is
    None and none was learned yet), writes go this many at a time per
    endpoint, one more each window without a limit answer, until the
    endpoint accepted more than GitHub publishes (900 points) in one window;
    0 sends them as concurrency allows.
    """

    points_per_minute: int | None = field(default=900, validator=_positive_or_none)
    read_cost: int = field(default=1, validator=ge(0))
    write_cost: int = field(default=5, validator=ge(0))
    window: float = field(default=60.0, validator=gt(0))
    margin: float = field(default=1.0, validator=ge(0))
    follow_primary: bool = True
    pause_on_limits: bool = True
    secondary_floor: float = field(default=60.0, validator=ge(0))
    adaptive: bool = True
    max_wait: float = field(default=900.0, validator=ge(0))
    cautious_writes: int = field(default=3, validator=ge(0))

    @classmethod
    def preset(cls, name: Preset) -> RateLimits:
        """GitHub's published limits, a server's own (``"ghes"``), or none but concurrency."""
        if name == "github.com":
            return cls()
        if name == "ghes":
            return cls(points_per_minute=None)
        if name == "unlimited":
            return cls(
                points_per_minute=None, follow_primary=False, pause_on_limits=False, adaptive=False
            )
        raise ValueError(
            f"limits must be 'github.com', 'ghes', 'unlimited' or a RateLimits, got {name!r}"
        )

    def cost(self, method: str) -> int:
        """Points one request of ``method`` spends from its endpoint's budget."""
        return self.read_cost if method in READ_METHODS else self.write_cost


@frozen
class RateLimitState:
    """The primary limit as GitHub last reported it for this client's credential."""

    limit: int
    remaining: int
    reset_at: datetime
    used: int | None = None
    resource: str | None = None

    @classmethod
    def from_headers(cls, headers: Mapping[str, str]) -> RateLimitState | None:
        """The ``x-ratelimit-*`` headers of an answer; None when they are absent or unreadable."""
        limit_text = headers.get("x-ratelimit-limit")
        remaining_text = headers.get("x-ratelimit-remaining")
        if limit_text is None or remaining_text is None:  # most answers of a server without limits
            return None
        try:
            limit, remaining = int(limit_text), int(remaining_text)
        except ValueError:
            return None
        reset_at = parse_reset(headers.get("x-ratelimit-reset"))
        if reset_at is None:
            return None
        used_text = headers.get("x-ratelimit-used")
        used = int(used_text) if used_text and used_text.isdigit() else None
        return cls(
            limit=limit,
            remaining=remaining,
            reset_at=reset_at,
            used=used,
            resource=headers.get("x-ratelimit-resource"),
        )


@frozen
class ThrottleState:
    """What the governor is doing now: for dashboards and progress lines."""

    concurrency: int
    max_concurrency: int
    in_flight: int
    paused_until: datetime | None
    limit_answers: int
    waits: int


@frozen
class RateLimitWait:
    """One wait the governor imposed, as reported to ``on_wait``.

    ``reason`` is "secondary" or "primary" (GitHub asked for a pause) or
    "points" (the endpoint's budget for this minute is spent).
    """

    reason: Literal["secondary", "primary", "points", "outage"]
    seconds: float
    route: str

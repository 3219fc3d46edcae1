"""Keeps one client inside GitHub's limits: every request passes through here.

Today it caps requests in flight and records the primary limit that GitHub
reports in its ``x-ratelimit-*`` headers.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import datetime, timezone

import anyio
from attrs import frozen

from ._types import Handler, Request, Response, origin_of


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
        try:
            limit = int(headers["x-ratelimit-limit"])
            remaining = int(headers["x-ratelimit-remaining"])
            reset_at = datetime.fromtimestamp(int(headers["x-ratelimit-reset"]), tz=timezone.utc)
        except (KeyError, ValueError, OverflowError, OSError):
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


class Governor:
    """The per-client gate: a concurrency cap shared by everything the client does."""

    def __init__(self, *, max_concurrency: int, api_url: str) -> None:
        self._limiter = anyio.CapacityLimiter(max_concurrency)
        self._api_origin = origin_of(api_url)
        self.state: RateLimitState | None = None

    @property
    def max_concurrency(self) -> int:
        return int(self._limiter.total_tokens)

    @property
    def in_flight(self) -> int:
        return self._limiter.borrowed_tokens

    async def __call__(self, request: Request, call_next: Handler) -> Response:
        async with self._limiter:
            response = await call_next(request)
        if origin_of(request.url) == self._api_origin:
            state = RateLimitState.from_headers(response.headers)
            if state is not None:
                self.state = state
        return response

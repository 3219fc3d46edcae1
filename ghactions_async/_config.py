"""Client settings that are plain values: timeouts and the defaults."""

from __future__ import annotations

import time
from datetime import datetime, timezone
from typing import Literal
from urllib.parse import urlsplit

from attrs import field, frozen

DEFAULT_BASE_URL = "https://api.github.com"
DEFAULT_API_VERSION = "2022-11-28"
DEFAULT_MAX_CONCURRENCY = 20
"""Requests in flight per client: well under GitHub's cap of 100 per credential,
and enough to keep a 100 ms round trip from dominating bulk work."""

Platform = Literal["github.com", "ghes"]


def origin_of(url: str) -> tuple[str, str, int | None]:
    """Scheme, host and port: what decides whether a URL is the API (token, API headers)."""
    parts = urlsplit(url)
    port = parts.port or {"https": 443, "http": 80}.get(parts.scheme)
    return (parts.scheme, (parts.hostname or "").lower(), port)


def platform_of(base_url: str) -> Platform:
    """github.com for api.github.com and GHE.com hosts (GitHub's cloud), else Enterprise Server.

    It decides the default rate limits and which operations a 404 may mean
    are missing from the platform.
    """
    host = urlsplit(base_url).hostname or ""
    return "github.com" if host == "api.github.com" or host.endswith(".ghe.com") else "ghes"


def _non_negative(instance: object, attribute: object, value: float | None) -> None:
    if value is None:
        return
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        raise TypeError(f"timeouts must be numbers of seconds or None, got {value!r}")
    if value <= 0:
        raise ValueError(f"timeouts must be positive, got {value!r}")


@frozen
class Timeout:
    """How long a request may take, in seconds (``None``: no limit).

    ``total`` bounds a whole API call, body included; ``connect`` the TCP and
    TLS set-up; ``read`` the wait for each chunk. Downloads ignore ``total``
    (a large artifact may take minutes) and rely on ``read`` instead.
    """

    total: float | None = field(default=30.0, validator=_non_negative)
    connect: float | None = field(default=10.0, validator=_non_negative)
    read: float | None = field(default=None, validator=_non_negative)

    @classmethod
    def of(cls, value: float | Timeout | None) -> Timeout:
        """Accept a number of seconds as shorthand for ``Timeout(total=...)``."""
        if isinstance(value, Timeout):
            return value
        if value is None:
            return cls(total=None, connect=None, read=None)
        if isinstance(value, bool) or not isinstance(value, (int, float)):
            raise TypeError(f"timeout must be seconds, a Timeout or None, got {value!r}")
        return cls(total=float(value))


class Clock:
    """Time as the client sees it: monotonic seconds, wall-clock now, and sleeping.

    Everything that waits (retries, rate-limit pauses) goes through the
    client's clock, so tests can pass one that advances instantly
    (``ghactions_async.testing.FakeClock``) and never really wait.
    """

    def monotonic(self) -> float:
        return time.monotonic()

    def now(self) -> datetime:
        return datetime.now(timezone.utc)

    async def sleep(self, seconds: float) -> None:
        import anyio

        await anyio.sleep(seconds)

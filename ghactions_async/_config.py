"""Client settings that are plain values: timeouts and the defaults."""

from __future__ import annotations

import functools
import os
import re
import time
from datetime import datetime, timezone
from typing import Literal
from urllib.parse import urljoin, urlsplit

from attrs import field, frozen

DEFAULT_BASE_URL = "https://api.github.com"
DEFAULT_API_VERSION = "2022-11-28"
DEFAULT_MAX_CONCURRENCY = 20
"""Requests in flight per client: well under GitHub's cap of 100 per credential,
and enough to keep a 100 ms round trip from dominating bulk work."""

Platform = Literal["github.com", "ghes"]


def origin_of(url: str) -> tuple[str, str, int | None]:
    """Scheme, host and port: what decides whether a URL is the API (token, API headers).

    Asked up to three times a request; the scheme and authority are parsed
    once each (a client talks to very few hosts).
    """
    head = _SCHEME_AND_AUTHORITY.match(url)
    return _origin_of_head(head.group() if head else "")


_SCHEME_AND_AUTHORITY = re.compile(r"(?:[^:/?#]+:)?(?://[^/?#]*)?")  # RFC 3986, appendix B


class Origin:
    """One origin (the API's), which every request is checked against, several times.

    A URL that begins with the origin's own scheme and authority as written,
    then ``/``, is on it without parsing; any other is parsed (``origin_of``).
    """

    __slots__ = ("_origin", "_prefix")

    def __init__(self, url: str) -> None:
        self._origin = origin_of(url)
        head = _SCHEME_AND_AUTHORITY.match(url)
        authority = head.group() if head and "//" in head.group() else None
        self._prefix = f"{authority}/" if authority else None  # none: always parse

    def holds(self, url: str) -> bool:
        """Whether ``url`` is on this origin."""
        prefix = self._prefix
        if prefix is not None and url.startswith(prefix):
            return True
        return origin_of(url) == self._origin


@functools.lru_cache(maxsize=64)
def _origin_of_head(head: str) -> tuple[str, str, int | None]:
    parts = urlsplit(head)
    port = parts.port or {"https": 443, "http": 80}.get(parts.scheme)
    return (parts.scheme, (parts.hostname or "").lower(), port)


def resolve_url(base: str, reference: str) -> str:
    """``reference`` (a ``Location`` or ``Link`` a server sent) made absolute against ``base``.

    Raises ValueError saying why when it cannot be a URL to follow: another
    scheme than http(s), no host, a port out of range, a malformed IPv6
    address or control characters.
    """
    if any(ord(ch) < 0x20 or ord(ch) == 0x7F for ch in reference):
        raise ValueError("it holds control characters")
    try:
        url = urljoin(base, reference.strip())
        parts = urlsplit(url)
        parts.port  # noqa: B018 - raises ValueError for a port out of range
    except ValueError as exc:
        raise ValueError(str(exc)) from None
    if parts.scheme not in ("http", "https"):
        raise ValueError(f"its scheme is {parts.scheme or 'missing'}, not http(s)")
    if not parts.hostname:
        raise ValueError("it names no host")
    return url


def platform_of(base_url: str) -> Platform:
    """github.com for api.github.com and GHE.com hosts (GitHub's cloud), else Enterprise Server.

    It decides the default rate limits and which operations a 404 may mean
    are missing from the platform.
    """
    host = urlsplit(base_url).hostname or ""
    return "github.com" if host == "api.github.com" or host.endswith(".ghe.com") else "ghes"


def platform_hint(operation_id: str, platform: Platform) -> str:
    """Why a 404 may mean the platform lacks the operation (``OPERATIONS`` says which exist)."""
    if platform == "github.com":
        return f"{operation_id} exists only on GitHub Enterprise Server, not on github.com"
    return (
        f"{operation_id} is not part of the GitHub Enterprise Server API "
        "(3.19 and earlier); this server may not offer it"
    )


def token_from_environment() -> str | None:
    """The token the GitHub CLI and Actions conventions put in the environment, if any."""
    for name in ("GITHUB_TOKEN", "GH_TOKEN"):
        value = os.environ.get(name, "").strip()
        if value:
            return value
    return None


def check_header_value(name: str, value: str) -> str:
    """Refuse a setting that would break the request line or headers (CR, LF, NUL ...)."""
    if any(ord(ch) < 0x20 or ord(ch) == 0x7F for ch in value):
        raise ValueError(f"{name} must not contain control characters such as CR or LF")
    return value


def check_base_url(base_url: object) -> str:
    """``base_url`` without a trailing slash, refused early when it cannot be the API's."""
    if not isinstance(base_url, str):
        raise TypeError(f"base_url must be a str, got {type(base_url).__name__}")
    check_header_value("base_url", base_url)
    parts = urlsplit(base_url)
    if parts.scheme not in ("http", "https") or not parts.netloc:
        raise ValueError(
            f"base_url must be an http(s) URL such as https://api.github.com "
            f"or https://HOST/api/v3, got {base_url!r}"
        )
    if parts.query or parts.fragment:
        raise ValueError(f"base_url must not have a query or fragment, got {base_url!r}")
    return base_url.rstrip("/")


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


class Clock:
    """Time as the client sees it: monotonic seconds, wall-clock now, and sleeping.

    Everything that waits (retries, rate-limit pauses) goes through the
    client's clock, so tests can pass one that advances instantly
    (``ghactions_async.testing.FakeClock``) and never really wait.
    """

    monotonic = staticmethod(time.monotonic)
    """Seconds from an arbitrary start that never go backwards, for measuring waits
    (``time.monotonic`` itself, not a method around it: it is asked several times a request)."""

    def now(self) -> datetime:
        """The current time, timezone-aware in UTC (rate-limit resets are compared with it)."""
        return datetime.now(timezone.utc)

    async def sleep(self, seconds: float) -> None:
        """Wait ``seconds``; every wait of the client (backoff, rate-limit pauses) goes here."""
        import anyio

        await anyio.sleep(seconds)

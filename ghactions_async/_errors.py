"""Everything ghactions_async raises when a request fails.

::

    GhActionsError                      any failed request
    ├── GitHubError                     GitHub answered with an error status
    │   ├── BadRequest                  400
    │   ├── AuthenticationError         401
    │   ├── PermissionDenied            403 that is not a rate limit
    │   ├── NotFound                    404
    │   ├── Conflict                    409
    │   ├── Gone                        410 (e.g. an expired artifact)
    │   ├── ValidationFailed            422
    │   ├── RateLimitError              403 or 429 caused by a rate limit
    │   │   ├── RateLimitExceeded           primary limit: wait until ``reset_at``
    │   │   └── SecondaryRateLimitExceeded  secondary limit: wait ``retry_after``
    │   └── ServerError                 5xx
    ├── TransportError                  no usable answer: connection failed or dropped
    │   └── RequestTimeout              the request ran past its timeout
    └── UnexpectedResponse              an answer whose shape the models do not accept

Bad arguments never reach GitHub: they raise ``ValueError`` or ``TypeError``
before any request is sent. No message built here contains the token: callers
pass texts through the client's redactor first.

This module imports nothing heavy so that ``except NotFound`` costs nothing.
"""

from __future__ import annotations

import functools
from collections.abc import Mapping, Sequence
from datetime import datetime, timezone
from typing import Any, NamedTuple

__all__ = [
    "Attempt",
    "AuthenticationError",
    "BadRequest",
    "Conflict",
    "GhActionsError",
    "GitHubError",
    "Gone",
    "NotFound",
    "PermissionDenied",
    "RateLimitError",
    "RateLimitExceeded",
    "RequestTimeout",
    "SecondaryRateLimitExceeded",
    "ServerError",
    "TransportError",
    "UnexpectedResponse",
    "ValidationFailed",
]


class Attempt(NamedTuple):
    """One try of a request: its number, how it ended, and the wait that followed."""

    number: int
    outcome: str
    wait: float


class GhActionsError(Exception):
    """Root of every error a request can end in.

    ``history`` lists the attempts made before giving up (empty when the
    first answer was final).
    """

    def __init__(self, message: str, *, method: str | None = None, url: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.method = method
        self.url = url
        self.history: list[Attempt] = []

    def __str__(self) -> str:
        where = f"{self.method} {self.url}: " if self.method and self.url else ""
        tries = f" (after {len(self.history)} attempts)" if len(self.history) > 1 else ""
        return f"{where}{self.message}{tries}"


class GitHubError(GhActionsError):
    """GitHub answered with an error status.

    ``errors`` holds GitHub's per-field details (mostly on 422), ``request_id``
    the ``x-github-request-id`` to quote to GitHub support; ``hint`` says what
    the client knows that GitHub did not (e.g. an endpoint only GHES has).
    """

    def __init__(
        self,
        message: str,
        *,
        status: int,
        method: str | None = None,
        url: str | None = None,
        documentation_url: str | None = None,
        request_id: str | None = None,
        errors: Sequence[Any] = (),
        headers: Mapping[str, str] | None = None,
    ) -> None:
        super().__init__(message, method=method, url=url)
        self.status = status
        self.documentation_url = documentation_url
        self.request_id = request_id
        self.errors: list[Any] = list(errors)
        self.headers: dict[str, str] = dict(headers or {})
        self.hint: str | None = None

    def __str__(self) -> str:
        text = f"{self.status} {super().__str__()}"
        details = [
            str(e.get("message") or e) if isinstance(e, dict) else str(e) for e in self.errors
        ]
        if details:
            text += f" ({'; '.join(details)})"
        extra = []
        if self.request_id:
            extra.append(f"request id {self.request_id}")
        if self.documentation_url:
            extra.append(f"docs {self.documentation_url}")
        if extra:
            text += f" [{', '.join(extra)}]"
        if self.hint:
            text += f"; hint: {self.hint}"
        return text

    def __repr__(self) -> str:
        return (
            f"{type(self).__name__}(status={self.status}, message={self.message!r}, "
            f"request_id={self.request_id!r})"
        )


class BadRequest(GitHubError):
    """400: GitHub could not parse the request."""


class AuthenticationError(GitHubError):
    """401: the token is missing, wrong, expired or revoked."""


class PermissionDenied(GitHubError):
    """403: authenticated, but not allowed to do this."""


class NotFound(GitHubError):
    """404: no such resource, or no permission to see that it exists."""


class Conflict(GitHubError):
    """409: the resource is in a state that forbids this (e.g. a running run)."""


class Gone(GitHubError):
    """410: the resource existed but has expired (e.g. an artifact past retention)."""


class ValidationFailed(GitHubError):
    """422: GitHub rejected a parameter; see ``errors`` for the fields."""


class ServerError(GitHubError):
    """5xx: GitHub failed; usually worth retrying."""


class RateLimitError(GitHubError):
    """403 or 429 caused by a rate limit.

    ``wait_seconds()`` says how long to wait before trying again, whichever
    kind of limit it was.
    """

    def __init__(
        self,
        message: str,
        *,
        reset_at: datetime | None = None,
        retry_after: float | None = None,
        **kwargs: Any,
    ) -> None:
        super().__init__(message, **kwargs)
        self.reset_at = reset_at
        self.retry_after = retry_after

    def wait_seconds(self, now: datetime | None = None) -> float | None:
        """Seconds until GitHub will accept requests again, if it said."""
        if self.retry_after is not None:
            return self.retry_after
        if self.reset_at is not None:
            now = now or datetime.now(timezone.utc)
            return max(0.0, (self.reset_at - now).total_seconds())
        return None


class RateLimitExceeded(RateLimitError):
    """The primary (hourly) budget is spent; it refills at ``reset_at``."""


class SecondaryRateLimitExceeded(RateLimitError):
    """A secondary limit (concurrency or points per minute) was hit.

    ``retry_after`` is GitHub's ``retry-after`` in seconds when it sent one;
    GitHub asks for at least a minute's pause when it did not.
    """


class TransportError(GhActionsError):
    """No usable answer came back: connection refused, reset or dropped.

    ``request_sent`` is False only when the request surely never reached the
    server (the connection itself failed), which is what makes retrying a
    POST safe.
    """

    def __init__(
        self,
        message: str,
        *,
        method: str | None = None,
        url: str | None = None,
        request_sent: bool = True,
    ) -> None:
        super().__init__(message, method=method, url=url)
        self.request_sent = request_sent


class RequestTimeout(TransportError):
    """The request ran past its timeout."""


class UnexpectedResponse(GhActionsError):
    """An answer the client cannot use: not the shape the models expect, not JSON,
    too large, or pointing somewhere it must not go.

    Raised instead of returning half-parsed data; ``details`` lists the fields
    that did not fit, ``excerpt`` shows how the body began, and
    ``request_id`` identifies the answer.
    """

    def __init__(
        self,
        message: str,
        *,
        status: int,
        method: str | None = None,
        url: str | None = None,
        request_id: str | None = None,
        details: Sequence[str] = (),
        excerpt: str | None = None,
    ) -> None:
        super().__init__(message, method=method, url=url)
        self.status = status
        self.request_id = request_id
        self.details = list(details)
        self.excerpt = excerpt

    def __str__(self) -> str:
        text = super().__str__()
        if self.details:
            text += ": " + "; ".join(self.details)
        if self.excerpt is not None:
            text += f" (the body began {self.excerpt!r})"
        if self.request_id:
            text += f" [request id {self.request_id}]"
        return text


@functools.lru_cache(maxsize=16)  # one reset time serves an hour of answers
def parse_reset(value: str | None) -> datetime | None:
    """``x-ratelimit-reset`` (epoch seconds) as an aware datetime; None when absent or bad."""
    if value is None:
        return None
    try:
        return datetime.fromtimestamp(int(value), tz=timezone.utc)
    except (ValueError, OverflowError, OSError):
        return None

"""What an answer means, decided once: is it a rate limit, of which kind, and its error.

The governor, the retry layer and the requester all ask the same questions
of a 403 or 429; they read the answers from here, cached on the response,
so one answer is classified once, waits are computed with one margin, and
its error is built once, already redacted.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from datetime import datetime, timezone
from email.utils import parsedate_to_datetime
from typing import TYPE_CHECKING, Any, Literal, Protocol

from attrs import frozen

from .._errors import (
    AuthenticationError,
    BadRequest,
    Conflict,
    GitHubError,
    Gone,
    NotFound,
    PermissionDenied,
    RateLimitExceeded,
    SecondaryRateLimitExceeded,
    ServerError,
    ValidationFailed,
    parse_reset,
)

if TYPE_CHECKING:
    from ._types import Response

PRIMARY_MARGIN = 1.0
"""Seconds added to a primary limit's wait: GitHub's clock and ours may differ by that much."""

TEXT_EXCERPT = 500
"""Characters of a non-JSON error page kept as the error's message."""

EXCERPT = 120
"""Characters of an unusable body an UnexpectedResponse shows."""

_SECONDARY_MARKERS = ("secondary rate limit", "abuse detection")


@frozen
class ErrorDocument:
    """What an error answer says: GitHub's JSON error body, or the text of an error page."""

    message: str
    documentation_url: str | None = None
    errors: tuple[Any, ...] = ()
    is_json: bool = False


def read_error_document(status: int, content: bytes) -> ErrorDocument:
    """The message, documentation URL and per-field errors of an error answer's body."""
    try:
        body = json.loads(content) if content else None
    except (ValueError, RecursionError):  # not JSON, or nested too deeply to read
        body = content.decode("utf-8", errors="replace")
    if isinstance(body, dict):
        raw_errors = body.get("errors")
        if raw_errors is None:
            errors: tuple[Any, ...] = ()
        elif isinstance(raw_errors, list):
            errors = tuple(raw_errors)
        else:
            errors = (raw_errors,)
        url = body.get("documentation_url")
        message = str(body.get("message") or "") or _REASONS.get(status, "HTTP error")
        return ErrorDocument(message, str(url) if url else None, errors, is_json=True)
    text = str(body or "").strip()
    return ErrorDocument(text or _REASONS.get(status, "HTTP error"))


@frozen
class RateLimitVerdict:
    """A 403 or 429 that is one of GitHub's rate limits.

    ``kind`` is "primary" (the hourly budget is spent: wait until
    ``reset_at``) or "secondary" (too much at once: wait ``retry_after``, or
    the floor the client's ``RateLimits`` sets when GitHub gave none).
    """

    kind: Literal["primary", "secondary"]
    reset_at: datetime | None = None
    retry_after: float | None = None

    def wait(self, now: datetime, *, secondary_floor: float) -> float | None:
        """Seconds to wait before GitHub accepts requests again; None when it did not say."""
        if self.kind == "secondary":
            return self.retry_after if self.retry_after is not None else secondary_floor
        if self.retry_after is not None:
            return self.retry_after + PRIMARY_MARGIN
        if self.reset_at is not None:
            return max(0.0, (self.reset_at - now).total_seconds()) + PRIMARY_MARGIN
        return None


def classify(status: int, headers: Mapping[str, str], message: str) -> RateLimitVerdict | None:
    """Tell a rate limit apart the way GitHub documents it, or None when it is not one.

    A "secondary rate limit" message first, then ``x-ratelimit-remaining: 0``
    (primary), then ``retry-after`` or a bare 429 (secondary). ``headers``
    have lower-case names.
    """
    if status not in (403, 429):
        return None
    retry_after = parse_retry_after(headers.get("retry-after"), headers.get("date"))
    lowered = message.lower()
    if any(marker in lowered for marker in _SECONDARY_MARKERS):
        return RateLimitVerdict("secondary", retry_after=retry_after)
    if headers.get("x-ratelimit-remaining") == "0":
        reset_at = parse_reset(headers.get("x-ratelimit-reset"))
        return RateLimitVerdict("primary", reset_at=reset_at, retry_after=retry_after)
    if retry_after is not None or status == 429:
        return RateLimitVerdict("secondary", retry_after=retry_after)
    return None


def parse_retry_after(value: str | None, date: str | None = None) -> float | None:
    """``retry-after`` in seconds: a number, or an HTTP-date counted from the answer's
    ``date`` header (from now without one); None when absent or unreadable."""
    if value is None:
        return None
    try:
        seconds = float(value)
    except ValueError:
        when = _http_date(value)
        if when is None:
            return None
        sent = _http_date(date) if date else None
        seconds = (when - (sent or datetime.now(timezone.utc))).total_seconds()
    if seconds != seconds:  # NaN
        return None
    return max(0.0, seconds)


def _http_date(value: str) -> datetime | None:
    try:
        moment = parsedate_to_datetime(value)
    except (TypeError, ValueError, IndexError):
        return None
    return moment if moment.tzinfo is not None else moment.replace(tzinfo=timezone.utc)


def build_error(response: Response, redact: Redact) -> GitHubError:
    """The typed error an error answer stands for, with every credential already removed.

    Texts are redacted before an error page is cut to ``TEXT_EXCERPT``, so
    no part of a credential survives the cut.
    """
    document = response.document
    request = response.request
    message = redact.text(document.message)
    if not document.is_json:
        message = message[:TEXT_EXCERPT]
    documentation_url = document.documentation_url
    request_id = response.headers.get("x-github-request-id")
    common: dict[str, Any] = {
        "status": response.status,
        "method": request.method if request is not None else None,
        "url": redact.text(request.url if request is not None else response.url),
        "documentation_url": redact.text(documentation_url) if documentation_url else None,
        "request_id": redact.text(request_id) if request_id else None,
        "errors": [redact.value(e) for e in document.errors],
        "headers": {name: redact.text(value) for name, value in response.headers.items()},
    }
    verdict = response.rate_limit
    if verdict is not None:
        kind = RateLimitExceeded if verdict.kind == "primary" else SecondaryRateLimitExceeded
        return kind(message, reset_at=verdict.reset_at, retry_after=verdict.retry_after, **common)
    if response.status >= 500:
        return ServerError(message, **common)
    return _STATUS_CLASSES.get(response.status, GitHubError)(message, **common)


class Redact(Protocol):
    """What ``build_error`` needs of a redactor (``_auth.Redactor``)."""

    def text(self, text: str) -> str: ...

    def value(self, value: Any) -> Any: ...


class _NoSecrets:
    """The redactor of a client without credentials: nothing to hide."""

    def text(self, text: str) -> str:
        return text

    def value(self, value: Any) -> Any:
        return value


NO_SECRETS: Redact = _NoSecrets()


_STATUS_CLASSES: dict[int, type[GitHubError]] = {
    400: BadRequest,
    401: AuthenticationError,
    403: PermissionDenied,
    404: NotFound,
    409: Conflict,
    410: Gone,
    422: ValidationFailed,
}

_REASONS = {
    400: "Bad Request",
    401: "Unauthorized",
    403: "Forbidden",
    404: "Not Found",
    409: "Conflict",
    410: "Gone",
    422: "Unprocessable Entity",
    429: "Too Many Requests",
    500: "Internal Server Error",
    502: "Bad Gateway",
    503: "Service Unavailable",
    504: "Gateway Timeout",
}

"""Typed callbacks a service gives a client to see what it does, request by request.

``Hooks(on_request=..., on_response=..., on_retry=..., on_wait=...)``: each
is a plain function or a coroutine function taking one event. They run on
the client's event loop. A plain hook runs inline, so keep it quick; a
coroutine hook runs as a task of its own, so a slow one never holds a
request up (the client waits for those still running when it closes). An
exception in a hook is logged on ``ghactions_async.hooks`` and never breaks
the request. Events carry no credential: URLs are the ones sent, with any
secret removed and a storage host's signed query replaced by ``REDACTED``.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from attrs import Attribute, field, frozen

if TYPE_CHECKING:
    from ._http._limits import RateLimitWait


@frozen(kw_only=True)
class RequestEvent:
    """One attempt about to be sent (each retry is an attempt of its own).

    ``url_template`` is the endpoint as GitHub documents it
    (``/repos/{owner}/{repo}/actions/caches``) and ``operation`` its
    operationId, when the request is one of the API's operations.
    """

    method: str
    url: str
    url_template: str | None
    operation: str | None
    attempt: int


@frozen(kw_only=True)
class ResponseEvent:
    """How one attempt ended: ``status``, or ``error_type`` when no answer came."""

    method: str
    url: str
    url_template: str | None
    operation: str | None
    attempt: int
    status: int | None
    duration_s: float
    request_id: str | None
    error_type: str | None


@frozen(kw_only=True)
class RetryEvent:
    """An attempt ended in a way worth another try; the next one goes after ``delay_s``.

    ``outcome`` is the status (``"502"``) or the error (``"RequestTimeout"``);
    ``rate_limited`` says GitHub asked to wait (the delay is its own).
    """

    method: str
    url: str
    url_template: str | None
    operation: str | None
    attempt: int
    outcome: str
    delay_s: float
    rate_limited: bool


def _callable_or_none(instance: object, attribute: Attribute[Any], value: object) -> None:
    if value is not None and not callable(value):
        raise TypeError(f"{attribute.name} must be callable, got {value!r}")


@frozen(kw_only=True)
class Hooks:
    """What a client calls as it works (see the module docstring)."""

    on_request: Callable[[RequestEvent], object] | None = field(
        default=None, validator=_callable_or_none
    )
    on_response: Callable[[ResponseEvent], object] | None = field(
        default=None, validator=_callable_or_none
    )
    on_retry: Callable[[RetryEvent], object] | None = field(
        default=None, validator=_callable_or_none
    )
    on_wait: Callable[[RateLimitWait], object] | None = field(
        default=None, validator=_callable_or_none
    )

    @property
    def any_per_request(self) -> bool:
        """Whether anything listens to single attempts (else they need no event)."""
        return self.on_request is not None or self.on_response is not None

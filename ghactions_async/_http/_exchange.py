"""The one place each HTTP exchange is observed: a record, a span, a measurement, hooks.

It sits innermost in the pipeline, just before the transport, so it sees
every attempt (retries and redirect hops included) and times the exchange
alone, not the waits for a slot or a pause. Per attempt, and only for what
is switched on:

- a DEBUG record on ``ghactions_async.http``:
  ``GET /repos/{owner}/{repo}/actions/caches 200 in 21 ms (attempt 1)``;
- a CLIENT span ``{method} {url.template}`` with OpenTelemetry's HTTP client
  attributes, and the ``http.client.request.duration`` measurement;
- the ``on_request`` and ``on_response`` hooks.

When none is on (no DEBUG logging, no OpenTelemetry SDK, no hooks), a
request passes through untouched.
"""

from __future__ import annotations

import logging
import time
from typing import TYPE_CHECKING, Any

from .._hooks import RequestEvent, ResponseEvent

if TYPE_CHECKING:
    from collections.abc import Awaitable

    from .._otel import Instruments
    from ._events import Events
    from ._types import Handler, Request, Response

logger = logging.getLogger("ghactions_async.http")


class ExchangeMiddleware:
    """Observes each attempt (see the module docstring)."""

    def __init__(self, events: Events, instruments: Instruments | None) -> None:
        self._events = events
        self._naming = events.naming
        self._instruments = instruments
        self._hooks = events.hooks
        self._hooked = events.hooks.any_per_request  # hooks are fixed for a client's life

    def __call__(self, request: Request, call_next: Handler) -> Awaitable[Response]:
        # Not a coroutine itself: unobserved, the transport's coroutine is the request's.
        instruments = self._instruments
        tracing = metering = False
        if instruments is not None:
            tracing, metering = instruments.switched_on()
        logging_on = logger.isEnabledFor(logging.DEBUG)
        if not (tracing or metering or logging_on or self._hooked):
            return call_next(request)
        return self._observe(request, call_next, tracing=tracing, metering=metering)

    async def _observe(
        self, request: Request, call_next: Handler, *, tracing: bool, metering: bool
    ) -> Response:
        naming, hooks = self._naming, self._hooks
        template = naming.template(request)
        operation = naming.operation(request)
        span = None
        if tracing:
            assert self._instruments is not None
            span = self._instruments.client_span(
                f"{request.method} {template}" if template else request.method,
                self._span_attributes(request, template, operation),
            )
        if hooks.on_request is not None:
            sending = RequestEvent(
                method=request.method,
                url=naming.url(request),
                url_template=template,
                operation=operation,
                attempt=request.attempt,
            )
            self._events.call(hooks.on_request, sending)
        started = time.perf_counter()
        response: Response | None = None
        error_type: str | None = None
        try:
            response = await call_next(request)
            return response
        except BaseException as error:
            error_type = type(error).__qualname__
            raise
        finally:
            duration = time.perf_counter() - started
            status = response.status if response is not None else None
            if status is not None and status >= 400:
                error_type = str(status)
            request_id = naming.request_id(response)
            instruments = self._instruments
            if span is not None and instruments is not None:
                instruments.end_client_span(span, status, error_type, request_id)
            if metering:
                self._measure(request, response, template, status, error_type, duration)
            self._record(request, template, operation, status, error_type, duration, request_id)
            if hooks.on_response is not None:
                answered = ResponseEvent(
                    method=request.method,
                    url=naming.url(request),
                    url_template=template,
                    operation=operation,
                    attempt=request.attempt,
                    status=status,
                    duration_s=duration,
                    request_id=request_id,
                    error_type=error_type,
                )
                self._events.call(hooks.on_response, answered)

    def _span_attributes(
        self, request: Request, template: str | None, operation: str | None
    ) -> dict[str, Any]:
        host, port = self._naming.server(request)
        attributes: dict[str, Any] = {
            "http.request.method": request.method,
            "url.full": self._naming.url(request),
            "server.address": host,
            "server.port": port,
        }
        if template is not None:
            attributes["url.template"] = template
        if operation is not None:
            attributes["github.operation_id"] = operation
        if request.attempt > 1:
            attributes["http.request.resend_count"] = request.attempt - 1
        return attributes

    def _measure(
        self,
        request: Request,
        response: Response | None,
        template: str | None,
        status: int | None,
        error_type: str | None,
        duration: float,
    ) -> None:
        instruments = self._instruments
        assert instruments is not None
        host, port = self._naming.server(request)
        attributes: dict[str, Any] = {
            "http.request.method": request.method,
            "server.address": host,
            "server.port": port,
        }
        if template is not None:
            attributes["url.template"] = template
        if status is not None:
            attributes["http.response.status_code"] = status
        if error_type is not None:
            attributes["error.type"] = error_type
        instruments.duration.record(duration, attributes)
        if response is None or request.own_credential:
            return
        remaining = response.headers.get("x-ratelimit-remaining")
        if remaining is not None and remaining.isdigit():
            resource = response.headers.get("x-ratelimit-resource", "core")
            instruments.remaining.set(int(remaining), {"github.rate_limit.resource": resource})

    def _record(
        self,
        request: Request,
        template: str | None,
        operation: str | None,
        status: int | None,
        error_type: str | None,
        duration: float,
        request_id: str | None,
    ) -> None:
        if not logger.isEnabledFor(logging.DEBUG):
            return
        logger.debug(
            "%s %s %s in %.0f ms (attempt %d)",
            request.method,
            template or self._naming.url(request, query=False),
            status if status is not None else f"failed ({error_type})",
            duration * 1000,
            request.attempt,
            extra={
                "http_method": request.method,
                "url_template": template,
                "http_status": status,
                "duration_s": duration,
                "attempt": request.attempt,
                "github_request_id": request_id,
                "github_operation": operation,
            },
        )

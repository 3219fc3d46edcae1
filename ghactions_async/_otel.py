"""OpenTelemetry's side of a client: its tracer, its instruments and the spans they make.

Imported only when ``opentelemetry-api`` is installed and telemetry is on
(``_telemetry.instruments_for``). With the global providers and no SDK
configured, ``tracing`` and ``metering`` are False and callers skip all
work, so the API alone costs next to nothing per request. Asking the API
whether a provider is set costs microseconds, so a "no" is kept for
``RECHECK`` seconds: spans start within a second of the application setting
a provider, and stay on for good.

Names follow OpenTelemetry's HTTP client conventions; what only GitHub has
goes under ``github.``.
"""

from __future__ import annotations

import contextlib
import time
from collections.abc import Iterator, Mapping
from typing import TYPE_CHECKING, Any, TypeVar

from opentelemetry import context as otel_context
from opentelemetry import metrics, trace
from opentelemetry.trace import ProxyTracerProvider, Span, SpanKind, StatusCode

from ._version import __version__

if TYPE_CHECKING:
    from ._pagination import ClosablePages, Page
    from ._telemetry import Telemetry

T = TypeVar("T")

SCOPE = "ghactions_async"

RECHECK = 1.0
"""Seconds a "no provider set" answer is trusted before asking the API again."""

DURATION_BUCKETS = (0.005, 0.01, 0.025, 0.05, 0.075, 0.1, 0.25, 0.5, 0.75, 1, 2.5, 5, 7.5, 10)
"""The boundaries OpenTelemetry advises for ``http.client.request.duration``."""


def _meter_provider_set() -> bool:
    # The API hands out a proxy until the application sets a provider; it has no public name.
    return not type(metrics.get_meter_provider()).__name__.startswith("_Proxy")


class Instruments:
    """A client's tracer and metric instruments (see the module docstring)."""

    def __init__(self, telemetry: Telemetry) -> None:
        self._tracing = telemetry.tracer_provider is not None
        self._metering = telemetry.meter_provider is not None
        self._recheck = 0.0  # monotonic time of the next look at the global providers
        self.tracer = trace.get_tracer(
            SCOPE, __version__, tracer_provider=telemetry.tracer_provider
        )
        meter = metrics.get_meter(SCOPE, __version__, meter_provider=telemetry.meter_provider)
        self.duration = meter.create_histogram(
            "http.client.request.duration",
            unit="s",
            description="Duration of HTTP client requests (each attempt).",
            explicit_bucket_boundaries_advisory=DURATION_BUCKETS,
        )
        self.retries = meter.create_counter(
            "github.client.retries",
            unit="{retry}",
            description="Attempts that ended in a way worth another try, and were retried.",
        )
        self.waits = meter.create_counter(
            "github.client.rate_limit.waits",
            unit="{wait}",
            description="Waits the rate-limit governor imposed on a request, by reason.",
        )
        self.wait_time = meter.create_counter(
            "github.client.rate_limit.wait_duration",
            unit="s",
            description="Seconds requests were told to wait by the rate-limit governor.",
        )
        self.remaining = meter.create_gauge(
            "github.client.rate_limit.remaining",
            unit="{request}",
            description="The primary rate-limit budget left, as GitHub last reported it.",
        )

    @property
    def tracing(self) -> bool:
        """Whether spans go anywhere: a provider of the client's, or a global one set."""
        if not self._tracing and self._due():
            self._look()
        return self._tracing

    @property
    def metering(self) -> bool:
        """Whether measurements go anywhere (as ``tracing``, for metrics)."""
        if not self._metering and self._due():
            self._look()
        return self._metering

    def switched_on(self) -> tuple[bool, bool]:
        """``(tracing, metering)``, asked of every exchange: one look at the clock for both."""
        if not (self._tracing and self._metering) and time.monotonic() >= self._recheck:
            self._look()
        return self._tracing, self._metering

    def _due(self) -> bool:
        return time.monotonic() >= self._recheck

    def _look(self) -> None:
        self._recheck = time.monotonic() + RECHECK
        if not self._tracing:
            self._tracing = not isinstance(trace.get_tracer_provider(), ProxyTracerProvider)
        if not self._metering:
            self._metering = _meter_provider_set()

    # -- spans ----------------------------------------------------------------

    def client_span(self, name: str, attributes: Mapping[str, Any]) -> Span:
        """The CLIENT span of one HTTP exchange (ended by ``end_client_span``)."""
        return self.tracer.start_span(name, kind=SpanKind.CLIENT, attributes=attributes)

    @staticmethod
    def end_client_span(
        span: Span, status: int | None, error_type: str | None, request_id: str | None
    ) -> None:
        if status is not None:
            span.set_attribute("http.response.status_code", status)
        if request_id is not None:
            span.set_attribute("github.request_id", request_id)
        if error_type is not None:
            span.set_attribute("error.type", error_type)
            span.set_status(StatusCode.ERROR)
        span.end()

    @contextlib.contextmanager
    def internal_span(self, name: str, attributes: Mapping[str, Any]) -> Iterator[Span]:
        """An INTERNAL span, current while the block runs, so exchanges nest under it."""
        with self.tracer.start_as_current_span(
            name, kind=SpanKind.INTERNAL, attributes=attributes
        ) as span:
            yield span

    def listing(
        self, name: str, attributes: Mapping[str, Any], pages: ClosablePages[T]
    ) -> ClosablePages[T]:
        """``pages`` under one INTERNAL span for the whole listing, if spans go anywhere."""
        if not self.tracing:
            return pages
        span = self.tracer.start_span(name, kind=SpanKind.INTERNAL, attributes=attributes)
        return _TracedPages(pages, span)


class _TracedPages:
    """Pages read under a listing's span: it is current while each page is read (and page
    fetches started meanwhile inherit it), and ends with the listing."""

    def __init__(self, pages: ClosablePages[Any], span: Span) -> None:
        self._pages = pages
        self._span: Span | None = span
        self._count = 0

    def __aiter__(self) -> _TracedPages:
        return self

    async def __anext__(self) -> Page[Any]:
        span = self._span
        if span is None:
            return await self._pages.__anext__()
        token = otel_context.attach(trace.set_span_in_context(span))
        try:
            page = await self._pages.__anext__()
        except StopAsyncIteration:
            self._end()
            raise
        except BaseException as error:
            span.record_exception(error)
            span.set_attribute("error.type", type(error).__qualname__)
            span.set_status(StatusCode.ERROR)
            self._end()
            raise
        finally:
            otel_context.detach(token)
        self._count += 1
        return page

    async def aclose(self) -> None:
        try:
            await self._pages.aclose()
        finally:
            self._end()

    def _end(self) -> None:
        span, self._span = self._span, None
        if span is not None:
            span.set_attribute("github.pages", self._count)
            span.end()

    def __del__(self) -> None:
        self._end()  # a loop left early without closing: the listing ended there

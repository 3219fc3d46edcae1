"""The INTERNAL spans of a client's calls: one per method call, listing and bulk operation.

The exchanges a call makes nest under its span as CLIENT spans. When
telemetry is off, OpenTelemetry is not installed or no SDK is configured,
a method call costs one check (its send goes on as it is), and any other
span a shared no-op context.
"""

from __future__ import annotations

import contextlib
from collections.abc import Awaitable, Mapping
from contextlib import AbstractContextManager
from typing import TYPE_CHECKING, Any, TypeVar

from .._telemetry import instruments_for

if TYPE_CHECKING:
    from .._operations import Operation
    from .._otel import Instruments
    from .._pagination import Opener
    from .._telemetry import Telemetry

T = TypeVar("T")

_NO_SPAN: AbstractContextManager[None] = contextlib.nullcontext()


class CallTracing:
    """A client's INTERNAL spans (see the module docstring)."""

    def __init__(self, telemetry: Telemetry | None) -> None:
        self._telemetry = telemetry
        self._instruments: Instruments | None = None
        self._loaded = telemetry is None

    def instruments(self) -> Instruments | None:
        """The client's OpenTelemetry instruments (loaded on first use), or None."""
        if not self._loaded:
            self._instruments = instruments_for(self._telemetry)
            self._loaded = True
        return self._instruments

    def span(self, name: str, attributes: Mapping[str, Any]) -> AbstractContextManager[Any]:
        """An INTERNAL span, current in the block (yielding it, or None when off)."""
        instruments = self.instruments()
        if instruments is None or not instruments.tracing:
            return _NO_SPAN
        return instruments.internal_span(name, attributes)

    def operation(self, operation: Operation, call: Awaitable[T]) -> Awaitable[T]:
        """``call`` under the span of one method call, named ``area.method``
        (``caches.delete``); ``call`` itself when spans go nowhere, one frame less."""
        instruments = self.instruments()
        if instruments is None or not instruments.tracing:
            return call
        span = instruments.internal_span(
            f"{operation.area}.{operation.method}",
            {"github.operation_id": operation.operation_id},
        )
        return _within(span, call)

    def listing(self, opener: Opener[T], operation: Operation | None) -> Opener[T]:
        """``opener``, reading a listing under one span when spans go anywhere."""
        instruments = self.instruments()
        if instruments is None:
            return opener
        name = f"{operation.area}.{operation.method}" if operation else "paginate"
        attributes = {"github.operation_id": operation.operation_id} if operation else {}

        def traced(source: Any, query: Any, limit: int | None) -> Any:
            return instruments.listing(name, attributes, opener(source, query, limit))

        return traced


async def _within(span: AbstractContextManager[Any], call: Awaitable[T]) -> T:
    with span:
        return await call

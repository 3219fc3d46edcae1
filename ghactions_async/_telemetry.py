"""Where a client's spans and metrics go: OpenTelemetry, when it is installed and wanted.

``telemetry=True`` (the default) uses OpenTelemetry's global providers, so
nothing is recorded until the application configures an SDK, and an
application that never installs ``opentelemetry-api`` (the ``otel`` extra)
pays nothing: it is imported on a client's first request, only if it can be.
``telemetry=Telemetry(tracer_provider=..., meter_provider=...)`` sends this
client's to providers of its own (as OpenTelemetry's instrumentations take
them); ``telemetry=False`` turns it off.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from attrs import frozen

if TYPE_CHECKING:
    from ._otel import Instruments


@frozen(kw_only=True)
class Telemetry:
    """The OpenTelemetry providers of a client; ``None`` means the global one."""

    tracer_provider: Any = None
    meter_provider: Any = None


def as_telemetry(value: bool | Telemetry | None) -> Telemetry | None:
    """``True`` is the global providers, ``False`` (or None) none."""
    if value is True:
        return Telemetry()
    if value is False or value is None:
        return None
    if not isinstance(value, Telemetry):
        raise TypeError(f"telemetry must be a bool or a Telemetry, got {value!r}")
    return value


def instruments_for(telemetry: Telemetry | None) -> Instruments | None:
    """The tracer and instruments to record with, or None (off, or no opentelemetry-api)."""
    if telemetry is None:
        return None
    try:
        from ._otel import Instruments
    except ImportError as missing:
        if (missing.name or "").split(".")[0] != "opentelemetry":
            raise
        return None
    return Instruments(telemetry)

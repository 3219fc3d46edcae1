"""Self-hosted runners: registration, labels, removal."""

from __future__ import annotations

from .._resource import AsyncResource


class AsyncRunners(AsyncResource):
    """Self-hosted runners: registration, labels, removal."""

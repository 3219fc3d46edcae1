"""Who may use Actions, which actions may run, and with which defaults."""

from __future__ import annotations

from .._resource import AsyncResource


class AsyncPermissions(AsyncResource):
    """Who may use Actions, which actions may run, and with which defaults."""

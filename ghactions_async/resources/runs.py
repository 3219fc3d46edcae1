"""Workflow runs: list, inspect, cancel, re-run, approve, delete, logs."""

from __future__ import annotations

from .._resource import AsyncResource


class AsyncRuns(AsyncResource):
    """Workflow runs: list, inspect, cancel, re-run, approve, delete, logs."""

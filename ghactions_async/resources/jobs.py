"""Jobs of workflow runs: list, get, re-run, logs."""

from __future__ import annotations

from .._resource import AsyncResource


class AsyncJobs(AsyncResource):
    """Jobs of workflow runs: list, get, re-run, logs."""

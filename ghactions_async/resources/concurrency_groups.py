"""Concurrency groups of a repository and of a run."""

from __future__ import annotations

from .._resource import AsyncResource


class AsyncConcurrencyGroups(AsyncResource):
    """Concurrency groups of a repository and of a run."""

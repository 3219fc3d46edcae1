"""Artifacts of workflow runs: list, get, delete, download."""

from __future__ import annotations

from .._resource import AsyncResource


class AsyncArtifacts(AsyncResource):
    """Artifacts of workflow runs: list, get, delete, download."""

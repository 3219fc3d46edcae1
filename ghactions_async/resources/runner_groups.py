"""Self-hosted runner groups of an organization."""

from __future__ import annotations

from .._resource import AsyncResource


class AsyncRunnerGroups(AsyncResource):
    """Self-hosted runner groups of an organization."""

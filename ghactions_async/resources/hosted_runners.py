"""GitHub-hosted larger runners of an organization, and their images."""

from __future__ import annotations

from .._resource import AsyncResource


class AsyncHostedRunners(AsyncResource):
    """GitHub-hosted larger runners of an organization, and their images."""

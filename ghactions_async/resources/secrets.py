"""Actions secrets of repositories, organizations and environments."""

from __future__ import annotations

from .._resource import AsyncResource


class AsyncSecrets(AsyncResource):
    """Actions secrets of repositories, organizations and environments."""

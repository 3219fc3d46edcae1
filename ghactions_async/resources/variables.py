"""Actions variables of repositories, organizations and environments."""

from __future__ import annotations

from .._resource import AsyncResource


class AsyncVariables(AsyncResource):
    """Actions variables of repositories, organizations and environments."""

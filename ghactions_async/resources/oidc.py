"""The OpenID Connect subject claim of a repository."""

from __future__ import annotations

from .._resource import AsyncResource


class AsyncOidc(AsyncResource):
    """The OpenID Connect subject claim of a repository."""

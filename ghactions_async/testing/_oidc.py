"""FakeGitHub's ``oidc`` endpoints."""

from __future__ import annotations

from aiohttp import web

from ._world import World


class OidcWorld(World):
    """Building oidc into the fake."""


def add_routes(router: web.UrlDispatcher) -> None:
    """Register this area's endpoints."""

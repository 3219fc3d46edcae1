"""FakeGitHub's ``runners`` endpoints."""

from __future__ import annotations

from aiohttp import web

from ._world import World


class RunnersWorld(World):
    """Building runners into the fake."""


def add_routes(router: web.UrlDispatcher) -> None:
    """Register this area's endpoints."""

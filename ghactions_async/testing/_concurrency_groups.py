"""FakeGitHub's ``concurrency_groups`` endpoints."""

from __future__ import annotations

from aiohttp import web

from ._world import World


class ConcurrencyGroupsWorld(World):
    """Building concurrency groups into the fake."""


def add_routes(router: web.UrlDispatcher) -> None:
    """Register this area's endpoints."""

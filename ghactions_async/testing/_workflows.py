"""FakeGitHub's ``workflows`` endpoints."""

from __future__ import annotations

from aiohttp import web

from ._world import World


class WorkflowsWorld(World):
    """Building workflows into the fake."""


def add_routes(router: web.UrlDispatcher) -> None:
    """Register this area's endpoints."""

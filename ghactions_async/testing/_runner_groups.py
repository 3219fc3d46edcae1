"""FakeGitHub's ``runner_groups`` endpoints."""

from __future__ import annotations

from aiohttp import web

from ._world import World


class RunnerGroupsWorld(World):
    """Building runner groups into the fake."""


def add_routes(router: web.UrlDispatcher) -> None:
    """Register this area's endpoints."""

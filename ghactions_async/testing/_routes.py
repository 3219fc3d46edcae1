"""FakeGitHub's router, built from the operation table.

Each area module declares ``HANDLERS``: which handler answers which
operation (``ghactions_async._operations``). The router registers every
handler at its operation's verb and path, so a path is written once, in the
operation table, and the gateway knows which operation a request is for.
"""

from __future__ import annotations

import functools
import importlib
from collections.abc import Mapping
from types import MappingProxyType

from aiohttp import web

from .._areas import AREAS
from .._operations import Operation
from ._http import Handler

HANDLER_MODULES = (*AREAS, "deployment_gates", "repos", "apps")
"""The modules (``_<name>.py``) whose ``HANDLERS`` FakeGitHub serves: one per
client area, the deployment gates (runs operations kept apart from
``_runs``), and the few endpoints outside the Actions API the client uses."""

ROUTE_OPERATIONS: web.AppKey[Mapping[web.AbstractRoute, Operation]] = web.AppKey("route_operations")
"""Which operation each registered route answers (``operation_of`` reads it)."""


@functools.cache
def handlers() -> Mapping[Operation, Handler]:
    """Every operation the fake answers, with its handler, from all ``HANDLER_MODULES``."""
    table: dict[Operation, Handler] = {}
    for name in HANDLER_MODULES:
        module = importlib.import_module(f"{__package__}._{name}")
        declared: Mapping[Operation, Handler] = module.HANDLERS
        for operation, handler in declared.items():
            if operation in table:
                raise RuntimeError(f"{operation.operation_id} has two handlers")
            table[operation] = handler
    return MappingProxyType(table)


def add_routes(app: web.Application) -> None:
    """Register every handler at its operation's verb and path, and remember which is which."""
    by_route: dict[web.AbstractRoute, Operation] = {}
    for operation, handler in sorted(handlers().items(), key=lambda item: _fixed_first(item[0])):
        route = app.router.add_route(operation.http_method, operation.path, handler)
        by_route[route] = operation
    app[ROUTE_OPERATIONS] = MappingProxyType(by_route)


def operation_of(request: web.Request) -> Operation | None:
    """The operation the request's route was registered for (None: no route matched)."""
    return request.app[ROUTE_OPERATIONS].get(request.match_info.route)


def offered(operation: Operation, platform: str) -> bool:
    """Whether ``platform`` ("github.com" or "ghes") has this operation."""
    return operation.on_ghes if platform == "ghes" else operation.on_github_com


def _fixed_first(operation: Operation) -> tuple[list[tuple[bool, str]], str]:
    """Order routes so a fixed segment comes before a placeholder at the same place.

    aiohttp tries the routes under one prefix in the order they were added:
    ``runners/downloads`` must come before ``runners/{runner_id}``, or the
    placeholder would take it. Paths of one resource stay together.
    """
    segments = operation.path.split("/")
    return [(segment.startswith("{"), segment) for segment in segments], operation.http_method

"""FakeGitHub's router is the operation table: one handler per operation, nothing else."""

from __future__ import annotations

import collections
import importlib
import inspect
import pkgutil

import pytest
from aiohttp import web
from aiohttp.test_utils import make_mocked_request

import ghactions_async.testing
from ghactions_async._operations import OPERATIONS, Operation
from ghactions_async._operations.outside import OUTSIDE_ACTIONS
from ghactions_async.testing import FakeGitHub
from ghactions_async.testing._routes import HANDLER_MODULES, ROUTE_OPERATIONS, add_routes
from ghactions_async.testing._world import World

EVERY_OPERATION = [*OPERATIONS.values(), *OUTSIDE_ACTIONS]


def declared_handlers() -> collections.Counter[Operation]:
    """How many of the fake's modules declare a handler for each operation."""
    counts: collections.Counter[Operation] = collections.Counter()
    for name in HANDLER_MODULES:
        module = importlib.import_module(f"ghactions_async.testing._{name}")
        counts.update(module.HANDLERS.keys())
    return counts


def routed_app() -> web.Application:
    app = web.Application()
    add_routes(app)
    return app


def test_every_operation_has_exactly_one_handler() -> None:
    counts = declared_handlers()
    assert sorted(op.operation_id for op in EVERY_OPERATION if counts[op] != 1) == []


def test_no_handler_answers_an_operation_outside_the_tables() -> None:
    assert set(declared_handlers()) - set(EVERY_OPERATION) == set()


def test_the_router_serves_exactly_the_paths_of_the_operation_tables() -> None:
    routes = set()
    for route in routed_app().router.routes():
        assert route.resource is not None
        routes.add((route.method, route.resource.canonical))
    assert routes == {(op.http_method, op.path) for op in EVERY_OPERATION}


@pytest.mark.parametrize("operation", EVERY_OPERATION, ids=lambda op: op.operation_id)
async def test_each_path_reaches_the_handler_of_its_own_operation(operation: Operation) -> None:
    # A fixed segment (``runners/downloads``) must not be taken by a placeholder
    # (``runners/{runner_id}``) registered before it, nor the other way round.
    app = routed_app()
    path = operation.format_path([f"v{n}" for n, _ in enumerate(operation.path_params)])
    match_info = await app.router.resolve(make_mocked_request(operation.http_method, path))
    assert app[ROUTE_OPERATIONS].get(match_info.route) == operation


def test_every_world_mixin_is_part_of_fakegithub() -> None:
    # An area's builder methods (fake.add_run, ...) exist only if its mixin is a base.
    package = ghactions_async.testing
    mixins = []
    for info in pkgutil.iter_modules(package.__path__):
        module = importlib.import_module(f"{package.__name__}.{info.name}")
        mixins += [
            cls
            for cls in vars(module).values()
            if inspect.isclass(cls)
            and issubclass(cls, World)
            and cls.__module__ == module.__name__
            and cls not in (World, FakeGitHub)
        ]
    assert len(mixins) >= len(HANDLER_MODULES)
    assert [cls.__name__ for cls in mixins if not issubclass(FakeGitHub, cls)] == []

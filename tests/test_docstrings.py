"""Every public name has a docstring, and every method names the errors GitHub documents for it.

The reference pages of the documentation site are made from these
docstrings, so a name without one is a hole in the reference. "Public"
here is what a user reaches: the names of ``ghactions_async.__all__`` and
``ghactions_async.testing.__all__``, every area of both clients (with
``bulk`` and ``apps``), the paginators, every model, the pytest plugin's
fixtures, and the public methods and properties of each of their classes
(those the library defines, inherited ones included).

For the errors: where GitHub's description of an operation lists a 400,
409, 410 or 422 answer, the method's docstring names the exception it
becomes (``BadRequest``, ``Conflict``, ``Gone``, ``ValidationFailed``).
The errors any call can meet (401, 403, 404, rate limits, 5xx, transport)
are described once, in the reference's conventions and the errors guide.
"""

from __future__ import annotations

import importlib
import inspect
from collections.abc import Iterator
from functools import cached_property
from typing import Any

import ghactions_async
import ghactions_async.models
import ghactions_async.testing
import ghactions_async.testing.pytest_plugin
from ghactions_async import OPERATIONS, AsyncGitHubActions, GitHubActions
from ghactions_async._areas import AREAS

STATUS_ERRORS = {"400": "BadRequest", "409": "Conflict", "410": "Gone", "422": "ValidationFailed"}
"""Statuses whose meaning depends on the operation, and the exception each raises."""


def own_doc(value: Any) -> str:
    """A docstring written for this object itself (not inherited from ``object`` or a base)."""
    target = value.fget if isinstance(value, property) else value
    target = getattr(target, "func", target)  # cached_property
    target = getattr(target, "__func__", target)  # staticmethod, classmethod
    return (getattr(target, "__doc__", None) or "").strip()


def members(cls: type) -> Iterator[tuple[str, Any]]:
    """The public methods and properties a user reaches on ``cls``, the library's own."""
    seen: set[str] = set()
    for klass in cls.__mro__:
        if not klass.__module__.startswith("ghactions_async"):
            continue
        for name, value in vars(klass).items():
            if name.startswith("_") or name in seen:
                continue
            seen.add(name)
            callable_member = inspect.isfunction(value) or isinstance(
                value, (property, cached_property, staticmethod, classmethod)
            )
            if callable_member:
                yield f"{klass.__qualname__}.{name}", value


def undocumented(objects: dict[str, Any]) -> list[str]:
    """The names among ``objects`` (and their classes' members) that have no docstring."""
    missing: set[str] = set()
    for label, value in objects.items():
        if not (inspect.isclass(value) or inspect.isfunction(value)):
            continue  # a constant: CLEAR, OPERATIONS, __version__
        if not own_doc(value):
            missing.add(label)
        if inspect.isclass(value):
            missing.update(name for name, member in members(value) if not own_doc(member))
    return sorted(missing)


def public_objects() -> dict[str, Any]:
    objects: dict[str, Any] = {}
    for module in (ghactions_async, ghactions_async.testing):
        objects.update({f"{module.__name__}.{n}": getattr(module, n) for n in module.__all__})
    async_client = AsyncGitHubActions("token")
    sync_client = GitHubActions("token")
    try:
        for area in (*AREAS, "apps", "bulk"):
            for client in (async_client, sync_client):
                area_class = type(getattr(client, area))
                objects[f"{area_class.__module__}.{area_class.__qualname__}"] = area_class
    finally:
        sync_client.close()
    for name in ghactions_async.models.MODULES:
        module = importlib.import_module(f"ghactions_async.models.{name}")
        for attribute, value in vars(module).items():
            own = inspect.isclass(value) and value.__module__ == module.__name__
            if own and not attribute.startswith("_"):
                objects[f"{module.__name__}.{attribute}"] = value
    plugin = ghactions_async.testing.pytest_plugin
    for name in ("fake_github", "sync_github_client", "github_client"):
        fixture = getattr(plugin, name)
        objects[f"{plugin.__name__}.{name}"] = getattr(fixture, "__wrapped__", fixture)
    return objects


def test_every_public_name_has_a_docstring() -> None:
    objects = public_objects()
    assert len(objects) > 200  # the walk reaches the areas, the models and the fake
    assert undocumented(objects) == []


def test_the_walk_finds_a_missing_docstring() -> None:
    class Documented:
        """Has one."""

        def method(self) -> None:
            pass

        @property
        def value(self) -> int:
            """Has one too."""
            return 1

    Documented.__module__ = "ghactions_async.example"
    Documented.__qualname__ = "Documented"

    def bare() -> None:
        pass

    found = undocumented({"Documented": Documented, "bare": bare, "CONSTANT": 3})
    assert found == ["Documented.method", "bare"]


def test_every_method_names_the_errors_github_documents_for_it() -> None:
    from ._spec import all_operations  # GitHub's descriptions, in ../shared/openapi

    spec = all_operations()
    client = AsyncGitHubActions("token")
    silent: list[str] = []
    named = 0
    for operation_id, operation in OPERATIONS.items():
        statuses = set(spec[operation_id].responses) & set(STATUS_ERRORS)
        method = getattr(getattr(client, operation.area), operation.method)
        doc = inspect.getdoc(method) or ""
        for status in sorted(statuses):
            named += 1
            if f"``{STATUS_ERRORS[status]}``" not in doc:
                silent.append(f"{operation.area}.{operation.method}: {STATUS_ERRORS[status]}")
    assert named >= 50  # GitHub documents such answers for dozens of operations
    assert silent == []

"""FakeGitHub as an older GitHub Enterprise Server release (``FakeGitHub(ghes="3.6")``).

The handlers build the newest shapes; this module makes an answer what the
chosen release would have sent, in one step the gateway applies to every
answer: an operation the release lacks is a 404, and every JSON object is
cut down to the fields that release's schema of its model lists, at every
depth. Which model an answer is comes from the client method of its
operation (its return annotation), so no handler has to know about
releases; which fields and operations a release has comes from
``ghactions_async._ghes``, generated from GitHub's own descriptions.
"""

from __future__ import annotations

import builtins
import functools
import importlib
import inspect
import json
import types
import typing
from collections.abc import Mapping
from typing import Any, Union

import attrs
from aiohttp import web

from .._ghes import model_fields, operation_since, release_key
from .._operations import OPERATIONS, Operation
from .._operations.outside import LIST_ORG_REPOSITORIES
from .._pagination import AsyncPaginator
from .._releases import GHES_RELEASES
from ..models.common import MinimalRepository
from ._http import no_content

VERSION_HEADER = "x-github-enterprise-version"
"""Sent with every answer of a GHES release, as the real servers do."""


def check_release(release: str) -> str:
    """``release`` if the release data knows it ("3.4" ... "3.19"), else ValueError."""
    release_key(release)  # says how a release is written when it is not
    if release not in GHES_RELEASES:
        raise ValueError(
            f"FakeGitHub answers as GHES {GHES_RELEASES[0]} to {GHES_RELEASES[-1]}, not {release!r}"
        )
    return release


def version_header(release: str) -> str:
    """The header's value: a full version (``3.6.0``), as servers send (``3.16.5``)."""
    return f"{release}.0"


def lacks(operation: Operation, release: str) -> bool:
    """Whether the release lacks this Actions operation (it arrived later, or never on GHES)."""
    if operation.operation_id not in OPERATIONS:
        return False  # outside the Actions API: every release the data knows has it
    since = operation_since(operation.operation_id)
    return since is None or release_key(since) > release_key(release)


def shape_response(
    response: web.StreamResponse, operation: Operation, release: str
) -> web.StreamResponse:
    """A successful JSON answer cut down to what ``release`` sends (changed in place).

    An optional body the release has no schema for is not sent: GHES answers
    a workflow dispatch with 204, never with the run's details.
    """
    hint = answer_types().get(operation)
    if hint is None or not isinstance(response, web.Response) or not 200 <= response.status < 300:
        return response
    body = response.body
    if not isinstance(body, bytes) or response.content_type != "application/json":
        return response
    if _undescribed(hint, release):
        return no_content()
    shaped = _answer(json.loads(body), hint, release)
    response.body = json.dumps(shaped, separators=(",", ":")).encode()
    return response


def _undescribed(hint: Any, release: str) -> bool:
    """Whether ``hint`` is ``Model | None`` and the release describes no such model."""
    models = _models_of(hint)
    optional = type(None) in typing.get_args(hint)
    return optional and bool(models) and all(_fields(m, release) is None for m in models)


def _answer(data: Any, hint: Any, release: str) -> Any:
    """An answer: one model, a bare list, or a list wrapped as ``{total_count, key: [...]}``."""
    item = _item_type(hint)
    if item is not None and isinstance(data, dict):
        return {k: _shaped(v, hint, release) if isinstance(v, list) else v for k, v in data.items()}
    return _shaped(data, hint, release)


def _shaped(value: Any, hint: Any, release: str) -> Any:
    """``value`` as the release sends something of type ``hint``."""
    item = _item_type(hint)
    if item is not None:
        return [_shaped(v, item, release) for v in value] if isinstance(value, list) else value
    if not isinstance(value, dict):
        return value
    models = _models_of(hint)
    known = [(m, fields) for m in models if (fields := _fields(m, release)) is not None]
    if not known:
        return value  # not a model, or one this release has no schema for: as built
    # A union (a reviewer: a user or a team): the model knowing most keys, as the client picks.
    model, fields = max(known, key=lambda pair: len(pair[1] & value.keys()))
    types_ = _field_types(model)
    return {k: _shaped(v, types_[k], release) for k, v in value.items() if k in fields}


def _item_type(hint: Any) -> Any:
    """The item type of a list (or a paginator) type; None for anything else."""
    origin = typing.get_origin(hint)
    if origin is list or origin is AsyncPaginator:
        return typing.get_args(hint)[0]
    if origin in (Union, types.UnionType):
        items = [_item_type(a) for a in typing.get_args(hint) if a is not type(None)]
        return items[0] if len(items) == 1 else None
    return None


def _models_of(hint: Any) -> list[type]:
    """The models ``hint`` names: itself, or the models of a union (``SimpleUser | None``)."""
    if typing.get_origin(hint) in (Union, types.UnionType):
        return [a for a in typing.get_args(hint) if attrs.has(a)]
    return [hint] if attrs.has(hint) else []


@functools.cache
def _fields(model: type, release: str) -> frozenset[str] | None:
    return model_fields(model, release)


@functools.cache
def _field_types(model: type) -> Mapping[str, Any]:
    return typing.get_type_hints(model)


@functools.cache
def answer_types() -> Mapping[Operation, Any]:
    """The type each Actions operation's method returns (the org repository list's too).

    Read from the client's resources once; an operation whose method returns
    no model (a 204, a download) maps to a type without models and is left as is.
    """
    table: dict[Operation, Any] = {LIST_ORG_REPOSITORIES: list[MinimalRepository]}
    for operation in OPERATIONS.values():
        module = importlib.import_module(f"ghactions_async.resources.{operation.area}")
        method = _method_of(module, operation.method)
        annotation = inspect.signature(method).return_annotation
        if isinstance(annotation, str):
            # Annotations are strings of the resource's module; its paginator is imported
            # for type checkers only.
            namespace = {**vars(builtins), **vars(module), "AsyncPaginator": AsyncPaginator}
            annotation = eval(annotation, namespace)
        table[operation] = annotation
    return types.MappingProxyType(table)


def _method_of(module: types.ModuleType, name: str) -> Any:
    """The method ``name`` of the one resource class its module defines with it."""
    for value in vars(module).values():
        if inspect.isclass(value) and value.__module__ == module.__name__ and name in vars(value):
            return vars(value)[name]
    raise LookupError(f"{module.__name__} defines no method {name}")

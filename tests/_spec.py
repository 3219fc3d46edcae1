"""GitHub's OpenAPI descriptions, read for the tests, and stand-in arguments for any method."""

from __future__ import annotations

import builtins
import inspect
import io
import sys
import types
import typing
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from functools import cache
from typing import Any, Literal, Union

import attrs

from ghactions_async import AsyncGitHubActions, AsyncPaginator, Operation

from .conftest import load_spec

PLATFORMS = {"api.github.com": "actions.json", "ghes": "actions-ghes.json"}


@dataclass
class SpecOperation:
    operation_id: str
    http_method: str
    path: str
    subcategory: str
    query: dict[str, dict[str, Any]] = field(default_factory=dict)
    path_params: list[str] = field(default_factory=list)
    body: dict[str, Any] = field(default_factory=dict)
    body_required: list[str] = field(default_factory=list)
    responses: dict[str, Any] = field(default_factory=dict)


def resolve(spec: Mapping[str, Any], node: Any) -> Any:
    while isinstance(node, Mapping) and "$ref" in node:
        target: Any = spec
        for part in node["$ref"].removeprefix("#/").split("/"):
            target = target[part]
        node = target
    return node


@cache
def operations(platform: str) -> dict[str, SpecOperation]:
    spec = load_spec(PLATFORMS[platform])
    found: dict[str, SpecOperation] = {}
    for path, item in spec["paths"].items():
        for verb, raw in item.items():
            if verb == "parameters":
                continue
            op = SpecOperation(
                raw["operationId"], verb.upper(), path, raw["x-github"]["subcategory"]
            )
            for parameter in (resolve(spec, p) for p in raw.get("parameters", [])):
                if parameter["in"] == "query":
                    op.query[parameter["name"]] = parameter
                elif parameter["in"] == "path":
                    op.path_params.append(parameter["name"])
            # Some operations declare their path parameters out of path order.
            op.path_params.sort(key=lambda name: path.index(f"{{{name}}}"))
            body = resolve(spec, raw.get("requestBody", {}))
            schema = resolve(
                spec, body.get("content", {}).get("application/json", {}).get("schema", {})
            )
            # A body that is one of several shapes (anyOf/oneOf) takes the fields of
            # all of them; a field is required only when every shape requires it.
            shapes = [resolve(spec, s) for s in schema.get("anyOf", schema.get("oneOf", []))]
            shapes = shapes or [schema]
            op.body = {
                k: resolve(spec, v) for s in shapes for k, v in s.get("properties", {}).items()
            }
            required = [set(s.get("required", [])) for s in shapes]
            op.body_required = sorted(set.intersection(*required))
            for status, response in raw["responses"].items():
                response = resolve(spec, response)
                content = response.get("content", {}).get("application/json", {})
                op.responses[status] = {
                    "schema": resolve(spec, content.get("schema")),
                    "examples": [
                        resolve(spec, e).get("value") for e in content.get("examples", {}).values()
                    ],
                }
            found[op.operation_id] = op
    return found


def all_operations() -> dict[str, SpecOperation]:
    return {**operations("ghes"), **operations("api.github.com")}


def bound_method(client: AsyncGitHubActions, operation: Operation) -> Callable[..., Any]:
    method: Callable[..., Any] = getattr(getattr(client, operation.area), operation.method)
    return method


def _namespace(function: Callable[..., Any]) -> dict[str, Any]:
    target = inspect.unwrap(function)
    module = sys.modules[target.__module__]
    return {**vars(builtins), **vars(module), "AsyncPaginator": AsyncPaginator}


def hints(function: Callable[..., Any]) -> dict[str, Any]:
    """Parameter and return annotations, evaluated (they are strings in the source)."""
    namespace = _namespace(function)
    signature = inspect.signature(function)
    result = {
        name: eval(p.annotation, namespace) if isinstance(p.annotation, str) else p.annotation
        for name, p in signature.parameters.items()
        if p.annotation is not inspect.Parameter.empty
    }
    returns = signature.return_annotation
    result["return"] = eval(returns, namespace) if isinstance(returns, str) else returns
    return result


def stand_in(hint: Any, name: str) -> Any:
    """A valid value for a parameter of this type."""
    if name == "dest":  # a download's destination: memory, never a file in the work tree
        return io.BytesIO()
    origin = typing.get_origin(hint)
    arguments = typing.get_args(hint)
    if origin is typing.Annotated:  # NonEmptyStr: the value the base type gets is fine
        return stand_in(arguments[0], name)
    if origin in (Union, types.UnionType):
        return stand_in(next(a for a in arguments if a is not type(None)), name)
    if origin is Literal:
        return arguments[0]
    if hint is bool:
        return True
    if hint is int:
        return 7
    if hint is str:
        return "1.0.0" if name == "version" else f"{name}-value"
    if origin in (list, Sequence, typing.Sequence) or hint is list:
        return [stand_in(arguments[0] if arguments else str, name)]
    if origin in (dict, Mapping, typing.Mapping):
        return {"input": "value"}
    if isinstance(hint, type) and attrs.has(hint):  # a nested request object
        attrs.resolve_types(hint)
        required = {
            f.name: stand_in(f.type, f.name)
            for f in attrs.fields(hint)
            if f.default is attrs.NOTHING
        }
        return hint(**required)
    raise NotImplementedError(f"no stand-in for {hint!r} ({name})")


def stand_in_call(method: Callable[..., Any]) -> tuple[list[Any], dict[str, Any]]:
    """Arguments for every required positional and every keyword parameter of ``method``."""
    annotations = hints(method)
    args: list[Any] = []
    kwargs: dict[str, Any] = {}
    for name, parameter in inspect.signature(method).parameters.items():
        optional = parameter.default is not inspect.Parameter.empty
        if optional and parameter.kind is not parameter.KEYWORD_ONLY:
            continue
        value = stand_in(annotations[name], name)
        if parameter.kind is parameter.KEYWORD_ONLY:
            kwargs[name] = value
        else:
            args.append(value)
    return args, kwargs

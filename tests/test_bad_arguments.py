"""Property: every public method rejects bad arguments before any request.

For each operation, hypothesis picks one parameter and a bad value for its
type (wrong type, non-positive id, empty path value, per_page over the
endpoint's maximum, unknown enum value); the call must raise ``TypeError`` or
``ValueError`` before anything is sent. The client points at a closed port,
and a call that got as far as sending would fail differently.
"""

from __future__ import annotations

import inspect
import re
import types
import typing
from collections.abc import Callable, Mapping, Sequence
from datetime import datetime
from typing import Any, Literal, Union

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from ghactions_async import OPERATIONS, AsyncGitHubActions

from ._spec import all_operations, bound_method, hints, stand_in_call

CLIENT = AsyncGitHubActions("t", base_url="http://127.0.0.1:9")
NOT_STR = st.integers() | st.none() | st.binary(min_size=1) | st.lists(st.text(), min_size=1)
NOT_INT = st.text() | st.floats(allow_nan=False) | st.booleans() | st.none()


def max_per_page(operation_id: str) -> int:
    parameter = all_operations()[operation_id].query.get("per_page", {})
    match = re.search(r"max (\d+)", parameter.get("description", ""))
    return int(match.group(1)) if match else 100


def bad_values(
    hint: Any, name: str, *, path: bool, per_page_max: int
) -> st.SearchStrategy[Any] | None:
    """Values the annotation's rules reject; None when there is no such rule to test."""
    origin = typing.get_origin(hint)
    arguments = typing.get_args(hint)
    if origin is typing.Annotated:  # NonEmptyStr: held to the path rule
        return bad_values(arguments[0], name, path=True, per_page_max=per_page_max)
    if origin in (Union, types.UnionType):
        present = [a for a in arguments if a is not type(None)]
        if len(present) == 1:  # Optional[X]: None is fine, anything else X rejects is not
            inner = bad_values(present[0], name, path=path, per_page_max=per_page_max)
            return None if inner is None else inner.filter(lambda value: value is not None)
        if set(present) == {int, str}:  # workflow_id
            return (
                st.floats(allow_nan=False) | st.just("") | st.integers(max_value=0) | st.just([1])
            )
        return None
    if name == "per_page":
        return st.integers(min_value=per_page_max + 1) | st.integers(max_value=0) | NOT_INT
    if origin is Literal:
        allowed = set(arguments)
        return st.text().filter(lambda s: s not in allowed) | st.integers(min_value=-5)
    if hint is bool:
        return st.integers() | st.text() | st.none()
    if hint is int:
        positive = path or name.endswith("_id")
        numbers = st.integers(max_value=0 if positive else -1)
        return numbers | st.text() | st.booleans() | st.floats(allow_nan=False) | st.none()
    if hint is str:
        return (st.sampled_from(["", " ", "\t\n"]) | NOT_STR) if path else NOT_STR
    if origin in (list, Sequence, typing.Sequence) or hint is list:
        item = arguments[0] if arguments else Any
        bad_items: st.SearchStrategy[Any] = st.lists(
            NOT_STR if item is str else NOT_INT, min_size=1
        )
        if item is int and name.endswith("_ids"):
            bad_items |= st.lists(st.integers(max_value=0), min_size=1)
        return st.text(min_size=1) | st.integers() | st.none() | bad_items
    if origin in (dict, Mapping, typing.Mapping):
        return (
            st.lists(st.text(), min_size=1)
            | st.text()
            | st.dictionaries(st.text(), st.integers(), min_size=1)
        )
    if hint is datetime:
        return st.text() | st.integers()
    if isinstance(hint, type) and hasattr(hint, "__attrs_attrs__"):
        return st.text() | st.integers() | st.dictionaries(st.text(), st.text())
    return None


def candidates(
    operation_id: str,
) -> tuple[Callable[..., Any], list[tuple[str, st.SearchStrategy[Any]]]]:
    method = bound_method(CLIENT, OPERATIONS[operation_id])
    annotations = hints(method)
    found = []
    for name, parameter in inspect.signature(method).parameters.items():
        path = parameter.kind is parameter.POSITIONAL_OR_KEYWORD
        strategy = bad_values(
            annotations[name], name, path=path, per_page_max=max_per_page(operation_id)
        )
        if strategy is not None:
            found.append((name, strategy))
    return method, found


def call(method: Callable[..., Any], args: list[Any], kwargs: dict[str, Any]) -> None:
    result = method(*args, **kwargs)
    if inspect.iscoroutine(result):
        try:
            result.send(None)  # validation runs before the first await
        finally:
            result.close()


@pytest.mark.parametrize("operation_id", sorted(OPERATIONS))
@settings(max_examples=20, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(data=st.data())
def test_bad_arguments_raise_before_any_request(operation_id: str, data: st.DataObject) -> None:
    method, options = candidates(operation_id)
    assert options, f"{operation_id}: no parameter with a rule to break"
    name, strategy = data.draw(st.sampled_from(options), label="parameter")
    bad = data.draw(strategy, label=name)
    args, kwargs = stand_in_call(method)
    names = [
        p.name
        for p in inspect.signature(method).parameters.values()
        if p.kind is p.POSITIONAL_OR_KEYWORD
    ]
    if name in names and names.index(name) < len(args):
        args[names.index(name)] = bad
    else:
        kwargs[name] = bad
    with pytest.raises((TypeError, ValueError)):
        call(method, args, kwargs)


def test_the_stand_in_arguments_themselves_are_accepted() -> None:
    """Guards the property above: it would pass vacuously if valid calls failed too."""
    for operation_id in sorted(OPERATIONS):
        method = bound_method(CLIENT, OPERATIONS[operation_id])
        args, kwargs = stand_in_call(method)
        result = method(*args, **kwargs)
        if inspect.iscoroutine(result):
            with pytest.raises(RuntimeError):  # it got past validation, to the event loop
                call(method, args, kwargs)
            result.close()

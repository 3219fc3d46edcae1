"""Argument checks derived from annotations, run before any request is sent.

Every public method of a resource is wrapped by ``validate_arguments`` (see
``AsyncResource``), so a wrong type raises ``TypeError`` and a bad value
raises ``ValueError`` the same way everywhere, and a new method cannot forget
its checks. The rules beyond the annotation itself:

- positional parameters are path segments: strings must not be empty, integers
  must be positive; a keyword string annotated ``NonEmptyStr`` is held to the
  same rule;
- integers named ``*_id`` (and the items of ``*_ids``) must be positive;
  any other integer must not be negative;
- ``Literal`` values outside their set raise ``ValueError``.
"""

from __future__ import annotations

import collections.abc as cabc
import datetime as dt
import functools
import inspect
import types
import typing
from collections.abc import Callable
from typing import Annotated, Any, Literal, TypeVar, Union

F = TypeVar("F", bound=Callable[..., Any])
Check = Callable[[Any], "Exception | None"]

_SEQUENCE_ORIGINS = (list, tuple, cabc.Sequence, cabc.Iterable, cabc.Collection, frozenset, set)
_MAPPING_ORIGINS = (dict, cabc.Mapping)
_POSITIONAL_KINDS = (inspect.Parameter.POSITIONAL_ONLY, inspect.Parameter.POSITIONAL_OR_KEYWORD)


class _LikePathSegment:
    """``Annotated`` metadata: check this argument as a path segment is checked."""

    def __repr__(self) -> str:
        return "LIKE_PATH_SEGMENT"


_LIKE_PATH_SEGMENT = _LikePathSegment()

NonEmptyStr = Annotated[str, _LIKE_PATH_SEGMENT]
"""A str that must not be empty or blank, for a value GitHub needs (a name, a ref)."""


def validate_arguments(func: F) -> F:
    """Wrap ``func`` so each call checks its arguments against its annotations."""
    signature = inspect.signature(func)
    parameters = signature.parameters.values()
    positional = tuple(p.name for p in parameters if p.kind in _POSITIONAL_KINDS)
    checks: dict[str, Check] | None = None
    by_position: tuple[Check | None, ...] = ()

    def run_checks(args: tuple[Any, ...], kwargs: dict[str, Any]) -> None:
        nonlocal checks, by_position
        if checks is None:
            checks = _compile(func, signature)
            by_position = tuple(checks.get(name) for name in positional)
        if len(args) > len(positional):  # ``bind`` says what is wrong
            kwargs, args = dict(signature.bind(*args, **kwargs).arguments), ()
        # The common call, without ``bind``'s cost: a mistake ``bind`` would
        # catch (an unknown or repeated keyword, a missing argument) still
        # raises TypeError when the method is called, before any request.
        for check, value in zip(by_position, args, strict=False):
            if check is not None:
                error = check(value)
                if error is not None:
                    raise error
        for name, value in kwargs.items():
            check = checks.get(name)
            if check is not None:
                error = check(value)
                if error is not None:
                    raise error

    if inspect.iscoroutinefunction(func):

        @functools.wraps(func)
        async def async_wrapper(*args: Any, **kwargs: Any) -> Any:
            run_checks(args, kwargs)
            return await func(*args, **kwargs)

        return typing.cast(F, async_wrapper)

    @functools.wraps(func)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        run_checks(args, kwargs)
        return func(*args, **kwargs)

    return typing.cast(F, wrapper)


def _compile(func: Callable[..., Any], signature: inspect.Signature) -> dict[str, Check]:
    checks: dict[str, Check] = {}
    # Annotations are strings of the module that wrote the function, beneath any decorator.
    namespace = dict(getattr(inspect.unwrap(func), "__globals__", {}))
    for name, parameter in signature.parameters.items():
        annotation = parameter.annotation
        if name == "self" or annotation is inspect.Parameter.empty:
            continue
        if isinstance(annotation, str):
            annotation = eval(annotation, namespace)
        if parameter.kind in (parameter.VAR_POSITIONAL, parameter.VAR_KEYWORD):
            continue
        is_path = parameter.kind is parameter.POSITIONAL_OR_KEYWORD
        checks[name] = _check_for(annotation, name, is_path=is_path)
    return checks


def _describe(value: Any) -> str:
    text = repr(value)
    return text if len(text) <= 60 else text[:57] + "..."


def _check_for(hint: Any, name: str, *, is_path: bool) -> Check:
    origin = typing.get_origin(hint)
    args = typing.get_args(hint)
    if hint is Any or hint is object:
        return lambda value: None
    if origin is typing.Annotated:
        return _check_for(args[0], name, is_path=is_path or _LIKE_PATH_SEGMENT in args[1:])
    if hint is None or hint is type(None):
        return lambda value: None if value is None else TypeError(f"{name} must be None")
    if origin in (Union, types.UnionType):
        present = [a for a in args if a is not type(None)]
        if len(present) == 1:  # Optional[X]: X's own message is the most precise
            inner = _check_for(present[0], name, is_path=is_path)
            return lambda value: None if value is None else inner(value)
        return _union(hint, [_check_for(a, name, is_path=is_path) for a in args], name)
    if origin is Literal:
        return _literal(args, name)
    if hint is bool:
        return _instance(bool, name, "a bool")
    if hint is int:
        return _integer(name, positive=is_path or name.endswith("_id"))
    if hint is float:
        return _number(name)
    if hint is str:
        return _string(name, non_empty=is_path)
    if origin in _MAPPING_ORIGINS or hint in _MAPPING_ORIGINS:
        return _mapping(args, name)
    if origin in _SEQUENCE_ORIGINS or hint in _SEQUENCE_ORIGINS:
        item_name = f"items of {name}"
        item_hint = args[0] if args else Any
        item_check = _check_for(
            item_hint, name[:-1] if name.endswith("_ids") else item_name, is_path=False
        )
        return _sequence(item_check, name)
    if origin is cabc.Callable or hint is cabc.Callable:
        return lambda value: None if callable(value) else TypeError(f"{name} must be callable")
    if hint in (dt.datetime, dt.timedelta, dt.date):
        return _instance(hint, name, f"a {hint.__name__}")
    if isinstance(hint, type) and hint.__module__ not in ("typing", "typing_extensions"):
        if getattr(hint, "_is_protocol", False):
            return lambda value: None
        return _instance(hint, name, f"a {hint.__name__}")
    # Forms without a cheap runtime test (TypeVars, protocols): leave them to mypy.
    return lambda value: None


def _instance(cls: type, name: str, what: str) -> Check:
    def check(value: Any) -> Exception | None:
        if isinstance(value, cls) and not (cls is not bool and isinstance(value, bool)):
            return None
        return TypeError(f"{name} must be {what}, got {type(value).__name__}")

    return check


def _integer(name: str, *, positive: bool) -> Check:
    def check(value: Any) -> Exception | None:
        if isinstance(value, bool) or not isinstance(value, int):
            return TypeError(f"{name} must be an int, got {type(value).__name__}")
        if positive and value < 1:
            return ValueError(f"{name} must be a positive integer, got {value}")
        if value < 0:
            return ValueError(f"{name} must not be negative, got {value}")
        return None

    return check


def _number(name: str) -> Check:
    def check(value: Any) -> Exception | None:
        if isinstance(value, bool) or not isinstance(value, (int, float)):
            return TypeError(f"{name} must be a number, got {type(value).__name__}")
        if value != value or value < 0:
            return ValueError(f"{name} must be a non-negative number, got {value}")
        return None

    return check


def _string(name: str, *, non_empty: bool) -> Check:
    def check(value: Any) -> Exception | None:
        if not isinstance(value, str):
            return TypeError(f"{name} must be a str, got {type(value).__name__}")
        if non_empty and not value.strip():
            return ValueError(f"{name} must not be empty")
        return None

    return check


def _literal(allowed: tuple[Any, ...], name: str) -> Check:
    choices = ", ".join(repr(a) for a in allowed)
    kinds = tuple({type(a) for a in allowed})

    def check(value: Any) -> Exception | None:
        if value in allowed and type(value) in kinds:
            return None
        if not isinstance(value, kinds) or (isinstance(value, bool) and bool not in kinds):
            return TypeError(f"{name} must be one of {choices}, got {type(value).__name__}")
        return ValueError(f"{name} must be one of {choices}, got {_describe(value)}")

    return check


def _union(hint: Any, members: list[Check], name: str) -> Check:
    expected = " or ".join(_describe_hint(a) for a in typing.get_args(hint))

    def check(value: Any) -> Exception | None:
        errors = [member(value) for member in members]
        if any(error is None for error in errors):
            return None
        value_errors = [e for e in errors if isinstance(e, ValueError)]
        if value_errors:
            return value_errors[0]
        return TypeError(f"{name} must be {expected}, got {type(value).__name__}")

    return check


def _describe_hint(hint: Any) -> str:
    """``int`` -> "an int", ``Literal["a"]`` -> "one of 'a'": for messages."""
    origin = typing.get_origin(hint)
    if hint is None or hint is type(None):
        return "None"
    if origin is Literal:
        return "one of " + ", ".join(repr(a) for a in typing.get_args(hint))
    if origin in _SEQUENCE_ORIGINS:
        return "a list"
    if origin in _MAPPING_ORIGINS:
        return "a mapping"
    name = getattr(hint, "__name__", str(hint))
    return f"an {name}" if name[:1].lower() in "aeiou" else f"a {name}"


def _sequence(item_check: Check, name: str) -> Check:
    def check(value: Any) -> Exception | None:
        if isinstance(value, (str, bytes, bytearray)) or not isinstance(value, cabc.Iterable):
            return TypeError(f"{name} must be a list, got {type(value).__name__}")
        if isinstance(value, cabc.Iterator):
            return TypeError(f"{name} must be a list, not a one-shot iterator")
        for item in value:
            error = item_check(item)
            if error is not None:
                return error
        return None

    return check


def _mapping(args: tuple[Any, ...], name: str) -> Check:
    key_check = _check_for(args[0], f"keys of {name}", is_path=False) if args else None
    value_check = _check_for(args[1], f"values of {name}", is_path=False) if args else None

    def check(value: Any) -> Exception | None:
        if not isinstance(value, cabc.Mapping):
            return TypeError(f"{name} must be a mapping, got {type(value).__name__}")
        for key, item in value.items():
            error = (key_check and key_check(key)) or (value_check and value_check(item))
            if error:
                return error
        return None

    return check

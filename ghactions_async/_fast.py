"""Structuring answers at raw speed: one function per model, nested models built on first use.

cattrs' generated functions call a hook for every field, and for every
optional field dispatch again on its inner type; a page of 100 workflow
runs, each with two repositories and two users of 20 to 80 fields, cost
three times its JSON parsing. Here each model gets one function, generated
once, that reads its own fields inline (a type check and no call for text,
numbers and flags) and builds each nested model lazily: an instance of a
subclass of the model's class that structures itself, the same way, on the
first read of any of its fields. Everything else (literals, unions of
models, mappings) goes to the cattrs hook of its type.

A misfit on the fast path is not reported from here: ``_convert.structure``
then runs cattrs' detailed pass, which says where. A nested model that
turns out not to fit when first read raises UnexpectedResponse naming its
``Origin`` (operation, page, request id), so only typed errors escape.
"""

from __future__ import annotations

import functools
import inspect
import types
import typing
from collections.abc import Callable
from datetime import datetime
from typing import Any, TypeVar, Union, get_args, get_origin

import attrs

T = TypeVar("T")

_PRIMITIVES = (str, int, float, bool)
_RAW, _ORIGIN = "_ghactions_raw", "_ghactions_origin"


@attrs.frozen
class Origin:
    """Where an answer came from, for the error of a nested model read later."""

    operation: str | None
    page: int | None
    status: int
    url: str
    request_id: str | None


Compiled = Callable[[Any, "Origin | None"], Any]


@functools.cache
def fast_structurer(into: Any) -> Compiled | None:
    """The fast function for a model or a list of models, or None when there is none."""
    if get_origin(into) is list:
        (item,) = get_args(into)
        one = _compiled(item) if _eligible(item) else None
        if one is None:
            return None

        def structure_list(data: Any, origin: Origin | None, _one: Compiled = one) -> Any:
            if type(data) is not list:
                raise TypeError(f"expected a list, got {type(data).__name__}")
            return [_one(item, origin) for item in data]

        return structure_list
    return _compiled(into) if _eligible(into) else None


@functools.cache
def _eligible(cls: Any) -> bool:
    """A model whose fields are required or default to None (the others keep to cattrs)."""
    if not (isinstance(cls, type) and attrs.has(cls)):
        return False
    if "__slots__" not in cls.__dict__:
        return False  # nested models are filled in through their slots (_lazy_class)
    return all(f.default is attrs.NOTHING or f.default is None for f in attrs.fields(cls))


@functools.cache
def _compiled(cls: type) -> Compiled:
    return _Generator(cls).function()


@functools.cache
def _lazy(cls: type) -> Compiled:
    """``(raw, origin) -> instance`` building ``cls`` on the first read of a field."""
    lazy_class = _lazy_class(cls)

    def lazy(raw: Any, origin: Origin | None, _new: Any = object.__new__) -> Any:
        if type(raw) is not dict:
            raise TypeError(f"expected an object, got {type(raw).__name__}")
        instance = _new(lazy_class)
        object.__setattr__(instance, _RAW, raw)
        object.__setattr__(instance, _ORIGIN, origin)
        return instance

    return lazy


class _Generator:
    """Writes the source of one model's function (see the module docstring)."""

    def __init__(self, cls: type) -> None:
        from ._convert import converter, parse_datetime

        self.cls = cls
        self.converter = converter
        self.globals: dict[str, Any] = {"_cls": cls, "_dt": parse_datetime}
        self.hints = typing.get_type_hints(cls)

    def function(self) -> Compiled:
        lines = [
            "def structure(o, origin):",
            "    if type(o) is not dict:",
            "        raise TypeError('expected an object')",
            "    g = o.get",
            "    return _cls(",
        ]
        for index, field in enumerate(attrs.fields(self.cls)):
            lines.append(f"        {field.alias}={self.read(index, field)},")
        lines.append("    )")
        namespace = dict(self.globals)
        exec(compile("\n".join(lines), f"<fast structure {self.cls.__name__}>", "exec"), namespace)
        function: Compiled = namespace["structure"]
        return function

    def read(self, index: int, field: attrs.Attribute[Any]) -> str:
        """The expression that reads one field from ``o``."""
        kind = self.hints[field.name]
        optional = field.default is None
        key = repr(field.name)
        value = f"g({key})" if optional else f"o[{key}]"
        inner = _without_none(kind)
        hook, of = f"_h{index}", f"_t{index}"
        if inner in _PRIMITIVES:
            self.globals[hook] = self.converter.get_structure_hook(inner)
            self.globals[of] = inner
            if optional:
                return f"(_v if (_v := {value}) is None or type(_v) is {of} else {hook}(_v, {of}))"
            return f"(_v if type(_v := {value}) is {of} else {hook}(_v, {of}))"
        maybe = "None if (_v := {value}) is None else {make}" if optional else "{make}"
        if inner is datetime:
            make = "_dt(_v)" if optional else f"_dt({value})"
            return "(" + maybe.format(value=value, make=make) + ")"
        if _eligible(inner):
            self.globals[hook] = _lazy(inner)
            make = f"{hook}(_v, origin)" if optional else f"{hook}({value}, origin)"
            return "(" + maybe.format(value=value, make=make) + ")"
        if get_origin(inner) is list and _eligible(get_args(inner)[0]):
            self.globals[hook] = _lazy(get_args(inner)[0])
            self.globals["_lazies"] = _lazies
            make = (
                f"_lazies(_v, {hook}, origin)" if optional else f"_lazies({value}, {hook}, origin)"
            )
            return "(" + maybe.format(value=value, make=make) + ")"
        self.globals[hook] = self.converter.get_structure_hook(kind)
        self.globals[of] = kind
        return f"{hook}({value}, {of})"


def _without_none(kind: Any) -> Any:
    """``X | None`` -> ``X``; any other type as it is."""
    if get_origin(kind) in (Union, types.UnionType):
        rest = [a for a in get_args(kind) if a is not type(None)]
        if len(rest) == 1:
            return rest[0]
    return kind


def _lazies(value: Any, lazy: Compiled, origin: Origin | None) -> list[Any]:
    if type(value) is not list:
        raise TypeError(f"expected a list, got {type(value).__name__}")
    return [lazy(item, origin) for item in value]


@functools.cache
def _lazy_class(cls: type) -> type:
    """A subclass of ``cls`` whose instances hold their answer until a field is read."""
    names = frozenset(f.name for f in attrs.fields(cls))
    # The slots' own descriptors: copying through them skips the name lookups
    # (and the frozen class's __setattr__), a third of a nested model's cost.
    slots = [inspect.getattr_static(cls, name) for name in names]
    copiers = [(slot.__get__, slot.__set__) for slot in slots]

    def load(self: Any) -> None:
        raw = object.__getattribute__(self, _RAW)
        origin = object.__getattribute__(self, _ORIGIN)
        real = _structure_nested(_compiled(cls), cls, raw, origin)
        for read, write in copiers:
            write(self, read(real))
        object.__delattr__(self, _RAW)  # the answer is no longer needed

    def __getattr__(self: Any, name: str) -> Any:
        # Reached only for a field not set yet: the first read builds them all.
        if name not in names:
            raise AttributeError(name)
        load(self)
        return object.__getattribute__(self, name)

    def __eq__(self: Any, other: Any) -> Any:
        if not isinstance(other, cls):
            return NotImplemented
        return all(getattr(self, n) == getattr(other, n) for n in names)

    def __ne__(self: Any, other: Any) -> Any:
        equal = __eq__(self, other)
        return equal if equal is NotImplemented else not equal

    def __reduce__(self: Any) -> tuple[Any, ...]:
        # Copies and pickles are of the model's own class, fully built.
        return (_rebuild, (cls, {name: getattr(self, name) for name in names}))

    namespace = {
        "__slots__": (_RAW, _ORIGIN),
        "__getattr__": __getattr__,
        "__eq__": __eq__,
        "__ne__": __ne__,
        "__hash__": cls.__hash__,
        "__reduce__": __reduce__,
        "__qualname__": cls.__qualname__,
        "__module__": cls.__module__,
        "__doc__": cls.__doc__,
    }
    return type(cls.__name__, (cls,), namespace)


def _rebuild(cls: type[T], values: dict[str, Any]) -> T:
    return cls(**values)


def _structure_nested(compiled: Compiled, cls: type, raw: Any, origin: Origin | None) -> Any:
    """A nested model read at last; if it does not fit, UnexpectedResponse names its origin."""
    from ._convert import StructureError, structure_detailed

    try:
        return compiled(raw, origin)
    except Exception:
        pass
    try:
        return structure_detailed(raw, cls)
    except StructureError as exc:
        details = exc.details
    from ._errors import UnexpectedResponse

    where = origin.operation if origin is not None and origin.operation else "GitHub's answer"
    if origin is not None and origin.page is not None:
        where += f", page {origin.page}"
    raise UnexpectedResponse(
        f"{where}: a {cls.__name__} in the answer does not fit the model",
        status=origin.status if origin is not None else 200,
        url=origin.url if origin is not None else None,
        request_id=origin.request_id if origin is not None else None,
        details=details,
    )

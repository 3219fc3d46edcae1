"""The library's own cattrs converters (never the global one).

``converter`` ignores fields GitHub adds later, so new fields never break
users; ``strict_converter`` forbids them and is what the tests use to catch
drift between the models and GitHub's schemas. Both parse GitHub's ISO
timestamps into aware ``datetime`` objects, and refuse null in a field that
cannot be None (cattrs alone would read it as "None" or False). Since almost
every model field may be missing (see ``models/_sources.py``), a union of
models (a reviewer that is a user or a team) is told apart by which model's
fields the answer's keys match best, not by fields that must be there.

Structuring runs a fast converter first; only when that fails is the answer
structured again with detailed validation, to say which fields did not fit.
"""

from __future__ import annotations

import types
from collections.abc import Callable, Mapping
from datetime import datetime, timezone
from typing import Any, TypeVar, Union, cast, get_args, get_origin

import attrs
import cattrs

from ._fast import Origin, fast_structurer

T = TypeVar("T")


def parse_datetime(value: Any, _type: Any = datetime) -> datetime:
    """GitHub's timestamps: ``2024-01-24T22:45:36Z`` or with ``.000`` and offsets."""
    if type(value) is str:
        try:  # Python 3.11+ reads GitHub's "Z" itself: the fast path for every list item
            parsed = datetime.fromisoformat(value)
        except ValueError:
            text = value.strip()
            if text[-1:] in ("Z", "z"):
                text = text[:-1] + "+00:00"
            parsed = datetime.fromisoformat(text)
    elif isinstance(value, datetime):
        parsed = value
    else:
        raise TypeError(f"expected an ISO 8601 timestamp, got {value!r}")
    if parsed.tzinfo is None:
        parsed = parsed.replace(tzinfo=timezone.utc)
    return parsed


def _text(value: Any, _type: Any = str) -> str:
    """Text as sent (a number or boolean becomes its text); null never becomes "None"."""
    if value is None:
        raise TypeError("expected text, got null")
    return value if type(value) is str else str(value)


def _flag(value: Any, _type: Any = bool) -> bool:
    """A boolean; null is refused rather than read as False."""
    if value is None:
        raise TypeError("expected true or false, got null")
    return bool(value)


def format_datetime(value: datetime) -> str:
    if value.tzinfo is None:
        value = value.replace(tzinfo=timezone.utc)
    return value.astimezone(timezone.utc).isoformat().replace("+00:00", "Z")


def _union_models(type_: Any) -> list[type]:
    """The models of a union such as ``SimpleUser | Team | None`` (empty for other types)."""
    if get_origin(type_) not in (Union, types.UnionType):
        return []
    members = [a for a in get_args(type_) if a is not type(None)]
    return members if len(members) > 1 and all(attrs.has(m) for m in members) else []


def _union_hook(converter: cattrs.Converter, type_: Any) -> Callable[[Any, Any], Any]:
    members = _union_models(type_)
    names = {m: frozenset(f.name for f in attrs.fields(m)) for m in members}
    optional = type(None) in get_args(type_)

    def structure(value: Any, _type: Any) -> Any:
        if value is None and optional:
            return None
        if not isinstance(value, Mapping):
            raise TypeError(f"expected an object, got {type(value).__name__}")
        # The model that knows most of the answer's keys; the first listed on a tie.
        best = max(members, key=lambda m: len(names[m] & value.keys()))
        return converter.structure(value, best)

    return structure


def make_converter(*, strict: bool = False, detailed: bool = False) -> cattrs.Converter:
    """A converter for the models; ``strict`` rejects unknown fields."""
    converter = cattrs.Converter(forbid_extra_keys=strict, detailed_validation=detailed)
    converter.register_structure_hook(datetime, parse_datetime)
    converter.register_structure_hook(str, _text)
    converter.register_structure_hook(bool, _flag)
    converter.register_unstructure_hook(datetime, format_datetime)
    converter.register_structure_hook_factory(
        lambda t: bool(_union_models(t)), lambda t: _union_hook(converter, t)
    )
    return converter


converter = make_converter()
_request_converter = cattrs.Converter(omit_if_default=True)
_request_converter.register_unstructure_hook(datetime, format_datetime)
strict_converter = make_converter(strict=True, detailed=True)
_detailed_converter = make_converter(detailed=True)


def unstructure_request(value: Any) -> Any:
    """A request model as JSON-ready data; fields left at their default are not sent."""
    return _request_converter.unstructure(value)


class StructureError(Exception):
    """The data did not fit the model; ``details`` names each misfit by path."""

    def __init__(self, details: list[str]) -> None:
        super().__init__("; ".join(details))
        self.details = details


def structure(data: Any, cls: type[T], *, strict: bool = False, origin: Origin | None = None) -> T:
    """Structure ``data`` into ``cls``, raising StructureError with readable paths.

    Models take the fast path (``_fast``: nested models built on first use,
    ``origin`` naming where they came from if one does not fit then); when
    it fails, the detailed pass says why.
    """
    if strict:
        return _structure_detailed(strict_converter, data, cls)
    fast = fast_structurer(cast(Any, cls))
    try:
        if fast is not None:
            result: T = fast(data, origin)
            return result
        return converter.structure(data, cls)
    except Exception:
        return _structure_detailed(_detailed_converter, data, cls)


def structure_detailed(data: Any, cls: type[T]) -> T:
    """The detailed pass alone: eager, and a StructureError that names every misfit."""
    return _structure_detailed(_detailed_converter, data, cls)


def _structure_detailed(conv: cattrs.Converter, data: Any, cls: type[T]) -> T:
    try:
        return conv.structure(data, cls)
    except (cattrs.BaseValidationError, ValueError, TypeError, KeyError) as exc:
        if isinstance(exc, cattrs.BaseValidationError):
            details = cattrs.transform_error(exc, path=cls.__name__)
        else:
            details = [f"{cls.__name__}: {exc}"]
        raise StructureError(details) from exc

"""How arguments become a request: query values and JSON bodies, as GitHub reads them."""

from __future__ import annotations

import json
from collections.abc import Mapping
from datetime import datetime
from typing import Any, final


@final
class Clear:
    """The type of ``CLEAR``: "send JSON null for this field", where ``None`` means
    "leave it as it is" (GitHub then removes the setting)."""

    _instance: Clear | None = None

    def __new__(cls) -> Clear:
        if cls._instance is None:
            cls._instance = super().__new__(cls)
        return cls._instance

    def __repr__(self) -> str:
        return "CLEAR"

    def __reduce__(self) -> str:
        return "CLEAR"


CLEAR = Clear()


def encode_params(params: Mapping[str, Any] | None) -> tuple[tuple[str, str], ...]:
    """Query values as GitHub reads them; ``None`` means "not given" and is left out."""
    if not params:
        return ()
    encoded = []
    for name, value in params.items():
        if value is None:
            continue
        if isinstance(value, bool):
            text = "true" if value else "false"
        elif isinstance(value, datetime):
            text = value.isoformat()
        else:
            text = str(value)
        encoded.append((name, text))
    return tuple(encoded)


def encode_json(body: Any) -> bytes:
    """A body as compact JSON; top-level ``None`` values mean "not given" and are left out,
    ``CLEAR`` is sent as null."""
    if isinstance(body, Mapping):
        body = {key: value for key, value in body.items() if value is not None}
    return json.dumps(body, separators=(",", ":"), default=_json_default).encode()


def _json_default(value: Any) -> Any:
    if value is CLEAR:
        return None
    if hasattr(type(value), "__attrs_attrs__"):
        from ._convert import unstructure_request

        return unstructure_request(value)
    if isinstance(value, datetime):
        return value.isoformat()
    if isinstance(value, (set, frozenset, tuple)):
        return list(value)
    raise TypeError(f"cannot send {type(value).__name__} as JSON")

"""How arguments become a request: query values and JSON bodies, as GitHub reads them."""

from __future__ import annotations

import json
from collections.abc import Mapping
from datetime import datetime
from typing import Any


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
    """A body as compact JSON; top-level ``None`` values mean "not given" and are left out."""
    if isinstance(body, Mapping):
        body = {key: value for key, value in body.items() if value is not None}
    return json.dumps(body, separators=(",", ":"), default=_json_default).encode()


def _json_default(value: Any) -> Any:
    if hasattr(type(value), "__attrs_attrs__"):
        from ._convert import unstructure_request

        return unstructure_request(value)
    if isinstance(value, datetime):
        return value.isoformat()
    if isinstance(value, (set, frozenset, tuple)):
        return list(value)
    raise TypeError(f"cannot send {type(value).__name__} as JSON")

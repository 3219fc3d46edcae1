"""Every release's OpenAPI description, read through tools/release_shapes.py, for the tests.

Besides the tool itself: the examples each release gives for the answers of
``OPERATIONS``, and a minimal object built from a release's required fields
alone (what an old object or an old server may send at the least).
"""

from __future__ import annotations

import importlib.util
import sys
from collections.abc import Mapping
from functools import cache
from pathlib import Path
from typing import Any

from ghactions_async import OPERATIONS

from .conftest import OPENAPI

ROOT = Path(__file__).resolve().parents[1]


def _load_tool() -> Any:
    spec = importlib.util.spec_from_file_location(
        "release_shapes", ROOT / "tools" / "release_shapes.py"
    )
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules["release_shapes"] = module
    spec.loader.exec_module(module)
    return module


TOOL = _load_tool()
RELEASES: tuple[str, ...] = TOOL.RELEASES
HAVE_DESCRIPTIONS = all(TOOL.description_path(r, OPENAPI).exists() for r in RELEASES)


def description(release: str) -> Mapping[str, Any]:
    spec: Mapping[str, Any] = TOOL.load(release, OPENAPI)
    return spec


@cache
def operations(release: str) -> dict[str, Mapping[str, Any]]:
    """The operations of OPERATIONS the release has (not its 501 stand-ins), by operationId."""
    spec = description(release)
    wanted = TOOL.operation_ids(spec) & set(OPERATIONS)
    return {
        raw["operationId"]: raw
        for item in spec["paths"].values()
        for verb, raw in item.items()
        if verb != "parameters" and raw["operationId"] in wanted
    }


def success_schema(release: str, operation_id: str) -> tuple[str, Any] | None:
    """The status and JSON schema of the operation's success answer, if it has a body."""
    spec = description(release)
    for status, answer in operations(release)[operation_id]["responses"].items():
        answer = TOOL.resolve(spec, answer)
        schema = answer.get("content", {}).get("application/json", {}).get("schema")
        if status.startswith("2") and schema is not None:
            return status, schema
    return None


def examples(release: str) -> list[tuple[str, str, int, Any]]:
    """(operationId, status, index, value) of every JSON example of a success answer."""
    spec = description(release)
    found = []
    for operation_id, raw in sorted(operations(release).items()):
        for status, answer in raw["responses"].items():
            if not status.startswith("2"):
                continue
            content = TOOL.resolve(spec, answer).get("content", {}).get("application/json", {})
            for index, example in enumerate(content.get("examples", {}).values()):
                found.append((operation_id, status, index, TOOL.resolve(spec, example)["value"]))
    return found


TIMESTAMP = "2021-03-04T05:06:07Z"


def minimal(
    spec: Mapping[str, Any], node: Any, name: str = "", depth: int = 0, *, every: bool = False
) -> Any:
    """A value of ``node`` with only the fields the release requires, each array one item long.

    ``every`` fills in every field the release lists instead. ``name`` is the
    property's: GitHub names its timestamps ``*_at`` and ``*_on``, and a few
    schemas forget their ``date-time`` format.
    """
    assert depth < 20, "a schema that contains itself"
    node = TOOL.resolve(spec, node)
    options = node.get("oneOf") or node.get("anyOf")
    if options:  # the first shape offered
        return minimal(spec, options[0], name, depth + 1, every=every)
    kind = node.get("type")
    if isinstance(kind, list):
        kind = next(k for k in kind if k != "null")
    if "enum" in node:
        return next(v for v in node["enum"] if v is not None)
    if kind == "object" or "properties" in node:
        properties = node.get("properties", {})
        keys = properties if every else node.get("required", ())
        return {
            key: minimal(spec, properties[key], key, depth + 1, every=every)
            for key in keys
            if key in properties
        }
    if kind == "array":
        return [minimal(spec, node.get("items", {}), name, depth + 1, every=every)]
    if kind == "string":
        timestamp = node.get("format") == "date-time" or name.endswith(("_at", "_on"))
        return TIMESTAMP if timestamp else "text"
    if kind in ("integer", "number"):
        return 7
    if kind == "boolean":
        return True
    return None  # no type at all: anything goes

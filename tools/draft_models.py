#!/usr/bin/env python3
"""Print a first draft of attrs models for schemas of GitHub's OpenAPI description.

A drafting aid for writing ``ghactions_async/models/<area>.py``: it maps
JSON types to Python types and nested objects to classes, and leaves naming
and docstrings to the person who reviews the output.

    python tools/draft_models.py runner runner-label
    python tools/draft_models.py --spec ../shared/openapi/actions-ghes.json runner

Rules: a required ``id`` gets no default (``T | None`` if nullable); every
other field is ``T | None = None``, since older releases and old objects
may lack it. Add the model to ``models/_sources.py``; then ``python
tools/release_shapes.py --report`` says which essential fields every
release requires: only those may lose their default. Response enums become
``str`` so a value GitHub adds later never breaks a user; ``date-time``
becomes an aware ``datetime``; ``$ref`` and inline objects become classes.
"""

from __future__ import annotations

import argparse
import json
import keyword
import sys
from pathlib import Path
from typing import Any

DEFAULT_SPEC = Path(__file__).resolve().parents[2] / "shared" / "openapi" / "actions.json"


def class_name(schema_name: str) -> str:
    return "".join(part[:1].upper() + part[1:] for part in schema_name.replace("_", "-").split("-"))


class Drafter:
    def __init__(self, spec: dict[str, Any]) -> None:
        self.spec = spec
        self.order: list[str] = []
        self.classes: dict[str, str] = {}

    def schema(self, ref: str) -> tuple[str, dict[str, Any]]:
        name = ref.rsplit("/", 1)[-1]
        return name, self.spec["components"]["schemas"][name]

    def python_type(self, node: dict[str, Any], owner: str, field: str) -> str:
        if "$ref" in node:
            name, schema = self.schema(node["$ref"])
            nullable = name.startswith("nullable-") or schema.get("nullable", False)
            base = name.removeprefix("nullable-")
            if schema.get("type") == "object" or "properties" in schema:
                self.draft(class_name(base), schema)
                text = class_name(base)
            else:
                text = self.python_type(schema, owner, field)
            return f"{text} | None" if nullable and "None" not in text else text
        for combinator in ("anyOf", "oneOf", "allOf"):
            if combinator in node:
                options = [self.python_type(o, owner, field) for o in node[combinator]]
                unique = list(dict.fromkeys(t for o in options for t in o.split(" | ")))
                text = " | ".join(unique)
                break
        else:
            kind = node.get("type")
            if isinstance(kind, list):
                kinds = [k for k in kind if k != "null"]
                kind = kinds[0] if kinds else None
            if kind == "integer":
                text = "int"
            elif kind == "number":
                text = "float"
            elif kind == "boolean":
                text = "bool"
            elif kind == "string":
                text = "datetime" if node.get("format") == "date-time" else "str"
            elif kind == "array":
                text = f"list[{self.python_type(node.get('items', {}), owner, field)}]"
            elif kind == "object" or "properties" in node:
                if node.get("properties"):
                    nested = owner + class_name(field)
                    self.draft(nested, node)
                    text = nested
                else:
                    text = "dict[str, Any]"
            else:
                text = "Any"
        if node.get("nullable") and "None" not in text and text != "Any":
            text += " | None"
        return text

    def draft(self, name: str, schema: dict[str, Any]) -> None:
        if name in self.classes:
            return
        self.classes[name] = ""  # claimed, to stop recursion
        required = set(schema.get("required", []))
        lines = ["@frozen(kw_only=True)", f"class {name}:"]
        doc = (schema.get("description") or schema.get("title") or "").strip().split("\n")[0]
        lines.append(f'    """{doc or "TODO: say why a user looks at this."}"""')
        lines.append("")
        for field, node in schema.get("properties", {}).items():
            python = self.python_type(node, name, field)
            attribute = field + "_" if keyword.iskeyword(field) else field
            if not attribute.isidentifier():
                lines.append(f"    # TODO: {field!r} is not an identifier; needs a rename hook")
                continue
            if field in required and field == "id":
                lines.append(f"    {attribute}: {python}")
            else:
                optional = python if "None" in python or python == "Any" else f"{python} | None"
                lines.append(f"    {attribute}: {optional} = None")
        self.classes[name] = "\n".join(lines)
        self.order.append(name)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("schemas", nargs="+", help="component schema names, e.g. runner")
    parser.add_argument("--spec", type=Path, default=DEFAULT_SPEC)
    options = parser.parse_args(argv)
    spec = json.loads(options.spec.read_text())
    drafter = Drafter(spec)
    for name in options.schemas:
        if name not in spec["components"]["schemas"]:
            print(f"no schema {name!r} in {options.spec}", file=sys.stderr)
            return 1
        drafter.draft(
            class_name(name.removeprefix("nullable-")), spec["components"]["schemas"][name]
        )
    print("\n\n\n".join(drafter.classes[name] for name in drafter.order))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

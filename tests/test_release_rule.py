"""Every model follows the required-field rule, derived from every release's description.

A field has no default only when it is essential (``models/_sources.py``)
and api.github.com and every GHES release from 3.4 to 3.19 that describe the
model list and require it; every other field is ``T | None = None``. The
mapping of models to schemas is checked against each release's operations,
so a model GitHub returns somewhere new cannot slip past the rule.
"""

from __future__ import annotations

import importlib
import types
import typing
from collections.abc import Iterator, Mapping
from typing import Any, Union

import attrs
import pytest
from attrs import frozen

import ghactions_async.models as models
from ghactions_async.models._sources import ESSENTIAL, LEFT_OUT, OUTSIDE, SCHEMAS, essential

from ._releases import HAVE_DESCRIPTIONS, RELEASES, TOOL, description, operations, success_schema
from .conftest import OPENAPI
from .test_contract import model_of

pytestmark = pytest.mark.skipif(not HAVE_DESCRIPTIONS, reason="../shared/openapi is absent")

MODELS: dict[str, type] = {
    name: cls
    for module in models.MODULES
    for name, cls in models._public_classes(
        importlib.import_module(f"ghactions_async.models.{module}")
    ).items()
    if attrs.has(cls)
}
RULES: dict[str, Any] = TOOL.derive(OPENAPI) if HAVE_DESCRIPTIONS else {}


def model_types(hint: Any) -> list[type]:
    """The models a field's annotation names (``list[Job] | None`` -> ``[Job]``)."""
    if isinstance(hint, type) and attrs.has(hint):
        return [hint]
    return [m for argument in typing.get_args(hint) for m in model_types(argument)]


def allows_none(hint: Any) -> bool:
    if hint is Any:
        return True
    if typing.get_origin(hint) in (Union, types.UnionType):
        return type(None) in typing.get_args(hint)
    return False


def rule_problems(cls: type, rule: Any) -> list[str]:
    """How ``cls`` breaks the rule ``rule`` (a release_shapes.ModelRule) derived for it."""
    attrs.resolve_types(cls)
    name = cls.__name__
    required = {f.name for f in attrs.fields(cls) if f.default is attrs.NOTHING}
    problems = []
    for field in sorted(required - rule.may_be_required):
        if field not in rule.essential:
            problems.append(f"{name}.{field} has no default, but it is not essential")
            continue
        short = [r for r, s in rule.shapes.items() if s is not None and field not in s.required]
        problems.append(
            f"{name}.{field} has no default, but not every release requires it: {short}"
        )
    for field in sorted(rule.may_be_required - required):
        problems.append(f"{name}.{field} is essential and always required: give it no default")
    for f in attrs.fields(cls):
        if f.default is not attrs.NOTHING and (f.default is not None or not allows_none(f.type)):
            problems.append(f"{name}.{f.name} must be T | None = None")
        if f.default is attrs.NOTHING and f.name in rule.may_be_null and not allows_none(f.type):
            problems.append(f"{name}.{f.name} may be null in some release: T | None")
    return problems


# -- the mapping itself ------------------------------------------------------------


def test_every_model_is_mapped_to_its_schemas_or_said_to_have_none() -> None:
    assert sorted(set(SCHEMAS) & set(OUTSIDE)) == []
    assert sorted(set(MODELS) - set(SCHEMAS) - set(OUTSIDE)) == []
    assert sorted((set(SCHEMAS) | set(OUTSIDE) | set(ESSENTIAL)) - set(MODELS)) == []
    assert len(SCHEMAS) >= 80


def test_essential_fields_are_fields_of_their_models() -> None:
    for name, fields in ESSENTIAL.items():
        assert fields <= attrs.fields_dict(MODELS[name]).keys(), name


@pytest.mark.parametrize("name", sorted(SCHEMAS))
def test_every_location_is_described_by_some_release(name: str) -> None:
    for location in SCHEMAS[name]:
        found = [r for r in RELEASES if TOOL.locate(description(r), location) is not None]
        assert found, f"{name}: no release has {location}"


def _locations(spec: Mapping[str, Any], model: type) -> list[Any]:
    nodes = (TOOL.locate(spec, loc) for loc in SCHEMAS.get(model.__name__, ()))
    return [node for node in nodes if node is not None]


def _shapes(spec: Mapping[str, Any], node: Any) -> Iterator[Any]:
    """The object schemas a property may hold: through arrays and anyOf/oneOf, without null."""
    node = TOOL.resolve(spec, node)
    options = node.get("oneOf") or node.get("anyOf")
    if options:
        for option in options:
            yield from _shapes(spec, option)
    elif node.get("type") == "array":
        yield from _shapes(spec, node.get("items", {}))
    elif node.get("type") != "null":
        yield node


def _is_one_of(node: Any, nodes: list[Any]) -> bool:
    return any(node is other for other in nodes)


@pytest.mark.parametrize("release", RELEASES)
def test_each_answer_is_where_the_mapping_says(release: str) -> None:
    spec = description(release)
    checked = 0
    for operation_id in sorted(operations(release)):
        answer = success_schema(release, operation_id)
        returns, wrapped = model_of(operation_id)
        found = model_types(returns)
        if answer is None or not found:
            continue
        node = TOOL.resolve(spec, answer[1])
        if wrapped and node.get("type") == "object":
            [node] = [
                p
                for p in node["properties"].values()
                if TOOL.resolve(spec, p).get("type") == "array"
            ]
        for shape in _shapes(spec, node):
            assert _is_one_of(shape, _locations(spec, found[0])), (operation_id, found[0])
            checked += 1
    assert checked >= 25


@pytest.mark.parametrize("release", RELEASES)
def test_nested_models_are_where_the_mapping_says(release: str) -> None:
    spec = description(release)
    for name in SCHEMAS:
        cls = MODELS[name]
        attrs.resolve_types(cls)
        for node in _locations(spec, cls):
            for f in attrs.fields(cls):
                nested = model_types(f.type)
                if not nested or f.name not in node.get("properties", {}):
                    continue
                allowed = [n for m in nested for n in _locations(spec, m)]
                for shape in _shapes(spec, node["properties"][f.name]):
                    assert _is_one_of(shape, allowed), f"{release}: {name}.{f.name}"


# -- the rule --------------------------------------------------------------------


@pytest.mark.parametrize("name", sorted(SCHEMAS))
def test_model_follows_the_rule(name: str) -> None:
    assert rule_problems(MODELS[name], RULES[name]) == []


@pytest.mark.parametrize("name", sorted(OUTSIDE))
def test_a_model_outside_the_descriptions_requires_only_essential_fields(name: str) -> None:
    cls = MODELS[name]
    fields = frozenset(attrs.fields_dict(cls))
    required = {f.name for f in attrs.fields(cls) if f.default is attrs.NOTHING}
    assert required <= essential(name, fields)


def test_models_have_every_field_a_release_lists_or_say_why_not() -> None:
    listed_elsewhere = {
        (name, field)
        for name, rule in RULES.items()
        for shape in rule.shapes.values()
        if shape is not None
        for field in shape.listed - rule.fields
    }
    assert listed_elsewhere == set(LEFT_OUT)


def test_the_rule_sees_old_releases() -> None:
    run = RULES["WorkflowRun"]
    assert run.shapes["3.7"] is not None
    assert "display_title" not in run.shapes["3.7"].listed
    assert "display_title" in run.shapes["3.19"].required
    assert "display_title" not in run.may_be_required
    assert "path" not in run.shapes["3.5"].listed
    job = RULES["Job"]
    assert {"workflow_name", "head_branch"} & job.shapes["3.7"].listed == set()
    assert job.may_be_required == {"id", "run_id"}
    assert RULES["ActionsCache"].shapes["3.6"] is None  # caches came with 3.7


@frozen(kw_only=True)
class _Probe:
    id: int
    name: str
    tag: str
    note: str | None = "none yet"
    size: int = 0


def test_the_rule_catches_what_breaks_it() -> None:
    listed = frozenset({"id", "name", "tag", "note", "size"})
    rule = TOOL.ModelRule(
        shapes={
            "api.github.com": TOOL.Shape(listed, listed, frozenset({"tag"})),
            "3.4": TOOL.Shape(listed - {"name"}, frozenset({"id", "tag"}), frozenset()),
            "3.5": None,
        },
        fields=listed,
        essential=frozenset({"id", "tag", "size"}),
    )
    assert sorted(rule_problems(_Probe, rule)) == [
        "_Probe.name has no default, but it is not essential",
        "_Probe.note must be T | None = None",
        "_Probe.size must be T | None = None",
        "_Probe.tag may be null in some release: T | None",
    ]
    older = TOOL.Shape(listed, frozenset({"id"}), frozenset())
    with_older = TOOL.ModelRule({**rule.shapes, "3.6": older}, listed, frozenset({"id", "tag"}))
    assert "_Probe.tag has no default, but not every release requires it: ['3.6']" in (
        rule_problems(_Probe, with_older)
    )


def test_the_generated_release_data_is_fresh() -> None:
    assert TOOL.render(OPENAPI) == TOOL.TARGET.read_text(), "run python tools/release_shapes.py"

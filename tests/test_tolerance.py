"""The client takes what GitHub sends: new enum values, new fields, and null where it may.

For every model: an object with every field the newest description lists is
structured with an enum value nobody documented yet, with fields added at
every level, and with null in each field that is not essential. The normal
converter accepts all of it; the strict one, kept for the tests, still
rejects unknown fields. One answer of that kind also goes through both
clients.
"""

from __future__ import annotations

import copy
import re
from collections.abc import Iterator, Mapping
from typing import Any

import attrs
import pytest
from aioresponses import aioresponses

from ghactions_async._convert import StructureError, structure
from ghactions_async.models import WorkflowRun
from ghactions_async.models._sources import SCHEMAS

from ._releases import HAVE_DESCRIPTIONS, RELEASES, TOOL, description, minimal
from .conftest import offline_client
from .test_release_rule import MODELS, model_types

pytestmark = pytest.mark.skipif(not HAVE_DESCRIPTIONS, reason="../shared/openapi is absent")

LATER = "a-value-github-adds-later"


def newest(name: str) -> tuple[Mapping[str, Any], Any]:
    """The newest description of the model's first location (api.github.com, then GHES 3.19 ...)."""
    for release in (RELEASES[0], *reversed(RELEASES[1:])):
        spec = description(release)
        node = TOOL.locate(spec, SCHEMAS[name][0])
        if node is not None:
            return spec, node
    raise AssertionError(f"no release describes {name}")


def full(name: str) -> dict[str, Any]:
    spec, node = newest(name)
    data: dict[str, Any] = minimal(spec, node, every=True)
    return data


def enum_fields(name: str) -> list[str]:
    spec, node = newest(name)
    properties = node.get("properties", {})
    return sorted(k for k, v in properties.items() if "enum" in TOOL.resolve(spec, v))


def required(cls: type) -> set[str]:
    return {f.name for f in attrs.fields(cls) if f.default is attrs.NOTHING}


def with_extra_everywhere(value: Any, model: type) -> Any:
    """``value`` with a field GitHub might add later in every object a model reads, at any depth.

    Free-form maps (``permissions``, ``payload``) are left as they are: any key belongs there.
    """
    if not isinstance(value, dict):
        return value
    attrs.resolve_types(model)
    fields = attrs.fields_dict(model)
    grown = {}
    for key, item in value.items():
        nested = model_types(fields[key].type) if key in fields else []
        if nested and isinstance(item, list):
            grown[key] = [with_extra_everywhere(i, nested[0]) for i in item]
        elif nested:
            grown[key] = with_extra_everywhere(item, nested[0])
        else:
            grown[key] = item
    return {**grown, "added_later": 1}


NAMES = sorted(SCHEMAS) if HAVE_DESCRIPTIONS else []
WITH_ENUMS = [n for n in NAMES if enum_fields(n)]


def test_there_are_documented_enums_to_outgrow() -> None:
    assert {"WorkflowRun", "Job", "Runner"} & set(WITH_ENUMS)
    assert len(WITH_ENUMS) >= 10


@pytest.mark.parametrize("name", WITH_ENUMS)
def test_an_enum_value_nobody_documented_yet_is_read_as_text(name: str) -> None:
    data = full(name)
    for field in enum_fields(name):
        if isinstance(data.get(field), str):
            data[field] = LATER
    built: Any = structure(data, MODELS[name], strict=True)
    changed = [f for f in enum_fields(name) if data.get(f) == LATER]
    assert changed
    assert all(getattr(built, f) == LATER for f in changed)


@pytest.mark.parametrize("name", NAMES)
def test_fields_added_at_any_depth_are_ignored_except_by_the_strict_converter(name: str) -> None:
    data = full(name)
    plain: Any = structure(data, MODELS[name], strict=True)
    grown = with_extra_everywhere(data, MODELS[name])
    assert structure(grown, MODELS[name]) == plain
    with pytest.raises(StructureError, match="added_later"):
        structure(grown, MODELS[name], strict=True)


@pytest.mark.parametrize("name", NAMES)
def test_null_is_accepted_in_every_field_that_is_not_essential(name: str) -> None:
    cls = MODELS[name]
    data = full(name)
    fields = attrs.fields_dict(cls)
    loose = [k for k in data if k in fields and k not in required(cls)]
    nulled = {**data, **dict.fromkeys(loose, None)}
    built: Any = structure(nulled, cls, strict=True)
    assert all(getattr(built, k) is None for k in loose)
    absent = {k: v for k, v in data.items() if k not in loose}
    assert structure(absent, cls) == built  # missing reads as null


def _never_null(cls: type) -> list[str]:
    attrs.resolve_types(cls)
    fields = attrs.fields_dict(cls)
    return sorted(
        f for f in required(cls) if type(None) not in getattr(fields[f].type, "__args__", ())
    )


NEVER_NULL = [(name, field) for name in NAMES for field in _never_null(MODELS[name])]


@pytest.mark.parametrize(("name", "field"), NEVER_NULL)
def test_null_in_an_essential_field_is_refused_where_github_never_sends_it(
    name: str, field: str
) -> None:
    with pytest.raises(StructureError, match=field):
        structure({**full(name), field: None}, MODELS[name])


def test_essential_fields_left_are_few() -> None:
    kept = {n: sorted(required(MODELS[n])) for n in NAMES if required(MODELS[n])}
    assert kept["WorkflowRun"] == ["created_at", "id", "status", "workflow_id"]
    assert kept["Job"] == ["id", "run_id"]
    assert "ActionsCache" not in kept  # its schema requires nothing
    assert sum(len(v) for v in kept.values()) <= 80


@pytest.fixture
def mocked() -> Iterator[aioresponses]:
    with aioresponses() as mock:
        yield mock


@pytest.mark.parametrize("kind", ["async", "sync"])
async def test_a_listing_with_new_values_new_fields_and_nulls_comes_through(
    mocked: aioresponses, kind: str
) -> None:
    run = with_extra_everywhere(full("WorkflowRun"), WorkflowRun)
    run.update(status="queued_for_a_new_reason", conclusion=None, display_title=None)
    run.update(head_commit=None, repository=None, actor=None, pull_requests=None, path=None)
    odd = copy.deepcopy(run)
    odd.update(id=8, event="an_event_added_later")
    answer = {"total_count": 2, "workflow_runs": [run, odd], "added_later": True}
    mocked.get(re.compile(r".*/actions/runs\b.*"), payload=answer)
    async with offline_client(kind) as gh:
        runs = await gh.runs.list("octo", "app").collect()
    assert [(r.id, r.status, r.event) for r in runs] == [
        (7, "queued_for_a_new_reason", "text"),
        (8, "queued_for_a_new_reason", "an_event_added_later"),
    ]
    assert all(isinstance(r, WorkflowRun) and r.display_title is None for r in runs)

"""Every release's answers fit the models: its examples, and objects holding only what it requires.

For api.github.com and each GHES release from 3.4 to 3.19: every example
of a success answer of ``OPERATIONS`` structures into the method's return
type (strictly too: no example carries a field the models lack, except the
ones ``LEFT_OUT`` names), and so does a minimal object built from the
release's required fields alone, for every model the release describes.
The runs, jobs, artifacts and caches calls are made through both clients
with such answers. The same answer given by several releases is checked once.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from typing import Any

import pytest
from aioresponses import aioresponses

from ghactions_async import OPERATIONS, AsyncGitHubActions
from ghactions_async._convert import StructureError, structure
from ghactions_async.models._sources import LEFT_OUT, SCHEMAS

from ._releases import (
    HAVE_DESCRIPTIONS,
    RELEASES,
    TOOL,
    description,
    examples,
    minimal,
    operations,
    success_schema,
)
from ._spec import bound_method, stand_in_call
from .conftest import offline_client
from .test_contract import WRONG_EXAMPLES, items_of, model_of
from .test_release_rule import MODELS

pytestmark = pytest.mark.skipif(not HAVE_DESCRIPTIONS, reason="../shared/openapi is absent")

LEFT_OUT_NAMES = {field for _, field in LEFT_OUT}
# Oldest first, so that an answer is named after the first release that gives it.
OLDEST_FIRST = (*RELEASES[1:], RELEASES[0]) if HAVE_DESCRIPTIONS else ()


def once_each(cases: Iterator[tuple[str, tuple[Any, ...], Any]]) -> list[Any]:
    """One pytest param per distinct (key, answer), named after the first release giving it."""
    seen: dict[str, Any] = {}
    for release, key, answer in cases:
        text = json.dumps([key, answer], sort_keys=True)
        if text not in seen:
            seen[text] = pytest.param(release, *key, answer, id="-".join([release, *map(str, key)]))
    return list(seen.values())


def extra_fields(data: Any, model: Any) -> set[str]:
    """Structure strictly: the unknown fields found (every other misfit is raised)."""
    try:
        structure(data, model, strict=True)
    except StructureError as error:
        extra = [re.match(r"extra fields found \((.*)\)", d) for d in error.details]
        if not all(extra):
            raise
        return {n.strip() for m in extra if m for n in m.group(1).split(",")}
    return set()


# -- examples -------------------------------------------------------------------------


def _example_cases() -> Iterator[tuple[str, tuple[Any, ...], Any]]:
    for release in OLDEST_FIRST:
        for operation_id, status, index, value in examples(release):
            yield release, (operation_id, status, index), value


def _marked(param: Any) -> Any:
    operation_id = param.values[1]
    if operation_id in WRONG_EXAMPLES:
        reason = WRONG_EXAMPLES[operation_id]
        return pytest.param(
            *param.values, id=param.id, marks=pytest.mark.xfail(strict=True, reason=reason)
        )
    return param


EXAMPLES = [_marked(p) for p in once_each(_example_cases())]


def test_there_are_examples_from_old_releases() -> None:
    releases = {p.values[0] for p in EXAMPLES}
    assert {"3.4", "3.8", "api.github.com"} <= releases
    assert len(EXAMPLES) >= 150


@pytest.mark.parametrize(("release", "operation_id", "status", "index", "example"), EXAMPLES)
def test_example_structures_into_the_return_type(
    release: str, operation_id: str, status: str, index: int, example: Any
) -> None:
    model, wrapped = model_of(operation_id)
    if model is None or model is type(None):
        assert example in (None, {}), f"{operation_id} returns None but GitHub documents a body"
        return
    data = items_of(example) if wrapped else example
    structure(data, model)
    assert extra_fields(data, model) <= LEFT_OUT_NAMES


# -- minimal objects ------------------------------------------------------------------


def _minimal_cases() -> Iterator[tuple[str, tuple[Any, ...], Any]]:
    for release in OLDEST_FIRST:
        spec = description(release)
        for name, locations in sorted(SCHEMAS.items()):
            for location in locations:
                node = TOOL.locate(spec, location)
                if node is not None:
                    yield release, (name, location), minimal(spec, node)


MINIMAL = once_each(_minimal_cases())


def test_there_are_minimal_objects_for_every_model() -> None:
    assert {p.values[1] for p in MINIMAL} == set(SCHEMAS)


@pytest.mark.parametrize(("release", "model", "location", "data"), MINIMAL)
def test_an_object_with_only_the_required_fields_structures(
    release: str, model: str, location: str, data: Any
) -> None:
    cls = MODELS[model]
    built: Any = structure(data, cls)
    assert extra_fields(data, cls) <= LEFT_OUT_NAMES
    for field, value in data.items():
        if not isinstance(value, (dict, list)):  # what was sent is what is read
            assert getattr(built, field) is not None, f"{model}.{field}"


# -- through both clients -------------------------------------------------------------

CALLS = (
    "actions/list-workflow-runs-for-repo",
    "actions/list-workflow-runs",
    "actions/get-workflow-run",
    "actions/get-workflow-run-attempt",
    "actions/get-job-for-workflow-run",
    "actions/list-jobs-for-workflow-run",
    "actions/list-jobs-for-workflow-run-attempt",
    "actions/list-artifacts-for-repo",
    "actions/list-workflow-run-artifacts",
    "actions/get-artifact",
    "actions/get-actions-cache-list",
    "actions/get-actions-cache-usage",
    "actions/get-actions-cache-usage-by-repo-for-org",
)


def minimal_answer(release: str, operation_id: str) -> Any:
    """The least the release lets this operation answer; a list's count says how many items."""
    found = success_schema(release, operation_id)
    assert found is not None
    answer = minimal(description(release), found[1])
    if isinstance(answer, dict) and "total_count" in answer:
        answer["total_count"] = len(items_of(answer))
    return answer


def _call_cases() -> Iterator[tuple[str, tuple[Any, ...], Any]]:
    for release in OLDEST_FIRST:
        having = operations(release)
        for operation_id in CALLS:
            if operation_id not in having:
                continue
            yield release, (operation_id, "minimal"), minimal_answer(release, operation_id)
            for op, _status, index, value in examples(release):
                if op == operation_id:
                    yield release, (operation_id, f"example{index}"), value


ANSWERS = once_each(_call_cases())


def test_every_call_is_made_with_answers_of_old_releases() -> None:
    assert {p.values[1] for p in ANSWERS} == set(CALLS)
    assert {p.values[0] for p in ANSWERS} >= {"3.4", "3.7", "3.8", "api.github.com"}


@pytest.fixture
def mocked() -> Iterator[aioresponses]:
    with aioresponses() as mock:
        yield mock


@pytest.mark.parametrize("kind", ["async", "sync"])
@pytest.mark.parametrize(("release", "operation_id", "which", "answer"), ANSWERS)
async def test_call_returns_an_old_release_answer_as_models(
    mocked: aioresponses, kind: str, release: str, operation_id: str, which: str, answer: Any
) -> None:
    op = OPERATIONS[operation_id]
    mocked.add(re.compile(".*"), method=op.http_method, payload=answer)
    model, wrapped = model_of(operation_id)
    expected = structure(items_of(answer) if wrapped else answer, model)
    args, kwargs = stand_in_call(bound_method(AsyncGitHubActions("t"), op))
    async with offline_client(kind) as gh:
        result = bound_method(gh, op)(*args, **kwargs)
        got = await result.collect() if hasattr(result, "collect") else await result
    assert got == expected
    assert got  # an item, or an object: never an empty answer

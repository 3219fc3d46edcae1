"""GitHub's own response examples fit the models exactly, and methods return them as models.

The strict converter rejects unknown fields, so a field GitHub documents but
a model lacks fails here (the client itself ignores unknown fields).
"""

from __future__ import annotations

import re
import typing
from collections.abc import Iterator
from typing import Any

import pytest
from aioresponses import aioresponses

from ghactions_async import OPERATIONS, AsyncGitHubActions, AsyncPaginator
from ghactions_async._convert import structure

from ._spec import all_operations, bound_method, hints, stand_in_call
from .test_operations import SEALED, SEALING_KEY


def examples() -> list[tuple[str, str, int, Any]]:
    """(operationId, status, index, example) for every JSON example of a success answer."""
    spec = all_operations()
    found = []
    for operation_id in sorted(OPERATIONS):
        for status, response in spec[operation_id].responses.items():
            if status.startswith("2"):
                found += [(operation_id, status, i, e) for i, e in enumerate(response["examples"])]
    return found


def model_of(operation_id: str) -> tuple[Any, bool]:
    """What the method returns, and whether it is a list taken from a wrapper object."""
    method = bound_method(AsyncGitHubActions("t"), OPERATIONS[operation_id])
    returns = hints(method)["return"]
    origin = typing.get_origin(returns)
    if origin is AsyncPaginator or origin is list:
        return list[typing.get_args(returns)[0]], True  # type: ignore[misc]
    return returns, False


def items_of(example: Any) -> Any:
    if isinstance(example, list):
        return example
    lists = [value for value in example.values() if isinstance(value, list)]
    assert len(lists) == 1, "a wrapped list has exactly one list field"
    return lists[0]


EXAMPLES = examples()

# Examples that contradict GitHub's own schema of the answer; the models follow the schema.
# Strict: when GitHub fixes an example, the xfail turns into a failure to remove it here.
WRONG_EXAMPLES = {
    "actions/list-custom-images-for-org": "the example lists image versions, not images",
    "actions/get-hosted-runners-github-owned-images-for-org": "one image, not {images: [...]}",
    "actions/get-hosted-runners-partner-images-for-org": "one image, not {images: [...]}",
    "actions/get-hosted-runners-machine-specs-for-org": (
        "one machine spec, not {total_count, machine_specs}"
    ),
}
CASES = [
    pytest.param(
        *example,
        id=f"{example[0]}-{example[1]}-{example[2]}",
        marks=[pytest.mark.xfail(strict=True, reason=WRONG_EXAMPLES[example[0]])]
        if example[0] in WRONG_EXAMPLES
        else [],
    )
    for example in EXAMPLES
]


def test_there_are_examples_to_check() -> None:
    assert len(EXAMPLES) >= 10


@pytest.mark.parametrize(("operation_id", "status", "index", "example"), CASES)
def test_example_structures_strictly_into_the_return_type(
    operation_id: str, status: str, index: int, example: Any
) -> None:
    model, wrapped = model_of(operation_id)
    if model is None or model is type(None):
        # Only an empty answer (GitHub's examples show null or {}) may come back as None.
        assert example in (None, {}), f"{operation_id} returns None but GitHub documents a body"
        return
    structure(items_of(example) if wrapped else example, model, strict=True)


@pytest.fixture
def mocked() -> Iterator[aioresponses]:
    with aioresponses() as mock:
        yield mock


@pytest.mark.parametrize(("operation_id", "status", "index", "example"), CASES)
async def test_method_returns_the_example_as_models(
    mocked: aioresponses, operation_id: str, status: str, index: int, example: Any
) -> None:
    op = OPERATIONS[operation_id]
    if operation_id in SEALED:
        mocked.get(re.compile(r".*/secrets/public-key$"), payload=SEALING_KEY)
    mocked.add(re.compile(".*"), method=op.http_method, status=int(status), payload=example)
    model, wrapped = model_of(operation_id)
    expected = structure(items_of(example) if wrapped else example, model, strict=True)
    async with AsyncGitHubActions("t") as gh:
        method = bound_method(gh, op)
        args, kwargs = stand_in_call(method)
        result = method(*args, **kwargs)
        got = await result.collect() if isinstance(result, AsyncPaginator) else await result
    assert got == expected

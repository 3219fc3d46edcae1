"""The fast path builds the same models, nested ones on first use, and misfits stay typed."""

from __future__ import annotations

import copy
import json
import pickle
import re
from collections.abc import Iterator
from typing import Any

import attrs
import pytest
from aioresponses import aioresponses

from ghactions_async import UnexpectedResponse
from ghactions_async._convert import converter, structure, structure_detailed
from ghactions_async._fast import Origin, fast_structurer
from ghactions_async._http import _types
from ghactions_async.models.apps import Installation
from ghactions_async.models.common import MinimalRepository, SimpleUser
from ghactions_async.models.runs import WorkflowRun

from .conftest import OFFLINE_TOKEN, load_spec, offline_client

RUNS = "https://api.github.com/repos/octo/app/actions/runs"


def example_run() -> dict[str, Any]:
    spec = load_spec("actions.json")
    example = spec["components"]["examples"]["workflow-run"]["value"]
    assert isinstance(example, dict)
    return example


@pytest.fixture
def mocked() -> Iterator[aioresponses]:
    with aioresponses() as mock:
        yield mock


def test_the_fast_path_builds_what_the_detailed_pass_builds() -> None:
    runs = [example_run(), {**example_run(), "id": 2, "repository": None}]
    fast, eager = structure(runs, list[WorkflowRun]), structure_detailed(runs, list[WorkflowRun])
    assert fast == eager
    assert eager == fast
    assert repr(fast[0]) == repr(eager[0])
    assert converter.unstructure(fast) == converter.unstructure(eager)


def test_nested_models_wait_for_their_first_read() -> None:
    (run,) = structure([example_run()], list[WorkflowRun])
    repository = run.repository
    assert isinstance(repository, MinimalRepository)
    assert type(repository) is not MinimalRepository  # not built yet ...
    assert repository.full_name == "octocat/Hello-World"  # ... until now
    assert isinstance(repository.owner, SimpleUser)
    assert repository.owner.login == "octocat"
    assert type(copy.copy(repository)) is MinimalRepository
    assert pickle.loads(pickle.dumps(repository)) == repository
    assert attrs.evolve(repository, name="other").name == "other"


def test_a_nested_model_that_does_not_fit_raises_a_typed_error_naming_its_origin() -> None:
    broken = {**example_run(), "repository": {"id": "not a number", "full_name": "x"}}
    origin = Origin(
        operation="actions/list-workflow-runs-for-repo",
        page=3,
        status=200,
        url=RUNS,
        request_id="REQ-9",
    )
    fast = fast_structurer(list[WorkflowRun])
    assert fast is not None
    (run,) = fast([broken], origin)
    with pytest.raises(UnexpectedResponse) as caught:
        _ = run.repository.full_name
    error = caught.value
    assert "actions/list-workflow-runs-for-repo, page 3" in str(error)
    assert "MinimalRepository" in str(error)
    assert error.request_id == "REQ-9"
    assert any("id" in detail for detail in error.details)


def test_models_with_other_defaults_keep_to_cattrs() -> None:
    assert fast_structurer(Installation) is None  # its lists and maps default to empty
    assert fast_structurer(list[WorkflowRun]) is not None
    assert fast_structurer(dict[str, int]) is None


@pytest.mark.parametrize("kind", ["async", "sync"])
async def test_a_listing_through_both_clients_reads_nested_models(
    mocked: aioresponses, kind: str
) -> None:
    page = {"total_count": 2, "workflow_runs": [example_run(), {**example_run(), "id": 2}]}
    mocked.get(re.compile(re.escape(RUNS) + r"\?.*"), payload=page)
    async with offline_client(kind) as gh:
        runs = await gh.runs.list("octo", "app").collect()
    assert [r.repository.full_name for r in runs if r.repository] == ["octocat/Hello-World"] * 2


async def test_answers_decode_without_orjson_too(
    mocked: aioresponses, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(_types, "loads", json.loads)
    mocked.get(f"{RUNS}/1", payload=example_run())
    mocked.get(f"{RUNS}/2", body="[" * 5000 + "]" * 5000)
    async with offline_client("async") as gh:
        assert (await gh.runs.get("octo", "app", 1)).id == example_run()["id"]
        with pytest.raises(UnexpectedResponse, match="nested too deeply"):
            await gh.runs.get("octo", "app", 2)
    assert OFFLINE_TOKEN

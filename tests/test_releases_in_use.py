"""A known GHES release refuses what it lacks before sending; a misfit names where it is."""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

import pytest
from aioresponses import CallbackResult, aioresponses

from ghactions_async import AsyncGitHubActions, NotFound, UnexpectedResponse

from .conftest import OFFLINE_TOKEN, offline_client

GHE = "https://ghe.example.com/api/v3"
CACHES = f"{GHE}/repos/octo/app/actions/caches"
ATTEMPT = f"{GHE}/repos/octo/app/actions/runs/1/attempts/1"
API = "https://api.github.com"
RUNS = f"{API}/repos/octo/app/actions/runs"
BOTH = pytest.mark.parametrize("kind", ["async", "sync"])


@pytest.fixture
def mocked() -> Iterator[aioresponses]:
    with aioresponses() as mock:
        yield mock


@BOTH
async def test_an_operation_newer_than_the_release_is_refused_before_sending(
    mocked: aioresponses, kind: str
) -> None:
    async with offline_client(kind, base_url=GHE, ghes_version="3.6") as gh:
        with pytest.raises(NotFound, match=r"arrived in GitHub Enterprise Server 3\.7") as caught:
            await gh.caches.list("octo", "app").collect()
        with pytest.raises(NotFound, match=r"arrived in GitHub Enterprise Server 3\.5"):
            await AsyncGitHubActions(
                OFFLINE_TOKEN, base_url=GHE, ghes_version="3.4"
            ).runs.get_attempt("octo", "app", 1, 1)
        with pytest.raises(NotFound, match="not part of any GitHub Enterprise Server release"):
            await gh.hosted_runners.list("octo").collect()
    assert caught.value.status == 404
    assert caught.value.hint is not None
    assert "nothing was sent" in caught.value.hint
    assert mocked.requests == {}


async def test_the_release_is_learned_from_the_servers_answers(mocked: aioresponses) -> None:
    version = {"x-github-enterprise-version": "3.6.12"}
    usage = {"full_name": "octo/app", "active_caches_count": 0, "active_caches_size_in_bytes": 0}
    mocked.get(f"{GHE}/repos/octo/app/actions/cache/usage", headers=version, payload=usage)
    async with AsyncGitHubActions(OFFLINE_TOKEN, base_url=GHE) as gh:
        await gh.caches.get_usage("octo", "app")  # 3.6 answers with its version
        with pytest.raises(NotFound, match=r"arrived in GitHub Enterprise Server 3\.7"):
            await gh.caches.list("octo", "app").collect()
    assert len(mocked.requests) == 1


async def test_an_operation_the_release_has_is_sent(mocked: aioresponses) -> None:
    mocked.get(
        re.compile(re.escape(CACHES) + r"\?.*"), payload={"total_count": 0, "actions_caches": []}
    )
    async with AsyncGitHubActions(OFFLINE_TOKEN, base_url=GHE, ghes_version="3.7") as gh:
        assert await gh.caches.list("octo", "app").collect() == []


@pytest.mark.parametrize(
    ("value", "error"), [("3.3", ValueError), ("four", ValueError), (3.9, TypeError)]
)
def test_an_unknown_release_is_refused_at_construction(value: Any, error: type[Exception]) -> None:
    with pytest.raises(error, match=r"ghes_version must be|GHES"):
        AsyncGitHubActions(OFFLINE_TOKEN, base_url=GHE, ghes_version=value)


# -- an item that does not fit names itself ---------------------------------------------------


def run(number: int, **fields: Any) -> dict[str, Any]:
    return {"id": number, "status": "completed", "workflow_id": 7,
            "created_at": "2024-01-01T00:00:00Z", **fields}  # fmt: skip


@BOTH
async def test_an_item_missing_an_essential_field_names_operation_page_item_and_field(
    mocked: aioresponses, kind: str
) -> None:
    def page(url: Any, **kwargs: Any) -> CallbackResult:
        number = int(url.query["page"])
        runs = [run(number * 100 + i) for i in range(100)]
        if number == 2:
            del runs[17]["workflow_id"]
        headers = {"x-github-request-id": f"REQ-{number}"}
        return CallbackResult(payload={"total_count": 250, "workflow_runs": runs}, headers=headers)

    mocked.get(re.compile(re.escape(RUNS) + r"\?.*"), callback=page, repeat=True)
    async with offline_client(kind) as gh:
        with pytest.raises(UnexpectedResponse) as caught:
            await gh.runs.list("octo", "app").collect()
    error = caught.value
    assert "actions/list-workflow-runs-for-repo, page 2" in str(error)
    assert error.details == ["item 17: WorkflowRun.workflow_id: required field missing"]
    assert error.request_id == "REQ-2"
    assert error.__cause__ is None
    assert error.__context__ is None


async def test_one_object_that_does_not_fit_names_its_operation(mocked: aioresponses) -> None:
    mocked.get(f"{RUNS}/5", payload=run(5, status=None, created_at="yesterday"))
    async with AsyncGitHubActions(OFFLINE_TOKEN) as gh:
        with pytest.raises(UnexpectedResponse, match="actions/get-workflow-run: the answer") as e:
            await gh.runs.get("octo", "app", 5)
    assert any(d.startswith("WorkflowRun.created_at") for d in e.value.details)

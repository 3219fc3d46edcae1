"""Every workflow method, through the async and the sync client, against FakeGitHub."""

from __future__ import annotations

import json
import re
from datetime import datetime, timezone
from typing import Any

import pytest
from aioresponses import CallbackResult, aioresponses
from yarl import URL

from ghactions_async import AsyncGitHubActions, NotFound, ValidationFailed
from ghactions_async.models import DispatchedRun, Workflow, WorkflowUsage
from ghactions_async.testing import FakeGitHub

from .conftest import present

CREATED = datetime(2026, 3, 1, 9, 30, tzinfo=timezone.utc)


def seed(fake: FakeGitHub) -> None:
    fake.add_workflow("octo/app", "ci.yml", name="CI", created_at=CREATED)
    fake.add_workflow(
        "octo/app",
        "deploy.yml",
        name="Deploy",
        inputs=("environment", "dry_run"),
        required_inputs=("environment",),
    )
    fake.add_workflow("octo/app", "nightly.yml", name="Nightly", dispatchable=False)
    fake.add_repo("octo/empty")


async def test_list_returns_every_workflow_typed(gh: AsyncGitHubActions, fake: FakeGitHub) -> None:
    seed(fake)
    workflows = await gh.workflows.list("octo", "app").collect()
    assert [w.name for w in workflows] == ["CI", "Deploy", "Nightly"]
    ci = workflows[0]
    assert isinstance(ci, Workflow)
    assert ci.path == ".github/workflows/ci.yml"
    assert ci.state == "active"
    assert ci.created_at == CREATED
    assert present(ci.url).endswith(f"/repos/octo/app/actions/workflows/{ci.id}")
    assert await gh.workflows.list("octo", "empty").collect() == []
    with pytest.raises(NotFound):
        await gh.workflows.list("octo", "nope").collect()


async def test_list_turns_pages(gh: AsyncGitHubActions, fake: FakeGitHub) -> None:
    for number in range(7):
        fake.add_workflow("octo/many", f"w{number}.yml")
    pages = [page async for page in gh.workflows.list("octo", "many", per_page=3).pages()]
    assert [len(page.items) for page in pages] == [3, 3, 1]
    assert {page.total_count for page in pages} == {7}
    names = [w.path for page in pages for w in page.items]
    assert names == [f".github/workflows/w{n}.yml" for n in range(7)]


async def test_get_by_id_or_file_name(gh: AsyncGitHubActions, fake: FakeGitHub) -> None:
    seed(fake)
    deploy = fake.workflows_of("octo/app")[1]
    by_id = await gh.workflows.get("octo", "app", deploy.id)
    by_name = await gh.workflows.get("octo", "app", "deploy.yml")
    assert by_id == by_name
    assert by_id.id == deploy.id
    assert fake.stats.log[-1].path == "/repos/octo/app/actions/workflows/deploy.yml"
    with pytest.raises(NotFound):
        await gh.workflows.get("octo", "app", "missing.yml")


async def test_disable_and_enable(gh: AsyncGitHubActions, fake: FakeGitHub) -> None:
    seed(fake)
    await gh.workflows.disable("octo", "app", "ci.yml")
    assert (await gh.workflows.get("octo", "app", "ci.yml")).state == "disabled_manually"
    with pytest.raises(ValidationFailed, match="disabled_manually workflow"):
        await gh.workflows.dispatch("octo", "app", "ci.yml", ref="main")
    await gh.workflows.enable("octo", "app", "ci.yml")
    assert (await gh.workflows.get("octo", "app", "ci.yml")).state == "active"
    with pytest.raises(NotFound):
        await gh.workflows.enable("octo", "app", "missing.yml")


async def test_dispatch_with_run_details_returns_the_new_run(
    gh: AsyncGitHubActions, fake: FakeGitHub
) -> None:
    seed(fake)
    started = await gh.workflows.dispatch(
        "octo",
        "app",
        "deploy.yml",
        ref="refs/heads/release",
        inputs={"environment": "staging", "dry_run": "true"},
        return_run_details=True,
    )
    assert isinstance(started, DispatchedRun)
    run = fake.runs_of("octo/app")[-1]
    assert started.workflow_run_id == run.id
    assert present(started.run_url).endswith(f"/repos/octo/app/actions/runs/{run.id}")
    assert started.html_url == f"https://github.com/octo/app/actions/runs/{run.id}"
    assert (run.event, run.head_branch, run.status) == ("workflow_dispatch", "release", "queued")
    assert run.inputs == {"environment": "staging", "dry_run": "true"}
    listed = await gh.runs.get("octo", "app", started.workflow_run_id)
    assert listed.workflow_id == fake.workflows_of("octo/app")[1].id


async def test_dispatch_without_run_details_returns_none(
    gh: AsyncGitHubActions, fake: FakeGitHub
) -> None:
    seed(fake)
    assert await gh.workflows.dispatch("octo", "app", "ci.yml", ref="main") is None
    assert fake.stats.log[-1].status == 204
    assert [r.event for r in fake.runs_of("octo/app")] == ["workflow_dispatch"]
    assert fake.runs_of("octo/app")[0].inputs == {}


async def test_dispatch_sends_only_the_fields_given() -> None:
    sent: list[object] = []

    def record(url: URL, **kwargs: Any) -> CallbackResult:
        sent.append(json.loads(kwargs["data"]))
        return CallbackResult(status=204)

    with aioresponses() as mocked:
        mocked.post(re.compile(".*/dispatches$"), callback=record, repeat=True)
        async with AsyncGitHubActions("t") as gh:
            await gh.workflows.dispatch("octo", "app", 42, ref="main")
            await gh.workflows.dispatch(
                "octo", "app", "ci.yml", ref="v1", inputs={"a": "1"}, return_run_details=False
            )
    assert sent == [
        {"ref": "main"},
        {"ref": "v1", "inputs": {"a": "1"}, "return_run_details": False},
    ]


async def test_dispatch_is_refused_as_github_refuses_it(
    gh: AsyncGitHubActions, fake: FakeGitHub
) -> None:
    seed(fake)
    with pytest.raises(ValidationFailed, match=r'Unexpected inputs provided: \["colour"\]'):
        await gh.workflows.dispatch(
            "octo", "app", "deploy.yml", ref="main", inputs={"environment": "x", "colour": "red"}
        )
    with pytest.raises(ValidationFailed, match="Required input 'environment' not provided"):
        await gh.workflows.dispatch("octo", "app", "deploy.yml", ref="main")
    with pytest.raises(ValidationFailed, match="does not have 'workflow_dispatch' trigger"):
        await gh.workflows.dispatch("octo", "app", "nightly.yml", ref="main")
    with pytest.raises(NotFound):
        await gh.workflows.dispatch("octo", "app", "missing.yml", ref="main")
    assert fake.runs_of("octo/app") == []


async def test_timing_sums_billable_time_per_operating_system(
    gh: AsyncGitHubActions, fake: FakeGitHub
) -> None:
    seed(fake)
    ci = fake.workflows_of("octo/app")[0]
    first = fake.add_run("octo/app", workflow=ci, jobs=())
    fake.add_job(first, "linux", labels=("ubuntu-latest",))
    fake.add_job(first, "mac", labels=("macos-14",))
    fake.add_job(first, "own", labels=("self-hosted", "linux"))
    fake.add_run("octo/app", workflow=ci, jobs=("linux-again",))
    fake.add_run("octo/app", workflow="deploy.yml", jobs=("elsewhere",))
    usage = await gh.workflows.get_timing("octo", "app", ci.id)
    assert isinstance(usage, WorkflowUsage)
    billable = present(usage.billable)
    assert present(billable.UBUNTU).total_ms == 120_000
    assert present(billable.MACOS).total_ms == 60_000
    assert billable.WINDOWS is None
    idle = await gh.workflows.get_timing("octo", "app", "nightly.yml")
    assert present(idle.billable).UBUNTU is None


async def test_bad_arguments_raise_before_any_request(
    gh: AsyncGitHubActions, fake: FakeGitHub
) -> None:
    seed(fake)
    before = fake.stats.requests
    with pytest.raises(ValueError, match="workflow_id must not be empty"):
        await gh.workflows.get("octo", "app", "")
    with pytest.raises(ValueError, match="workflow_id must be a positive integer"):
        await gh.workflows.get("octo", "app", 0)
    with pytest.raises(TypeError, match="workflow_id must be an int or a str"):
        await gh.workflows.enable("octo", "app", 1.5)  # type: ignore[arg-type]
    with pytest.raises(ValueError, match="ref must not be empty"):
        await gh.workflows.dispatch("octo", "app", "ci.yml", ref=" ")
    with pytest.raises(TypeError, match="values of inputs must be a str"):
        await gh.workflows.dispatch("octo", "app", "ci.yml", ref="main", inputs={"n": 1})  # type: ignore[dict-item]
    with pytest.raises(TypeError, match="inputs must be a mapping"):
        await gh.workflows.dispatch("octo", "app", "ci.yml", ref="main", inputs=["a"])  # type: ignore[arg-type]
    too_many = {f"input{n}": "x" for n in range(26)}
    with pytest.raises(ValueError, match="at most 25 inputs, got 26"):
        await gh.workflows.dispatch("octo", "app", "ci.yml", ref="main", inputs=too_many)
    with pytest.raises(ValueError, match="per_page must be between 1 and 100"):
        gh.workflows.list("octo", "app", per_page=0)
    assert fake.stats.requests == before

"""Reading runs, through the async and the sync client, against FakeGitHub.

Listing (with filters, per workflow, beyond GitHub's 1,000-run cap on filtered
lists), getting a run or an attempt, its timing, and the argument checks of
every run method. Actions on runs are in ``test_run_actions``.
"""

from __future__ import annotations

import logging
import os
import re
from datetime import datetime, timedelta, timezone
from pathlib import Path
from urllib.parse import parse_qs

import pytest
from aioresponses import aioresponses

from ghactions_async import AsyncGitHubActions, NotFound
from ghactions_async._run_pagination import CreatedRange
from ghactions_async.models import WorkflowRun, WorkflowRunUsage
from ghactions_async.models.common import SimpleUser
from ghactions_async.testing import FakeGitHub

from ._spec import operations
from .conftest import present

NOW = datetime(2026, 6, 1, 12, 0, tzinfo=timezone.utc)


def seed(fake: FakeGitHub) -> dict[str, int]:
    """Five runs of two workflows, newest last; returns their ids by a short name."""
    ci = fake.add_workflow("octo/app", "ci.yml", jobs=("build", "test"))
    fake.add_workflow("octo/app", "release.yml", name="Release")
    runs = {
        "old": fake.add_run(
            "octo/app", workflow=ci, created_at=NOW - timedelta(days=3), actor="hubot"
        ),
        "failed": fake.add_run(
            "octo/app",
            workflow=ci,
            conclusion="failure",
            branch="feature",
            created_at=NOW - timedelta(days=2),
            pull_requests=[7],
        ),
        "release": fake.add_run(
            "octo/app", workflow="release.yml", event="release", created_at=NOW - timedelta(days=1)
        ),
        "running": fake.add_run(
            "octo/app", workflow=ci, status="in_progress", created_at=NOW - timedelta(hours=1)
        ),
        "queued": fake.add_run("octo/app", workflow=ci, status="queued", created_at=NOW),
    }
    fake.add_repo("octo/empty")
    return {name: run.id for name, run in runs.items()}


async def test_list_returns_typed_runs_newest_first(
    gh: AsyncGitHubActions, fake: FakeGitHub
) -> None:
    ids = seed(fake)
    runs = await gh.runs.list("octo", "app").collect()
    assert [r.id for r in runs] == [
        ids["queued"],
        ids["running"],
        ids["release"],
        ids["failed"],
        ids["old"],
    ]
    failed = runs[3]
    assert isinstance(failed, WorkflowRun)
    assert (failed.status, failed.conclusion, failed.head_branch) == (
        "completed",
        "failure",
        "feature",
    )
    assert failed.created_at == NOW - timedelta(days=2)
    assert present(failed.repository).full_name == "octo/app"
    assert isinstance(failed.actor, SimpleUser)
    assert failed.pull_requests is not None
    assert [pr.number for pr in failed.pull_requests] == [7]
    assert failed.run_attempt == 1
    assert failed.previous_attempt_url is None
    assert await gh.runs.list("octo", "empty").collect() == []
    with pytest.raises(NotFound):
        await gh.runs.list("octo", "nope").collect()


async def test_list_follows_runs_added_deleted_and_redated_after_a_listing(
    gh: AsyncGitHubActions, fake: FakeGitHub
) -> None:
    old = fake.add_run("octo/app", created_at=NOW - timedelta(days=1))
    new = fake.add_run("octo/app", created_at=NOW)
    assert [r.id for r in await gh.runs.list("octo", "app").collect()] == [new.id, old.id]
    old.created_at = NOW + timedelta(hours=1)
    assert [r.id for r in await gh.runs.list("octo", "app").collect()] == [old.id, new.id]
    newest = fake.add_run("octo/app", created_at=NOW + timedelta(hours=2))
    await gh.runs.delete("octo", "app", new.id)
    assert [r.id for r in await gh.runs.list("octo", "app").collect()] == [newest.id, old.id]


async def test_list_filters(gh: AsyncGitHubActions, fake: FakeGitHub) -> None:
    ids = seed(fake)
    every = {r.id: r for r in await gh.runs.list("octo", "app").collect()}

    async def listed(**filters: object) -> list[int]:
        return [r.id for r in await gh.runs.list("octo", "app", **filters).collect()]  # type: ignore[arg-type]

    assert await listed(actor="hubot") == [ids["old"]]
    assert await listed(branch="feature") == [ids["failed"]]
    assert await listed(event="release") == [ids["release"]]
    assert await listed(status="failure") == [ids["failed"]]
    assert await listed(status="in_progress") == [ids["running"]]
    assert await listed(head_sha=every[ids["old"]].head_sha) == [ids["old"]]
    suite = every[ids["release"]].check_suite_id
    assert suite is not None
    assert await listed(check_suite_id=suite) == [ids["release"]]
    assert await listed(created=">=2026-05-31") == [ids["queued"], ids["running"], ids["release"]]
    assert await listed(created="2026-05-29..2026-05-30") == [ids["failed"], ids["old"]]
    assert await listed(created="<2026-06-01T12:00:00Z") == [
        ids["running"],
        ids["release"],
        ids["failed"],
        ids["old"],
    ]
    without = gh.runs.list("octo", "app", branch="feature", exclude_pull_requests=True)
    assert [r.pull_requests for r in await without.collect()] == [[]]


async def test_list_for_workflow_by_id_or_file_name(
    gh: AsyncGitHubActions, fake: FakeGitHub
) -> None:
    ids = seed(fake)
    release = fake.workflows_of("octo/app")[1]
    assert [r.id for r in await gh.runs.list_for_workflow("octo", "app", release.id).collect()] == [
        ids["release"]
    ]
    ci_runs = await gh.runs.list_for_workflow("octo", "app", "ci.yml", status="completed").collect()
    assert [r.id for r in ci_runs] == [ids["failed"], ids["old"]]
    assert {r.path for r in ci_runs} == {
        ".github/workflows/ci.yml@main",
        ".github/workflows/ci.yml@feature",
    }
    with pytest.raises(NotFound):
        await gh.runs.list_for_workflow("octo", "app", "missing.yml").collect()


async def test_get_and_get_attempt(gh: AsyncGitHubActions, fake: FakeGitHub) -> None:
    ids = seed(fake)
    run = await gh.runs.get("octo", "app", ids["failed"])
    assert (run.id, run.conclusion, run.run_attempt) == (ids["failed"], "failure", 1)
    assert present(run.url).endswith(f"/repos/octo/app/actions/runs/{run.id}")
    assert run.head_commit is not None
    assert run.head_commit.id == run.head_sha
    quiet = await gh.runs.get("octo", "app", ids["failed"], exclude_pull_requests=True)
    assert quiet.pull_requests == []
    await gh.runs.rerun("octo", "app", ids["failed"])
    latest = await gh.runs.get("octo", "app", ids["failed"])
    assert (latest.run_attempt, latest.status, latest.conclusion) == (2, "queued", None)
    assert latest.previous_attempt_url is not None
    assert latest.previous_attempt_url.endswith(f"/runs/{run.id}/attempts/1")
    first = await gh.runs.get_attempt("octo", "app", ids["failed"], 1)
    assert (first.run_attempt, first.conclusion) == (1, "failure")
    with pytest.raises(NotFound):
        await gh.runs.get_attempt("octo", "app", ids["failed"], 3)
    with pytest.raises(NotFound):
        await gh.runs.get("octo", "app", 123_456_789)


async def test_timing(gh: AsyncGitHubActions, fake: FakeGitHub) -> None:
    run = fake.add_run("octo/app", created_at=NOW, jobs=())
    linux = fake.add_job(run, "linux", completed_at=NOW + timedelta(minutes=2))
    mac = fake.add_job(run, "mac", labels=("macos-latest",))
    fake.add_job(run, "own", labels=("self-hosted",))
    usage = await gh.runs.get_timing("octo", "app", run.id)
    assert isinstance(usage, WorkflowRunUsage)
    assert usage.run_duration_ms == 60_000
    billable = present(usage.billable)
    ubuntu, macos = billable.UBUNTU, billable.MACOS
    assert ubuntu is not None
    assert macos is not None
    assert (ubuntu.total_ms, ubuntu.jobs) == (120_000, 1)
    assert ubuntu.job_runs is not None
    assert [(j.job_id, j.duration_ms) for j in ubuntu.job_runs] == [(linux.id, 120_000)]
    assert macos.job_runs is not None
    assert [j.job_id for j in macos.job_runs] == [mac.id]
    assert billable.WINDOWS is None
    running = fake.add_run("octo/app", status="in_progress")
    assert (await gh.runs.get_timing("octo", "app", running.id)).run_duration_ms is None


# -- GitHub's 1,000-run cap on filtered lists -----------------------------------

BIG = 2_345


def created_sent(fake: FakeGitHub) -> list[str | None]:
    """The ``created`` value of each query the fake saw (its first page), in order."""
    firsts = [parse_qs(r.query) for r in fake.stats.log if parse_qs(r.query).get("page") == ["1"]]
    return [query.get("created", [None])[0] for query in firsts]


def many_runs(fake: FakeGitHub, count: int = BIG, *, per_second: int = 3) -> list[int]:
    """``count`` push runs, ``per_second`` created in each second, plus other runs between."""
    pushed = [
        fake.add_run(
            "octo/big", event="push", created_at=NOW - timedelta(seconds=n // per_second), jobs=()
        ).id
        for n in range(count)
    ]
    for n in range(0, count, 50):
        fake.add_run("octo/big", event="schedule", created_at=NOW - timedelta(seconds=n), jobs=())
    return pushed


async def test_filtered_list_lifts_the_1000_run_cap(
    gh: AsyncGitHubActions, fake: FakeGitHub
) -> None:
    pushed = many_runs(fake)
    runs = await gh.runs.list("octo", "big", event="push").collect()
    ids = [r.id for r in runs]
    assert len(ids) == BIG
    assert len(set(ids)) == BIG  # none repeated
    assert set(ids) == set(pushed)  # none lost
    assert [r.created_at for r in runs] == sorted((r.created_at for r in runs), reverse=True)
    assert created_sent(fake) == [None, "<=2026-06-01T11:54:27Z", "<=2026-06-01T11:48:54Z"]


async def test_the_fake_serves_at_most_1000_runs_of_a_filtered_query(fake: FakeGitHub) -> None:
    many_runs(fake, 1_100)
    async with AsyncGitHubActions(fake.token, base_url=fake.url) as gh:
        path = "/repos/octo/big/actions/runs"
        last = await gh.request("GET", path, params={"event": "push", "per_page": 100, "page": 10})
        beyond = await gh.request(
            "GET", path, params={"event": "push", "per_page": 100, "page": 11}
        )
        unfiltered = await gh.paginate(path, item_key="workflow_runs").collect()
    assert (last["total_count"], len(last["workflow_runs"])) == (1_100, 100)
    assert (beyond["total_count"], beyond["workflow_runs"]) == (1_100, [])
    assert len(unfiltered) == 1_100 + 22  # unfiltered lists have no cap


async def test_pages_of_a_lifted_list(gh: AsyncGitHubActions, fake: FakeGitHub) -> None:
    many_runs(fake, 1_234)
    pages = [page async for page in gh.runs.list("octo", "big", event="push").pages()]
    assert {page.total_count for page in pages} == {1_234}
    assert [page.number for page in pages] == list(range(1, len(pages) + 1))
    assert sum(len(page.items) for page in pages) == 1_234
    assert all(page.items for page in pages)


async def test_lifting_the_cap_keeps_the_callers_created_range(
    gh: AsyncGitHubActions, fake: FakeGitHub
) -> None:
    pushed = many_runs(fake, per_second=2)
    window = "2026-06-01T11:45:00Z..2026-06-01T11:59:50Z"
    runs = await gh.runs.list_for_workflow(
        "octo", "big", "ci.yml", event="push", created=window
    ).collect()
    inside = {
        r.id
        for r in fake.runs_of("octo/big")
        if r.id in pushed
        and NOW - timedelta(seconds=900) <= r.created_at <= NOW - timedelta(seconds=10)
    }
    assert len(inside) > 1000
    assert sorted(r.id for r in runs) == sorted(inside)
    assert created_sent(fake) == [
        window,
        "2026-06-01T11:45:00Z..2026-06-01T11:51:31Z",
    ]


async def test_limit_stops_a_lifted_list_early(gh: AsyncGitHubActions, fake: FakeGitHub) -> None:
    many_runs(fake, 1_100)
    first = await gh.runs.list("octo", "big", event="push").collect(limit=1_050)
    assert len({r.id for r in first}) == 1_050
    assert fake.stats.requests <= 12


async def test_more_than_1000_runs_in_one_second_is_reported(
    gh: AsyncGitHubActions, fake: FakeGitHub, caplog: pytest.LogCaptureFixture
) -> None:
    crowded = [
        fake.add_run("octo/big", event="push", created_at=NOW, jobs=()).id for _ in range(1_010)
    ]
    earlier = fake.add_run("octo/big", event="push", created_at=NOW - timedelta(seconds=1), jobs=())
    with caplog.at_level(logging.WARNING, logger="ghactions_async"):
        runs = await gh.runs.list("octo", "big", event="push").collect()
    ids = [r.id for r in runs]
    assert len(ids) == len(set(ids)) == 1_001  # nothing repeated
    assert earlier.id in ids
    assert len(set(crowded) - set(ids)) == 10
    assert "more than 1000 runs were created at 2026-06-01T12:00:00Z" in caplog.text


async def test_an_unreadable_created_range_is_refused_rather_than_cut_short() -> None:
    example = operations("api.github.com")["actions/get-workflow-run"].responses["200"]
    for total, refused in ((1_500, True), (1, False)):
        page = {"total_count": total, "workflow_runs": [example["examples"][0]]}
        with aioresponses() as mocked:
            mocked.get(re.compile(".*/actions/runs.*"), payload=page, repeat=True)
            async with AsyncGitHubActions("t") as gh:
                listing = gh.runs.list("octo", "big", created="last week")
                if refused:
                    with pytest.raises(ValueError, match="not a date range this client can narrow"):
                        await listing.collect()
                else:  # no cap to lift: GitHub's own reading of the range stands
                    assert len(await listing.collect()) == 1


@pytest.mark.parametrize(
    ("text", "low", "high"),
    [
        (">=2024-05-01", "2024-05-01T00:00:00", None),
        (">2024-05-01", "2024-05-02T00:00:00", None),
        ("<=2024-05-01", None, "2024-05-01T23:59:59"),
        ("<2024-05-01", None, "2024-04-30T23:59:59"),
        ("2024-05-01", "2024-05-01T00:00:00", "2024-05-01T23:59:59"),
        ("2024-05-01..2024-05-03", "2024-05-01T00:00:00", "2024-05-03T23:59:59"),
        ("2024-05-01T10:00:00Z..*", "2024-05-01T10:00:00", None),
        ("*..2024-05-01T10:00:00+02:00", None, "2024-05-01T08:00:00"),
        (">2024-05-01T10:00:00Z", "2024-05-01T10:00:01", None),
        ("<2024-05-01T10:00:00Z", None, "2024-05-01T09:59:59"),
        ("<=2024-05-01T10:00:00.5Z", None, "2024-05-01T10:00:00"),
        (None, None, None),
    ],
)
def test_created_ranges(text: str | None, low: str | None, high: str | None) -> None:
    def at(value: str | None) -> datetime | None:
        return None if value is None else datetime.fromisoformat(value + "+00:00")

    assert CreatedRange.parse(text) == CreatedRange(at(low), at(high))


def test_created_ranges_narrow_to_an_upper_bound() -> None:
    upper = datetime(2024, 5, 1, 10, tzinfo=timezone.utc)
    assert CreatedRange.parse(None).ending_at(upper) == "<=2024-05-01T10:00:00Z"
    assert CreatedRange.parse(">=2024-04-01").ending_at(upper) == (
        "2024-04-01T00:00:00Z..2024-05-01T10:00:00Z"
    )
    assert CreatedRange.parse("<2024-03-01").ending_at(upper) == "<=2024-02-29T23:59:59Z"
    assert CreatedRange.parse(">2024-05-02").ending_at(upper) is None
    with pytest.raises(ValueError, match="not a date range"):
        CreatedRange.parse(">=last week")


async def test_bad_arguments_raise_before_any_request(
    gh: AsyncGitHubActions, fake: FakeGitHub, tmp_path: Path
) -> None:
    ids = seed(fake)
    before = fake.stats.requests
    with pytest.raises(ValueError, match="run_id must be a positive integer"):
        await gh.runs.get("octo", "app", 0)
    with pytest.raises(TypeError, match="run_id must be an int"):
        await gh.runs.cancel("octo", "app", str(ids["running"]))  # type: ignore[arg-type]
    with pytest.raises(ValueError, match="status must be one of"):
        gh.runs.list("octo", "app", status="done")  # type: ignore[arg-type]
    with pytest.raises(ValueError, match="check_suite_id must be a positive integer"):
        gh.runs.list("octo", "app", check_suite_id=0)
    with pytest.raises(ValueError, match="per_page must be between 1 and 100"):
        gh.runs.list_for_workflow("octo", "app", "ci.yml", per_page=500)
    with pytest.raises(ValueError, match="workflow_id must not be empty"):
        gh.runs.list_for_workflow("octo", "app", "")
    with pytest.raises(ValueError, match="attempt_number must be a positive integer"):
        await gh.runs.download_attempt_logs("octo", "app", ids["old"], 0, tmp_path)
    with pytest.raises(TypeError, match="dest must be a path or a binary file"):
        await gh.runs.download_logs("octo", "app", ids["old"], 42)  # type: ignore[call-overload]
    with pytest.raises(ValueError, match="environment_ids must name at least one"):
        await gh.runs.review_pending_deployments(
            "octo", "app", ids["old"], environment_ids=[], state="approved", comment=""
        )
    with pytest.raises(ValueError, match="environment_id must be a positive integer"):
        await gh.runs.review_pending_deployments(
            "octo", "app", ids["old"], environment_ids=[0], state="approved", comment=""
        )
    with pytest.raises(ValueError, match="state must be one of 'approved', 'rejected'"):
        await gh.runs.review_pending_deployments(
            "octo",
            "app",
            ids["old"],
            environment_ids=[1],
            state="ok",  # type: ignore[arg-type]
            comment="",
        )
    with pytest.raises(ValueError, match="give state, comment or both"):
        await gh.runs.review_custom_gates("octo", "app", ids["old"], environment_name="prod")
    with pytest.raises(ValueError, match="environment_name must not be empty"):
        await gh.runs.review_custom_gates(
            "octo", "app", ids["old"], environment_name="", state="approved"
        )
    with pytest.raises(TypeError, match="enable_debug_logging must be a bool"):
        await gh.runs.rerun("octo", "app", ids["old"], enable_debug_logging=1)  # type: ignore[arg-type]
    assert fake.stats.requests == before
    assert os.listdir(tmp_path) == []

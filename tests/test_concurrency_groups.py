"""Every concurrency-group method, through the async and the sync client, against FakeGitHub."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone
from urllib.parse import parse_qs

import pytest

from ghactions_async import AsyncGitHubActions, NotFound, ValidationFailed
from ghactions_async.models import (
    ConcurrencyGroup,
    ConcurrencyGroupMember,
    ConcurrencyGroupSummary,
    RunConcurrencyGroup,
    RunConcurrencyGroupMember,
)
from ghactions_async.testing import FakeGitHub

from .conftest import present

NOW = datetime(2026, 1, 15, 16, 0, tzinfo=timezone.utc)
LIST_ROUTE = "GET /repos/{owner}/{repo}/actions/concurrency_groups"
RUN_ROUTE = "GET /repos/{owner}/{repo}/actions/runs/{run_id}/concurrency_groups"


def seed(fake: FakeGitHub) -> None:
    """deploy-prod: run 1 holds, run 2 and job 31 of run 3 wait; ci-build: job 11 of run 1."""
    fake.join_concurrency_group(
        "octo/app", "ci-build", run_id=1, run_name="Deploy", job_id=11, job_name="build", at=NOW
    )
    fake.join_concurrency_group(
        "octo/app", "deploy-prod", run_id=1, run_name="Deploy", at=NOW + timedelta(minutes=5)
    )
    fake.join_concurrency_group("octo/app", "deploy-prod", run_id=2, run_name="Deploy")
    fake.join_concurrency_group(
        "octo/app", "deploy-prod", run_id=3, run_name="Hotfix", job_id=31, job_name="deploy"
    )
    fake.add_concurrency_group("octo/app", "idle", run_ids=[1])
    fake.add_repo("octo/empty")


def after_cursors(fake: FakeGitHub) -> list[str]:
    """The ``after`` cursors the client sent, in order (it took them from Link headers)."""
    queries = [parse_qs(r.query) for r in fake.stats.log if r.path.endswith("concurrency_groups")]
    return [q["after"][0] for q in queries if "after" in q]


async def test_list_shows_active_groups_most_recently_acquired_first(
    gh: AsyncGitHubActions, fake: FakeGitHub
) -> None:
    seed(fake)
    groups = await gh.concurrency_groups.list("octo", "app").collect()
    assert groups == [
        ConcurrencyGroupSummary(
            group_name="deploy-prod",
            group_url=f"{fake.url}/repos/octo/app/actions/concurrency_groups/deploy-prod",
            last_acquired_at=NOW + timedelta(minutes=5),
        ),
        ConcurrencyGroupSummary(
            group_name="ci-build",
            group_url=f"{fake.url}/repos/octo/app/actions/concurrency_groups/ci-build",
            last_acquired_at=NOW,
        ),
    ]
    assert await gh.concurrency_groups.list("octo", "empty").collect() == []
    with pytest.raises(NotFound):
        await gh.concurrency_groups.list("octo", "nope").collect()


async def test_list_follows_cursors_across_pages(gh: AsyncGitHubActions, fake: FakeGitHub) -> None:
    for index in range(7):
        fake.join_concurrency_group(
            "octo/app", f"group-{index}", run_id=100 + index, at=NOW + timedelta(minutes=index)
        )
    pages = [page async for page in gh.concurrency_groups.list("octo", "app", per_page=2).pages()]
    assert [[g.group_name for g in p.items] for p in pages] == [
        ["group-6", "group-5"],
        ["group-4", "group-3"],
        ["group-2", "group-1"],
        ["group-0"],
    ]
    assert {p.total_count for p in pages} == {7}
    assert {p.number for p in pages} == {None}  # cursor pages have no number
    assert fake.stats.by_route[LIST_ROUTE] == 4
    queries = [r.query for r in fake.stats.log]
    assert all("page=" not in q.replace("per_page=", "") for q in queries)
    cursors = after_cursors(fake)
    assert len(cursors) == 3
    resumed = await gh.concurrency_groups.list("octo", "app", after=cursors[1]).collect()
    assert [g.group_name for g in resumed] == ["group-2", "group-1", "group-0"]


async def test_collect_with_a_limit_stops_early(gh: AsyncGitHubActions, fake: FakeGitHub) -> None:
    for index in range(5):
        fake.join_concurrency_group("octo/app", f"g{index}", run_id=index + 1)
    first = await gh.concurrency_groups.list("octo", "app", per_page=2).collect(limit=2)
    assert len(first) == 2
    assert fake.stats.by_route[LIST_ROUTE] == 1


async def test_a_bad_cursor_is_a_validation_failure(
    gh: AsyncGitHubActions, fake: FakeGitHub
) -> None:
    seed(fake)
    with pytest.raises(ValidationFailed) as caught:
        await gh.concurrency_groups.list("octo", "app", after="not a cursor").collect()
    assert caught.value.errors[0]["field"] == "after"
    with pytest.raises(ValidationFailed):
        await gh.concurrency_groups.list_for_run("octo", "app", 1, before="%%%").collect()


async def test_get_shows_the_queue_holder_first(gh: AsyncGitHubActions, fake: FakeGitHub) -> None:
    seed(fake)
    group = await gh.concurrency_groups.get("octo", "app", "deploy-prod")
    assert isinstance(group, ConcurrencyGroup)
    assert group.total_count == 3
    runs = f"{fake.url}/repos/octo/app/actions/runs"
    assert present(group.group_members)[0] == ConcurrencyGroupMember(
        run_id=1,
        run_name="Deploy",
        run_url=f"{runs}/1",
        run_html_url=f"{fake.url}/octo/app/actions/runs/1",
        status="in_progress",
    )
    assert [(m.run_id, m.job_id, m.status) for m in present(group.group_members)] == [
        (1, None, "in_progress"),
        (2, None, "pending"),
        (3, 31, "pending"),
    ]
    job = present(group.group_members)[2]
    assert job.job_name == "deploy"
    assert job.job_url == f"{fake.url}/repos/octo/app/actions/jobs/31"
    assert job.job_html_url == f"{fake.url}/octo/app/actions/runs/3/job/31"


async def test_get_ahead_of_a_run_or_job(gh: AsyncGitHubActions, fake: FakeGitHub) -> None:
    seed(fake)
    ahead = await gh.concurrency_groups.get("octo", "app", "deploy-prod", ahead_of_run=2)
    assert [m.run_id for m in present(ahead.group_members)] == [1, 2]
    assert ahead.total_count == 2
    assert fake.stats.log[-1].query == "ahead_of_run=2"
    of_job = await gh.concurrency_groups.get("octo", "app", "deploy-prod", ahead_of_job=31)
    assert [m.job_id for m in present(of_job.group_members)] == [None, None, 31]
    holder = await gh.concurrency_groups.get("octo", "app", "deploy-prod", ahead_of_run=1)
    assert [m.run_id for m in present(holder.group_members)] == [1]
    with pytest.raises(ValidationFailed, match="run 99 is not in this concurrency group"):
        await gh.concurrency_groups.get("octo", "app", "deploy-prod", ahead_of_run=99)
    with pytest.raises(ValidationFailed):
        # A job's lease is not the run's: run 3 holds no run-level place here.
        await gh.concurrency_groups.get("octo", "app", "deploy-prod", ahead_of_run=3)
    with pytest.raises(ValidationFailed):
        await gh.concurrency_groups.get(
            "octo", "app", "deploy-prod", ahead_of_run=1, ahead_of_job=31
        )


async def test_get_of_an_inactive_or_unknown_group_is_not_found(
    gh: AsyncGitHubActions, fake: FakeGitHub
) -> None:
    seed(fake)
    with pytest.raises(NotFound):
        await gh.concurrency_groups.get("octo", "app", "idle")
    with pytest.raises(NotFound):
        await gh.concurrency_groups.get("octo", "app", "nope")
    with pytest.raises(NotFound):
        await gh.concurrency_groups.get("octo", "nope", "deploy-prod")


async def test_group_names_with_slashes_stay_one_segment(
    gh: AsyncGitHubActions, fake: FakeGitHub
) -> None:
    fake.join_concurrency_group("octo/app", "deploy/prod eu", run_id=5)
    group = await gh.concurrency_groups.get("octo", "app", "deploy/prod eu")
    assert group.group_name == "deploy/prod eu"
    assert fake.stats.log[-1].path.endswith("/concurrency_groups/deploy%2Fprod%20eu")
    assert present(group.group_url).endswith("/concurrency_groups/deploy%2Fprod%20eu")


async def test_list_for_run_shows_each_group_with_the_runs_places(
    gh: AsyncGitHubActions, fake: FakeGitHub
) -> None:
    seed(fake)
    groups = await gh.concurrency_groups.list_for_run("octo", "app", 1).collect()
    assert [g.group_name for g in groups] == ["ci-build", "deploy-prod", "idle"]
    assert all(isinstance(g, RunConcurrencyGroup) for g in groups)
    ci, deploy, idle = groups
    group_url = f"{fake.url}/repos/octo/app/actions/concurrency_groups"
    assert ci.group_members == [
        RunConcurrencyGroupMember(
            run_id=1,
            run_name="Deploy",
            run_url=f"{fake.url}/repos/octo/app/actions/runs/1",
            run_html_url=f"{fake.url}/octo/app/actions/runs/1",
            status="in_progress",
            position=0,
            position_url=f"{group_url}/ci-build?ahead_of_job=11",
            job_id=11,
            job_name="build",
            job_url=f"{fake.url}/repos/octo/app/actions/jobs/11",
            job_html_url=f"{fake.url}/octo/app/actions/runs/1/job/11",
        )
    ]
    assert [(m.position, m.position_url) for m in present(deploy.group_members)] == [
        (0, f"{group_url}/deploy-prod?ahead_of_run=1")
    ]
    assert idle.group_members == []
    waiting = await gh.concurrency_groups.list_for_run("octo", "app", 3).collect()
    assert [
        (g.group_name, [(m.position, m.status) for m in present(g.group_members)]) for g in waiting
    ] == [("deploy-prod", [(2, "pending")])]
    assert await gh.concurrency_groups.list_for_run("octo", "app", 424242).collect() == []


async def test_a_run_that_left_keeps_its_groups_and_the_next_acquires(
    gh: AsyncGitHubActions, fake: FakeGitHub
) -> None:
    seed(fake)
    later = NOW + timedelta(hours=1)
    fake.leave_concurrency_group("octo/app", "deploy-prod", run_id=1, at=later)
    group = await gh.concurrency_groups.get("octo", "app", "deploy-prod")
    assert [(m.run_id, m.status) for m in present(group.group_members)] == [
        (2, "in_progress"),
        (3, "pending"),
    ]
    listed = await gh.concurrency_groups.list("octo", "app").collect()
    assert (listed[0].group_name, listed[0].last_acquired_at) == ("deploy-prod", later)
    of_run = await gh.concurrency_groups.list_for_run("octo", "app", 1).collect()
    assert [(g.group_name, len(present(g.group_members))) for g in of_run] == [
        ("ci-build", 1),
        ("deploy-prod", 0),
        ("idle", 0),
    ]
    fake.leave_concurrency_group("octo/app", "ci-build", run_id=1, job_id=11)
    remaining = await gh.concurrency_groups.list("octo", "app").collect()
    assert [g.group_name for g in remaining] == ["deploy-prod"]
    with pytest.raises(NotFound):
        await gh.concurrency_groups.get("octo", "app", "ci-build")


async def test_list_for_run_pages_by_name_with_before_and_after(
    gh: AsyncGitHubActions, fake: FakeGitHub
) -> None:
    names = [f"group-{letter}" for letter in "abcde"]
    for name in reversed(names):
        fake.join_concurrency_group("octo/app", name, run_id=9)
    fake.join_concurrency_group("octo/app", "other", run_id=10)
    paged = gh.concurrency_groups.list_for_run("octo", "app", 9, per_page=2)
    pages = [[g.group_name for g in page.items] async for page in paged.pages()]
    assert pages == [names[0:2], names[2:4], names[4:5]]
    assert fake.stats.by_route[RUN_ROUTE] == 3
    cursors = after_cursors(fake)
    assert len(cursors) == 2  # the cursors of group-b and group-d
    resumed = await gh.concurrency_groups.list_for_run("octo", "app", 9, after=cursors[0]).collect()
    assert [g.group_name for g in resumed] == names[2:]
    # The cursor a forward page ended on (group-d) also pages backward.
    backward = gh.concurrency_groups.list_for_run(
        "octo", "app", 9, before=cursors[1], per_page=2
    ).pages()
    first_page = await backward.__anext__()
    assert [g.group_name for g in first_page.items] == ["group-b", "group-c"]
    assert first_page.total_count == 5


async def test_bad_arguments_raise_before_any_request(
    gh: AsyncGitHubActions, fake: FakeGitHub
) -> None:
    seed(fake)
    before = fake.stats.requests
    with pytest.raises(ValueError, match="ahead_of_run must be a positive integer"):
        await gh.concurrency_groups.get("octo", "app", "deploy-prod", ahead_of_run=0)
    with pytest.raises(TypeError, match="ahead_of_job must be an int"):
        await gh.concurrency_groups.get("octo", "app", "deploy-prod", ahead_of_job="31")  # type: ignore[arg-type]
    with pytest.raises(ValueError, match="concurrency_group_name must not be empty"):
        await gh.concurrency_groups.get("octo", "app", "")
    with pytest.raises(ValueError, match="run_id must be a positive integer"):
        gh.concurrency_groups.list_for_run("octo", "app", 0)
    with pytest.raises(ValueError, match="per_page must be between 1 and 100"):
        gh.concurrency_groups.list("octo", "app", per_page=101)
    with pytest.raises(TypeError, match="after must be a str"):
        gh.concurrency_groups.list("octo", "app", after=5)  # type: ignore[arg-type]
    assert fake.stats.requests == before


async def test_world_builders(fake: FakeGitHub) -> None:
    group = fake.add_concurrency_group("octo/app", "idle", run_ids=[4, 5])
    assert fake.add_concurrency_group("octo/app", "idle") is group
    assert (group.active, sorted(group.run_ids)) == (False, [4, 5])
    item = fake.join_concurrency_group("octo/app", "idle", run_id=6, job_id=60)
    assert item.job_name == "job-60"
    assert group.active
    assert group.last_acquired_at is not None
    assert [g.name for g in fake.concurrency_groups("octo/app")] == ["idle"]
    assert fake.concurrency_groups("octo/none") == []
    with pytest.raises(KeyError, match="not in group"):
        fake.leave_concurrency_group("octo/app", "idle", run_id=6)  # the job holds it, not the run
    with pytest.raises(KeyError):
        fake.leave_concurrency_group("octo/none", "idle", run_id=6)
    with pytest.raises(ValueError, match="needs a name"):
        fake.join_concurrency_group("octo/app", "", run_id=1)

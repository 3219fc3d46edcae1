"""Old-shaped answers, built by hand: runs, jobs and caches as old objects and servers send them.

Runs created before GitHub added ``display_title`` (GHES before 3.8), and
before ``path`` (before 3.6); jobs without ``workflow_name`` and
``head_branch`` (before 3.8); caches missing fields their schema never
required. FakeGitHub serves them: its JSON builders are wrapped here to drop
those fields for chosen items, so a listing mixes old and new items, as a
repository with years of history does. One old item must not fail a call.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from datetime import timedelta
from typing import Any

import pytest

from ghactions_async import AsyncGitHubActions
from ghactions_async.testing import FakeGitHub, days_ago
from ghactions_async.testing import _jobs as fake_jobs
from ghactions_async.testing import _runs as fake_runs
from ghactions_async.testing._state import FakeCache

from .test_cli import invoke

APP = "octo/app"
RUN_FIELDS_ADDED_LATER = ("display_title", "path")
JOB_FIELDS_ADDED_LATER = ("workflow_name", "head_branch")


def dropping(build: Callable[..., dict[str, Any]], old: set[int], fields: tuple[str, ...]) -> Any:
    """``build`` (a FakeGitHub JSON builder), leaving ``fields`` out for the ids in ``old``."""

    def old_shaped(*args: Any, **kwargs: Any) -> dict[str, Any]:
        answer = build(*args, **kwargs)
        if answer["id"] in old:
            answer = {k: v for k, v in answer.items() if k not in fields}
        return answer

    return old_shaped


@pytest.fixture
def old_runs(monkeypatch: pytest.MonkeyPatch) -> set[int]:
    """Ids of runs FakeGitHub serves without ``display_title`` and ``path``."""
    old: set[int] = set()
    monkeypatch.setattr(
        fake_runs, "run_json", dropping(fake_runs.run_json, old, RUN_FIELDS_ADDED_LATER)
    )
    return old


@pytest.fixture
def old_jobs(monkeypatch: pytest.MonkeyPatch) -> set[int]:
    """Ids of jobs FakeGitHub serves without ``workflow_name`` and ``head_branch``."""
    old: set[int] = set()
    monkeypatch.setattr(
        fake_jobs, "job_json", dropping(fake_jobs.job_json, old, JOB_FIELDS_ADDED_LATER)
    )
    return old


class History:
    """octo/app: two runs from years ago between newer ones, each run with two jobs."""

    def __init__(self, fake: FakeGitHub, old_runs: set[int], old_jobs: set[int]) -> None:
        self.ci = fake.add_workflow(APP, "ci.yml", name="CI", jobs=("build", "test"))
        add = fake.add_run
        self.first = add(APP, workflow=self.ci, created_at=days_ago(1500), display_title="first")
        self.newer = add(APP, workflow=self.ci, created_at=days_ago(900), display_title="newer")
        self.second = add(APP, workflow=self.ci, created_at=days_ago(1400), display_title="2nd")
        self.latest = add(APP, workflow=self.ci, created_at=days_ago(1), display_title="latest")
        old_runs |= {self.first.id, self.second.id}
        old_jobs |= {job.id for run in (self.first, self.second) for job in fake.jobs_of(run)}
        self.old = {self.first.id, self.second.id}


@pytest.fixture
def history(fake: FakeGitHub, old_runs: set[int], old_jobs: set[int]) -> History:
    return History(fake, old_runs, old_jobs)


def check_runs(history: History, runs: list[Any]) -> None:
    assert len(runs) == 4
    for run in runs:
        old = run.id in history.old
        assert (run.display_title is None, run.path is None) == (old, old), run.id
        assert run.status == "completed"
        assert run.workflow_id == history.ci.id


async def test_listing_runs_with_old_ones_among_them(
    gh: AsyncGitHubActions, history: History
) -> None:
    # One run a page: the old ones come on pages of their own, after newer ones.
    check_runs(history, await gh.runs.list("octo", "app", per_page=1).collect())
    check_runs(history, await gh.runs.list("octo", "app").collect())


async def test_listing_a_workflow_s_runs_with_old_ones_among_them(
    gh: AsyncGitHubActions, history: History
) -> None:
    check_runs(history, await gh.runs.list_for_workflow("octo", "app", "ci.yml").collect())
    check_runs(history, await gh.runs.list_for_workflow("octo", "app", history.ci.id).collect())


async def test_getting_an_old_run(gh: AsyncGitHubActions, history: History) -> None:
    run = await gh.runs.get("octo", "app", history.first.id)
    assert (run.id, run.display_title, run.path, run.name) == (history.first.id, None, None, "CI")
    attempt = await gh.runs.get_attempt("octo", "app", history.first.id, 1)
    assert attempt.display_title is None
    newer = await gh.runs.get("octo", "app", history.newer.id)
    assert (newer.display_title, newer.path) == ("newer", ".github/workflows/ci.yml@main")


async def test_the_jobs_of_an_old_run(
    gh: AsyncGitHubActions, fake: FakeGitHub, history: History
) -> None:
    old_job = fake.jobs_of(history.first)[0]
    job = await gh.jobs.get("octo", "app", old_job.id)
    assert (job.id, job.run_id, job.workflow_name, job.head_branch) == (
        old_job.id,
        history.first.id,
        None,
        None,
    )
    for listed in (
        await gh.jobs.list_for_run("octo", "app", history.first.id).collect(),
        await gh.jobs.list_for_attempt("octo", "app", history.first.id, 1).collect(),
    ):
        assert [(j.name, j.workflow_name, j.head_branch) for j in listed] == [
            ("build", None, None),
            ("test", None, None),
        ]
    newer = await gh.jobs.list_for_run("octo", "app", history.newer.id, per_page=1).collect()
    assert [(j.workflow_name, j.head_branch) for j in newer] == [("CI", "main")] * 2


async def test_bulk_deletes_old_runs_it_could_not_list_before(
    gh: AsyncGitHubActions, fake: FakeGitHub, history: History
) -> None:
    report = await gh.bulk.delete_runs(repos=[APP], older_than=timedelta(days=1000))
    assert report.failed == 0
    assert sorted(o.item.id for o in report.outcomes if o.outcome == "done") == sorted(history.old)
    # An old run lacks its path, not its workflow's name or its number.
    assert {o.item.name for o in report.outcomes} == {
        f"CI #{history.first.run_number}",
        f"CI #{history.second.run_number}",
    }
    assert {r.id for r in fake.runs_of(APP)} == {history.newer.id, history.latest.id}


# -- caches, whose schema requires no field at all ---------------------------------------


def serve_without(cache: FakeCache, *fields: str) -> None:
    """Make FakeGitHub send ``cache`` without ``fields`` (its JSON is built once and kept)."""
    answer = cache.to_json()
    for field in fields:
        del answer[field]


@pytest.fixture
def caches(fake: FakeGitHub) -> dict[str, FakeCache]:
    add = fake.add_cache
    found = {
        "stale": add(APP, key="npm-1", last_accessed_at=days_ago(30)),
        "use_unknown": add(APP, key="npm-2", last_accessed_at=days_ago(30)),
        "no_id": add(APP, key="npm-3", last_accessed_at=days_ago(30)),
        "no_ref": add(APP, key="pip", ref="refs/heads/a", last_accessed_at=days_ago(30)),
        "fresh_same_key": add(APP, key="pip", ref="refs/heads/b", last_accessed_at=days_ago(0)),
        "no_key": add(APP, key="gem", last_accessed_at=days_ago(30)),
    }
    serve_without(found["use_unknown"], "last_accessed_at")
    serve_without(found["no_id"], "id")
    serve_without(found["no_ref"], "ref")
    serve_without(found["no_key"], "key", "size_in_bytes")
    return found


async def test_listing_caches_that_lack_fields(
    gh: AsyncGitHubActions, caches: dict[str, FakeCache]
) -> None:
    listed = await gh.caches.list("octo", "app").collect()
    assert len(listed) == 6
    assert sum(c.id is None for c in listed) == 1
    assert sorted(str(c.ref) for c in listed if c.key == "pip") == ["None", "refs/heads/b"]
    assert [c.size_in_bytes for c in listed if c.key is None] == [None]


async def test_pruning_acts_only_on_what_it_can_prove(
    gh: AsyncGitHubActions, fake: FakeGitHub, caches: dict[str, FakeCache]
) -> None:
    report = await gh.bulk.prune_caches(repos=[APP], older_than=timedelta(days=7))
    assert report.failed == 0
    # Not proven stale: no last use sent. Not deletable: no id. Fresh: used today.
    left = {c.id for c in fake.caches(APP)}
    assert left == {caches[k].id for k in ("use_unknown", "no_id", "fresh_same_key")}
    # The cache without a ref went by its id: by key it would have taken refs/heads/b too.
    deletes = [r for r in fake.stats.log if r.method == "DELETE"]
    assert all("key=" not in r.query for r in deletes)
    assert report.bytes_freed == 2 * 1024  # the cache without a size counts none


async def test_a_key_prefix_never_matches_a_cache_without_a_key(
    gh: AsyncGitHubActions, fake: FakeGitHub, caches: dict[str, FakeCache]
) -> None:
    report = await gh.bulk.prune_caches(repos=[APP], key_prefix="gem", dry_run=True)
    assert report.planned == 0
    everything = await gh.bulk.prune_caches(repos=[APP], max_total_size=0, dry_run=True)
    # Everything but the cache without an id, which nothing could delete.
    assert everything.planned == 5
    assert caches["no_id"].id not in {o.item.id for o in everything.outcomes}


# -- the command line ------------------------------------------------------------------


@pytest.fixture
def served() -> Iterator[FakeGitHub]:
    with FakeGitHub() as server:
        yield server


def test_the_command_line_lists_old_runs_and_caches(
    served: FakeGitHub, old_runs: set[int], old_jobs: set[int]
) -> None:
    history = History(served, old_runs, old_jobs)
    cache = served.add_cache(APP, key="npm-1")
    serve_without(cache, "ref", "size_in_bytes")
    runs = invoke(served, "runs", "list", "--repo", APP)
    assert runs.exit_code == 0, runs.output
    assert str(history.first.id) in runs.stdout
    listed = invoke(served, "caches", "list", "--repo", APP)
    assert listed.exit_code == 0, listed.output
    assert "npm-1" in listed.stdout

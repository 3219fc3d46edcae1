"""Ctrl-C during the command line's deleting commands: the exact partial report, exit 130.

The command runs in the main thread (CliRunner); a helper thread sends it SIGINT once
the fake has seen a few deletes. ``caches prune`` is tested as a real process in
``test_cli_process.py``.
"""

from __future__ import annotations

import json
import os
from collections.abc import Iterator

import pytest
from click.testing import CliRunner, Result

from ghactions_async.cli._app import cli
from ghactions_async.testing import FakeGitHub, days_ago

from .test_bulk_interrupt import ctrl_c_when
from .test_bulk_stop import deletes

APP = "octo/app"
POSIX = pytest.mark.skipif(os.name != "posix", reason="signals as on POSIX")


@pytest.fixture(name="fake")
def slow_fake() -> Iterator[FakeGitHub]:
    with FakeGitHub(latency=0.05) as server:
        yield server


def interrupted(fake: FakeGitHub, *args: str) -> Result:
    """Run ``ghactions ARGS --yes --json`` against ``fake``, with Ctrl-C after 3 deletes."""
    helper = ctrl_c_when(lambda: deletes(fake) >= 3)
    result = CliRunner().invoke(
        cli,
        ["--base-url", fake.url, "--concurrency", "2", *args, "--yes", "--json"],
        env={"GITHUB_TOKEN": fake.token, "GH_TOKEN": None, "GH_HOST": None},
        catch_exceptions=False,
    )
    helper.join()
    return result


def assert_partial(result: Result, *, planned: int, deleted: int) -> None:
    assert result.exit_code == 130, result.output
    report = json.loads(result.stdout)
    assert report["planned"] == planned
    assert report["done"] == deleted
    assert report["done"] + report["not_started"] == planned
    assert report["not_started"] > 0
    assert "Stopped by Ctrl-C" in result.stderr
    assert "Traceback" not in result.output


@POSIX
def test_ctrl_c_stops_artifacts_prune_with_the_exact_report(fake: FakeGitHub) -> None:
    for n in range(60):
        fake.add_artifact(APP, f"logs-{n}", created_at=days_ago(30))

    result = interrupted(fake, "artifacts", "prune", "--repo", APP, "--older-than", "7d")

    assert_partial(result, planned=60, deleted=60 - len(fake.artifacts(APP)))


@POSIX
def test_ctrl_c_stops_runs_prune_with_the_exact_report(fake: FakeGitHub) -> None:
    for _ in range(60):
        fake.add_run(APP, conclusion="failure", created_at=days_ago(30))

    result = interrupted(fake, "runs", "prune", "--repo", APP, "--status", "failure")

    assert_partial(result, planned=60, deleted=60 - len(fake.runs_of(APP)))


@POSIX
def test_ctrl_c_stops_runs_delete_and_says_which_runs_were_deleted(fake: FakeGitHub) -> None:
    ids = [fake.add_run(APP, created_at=days_ago(30)).id for _ in range(60)]

    result = interrupted(fake, "runs", "delete", APP, *map(str, ids))

    assert result.exit_code == 130, result.output
    report = json.loads(result.stdout)
    left = {r.id for r in fake.runs_of(APP)}
    assert set(report["done"]) == set(ids) - left
    assert set(report["not_started"]) == left
    assert report["failed"] == []
    assert len(report["done"]) >= 3
    assert "Stopped by Ctrl-C" in result.stderr

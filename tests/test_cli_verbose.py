"""What the command line shows of the library's own records and of rate-limit waits."""

from __future__ import annotations

import logging
import re
from collections.abc import Iterator

import pytest
from click.testing import CliRunner, Result

from ghactions_async import RateLimitWait
from ghactions_async.cli._app import cli
from ghactions_async.cli._waits import Waits
from ghactions_async.testing import FakeGitHub, Faults, days_ago


@pytest.fixture(autouse=True)
def _library_logger_restored() -> Iterator[None]:
    """``-v`` configures the library's logger, as an application would: undo it after."""
    logger = logging.getLogger("ghactions_async")
    handlers, level = list(logger.handlers), logger.level
    yield
    logger.handlers[:] = handlers
    logger.setLevel(level)


def prune(fake: FakeGitHub, *options: str) -> Result:
    return CliRunner().invoke(
        cli,
        [
            *options,
            *("--base-url", fake.url, "caches", "prune", "--org", "octo"),
            *("--older-than", "7d", "--yes", "--concurrency", "8"),
        ],
        env={"GITHUB_TOKEN": fake.token, "GH_TOKEN": None, "GH_HOST": None},
        catch_exceptions=False,
    )


def fill(fake: FakeGitHub) -> None:
    for repo in range(4):
        for n in range(10):
            fake.add_cache(f"octo/r{repo}", key=f"k{n}", last_accessed_at=days_ago(30))


def test_without_verbose_the_library_shows_no_records() -> None:
    with FakeGitHub(faults=Faults(error_rate=0.3, seed=3)) as fake:
        fill(fake)
        result = prune(fake)
    assert result.exit_code == 0, result.output
    assert "Done: deleted 40 caches" in result.stdout
    assert "retrying" not in result.output
    assert "ghactions_async" not in result.output


def test_verbose_shows_retries_and_the_bulk_summary_on_stderr() -> None:
    with FakeGitHub(faults=Faults(error_rate=0.3, seed=3)) as fake:
        fill(fake)
        result = prune(fake, "-v")
    assert result.exit_code == 0, result.output
    assert "Done: deleted 40 caches" in result.stdout
    assert re.search(r"ghactions_async\.retry: DELETE \S+: attempt 1 ended 502", result.stderr)
    assert "ghactions_async.bulk: prune_caches: 40 planned, 40 done" in result.stderr
    assert "ghactions_async.http" not in result.stderr  # one exchange per line needs -vv


def test_very_verbose_shows_every_exchange() -> None:
    with FakeGitHub() as fake:
        fill(fake)
        result = prune(fake, "-vv")
    assert result.exit_code == 0, result.output
    exchanges = re.findall(r"ghactions_async\.http: DELETE (\S+) 204 in \d+ ms", result.stderr)
    assert len(exchanges) == 40
    assert set(exchanges) == {"/repos/{owner}/{repo}/actions/caches/{cache_id}"}


def test_rate_limit_answers_and_pauses_are_counted_after_the_report() -> None:
    faults = Faults(max_concurrency=1, secondary_retry_after=60, time_scale=0.001)
    with FakeGitHub(faults=faults, latency=0.01) as fake:
        fill(fake)
        result = prune(fake)
    assert result.exit_code == 0, result.output
    assert "Done: deleted 40 caches" in result.stdout
    summary = re.search(
        r"Rate limits: ([\d,]+) rate-limit answers?, paused (\d+) s \(([\d,]+) waits?\)\.",
        result.stdout,
    )
    assert summary is not None, result.stdout
    assert int(summary.group(1)) >= 1


def test_the_time_paused_is_the_stretch_of_time_not_the_sum_of_waits() -> None:
    waits = Waits()
    for _ in range(50):  # fifty requests wait out the same pause
        waits.heard(RateLimitWait(reason="secondary", seconds=40.0, route="DELETE /x"))
    assert waits.count == 50
    assert 40.0 <= waits.paused < 40.5
    assert waits.status().startswith("paused until ")
    assert waits.status().endswith("(secondary limit)")
    waits.limit_answers = 91
    assert waits.summary() == "91 rate-limit answers, paused 40 s (50 waits)"
    assert Waits().summary() == ""

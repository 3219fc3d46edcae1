"""``ghactions demo --ghes RELEASE``: the demo against older GitHub Enterprise Server releases.

Releases before 3.7 cannot list or delete caches, so there the demo says so
and prunes artifacts; from 3.7 on it prunes caches as on github.com.
"""

from __future__ import annotations

import pytest
from click.testing import CliRunner

from ghactions_async.cli._app import cli


def demo(*args: str) -> str:
    result = CliRunner().invoke(cli, ["demo", "--latency", "0", *args], catch_exceptions=False)
    assert result.exit_code == 0, result.output
    return result.stdout


@pytest.mark.parametrize("release", ["3.4", "3.6"])
def test_before_3_7_the_demo_prunes_artifacts(release: str) -> None:
    out = demo("--ghes", release)
    assert f"as GHES {release} (0 ms latency): 1,210 artifacts in 40 repositories" in out
    lacks = f"GHES {release} cannot prune caches: listing and deleting them arrived in GHES 3.7"
    assert lacks in out
    assert "$ ghactions artifacts prune --org octo-org --older-than 7d --dry-run" in out
    assert "Dry run: would delete 904 artifacts" in out
    assert "Done: deleted 904 artifacts" in out
    assert "Left in octo-org: 306 artifacts" in out
    assert "caches" not in out.split("Pruning artifacts instead.")[1]


def test_on_3_19_the_demo_prunes_caches() -> None:
    out = demo("--ghes", "3.19")
    assert "as GHES 3.19 (0 ms latency): 4,101 caches in 40 repositories" in out
    assert "$ ghactions caches usage --org octo-org" in out
    assert "Done: deleted 2,680 caches" in out
    assert "deletes by key removed" in out
    assert "Left in octo-org: 1,421 caches" in out


def test_the_demo_knows_which_releases_there_are() -> None:
    result = CliRunner().invoke(cli, ["demo", "--ghes", "3.3"])
    assert result.exit_code == 2
    assert "'3.3' is not one of '3.4'" in result.output

"""``ghactions`` as a real process: --help, the demo, Ctrl-C during a prune, a real terminal."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from ghactions_async.testing import FakeGitHub, days_ago

APP = "octo/app"
POSIX = pytest.mark.skipif(os.name != "posix", reason="signals and terminals as on POSIX")


def environment(fake: FakeGitHub | None = None) -> dict[str, str]:
    env = {
        k: v
        for k, v in os.environ.items()
        if k
        not in (
            "GITHUB_TOKEN",
            "GH_TOKEN",
            "GH_HOST",
            "GITHUB_API_URL",
            "GH_ENTERPRISE_TOKEN",
            "GITHUB_ENTERPRISE_TOKEN",
        )
    }
    if fake is not None:
        env["GITHUB_TOKEN"] = fake.token
    return env


def ghactions(*args: str) -> list[str]:
    return [sys.executable, "-m", "ghactions_async", *args]


def deletes(fake: FakeGitHub) -> int:
    return sum(1 for r in list(fake.stats.log) if r.method == "DELETE")


def wait_for(condition: object, timeout: float = 30.0) -> None:
    deadline = time.monotonic() + timeout
    while not callable(condition) or not condition():
        if time.monotonic() > deadline:
            raise AssertionError("timed out waiting")
        time.sleep(0.01)


@pytest.fixture
def slow_fake() -> Iterator[FakeGitHub]:
    """200 stale caches, each its own key (one DELETE each), 50 ms a request."""
    with FakeGitHub(latency=0.05) as fake:
        for n in range(200):
            fake.add_cache(APP, key=f"npm-{n:03}", size_in_bytes=1000, last_accessed_at=days_ago(9))
        yield fake


def test_python_dash_m_help_lists_the_commands() -> None:
    result = subprocess.run(
        ghactions("--help"), capture_output=True, text=True, env=environment(), timeout=60
    )

    assert result.returncode == 0, result.stderr
    for command in ("caches", "artifacts", "runs", "workflows", "demo"):
        assert command in result.stdout
    assert "GH_HOST" in result.stdout
    assert "Exit codes" in result.stdout


def test_the_demo_prunes_an_organization_in_under_a_minute() -> None:
    started = time.monotonic()
    result = subprocess.run(
        ghactions("demo"), capture_output=True, text=True, env=environment(), timeout=120
    )
    elapsed = time.monotonic() - started

    assert result.returncode == 0, result.stderr
    out = result.stdout
    assert "in 40 repositories of octo-org (seed 7)" in out
    assert "$ ghactions caches usage --org octo-org" in out
    assert "total (40 repositories)" in out
    assert "Dry run: would delete" in out
    assert "Done: deleted" in out
    assert "Requests per cache deleted:" in out
    assert "deletes by key removed" in out
    assert "Left in octo-org:" in out
    assert "Traceback" not in result.stderr
    assert elapsed < 60


def test_the_demo_is_the_same_for_the_same_seed() -> None:
    def counts() -> list[str]:
        result = subprocess.run(
            ghactions("demo", "--latency", "0"),
            capture_output=True,
            text=True,
            env=environment(),
            timeout=120,
        )
        assert result.returncode == 0, result.stderr
        return [
            line
            for line in result.stdout.splitlines()
            if line.startswith(("Dry run:", "Done:", "Left in"))
        ]

    first = counts()
    assert len(first) == 3
    assert [line.split("(")[0] for line in first] == [line.split("(")[0] for line in counts()]


@POSIX
def test_first_ctrl_c_stops_the_prune_and_prints_the_exact_report(slow_fake: FakeGitHub) -> None:
    process = subprocess.Popen(
        ghactions(
            "--base-url", slow_fake.url, "--concurrency", "2", "caches", "prune", "--repo", APP,
            "--older-than", "7d", "--yes", "--json",
        ),
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env=environment(slow_fake),
    )  # fmt: skip
    wait_for(lambda: deletes(slow_fake) >= 4)
    process.send_signal(signal.SIGINT)
    out, err = process.communicate(timeout=60)

    assert process.returncode == 130, err
    report = json.loads(out)
    assert report["planned"] == 200
    assert report["done"] >= 4
    assert report["not_started"] > 0
    assert report["done"] + report["not_started"] == 200
    assert len(slow_fake.caches(APP)) == 200 - report["done"]
    assert "Stopped by Ctrl-C" in err
    assert "Traceback" not in err


@POSIX
def test_second_ctrl_c_aborts() -> None:
    with FakeGitHub(latency=0.5) as fake:
        for n in range(50):
            fake.add_cache(APP, key=f"npm-{n:03}", last_accessed_at=days_ago(9))
        process = subprocess.Popen(
            ghactions(
                "--base-url", fake.url, "--concurrency", "2", "caches", "prune", "--repo", APP,
                "--older-than", "7d", "--yes", "--json",
            ),
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
            env=environment(fake),
        )  # fmt: skip
        wait_for(lambda: deletes(fake) >= 1)
        process.send_signal(signal.SIGINT)
        time.sleep(0.1)
        process.send_signal(signal.SIGINT)
        out, err = process.communicate(timeout=60)

    assert process.returncode == 130, err
    assert out == ""
    assert "interrupted" in err
    assert "Traceback" not in err


@POSIX
def test_a_real_terminal_is_asked_and_no_keeps_everything() -> None:
    import pty

    with FakeGitHub() as fake:
        fake.add_cache(APP, key="npm-a", last_accessed_at=days_ago(9), size_in_bytes=2_000_000)
        fake.add_cache(APP, key="npm-b", last_accessed_at=days_ago(8), size_in_bytes=1_000_000)

        def prune(answer: bytes) -> subprocess.CompletedProcess[str]:
            controller, terminal = pty.openpty()
            try:
                process = subprocess.Popen(
                    ghactions(
                        "--base-url", fake.url, "caches", "prune", "--repo", APP, "--older-than",
                        "7d",
                    ),
                    stdin=terminal,
                    stdout=subprocess.PIPE,
                    stderr=subprocess.PIPE,
                    text=True,
                    env=environment(fake),
                )  # fmt: skip
                os.write(controller, answer)
                out, err = process.communicate(timeout=60)
            finally:
                os.close(terminal)
                os.close(controller)
            return subprocess.CompletedProcess(process.args, process.returncode, out, err)

        declined = prune(b"n\n")
        kept = len(fake.caches(APP))
        accepted = prune(b"y\n")
        left = len(fake.caches(APP))

    assert declined.returncode == 1, declined.stderr
    assert "Delete 2 caches (3.0 MB) in 1 repository? [y/N]" in declined.stderr
    assert "Nothing was deleted." in declined.stderr
    assert kept == 2
    assert accepted.returncode == 0, accepted.stderr
    assert "Done: deleted 2 caches (3.0 MB)." in accepted.stdout
    assert left == 0


def test_a_file_name_too_long_for_the_disk_is_cut_to_fit(tmp_path: Path) -> None:
    """The server chooses the file name: 300 characters are cut to the 255 bytes disks take."""
    with FakeGitHub() as fake:
        artifact = fake.add_artifact(APP, "x" * 300, files={"a.txt": "a"})
        result = subprocess.run(
            ghactions(
                "--base-url", fake.url, "artifacts", "download", APP, str(artifact.id),
                "--output", str(tmp_path),
            ),
            capture_output=True,
            text=True,
            env=environment(fake),
            timeout=60,
        )  # fmt: skip

    assert result.returncode == 0, result.stderr
    (saved,) = tmp_path.iterdir()
    assert saved.name == "x" * 251 + ".zip"
    assert "Traceback" not in result.stderr

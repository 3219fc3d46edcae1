"""Failures that are not the user's: exit 1, one ``error:`` line, no usage text, no traceback.

Exit 2 stays for the user's own mistakes (``test_cli.py`` checks those); ``--debug``
shows the traceback. Answers GitHub would never send come from aioresponses.
"""

from __future__ import annotations

import re
import socket
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from aioresponses import aioresponses
from click.testing import CliRunner, Result

from ghactions_async.cli._app import cli
from ghactions_async.resources.caches import AsyncCaches
from ghactions_async.testing import FakeGitHub

BASE = "https://ghe.example.com/api/v3"
ANY_URL = re.compile(r".*")


def invoke(*args: str, base_url: str = BASE, token: str = "t0ken") -> Result:
    return CliRunner().invoke(
        cli,
        ["--base-url", base_url, *args],
        env={"GITHUB_TOKEN": token, "GH_TOKEN": None, "GH_HOST": None, "GITHUB_API_URL": None},
        catch_exceptions=False,
    )


def assert_one_error_line(result: Result, *, says: str) -> None:
    assert result.exit_code == 1, result.output
    lines = [line for line in result.stderr.splitlines() if line.strip()]
    assert [line for line in lines if line.startswith("error:")] == lines[:1], lines
    assert len(lines) <= 2, lines
    assert all(line.startswith("hint:") for line in lines[1:]), lines
    assert says in lines[0]
    assert "Usage:" not in result.output
    assert "Traceback" not in result.output


@pytest.fixture
def mocked() -> Iterator[aioresponses]:
    with aioresponses() as mock:
        yield mock


def test_an_answer_that_is_not_json_is_a_failure_not_a_usage_error(mocked: aioresponses) -> None:
    mocked.get(ANY_URL, status=200, body="{broken", content_type="application/json", repeat=True)

    result = invoke("caches", "usage", "--repo", "octo/app")

    assert_one_error_line(result, says="UnexpectedResponse")
    assert "the answer is not valid JSON (the body began '{broken')" in result.stderr


def test_a_server_error_is_one_line(mocked: aioresponses) -> None:
    mocked.post(ANY_URL, status=500, payload={"message": "Server Error"}, repeat=True)

    result = invoke("runs", "rerun", "octo/app", "5")

    assert_one_error_line(result, says="ServerError: 500")


def test_a_refused_connection_is_one_line() -> None:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]  # nothing listens there once the probe is closed

    result = invoke("runs", "rerun", "octo/app", "5", base_url=f"http://127.0.0.1:{port}")

    assert_one_error_line(result, says="TransportError")
    assert "could not connect" in result.stderr


def test_a_download_that_cannot_be_written_is_one_line(tmp_path: Path) -> None:
    missing = tmp_path / "no" / "such" / "directory" / "logs.zip"
    with FakeGitHub() as fake:
        artifact = fake.add_artifact("octo/app", "logs", files={"a.txt": "a"})
        result = invoke(
            "artifacts", "download", "octo/app", str(artifact.id), "--output", str(missing),
            base_url=fake.url, token=fake.token,
        )  # fmt: skip

    assert_one_error_line(result, says="No such file or directory")
    assert not missing.parent.exists()


def test_an_unexpected_error_is_one_line_and_debug_shows_its_traceback(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    async def broken(self: AsyncCaches, *args: Any, **kwargs: Any) -> Any:
        raise KeyError("a bug")

    monkeypatch.setattr(AsyncCaches, "get_usage", broken)

    quiet = invoke("caches", "usage", "--repo", "octo/app")
    debug = invoke("--debug", "caches", "usage", "--repo", "octo/app")

    assert_one_error_line(quiet, says="unexpected KeyError")
    assert "--debug" in quiet.stderr
    assert debug.exit_code == 1
    assert "Traceback (most recent call last)" in debug.stderr
    assert "in broken" in debug.stderr
    assert debug.stderr.rstrip().splitlines()[-1].startswith("error: unexpected KeyError")

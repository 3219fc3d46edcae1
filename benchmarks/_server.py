"""Start FakeGitHub in a process of its own, so its work does not share our interpreter."""

from __future__ import annotations

import json
import subprocess
import sys
from collections.abc import Iterator
from contextlib import contextmanager

from attrs import frozen


@frozen
class Server:
    url: str
    token: str


@contextmanager
def fake_github_process(*args: str) -> Iterator[Server]:
    process = subprocess.Popen(
        [sys.executable, "-m", "ghactions_async.testing", *args],
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert process.stdout is not None
        line = process.stdout.readline()
        if not line:
            raise RuntimeError("FakeGitHub did not start")
        info = json.loads(line)
        yield Server(url=info["url"], token=info["token"])
    finally:
        process.terminate()
        process.wait(timeout=10)

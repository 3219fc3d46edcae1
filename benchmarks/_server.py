"""Start FakeGitHub in a process of its own, so its work does not share our interpreter."""

from __future__ import annotations

import json
import signal
import subprocess
import sys
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from attrs import frozen


@frozen
class Server:
    url: str
    token: str


@contextmanager
def fake_github_process(*args: str, stats: dict[str, Any] | None = None) -> Iterator[Server]:
    """FakeGitHub with ``args``; when it stops, ``stats`` gets what it served (counts)."""
    with tempfile.TemporaryDirectory() as scratch:
        stats_file = Path(scratch) / "stats.json"
        process = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "ghactions_async.testing",
                *args,
                "--stats-file",
                str(stats_file),
            ],
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
            process.send_signal(signal.SIGINT)  # it writes its counts as it stops
            try:
                process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait(timeout=10)
            if stats is not None and stats_file.exists():
                stats.update(json.loads(stats_file.read_text()))

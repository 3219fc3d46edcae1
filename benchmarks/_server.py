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

from ._common import ROOT


@frozen
class Server:
    url: str
    token: str


@contextmanager
def serving(module: str, *args: str, stop: signal.Signals = signal.SIGTERM) -> Iterator[Any]:
    """``python -m module args`` (a server), and the JSON line it prints once it listens;
    on exit it gets ``stop`` and 10 s to end before it is killed."""
    process = subprocess.Popen(
        [sys.executable, "-m", module, *args], stdout=subprocess.PIPE, text=True, cwd=ROOT
    )
    try:
        assert process.stdout is not None
        line = process.stdout.readline()
        if not line:
            raise RuntimeError(f"{module} did not start")
        yield json.loads(line)
    finally:
        process.send_signal(stop)
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait(timeout=10)


@contextmanager
def fake_github_process(*args: str, stats: dict[str, Any] | None = None) -> Iterator[Server]:
    """FakeGitHub with ``args``; when it stops, ``stats`` gets what it served (counts)."""
    with tempfile.TemporaryDirectory() as scratch:
        stats_file = Path(scratch) / "stats.json"
        try:
            # SIGINT: it writes its counts as it stops.
            arguments = (*args, "--stats-file", str(stats_file))
            with serving("ghactions_async.testing", *arguments, stop=signal.SIGINT) as info:
                yield Server(url=info["url"], token=info["token"])
        finally:
            if stats is not None and stats_file.exists():
                stats.update(json.loads(stats_file.read_text()))

"""What every scenario shares: the settings each client gets, timing, and worker processes.

Each client runs each scenario in a process of its own (``python -m
benchmarks.<scenario> --worker CLIENT``), so no client inherits another's
imports, heap or garbage-collector state; FakeGitHub runs in yet another
process (``_server.py``). A worker prints one JSON object as its last line.
"""

from __future__ import annotations

import argparse
import json
import statistics
import subprocess
import sys
import time
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from attrs import define, frozen

ROOT = Path(__file__).resolve().parent.parent

LATENCY = 0.020
"""Seconds FakeGitHub adds to every answer, unless a scenario says otherwise."""

CONCURRENCY = 20
"""Requests in flight, for every client that allows concurrency (ghactions_async's default)."""

CLIENTS = ("ghactions_async", "githubkit", "PyGithub", "gidgethub", "aiohttp")
OTHERS = CLIENTS[1:]
"""The other clients, and raw aiohttp as the floor."""

LABELS = {
    "ghactions_async": "ghactions_async",
    "ghactions_async-sync": "ghactions_async (sync facade)",
    "ghactions_async-byid": "ghactions_async, by id",
    "ghactions_async-nootel": "ghactions_async without opentelemetry-api",
    "ghactions_async-sdk": "ghactions_async with the OpenTelemetry SDK",
    "githubkit": "githubkit",
    "githubkit-nocache": "githubkit, `http_cache=False`",
    "PyGithub": "PyGithub",
    "gidgethub": "gidgethub",
    "aiohttp": "raw aiohttp",
}

Json = dict[str, Any]


@frozen
class Stat:
    """The median of repeated runs with their min and max."""

    values: tuple[float, ...]

    @classmethod
    def of(cls, values: Sequence[float]) -> Stat:
        if not values:
            raise ValueError("no values")
        return cls(tuple(values))

    @property
    def median(self) -> float:
        return statistics.median(self.values)

    @property
    def low(self) -> float:
        return min(self.values)

    @property
    def high(self) -> float:
        return max(self.values)

    def seconds(self) -> str:
        """``1.23 s (1.20-1.31)``."""
        if len(self.values) == 1:
            return f"{self.median:.2f} s"
        return f"{self.median:.2f} s ({self.low:.2f}-{self.high:.2f})"


@define
class Clock:
    """Wall and CPU time of this process over a ``with`` block."""

    wall: float = 0.0
    cpu: float = 0.0

    @contextmanager
    def measure(self) -> Iterator[Clock]:
        wall, cpu = time.perf_counter(), time.process_time()
        try:
            yield self
        finally:
            self.wall = time.perf_counter() - wall
            self.cpu = time.process_time() - cpu


_START = time.perf_counter()


def progress(message: str) -> None:
    """A progress line with the seconds since the run began."""
    print(f"[{time.perf_counter() - _START:6.1f} s] {message}", flush=True)


def run_worker(module: str, client: str, *args: str, timeout: float = 300.0) -> Json:
    """Run one client through one scenario in a fresh interpreter; its last stdout line."""
    command = [sys.executable, "-m", f"benchmarks.{module}", "--worker", client, *args]
    done = subprocess.run(
        command, cwd=ROOT, capture_output=True, text=True, timeout=timeout, check=False
    )
    lines = done.stdout.strip().splitlines()
    if done.returncode != 0 or not lines:
        sys.stderr.write(done.stderr[-4000:])
        raise RuntimeError(f"{' '.join(command[2:])} failed with exit code {done.returncode}")
    result: Json = json.loads(lines[-1])
    return result


def worker_main(
    description: str | None,
    workers: dict[str, Callable[[argparse.Namespace], Json]],
    standalone: Callable[[argparse.Namespace], None],
    configure: Callable[[argparse.ArgumentParser], None] | None = None,
) -> None:
    """``--worker CLIENT`` runs one client and prints JSON; without it, every client, as text."""
    parser = argparse.ArgumentParser(description=description)
    parser.add_argument("--worker", choices=sorted(workers), help=argparse.SUPPRESS)
    parser.add_argument("--repeat", type=int, default=3, help="timed runs per client")
    if configure is not None:
        configure(parser)
    options = parser.parse_args()
    if options.worker is None:
        standalone(options)
        return
    print(json.dumps(workers[options.worker](options)), flush=True)


@frozen
class SummaryRow:
    """One row of the main table: a scenario, its bound, each client's cell, the comparison."""

    scenario: str
    bound: str
    cells: dict[str, str]
    versus_best_other: str


@frozen
class Section:
    """What one scenario contributes to results.md and the chart."""

    title: str
    lines: list[str]
    summary: list[SummaryRow]
    chart: dict[str, dict[str, float]]
    """Chart panel name -> client -> value (the median)."""


def ratio(value: float, bound: float) -> str:
    return f"{value / bound:.2f}x" if bound > 0 else "n/a"


def best_other(values: dict[str, float]) -> tuple[str, float]:
    """The lowest value among the other clients (githubkit, PyGithub, gidgethub, as shipped)."""
    others = {k: v for k, v in values.items() if k in ("githubkit", "PyGithub", "gidgethub")}
    name = min(others, key=lambda k: others[k])
    return name, others[name]


def versus(
    mine: float, name: str, theirs: float, *, better: str = "faster", worse: str = "slower"
) -> str:
    """``2.10x faster than githubkit`` (or slower), for lower-is-better numbers."""
    label = LABELS[name]
    if mine <= theirs:
        return f"{theirs / mine:.2f}x {better} than {label}"
    return f"{mine / theirs:.2f}x {worse} than {label}"

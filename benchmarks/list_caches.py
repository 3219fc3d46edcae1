"""List 10,000 caches (100 pages of 100) from FakeGitHub with 20 ms latency.

Reports the wall time as a ratio to the ideal, latency x (1 + 99 / concurrency):
one round trip for page 1, then the other 99 pages as fast as ``concurrency``
requests in flight allow. For comparison it also lists the same caches one page
at a time, the way a plain ``Link: rel="next"`` loop does, with raw aiohttp (no
models) and with this client held to ``max_concurrency=1``. Also reports the
time ``import ghactions_async`` takes in a fresh interpreter.

    python benchmarks/list_caches.py [--repeat 5]
"""

from __future__ import annotations

import argparse
import asyncio
import statistics
import subprocess
import sys
import time
from collections.abc import Callable, Coroutine
from functools import partial
from typing import Any

import aiohttp

from ghactions_async import AsyncGitHubActions

from ._server import Server, fake_github_process

LATENCY = 0.020
ITEMS = 10_000
PER_PAGE = 100
PAGES = ITEMS // PER_PAGE


async def with_client(server: Server, concurrency: int) -> int:
    async with AsyncGitHubActions(
        server.token, base_url=server.url, max_concurrency=concurrency
    ) as gh:
        return len(await gh.caches.list("octo", "app").collect())


async def raw_link_loop(server: Server) -> int:
    """The baseline most scripts use: follow rel="next", one page at a time, no models."""
    headers = {"Authorization": f"Bearer {server.token}", "Accept": "application/vnd.github+json"}
    url: str | None = f"{server.url}/repos/octo/app/actions/caches?per_page={PER_PAGE}"
    count = 0
    async with aiohttp.ClientSession(headers=headers) as session:
        while url:
            async with session.get(url) as response:
                count += len((await response.json())["actions_caches"])
                next_link = response.links.get("next")
                url = str(next_link["url"]) if next_link else None
    return count


def timed(run: Callable[[], Coroutine[Any, Any, int]], repeat: int) -> list[float]:
    times = []
    for _ in range(repeat):
        started = time.perf_counter()
        count = asyncio.run(run())
        times.append(time.perf_counter() - started)
        assert count == ITEMS, count
    return times


def import_time(repeat: int) -> tuple[float, float]:
    """Median seconds for ``import ghactions_async`` and for an empty interpreter."""

    def median_of(code: str) -> float:
        samples = []
        for _ in range(repeat):
            started = time.perf_counter()
            subprocess.run([sys.executable, "-c", code], check=True)
            samples.append(time.perf_counter() - started)
        return statistics.median(samples)

    return median_of("import ghactions_async"), median_of("pass")


def row(label: str, times: list[float], ideal: float) -> str:
    median = statistics.median(times)
    return (
        f"| {label} | {median:.3f} | {min(times):.3f} | {max(times):.3f} | {median / ideal:.2f} |"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--repeat", type=int, default=5)
    options = parser.parse_args()
    lines = [
        f"List {ITEMS:,} caches ({PAGES} pages), {LATENCY * 1000:.0f} ms latency, "
        f"median of {options.repeat} runs; ratio = median / ideal",
        "",
        "| client | median s | min s | max s | ratio to its ideal |",
        "| --- | ---: | ---: | ---: | ---: |",
    ]
    medians = {}
    with fake_github_process("--latency", str(LATENCY), "--caches", f"octo/app={ITEMS}") as server:
        asyncio.run(with_client(server, 20))  # warm the server's caches and the OS
        for concurrency in (10, 20, 50):
            ideal = LATENCY * (1 + (PAGES - 1) / concurrency)
            times = timed(partial(with_client, server, concurrency), options.repeat)
            medians[concurrency] = statistics.median(times)
            lines.append(
                row(
                    f"ghactions_async, max_concurrency={concurrency} (ideal {ideal:.3f} s)",
                    times,
                    ideal,
                )
            )
        sequential_ideal = LATENCY * PAGES
        one = timed(lambda: with_client(server, 1), options.repeat)
        raw = timed(lambda: raw_link_loop(server), options.repeat)
        lines.append(
            row(
                f"ghactions_async, max_concurrency=1 (ideal {sequential_ideal:.3f} s)",
                one,
                sequential_ideal,
            )
        )
        lines.append(
            row(
                f"raw aiohttp Link loop, one page at a time (ideal {sequential_ideal:.3f} s)",
                raw,
                sequential_ideal,
            )
        )
    lines += [
        "",
        f"Speed-up of the default (20 in flight) over the one-page-at-a-time raw loop: "
        f"{statistics.median(raw) / medians[20]:.1f}x",
    ]
    imported, empty = import_time(7)
    lines.append(
        f"`import ghactions_async`: {(imported - empty) * 1000:.0f} ms over an empty "
        f"interpreter ({imported * 1000:.0f} ms vs {empty * 1000:.0f} ms, median of 7)"
    )
    print("\n".join(lines))


if __name__ == "__main__":
    main()

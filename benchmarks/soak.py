"""The soak: one client, a million mixed requests, and what it holds over time.

A service keeps one client for weeks; this checks that such a client does
not grow. One ``AsyncGitHubActions`` acting as a GitHub App installation
(its token renewed every scaled hour: the fake's and the client's clocks run
``--scale`` times faster than the wall clock) sends ``--requests`` HTTP
requests with ``--workers`` in flight against FakeGitHub in a process of its
own, without latency. The mix, per ten operations: four reads (cache usage,
with the conditional cache on, so most come back 304), one page-numbered
listing (three pages), one cursor listing (three pages), two deletes by id,
one delete of a missing id (404) and one usage read of the listed
repository; 1% of all answers are 502 and retried. Every few seconds it
samples the process's resident memory, open sockets, asyncio tasks, the
governor's and the conditional cache's state; it writes a table and a plot
into ``benchmarks/results.md`` (between the ``soak`` markers, leaving the
rest of the file as it is) and ``benchmarks/soak.png``.

    python -m benchmarks.soak [--requests 1000000] [--workers 64] [--scale 60]

It is not part of ``python -m benchmarks`` (it takes minutes on its own);
``make bench`` keeps its section when it rewrites results.md.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import platform
import time
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from datetime import datetime, timezone
from pathlib import Path
from typing import Any

from attrs import define

from ._common import ROOT, progress
from ._report import SOAK_END as END
from ._report import SOAK_START as START
from ._server import serving
from ._soak_server import CURSOR, DELETE, LIST, ORG, READ, ScaledClock

RESULTS = ROOT / "benchmarks" / "results.md"
PLOT = ROOT / "benchmarks" / "soak.png"
RAW = ROOT / "benchmarks" / "out" / "soak.json"
TOKEN_PATH = "/access_tokens"
"""Where an installation token is renewed (``POST /app/installations/{id}/access_tokens``)."""
WARM_UP = 0.1
"""The share of the requests after which memory is taken as warmed up."""


@define
class Sample:
    seconds: float
    requests: int
    rss_mb: float
    sockets: int
    tasks: int
    in_flight: int
    governor_routes: int
    governor_points: int
    cache_entries: int
    cache_mb: float
    renewals: int


def rss_mb() -> float:
    with open("/proc/self/statm") as statm:
        return int(statm.read().split()[1]) * os.sysconf("SC_PAGE_SIZE") / 1e6


def open_sockets() -> int:
    count = 0
    for fd in os.listdir("/proc/self/fd"):
        with suppress(OSError):
            count += os.readlink(f"/proc/self/fd/{fd}").startswith("socket:")
    return count


@contextmanager
def soak_server(t0: float, scale: float, deletes: int) -> Iterator[dict[str, Any]]:
    arguments = ("--t0", str(t0), "--scale", str(scale), "--deletes", str(deletes))
    with serving("benchmarks._soak_server", *arguments) as info:
        yield dict(info)


async def soak(options: argparse.Namespace, server: dict[str, Any], t0: float) -> list[Sample]:
    from ghactions_async import AppAuth, AsyncGitHubActions, Hooks, NotFound, ResponseEvent

    attempts = renewals = 0

    def count(event: ResponseEvent) -> None:
        nonlocal attempts, renewals
        attempts += 1
        renewals += event.url.endswith(TOKEN_PATH) and event.status == 201

    clock = ScaledClock(t0, options.scale)
    app = AsyncGitHubActions(
        auth=AppAuth(server["app_id"], server["private_key"], clock=clock),
        base_url=server["url"],
        clock=clock,
        max_concurrency=options.workers,
        retry=3,
        cache=True,
        hooks=Hooks(on_response=count),
    )
    gh = app.for_installation(server["installation_id"])
    owner = ORG
    read, listed, deleted, cursor = (name.split("/")[1] for name in (READ, LIST, DELETE, CURSOR))
    next_id = server["first_id"]
    missing = server["last_id"] + 1_000_000
    operations = 0

    async def one(step: int) -> None:
        nonlocal next_id
        kind = step % 10
        if kind in (0, 1, 2, 3):
            await gh.caches.get_usage(owner, read)
        elif kind == 4:
            await gh.caches.list(owner, listed).collect()
        elif kind == 5:
            await gh.concurrency_groups.list(owner, cursor, per_page=2).collect()
        elif kind in (6, 7) and next_id <= server["last_id"]:
            cache_id, next_id = next_id, next_id + 1
            await gh.caches.delete(owner, deleted, cache_id)
        elif kind == 8:
            with suppress(NotFound):
                await gh.caches.delete(owner, deleted, missing)
        else:
            await gh.caches.get_usage(owner, listed)

    async def worker() -> None:
        nonlocal operations
        while attempts < options.requests:
            step, operations = operations, operations + 1
            await one(step)

    samples: list[Sample] = []
    started = time.perf_counter()

    def sample() -> Sample:
        governor = gh._requester.governor  # measurement only: the state's sizes
        windows = dict(governor._windows) if governor is not None else {}
        cache = gh.cache
        return Sample(
            seconds=time.perf_counter() - started,
            requests=attempts,
            rss_mb=rss_mb(),
            sockets=open_sockets(),
            tasks=len(asyncio.all_tasks()),
            in_flight=gh._requester.in_flight,
            governor_routes=len(windows),
            governor_points=sum(len(w.spent) for w in windows.values()),
            cache_entries=len(cache) if cache is not None else 0,
            cache_mb=(cache.size_in_bytes if cache is not None else 0) / 1e6,
            renewals=renewals,
        )

    async def sampler() -> None:
        while True:
            samples.append(sample())
            last = samples[-1]
            progress(
                f"  {last.requests:>9,} requests, {last.seconds:6.0f} s, "
                f"RSS {last.rss_mb:6.1f} MB, {last.sockets} sockets, {last.tasks} tasks, "
                f"{last.renewals} token renewals"
            )
            await asyncio.sleep(options.every)

    async with app, gh:
        watching = asyncio.create_task(sampler())
        await asyncio.gather(*(worker() for _ in range(options.workers)))
        watching.cancel()
        await asyncio.gather(watching, return_exceptions=True)
        samples.append(sample())
    return samples


def summary(samples: list[Sample], requests: int) -> dict[str, Any]:
    warm = next(s for s in samples if s.requests >= WARM_UP * requests)
    after = [s for s in samples if s.requests >= warm.requests]
    return {
        "warm_rss_mb": warm.rss_mb,
        "final_rss_mb": samples[-1].rss_mb,
        "growth_mb": samples[-1].rss_mb - warm.rss_mb,
        "max_growth_mb": max(s.rss_mb for s in after) - warm.rss_mb,
        "max_sockets": max(s.sockets for s in samples),
        "max_tasks": max(s.tasks for s in samples),
        "max_governor_routes": max(s.governor_routes for s in samples),
        "max_governor_points": max(s.governor_points for s in samples),
        "max_cache_entries": max(s.cache_entries for s in samples),
        "renewals": samples[-1].renewals,
        "seconds": samples[-1].seconds,
        "load": os.getloadavg()[0],
        "requests": samples[-1].requests,
    }


def section(samples: list[Sample], options: argparse.Namespace) -> list[str]:
    facts = summary(samples, options.requests)
    rows = thin(samples, 12)
    verdict = "under" if facts["max_growth_mb"] < 5 else "**over**"
    lines = [
        START,
        "## Soak: one client, a million requests",
        "",
        f"Written by `python -m benchmarks.soak` on {datetime.now(timezone.utc):%Y-%m-%d %H:%M}"
        f" UTC (Python {platform.python_version()}, {os.cpu_count()} cores); not part of "
        "`make bench`, which keeps this section. One `AsyncGitHubActions` acting as a GitHub "
        f"App installation sent {facts['requests']:,} HTTP requests with {options.workers} in "
        f"flight in {facts['seconds'] / 60:.1f} minutes to FakeGitHub (its own process, no "
        "latency): per ten operations four cache-usage reads (conditional cache on), one "
        "page-numbered listing of three pages, one cursor listing of three pages, two deletes, "
        "one delete of a missing id (404) and one more read; 1% of answers were 502 and "
        f"retried. Both clocks ran {options.scale:g} times faster than the wall clock, so the "
        f"installation token was renewed {facts['renewals']} times (every scaled hour, five "
        "minutes before it expired).",
        "",
        f"Resident memory after warm-up ({WARM_UP:.0%} of the requests): "
        f"{facts['warm_rss_mb']:.1f} MB; at the end {facts['final_rss_mb']:.1f} MB "
        f"(growth {facts['growth_mb']:+.1f} MB, at most {facts['max_growth_mb']:+.1f} MB: "
        f"{verdict} the 5 MB goal). At most {facts['max_sockets']} sockets open (the pool holds "
        f"up to {max(100, options.workers)} connections) and {facts['max_tasks']} asyncio tasks "
        f"({options.workers} workers, the sampler, the main task and the page fetches "
        "running ahead of their listings); the governor kept "
        f"{facts['max_governor_routes']} endpoint windows (a server other than api.github.com "
        "gets the `ghes` limits: no points budget, so no windows; under `github.com` there is "
        f"one per endpoint), the conditional cache at most {facts['max_cache_entries']} "
        f"entries. The 1-minute load average at the end was {facts['load']:.1f} (the machine "
        "was shared with other work, which is what the wall time measures too).",
        "",
        "| seconds | requests | RSS MB | sockets | tasks | in flight | governor routes "
        "| governor points | cache entries | cache MB | token renewals |",
        "| ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |",
    ]
    for s in rows:
        lines.append(
            f"| {s.seconds:.0f} | {s.requests:,} | {s.rss_mb:.1f} | {s.sockets} | {s.tasks} | "
            f"{s.in_flight} | {s.governor_routes} | {s.governor_points} | {s.cache_entries} | "
            f"{s.cache_mb:.3f} | {s.renewals} |"
        )
    lines += ["", f"![resident memory, sockets and tasks over the soak]({PLOT.name})", END]
    return lines


def thin(samples: list[Sample], count: int) -> list[Sample]:
    if len(samples) <= count:
        return samples
    step = (len(samples) - 1) / (count - 1)
    return [samples[round(i * step)] for i in range(count)]


def plot(samples: list[Sample], path: Path) -> None:
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    figure, (memory, counts) = plt.subplots(2, 1, figsize=(8, 6), sharex=True)
    x = [s.requests / 1e6 for s in samples]
    memory.plot(x, [s.rss_mb for s in samples], label="resident memory (MB)")
    memory.set_ylabel("MB")
    memory.legend(loc="lower right")
    memory.set_title("One client over the soak")
    counts.plot(x, [s.sockets for s in samples], label="open sockets")
    counts.plot(x, [s.tasks for s in samples], label="asyncio tasks")
    counts.plot(x, [s.cache_entries for s in samples], label="cache entries")
    counts.plot(x, [s.governor_routes for s in samples], label="governor routes")
    counts.set_xlabel("requests (millions)")
    counts.legend(loc="center right")
    figure.tight_layout()
    figure.savefig(path, dpi=100)
    plt.close(figure)


def write_section(lines: list[str], results: Path = RESULTS) -> None:
    """Replace the soak section of results.md, or add it at the end; the rest stays."""
    text = results.read_text() if results.exists() else ""
    if START in text and END in text:
        head, _, rest = text.partition(START)
        _, _, tail = rest.partition(END)
        text = head + "\n".join(lines) + tail
    else:
        text = text.rstrip("\n") + "\n\n" + "\n".join(lines) + "\n"
    results.write_text(text)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--requests", type=int, default=1_000_000)
    parser.add_argument("--workers", type=int, default=64)
    parser.add_argument("--scale", type=float, default=60.0, help="clock speed-up")
    parser.add_argument("--every", type=float, default=5.0, help="seconds between samples")
    parser.add_argument("--no-write", action="store_true", help="print, write no file")
    options = parser.parse_args()
    t0 = time.time()
    deletes = options.requests // 10 * 2 + 1000
    progress(f"soak: {options.requests:,} requests, {options.workers} in flight")
    with soak_server(t0, options.scale, deletes) as server:
        samples = asyncio.run(soak(options, server, t0))
    lines = section(samples, options)
    print("\n".join(lines))
    if options.no_write:
        return
    RAW.parent.mkdir(exist_ok=True)
    RAW.write_text(json.dumps(_rows(samples)))
    write_section(lines)
    try:
        plot(samples, PLOT)
    except ImportError:
        progress("matplotlib is not installed (the bench extra): no plot")
    progress(f"wrote {RESULTS} and {PLOT}")


def _rows(samples: list[Sample]) -> list[dict[str, Any]]:
    from attrs import asdict

    return [asdict(s) for s in samples]


if __name__ == "__main__":
    main()

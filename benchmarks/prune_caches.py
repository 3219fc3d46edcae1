"""Prune 20 repositories x 150 caches from FakeGitHub (own process, 20 ms latency).

Half the caches are stale (not used for 75 minutes); caches come in pairs that
share a key on two branches, so whole keys can go in one request. Reported:

- wall time as a ratio to the ideal, requests x latency / concurrency: what
  the requests the prune needed would take if ``concurrency`` of them were
  always in flight (goal <= 1.15), with the listing and deleting phases apart;
- requests sent per cache deleted (listing included).

The client makes one request first, so its one-time start-up (creating the
session, loading TLS defaults, compiling the models' converters) is reported
apart rather than charged to the prune.

    python -m benchmarks.prune_caches [--repeat 3] [--latency 0.02]
"""

from __future__ import annotations

import argparse
import asyncio
import statistics
import time
from datetime import timedelta

from attrs import frozen

from ghactions_async import AsyncGitHubActions, BulkProgress, BulkReport

from ._server import fake_github_process

REPOS = 20
CACHES = 150
CONCURRENCY = 20


@frozen
class Run:
    report: BulkReport
    warm_up: float
    planning: float  # from the start to the first progress report (the plan is complete)


async def prune(url: str, token: str) -> Run:
    async with AsyncGitHubActions(token, base_url=url, max_concurrency=CONCURRENCY) as gh:
        started = time.perf_counter()
        await gh.caches.list("octo", "repo-00").collect(limit=1)
        warm_up = time.perf_counter() - started
        planned: list[float] = []
        started = time.perf_counter()

        def note(progress: BulkProgress) -> None:
            if not planned:
                planned.append(time.perf_counter() - started)

        report = await gh.bulk.prune_caches(
            org="octo", older_than=timedelta(minutes=75), on_progress=note
        )
        return Run(report, warm_up, planned[0])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--latency", type=float, default=0.020, help="seconds per answer")
    options = parser.parse_args()
    latency = options.latency
    runs = []
    for _ in range(options.repeat):  # a fresh fake each time: the prune changes it
        fill = [arg for r in range(REPOS) for arg in ("--caches", f"octo/repo-{r:02d}={CACHES}")]
        with fake_github_process("--latency", str(latency), "--share-keys", "2", *fill) as server:
            runs.append(asyncio.run(prune(server.url, server.token)))
    report = runs[-1].report
    assert report.failed == 0, report.summary()
    deletes = report.requests - (1 + 2 * REPOS)  # the usage page and two pages per repository
    ideal = report.requests * latency / CONCURRENCY

    def median(values: list[float]) -> str:
        return f"{statistics.median(values):.3f} s (min {min(values):.3f}, max {max(values):.3f})"

    walls = [r.report.elapsed for r in runs]
    listing = [r.planning for r in runs]
    deleting = [r.report.elapsed - r.planning for r in runs]
    ratio = statistics.median(walls) / ideal
    print(
        f"prune {REPOS} repositories x {CACHES} caches, {latency * 1000:.0f} ms latency, "
        f"concurrency {CONCURRENCY}, median of {options.repeat}\n"
        f"deleted {report.deleted} caches ({report.bytes_freed:,} bytes) with "
        f"{report.requests} requests: {report.requests - deletes} to list, {deletes} to delete\n"
        f"wall {median(walls)}; ideal {ideal:.3f} s; ratio {ratio:.2f}\n"
        f"  listing and planning {median(listing)}, ideal "
        f"{(report.requests - deletes) * latency / CONCURRENCY:.3f} s\n"
        f"  deleting {median(deleting)}, ideal {deletes * latency / CONCURRENCY:.3f} s, ratio "
        f"{statistics.median(deleting) / (deletes * latency / CONCURRENCY):.2f}\n"
        f"requests per cache deleted: {report.requests / report.deleted:.3f}\n"
        f"(the client's one-time start-up before it, not counted: "
        f"{statistics.median([r.warm_up for r in runs]) * 1000:.0f} ms)"
    )


if __name__ == "__main__":
    main()

"""Three processes on one token prune six repositories under GitHub's limits, shared or not.

FakeGitHub (its own process, 20 ms latency) enforces the github.com limits on
a scaled clock, as in ``governed_deletes``: a minute lasts one second, each
endpoint has 900 points a minute, a delete costs 5, so 180 deletes a minute
for the token, however many processes spend it. Six repositories of 400
caches, in pairs that share a key; three processes start together (each
warms up, then waits for the word), each pruning two repositories of the
caches not used for 40 minutes: 180 keys per repository, one delete request
a key, 1,080 in all (six minutes' budget). Each runs ghactions_async with the github.com preset
scaled the same way (``RateLimits(window=1.0, margin=1/60,
secondary_floor=1.0)``, 20 in flight):

- not shared: each process's governor keeps to the whole budget on its own;
- shared: ``shared_limits="redis://..."``, a redis-server of its own.

Reported: the limit answers the three received, the caches deleted, failed
deletes, the wall time from the first start to the last end, and the pace as
a fraction of the budget's (no minute may hold more than 180 deletes, so the
N-th can go no earlier than floor((N - 1) / 180) minutes after the first;
that over the wall, listing included; 1.00 at best). Also the client CPU per
DELETE with and without sharing (one process deleting 500 caches by id,
without limits to wait for): the cost of the two Redis round trips.

    python -m benchmarks.shared_limits [--repeat 3]
"""

from __future__ import annotations

import argparse
import asyncio
import json
import subprocess
import sys
import time
from collections.abc import Callable
from datetime import timedelta

from . import _prunes as prunes
from ._common import (
    CONCURRENCY,
    ROOT,
    Clock,
    Json,
    Section,
    Stat,
    SummaryRow,
    progress,
    run_worker,
    worker_main,
)
from ._redis import redis_server
from ._server import Server, fake_github_process
from .cpu_per_request import DELETES as CPU_DELETES
from .cpu_per_request import cache_batches
from .governed_deletes import MINUTE, PER_MINUTE, POINTS, SCALE, fraction_of_budget

OWNER = "octo"
REPOS = [f"{OWNER}/shared-{r}" for r in range(6)]
PROCESSES = 3
CACHES = 400
OLDER_THAN = timedelta(minutes=40)
DELETES = len(REPOS) * 180  # 360 stale caches a repository, a key for each pair
LIST_PAGES = -(-CACHES // 100)
MODES = ("alone", "shared")
NAMES = {"alone": "not shared (each process alone)", "shared": "shared through Redis"}


# -- one worker process -------------------------------------------------------------


def configure(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--server-url", help=argparse.SUPPRESS)
    parser.add_argument("--token", help=argparse.SUPPRESS)
    parser.add_argument("--repos", help=argparse.SUPPRESS)
    parser.add_argument("--redis", help=argparse.SUPPRESS)


async def prune(options: argparse.Namespace) -> Json:
    """One of the three: warm up, say ready, wait for "go" on stdin, prune, report."""
    from ghactions_async import AsyncGitHubActions, RateLimits

    limits = RateLimits(window=MINUTE, margin=MINUTE / 60, secondary_floor=MINUTE)
    repos = options.repos.split(",")
    async with AsyncGitHubActions(
        options.token,
        base_url=options.server_url,
        max_concurrency=CONCURRENCY,
        limits=limits,
        shared_limits=options.redis,
    ) as gh:
        owner, name = repos[0].split("/")
        await gh.caches.list(owner, name, per_page=1).collect(limit=1)
        bulk = gh.bulk
        print(json.dumps({"ready": True}), flush=True)
        sys.stdin.readline()
        clock = Clock()
        start = time.time()
        with clock.measure():
            report = await bulk.prune_caches(repos=repos, older_than=OLDER_THAN)
        assert gh.throttle is not None
        return {
            "start": start,
            "end": time.time(),
            "cpu": clock.cpu,
            "deletes": report.requests - LIST_PAGES * len(repos),
            "deleted": report.deleted,
            "failed": report.failed,
            "limit_answers": gh.throttle.limit_answers,
        }


def prune_worker(options: argparse.Namespace) -> Json:
    return asyncio.run(prune(options))


def three_processes(server: Server, redis: str | None) -> Json:
    """Start the three together; the sums of their counts, and the wall from first to last."""
    workers = []
    for index in range(PROCESSES):
        command = [
            sys.executable, "-m", "benchmarks.shared_limits", "--worker", "prune",
            "--server-url", server.url, "--token", server.token,
            "--repos", ",".join(REPOS[index::PROCESSES]),
        ]  # fmt: skip
        if redis is not None:
            command += ["--redis", redis]
        workers.append(
            subprocess.Popen(
                command, cwd=ROOT, stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True
            )
        )
    try:
        for worker in workers:
            assert worker.stdout is not None
            if not worker.stdout.readline():
                raise RuntimeError("a prune worker did not start")
        for worker in workers:
            assert worker.stdin is not None
            worker.stdin.write("go\n")
            worker.stdin.flush()
        results = []
        for worker in workers:
            out, _ = worker.communicate(timeout=300)
            if worker.returncode != 0:
                raise RuntimeError(f"a prune worker failed with exit code {worker.returncode}")
            results.append(json.loads(out.strip().splitlines()[-1]))
    finally:
        for worker in workers:
            if worker.poll() is None:
                worker.kill()
                worker.wait()
    total: Json = {
        key: sum(r[key] for r in results)
        for key in ("deletes", "deleted", "failed", "limit_answers", "cpu")
    }
    total["wall"] = max(r["end"] for r in results) - min(r["start"] for r in results)
    return total


def fill() -> list[str]:
    limits = ("--points-per-minute", str(POINTS), "--max-concurrency", "100")
    scaled = ("--time-scale", repr(SCALE))
    return prunes.fill(*limits, *scaled, repos=REPOS, caches=CACHES, rate_limiting=True)


# -- the CPU the two round trips cost -----------------------------------------------------


def cpu_worker(shared: bool) -> Callable[[argparse.Namespace], Json]:
    def run(options: argparse.Namespace) -> Json:
        with cache_batches(options.repeat) as (server, batches):
            redis = options.redis if shared else None
            cpus = asyncio.run(delete_batches(server, batches, redis))
        return {"cpu_per_delete": [cpu / CPU_DELETES for cpu in cpus]}

    return run


async def delete_batches(
    server: Server, batches: list[list[int]], redis: str | None
) -> list[float]:
    from ghactions_async import AsyncGitHubActions, RateLimits

    from .cpu_per_request import OWNER as CPU_OWNER
    from .cpu_per_request import REPO

    cpus = []
    # A budget too large to wait for: the governor does its usual work, Redis its scripts.
    limits = RateLimits(points_per_minute=10**9)
    async with AsyncGitHubActions(
        server.token,
        base_url=server.url,
        max_concurrency=CONCURRENCY,
        limits=limits,
        shared_limits=redis,
    ) as gh:
        await gh.caches.list(CPU_OWNER, REPO, per_page=1).collect(limit=1)
        for batch in batches:
            with Clock().measure() as clock:
                await asyncio.gather(*(gh.caches.delete(CPU_OWNER, REPO, i) for i in batch))
            cpus.append(clock.cpu)
    return cpus


# -- measuring and reporting ------------------------------------------------------------


def measure(repeat: int) -> Json:
    results: Json = {mode: [] for mode in MODES}
    with redis_server() as url:
        for mode in MODES:
            progress(f"three processes on one token, {NAMES[mode]} x {repeat}")
            for _ in range(repeat):
                with fake_github_process(*fill()) as server:
                    results[mode].append(three_processes(server, url if mode == "shared" else None))
            runs = results[mode]
            progress(
                f"  median {Stat.of([r['wall'] for r in runs]).median:.2f} s, "
                f"{sum(r['limit_answers'] for r in runs)} limit answers"
            )
        for mode in MODES:
            progress(f"CPU per DELETE, {NAMES[mode]} x {repeat}")
            results[f"cpu-{mode}"] = run_worker(
                "shared_limits", f"cpu-{mode}", "--repeat", str(repeat), "--redis", url
            )
    return results


def section(results: Json) -> Section:
    lines = [
        f"Three processes on one token, {DELETES:,} delete requests in all, against FakeGitHub "
        f"enforcing {POINTS} points per endpoint per minute ({PER_MINUTE} deletes a minute for "
        f"the token) and 100 requests in flight, a minute scaled to {MINUTE:.0f} s. Each "
        f"process runs ghactions_async with the github.com preset scaled alike, "
        f"{CONCURRENCY} in flight. Wall: from the first process's start to the last one's "
        f"end. Fraction of budget: floor((N - 1) / {PER_MINUTE}) minutes for N delete "
        f"requests, over the wall; 1.00 is the budget used to the full.",
        "",
        "| budget | delete requests | caches deleted | failed | limit answers "
        "| wall, median (min-max) | fraction of budget |",
        "| --- | ---: | ---: | ---: | ---: | ---: | ---: |",
    ]
    cells: dict[str, str] = {}
    for mode in MODES:
        runs = results[mode]
        wall = Stat.of([r["wall"] for r in runs])
        fraction = Stat.of([fraction_of_budget(r["deletes"], r["wall"]) for r in runs])
        answers = Stat.of([r["limit_answers"] for r in runs])
        lines.append(
            f"| {NAMES[mode]} | {Stat.of([r['deletes'] for r in runs]).median:,.0f} | "
            f"{Stat.of([r['deleted'] for r in runs]).median:,.0f} | "
            f"{Stat.of([r['failed'] for r in runs]).median:,.0f} | "
            f"{answers.median:,.0f} ({answers.low:,.0f}-{answers.high:,.0f}) | {wall.seconds()} | "
            f"{fraction.median:.2f} ({fraction.low:.2f}-{fraction.high:.2f}) |"
        )
        cells[mode] = f"{fraction.median:.2f} of budget, {answers.median:,.0f} limit answers"
    cpu = {m: Stat.of([v * 1e6 for v in results[f"cpu-{m}"]["cpu_per_delete"]]) for m in MODES}
    extra = cpu["shared"].median - cpu["alone"].median
    lines += [
        "",
        f"Client CPU per DELETE ({CPU_DELETES} deletes by id, {CONCURRENCY} in flight, no "
        f"limit to wait for): {cpu['alone'].median:.0f} us alone "
        f"({cpu['alone'].low:.0f}-{cpu['alone'].high:.0f}), {cpu['shared'].median:.0f} us "
        f"shared ({cpu['shared'].low:.0f}-{cpu['shared'].high:.0f}): {extra:+.0f} us for the "
        f"two Redis round trips (redis-py's asyncio client; Redis's own CPU not counted).",
    ]
    summary = SummaryRow(
        scenario="three processes on one token, github.com limits (time-scaled)",
        bound=f"1.00 of budget ({PER_MINUTE} deletes/min for the token), 0 limit answers",
        cells={"ghactions_async": f"shared: {cells['shared']}; not shared: {cells['alone']}"},
        versus_best_other="n/a: the other clients share nothing across processes",
    )
    return Section(
        title="Three processes, one token: shared limits", lines=lines, summary=[summary], chart={}
    )


def standalone(options: argparse.Namespace) -> None:
    print("\n".join(section(measure(options.repeat)).lines))


def main() -> None:
    workers = {
        "prune": prune_worker,
        "cpu-alone": cpu_worker(shared=False),
        "cpu-shared": cpu_worker(shared=True),
    }
    worker_main(__doc__, workers, standalone, configure)


if __name__ == "__main__":
    main()

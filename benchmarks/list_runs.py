"""List 20,000 workflow runs of one repository (200 pages of 100), 20 ms latency.

Each client lists them the way its documentation shows, and the loop only
counts the runs (nothing is kept):

- ghactions_async: ``async for run in gh.runs.list(owner, repo, per_page=100)``;
  after page 1 the paginator fetches the other pages with 20 in flight;
- githubkit: ``github.rest.paginate(github.rest.actions.async_list_workflow_runs_for_repo,
  ...)``, which follows ``Link: rel="next"`` one page at a time;
- PyGithub: ``repo.get_workflow_runs()``, a ``PaginatedList`` (one page at a time);
- gidgethub: ``gh.getiter(url, iterable_key="workflow_runs")`` (one page at a time);
- raw aiohttp, the floor: page 1, then pages 2-200 with 20 in flight, each
  body parsed with ``json.loads`` and nothing more.

Ideal: latency x (1 + 199 / 20), one round trip for page 1 and the other
pages 20 at a time. Every timed run starts after the client has answered one
small request (``per_page=1``), so session creation and lazy imports are
left out for all clients alike. The client's CPU time (this process only;
FakeGitHub is another process) divided by 200 is its CPU per 100-item page.

    python -m benchmarks.list_runs [--repeat 3]
"""

from __future__ import annotations

import argparse
import asyncio
from typing import Any

import aiohttp

from ._common import (
    CONCURRENCY,
    LABELS,
    LATENCY,
    OTHERS,
    Clock,
    Json,
    Section,
    Stat,
    SummaryRow,
    best_other,
    progress,
    ratio,
    run_worker,
    versus,
    worker_main,
)
from ._server import Server, fake_github_process

OWNER, REPO = "octo", "app"
RUNS = 20_000
PER_PAGE = 100
PAGES = RUNS // PER_PAGE
CLIENTS = ("ghactions_async", *OTHERS)
IDEAL = LATENCY * (1 + (PAGES - 1) / CONCURRENCY)


async def ghactions_async(server: Server, clock: Clock) -> int:
    from ghactions_async import AsyncGitHubActions

    async with AsyncGitHubActions(
        server.token, base_url=server.url, max_concurrency=CONCURRENCY
    ) as gh:
        await gh.runs.list(OWNER, REPO, per_page=1).collect(limit=1)
        count = 0
        with clock.measure():
            async for _ in gh.runs.list(OWNER, REPO, per_page=PER_PAGE):
                count += 1
    return count


async def githubkit(server: Server, clock: Clock) -> int:
    from githubkit import GitHub
    from githubkit.cache import MemCacheStrategy

    # Its defaults, but a fresh HTTP cache for each run, as a new process would have.
    async with GitHub(server.token, base_url=server.url, cache_strategy=MemCacheStrategy()) as gh:
        await gh.rest.actions.async_list_workflow_runs_for_repo(OWNER, REPO, per_page=1)
        count = 0
        with clock.measure():
            async for _ in gh.rest.paginate(
                gh.rest.actions.async_list_workflow_runs_for_repo,
                map_func=lambda response: response.parsed_data.workflow_runs,
                owner=OWNER,
                repo=REPO,
                per_page=PER_PAGE,
            ):
                count += 1
    return count


def pygithub(server: Server, clock: Clock) -> int:
    from ._pygithub import client

    g = client(server)
    try:
        repo = g.get_repo(f"{OWNER}/{REPO}")
        path = f"/repos/{OWNER}/{REPO}/actions/runs"
        g.requester.requestJsonAndCheck("GET", path, parameters={"per_page": 1})
        count = 0
        with clock.measure():
            for _ in repo.get_workflow_runs():
                count += 1
    finally:
        g.close()
    return count


async def gidgethub(server: Server, clock: Clock) -> int:
    from gidgethub.aiohttp import GitHubAPI

    async with aiohttp.ClientSession() as session:
        gh = GitHubAPI(session, "benchmark", oauth_token=server.token, base_url=server.url)
        await gh.getitem(f"/repos/{OWNER}/{REPO}/actions/runs?per_page=1")
        count = 0
        with clock.measure():
            async for _ in gh.getiter(
                f"/repos/{OWNER}/{REPO}/actions/runs?per_page={PER_PAGE}",
                iterable_key="workflow_runs",
            ):
                count += 1
    return count


async def raw_aiohttp(server: Server, clock: Clock) -> int:
    headers = {"Authorization": f"Bearer {server.token}", "Accept": "application/vnd.github+json"}
    url = f"{server.url}/repos/{OWNER}/{REPO}/actions/runs"
    async with aiohttp.ClientSession(headers=headers) as session:
        async with session.get(url, params={"per_page": 1}) as response:
            await response.read()
        semaphore = asyncio.Semaphore(CONCURRENCY)

        async def page(number: int) -> dict[str, Any]:
            async with (
                semaphore,
                session.get(url, params={"per_page": PER_PAGE, "page": number}) as response,
            ):
                response.raise_for_status()
                body: dict[str, Any] = await response.json()
                return body

        with clock.measure():
            first = await page(1)
            last = -(-int(first["total_count"]) // PER_PAGE)
            rest = await asyncio.gather(*(page(n) for n in range(2, last + 1)))
            count = sum(len(body["workflow_runs"]) for body in (first, *rest))
    return count


def worker(client: str) -> Any:
    def run(options: argparse.Namespace) -> Json:
        walls, cpus = [], []
        with fake_github_process(
            "--latency", str(LATENCY), "--runs", f"{OWNER}/{REPO}={RUNS}"
        ) as s:
            for _ in range(options.repeat):
                clock = Clock()
                if client == "PyGithub":
                    count = pygithub(s, clock)
                else:
                    runner = {
                        "ghactions_async": ghactions_async,
                        "githubkit": githubkit,
                        "gidgethub": gidgethub,
                        "aiohttp": raw_aiohttp,
                    }[client]
                    count = asyncio.run(runner(s, clock))
                if count != RUNS:
                    raise AssertionError(f"{client} listed {count} runs, not {RUNS}")
                walls.append(clock.wall)
                cpus.append(clock.cpu)
        return {"wall": walls, "cpu": cpus}

    return run


def measure(repeat: int) -> dict[str, Json]:
    results = {}
    for client in CLIENTS:
        progress(f"list {RUNS:,} runs: {LABELS[client]} x {repeat}")
        results[client] = run_worker("list_runs", client, "--repeat", str(repeat))
        progress(f"  median {Stat.of(results[client]['wall']).median:.2f} s")
    return results


def section(results: dict[str, Json]) -> Section:
    walls = {c: Stat.of(r["wall"]) for c, r in results.items()}
    per_page = {c: Stat.of([cpu / PAGES * 1000 for cpu in r["cpu"]]) for c, r in results.items()}
    floor = walls["aiohttp"].median
    medians = {c: s.median for c, s in walls.items()}
    other, other_median = best_other(medians)
    lines = [
        f"{RUNS:,} runs of one repository, {PAGES} pages of {PER_PAGE}, {LATENCY * 1000:.0f} ms "
        f"latency; {CONCURRENCY} in flight where the client fetches pages concurrently. "
        f"Ideal {IDEAL:.3f} s (latency x (1 + {PAGES - 1}/{CONCURRENCY})). A page of 100 runs "
        f"is about 1 MB of JSON, as GitHub's is, so building it is FakeGitHub's main cost: "
        f"raw aiohttp (20 in flight, `json.loads` only) is the floor on this machine.",
        "",
        "| client | how it pages | wall, median (min-max) | x ideal | x raw aiohttp floor "
        "| client CPU per 100-run page |",
        "| --- | --- | ---: | ---: | ---: | ---: |",
    ]
    how = {
        "ghactions_async": f"concurrent, {CONCURRENCY} in flight",
        "githubkit": "sequential (`rest.paginate`)",
        "PyGithub": "sequential (`PaginatedList`)",
        "gidgethub": "sequential (`getiter`)",
        "aiohttp": f"concurrent, {CONCURRENCY} in flight, no models",
    }
    for client, stat in walls.items():
        lines.append(
            f"| {LABELS[client]} | {how[client]} | {stat.seconds()} | "
            f"{ratio(stat.median, IDEAL)} | {ratio(stat.median, floor)} | "
            f"{per_page[client].median:.1f} ms |"
        )
    summary = SummaryRow(
        scenario=f"list {RUNS:,} runs (wall)",
        bound=f"floor {floor:.2f} s: FakeGitHub's serving time (latency alone: {IDEAL:.2f} s)",
        cells={c: f"{s.median:.2f} s ({ratio(s.median, floor)})" for c, s in walls.items()},
        versus_best_other=versus(medians["ghactions_async"], other, other_median),
    )
    cpu_medians = {c: s.median for c, s in per_page.items()}
    cpu_other, cpu_other_median = best_other(
        {c: v for c, v in cpu_medians.items() if c != "gidgethub"}
    )
    cpu_summary = SummaryRow(
        scenario="client CPU per 100-run page",
        bound=f"raw aiohttp {cpu_medians['aiohttp']:.1f} ms",
        cells={
            c: f"{v:.1f} ms ({ratio(v, cpu_medians['aiohttp'])})" for c, v in cpu_medians.items()
        },
        versus_best_other=versus(
            cpu_medians["ghactions_async"],
            cpu_other,
            cpu_other_median,
            better="less",
            worse="more",
        )
        + " (the other client with typed models)",
    )
    return Section(
        title=f"List {RUNS:,} workflow runs",
        lines=lines,
        summary=[summary, cpu_summary],
        chart={
            f"list {RUNS:,} runs": medians,
            "CPU per 100-run page (ms)": cpu_medians,
        },
    )


def standalone(options: argparse.Namespace) -> None:
    print("\n".join(section(measure(options.repeat)).lines))


def main() -> None:
    worker_main(__doc__, {c: worker(c) for c in CLIENTS}, standalone)


if __name__ == "__main__":
    main()

"""Prune 3,000 caches across 20 repositories (half stale), 20 ms latency, 20 in flight.

Each repository has 150 caches, one a minute old, in pairs that share a key
on two branches; the prune deletes those not used for 75 minutes (half).
Each client gets the same 20 repository names and does the job the way its
documentation shows, planning first (list every repository's caches, 20
repositories at a time), then deleting with 20 in flight:

- ghactions_async: ``gh.bulk.prune_caches(repos=..., older_than=...)``; a key
  whose caches all go is deleted with one request (``DELETE .../caches?key=``),
  so it sends 800 requests where deleting by id takes 1,540; also
  ``ghactions_async-byid``, the same client sending the same 1,540 requests
  as the others (``gh.caches.list`` and ``gh.caches.delete`` under
  ``asyncio.gather``), and ``ghactions_async-sync``, the sync facade's
  ``GitHubActions(...).bulk.prune_caches(...)``;
- githubkit: ``rest.paginate(async_get_actions_cache_list)`` and
  ``async_delete_actions_cache_by_id`` under ``asyncio.gather`` with a semaphore;
- PyGithub: it has no cache endpoints, so ``Github.requester`` (its way to
  reach unwrapped endpoints) pages and deletes, from a pool of 20 threads
  with a ``Github`` each (see ``_pygithub.py``);
- gidgethub: ``getiter`` and ``delete`` on an aiohttp session, gather + semaphore;
- raw aiohttp: ``Link`` pages and ``DELETE``, gather + semaphore.

Ideal: the fewest requests the job needs (2 pages per repository and one
delete per key, 800) x latency / 20. A fresh FakeGitHub serves every run;
each client answers one small request before the clock starts.

    python -m benchmarks.prune_caches [--repeat 3]
"""

from __future__ import annotations

import argparse
from collections.abc import Callable

from ._common import (
    CONCURRENCY,
    LABELS,
    LATENCY,
    OTHERS,
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
from ._prunes import CACHES, REPOS, STALE, fill, prune_once
from ._server import fake_github_process

FEWEST_REQUESTS = len(REPOS) * (2 + 38)  # 2 pages and 37 whole keys + 1 lone cache each
IDEAL = FEWEST_REQUESTS * LATENCY / CONCURRENCY
CLIENTS = ("ghactions_async", "ghactions_async-sync", "ghactions_async-byid", *OTHERS)


def worker(client: str) -> Callable[[argparse.Namespace], Json]:
    def run(options: argparse.Namespace) -> Json:
        runs = []
        for _ in range(options.repeat):  # a fresh fake for each run: the prune changes it
            with fake_github_process(*fill()) as server:
                runs.append(prune_once(client, server, None))
            expected = len(REPOS) * (CACHES - STALE)
            if runs[-1]["left"] != expected or runs[-1]["failed"]:
                raise AssertionError(f"{client} left {runs[-1]['left']} caches, not {expected}")
        return {"runs": runs}

    return run


def measure(repeat: int) -> dict[str, Json]:
    results = {}
    for client in CLIENTS:
        progress(f"prune {len(REPOS) * CACHES:,} caches: {LABELS[client]} x {repeat}")
        results[client] = run_worker("prune_caches", client, "--repeat", str(repeat))
        median = Stat.of([r["wall"] for r in results[client]["runs"]]).median
        progress(f"  median {median:.2f} s")
    return results


def section(results: dict[str, Json]) -> Section:
    walls = {c: Stat.of([r["wall"] for r in res["runs"]]) for c, res in results.items()}
    requests = {c: res["runs"][-1]["requests"] for c, res in results.items()}
    medians = {c: s.median for c, s in walls.items()}
    lines = [
        f"{len(REPOS)} repositories x {CACHES} caches, half not used for 75 minutes; "
        f"{LATENCY * 1000:.0f} ms latency, {CONCURRENCY} in flight; a fresh FakeGitHub for "
        f"each run. Ideal {IDEAL:.2f} s: the fewest requests the job needs ({FEWEST_REQUESTS}: "
        f"2 pages per repository, one delete per key whose caches all go) x latency / "
        f'{CONCURRENCY}. "own ideal" is the client\'s own requests x latency / {CONCURRENCY}.',
        "",
        "| client | requests | requests per cache deleted | wall, median (min-max) "
        "| x ideal | x own ideal | client CPU |",
        "| --- | ---: | ---: | ---: | ---: | ---: | ---: |",
    ]
    for client, stat in walls.items():
        own = requests[client] * LATENCY / CONCURRENCY
        cpu = Stat.of([r["cpu"] for r in results[client]["runs"]]).median
        deleted = results[client]["runs"][-1]["deleted"]
        per_cache = f"{requests[client] / deleted:.2f}" if deleted else "n/a"
        lines.append(
            f"| {LABELS[client]} | {requests[client]:,} | {per_cache} | "
            f"{stat.seconds()} | {ratio(stat.median, IDEAL)} | {ratio(stat.median, own)} | "
            f"{cpu:.2f} s |"
        )
    sync, asynchronous = medians["ghactions_async-sync"], medians["ghactions_async"]
    lines += [
        "",
        f"Sync facade vs async: {sync:.2f} s vs {asynchronous:.2f} s "
        f"({ratio(sync, asynchronous)}).",
    ]
    mains = {c: v for c, v in medians.items() if c in ("ghactions_async", *OTHERS)}
    other, other_median = best_other(mains)
    summary = [
        SummaryRow(
            scenario=f"prune {len(REPOS) * CACHES:,} caches in {len(REPOS)} repos (wall)",
            bound=f"ideal {IDEAL:.2f} s",
            cells={c: f"{v:.2f} s ({ratio(v, IDEAL)})" for c, v in mains.items()},
            versus_best_other=versus(mains["ghactions_async"], other, other_median)
            + f"; by id: {versus(medians['ghactions_async-byid'], other, other_median)}",
        ),
        SummaryRow(
            scenario="the same prune, sync facade",
            bound=f"async {asynchronous:.2f} s",
            cells={"ghactions_async": f"{sync:.2f} s ({ratio(sync, asynchronous)} of async)"},
            versus_best_other=versus(sync, other, other_median),
        ),
    ]
    chart = {c: v for c, v in medians.items() if c in ("ghactions_async", *OTHERS)}
    chart["ghactions_async-sync"] = sync
    return Section(
        title=f"Prune {len(REPOS) * CACHES:,} caches",
        lines=lines,
        summary=summary,
        chart={f"prune {len(REPOS) * CACHES:,} caches": chart},
    )


def standalone(options: argparse.Namespace) -> None:
    print("\n".join(section(measure(options.repeat)).lines))


def main() -> None:
    worker_main(__doc__, {c: worker(c) for c in CLIENTS}, standalone)


if __name__ == "__main__":
    main()

"""The prune of ``prune_caches`` when GitHub misbehaves: scattered faults, and an outage.

- **faults**: FakeGitHub answers 5 % of requests with 502, drops 1 % of
  connections before doing anything and 1 % after doing the work (the
  client never hears); the seed differs per run, the same for every client.
  Reported: wall time against the same client's fault-free prune of the
  same run (``prune_caches``), and whether the end state is exact (every
  stale cache gone, every other kept, no item reported failed).
- **outage**: after the 300th request, FakeGitHub answers every request with
  502 for 10 s, then is healthy again. Reported: the requests each client
  sent into the outage (FakeGitHub's count) against raw aiohttp's, which
  makes one attempt per item; caches left over; items reported failed.

Every client runs as in the plain prune (its own retries, as shipped).

    python -m benchmarks.hard_conditions [--repeat 3]
"""

from __future__ import annotations

import argparse
import asyncio
import time
from collections.abc import Callable
from typing import Any

from ._common import (
    LABELS,
    OTHERS,
    Json,
    Section,
    Stat,
    SummaryRow,
    progress,
    ratio,
    run_worker,
    worker_main,
)
from ._prunes import CACHES, REPOS, STALE, count_caches, fill, prune_once
from ._server import Server, fake_github_process

CLIENTS = ("ghactions_async", *OTHERS)
FAULTS = ("--error-rate", "0.05", "--drop-rate", "0.01", "--drop-after-rate", "0.01")
OUTAGE_AFTER = 300
OUTAGE_SECONDS = 10.0
EXPECTED_LEFT = len(REPOS) * (CACHES - STALE)


def worker(client: str) -> Callable[[argparse.Namespace], Json]:
    def run(options: argparse.Namespace) -> Json:
        runs: list[Json] = []
        if options.scenario == "faults":
            for seed in range(options.repeat):
                with fake_github_process(*fill(*FAULTS, "--seed", str(seed))) as server:
                    runs.append(survived(client, server))
        else:
            outage = ("--outage-after", str(OUTAGE_AFTER), "--outage-seconds", str(OUTAGE_SECONDS))
            stats: dict[str, Any] = {}
            with fake_github_process(*fill(*outage), stats=stats) as server:
                result = survived(client, server, count_after=OUTAGE_SECONDS)
            runs.append({**result, "outage_requests": stats.get("outage_answers", 0)})
        return {"runs": runs}

    return run


def survived(client: str, server: Server, *, count_after: float = 0.0) -> Json:
    """One prune; a client that gave up on the whole job counts every cache as not done.

    The caches are counted ``count_after`` seconds later, so the counting
    requests stay out of an outage's count.
    """
    try:
        return prune_once(client, server, None, count_after=count_after)
    except Exception as error:  # the client's own failure is the result
        time.sleep(count_after)
        left = asyncio.run(count_caches(server))
        return {"wall": 0.0, "cpu": 0.0, "requests": 0, "deleted": 0, "failed": 0,
                "limit_answers": 0, "left": left, "crashed": f"{type(error).__name__}"}  # fmt: skip


def configure(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--scenario", choices=("faults", "outage"), default="faults")


def measure(repeat: int) -> dict[str, Json]:
    results: dict[str, Json] = {"faults": {}, "outage": {}}
    for client in CLIENTS:
        progress(f"prune under faults: {LABELS[client]} x {repeat}")
        results["faults"][client] = run_worker(
            "hard_conditions", client, "--scenario", "faults", "--repeat", str(repeat)
        )
        progress(f"prune through a {OUTAGE_SECONDS:.0f} s outage: {LABELS[client]}")
        results["outage"][client] = run_worker(
            "hard_conditions", client, "--scenario", "outage", timeout=600
        )
    return results


def exact(run: Json) -> bool:
    return bool(run["left"] == EXPECTED_LEFT and run["failed"] == 0)


def section(results: dict[str, Json], prune: dict[str, Json]) -> Section:
    clean = {c: Stat.of([r["wall"] for r in res["runs"]]).median for c, res in prune.items()}
    lines = [
        f"The prune of {len(REPOS) * CACHES:,} caches again. **Faults**: 5 % of requests "
        "answered 502, 1 % of connections dropped before the work and 1 % after it (a "
        "different seed each run, the same for every client); x clean is the wall time over "
        "the same client's fault-free prune in this run. **Outage**: after the "
        f"{OUTAGE_AFTER}th request, every request answered 502 for {OUTAGE_SECONDS:.0f} s; "
        "requests into the outage are FakeGitHub's count, against raw aiohttp's one attempt "
        "per item.",
        "",
        "| client | faults: wall, median (min-max) | x clean | exact end state "
        "| outage: requests into it | x one attempt per item | caches left over | failed |",
        "| --- | ---: | ---: | --- | ---: | ---: | ---: | ---: |",
    ]
    floor = results["outage"]["aiohttp"]["runs"][0]["outage_requests"]
    cells_faults: dict[str, str] = {}
    cells_outage: dict[str, str] = {}
    walls: dict[str, float] = {}
    for client in CLIENTS:
        faulty = results["faults"][client]["runs"]
        # A run the client's own exception ended has no wall time worth the name.
        finished = [r for r in faulty if "crashed" not in r]
        raised = sorted({r["crashed"] for r in faulty if "crashed" in r})
        ended = f"{len(faulty) - len(finished)} of {len(faulty)} runs raised {', '.join(raised)}"
        wall_text = x_clean = "n/a"
        if finished:
            wall = Stat.of([r["wall"] for r in finished])
            walls[client] = wall.median
            wall_text, x_clean = wall.seconds(), ratio(wall.median, clean[client])
        if raised:
            wall_text += f"; {ended}"
        exacts = sum(exact(r) for r in faulty)
        outage = results["outage"][client]["runs"][0]
        over = outage["left"] - EXPECTED_LEFT
        lines.append(
            f"| {LABELS[client]} | {wall_text} | {x_clean} | "
            f"{exacts} of {len(faulty)} runs | {outage['outage_requests']:,} | "
            f"{ratio(outage['outage_requests'], floor)} | {over:,} | {outage['failed']:,} |"
        )
        lost = sum(r["left"] - EXPECTED_LEFT + r["failed"] for r in faulty)
        timing = ended
        if finished:
            timing = f"{walls[client]:.2f} s ({x_clean} of its clean prune)"
            timing += f"; {ended}" if raised else ""
        cells_faults[client] = f"{timing}, " + (
            "exact" if exacts == len(faulty) else f"{lost:,} items lost or failed"
        )
        cells_outage[client] = (
            f"{outage['outage_requests']:,} requests into it "
            f"({ratio(outage['outage_requests'], floor)}), {over + outage['failed']:,} lost"
        )
    mine = walls["ghactions_async"]
    summary = [
        SummaryRow(
            scenario="the prune under faults (5 % 502, 2 % dropped)",
            bound="its own fault-free prune",
            cells=cells_faults,
            versus_best_other=f"{walls['PyGithub'] / mine:.2f}x PyGithub's wall" if mine else "n/a",
        ),
        SummaryRow(
            scenario=f"the prune through a {OUTAGE_SECONDS:.0f} s outage",
            bound="raw aiohttp's requests into it (one attempt per item)",
            cells=cells_outage,
            versus_best_other="nothing lost"
            if results["outage"]["ghactions_async"]["runs"][0]["left"] == EXPECTED_LEFT
            else "items lost",
        ),
    ]
    return Section(
        title="The prune when GitHub misbehaves",
        lines=lines,
        summary=summary,
        chart={"prune under faults": walls},
    )


def standalone(options: argparse.Namespace) -> None:
    print("\n".join(section(measure(options.repeat), {}).lines))


def main() -> None:
    worker_main(__doc__, {c: worker(c) for c in CLIENTS}, standalone, configure)


if __name__ == "__main__":
    main()

"""The prune of ``prune_caches`` under GitHub's limits, on a scaled clock.

FakeGitHub (its own process, 20 ms latency) enforces the github.com limits
with ``--points-per-minute 900 --max-concurrency 100 --time-scale 1/60``: a
minute lasts one second, each endpoint has 900 points a minute, a delete
costs 5, so 180 deletes a minute; a request over the budget gets GitHub's
403 "secondary rate limit" with ``retry-after: 1`` (a minute, scaled).

ghactions_async runs with the ``github.com`` preset scaled the same way
(``RateLimits(window=1.0, margin=1/60, secondary_floor=1.0)``); the other
clients have no pacing and run exactly as in the plain prune: githubkit
retries a rate-limited request once after ``retry-after``, PyGithub's
``GithubRetry`` sleeps ``retry-after`` and retries up to 10 times,
gidgethub and raw aiohttp report the refusal (counted as a failed delete).

Reported: the pace of the delete requests that succeeded as a fraction of
the budget's: no minute may hold more than 180, so the N-th delete can go
no earlier than floor((N - 1) / 180) minutes after the first, and the
fraction is that over the prune's wall time (listing included), 1.00 at
best; the limit answers each client received; the deletes that failed.

    python -m benchmarks.governed_deletes [--repeat 3]
"""

from __future__ import annotations

import argparse
from collections.abc import Callable

from ._common import (
    LABELS,
    OTHERS,
    Json,
    Section,
    Stat,
    SummaryRow,
    progress,
    run_worker,
    versus,
    worker_main,
)
from ._prunes import CACHES, REPOS, Limits, fill, prune_once
from ._server import fake_github_process

POINTS = 900
DELETE_COST = 5
PER_MINUTE = POINTS // DELETE_COST
SCALE = 1 / 60
MINUTE = 60 * SCALE
CLIENTS = ("ghactions_async", *OTHERS)


def ideal_seconds(deletes: int) -> float:
    """The earliest the last of ``deletes`` can go: no minute may hold more than 180."""
    return (deletes - 1) // PER_MINUTE * MINUTE if deletes > 0 else 0.0


def fraction_of_budget(deletes: int, elapsed: float) -> float:
    """How close to the budget's pace: 1.0 when the last delete went the moment it could."""
    return ideal_seconds(deletes) / elapsed


def worker(client: str) -> Callable[[argparse.Namespace], Json]:
    def run(options: argparse.Namespace) -> Json:
        runs = []
        limits = (
            "--points-per-minute", str(POINTS),
            "--max-concurrency", "100",
            "--time-scale", repr(SCALE),
        )  # fmt: skip
        for _ in range(options.repeat):
            with fake_github_process(*fill(*limits, rate_limiting=True)) as server:
                runs.append(prune_once(client, server, Limits(MINUTE)))
        return {"runs": runs}

    return run


def measure(repeat: int) -> dict[str, Json]:
    results = {}
    for client in CLIENTS:
        progress(f"prune under the github.com limits: {LABELS[client]} x {repeat}")
        results[client] = run_worker("governed_deletes", client, "--repeat", str(repeat))
        runs = results[client]["runs"]
        progress(
            f"  median {Stat.of([r['wall'] for r in runs]).median:.2f} s, "
            f"{sum(r['limit_answers'] for r in runs)} limit answers"
        )
    return results


def section(results: dict[str, Json]) -> Section:
    lines = [
        f"The prune of {len(REPOS) * CACHES:,} caches again, against FakeGitHub enforcing "
        f"{POINTS} points per endpoint per minute (a delete costs {DELETE_COST}: "
        f"{PER_MINUTE} deletes a minute) and 100 requests in flight, with a minute scaled to "
        f"{MINUTE:.0f} s. Only ghactions_async paces; the others run as in the plain prune. "
        f"Fraction of budget: the earliest the budget lets the last successful delete go "
        f"(floor((N - 1) / {PER_MINUTE}) minutes for N deletes) over the prune's wall time, "
        f"listing included; 1.00 is the budget used to the full.",
        "",
        "| client | delete requests | caches deleted | failed deletes | limit answers "
        "| wall, median (min-max) | fraction of budget |",
        "| --- | ---: | ---: | ---: | ---: | ---: | ---: |",
    ]
    cells: dict[str, str] = {}
    fractions: dict[str, float] = {}
    failures: dict[str, float] = {}
    for client, result in results.items():
        runs = result["runs"]
        wall = Stat.of([r["wall"] for r in runs])
        deletes = [r["requests"] - 2 * len(REPOS) - int(r["failed"]) for r in runs]
        fraction = Stat.of(
            [fraction_of_budget(d, r["wall"]) for d, r in zip(deletes, runs, strict=True)]
        )
        limit_answers = Stat.of([r["limit_answers"] for r in runs])
        failed = Stat.of([r["failed"] for r in runs])
        deleted = Stat.of([r["deleted"] for r in runs])
        fractions[client] = fraction.median
        failures[client] = failed.median
        lines.append(
            f"| {LABELS[client]} | {Stat.of(deletes).median:,.0f} | {deleted.median:,.0f} | "
            f"{failed.median:,.0f} | {limit_answers.median:,.0f} | {wall.seconds()} | "
            f"{fraction.median:.2f} ({fraction.low:.2f}-{fraction.high:.2f}) |"
        )
        cells[client] = (
            f"{fraction.median:.2f} of budget, {limit_answers.median:,.0f} limit answers, "
            f"{failed.median:,.0f} failed"
        )
    mine = results["ghactions_async"]["runs"]
    walls = {c: Stat.of([r["wall"] for r in res["runs"]]).median for c, res in results.items()}
    # the best other: the highest fraction among the clients that deleted everything
    complete = [c for c in ("githubkit", "PyGithub", "gidgethub") if failures[c] == 0]
    other = max(complete or ["githubkit", "PyGithub", "gidgethub"], key=lambda c: fractions[c])
    other_runs = results[other]["runs"]
    summary = SummaryRow(
        scenario="the prune under github.com limits (time-scaled)",
        bound=f"1.00 of budget ({PER_MINUTE} deletes/min), 0 limit answers",
        cells=cells,
        versus_best_other=(
            f"{fractions['ghactions_async']:.2f} vs {fractions[other]:.2f} of budget "
            f"({LABELS[other]}); {max(r['limit_answers'] for r in mine)} vs "
            f"{Stat.of([r['limit_answers'] for r in other_runs]).median:.0f} limit answers; "
            f"{versus(walls['ghactions_async'], other, walls[other])}"
        ),
    )
    refused = [c for c in results if failures[c] > 0]
    label = "prune under limits (scaled)"
    if refused:
        names = ", ".join(LABELS[c] for c in refused)
        label += f"\n{names}:\n{failures[refused[0]]:,.0f} deletes refused"
    return Section(
        title="The prune under GitHub's limits",
        lines=lines,
        summary=[summary],
        chart={label: walls},
    )


def standalone(options: argparse.Namespace) -> None:
    print("\n".join(section(measure(options.repeat)).lines))


def main() -> None:
    worker_main(__doc__, {c: worker(c) for c in CLIENTS}, standalone)


if __name__ == "__main__":
    main()

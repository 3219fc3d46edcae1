"""The prune under budgets ghactions_async must learn, or keep to while fewer may be in flight.

- **unannounced**: FakeGitHub enforces 900 points per endpoint per minute
  (minute scaled to 1 s, 100 in flight), as in ``governed_deletes``, but
  ghactions_async is told nothing (``points_per_minute=None``, as on an
  Enterprise Server): it must learn the budget from its first limit answer.
- **secondary**: FakeGitHub allows 10 requests in flight and 3,000 points per
  (scaled) 10-second minute; ghactions_async is given those numbers
  (``max_concurrency=10``, ``RateLimits(points_per_minute=3000)``).

Reported: the deletes that succeeded, failed, the limit answers, and the
pace as a fraction of what the budget allows (the N-th delete can go no
earlier than floor((N - 1) / per-minute) minutes after the first), listing
included. The other clients run as shipped (see ``governed_deletes``).

    python -m benchmarks.budgets [--repeat 1]
"""

from __future__ import annotations

import argparse
from collections.abc import Callable

from ._common import LABELS, Json, Section, Stat, SummaryRow, progress, run_worker, worker_main
from ._prunes import REPOS, Limits, fill, prune_once
from ._server import fake_github_process

CLIENTS = ("ghactions_async", "PyGithub", "aiohttp")
DELETE_COST = 5
SCENARIOS = {
    # name: (points per minute, seconds a minute lasts, requests in flight, announced)
    "unannounced": (900, 1.0, 100, False),
    "secondary": (3000, 10.0, 10, True),
}


def fraction_of_budget(deletes: int, elapsed: float, per_minute: int, minute: float) -> float:
    """How close to the budget's pace: 1.0 when the last delete went the moment it could."""
    if deletes <= 0 or elapsed <= 0:
        return 0.0
    return (deletes - 1) // per_minute * minute / elapsed


def worker(client: str) -> Callable[[argparse.Namespace], Json]:
    def run(options: argparse.Namespace) -> Json:
        points, minute, in_flight, announced = SCENARIOS[options.scenario]
        arguments = (
            "--points-per-minute", str(points),
            "--max-concurrency", str(in_flight),
            "--time-scale", repr(minute / 60),
        )  # fmt: skip
        limits = Limits(minute, points=points, announced=announced, concurrency=min(in_flight, 20))
        runs = []
        for _ in range(options.repeat):
            with fake_github_process(*fill(*arguments)) as server:
                runs.append(prune_once(client, server, limits))
        return {"runs": runs}

    return run


def configure(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--scenario", choices=tuple(SCENARIOS), default="unannounced")


def measure(repeat: int) -> dict[str, Json]:
    results: dict[str, Json] = {name: {} for name in SCENARIOS}
    for name in SCENARIOS:
        for client in CLIENTS:
            progress(f"prune under the {name} budget: {LABELS[client]} x {repeat}")
            results[name][client] = run_worker(
                "budgets", client, "--scenario", name, "--repeat", str(repeat), timeout=900
            )
    return results


def section(results: dict[str, Json]) -> Section:
    lines = [
        "The prune again, under two budgets (see `benchmarks/budgets.py`): **unannounced**, "
        "900 points a minute (a minute of 1 s) that ghactions_async is not told and must "
        "learn; **secondary**, 10 requests in flight and 3,000 points per 10-second minute, "
        "which it is told. Fraction of budget: the earliest the budget lets the last "
        "successful delete go over the wall time, listing included.",
        "",
        "| budget | client | delete requests | failed | limit answers | wall "
        "| fraction of budget |",
        "| --- | --- | ---: | ---: | ---: | ---: | ---: |",
    ]
    summary = []
    for name, clients in results.items():
        points, minute, _, _ = SCENARIOS[name]
        per_minute = points // DELETE_COST
        cells: dict[str, str] = {}
        for client, result in clients.items():
            runs = result["runs"]
            deletes = [r["requests"] - 2 * len(REPOS) - int(r["failed"]) for r in runs]
            fraction = Stat.of(
                [
                    fraction_of_budget(d, r["wall"], per_minute, minute)
                    for d, r in zip(deletes, runs, strict=True)
                ]
            )
            answers = Stat.of([r["limit_answers"] for r in runs]).median
            failed = Stat.of([r["failed"] for r in runs]).median
            wall = Stat.of([r["wall"] for r in runs])
            lines.append(
                f"| {name} | {LABELS[client]} | {Stat.of(deletes).median:,.0f} | {failed:,.0f} "
                f"| {answers:,.0f} | {wall.seconds()} | {fraction.median:.2f} |"
            )
            cells[client] = (
                f"{fraction.median:.2f} of budget, {answers:,.0f} limit answers, "
                f"{failed:,.0f} failed"
            )
        summary.append(
            SummaryRow(
                scenario=f"the prune under the {name} budget",
                bound="1.00 of budget, 0 limit answers",
                cells=cells,
                versus_best_other=cells.get("PyGithub", "n/a"),
            )
        )
    return Section(title="The prune under budgets", lines=lines, summary=summary, chart={})


def standalone(options: argparse.Namespace) -> None:
    print("\n".join(section(measure(options.repeat)).lines))


def main() -> None:
    worker_main(__doc__, {c: worker(c) for c in CLIENTS}, standalone, configure)


if __name__ == "__main__":
    main()

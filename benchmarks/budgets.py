"""The prune under budgets ghactions_async must learn, or keep to while fewer may be in flight.

- **unannounced**: FakeGitHub enforces 900 points per endpoint per minute
  (minute scaled to 1 s, 100 in flight), as in ``governed_deletes``, but
  ghactions_async is told nothing (``points_per_minute=None``, as on an
  Enterprise Server): it must learn the budget from its first limit answer.
  4,880 stale caches, one delete each: 27 minutes of budget, as in issue 14.
- **secondary**: FakeGitHub allows 10 requests in flight and 3,000 points per
  (scaled) 10-second minute; ghactions_async is given those numbers
  (``max_concurrency=10``, ``RateLimits(points_per_minute=3000)``). The
  prune of ``prune_caches``: 1,500 stale caches, 760 deletes by key.

Reported: the deletes that succeeded, failed, the limit answers, and the
pace as a fraction of what the budget allows (the N-th delete can go no
earlier than floor((N - 1) / per-minute) minutes after the first), listing
included. The other clients run as shipped (see ``governed_deletes``).

    python -m benchmarks.budgets [--repeat 1]
"""

from __future__ import annotations

import argparse
from collections.abc import Callable

from attrs import frozen

from ._common import LABELS, Json, Section, Stat, SummaryRow, progress, run_worker, worker_main
from ._prunes import CACHES, PER_PAGE, REPOS, STALE, Limits, fill, prune_once
from ._server import fake_github_process

CLIENTS = ("ghactions_async", "PyGithub", "aiohttp")
DELETE_COST = 5


@frozen
class Budget:
    points: int  # per endpoint per minute
    minute: float  # seconds a minute lasts
    in_flight: int  # the most FakeGitHub allows
    announced: bool  # whether ghactions_async is told the points
    caches: int = CACHES  # per repository; all but the newest STALE are stale
    share_keys: int = 2

    @property
    def listing_requests(self) -> int:
        return len(REPOS) * -(-self.caches // PER_PAGE)


SCENARIOS = {
    "unannounced": Budget(900, 1.0, 100, announced=False, caches=STALE + 244, share_keys=1),
    "secondary": Budget(3000, 10.0, 10, announced=True),
}


def fraction_of_budget(deletes: int, elapsed: float, per_minute: int, minute: float) -> float:
    """How close to the budget's pace: 1.0 when the last delete went the moment it could."""
    if deletes <= 0 or elapsed <= 0:
        return 0.0
    return (deletes - 1) // per_minute * minute / elapsed


def worker(client: str) -> Callable[[argparse.Namespace], Json]:
    def run(options: argparse.Namespace) -> Json:
        budget = SCENARIOS[options.scenario]
        arguments = (
            "--points-per-minute", str(budget.points),
            "--max-concurrency", str(budget.in_flight),
            "--time-scale", repr(budget.minute / 60),
        )  # fmt: skip
        limits = Limits(
            budget.minute,
            points=budget.points,
            announced=budget.announced,
            concurrency=min(budget.in_flight, 20),
        )
        filled = fill(
            *arguments, caches=budget.caches, share_keys=budget.share_keys, rate_limiting=True
        )
        runs = []
        for _ in range(options.repeat):
            with fake_github_process(*filled) as server:
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
            # PyGithub's waits under the secondary budget vary from one to eight minutes
            # a run: the timeout leaves room for three long ones.
            results[name][client] = run_worker(
                "budgets", client, "--scenario", name, "--repeat", str(repeat), timeout=1800
            )
    return results


def section(results: dict[str, Json]) -> Section:
    lines = [
        "The prune again, under two budgets (see `benchmarks/budgets.py`): **unannounced**, "
        "900 points a minute (a minute of 1 s) that ghactions_async is not told and must "
        "learn, over 4,880 stale caches (27 minutes of budget); **secondary**, 10 requests "
        "in flight and 3,000 points per 10-second minute, which it is told, over the 1,500 "
        "of the prune above. Fraction of budget: the earliest the budget lets the last "
        "successful delete go over the wall time, listing included.",
        "",
        "| budget | client | delete requests | failed | limit answers | wall "
        "| fraction of budget |",
        "| --- | --- | ---: | ---: | ---: | ---: | ---: |",
    ]
    summary = []
    for name, clients in results.items():
        budget = SCENARIOS[name]
        per_minute = budget.points // DELETE_COST
        cells: dict[str, str] = {}
        for client, result in clients.items():
            runs = result["runs"]
            listing = budget.listing_requests
            deletes = [r["requests"] - listing - int(r["failed"]) for r in runs]
            fraction = Stat.of(
                [
                    fraction_of_budget(d, r["wall"], per_minute, budget.minute)
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

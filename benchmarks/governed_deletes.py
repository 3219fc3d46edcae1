"""Deletes under GitHub's limits: how much of the points budget the governor uses.

FakeGitHub (its own process, 20 ms latency) enforces the github.com limits on
a scaled clock: 900 points per endpoint per minute, a delete costs 5, so 180
deletes a minute; at most 100 requests in flight. The client uses the
``github.com`` preset with the same scaled minute. Reported:

- deletes per minute as a fraction of what the budget allows: the ideal time
  for N deletes is (N / 180 - 1) minutes, since the first 180 fit at once;
- limit answers (403/429) the client received: goal 0.

    python -m benchmarks.governed_deletes [--deletes 1800] [--scale 0.02]
"""

from __future__ import annotations

import argparse
import asyncio
import time

from ghactions_async import AsyncGitHubActions, RateLimits

from ._server import fake_github_process

LATENCY = 0.020
POINTS = 900
DELETE_COST = 5


async def run(url: str, token: str, deletes: int, scale: float) -> tuple[float, int, int]:
    minute = 60 * scale
    limits = RateLimits(window=minute, margin=minute / 60)  # one "second" of margin
    async with AsyncGitHubActions(token, base_url=url, limits=limits, max_concurrency=50) as gh:
        caches = await gh.caches.list("octo", "app").collect()
        assert len(caches) >= deletes, len(caches)
        started = time.perf_counter()
        await asyncio.gather(*(gh.caches.delete("octo", "app", c.id) for c in caches[:deletes]))
        elapsed = time.perf_counter() - started
        left = len(await gh.caches.list("octo", "app").collect())
        assert gh.throttle is not None
        return elapsed, gh.throttle.limit_answers, left


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--deletes", type=int, default=1800)
    parser.add_argument("--scale", type=float, default=0.02, help="0.02: a minute lasts 1.2 s")
    options = parser.parse_args()
    per_minute = POINTS // DELETE_COST
    with fake_github_process(
        "--latency", str(LATENCY),
        "--caches", f"octo/app={options.deletes}",
        "--points-per-minute", str(POINTS),
        "--max-concurrency", "100",
        "--time-scale", str(options.scale),
    ) as server:  # fmt: skip
        elapsed, limit_answers, left = asyncio.run(
            run(server.url, server.token, options.deletes, options.scale)
        )
    minute = 60 * options.scale
    ideal = (options.deletes / per_minute - 1) * minute
    fraction = ideal / elapsed
    print(
        f"{options.deletes} deletes, budget {per_minute} deletes per minute "
        f"(a minute scaled to {minute:.2f} s), {LATENCY * 1000:.0f} ms latency\n"
        f"elapsed {elapsed:.2f} s, ideal {ideal:.2f} s\n"
        f"deletes per minute: {options.deletes / (elapsed / minute + 1):.1f} sustained, "
        f"{fraction:.3f} of the point budget\n"
        f"limit answers received: {limit_answers}; caches left: {left}"
    )


if __name__ == "__main__":
    main()

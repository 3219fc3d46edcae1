"""The soak's FakeGitHub, in a process of its own: an app installed on one organization,
a clock that runs ``--scale`` times faster than the wall clock (so an installation
token expires every ``3600 / scale`` real seconds), and the data the soak's mix reads,
lists and deletes. Prints one JSON line once it listens, then serves until killed.

    python -m benchmarks._soak_server --t0 1700000000 --scale 60 --deletes 200000
"""

from __future__ import annotations

import argparse
import asyncio
import json
import time
from datetime import datetime, timezone

from ghactions_async import Clock
from ghactions_async.testing import FakeGitHub, Faults, days_ago

ORG = "soak"
READ, LIST, DELETE, CURSOR = f"{ORG}/read", f"{ORG}/list", f"{ORG}/delete", f"{ORG}/cursor"
LISTED_CACHES = 250  # three pages of 100
CURSOR_GROUPS = 6  # three pages of 2


class ScaledClock(Clock):
    """Wall-clock time that runs ``scale`` times faster from ``t0`` on; the same in both
    processes, so tokens and JWTs are judged alike. Waits and intervals stay real."""

    def __init__(self, t0: float, scale: float) -> None:
        self._t0 = t0
        self._scale = scale

    def now(self) -> datetime:
        seconds = self._t0 + (time.time() - self._t0) * self._scale
        return datetime.fromtimestamp(seconds, timezone.utc)


async def serve(options: argparse.Namespace) -> None:
    fake = FakeGitHub(
        clock=ScaledClock(options.t0, options.scale),
        primary_limit=10**9,
        installation_limit=10**9,
        faults=Faults(error_rate=options.error_rate, seed=7),
    )
    app = fake.add_app("soak-bot")
    installation = fake.install_app(app, ORG)
    fake.add_cache(READ, key="usage", last_accessed_at=days_ago(1))
    for n in range(LISTED_CACHES):
        fake.add_cache(LIST, key=f"k{n}", last_accessed_at=days_ago(n % 30))
    ids = [fake.add_cache(DELETE, key=f"d{n}").id for n in range(options.deletes)]
    for n in range(CURSOR_GROUPS):
        run = fake.add_run(CURSOR, jobs=())
        fake.join_concurrency_group(CURSOR, f"group-{n}", run_id=run.id)
    async with fake:
        print(
            json.dumps(
                {
                    "url": fake.url,
                    "app_id": app.id,
                    "private_key": app.private_key_pem,
                    "installation_id": installation.id,
                    "first_id": ids[0] if ids else 0,
                    "last_id": ids[-1] if ids else 0,
                }
            ),
            flush=True,
        )
        while True:  # the fake's request log would grow for ever; this is the client's soak
            await asyncio.sleep(5)
            fake.reset_stats()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--t0", type=float, required=True)
    parser.add_argument("--scale", type=float, default=60.0)
    parser.add_argument("--deletes", type=int, default=0)
    parser.add_argument("--error-rate", type=float, default=0.01)
    asyncio.run(serve(parser.parse_args()))


if __name__ == "__main__":
    main()

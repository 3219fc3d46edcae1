"""One process of the shared limits' process tests: warm up, say ready, wait, prune, report.

    python -m tests.shared_prune_worker URL TOKEN REPO[,REPO...] --minute SECONDS
        [--older-than MINUTES] [--redis URL] [--lease-ttl SECONDS] [--max-in-flight N]

It runs the github.com preset on FakeGitHub's scaled clock (a minute lasts
``--minute`` seconds), prints ``{"ready": PID}`` once warmed up, prunes the
caches older than ``--older-than`` minutes when a line arrives on stdin, and
prints what it did as one JSON line.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import sys
import time
from datetime import timedelta
from typing import Any


async def prune(options: argparse.Namespace) -> dict[str, Any]:
    from ghactions_async import AsyncGitHubActions, RateLimits, SharedLimits

    shared = None
    if options.redis:
        shared = SharedLimits(
            options.redis, lease_ttl=options.lease_ttl, max_in_flight=options.max_in_flight
        )
    repos, minute = options.repos.split(","), options.minute
    async with AsyncGitHubActions(
        options.token,
        base_url=options.url,
        limits=RateLimits(window=minute, margin=minute / 60, secondary_floor=minute),
        shared_limits=shared,
    ) as gh:
        await gh.caches.list(*repos[0].split("/"), per_page=1).collect(limit=1)
        print(json.dumps({"ready": os.getpid()}), flush=True)
        sys.stdin.readline()
        start = time.time()
        report = await gh.bulk.prune_caches(
            repos=repos, older_than=timedelta(minutes=options.older_than)
        )
        end = time.time()
        throttle = gh.throttle
        assert throttle is not None
        return {
            "start": start,
            "end": end,
            "requests": report.requests,
            "deleted": report.deleted,
            "failed": report.failed,
            "limit_answers": throttle.limit_answers,
        }


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("url")
    parser.add_argument("token")
    parser.add_argument("repos")
    parser.add_argument("--minute", type=float, required=True)
    parser.add_argument("--older-than", type=float, default=20.0)
    parser.add_argument("--redis")
    parser.add_argument("--lease-ttl", type=float, default=30.0)
    parser.add_argument("--max-in-flight", type=int, default=100)
    print(json.dumps(asyncio.run(prune(parser.parse_args()))), flush=True)


if __name__ == "__main__":
    main()

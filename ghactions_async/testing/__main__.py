"""``python -m ghactions_async.testing``: serve a FakeGitHub from its own process.

Prints one JSON line with ``url`` and ``token`` once it listens, then serves
until interrupted. Benchmarks use it so that the server's work does not
share the client's interpreter.

    python -m ghactions_async.testing --latency 0.02 --caches octo/app=10000
    python -m ghactions_async.testing --latency 0.02 --runs octo/app=20000
    python -m ghactions_async.testing --ghes 3.6 --runs octo/app=100
"""

from __future__ import annotations

import argparse
import asyncio
import json
import sys
from datetime import timedelta
from pathlib import Path

from .._releases import GHES_RELEASES
from ._faults import Faults
from ._server import FakeGitHub
from ._state import utcnow

RUN_CONCLUSIONS = ("success", "success", "success", "failure", "cancelled")
"""The conclusions ``--runs`` cycles through."""


def parse_count(spec: str) -> tuple[str, int]:
    name, _, count = spec.partition("=")
    if "/" not in name or not count.isdigit():
        raise argparse.ArgumentTypeError(f"expected OWNER/REPO=COUNT, got {spec!r}")
    return name, int(count)


async def serve(options: argparse.Namespace) -> None:
    faults = Faults(
        error_rate=options.error_rate,
        drop_rate=options.drop_rate,
        drop_after_rate=options.drop_after_rate,
        outage_after=options.outage_after,
        outage_seconds=options.outage_seconds,
        max_concurrency=options.max_concurrency,
        points_per_minute=options.points_per_minute,
        time_scale=options.time_scale,
        seed=options.seed,
    )
    fake = FakeGitHub(
        latency=options.latency,
        port=options.port,
        primary_limit=None if options.no_rate_limiting else options.primary_limit,
        faults=faults,
        ghes=options.ghes,
    )
    now = utcnow()
    for full_name, count in options.caches:
        for index in range(count):
            accessed = now - timedelta(minutes=index)
            share = options.share_keys
            fake.add_cache(
                full_name,
                key=f"cache-{index // share:06d}",
                ref="refs/heads/main" if share == 1 else f"refs/heads/branch-{index % share}",
                size_in_bytes=1_000 + index,
                created_at=accessed,
                last_accessed_at=accessed,
            )
    for full_name, count in options.runs:
        for index in range(count):
            fake.add_run(
                full_name,
                conclusion=RUN_CONCLUSIONS[index % len(RUN_CONCLUSIONS)],
                event="pull_request" if index % 3 else "push",
                branch=f"branch-{index % 7}",
                created_at=now - timedelta(minutes=index),
                jobs=(),
            )
    async with fake:
        print(json.dumps({"url": fake.url, "token": fake.token}), flush=True)
        try:
            await asyncio.Event().wait()
        finally:  # stopped (Ctrl-C, SIGINT): say what was served, if asked
            if options.stats_file is not None:
                stats = fake.stats
                counts = {
                    "requests": stats.requests,
                    "limit_answers": stats.limit_answers,
                    "errors_injected": stats.errors_injected,
                    "outage_answers": stats.outage_answers,
                    "dropped": stats.dropped,
                }
                options.stats_file.write_text(json.dumps(counts))


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(prog="python -m ghactions_async.testing", description=__doc__)
    parser.add_argument("--latency", type=float, default=0.0, help="seconds each answer takes")
    parser.add_argument("--port", type=int, default=0, help="port on 127.0.0.1 (0: any free one)")
    parser.add_argument("--primary-limit", type=int, default=1_000_000, help="requests per hour")
    parser.add_argument(
        "--no-rate-limiting",
        action="store_true",
        help="no primary budget and no x-ratelimit headers (an Enterprise Server's default)",
    )
    parser.add_argument(
        "--ghes",
        choices=GHES_RELEASES,
        metavar="RELEASE",
        help=f"answer as this GitHub Enterprise Server release ({GHES_RELEASES[0]} to "
        f"{GHES_RELEASES[-1]}): its operations, its fields",
    )
    parser.add_argument(
        "--caches",
        type=parse_count,
        action="append",
        default=[],
        metavar="OWNER/REPO=COUNT",
        help="fill a repository with caches",
    )
    parser.add_argument(
        "--runs",
        type=parse_count,
        action="append",
        default=[],
        metavar="OWNER/REPO=COUNT",
        help="fill a repository with completed runs of ci.yml, no jobs (run i is i minutes old)",
    )
    parser.add_argument(
        "--share-keys",
        type=int,
        default=1,
        metavar="N",
        help="N caches in a row share a key, each on its own branch (cache i is i minutes old)",
    )
    limits = parser.add_argument_group("faults and limits (see ghactions_async.testing.Faults)")
    limits.add_argument("--points-per-minute", type=int, help="enforce a per-endpoint budget")
    limits.add_argument("--max-concurrency", type=int, help="enforce a cap on requests in flight")
    limits.add_argument("--time-scale", type=float, default=1.0, help="0.01: a minute lasts 0.6 s")
    limits.add_argument("--error-rate", type=float, default=0.0, help="answer this share with 502")
    limits.add_argument("--drop-rate", type=float, default=0.0, help="drop this share unanswered")
    limits.add_argument(
        "--drop-after-rate", type=float, default=0.0, help="do the work, then drop the answer"
    )
    limits.add_argument(
        "--outage-after", type=int, help="after this many requests, answer 502 for a while"
    )
    limits.add_argument(
        "--outage-seconds", type=float, default=0.0, help="how long the outage lasts"
    )
    limits.add_argument("--seed", type=int, default=0, help="makes the faults repeatable")
    parser.add_argument(
        "--stats-file", type=Path, help="on exit, write what was served there (JSON counts)"
    )
    options = parser.parse_args(argv)
    try:
        asyncio.run(serve(options))
    except KeyboardInterrupt:
        sys.exit(0)


if __name__ == "__main__":
    main()

"""Clean up several organizations as a GitHub App: each through its own installation.

    python examples/app_cleanup.py --app-id 12345 --private-key app.pem \\
        --org octo-org --org acme --older-than-days 14

Every installation has a rate budget of its own, so the organizations run
concurrently, each with its own token (renewed before it expires) and its
own governor; the report is one. An organization the app is not installed
on is one failed outcome; the others go on.
"""

from __future__ import annotations

import argparse
import asyncio
import logging
import os
import sys
from datetime import timedelta
from pathlib import Path

from ghactions_async import AppAuth, AsyncGitHubActions


async def cleanup(
    app_id: int,
    private_key: str,
    orgs: list[str],
    *,
    older_than: timedelta,
    base_url: str,
    dry_run: bool = False,
) -> int:
    async with AsyncGitHubActions(auth=AppAuth(app_id, private_key), base_url=base_url) as app:
        report = await app.bulk.prune_caches(orgs=orgs, older_than=older_than, dry_run=dry_run)
    by_org: dict[str, int] = {}
    for outcome in report.outcomes:
        if outcome.outcome in ("done", "skipped"):
            org = outcome.item.repo.split("/")[0]
            by_org[org] = by_org.get(org, 0) + 1
    verb = "would delete" if dry_run else "deleted"
    for org in orgs:
        print(f"{org}: {verb} {by_org.get(org, 0)} caches")
    for failure in report.failures:
        print(f"failed: {failure.item.repo}: {failure.error}", file=sys.stderr)
    return 1 if report.failed else 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--app-id", type=int, required=True)
    parser.add_argument("--private-key", type=Path, required=True, help="the app's PEM file")
    parser.add_argument("--org", action="append", required=True, dest="orgs")
    parser.add_argument("--older-than-days", type=float, default=7.0)
    parser.add_argument("--dry-run", action="store_true")
    parser.add_argument("--base-url", default=os.environ.get("GITHUB_API_URL"))
    options = parser.parse_args(argv)
    logging.basicConfig(level=logging.INFO, format="%(levelname)s %(name)s: %(message)s")
    return asyncio.run(
        cleanup(
            options.app_id,
            options.private_key.read_text(),
            options.orgs,
            older_than=timedelta(days=options.older_than_days),
            base_url=options.base_url or "https://api.github.com",
            dry_run=options.dry_run,
        )
    )


if __name__ == "__main__":
    sys.exit(main())

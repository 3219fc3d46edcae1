"""Prune one repository's stale caches from a plain script, with the blocking client.

    GITHUB_TOKEN=... python examples/prune_one_repo.py octo-org/api --older-than-days 7
    python examples/prune_one_repo.py octo-org/api --dry-run --base-url https://HOST/api/v3

Prints what was (or would be) deleted, and exits 1 if an item failed.
"""

from __future__ import annotations

import argparse
import logging
import os
import sys
from datetime import timedelta

from ghactions_async import GitHubActions


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("repo", help="OWNER/REPO")
    parser.add_argument("--older-than-days", type=float, default=7.0)
    parser.add_argument("--dry-run", action="store_true")
    parser.add_argument("--base-url", default=os.environ.get("GITHUB_API_URL"))
    options = parser.parse_args(argv)
    # The library's pauses and retries, one line each; it prints nothing by itself.
    logging.basicConfig(level=logging.INFO, format="%(levelname)s %(name)s: %(message)s")
    with GitHubActions(base_url=options.base_url or "https://api.github.com") as gh:
        report = gh.bulk.prune_caches(
            repos=[options.repo],
            older_than=timedelta(days=options.older_than_days),
            dry_run=options.dry_run,
        )
    verb = "would delete" if options.dry_run else "deleted"
    count = report.planned if options.dry_run else report.deleted
    print(f"{options.repo}: {verb} {count} caches, {report.bytes_freed} bytes freed")
    for failure in report.failures:
        print(f"failed: {failure.item.kind} {failure.item.id}: {failure.error}", file=sys.stderr)
    return 1 if report.failed else 0


if __name__ == "__main__":
    sys.exit(main())

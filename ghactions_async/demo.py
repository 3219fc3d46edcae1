"""``python -m ghactions_async.demo``: the main job against the embedded fake GitHub.

Fills a FakeGitHub with a few hundred caches across several repositories of
one organization, then finds and deletes the stale ones concurrently with
the async client, and the pull-request caches one by one with the sync
client. No token, no network.
"""

from __future__ import annotations

import asyncio
import random
import time
from datetime import datetime, timedelta, timezone

from ghactions_async import AsyncGitHubActions, GitHubActions
from ghactions_async.models import ActionsCache
from ghactions_async.testing import FakeGitHub

ORG = "octo-org"
REPOS = ["api", "web", "mobile", "infra", "docs", "sdk-python", "sdk-go", "data-pipeline"]
OSES = ["Linux", "macOS", "Windows"]
STALE_AFTER = timedelta(days=7)
LATENCY = 0.02  # seconds per request, roughly a round trip to api.github.com


def fill(fake: FakeGitHub, *, seed: int = 7) -> int:
    """A realistic mix: branch and PR caches, sizes from 1 MB to 400 MB, up to 30 days old."""
    rng = random.Random(seed)
    now = datetime.now(timezone.utc)
    count = 0
    for repo in REPOS:
        for _ in range(rng.randint(25, 55)):
            created = now - timedelta(hours=rng.uniform(0, 30 * 24))
            ref = rng.choice(
                ["refs/heads/main", "refs/heads/main", f"refs/pull/{rng.randint(1, 400)}/merge"]
            )
            tool = rng.choice(["npm", "pip", "gradle", "cargo", "go-build"])
            fake.add_cache(
                f"{ORG}/{repo}",
                key=f"{tool}-{rng.choice(OSES)}-{rng.getrandbits(48):012x}",
                ref=ref,
                size_in_bytes=rng.randint(1, 400) * 1_000_000,
                created_at=created,
                last_accessed_at=created + (now - created) * rng.random(),
            )
            count += 1
    return count


def megabytes(size: int) -> str:
    return f"{size / 1_000_000:,.0f} MB"


async def clean_up(fake: FakeGitHub) -> None:
    async with AsyncGitHubActions(fake.token, base_url=fake.url) as gh:
        usage = await gh.caches.list_org_usage_by_repository(ORG).collect()
        total = sum(u.active_caches_size_in_bytes for u in usage)
        print(f"{'repository':<28}{'caches':>8}{'size':>12}")
        for repo_usage in usage:
            print(
                f"{repo_usage.full_name:<28}{repo_usage.active_caches_count:>8}"
                f"{megabytes(repo_usage.active_caches_size_in_bytes):>12}"
            )
        print(
            f"{'total':<28}{sum(u.active_caches_count for u in usage):>8}{megabytes(total):>12}\n"
        )

        started = time.perf_counter()
        cutoff = datetime.now(timezone.utc) - STALE_AFTER

        async def stale_in(full_name: str) -> list[tuple[str, ActionsCache]]:
            owner, repo = full_name.split("/")
            return [
                (full_name, c)
                async for c in gh.caches.list(owner, repo)
                if c.last_accessed_at < cutoff
            ]

        listed = await asyncio.gather(*(stale_in(u.full_name) for u in usage))
        stale = [entry for entries in listed for entry in entries]
        print(
            f"async: {len(stale)} caches not used for {STALE_AFTER.days} days "
            f"({megabytes(sum(c.size_in_bytes for _, c in stale))}), "
            f"listed in {time.perf_counter() - started:.2f}s"
        )

        started = time.perf_counter()
        await asyncio.gather(
            *(gh.caches.delete(ORG, name.split("/")[1], cache.id) for name, cache in stale)
        )
        print(
            f"async: deleted them in {time.perf_counter() - started:.2f}s with up to "
            f"{gh.max_concurrency} requests in flight "
            f"({fake.stats.max_in_flight} seen by the server)\n"
        )


def clean_pull_requests(fake: FakeGitHub) -> None:
    with GitHubActions(fake.token, base_url=fake.url) as gh:
        started = time.perf_counter()
        removed = 0
        for repo in REPOS:
            for cache in gh.caches.list(ORG, repo):
                if cache.ref.startswith("refs/pull/"):
                    gh.caches.delete(ORG, repo, cache.id)
                    removed += 1
        print(
            f"sync:  deleted {removed} pull-request caches one by one "
            f"in {time.perf_counter() - started:.2f}s"
        )
        org = gh.caches.get_org_usage(ORG)
        print(
            f"sync:  {org.total_active_caches_count} caches left, "
            f"{megabytes(org.total_active_caches_size_in_bytes)}"
        )
        biggest = gh.caches.list(ORG, "api", sort="size_in_bytes").collect(limit=3)
        for cache in biggest:
            print(f"sync:  largest in {ORG}/api: {cache.key} {megabytes(cache.size_in_bytes)}")
        if gh.rate_limit is not None:
            print(f"sync:  rate limit {gh.rate_limit.remaining}/{gh.rate_limit.limit} left")


def main() -> None:
    with FakeGitHub(latency=LATENCY) as fake:
        created = fill(fake)
        print(
            f"FakeGitHub at {fake.url}: {created} caches in {len(REPOS)} repositories "
            f"of {ORG}, {LATENCY * 1000:.0f} ms latency\n"
        )
        asyncio.run(clean_up(fake))
        clean_pull_requests(fake)
        print(f"\n{fake.stats.requests} requests served")


if __name__ == "__main__":
    main()

"""``ghactions demo``: a real cache prune against the embedded fake GitHub.

Starts FakeGitHub in this process (with a round trip's latency), fills one
organization with dozens of repositories and thousands of caches as CI
leaves them (lockfile generations of npm, pip, gradle ... caches on main,
release branches and pull requests, many keys shared across refs), then runs
what a person would: cache usage, a dry-run prune, the prune itself under a
progress bar, and the report. No token, no network; a fixed seed keeps the
numbers the same from run to run.
"""

from __future__ import annotations

import itertools
import random
import time
from datetime import datetime, timedelta, timezone
from typing import TYPE_CHECKING

import click

from ._common import INTERRUPTED
from ._connect import Settings, run
from ._output import (
    ProgressBar,
    format_duration,
    format_size,
    out_console,
    plural,
    print_plan,
    print_report,
)
from ._prune import Interrupts

if TYPE_CHECKING:
    from .._bulk._engine import ProgressHook
    from .._bulk._report import BulkReport, BulkStop
    from .._client import AsyncGitHubActions
    from ..models.caches import CacheUsage, RepositoryCacheUsage
    from ..testing import FakeGitHub

ORG = "octo-org"
# fmt: off
REPOSITORIES = (
    "api", "web", "mobile-ios", "mobile-android", "infra", "docs", "sdk-python", "sdk-go",
    "sdk-js", "data-pipeline", "billing", "auth", "search", "notifications", "payments",
    "analytics", "admin-ui", "design-system", "cli", "terraform-modules", "helm-charts",
    "ml-models", "feature-flags", "gateway", "scheduler", "ledger", "exporter", "website",
    "status-page", "load-tests", "e2e-tests", "fixtures", "proto", "worker", "mailer",
    "media", "maps", "chat", "video", "edge",
)
# fmt: on
TOOLS = (  # (cache, smallest MB, largest MB)
    ("npm", 5, 40),
    ("pip", 3, 30),
    ("gradle", 20, 100),
    ("cargo", 30, 120),
    ("go-build", 10, 80),
    ("maven", 15, 60),
    ("buildx", 40, 150),
)
OSES = ("Linux", "macOS", "Windows")
OLDER_THAN = timedelta(days=7)
MONTH = timedelta(days=30)
PRUNE = f"ghactions caches prune --org {ORG} --older-than 7d"


def fill(fake: FakeGitHub, *, seed: int, now: datetime) -> int:
    """Caches as a month of CI leaves them; returns how many.

    Each repository uses a few tools on a few operating systems. Every tool's
    key changes with its lockfile: each generation of a key lives for a span
    of the month, saved on main, on some release branches and on the pull
    requests of that span. Keys of past generations have gone stale on every
    ref (a prune deletes each with one request); the current ones are fresh.
    """
    rng = random.Random(seed)
    count = 0
    for repo in REPOSITORIES:
        full_name = f"{ORG}/{repo}"
        fake.add_repo(full_name)
        releases = [f"refs/heads/release/{rng.randint(1, 4)}.{n}" for n in range(rng.randint(0, 3))]
        pulls = [f"refs/pull/{n}/merge" for n in rng.sample(range(100, 2400), k=rng.randint(5, 30))]
        for tool, smallest, largest in rng.sample(TOOLS, k=rng.randint(2, 4)):
            for os_name in rng.sample(OSES, k=rng.randint(1, 3)):
                generations = rng.randint(2, 6)
                cuts = sorted(rng.uniform(0, 1) for _ in range(generations - 1))
                edges = [now - MONTH, *(now - MONTH + MONTH * c for c in cuts), now]
                for born, retired in itertools.pairwise(edges):
                    key = f"{tool}-{os_name}-{rng.getrandbits(64):016x}"
                    refs = ["refs/heads/main"]
                    refs += rng.sample(releases, k=rng.randint(0, len(releases)))
                    refs += rng.sample(pulls, k=rng.randint(0, 5))
                    for ref in refs:
                        created = born + (retired - born) * rng.uniform(0, 0.5)
                        end = (
                            retired
                            if ref == "refs/heads/main"
                            else created + (retired - created) * rng.random()
                        )
                        fake.add_cache(
                            full_name,
                            key=key,
                            ref=ref,
                            size_in_bytes=rng.randint(smallest, largest) * 1_000_000,
                            created_at=created,
                            last_accessed_at=min(end, now),
                        )
                        count += 1
    return count


def _show(command: str) -> None:
    out_console().print(f"\n[bold]$ {command}[/bold]")


@click.command(short_help="A real prune on an embedded fake GitHub (no token).")
@click.option("--seed", type=int, default=7, show_default=True, help="Seed of the made-up data.")
@click.option(
    "--latency",
    type=click.FloatRange(0, 1),
    default=0.02,
    show_default=True,
    help="Seconds every answer of the fake takes (about a round trip to api.github.com).",
)
def demo(seed: int, latency: float) -> None:
    """Prune an organization's caches on an embedded fake GitHub (no token, no network)."""
    from ..testing import FakeGitHub
    from ._caches import largest_first, print_usage

    started = time.perf_counter()
    console = out_console()
    with FakeGitHub(latency=latency) as fake:
        now = datetime.now(timezone.utc)
        created = fill(fake, seed=seed, now=now)
        settings = Settings(base_url=fake.url, token=fake.token)
        console.print(
            f"FakeGitHub at {fake.url} ({latency * 1000:.0f} ms latency): "
            f"{plural(created, 'caches')} in {plural(len(REPOSITORIES), 'repositories')} "
            f"of {ORG} (seed {seed})."
        )

        _show(f"ghactions caches usage --org {ORG}")

        async def usage(gh: AsyncGitHubActions) -> list[RepositoryCacheUsage]:
            return await gh.caches.list_org_usage_by_repository(ORG).collect()

        before = run(settings, usage)
        print_usage(largest_first(before), limit=10)

        def prune(dry_run: bool, hook: ProgressHook | None, stop: BulkStop | None) -> BulkReport:
            async def work(gh: AsyncGitHubActions) -> BulkReport:
                return await gh.bulk.prune_caches(
                    org=ORG, older_than=OLDER_THAN, dry_run=dry_run, on_progress=hook, stop=stop
                )

            return run(settings, work)

        _show(f"{PRUNE} --dry-run")
        plan = prune(True, None, None)
        print_plan(plan, "caches", "delete", limit=5)

        _show(f"{PRUNE} --yes")
        fake.reset_stats()
        from .._bulk._report import BulkStop

        stop = BulkStop()
        with ProgressBar("Delete caches", enabled=True) as bar, Interrupts(stop, bar.stopping):
            report = prune(False, bar.update, stop)
        print_report(report, "caches", "deleted", stopped=stop.stopped, limit=10)
        _explain(report, fake)

        async def org_usage(gh: AsyncGitHubActions) -> CacheUsage:
            return await gh.caches.get_org_usage(ORG)

        after = run(settings, org_usage)
        console.print(
            f"Left in {ORG}: {plural(after.total_active_caches_count or 0, 'caches')} "
            f"({format_size(after.total_active_caches_size_in_bytes)}), down from "
            f"{plural(sum(u.active_caches_count for u in before), 'caches')} "
            f"({format_size(sum(u.active_caches_size_in_bytes for u in before))})."
        )
    console.print(f"Demo finished in {format_duration(time.perf_counter() - started)}.")
    if stop.stopped:
        raise click.exceptions.Exit(INTERRUPTED)
    if report.failed:
        raise click.exceptions.Exit(1)


def _explain(report: BulkReport, fake: FakeGitHub) -> None:
    """How few requests the prune needed, from what the fake served."""
    routes = fake.stats.by_route
    by_key = routes["DELETE /repos/{owner}/{repo}/actions/caches"]
    by_id = routes["DELETE /repos/{owner}/{repo}/actions/caches/{cache_id}"]
    listing = sum(count for route, count in routes.items() if route.startswith("GET "))
    if not report.done:
        return
    out_console().print(
        f"Requests per cache deleted: {report.requests / report.done:.2f} "
        f"({by_key:,} deletes by key removed {report.done - by_id:,} caches, "
        f"{by_id:,} deletes by id, {listing:,} list requests; "
        f"up to {fake.stats.max_in_flight} in flight)."
    )

"""``ghactions demo``: a real cache prune against the embedded fake GitHub.

Starts FakeGitHub in this process (with a round trip's latency), fills one
organization with dozens of repositories and thousands of caches as CI
leaves them (lockfile generations of npm, pip, gradle ... caches on main,
release branches and pull requests, many keys shared across refs), then runs
what a person would: cache usage, a dry-run prune, the prune itself under a
progress bar, and the report. No token, no network; a fixed seed keeps the
numbers the same from run to run.

``--ghes 3.6`` makes the fake answer as that GitHub Enterprise Server
release. Releases before the cache list and deletes (3.7) cannot prune
caches; there the demo says so and prunes the organization's artifacts.
"""

from __future__ import annotations

import time
from datetime import datetime, timedelta, timezone
from typing import TYPE_CHECKING

import click

from .._ghes import operation_since, release_key
from .._operations import caches as cache_operations
from .._releases import GHES_RELEASES
from ._common import INTERRUPTED
from ._connect import Settings, run
from ._demo_world import ORG, REPOSITORIES, fill_artifacts, fill_caches
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

OLDER_THAN = timedelta(days=7)
PRUNE = f"ghactions caches prune --org {ORG} --older-than 7d"
PRUNE_ARTIFACTS = f"ghactions artifacts prune --org {ORG} --older-than 7d"
CACHE_PRUNE_NEEDS = (
    cache_operations.LIST_ORG_USAGE_BY_REPOSITORY,
    cache_operations.LIST,
    cache_operations.DELETE_BY_KEY,
    cache_operations.DELETE_BY_ID,
    cache_operations.GET_ORG_USAGE,
)
"""What the cache prune of the demo calls, besides what every release has."""


def cache_prune_since() -> str | None:
    """The first GHES release with every operation the demo's cache prune needs (None: none)."""
    found = [operation_since(op.operation_id) for op in CACHE_PRUNE_NEEDS]
    known = [release for release in found if release is not None]
    return max(known, key=release_key) if len(known) == len(found) else None


def prunes_caches(release: str | None) -> bool:
    """Whether the demo can prune caches on this GHES release (None: github.com)."""
    first = cache_prune_since()
    return release is None or (first is not None and release_key(release) >= release_key(first))


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
@click.option(
    "--ghes",
    type=click.Choice(GHES_RELEASES),
    metavar="RELEASE",
    help=(
        f"Answer as this GitHub Enterprise Server release ({GHES_RELEASES[0]} to "
        f"{GHES_RELEASES[-1]}); before {cache_prune_since()} the demo prunes artifacts."
    ),
)
def demo(seed: int, latency: float, ghes: str | None) -> None:
    """Prune an organization's caches on an embedded fake GitHub (no token, no network)."""
    from ..testing import FakeGitHub

    started = time.perf_counter()
    console = out_console()
    caches = prunes_caches(ghes)
    with FakeGitHub(latency=latency, ghes=ghes) as fake:
        now = datetime.now(timezone.utc)
        fill = fill_caches if caches else fill_artifacts
        created = fill(fake, seed=seed, now=now)
        settings = Settings(base_url=fake.url, token=fake.token)
        served = f" as GHES {ghes}" if ghes else ""
        console.print(
            f"FakeGitHub at {fake.url}{served} ({latency * 1000:.0f} ms latency): "
            f"{plural(created, 'caches' if caches else 'artifacts')} in "
            f"{plural(len(REPOSITORIES), 'repositories')} of {ORG} (seed {seed})."
        )
        if caches:
            report, stop = _prune_caches(fake, settings)
        else:
            console.print(
                f"GHES {ghes} cannot prune caches: listing and deleting them arrived in "
                f"GHES {cache_prune_since()}. Pruning artifacts instead."
            )
            report, stop = _prune_artifacts(fake, settings)
    console.print(f"Demo finished in {format_duration(time.perf_counter() - started)}.")
    if stop.stopped:
        raise click.exceptions.Exit(INTERRUPTED)
    if report.failed:
        raise click.exceptions.Exit(1)


def _prune_caches(fake: FakeGitHub, settings: Settings) -> tuple[BulkReport, BulkStop]:
    """Usage, a dry run, the prune and what is left: what a person does."""
    from ._caches import largest_first, print_usage

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
    print_plan(prune(True, None, None), "caches", "delete", limit=5)

    _show(f"{PRUNE} --yes")
    fake.reset_stats()
    stop = _stop()
    with ProgressBar("Delete caches", enabled=True) as bar, Interrupts(stop, bar.stopping):
        report = prune(False, bar.update, stop)
    print_report(report, "caches", "deleted", stopped=stop.stopped, limit=10)
    _explain(report, fake)

    async def org_usage(gh: AsyncGitHubActions) -> CacheUsage:
        return await gh.caches.get_org_usage(ORG)

    after = run(settings, org_usage)
    out_console().print(
        f"Left in {ORG}: {plural(after.total_active_caches_count or 0, 'caches')} "
        f"({format_size(after.total_active_caches_size_in_bytes)}), down from "
        f"{plural(sum(u.active_caches_count for u in before), 'caches')} "
        f"({format_size(sum(u.active_caches_size_in_bytes for u in before))})."
    )
    return report, stop


def _prune_artifacts(fake: FakeGitHub, settings: Settings) -> tuple[BulkReport, BulkStop]:
    """A dry run, the prune and what is left, for a release that cannot prune caches."""

    def prune(dry_run: bool, hook: ProgressHook | None, stop: BulkStop | None) -> BulkReport:
        async def work(gh: AsyncGitHubActions) -> BulkReport:
            return await gh.bulk.delete_artifacts(
                org=ORG, older_than=OLDER_THAN, dry_run=dry_run, on_progress=hook, stop=stop
            )

        return run(settings, work)

    def held() -> tuple[int, int]:
        found = [a for repo in REPOSITORIES for a in fake.artifacts(f"{ORG}/{repo}")]
        return len(found), sum(a.size_in_bytes for a in found)

    before = held()
    _show(f"{PRUNE_ARTIFACTS} --dry-run")
    print_plan(prune(True, None, None), "artifacts", "delete", limit=5)

    _show(f"{PRUNE_ARTIFACTS} --yes")
    stop = _stop()
    with ProgressBar("Delete artifacts", enabled=True) as bar, Interrupts(stop, bar.stopping):
        report = prune(False, bar.update, stop)
    print_report(report, "artifacts", "deleted", stopped=stop.stopped, limit=10)
    after = held()
    out_console().print(
        f"Left in {ORG}: {plural(after[0], 'artifacts')} ({format_size(after[1])}), "
        f"down from {plural(before[0], 'artifacts')} ({format_size(before[1])})."
    )
    return report, stop


def _stop() -> BulkStop:
    from .._bulk._report import BulkStop

    return BulkStop()


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

"""``ghactions caches list|usage|delete|prune``."""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import TYPE_CHECKING, Any, cast

import click

from ._common import (
    ask,
    check_scope,
    connection_options,
    dry_run_option,
    each_repository,
    finish_actions,
    json_option,
    limit_of,
    limit_option,
    refuse_without_terminal,
    scope_options,
    settings,
    yes_option,
)
from ._connect import run
from ._output import (
    escape,
    format_age,
    format_size,
    model_json,
    out_console,
    plural,
    print_json,
    print_table,
    spinner,
    table,
)
from ._parse import DURATION, REPO, SIZE, TIME, split_repo
from ._prune import run_bulk, run_each

if TYPE_CHECKING:
    from .._client import AsyncGitHubActions
    from ..models.caches import ActionsCache, RepositoryCacheUsage
    from ..resources.caches import CacheSort

SORTS = ("last_accessed_at", "created_at", "size_in_bytes")


@click.group()
def caches() -> None:
    """GitHub Actions caches: list them, see usage, delete and prune."""


@caches.command("list")
@scope_options
@click.option("--key", help="Only caches whose key starts with this.")
@click.option("--ref", help="Only caches of this ref (refs/heads/main, refs/pull/42/merge).")
@click.option(
    "--sort",
    type=click.Choice(SORTS),
    default="last_accessed_at",
    show_default=True,
    help="Order within each repository.",
)
@click.option("--asc", is_flag=True, help="Ascending order (default: descending).")
@limit_option(None, "caches")
@json_option
@connection_options()
def list_caches(
    repos: tuple[str, ...],
    org: str | None,
    key: str | None,
    ref: str | None,
    sort: str,
    asc: bool,
    limit: int | None,
    as_json: bool,
) -> None:
    """List the caches of repositories, most recently used first."""
    names, org = check_scope(repos, org)

    async def work(gh: AsyncGitHubActions) -> list[tuple[str, list[ActionsCache]]]:
        from .._bulk._repositories import cached_repositories

        targets = names if names is not None else await cached_repositories(gh.caches, org or "")

        async def one(owner: str, repo: str) -> list[ActionsCache]:
            listing = gh.caches.list(
                owner,
                repo,
                key=key,
                ref=ref,
                sort=cast("CacheSort", sort),
                direction="asc" if asc else "desc",
            )
            return await listing.collect(limit=limit_of(limit))

        return await each_repository(targets, one)

    with spinner("Listing caches...", enabled=not as_json):
        found = run(settings(), work)
    if as_json:
        print_json([model_json(c, repo=name) for name, items in found for c in items])
        return
    rows = [
        [
            name,
            str(c.id),
            c.key or "-",
            c.ref or "-",
            format_size(c.size_in_bytes),
            format_age(c.created_at),
            format_age(c.last_accessed_at),
        ]
        for name, items in found
        for c in items
    ]
    print_table("caches", ["repository", "id", "key", "ref", "size", "created", "last used"], rows)


@caches.command("usage")
@scope_options
@json_option
@connection_options()
def usage(repos: tuple[str, ...], org: str | None, as_json: bool) -> None:
    """Count and size of active caches per repository, largest first.

    GitHub refreshes these numbers about every five minutes.
    """
    names, org = check_scope(repos, org)

    async def work(gh: AsyncGitHubActions) -> list[RepositoryCacheUsage]:
        if names is None:
            return await gh.caches.list_org_usage_by_repository(org or "").collect()
        found = await each_repository(names, gh.caches.get_usage)
        return [u for _, u in found]

    with spinner("Reading cache usage...", enabled=not as_json):
        found = run(settings(), work)
    found = largest_first(found)
    if as_json:
        print_json([model_json(u) for u in found])
        return
    print_usage(found)


def largest_first(found: list[RepositoryCacheUsage]) -> list[RepositoryCacheUsage]:
    """Usage rows by cache size, largest first (then by name)."""
    return sorted(found, key=lambda u: (-u.active_caches_size_in_bytes, u.full_name))


def print_usage(found: list[RepositoryCacheUsage], *, limit: int | None = None) -> None:
    """The usage table, with a total row (and ``... N more`` past ``limit`` rows)."""
    shown = found if limit is None else found[:limit]
    rows = [
        [u.full_name, f"{u.active_caches_count:,}", format_size(u.active_caches_size_in_bytes)]
        for u in shown
    ]
    rest = found[len(shown) :]
    if rest:
        rows.append(
            [
                f"... {plural(len(rest), 'more repositories')}",
                f"{sum(u.active_caches_count for u in rest):,}",
                format_size(sum(u.active_caches_size_in_bytes for u in rest)),
            ]
        )
    if found:
        rows.append(
            [
                f"total ({plural(len(found), 'repositories')})",
                f"{sum(u.active_caches_count for u in found):,}",
                format_size(sum(u.active_caches_size_in_bytes for u in found)),
            ]
        )
    if not rows:
        print_table("caches", [], [])
        return
    usage_table = table(None, ["repository", "caches", "size"], rows)
    usage_table.rows[-2].end_section = True  # a rule above the total
    out_console().print(usage_table)


@caches.command("delete", short_help="Delete caches of one repository, by id or key.")
@click.argument("repo", type=REPO, metavar="OWNER/REPO")
@click.argument("cache_ids", metavar="[CACHE_ID]...", type=click.IntRange(1), nargs=-1)
@click.option("--key", help="Delete every cache with exactly this key (instead of ids).")
@click.option("--ref", help="With --key: only the caches of this ref.")
@dry_run_option
@yes_option
@json_option
@connection_options()
def delete(
    repo: str,
    cache_ids: tuple[int, ...],
    key: str | None,
    ref: str | None,
    dry_run: bool,
    yes: bool,
    as_json: bool,
) -> None:
    """Delete caches of one repository: by id, or every cache of a key with --key."""
    if bool(cache_ids) == (key is not None):
        raise click.UsageError("give cache ids or --key, not both and not neither")
    if ref is not None and key is None:
        raise click.UsageError("--ref goes with --key")
    refuse_without_terminal(yes=yes, dry_run=dry_run, what="delete caches")
    owner, name = split_repo(repo)
    if dry_run:
        _preview_deletion(repo, cache_ids, key, ref, as_json)
        return
    if key is not None:
        on_ref = f" on {ref}" if ref else ""
        ask(
            f"Delete every cache with key {key!r}{on_ref} in {repo}?",
            yes=yes,
            nothing="Nothing was deleted.",
        )
        deleted = run(settings(), lambda gh: gh.caches.delete_by_key(owner, name, key, ref=ref))
        if as_json:
            print_json(
                {
                    "repo": repo,
                    "dry_run": False,
                    "done": [c.id for c in deleted],
                    "deleted": [model_json(c) for c in deleted],
                    "failed": [],
                }
            )
        else:
            size = format_size(sum(c.size_in_bytes or 0 for c in deleted))
            out_console().print(f"Deleted {plural(len(deleted), 'caches')} ({size}) from {repo}.")
        return
    ask(
        f"Delete {plural(len(cache_ids), 'caches')} ({', '.join(map(str, cache_ids))}) in {repo}?",
        yes=yes,
        nothing="Nothing was deleted.",
    )
    done, failures, not_started = run_each(
        settings(), cache_ids, lambda gh, i: gh.caches.delete(owner, name, i)
    )
    finish_actions(
        repo=repo,
        kind="cache",
        past="deleted",
        done=done,
        failures=failures,
        not_started=not_started,
        as_json=as_json,
    )


def _preview_deletion(
    repo: str, cache_ids: tuple[int, ...], key: str | None, ref: str | None, as_json: bool
) -> None:
    owner, name = split_repo(repo)

    async def work(gh: AsyncGitHubActions) -> list[ActionsCache]:
        return await gh.caches.list(owner, name, key=key, ref=ref).collect()

    listed = run(settings(), work)
    if key is not None:
        going = [c for c in listed if c.key == key]
        missing: list[int] = []
    else:
        by_id = {c.id: c for c in listed}
        going = [by_id[i] for i in cache_ids if i in by_id]
        missing = [i for i in cache_ids if i not in by_id]
    if as_json:
        print_json(
            {
                "repo": repo,
                "dry_run": True,
                "planned": [model_json(c) for c in going],
                "missing": missing,
            }
        )
        return
    console = out_console()
    for c in going:
        console.print(
            f"would delete cache {c.id} {escape(c.key or '-')} "
            f"({escape(c.ref or '-')}, {format_size(c.size_in_bytes)})"
        )
    for i in missing:
        console.print(f"no cache {i} in {repo}")
    size = format_size(sum(c.size_in_bytes or 0 for c in going))
    console.print(
        f"[bold]Dry run:[/bold] would delete {plural(len(going), 'caches')} ({size}) "
        f"from {repo}; nothing was changed."
    )


@caches.command("prune", short_help="Delete matching caches across repositories.")
@scope_options
@click.option(
    "--older-than", type=DURATION, help="Not used for this long: 7d, 12h, 2w (last access)."
)
@click.option("--accessed-before", type=TIME, help="Last used before this date or time.")
@click.option("--created-before", type=TIME, help="Created before this date or time.")
@click.option("--key-prefix", help="Key starts with this.")
@click.option("--key-pattern", metavar="GLOB", help="Key matches this glob (npm-*-linux).")
@click.option("--ref", metavar="GLOB", help="Ref is this, or matches a glob: 'refs/pull/*/merge'.")
@click.option("--min-size", type=SIZE, help="At least this large: 500MB, 1.5GiB, 1024.")
@click.option(
    "--keep-latest",
    type=click.IntRange(0),
    metavar="N",
    help="Spare the N most recently used of each key.",
)
@click.option(
    "--max-total-size",
    type=SIZE,
    help="Then delete the least recently used until each repository fits in this size.",
)
@dry_run_option
@yes_option
@json_option
@connection_options()
def prune(
    repos: tuple[str, ...],
    org: str | None,
    older_than: timedelta | None,
    accessed_before: datetime | None,
    created_before: datetime | None,
    key_prefix: str | None,
    key_pattern: str | None,
    ref: str | None,
    min_size: int | None,
    keep_latest: int | None,
    max_total_size: int | None,
    dry_run: bool,
    yes: bool,
    as_json: bool,
) -> None:
    """Delete the caches that match every filter given, across repositories.

    A key whose caches all go is deleted with one request. Example: caches
    of pull requests not used for three days in a whole organization:

        ghactions caches prune --org octo-org --ref 'refs/pull/*/merge' --older-than 3d
    """
    scope = check_scope(repos, org)
    filters: dict[str, Any] = {
        "older_than": older_than,
        "accessed_before": accessed_before,
        "created_before": created_before,
        "key_prefix": key_prefix,
        "key_pattern": key_pattern,
        "ref": ref,
        "min_size": min_size,
    }
    if all(v is None for v in filters.values()) and max_total_size is None:
        raise click.UsageError(
            "say which caches to prune: --older-than, --accessed-before, --created-before, "
            "--key-prefix, --key-pattern, --ref, --min-size or --max-total-size"
        )
    run_bulk(
        settings(),
        lambda gh: gh.bulk.prune_caches,
        {**filters, "keep_latest": keep_latest, "max_total_size": max_total_size},
        scope=scope,
        noun="caches",
        verb="delete",
        past="deleted",
        dry_run=dry_run,
        yes=yes,
        as_json=as_json,
    )

"""``ghactions artifacts list|download|prune``."""

from __future__ import annotations

from datetime import datetime, timedelta
from pathlib import Path
from typing import TYPE_CHECKING

import click

from ._common import (
    check_scope,
    connection_options,
    dry_run_option,
    each_repository,
    include_archived_option,
    json_option,
    limit_of,
    limit_option,
    org_repositories,
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
    print_json,
    print_table,
    spinner,
)
from ._parse import DURATION, REPO, SIZE, TIME, split_repo
from ._prune import run_bulk

if TYPE_CHECKING:
    from .._client import AsyncGitHubActions
    from ..models.artifacts import Artifact


@click.group()
def artifacts() -> None:
    """Artifacts of workflow runs: list, download and prune them."""


@artifacts.command("list", short_help="List artifacts, newest first.")
@scope_options
@click.option("--name", help="Only artifacts with exactly this name.")
@limit_option(None, "artifacts")
@include_archived_option
@json_option
@connection_options()
def list_artifacts(
    repos: tuple[str, ...],
    org: str | None,
    name: str | None,
    limit: int | None,
    include_archived: bool,
    as_json: bool,
) -> None:
    """List the artifacts of repositories, newest first, expired ones included."""
    names, org = check_scope(repos, org)

    async def work(gh: AsyncGitHubActions) -> list[tuple[str, list[Artifact]]]:
        targets = (
            names
            if names is not None
            else await org_repositories(gh, org or "", include_archived=include_archived)
        )

        async def one(owner: str, repo: str) -> list[Artifact]:
            return await gh.artifacts.list(owner, repo, name=name).collect(limit=limit_of(limit))

        return await each_repository(targets, one)

    with spinner("Listing artifacts...", enabled=not as_json):
        found = run(settings(), work)
    if as_json:
        print_json([model_json(a, repo=repo) for repo, items in found for a in items])
        return
    rows = [
        [
            repo,
            str(a.id),
            a.name,
            format_size(a.size_in_bytes),
            format_age(a.created_at),
            "expired" if a.expired else format_age(a.expires_at),
            str(a.workflow_run.id) if a.workflow_run and a.workflow_run.id else "-",
        ]
        for repo, items in found
        for a in items
    ]
    print_table(
        "artifacts", ["repository", "id", "name", "size", "created", "expires", "run"], rows
    )


@artifacts.command("download", short_help="Download an artifact's zip archive.")
@click.argument("repo", type=REPO, metavar="OWNER/REPO")
@click.argument("artifact_id", type=click.IntRange(1))
@click.option(
    "--output",
    "-o",
    type=click.Path(path_type=Path),
    default=Path("."),
    show_default=True,
    help="A directory (the file keeps GitHub's name, <artifact>.zip) or a file path.",
)
@json_option
@connection_options()
def download(repo: str, artifact_id: int, output: Path, as_json: bool) -> None:
    """Download an artifact's zip archive (an expired one fails with Gone)."""
    owner, name = split_repo(repo)

    async def work(gh: AsyncGitHubActions) -> Path:
        return await gh.artifacts.download(owner, name, artifact_id, output)

    with spinner(f"Downloading artifact {artifact_id}...", enabled=not as_json):
        path = run(settings(), work)
    size = path.stat().st_size
    if as_json:
        print_json(
            {"repo": repo, "artifact_id": artifact_id, "path": str(path), "size_in_bytes": size}
        )
    else:
        out_console().print(
            f"Saved artifact {artifact_id} to {escape(str(path))} ({format_size(size)})."
        )


@artifacts.command("prune", short_help="Delete matching artifacts across repositories.")
@scope_options
@click.option("--name", "name_pattern", metavar="GLOB", help="Name is this, or matches a glob.")
@click.option("--older-than", type=DURATION, help="Created this long ago or more: 30d, 2w.")
@click.option("--created-before", type=TIME, help="Created before this date or time.")
@click.option("--min-size", type=SIZE, help="At least this large: 500MB, 1.5GiB, 1024.")
@click.option(
    "--expired/--unexpired",
    default=None,
    help="Only expired artifacts (their archive is already gone), or only unexpired ones.",
)
@click.option(
    "--keep-latest",
    type=click.IntRange(0),
    metavar="N",
    help="Spare the N newest artifacts of each name.",
)
@dry_run_option
@yes_option
@json_option
@connection_options()
def prune(
    repos: tuple[str, ...],
    org: str | None,
    name_pattern: str | None,
    older_than: timedelta | None,
    created_before: datetime | None,
    min_size: int | None,
    expired: bool | None,
    keep_latest: int | None,
    dry_run: bool,
    yes: bool,
    as_json: bool,
) -> None:
    """Delete the artifacts that match every filter given, across repositories.

    Example: large artifacts older than two weeks in a whole organization:

        ghactions artifacts prune --org octo-org --older-than 2w --min-size 100MB
    """
    scope = check_scope(repos, org)
    filters = {
        "name_pattern": name_pattern,
        "older_than": older_than,
        "created_before": created_before,
        "min_size": min_size,
        "expired": expired,
    }
    if all(v is None for v in filters.values()) and not keep_latest:
        raise click.UsageError(
            "say which artifacts to delete: --name, --older-than, --created-before, "
            "--min-size, --expired/--unexpired, or --keep-latest N to delete all but N of each name"
        )
    run_bulk(
        settings(),
        lambda gh: gh.bulk.delete_artifacts,
        {**filters, "keep_latest": keep_latest},
        scope=scope,
        noun="artifacts",
        verb="delete",
        past="deleted",
        dry_run=dry_run,
        yes=yes,
        as_json=as_json,
    )

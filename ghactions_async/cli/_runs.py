"""``ghactions runs list|cancel|rerun|delete|prune``."""

from __future__ import annotations

import functools
from collections.abc import Awaitable, Callable
from typing import TYPE_CHECKING, Any, TypeVar, cast

import click

from .._run_status import NOT_COMPLETED, RUN_STATUSES, RunStatus
from ._common import (
    ask,
    check_scope,
    connection_options,
    dry_run_option,
    each_of,
    each_repository,
    finish_actions,
    include_archived_option,
    json_option,
    limit_of,
    limit_option,
    org_repositories,
    refuse_without_terminal,
    scope_options,
    settings,
    yes_option,
)
from ._connect import run
from ._output import (
    escape,
    format_age,
    model_json,
    out_console,
    plural,
    print_json,
    print_table,
    spinner,
)
from ._parse import DURATION, REPO, TIME, WORKFLOW, split_repo
from ._prune import run_bulk, run_each

if TYPE_CHECKING:
    from .._client import AsyncGitHubActions
    from ..models.runs import WorkflowRun

F = TypeVar("F", bound=Callable[..., Any])


@click.group()
def runs() -> None:
    """Workflow runs: list, cancel, re-run, delete and prune them."""


ENDED = tuple(s for s in RUN_STATUSES if s not in NOT_COMPLETED)
"""A completed run's status and the conclusions: what a deletion can act on."""


FILTER_OPTIONS = "--status, --older-than, --created-before, --branch, --workflow or --actor"


RUN_FILTERS = ("status", "older_than", "created_before", "branch", "workflow", "actor")


def run_filters(*, statuses: tuple[str, ...], status_help: str) -> Callable[[F], F]:
    """The filters the bulk run operations share, handed to the command as one ``filters`` dict.

    The dict is keyed as the bulk methods' parameters are (``RUN_FILTERS``).
    """

    def decorate(function: F) -> F:
        @functools.wraps(function)
        def bundled(*args: Any, **kwargs: Any) -> Any:
            filters = {name: kwargs.pop(name) for name in RUN_FILTERS}
            return function(*args, filters=filters, **kwargs)

        command = cast(F, bundled)
        for option in reversed(
            (
                click.option(
                    "--status", type=click.Choice(statuses), help=status_help, metavar="STATUS"
                ),
                click.option("--older-than", type=DURATION, help="Created this long ago or more."),
                click.option("--created-before", type=TIME, help="Created before this time."),
                click.option("--branch", help="Only runs of this branch."),
                click.option(
                    "--workflow", type=WORKFLOW, help="Only runs of this workflow (id or ci.yml)."
                ),
                click.option("--actor", help="Only runs started by this user."),
            )
        ):
            command = option(command)
        return command

    return decorate


def status_of(run_: WorkflowRun) -> str:
    if run_.status == "completed" and run_.conclusion:
        return run_.conclusion
    return run_.status or "-"


@runs.command("list")
@scope_options
@click.option(
    "--status", type=click.Choice(RUN_STATUSES), metavar="STATUS", help="A status or conclusion."
)
@click.option("--branch", help="Only runs of this branch.")
@click.option("--actor", help="Only runs started by this user.")
@click.option("--event", help="Only runs of this event (push, pull_request, schedule ...).")
@click.option("--workflow", type=WORKFLOW, help="Only runs of this workflow (id or ci.yml).")
@click.option("--created", help="GitHub's date filter: '>=2024-05-01', '2024-05-01..2024-05-31'.")
@limit_option(30, "runs")
@include_archived_option
@json_option
@connection_options()
def list_runs(
    repos: tuple[str, ...],
    org: str | None,
    status: str | None,
    branch: str | None,
    actor: str | None,
    event: str | None,
    workflow: int | str | None,
    created: str | None,
    limit: int | None,
    include_archived: bool,
    as_json: bool,
) -> None:
    """List workflow runs of repositories, newest first."""
    names, org = check_scope(repos, org)
    filters: dict[str, Any] = {
        "status": cast("RunStatus | None", status),
        "branch": branch,
        "actor": actor,
        "event": event,
        "created": created,
    }

    async def work(gh: AsyncGitHubActions) -> list[tuple[str, list[WorkflowRun]]]:
        targets = (
            names
            if names is not None
            else await org_repositories(gh, org or "", include_archived=include_archived)
        )

        async def one(owner: str, repo: str) -> list[WorkflowRun]:
            if workflow is None:
                listing = gh.runs.list(owner, repo, **filters)
            else:
                listing = gh.runs.list_for_workflow(owner, repo, workflow, **filters)
            return await listing.collect(limit=limit_of(limit))

        return await each_repository(targets, one)

    with spinner("Listing runs...", enabled=not as_json):
        found = run(settings(), work)
    if as_json:
        print_json([model_json(r, repo=repo) for repo, items in found for r in items])
        return
    rows = [
        [
            repo,
            str(r.id),
            r.name or r.path or "-",
            r.display_title or "-",
            r.head_branch or "-",
            r.event or "-",
            status_of(r),
            format_age(r.created_at),
        ]
        for repo, items in found
        for r in items
    ]
    print_table(
        "runs",
        ["repository", "id", "workflow", "title", "branch", "event", "status", "created"],
        rows,
    )


def _single(repo: str | None, run_ids: tuple[int, ...], command: str) -> bool:
    """Whether a command names its runs (REPO RUN_ID...) rather than filtering them."""
    if repo is None:
        if run_ids:
            raise click.UsageError(
                f"give OWNER/REPO before the run ids: ghactions runs {command} OWNER/REPO RUN_ID"
            )
        return False
    if not run_ids:
        raise click.UsageError("give at least one RUN_ID after the repository")
    return True


def _preview_runs(repo: str, run_ids: tuple[int, ...], verb: str, as_json: bool) -> None:
    """Dry run of a single-run action: fetch each run and say what would happen."""
    owner, name = split_repo(repo)

    async def work(gh: AsyncGitHubActions) -> list[WorkflowRun]:
        return await each_of(run_ids, lambda run_id: gh.runs.get(owner, name, run_id))

    runs_ = run(settings(), work)
    if as_json:
        print_json({"repo": repo, "dry_run": True, "planned": [model_json(r) for r in runs_]})
        return
    console = out_console()
    for r in runs_:
        console.print(f"would {verb} run {r.id} {escape(r.name or r.path or '-')} ({status_of(r)})")
    console.print(
        f"[bold]Dry run:[/bold] would {verb} {plural(len(runs_), 'runs')} in {repo}; "
        "nothing was changed."
    )


@runs.command("cancel", short_help="Cancel named runs, or the unfinished ones that match.")
@click.argument("repo", type=REPO, required=False, metavar="[OWNER/REPO]")
@click.argument("run_ids", metavar="[RUN_ID]...", type=click.IntRange(1), nargs=-1)
@scope_options
@run_filters(
    statuses=NOT_COMPLETED,
    status_help="Only runs in this state: " + ", ".join(NOT_COMPLETED) + ".",
)
@click.option("--force", is_flag=True, help="Force-cancel: skip always() steps of the jobs.")
@dry_run_option
@yes_option
@json_option
@connection_options()
def cancel(
    repo: str | None,
    run_ids: tuple[int, ...],
    repos: tuple[str, ...],
    org: str | None,
    filters: dict[str, Any],
    force: bool,
    dry_run: bool,
    yes: bool,
    as_json: bool,
) -> None:
    """Cancel runs: named ones (OWNER/REPO RUN_ID...) or every unfinished run that matches.

    Named runs are cancelled without a prompt. With --repo or --org, the runs
    not yet completed that match every filter are cancelled (after a
    confirmation), for example a stuck queue:

        ghactions runs cancel --repo octo/app --status queued --older-than 2h
    """
    if _single(repo, run_ids, "cancel"):
        assert repo is not None
        if repos or org or any(v is not None for v in filters.values()):
            raise click.UsageError("name runs (OWNER/REPO RUN_ID...) or filter them, not both")
        if dry_run:
            _preview_runs(repo, run_ids, "force-cancel" if force else "cancel", as_json)
            return
        owner, name = split_repo(repo)

        def cancel_one(gh: AsyncGitHubActions, run_id: int) -> Awaitable[None]:
            act = gh.runs.force_cancel if force else gh.runs.cancel
            return act(owner, name, run_id)

        done, failures, not_started = run_each(settings(), run_ids, cancel_one)
        finish_actions(
            repo=repo,
            kind="run",
            past="cancelled",
            done=done,
            failures=failures,
            not_started=not_started,
            as_json=as_json,
        )
        return
    scope = check_scope(repos, org)
    if all(v is None for v in filters.values()):
        raise click.UsageError(
            f"say which runs to cancel: {FILTER_OPTIONS} (or name them: OWNER/REPO RUN_ID...)"
        )
    run_bulk(
        settings(),
        lambda gh: gh.bulk.cancel_runs,
        {**filters, "force": force},
        scope=scope,
        noun="runs",
        verb="cancel",
        past="cancelled",
        dry_run=dry_run,
        yes=yes,
        as_json=as_json,
    )


@runs.command("rerun")
@click.argument("repo", type=REPO, metavar="OWNER/REPO")
@click.argument("run_id", type=click.IntRange(1))
@click.option("--failed-only", is_flag=True, help="Re-run only the failed and cancelled jobs.")
@click.option("--debug", is_flag=True, help="With debug logging (runner and step diagnostics).")
@json_option
@connection_options()
def rerun(repo: str, run_id: int, failed_only: bool, debug: bool, as_json: bool) -> None:
    """Run a completed run again, as a new attempt of the same run."""
    owner, name = split_repo(repo)
    debug_logging = True if debug else None

    async def work(gh: AsyncGitHubActions) -> None:
        if failed_only:
            await gh.runs.rerun_failed_jobs(owner, name, run_id, enable_debug_logging=debug_logging)
        else:
            await gh.runs.rerun(owner, name, run_id, enable_debug_logging=debug_logging)

    run(settings(), work)
    jobs = "failed jobs" if failed_only else "all jobs"
    if as_json:
        print_json({"repo": repo, "run_id": run_id, "jobs": "failed" if failed_only else "all"})
    else:
        out_console().print(f"Re-running run {run_id} in {repo} ({jobs}).")


@runs.command("delete", short_help="Delete completed runs of a repository.")
@click.argument("repo", type=REPO, metavar="OWNER/REPO")
@click.argument("run_ids", metavar="RUN_ID...", type=click.IntRange(1), nargs=-1, required=True)
@dry_run_option
@yes_option
@json_option
@connection_options()
def delete(repo: str, run_ids: tuple[int, ...], dry_run: bool, yes: bool, as_json: bool) -> None:
    """Delete completed runs of a repository, with their jobs, logs and artifacts."""
    refuse_without_terminal(yes=yes, dry_run=dry_run, what="delete runs")
    if dry_run:
        _preview_runs(repo, run_ids, "delete", as_json)
        return
    ask(
        f"Delete {plural(len(run_ids), 'runs')} ({', '.join(map(str, run_ids))}) in {repo}?",
        yes=yes,
        nothing="Nothing was deleted.",
    )
    owner, name = split_repo(repo)
    done, failures, not_started = run_each(
        settings(), run_ids, lambda gh, i: gh.runs.delete(owner, name, i)
    )
    finish_actions(
        repo=repo,
        kind="run",
        past="deleted",
        done=done,
        failures=failures,
        not_started=not_started,
        as_json=as_json,
    )


@runs.command("prune", short_help="Delete matching completed runs across repositories.")
@scope_options
@run_filters(
    statuses=ENDED,
    status_help="Only runs with this conclusion (failure, cancelled, success ...).",
)
@click.option(
    "--keep-latest",
    type=click.IntRange(0),
    metavar="N",
    help="Spare the N newest runs of each workflow.",
)
@dry_run_option
@yes_option
@json_option
@connection_options()
def prune(
    repos: tuple[str, ...],
    org: str | None,
    filters: dict[str, Any],
    keep_latest: int | None,
    dry_run: bool,
    yes: bool,
    as_json: bool,
) -> None:
    """Delete the completed runs that match every filter given, across repositories.

    Example: runs older than 90 days in a whole organization, keeping the
    last 10 of each workflow:

        ghactions runs prune --org octo-org --older-than 90d --keep-latest 10
    """
    scope = check_scope(repos, org)
    if all(v is None for v in filters.values()) and not keep_latest:
        raise click.UsageError(
            f"say which runs to delete: {FILTER_OPTIONS}, "
            "or --keep-latest N to delete all but N of each workflow"
        )
    run_bulk(
        settings(),
        lambda gh: gh.bulk.delete_runs,
        {**filters, "keep_latest": keep_latest},
        scope=scope,
        noun="runs",
        verb="delete",
        past="deleted",
        dry_run=dry_run,
        yes=yes,
        as_json=as_json,
    )

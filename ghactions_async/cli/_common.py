"""Options and helpers every command group shares: connection, scope, --json, --dry-run, --yes."""

from __future__ import annotations

from collections.abc import Awaitable, Callable, Sequence
from typing import TYPE_CHECKING, Any, TypeVar

import click

from .._config import DEFAULT_MAX_CONCURRENCY
from ._connect import Settings
from ._output import describe_error, err_console, escape, interactive, note, out_console, print_json
from ._parse import REPO

if TYPE_CHECKING:
    from .._client import AsyncGitHubActions
    from .._errors import GhActionsError

F = TypeVar("F", bound=Callable[..., Any])
K = TypeVar("K")
T = TypeVar("T")

MAX_CONCURRENCY = 100
"""GitHub allows about 100 requests in flight per credential."""

INTERRUPTED = 130
"""The exit code after Ctrl-C, as shells give a process that SIGINT ended."""


def _remember(ctx: click.Context, param: click.Parameter, value: Any) -> Any:
    """Store a connection option given at any level; the innermost one wins."""
    if value is not None and param.name is not None:
        setattr(ctx.ensure_object(Settings), param.name, value)
    return value


def connection_options(*, root: bool = False) -> Callable[[F], F]:
    """``--base-url``, ``--concurrency`` and ``--shared-limits``, on the group and again
    on every command."""

    def decorate(function: F) -> F:
        function = click.option(
            "--shared-limits",
            metavar="URL",
            envvar="GHACTIONS_SHARED_LIMITS" if root else None,
            show_envvar=root,
            callback=_remember,
            expose_value=False,
            help="Share the token's rate budget with every process using it, through Redis "
            "(redis://HOST:PORT/DB; needs the redis extra).",
        )(function)
        function = click.option(
            "--concurrency",
            type=click.IntRange(1, MAX_CONCURRENCY),
            metavar="N",
            callback=_remember,
            expose_value=False,
            help=f"Requests in flight at most (default {DEFAULT_MAX_CONCURRENCY}).",
        )(function)
        return click.option(
            "--base-url",
            metavar="URL",
            envvar="GITHUB_API_URL" if root else None,
            show_envvar=root,
            callback=_remember,
            expose_value=False,
            help="REST API URL, e.g. https://HOST/api/v3 for GitHub Enterprise Server "
            "(default: from GH_HOST, else https://api.github.com).",
        )(function)

    return decorate


def settings() -> Settings:
    return click.get_current_context().ensure_object(Settings)


def json_option(function: F) -> F:
    return click.option(
        "--json", "as_json", is_flag=True, help="Print JSON on stdout (for scripts)."
    )(function)


def dry_run_option(function: F) -> F:
    return click.option(
        "--dry-run", is_flag=True, help="Show what would change, and change nothing."
    )(function)


def yes_option(function: F) -> F:
    return click.option(
        "--yes", "-y", is_flag=True, help="Do not ask for confirmation (needed without a terminal)."
    )(function)


def scope_options(function: F) -> F:
    """``--repo OWNER/REPO`` (repeatable) or ``--org ORG``."""
    function = click.option("--org", metavar="ORG", help="Every repository of this organization.")(
        function
    )
    return click.option(
        "--repo",
        "repos",
        type=REPO,
        multiple=True,
        help="A repository as OWNER/REPO; repeat for several.",
    )(function)


def include_archived_option(function: F) -> F:
    """``--include-archived``: with ``--org``, list archived repositories too."""
    return click.option(
        "--include-archived",
        is_flag=True,
        help="With --org, archived repositories too (left out by default, as bulk work does).",
    )(function)


def check_scope(repos: Sequence[str], org: str | None) -> tuple[list[str] | None, str | None]:
    """Exactly one of --repo and --org (as the bulk operations take them)."""
    if repos and org:
        raise click.UsageError("give --repo or --org, not both")
    if not repos and not org:
        raise click.UsageError("say where: --repo OWNER/REPO (repeatable) or --org ORG")
    return (list(dict.fromkeys(repos)) if repos else None), org


async def org_repositories(
    gh: AsyncGitHubActions, org: str, *, include_archived: bool = False
) -> list[str]:
    """The repositories of an organization as ``owner/name``, by the bulk operations' rule."""
    return await gh.bulk.repositories(org, include_archived=include_archived)


async def each_of(values: Sequence[K], fetch: Callable[[K], Awaitable[T]]) -> list[T]:
    """``fetch`` every value concurrently (the client caps requests); the results in order."""
    import anyio

    found: dict[K, T] = {}

    async def one(value: K) -> None:
        found[value] = await fetch(value)

    async with anyio.create_task_group() as tasks:
        for value in values:
            tasks.start_soon(one, value)
    return [found[value] for value in values]


async def each_repository(
    names: Sequence[str], fetch: Callable[[str, str], Awaitable[T]]
) -> list[tuple[str, T]]:
    """``fetch(owner, repo)`` for every repository concurrently (the client caps requests)."""

    def one(full_name: str) -> Awaitable[T]:
        owner, _, repo = full_name.partition("/")
        return fetch(owner, repo)

    return list(zip(names, await each_of(names, one), strict=True))


def limit_option(default: int | None, what: str) -> Callable[[F], F]:
    shown = "all" if default is None else str(default)
    return click.option(
        "--limit",
        type=click.IntRange(0),
        metavar="N",
        default=default,
        help=f"At most this many {what} per repository (0: all; default {shown}).",
    )


def limit_of(value: int | None) -> int | None:
    return value or None


# -- single-item actions -------------------------------------------------------


def refuse_without_terminal(*, yes: bool, dry_run: bool, what: str) -> None:
    """No prompt can be answered without a terminal: refuse rather than hang."""
    if not dry_run and not yes and not interactive():
        raise click.UsageError(
            f"refusing to {what} without confirmation: stdin is not a terminal. "
            "Pass --yes to go ahead, or --dry-run to see what would change."
        )


def ask(question: str, *, yes: bool, nothing: str) -> None:
    """Ask unless ``--yes``; a "no" ends the command (exit code 1)."""
    if yes:
        return
    if not click.confirm(question, default=False, err=True):
        note(nothing)
        raise click.exceptions.Exit(1)


def failure_json(item: int, error: GhActionsError) -> dict[str, Any]:
    return {
        "id": item,
        "error": type(error).__name__,
        "status": getattr(error, "status", None),
        "message": error.message,
        "request_id": getattr(error, "request_id", None),
    }


def finish_actions(
    *,
    repo: str,
    kind: str,
    past: str,
    done: Sequence[int],
    failures: Sequence[tuple[int, GhActionsError]],
    not_started: Sequence[int] = (),
    as_json: bool,
) -> None:
    """Report single-item actions (JSON or lines); exit 130 after Ctrl-C, 1 if any failed."""
    if as_json:
        print_json(
            {
                "repo": repo,
                "dry_run": False,
                "done": list(done),
                "failed": [failure_json(i, e) for i, e in failures],
                "not_started": list(not_started),
            }
        )
    else:
        console = out_console()
        for item in done:
            console.print(f"{past.capitalize()} {kind} {item} in {repo}.")
        for item, error in failures:
            err_console().print(
                f"[bold red]error:[/bold red] {kind} {item}: {escape(describe_error(error))}"
            )
    if not_started:
        ids = ", ".join(map(str, not_started))
        note(f"Stopped by Ctrl-C: requests in flight finished; not started: {kind} {ids}.")
        raise click.exceptions.Exit(INTERRUPTED)
    if failures:
        raise click.exceptions.Exit(1)

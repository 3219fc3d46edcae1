"""``ghactions workflows list|dispatch``."""

from __future__ import annotations

from typing import TYPE_CHECKING

import click

from ._common import (
    check_scope,
    connection_options,
    each_repository,
    json_option,
    org_repositories,
    scope_options,
    settings,
)
from ._connect import connection, run
from ._output import escape, model_json, out_console, print_json, print_table, spinner
from ._parse import INPUT, REPO, WORKFLOW, split_repo

if TYPE_CHECKING:
    from .._client import AsyncGitHubActions
    from ..models.workflows import DispatchedRun, Workflow


@click.group()
def workflows() -> None:
    """Workflows: list them, start one with workflow_dispatch."""


@workflows.command("list", short_help="List workflows with their ids and state.")
@scope_options
@json_option
@connection_options()
def list_workflows(repos: tuple[str, ...], org: str | None, as_json: bool) -> None:
    """List the workflows of repositories, with their ids and whether they may run."""
    names, org = check_scope(repos, org)

    async def work(gh: AsyncGitHubActions) -> list[tuple[str, list[Workflow]]]:
        targets = names if names is not None else await org_repositories(gh, org or "")

        async def one(owner: str, repo: str) -> list[Workflow]:
            return await gh.workflows.list(owner, repo).collect()

        return await each_repository(targets, one)

    with spinner("Listing workflows...", enabled=not as_json):
        found = run(settings(), work)
    if as_json:
        print_json([model_json(w, repo=repo) for repo, items in found for w in items])
        return
    rows = [
        [repo, str(w.id), w.name or "-", w.path or "-", w.state or "-"]
        for repo, items in found
        for w in items
    ]
    print_table("workflows", ["repository", "id", "name", "path", "state"], rows)


@workflows.command("dispatch", short_help="Start a workflow_dispatch workflow.")
@click.argument("repo", type=REPO, metavar="OWNER/REPO")
@click.argument("workflow", type=WORKFLOW)
@click.option("--ref", required=True, help="The branch or tag to run the workflow on.")
@click.option(
    "--input",
    "-f",
    "inputs",
    type=INPUT,
    multiple=True,
    help="A workflow_dispatch input as NAME=VALUE; repeat for several.",
)
@click.option(
    "--run-details/--no-run-details",
    default=None,
    help="Ask GitHub which run it started (default: yes, except on GitHub Enterprise Server, "
    "which cannot say).",
)
@json_option
@connection_options()
def dispatch(
    repo: str,
    workflow: int | str,
    ref: str,
    inputs: tuple[tuple[str, str], ...],
    run_details: bool | None,
    as_json: bool,
) -> None:
    """Start a workflow that has a workflow_dispatch trigger (by id or file name)."""
    owner, name = split_repo(repo)
    if run_details is None:
        run_details = not connection(settings()).is_enterprise_server
    given = dict(inputs)

    async def work(gh: AsyncGitHubActions) -> DispatchedRun | None:
        return await gh.workflows.dispatch(
            owner,
            name,
            workflow,
            ref=ref,
            inputs=given or None,
            return_run_details=True if run_details else None,
        )

    started = run(settings(), work)
    if as_json:
        print_json(
            {
                "repo": repo,
                "workflow": workflow,
                "ref": ref,
                "run": None if started is None else model_json(started),
            }
        )
        return
    console = out_console()
    what = f"Dispatched {escape(str(workflow))} on {escape(ref)} in {repo}"
    if started is None:
        console.print(
            f"{what}. Find its run with: "
            f"ghactions runs list --repo {repo} --workflow {escape(str(workflow))}"
        )
    else:
        console.print(f"{what}: run {started.workflow_run_id} {escape(started.html_url or '')}")

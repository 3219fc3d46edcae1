"""Bulk operations over several organizations, each through its own client when it can.

A GitHub App has a rate budget per installation, so an operator cleaning up
several organizations goes fastest with one installation client per
organization. A bulk method given ``orgs=[...]`` comes here once every
argument is checked: with a client made with ``AppAuth``, each organization
is handled by ``for_installation`` of its installation (its own token,
governor and budget); with any other credential, by the same client. The
organizations run concurrently and come back as one report. An
organization the app is not installed on, or that cannot be reached, is one
failed outcome of kind "organization"; the others go on.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from typing import TYPE_CHECKING, Any

import anyio

from .._errors import GhActionsError
from ._engine import RequestMeter
from ._report import BulkItem, BulkOutcome, BulkProgress, BulkReport

if TYPE_CHECKING:
    from .._client import AsyncGitHubActions
    from .._http._requester import Requester


async def across_organizations(
    client: AsyncGitHubActions,
    requester: Requester,
    name: str,
    orgs: Sequence[str],
    arguments: Mapping[str, Any],
) -> BulkReport:
    """Run the bulk method ``name`` with ``arguments`` on each organization; one report."""
    from .._http._app import AppAuth

    kwargs = {k: v for k, v in arguments.items() if k not in ("org", "repos", "orgs")}
    hook: Callable[[BulkProgress], object] | None = kwargs.pop("on_progress", None)
    meter = RequestMeter(requester)
    latest: dict[str, BulkProgress] = {}
    reports: dict[str, BulkReport] = {}
    unreached: dict[str, BulkOutcome] = {}
    as_app = isinstance(requester.options.auth, AppAuth)

    def progress_of(org: str) -> Callable[[BulkProgress], None]:
        def note(progress: BulkProgress) -> None:
            latest[org] = progress
            if hook is not None:
                hook(_sum(latest.values()))

        return note

    async def one(org: str) -> None:
        try:
            if as_app:
                installation = await client.apps.get_org_installation(org)
                async with client.for_installation(installation.id) as installed:
                    run = getattr(installed.bulk, name)
                    reports[org] = await run(org=org, on_progress=progress_of(org), **kwargs)
            else:
                run = getattr(client.bulk, name)
                reports[org] = await run(org=org, on_progress=progress_of(org), **kwargs)
        except GhActionsError as error:
            item = BulkItem(repo=org, kind="organization", id=0, name=org)
            unreached[org] = BulkOutcome(item, "failed", error)
            progress_of(org)(BulkProgress(planned=1, failed=1))

    async with anyio.create_task_group() as tasks:
        for org in orgs:
            tasks.start_soon(one, org)
    done = [reports[org] for org in orgs if org in reports]
    outcomes = [o for org in orgs for o in (reports[org].outcomes if org in reports else ())]
    return BulkReport(
        operation=name,
        dry_run=bool(kwargs.get("dry_run", False)),
        outcomes=(*[unreached[o] for o in orgs if o in unreached], *outcomes),
        elapsed=meter.elapsed,
        requests=meter.requests + sum(r.requests for r in done if as_app),
        unplanned_deleted=sum(r.unplanned_deleted for r in done),
    )


def _sum(progress: Sequence[BulkProgress] | Any) -> BulkProgress:
    parts = list(progress)
    return BulkProgress(
        planned=sum(p.planned for p in parts),
        done=sum(p.done for p in parts),
        already_gone=sum(p.already_gone for p in parts),
        failed=sum(p.failed for p in parts),
        skipped=sum(p.skipped for p in parts),
        not_started=sum(p.not_started for p in parts),
    )

"""Bulk operations over several organizations, each through its own client when it can.

A GitHub App has a rate budget per installation, so an operator cleaning up
several organizations goes fastest with one installation client per
organization. A bulk method given ``orgs=[...]`` comes here once every
argument is checked: with a client made with ``AppAuth``, each organization
is handled by ``for_installation`` of its installation (its own token,
governor and budget); with any other credential, by the same client. The
organizations run concurrently and come back as one report. An
organization the app is not installed on, or that cannot be reached, is one
failed outcome of kind "organization"; the others go on. Each organization
reports to a stop of its own, linked to the caller's, so that however the
call ends (a cancellation too) the combined report is exact; an
organization not reached by then is ``not_started``.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from typing import TYPE_CHECKING, Any

import anyio

from .._errors import GhActionsError
from ._engine import RequestMeter, sole_error
from ._report import BulkItem, BulkOutcome, BulkProgress, BulkReport, BulkStop, keep, linked

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
    stop: BulkStop | None = kwargs.pop("stop", None)
    parts = {org: linked(stop) for org in orgs}  # each org's report lands on its own
    meter = RequestMeter(requester)
    latest: dict[str, BulkProgress] = {}
    unreached: dict[str, BulkOutcome] = {}
    as_app = isinstance(requester.options.auth, AppAuth)

    def progress_of(org: str) -> Callable[[BulkProgress], None]:
        def note(progress: BulkProgress) -> None:
            latest[org] = progress
            if hook is not None:
                hook(_sum(latest.values()))

        return note

    async def one(org: str) -> None:
        options = {"org": org, "on_progress": progress_of(org), "stop": parts[org], **kwargs}
        try:
            if as_app:
                installation = await client.apps.get_org_installation(org)
                async with client.for_installation(installation.id) as installed:
                    await getattr(installed.bulk, name)(**options)
            else:
                await getattr(client.bulk, name)(**options)
        except GhActionsError as error:
            item = BulkItem(repo=org, kind="organization", id=0, name=org)
            unreached[org] = BulkOutcome(item, "failed", error)
            progress_of(org)(BulkProgress(planned=1, failed=1))

    def combined() -> BulkReport:
        """Every organization's outcomes; one never reached before the end is not started."""
        reports = [report for org in orgs if (report := parts[org].report) is not None]
        outcomes = [o for org in orgs if org not in unreached for o in _outcomes(parts[org])]
        never = [
            BulkOutcome(BulkItem(repo=org, kind="organization", id=0, name=org), "not_started")
            for org in orgs
            if org not in unreached and parts[org].report is None
        ]
        return BulkReport(
            operation=name,
            dry_run=bool(kwargs.get("dry_run", False)),
            outcomes=(*[unreached[o] for o in orgs if o in unreached], *outcomes, *never),
            elapsed=meter.elapsed,
            requests=meter.requests + sum(r.requests for r in reports if as_app),
            unplanned_deleted=sum(r.unplanned_deleted for r in reports),
        )

    try:
        async with anyio.create_task_group() as tasks:
            for org in orgs:
                tasks.start_soon(one, org)
    except BaseException as error:
        raised = sole_error(error)
        keep(combined(), stop, raised)
        if raised is error:
            raise
        raise raised from None
    report = combined()
    keep(report, stop)
    return report


def _outcomes(part: BulkStop) -> tuple[BulkOutcome, ...]:
    return part.report.outcomes if part.report is not None else ()


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

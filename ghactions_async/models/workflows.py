"""Models of ``gh.workflows``: workflows, their billable time, and what a dispatch started."""

from __future__ import annotations

from datetime import datetime

from attrs import frozen


@frozen(kw_only=True)
class Workflow:
    """One workflow file of a repository; ``state`` says whether it may run.

    ``state`` is ``active``, ``deleted``, ``disabled_fork``,
    ``disabled_inactivity`` or ``disabled_manually``.
    """

    id: int
    node_id: str | None = None
    name: str | None = None
    path: str | None = None
    state: str | None = None
    created_at: datetime | None = None
    updated_at: datetime | None = None
    url: str | None = None
    html_url: str | None = None
    badge_url: str | None = None
    deleted_at: datetime | None = None


@frozen(kw_only=True)
class WorkflowOsUsage:
    """Billable milliseconds a workflow used on one runner operating system."""

    total_ms: int | None = None


@frozen(kw_only=True)
class WorkflowBillable:
    """A workflow's billable time per operating system (absent: none used)."""

    UBUNTU: WorkflowOsUsage | None = None
    MACOS: WorkflowOsUsage | None = None
    WINDOWS: WorkflowOsUsage | None = None


@frozen(kw_only=True)
class WorkflowUsage:
    """The billable time a workflow used in the current billing cycle.

    Private repositories on GitHub-hosted runners are billed; public ones
    and self-hosted runners report nothing here.
    """

    billable: WorkflowBillable | None = None


@frozen(kw_only=True)
class DispatchedRun:
    """The run a ``workflow_dispatch`` started, when the caller asked for its details."""

    workflow_run_id: int
    run_url: str | None = None
    html_url: str | None = None

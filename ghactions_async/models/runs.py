"""Models of ``gh.runs``: workflow runs, their billable time, reviews and deployments."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from attrs import frozen

from .common import MinimalRepository, SimpleUser


@frozen(kw_only=True)
class ReferencedWorkflow:
    """A reusable workflow the run called, pinned to the commit that ran."""

    path: str | None = None
    sha: str | None = None
    ref: str | None = None


@frozen(kw_only=True)
class PullRequestRepository:
    """The repository one side of a run's pull request lives in."""

    id: int
    url: str | None = None
    name: str | None = None


@frozen(kw_only=True)
class PullRequestBranch:
    """The head or base of a run's pull request: branch, commit and repository."""

    ref: str | None = None
    sha: str | None = None
    repo: PullRequestRepository | None = None


@frozen(kw_only=True)
class RunPullRequest:
    """A pull request the run belongs to (for ``pull_request`` events and their kin)."""

    id: int
    number: int | None = None
    url: str | None = None
    head: PullRequestBranch | None = None
    base: PullRequestBranch | None = None


@frozen(kw_only=True)
class CommitIdentity:
    """The name and e-mail address of a commit's author or committer."""

    name: str | None = None
    email: str | None = None


@frozen(kw_only=True)
class HeadCommit:
    """The commit a run ran on: message, tree and who wrote it."""

    id: str
    tree_id: str | None = None
    message: str | None = None
    timestamp: datetime | None = None
    author: CommitIdentity | None = None
    committer: CommitIdentity | None = None


@frozen(kw_only=True)
class WorkflowRun:
    """One run of a workflow, as of its latest attempt (or the attempt asked for).

    ``status`` is ``queued``, ``in_progress``, ``completed``, ``waiting``,
    ``requested``, ``pending`` or ``action_required``; ``conclusion`` is set
    once it completed (``success``, ``failure``, ``cancelled`` ...).
    ``run_attempt`` counts re-runs, starting at 1.
    """

    id: int
    name: str | None = None
    node_id: str | None = None
    check_suite_id: int | None = None
    check_suite_node_id: str | None = None
    head_branch: str | None = None
    head_sha: str | None = None
    path: str | None = None
    run_number: int | None = None
    run_attempt: int | None = None
    referenced_workflows: list[ReferencedWorkflow] | None = None
    event: str | None = None
    status: str | None
    conclusion: str | None = None
    workflow_id: int
    url: str | None = None
    html_url: str | None = None
    pull_requests: list[RunPullRequest] | None = None
    created_at: datetime
    updated_at: datetime | None = None
    actor: SimpleUser | None = None
    triggering_actor: SimpleUser | None = None
    run_started_at: datetime | None = None
    jobs_url: str | None = None
    logs_url: str | None = None
    check_suite_url: str | None = None
    artifacts_url: str | None = None
    cancel_url: str | None = None
    rerun_url: str | None = None
    previous_attempt_url: str | None = None
    workflow_url: str | None = None
    head_commit: HeadCommit | None = None
    repository: MinimalRepository | None = None
    head_repository: MinimalRepository | None = None
    head_repository_id: int | None = None
    display_title: str | None = None


@frozen(kw_only=True)
class JobDuration:
    """How long one job of a run was billed for, in milliseconds."""

    job_id: int | None = None
    duration_ms: int | None = None


@frozen(kw_only=True)
class RunOsUsage:
    """A run's billable time on one runner operating system, and the jobs behind it."""

    total_ms: int | None = None
    jobs: int | None = None
    job_runs: list[JobDuration] | None = None


@frozen(kw_only=True)
class RunBillable:
    """A run's billable time per operating system (absent: none used)."""

    UBUNTU: RunOsUsage | None = None
    MACOS: RunOsUsage | None = None
    WINDOWS: RunOsUsage | None = None


@frozen(kw_only=True)
class WorkflowRunUsage:
    """What a run cost: billable time per operating system, and how long it ran."""

    billable: RunBillable | None = None
    run_duration_ms: int | None = None


@frozen(kw_only=True)
class ApprovalEnvironment:
    """An environment a deployment review was given for."""

    id: int | None = None
    node_id: str | None = None
    name: str | None = None
    url: str | None = None
    html_url: str | None = None
    created_at: datetime | None = None
    updated_at: datetime | None = None


@frozen(kw_only=True)
class EnvironmentApproval:
    """One review of a run's deployments: who approved or rejected which environments."""

    environments: list[ApprovalEnvironment] | None = None
    state: str | None = None
    user: SimpleUser | None = None
    comment: str | None = None


@frozen(kw_only=True)
class PendingDeploymentEnvironment:
    """The environment a pending deployment waits to enter."""

    id: int | None = None
    node_id: str | None = None
    name: str | None = None
    url: str | None = None
    html_url: str | None = None


@frozen(kw_only=True)
class TeamPermissions:
    """What a team may do in the repository."""

    pull: bool | None = None
    triage: bool | None = None
    push: bool | None = None
    maintain: bool | None = None
    admin: bool | None = None


@frozen(kw_only=True)
class ParentTeam:
    """The team a reviewing team is nested in."""

    id: int
    node_id: str | None = None
    url: str | None = None
    members_url: str | None = None
    name: str | None = None
    description: str | None = None
    permission: str | None = None
    privacy: str | None = None
    notification_setting: str | None = None
    html_url: str | None = None
    repositories_url: str | None = None
    slug: str | None = None
    ldap_dn: str | None = None
    type: str | None = None
    organization_id: int | None = None
    enterprise_id: int | None = None


@frozen(kw_only=True)
class Team:
    """A team that may review deployments to an environment."""

    id: int
    node_id: str | None = None
    name: str | None = None
    slug: str | None = None
    description: str | None = None
    privacy: str | None = None
    notification_setting: str | None = None
    permission: str | None = None
    permissions: TeamPermissions | None = None
    url: str | None = None
    html_url: str | None = None
    members_url: str | None = None
    repositories_url: str | None = None
    type: str | None = None
    access_source: str | None = None
    organization_id: int | None = None
    enterprise_id: int | None = None
    parent: ParentTeam | None = None


@frozen(kw_only=True)
class DeploymentReviewer:
    """Someone who may approve a pending deployment: a user or a team (``type`` says which)."""

    type: str | None = None
    reviewer: SimpleUser | Team | None = None


@frozen(kw_only=True)
class PendingDeployment:
    """A deployment of the run waiting for its environment's protection rules.

    ``current_user_can_approve`` says whether the token's user may review it
    with ``runs.review_pending_deployments``.
    """

    environment: PendingDeploymentEnvironment | None = None
    wait_timer: int | None = None
    wait_timer_started_at: datetime | None = None
    current_user_can_approve: bool | None = None
    reviewers: list[DeploymentReviewer] | None = None


@frozen(kw_only=True)
class Enterprise:
    """An enterprise account (the owner of an enterprise-owned GitHub App)."""

    description: str | None = None
    html_url: str | None = None
    website_url: str | None = None
    id: int
    node_id: str | None = None
    name: str | None = None
    slug: str | None = None
    created_at: datetime | None = None
    updated_at: datetime | None = None
    avatar_url: str | None = None


@frozen(kw_only=True)
class GitHubApp:
    """The GitHub App that created a deployment.

    ``permissions`` maps each permission the app holds (``contents``,
    ``deployments`` ...) to its level (``read`` or ``write``).
    """

    id: int
    slug: str | None = None
    node_id: str | None = None
    client_id: str | None = None
    owner: SimpleUser | Enterprise | None = None
    name: str | None = None
    description: str | None = None
    external_url: str | None = None
    html_url: str | None = None
    created_at: datetime | None = None
    updated_at: datetime | None = None
    permissions: dict[str, str] | None = None
    events: list[str] | None = None
    installations_count: int | None = None


@frozen(kw_only=True)
class Deployment:
    """A deployment an approved review let proceed."""

    url: str | None = None
    id: int
    node_id: str | None = None
    sha: str | None = None
    ref: str | None = None
    task: str | None = None
    # An object, or a string for deployments created with a JSON string payload;
    # the converter cannot structure that union, so it is passed through as sent.
    payload: Any = None
    original_environment: str | None = None
    environment: str | None = None
    description: str | None = None
    creator: SimpleUser | None = None
    created_at: datetime | None = None
    updated_at: datetime | None = None
    statuses_url: str | None = None
    repository_url: str | None = None
    transient_environment: bool | None = None
    production_environment: bool | None = None
    performed_via_github_app: GitHubApp | None = None

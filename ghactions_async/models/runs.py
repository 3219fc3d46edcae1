"""Models of ``gh.runs``: workflow runs, their billable time, reviews and deployments."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from attrs import frozen

from .common import MinimalRepository, SimpleUser


@frozen(kw_only=True)
class ReferencedWorkflow:
    """A reusable workflow the run called, pinned to the commit that ran."""

    path: str
    sha: str
    ref: str | None = None


@frozen(kw_only=True)
class PullRequestRepository:
    """The repository one side of a run's pull request lives in."""

    id: int
    url: str
    name: str


@frozen(kw_only=True)
class PullRequestBranch:
    """The head or base of a run's pull request: branch, commit and repository."""

    ref: str
    sha: str
    repo: PullRequestRepository


@frozen(kw_only=True)
class RunPullRequest:
    """A pull request the run belongs to (for ``pull_request`` events and their kin)."""

    id: int
    number: int
    url: str
    head: PullRequestBranch
    base: PullRequestBranch


@frozen(kw_only=True)
class CommitIdentity:
    """The name and e-mail address of a commit's author or committer."""

    name: str
    email: str


@frozen(kw_only=True)
class HeadCommit:
    """The commit a run ran on: message, tree and who wrote it."""

    id: str
    tree_id: str
    message: str
    timestamp: datetime
    author: CommitIdentity | None
    committer: CommitIdentity | None


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
    node_id: str
    check_suite_id: int | None = None
    check_suite_node_id: str | None = None
    head_branch: str | None
    head_sha: str
    path: str
    run_number: int
    run_attempt: int | None = None
    referenced_workflows: list[ReferencedWorkflow] | None = None
    event: str
    status: str | None
    conclusion: str | None
    workflow_id: int
    url: str
    html_url: str
    pull_requests: list[RunPullRequest] | None
    created_at: datetime
    updated_at: datetime
    actor: SimpleUser | None = None
    triggering_actor: SimpleUser | None = None
    run_started_at: datetime | None = None
    jobs_url: str
    logs_url: str
    check_suite_url: str
    artifacts_url: str
    cancel_url: str
    rerun_url: str
    previous_attempt_url: str | None = None
    workflow_url: str
    head_commit: HeadCommit | None
    repository: MinimalRepository
    head_repository: MinimalRepository
    head_repository_id: int | None = None
    display_title: str


@frozen(kw_only=True)
class JobDuration:
    """How long one job of a run was billed for, in milliseconds."""

    job_id: int
    duration_ms: int


@frozen(kw_only=True)
class RunOsUsage:
    """A run's billable time on one runner operating system, and the jobs behind it."""

    total_ms: int
    jobs: int
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

    billable: RunBillable
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

    environments: list[ApprovalEnvironment]
    state: str
    user: SimpleUser
    comment: str


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

    pull: bool
    triage: bool
    push: bool
    maintain: bool
    admin: bool


@frozen(kw_only=True)
class ParentTeam:
    """The team a reviewing team is nested in."""

    id: int
    node_id: str
    url: str
    members_url: str
    name: str
    description: str | None
    permission: str
    privacy: str | None = None
    notification_setting: str | None = None
    html_url: str
    repositories_url: str
    slug: str
    ldap_dn: str | None = None
    type: str
    organization_id: int | None = None
    enterprise_id: int | None = None


@frozen(kw_only=True)
class Team:
    """A team that may review deployments to an environment."""

    id: int
    node_id: str
    name: str
    slug: str
    description: str | None
    privacy: str | None = None
    notification_setting: str | None = None
    permission: str
    permissions: TeamPermissions | None = None
    url: str
    html_url: str
    members_url: str
    repositories_url: str
    # Required by the schema, yet GitHub's example of a reviewing team leaves it out.
    type: str | None = None
    access_source: str | None = None
    organization_id: int | None = None
    enterprise_id: int | None = None
    parent: ParentTeam | None


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

    environment: PendingDeploymentEnvironment
    wait_timer: int
    wait_timer_started_at: datetime | None
    current_user_can_approve: bool
    reviewers: list[DeploymentReviewer]


@frozen(kw_only=True)
class Enterprise:
    """An enterprise account (the owner of an enterprise-owned GitHub App)."""

    description: str | None = None
    html_url: str
    website_url: str | None = None
    id: int
    node_id: str
    name: str
    slug: str
    created_at: datetime | None
    updated_at: datetime | None
    avatar_url: str


@frozen(kw_only=True)
class GitHubApp:
    """The GitHub App that created a deployment.

    ``permissions`` maps each permission the app holds (``contents``,
    ``deployments`` ...) to its level (``read`` or ``write``).
    """

    id: int
    slug: str | None = None
    node_id: str
    client_id: str | None = None
    owner: SimpleUser | Enterprise
    name: str
    description: str | None
    external_url: str
    html_url: str
    created_at: datetime
    updated_at: datetime
    permissions: dict[str, str]
    events: list[str]
    installations_count: int | None = None


@frozen(kw_only=True)
class Deployment:
    """A deployment an approved review let proceed."""

    url: str
    id: int
    node_id: str
    sha: str
    ref: str
    task: str
    # An object, or a string for deployments created with a JSON string payload;
    # the converter cannot structure that union, so it is passed through as sent.
    payload: Any
    original_environment: str | None = None
    environment: str
    description: str | None
    creator: SimpleUser | None
    created_at: datetime
    updated_at: datetime
    statuses_url: str
    repository_url: str
    transient_environment: bool | None = None
    production_environment: bool | None = None
    performed_via_github_app: GitHubApp | None = None

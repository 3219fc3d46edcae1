"""Where each model comes from in GitHub's OpenAPI descriptions, and what it cannot lack.

The rule for required fields: a model field has no default only when it is
**essential** (listed here) and every description that has the model's
schema (api.github.com, GitHub Enterprise Server 3.4 to 3.19) requires it.
Every other field is ``T | None = None``, so an object created years ago,
or an answer of an older server, still fits. ``tools/release_shapes.py``
derives the rule from the descriptions and ``tests/test_release_rule.py``
holds every model to it.

A location is a component schema (``"workflow-run"``) or a shared answer
(``"responses/actions_runner_jitconfig"``), followed by property steps
(``".steps"``) and ``"[]"`` for the items of an array. A model GitHub
describes in several places lists them all: a field it requires must be
required in each.
"""

from __future__ import annotations

SCHEMAS: dict[str, tuple[str, ...]] = {
    # common
    "SimpleUser": ("simple-user", "nullable-simple-user", "repository.template_repository.owner"),
    "RepositoryPermissions": (
        "minimal-repository.permissions",
        "repository.permissions",
        "repository.template_repository.permissions",
    ),
    "License": ("nullable-license-simple", "minimal-repository.license"),
    "CodeOfConduct": ("code-of-conduct",),
    "FeatureStatus": tuple(
        f"security-and-analysis.{name}"
        for name in (
            "advanced_security",
            "code_security",
            "dependabot_security_updates",
            "secret_scanning",
            "secret_scanning_push_protection",
            "secret_scanning_non_provider_patterns",
            "secret_scanning_ai_detection",
            "secret_scanning_delegated_alert_dismissal",
            "secret_scanning_delegated_bypass",
        )
    ),
    "BypassOptions": ("security-and-analysis.secret_scanning_delegated_bypass_options",),
    "BypassReviewer": (
        "security-and-analysis.secret_scanning_delegated_bypass_options.reviewers[]",
    ),
    "SecurityAndAnalysis": ("security-and-analysis",),
    "CodeSearchIndexStatus": ("repository.code_search_index_status",),
    "MinimalRepository": ("minimal-repository",),
    # GHES 3.4 to 3.7 describe a repository's template inline, as a repository.
    "Repository": ("repository", "repository.template_repository"),
    # caches
    "ActionsCache": ("actions-cache-list.actions_caches[]",),
    "RepositoryCacheUsage": ("actions-cache-usage-by-repository",),
    "CacheUsage": ("actions-cache-usage-org-enterprise",),
    "CacheUsagePolicy": ("actions-cache-usage-policy-for-repository",),
    "EnterpriseCacheUsagePolicy": ("actions-cache-usage-policy-enterprise",),
    "CacheRetentionLimit": tuple(
        f"actions-cache-retention-limit-for-{scope}"
        for scope in ("enterprise", "organization", "repository")
    ),
    "CacheStorageLimit": tuple(
        f"actions-cache-storage-limit-for-{scope}"
        for scope in ("enterprise", "organization", "repository")
    ),
    # artifacts
    "Artifact": ("artifact",),
    "ArtifactWorkflowRun": ("artifact.workflow_run",),
    # runs
    "WorkflowRun": ("workflow-run",),
    "ReferencedWorkflow": ("referenced-workflow",),
    "RunPullRequest": ("pull-request-minimal",),
    "PullRequestBranch": ("pull-request-minimal.head", "pull-request-minimal.base"),
    "PullRequestRepository": ("pull-request-minimal.head.repo", "pull-request-minimal.base.repo"),
    "HeadCommit": ("nullable-simple-commit",),
    "CommitIdentity": ("nullable-simple-commit.author", "nullable-simple-commit.committer"),
    "WorkflowRunUsage": ("workflow-run-usage",),
    "RunBillable": ("workflow-run-usage.billable",),
    "RunOsUsage": tuple(
        f"workflow-run-usage.billable.{os}" for os in ("UBUNTU", "MACOS", "WINDOWS")
    ),
    "JobDuration": tuple(
        f"workflow-run-usage.billable.{os}.job_runs[]" for os in ("UBUNTU", "MACOS", "WINDOWS")
    ),
    "EnvironmentApproval": ("environment-approvals",),
    "ApprovalEnvironment": ("environment-approvals.environments[]",),
    "PendingDeployment": ("pending-deployment",),
    "PendingDeploymentEnvironment": ("pending-deployment.environment",),
    "DeploymentReviewer": ("pending-deployment.reviewers[]",),
    "Team": ("team",),
    "TeamPermissions": ("team.permissions",),
    "ParentTeam": ("nullable-team-simple",),
    "Deployment": ("deployment",),
    "GitHubApp": ("nullable-integration",),
    "Enterprise": ("enterprise",),
    # jobs
    "Job": ("job",),
    "JobStep": ("job.steps[]",),
    # workflows
    "Workflow": ("workflow",),
    "WorkflowUsage": ("workflow-usage",),
    "WorkflowBillable": ("workflow-usage.billable",),
    "WorkflowOsUsage": tuple(
        f"workflow-usage.billable.{os}" for os in ("UBUNTU", "MACOS", "WINDOWS")
    ),
    "DispatchedRun": ("workflow-dispatch-response",),
    # secrets and variables
    "ActionsPublicKey": ("actions-public-key",),
    "ActionsSecret": ("actions-secret",),
    "OrganizationSecret": ("organization-actions-secret",),
    "ActionsVariable": ("actions-variable",),
    "OrganizationVariable": ("organization-actions-variable",),
    # runners and runner groups
    "Runner": ("runner",),
    "RunnerLabel": ("runner-label",),
    "RunnerApplication": ("runner-application",),
    "RunnerToken": ("authentication-token",),
    "JitRunnerConfig": ("responses/actions_runner_jitconfig",),
    "RunnerGroup": ("runner-groups-org",),
    # hosted runners
    "HostedRunner": ("actions-hosted-runner",),
    "HostedRunnerImageDetails": ("nullable-actions-hosted-runner-pool-image",),
    "HostedRunnerMachineSpec": ("actions-hosted-runner-machine-spec",),
    "PublicIp": ("public-ip",),
    "HostedRunnerCuratedImage": ("actions-hosted-runner-curated-image",),
    "HostedRunnerCustomImage": ("actions-hosted-runner-custom-image",),
    "HostedRunnerCustomImageVersion": ("actions-hosted-runner-custom-image-version",),
    "HostedRunnerLimits": ("actions-hosted-runner-limits",),
    "HostedRunnerPublicIpLimits": ("actions-hosted-runner-limits.public_ips",),
    # permissions
    "OrganizationActionsPermissions": ("actions-organization-permissions",),
    "RepositoryActionsPermissions": ("actions-repository-permissions",),
    "ArtifactAndLogRetention": ("actions-artifact-and-log-retention-response",),
    "ForkPrContributorApproval": ("actions-fork-pr-contributor-approval",),
    "PrivateRepoForkPrWorkflows": ("actions-fork-pr-workflows-private-repos",),
    "SelectedActions": ("selected-actions",),
    "SelfHostedRunnersSettings": ("self-hosted-runners-settings",),
    "DefaultWorkflowPermissions": ("actions-get-default-workflow-permissions",),
    "WorkflowAccess": ("actions-workflow-access-to-repository",),
    # oidc
    "OidcSubjectClaimTemplate": ("oidc-custom-sub-repo",),
    # concurrency groups
    "ConcurrencyGroupSummary": ("concurrency-group-list.concurrency_groups[]",),
    "ConcurrencyGroup": ("concurrency-group",),
    "ConcurrencyGroupMember": ("concurrency-group.group_members[]",),
    "RunConcurrencyGroup": ("concurrency-group-run-list.concurrency_groups[]",),
    "RunConcurrencyGroupMember": (
        "concurrency-group-run-list.concurrency_groups[].group_members[]",
    ),
}
"""Model class name -> where GitHub's descriptions define the object it mirrors."""

OUTSIDE: dict[str, str] = {
    "App": "the Apps API, outside the Actions descriptions",
    "Installation": "the Apps API, outside the Actions descriptions",
    "InstallationToken": "the Apps API, outside the Actions descriptions",
    "HostedRunnerImage": "only GitHub's examples of hosted runners show it (``image``)",
    "HostedRunnerImageRequest": "a request the library sends, not an answer",
}
"""Models no Actions schema describes, and why; their required fields must be essential."""

_APP_SECRET = (
    "an app credential that GHES 3.4 to 3.13 list in the app schema it shares with the "
    "manifest conversion; a deployment's app never carries it, and no model should keep it"
)
LEFT_OUT: dict[tuple[str, str], str] = {
    ("GitHubApp", "client_secret"): _APP_SECRET,
    ("GitHubApp", "pem"): _APP_SECRET,
    ("GitHubApp", "webhook_secret"): _APP_SECRET,
}
"""Fields some release's schema lists that a model leaves out on purpose, and why."""

ESSENTIAL: dict[str, frozenset[str]] = {
    # Bulk operations filter, sort, group and total on these.
    "WorkflowRun": frozenset({"status", "created_at", "workflow_id"}),
    "Artifact": frozenset({"name", "size_in_bytes", "expired", "created_at"}),
    "ActionsCache": frozenset({"key", "ref", "last_accessed_at", "created_at", "size_in_bytes"}),
    "RepositoryCacheUsage": frozenset(
        {"full_name", "active_caches_count", "active_caches_size_in_bytes"}
    ),
    # The actor filter of bulk run operations compares logins.
    "SimpleUser": frozenset({"login"}),
    # Secrets and variables are named, not numbered: the name is their id.
    "ActionsSecret": frozenset({"name"}),
    "OrganizationSecret": frozenset({"name"}),
    "ActionsVariable": frozenset({"name"}),
    "OrganizationVariable": frozenset({"name"}),
    # What the answer is for: sealing secrets, registering runners, finding the run.
    "ActionsPublicKey": frozenset({"key_id", "key"}),
    "RunnerToken": frozenset({"token", "expires_at"}),
    "JitRunnerConfig": frozenset({"encoded_jit_config"}),
    "DispatchedRun": frozenset({"workflow_run_id"}),
    "Job": frozenset({"run_id"}),
    # A concurrency group is named; its members are runs.
    "ConcurrencyGroupSummary": frozenset({"group_name"}),
    "ConcurrencyGroup": frozenset({"group_name"}),
    "RunConcurrencyGroup": frozenset({"group_name"}),
    "ConcurrencyGroupMember": frozenset({"run_id"}),
    "RunConcurrencyGroupMember": frozenset({"run_id"}),
    # Outside the descriptions: what a token is for, and what a request must say.
    "InstallationToken": frozenset({"token", "expires_at"}),
    "HostedRunnerImageRequest": frozenset({"id", "source"}),
}
"""Model class name -> the fields the library cannot do its job without, besides ``id``.

Every model's ``id`` is essential too (see ``essential``).
"""


def essential(model: str, fields: frozenset[str]) -> frozenset[str]:
    """The essential fields of ``model``, given all its field names: ``id`` and ESSENTIAL's."""
    return (ESSENTIAL.get(model, frozenset()) | {"id"}) & fields

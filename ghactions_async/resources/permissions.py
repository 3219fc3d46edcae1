"""Who may use Actions, which actions may run, and with which defaults.

Most settings exist for organizations and for repositories. The
``GITHUB_TOKEN`` defaults of an organization bound those of its repositories
(and on GHES an enterprise's bound its organizations'): asking for more
answers 409 ``Conflict``. The ``selected`` lists (repositories, actions) are
used only while the matching policy is ``selected``. The ``_for_enterprise``
methods exist on GitHub Enterprise Server only.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Literal

from .._operations import permissions as op
from .._resource import AsyncResource
from ..models.common import Repository
from ..models.permissions import (
    ArtifactAndLogRetention,
    DefaultWorkflowPermissions,
    ForkPrContributorApproval,
    OrganizationActionsPermissions,
    PrivateRepoForkPrWorkflows,
    RepositoryActionsPermissions,
    SelectedActions,
    SelfHostedRunnersSettings,
    WorkflowAccess,
)
from ._permission_bodies import (
    allowed_actions_body,
    check_positive_days,
    fork_pr_body,
    workflow_defaults_body,
)

if TYPE_CHECKING:
    from .._pagination import AsyncPaginator

EnabledRepositories = Literal["all", "none", "selected"]
AllowedActions = Literal["all", "local_only", "selected"]
WorkflowPermissionLevel = Literal["read", "write"]
AccessLevel = Literal["none", "user", "organization", "enterprise"]
ApprovalPolicy = Literal[
    "first_time_contributors_new_to_github", "first_time_contributors", "all_external_contributors"
]


class AsyncPermissions(AsyncResource):
    """Who may use Actions, which actions may run, and with which defaults."""

    # -- organization: the main policy -------------------------------------

    async def get_for_org(self, org: str) -> OrganizationActionsPermissions:
        """Which repositories of an organization may run Actions, and which actions."""
        return await self._json(op.GET_FOR_ORG, (org,), OrganizationActionsPermissions)

    async def set_for_org(
        self,
        org: str,
        *,
        enabled_repositories: EnabledRepositories,
        allowed_actions: AllowedActions | None = None,
        sha_pinning_required: bool | None = None,
    ) -> None:
        """Choose which repositories of an organization may run Actions, and which actions."""
        await self._no_content(
            op.SET_FOR_ORG,
            (org,),
            body={
                "enabled_repositories": enabled_repositories,
                "allowed_actions": allowed_actions,
                "sha_pinning_required": sha_pinning_required,
            },
        )

    async def get_artifact_and_log_retention_for_org(self, org: str) -> ArtifactAndLogRetention:
        """How many days an organization keeps artifacts and logs, and the most it may choose."""
        return await self._json(
            op.GET_ARTIFACT_AND_LOG_RETENTION_FOR_ORG, (org,), ArtifactAndLogRetention
        )

    async def set_artifact_and_log_retention_for_org(self, org: str, *, days: int) -> None:
        """Set how many days an organization keeps artifacts and logs (a cap for its repos).

        Raises ``Conflict`` when the enterprise decides it, ``ValidationFailed`` for days
        refused.
        """
        check_positive_days(days)
        await self._no_content(
            op.SET_ARTIFACT_AND_LOG_RETENTION_FOR_ORG, (org,), body={"days": days}
        )

    async def get_fork_pr_contributor_approval_for_org(self, org: str) -> ForkPrContributorApproval:
        """Whose fork pull requests need approval before workflows run, organization-wide."""
        return await self._json(
            op.GET_FORK_PR_CONTRIBUTOR_APPROVAL_FOR_ORG, (org,), ForkPrContributorApproval
        )

    async def set_fork_pr_contributor_approval_for_org(
        self, org: str, *, approval_policy: ApprovalPolicy
    ) -> None:
        """Choose whose fork pull requests need approval before workflows run, org-wide.

        Raises ``ValidationFailed`` for a policy GitHub does not know.
        """
        await self._no_content(
            op.SET_FORK_PR_CONTRIBUTOR_APPROVAL_FOR_ORG,
            (org,),
            body={"approval_policy": approval_policy},
        )

    async def get_private_repo_fork_pr_workflows_for_org(
        self, org: str
    ) -> PrivateRepoForkPrWorkflows:
        """Whether fork pull requests run workflows in an organization's private repositories."""
        return await self._json(
            op.GET_PRIVATE_REPO_FORK_PR_WORKFLOWS_FOR_ORG, (org,), PrivateRepoForkPrWorkflows
        )

    async def set_private_repo_fork_pr_workflows_for_org(
        self,
        org: str,
        *,
        run_workflows_from_fork_pull_requests: bool,
        send_write_tokens_to_workflows: bool | None = None,
        send_secrets_and_variables: bool | None = None,
        require_approval_for_fork_pr_workflows: bool | None = None,
    ) -> None:
        """Choose whether and how fork pull requests run workflows in private repositories.

        Raises ``ValidationFailed`` for a combination GitHub refuses.
        """
        await self._no_content(
            op.SET_PRIVATE_REPO_FORK_PR_WORKFLOWS_FOR_ORG,
            (org,),
            body=fork_pr_body(
                run_workflows_from_fork_pull_requests,
                send_write_tokens_to_workflows,
                send_secrets_and_variables,
                require_approval_for_fork_pr_workflows,
            ),
        )

    # -- organization: repositories selected to run Actions ----------------

    def list_selected_repositories_for_org(
        self, org: str, *, per_page: int | None = None
    ) -> AsyncPaginator[Repository]:
        """The repositories allowed to run Actions while the org's policy is ``selected``."""
        return self._paginate(
            op.LIST_SELECTED_REPOSITORIES_FOR_ORG,
            (org,),
            Repository,
            item_key="repositories",
            per_page=per_page,
        )

    async def set_selected_repositories_for_org(
        self, org: str, *, selected_repository_ids: Sequence[int]
    ) -> None:
        """Replace the list of repositories allowed to run Actions (policy ``selected``)."""
        await self._no_content(
            op.SET_SELECTED_REPOSITORIES_FOR_ORG,
            (org,),
            body={"selected_repository_ids": list(selected_repository_ids)},
        )

    async def enable_repository_for_org(self, org: str, repository_id: int) -> None:
        """Allow one more repository to run Actions (policy ``selected``)."""
        await self._no_content(op.ENABLE_REPOSITORY_FOR_ORG, (org, repository_id))

    async def disable_repository_for_org(self, org: str, repository_id: int) -> None:
        """Stop one repository from running Actions (policy ``selected``)."""
        await self._no_content(op.DISABLE_REPOSITORY_FOR_ORG, (org, repository_id))

    # -- organization: allowed actions --------------------------------------

    async def get_allowed_actions_for_org(self, org: str) -> SelectedActions:
        """The actions an organization allows while its ``allowed_actions`` is ``selected``."""
        return await self._json(op.GET_ALLOWED_ACTIONS_FOR_ORG, (org,), SelectedActions)

    async def set_allowed_actions_for_org(
        self,
        org: str,
        *,
        github_owned_allowed: bool | None = None,
        verified_allowed: bool | None = None,
        patterns_allowed: Sequence[str] | None = None,
    ) -> None:
        """Choose the actions an organization allows (``allowed_actions`` must be ``selected``)."""
        await self._no_content(
            op.SET_ALLOWED_ACTIONS_FOR_ORG,
            (org,),
            body=allowed_actions_body(github_owned_allowed, verified_allowed, patterns_allowed),
        )

    # -- organization: self-hosted runners ----------------------------------

    async def get_self_hosted_runners_for_org(self, org: str) -> SelfHostedRunnersSettings:
        """Which repositories of an organization may use repository-level self-hosted runners."""
        return await self._json(
            op.GET_SELF_HOSTED_RUNNERS_FOR_ORG, (org,), SelfHostedRunnersSettings
        )

    async def set_self_hosted_runners_for_org(
        self, org: str, *, enabled_repositories: EnabledRepositories
    ) -> None:
        """Choose which repositories of an organization may use self-hosted runners.

        Raises ``Conflict`` when the enterprise decides it, ``ValidationFailed`` for a policy
        refused.
        """
        await self._no_content(
            op.SET_SELF_HOSTED_RUNNERS_FOR_ORG,
            (org,),
            body={"enabled_repositories": enabled_repositories},
        )

    def list_self_hosted_runner_repositories_for_org(
        self, org: str, *, per_page: int | None = None
    ) -> AsyncPaginator[Repository]:
        """The repositories allowed to use self-hosted runners (policy ``selected``)."""
        return self._paginate(
            op.LIST_SELF_HOSTED_RUNNER_REPOSITORIES_FOR_ORG,
            (org,),
            Repository,
            item_key="repositories",
            per_page=per_page,
        )

    async def set_self_hosted_runner_repositories_for_org(
        self, org: str, *, selected_repository_ids: Sequence[int]
    ) -> None:
        """Replace the list of repositories allowed to use self-hosted runners.

        Raises ``ValidationFailed`` for a repository id GitHub refuses.
        """
        await self._no_content(
            op.SET_SELF_HOSTED_RUNNER_REPOSITORIES_FOR_ORG,
            (org,),
            body={"selected_repository_ids": list(selected_repository_ids)},
        )

    async def enable_self_hosted_runner_repository_for_org(
        self, org: str, repository_id: int
    ) -> None:
        """Allow one more repository to use self-hosted runners (policy ``selected``).

        Raises ``Conflict`` unless the policy is ``selected``; ``ValidationFailed`` if refused.
        """
        await self._no_content(
            op.ENABLE_SELF_HOSTED_RUNNER_REPOSITORY_FOR_ORG, (org, repository_id)
        )

    async def disable_self_hosted_runner_repository_for_org(
        self, org: str, repository_id: int
    ) -> None:
        """Stop one repository from using self-hosted runners (policy ``selected``).

        Raises ``Conflict`` unless the policy is ``selected``; ``ValidationFailed`` if refused.
        """
        await self._no_content(
            op.DISABLE_SELF_HOSTED_RUNNER_REPOSITORY_FOR_ORG, (org, repository_id)
        )

    # -- GITHUB_TOKEN defaults ----------------------------------------------

    async def get_default_workflow_permissions_for_org(
        self, org: str
    ) -> DefaultWorkflowPermissions:
        """What the ``GITHUB_TOKEN`` may do by default in an organization's workflows."""
        return await self._json(
            op.GET_DEFAULT_WORKFLOW_PERMISSIONS_FOR_ORG, (org,), DefaultWorkflowPermissions
        )

    async def set_default_workflow_permissions_for_org(
        self,
        org: str,
        *,
        default_workflow_permissions: WorkflowPermissionLevel | None = None,
        can_approve_pull_request_reviews: bool | None = None,
    ) -> None:
        """Set the ``GITHUB_TOKEN`` defaults of an organization (the most its repos may use)."""
        await self._no_content(
            op.SET_DEFAULT_WORKFLOW_PERMISSIONS_FOR_ORG,
            (org,),
            body=workflow_defaults_body(
                default_workflow_permissions, can_approve_pull_request_reviews
            ),
        )

    async def get_default_workflow_permissions_for_repo(
        self, owner: str, repo: str
    ) -> DefaultWorkflowPermissions:
        """What the ``GITHUB_TOKEN`` may do by default in a repository's workflows."""
        return await self._json(
            op.GET_DEFAULT_WORKFLOW_PERMISSIONS_FOR_REPO, (owner, repo), DefaultWorkflowPermissions
        )

    async def set_default_workflow_permissions_for_repo(
        self,
        owner: str,
        repo: str,
        *,
        default_workflow_permissions: WorkflowPermissionLevel | None = None,
        can_approve_pull_request_reviews: bool | None = None,
    ) -> None:
        """Set a repository's ``GITHUB_TOKEN`` defaults (409 if its organization forbids them).

        Raises ``Conflict`` when the organization's settings forbid these defaults.
        """
        await self._no_content(
            op.SET_DEFAULT_WORKFLOW_PERMISSIONS_FOR_REPO,
            (owner, repo),
            body=workflow_defaults_body(
                default_workflow_permissions, can_approve_pull_request_reviews
            ),
        )

    async def get_default_workflow_permissions_for_enterprise(
        self, enterprise: str
    ) -> DefaultWorkflowPermissions:
        """What the ``GITHUB_TOKEN`` may do by default across an enterprise (GHES)."""
        return await self._json(
            op.GET_DEFAULT_WORKFLOW_PERMISSIONS_FOR_ENTERPRISE,
            (enterprise,),
            DefaultWorkflowPermissions,
        )

    async def set_default_workflow_permissions_for_enterprise(
        self,
        enterprise: str,
        *,
        default_workflow_permissions: WorkflowPermissionLevel | None = None,
        can_approve_pull_request_reviews: bool | None = None,
    ) -> None:
        """Set the ``GITHUB_TOKEN`` defaults of an enterprise, a cap for its orgs (GHES)."""
        await self._no_content(
            op.SET_DEFAULT_WORKFLOW_PERMISSIONS_FOR_ENTERPRISE,
            (enterprise,),
            body=workflow_defaults_body(
                default_workflow_permissions, can_approve_pull_request_reviews
            ),
        )

    # -- repository ---------------------------------------------------------

    async def get_for_repo(self, owner: str, repo: str) -> RepositoryActionsPermissions:
        """Whether Actions runs in a repository, and which actions it may use."""
        return await self._json(op.GET_FOR_REPO, (owner, repo), RepositoryActionsPermissions)

    async def set_for_repo(
        self,
        owner: str,
        repo: str,
        *,
        enabled: bool,
        allowed_actions: AllowedActions | None = None,
        sha_pinning_required: bool | None = None,
    ) -> None:
        """Turn Actions on or off in a repository and choose which actions it may use."""
        await self._no_content(
            op.SET_FOR_REPO,
            (owner, repo),
            body={
                "enabled": enabled,
                "allowed_actions": allowed_actions,
                "sha_pinning_required": sha_pinning_required,
            },
        )

    async def get_workflow_access_for_repo(self, owner: str, repo: str) -> WorkflowAccess:
        """Which outside workflows may use a private repository's actions and workflows."""
        return await self._json(op.GET_WORKFLOW_ACCESS_FOR_REPO, (owner, repo), WorkflowAccess)

    async def set_workflow_access_for_repo(
        self, owner: str, repo: str, *, access_level: AccessLevel
    ) -> None:
        """Share a private repository's actions with the user's, org's or enterprise's repos."""
        await self._no_content(
            op.SET_WORKFLOW_ACCESS_FOR_REPO, (owner, repo), body={"access_level": access_level}
        )

    async def get_artifact_and_log_retention_for_repo(
        self, owner: str, repo: str
    ) -> ArtifactAndLogRetention:
        """How many days a repository keeps artifacts and logs, and the most it may choose."""
        return await self._json(
            op.GET_ARTIFACT_AND_LOG_RETENTION_FOR_REPO, (owner, repo), ArtifactAndLogRetention
        )

    async def set_artifact_and_log_retention_for_repo(
        self, owner: str, repo: str, *, days: int
    ) -> None:
        """Set how many days a repository keeps artifacts and logs (up to its org's limit).

        Raises ``ValidationFailed`` for more days than the organization allows.
        """
        check_positive_days(days)
        await self._no_content(
            op.SET_ARTIFACT_AND_LOG_RETENTION_FOR_REPO, (owner, repo), body={"days": days}
        )

    async def get_fork_pr_contributor_approval_for_repo(
        self, owner: str, repo: str
    ) -> ForkPrContributorApproval:
        """Whose fork pull requests need approval before a repository runs their workflows."""
        return await self._json(
            op.GET_FORK_PR_CONTRIBUTOR_APPROVAL_FOR_REPO, (owner, repo), ForkPrContributorApproval
        )

    async def set_fork_pr_contributor_approval_for_repo(
        self, owner: str, repo: str, *, approval_policy: ApprovalPolicy
    ) -> None:
        """Choose whose fork pull requests need approval before a repository runs workflows.

        Raises ``ValidationFailed`` for a policy GitHub does not know.
        """
        await self._no_content(
            op.SET_FORK_PR_CONTRIBUTOR_APPROVAL_FOR_REPO,
            (owner, repo),
            body={"approval_policy": approval_policy},
        )

    async def get_private_repo_fork_pr_workflows_for_repo(
        self, owner: str, repo: str
    ) -> PrivateRepoForkPrWorkflows:
        """Whether fork pull requests run workflows in a private repository, and how."""
        return await self._json(
            op.GET_PRIVATE_REPO_FORK_PR_WORKFLOWS_FOR_REPO,
            (owner, repo),
            PrivateRepoForkPrWorkflows,
        )

    async def set_private_repo_fork_pr_workflows_for_repo(
        self,
        owner: str,
        repo: str,
        *,
        run_workflows_from_fork_pull_requests: bool,
        send_write_tokens_to_workflows: bool | None = None,
        send_secrets_and_variables: bool | None = None,
        require_approval_for_fork_pr_workflows: bool | None = None,
    ) -> None:
        """Choose whether and how fork pull requests run workflows in a private repository.

        Raises ``ValidationFailed`` for a combination refused or forbidden by the org.
        """
        await self._no_content(
            op.SET_PRIVATE_REPO_FORK_PR_WORKFLOWS_FOR_REPO,
            (owner, repo),
            body=fork_pr_body(
                run_workflows_from_fork_pull_requests,
                send_write_tokens_to_workflows,
                send_secrets_and_variables,
                require_approval_for_fork_pr_workflows,
            ),
        )

    async def get_allowed_actions_for_repo(self, owner: str, repo: str) -> SelectedActions:
        """The actions a repository allows while its ``allowed_actions`` is ``selected``."""
        return await self._json(op.GET_ALLOWED_ACTIONS_FOR_REPO, (owner, repo), SelectedActions)

    async def set_allowed_actions_for_repo(
        self,
        owner: str,
        repo: str,
        *,
        github_owned_allowed: bool | None = None,
        verified_allowed: bool | None = None,
        patterns_allowed: Sequence[str] | None = None,
    ) -> None:
        """Choose the actions a repository allows (``allowed_actions`` must be ``selected``)."""
        await self._no_content(
            op.SET_ALLOWED_ACTIONS_FOR_REPO,
            (owner, repo),
            body=allowed_actions_body(github_owned_allowed, verified_allowed, patterns_allowed),
        )

"""The operations of ``gh.permissions``."""

from . import GHES_ONLY, Operation

# One row per operation reads best as a table.
# fmt: off
OPERATIONS: list[Operation] = [
    # organization: the main policy
    Operation("actions/get-github-actions-permissions-organization", "permissions", "get_for_org", "GET", "/orgs/{org}/actions/permissions"),
    Operation("actions/set-github-actions-permissions-organization", "permissions", "set_for_org", "PUT", "/orgs/{org}/actions/permissions"),
    Operation("actions/get-artifact-and-log-retention-settings-organization", "permissions", "get_artifact_and_log_retention_for_org", "GET", "/orgs/{org}/actions/permissions/artifact-and-log-retention"),
    Operation("actions/set-artifact-and-log-retention-settings-organization", "permissions", "set_artifact_and_log_retention_for_org", "PUT", "/orgs/{org}/actions/permissions/artifact-and-log-retention"),
    Operation("actions/get-fork-pr-contributor-approval-permissions-organization", "permissions", "get_fork_pr_contributor_approval_for_org", "GET", "/orgs/{org}/actions/permissions/fork-pr-contributor-approval"),
    Operation("actions/set-fork-pr-contributor-approval-permissions-organization", "permissions", "set_fork_pr_contributor_approval_for_org", "PUT", "/orgs/{org}/actions/permissions/fork-pr-contributor-approval"),
    Operation("actions/get-private-repo-fork-pr-workflows-settings-organization", "permissions", "get_private_repo_fork_pr_workflows_for_org", "GET", "/orgs/{org}/actions/permissions/fork-pr-workflows-private-repos"),
    Operation("actions/set-private-repo-fork-pr-workflows-settings-organization", "permissions", "set_private_repo_fork_pr_workflows_for_org", "PUT", "/orgs/{org}/actions/permissions/fork-pr-workflows-private-repos"),
    # organization: repositories selected to use Actions
    Operation("actions/list-selected-repositories-enabled-github-actions-organization", "permissions", "list_selected_repositories_for_org", "GET", "/orgs/{org}/actions/permissions/repositories"),
    Operation("actions/set-selected-repositories-enabled-github-actions-organization", "permissions", "set_selected_repositories_for_org", "PUT", "/orgs/{org}/actions/permissions/repositories"),
    Operation("actions/enable-selected-repository-github-actions-organization", "permissions", "enable_repository_for_org", "PUT", "/orgs/{org}/actions/permissions/repositories/{repository_id}"),
    Operation("actions/disable-selected-repository-github-actions-organization", "permissions", "disable_repository_for_org", "DELETE", "/orgs/{org}/actions/permissions/repositories/{repository_id}"),
    # organization: allowed actions
    Operation("actions/get-allowed-actions-organization", "permissions", "get_allowed_actions_for_org", "GET", "/orgs/{org}/actions/permissions/selected-actions"),
    Operation("actions/set-allowed-actions-organization", "permissions", "set_allowed_actions_for_org", "PUT", "/orgs/{org}/actions/permissions/selected-actions"),
    # organization: self-hosted runners
    Operation("actions/get-self-hosted-runners-permissions-organization", "permissions", "get_self_hosted_runners_for_org", "GET", "/orgs/{org}/actions/permissions/self-hosted-runners"),
    Operation("actions/set-self-hosted-runners-permissions-organization", "permissions", "set_self_hosted_runners_for_org", "PUT", "/orgs/{org}/actions/permissions/self-hosted-runners"),
    Operation("actions/list-selected-repositories-self-hosted-runners-organization", "permissions", "list_self_hosted_runner_repositories_for_org", "GET", "/orgs/{org}/actions/permissions/self-hosted-runners/repositories"),
    Operation("actions/set-selected-repositories-self-hosted-runners-organization", "permissions", "set_self_hosted_runner_repositories_for_org", "PUT", "/orgs/{org}/actions/permissions/self-hosted-runners/repositories"),
    Operation("actions/enable-selected-repository-self-hosted-runners-organization", "permissions", "enable_self_hosted_runner_repository_for_org", "PUT", "/orgs/{org}/actions/permissions/self-hosted-runners/repositories/{repository_id}"),
    Operation("actions/disable-selected-repository-self-hosted-runners-organization", "permissions", "disable_self_hosted_runner_repository_for_org", "DELETE", "/orgs/{org}/actions/permissions/self-hosted-runners/repositories/{repository_id}"),
    # organization: GITHUB_TOKEN defaults
    Operation("actions/get-github-actions-default-workflow-permissions-organization", "permissions", "get_default_workflow_permissions_for_org", "GET", "/orgs/{org}/actions/permissions/workflow"),
    Operation("actions/set-github-actions-default-workflow-permissions-organization", "permissions", "set_default_workflow_permissions_for_org", "PUT", "/orgs/{org}/actions/permissions/workflow"),
    # repository
    Operation("actions/get-github-actions-permissions-repository", "permissions", "get_for_repo", "GET", "/repos/{owner}/{repo}/actions/permissions"),
    Operation("actions/set-github-actions-permissions-repository", "permissions", "set_for_repo", "PUT", "/repos/{owner}/{repo}/actions/permissions"),
    Operation("actions/get-workflow-access-to-repository", "permissions", "get_workflow_access_for_repo", "GET", "/repos/{owner}/{repo}/actions/permissions/access"),
    Operation("actions/set-workflow-access-to-repository", "permissions", "set_workflow_access_for_repo", "PUT", "/repos/{owner}/{repo}/actions/permissions/access"),
    Operation("actions/get-artifact-and-log-retention-settings-repository", "permissions", "get_artifact_and_log_retention_for_repo", "GET", "/repos/{owner}/{repo}/actions/permissions/artifact-and-log-retention"),
    Operation("actions/set-artifact-and-log-retention-settings-repository", "permissions", "set_artifact_and_log_retention_for_repo", "PUT", "/repos/{owner}/{repo}/actions/permissions/artifact-and-log-retention"),
    Operation("actions/get-fork-pr-contributor-approval-permissions-repository", "permissions", "get_fork_pr_contributor_approval_for_repo", "GET", "/repos/{owner}/{repo}/actions/permissions/fork-pr-contributor-approval"),
    Operation("actions/set-fork-pr-contributor-approval-permissions-repository", "permissions", "set_fork_pr_contributor_approval_for_repo", "PUT", "/repos/{owner}/{repo}/actions/permissions/fork-pr-contributor-approval"),
    Operation("actions/get-private-repo-fork-pr-workflows-settings-repository", "permissions", "get_private_repo_fork_pr_workflows_for_repo", "GET", "/repos/{owner}/{repo}/actions/permissions/fork-pr-workflows-private-repos"),
    Operation("actions/set-private-repo-fork-pr-workflows-settings-repository", "permissions", "set_private_repo_fork_pr_workflows_for_repo", "PUT", "/repos/{owner}/{repo}/actions/permissions/fork-pr-workflows-private-repos"),
    Operation("actions/get-allowed-actions-repository", "permissions", "get_allowed_actions_for_repo", "GET", "/repos/{owner}/{repo}/actions/permissions/selected-actions"),
    Operation("actions/set-allowed-actions-repository", "permissions", "set_allowed_actions_for_repo", "PUT", "/repos/{owner}/{repo}/actions/permissions/selected-actions"),
    Operation("actions/get-github-actions-default-workflow-permissions-repository", "permissions", "get_default_workflow_permissions_for_repo", "GET", "/repos/{owner}/{repo}/actions/permissions/workflow"),
    Operation("actions/set-github-actions-default-workflow-permissions-repository", "permissions", "set_default_workflow_permissions_for_repo", "PUT", "/repos/{owner}/{repo}/actions/permissions/workflow"),
    # enterprise (GitHub Enterprise Server)
    Operation("actions/get-github-actions-default-workflow-permissions-enterprise", "permissions", "get_default_workflow_permissions_for_enterprise", "GET", "/enterprises/{enterprise}/actions/permissions/workflow", **GHES_ONLY),
    Operation("actions/set-github-actions-default-workflow-permissions-enterprise", "permissions", "set_default_workflow_permissions_for_enterprise", "PUT", "/enterprises/{enterprise}/actions/permissions/workflow", **GHES_ONLY),
]
# fmt: on

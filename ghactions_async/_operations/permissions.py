"""The operations of ``gh.permissions``."""

from . import GHES_ONLY, Operation

# One row per operation reads best as a table.
# fmt: off
# organization: the main policy
GET_FOR_ORG = Operation("actions/get-github-actions-permissions-organization", "permissions", "get_for_org", "GET", "/orgs/{org}/actions/permissions")
SET_FOR_ORG = Operation("actions/set-github-actions-permissions-organization", "permissions", "set_for_org", "PUT", "/orgs/{org}/actions/permissions")
GET_ARTIFACT_AND_LOG_RETENTION_FOR_ORG = Operation("actions/get-artifact-and-log-retention-settings-organization", "permissions", "get_artifact_and_log_retention_for_org", "GET", "/orgs/{org}/actions/permissions/artifact-and-log-retention")
SET_ARTIFACT_AND_LOG_RETENTION_FOR_ORG = Operation("actions/set-artifact-and-log-retention-settings-organization", "permissions", "set_artifact_and_log_retention_for_org", "PUT", "/orgs/{org}/actions/permissions/artifact-and-log-retention")
GET_FORK_PR_CONTRIBUTOR_APPROVAL_FOR_ORG = Operation("actions/get-fork-pr-contributor-approval-permissions-organization", "permissions", "get_fork_pr_contributor_approval_for_org", "GET", "/orgs/{org}/actions/permissions/fork-pr-contributor-approval")
SET_FORK_PR_CONTRIBUTOR_APPROVAL_FOR_ORG = Operation("actions/set-fork-pr-contributor-approval-permissions-organization", "permissions", "set_fork_pr_contributor_approval_for_org", "PUT", "/orgs/{org}/actions/permissions/fork-pr-contributor-approval")
GET_PRIVATE_REPO_FORK_PR_WORKFLOWS_FOR_ORG = Operation("actions/get-private-repo-fork-pr-workflows-settings-organization", "permissions", "get_private_repo_fork_pr_workflows_for_org", "GET", "/orgs/{org}/actions/permissions/fork-pr-workflows-private-repos")
SET_PRIVATE_REPO_FORK_PR_WORKFLOWS_FOR_ORG = Operation("actions/set-private-repo-fork-pr-workflows-settings-organization", "permissions", "set_private_repo_fork_pr_workflows_for_org", "PUT", "/orgs/{org}/actions/permissions/fork-pr-workflows-private-repos")
# organization: repositories selected to use Actions
LIST_SELECTED_REPOSITORIES_FOR_ORG = Operation("actions/list-selected-repositories-enabled-github-actions-organization", "permissions", "list_selected_repositories_for_org", "GET", "/orgs/{org}/actions/permissions/repositories")
SET_SELECTED_REPOSITORIES_FOR_ORG = Operation("actions/set-selected-repositories-enabled-github-actions-organization", "permissions", "set_selected_repositories_for_org", "PUT", "/orgs/{org}/actions/permissions/repositories")
ENABLE_REPOSITORY_FOR_ORG = Operation("actions/enable-selected-repository-github-actions-organization", "permissions", "enable_repository_for_org", "PUT", "/orgs/{org}/actions/permissions/repositories/{repository_id}")
DISABLE_REPOSITORY_FOR_ORG = Operation("actions/disable-selected-repository-github-actions-organization", "permissions", "disable_repository_for_org", "DELETE", "/orgs/{org}/actions/permissions/repositories/{repository_id}")
# organization: allowed actions
GET_ALLOWED_ACTIONS_FOR_ORG = Operation("actions/get-allowed-actions-organization", "permissions", "get_allowed_actions_for_org", "GET", "/orgs/{org}/actions/permissions/selected-actions")
SET_ALLOWED_ACTIONS_FOR_ORG = Operation("actions/set-allowed-actions-organization", "permissions", "set_allowed_actions_for_org", "PUT", "/orgs/{org}/actions/permissions/selected-actions")
# organization: self-hosted runners
GET_SELF_HOSTED_RUNNERS_FOR_ORG = Operation("actions/get-self-hosted-runners-permissions-organization", "permissions", "get_self_hosted_runners_for_org", "GET", "/orgs/{org}/actions/permissions/self-hosted-runners")
SET_SELF_HOSTED_RUNNERS_FOR_ORG = Operation("actions/set-self-hosted-runners-permissions-organization", "permissions", "set_self_hosted_runners_for_org", "PUT", "/orgs/{org}/actions/permissions/self-hosted-runners")
LIST_SELF_HOSTED_RUNNER_REPOSITORIES_FOR_ORG = Operation("actions/list-selected-repositories-self-hosted-runners-organization", "permissions", "list_self_hosted_runner_repositories_for_org", "GET", "/orgs/{org}/actions/permissions/self-hosted-runners/repositories")
SET_SELF_HOSTED_RUNNER_REPOSITORIES_FOR_ORG = Operation("actions/set-selected-repositories-self-hosted-runners-organization", "permissions", "set_self_hosted_runner_repositories_for_org", "PUT", "/orgs/{org}/actions/permissions/self-hosted-runners/repositories")
ENABLE_SELF_HOSTED_RUNNER_REPOSITORY_FOR_ORG = Operation("actions/enable-selected-repository-self-hosted-runners-organization", "permissions", "enable_self_hosted_runner_repository_for_org", "PUT", "/orgs/{org}/actions/permissions/self-hosted-runners/repositories/{repository_id}")
DISABLE_SELF_HOSTED_RUNNER_REPOSITORY_FOR_ORG = Operation("actions/disable-selected-repository-self-hosted-runners-organization", "permissions", "disable_self_hosted_runner_repository_for_org", "DELETE", "/orgs/{org}/actions/permissions/self-hosted-runners/repositories/{repository_id}")
# organization: GITHUB_TOKEN defaults
GET_DEFAULT_WORKFLOW_PERMISSIONS_FOR_ORG = Operation("actions/get-github-actions-default-workflow-permissions-organization", "permissions", "get_default_workflow_permissions_for_org", "GET", "/orgs/{org}/actions/permissions/workflow")
SET_DEFAULT_WORKFLOW_PERMISSIONS_FOR_ORG = Operation("actions/set-github-actions-default-workflow-permissions-organization", "permissions", "set_default_workflow_permissions_for_org", "PUT", "/orgs/{org}/actions/permissions/workflow")
# repository
GET_FOR_REPO = Operation("actions/get-github-actions-permissions-repository", "permissions", "get_for_repo", "GET", "/repos/{owner}/{repo}/actions/permissions")
SET_FOR_REPO = Operation("actions/set-github-actions-permissions-repository", "permissions", "set_for_repo", "PUT", "/repos/{owner}/{repo}/actions/permissions")
GET_WORKFLOW_ACCESS_FOR_REPO = Operation("actions/get-workflow-access-to-repository", "permissions", "get_workflow_access_for_repo", "GET", "/repos/{owner}/{repo}/actions/permissions/access")
SET_WORKFLOW_ACCESS_FOR_REPO = Operation("actions/set-workflow-access-to-repository", "permissions", "set_workflow_access_for_repo", "PUT", "/repos/{owner}/{repo}/actions/permissions/access")
GET_ARTIFACT_AND_LOG_RETENTION_FOR_REPO = Operation("actions/get-artifact-and-log-retention-settings-repository", "permissions", "get_artifact_and_log_retention_for_repo", "GET", "/repos/{owner}/{repo}/actions/permissions/artifact-and-log-retention")
SET_ARTIFACT_AND_LOG_RETENTION_FOR_REPO = Operation("actions/set-artifact-and-log-retention-settings-repository", "permissions", "set_artifact_and_log_retention_for_repo", "PUT", "/repos/{owner}/{repo}/actions/permissions/artifact-and-log-retention")
GET_FORK_PR_CONTRIBUTOR_APPROVAL_FOR_REPO = Operation("actions/get-fork-pr-contributor-approval-permissions-repository", "permissions", "get_fork_pr_contributor_approval_for_repo", "GET", "/repos/{owner}/{repo}/actions/permissions/fork-pr-contributor-approval")
SET_FORK_PR_CONTRIBUTOR_APPROVAL_FOR_REPO = Operation("actions/set-fork-pr-contributor-approval-permissions-repository", "permissions", "set_fork_pr_contributor_approval_for_repo", "PUT", "/repos/{owner}/{repo}/actions/permissions/fork-pr-contributor-approval")
GET_PRIVATE_REPO_FORK_PR_WORKFLOWS_FOR_REPO = Operation("actions/get-private-repo-fork-pr-workflows-settings-repository", "permissions", "get_private_repo_fork_pr_workflows_for_repo", "GET", "/repos/{owner}/{repo}/actions/permissions/fork-pr-workflows-private-repos")
SET_PRIVATE_REPO_FORK_PR_WORKFLOWS_FOR_REPO = Operation("actions/set-private-repo-fork-pr-workflows-settings-repository", "permissions", "set_private_repo_fork_pr_workflows_for_repo", "PUT", "/repos/{owner}/{repo}/actions/permissions/fork-pr-workflows-private-repos")
GET_ALLOWED_ACTIONS_FOR_REPO = Operation("actions/get-allowed-actions-repository", "permissions", "get_allowed_actions_for_repo", "GET", "/repos/{owner}/{repo}/actions/permissions/selected-actions")
SET_ALLOWED_ACTIONS_FOR_REPO = Operation("actions/set-allowed-actions-repository", "permissions", "set_allowed_actions_for_repo", "PUT", "/repos/{owner}/{repo}/actions/permissions/selected-actions")
GET_DEFAULT_WORKFLOW_PERMISSIONS_FOR_REPO = Operation("actions/get-github-actions-default-workflow-permissions-repository", "permissions", "get_default_workflow_permissions_for_repo", "GET", "/repos/{owner}/{repo}/actions/permissions/workflow")
SET_DEFAULT_WORKFLOW_PERMISSIONS_FOR_REPO = Operation("actions/set-github-actions-default-workflow-permissions-repository", "permissions", "set_default_workflow_permissions_for_repo", "PUT", "/repos/{owner}/{repo}/actions/permissions/workflow")
# enterprise (GitHub Enterprise Server)
GET_DEFAULT_WORKFLOW_PERMISSIONS_FOR_ENTERPRISE = Operation("actions/get-github-actions-default-workflow-permissions-enterprise", "permissions", "get_default_workflow_permissions_for_enterprise", "GET", "/enterprises/{enterprise}/actions/permissions/workflow", **GHES_ONLY)
SET_DEFAULT_WORKFLOW_PERMISSIONS_FOR_ENTERPRISE = Operation("actions/set-github-actions-default-workflow-permissions-enterprise", "permissions", "set_default_workflow_permissions_for_enterprise", "PUT", "/enterprises/{enterprise}/actions/permissions/workflow", **GHES_ONLY)
# fmt: on

OPERATIONS: list[Operation] = [
    GET_FOR_ORG,
    SET_FOR_ORG,
    GET_ARTIFACT_AND_LOG_RETENTION_FOR_ORG,
    SET_ARTIFACT_AND_LOG_RETENTION_FOR_ORG,
    GET_FORK_PR_CONTRIBUTOR_APPROVAL_FOR_ORG,
    SET_FORK_PR_CONTRIBUTOR_APPROVAL_FOR_ORG,
    GET_PRIVATE_REPO_FORK_PR_WORKFLOWS_FOR_ORG,
    SET_PRIVATE_REPO_FORK_PR_WORKFLOWS_FOR_ORG,
    LIST_SELECTED_REPOSITORIES_FOR_ORG,
    SET_SELECTED_REPOSITORIES_FOR_ORG,
    ENABLE_REPOSITORY_FOR_ORG,
    DISABLE_REPOSITORY_FOR_ORG,
    GET_ALLOWED_ACTIONS_FOR_ORG,
    SET_ALLOWED_ACTIONS_FOR_ORG,
    GET_SELF_HOSTED_RUNNERS_FOR_ORG,
    SET_SELF_HOSTED_RUNNERS_FOR_ORG,
    LIST_SELF_HOSTED_RUNNER_REPOSITORIES_FOR_ORG,
    SET_SELF_HOSTED_RUNNER_REPOSITORIES_FOR_ORG,
    ENABLE_SELF_HOSTED_RUNNER_REPOSITORY_FOR_ORG,
    DISABLE_SELF_HOSTED_RUNNER_REPOSITORY_FOR_ORG,
    GET_DEFAULT_WORKFLOW_PERMISSIONS_FOR_ORG,
    SET_DEFAULT_WORKFLOW_PERMISSIONS_FOR_ORG,
    GET_FOR_REPO,
    SET_FOR_REPO,
    GET_WORKFLOW_ACCESS_FOR_REPO,
    SET_WORKFLOW_ACCESS_FOR_REPO,
    GET_ARTIFACT_AND_LOG_RETENTION_FOR_REPO,
    SET_ARTIFACT_AND_LOG_RETENTION_FOR_REPO,
    GET_FORK_PR_CONTRIBUTOR_APPROVAL_FOR_REPO,
    SET_FORK_PR_CONTRIBUTOR_APPROVAL_FOR_REPO,
    GET_PRIVATE_REPO_FORK_PR_WORKFLOWS_FOR_REPO,
    SET_PRIVATE_REPO_FORK_PR_WORKFLOWS_FOR_REPO,
    GET_ALLOWED_ACTIONS_FOR_REPO,
    SET_ALLOWED_ACTIONS_FOR_REPO,
    GET_DEFAULT_WORKFLOW_PERMISSIONS_FOR_REPO,
    SET_DEFAULT_WORKFLOW_PERMISSIONS_FOR_REPO,
    GET_DEFAULT_WORKFLOW_PERMISSIONS_FOR_ENTERPRISE,
    SET_DEFAULT_WORKFLOW_PERMISSIONS_FOR_ENTERPRISE,
]

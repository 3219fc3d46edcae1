"""The operations of ``gh.secrets``."""

from . import Operation

# One row per operation reads best as a table.
# fmt: off
OPERATIONS: list[Operation] = [
    # repository secrets
    Operation("actions/list-repo-secrets", "secrets", "list_repo_secrets", "GET", "/repos/{owner}/{repo}/actions/secrets"),
    Operation("actions/get-repo-public-key", "secrets", "get_repo_public_key", "GET", "/repos/{owner}/{repo}/actions/secrets/public-key"),
    Operation("actions/get-repo-secret", "secrets", "get_repo_secret", "GET", "/repos/{owner}/{repo}/actions/secrets/{secret_name}"),
    Operation("actions/create-or-update-repo-secret", "secrets", "set_repo_secret", "PUT", "/repos/{owner}/{repo}/actions/secrets/{secret_name}"),
    Operation("actions/delete-repo-secret", "secrets", "delete_repo_secret", "DELETE", "/repos/{owner}/{repo}/actions/secrets/{secret_name}"),
    Operation("actions/list-repo-organization-secrets", "secrets", "list_repo_org_secrets", "GET", "/repos/{owner}/{repo}/actions/organization-secrets"),
    # organization secrets
    Operation("actions/list-org-secrets", "secrets", "list_org_secrets", "GET", "/orgs/{org}/actions/secrets"),
    Operation("actions/get-org-public-key", "secrets", "get_org_public_key", "GET", "/orgs/{org}/actions/secrets/public-key"),
    Operation("actions/get-org-secret", "secrets", "get_org_secret", "GET", "/orgs/{org}/actions/secrets/{secret_name}"),
    Operation("actions/create-or-update-org-secret", "secrets", "set_org_secret", "PUT", "/orgs/{org}/actions/secrets/{secret_name}"),
    Operation("actions/delete-org-secret", "secrets", "delete_org_secret", "DELETE", "/orgs/{org}/actions/secrets/{secret_name}"),
    Operation("actions/list-selected-repos-for-org-secret", "secrets", "list_selected_repos_for_org_secret", "GET", "/orgs/{org}/actions/secrets/{secret_name}/repositories"),
    Operation("actions/set-selected-repos-for-org-secret", "secrets", "set_selected_repos_for_org_secret", "PUT", "/orgs/{org}/actions/secrets/{secret_name}/repositories"),
    Operation("actions/add-selected-repo-to-org-secret", "secrets", "add_selected_repo_to_org_secret", "PUT", "/orgs/{org}/actions/secrets/{secret_name}/repositories/{repository_id}"),
    Operation("actions/remove-selected-repo-from-org-secret", "secrets", "remove_selected_repo_from_org_secret", "DELETE", "/orgs/{org}/actions/secrets/{secret_name}/repositories/{repository_id}"),
    # environment secrets
    Operation("actions/list-environment-secrets", "secrets", "list_environment_secrets", "GET", "/repos/{owner}/{repo}/environments/{environment_name}/secrets"),
    Operation("actions/get-environment-public-key", "secrets", "get_environment_public_key", "GET", "/repos/{owner}/{repo}/environments/{environment_name}/secrets/public-key"),
    Operation("actions/get-environment-secret", "secrets", "get_environment_secret", "GET", "/repos/{owner}/{repo}/environments/{environment_name}/secrets/{secret_name}"),
    Operation("actions/create-or-update-environment-secret", "secrets", "set_environment_secret", "PUT", "/repos/{owner}/{repo}/environments/{environment_name}/secrets/{secret_name}"),
    Operation("actions/delete-environment-secret", "secrets", "delete_environment_secret", "DELETE", "/repos/{owner}/{repo}/environments/{environment_name}/secrets/{secret_name}"),
]
# fmt: on

"""The operations of ``gh.variables``."""

from . import Operation

# One row per operation reads best as a table.
# fmt: off
OPERATIONS: list[Operation] = [
    # repository variables
    Operation("actions/list-repo-variables", "variables", "list_repo_variables", "GET", "/repos/{owner}/{repo}/actions/variables"),
    Operation("actions/create-repo-variable", "variables", "create_repo_variable", "POST", "/repos/{owner}/{repo}/actions/variables"),
    Operation("actions/get-repo-variable", "variables", "get_repo_variable", "GET", "/repos/{owner}/{repo}/actions/variables/{name}"),
    Operation("actions/update-repo-variable", "variables", "update_repo_variable", "PATCH", "/repos/{owner}/{repo}/actions/variables/{name}"),
    Operation("actions/delete-repo-variable", "variables", "delete_repo_variable", "DELETE", "/repos/{owner}/{repo}/actions/variables/{name}"),
    Operation("actions/list-repo-organization-variables", "variables", "list_repo_org_variables", "GET", "/repos/{owner}/{repo}/actions/organization-variables"),
    # organization variables
    Operation("actions/list-org-variables", "variables", "list_org_variables", "GET", "/orgs/{org}/actions/variables"),
    Operation("actions/create-org-variable", "variables", "create_org_variable", "POST", "/orgs/{org}/actions/variables"),
    Operation("actions/get-org-variable", "variables", "get_org_variable", "GET", "/orgs/{org}/actions/variables/{name}"),
    Operation("actions/update-org-variable", "variables", "update_org_variable", "PATCH", "/orgs/{org}/actions/variables/{name}"),
    Operation("actions/delete-org-variable", "variables", "delete_org_variable", "DELETE", "/orgs/{org}/actions/variables/{name}"),
    Operation("actions/list-selected-repos-for-org-variable", "variables", "list_selected_repos_for_org_variable", "GET", "/orgs/{org}/actions/variables/{name}/repositories"),
    Operation("actions/set-selected-repos-for-org-variable", "variables", "set_selected_repos_for_org_variable", "PUT", "/orgs/{org}/actions/variables/{name}/repositories"),
    Operation("actions/add-selected-repo-to-org-variable", "variables", "add_selected_repo_to_org_variable", "PUT", "/orgs/{org}/actions/variables/{name}/repositories/{repository_id}"),
    Operation("actions/remove-selected-repo-from-org-variable", "variables", "remove_selected_repo_from_org_variable", "DELETE", "/orgs/{org}/actions/variables/{name}/repositories/{repository_id}"),
    # environment variables
    Operation("actions/list-environment-variables", "variables", "list_environment_variables", "GET", "/repos/{owner}/{repo}/environments/{environment_name}/variables"),
    Operation("actions/create-environment-variable", "variables", "create_environment_variable", "POST", "/repos/{owner}/{repo}/environments/{environment_name}/variables"),
    Operation("actions/get-environment-variable", "variables", "get_environment_variable", "GET", "/repos/{owner}/{repo}/environments/{environment_name}/variables/{name}"),
    Operation("actions/update-environment-variable", "variables", "update_environment_variable", "PATCH", "/repos/{owner}/{repo}/environments/{environment_name}/variables/{name}"),
    Operation("actions/delete-environment-variable", "variables", "delete_environment_variable", "DELETE", "/repos/{owner}/{repo}/environments/{environment_name}/variables/{name}"),
]
# fmt: on

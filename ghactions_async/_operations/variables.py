"""The operations of ``gh.variables``."""

from . import Operation

# One row per operation reads best as a table.
# fmt: off
# repository variables
LIST_REPO_VARIABLES = Operation("actions/list-repo-variables", "variables", "list_repo_variables", "GET", "/repos/{owner}/{repo}/actions/variables")
CREATE_REPO_VARIABLE = Operation("actions/create-repo-variable", "variables", "create_repo_variable", "POST", "/repos/{owner}/{repo}/actions/variables")
GET_REPO_VARIABLE = Operation("actions/get-repo-variable", "variables", "get_repo_variable", "GET", "/repos/{owner}/{repo}/actions/variables/{name}")
UPDATE_REPO_VARIABLE = Operation("actions/update-repo-variable", "variables", "update_repo_variable", "PATCH", "/repos/{owner}/{repo}/actions/variables/{name}")
DELETE_REPO_VARIABLE = Operation("actions/delete-repo-variable", "variables", "delete_repo_variable", "DELETE", "/repos/{owner}/{repo}/actions/variables/{name}")
LIST_REPO_ORG_VARIABLES = Operation("actions/list-repo-organization-variables", "variables", "list_repo_org_variables", "GET", "/repos/{owner}/{repo}/actions/organization-variables")
# organization variables
LIST_ORG_VARIABLES = Operation("actions/list-org-variables", "variables", "list_org_variables", "GET", "/orgs/{org}/actions/variables")
CREATE_ORG_VARIABLE = Operation("actions/create-org-variable", "variables", "create_org_variable", "POST", "/orgs/{org}/actions/variables")
GET_ORG_VARIABLE = Operation("actions/get-org-variable", "variables", "get_org_variable", "GET", "/orgs/{org}/actions/variables/{name}")
UPDATE_ORG_VARIABLE = Operation("actions/update-org-variable", "variables", "update_org_variable", "PATCH", "/orgs/{org}/actions/variables/{name}")
DELETE_ORG_VARIABLE = Operation("actions/delete-org-variable", "variables", "delete_org_variable", "DELETE", "/orgs/{org}/actions/variables/{name}")
LIST_SELECTED_REPOS_FOR_ORG_VARIABLE = Operation("actions/list-selected-repos-for-org-variable", "variables", "list_selected_repos_for_org_variable", "GET", "/orgs/{org}/actions/variables/{name}/repositories")
SET_SELECTED_REPOS_FOR_ORG_VARIABLE = Operation("actions/set-selected-repos-for-org-variable", "variables", "set_selected_repos_for_org_variable", "PUT", "/orgs/{org}/actions/variables/{name}/repositories")
ADD_SELECTED_REPO_TO_ORG_VARIABLE = Operation("actions/add-selected-repo-to-org-variable", "variables", "add_selected_repo_to_org_variable", "PUT", "/orgs/{org}/actions/variables/{name}/repositories/{repository_id}")
REMOVE_SELECTED_REPO_FROM_ORG_VARIABLE = Operation("actions/remove-selected-repo-from-org-variable", "variables", "remove_selected_repo_from_org_variable", "DELETE", "/orgs/{org}/actions/variables/{name}/repositories/{repository_id}")
# environment variables
LIST_ENVIRONMENT_VARIABLES = Operation("actions/list-environment-variables", "variables", "list_environment_variables", "GET", "/repos/{owner}/{repo}/environments/{environment_name}/variables")
CREATE_ENVIRONMENT_VARIABLE = Operation("actions/create-environment-variable", "variables", "create_environment_variable", "POST", "/repos/{owner}/{repo}/environments/{environment_name}/variables")
GET_ENVIRONMENT_VARIABLE = Operation("actions/get-environment-variable", "variables", "get_environment_variable", "GET", "/repos/{owner}/{repo}/environments/{environment_name}/variables/{name}")
UPDATE_ENVIRONMENT_VARIABLE = Operation("actions/update-environment-variable", "variables", "update_environment_variable", "PATCH", "/repos/{owner}/{repo}/environments/{environment_name}/variables/{name}")
DELETE_ENVIRONMENT_VARIABLE = Operation("actions/delete-environment-variable", "variables", "delete_environment_variable", "DELETE", "/repos/{owner}/{repo}/environments/{environment_name}/variables/{name}")
# fmt: on

OPERATIONS: list[Operation] = [
    LIST_REPO_VARIABLES,
    CREATE_REPO_VARIABLE,
    GET_REPO_VARIABLE,
    UPDATE_REPO_VARIABLE,
    DELETE_REPO_VARIABLE,
    LIST_REPO_ORG_VARIABLES,
    LIST_ORG_VARIABLES,
    CREATE_ORG_VARIABLE,
    GET_ORG_VARIABLE,
    UPDATE_ORG_VARIABLE,
    DELETE_ORG_VARIABLE,
    LIST_SELECTED_REPOS_FOR_ORG_VARIABLE,
    SET_SELECTED_REPOS_FOR_ORG_VARIABLE,
    ADD_SELECTED_REPO_TO_ORG_VARIABLE,
    REMOVE_SELECTED_REPO_FROM_ORG_VARIABLE,
    LIST_ENVIRONMENT_VARIABLES,
    CREATE_ENVIRONMENT_VARIABLE,
    GET_ENVIRONMENT_VARIABLE,
    UPDATE_ENVIRONMENT_VARIABLE,
    DELETE_ENVIRONMENT_VARIABLE,
]

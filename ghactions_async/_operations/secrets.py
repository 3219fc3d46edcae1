"""The operations of ``gh.secrets``."""

from . import Operation

# One row per operation reads best as a table.
# fmt: off
# repository secrets
LIST_REPO_SECRETS = Operation("actions/list-repo-secrets", "secrets", "list_repo_secrets", "GET", "/repos/{owner}/{repo}/actions/secrets")
GET_REPO_PUBLIC_KEY = Operation("actions/get-repo-public-key", "secrets", "get_repo_public_key", "GET", "/repos/{owner}/{repo}/actions/secrets/public-key")
GET_REPO_SECRET = Operation("actions/get-repo-secret", "secrets", "get_repo_secret", "GET", "/repos/{owner}/{repo}/actions/secrets/{secret_name}")
SET_REPO_SECRET = Operation("actions/create-or-update-repo-secret", "secrets", "set_repo_secret", "PUT", "/repos/{owner}/{repo}/actions/secrets/{secret_name}")
DELETE_REPO_SECRET = Operation("actions/delete-repo-secret", "secrets", "delete_repo_secret", "DELETE", "/repos/{owner}/{repo}/actions/secrets/{secret_name}")
LIST_REPO_ORG_SECRETS = Operation("actions/list-repo-organization-secrets", "secrets", "list_repo_org_secrets", "GET", "/repos/{owner}/{repo}/actions/organization-secrets")
# organization secrets
LIST_ORG_SECRETS = Operation("actions/list-org-secrets", "secrets", "list_org_secrets", "GET", "/orgs/{org}/actions/secrets")
GET_ORG_PUBLIC_KEY = Operation("actions/get-org-public-key", "secrets", "get_org_public_key", "GET", "/orgs/{org}/actions/secrets/public-key")
GET_ORG_SECRET = Operation("actions/get-org-secret", "secrets", "get_org_secret", "GET", "/orgs/{org}/actions/secrets/{secret_name}")
SET_ORG_SECRET = Operation("actions/create-or-update-org-secret", "secrets", "set_org_secret", "PUT", "/orgs/{org}/actions/secrets/{secret_name}")
DELETE_ORG_SECRET = Operation("actions/delete-org-secret", "secrets", "delete_org_secret", "DELETE", "/orgs/{org}/actions/secrets/{secret_name}")
LIST_SELECTED_REPOS_FOR_ORG_SECRET = Operation("actions/list-selected-repos-for-org-secret", "secrets", "list_selected_repos_for_org_secret", "GET", "/orgs/{org}/actions/secrets/{secret_name}/repositories")
SET_SELECTED_REPOS_FOR_ORG_SECRET = Operation("actions/set-selected-repos-for-org-secret", "secrets", "set_selected_repos_for_org_secret", "PUT", "/orgs/{org}/actions/secrets/{secret_name}/repositories")
ADD_SELECTED_REPO_TO_ORG_SECRET = Operation("actions/add-selected-repo-to-org-secret", "secrets", "add_selected_repo_to_org_secret", "PUT", "/orgs/{org}/actions/secrets/{secret_name}/repositories/{repository_id}")
REMOVE_SELECTED_REPO_FROM_ORG_SECRET = Operation("actions/remove-selected-repo-from-org-secret", "secrets", "remove_selected_repo_from_org_secret", "DELETE", "/orgs/{org}/actions/secrets/{secret_name}/repositories/{repository_id}")
# environment secrets
LIST_ENVIRONMENT_SECRETS = Operation("actions/list-environment-secrets", "secrets", "list_environment_secrets", "GET", "/repos/{owner}/{repo}/environments/{environment_name}/secrets")
GET_ENVIRONMENT_PUBLIC_KEY = Operation("actions/get-environment-public-key", "secrets", "get_environment_public_key", "GET", "/repos/{owner}/{repo}/environments/{environment_name}/secrets/public-key")
GET_ENVIRONMENT_SECRET = Operation("actions/get-environment-secret", "secrets", "get_environment_secret", "GET", "/repos/{owner}/{repo}/environments/{environment_name}/secrets/{secret_name}")
SET_ENVIRONMENT_SECRET = Operation("actions/create-or-update-environment-secret", "secrets", "set_environment_secret", "PUT", "/repos/{owner}/{repo}/environments/{environment_name}/secrets/{secret_name}")
DELETE_ENVIRONMENT_SECRET = Operation("actions/delete-environment-secret", "secrets", "delete_environment_secret", "DELETE", "/repos/{owner}/{repo}/environments/{environment_name}/secrets/{secret_name}")
# fmt: on

OPERATIONS: list[Operation] = [
    LIST_REPO_SECRETS,
    GET_REPO_PUBLIC_KEY,
    GET_REPO_SECRET,
    SET_REPO_SECRET,
    DELETE_REPO_SECRET,
    LIST_REPO_ORG_SECRETS,
    LIST_ORG_SECRETS,
    GET_ORG_PUBLIC_KEY,
    GET_ORG_SECRET,
    SET_ORG_SECRET,
    DELETE_ORG_SECRET,
    LIST_SELECTED_REPOS_FOR_ORG_SECRET,
    SET_SELECTED_REPOS_FOR_ORG_SECRET,
    ADD_SELECTED_REPO_TO_ORG_SECRET,
    REMOVE_SELECTED_REPO_FROM_ORG_SECRET,
    LIST_ENVIRONMENT_SECRETS,
    GET_ENVIRONMENT_PUBLIC_KEY,
    GET_ENVIRONMENT_SECRET,
    SET_ENVIRONMENT_SECRET,
    DELETE_ENVIRONMENT_SECRET,
]

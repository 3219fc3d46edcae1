"""Operations outside the Actions API that the client needs.

GitHub App installations (to act as one) and an organization's repositories
(to visit each in bulk operations and the command line). Not part of
``OPERATIONS``, which is the Actions API exactly; ``lookup`` finds these too.
"""

from . import Operation

# One row per operation reads best as a table.
# fmt: off
# apps
GET_AUTHENTICATED = Operation("apps/get-authenticated", "apps", "get_authenticated", "GET", "/app")
LIST_INSTALLATIONS = Operation("apps/list-installations", "apps", "list_installations", "GET", "/app/installations")
GET_ORG_INSTALLATION = Operation("apps/get-org-installation", "apps", "get_org_installation", "GET", "/orgs/{org}/installation")
GET_REPO_INSTALLATION = Operation("apps/get-repo-installation", "apps", "get_repo_installation", "GET", "/repos/{owner}/{repo}/installation")
CREATE_INSTALLATION_TOKEN = Operation("apps/create-installation-access-token", "apps", "create_installation_token", "POST", "/app/installations/{installation_id}/access_tokens")
# repos
LIST_ORG_REPOSITORIES = Operation("repos/list-for-org", "repos", "list_for_org", "GET", "/orgs/{org}/repos")
# fmt: on

OUTSIDE_ACTIONS: list[Operation] = [
    GET_AUTHENTICATED,
    LIST_INSTALLATIONS,
    GET_ORG_INSTALLATION,
    GET_REPO_INSTALLATION,
    CREATE_INSTALLATION_TOKEN,
    LIST_ORG_REPOSITORIES,
]

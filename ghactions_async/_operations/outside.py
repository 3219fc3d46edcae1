"""Operations outside the Actions API that the client needs.

GitHub App installations (to act as one) and an organization's repositories
(to visit each in bulk operations). Not part of ``OPERATIONS``, which is the
Actions API exactly; ``lookup`` finds both.
"""

from . import Operation

# fmt: off
OUTSIDE_ACTIONS = {op.operation_id: op for op in [
    Operation("apps/get-authenticated", "apps", "get_authenticated", "GET", "/app"),
    Operation("apps/list-installations", "apps", "list_installations", "GET", "/app/installations"),
    Operation("apps/get-org-installation", "apps", "get_org_installation", "GET", "/orgs/{org}/installation"),
    Operation("apps/get-repo-installation", "apps", "get_repo_installation", "GET", "/repos/{owner}/{repo}/installation"),
    Operation("apps/create-installation-access-token", "apps", "create_installation_token", "POST", "/app/installations/{installation_id}/access_tokens"),
]}
# fmt: on

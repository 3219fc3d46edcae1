"""The operations of ``gh.runner_groups``: self-hosted runner groups of an organization."""

from . import GITHUB_COM_ONLY, Operation

# One row per operation reads best as a table.
# fmt: off
LIST = Operation("actions/list-self-hosted-runner-groups-for-org", "runner_groups", "list", "GET", "/orgs/{org}/actions/runner-groups")
CREATE = Operation("actions/create-self-hosted-runner-group-for-org", "runner_groups", "create", "POST", "/orgs/{org}/actions/runner-groups")
GET = Operation("actions/get-self-hosted-runner-group-for-org", "runner_groups", "get", "GET", "/orgs/{org}/actions/runner-groups/{runner_group_id}")
UPDATE = Operation("actions/update-self-hosted-runner-group-for-org", "runner_groups", "update", "PATCH", "/orgs/{org}/actions/runner-groups/{runner_group_id}")
DELETE = Operation("actions/delete-self-hosted-runner-group-from-org", "runner_groups", "delete", "DELETE", "/orgs/{org}/actions/runner-groups/{runner_group_id}")
# repositories allowed to use a group
LIST_REPOS = Operation("actions/list-repo-access-to-self-hosted-runner-group-in-org", "runner_groups", "list_repos", "GET", "/orgs/{org}/actions/runner-groups/{runner_group_id}/repositories")
SET_REPOS = Operation("actions/set-repo-access-to-self-hosted-runner-group-in-org", "runner_groups", "set_repos", "PUT", "/orgs/{org}/actions/runner-groups/{runner_group_id}/repositories")
ADD_REPO = Operation("actions/add-repo-access-to-self-hosted-runner-group-in-org", "runner_groups", "add_repo", "PUT", "/orgs/{org}/actions/runner-groups/{runner_group_id}/repositories/{repository_id}")
REMOVE_REPO = Operation("actions/remove-repo-access-to-self-hosted-runner-group-in-org", "runner_groups", "remove_repo", "DELETE", "/orgs/{org}/actions/runner-groups/{runner_group_id}/repositories/{repository_id}")
# runners in a group
LIST_RUNNERS = Operation("actions/list-self-hosted-runners-in-group-for-org", "runner_groups", "list_runners", "GET", "/orgs/{org}/actions/runner-groups/{runner_group_id}/runners")
SET_RUNNERS = Operation("actions/set-self-hosted-runners-in-group-for-org", "runner_groups", "set_runners", "PUT", "/orgs/{org}/actions/runner-groups/{runner_group_id}/runners")
ADD_RUNNER = Operation("actions/add-self-hosted-runner-to-group-for-org", "runner_groups", "add_runner", "PUT", "/orgs/{org}/actions/runner-groups/{runner_group_id}/runners/{runner_id}")
REMOVE_RUNNER = Operation("actions/remove-self-hosted-runner-from-group-for-org", "runner_groups", "remove_runner", "DELETE", "/orgs/{org}/actions/runner-groups/{runner_group_id}/runners/{runner_id}")
LIST_HOSTED_RUNNERS = Operation("actions/list-github-hosted-runners-in-group-for-org", "runner_groups", "list_hosted_runners", "GET", "/orgs/{org}/actions/runner-groups/{runner_group_id}/hosted-runners", **GITHUB_COM_ONLY)
# fmt: on

OPERATIONS: list[Operation] = [
    LIST,
    CREATE,
    GET,
    UPDATE,
    DELETE,
    LIST_REPOS,
    SET_REPOS,
    ADD_REPO,
    REMOVE_REPO,
    LIST_RUNNERS,
    SET_RUNNERS,
    ADD_RUNNER,
    REMOVE_RUNNER,
    LIST_HOSTED_RUNNERS,
]

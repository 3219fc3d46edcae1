"""The operations of ``gh.runner_groups``: self-hosted runner groups of an organization."""

from . import GITHUB_COM_ONLY, Operation

# One row per operation reads best as a table.
# fmt: off
OPERATIONS: list[Operation] = [
    Operation("actions/list-self-hosted-runner-groups-for-org", "runner_groups", "list", "GET", "/orgs/{org}/actions/runner-groups"),
    Operation("actions/create-self-hosted-runner-group-for-org", "runner_groups", "create", "POST", "/orgs/{org}/actions/runner-groups"),
    Operation("actions/get-self-hosted-runner-group-for-org", "runner_groups", "get", "GET", "/orgs/{org}/actions/runner-groups/{runner_group_id}"),
    Operation("actions/update-self-hosted-runner-group-for-org", "runner_groups", "update", "PATCH", "/orgs/{org}/actions/runner-groups/{runner_group_id}"),
    Operation("actions/delete-self-hosted-runner-group-from-org", "runner_groups", "delete", "DELETE", "/orgs/{org}/actions/runner-groups/{runner_group_id}"),
    # repositories allowed to use a group
    Operation("actions/list-repo-access-to-self-hosted-runner-group-in-org", "runner_groups", "list_repos", "GET", "/orgs/{org}/actions/runner-groups/{runner_group_id}/repositories"),
    Operation("actions/set-repo-access-to-self-hosted-runner-group-in-org", "runner_groups", "set_repos", "PUT", "/orgs/{org}/actions/runner-groups/{runner_group_id}/repositories"),
    Operation("actions/add-repo-access-to-self-hosted-runner-group-in-org", "runner_groups", "add_repo", "PUT", "/orgs/{org}/actions/runner-groups/{runner_group_id}/repositories/{repository_id}"),
    Operation("actions/remove-repo-access-to-self-hosted-runner-group-in-org", "runner_groups", "remove_repo", "DELETE", "/orgs/{org}/actions/runner-groups/{runner_group_id}/repositories/{repository_id}"),
    # runners in a group
    Operation("actions/list-self-hosted-runners-in-group-for-org", "runner_groups", "list_runners", "GET", "/orgs/{org}/actions/runner-groups/{runner_group_id}/runners"),
    Operation("actions/set-self-hosted-runners-in-group-for-org", "runner_groups", "set_runners", "PUT", "/orgs/{org}/actions/runner-groups/{runner_group_id}/runners"),
    Operation("actions/add-self-hosted-runner-to-group-for-org", "runner_groups", "add_runner", "PUT", "/orgs/{org}/actions/runner-groups/{runner_group_id}/runners/{runner_id}"),
    Operation("actions/remove-self-hosted-runner-from-group-for-org", "runner_groups", "remove_runner", "DELETE", "/orgs/{org}/actions/runner-groups/{runner_group_id}/runners/{runner_id}"),
    Operation("actions/list-github-hosted-runners-in-group-for-org", "runner_groups", "list_hosted_runners", "GET", "/orgs/{org}/actions/runner-groups/{runner_group_id}/hosted-runners", **GITHUB_COM_ONLY),
]
# fmt: on

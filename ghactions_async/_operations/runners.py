"""The operations of ``gh.runners``: self-hosted runners of repositories and organizations."""

from . import GHES_ONLY, Operation

# One row per operation reads best as a table.
# fmt: off
OPERATIONS: list[Operation] = [
    # repository runners
    Operation("actions/list-self-hosted-runners-for-repo", "runners", "list_for_repo", "GET", "/repos/{owner}/{repo}/actions/runners"),
    Operation("actions/get-self-hosted-runner-for-repo", "runners", "get_for_repo", "GET", "/repos/{owner}/{repo}/actions/runners/{runner_id}"),
    Operation("actions/delete-self-hosted-runner-from-repo", "runners", "delete_for_repo", "DELETE", "/repos/{owner}/{repo}/actions/runners/{runner_id}"),
    Operation("actions/list-runner-applications-for-repo", "runners", "list_runner_applications_for_repo", "GET", "/repos/{owner}/{repo}/actions/runners/downloads"),
    Operation("actions/create-registration-token-for-repo", "runners", "create_registration_token_for_repo", "POST", "/repos/{owner}/{repo}/actions/runners/registration-token"),
    Operation("actions/create-remove-token-for-repo", "runners", "create_remove_token_for_repo", "POST", "/repos/{owner}/{repo}/actions/runners/remove-token"),
    Operation("actions/generate-runner-jitconfig-for-repo", "runners", "generate_jitconfig_for_repo", "POST", "/repos/{owner}/{repo}/actions/runners/generate-jitconfig"),
    Operation("actions/list-labels-for-self-hosted-runner-for-repo", "runners", "list_labels_for_repo", "GET", "/repos/{owner}/{repo}/actions/runners/{runner_id}/labels"),
    Operation("actions/add-custom-labels-to-self-hosted-runner-for-repo", "runners", "add_labels_for_repo", "POST", "/repos/{owner}/{repo}/actions/runners/{runner_id}/labels"),
    Operation("actions/set-custom-labels-for-self-hosted-runner-for-repo", "runners", "set_labels_for_repo", "PUT", "/repos/{owner}/{repo}/actions/runners/{runner_id}/labels"),
    Operation("actions/remove-all-custom-labels-from-self-hosted-runner-for-repo", "runners", "remove_all_labels_for_repo", "DELETE", "/repos/{owner}/{repo}/actions/runners/{runner_id}/labels"),
    Operation("actions/remove-custom-label-from-self-hosted-runner-for-repo", "runners", "remove_label_for_repo", "DELETE", "/repos/{owner}/{repo}/actions/runners/{runner_id}/labels/{name}"),
    # organization runners
    Operation("actions/list-self-hosted-runners-for-org", "runners", "list_for_org", "GET", "/orgs/{org}/actions/runners"),
    Operation("actions/get-self-hosted-runner-for-org", "runners", "get_for_org", "GET", "/orgs/{org}/actions/runners/{runner_id}"),
    Operation("actions/delete-self-hosted-runner-from-org", "runners", "delete_for_org", "DELETE", "/orgs/{org}/actions/runners/{runner_id}"),
    Operation("actions/list-runner-applications-for-org", "runners", "list_runner_applications_for_org", "GET", "/orgs/{org}/actions/runners/downloads"),
    Operation("actions/create-registration-token-for-org", "runners", "create_registration_token_for_org", "POST", "/orgs/{org}/actions/runners/registration-token"),
    Operation("actions/create-remove-token-for-org", "runners", "create_remove_token_for_org", "POST", "/orgs/{org}/actions/runners/remove-token"),
    Operation("actions/generate-runner-jitconfig-for-org", "runners", "generate_jitconfig_for_org", "POST", "/orgs/{org}/actions/runners/generate-jitconfig"),
    Operation("actions/list-labels-for-self-hosted-runner-for-org", "runners", "list_labels_for_org", "GET", "/orgs/{org}/actions/runners/{runner_id}/labels"),
    Operation("actions/add-custom-labels-to-self-hosted-runner-for-org", "runners", "add_labels_for_org", "POST", "/orgs/{org}/actions/runners/{runner_id}/labels"),
    Operation("actions/set-custom-labels-for-self-hosted-runner-for-org", "runners", "set_labels_for_org", "PUT", "/orgs/{org}/actions/runners/{runner_id}/labels"),
    Operation("actions/remove-all-custom-labels-from-self-hosted-runner-for-org", "runners", "remove_all_labels_for_org", "DELETE", "/orgs/{org}/actions/runners/{runner_id}/labels"),
    Operation("actions/remove-custom-label-from-self-hosted-runner-for-org", "runners", "remove_label_for_org", "DELETE", "/orgs/{org}/actions/runners/{runner_id}/labels/{name}"),
    # enterprise runners
    Operation("actions/generate-runner-jitconfig-for-enterprise", "runners", "generate_jitconfig_for_enterprise", "POST", "/enterprises/{enterprise}/actions/runners/generate-jitconfig", **GHES_ONLY),
]
# fmt: on

"""The operations of ``gh.runners``: self-hosted runners of repositories and organizations."""

from . import GHES_ONLY, Operation

# One row per operation reads best as a table.
# fmt: off
# repository runners
LIST_FOR_REPO = Operation("actions/list-self-hosted-runners-for-repo", "runners", "list_for_repo", "GET", "/repos/{owner}/{repo}/actions/runners")
GET_FOR_REPO = Operation("actions/get-self-hosted-runner-for-repo", "runners", "get_for_repo", "GET", "/repos/{owner}/{repo}/actions/runners/{runner_id}")
DELETE_FOR_REPO = Operation("actions/delete-self-hosted-runner-from-repo", "runners", "delete_for_repo", "DELETE", "/repos/{owner}/{repo}/actions/runners/{runner_id}")
LIST_RUNNER_APPLICATIONS_FOR_REPO = Operation("actions/list-runner-applications-for-repo", "runners", "list_runner_applications_for_repo", "GET", "/repos/{owner}/{repo}/actions/runners/downloads")
CREATE_REGISTRATION_TOKEN_FOR_REPO = Operation("actions/create-registration-token-for-repo", "runners", "create_registration_token_for_repo", "POST", "/repos/{owner}/{repo}/actions/runners/registration-token")
CREATE_REMOVE_TOKEN_FOR_REPO = Operation("actions/create-remove-token-for-repo", "runners", "create_remove_token_for_repo", "POST", "/repos/{owner}/{repo}/actions/runners/remove-token")
GENERATE_JITCONFIG_FOR_REPO = Operation("actions/generate-runner-jitconfig-for-repo", "runners", "generate_jitconfig_for_repo", "POST", "/repos/{owner}/{repo}/actions/runners/generate-jitconfig")
LIST_LABELS_FOR_REPO = Operation("actions/list-labels-for-self-hosted-runner-for-repo", "runners", "list_labels_for_repo", "GET", "/repos/{owner}/{repo}/actions/runners/{runner_id}/labels")
ADD_LABELS_FOR_REPO = Operation("actions/add-custom-labels-to-self-hosted-runner-for-repo", "runners", "add_labels_for_repo", "POST", "/repos/{owner}/{repo}/actions/runners/{runner_id}/labels")
SET_LABELS_FOR_REPO = Operation("actions/set-custom-labels-for-self-hosted-runner-for-repo", "runners", "set_labels_for_repo", "PUT", "/repos/{owner}/{repo}/actions/runners/{runner_id}/labels")
REMOVE_ALL_LABELS_FOR_REPO = Operation("actions/remove-all-custom-labels-from-self-hosted-runner-for-repo", "runners", "remove_all_labels_for_repo", "DELETE", "/repos/{owner}/{repo}/actions/runners/{runner_id}/labels")
REMOVE_LABEL_FOR_REPO = Operation("actions/remove-custom-label-from-self-hosted-runner-for-repo", "runners", "remove_label_for_repo", "DELETE", "/repos/{owner}/{repo}/actions/runners/{runner_id}/labels/{name}")
# organization runners
LIST_FOR_ORG = Operation("actions/list-self-hosted-runners-for-org", "runners", "list_for_org", "GET", "/orgs/{org}/actions/runners")
GET_FOR_ORG = Operation("actions/get-self-hosted-runner-for-org", "runners", "get_for_org", "GET", "/orgs/{org}/actions/runners/{runner_id}")
DELETE_FOR_ORG = Operation("actions/delete-self-hosted-runner-from-org", "runners", "delete_for_org", "DELETE", "/orgs/{org}/actions/runners/{runner_id}")
LIST_RUNNER_APPLICATIONS_FOR_ORG = Operation("actions/list-runner-applications-for-org", "runners", "list_runner_applications_for_org", "GET", "/orgs/{org}/actions/runners/downloads")
CREATE_REGISTRATION_TOKEN_FOR_ORG = Operation("actions/create-registration-token-for-org", "runners", "create_registration_token_for_org", "POST", "/orgs/{org}/actions/runners/registration-token")
CREATE_REMOVE_TOKEN_FOR_ORG = Operation("actions/create-remove-token-for-org", "runners", "create_remove_token_for_org", "POST", "/orgs/{org}/actions/runners/remove-token")
GENERATE_JITCONFIG_FOR_ORG = Operation("actions/generate-runner-jitconfig-for-org", "runners", "generate_jitconfig_for_org", "POST", "/orgs/{org}/actions/runners/generate-jitconfig")
LIST_LABELS_FOR_ORG = Operation("actions/list-labels-for-self-hosted-runner-for-org", "runners", "list_labels_for_org", "GET", "/orgs/{org}/actions/runners/{runner_id}/labels")
ADD_LABELS_FOR_ORG = Operation("actions/add-custom-labels-to-self-hosted-runner-for-org", "runners", "add_labels_for_org", "POST", "/orgs/{org}/actions/runners/{runner_id}/labels")
SET_LABELS_FOR_ORG = Operation("actions/set-custom-labels-for-self-hosted-runner-for-org", "runners", "set_labels_for_org", "PUT", "/orgs/{org}/actions/runners/{runner_id}/labels")
REMOVE_ALL_LABELS_FOR_ORG = Operation("actions/remove-all-custom-labels-from-self-hosted-runner-for-org", "runners", "remove_all_labels_for_org", "DELETE", "/orgs/{org}/actions/runners/{runner_id}/labels")
REMOVE_LABEL_FOR_ORG = Operation("actions/remove-custom-label-from-self-hosted-runner-for-org", "runners", "remove_label_for_org", "DELETE", "/orgs/{org}/actions/runners/{runner_id}/labels/{name}")
# enterprise runners
GENERATE_JITCONFIG_FOR_ENTERPRISE = Operation("actions/generate-runner-jitconfig-for-enterprise", "runners", "generate_jitconfig_for_enterprise", "POST", "/enterprises/{enterprise}/actions/runners/generate-jitconfig", **GHES_ONLY)
# fmt: on

OPERATIONS: list[Operation] = [
    LIST_FOR_REPO,
    GET_FOR_REPO,
    DELETE_FOR_REPO,
    LIST_RUNNER_APPLICATIONS_FOR_REPO,
    CREATE_REGISTRATION_TOKEN_FOR_REPO,
    CREATE_REMOVE_TOKEN_FOR_REPO,
    GENERATE_JITCONFIG_FOR_REPO,
    LIST_LABELS_FOR_REPO,
    ADD_LABELS_FOR_REPO,
    SET_LABELS_FOR_REPO,
    REMOVE_ALL_LABELS_FOR_REPO,
    REMOVE_LABEL_FOR_REPO,
    LIST_FOR_ORG,
    GET_FOR_ORG,
    DELETE_FOR_ORG,
    LIST_RUNNER_APPLICATIONS_FOR_ORG,
    CREATE_REGISTRATION_TOKEN_FOR_ORG,
    CREATE_REMOVE_TOKEN_FOR_ORG,
    GENERATE_JITCONFIG_FOR_ORG,
    LIST_LABELS_FOR_ORG,
    ADD_LABELS_FOR_ORG,
    SET_LABELS_FOR_ORG,
    REMOVE_ALL_LABELS_FOR_ORG,
    REMOVE_LABEL_FOR_ORG,
    GENERATE_JITCONFIG_FOR_ENTERPRISE,
]

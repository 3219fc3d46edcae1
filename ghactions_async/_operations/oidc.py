"""The operations of ``gh.oidc``."""

from . import Operation

# One row per operation reads best as a table.
# fmt: off
GET_SUBJECT_CLAIM_TEMPLATE = Operation("actions/get-custom-oidc-sub-claim-for-repo", "oidc", "get_subject_claim_template", "GET", "/repos/{owner}/{repo}/actions/oidc/customization/sub")
SET_SUBJECT_CLAIM_TEMPLATE = Operation("actions/set-custom-oidc-sub-claim-for-repo", "oidc", "set_subject_claim_template", "PUT", "/repos/{owner}/{repo}/actions/oidc/customization/sub")
# fmt: on

OPERATIONS: list[Operation] = [
    GET_SUBJECT_CLAIM_TEMPLATE,
    SET_SUBJECT_CLAIM_TEMPLATE,
]

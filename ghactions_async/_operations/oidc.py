"""The operations of ``gh.oidc``."""

from . import Operation

# One row per operation reads best as a table.
# fmt: off
OPERATIONS: list[Operation] = [
    Operation("actions/get-custom-oidc-sub-claim-for-repo", "oidc", "get_subject_claim_template", "GET", "/repos/{owner}/{repo}/actions/oidc/customization/sub"),
    Operation("actions/set-custom-oidc-sub-claim-for-repo", "oidc", "set_subject_claim_template", "PUT", "/repos/{owner}/{repo}/actions/oidc/customization/sub"),
]
# fmt: on

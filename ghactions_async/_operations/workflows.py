"""The operations of ``gh.workflows``."""

from . import GITHUB_COM_ONLY, Operation

# One row per operation reads best as a table.
# fmt: off
OPERATIONS: list[Operation] = [
    # workflows
    Operation("actions/list-repo-workflows", "workflows", "list", "GET", "/repos/{owner}/{repo}/actions/workflows"),
    Operation("actions/get-workflow", "workflows", "get", "GET", "/repos/{owner}/{repo}/actions/workflows/{workflow_id}"),
    Operation("actions/create-workflow-dispatch", "workflows", "dispatch", "POST", "/repos/{owner}/{repo}/actions/workflows/{workflow_id}/dispatches"),
    Operation("actions/enable-workflow", "workflows", "enable", "PUT", "/repos/{owner}/{repo}/actions/workflows/{workflow_id}/enable"),
    Operation("actions/disable-workflow", "workflows", "disable", "PUT", "/repos/{owner}/{repo}/actions/workflows/{workflow_id}/disable"),
    Operation("actions/get-workflow-usage", "workflows", "get_timing", "GET", "/repos/{owner}/{repo}/actions/workflows/{workflow_id}/timing", **GITHUB_COM_ONLY),
]
# fmt: on

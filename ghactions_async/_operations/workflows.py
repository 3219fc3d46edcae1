"""The operations of ``gh.workflows``."""

from . import GITHUB_COM_ONLY, Operation

# One row per operation reads best as a table.
# fmt: off
# workflows
LIST = Operation("actions/list-repo-workflows", "workflows", "list", "GET", "/repos/{owner}/{repo}/actions/workflows")
GET = Operation("actions/get-workflow", "workflows", "get", "GET", "/repos/{owner}/{repo}/actions/workflows/{workflow_id}")
DISPATCH = Operation("actions/create-workflow-dispatch", "workflows", "dispatch", "POST", "/repos/{owner}/{repo}/actions/workflows/{workflow_id}/dispatches")
ENABLE = Operation("actions/enable-workflow", "workflows", "enable", "PUT", "/repos/{owner}/{repo}/actions/workflows/{workflow_id}/enable")
DISABLE = Operation("actions/disable-workflow", "workflows", "disable", "PUT", "/repos/{owner}/{repo}/actions/workflows/{workflow_id}/disable")
GET_TIMING = Operation("actions/get-workflow-usage", "workflows", "get_timing", "GET", "/repos/{owner}/{repo}/actions/workflows/{workflow_id}/timing", **GITHUB_COM_ONLY)
# fmt: on

OPERATIONS: list[Operation] = [
    LIST,
    GET,
    DISPATCH,
    ENABLE,
    DISABLE,
    GET_TIMING,
]

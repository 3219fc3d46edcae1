"""The operations of ``gh.concurrency_groups``."""

from . import GITHUB_COM_ONLY, Operation

# One row per operation reads best as a table.
# fmt: off
OPERATIONS: list[Operation] = [
    Operation("actions/list-concurrency-groups-for-repository", "concurrency_groups", "list", "GET", "/repos/{owner}/{repo}/actions/concurrency_groups", **GITHUB_COM_ONLY),
    Operation("actions/get-concurrency-group-for-repository", "concurrency_groups", "get", "GET", "/repos/{owner}/{repo}/actions/concurrency_groups/{concurrency_group_name}", **GITHUB_COM_ONLY),
    Operation("actions/list-concurrency-groups-for-workflow-run", "concurrency_groups", "list_for_run", "GET", "/repos/{owner}/{repo}/actions/runs/{run_id}/concurrency_groups", **GITHUB_COM_ONLY),
]
# fmt: on

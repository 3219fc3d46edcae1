"""The operations of ``gh.concurrency_groups``."""

from . import GITHUB_COM_ONLY, Operation

# One row per operation reads best as a table.
# fmt: off
LIST = Operation("actions/list-concurrency-groups-for-repository", "concurrency_groups", "list", "GET", "/repos/{owner}/{repo}/actions/concurrency_groups", **GITHUB_COM_ONLY)
GET = Operation("actions/get-concurrency-group-for-repository", "concurrency_groups", "get", "GET", "/repos/{owner}/{repo}/actions/concurrency_groups/{concurrency_group_name}", **GITHUB_COM_ONLY)
LIST_FOR_RUN = Operation("actions/list-concurrency-groups-for-workflow-run", "concurrency_groups", "list_for_run", "GET", "/repos/{owner}/{repo}/actions/runs/{run_id}/concurrency_groups", **GITHUB_COM_ONLY)
# fmt: on

OPERATIONS: list[Operation] = [
    LIST,
    GET,
    LIST_FOR_RUN,
]

"""The operations of ``gh.artifacts``."""

from . import Operation

# One row per operation reads best as a table.
# fmt: off
LIST = Operation("actions/list-artifacts-for-repo", "artifacts", "list", "GET", "/repos/{owner}/{repo}/actions/artifacts")
LIST_FOR_RUN = Operation("actions/list-workflow-run-artifacts", "artifacts", "list_for_run", "GET", "/repos/{owner}/{repo}/actions/runs/{run_id}/artifacts")
GET = Operation("actions/get-artifact", "artifacts", "get", "GET", "/repos/{owner}/{repo}/actions/artifacts/{artifact_id}")
DELETE = Operation("actions/delete-artifact", "artifacts", "delete", "DELETE", "/repos/{owner}/{repo}/actions/artifacts/{artifact_id}")
# get_download_url sends this operation too, without following the redirect.
DOWNLOAD = Operation("actions/download-artifact", "artifacts", "download", "GET", "/repos/{owner}/{repo}/actions/artifacts/{artifact_id}/{archive_format}")
# fmt: on

OPERATIONS: list[Operation] = [
    LIST,
    LIST_FOR_RUN,
    GET,
    DELETE,
    DOWNLOAD,
]

"""The operations of ``gh.artifacts``."""

from . import Operation

# One row per operation reads best as a table.
# fmt: off
OPERATIONS: list[Operation] = [
    Operation("actions/list-artifacts-for-repo", "artifacts", "list", "GET", "/repos/{owner}/{repo}/actions/artifacts"),
    Operation("actions/list-workflow-run-artifacts", "artifacts", "list_for_run", "GET", "/repos/{owner}/{repo}/actions/runs/{run_id}/artifacts"),
    Operation("actions/get-artifact", "artifacts", "get", "GET", "/repos/{owner}/{repo}/actions/artifacts/{artifact_id}"),
    Operation("actions/delete-artifact", "artifacts", "delete", "DELETE", "/repos/{owner}/{repo}/actions/artifacts/{artifact_id}"),
    # get_download_url sends this operation too, without following the redirect.
    Operation("actions/download-artifact", "artifacts", "download", "GET", "/repos/{owner}/{repo}/actions/artifacts/{artifact_id}/{archive_format}"),
]
# fmt: on

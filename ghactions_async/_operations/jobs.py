"""The operations of ``gh.jobs``."""

from . import Operation

# One row per operation reads best as a table.
# fmt: off
OPERATIONS: list[Operation] = [
    # workflow-jobs
    Operation("actions/list-jobs-for-workflow-run", "jobs", "list_for_run", "GET", "/repos/{owner}/{repo}/actions/runs/{run_id}/jobs"),
    Operation("actions/list-jobs-for-workflow-run-attempt", "jobs", "list_for_attempt", "GET", "/repos/{owner}/{repo}/actions/runs/{run_id}/attempts/{attempt_number}/jobs"),
    Operation("actions/get-job-for-workflow-run", "jobs", "get", "GET", "/repos/{owner}/{repo}/actions/jobs/{job_id}"),
    Operation("actions/download-job-logs-for-workflow-run", "jobs", "download_logs", "GET", "/repos/{owner}/{repo}/actions/jobs/{job_id}/logs"),
    # GitHub files this one under workflow-runs; API.md settles it as jobs.rerun.
    Operation("actions/re-run-job-for-workflow-run", "jobs", "rerun", "POST", "/repos/{owner}/{repo}/actions/jobs/{job_id}/rerun"),
]
# fmt: on

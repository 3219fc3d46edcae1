"""The operations of ``gh.jobs``."""

from . import Operation

# One row per operation reads best as a table.
# fmt: off
# workflow-jobs
LIST_FOR_RUN = Operation("actions/list-jobs-for-workflow-run", "jobs", "list_for_run", "GET", "/repos/{owner}/{repo}/actions/runs/{run_id}/jobs")
LIST_FOR_ATTEMPT = Operation("actions/list-jobs-for-workflow-run-attempt", "jobs", "list_for_attempt", "GET", "/repos/{owner}/{repo}/actions/runs/{run_id}/attempts/{attempt_number}/jobs")
GET = Operation("actions/get-job-for-workflow-run", "jobs", "get", "GET", "/repos/{owner}/{repo}/actions/jobs/{job_id}")
DOWNLOAD_LOGS = Operation("actions/download-job-logs-for-workflow-run", "jobs", "download_logs", "GET", "/repos/{owner}/{repo}/actions/jobs/{job_id}/logs")
# GitHub files this one under workflow-runs; API.md settles it as jobs.rerun.
RERUN = Operation("actions/re-run-job-for-workflow-run", "jobs", "rerun", "POST", "/repos/{owner}/{repo}/actions/jobs/{job_id}/rerun")
# fmt: on

OPERATIONS: list[Operation] = [
    LIST_FOR_RUN,
    LIST_FOR_ATTEMPT,
    GET,
    DOWNLOAD_LOGS,
    RERUN,
]

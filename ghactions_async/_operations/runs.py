"""The operations of ``gh.runs``."""

from . import GITHUB_COM_ONLY, Operation

# One row per operation reads best as a table.
# fmt: off
# workflow-runs
LIST = Operation("actions/list-workflow-runs-for-repo", "runs", "list", "GET", "/repos/{owner}/{repo}/actions/runs")
LIST_FOR_WORKFLOW = Operation("actions/list-workflow-runs", "runs", "list_for_workflow", "GET", "/repos/{owner}/{repo}/actions/workflows/{workflow_id}/runs")
GET = Operation("actions/get-workflow-run", "runs", "get", "GET", "/repos/{owner}/{repo}/actions/runs/{run_id}")
GET_ATTEMPT = Operation("actions/get-workflow-run-attempt", "runs", "get_attempt", "GET", "/repos/{owner}/{repo}/actions/runs/{run_id}/attempts/{attempt_number}")
DELETE = Operation("actions/delete-workflow-run", "runs", "delete", "DELETE", "/repos/{owner}/{repo}/actions/runs/{run_id}")
CANCEL = Operation("actions/cancel-workflow-run", "runs", "cancel", "POST", "/repos/{owner}/{repo}/actions/runs/{run_id}/cancel")
FORCE_CANCEL = Operation("actions/force-cancel-workflow-run", "runs", "force_cancel", "POST", "/repos/{owner}/{repo}/actions/runs/{run_id}/force-cancel")
RERUN = Operation("actions/re-run-workflow", "runs", "rerun", "POST", "/repos/{owner}/{repo}/actions/runs/{run_id}/rerun")
RERUN_FAILED_JOBS = Operation("actions/re-run-workflow-failed-jobs", "runs", "rerun_failed_jobs", "POST", "/repos/{owner}/{repo}/actions/runs/{run_id}/rerun-failed-jobs")
APPROVE = Operation("actions/approve-workflow-run", "runs", "approve", "POST", "/repos/{owner}/{repo}/actions/runs/{run_id}/approve", **GITHUB_COM_ONLY)
DOWNLOAD_LOGS = Operation("actions/download-workflow-run-logs", "runs", "download_logs", "GET", "/repos/{owner}/{repo}/actions/runs/{run_id}/logs")
DOWNLOAD_ATTEMPT_LOGS = Operation("actions/download-workflow-run-attempt-logs", "runs", "download_attempt_logs", "GET", "/repos/{owner}/{repo}/actions/runs/{run_id}/attempts/{attempt_number}/logs")
DELETE_LOGS = Operation("actions/delete-workflow-run-logs", "runs", "delete_logs", "DELETE", "/repos/{owner}/{repo}/actions/runs/{run_id}/logs")
GET_TIMING = Operation("actions/get-workflow-run-usage", "runs", "get_timing", "GET", "/repos/{owner}/{repo}/actions/runs/{run_id}/timing", **GITHUB_COM_ONLY)
LIST_APPROVALS = Operation("actions/get-reviews-for-run", "runs", "list_approvals", "GET", "/repos/{owner}/{repo}/actions/runs/{run_id}/approvals")
GET_PENDING_DEPLOYMENTS = Operation("actions/get-pending-deployments-for-run", "runs", "get_pending_deployments", "GET", "/repos/{owner}/{repo}/actions/runs/{run_id}/pending_deployments")
REVIEW_PENDING_DEPLOYMENTS = Operation("actions/review-pending-deployments-for-run", "runs", "review_pending_deployments", "POST", "/repos/{owner}/{repo}/actions/runs/{run_id}/pending_deployments")
REVIEW_CUSTOM_GATES = Operation("actions/review-custom-gates-for-run", "runs", "review_custom_gates", "POST", "/repos/{owner}/{repo}/actions/runs/{run_id}/deployment_protection_rule")
# fmt: on

OPERATIONS: list[Operation] = [
    LIST,
    LIST_FOR_WORKFLOW,
    GET,
    GET_ATTEMPT,
    DELETE,
    CANCEL,
    FORCE_CANCEL,
    RERUN,
    RERUN_FAILED_JOBS,
    APPROVE,
    DOWNLOAD_LOGS,
    DOWNLOAD_ATTEMPT_LOGS,
    DELETE_LOGS,
    GET_TIMING,
    LIST_APPROVALS,
    GET_PENDING_DEPLOYMENTS,
    REVIEW_PENDING_DEPLOYMENTS,
    REVIEW_CUSTOM_GATES,
]

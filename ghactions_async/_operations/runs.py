"""The operations of ``gh.runs``."""

from . import GITHUB_COM_ONLY, Operation

# One row per operation reads best as a table.
# fmt: off
OPERATIONS: list[Operation] = [
    # workflow-runs
    Operation("actions/list-workflow-runs-for-repo", "runs", "list", "GET", "/repos/{owner}/{repo}/actions/runs"),
    Operation("actions/list-workflow-runs", "runs", "list_for_workflow", "GET", "/repos/{owner}/{repo}/actions/workflows/{workflow_id}/runs"),
    Operation("actions/get-workflow-run", "runs", "get", "GET", "/repos/{owner}/{repo}/actions/runs/{run_id}"),
    Operation("actions/get-workflow-run-attempt", "runs", "get_attempt", "GET", "/repos/{owner}/{repo}/actions/runs/{run_id}/attempts/{attempt_number}"),
    Operation("actions/delete-workflow-run", "runs", "delete", "DELETE", "/repos/{owner}/{repo}/actions/runs/{run_id}"),
    Operation("actions/cancel-workflow-run", "runs", "cancel", "POST", "/repos/{owner}/{repo}/actions/runs/{run_id}/cancel"),
    Operation("actions/force-cancel-workflow-run", "runs", "force_cancel", "POST", "/repos/{owner}/{repo}/actions/runs/{run_id}/force-cancel"),
    Operation("actions/re-run-workflow", "runs", "rerun", "POST", "/repos/{owner}/{repo}/actions/runs/{run_id}/rerun"),
    Operation("actions/re-run-workflow-failed-jobs", "runs", "rerun_failed_jobs", "POST", "/repos/{owner}/{repo}/actions/runs/{run_id}/rerun-failed-jobs"),
    Operation("actions/approve-workflow-run", "runs", "approve", "POST", "/repos/{owner}/{repo}/actions/runs/{run_id}/approve", **GITHUB_COM_ONLY),
    Operation("actions/download-workflow-run-logs", "runs", "download_logs", "GET", "/repos/{owner}/{repo}/actions/runs/{run_id}/logs"),
    Operation("actions/download-workflow-run-attempt-logs", "runs", "download_attempt_logs", "GET", "/repos/{owner}/{repo}/actions/runs/{run_id}/attempts/{attempt_number}/logs"),
    Operation("actions/delete-workflow-run-logs", "runs", "delete_logs", "DELETE", "/repos/{owner}/{repo}/actions/runs/{run_id}/logs"),
    Operation("actions/get-workflow-run-usage", "runs", "get_timing", "GET", "/repos/{owner}/{repo}/actions/runs/{run_id}/timing", **GITHUB_COM_ONLY),
    Operation("actions/get-reviews-for-run", "runs", "list_approvals", "GET", "/repos/{owner}/{repo}/actions/runs/{run_id}/approvals"),
    Operation("actions/get-pending-deployments-for-run", "runs", "get_pending_deployments", "GET", "/repos/{owner}/{repo}/actions/runs/{run_id}/pending_deployments"),
    Operation("actions/review-pending-deployments-for-run", "runs", "review_pending_deployments", "POST", "/repos/{owner}/{repo}/actions/runs/{run_id}/pending_deployments"),
    Operation("actions/review-custom-gates-for-run", "runs", "review_custom_gates", "POST", "/repos/{owner}/{repo}/actions/runs/{run_id}/deployment_protection_rule"),
]
# fmt: on

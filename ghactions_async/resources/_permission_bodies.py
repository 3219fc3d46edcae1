"""The request bodies of ``gh.permissions`` that need more than their fields' types.

Each checks the rule the annotations cannot say (raising ``ValueError``
before any request) or spells out a body whose parameters are named
differently from GitHub's fields. Kept apart so ``resources/permissions.py``
holds the methods alone.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from .permissions import WorkflowPermissionLevel


def check_positive_days(days: int) -> None:
    """Retention is a whole number of days, at least one."""
    if days < 1:
        raise ValueError(f"days must be a positive integer, got {days}")


def allowed_actions_body(
    github_owned_allowed: bool | None,
    verified_allowed: bool | None,
    patterns_allowed: Sequence[str] | None,
) -> dict[str, object]:
    """The allowed actions to set: at least one of the three, or the call would change nothing."""
    if github_owned_allowed is None and verified_allowed is None and patterns_allowed is None:
        raise ValueError("give github_owned_allowed, verified_allowed or patterns_allowed")
    return {
        "github_owned_allowed": github_owned_allowed,
        "verified_allowed": verified_allowed,
        "patterns_allowed": None if patterns_allowed is None else list(patterns_allowed),
    }


def workflow_defaults_body(
    default_workflow_permissions: WorkflowPermissionLevel | None,
    can_approve_pull_request_reviews: bool | None,
) -> dict[str, object]:
    """The ``GITHUB_TOKEN`` defaults to set: at least one, or the call would change nothing."""
    if default_workflow_permissions is None and can_approve_pull_request_reviews is None:
        raise ValueError(
            "give default_workflow_permissions, can_approve_pull_request_reviews or both"
        )
    return {
        "default_workflow_permissions": default_workflow_permissions,
        "can_approve_pull_request_reviews": can_approve_pull_request_reviews,
    }


def fork_pr_body(
    run: bool, write_tokens: bool | None, secrets: bool | None, approval: bool | None
) -> dict[str, object]:
    """The fork pull request flags under GitHub's names, from the methods' four arguments."""
    return {
        "run_workflows_from_fork_pull_requests": run,
        "send_write_tokens_to_workflows": write_tokens,
        "send_secrets_and_variables": secrets,
        "require_approval_for_fork_pr_workflows": approval,
    }

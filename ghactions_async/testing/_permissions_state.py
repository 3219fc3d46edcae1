"""The in-memory state behind FakeGitHub's ``permissions`` endpoints, and its rules.

Every level starts with GitHub's defaults: Actions on for all repositories,
all actions allowed, a read-only ``GITHUB_TOKEN`` that cannot approve pull
requests, 90 days of artifact and log retention (an organization may choose
up to 400), approval for first-time contributors' fork pull requests, and no
fork pull request workflows in private repositories. The handlers
(``_permissions.py``) and the presets of its World mixin check values with
the same rules, kept here.
"""

from __future__ import annotations

from typing import Any

from attrs import define, field

from ._state import FakeRepo, FakeState

ENABLED_REPOSITORIES = ("all", "none", "selected")
ALLOWED_ACTIONS = ("all", "local_only", "selected")
WORKFLOW_PERMISSIONS = ("read", "write")
ACCESS_LEVELS = ("none", "user", "organization", "enterprise")
APPROVAL_POLICIES = (
    "first_time_contributors_new_to_github",
    "first_time_contributors",
    "all_external_contributors",
)
FORK_PR_FLAGS = (
    "run_workflows_from_fork_pull_requests",
    "send_write_tokens_to_workflows",
    "send_secrets_and_variables",
    "require_approval_for_fork_pr_workflows",
)
_CHOICES = {
    "enabled_repositories": ENABLED_REPOSITORIES,
    "self_hosted_runners": ENABLED_REPOSITORIES,
    "allowed_actions": ALLOWED_ACTIONS,
    "default_workflow_permissions": WORKFLOW_PERMISSIONS,
    "access_level": ACCESS_LEVELS,
    "approval_policy": APPROVAL_POLICIES,
}


@define
class OrgPermissions:
    """An organization's Actions policies as FakeGitHub keeps them (GitHub's defaults)."""

    enabled_repositories: str = "all"
    selected_repository_ids: set[int] = field(factory=set)
    allowed_actions: str = "all"
    sha_pinning_required: bool = False
    github_owned_allowed: bool = True
    verified_allowed: bool = False
    patterns_allowed: list[str] = field(factory=list)
    retention_days: int = 90
    maximum_retention_days: int = 400
    approval_policy: str = "first_time_contributors"
    run_workflows_from_fork_pull_requests: bool = False
    send_write_tokens_to_workflows: bool = False
    send_secrets_and_variables: bool = False
    require_approval_for_fork_pr_workflows: bool = False
    self_hosted_runners: str = "all"
    self_hosted_runner_repository_ids: set[int] = field(factory=set)
    default_workflow_permissions: str = "read"
    can_approve_pull_request_reviews: bool = False


@define
class RepoPermissions:
    """A repository's Actions policies; ``None`` means "as its organization has it"."""

    enabled: bool = True
    allowed_actions: str = "all"
    sha_pinning_required: bool = False
    github_owned_allowed: bool = True
    verified_allowed: bool = False
    patterns_allowed: list[str] = field(factory=list)
    access_level: str = "none"
    retention_days: int | None = None
    approval_policy: str | None = None
    run_workflows_from_fork_pull_requests: bool | None = None
    send_write_tokens_to_workflows: bool | None = None
    send_secrets_and_variables: bool | None = None
    require_approval_for_fork_pr_workflows: bool | None = None
    default_workflow_permissions: str | None = None
    can_approve_pull_request_reviews: bool | None = None


@define
class EnterprisePermissions:
    """An enterprise's ``GITHUB_TOKEN`` defaults (GHES), the most its organizations may use."""

    default_workflow_permissions: str = "read"
    can_approve_pull_request_reviews: bool = False


@define
class PermissionsState:
    orgs: dict[str, OrgPermissions] = field(factory=dict)
    repos: dict[str, RepoPermissions] = field(factory=dict)
    enterprises: dict[str, EnterprisePermissions] = field(factory=dict)

    def org(self, login: str) -> OrgPermissions:
        return self.orgs.setdefault(login.lower(), OrgPermissions())

    def repo(self, repo: FakeRepo) -> RepoPermissions:
        return self.repos.setdefault(repo.full_name.lower(), RepoPermissions())

    def enterprise(self, slug: str) -> EnterprisePermissions:
        return self.enterprises.setdefault(slug.lower(), EnterprisePermissions())


def is_int(value: Any) -> bool:
    return isinstance(value, int) and not isinstance(value, bool)


def problem_with(name: str, value: Any) -> str | None:
    """What is wrong with one value, by the rule of its name (None: nothing)."""
    if name in _CHOICES:
        if isinstance(value, str) and value in _CHOICES[name]:
            return None
        return f"{name} must be one of {', '.join(_CHOICES[name])}, got {value!r}"
    if name.endswith("days"):
        return None if is_int(value) and value >= 1 else f"{name} must be a positive integer"
    if name == "patterns_allowed":
        if isinstance(value, list) and all(isinstance(p, str) and p for p in value):
            return None
        return "patterns_allowed must be a list of strings"
    return None if isinstance(value, bool) else f"{name} must be a boolean"


def enterprise_cap(state: FakeState, org: str) -> EnterprisePermissions | None:
    """The workflow defaults of the enterprise owning ``org``, if one does."""
    slug = next((e.slug for e in state.enterprises.values() if org.lower() in e.orgs), None)
    return None if slug is None else state.area(PermissionsState).enterprise(slug)


def effective_workflow_defaults(
    state: FakeState, org: str, repo: FakeRepo | None = None
) -> tuple[str, bool]:
    """Effective ``GITHUB_TOKEN`` defaults of an org (or its repo): each level caps the next."""
    perms = state.area(PermissionsState)
    own = perms.org(org)
    level, approve = own.default_workflow_permissions, own.can_approve_pull_request_reviews
    cap = enterprise_cap(state, org)
    if cap is not None:
        level = "read" if cap.default_workflow_permissions == "read" else level
        approve = approve and cap.can_approve_pull_request_reviews
    if repo is None:
        return level, approve
    mine = perms.repo(repo)
    repo_approve = mine.can_approve_pull_request_reviews
    return (
        "read" if level == "read" else mine.default_workflow_permissions or level,
        approve and (repo_approve is None or repo_approve),
    )

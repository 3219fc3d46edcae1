"""Models of ``gh.permissions``: the Actions policies of organizations, repositories, enterprises.

Enum fields are plain ``str`` so a value GitHub adds later never breaks a
reader; the values GitHub documents today are named in each docstring. The
repositories an organization selects are the shared ``Repository`` model.
"""

from __future__ import annotations

from attrs import frozen


@frozen(kw_only=True)
class OrganizationActionsPermissions:
    """Which repositories of an organization may run Actions, and which actions they may use.

    ``enabled_repositories`` is ``all``, ``none`` or ``selected``;
    ``allowed_actions`` is ``all``, ``local_only`` or ``selected``. The two
    URLs appear only while the matching policy is ``selected``.
    """

    enabled_repositories: str | None = None
    selected_repositories_url: str | None = None
    allowed_actions: str | None = None
    selected_actions_url: str | None = None
    sha_pinning_required: bool | None = None


@frozen(kw_only=True)
class RepositoryActionsPermissions:
    """Whether Actions runs in a repository, and which actions it may use.

    ``allowed_actions`` is ``all``, ``local_only`` or ``selected``; GitHub
    leaves the policy fields out while Actions is disabled.
    """

    enabled: bool | None = None
    allowed_actions: str | None = None
    selected_actions_url: str | None = None
    sha_pinning_required: bool | None = None


@frozen(kw_only=True)
class ArtifactAndLogRetention:
    """How many days artifacts and logs are kept, and the most this level may choose."""

    days: int | None = None
    maximum_allowed_days: int | None = None


@frozen(kw_only=True)
class ForkPrContributorApproval:
    """Whose fork pull requests need a maintainer's approval before their workflows run.

    ``approval_policy`` is ``first_time_contributors_new_to_github``,
    ``first_time_contributors`` or ``all_external_contributors``.
    """

    approval_policy: str | None = None


@frozen(kw_only=True)
class PrivateRepoForkPrWorkflows:
    """Whether and how workflows of fork pull requests run in private repositories."""

    run_workflows_from_fork_pull_requests: bool | None = None
    send_write_tokens_to_workflows: bool | None = None
    send_secrets_and_variables: bool | None = None
    require_approval_for_fork_pr_workflows: bool | None = None


@frozen(kw_only=True)
class SelectedActions:
    """The actions and reusable workflows allowed while ``allowed_actions`` is ``selected``.

    ``patterns_allowed`` (``monalisa/octocat@*``, ``docker/*``) applies to
    public repositories only.
    """

    github_owned_allowed: bool | None = None
    verified_allowed: bool | None = None
    patterns_allowed: list[str] | None = None


@frozen(kw_only=True)
class SelfHostedRunnersSettings:
    """Which repositories of an organization may use repository-level self-hosted runners.

    ``enabled_repositories`` is ``all``, ``selected`` or ``none``; the URL
    lists the selected repositories.
    """

    enabled_repositories: str | None = None
    selected_repositories_url: str | None = None


@frozen(kw_only=True)
class DefaultWorkflowPermissions:
    """What the ``GITHUB_TOKEN`` may do by default, and whether workflows may approve PRs.

    ``default_workflow_permissions`` is ``read`` or ``write``.
    """

    default_workflow_permissions: str | None = None
    can_approve_pull_request_reviews: bool | None = None


@frozen(kw_only=True)
class WorkflowAccess:
    """Which workflows outside a private repository may use its actions and reusable workflows.

    ``access_level`` is ``none``, ``user``, ``organization`` or (GHES)
    ``enterprise``.
    """

    access_level: str | None = None

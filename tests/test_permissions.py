"""Every permissions method, through the async and the sync client, against FakeGitHub."""

from __future__ import annotations

from typing import Any

import pytest

from ghactions_async import (
    AsyncGitHubActions,
    Conflict,
    GitHubError,
    NotFound,
    ValidationFailed,
)
from ghactions_async.models import (
    ArtifactAndLogRetention,
    DefaultWorkflowPermissions,
    ForkPrContributorApproval,
    OrganizationActionsPermissions,
    PrivateRepoForkPrWorkflows,
    Repository,
    RepositoryActionsPermissions,
    SelectedActions,
    SelfHostedRunnersSettings,
    WorkflowAccess,
)
from ghactions_async.testing import FakeGitHub

from .conftest import present

READ_ONLY = DefaultWorkflowPermissions(
    default_workflow_permissions="read", can_approve_pull_request_reviews=False
)


def seed(fake: FakeGitHub) -> dict[str, int]:
    """Three repositories of ``octo`` and one of ``other``; their ids by name."""
    names = ["octo/app", "octo/lib", "octo/web", "other/tool"]
    return {name.split("/")[1]: fake.add_repo(name).id for name in names}


async def test_org_policy_defaults_then_set_and_get(
    gh: AsyncGitHubActions, fake: FakeGitHub
) -> None:
    seed(fake)
    assert await gh.permissions.get_for_org("octo") == OrganizationActionsPermissions(
        enabled_repositories="all", allowed_actions="all", sha_pinning_required=False
    )
    await gh.permissions.set_for_org(
        "octo",
        enabled_repositories="selected",
        allowed_actions="selected",
        sha_pinning_required=True,
    )
    policy = await gh.permissions.get_for_org("octo")
    base = f"{fake.url}/orgs/octo/actions/permissions"
    assert policy == OrganizationActionsPermissions(
        enabled_repositories="selected",
        selected_repositories_url=f"{base}/repositories",
        allowed_actions="selected",
        selected_actions_url=f"{base}/selected-actions",
        sha_pinning_required=True,
    )
    # A field left out of the PUT keeps its value.
    await gh.permissions.set_for_org("octo", enabled_repositories="none")
    after = await gh.permissions.get_for_org("octo")
    assert (after.enabled_repositories, after.allowed_actions) == ("none", "selected")
    assert after.selected_repositories_url is None


async def test_repo_policy_set_and_get(gh: AsyncGitHubActions, fake: FakeGitHub) -> None:
    seed(fake)
    assert await gh.permissions.get_for_repo("octo", "app") == RepositoryActionsPermissions(
        enabled=True, allowed_actions="all", sha_pinning_required=False
    )
    await gh.permissions.set_for_repo(
        "octo", "app", enabled=True, allowed_actions="selected", sha_pinning_required=True
    )
    assert await gh.permissions.get_for_repo("octo", "app") == RepositoryActionsPermissions(
        enabled=True,
        allowed_actions="selected",
        selected_actions_url=f"{fake.url}/repos/octo/app/actions/permissions/selected-actions",
        sha_pinning_required=True,
    )
    await gh.permissions.set_for_repo("octo", "app", enabled=False)
    assert (await gh.permissions.get_for_repo("octo", "app")).enabled is False
    assert (await gh.permissions.get_for_repo("octo", "lib")).enabled is True


async def test_selected_repositories_for_actions(gh: AsyncGitHubActions, fake: FakeGitHub) -> None:
    ids = seed(fake)
    perms = gh.permissions
    with pytest.raises(Conflict):  # the list is used only while the policy is "selected"
        await perms.list_selected_repositories_for_org("octo").collect()
    with pytest.raises(Conflict):
        await perms.enable_repository_for_org("octo", ids["app"])
    await perms.set_for_org("octo", enabled_repositories="selected")
    assert await perms.list_selected_repositories_for_org("octo").collect() == []

    await perms.set_selected_repositories_for_org(
        "octo", selected_repository_ids=[ids["web"], ids["app"]]
    )
    repos = await perms.list_selected_repositories_for_org("octo").collect()
    assert [r.full_name for r in repos] == ["octo/app", "octo/web"]
    assert isinstance(repos[0], Repository)
    assert (repos[0].id, present(repos[0].owner).login, present(repos[0].owner).type) == (
        ids["app"],
        "octo",
        "Organization",
    )

    await perms.enable_repository_for_org("octo", ids["lib"])
    await perms.disable_repository_for_org("octo", ids["app"])
    paged = await perms.list_selected_repositories_for_org("octo", per_page=1).collect()
    assert [r.name for r in paged] == ["lib", "web"]
    assert fake.org_permissions("octo").selected_repository_ids == {ids["lib"], ids["web"]}
    # The URL GitHub gives for the list lists the same repositories.
    url = (await perms.get_for_org("octo")).selected_repositories_url
    assert url is not None
    raw = await gh.paginate(url, item_key="repositories").collect()
    assert [r["name"] for r in raw] == ["lib", "web"]


async def test_selected_repositories_must_belong_to_the_org(
    gh: AsyncGitHubActions, fake: FakeGitHub
) -> None:
    ids = seed(fake)
    fake.org_permissions(
        "octo", enabled_repositories="selected", selected_repositories=["octo/app"]
    )
    with pytest.raises(ValidationFailed) as caught:
        await gh.permissions.set_selected_repositories_for_org(
            "octo", selected_repository_ids=[ids["tool"]]
        )
    assert caught.value.errors[0]["field"] == "selected_repository_ids"
    with pytest.raises(NotFound):
        await gh.permissions.enable_repository_for_org("octo", ids["tool"])
    with pytest.raises(NotFound):
        await gh.permissions.list_selected_repositories_for_org("nobody").collect()
    assert fake.org_permissions("octo").selected_repository_ids == {ids["app"]}


async def test_self_hosted_runner_settings_and_repositories(
    gh: AsyncGitHubActions, fake: FakeGitHub
) -> None:
    ids = seed(fake)
    perms = gh.permissions
    assert await perms.get_self_hosted_runners_for_org("octo") == SelfHostedRunnersSettings(
        enabled_repositories="all"
    )
    with pytest.raises(Conflict):
        await perms.disable_self_hosted_runner_repository_for_org("octo", ids["app"])
    await perms.set_self_hosted_runners_for_org("octo", enabled_repositories="selected")
    assert await perms.get_self_hosted_runners_for_org("octo") == SelfHostedRunnersSettings(
        enabled_repositories="selected",
        selected_repositories_url=(
            f"{fake.url}/orgs/octo/actions/permissions/self-hosted-runners/repositories"
        ),
    )
    await perms.set_self_hosted_runner_repositories_for_org(
        "octo", selected_repository_ids=[ids["app"], ids["lib"]]
    )
    await perms.enable_self_hosted_runner_repository_for_org("octo", ids["web"])
    await perms.disable_self_hosted_runner_repository_for_org("octo", ids["lib"])
    repos = await perms.list_self_hosted_runner_repositories_for_org("octo").collect()
    assert [r.full_name for r in repos] == ["octo/app", "octo/web"]
    # Independent of the list of repositories that may run Actions at all.
    assert fake.org_permissions("octo").selected_repository_ids == set()


@pytest.mark.parametrize("level", ["org", "repo"])
async def test_allowed_actions(gh: AsyncGitHubActions, fake: FakeGitHub, level: str) -> None:
    seed(fake)
    perms = gh.permissions

    async def get() -> SelectedActions:
        if level == "org":
            return await perms.get_allowed_actions_for_org("octo")
        return await perms.get_allowed_actions_for_repo("octo", "app")

    async def set_(**fields: Any) -> None:
        if level == "org":
            await perms.set_allowed_actions_for_org("octo", **fields)
        else:
            await perms.set_allowed_actions_for_repo("octo", "app", **fields)

    with pytest.raises(Conflict):  # allowed_actions is still "all"
        await get()
    with pytest.raises(Conflict):
        await set_(verified_allowed=True)
    if level == "org":
        await perms.set_for_org("octo", enabled_repositories="all", allowed_actions="selected")
    else:
        await perms.set_for_repo("octo", "app", enabled=True, allowed_actions="selected")
    assert await get() == SelectedActions(
        github_owned_allowed=True, verified_allowed=False, patterns_allowed=[]
    )
    await set_(verified_allowed=True, patterns_allowed=("monalisa/octocat@*", "docker/*"))
    assert await get() == SelectedActions(
        github_owned_allowed=True,
        verified_allowed=True,
        patterns_allowed=["monalisa/octocat@*", "docker/*"],
    )
    await set_(github_owned_allowed=False)  # the others stay
    assert await get() == SelectedActions(
        github_owned_allowed=False,
        verified_allowed=True,
        patterns_allowed=["monalisa/octocat@*", "docker/*"],
    )


async def test_artifact_and_log_retention(gh: AsyncGitHubActions, fake: FakeGitHub) -> None:
    seed(fake)
    perms = gh.permissions
    assert await perms.get_artifact_and_log_retention_for_org("octo") == ArtifactAndLogRetention(
        days=90, maximum_allowed_days=400
    )
    await perms.set_artifact_and_log_retention_for_org("octo", days=30)
    assert await perms.get_artifact_and_log_retention_for_org("octo") == ArtifactAndLogRetention(
        days=30, maximum_allowed_days=400
    )
    # A repository keeps its organization's days, and may not keep longer.
    repo_retention = perms.get_artifact_and_log_retention_for_repo
    assert await repo_retention("octo", "app") == ArtifactAndLogRetention(
        days=30, maximum_allowed_days=30
    )
    await perms.set_artifact_and_log_retention_for_repo("octo", "app", days=10)
    assert await repo_retention("octo", "app") == ArtifactAndLogRetention(
        days=10, maximum_allowed_days=30
    )
    with pytest.raises(ValidationFailed) as caught:
        await perms.set_artifact_and_log_retention_for_repo("octo", "app", days=31)
    assert caught.value.errors[0]["field"] == "days"
    with pytest.raises(ValidationFailed):
        await perms.set_artifact_and_log_retention_for_org("octo", days=401)
    await perms.set_artifact_and_log_retention_for_org("octo", days=5)
    assert await repo_retention("octo", "app") == ArtifactAndLogRetention(
        days=5, maximum_allowed_days=5
    )


async def test_fork_pr_contributor_approval(gh: AsyncGitHubActions, fake: FakeGitHub) -> None:
    seed(fake)
    perms = gh.permissions
    first_time = ForkPrContributorApproval(approval_policy="first_time_contributors")
    assert await perms.get_fork_pr_contributor_approval_for_org("octo") == first_time
    await perms.set_fork_pr_contributor_approval_for_org(
        "octo", approval_policy="all_external_contributors"
    )
    everyone = ForkPrContributorApproval(approval_policy="all_external_contributors")
    assert await perms.get_fork_pr_contributor_approval_for_org("octo") == everyone
    assert await perms.get_fork_pr_contributor_approval_for_repo("octo", "app") == everyone
    await perms.set_fork_pr_contributor_approval_for_repo(
        "octo", "app", approval_policy="first_time_contributors_new_to_github"
    )
    assert await perms.get_fork_pr_contributor_approval_for_repo(
        "octo", "app"
    ) == ForkPrContributorApproval(approval_policy="first_time_contributors_new_to_github")
    assert await perms.get_fork_pr_contributor_approval_for_repo("octo", "lib") == everyone


async def test_private_repo_fork_pr_workflows(gh: AsyncGitHubActions, fake: FakeGitHub) -> None:
    seed(fake)
    perms = gh.permissions
    nothing = PrivateRepoForkPrWorkflows(
        run_workflows_from_fork_pull_requests=False,
        send_write_tokens_to_workflows=False,
        send_secrets_and_variables=False,
        require_approval_for_fork_pr_workflows=False,
    )
    assert await perms.get_private_repo_fork_pr_workflows_for_org("octo") == nothing
    await perms.set_private_repo_fork_pr_workflows_for_org(
        "octo",
        run_workflows_from_fork_pull_requests=True,
        require_approval_for_fork_pr_workflows=True,
    )
    approved = PrivateRepoForkPrWorkflows(
        run_workflows_from_fork_pull_requests=True,
        send_write_tokens_to_workflows=False,
        send_secrets_and_variables=False,
        require_approval_for_fork_pr_workflows=True,
    )
    assert await perms.get_private_repo_fork_pr_workflows_for_org("octo") == approved
    assert await perms.get_private_repo_fork_pr_workflows_for_repo("octo", "app") == approved
    await perms.set_private_repo_fork_pr_workflows_for_repo(
        "octo",
        "app",
        run_workflows_from_fork_pull_requests=False,
        send_write_tokens_to_workflows=True,
        send_secrets_and_variables=True,
        require_approval_for_fork_pr_workflows=False,
    )
    assert await perms.get_private_repo_fork_pr_workflows_for_repo(
        "octo", "app"
    ) == PrivateRepoForkPrWorkflows(
        run_workflows_from_fork_pull_requests=False,
        send_write_tokens_to_workflows=True,
        send_secrets_and_variables=True,
        require_approval_for_fork_pr_workflows=False,
    )


async def test_default_workflow_permissions_org_bounds_repo(
    gh: AsyncGitHubActions, fake: FakeGitHub
) -> None:
    seed(fake)
    perms = gh.permissions
    assert await perms.get_default_workflow_permissions_for_org("octo") == READ_ONLY
    assert await perms.get_default_workflow_permissions_for_repo("octo", "app") == READ_ONLY
    # The organization is read-only, so a repository cannot ask for more.
    with pytest.raises(Conflict):
        await perms.set_default_workflow_permissions_for_repo(
            "octo", "app", default_workflow_permissions="write"
        )
    with pytest.raises(Conflict):
        await perms.set_default_workflow_permissions_for_repo(
            "octo", "app", can_approve_pull_request_reviews=True
        )
    await perms.set_default_workflow_permissions_for_org(
        "octo", default_workflow_permissions="write", can_approve_pull_request_reviews=True
    )
    permissive = DefaultWorkflowPermissions(
        default_workflow_permissions="write", can_approve_pull_request_reviews=True
    )
    assert await perms.get_default_workflow_permissions_for_org("octo") == permissive
    assert await perms.get_default_workflow_permissions_for_repo("octo", "lib") == permissive
    await perms.set_default_workflow_permissions_for_repo(
        "octo", "app", default_workflow_permissions="read"
    )
    assert await perms.get_default_workflow_permissions_for_repo(
        "octo", "app"
    ) == DefaultWorkflowPermissions(
        default_workflow_permissions="read", can_approve_pull_request_reviews=True
    )
    # Tightening the organization tightens every repository with it.
    await perms.set_default_workflow_permissions_for_org(
        "octo", default_workflow_permissions="read", can_approve_pull_request_reviews=False
    )
    assert await perms.get_default_workflow_permissions_for_repo("octo", "lib") == READ_ONLY


@pytest.mark.ghes
async def test_default_workflow_permissions_enterprise_bounds_org(
    gh: AsyncGitHubActions, fake: FakeGitHub
) -> None:
    seed(fake)
    fake.add_enterprise("acme", ["octo"])
    perms = gh.permissions
    assert await perms.get_default_workflow_permissions_for_enterprise("acme") == READ_ONLY
    with pytest.raises(Conflict, match="owning enterprise"):
        await perms.set_default_workflow_permissions_for_org(
            "octo", default_workflow_permissions="write"
        )
    await perms.set_default_workflow_permissions_for_enterprise(
        "acme", default_workflow_permissions="write", can_approve_pull_request_reviews=True
    )
    assert await perms.get_default_workflow_permissions_for_enterprise(
        "acme"
    ) == DefaultWorkflowPermissions(
        default_workflow_permissions="write", can_approve_pull_request_reviews=True
    )
    await perms.set_default_workflow_permissions_for_org(
        "octo", default_workflow_permissions="write"
    )
    assert await perms.get_default_workflow_permissions_for_org(
        "octo"
    ) == DefaultWorkflowPermissions(
        default_workflow_permissions="write", can_approve_pull_request_reviews=False
    )
    # Organizations outside the enterprise answer only to themselves.
    await perms.set_default_workflow_permissions_for_org(
        "other", default_workflow_permissions="write"
    )
    with pytest.raises(NotFound):
        await perms.get_default_workflow_permissions_for_enterprise("nope")


async def test_workflow_access(gh: AsyncGitHubActions, fake: FakeGitHub) -> None:
    seed(fake)
    perms = gh.permissions
    assert await perms.get_workflow_access_for_repo("octo", "app") == WorkflowAccess(
        access_level="none"
    )
    await perms.set_workflow_access_for_repo("octo", "app", access_level="organization")
    assert await perms.get_workflow_access_for_repo("octo", "app") == WorkflowAccess(
        access_level="organization"
    )
    with pytest.raises(ValidationFailed):  # no enterprise owns octo
        await perms.set_workflow_access_for_repo("octo", "app", access_level="enterprise")
    fake.add_enterprise("acme", ["octo"])
    await perms.set_workflow_access_for_repo("octo", "app", access_level="enterprise")
    assert (await perms.get_workflow_access_for_repo("octo", "app")).access_level == "enterprise"


async def test_missing_org_and_repo_are_not_found(gh: AsyncGitHubActions, fake: FakeGitHub) -> None:
    seed(fake)
    with pytest.raises(NotFound):
        await gh.permissions.get_for_org("nobody")
    with pytest.raises(NotFound):
        await gh.permissions.set_for_repo("octo", "nope", enabled=False)
    with pytest.raises(NotFound):
        await gh.permissions.get_artifact_and_log_retention_for_repo("octo", "nope")


async def test_bad_arguments_raise_before_any_request(
    gh: AsyncGitHubActions, fake: FakeGitHub
) -> None:
    ids = seed(fake)
    perms: Any = gh.permissions
    before = fake.stats.requests
    with pytest.raises(ValueError, match="enabled_repositories must be one of"):
        await perms.set_for_org("octo", enabled_repositories="some")
    with pytest.raises(ValueError, match="allowed_actions must be one of"):
        await perms.set_for_repo("octo", "app", enabled=True, allowed_actions="everything")
    with pytest.raises(ValueError, match="default_workflow_permissions must be one of"):
        await perms.set_default_workflow_permissions_for_repo(
            "octo", "app", default_workflow_permissions="admin"
        )
    with pytest.raises(ValueError, match="access_level must be one of"):
        await perms.set_workflow_access_for_repo("octo", "app", access_level="public")
    with pytest.raises(ValueError, match="approval_policy must be one of"):
        await perms.set_fork_pr_contributor_approval_for_org("octo", approval_policy="never")
    with pytest.raises(ValueError, match="days must not be negative"):
        await perms.set_artifact_and_log_retention_for_org("octo", days=-1)
    with pytest.raises(ValueError, match="days must be a positive integer"):
        await perms.set_artifact_and_log_retention_for_repo("octo", "app", days=0)
    with pytest.raises(TypeError, match="days must be an int"):
        await perms.set_artifact_and_log_retention_for_repo("octo", "app", days=True)
    with pytest.raises(TypeError, match="selected_repository_id must be an int"):
        await perms.set_selected_repositories_for_org("octo", selected_repository_ids=["12"])
    with pytest.raises(ValueError, match="selected_repository_id must be a positive integer"):
        await perms.set_self_hosted_runner_repositories_for_org(
            "octo", selected_repository_ids=[ids["app"], -3]
        )
    with pytest.raises(TypeError, match="selected_repository_ids must be a list"):
        await perms.set_selected_repositories_for_org("octo", selected_repository_ids=ids["app"])
    with pytest.raises(TypeError, match="repository_id must be an int"):
        await perms.enable_repository_for_org("octo", str(ids["app"]))
    with pytest.raises(ValueError, match="repository_id must be a positive integer"):
        await perms.disable_self_hosted_runner_repository_for_org("octo", 0)
    with pytest.raises(TypeError, match="patterns_allowed must be a list"):
        await perms.set_allowed_actions_for_org("octo", patterns_allowed="docker/*")
    with pytest.raises(TypeError, match="run_workflows_from_fork_pull_requests must be a bool"):
        await perms.set_private_repo_fork_pr_workflows_for_org(
            "octo", run_workflows_from_fork_pull_requests="yes"
        )
    with pytest.raises(ValueError, match="give github_owned_allowed"):
        await perms.set_allowed_actions_for_repo("octo", "app")
    with pytest.raises(ValueError, match="give default_workflow_permissions"):
        await perms.set_default_workflow_permissions_for_enterprise("acme")
    with pytest.raises(ValueError, match="org must not be empty"):
        await perms.get_for_org("")
    with pytest.raises(ValueError, match="per_page must be between 1 and 100"):
        perms.list_selected_repositories_for_org("octo", per_page=101)
    assert fake.stats.requests == before


ORG, REPO = "/orgs/octo/actions/permissions", "/repos/octo/app/actions/permissions"
INVALID_BODIES = [
    (ORG, {"allowed_actions": "all"}, "enabled_repositories", "missing_field"),
    (ORG, {"enabled_repositories": "most"}, "enabled_repositories", "invalid"),
    (REPO, {"enabled": "yes"}, "enabled", "invalid"),
    (
        f"{REPO}/workflow",
        {"default_workflow_permissions": "admin"},
        "default_workflow_permissions",
        "invalid",
    ),
    (f"{ORG}/artifact-and-log-retention", {"days": 0}, "days", "invalid"),
    (
        f"{ORG}/fork-pr-workflows-private-repos",
        {"send_secrets_and_variables": True},
        "run_workflows_from_fork_pull_requests",
        "missing_field",
    ),
    (f"{ORG}/self-hosted-runners", {"enabled_repositories": 1}, "enabled_repositories", "invalid"),
    (f"{ORG}/selected-actions", {"patterns_allowed": "docker/*"}, "patterns_allowed", "invalid"),
    (
        f"{ORG}/repositories",
        {"selected_repository_ids": ["1"]},
        "selected_repository_ids",
        "invalid",
    ),
]


@pytest.mark.parametrize(("path", "body", "field", "code"), INVALID_BODIES)
async def test_fake_answers_invalid_bodies_with_422(
    fake: FakeGitHub, path: str, body: dict[str, Any], field: str, code: str
) -> None:
    seed(fake)
    fake.org_permissions("octo", enabled_repositories="selected", allowed_actions="selected")
    async with AsyncGitHubActions(fake.token, base_url=fake.url) as gh:
        with pytest.raises(ValidationFailed) as caught:
            await gh.request("PUT", path, json=body)
    assert caught.value.errors[0]["field"] == field
    assert caught.value.errors[0]["code"] == code


def test_world_presets_and_inspects(fake: FakeGitHub) -> None:
    ids = seed(fake)
    org = fake.org_permissions(
        "octo",
        enabled_repositories="selected",
        selected_repositories=["octo/app", "octo/new"],
        self_hosted_runners="none",
        retention_days=14,
    )
    assert org.enabled_repositories == "selected"
    assert org.selected_repository_ids == {ids["app"], fake.add_repo("octo/new").id}
    assert (org.self_hosted_runners, org.retention_days) == ("none", 14)
    org.retention_days = 1  # a copy: the fake is unchanged
    assert fake.org_permissions("octo").retention_days == 14

    repo = fake.repo_permissions("octo/app", default_workflow_permissions="write", enabled=False)
    assert (repo.default_workflow_permissions, repo.enabled) == ("write", False)
    assert fake.repo_permissions("octo/app", default_workflow_permissions=None).enabled is False
    assert fake.repo_permissions("octo/app").default_workflow_permissions is None

    fake.add_enterprise("acme", ["octo"])
    assert fake.enterprise_permissions("acme", can_approve_pull_request_reviews=True) == (
        type(fake.enterprise_permissions("acme"))(
            default_workflow_permissions="read", can_approve_pull_request_reviews=True
        )
    )


def test_world_refuses_bad_presets(fake: FakeGitHub) -> None:
    seed(fake)
    with pytest.raises(TypeError, match="has no field 'enabled'"):
        fake.org_permissions("octo", enabled=True)
    with pytest.raises(ValueError, match="allowed_actions must be one of"):
        fake.repo_permissions("octo/app", allowed_actions="some")
    with pytest.raises(ValueError, match="retention_days must be a positive integer"):
        fake.org_permissions("octo", retention_days=0)
    with pytest.raises(ValueError, match="enabled cannot be None"):
        fake.repo_permissions("octo/app", enabled=None)
    with pytest.raises(ValueError, match="not a repository of 'octo'"):
        fake.org_permissions("octo", selected_repositories=["other/tool"])
    with pytest.raises(KeyError, match="add_enterprise"):
        fake.enterprise_permissions("acme")
    assert fake.org_permissions("octo").allowed_actions == "all"


async def test_presets_are_what_the_api_answers(gh: AsyncGitHubActions, fake: FakeGitHub) -> None:
    seed(fake)
    fake.org_permissions(
        "octo",
        allowed_actions="local_only",
        approval_policy="first_time_contributors_new_to_github",
    )
    fake.repo_permissions("octo/app", access_level="user", retention_days=7)
    assert (await gh.permissions.get_for_org("octo")).allowed_actions == "local_only"
    assert (
        await gh.permissions.get_fork_pr_contributor_approval_for_repo("octo", "app")
    ).approval_policy == "first_time_contributors_new_to_github"
    assert (await gh.permissions.get_workflow_access_for_repo("octo", "app")).access_level == "user"
    retention = await gh.permissions.get_artifact_and_log_retention_for_repo("octo", "app")
    assert retention == ArtifactAndLogRetention(days=7, maximum_allowed_days=90)


async def test_fake_answers_a_body_that_is_not_an_object_with_400(fake: FakeGitHub) -> None:
    seed(fake)
    async with AsyncGitHubActions(fake.token, base_url=fake.url) as gh:
        with pytest.raises(GitHubError) as caught:
            await gh.request("PUT", "/orgs/octo/actions/permissions", json=["all"])
    assert caught.value.status == 400
    assert fake.org_permissions("octo").enabled_repositories == "all"

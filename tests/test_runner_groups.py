"""Every runner group method, through the async and the sync client, against FakeGitHub."""

from __future__ import annotations

import pytest

from ghactions_async import CLEAR, AsyncGitHubActions, NotFound, ValidationFailed
from ghactions_async._convert import structure
from ghactions_async.models import HostedRunner, MinimalRepository, Runner, RunnerGroup
from ghactions_async.testing import FakeGitHub

from .conftest import present

WORKFLOW = "octo/app/.github/workflows/deploy.yml@refs/heads/main"


def group_of(fake: FakeGitHub, runner_id: int) -> int | None:
    """The group a runner of org ``octo`` is in, as the fake knows it."""
    return next(r.runner_group_id for r in fake.runners_of(org="octo") if r.id == runner_id)


async def test_every_org_has_a_default_group(gh: AsyncGitHubActions, fake: FakeGitHub) -> None:
    fake.add_org("octo")
    groups = await gh.runner_groups.list("octo").collect()
    assert len(groups) == 1
    default = groups[0]
    assert isinstance(default, RunnerGroup)
    assert (default.id, default.name, default.default, default.visibility) == (
        1,
        "Default",
        True,
        "all",
    )
    assert default.inherited is False
    assert present(default.runners_url).endswith("/orgs/octo/actions/runner-groups/1/runners")
    assert default.selected_repositories_url is None
    with pytest.raises(NotFound):
        await gh.runner_groups.list("nobody").collect()


async def test_list_in_pages_and_by_visible_repository(
    gh: AsyncGitHubActions, fake: FakeGitHub
) -> None:
    fake.add_repo("octo/app")
    fake.add_repo("octo/lib")
    fake.add_runner_group("octo", "for-app", visibility="selected", repositories=["octo/app"])
    fake.add_runner_group("octo", "private-ones", visibility="private")
    fake.add_runner_group("octo", "shared", inherited=True, allows_public_repositories=True)
    groups = await gh.runner_groups.list("octo", per_page=2).collect()
    assert [g.name for g in groups] == ["Default", "for-app", "private-ones", "shared"]
    shared = groups[-1]
    assert (shared.inherited, shared.inherited_allows_public_repositories) == (True, True)
    for_app = groups[1]
    assert for_app.selected_repositories_url is not None
    assert for_app.selected_repositories_url.endswith(f"/runner-groups/{for_app.id}/repositories")
    for_lib = await gh.runner_groups.list("octo", visible_to_repository="lib").collect()
    assert [g.name for g in for_lib] == ["Default", "private-ones", "shared"]
    for_app_repo = await gh.runner_groups.list("octo", visible_to_repository="app").collect()
    assert "for-app" in [g.name for g in for_app_repo]
    assert await gh.runner_groups.list("octo", visible_to_repository="nope").collect() == []


async def test_create_with_repositories_and_runners(
    gh: AsyncGitHubActions, fake: FakeGitHub
) -> None:
    app = fake.add_repo("octo/app")
    runner = fake.add_runner(org="octo", name="gpu-1")
    group = await gh.runner_groups.create(
        "octo",
        name="gpus",
        visibility="selected",
        selected_repository_ids=[app.id],
        runners=[runner.id],
        allows_public_repositories=True,
        restricted_to_workflows=True,
        selected_workflows=[WORKFLOW],
        network_configuration_id="EC486D5D",
    )
    assert fake.stats.log[-1].status == 201
    assert isinstance(group, RunnerGroup)
    assert (group.name, group.visibility, group.default, group.inherited) == (
        "gpus",
        "selected",
        False,
        False,
    )
    assert group.allows_public_repositories is True
    assert (group.restricted_to_workflows, group.selected_workflows) == (True, [WORKFLOW])
    assert group.network_configuration_id == "EC486D5D"
    assert group_of(fake, runner.id) == group.id
    stored = fake.runner_groups_of("octo")[-1]
    assert (stored.id, stored.selected_repository_ids) == (group.id, [app.id])


async def test_create_with_github_defaults(gh: AsyncGitHubActions, fake: FakeGitHub) -> None:
    fake.add_org("octo")
    group = await gh.runner_groups.create("octo", name="plain")
    assert (group.visibility, group.allows_public_repositories) == ("all", False)
    assert (group.restricted_to_workflows, group.selected_workflows) == (False, [])
    assert group.network_configuration_id is None
    assert await gh.runner_groups.get("octo", group.id) == group


async def test_create_rejects_taken_names_and_unknown_ids(
    gh: AsyncGitHubActions, fake: FakeGitHub
) -> None:
    fake.add_runner_group("octo", "taken")
    fake.add_repo("other/repo")
    with pytest.raises(ValidationFailed) as caught:
        await gh.runner_groups.create("octo", name="TAKEN")
    assert caught.value.errors[0]["code"] == "already_exists"
    foreign = fake.add_repo("other/repo").id
    with pytest.raises(ValidationFailed) as caught:
        await gh.runner_groups.create("octo", name="new", selected_repository_ids=[foreign])
    assert caught.value.errors[0]["field"] == "selected_repository_ids"
    with pytest.raises(ValidationFailed):
        await gh.runner_groups.create("octo", name="new", runners=[999_999])
    assert [g.name for g in fake.runner_groups_of("octo")] == ["Default", "taken"]
    with pytest.raises(NotFound):
        await gh.runner_groups.create("nobody", name="x")


async def test_get(gh: AsyncGitHubActions, fake: FakeGitHub) -> None:
    added = fake.add_runner_group("octo", "builders", restricted_to_workflows=True)
    group = await gh.runner_groups.get("octo", added.id)
    assert (group.id, group.name, group.restricted_to_workflows) == (added.id, "builders", True)
    assert group.hosted_runners_url is not None
    with pytest.raises(NotFound):
        await gh.runner_groups.get("octo", added.id + 1)


async def test_update_changes_only_what_is_given(gh: AsyncGitHubActions, fake: FakeGitHub) -> None:
    added = fake.add_runner_group(
        "octo", "builders", visibility="private", network_configuration_id="net-1"
    )
    group = await gh.runner_groups.update(
        "octo",
        added.id,
        name="renamed",
        restricted_to_workflows=True,
        selected_workflows=[WORKFLOW],
    )
    assert (group.name, group.visibility, group.network_configuration_id) == (
        "renamed",
        "private",
        "net-1",
    )
    assert (group.restricted_to_workflows, group.selected_workflows) == (True, [WORKFLOW])
    again = await gh.runner_groups.update("octo", added.id, name="renamed", visibility="all")
    assert (again.visibility, again.selected_workflows) == ("all", [WORKFLOW])
    assert fake.stats.log[-1].method == "PATCH"
    with pytest.raises(NotFound):
        await gh.runner_groups.update("octo", added.id + 1, name="x")


async def test_clear_detaches_the_network_configuration(
    gh: AsyncGitHubActions, fake: FakeGitHub
) -> None:
    added = fake.add_runner_group("octo", "builders", network_configuration_id="net-1")
    kept = await gh.runner_groups.update("octo", added.id, name="builders")
    assert kept.network_configuration_id == "net-1"  # None leaves it as it is
    cleared = await gh.runner_groups.update(
        "octo", added.id, name="builders", network_configuration_id=CLEAR
    )
    assert cleared.network_configuration_id is None
    assert fake.runner_groups_of("octo")[-1].network_configuration_id is None
    with pytest.raises(TypeError, match="network_configuration_id"):
        await gh.runner_groups.update("octo", added.id, name="b", network_configuration_id=5)  # type: ignore[arg-type]


async def test_groups_shared_by_the_enterprise_cannot_change_here(
    gh: AsyncGitHubActions, fake: FakeGitHub
) -> None:
    shared = fake.add_runner_group("octo", "enterprise-pool", inherited=True)
    runner = fake.add_runner(org="octo", name="r")
    with pytest.raises(ValidationFailed, match="enterprise"):
        await gh.runner_groups.update("octo", shared.id, name="mine-now")
    with pytest.raises(ValidationFailed, match="enterprise"):
        await gh.runner_groups.delete("octo", shared.id)
    with pytest.raises(ValidationFailed, match="enterprise"):
        await gh.runner_groups.add_runner("octo", shared.id, runner.id)
    assert fake.runner_groups_of("octo")[-1].name == "enterprise-pool"


async def test_delete_returns_runners_to_the_default_group(
    gh: AsyncGitHubActions, fake: FakeGitHub
) -> None:
    group = fake.add_runner_group("octo", "temporary")
    runner = fake.add_runner(org="octo", name="r", runner_group_id=group.id)
    await gh.runner_groups.delete("octo", group.id)
    assert [g.name for g in fake.runner_groups_of("octo")] == ["Default"]
    assert group_of(fake, runner.id) == 1
    with pytest.raises(NotFound):
        await gh.runner_groups.delete("octo", group.id)
    with pytest.raises(ValidationFailed, match="default runner group"):
        await gh.runner_groups.delete("octo", 1)


async def test_repository_access(gh: AsyncGitHubActions, fake: FakeGitHub) -> None:
    app, lib, docs = (fake.add_repo(f"octo/{name}") for name in ("app", "lib", "docs"))
    group = fake.add_runner_group("octo", "selected", visibility="selected")
    groups = gh.runner_groups
    assert await groups.list_repos("octo", group.id).collect() == []
    await groups.set_repos("octo", group.id, selected_repository_ids=[app.id, lib.id])
    repos = await groups.list_repos("octo", group.id, per_page=1).collect()
    assert all(isinstance(r, MinimalRepository) for r in repos)
    assert [r.full_name for r in repos] == ["octo/app", "octo/lib"]
    assert repos[0].id == app.id
    assert present(repos[0].owner).login == "octo"
    await groups.add_repo("octo", group.id, docs.id)
    await groups.add_repo("octo", group.id, docs.id)  # already there: nothing changes
    await groups.remove_repo("octo", group.id, app.id)
    after = await groups.list_repos("octo", group.id).collect()
    assert [r.name for r in after] == ["lib", "docs"]
    await groups.set_repos("octo", group.id, selected_repository_ids=[])
    assert fake.runner_groups_of("octo")[-1].selected_repository_ids == []


async def test_repository_access_needs_selected_visibility_and_known_repositories(
    gh: AsyncGitHubActions, fake: FakeGitHub
) -> None:
    app = fake.add_repo("octo/app")
    foreign = fake.add_repo("other/app")
    everyone = fake.add_runner_group("octo", "everyone")
    selected = fake.add_runner_group("octo", "selected", visibility="selected")
    with pytest.raises(ValidationFailed, match="selected"):
        await gh.runner_groups.add_repo("octo", everyone.id, app.id)
    with pytest.raises(ValidationFailed, match="selected"):
        await gh.runner_groups.remove_repo("octo", everyone.id, app.id)
    with pytest.raises(NotFound):
        await gh.runner_groups.add_repo("octo", selected.id, foreign.id)
    with pytest.raises(ValidationFailed):
        await gh.runner_groups.set_repos("octo", selected.id, selected_repository_ids=[foreign.id])
    with pytest.raises(NotFound):
        await gh.runner_groups.list_repos("octo", selected.id + 100).collect()


async def test_runners_of_a_group(gh: AsyncGitHubActions, fake: FakeGitHub) -> None:
    group = fake.add_runner_group("octo", "builders")
    first, second, third = (fake.add_runner(org="octo", name=f"r{n}") for n in range(3))
    groups = gh.runner_groups
    assert await groups.list_runners("octo", group.id).collect() == []
    await groups.set_runners("octo", group.id, runners=[first.id, second.id])
    members = await groups.list_runners("octo", group.id, per_page=1).collect()
    assert all(isinstance(r, Runner) for r in members)
    assert [(r.name, r.runner_group_id) for r in members] == [("r0", group.id), ("r1", group.id)]
    await groups.add_runner("octo", group.id, third.id)
    await groups.remove_runner("octo", group.id, first.id)
    assert [r.name for r in await groups.list_runners("octo", group.id).collect()] == ["r1", "r2"]
    assert group_of(fake, first.id) == 1
    # Setting the members sends the runners left out back to the default group.
    await groups.set_runners("octo", group.id, runners=[first.id])
    assert [group_of(fake, r.id) for r in (first, second, third)] == [group.id, 1, 1]
    defaults = await groups.list_runners("octo", 1).collect()
    assert [r.name for r in defaults] == ["r1", "r2"]


async def test_runner_membership_errors(gh: AsyncGitHubActions, fake: FakeGitHub) -> None:
    group = fake.add_runner_group("octo", "builders")
    runner = fake.add_runner(org="octo", name="r")
    repo_runner = fake.add_runner(repo="octo/app", name="repo-level")
    with pytest.raises(NotFound):
        await gh.runner_groups.add_runner("octo", group.id, repo_runner.id)
    with pytest.raises(NotFound):  # the runner is not in that group
        await gh.runner_groups.remove_runner("octo", group.id, runner.id)
    with pytest.raises(ValidationFailed, match="default runner group"):
        await gh.runner_groups.remove_runner("octo", 1, runner.id)
    with pytest.raises(ValidationFailed) as caught:
        await gh.runner_groups.set_runners("octo", group.id, runners=[repo_runner.id])
    assert caught.value.errors[0]["field"] == "runners"
    assert group_of(fake, runner.id) == 1


async def test_list_hosted_runners(gh: AsyncGitHubActions, fake: FakeGitHub) -> None:
    group = fake.add_runner_group("octo", "larger")
    fake.add_hosted_runner("octo", "ubuntu-4", runner_group_id=group.id)
    fake.add_hosted_runner("octo", "elsewhere")  # in the default group
    fake.add_hosted_runner(
        "octo", "windows-8", image_id="windows-latest", size="8-core", runner_group_id=group.id
    )
    hosted = await gh.runner_groups.list_hosted_runners("octo", group.id, per_page=1).collect()
    assert all(isinstance(h, HostedRunner) for h in hosted)
    assert [(h.name, h.platform, h.runner_group_id) for h in hosted] == [
        ("ubuntu-4", "linux-x64", group.id),
        ("windows-8", "win-x64", group.id),
    ]
    assert present(hosted[1].machine_size_details).cpu_cores == 8
    assert hosted[1].image_details is not None
    assert hosted[1].image_details.id == "windows-latest"
    defaults = await gh.runner_groups.list_hosted_runners("octo", 1).collect()
    assert [h.name for h in defaults] == ["elsewhere"]
    with pytest.raises(NotFound):
        await gh.runner_groups.list_hosted_runners("octo", group.id + 100).collect()


async def test_deleting_a_group_moves_its_hosted_runners_to_the_default_group(
    gh: AsyncGitHubActions, fake: FakeGitHub
) -> None:
    group = fake.add_runner_group("octo", "larger")
    hosted = fake.add_hosted_runner("octo", "ubuntu-4", runner_group_id=group.id)
    await gh.runner_groups.delete("octo", group.id)
    assert hosted.runner_group_id == 1
    defaults = await gh.runner_groups.list_hosted_runners("octo", 1).collect()
    assert [h.id for h in defaults] == [hosted.id]


async def test_bad_arguments_raise_before_any_request(
    gh: AsyncGitHubActions, fake: FakeGitHub
) -> None:
    group = fake.add_runner_group("octo", "g")
    groups = gh.runner_groups
    before = fake.stats.requests
    with pytest.raises(ValueError, match="visibility must be one of"):
        await groups.create("octo", name="x", visibility="public")  # type: ignore[arg-type]
    with pytest.raises(ValueError, match="name must not be empty"):
        await groups.create("octo", name=" ")
    with pytest.raises(ValueError, match="name must not be empty"):
        await groups.update("octo", group.id, name="")
    with pytest.raises(ValueError, match="selected_repository_id must be a positive integer"):
        await groups.set_repos("octo", group.id, selected_repository_ids=[-4])
    with pytest.raises(ValueError, match="runners must hold positive runner ids"):
        await groups.set_runners("octo", group.id, runners=[0])
    with pytest.raises(ValueError, match="runners must hold positive runner ids"):
        await groups.create("octo", name="x", runners=[3, 0])
    with pytest.raises(TypeError, match="allows_public_repositories must be a bool"):
        await groups.create("octo", name="x", allows_public_repositories="yes")  # type: ignore[arg-type]
    with pytest.raises(ValueError, match="runner_group_id must be a positive integer"):
        await groups.get("octo", 0)
    with pytest.raises(ValueError, match="repository_id must be a positive integer"):
        await groups.add_repo("octo", group.id, -1)
    with pytest.raises(ValueError, match="per_page must be between 1 and 100"):
        groups.list_runners("octo", group.id, per_page=0)
    assert fake.stats.requests == before


async def test_world_building_checks_its_arguments(fake: FakeGitHub) -> None:
    with pytest.raises(ValueError, match="visibility"):
        fake.add_runner_group("octo", "x", visibility="public")
    with pytest.raises(ValueError, match="repositories of 'octo'"):
        fake.add_runner_group("octo", "x", repositories=["other/app"])
    fake.add_runner_group("octo", "x")
    with pytest.raises(ValueError, match="already has"):
        fake.add_runner_group("octo", "X")
    with pytest.raises(KeyError):
        fake.add_runner_group("octo", "y", runners=[12345])
    with pytest.raises(KeyError):
        fake.add_runner(org="octo", name="r", runner_group_id=12345)
    with pytest.raises(TypeError, match="exactly one"):
        fake.add_runner(org="octo", repo="octo/app", name="r")


async def test_fake_answers_malformed_bodies_with_422(fake: FakeGitHub) -> None:
    group = fake.add_runner_group("octo", "g")
    base = "/orgs/octo/actions/runner-groups"
    async with AsyncGitHubActions(fake.token, base_url=fake.url) as gh:
        for verb, path, body, field in [
            ("POST", base, {}, "name"),
            ("POST", base, {"name": "n", "visibility": "public"}, "visibility"),
            ("POST", base, {"name": "n", "selected_workflows": "x"}, "selected_workflows"),
            ("PATCH", f"{base}/{group.id}", {"visibility": "all"}, "name"),
            ("PATCH", f"{base}/{group.id}", {"name": "g", "restricted_to_workflows": 1}, None),
            ("PUT", f"{base}/{group.id}/repositories", {}, "selected_repository_ids"),
            ("PUT", f"{base}/{group.id}/runners", {"runners": "all"}, "runners"),
        ]:
            with pytest.raises(ValidationFailed) as caught:
                await gh.request(verb, path, json=body)
            if field is not None:
                assert caught.value.errors[0]["field"] == field, (verb, path, body)


async def test_fake_answers_fit_the_models_strictly(fake: FakeGitHub) -> None:
    app = fake.add_repo("octo/app")
    group = fake.add_runner_group(
        "octo", "g", visibility="selected", repositories=["octo/app"], inherited=True
    )
    fake.add_hosted_runner("octo", "h", runner_group_id=group.id)
    base = f"/orgs/octo/actions/runner-groups/{group.id}"
    async with AsyncGitHubActions(fake.token, base_url=fake.url) as gh:
        listed = await gh.request("GET", "/orgs/octo/actions/runner-groups")
        structure(listed["runner_groups"], list[RunnerGroup], strict=True)
        repos = await gh.request("GET", f"{base}/repositories")
        fitted = structure(repos["repositories"], list[MinimalRepository], strict=True)
        assert [r.id for r in fitted] == [app.id]
        hosted = await gh.request("GET", f"{base}/hosted-runners")
        structure(hosted["runners"], list[HostedRunner], strict=True)

"""Every variables method, through the async and the sync client, against FakeGitHub."""

from __future__ import annotations

from datetime import timedelta

import pytest

from ghactions_async import AsyncGitHubActions, Conflict, NotFound, ValidationFailed
from ghactions_async.models import ActionsVariable, MinimalRepository, OrganizationVariable
from ghactions_async.testing import FakeGitHub, days_ago

from .conftest import present


async def test_repository_variable_from_creation_to_deletion(
    gh: AsyncGitHubActions, fake: FakeGitHub
) -> None:
    fake.add_repo("octo/app")
    await gh.variables.create_repo_variable("octo", "app", name="region", value="eu-west-1")
    assert [r.status for r in fake.stats.log if r.method == "POST"] == [201]
    variable = await gh.variables.get_repo_variable("octo", "app", "REGION")
    assert isinstance(variable, ActionsVariable)
    assert (variable.name, variable.value) == ("REGION", "eu-west-1")  # names go upper-case
    await gh.variables.update_repo_variable("octo", "app", "region", value="us-east-2")
    assert [(v.name, v.value) for v in fake.variables(repo="octo/app")] == [("REGION", "us-east-2")]
    await gh.variables.delete_repo_variable("octo", "app", "REGION")
    assert fake.variables(repo="octo/app") == []
    with pytest.raises(NotFound):
        await gh.variables.get_repo_variable("octo", "app", "REGION")
    with pytest.raises(NotFound):
        await gh.variables.update_repo_variable("octo", "app", "REGION", value="x")
    with pytest.raises(NotFound):
        await gh.variables.delete_repo_variable("octo", "app", "REGION")


async def test_creating_an_existing_variable_is_a_conflict(
    gh: AsyncGitHubActions, fake: FakeGitHub
) -> None:
    fake.add_variable("REGION", "eu", repo="octo/app")
    with pytest.raises(Conflict) as caught:
        await gh.variables.create_repo_variable("octo", "app", name="region", value="us")
    assert caught.value.status == 409
    assert fake.variables(repo="octo/app")[0].value == "eu"


async def test_update_keeps_the_creation_date(gh: AsyncGitHubActions, fake: FakeGitHub) -> None:
    created = days_ago(5).replace(microsecond=0)
    fake.add_variable("MODE", "slow", repo="octo/app", created_at=created)
    await gh.variables.update_repo_variable("octo", "app", "MODE", value="fast")
    variable = await gh.variables.get_repo_variable("octo", "app", "MODE")
    assert variable.created_at == created
    assert present(variable.updated_at) - created > timedelta(days=4)
    assert variable.value == "fast"


async def test_lists_come_in_pages_of_at_most_30(gh: AsyncGitHubActions, fake: FakeGitHub) -> None:
    for i in range(65):
        fake.add_variable(f"V{i:02}", str(i), repo="octo/app")
    variables = await gh.variables.list_repo_variables("octo", "app").collect()
    assert [v.name for v in variables] == [f"V{i:02}" for i in range(65)]
    pages = [r.query for r in fake.stats.log if r.path.endswith("/actions/variables")]
    assert sorted(pages) == [f"per_page=30&page={n}" for n in (1, 2, 3)]
    small = await gh.variables.list_repo_variables("octo", "app", per_page=7).collect(limit=10)
    assert len(small) == 10
    with pytest.raises(ValueError, match="per_page must be between 1 and 30"):
        gh.variables.list_repo_variables("octo", "app", per_page=31)
    with pytest.raises(ValueError, match="per_page must be between 1 and 30"):
        gh.variables.list_org_variables("octo", per_page=100)
    with pytest.raises(ValueError, match="per_page must be between 1 and 30"):
        gh.variables.list_environment_variables("octo", "app", "prod", per_page=50)
    with pytest.raises(ValueError, match="per_page must be between 1 and 30"):
        gh.variables.list_repo_org_variables("octo", "app", per_page=31)


async def test_organization_variables(gh: AsyncGitHubActions, fake: FakeGitHub) -> None:
    app, lib = fake.add_repo("octo/app"), fake.add_repo("octo/lib")
    variables = gh.variables
    await variables.create_org_variable("octo", name="LANG", value="en", visibility="all")
    await variables.create_org_variable(
        "octo", name="ONLY_LIB", value="1", visibility="selected", selected_repository_ids=[lib.id]
    )
    await variables.create_org_variable("octo", name="quiet", value="", visibility="private")
    listed = await variables.list_org_variables("octo").collect()
    assert [(v.name, v.value, v.visibility) for v in listed] == [
        ("LANG", "en", "all"),
        ("ONLY_LIB", "1", "selected"),
        ("QUIET", "", "private"),
    ]
    assert all(isinstance(v, OrganizationVariable) for v in listed)
    only_lib = await variables.get_org_variable("octo", "only_lib")
    assert only_lib.selected_repositories_url == (
        f"{fake.url}/orgs/octo/actions/variables/ONLY_LIB/repositories"
    )
    assert [v.name for v in await variables.list_repo_org_variables("octo", "app").collect()] == [
        "LANG",
        "QUIET",
    ]
    seen_by_lib = await variables.list_repo_org_variables("octo", "lib").collect()
    assert [v.name for v in seen_by_lib] == ["LANG", "ONLY_LIB", "QUIET"]
    assert all(type(v) is ActionsVariable for v in seen_by_lib)
    await variables.update_org_variable("octo", "LANG", value="de")
    await variables.update_org_variable("octo", "ONLY_LIB", visibility="all")
    assert {v.name: (v.value, v.visibility) for v in fake.variables(org="octo")} == {
        "LANG": ("de", "all"),
        "ONLY_LIB": ("1", "all"),
        "QUIET": ("", "private"),
    }
    assert app.id not in fake.variables(org="octo")[1].selected_repository_ids
    await variables.delete_org_variable("octo", "QUIET")
    with pytest.raises(NotFound):
        await variables.get_org_variable("octo", "QUIET")
    with pytest.raises(Conflict):
        await variables.create_org_variable("octo", name="lang", value="fr", visibility="all")


async def test_selected_repositories_of_an_organization_variable(
    gh: AsyncGitHubActions, fake: FakeGitHub
) -> None:
    repos = [fake.add_repo(f"octo/r{i}") for i in range(4)]
    outsider = fake.add_repo("other/x").id
    fake.add_variable("V", "1", org="octo", visibility="selected")
    variables = gh.variables
    await variables.set_selected_repos_for_org_variable(
        "octo", "V", selected_repository_ids=[repos[0].id, repos[1].id]
    )
    await variables.add_selected_repo_to_org_variable("octo", "V", repos[3].id)
    await variables.remove_selected_repo_from_org_variable("octo", "V", repos[0].id)
    listed = await variables.list_selected_repos_for_org_variable("octo", "V").collect()
    assert [r.full_name for r in listed] == ["octo/r1", "octo/r3"]
    assert all(isinstance(r, MinimalRepository) for r in listed)
    with pytest.raises(NotFound):
        await variables.add_selected_repo_to_org_variable("octo", "V", outsider)
    await variables.update_org_variable("octo", "V", visibility="private")
    for attempt in (
        variables.list_selected_repos_for_org_variable("octo", "V").collect(),
        variables.set_selected_repos_for_org_variable("octo", "V", selected_repository_ids=[]),
        variables.add_selected_repo_to_org_variable("octo", "V", repos[0].id),
        variables.remove_selected_repo_from_org_variable("octo", "V", repos[1].id),
    ):
        with pytest.raises(Conflict):
            await attempt
    await variables.update_org_variable(
        "octo", "V", visibility="selected", selected_repository_ids=[repos[2].id]
    )
    listed = await variables.list_selected_repos_for_org_variable("octo", "V").collect()
    assert [r.id for r in listed] == [repos[2].id]


async def test_the_fake_checks_visibility_and_names(
    gh: AsyncGitHubActions, fake: FakeGitHub
) -> None:
    repo = fake.add_repo("octo/app")
    refusals = []
    for attempt in (
        gh.variables.create_org_variable(
            "octo", name="V", value="1", visibility="all", selected_repository_ids=[repo.id]
        ),
        gh.variables.create_repo_variable("octo", "app", name="GITHUB_SHA", value="1"),
        gh.variables.create_repo_variable("octo", "app", name="1ST", value="1"),
        gh.variables.create_repo_variable("octo", "app", name="has space", value="1"),
    ):
        with pytest.raises(ValidationFailed) as caught:
            await attempt
        refusals.append(caught.value.errors[0]["field"])
    assert refusals == ["selected_repository_ids", "name", "name", "name"]
    assert fake.variables(org="octo") == []
    assert fake.variables(repo="octo/app") == []


async def test_environment_variables_with_a_slash_in_the_environment_name(
    gh: AsyncGitHubActions, fake: FakeGitHub
) -> None:
    fake.add_environment("octo/app", "prod/eu")
    variables = gh.variables
    await variables.create_environment_variable(
        "octo", "app", "prod/eu", name="REPLICAS", value="3"
    )
    post = next(r for r in fake.stats.log if r.method == "POST")
    assert post.path == "/repos/octo/app/environments/prod%2Feu/variables"
    await variables.update_environment_variable("octo", "app", "PROD/EU", "replicas", value="5")
    variable = await variables.get_environment_variable("octo", "app", "prod/eu", "REPLICAS")
    assert (variable.name, variable.value) == ("REPLICAS", "5")
    listed = await variables.list_environment_variables("octo", "app", "prod/eu").collect()
    assert listed == [variable]
    assert fake.variables(repo="octo/app") == []
    await variables.delete_environment_variable("octo", "app", "prod/eu", "REPLICAS")
    assert fake.variables(repo="octo/app", environment="prod/eu") == []
    with pytest.raises(NotFound):
        await variables.list_environment_variables("octo", "app", "staging").collect()
    with pytest.raises(NotFound):
        await variables.create_environment_variable("octo", "app", "staging", name="A", value="1")


async def test_bad_arguments_raise_before_any_request(
    gh: AsyncGitHubActions, fake: FakeGitHub
) -> None:
    fake.add_repo("octo/app")
    before = fake.stats.requests
    variables = gh.variables
    with pytest.raises(ValueError, match="name must not be empty"):
        await variables.create_repo_variable("octo", "app", name=" ", value="1")
    with pytest.raises(ValueError, match="name must not be empty"):
        await variables.create_environment_variable("octo", "app", "prod", name="", value="1")
    with pytest.raises(ValueError, match="name must not be empty"):
        await variables.create_org_variable("octo", name="", value="1", visibility="all")
    with pytest.raises(ValueError, match="name must not be empty"):
        await variables.get_repo_variable("octo", "app", "")
    with pytest.raises(TypeError, match="value must be a str"):
        await variables.create_repo_variable("octo", "app", name="A", value=1)  # type: ignore[arg-type]
    with pytest.raises(ValueError, match="visibility must be one of"):
        await variables.create_org_variable("octo", name="A", value="1", visibility="internal")  # type: ignore[arg-type]
    with pytest.raises(ValueError, match="give at least one of new_name, value, visibility"):
        await variables.update_org_variable("octo", "A")
    with pytest.raises(ValueError, match="give at least one of new_name, value"):
        await variables.update_repo_variable("octo", "app", "A")
    with pytest.raises(TypeError, match="value must be a str"):
        await variables.update_repo_variable("octo", "app", "A", value=3)  # type: ignore[arg-type]
    with pytest.raises(ValueError, match="name must not be empty"):
        await variables.update_repo_variable("octo", "app", "A", new_name=" ")
    with pytest.raises(ValueError, match="repository_id must be a positive integer"):
        await variables.remove_selected_repo_from_org_variable("octo", "A", -3)
    with pytest.raises(ValueError, match="per_page must be between 1 and 100"):
        variables.list_selected_repos_for_org_variable("octo", "A", per_page=101)
    assert fake.stats.requests == before


async def test_missing_scopes_are_not_found(gh: AsyncGitHubActions, fake: FakeGitHub) -> None:
    with pytest.raises(NotFound):
        await gh.variables.list_repo_variables("octo", "nope").collect()
    with pytest.raises(NotFound):
        await gh.variables.list_org_variables("nobody").collect()
    with pytest.raises(NotFound):
        await gh.variables.list_repo_org_variables("octo", "nope").collect()
    with pytest.raises(NotFound):
        await gh.variables.create_org_variable("nobody", name="A", value="1", visibility="all")


def test_world_methods() -> None:
    fake = FakeGitHub()
    variable = fake.add_variable("flag", "on", org="octo", visibility="private")
    assert (variable.name, variable.visibility) == ("FLAG", "private")
    assert fake.add_variable("x", "1", repo="octo/app").visibility is None
    assert [v.name for v in fake.variables(repo="OCTO/APP")] == ["X"]
    with pytest.raises(ValueError, match="org variables"):
        fake.add_variable("y", "1", repo="octo/app", selected_repository_ids=[1])
    with pytest.raises(KeyError, match="add_environment"):
        fake.variables(repo="octo/app", environment="prod")
    with pytest.raises(ValueError, match="environments belong to repositories"):
        fake.add_variable("y", "1", org="octo", environment="prod")


async def test_variables_can_be_renamed_at_every_scope(
    gh: AsyncGitHubActions, fake: FakeGitHub
) -> None:
    variables = gh.variables
    fake.add_repo("octo/app")
    await variables.create_repo_variable("octo", "app", name="OLD", value="1")
    await variables.update_repo_variable("octo", "app", "OLD", new_name="NEW")
    assert (await variables.get_repo_variable("octo", "app", "NEW")).value == "1"
    with pytest.raises(NotFound):
        await variables.get_repo_variable("octo", "app", "OLD")
    await variables.create_org_variable("octo", name="ORG_OLD", value="2", visibility="all")
    await variables.update_org_variable("octo", "ORG_OLD", new_name="ORG_NEW", value="3")
    assert (await variables.get_org_variable("octo", "ORG_NEW")).value == "3"
    fake.add_environment("octo/app", "prod")
    await variables.create_environment_variable("octo", "app", "prod", name="E_OLD", value="4")
    await variables.update_environment_variable("octo", "app", "prod", "E_OLD", new_name="E_NEW")
    assert (await variables.get_environment_variable("octo", "app", "prod", "E_NEW")).value == "4"

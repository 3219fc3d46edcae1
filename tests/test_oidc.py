"""Both OIDC methods, through the async and the sync client, against FakeGitHub."""

from __future__ import annotations

from typing import Any

import aiohttp
import pytest

from ghactions_async import AsyncGitHubActions, NotFound, ValidationFailed
from ghactions_async.models import OidcSubjectClaimTemplate
from ghactions_async.testing import FakeGitHub

PATH = "/repos/octo/app/actions/oidc/customization/sub"


async def test_a_repository_starts_on_the_default_template(
    gh: AsyncGitHubActions, fake: FakeGitHub
) -> None:
    fake.add_repo("octo/app")
    template = await gh.oidc.get_subject_claim_template("octo", "app")
    assert template == OidcSubjectClaimTemplate(
        use_default=True,
        include_claim_keys=None,
        use_immutable_subject=False,
        sub_claim_prefix="repo:octo/app",
    )


async def test_set_a_custom_template_then_read_it_back(
    gh: AsyncGitHubActions, fake: FakeGitHub
) -> None:
    fake.add_repo("octo/app")
    result = await gh.oidc.set_subject_claim_template(  # type: ignore[func-returns-value]
        "octo", "app", use_default=False, include_claim_keys=["repo", "context"]
    )
    assert result is None
    assert fake.stats.log[-1].status == 201
    template = await gh.oidc.get_subject_claim_template("octo", "app")
    assert template.use_default is False
    assert template.include_claim_keys == ["repo", "context"]
    stored = fake.oidc_subject_claim_template("octo/app")
    assert (stored.use_default, stored.include_claim_keys) == (False, ["repo", "context"])
    await gh.oidc.set_subject_claim_template("octo", "app", use_default=True)
    assert (await gh.oidc.get_subject_claim_template("octo", "app")).use_default is True


async def test_keys_are_sent_as_given_and_none_is_left_out(
    gh: AsyncGitHubActions, fake: FakeGitHub
) -> None:
    fake.add_repo("octo/app")
    # A tuple is a fine sequence of keys; it goes out as a JSON array.
    await gh.oidc.set_subject_claim_template(
        "octo",
        "app",
        use_default=False,
        include_claim_keys=("repository_owner", "job_workflow_ref"),
    )
    assert fake.oidc_subject_claim_template("octo/app").include_claim_keys == [
        "repository_owner",
        "job_workflow_ref",
    ]
    # Leaving the keys out keeps the stored ones (only use_default is sent).
    await gh.oidc.set_subject_claim_template("octo", "app", use_default=False)
    assert fake.oidc_subject_claim_template("octo/app").include_claim_keys == [
        "repository_owner",
        "job_workflow_ref",
    ]


async def test_immutable_subject_adds_the_ids(gh: AsyncGitHubActions, fake: FakeGitHub) -> None:
    repo = fake.add_repo("octo/app")
    await gh.oidc.set_subject_claim_template(
        "octo", "app", use_default=True, use_immutable_subject=True
    )
    template = await gh.oidc.get_subject_claim_template("octo", "app")
    assert template.use_immutable_subject is True
    prefix = template.sub_claim_prefix or ""
    owner_part, repo_part = prefix.removeprefix("repo:").split("/")
    assert owner_part.startswith("octo@")
    assert owner_part.removeprefix("octo@").isdigit()
    assert repo_part == f"app@{repo.id}"


async def test_reading_an_immutable_subject_uses_up_no_ids(
    gh: AsyncGitHubActions, fake: FakeGitHub
) -> None:
    fake.set_oidc_subject_claim_template("octo/app", use_default=True, use_immutable_subject=True)
    first = await gh.oidc.get_subject_claim_template("octo", "app")
    before = fake.add_repo("octo/one").id
    for _ in range(3):
        assert await gh.oidc.get_subject_claim_template("octo", "app") == first
    assert fake.add_repo("octo/two").id == before + 1


async def test_github_rejects_bad_claim_keys(gh: AsyncGitHubActions, fake: FakeGitHub) -> None:
    fake.add_repo("octo/app")
    with pytest.raises(ValidationFailed) as caught:
        await gh.oidc.set_subject_claim_template(
            "octo", "app", use_default=False, include_claim_keys=["repo-name"]
        )
    assert caught.value.status == 422
    assert "repo-name" in caught.value.errors[0]
    assert fake.oidc_subject_claim_template("octo/app").use_default is True


async def test_missing_repository(gh: AsyncGitHubActions, fake: FakeGitHub) -> None:
    with pytest.raises(NotFound):
        await gh.oidc.get_subject_claim_template("octo", "nope")
    with pytest.raises(NotFound):
        await gh.oidc.set_subject_claim_template("octo", "nope", use_default=True)


async def test_bad_arguments_raise_before_any_request(
    gh: AsyncGitHubActions, fake: FakeGitHub
) -> None:
    fake.add_repo("octo/app")
    before = fake.stats.requests
    with pytest.raises(ValueError, match="must not repeat a key"):
        await gh.oidc.set_subject_claim_template(
            "octo", "app", use_default=False, include_claim_keys=["repo", "repo"]
        )
    with pytest.raises(TypeError, match="use_default must be a bool"):
        await gh.oidc.set_subject_claim_template("octo", "app", use_default=1)  # type: ignore[arg-type]
    with pytest.raises(TypeError, match="include_claim_keys must be a list"):
        await gh.oidc.set_subject_claim_template(
            "octo",
            "app",
            use_default=False,
            include_claim_keys="repo",
        )
    with pytest.raises(ValueError, match="owner must not be empty"):
        await gh.oidc.get_subject_claim_template("", "app")
    assert fake.stats.requests == before


@pytest.mark.parametrize(
    ("body", "complaint"),
    [
        ({}, "use_default is required"),
        ({"use_default": "yes"}, "use_default is required"),
        ({"use_default": False, "include_claim_keys": "repo"}, "array of strings"),
        ({"use_default": False, "include_claim_keys": [1]}, "array of strings"),
        ({"use_default": False, "include_claim_keys": ["a", "a"]}, "unique"),
        ({"use_default": False, "include_claim_keys": ["ref:x"]}, "alphanumeric"),
        ({"use_default": True, "use_immutable_subject": "on"}, "use_immutable_subject"),
        (["use_default"], "JSON object"),
    ],
)
async def test_fake_answers_bad_bodies_with_422(
    fake: FakeGitHub, body: Any, complaint: str
) -> None:
    fake.add_repo("octo/app")
    async with AsyncGitHubActions(fake.token, base_url=fake.url) as gh:
        with pytest.raises(ValidationFailed) as caught:
            await gh.request("PUT", PATH, json=body)
    assert complaint in caught.value.errors[0]
    assert fake.oidc_subject_claim_template("octo/app").use_default is True


async def test_fake_answers_a_body_that_is_not_json_with_400(fake: FakeGitHub) -> None:
    fake.add_repo("octo/app")
    headers = {"Authorization": f"Bearer {fake.token}", "Content-Type": "application/json"}
    async with (
        aiohttp.ClientSession() as session,
        session.put(fake.url + PATH, data=b"{use_default", headers=headers) as response,
    ):
        assert response.status == 400
        assert (await response.json())["message"] == "Problems parsing JSON"


async def test_world_builders(gh: AsyncGitHubActions, fake: FakeGitHub) -> None:
    fake.set_oidc_subject_claim_template(
        "octo/app", use_default=False, include_claim_keys=["repo", "environment"]
    )
    template = await gh.oidc.get_subject_claim_template("octo", "app")
    assert (template.use_default, template.include_claim_keys) == (False, ["repo", "environment"])
    with pytest.raises(KeyError, match="add_repo"):
        fake.oidc_subject_claim_template("octo/unknown")

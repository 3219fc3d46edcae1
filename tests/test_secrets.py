"""Every secrets method, through the async and the sync client, against FakeGitHub.

The fake holds a real key pair per scope, so each test that sets a secret
opens what the fake received with the matching private key.
"""

from __future__ import annotations

import asyncio
import base64
import logging
import re
import sys
import traceback
from datetime import timedelta

import pytest
from aioresponses import aioresponses

from ghactions_async import AsyncGitHubActions, Conflict, GitHubError, NotFound, ValidationFailed
from ghactions_async.models import (
    ActionsPublicKey,
    ActionsSecret,
    MinimalRepository,
    OrganizationSecret,
)
from ghactions_async.testing import FakeGitHub, days_ago

from .conftest import present

KEY_ROUTE = "GET /repos/{owner}/{repo}/actions/secrets/public-key"
PUT_ROUTE = "PUT /repos/{owner}/{repo}/actions/secrets/{secret_name}"
ORG_KEY_ROUTE = "GET /orgs/{org}/actions/secrets/public-key"
ORG_PUT_ROUTE = "PUT /orgs/{org}/actions/secrets/{secret_name}"
ENV_KEY_ROUTE = "GET /repos/{owner}/{repo}/environments/{environment_name}/secrets/public-key"


async def test_set_repo_secret_sends_a_value_only_the_private_key_opens(
    gh: AsyncGitHubActions, fake: FakeGitHub
) -> None:
    fake.add_repo("octo/app")
    await gh.secrets.set_repo_secret("octo", "app", "deploy_token", "hunter2 ünïcode ✓")
    assert fake.secret_plaintext("DEPLOY_TOKEN", repo="octo/app") == "hunter2 ünïcode ✓"
    [stored] = fake.secrets(repo="octo/app")
    assert stored.name == "DEPLOY_TOKEN"  # GitHub keeps names upper-case
    assert "hunter2" not in stored.encrypted_value
    assert "hunter2" not in base64.b64decode(stored.encrypted_value).decode("latin-1")
    assert stored.key_id == (await gh.secrets.get_repo_public_key("octo", "app")).key_id


async def test_setting_again_replaces_the_value_and_keeps_the_creation_date(
    gh: AsyncGitHubActions, fake: FakeGitHub
) -> None:
    created = days_ago(3).replace(microsecond=0)
    fake.add_secret("TOKEN", "old", repo="octo/app", created_at=created)
    await gh.secrets.set_repo_secret("octo", "app", "TOKEN", "new")
    assert fake.secret_plaintext("TOKEN", repo="octo/app") == "new"
    secret = await gh.secrets.get_repo_secret("octo", "app", "TOKEN")
    assert secret.created_at == created
    assert present(secret.updated_at) - created > timedelta(days=2)
    assert [r.status for r in fake.stats.log if r.method == "PUT"] == [204]  # 201 on create


async def test_set_org_secret_with_selected_repositories(
    gh: AsyncGitHubActions, fake: FakeGitHub
) -> None:
    app, lib = fake.add_repo("octo/app"), fake.add_repo("octo/lib")
    await gh.secrets.set_org_secret(
        "octo", "NPM_TOKEN", "npm_abc", visibility="selected", selected_repository_ids=[lib.id]
    )
    assert fake.secret_plaintext("NPM_TOKEN", org="octo") == "npm_abc"
    assert [r.status for r in fake.stats.log if r.method == "PUT"] == [201]
    secret = await gh.secrets.get_org_secret("octo", "NPM_TOKEN")
    assert isinstance(secret, OrganizationSecret)
    assert secret.visibility == "selected"
    assert secret.selected_repositories_url == (
        f"{fake.url}/orgs/octo/actions/secrets/NPM_TOKEN/repositories"
    )
    repos = await gh.secrets.list_selected_repos_for_org_secret("octo", "NPM_TOKEN").collect()
    assert [(r.id, r.full_name) for r in repos] == [(lib.id, "octo/lib")]
    assert isinstance(repos[0], MinimalRepository)
    assert app.id not in fake.secrets(org="octo")[0].selected_repository_ids


async def test_set_environment_secret_with_a_slash_in_the_environment_name(
    gh: AsyncGitHubActions, fake: FakeGitHub
) -> None:
    fake.add_environment("octo/app", "prod/eu")
    await gh.secrets.set_environment_secret("octo", "app", "prod/eu", "DB_PASSWORD", "pa55")
    assert fake.secret_plaintext("DB_PASSWORD", repo="octo/app", environment="prod/eu") == "pa55"
    put = next(r for r in fake.stats.log if r.method == "PUT")
    assert put.path == "/repos/octo/app/environments/prod%2Feu/secrets/DB_PASSWORD"
    assert fake.secrets(repo="octo/app") == []  # not a repository secret


async def test_each_scope_public_key_is_fetched_once(
    gh: AsyncGitHubActions, fake: FakeGitHub
) -> None:
    fake.add_repo("octo/app")
    fake.add_repo("octo/lib")
    fake.add_environment("octo/app", "staging")
    # Many at once still fetch one key: the first fetch is awaited by the others.
    await asyncio.gather(
        *(gh.secrets.set_repo_secret("octo", "app", f"S{i}", f"v{i}") for i in range(6))
    )
    await gh.secrets.set_repo_secret("OCTO", "App", "LATER", "v")  # names are case-insensitive
    await gh.secrets.set_repo_secret("octo", "lib", "S0", "other")
    for _ in range(2):
        await gh.secrets.set_org_secret("octo", "ORG_S", "o", visibility="all")
        await gh.secrets.set_environment_secret("octo", "app", "staging", "ENV_S", "e")
    assert fake.stats.by_route[KEY_ROUTE] == 2  # octo/app and octo/lib
    assert fake.stats.by_route[PUT_ROUTE] == 8
    assert fake.stats.by_route[ORG_KEY_ROUTE] == 1
    assert fake.stats.by_route[ENV_KEY_ROUTE] == 1
    assert [fake.secret_plaintext(f"S{i}", repo="octo/app") for i in range(6)] == [
        f"v{i}" for i in range(6)
    ]
    assert fake.secret_plaintext("S0", repo="octo/lib") == "other"


async def test_a_rotated_key_is_fetched_again_and_the_value_sent_once_more(
    gh: AsyncGitHubActions, fake: FakeGitHub
) -> None:
    fake.add_repo("octo/app")
    await gh.secrets.set_repo_secret("octo", "app", "TOKEN", "first")
    new_key_id = fake.rotate_public_key(repo="octo/app")
    await gh.secrets.set_repo_secret("octo", "app", "TOKEN", "second")
    assert [r.status for r in fake.stats.log if r.method == "PUT"] == [201, 422, 204]
    assert fake.stats.by_route[KEY_ROUTE] == 2
    assert fake.secrets(repo="octo/app")[0].key_id == new_key_id
    assert fake.secret_plaintext("TOKEN", repo="octo/app") == "second"
    await gh.secrets.set_repo_secret("octo", "app", "OTHER", "third")  # the new key is kept
    assert fake.stats.by_route[KEY_ROUTE] == 2


async def test_get_public_key_refreshes_the_remembered_key(
    gh: AsyncGitHubActions, fake: FakeGitHub
) -> None:
    fake.add_repo("octo/app")
    await gh.secrets.set_repo_secret("octo", "app", "TOKEN", "first")
    key_id = fake.rotate_public_key(repo="octo/app")
    key = await gh.secrets.get_repo_public_key("octo", "app")
    assert isinstance(key, ActionsPublicKey)
    assert key.key_id == key_id
    assert len(base64.b64decode(key.key)) == 32
    await gh.secrets.set_repo_secret("octo", "app", "TOKEN", "second")
    assert [r.status for r in fake.stats.log if r.method == "PUT"] == [201, 204]


async def test_a_refusal_unrelated_to_the_key_is_not_sent_twice(
    gh: AsyncGitHubActions, fake: FakeGitHub
) -> None:
    repo = fake.add_repo("octo/app")
    with pytest.raises(ValidationFailed) as caught:
        await gh.secrets.set_org_secret(
            "octo", "S", "v", visibility="all", selected_repository_ids=[repo.id]
        )
    assert caught.value.errors[0]["field"] == "selected_repository_ids"
    assert fake.stats.by_route[ORG_PUT_ROUTE] == 1
    assert fake.stats.by_route[ORG_KEY_ROUTE] == 2  # fetched again: same key, so no resend
    with pytest.raises(ValidationFailed):
        await gh.secrets.set_repo_secret("octo", "app", "GITHUB_TOKEN", "v")  # reserved prefix
    assert fake.stats.by_route[PUT_ROUTE] == 1


async def test_a_second_refusal_is_raised_after_one_retry() -> None:
    keys = [base64.b64encode(bytes([i]) * 32).decode() for i in (1, 2)]
    refusal = {"message": "Validation Failed", "errors": [{"field": "key_id", "code": "invalid"}]}
    url = re.compile(r"^https://api\.github\.com/repos/octo/app/actions/secrets/.*$")
    with aioresponses() as mocked:
        for i in (0, 1):
            mocked.get(url, payload={"key_id": f"k{i}", "key": keys[i]})
            mocked.put(url, status=422, payload=refusal)
        async with AsyncGitHubActions("t", retry=0) as gh:
            with pytest.raises(ValidationFailed):
                await gh.secrets.set_repo_secret("octo", "app", "TOKEN", "PLAINTEXT-0cc175b9")
        sent = [key for key in mocked.requests if key[0] == "PUT"]
        assert [len(mocked.requests[key]) for key in sent] == [2]
        bodies = [call.kwargs["data"] for call in mocked.requests[sent[0]]]
    assert [b'"key_id":"k0"' in bodies[0], b'"key_id":"k1"' in bodies[1]] == [True, True]
    assert not [body for body in bodies if b"PLAINTEXT" in body]


async def test_without_pynacl_setting_a_secret_says_how_to_install_it(
    gh: AsyncGitHubActions, fake: FakeGitHub, monkeypatch: pytest.MonkeyPatch
) -> None:
    fake.add_repo("octo/app")
    before = fake.stats.requests
    monkeypatch.setitem(sys.modules, "nacl", None)
    monkeypatch.setitem(sys.modules, "nacl.public", None)
    with pytest.raises(ImportError, match=re.escape("pip install 'ghactions-async[secrets]'")):
        await gh.secrets.set_repo_secret("octo", "app", "TOKEN", "v")
    with pytest.raises(ImportError, match="PyNaCl"):
        await gh.secrets.set_org_secret("octo", "TOKEN", "v", visibility="private")
    assert fake.stats.requests == before  # nothing was sent, not even for the key


async def test_the_value_never_shows_in_reprs_logs_or_errors(
    gh: AsyncGitHubActions, fake: FakeGitHub, caplog: pytest.LogCaptureFixture
) -> None:
    plaintext = "PLAINTEXT-d41d8cd98f00"
    caplog.set_level(logging.DEBUG)
    fake.add_repo("octo/app")
    await gh.secrets.set_repo_secret("octo", "app", "TOKEN", plaintext)
    failures: list[BaseException] = []
    for attempt in (
        gh.secrets.set_repo_secret("octo", "missing", "TOKEN", plaintext),
        gh.secrets.set_repo_secret("octo", "app", "BAD-NAME", plaintext),
        gh.secrets.set_org_secret(
            "octo", "T", plaintext, visibility="private", selected_repository_ids=[1]
        ),
        gh.secrets.set_repo_secret("octo", "app", "T", plaintext + "\udc80"),
    ):
        with pytest.raises((NotFound, ValidationFailed, ValueError)) as caught:
            await attempt
        failures.append(caught.value)
    assert [type(f) for f in failures] == [NotFound, ValidationFailed, ValidationFailed, ValueError]
    for failure in failures:
        chain = [failure, failure.__cause__, failure.__context__]
        shown = " ".join(f"{e!s} {e!r} {getattr(e, 'errors', '')}" for e in chain if e)
        assert plaintext not in shown + "".join(traceback.format_exception(failure))
    assert plaintext not in caplog.text
    assert caplog.records  # the requests were logged, without the value
    assert plaintext not in repr(gh.secrets)
    assert plaintext not in repr(fake.secrets(repo="octo/app"))


async def test_empty_values_and_bad_arguments_are_refused_before_any_request(
    gh: AsyncGitHubActions, fake: FakeGitHub
) -> None:
    fake.add_repo("octo/app")
    before = fake.stats.requests
    with pytest.raises(ValueError, match="value must not be empty"):
        await gh.secrets.set_repo_secret("octo", "app", "TOKEN", "")
    with pytest.raises(ValueError, match="value must not be empty"):
        await gh.secrets.set_environment_secret("octo", "app", "prod", "TOKEN", "  ")
    with pytest.raises(ValueError, match="name must not be empty"):
        await gh.secrets.set_org_secret("octo", "", "v", visibility="all")
    with pytest.raises(TypeError, match="value must be a str"):
        await gh.secrets.set_repo_secret("octo", "app", "TOKEN", b"bytes")  # type: ignore[arg-type]
    with pytest.raises(ValueError, match="visibility must be one of"):
        await gh.secrets.set_org_secret("octo", "T", "v", visibility="public")  # type: ignore[arg-type]
    with pytest.raises(TypeError, match="selected_repository_id must be an int"):
        await gh.secrets.set_selected_repos_for_org_secret(
            "octo",
            "T",
            selected_repository_ids=["12"],  # type: ignore[list-item]
        )
    with pytest.raises(ValueError, match="repository_id must be a positive integer"):
        await gh.secrets.add_selected_repo_to_org_secret("octo", "T", 0)
    with pytest.raises(ValueError, match="environment_name must not be empty"):
        await gh.secrets.get_environment_public_key("octo", "app", "")
    with pytest.raises(ValueError, match="per_page must be between 1 and 100"):
        gh.secrets.list_repo_secrets("octo", "app", per_page=101)
    assert fake.stats.requests == before


async def test_list_get_and_delete_repository_secrets(
    gh: AsyncGitHubActions, fake: FakeGitHub
) -> None:
    for name in ("zeta", "alpha", "mid", "beta", "omega"):
        fake.add_secret(name, f"{name}-value", repo="octo/app")
    fake.add_repo("octo/empty")
    secrets = await gh.secrets.list_repo_secrets("octo", "app", per_page=2).collect()
    assert [s.name for s in secrets] == ["ALPHA", "BETA", "MID", "OMEGA", "ZETA"]
    assert all(isinstance(s, ActionsSecret) for s in secrets)
    assert [r.query for r in fake.stats.log].count("per_page=2&page=3") == 1
    assert await gh.secrets.list_repo_secrets("octo", "empty").collect() == []
    assert (await gh.secrets.get_repo_secret("octo", "app", "mid")).name == "MID"
    await gh.secrets.delete_repo_secret("octo", "app", "MID")
    with pytest.raises(NotFound):
        await gh.secrets.get_repo_secret("octo", "app", "MID")
    with pytest.raises(NotFound):
        await gh.secrets.delete_repo_secret("octo", "app", "MID")
    with pytest.raises(NotFound):
        await gh.secrets.list_repo_secrets("octo", "nope").collect()


async def test_organization_secrets_and_what_a_repository_sees(
    gh: AsyncGitHubActions, fake: FakeGitHub
) -> None:
    app, lib = fake.add_repo("octo/app"), fake.add_repo("octo/lib")
    fake.add_secret("EVERYONE", "1", org="octo", visibility="all")
    fake.add_secret("PRIVATE_ONES", "2", org="octo", visibility="private")
    fake.add_secret(
        "ONLY_LIB", "3", org="octo", visibility="selected", selected_repository_ids=[lib.id]
    )
    fake.add_secret("REPO_OWN", "4", repo="octo/app")
    listed = await gh.secrets.list_org_secrets("octo").collect()
    assert [(s.name, s.visibility) for s in listed] == [
        ("EVERYONE", "all"),
        ("ONLY_LIB", "selected"),
        ("PRIVATE_ONES", "private"),
    ]
    assert [s.selected_repositories_url is None for s in listed] == [True, False, True]
    seen_by_app = await gh.secrets.list_repo_org_secrets("octo", "app").collect()
    assert [s.name for s in seen_by_app] == ["EVERYONE", "PRIVATE_ONES"]
    assert all(type(s) is ActionsSecret for s in seen_by_app)
    seen_by_lib = await gh.secrets.list_repo_org_secrets("octo", "lib").collect()
    assert [s.name for s in seen_by_lib] == ["EVERYONE", "ONLY_LIB", "PRIVATE_ONES"]
    await gh.secrets.delete_org_secret("octo", "EVERYONE")
    assert [s.name for s in fake.secrets(org="octo")] == ["ONLY_LIB", "PRIVATE_ONES"]
    with pytest.raises(NotFound):
        await gh.secrets.get_org_secret("octo", "EVERYONE")
    with pytest.raises(NotFound):
        await gh.secrets.list_org_secrets("nobody").collect()
    assert app.id not in fake.secrets(org="octo")[0].selected_repository_ids


async def test_selected_repositories_of_an_organization_secret(
    gh: AsyncGitHubActions, fake: FakeGitHub
) -> None:
    repos = [fake.add_repo(f"octo/r{i}") for i in range(5)]
    outsider = fake.add_repo("other/outsider").id
    fake.add_secret("S", "v", org="octo", visibility="selected")
    secrets = gh.secrets
    await secrets.set_selected_repos_for_org_secret(
        "octo", "S", selected_repository_ids=[r.id for r in repos[:3]]
    )
    await secrets.add_selected_repo_to_org_secret("octo", "S", repos[4].id)
    await secrets.add_selected_repo_to_org_secret("octo", "S", repos[4].id)  # no duplicate
    await secrets.remove_selected_repo_from_org_secret("octo", "S", repos[0].id)
    listed = await secrets.list_selected_repos_for_org_secret("octo", "S", per_page=2).collect()
    assert [r.name for r in listed] == ["r1", "r2", "r4"]
    assert present(listed[0].owner).login == "octo"
    pages = [page async for page in secrets.list_selected_repos_for_org_secret("octo", "S").pages()]
    assert [p.total_count for p in pages] == [3]
    with pytest.raises(NotFound):
        await secrets.add_selected_repo_to_org_secret("octo", "S", outsider)
    with pytest.raises(ValidationFailed):
        await secrets.set_selected_repos_for_org_secret(
            "octo", "S", selected_repository_ids=[outsider]
        )
    fake.add_secret("ALL", "v", org="octo", visibility="all")
    with pytest.raises(Conflict):
        await secrets.add_selected_repo_to_org_secret("octo", "ALL", repos[0].id)
    with pytest.raises(Conflict):
        await secrets.remove_selected_repo_from_org_secret("octo", "ALL", repos[0].id)
    with pytest.raises(NotFound):
        await secrets.list_selected_repos_for_org_secret("octo", "NOPE").collect()


async def test_environment_secrets(gh: AsyncGitHubActions, fake: FakeGitHub) -> None:
    fake.add_secret("A", "1", repo="octo/app", environment="Production")
    fake.add_secret("B", "2", repo="octo/app", environment="Production")
    fake.add_environment("octo/app", "staging")
    listed = await gh.secrets.list_environment_secrets("octo", "app", "production").collect()
    assert [s.name for s in listed] == ["A", "B"]
    assert await gh.secrets.list_environment_secrets("octo", "app", "staging").collect() == []
    secret = await gh.secrets.get_environment_secret("octo", "app", "Production", "a")
    assert secret.name == "A"
    key = await gh.secrets.get_environment_public_key("octo", "app", "Production")
    assert key.key_id == fake.secrets(repo="octo/app", environment="Production")[0].key_id
    await gh.secrets.delete_environment_secret("octo", "app", "Production", "A")
    assert [s.name for s in fake.secrets(repo="octo/app", environment="Production")] == ["B"]
    with pytest.raises(NotFound):
        await gh.secrets.get_environment_secret("octo", "app", "Production", "A")
    with pytest.raises(NotFound):  # environments must exist, as on GitHub
        await gh.secrets.set_environment_secret("octo", "app", "nowhere", "A", "v")


async def test_the_fake_refuses_values_sealed_with_another_key(fake: FakeGitHub) -> None:
    fake.add_repo("octo/app")
    async with AsyncGitHubActions(fake.token, base_url=fake.url) as gh:
        key = await gh.secrets.get_repo_public_key("octo", "app")
        path = "/repos/octo/app/actions/secrets/TOKEN"
        with pytest.raises(ValidationFailed) as wrong_id:
            await gh.request("PUT", path, json={"encrypted_value": "c2VjcmV0", "key_id": "1"})
        with pytest.raises(ValidationFailed) as unsealed:
            await gh.request(
                "PUT", path, json={"encrypted_value": "c2VjcmV0", "key_id": key.key_id}
            )
        with pytest.raises(ValidationFailed) as missing:
            await gh.request("PUT", path, json={"key_id": key.key_id})
    assert [e.value.errors[0]["field"] for e in (wrong_id, unsealed, missing)] == [
        "key_id",
        "encrypted_value",
        "encrypted_value",
    ]
    assert fake.secrets(repo="octo/app") == []


def test_world_methods_check_their_scope() -> None:
    fake = FakeGitHub()
    fake.add_secret("T", "v", org="octo", visibility="private")
    assert fake.secret_plaintext("t", org="OCTO") == "v"
    with pytest.raises(ValueError, match="exactly one"):
        fake.secrets(repo="octo/app", org="octo")
    with pytest.raises(ValueError, match="exactly one"):
        fake.secrets()
    with pytest.raises(KeyError, match="add_repo"):
        fake.secrets(repo="octo/nope")
    fake.add_repo("octo/app")
    with pytest.raises(KeyError, match="add_environment"):
        fake.secret_plaintext("T", repo="octo/app", environment="prod")
    with pytest.raises(KeyError, match="no secret"):
        fake.secret_plaintext("NOPE", org="octo")
    with pytest.raises(ValueError, match="org secrets"):
        fake.add_secret("T", "v", repo="octo/app", visibility="all")


async def test_the_fake_serves_other_areas_without_pynacl_and_says_why_secrets_fail(
    gh: AsyncGitHubActions, fake: FakeGitHub, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setitem(sys.modules, "nacl", None)
    monkeypatch.setitem(sys.modules, "nacl.public", None)
    fake.add_variable("A", "1", repo="octo/app")
    assert [v.name for v in await gh.variables.list_repo_variables("octo", "app").collect()] == [
        "A"
    ]
    assert await gh.secrets.list_repo_secrets("octo", "app").collect() == []
    with pytest.raises(
        GitHubError, match=re.escape("pip install 'ghactions-async[secrets]'")
    ) as caught:
        await gh.secrets.get_repo_public_key("octo", "app")
    assert caught.value.status == 501
    assert fake.stats.by_route[KEY_ROUTE] == 1  # not retried

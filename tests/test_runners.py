"""Every self-hosted runner method, through the async and the sync client, against FakeGitHub."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from datetime import datetime, timedelta, timezone
from typing import Any, TypedDict

import pytest

from ghactions_async import AsyncGitHubActions, Conflict, NotFound, ValidationFailed
from ghactions_async._convert import structure
from ghactions_async.models import (
    JitRunnerConfig,
    Runner,
    RunnerApplication,
    RunnerLabel,
    RunnerToken,
)
from ghactions_async.testing import FakeClock, FakeGitHub

from .conftest import present

SCOPES = ["repo", "org"]


class Where(TypedDict, total=False):
    repo: str
    org: str


def where(scope: str) -> Where:
    """Where ``fake.add_runner`` puts a runner of this scope."""
    return {"repo": "octo/app"} if scope == "repo" else {"org": "octo"}


def call(gh: AsyncGitHubActions, scope: str, verb: str, *args: Any, **kwargs: Any) -> Any:
    """``gh.runners.<verb>_for_repo("octo", "app", ...)`` or ``<verb>_for_org("octo", ...)``."""
    if scope == "repo":
        return getattr(gh.runners, f"{verb}_for_repo")("octo", "app", *args, **kwargs)
    return getattr(gh.runners, f"{verb}_for_org")("octo", *args, **kwargs)


def names(labels: list[RunnerLabel] | None) -> list[tuple[str | None, str | None]]:
    return [(label.name, label.type) for label in present(labels)]


READ_ONLY_LINUX = [("self-hosted", "read-only"), ("Linux", "read-only"), ("X64", "read-only")]


@pytest.mark.parametrize("scope", SCOPES)
async def test_list_returns_typed_runners_oldest_first(
    gh: AsyncGitHubActions, fake: FakeGitHub, scope: str
) -> None:
    first = fake.add_runner(**where(scope), name="linux-1", labels=["gpu"], busy=True)
    fake.add_runner(
        **where(scope), name="mac-1", os="macos", architecture="arm64", status="offline"
    )
    fake.add_runner(repo="octo/other", name="elsewhere")
    runners = await call(gh, scope, "list").collect()
    assert [r.name for r in runners] == ["linux-1", "mac-1"]
    assert all(isinstance(r, Runner) for r in runners)
    linux, mac = runners
    assert (linux.id, linux.os, linux.status, linux.busy) == (first.id, "linux", "online", True)
    assert names(linux.labels) == [*READ_ONLY_LINUX, ("gpu", "custom")]
    assert names(mac.labels) == [
        ("self-hosted", "read-only"),
        ("macOS", "read-only"),
        ("ARM64", "read-only"),
    ]
    assert (mac.status, mac.ephemeral, mac.version) == ("offline", False, "2.323.0")
    # The same label name has the same id on every runner.
    assert linux.labels[0].id == mac.labels[0].id


@pytest.mark.parametrize("scope", SCOPES)
async def test_list_by_name_and_in_pages(
    gh: AsyncGitHubActions, fake: FakeGitHub, scope: str
) -> None:
    for number in range(5):
        fake.add_runner(**where(scope), name=f"builder-{number}")
    only = await call(gh, scope, "list", name="builder-3").collect()
    assert [r.name for r in only] == ["builder-3"]
    assert await call(gh, scope, "list", name="nobody").collect() == []
    fake.reset_stats()
    paged = await call(gh, scope, "list", per_page=2).collect()
    assert [r.name for r in paged] == [f"builder-{n}" for n in range(5)]
    assert len(fake.stats.log) == 3  # 5 runners, 2 a page
    assert all("per_page=2" in record.query for record in fake.stats.log)


async def test_org_runners_carry_their_group(gh: AsyncGitHubActions, fake: FakeGitHub) -> None:
    fake.add_runner(org="octo", name="plain")
    group = fake.add_runner_group("octo", "gpus")
    fake.add_runner(org="octo", name="gpu", runner_group_id=group.id)
    runners = await gh.runners.list_for_org("octo").collect()
    assert [(r.name, r.runner_group_id) for r in runners] == [("plain", 1), ("gpu", group.id)]
    repo_runner = fake.add_runner(repo="octo/app", name="repo-level")
    assert (await gh.runners.get_for_repo("octo", "app", repo_runner.id)).runner_group_id is None


async def test_lists_of_missing_repository_and_org(
    gh: AsyncGitHubActions, fake: FakeGitHub
) -> None:
    with pytest.raises(NotFound):
        await gh.runners.list_for_repo("octo", "nope").collect()
    with pytest.raises(NotFound):
        await gh.runners.list_for_org("nobody").collect()
    fake.add_repo("octo/empty")
    assert await gh.runners.list_for_repo("octo", "empty").collect() == []


@pytest.mark.parametrize("scope", SCOPES)
async def test_get(gh: AsyncGitHubActions, fake: FakeGitHub, scope: str) -> None:
    added = fake.add_runner(**where(scope), name="mbp", os="macos", labels=["no-gpu"])
    runner = await call(gh, scope, "get", added.id)
    assert isinstance(runner, Runner)
    assert (runner.id, runner.name, runner.os) == (added.id, "mbp", "macos")
    last = present(runner.labels)[-1]
    assert last == RunnerLabel(id=last.id, name="no-gpu", type="custom")
    with pytest.raises(NotFound):
        await call(gh, scope, "get", added.id + 1000)


async def test_a_runner_is_found_only_in_its_own_scope(
    gh: AsyncGitHubActions, fake: FakeGitHub
) -> None:
    repo_runner = fake.add_runner(repo="octo/app", name="repo-level")
    org_runner = fake.add_runner(org="octo", name="org-level")
    with pytest.raises(NotFound):
        await gh.runners.get_for_org("octo", repo_runner.id)
    with pytest.raises(NotFound):
        await gh.runners.get_for_repo("octo", "app", org_runner.id)
    with pytest.raises(NotFound):
        await gh.runners.delete_for_repo("octo", "other", repo_runner.id)


@pytest.mark.parametrize("scope", SCOPES)
async def test_delete(gh: AsyncGitHubActions, fake: FakeGitHub, scope: str) -> None:
    doomed = fake.add_runner(**where(scope), name="old")
    kept = fake.add_runner(**where(scope), name="new")
    assert await call(gh, scope, "delete", doomed.id) is None
    assert [r.id for r in fake.runners_of(**where(scope))] == [kept.id]
    with pytest.raises(NotFound):
        await call(gh, scope, "delete", doomed.id)


@pytest.mark.parametrize("scope", SCOPES)
async def test_a_busy_runner_cannot_be_deleted(
    gh: AsyncGitHubActions, fake: FakeGitHub, scope: str
) -> None:
    busy = fake.add_runner(**where(scope), name="working", busy=True)
    with pytest.raises(ValidationFailed, match="still running a job"):
        await call(gh, scope, "delete", busy.id)
    busy.busy = False
    await call(gh, scope, "delete", busy.id)
    assert fake.runners_of(**where(scope)) == []


@pytest.mark.parametrize("scope", SCOPES)
async def test_runner_applications(gh: AsyncGitHubActions, fake: FakeGitHub, scope: str) -> None:
    fake.add_repo("octo/app")
    fake.set_runner_version("2.330.0")
    downloads = await call(gh, scope, "list_runner_applications")
    assert all(isinstance(d, RunnerApplication) for d in downloads)
    platforms = {(d.os, d.architecture) for d in downloads}
    assert {("linux", "x64"), ("linux", "arm64"), ("osx", "arm64"), ("win", "x64")} <= platforms
    linux = next(d for d in downloads if (d.os, d.architecture) == ("linux", "x64"))
    assert linux.filename == "actions-runner-linux-x64-2.330.0.tar.gz"
    assert linux.download_url.endswith("/v2.330.0/actions-runner-linux-x64-2.330.0.tar.gz")
    assert linux.sha256_checksum is not None
    assert len(linux.sha256_checksum) == 64


async def test_runner_applications_of_missing_scope(gh: AsyncGitHubActions) -> None:
    with pytest.raises(NotFound):
        await gh.runners.list_runner_applications_for_repo("octo", "nope")
    with pytest.raises(NotFound):
        await gh.runners.list_runner_applications_for_org("nobody")


@pytest.mark.parametrize("scope", SCOPES)
async def test_registration_token_registers_a_runner_for_an_hour(
    gh: AsyncGitHubActions, fake: FakeGitHub, scope: str
) -> None:
    fake.add_repo("octo/app")
    before = datetime.now(timezone.utc)
    token = await call(gh, scope, "create_registration_token")
    assert isinstance(token, RunnerToken)
    assert timedelta(minutes=59) < token.expires_at - before <= timedelta(hours=1, seconds=5)
    assert fake.stats.log[-1].status == 201
    # What ./config.sh --token does with it:
    runner = fake.register_runner(token.token, name="fresh", labels=["docker"])
    listed = await call(gh, scope, "list").collect()
    assert [(r.id, r.name) for r in listed] == [(runner.id, "fresh")]
    assert ("docker", "custom") in names(listed[0].labels)
    # A token works until it expires, and only for registering.
    fake.runner_tokens()[-1].expires_at = datetime.now(timezone.utc) - timedelta(seconds=1)
    with pytest.raises(PermissionError, match="expired"):
        fake.register_runner(token.token, name="late")
    with pytest.raises(PermissionError, match="not a remove token"):
        fake.unregister_runner(token.token, runner.id)


@pytest.mark.parametrize("scope", SCOPES)
async def test_remove_token_unregisters_a_runner(
    gh: AsyncGitHubActions, fake: FakeGitHub, scope: str
) -> None:
    runner = fake.add_runner(**where(scope), name="retiring")
    token = await call(gh, scope, "create_remove_token")
    assert isinstance(token, RunnerToken)
    assert token.expires_at > datetime.now(timezone.utc)
    with pytest.raises(PermissionError, match="not a registration token"):
        fake.register_runner(token.token, name="sneaky")
    # What ./config.sh remove --token does with it:
    fake.unregister_runner(token.token, runner.id)
    assert await call(gh, scope, "list").collect() == []
    with pytest.raises(KeyError):
        fake.unregister_runner(token.token, runner.id)


async def test_runner_tokens_are_made_and_checked_by_the_fakes_clock() -> None:
    clock = FakeClock(start=datetime(2030, 5, 1, 12, 0, tzinfo=timezone.utc))
    async with (
        FakeGitHub(clock=clock) as fake,
        AsyncGitHubActions(fake.token, base_url=fake.url) as gh,
    ):
        fake.add_org("octo")
        registration = await gh.runners.create_registration_token_for_org("octo")
        remove = await gh.runners.create_remove_token_for_org("octo")
        assert registration.expires_at == remove.expires_at == clock.now() + timedelta(hours=1)
        runner = fake.register_runner(registration.token, name="in-time")
        clock.advance(3600)
        assert fake.runner_tokens()[0].expired
        with pytest.raises(PermissionError, match="expired"):
            fake.register_runner(registration.token, name="late")
        with pytest.raises(PermissionError, match="expired"):
            fake.unregister_runner(remove.token, runner.id)


async def test_tokens_are_fresh_per_call_and_kept_out_of_repr(
    gh: AsyncGitHubActions, fake: FakeGitHub
) -> None:
    fake.add_org("octo")
    first = await gh.runners.create_registration_token_for_org("octo")
    second = await gh.runners.create_registration_token_for_org("octo")
    assert first.token != second.token
    assert first.token not in repr(first)
    assert "token=" not in repr(first)
    assert [t.kind for t in fake.runner_tokens()] == ["registration", "registration"]
    with pytest.raises(NotFound):
        await gh.runners.create_remove_token_for_org("nobody")
    with pytest.raises(NotFound):
        await gh.runners.create_registration_token_for_repo("octo", "nope")


@pytest.mark.parametrize("scope", SCOPES)
async def test_jitconfig_creates_an_ephemeral_runner(
    gh: AsyncGitHubActions, fake: FakeGitHub, scope: str
) -> None:
    fake.add_repo("octo/app")
    config = await call(
        gh,
        scope,
        "generate_jitconfig",
        name="jit-1",
        runner_group_id=1,
        labels=["self-hosted", "X64", "no-gpu"],
        work_folder="_build",
    )
    assert isinstance(config, JitRunnerConfig)
    assert fake.stats.log[-1].status == 201
    runner = present(config.runner)
    assert (runner.name, runner.status, runner.ephemeral) == ("jit-1", "offline", True)
    assert names(runner.labels) == [
        ("self-hosted", "read-only"),
        ("X64", "read-only"),
        ("no-gpu", "custom"),
    ]
    assert config.encoded_jit_config
    assert config.encoded_jit_config not in repr(config)
    assert [r.id for r in fake.runners_of(**where(scope))] == [runner.id]
    with pytest.raises(Conflict, match="already exists"):
        await call(gh, scope, "generate_jitconfig", name="jit-1", runner_group_id=1, labels=["a"])


async def test_jitconfig_for_org_joins_the_group_asked_for(
    gh: AsyncGitHubActions, fake: FakeGitHub
) -> None:
    group = fake.add_runner_group("octo", "ephemeral")
    config = await gh.runners.generate_jitconfig_for_org(
        "octo", name="jit", runner_group_id=group.id, labels=["linux"]
    )
    assert present(config.runner).runner_group_id == group.id
    with pytest.raises(NotFound):
        await gh.runners.generate_jitconfig_for_org(
            "octo", name="jit-2", runner_group_id=group.id + 500, labels=["linux"]
        )


@pytest.mark.ghes
async def test_jitconfig_for_enterprise_on_ghes(gh: AsyncGitHubActions, fake: FakeGitHub) -> None:
    fake.add_enterprise("acme", ["octo"])
    shared = fake.add_runner_group("octo", "enterprise-pool", inherited=True)
    config = await gh.runners.generate_jitconfig_for_enterprise(
        "acme", name="ent-jit", runner_group_id=shared.id, labels=["big"]
    )
    assert present(config.runner).runner_group_id == shared.id
    assert [r.name for r in fake.runners_of(enterprise="acme")] == ["ent-jit"]
    assert fake.stats.log[-1].path == "/enterprises/acme/actions/runners/generate-jitconfig"
    own = fake.add_runner_group("octo", "org-only")
    with pytest.raises(NotFound):
        await gh.runners.generate_jitconfig_for_enterprise(
            "acme", name="x", runner_group_id=own.id, labels=["big"]
        )
    with pytest.raises(NotFound):
        await gh.runners.generate_jitconfig_for_enterprise(
            "nobody", name="x", runner_group_id=1, labels=["big"]
        )


@pytest.mark.parametrize("scope", SCOPES)
async def test_list_and_add_labels(gh: AsyncGitHubActions, fake: FakeGitHub, scope: str) -> None:
    runner = fake.add_runner(**where(scope), name="r", labels=["gpu"])
    listed = await call(gh, scope, "list_labels", runner.id)
    assert all(isinstance(label, RunnerLabel) for label in listed)
    assert names(listed) == [*READ_ONLY_LINUX, ("gpu", "custom")]
    added = await call(gh, scope, "add_labels", runner.id, labels=["cuda", "GPU", "big-disk"])
    # Adding a label the runner has (in any case) changes nothing.
    assert names(added) == [
        *READ_ONLY_LINUX,
        ("gpu", "custom"),
        ("cuda", "custom"),
        ("big-disk", "custom"),
    ]
    assert fake.runners_of(**where(scope))[0].label_names[-1] == "big-disk"


@pytest.mark.parametrize("scope", SCOPES)
async def test_set_labels_replaces_only_custom_ones(
    gh: AsyncGitHubActions, fake: FakeGitHub, scope: str
) -> None:
    runner = fake.add_runner(**where(scope), name="r", labels=["gpu", "cuda"])
    replaced = await call(gh, scope, "set_labels", runner.id, labels=("arm-build",))
    assert names(replaced) == [*READ_ONLY_LINUX, ("arm-build", "custom")]
    cleared = await call(gh, scope, "set_labels", runner.id, labels=[])
    assert names(cleared) == READ_ONLY_LINUX


@pytest.mark.parametrize("scope", SCOPES)
async def test_remove_all_labels_keeps_read_only_ones(
    gh: AsyncGitHubActions, fake: FakeGitHub, scope: str
) -> None:
    runner = fake.add_runner(**where(scope), name="r", labels=["gpu", "cuda"])
    remaining = await call(gh, scope, "remove_all_labels", runner.id)
    assert names(remaining) == READ_ONLY_LINUX
    assert fake.stats.log[-1].method == "DELETE"


@pytest.mark.parametrize("scope", SCOPES)
async def test_remove_one_label(gh: AsyncGitHubActions, fake: FakeGitHub, scope: str) -> None:
    runner = fake.add_runner(**where(scope), name="r", labels=["gpu", "big disk"])
    remaining = await call(gh, scope, "remove_label", runner.id, "big disk")
    assert names(remaining) == [*READ_ONLY_LINUX, ("gpu", "custom")]
    assert fake.stats.log[-1].path.endswith("/labels/big%20disk")
    with pytest.raises(NotFound):
        await call(gh, scope, "remove_label", runner.id, "big disk")
    with pytest.raises(ValidationFailed, match="read-only"):
        await call(gh, scope, "remove_label", runner.id, "self-hosted")
    assert "self-hosted" in fake.runners_of(**where(scope))[0].label_names


@pytest.mark.parametrize("scope", SCOPES)
async def test_labels_of_a_missing_runner(
    gh: AsyncGitHubActions, fake: FakeGitHub, scope: str
) -> None:
    fake.add_repo("octo/app")
    calls: list[Callable[[], Awaitable[Any]]] = [
        lambda: call(gh, scope, "list_labels", 404),
        lambda: call(gh, scope, "add_labels", 404, labels=["x"]),
        lambda: call(gh, scope, "set_labels", 404, labels=["x"]),
        lambda: call(gh, scope, "remove_all_labels", 404),
        lambda: call(gh, scope, "remove_label", 404, "x"),
    ]
    for send in calls:
        with pytest.raises(NotFound):
            await send()


async def test_bad_arguments_raise_before_any_request(
    gh: AsyncGitHubActions, fake: FakeGitHub
) -> None:
    runner = fake.add_runner(org="octo", name="r")
    runners = gh.runners
    before = fake.stats.requests
    with pytest.raises(ValueError, match="runner_id must be a positive integer"):
        await runners.get_for_org("octo", 0)
    with pytest.raises(TypeError, match="runner_id must be an int"):
        await runners.delete_for_repo("octo", "app", "7")  # type: ignore[arg-type]
    with pytest.raises(ValueError, match="org must not be empty"):
        await runners.create_registration_token_for_org("")
    with pytest.raises(ValueError, match="name must not be empty"):
        await runners.remove_label_for_org("octo", runner.id, " ")
    with pytest.raises(ValueError, match="per_page must be between 1 and 100"):
        runners.list_for_org("octo", per_page=101)
    with pytest.raises(ValueError, match="at least one label"):
        await runners.add_labels_for_org("octo", runner.id, labels=[])
    with pytest.raises(ValueError, match="at most 100 labels"):
        await runners.set_labels_for_org("octo", runner.id, labels=[f"l{n}" for n in range(101)])
    with pytest.raises(ValueError, match="empty name"):
        await runners.add_labels_for_repo("octo", "app", runner.id, labels=["ok", ""])
    with pytest.raises(TypeError, match="labels must be a list"):
        await runners.set_labels_for_org("octo", runner.id, labels="gpu")
    with pytest.raises(TypeError, match="items of labels must be a str"):
        await runners.add_labels_for_org("octo", runner.id, labels=[1])  # type: ignore[list-item]
    with pytest.raises(ValueError, match="at least one label"):
        await runners.generate_jitconfig_for_org("octo", name="j", runner_group_id=1, labels=[])
    with pytest.raises(ValueError, match="name must not be empty"):
        await runners.generate_jitconfig_for_repo(
            "octo", "app", name="", runner_group_id=1, labels=["x"]
        )
    with pytest.raises(ValueError, match="runner_group_id must be a positive integer"):
        await runners.generate_jitconfig_for_enterprise(
            "acme", name="j", runner_group_id=0, labels=["x"]
        )
    assert fake.stats.requests == before


async def test_fake_answers_malformed_bodies_with_422(fake: FakeGitHub) -> None:
    runner = fake.add_runner(org="octo", name="r")
    labels = f"/orgs/octo/actions/runners/{runner.id}/labels"
    async with AsyncGitHubActions(fake.token, base_url=fake.url) as gh:
        for verb, path, body in [
            ("POST", labels, {"labels": []}),
            ("PUT", labels, {"labels": "gpu"}),
            ("PUT", labels, {}),
            (
                "POST",
                "/orgs/octo/actions/runners/generate-jitconfig",
                {"name": "j", "labels": ["x"]},
            ),
            (
                "POST",
                "/orgs/octo/actions/runners/generate-jitconfig",
                {"name": "j", "runner_group_id": 1, "labels": []},
            ),
        ]:
            with pytest.raises(ValidationFailed) as caught:
                await gh.request(verb, path, json=body)
            assert isinstance(caught.value.errors[0], str), (verb, path, body)


@pytest.mark.ghes
async def test_fake_answers_fit_the_models_strictly(fake: FakeGitHub) -> None:
    fake.add_enterprise("acme", ["octo"])
    runner = fake.add_runner(org="octo", name="r", labels=["gpu"])
    async with AsyncGitHubActions(fake.token, base_url=fake.url) as gh:
        listed = await gh.request("GET", "/orgs/octo/actions/runners")
        structure(listed["runners"], list[Runner], strict=True)
        labels = await gh.request("GET", f"/orgs/octo/actions/runners/{runner.id}/labels")
        assert labels["total_count"] == len(labels["labels"]) == 4
        structure(labels["labels"], list[RunnerLabel], strict=True)
        downloads = await gh.request("GET", "/orgs/octo/actions/runners/downloads")
        structure(downloads, list[RunnerApplication], strict=True)
        token = await gh.request("POST", "/orgs/octo/actions/runners/remove-token")
        structure(token, RunnerToken, strict=True)
        jit = await gh.request(
            "POST",
            "/enterprises/acme/actions/runners/generate-jitconfig",
            json={"name": "j", "runner_group_id": 1, "labels": ["x"]},
        )
        structure(jit, JitRunnerConfig, strict=True)


def test_download_tokens_stay_out_of_repr() -> None:
    download = RunnerApplication(
        os="linux",
        architecture="x64",
        download_url="https://example.com/runner.tar.gz",
        filename="runner.tar.gz",
        temp_download_token="eyJ0eXAi-secret",
    )
    assert "eyJ0eXAi-secret" not in repr(download)
    assert download.temp_download_token == "eyJ0eXAi-secret"

"""Every hosted-runner method, through the async and the sync client, against FakeGitHub."""

from __future__ import annotations

import json
import re
from datetime import datetime, timedelta, timezone

import pytest
from aioresponses import CallbackResult, aioresponses
from yarl import URL

from ghactions_async import CLEAR, AsyncGitHubActions, NotFound, ValidationFailed
from ghactions_async.models import (
    HostedRunner,
    HostedRunnerCuratedImage,
    HostedRunnerCustomImage,
    HostedRunnerCustomImageVersion,
    HostedRunnerImageDetails,
    HostedRunnerImageRequest,
    HostedRunnerLimits,
    HostedRunnerMachineSpec,
    HostedRunnerPublicIpLimits,
    PublicIp,
)
from ghactions_async.testing import FakeGitHub

from .conftest import present

NOW = datetime(2026, 11, 1, 12, 0, tzinfo=timezone.utc)
UBUNTU = HostedRunnerImageRequest(id="ubuntu-latest", source="github")


def seed(fake: FakeGitHub) -> int:
    """Two runners and a custom image with three versions in ``octo``; returns the image id."""
    fake.add_hosted_runner("octo", "linux-4", last_active_on=NOW - timedelta(hours=2))
    fake.add_hosted_runner(
        "octo", "windows-8", image_id="windows-latest", size="8-core", static_ip=True
    )
    image = fake.add_custom_image(
        "octo", "golden-ubuntu", versions=["1.0.0", "1.10.0", "1.2.0"], size_gb=40
    )
    return image.id


async def test_list_returns_typed_runners(gh: AsyncGitHubActions, fake: FakeGitHub) -> None:
    seed(fake)
    runners = await gh.hosted_runners.list("octo").collect()
    assert [r.name for r in runners] == ["linux-4", "windows-8"]
    linux, windows = runners
    assert isinstance(linux, HostedRunner)
    assert linux.image_details == HostedRunnerImageDetails(
        id="ubuntu-latest",
        size_gb=86,
        display_name="Ubuntu Latest (24.04)",
        source="github",
        version="latest",
    )
    assert linux.machine_size_details == HostedRunnerMachineSpec(
        id="4-core", cpu_cores=4, memory_gb=16, storage_gb=150
    )
    assert (linux.platform, linux.status, linux.runner_group_id) == ("linux-x64", "Ready", 1)
    assert linux.last_active_on == NOW - timedelta(hours=2)
    assert (linux.public_ip_enabled, linux.public_ips) == (False, [])
    assert windows.platform == "win-x64"
    assert present(windows.machine_size_details).cpu_cores == 8
    assert windows.last_active_on is None
    assert windows.public_ip_enabled
    assert windows.public_ips is not None
    assert len(windows.public_ips) == 1
    assert isinstance(windows.public_ips[0], PublicIp)
    assert windows.public_ips[0].length == 31


async def test_list_turns_pages(gh: AsyncGitHubActions, fake: FakeGitHub) -> None:
    for number in range(5):
        fake.add_hosted_runner("octo", f"runner-{number}")
    runners = await gh.hosted_runners.list("octo", per_page=2).collect()
    assert [r.name for r in runners] == [f"runner-{n}" for n in range(5)]
    assert fake.stats.by_route["GET /orgs/{org}/actions/hosted-runners"] == 3
    assert [r.name for r in await gh.hosted_runners.list("octo").collect(limit=2)] == [
        "runner-0",
        "runner-1",
    ]


async def test_list_of_empty_and_missing_organization(
    gh: AsyncGitHubActions, fake: FakeGitHub
) -> None:
    fake.add_org("quiet")
    assert await gh.hosted_runners.list("quiet").collect() == []
    with pytest.raises(NotFound):
        await gh.hosted_runners.list("nobody").collect()


async def test_create_then_get(gh: AsyncGitHubActions, fake: FakeGitHub) -> None:
    fake.add_org("octo")
    created = await gh.hosted_runners.create(
        "octo",
        name="build.linux_16",
        image=UBUNTU,
        size="16-core",
        runner_group_id=3,
        maximum_runners=25,
        image_gen=True,
    )
    assert isinstance(created, HostedRunner)
    assert (created.name, created.runner_group_id, created.maximum_runners) == (
        "build.linux_16",
        3,
        25,
    )
    assert present(created.machine_size_details).id == "16-core"
    assert created.image_details is not None
    assert created.image_details.id == "ubuntu-latest"
    assert created.image_gen is True
    assert created.public_ip_enabled is False
    assert await gh.hosted_runners.get("octo", created.id) == created
    assert [r.id for r in fake.hosted_runners("octo")] == [created.id]


async def test_create_sends_the_image_without_unset_fields() -> None:
    sent: list[object] = []

    def record(url: URL, **kwargs: object) -> CallbackResult:
        data = kwargs["data"]
        assert isinstance(data, bytes)
        sent.append(json.loads(data))
        return CallbackResult(status=201, payload=RUNNER_JSON)

    with aioresponses() as mocked:
        mocked.post(re.compile(".*/orgs/octo/actions/hosted-runners$"), callback=record)
        async with AsyncGitHubActions("t") as gh:
            runner = await gh.hosted_runners.create(
                "octo", name="r", image=UBUNTU, size="4-core", runner_group_id=1
            )
    assert runner.id == 5
    assert sent == [
        {
            "name": "r",
            "image": {"id": "ubuntu-latest", "source": "github"},
            "size": "4-core",
            "runner_group_id": 1,
        }
    ]


RUNNER_JSON = {
    "id": 5,
    "name": "r",
    "runner_group_id": 1,
    "platform": "linux-x64",
    "image_details": {
        "id": "ubuntu-latest",
        "size_gb": 86,
        "display_name": "Ubuntu Latest",
        "source": "github",
    },
    "machine_size_details": {"id": "4-core", "cpu_cores": 4, "memory_gb": 16, "storage_gb": 150},
    "status": "Provisioning",
    "public_ip_enabled": False,
}


async def test_create_from_a_custom_image_version(gh: AsyncGitHubActions, fake: FakeGitHub) -> None:
    image_id = seed(fake)
    pinned = await gh.hosted_runners.create(
        "octo",
        name="golden",
        image=HostedRunnerImageRequest(id=str(image_id), source="custom", version="1.2.0"),
        size="4-core",
        runner_group_id=1,
    )
    assert pinned.image_details == HostedRunnerImageDetails(
        id=str(image_id), size_gb=40, display_name="golden-ubuntu", source="custom", version="1.2.0"
    )
    latest = await gh.hosted_runners.create(
        "octo",
        name="golden-latest",
        image=HostedRunnerImageRequest(id=str(image_id), source="custom"),
        size="4-core",
        runner_group_id=1,
    )
    assert latest.image_details is not None
    assert latest.image_details.version == "1.10.0"


async def test_create_rejects_what_github_rejects(gh: AsyncGitHubActions, fake: FakeGitHub) -> None:
    seed(fake)
    hosted = gh.hosted_runners
    with pytest.raises(ValidationFailed) as caught:
        await hosted.create("octo", name="x", image=UBUNTU, size="3-core", runner_group_id=1)
    assert caught.value.errors[0]["field"] == "size"
    with pytest.raises(ValidationFailed) as caught:
        await hosted.create(
            "octo",
            name="x",
            image=HostedRunnerImageRequest(id="ubuntu-latest", source="partner"),
            size="4-core",
            runner_group_id=1,
        )
    assert caught.value.errors[0]["field"] == "image"
    with pytest.raises(ValidationFailed) as caught:
        await hosted.create("octo", name="LINUX-4", image=UBUNTU, size="4-core", runner_group_id=1)
    assert caught.value.errors[0]["code"] == "already_exists"
    assert len(fake.hosted_runners("octo")) == 2


async def test_static_ip_limit(gh: AsyncGitHubActions, fake: FakeGitHub) -> None:
    seed(fake)
    fake.set_hosted_runner_limits("octo", public_ips_maximum=2)
    assert await gh.hosted_runners.get_limits("octo") == HostedRunnerLimits(
        public_ips=HostedRunnerPublicIpLimits(maximum=2, current_usage=1)
    )
    second = await gh.hosted_runners.create(
        "octo", name="ip-2", image=UBUNTU, size="2-core", runner_group_id=1, enable_static_ip=True
    )
    assert second.public_ip_enabled
    limits = await gh.hosted_runners.get_limits("octo")
    assert present(limits.public_ips).current_usage == 2
    with pytest.raises(ValidationFailed, match="limit") as caught:
        await gh.hosted_runners.create(
            "octo",
            name="ip-3",
            image=UBUNTU,
            size="2-core",
            runner_group_id=1,
            enable_static_ip=True,
        )
    assert caught.value.status == 422
    assert caught.value.errors[0]["field"] == "enable_static_ip"
    linux = fake.hosted_runners("octo")[0]
    with pytest.raises(ValidationFailed):
        await gh.hosted_runners.update("octo", linux.id, enable_static_ip=True)
    await gh.hosted_runners.update("octo", second.id, enable_static_ip=False)
    updated = await gh.hosted_runners.update("octo", linux.id, enable_static_ip=True)
    assert updated.public_ip_enabled
    assert present((await gh.hosted_runners.get_limits("octo")).public_ips).current_usage == 2


async def test_update_changes_only_what_is_given(gh: AsyncGitHubActions, fake: FakeGitHub) -> None:
    seed(fake)
    linux = fake.hosted_runners("octo")[0]
    before = await gh.hosted_runners.get("octo", linux.id)
    renamed = await gh.hosted_runners.update(
        "octo", linux.id, name="linux-big", size="32-core", maximum_runners=3, runner_group_id=9
    )
    assert (renamed.name, renamed.maximum_runners, renamed.runner_group_id) == (
        "linux-big",
        3,
        9,
    )
    assert present(renamed.machine_size_details).memory_gb == 128
    assert renamed.image_details == before.image_details
    assert renamed.platform == before.platform
    assert await gh.hosted_runners.get("octo", linux.id) == renamed


async def test_update_switches_images(gh: AsyncGitHubActions, fake: FakeGitHub) -> None:
    image_id = seed(fake)
    linux = fake.hosted_runners("octo")[0]
    arm = await gh.hosted_runners.update(
        "octo", linux.id, image_source="partner", image_id="arm-ubuntu-24.04"
    )
    assert arm.platform == "linux-arm64"
    assert arm.image_details is not None
    assert arm.image_details.source == "partner"
    custom = await gh.hosted_runners.update(
        "octo", linux.id, image_source="custom", image_id=str(image_id), image_version="1.0.0"
    )
    assert custom.image_details is not None
    assert (custom.image_details.id, custom.image_details.version) == (str(image_id), "1.0.0")
    newer = await gh.hosted_runners.update("octo", linux.id, image_version="1.10.0")
    assert newer.image_details is not None
    assert newer.image_details.version == "1.10.0"
    await gh.hosted_runners.update("octo", linux.id, image_version="1.0.0")
    unpinned = await gh.hosted_runners.update("octo", linux.id, image_version=CLEAR)
    assert unpinned.image_details is not None
    assert unpinned.image_details.version == "1.10.0"  # null: the latest version
    with pytest.raises(ValidationFailed):
        await gh.hosted_runners.update("octo", linux.id, image_version="9.9.9")
    with pytest.raises(ValidationFailed):
        await gh.hosted_runners.update("octo", linux.id, image_source="github", image_id="beos")


async def test_delete_answers_with_the_runner_and_removes_it(
    gh: AsyncGitHubActions, fake: FakeGitHub
) -> None:
    seed(fake)
    victim = fake.hosted_runners("octo")[0]
    deleted = await gh.hosted_runners.delete("octo", victim.id)
    assert isinstance(deleted, HostedRunner)
    assert (deleted.id, deleted.name, deleted.status) == (victim.id, "linux-4", "Deleting")
    assert [r.name for r in fake.hosted_runners("octo")] == ["windows-8"]
    with pytest.raises(NotFound):
        await gh.hosted_runners.get("octo", victim.id)
    with pytest.raises(NotFound):
        await gh.hosted_runners.delete("octo", victim.id)
    with pytest.raises(NotFound):
        await gh.hosted_runners.update("octo", victim.id, name="ghost")


async def test_custom_images(gh: AsyncGitHubActions, fake: FakeGitHub) -> None:
    image_id = seed(fake)
    windows = fake.add_custom_image("octo", "golden-windows", platform="win-x64", size_gb=100)
    images = await gh.hosted_runners.list_custom_images("octo")
    assert images == [
        HostedRunnerCustomImage(
            id=image_id,
            platform="linux-x64",
            total_versions_size=120,
            name="golden-ubuntu",
            source="custom",
            versions_count=3,
            latest_version="1.10.0",
            state="Ready",
        ),
        HostedRunnerCustomImage(
            id=windows.id,
            platform="win-x64",
            total_versions_size=100,
            name="golden-windows",
            source="custom",
            versions_count=1,
            latest_version="1.0.0",
            state="Ready",
        ),
    ]
    assert await gh.hosted_runners.get_custom_image("octo", windows.id) == images[1]
    await gh.hosted_runners.delete_custom_image("octo", windows.id)
    assert [i.id for i in fake.custom_images("octo")] == [image_id]
    with pytest.raises(NotFound):
        await gh.hosted_runners.get_custom_image("octo", windows.id)
    with pytest.raises(NotFound):
        await gh.hosted_runners.delete_custom_image("octo", windows.id)
    fake.add_org("quiet")
    assert await gh.hosted_runners.list_custom_images("quiet") == []


async def test_custom_image_versions(gh: AsyncGitHubActions, fake: FakeGitHub) -> None:
    image_id = seed(fake)
    fake.add_custom_image_version(
        "octo",
        image_id,
        "2.0.0",
        size_gb=55,
        state="Failed",
        state_details="Provisioning timed out",
        created_on=NOW,
    )
    hosted = gh.hosted_runners
    versions = await hosted.list_custom_image_versions("octo", image_id)
    assert [v.version for v in versions] == ["2.0.0", "1.10.0", "1.2.0", "1.0.0"]
    assert versions[0] == HostedRunnerCustomImageVersion(
        version="2.0.0",
        state="Failed",
        size_gb=55,
        created_on=NOW,
        state_details="Provisioning timed out",
    )
    assert present(versions[0].created_on).tzinfo is not None
    assert await hosted.get_custom_image_version("octo", image_id, "1.2.0") == versions[2]
    await hosted.delete_custom_image_version("octo", image_id, "2.0.0")
    image = await hosted.get_custom_image("octo", image_id)
    assert (image.versions_count, image.latest_version) == (3, "1.10.0")
    with pytest.raises(NotFound):
        await hosted.get_custom_image_version("octo", image_id, "2.0.0")
    with pytest.raises(NotFound):
        await hosted.delete_custom_image_version("octo", image_id, "2.0.0")
    with pytest.raises(NotFound):
        await hosted.list_custom_image_versions("octo", image_id + 1000)


async def test_curated_images(gh: AsyncGitHubActions, fake: FakeGitHub) -> None:
    fake.add_org("octo")
    fake.add_hosted_runner_image(
        "macos-latest", platform="macos-arm64", display_name="macOS Latest", size_gb=200
    )
    owned = await gh.hosted_runners.list_github_owned_images("octo")
    assert all(isinstance(i, HostedRunnerCuratedImage) for i in owned)
    assert all(i.source == "github" for i in owned)
    assert (
        HostedRunnerCuratedImage(
            id="macos-latest",
            platform="macos-arm64",
            size_gb=200,
            display_name="macOS Latest",
            source="github",
        )
        in owned
    )
    assert "ubuntu-latest" in {i.id for i in owned}
    partner = await gh.hosted_runners.list_partner_images("octo")
    assert [(i.id, i.source, i.platform) for i in partner] == [
        ("arm-ubuntu-24.04", "partner", "linux-arm64")
    ]
    with pytest.raises(NotFound):
        await gh.hosted_runners.list_partner_images("nobody")


async def test_machine_sizes_and_platforms(gh: AsyncGitHubActions, fake: FakeGitHub) -> None:
    fake.add_org("octo")
    fake.add_hosted_runner_size("96-core", cpu_cores=96, memory_gb=384, storage_gb=2040)
    sizes = await gh.hosted_runners.list_machine_sizes("octo")
    assert [s.id for s in sizes][:2] == ["2-core", "4-core"]
    assert sizes[-1] == HostedRunnerMachineSpec(
        id="96-core", cpu_cores=96, memory_gb=384, storage_gb=2040
    )
    runner = await gh.hosted_runners.create(
        "octo", name="huge", image=UBUNTU, size="96-core", runner_group_id=1
    )
    assert present(runner.machine_size_details).cpu_cores == 96
    platforms = await gh.hosted_runners.list_platforms("octo")
    assert platforms == ["linux-arm64", "linux-x64", "win-x64"]
    assert all(type(p) is str for p in platforms)
    with pytest.raises(NotFound):
        await gh.hosted_runners.list_machine_sizes("nobody")


async def test_organization_names_are_case_insensitive(
    gh: AsyncGitHubActions, fake: FakeGitHub
) -> None:
    seed(fake)
    assert len(await gh.hosted_runners.list("OCTO").collect()) == 2
    assert present((await gh.hosted_runners.get_limits("Octo")).public_ips).current_usage == 1


async def test_bad_arguments_raise_before_any_request(
    gh: AsyncGitHubActions, fake: FakeGitHub
) -> None:
    image_id = seed(fake)
    hosted = gh.hosted_runners
    before = fake.stats.requests
    with pytest.raises(ValueError, match="hosted_runner_id must be a positive integer"):
        await hosted.get("octo", 0)
    with pytest.raises(TypeError, match="hosted_runner_id must be an int"):
        await hosted.delete("octo", "5")  # type: ignore[arg-type]
    with pytest.raises(ValueError, match="org must not be empty"):
        await hosted.get_limits(" ")
    with pytest.raises(ValueError, match="per_page must be between 1 and 100"):
        hosted.list("octo", per_page=0)
    with pytest.raises(ValueError, match="name must be 1 to 64 characters"):
        await hosted.create(
            "octo", name="my runner", image=UBUNTU, size="4-core", runner_group_id=1
        )
    with pytest.raises(ValueError, match="name must be 1 to 64 characters"):
        await hosted.update("octo", 5, name="x" * 65)
    with pytest.raises(TypeError, match="image must be a HostedRunnerImageRequest"):
        await hosted.create(
            "octo",
            name="r",
            image={"id": "ubuntu-latest", "source": "github"},  # type: ignore[arg-type]
            size="4-core",
            runner_group_id=1,
        )
    with pytest.raises(ValueError, match="runner_group_id must be a positive integer"):
        await hosted.create("octo", name="r", image=UBUNTU, size="4-core", runner_group_id=0)
    with pytest.raises(TypeError, match="enable_static_ip must be a bool"):
        await hosted.update("octo", 5, enable_static_ip=1)  # type: ignore[arg-type]
    with pytest.raises(ValueError, match="image_source must be one of"):
        await hosted.update("octo", 5, image_source="docker")  # type: ignore[arg-type]
    with pytest.raises(ValueError, match="give at least one field"):
        await hosted.update("octo", 5)
    with pytest.raises(ValueError, match=r"version must look like 1\.2\.3"):
        await hosted.get_custom_image_version("octo", image_id, "latest")
    with pytest.raises(ValueError, match=r"version must look like 1\.2\.3"):
        await hosted.delete_custom_image_version("octo", image_id, "1.0.0/../..")
    with pytest.raises(ValueError, match="image_definition_id must be a positive integer"):
        await hosted.list_custom_image_versions("octo", -3)
    assert fake.stats.requests == before
    assert len(fake.custom_images("octo")[0].versions) == 3


def test_image_request_checks_its_fields() -> None:
    with pytest.raises(ValueError, match="source must be one of"):
        HostedRunnerImageRequest(id="ubuntu-latest", source="docker")  # type: ignore[arg-type]
    with pytest.raises(TypeError, match="source must be one of"):
        HostedRunnerImageRequest(id="ubuntu-latest", source=None)  # type: ignore[arg-type]
    with pytest.raises(ValueError, match="id must not be empty"):
        HostedRunnerImageRequest(id="", source="github")
    with pytest.raises(TypeError, match="version must be a str or None"):
        HostedRunnerImageRequest(id="7", source="custom", version=1)  # type: ignore[arg-type]


async def test_fake_world_builders_refuse_what_cannot_exist(fake: FakeGitHub) -> None:
    with pytest.raises(KeyError, match="no github image"):
        fake.add_hosted_runner("octo", "r", image_id="beos")
    with pytest.raises(KeyError, match="no machine size"):
        fake.add_hosted_runner("octo", "r", size="1-core")
    image = fake.add_custom_image("octo", "img", versions=[])
    with pytest.raises(ValueError, match=r"looks like 1\.2\.3"):
        fake.add_custom_image_version("octo", image.id, "v1")
    with pytest.raises(KeyError, match="no custom image"):
        fake.add_custom_image_version("octo", image.id + 1, "1.0.0")
    with pytest.raises(ValueError, match="'github' or 'partner'"):
        fake.add_hosted_runner_image("mine", source="custom")
    assert fake.hosted_runners("nobody") == []
    assert fake.custom_images("nobody") == []


async def test_fake_validates_raw_requests(fake: FakeGitHub) -> None:
    fake.add_org("octo")
    async with AsyncGitHubActions(fake.token, base_url=fake.url) as gh:
        with pytest.raises(ValidationFailed) as caught:
            await gh.request(
                "POST",
                "/orgs/octo/actions/hosted-runners",
                json={"name": "r", "image": {"id": "ubuntu-latest", "source": "github"}},
            )
        assert caught.value.errors[0] == {
            "resource": "Request",
            "field": "size",
            "code": "missing_field",
        }
        with pytest.raises(ValidationFailed) as caught:
            await gh.request(
                "POST",
                "/orgs/octo/actions/hosted-runners",
                json={
                    "name": "r",
                    "image": "ubuntu-latest",
                    "size": "4-core",
                    "runner_group_id": 1,
                },
            )
        assert caught.value.errors[0]["field"] == "image"
        with pytest.raises(NotFound):
            await gh.request("GET", "/orgs/octo/actions/hosted-runners/not-a-number")

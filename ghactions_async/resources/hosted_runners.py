"""GitHub-hosted larger runners of an organization, and their images.

Larger runners are runner pools GitHub runs for an organization: pick an
image (GitHub's, a partner's or the organization's own custom image), a
machine size and a runner group, and GitHub scales the pool up to
``maximum_runners``. These endpoints exist on api.github.com only.
"""

from __future__ import annotations

import builtins
import re
from typing import TYPE_CHECKING

from .._encoding import Clear
from .._operations.hosted_runners import (
    CREATE,
    DELETE,
    DELETE_CUSTOM_IMAGE,
    DELETE_CUSTOM_IMAGE_VERSION,
    GET,
    GET_CUSTOM_IMAGE,
    GET_CUSTOM_IMAGE_VERSION,
    GET_LIMITS,
    LIST,
    LIST_CUSTOM_IMAGE_VERSIONS,
    LIST_CUSTOM_IMAGES,
    LIST_GITHUB_OWNED_IMAGES,
    LIST_MACHINE_SIZES,
    LIST_PARTNER_IMAGES,
    LIST_PLATFORMS,
    UPDATE,
)
from .._resource import AsyncResource
from ..models.hosted_runners import (
    HostedRunner,
    HostedRunnerCuratedImage,
    HostedRunnerCustomImage,
    HostedRunnerCustomImageVersion,
    HostedRunnerImageRequest,
    HostedRunnerLimits,
    HostedRunnerMachineSpec,
    ImageSource,
)

if TYPE_CHECKING:
    from .._pagination import AsyncPaginator

_RUNNER_NAME = re.compile(r"[A-Za-z0-9._-]{1,64}")
_IMAGE_VERSION = re.compile(r"[0-9]+\.[0-9]+\.[0-9]+")


def _check_name(name: str | None) -> None:
    """GitHub's rule for runner names, which the type alone cannot say."""
    if name is not None and not _RUNNER_NAME.fullmatch(name):
        raise ValueError(
            "name must be 1 to 64 characters of letters a-z and A-Z, digits 0-9, "
            f"'.', '-' and '_', got {name!r}"
        )


def _check_version(version: str) -> None:
    if not _IMAGE_VERSION.fullmatch(version):
        raise ValueError(f"version must look like 1.2.3, got {version!r}")


class AsyncHostedRunners(AsyncResource):
    """GitHub-hosted larger runners of an organization, and their images."""

    def list(self, org: str, *, per_page: int | None = None) -> AsyncPaginator[HostedRunner]:
        """Every GitHub-hosted runner of an organization, with its image, size and status."""
        return self._paginate(
            LIST,
            (org,),
            HostedRunner,
            item_key="runners",
            per_page=per_page,
        )

    async def create(
        self,
        org: str,
        *,
        name: str,
        image: HostedRunnerImageRequest,
        size: str,
        runner_group_id: int,
        maximum_runners: int | None = None,
        enable_static_ip: bool | None = None,
        image_gen: bool | None = None,
    ) -> HostedRunner:
        """Add a GitHub-hosted runner to an organization and return it.

        ``size`` is the ``id`` of one of ``list_machine_sizes``;
        ``maximum_runners`` caps how far the pool scales (and so its cost);
        ``enable_static_ip`` counts against ``get_limits().public_ips``;
        ``image_gen`` makes the runner build custom images.
        """
        _check_name(name)
        return await self._json(
            CREATE,
            (org,),
            HostedRunner,
            body={
                "name": name,
                "image": image,
                "size": size,
                "runner_group_id": runner_group_id,
                "maximum_runners": maximum_runners,
                "enable_static_ip": enable_static_ip,
                "image_gen": image_gen,
            },
        )

    async def get(self, org: str, hosted_runner_id: int) -> HostedRunner:
        """One GitHub-hosted runner: its image, machine size, status and public IPs."""
        return await self._json(GET, (org, hosted_runner_id), HostedRunner)

    async def update(
        self,
        org: str,
        hosted_runner_id: int,
        *,
        name: str | None = None,
        runner_group_id: int | None = None,
        maximum_runners: int | None = None,
        enable_static_ip: bool | None = None,
        size: str | None = None,
        image_source: ImageSource | None = None,
        image_id: str | None = None,
        image_version: str | Clear | None = None,
        image_gen: bool | None = None,
    ) -> HostedRunner:
        """Rename, resize, regroup, rescale or re-image a GitHub-hosted runner.

        Only the fields given change. ``image_source`` must be the source of
        the image ``image_id`` names; ``image_version`` applies to custom
        images only, and ``image_version=CLEAR`` sends null (no pinned version).
        """
        _check_name(name)
        body = {
            "name": name,
            "runner_group_id": runner_group_id,
            "maximum_runners": maximum_runners,
            "enable_static_ip": enable_static_ip,
            "size": size,
            "image_source": image_source,
            "image_id": image_id,
            "image_version": image_version,
            "image_gen": image_gen,
        }
        if all(value is None for value in body.values()):
            raise ValueError("give at least one field to change")
        return await self._json(
            UPDATE,
            (org, hosted_runner_id),
            HostedRunner,
            body=body,
        )

    async def delete(self, org: str, hosted_runner_id: int) -> HostedRunner:
        """Delete a GitHub-hosted runner; returns it as GitHub starts taking it down."""
        return await self._json(DELETE, (org, hosted_runner_id), HostedRunner)

    async def list_custom_images(self, org: str) -> builtins.list[HostedRunnerCustomImage]:
        """The custom images an organization has built for its hosted runners."""
        return await self._items(
            LIST_CUSTOM_IMAGES,
            (org,),
            HostedRunnerCustomImage,
            item_key="images",
        )

    async def get_custom_image(self, org: str, image_definition_id: int) -> HostedRunnerCustomImage:
        """One custom image: its platform, state, latest version and total size."""
        return await self._json(
            GET_CUSTOM_IMAGE,
            (org, image_definition_id),
            HostedRunnerCustomImage,
        )

    async def delete_custom_image(self, org: str, image_definition_id: int) -> None:
        """Delete a custom image with all its versions, to free its storage."""
        await self._no_content(DELETE_CUSTOM_IMAGE, (org, image_definition_id))

    async def list_custom_image_versions(
        self, org: str, image_definition_id: int
    ) -> builtins.list[HostedRunnerCustomImageVersion]:
        """The versions of a custom image, to pick one for a runner or find old ones to delete."""
        return await self._items(
            LIST_CUSTOM_IMAGE_VERSIONS,
            (org, image_definition_id),
            HostedRunnerCustomImageVersion,
            item_key="image_versions",
        )

    async def get_custom_image_version(
        self, org: str, image_definition_id: int, version: str
    ) -> HostedRunnerCustomImageVersion:
        """One version (``1.2.3``) of a custom image: its state and size."""
        _check_version(version)
        return await self._json(
            GET_CUSTOM_IMAGE_VERSION,
            (org, image_definition_id, version),
            HostedRunnerCustomImageVersion,
        )

    async def delete_custom_image_version(
        self, org: str, image_definition_id: int, version: str
    ) -> None:
        """Delete one version (``1.2.3``) of a custom image, to free its storage."""
        _check_version(version)
        await self._no_content(
            DELETE_CUSTOM_IMAGE_VERSION,
            (org, image_definition_id, version),
        )

    async def list_github_owned_images(self, org: str) -> builtins.list[HostedRunnerCuratedImage]:
        """The images GitHub maintains for hosted runners (``ubuntu-latest`` ...)."""
        return await self._items(
            LIST_GITHUB_OWNED_IMAGES,
            (org,),
            HostedRunnerCuratedImage,
            item_key="images",
        )

    async def list_partner_images(self, org: str) -> builtins.list[HostedRunnerCuratedImage]:
        """The images partners of GitHub provide for hosted runners."""
        return await self._items(
            LIST_PARTNER_IMAGES,
            (org,),
            HostedRunnerCuratedImage,
            item_key="images",
        )

    async def get_limits(self, org: str) -> HostedRunnerLimits:
        """How many static public IP ranges the organization may use, and uses."""
        return await self._json(GET_LIMITS, (org,), HostedRunnerLimits)

    async def list_machine_sizes(self, org: str) -> builtins.list[HostedRunnerMachineSpec]:
        """The machine sizes a hosted runner can have; their ``id`` is ``size`` in ``create``."""
        return await self._items(
            LIST_MACHINE_SIZES,
            (org,),
            HostedRunnerMachineSpec,
            item_key="machine_specs",
        )

    async def list_platforms(self, org: str) -> builtins.list[str]:
        """The platforms hosted runners can run on (``linux-x64``, ``win-x64`` ...)."""
        return await self._items(
            LIST_PLATFORMS,
            (org,),
            str,
            item_key="platforms",
        )

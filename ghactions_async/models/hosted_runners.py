"""Models of ``gh.hosted_runners``: GitHub-hosted larger runners and their images.

``HostedRunner`` also appears in ``gh.runner_groups`` (the hosted runners of
a group). ``HostedRunnerImageRequest`` is the one request model: the image a
new runner boots from.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any, Literal, get_args

from attrs import Attribute, field, frozen

ImageSource = Literal["github", "partner", "custom"]
"""Who provides a runner image: GitHub, a partner, or the organization itself."""

_IMAGE_SOURCES: tuple[str, ...] = get_args(ImageSource)


@frozen(kw_only=True)
class HostedRunnerImageDetails:
    """The image a hosted runner boots from."""

    id: str
    size_gb: int | None = None
    display_name: str | None = None
    source: str | None = None
    version: str | None = None


@frozen(kw_only=True)
class HostedRunnerImage:
    """The older, shorter image description some answers still carry (``image``)."""

    id: str
    size: int | None = None


@frozen(kw_only=True)
class HostedRunnerMachineSpec:
    """A machine size hosted runners can have."""

    id: str
    cpu_cores: int | None = None
    memory_gb: int | None = None
    storage_gb: int | None = None


@frozen(kw_only=True)
class PublicIp:
    """A static public IP range of a hosted runner."""

    enabled: bool | None = None
    prefix: str | None = None
    length: int | None = None


@frozen(kw_only=True)
class HostedRunner:
    """A GitHub-hosted larger runner of an organization."""

    id: int
    name: str | None = None
    runner_group_id: int | None = None
    # GitHub documents ``image_details``; its own examples still show the
    # older ``image``. Either may come, so both are optional.
    image_details: HostedRunnerImageDetails | None = None
    image: HostedRunnerImage | None = None
    machine_size_details: HostedRunnerMachineSpec | None = None
    status: str | None = None
    platform: str | None = None
    maximum_runners: int | None = None
    public_ip_enabled: bool | None = None
    public_ips: list[PublicIp] | None = None
    last_active_on: datetime | None = None
    image_gen: bool | None = None


def _non_empty(_instance: Any, attribute: Attribute[Any], value: object) -> None:
    if not isinstance(value, str):
        raise TypeError(f"{attribute.name} must be a str, got {type(value).__name__}")
    if not value.strip():
        raise ValueError(f"{attribute.name} must not be empty")


def _image_source(_instance: Any, attribute: Attribute[Any], value: object) -> None:
    choices = ", ".join(repr(s) for s in _IMAGE_SOURCES)
    if not isinstance(value, str):
        raise TypeError(f"{attribute.name} must be one of {choices}, got {type(value).__name__}")
    if value not in _IMAGE_SOURCES:
        raise ValueError(f"{attribute.name} must be one of {choices}, got {value!r}")


def _optional_str(_instance: Any, attribute: Attribute[Any], value: object) -> None:
    if value is not None and not isinstance(value, str):
        raise TypeError(f"{attribute.name} must be a str or None, got {type(value).__name__}")


@frozen(kw_only=True)
class HostedRunnerImageRequest:
    """The image to give a new hosted runner (``create(..., image=...)``).

    ``id`` comes from ``list_github_owned_images``, ``list_partner_images``
    or, for ``source="custom"``, ``list_custom_images`` (the image's number,
    as a string). ``version`` picks a version of a custom image; leave it
    out for the latest.
    """

    id: str = field(validator=_non_empty)
    source: ImageSource = field(validator=_image_source)
    version: str | None = field(default=None, validator=_optional_str)


@frozen(kw_only=True)
class HostedRunnerCuratedImage:
    """An image GitHub or a partner offers for hosted runners; its ``id`` goes into ``create``."""

    id: str
    platform: str | None = None
    size_gb: int | None = None
    display_name: str | None = None
    source: str | None = None


@frozen(kw_only=True)
class HostedRunnerCustomImage:
    """A custom image the organization built with an image-generating runner."""

    id: int
    platform: str | None = None
    total_versions_size: int | None = None
    name: str | None = None
    source: str | None = None
    versions_count: int | None = None
    latest_version: str | None = None
    state: str | None = None


@frozen(kw_only=True)
class HostedRunnerCustomImageVersion:
    """One published version of a custom image, with its size and state."""

    version: str | None = None
    state: str | None = None
    size_gb: int | None = None
    created_on: datetime | None = None
    state_details: str | None = None


@frozen(kw_only=True)
class HostedRunnerPublicIpLimits:
    """How many static public IP ranges hosted runners may use, and how many they do."""

    maximum: int | None = None
    current_usage: int | None = None


@frozen(kw_only=True)
class HostedRunnerLimits:
    """The organization's limits on hosted runners; check them before asking for a static IP."""

    public_ips: HostedRunnerPublicIpLimits | None = None

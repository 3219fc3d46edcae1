"""Models of ``gh.hosted_runners``: GitHub-hosted larger runners and their images.

``HostedRunner`` also appears in ``gh.runner_groups`` (the hosted runners of
a group).
"""

from __future__ import annotations

from datetime import datetime

from attrs import frozen


@frozen(kw_only=True)
class HostedRunnerImageDetails:
    """The image a hosted runner boots from."""

    id: str
    size_gb: int
    display_name: str
    source: str
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
    cpu_cores: int
    memory_gb: int
    storage_gb: int


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
    name: str
    runner_group_id: int | None = None
    # GitHub documents ``image_details``; its own examples still show the
    # older ``image``. Either may come, so both are optional.
    image_details: HostedRunnerImageDetails | None = None
    image: HostedRunnerImage | None = None
    machine_size_details: HostedRunnerMachineSpec
    status: str
    platform: str
    maximum_runners: int | None = None
    public_ip_enabled: bool
    public_ips: list[PublicIp] | None = None
    last_active_on: datetime | None = None
    image_gen: bool | None = None

"""The in-memory state behind FakeGitHub's ``hosted_runners`` endpoints.

Every organization sees one catalog of GitHub-owned and partner images and
machine sizes (a few real ones by default; tests add more), its own hosted
runners and custom images, and a limit on runners with a static public IP
(10 by default; each such runner holds one range). It lives apart from the
handlers in ``_hosted_runners.py`` so each module stays small, and so
``_runner_groups.py`` can read the runners without importing the handlers.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from attrs import asdict, define, field

from ._state import iso


@define
class FakeRunnerImage:
    """An image as the catalog lists it, or as a runner uses it (then with its ``version``)."""

    id: str
    source: str
    platform: str
    display_name: str
    size_gb: int
    version: str | None = None

    def to_json(self) -> dict[str, Any]:
        """The image as the API answers it."""
        return asdict(self, filter=lambda a, _: a.name != "version")


@define
class FakeMachineSize:
    """A machine size of the catalog; ``id`` is what ``size`` names."""

    id: str
    cpu_cores: int
    memory_gb: int
    storage_gb: int

    def to_json(self) -> dict[str, Any]:
        """The machine size as the API answers it."""
        return asdict(self)


@define
class FakeCustomImageVersion:
    """One version of a custom image; mutable so tests can change its state."""

    version: str
    size_gb: int
    created_on: datetime
    state: str = "Ready"
    state_details: str = "None"

    def to_json(self) -> dict[str, Any]:
        """The version as the API answers it."""
        return {**asdict(self), "created_on": iso(self.created_on)}


@define
class FakeCustomImage:
    """A custom image of one organization, with its versions by version string."""

    id: int
    name: str
    platform: str
    state: str = "Ready"
    versions: dict[str, FakeCustomImageVersion] = field(factory=dict)

    def sorted_versions(self) -> list[FakeCustomImageVersion]:
        """Newest version first, as GitHub lists them."""
        return sorted(
            self.versions.values(),
            key=lambda v: tuple(int(part) for part in v.version.split(".")),
            reverse=True,
        )

    @property
    def latest_version(self) -> str:
        """The newest version's number, or an empty string before any version."""
        versions = self.sorted_versions()
        return versions[0].version if versions else ""

    def to_json(self) -> dict[str, Any]:
        """The image as the API answers it."""
        return {
            "id": self.id,
            "platform": self.platform,
            "total_versions_size": sum(v.size_gb for v in self.versions.values()),
            "name": self.name,
            "source": "custom",
            "versions_count": len(self.versions),
            "latest_version": self.latest_version,
            "state": self.state,
        }


@define
class FakeHostedRunner:
    """A hosted runner; mutable so tests can change its status or last use."""

    id: int
    name: str
    runner_group_id: int
    image: FakeRunnerImage
    machine: FakeMachineSize
    maximum_runners: int = 10
    public_ips: list[dict[str, Any]] = field(factory=list)
    status: str = "Ready"
    last_active_on: datetime | None = None
    image_gen: bool = False

    @property
    def public_ip_enabled(self) -> bool:
        """Whether the runner has static public IP addresses."""
        return bool(self.public_ips)

    def set_static_ip(self, enabled: bool) -> None:
        """Give the runner a /31 range derived from its id, or take it away."""
        prefix = f"20.80.{self.id // 128 % 256}.{self.id % 128 * 2}"
        self.public_ips = [{"enabled": True, "prefix": prefix, "length": 31}] if enabled else []

    def to_json(self) -> dict[str, Any]:
        """The runner as the API answers it."""
        image = self.image
        return {
            "id": self.id,
            "name": self.name,
            "runner_group_id": self.runner_group_id,
            "platform": image.platform,
            "image_details": {
                "id": image.id,
                "size_gb": image.size_gb,
                "display_name": image.display_name,
                "source": image.source,
                "version": image.version or "latest",
            },
            "machine_size_details": self.machine.to_json(),
            "status": self.status,
            "maximum_runners": self.maximum_runners,
            "public_ip_enabled": self.public_ip_enabled,
            "public_ips": list(self.public_ips),
            "last_active_on": None if self.last_active_on is None else iso(self.last_active_on),
            "image_gen": self.image_gen,
        }


@define
class OrgHostedRunners:
    """One organization's hosted runners, custom images and static IP limit."""

    runners: dict[int, FakeHostedRunner] = field(factory=dict)
    custom_images: dict[int, FakeCustomImage] = field(factory=dict)
    public_ips_maximum: int = 10

    @property
    def public_ips_in_use(self) -> int:
        return sum(1 for r in self.runners.values() if r.public_ip_enabled)


def _default_images() -> dict[tuple[str, str], FakeRunnerImage]:
    images = [
        FakeRunnerImage("ubuntu-latest", "github", "linux-x64", "Ubuntu Latest (24.04)", 86),
        FakeRunnerImage("ubuntu-22.04", "github", "linux-x64", "Ubuntu 22.04", 86),
        FakeRunnerImage("windows-latest", "github", "win-x64", "Windows Latest (2025)", 256),
        FakeRunnerImage("arm-ubuntu-24.04", "partner", "linux-arm64", "Ubuntu 24.04 by Arm", 75),
    ]
    return {(i.source, i.id): i for i in images}


def _default_sizes() -> dict[str, FakeMachineSize]:
    specs = [(2, 8, 75), (4, 16, 150), (8, 32, 300), (16, 64, 600), (32, 128, 1200)]
    sizes = [FakeMachineSize(f"{cpu}-core", cpu, ram, disk) for cpu, ram, disk in specs]
    sizes.append(FakeMachineSize("64-core", 64, 256, 2040))
    return {s.id: s for s in sizes}


@define
class HostedRunnersState:
    """The catalog every organization sees, and each organization's own data."""

    images: dict[tuple[str, str], FakeRunnerImage] = field(factory=_default_images)
    sizes: dict[str, FakeMachineSize] = field(factory=_default_sizes)
    orgs: dict[str, OrgHostedRunners] = field(factory=dict)

    def of(self, org: str) -> OrgHostedRunners:
        """The data of ``org`` (made on first use)."""
        return self.orgs.setdefault(org.lower(), OrgHostedRunners())

    def runners_of(self, org: str) -> list[FakeHostedRunner]:
        """The hosted runners of ``org``, oldest first (other areas list them by group)."""
        found = self.orgs.get(org.lower())
        return [] if found is None else sorted(found.runners.values(), key=lambda r: r.id)

    def catalog(self, source: str) -> list[FakeRunnerImage]:
        return [i for (s, _), i in sorted(self.images.items()) if s == source]

    def resolve_image(
        self, org: OrgHostedRunners, source: str, image_id: str, version: str | None
    ) -> FakeRunnerImage | None:
        """The image ``source``/``image_id`` names (the latest version if none), or None."""
        if source != "custom":
            found = self.images.get((source, image_id))
            return found if version in (None, "latest") else None
        custom = org.custom_images.get(int(image_id)) if image_id.isdigit() else None
        chosen = None if custom is None else custom.versions.get(version or custom.latest_version)
        if custom is None or chosen is None:
            return None
        return FakeRunnerImage(
            str(custom.id), "custom", custom.platform, custom.name, chosen.size_gb, chosen.version
        )

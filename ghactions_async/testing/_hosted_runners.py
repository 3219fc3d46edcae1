"""FakeGitHub's ``hosted_runners`` endpoints: larger runners, their images, sizes and limits.

The handlers, their request checks and the builder methods; the catalog and
each organization's runners and custom images are in
``_hosted_runners_state.py``. Runner groups are not checked here: any
positive ``runner_group_id`` is accepted.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Mapping
from datetime import datetime
from typing import Any

from aiohttp import web

from .._operations import Operation
from .._operations import hosted_runners as ops
from ._hosted_runners_state import (
    FakeCustomImage,
    FakeCustomImageVersion,
    FakeHostedRunner,
    FakeMachineSize,
    FakeRunnerImage,
    HostedRunnersState,
    OrgHostedRunners,
)
from ._http import (
    STATE,
    Handler,
    error,
    json_body,
    json_response,
    list_response,
    no_content,
    not_found,
    validation_failed,
)
from ._state import utcnow
from ._world import World

IMAGE_SOURCES = ("github", "partner", "custom")
_NAME = re.compile(r"[A-Za-z0-9._-]{1,64}")
_VERSION = re.compile(r"[0-9]+\.[0-9]+\.[0-9]+")


# -- request checks -----------------------------------------------------------

_FIELD_TYPES: dict[str, type] = {
    **dict.fromkeys(("name", "size", "image_id"), str),
    **dict.fromkeys(("runner_group_id", "maximum_runners"), int),
    **dict.fromkeys(("enable_static_ip", "image_gen"), bool),
}


def _field_problem(body: dict[str, Any]) -> web.Response | None:
    """422 for the first body field of the wrong type (ids and counts must be positive)."""
    for name, kind in _FIELD_TYPES.items():
        if name not in body:
            continue
        value = body[name]
        wrong = not isinstance(value, kind) or (kind is int and isinstance(value, bool))
        if wrong or (kind is int and value < 1):
            return validation_failed(name)
    return None


def _name_problem(area: OrgHostedRunners, name: str, runner_id: int | None) -> web.Response | None:
    if not _NAME.fullmatch(name):
        return validation_failed(
            "name", message="name must be 1 to 64 letters, digits, '.', '-' or '_'"
        )
    if any(r.name.lower() == name.lower() and r.id != runner_id for r in area.runners.values()):
        return validation_failed("name", code="already_exists", message="name already exists")
    return None


def _static_ip_problem(area: OrgHostedRunners) -> web.Response | None:
    if area.public_ips_in_use < area.public_ips_maximum:
        return None
    return validation_failed(
        "enable_static_ip",
        message=f"The organization has reached its limit of {area.public_ips_maximum} "
        "static public IP ranges for hosted runners",
    )


def _size_problem(hosted: HostedRunnersState) -> web.Response:
    return validation_failed("size", message=f"size must be one of {', '.join(hosted.sizes)}")


def _area(request: web.Request) -> tuple[HostedRunnersState, OrgHostedRunners] | None:
    """This area's state and the path's organization, or None when it does not exist."""
    state = request.app[STATE]
    org = request.match_info["org"]
    if state.org(org) is None:
        return None
    hosted = state.area(HostedRunnersState)
    return hosted, hosted.of(org)


def _path_int(request: web.Request, name: str) -> int | None:
    text = request.match_info[name]
    return int(text) if text.isdigit() else None


def _runner(
    request: web.Request,
) -> tuple[HostedRunnersState, OrgHostedRunners, FakeHostedRunner] | None:
    found = _area(request)
    runner_id = _path_int(request, "hosted_runner_id")
    if found is None or runner_id is None or runner_id not in found[1].runners:
        return None
    return found[0], found[1], found[1].runners[runner_id]


def _custom_image(request: web.Request) -> tuple[OrgHostedRunners, FakeCustomImage] | None:
    found = _area(request)
    image_id = _path_int(request, "image_definition_id")
    if found is None or image_id is None or image_id not in found[1].custom_images:
        return None
    return found[1], found[1].custom_images[image_id]


# -- handlers -----------------------------------------------------------------


async def list_runners(request: web.Request) -> web.Response:
    found = _area(request)
    if found is None:
        return not_found()
    runners = found[0].runners_of(request.match_info["org"])
    return list_response(request, runners, "runners", to_json=FakeHostedRunner.to_json)


async def create_runner(request: web.Request) -> web.Response:
    found = _area(request)
    if found is None:
        return not_found()
    hosted, area = found
    body = await json_body(request)
    if body is None:
        return error(400, "Problems parsing JSON")
    for required in ("name", "image", "size", "runner_group_id"):
        if required not in body:
            return validation_failed(required, code="missing_field")
    if (problem := _field_problem(body)) is not None:
        return problem
    if (problem := _name_problem(area, body["name"], None)) is not None:
        return problem
    image = body["image"]
    if (
        not isinstance(image, dict)
        or not isinstance(image.get("id"), str)
        or image.get("source") not in IMAGE_SOURCES
        or not isinstance(image.get("version", ""), (str, type(None)))
    ):
        return validation_failed("image", message="image needs an id and a source")
    resolved = hosted.resolve_image(area, image["source"], image["id"], image.get("version"))
    if resolved is None:
        return validation_failed("image", message=f"no {image['source']} image {image['id']!r}")
    machine = hosted.sizes.get(body["size"])
    if machine is None:
        return _size_problem(hosted)
    static_ip = body.get("enable_static_ip", False)
    if static_ip and (problem := _static_ip_problem(area)) is not None:
        return problem
    runner = FakeHostedRunner(
        id=request.app[STATE].next_id(),
        name=body["name"],
        runner_group_id=body["runner_group_id"],
        image=resolved,
        machine=machine,
        maximum_runners=body.get("maximum_runners", 10),
        image_gen=body.get("image_gen", False),
    )
    runner.set_static_ip(static_ip)
    area.runners[runner.id] = runner
    return json_response(runner.to_json(), status=201)


async def update_runner(request: web.Request) -> web.Response:
    found = _runner(request)
    if found is None:
        return not_found()
    hosted, area, runner = found
    body = await json_body(request)
    if body is None:
        return error(400, "Problems parsing JSON")
    if (problem := _field_problem(body)) is not None:
        return problem
    if "name" in body and (problem := _name_problem(area, body["name"], runner.id)) is not None:
        return problem
    machine = hosted.sizes.get(body["size"]) if "size" in body else runner.machine
    if machine is None:
        return _size_problem(hosted)
    image = runner.image
    if {"image_source", "image_id", "image_version"} & body.keys():
        source = body.get("image_source", image.source)
        if source not in IMAGE_SOURCES:
            return validation_failed("image_source")
        image_id = body.get("image_id", image.id)
        same = (source, image_id) == (image.source, image.id)
        version = body.get("image_version", image.version if same else None)
        if not isinstance(version, (str, type(None))):
            return validation_failed("image_version")
        resolved = hosted.resolve_image(area, source, image_id, version)
        if resolved is None:
            return validation_failed("image_id", message=f"no {source} image {image_id!r}")
        image = resolved
    enable = body.get("enable_static_ip")
    turn_on = enable and not runner.public_ip_enabled
    if turn_on and (problem := _static_ip_problem(area)) is not None:
        return problem
    runner.name = body.get("name", runner.name)
    runner.runner_group_id = body.get("runner_group_id", runner.runner_group_id)
    runner.maximum_runners = body.get("maximum_runners", runner.maximum_runners)
    runner.image_gen = body.get("image_gen", runner.image_gen)
    runner.machine = machine
    runner.image = image
    if enable is not None:
        runner.set_static_ip(enable)
    return json_response(runner.to_json())


async def one_runner(request: web.Request) -> web.Response:
    """GET the runner, or DELETE it: 202 with the runner, now ``Deleting`` (and forgotten)."""
    found = _runner(request)
    if found is None:
        return not_found()
    _, area, runner = found
    if request.method != "DELETE":
        return json_response(runner.to_json())
    del area.runners[runner.id]
    runner.status = "Deleting"
    return json_response(runner.to_json(), status=202)


async def one_custom_image(request: web.Request) -> web.Response:
    found = _custom_image(request)
    if found is None:
        return not_found()
    area, image = found
    if request.method != "DELETE":
        return json_response(image.to_json())
    del area.custom_images[image.id]
    return no_content()


async def list_custom_image_versions(request: web.Request) -> web.Response:
    found = _custom_image(request)
    if found is None:
        return not_found()
    versions = [v.to_json() for v in found[1].sorted_versions()]
    return json_response({"total_count": len(versions), "image_versions": versions})


async def one_custom_image_version(request: web.Request) -> web.Response:
    found = _custom_image(request)
    version = request.match_info["version"]
    if found is None or version not in found[1].versions:
        return not_found()
    image = found[1]
    if request.method != "DELETE":
        return json_response(image.versions[version].to_json())
    del image.versions[version]
    return no_content()


async def get_limits(request: web.Request) -> web.Response:
    found = _area(request)
    if found is None:
        return not_found()
    area = found[1]
    usage = {"maximum": area.public_ips_maximum, "current_usage": area.public_ips_in_use}
    return json_response({"public_ips": usage})


_Items = Callable[[HostedRunnersState, OrgHostedRunners], list[Any]]
_UNPAGED: dict[Operation, tuple[str, _Items]] = {
    # operation: (items key, the JSON items)
    ops.LIST_MACHINE_SIZES: ("machine_specs", lambda h, _: [s.to_json() for s in h.sizes.values()]),
    ops.LIST_PLATFORMS: ("platforms", lambda h, _: sorted({i.platform for i in h.images.values()})),
    ops.LIST_GITHUB_OWNED_IMAGES: (
        "images",
        lambda h, _: [i.to_json() for i in h.catalog("github")],
    ),
    ops.LIST_PARTNER_IMAGES: ("images", lambda h, _: [i.to_json() for i in h.catalog("partner")]),
    ops.LIST_CUSTOM_IMAGES: (
        "images",
        lambda _, a: [i.to_json() for i in sorted(a.custom_images.values(), key=lambda i: i.id)],
    ),
}


def _unpaged(key: str, items: _Items) -> Handler:
    """A handler answering ``{total_count, key: [...]}`` for the path's organization."""

    async def handler(request: web.Request) -> web.Response:
        found = _area(request)
        if found is None:
            return not_found()
        values = items(*found)
        return json_response({"total_count": len(values), key: values})

    return handler


HANDLERS: Mapping[Operation, Handler] = {
    ops.LIST: list_runners,
    ops.CREATE: create_runner,
    ops.GET: one_runner,
    ops.UPDATE: update_runner,
    ops.DELETE: one_runner,
    ops.GET_LIMITS: get_limits,
    ops.GET_CUSTOM_IMAGE: one_custom_image,
    ops.DELETE_CUSTOM_IMAGE: one_custom_image,
    ops.LIST_CUSTOM_IMAGE_VERSIONS: list_custom_image_versions,
    ops.GET_CUSTOM_IMAGE_VERSION: one_custom_image_version,
    ops.DELETE_CUSTOM_IMAGE_VERSION: one_custom_image_version,
    **{op: _unpaged(key, items) for op, (key, items) in _UNPAGED.items()},
}
"""What answers each operation of this area."""


class HostedRunnersWorld(World):
    """Building hosted runners, their image and size catalog, and custom images into the fake."""

    @property
    def _hosted(self) -> HostedRunnersState:
        return self.state.area(HostedRunnersState)

    def add_hosted_runner(
        self,
        org: str,
        name: str,
        *,
        image_id: str = "ubuntu-latest",
        image_source: str = "github",
        image_version: str | None = None,
        size: str = "4-core",
        runner_group_id: int = 1,
        maximum_runners: int = 10,
        static_ip: bool = False,
        status: str = "Ready",
        last_active_on: datetime | None = None,
        image_gen: bool = False,
    ) -> FakeHostedRunner:
        """Add a hosted runner to ``org`` (created if missing).

        The image and size must be in the catalog (or, for ``custom``, an
        image of the org); the static IP limit is not checked here.
        """
        with self._lock:
            self.add_org(org)
            hosted = self._hosted
            area = hosted.of(org)
            image = hosted.resolve_image(area, image_source, image_id, image_version)
            if image is None:
                wanted = f"{image_id!r} ({image_version or 'latest'})"
                raise KeyError(f"no {image_source} image {wanted}")
            machine = hosted.sizes.get(size)
            if machine is None:
                raise KeyError(f"no machine size {size!r}; add_hosted_runner_size() it first")
            runner = FakeHostedRunner(
                id=self.state.next_id(),
                name=name,
                runner_group_id=runner_group_id,
                image=image,
                machine=machine,
                maximum_runners=maximum_runners,
                status=status,
                last_active_on=last_active_on,
                image_gen=image_gen,
            )
            runner.set_static_ip(static_ip)
            area.runners[runner.id] = runner
            return runner

    def hosted_runners(self, org: str) -> list[FakeHostedRunner]:
        """The hosted runners of ``org``, oldest first."""
        with self._lock:
            return self._hosted.runners_of(org)

    def add_custom_image(
        self,
        org: str,
        name: str,
        *,
        platform: str = "linux-x64",
        versions: Iterable[str] = ("1.0.0",),
        size_gb: int = 30,
        state: str = "Ready",
    ) -> FakeCustomImage:
        """Add a custom image to ``org`` (created if missing) with ``versions`` of ``size_gb``."""
        with self._lock:
            self.add_org(org)
            image = FakeCustomImage(
                id=self.state.next_id(), name=name, platform=platform, state=state
            )
            self._hosted.of(org).custom_images[image.id] = image
            for version in versions:
                self.add_custom_image_version(org, image.id, version, size_gb=size_gb)
            return image

    def add_custom_image_version(
        self,
        org: str,
        image_definition_id: int,
        version: str,
        *,
        size_gb: int = 30,
        state: str = "Ready",
        state_details: str = "None",
        created_on: datetime | None = None,
    ) -> FakeCustomImageVersion:
        """Publish ``version`` (``1.2.3``) of a custom image of ``org``."""
        if not _VERSION.fullmatch(version):
            raise ValueError(f"a custom image version looks like 1.2.3, got {version!r}")
        with self._lock:
            area = self._hosted.orgs.get(org.lower())
            image = None if area is None else area.custom_images.get(image_definition_id)
            if image is None:
                raise KeyError(f"no custom image {image_definition_id} in {org!r}")
            published = FakeCustomImageVersion(
                version, size_gb, created_on or utcnow(), state, state_details
            )
            image.versions[version] = published
            return published

    def custom_images(self, org: str) -> list[FakeCustomImage]:
        """The custom images of ``org``, oldest first."""
        with self._lock:
            area = self._hosted.orgs.get(org.lower())
            return [] if area is None else sorted(area.custom_images.values(), key=lambda i: i.id)

    def add_hosted_runner_image(
        self,
        image_id: str,
        *,
        source: str = "github",
        platform: str = "linux-x64",
        display_name: str | None = None,
        size_gb: int = 86,
    ) -> FakeRunnerImage:
        """Add a GitHub-owned or partner image to the catalog every organization sees."""
        if source not in ("github", "partner"):
            raise ValueError(f"catalog images come from 'github' or 'partner', not {source!r}")
        with self._lock:
            image = FakeRunnerImage(image_id, source, platform, display_name or image_id, size_gb)
            self._hosted.images[(source, image_id)] = image
            return image

    def add_hosted_runner_size(
        self, size_id: str, *, cpu_cores: int, memory_gb: int, storage_gb: int
    ) -> FakeMachineSize:
        """Add a machine size to the catalog every organization sees."""
        with self._lock:
            size = FakeMachineSize(size_id, cpu_cores, memory_gb, storage_gb)
            self._hosted.sizes[size_id] = size
            return size

    def set_hosted_runner_limits(self, org: str, *, public_ips_maximum: int) -> None:
        """Set how many hosted runners of ``org`` may have a static public IP range."""
        with self._lock:
            self.add_org(org)
            self._hosted.of(org).public_ips_maximum = public_ips_maximum

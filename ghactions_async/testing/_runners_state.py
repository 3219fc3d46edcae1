"""The in-memory state behind FakeGitHub's self-hosted runner endpoints.

Runners of every scope (repository, organization, enterprise), the ids of
their labels, the registration and remove tokens handed out, and the runner
application's releases. It lives apart from the handlers in ``_runners.py``
so each module stays small; ``_runner_groups.py`` reads it too.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable
from datetime import datetime, timedelta
from typing import TYPE_CHECKING, Any

from attrs import define, field

from .._config import Clock
from ._state import iso

if TYPE_CHECKING:
    from ._runner_groups import FakeRunnerGroup
    from ._state import FakeState

DEFAULT_GROUP_ID = 1
"""Every organization's ``Default`` runner group has this id, as on GitHub."""

TOKEN_LIFETIME = timedelta(hours=1)
"""How long a registration or remove token stays valid."""

MAX_LABELS = 100

_OS_LABELS = {"linux": "Linux", "macos": "macOS", "windows": "Windows"}
_ARCH_LABELS = {"x64": "X64", "arm": "ARM", "arm64": "ARM64"}
_READ_ONLY = {
    name.lower(): name for name in ("self-hosted", *_OS_LABELS.values(), *_ARCH_LABELS.values())
}
_DOWNLOADS = (  # (os, architecture, archive extension) of the runner application's releases
    ("osx", "x64", "tar.gz"),
    ("osx", "arm64", "tar.gz"),
    ("linux", "x64", "tar.gz"),
    ("linux", "arm", "tar.gz"),
    ("linux", "arm64", "tar.gz"),
    ("win", "x64", "zip"),
    ("win", "arm64", "zip"),
)


@define
class FakeRunnerLabel:
    """One label of a runner; the same name has the same id on every runner."""

    id: int
    name: str
    type: str  # "read-only" or "custom"

    def to_json(self) -> dict[str, Any]:
        """The label as the API answers it."""
        return {"id": self.id, "name": self.name, "type": self.type}


@define
class FakeRunner:
    """A self-hosted runner; mutable, so tests can take it offline or make it busy."""

    id: int
    name: str
    scope: str  # "repo:owner/name", "org:login" or "enterprise:slug", lower case
    os: str = "linux"
    status: str = "online"
    busy: bool = False
    ephemeral: bool = False
    version: str | None = None
    labels: list[FakeRunnerLabel] = field(factory=list)
    runner_group_id: int | None = None

    @property
    def label_names(self) -> list[str]:
        """The names of the runner's labels, read-only ones first."""
        return [label.name for label in self.labels]

    def label(self, name: str) -> FakeRunnerLabel | None:
        """The runner's label of that name (case-insensitive), or None."""
        return next((lb for lb in self.labels if lb.name.lower() == name.lower()), None)

    def to_json(self) -> dict[str, Any]:
        """The runner as the API answers it."""
        data: dict[str, Any] = {"id": self.id, "name": self.name}
        if self.runner_group_id is not None:
            data["runner_group_id"] = self.runner_group_id
        data |= {
            "os": self.os,
            "status": self.status,
            "busy": self.busy,
            "ephemeral": self.ephemeral,
            "labels": [label.to_json() for label in self.labels],
        }
        if self.version is not None:
            data["version"] = self.version
        return data


@define
class FakeRunnerToken:
    """A registration or remove token; move ``expires_at`` back, or the clock on, to expire it."""

    token: str = field(repr=False)
    kind: str  # "registration" or "remove"
    scope: str
    expires_at: datetime
    _clock: Clock = field(factory=Clock, repr=False, eq=False)
    """The fake's clock, which says when it expires."""

    @property
    def expired(self) -> bool:
        """Whether the token's hour has passed on the fake's clock."""
        return self.expires_at <= self._clock.now()

    def to_json(self) -> dict[str, Any]:
        """The token as the API answers it."""
        return {"token": self.token, "expires_at": iso(self.expires_at)}


@define
class RunnersState:
    """Runners of every scope, the ids of their labels, and the tokens handed out."""

    runners: dict[int, FakeRunner] = field(factory=dict)
    label_ids: dict[str, int] = field(factory=dict)
    tokens: dict[str, FakeRunnerToken] = field(factory=dict)
    runner_version: str = "2.323.0"

    def make_label(self, ids: FakeState, name: str, *, custom: bool) -> FakeRunnerLabel:
        """A label with GitHub's id for that name; names of the built-in labels stay read-only."""
        read_only = _READ_ONLY.get(name.lower())
        key = name.lower()
        if key not in self.label_ids:
            self.label_ids[key] = ids.next_id()
        if read_only is not None or not custom:
            return FakeRunnerLabel(self.label_ids[key], read_only or name, "read-only")
        return FakeRunnerLabel(self.label_ids[key], name, "custom")

    def add_labels(self, ids: FakeState, runner: FakeRunner, names: Iterable[str]) -> None:
        for name in names:
            if runner.label(name) is None:
                runner.labels.append(self.make_label(ids, name, custom=True))

    def runners_in(self, scope: str) -> list[FakeRunner]:
        return sorted((r for r in self.runners.values() if r.scope == scope), key=lambda r: r.id)

    def runner(self, scope: str, runner_id: str | int) -> FakeRunner | None:
        try:
            found = self.runners.get(int(runner_id))
        except ValueError:
            return None
        return found if found is not None and found.scope == scope else None

    def applications(self) -> list[dict[str, Any]]:
        version = self.runner_version
        base = f"https://github.com/actions/runner/releases/download/v{version}"
        found = []
        for os_name, arch, extension in _DOWNLOADS:
            filename = f"actions-runner-{os_name}-{arch}-{version}.{extension}"
            found.append(
                {
                    "os": os_name,
                    "architecture": arch,
                    "download_url": f"{base}/{filename}",
                    "filename": filename,
                    "sha256_checksum": _sha256_hex(filename),
                }
            )
        return found


def groups_of(state: FakeState, org: str) -> dict[int, FakeRunnerGroup]:
    """The runner groups of an org (``_runner_groups`` keeps them; it imports this module)."""
    from ._runner_groups import RunnerGroupsState

    return state.area(RunnerGroupsState).groups_of(org)


def _sha256_hex(text: str) -> str:
    return hashlib.sha256(text.encode()).hexdigest()


def new_runner(
    state: FakeState,
    scope: str,
    *,
    name: str,
    os: str = "linux",
    architecture: str | None = "x64",
    labels: Iterable[str] = (),
    **settings: Any,
) -> FakeRunner:
    """A runner with its read-only labels (``self-hosted``, OS, architecture) and ``labels``."""
    runners = state.area(RunnersState)
    runner = FakeRunner(id=state.next_id(), name=name, scope=scope, os=os, **settings)
    system = [
        "self-hosted",
        _OS_LABELS.get(os.lower()),
        _ARCH_LABELS.get((architecture or "").lower()),
    ]
    for label in system:
        if label is not None:
            runner.labels.append(runners.make_label(state, label, custom=False))
    runners.add_labels(state, runner, labels)
    runners.runners[runner.id] = runner
    return runner

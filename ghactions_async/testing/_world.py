"""The base of FakeGitHub's per-area world-building mixins, and its storage blobs.

Each API area of the fake lives in ``_<area>.py``: its handlers
(``HANDLERS``, keyed by operation; ``_routes`` registers them), its state (an
attrs class kept by ``FakeState.area``) and a ``World`` mixin with the public
methods tests use to build data. FakeGitHub inherits every mixin.
"""

from __future__ import annotations

import threading
from collections.abc import Iterable

from attrs import define

from .._config import Clock
from ._state import FakeEnterprise, FakeOrg, FakeRepo, FakeState


@define
class Blob:
    """A file the storage host serves: given bytes, or ``size`` bytes of a repeated pattern."""

    filename: str
    content_type: str = "application/zip"
    data: bytes | None = None
    size: int = 0
    pattern: bytes = b"\0"

    @property
    def length(self) -> int:
        """The body's size in bytes."""
        return len(self.data) if self.data is not None else self.size


class World:
    """What every area mixin may use; FakeGitHub provides it."""

    state: FakeState
    clock: Clock
    _lock: threading.RLock

    def storage_url_for(self, blob: Blob) -> str:
        """A short-lived URL on the storage host that serves ``blob``."""
        raise NotImplementedError

    def add_repo(self, full_name: str, *, archived: bool | None = None) -> FakeRepo:
        """Add ``owner/name`` (and its organization); returns the existing one if present.

        ``archived`` sets whether the repository is archived (new ones are
        not); ``None`` leaves an existing one as it is.
        """
        owner, name = split_full_name(full_name)
        with self._lock:
            repo = self.state.add_repo(owner, name)
            if archived is not None:
                repo.archived = archived
            return repo

    def add_org(self, login: str) -> FakeOrg:
        """Add an organization (one with no repositories yet); returns it if present."""
        with self._lock:
            return self.state.orgs.setdefault(login.lower(), FakeOrg(login=login))

    def add_enterprise(self, slug: str, orgs: Iterable[str]) -> FakeEnterprise:
        """Add an enterprise owning ``orgs`` (created if missing)."""
        with self._lock:
            enterprise = FakeEnterprise(slug=slug, orgs=[o.lower() for o in orgs])
            for org in enterprise.orgs:
                self.state.orgs.setdefault(org, FakeOrg(login=org))
            self.state.enterprises[slug.lower()] = enterprise
            return enterprise

    def _repo_or_error(self, full_name: str) -> FakeRepo:
        owner, name = split_full_name(full_name)
        repo = self.state.repo(owner, name)
        if repo is None:
            raise KeyError(f"no repository {full_name!r} in this FakeGitHub; add_repo() it first")
        return repo


def split_full_name(full_name: str) -> tuple[str, str]:
    owner, sep, name = full_name.partition("/")
    if not sep or not owner or not name or "/" in name:
        raise ValueError(f"expected 'owner/name', got {full_name!r}")
    return owner, name

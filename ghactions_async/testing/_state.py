"""The in-memory world FakeGitHub serves: organizations, repositories and their caches."""

from __future__ import annotations

import itertools
from collections.abc import Callable
from datetime import datetime, timezone
from typing import Any, ClassVar, TypeVar

from attrs import Attribute, define, field

T = TypeVar("T")


def utcnow() -> datetime:
    return datetime.now(timezone.utc)


def iso(value: datetime) -> str:
    """GitHub's timestamp format: UTC with a trailing Z."""
    return value.astimezone(timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")


def _forget_json(instance: Any, attribute: Attribute[Any], value: Any) -> Any:
    if attribute.name != "_json":
        object.__setattr__(instance, "_json", None)
        FakeCache._edits += 1
    return value


@define(on_setattr=_forget_json)
class FakeCache:
    """One cache entry; mutable so tests can age it (its JSON and the lists' order follow)."""

    _edits: ClassVar[int] = 0
    """Changes to any cache field so far: an order worked out before the last one is stale."""

    id: int
    ref: str
    key: str
    version: str
    created_at: datetime
    last_accessed_at: datetime
    size_in_bytes: int
    _json: dict[str, Any] | None = field(default=None, init=False, eq=False, repr=False)

    def to_json(self) -> dict[str, Any]:
        """The cache as the API answers it."""
        if self._json is None:
            self._json = {
                "id": self.id,
                "ref": self.ref,
                "key": self.key,
                "version": self.version,
                "last_accessed_at": iso(self.last_accessed_at),
                "created_at": iso(self.created_at),
                "size_in_bytes": self.size_in_bytes,
            }
        return self._json


@define
class CacheLimits:
    """Retention and storage limits, and the GHES usage policy, at one level."""

    max_cache_retention_days: int = 7
    max_cache_size_gb: int = 10
    repo_cache_size_limit_in_gb: int = 10
    max_repo_cache_size_limit_in_gb: int = 10


@define
class FakeRepo:
    """A repository; ``archived`` ones are read-only on GitHub, and bulk operations skip them."""

    id: int
    owner: str
    name: str
    archived: bool = False
    caches: dict[int, FakeCache] = field(factory=dict)
    cache_limits: CacheLimits = field(factory=CacheLimits)
    _sorted: dict[tuple[str, bool], tuple[tuple[int, ...], list[FakeCache]]] = field(factory=dict)

    @property
    def full_name(self) -> str:
        """``owner/name``."""
        return f"{self.owner}/{self.name}"

    def sorted_caches(
        self, key: Callable[[FakeCache], Any], name: str, *, reverse: bool
    ) -> list[FakeCache]:
        """The caches in one order, remembered until they change (the fake serves pages fast)."""
        stamp = (FakeCache._edits, *self.caches)
        memo = self._sorted.get((name, reverse))
        if memo is None or memo[0] != stamp:
            memo = (stamp, sorted(self.caches.values(), key=key, reverse=reverse))
            self._sorted[(name, reverse)] = memo
        return memo[1]


@define
class FakeOrg:
    """An organization the fake knows, with its cache limits."""

    login: str
    cache_limits: CacheLimits = field(factory=CacheLimits)


@define
class FakeEnterprise:
    """An enterprise the fake knows: its organizations and cache limits."""

    slug: str
    orgs: list[str] = field(factory=list)
    cache_limits: CacheLimits = field(factory=CacheLimits)


@define
class FakeState:
    """Everything the fake knows; look-ups are case-insensitive like GitHub's.

    Areas keep their own data in an attrs class of theirs, created on first
    use by ``area(cls)``, so adding an area never touches this class.
    """

    repos: dict[str, FakeRepo] = field(factory=dict)
    orgs: dict[str, FakeOrg] = field(factory=dict)
    enterprises: dict[str, FakeEnterprise] = field(factory=dict)
    _ids: itertools.count[int] = field(factory=lambda: itertools.count(1000))
    _areas: dict[type, Any] = field(factory=dict)

    def next_id(self) -> int:
        """A new id, unique across everything in this fake."""
        return next(self._ids)

    def area(self, cls: type[T]) -> T:
        """The state of one area (``cls()``, made on first use)."""
        found = self._areas.get(cls)
        if found is None:
            found = self._areas[cls] = cls()
        return found

    def repo(self, owner: str, name: str) -> FakeRepo | None:
        """The repository ``owner/name`` (case-insensitive), or None."""
        return self.repos.get(f"{owner}/{name}".lower())

    def org(self, login: str) -> FakeOrg | None:
        """The organization ``login`` (case-insensitive), or None."""
        return self.orgs.get(login.lower())

    def enterprise(self, slug: str) -> FakeEnterprise | None:
        """The enterprise ``slug`` (case-insensitive), or None."""
        return self.enterprises.get(slug.lower())

    def add_repo(self, owner: str, name: str) -> FakeRepo:
        """The repository ``owner/name``, created with its organization when missing."""
        key = f"{owner}/{name}".lower()
        if key in self.repos:
            return self.repos[key]
        self.orgs.setdefault(owner.lower(), FakeOrg(login=owner))
        repo = FakeRepo(id=self.next_id(), owner=owner, name=name)
        self.repos[key] = repo
        return repo

    def repos_of(self, org: str) -> list[FakeRepo]:
        """The repositories of an organization."""
        return [r for r in self.repos.values() if r.owner.lower() == org.lower()]

"""FakeGitHub's cache endpoints, answering as api.github.com and GHES do."""

from __future__ import annotations

import hashlib
from collections.abc import Mapping
from datetime import datetime
from typing import TYPE_CHECKING, Any

from aiohttp import web

from .._operations import Operation
from .._operations import caches as ops
from ._http import (
    STATE,
    Handler,
    error,
    json_body,
    json_response,
    list_response,
    no_content,
    not_found,
    path_repo,
    validation_failed,
)
from ._state import FakeCache, utcnow
from ._world import World, split_full_name

if TYPE_CHECKING:
    from ._state import CacheLimits, FakeRepo, FakeState

_SORT_KEYS = {
    "created_at": lambda c: (c.created_at, c.id),
    "last_accessed_at": lambda c: (c.last_accessed_at, c.id),
    "size_in_bytes": lambda c: (c.size_in_bytes, c.id),
}


def _state(request: web.Request) -> FakeState:
    return request.app[STATE]


def _usage(repo: FakeRepo) -> dict[str, Any]:
    return {
        "full_name": repo.full_name,
        "active_caches_size_in_bytes": sum(c.size_in_bytes for c in repo.caches.values()),
        "active_caches_count": len(repo.caches),
    }


def _totals(repos: list[FakeRepo]) -> dict[str, int]:
    return {
        "total_active_caches_count": sum(len(r.caches) for r in repos),
        "total_active_caches_size_in_bytes": sum(
            c.size_in_bytes for r in repos for c in r.caches.values()
        ),
    }


async def list_caches(request: web.Request) -> web.Response:
    repo = path_repo(request)
    if repo is None:
        return not_found()
    query = request.query
    sort = query.get("sort", "last_accessed_at")
    direction = query.get("direction", "desc")
    if sort not in _SORT_KEYS:
        return validation_failed("sort", message=f"sort must be one of {', '.join(_SORT_KEYS)}")
    if direction not in ("asc", "desc"):
        return validation_failed("direction", message="direction must be asc or desc")
    caches = repo.sorted_caches(_SORT_KEYS[sort], sort, reverse=direction == "desc")
    if "ref" in query:
        caches = [c for c in caches if c.ref == query["ref"]]
    if "key" in query:
        caches = [c for c in caches if c.key.startswith(query["key"])]
    return list_response(request, caches, "actions_caches", to_json=FakeCache.to_json)


async def delete_cache_by_key(request: web.Request) -> web.Response:
    repo = path_repo(request)
    if repo is None:
        return not_found()
    key = request.query.get("key")
    if not key:
        return validation_failed("key", code="missing_field", message="key is required")
    ref = request.query.get("ref")
    doomed = [c for c in repo.caches.values() if c.key == key and (ref is None or c.ref == ref)]
    if not doomed:
        return not_found()
    for cache in doomed:
        del repo.caches[cache.id]
    return json_response(
        {"total_count": len(doomed), "actions_caches": [c.to_json() for c in doomed]}
    )


async def delete_cache(request: web.Request) -> web.Response:
    repo = path_repo(request)
    try:
        cache_id = int(request.match_info["cache_id"])
    except ValueError:
        return not_found()
    if repo is None or repo.caches.pop(cache_id, None) is None:
        return not_found()
    return no_content()


async def repo_usage(request: web.Request) -> web.Response:
    repo = path_repo(request)
    return not_found() if repo is None else json_response(_usage(repo))


async def org_usage(request: web.Request) -> web.Response:
    state = _state(request)
    org = request.match_info["org"]
    if state.org(org) is None:
        return not_found()
    return json_response(_totals(state.repos_of(org)))


async def org_usage_by_repository(request: web.Request) -> web.Response:
    state = _state(request)
    org = request.match_info["org"]
    if state.org(org) is None:
        return not_found()
    repos = sorted((r for r in state.repos_of(org) if r.caches), key=lambda r: r.full_name.lower())
    return list_response(request, repos, "repository_cache_usages", to_json=_usage)


async def enterprise_usage(request: web.Request) -> web.Response:
    state = _state(request)
    enterprise = state.enterprise(request.match_info["enterprise"])
    if enterprise is None:
        return not_found()
    repos = [r for org in enterprise.orgs for r in state.repos_of(org)]
    return json_response(_totals(repos))


def _limits_of(request: web.Request) -> CacheLimits | None:
    """The limits of whichever level the path names: repo, org or enterprise."""
    state = _state(request)
    info = request.match_info
    owner: Any
    if "repo" in info:
        owner = state.repo(info["owner"], info["repo"])
    elif "org" in info:
        owner = state.org(info["org"])
    else:
        owner = state.enterprise(info["enterprise"])
    return None if owner is None else owner.cache_limits


def _limit_handlers(field: str) -> tuple[Handler, Handler]:
    async def get_limit(request: web.Request) -> web.Response:
        limits = _limits_of(request)
        return not_found() if limits is None else json_response({field: getattr(limits, field)})

    async def set_limit(request: web.Request) -> web.Response:
        limits = _limits_of(request)
        if limits is None:
            return not_found()
        body = await json_body(request)
        value = None if body is None else body.get(field)
        if isinstance(value, bool) or not isinstance(value, int) or value < 1:
            return error(400, f"{field} must be a positive integer")
        setattr(limits, field, value)
        return no_content()

    return get_limit, set_limit


async def get_repo_usage_policy(request: web.Request) -> web.Response:
    limits = _limits_of(request)
    if limits is None:
        return not_found()
    return json_response({"repo_cache_size_limit_in_gb": limits.repo_cache_size_limit_in_gb})


async def set_repo_usage_policy(request: web.Request) -> web.Response:
    limits = _limits_of(request)
    if limits is None:
        return not_found()
    body = await json_body(request)
    value = None if body is None else body.get("repo_cache_size_limit_in_gb")
    if isinstance(value, bool) or not isinstance(value, int) or value < 1:
        return validation_failed("repo_cache_size_limit_in_gb", code="invalid")
    limits.repo_cache_size_limit_in_gb = value
    return no_content()


async def get_enterprise_usage_policy(request: web.Request) -> web.Response:
    limits = _limits_of(request)
    if limits is None:
        return not_found()
    return json_response(
        {
            "repo_cache_size_limit_in_gb": limits.repo_cache_size_limit_in_gb,
            "max_repo_cache_size_limit_in_gb": limits.max_repo_cache_size_limit_in_gb,
        }
    )


async def set_enterprise_usage_policy(request: web.Request) -> web.Response:
    limits = _limits_of(request)
    if limits is None:
        return not_found()
    body = await json_body(request) or {}
    fields = ("repo_cache_size_limit_in_gb", "max_repo_cache_size_limit_in_gb")
    given = {name: body[name] for name in fields if name in body}
    if not given:
        return validation_failed("repo_cache_size_limit_in_gb", code="missing_field")
    for name, value in given.items():
        if isinstance(value, bool) or not isinstance(value, int) or value < 1:
            return validation_failed(name, code="invalid")
    for name, value in given.items():
        setattr(limits, name, value)
    return no_content()


_get_retention_limit, _set_retention_limit = _limit_handlers("max_cache_retention_days")
_get_storage_limit, _set_storage_limit = _limit_handlers("max_cache_size_gb")

HANDLERS: Mapping[Operation, Handler] = {
    ops.LIST: list_caches,
    ops.DELETE_BY_KEY: delete_cache_by_key,
    ops.DELETE_BY_ID: delete_cache,
    ops.GET_USAGE: repo_usage,
    ops.GET_ORG_USAGE: org_usage,
    ops.LIST_ORG_USAGE_BY_REPOSITORY: org_usage_by_repository,
    ops.GET_ENTERPRISE_USAGE: enterprise_usage,
    ops.GET_USAGE_POLICY: get_repo_usage_policy,
    ops.SET_USAGE_POLICY: set_repo_usage_policy,
    ops.GET_ENTERPRISE_USAGE_POLICY: get_enterprise_usage_policy,
    ops.SET_ENTERPRISE_USAGE_POLICY: set_enterprise_usage_policy,
    ops.GET_RETENTION_LIMIT: _get_retention_limit,
    ops.SET_RETENTION_LIMIT: _set_retention_limit,
    ops.GET_RETENTION_LIMIT_FOR_ORG: _get_retention_limit,
    ops.SET_RETENTION_LIMIT_FOR_ORG: _set_retention_limit,
    ops.GET_RETENTION_LIMIT_FOR_ENTERPRISE: _get_retention_limit,
    ops.SET_RETENTION_LIMIT_FOR_ENTERPRISE: _set_retention_limit,
    ops.GET_STORAGE_LIMIT: _get_storage_limit,
    ops.SET_STORAGE_LIMIT: _set_storage_limit,
    ops.GET_STORAGE_LIMIT_FOR_ORG: _get_storage_limit,
    ops.SET_STORAGE_LIMIT_FOR_ORG: _set_storage_limit,
    ops.GET_STORAGE_LIMIT_FOR_ENTERPRISE: _get_storage_limit,
    ops.SET_STORAGE_LIMIT_FOR_ENTERPRISE: _set_storage_limit,
}
"""What answers each operation of this area."""


class CachesWorld(World):
    """Building caches into the fake."""

    def add_cache(
        self,
        full_name: str,
        *,
        key: str,
        ref: str = "refs/heads/main",
        size_in_bytes: int = 1024,
        created_at: datetime | None = None,
        last_accessed_at: datetime | None = None,
        version: str | None = None,
    ) -> FakeCache:
        """Add a cache to a repository (created if missing)."""
        with self._lock:
            repo = self.add_repo(full_name)
            created = created_at or utcnow()
            cache = FakeCache(
                id=self.state.next_id(),
                ref=ref,
                key=key,
                version=version or hashlib.sha256(f"{key}@{ref}".encode()).hexdigest(),
                created_at=created,
                last_accessed_at=last_accessed_at or created,
                size_in_bytes=size_in_bytes,
            )
            cache.to_json()  # built now, so the first page of a big world is not slow to serve
            repo.caches[cache.id] = cache
            return cache

    def caches(self, full_name: str) -> list[FakeCache]:
        """The caches of a repository, oldest first (by id)."""
        owner, name = split_full_name(full_name)
        with self._lock:
            repo = self.state.repo(owner, name)
            return [] if repo is None else sorted(repo.caches.values(), key=lambda c: c.id)

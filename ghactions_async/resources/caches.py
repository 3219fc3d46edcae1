"""GitHub Actions caches: list and delete them, see usage, set limits.

Usage numbers are refreshed by GitHub about every five minutes; a cache just
deleted may still be counted for a while. The ``usage_policy`` methods exist
on GitHub Enterprise Server only; the retention and storage limits on
api.github.com only.
"""

from __future__ import annotations

import builtins
from typing import TYPE_CHECKING, Literal

from .._operations.caches import (
    DELETE_BY_ID,
    DELETE_BY_KEY,
    GET_ENTERPRISE_USAGE,
    GET_ENTERPRISE_USAGE_POLICY,
    GET_ORG_USAGE,
    GET_RETENTION_LIMIT,
    GET_RETENTION_LIMIT_FOR_ENTERPRISE,
    GET_RETENTION_LIMIT_FOR_ORG,
    GET_STORAGE_LIMIT,
    GET_STORAGE_LIMIT_FOR_ENTERPRISE,
    GET_STORAGE_LIMIT_FOR_ORG,
    GET_USAGE,
    GET_USAGE_POLICY,
    LIST,
    LIST_ORG_USAGE_BY_REPOSITORY,
    SET_ENTERPRISE_USAGE_POLICY,
    SET_RETENTION_LIMIT,
    SET_RETENTION_LIMIT_FOR_ENTERPRISE,
    SET_RETENTION_LIMIT_FOR_ORG,
    SET_STORAGE_LIMIT,
    SET_STORAGE_LIMIT_FOR_ENTERPRISE,
    SET_STORAGE_LIMIT_FOR_ORG,
    SET_USAGE_POLICY,
)
from .._resource import AsyncResource
from ..models.caches import (
    ActionsCache,
    CacheRetentionLimit,
    CacheStorageLimit,
    CacheUsage,
    CacheUsagePolicy,
    EnterpriseCacheUsagePolicy,
    RepositoryCacheUsage,
)

if TYPE_CHECKING:
    from .._pagination import AsyncPaginator

CacheSort = Literal["created_at", "last_accessed_at", "size_in_bytes"]
Direction = Literal["asc", "desc"]


class AsyncCaches(AsyncResource):
    """The caches of repositories, and cache usage and limits of orgs and enterprises."""

    def list(
        self,
        owner: str,
        repo: str,
        *,
        ref: str | None = None,
        key: str | None = None,
        sort: CacheSort | None = None,
        direction: Direction | None = None,
        per_page: int | None = None,
    ) -> AsyncPaginator[ActionsCache]:
        """Caches of a repository, most recently used first unless ``sort`` says otherwise.

        ``ref`` is a full ref (``refs/heads/main``, ``refs/pull/42/merge``);
        ``key`` matches a key or a key prefix.
        """
        return self._paginate(
            LIST,
            (owner, repo),
            ActionsCache,
            item_key="actions_caches",
            params={"ref": ref, "key": key, "sort": sort, "direction": direction},
            per_page=per_page,
        )

    async def delete(self, owner: str, repo: str, cache_id: int) -> None:
        """Delete one cache by its id."""
        await self._no_content(DELETE_BY_ID, (owner, repo, cache_id))

    async def delete_by_key(
        self, owner: str, repo: str, key: str, *, ref: str | None = None
    ) -> builtins.list[ActionsCache]:
        """Delete every cache whose key is exactly ``key`` (on ``ref`` only, if given).

        Returns the caches GitHub deleted. Unlike ``list``, ``key`` is not a
        prefix here.
        """
        return await self._items(
            DELETE_BY_KEY,
            (owner, repo),
            ActionsCache,
            item_key="actions_caches",
            params={"key": key, "ref": ref},
            lists_deleted=True,
        )

    async def get_usage(self, owner: str, repo: str) -> RepositoryCacheUsage:
        """Count and total size of a repository's active caches."""
        return await self._json(GET_USAGE, (owner, repo), RepositoryCacheUsage)

    async def get_org_usage(self, org: str) -> CacheUsage:
        """Count and total size of active caches across an organization."""
        return await self._json(GET_ORG_USAGE, (org,), CacheUsage)

    def list_org_usage_by_repository(
        self, org: str, *, per_page: int | None = None
    ) -> AsyncPaginator[RepositoryCacheUsage]:
        """Cache usage of each repository of an organization that has caches."""
        return self._paginate(
            LIST_ORG_USAGE_BY_REPOSITORY,
            (org,),
            RepositoryCacheUsage,
            item_key="repository_cache_usages",
            per_page=per_page,
        )

    async def get_enterprise_usage(self, enterprise: str) -> CacheUsage:
        """Count and total size of active caches across an enterprise (GHES)."""
        return await self._json(GET_ENTERPRISE_USAGE, (enterprise,), CacheUsage)

    async def get_usage_policy(self, owner: str, repo: str) -> CacheUsagePolicy:
        """The cache size limit of a repository (GHES)."""
        return await self._json(GET_USAGE_POLICY, (owner, repo), CacheUsagePolicy)

    async def set_usage_policy(
        self, owner: str, repo: str, *, repo_cache_size_limit_in_gb: int
    ) -> None:
        """Set the cache size limit of a repository (GHES)."""
        await self._no_content(
            SET_USAGE_POLICY,
            (owner, repo),
            body={"repo_cache_size_limit_in_gb": repo_cache_size_limit_in_gb},
        )

    async def get_enterprise_usage_policy(self, enterprise: str) -> EnterpriseCacheUsagePolicy:
        """The default and maximum repository cache size limits of an enterprise (GHES)."""
        return await self._json(
            GET_ENTERPRISE_USAGE_POLICY,
            (enterprise,),
            EnterpriseCacheUsagePolicy,
        )

    async def set_enterprise_usage_policy(
        self,
        enterprise: str,
        *,
        repo_cache_size_limit_in_gb: int | None = None,
        max_repo_cache_size_limit_in_gb: int | None = None,
    ) -> None:
        """Set the default and/or maximum repository cache size limits of an enterprise (GHES)."""
        if repo_cache_size_limit_in_gb is None and max_repo_cache_size_limit_in_gb is None:
            raise ValueError(
                "give repo_cache_size_limit_in_gb, max_repo_cache_size_limit_in_gb or both"
            )
        await self._no_content(
            SET_ENTERPRISE_USAGE_POLICY,
            (enterprise,),
            body={
                "repo_cache_size_limit_in_gb": repo_cache_size_limit_in_gb,
                "max_repo_cache_size_limit_in_gb": max_repo_cache_size_limit_in_gb,
            },
        )

    async def get_retention_limit(self, owner: str, repo: str) -> CacheRetentionLimit:
        """How many days a repository keeps its caches.

        Raises ``PermissionDenied`` when the token may not read the repository's cache settings,
        and ``NotFound`` when the repository is unknown to it.
        """
        return await self._json(
            GET_RETENTION_LIMIT,
            (owner, repo),
            CacheRetentionLimit,
        )

    async def set_retention_limit(
        self, owner: str, repo: str, *, max_cache_retention_days: int
    ) -> None:
        """Set how many days a repository keeps its caches.

        Raises ``BadRequest`` for a value GitHub does not accept (not a positive whole number,
        or above what the organization or enterprise allows), ``PermissionDenied`` when the
        token may not change it, and ``NotFound`` when the repository is unknown.
        """
        await self._no_content(
            SET_RETENTION_LIMIT,
            (owner, repo),
            body={"max_cache_retention_days": max_cache_retention_days},
        )

    async def get_storage_limit(self, owner: str, repo: str) -> CacheStorageLimit:
        """How large a repository's caches may grow in total, in GB.

        Raises ``PermissionDenied`` when the token may not read the repository's cache settings,
        and ``NotFound`` when the repository is unknown to it.
        """
        return await self._json(
            GET_STORAGE_LIMIT,
            (owner, repo),
            CacheStorageLimit,
        )

    async def set_storage_limit(self, owner: str, repo: str, *, max_cache_size_gb: int) -> None:
        """Set how large a repository's caches may grow in total, in GB.

        Raises ``BadRequest`` for a value GitHub does not accept (not a positive whole number,
        or above what the organization or enterprise allows), ``PermissionDenied`` when the
        token may not change it, and ``NotFound`` when the repository is unknown.
        """
        await self._no_content(
            SET_STORAGE_LIMIT,
            (owner, repo),
            body={"max_cache_size_gb": max_cache_size_gb},
        )

    async def get_retention_limit_for_org(self, org: str) -> CacheRetentionLimit:
        """The longest cache retention, in days, repositories of an organization may use.

        Raises ``PermissionDenied`` when the token may not read the organization's cache
        settings, and ``NotFound`` when the organization is unknown to it.
        """
        return await self._json(
            GET_RETENTION_LIMIT_FOR_ORG,
            (org,),
            CacheRetentionLimit,
        )

    async def set_retention_limit_for_org(self, org: str, *, max_cache_retention_days: int) -> None:
        """Set the longest cache retention, in days, for repositories of an organization.

        Raises ``BadRequest`` for a value GitHub does not accept (not a positive whole number,
        or above what the enterprise allows), ``PermissionDenied`` when the token may not change
        it, and ``NotFound`` when the organization is unknown.
        """
        await self._no_content(
            SET_RETENTION_LIMIT_FOR_ORG,
            (org,),
            body={"max_cache_retention_days": max_cache_retention_days},
        )

    async def get_storage_limit_for_org(self, org: str) -> CacheStorageLimit:
        """The largest total cache size, in GB, repositories of an organization may use.

        Raises ``PermissionDenied`` when the token may not read the organization's cache
        settings, and ``NotFound`` when the organization is unknown to it.
        """
        return await self._json(
            GET_STORAGE_LIMIT_FOR_ORG,
            (org,),
            CacheStorageLimit,
        )

    async def set_storage_limit_for_org(self, org: str, *, max_cache_size_gb: int) -> None:
        """Set the largest total cache size, in GB, for repositories of an organization.

        Raises ``BadRequest`` for a value GitHub does not accept (not a positive whole number,
        or above what the enterprise allows), ``PermissionDenied`` when the token may not change
        it, and ``NotFound`` when the organization is unknown.
        """
        await self._no_content(
            SET_STORAGE_LIMIT_FOR_ORG,
            (org,),
            body={"max_cache_size_gb": max_cache_size_gb},
        )

    async def get_retention_limit_for_enterprise(self, enterprise: str) -> CacheRetentionLimit:
        """The longest cache retention, in days, within an enterprise.

        Raises ``PermissionDenied`` when the token may not read the enterprise's cache settings,
        and ``NotFound`` when the enterprise is unknown to it.
        """
        return await self._json(
            GET_RETENTION_LIMIT_FOR_ENTERPRISE,
            (enterprise,),
            CacheRetentionLimit,
        )

    async def set_retention_limit_for_enterprise(
        self, enterprise: str, *, max_cache_retention_days: int
    ) -> None:
        """Set the longest cache retention, in days, within an enterprise.

        Raises ``BadRequest`` for a value GitHub does not accept (not a positive whole number,
        or above what GitHub allows), ``PermissionDenied`` when the token may not change it, and
        ``NotFound`` when the enterprise is unknown.
        """
        await self._no_content(
            SET_RETENTION_LIMIT_FOR_ENTERPRISE,
            (enterprise,),
            body={"max_cache_retention_days": max_cache_retention_days},
        )

    async def get_storage_limit_for_enterprise(self, enterprise: str) -> CacheStorageLimit:
        """The largest total cache size, in GB, of a repository within an enterprise.

        Raises ``PermissionDenied`` when the token may not read the enterprise's cache settings,
        and ``NotFound`` when the enterprise is unknown to it.
        """
        return await self._json(
            GET_STORAGE_LIMIT_FOR_ENTERPRISE,
            (enterprise,),
            CacheStorageLimit,
        )

    async def set_storage_limit_for_enterprise(
        self, enterprise: str, *, max_cache_size_gb: int
    ) -> None:
        """Set the largest total cache size, in GB, of a repository within an enterprise.

        Raises ``BadRequest`` for a value GitHub does not accept (not a positive whole number,
        or above what GitHub allows), ``PermissionDenied`` when the token may not change it, and
        ``NotFound`` when the enterprise is unknown.
        """
        await self._no_content(
            SET_STORAGE_LIMIT_FOR_ENTERPRISE,
            (enterprise,),
            body={"max_cache_size_gb": max_cache_size_gb},
        )

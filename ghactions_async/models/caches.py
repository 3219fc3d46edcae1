"""Models of the Actions cache API."""

from __future__ import annotations

from datetime import datetime

from attrs import frozen


@frozen(kw_only=True)
class ActionsCache:
    """One cache entry of a repository."""

    id: int | None = None
    ref: str | None = None
    key: str | None = None
    version: str | None = None
    last_accessed_at: datetime | None = None
    created_at: datetime | None = None
    size_in_bytes: int | None = None


@frozen(kw_only=True)
class RepositoryCacheUsage:
    """Active caches of one repository, as counted by GitHub (refreshed about every 5 minutes)."""

    full_name: str
    active_caches_size_in_bytes: int
    active_caches_count: int


@frozen(kw_only=True)
class CacheUsage:
    """Active caches across all repositories of an organization or enterprise."""

    total_active_caches_count: int | None = None
    total_active_caches_size_in_bytes: int | None = None


@frozen(kw_only=True)
class CacheUsagePolicy:
    """GitHub Enterprise Server: the cache size limit of one repository."""

    repo_cache_size_limit_in_gb: int | None = None


@frozen(kw_only=True)
class EnterpriseCacheUsagePolicy:
    """GitHub Enterprise Server: the default and the maximum repository cache limits."""

    repo_cache_size_limit_in_gb: int | None = None
    max_repo_cache_size_limit_in_gb: int | None = None


@frozen(kw_only=True)
class CacheRetentionLimit:
    """How many days caches may be kept (repository, organization or enterprise)."""

    max_cache_retention_days: int | None = None


@frozen(kw_only=True)
class CacheStorageLimit:
    """How large all caches of a repository may grow, in GB (at any level)."""

    max_cache_size_gb: int | None = None

"""Typed models of GitHub's answers: attrs frozen, slotted classes.

Names resolve lazily, so ``import ghactions_async`` does not load them.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from .._lazy import lazy_attributes

if TYPE_CHECKING:
    from .caches import (
        ActionsCache,
        CacheRetentionLimit,
        CacheStorageLimit,
        CacheUsage,
        CacheUsagePolicy,
        EnterpriseCacheUsagePolicy,
        RepositoryCacheUsage,
    )

_SOURCES = {
    "ActionsCache": ".caches",
    "CacheRetentionLimit": ".caches",
    "CacheStorageLimit": ".caches",
    "CacheUsage": ".caches",
    "CacheUsagePolicy": ".caches",
    "EnterpriseCacheUsagePolicy": ".caches",
    "RepositoryCacheUsage": ".caches",
}

__all__ = [
    "ActionsCache",
    "CacheRetentionLimit",
    "CacheStorageLimit",
    "CacheUsage",
    "CacheUsagePolicy",
    "EnterpriseCacheUsagePolicy",
    "RepositoryCacheUsage",
]

__getattr__, __dir__ = lazy_attributes(__name__, globals(), _SOURCES)

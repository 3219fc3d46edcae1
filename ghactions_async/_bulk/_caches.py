"""Planning a cache prune: which caches go, and in as few requests as possible."""

from __future__ import annotations

import fnmatch
from collections import defaultdict
from collections.abc import Sequence
from datetime import datetime, timedelta, timezone

from attrs import frozen

from ..models.caches import ActionsCache
from ._criteria import check_pattern, glob_or_exact, newest_ids

_LONG_AGO = datetime.min.replace(tzinfo=timezone.utc)


@frozen(kw_only=True)
class CacheCriteria:
    """What makes a cache go. Every filter given must match (they combine with AND).

    ``older_than`` is about last use: a cache not used for that long is stale.
    ``keep_latest`` spares the N most recently used caches of each key, whatever
    else matched. ``max_total_size`` then removes the least recently used of
    the rest until the repository's caches fit in that many bytes.
    """

    older_than: timedelta | None = None
    accessed_before: datetime | None = None
    created_before: datetime | None = None
    key_prefix: str | None = None
    key_pattern: str | None = None
    ref: str | None = None
    min_size: int | None = None
    keep_latest: int | None = None
    max_total_size: int | None = None

    @property
    def filters(self) -> bool:
        return any(
            value is not None
            for value in (
                self.older_than,
                self.accessed_before,
                self.created_before,
                self.key_prefix,
                self.key_pattern,
                self.ref,
                self.min_size,
            )
        )

    def check(self) -> None:
        """Refuse a prune that says nothing about what to delete, before any request."""
        check_pattern("key_prefix", self.key_prefix)  # "" would be a prefix of every key
        check_pattern("key_pattern", self.key_pattern)
        check_pattern("ref", self.ref)
        if not self.filters and self.max_total_size is None:
            raise ValueError(
                "say which caches to prune: give a filter (older_than, accessed_before, "
                "created_before, key_prefix, key_pattern, ref, min_size) or max_total_size"
            )

    def matches(self, cache: ActionsCache, now: datetime) -> bool:
        """Whether every filter matches; one on a field GitHub did not send cannot match."""
        used, key, ref, size = cache.last_accessed_at, cache.key, cache.ref, cache.size_in_bytes
        if self.older_than is not None and (used is None or used > now - self.older_than):
            return False
        if self.accessed_before is not None and (used is None or used >= self.accessed_before):
            return False
        created = cache.created_at
        if self.created_before is not None and (created is None or created >= self.created_before):
            return False
        if self.key_prefix is not None and (key is None or not key.startswith(self.key_prefix)):
            return False
        if self.key_pattern is not None and (
            key is None or not fnmatch.fnmatchcase(key, self.key_pattern)
        ):
            return False
        if self.ref is not None and (ref is None or not glob_or_exact(self.ref, ref)):
            return False
        return self.min_size is None or (size is not None and size >= self.min_size)

    def plan(self, caches: Sequence[ActionsCache], now: datetime) -> list[ActionsCache]:
        """The caches of one repository to delete, least recently used first."""
        caches = [c for c in caches if c.id is not None]  # no id: nothing to delete it by
        protected = newest_ids(caches, lambda c: c.key, _recency, self.keep_latest)
        doomed = {
            c.id: c
            for c in caches
            if self.filters and c.id not in protected and self.matches(c, now)
        }
        if self.max_total_size is not None:
            remaining = sum(c.size_in_bytes or 0 for c in caches if c.id not in doomed)
            for cache in sorted(caches, key=_recency):
                if remaining <= self.max_total_size:
                    break
                if cache.id in doomed or cache.id in protected:
                    continue
                doomed[cache.id] = cache
                remaining -= cache.size_in_bytes or 0
        return sorted(doomed.values(), key=_recency)


def _recency(cache: ActionsCache) -> tuple[datetime, datetime, int]:
    """Least recently used first; a cache without dates counts as the oldest."""
    return (cache.last_accessed_at or _LONG_AGO, cache.created_at or _LONG_AGO, cache.id or 0)


@frozen
class CacheDeletion:
    """One request: every cache of ``key`` (on ``ref``, if given), or one cache by id."""

    caches: tuple[ActionsCache, ...]
    key: str | None = None
    ref: str | None = None


def group_deletions(
    caches: Sequence[ActionsCache], doomed: Sequence[ActionsCache]
) -> list[CacheDeletion]:
    """The fewest requests that delete exactly ``doomed``.

    Delete-by-key removes every cache with a key (optionally on one ref), so it
    is used only where that is exactly the planned set and saves a request.
    """
    planned = {c.id for c in doomed}
    with_key: defaultdict[str | None, list[ActionsCache]] = defaultdict(list)
    for cache in caches:
        with_key[cache.key].append(cache)
    deletions: list[CacheDeletion] = []
    for key, everyone in with_key.items():
        going = [c for c in everyone if c.id in planned]
        if not going:
            continue
        if key is None:  # nothing to delete these by but their ids
            deletions += [CacheDeletion((c,)) for c in going]
            continue
        if len(going) > 1 and len(going) == len(everyone):
            deletions.append(CacheDeletion(tuple(going), key=key))
            continue
        by_ref: defaultdict[str | None, list[ActionsCache]] = defaultdict(list)
        for cache in everyone:
            by_ref[cache.ref].append(cache)
        for ref, on_ref in by_ref.items():
            going_on_ref = [c for c in on_ref if c.id in planned]
            # Without a ref, delete-by-key would reach every ref: those go one by one.
            if ref is not None and len(going_on_ref) > 1 and len(going_on_ref) == len(on_ref):
                deletions.append(CacheDeletion(tuple(going_on_ref), key=key, ref=ref))
            else:
                deletions += [CacheDeletion((c,)) for c in going_on_ref]
    return deletions

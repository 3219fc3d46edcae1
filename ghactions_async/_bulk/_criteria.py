"""What every bulk planner checks and decides alike: filters, age cut-offs, the newest kept."""

from __future__ import annotations

import fnmatch
from collections import defaultdict
from collections.abc import Callable, Hashable, Iterable, Mapping
from datetime import datetime, timedelta
from typing import Any, Protocol, TypeVar

import attrs

GLOB_CHARACTERS = frozenset("*?[")


class _Identified(Protocol):
    @property
    def id(self) -> int | None: ...


Item = TypeVar("Item", bound=_Identified)


def check_pattern(name: str, value: str | None) -> None:
    """A text filter, when given, must say something."""
    if value is not None and not value.strip():
        raise ValueError(f"{name} must not be empty")


def check_age(older_than: timedelta | None, created_before: datetime | None) -> None:
    """Refuse age filters that cannot mean what the caller wants."""
    if older_than is not None and older_than < timedelta(0):
        raise ValueError(f"older_than must not be negative, got {older_than}")
    if created_before is not None and created_before.utcoffset() is None:
        raise ValueError(
            "created_before must be timezone-aware (for example datetime(..., tzinfo=timezone.utc))"
        )


def created_cutoff(
    now: datetime, older_than: timedelta | None, created_before: datetime | None
) -> datetime | None:
    """The instant an item must be created before to match both age filters (None: no filter)."""
    since = None if older_than is None else now - older_than
    bounds = [b for b in (created_before, since) if b is not None]
    return min(bounds) if bounds else None


def newest_ids(
    items: Iterable[Item],
    group_of: Callable[[Item], Hashable],
    recency: Callable[[Item], Any],
    count: int | None,
) -> set[int]:
    """The ids of the ``count`` newest items of each group (what keep_latest spares).

    ``recency`` orders the items oldest first; no ``count`` (or 0) spares none.
    """
    if not count:
        return set()
    groups: defaultdict[Hashable, list[Item]] = defaultdict(list)
    for item in items:
        groups[group_of(item)].append(item)
    newest: set[int] = set()
    for group in groups.values():
        group.sort(key=recency, reverse=True)
        newest.update(item.id for item in group[:count] if item.id is not None)
    return newest


def glob_or_exact(pattern: str, value: str) -> bool:
    """``refs/pull/*/merge`` matches as a glob; a pattern without ``*?[`` must be equal."""
    if GLOB_CHARACTERS.isdisjoint(pattern):
        return pattern == value
    return fnmatch.fnmatchcase(value, pattern)


Criteria = TypeVar("Criteria")


def criteria_of(cls: type[Criteria], arguments: Mapping[str, Any]) -> Criteria:
    """The criteria a bulk method's keyword arguments give (its filters, by name)."""
    names = {f.name for f in attrs.fields(cls)}  # type: ignore[arg-type]
    return cls(**{name: value for name, value in arguments.items() if name in names})

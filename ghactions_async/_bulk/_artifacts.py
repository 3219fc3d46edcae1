"""Planning an artifact clean-up: which artifacts of a repository go."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime, timedelta, timezone

from attrs import frozen

from ..models.artifacts import Artifact
from ._criteria import (
    GLOB_CHARACTERS,
    check_age,
    check_pattern,
    created_cutoff,
    glob_or_exact,
    newest_ids,
)

_LONG_AGO = datetime.min.replace(tzinfo=timezone.utc)


@frozen(kw_only=True)
class ArtifactCriteria:
    """What makes an artifact go. Every filter given must match (they combine with AND).

    ``name_pattern`` is a glob (a name without ``*?[`` must be equal);
    ``older_than`` and ``created_before`` are about creation; ``expired``
    True keeps only expired artifacts, False only unexpired ones.
    ``keep_latest`` spares the N newest artifacts of each name, whatever else
    matched; given alone it deletes every other artifact.
    """

    name_pattern: str | None = None
    older_than: timedelta | None = None
    created_before: datetime | None = None
    min_size: int | None = None
    expired: bool | None = None
    keep_latest: int | None = None

    @property
    def filters(self) -> bool:
        return any(
            value is not None
            for value in (
                self.name_pattern,
                self.older_than,
                self.created_before,
                self.min_size,
                self.expired,
            )
        ) or bool(self.keep_latest)

    def check(self) -> None:
        """Refuse, before any request, a deletion that says nothing about what to delete."""
        check_pattern("name_pattern", self.name_pattern)
        check_age(self.older_than, self.created_before)
        if not self.filters:
            raise ValueError(
                "say which artifacts to delete: give a filter (name_pattern, older_than, "
                "created_before, min_size, expired) or keep_latest of at least 1"
            )

    @property
    def server_name(self) -> str | None:
        """The exact name GitHub can filter on, when ``name_pattern`` is not a glob."""
        pattern = self.name_pattern
        if pattern is None or not GLOB_CHARACTERS.isdisjoint(pattern):
            return None
        return pattern

    def matches(self, artifact: Artifact, cutoff: datetime | None) -> bool:
        """Whether the artifact passes every filter (``cutoff``: see ``created_cutoff``)."""
        if self.name_pattern is not None and not glob_or_exact(self.name_pattern, artifact.name):
            return False
        if cutoff is not None and (artifact.created_at is None or artifact.created_at >= cutoff):
            return False  # an artifact without a creation time cannot be proven old
        if self.min_size is not None and artifact.size_in_bytes < self.min_size:
            return False
        return self.expired is None or artifact.expired == self.expired

    def plan(self, artifacts: Sequence[Artifact], now: datetime) -> list[Artifact]:
        """The artifacts of one repository to delete, oldest first."""
        protected = newest_ids(artifacts, lambda a: a.name, _recency, self.keep_latest)
        cutoff = created_cutoff(now, self.older_than, self.created_before)
        doomed = {a.id: a for a in artifacts if a.id not in protected and self.matches(a, cutoff)}
        return sorted(doomed.values(), key=_recency)


def _recency(artifact: Artifact) -> tuple[datetime, int]:
    return (artifact.created_at or _LONG_AGO, artifact.id)

"""What a bulk operation did to each item, and the totals users read."""

from __future__ import annotations

import contextlib
import threading
from collections import Counter
from typing import Any, Literal

from attrs import field, frozen

Outcome = Literal["done", "already_gone", "failed", "skipped", "not_started"]
"""How one item ended:

- ``done``: the action happened (deleted, cancelled ...);
- ``already_gone``: nothing was left to do (deleted or finished meanwhile);
- ``failed``: GitHub or the connection refused; ``error`` says how;
- ``skipped``: a dry run, nothing was sent;
- ``not_started``: the operation was stopped before reaching it.
"""


@frozen
class BulkItem:
    """One thing a bulk operation acts on (kind "repository": one it could not list)."""

    repo: str
    kind: str
    id: int
    name: str
    size_in_bytes: int = 0


@frozen
class BulkOutcome:
    """One item and how it ended."""

    item: BulkItem
    outcome: Outcome
    error: Exception | None = field(default=None, eq=False)
    result: Any = field(default=None, eq=False)


@frozen
class BulkProgress:
    """Counts so far, passed to ``on_progress`` as each repository is planned and after each item.

    ``planned`` grows until the last repository is planned.
    """

    planned: int
    done: int = 0
    already_gone: int = 0
    failed: int = 0
    skipped: int = 0
    not_started: int = 0

    @property
    def finished(self) -> int:
        """Items that have reached an outcome so far, whatever it was."""
        return self.done + self.already_gone + self.failed + self.skipped + self.not_started


@frozen
class BulkReport:
    """Every item a bulk operation planned, each with exactly one outcome.

    ``requests`` counts the API requests the operation sent (listing
    included); ``unplanned_deleted`` counts caches a delete-by-key removed that
    appeared after planning.
    """

    operation: str
    dry_run: bool
    outcomes: tuple[BulkOutcome, ...]
    elapsed: float
    requests: int
    unplanned_deleted: int = 0

    def _count(self) -> Counter[str]:
        return Counter(o.outcome for o in self.outcomes)

    @property
    def planned(self) -> int:
        """Every item the operation planned (each has exactly one outcome)."""
        return len(self.outcomes)

    @property
    def done(self) -> int:
        """Items the action happened to: deleted, cancelled, or ``fn`` returned for ``map``."""
        return self._count()["done"]

    @property
    def deleted(self) -> int:
        """For deleting operations: the items this operation deleted."""
        return self.done

    @property
    def already_gone(self) -> int:
        """Items with nothing left to do: deleted or finished before the request arrived."""
        return self._count()["already_gone"]

    @property
    def failed(self) -> int:
        """Items GitHub or the connection refused; ``failures`` has them with their errors."""
        return self._count()["failed"]

    @property
    def skipped(self) -> int:
        """Items a dry run would have acted on; nothing was sent for them."""
        return self._count()["skipped"]

    @property
    def not_started(self) -> int:
        """Items left untouched because the operation was stopped or cancelled first."""
        return self._count()["not_started"]

    @property
    def bytes_freed(self) -> int:
        """Bytes of the items this operation removed (``done`` only)."""
        return sum(o.item.size_in_bytes for o in self.outcomes if o.outcome == "done")

    @property
    def bytes_planned(self) -> int:
        """Bytes of every planned item, whatever its outcome (what a dry run would free)."""
        return sum(o.item.size_in_bytes for o in self.outcomes)

    @property
    def failures(self) -> list[BulkOutcome]:
        """The failed outcomes, each with its item and the typed error that ended it."""
        return [o for o in self.outcomes if o.outcome == "failed"]

    def summary(self) -> dict[str, Any]:
        """The totals as plain data (what ``--json`` prints, with the failures)."""
        return {
            "operation": self.operation,
            "dry_run": self.dry_run,
            "planned": self.planned,
            "done": self.done,
            "already_gone": self.already_gone,
            "failed": self.failed,
            "skipped": self.skipped,
            "not_started": self.not_started,
            "bytes_planned": self.bytes_planned,
            "bytes_freed": self.bytes_freed,
            "unplanned_deleted": self.unplanned_deleted,
            "requests": self.requests,
            "elapsed_seconds": round(self.elapsed, 3),
            "failures": [
                {
                    "repo": o.item.repo,
                    "kind": o.item.kind,
                    "id": o.item.id,
                    "name": o.item.name,
                    "error": type(o.error).__name__ if o.error else None,
                    "status": getattr(o.error, "status", None),
                    "message": str(o.error) if o.error else None,
                }
                for o in self.failures
            ],
        }


class BulkStop:
    """Ask a running bulk operation to stop: no new item starts, those in flight finish.

    Thread-safe, so a signal handler or another thread may call ``stop()``;
    the operation then returns its report with the rest ``not_started``.
    Once a call given this stop has ended, for whatever reason (it returned,
    it was stopped, its task was cancelled, it raised), ``report`` is that
    call's exact report, so what was done is known even when the call raised.
    """

    def __init__(self) -> None:
        self._event = threading.Event()
        self.report: BulkReport | None = None

    def stop(self) -> None:
        """Ask the operation to stop: nothing new starts, and the requests in flight finish."""
        self._event.set()

    @property
    def stopped(self) -> bool:
        """Whether ``stop()`` has been called."""
        return self._event.is_set()

    def __repr__(self) -> str:
        return f"BulkStop(stopped={self.stopped})"


def linked(stop: BulkStop | None) -> BulkStop:
    """A stop of its own for one part of a larger call, stopped whenever ``stop`` is.

    Each organization of an ``orgs=`` call gets one, so that its report lands
    on its own stop and the caller's ``stop.report`` is the combined one.
    """
    part = BulkStop()
    if stop is not None:
        part._event = stop._event
    return part


class BulkInterrupted(KeyboardInterrupt):
    """Ctrl-C stopped a bulk call of the sync client; ``report`` is what it did.

    The first Ctrl-C acts like ``BulkStop.stop()``: requests in flight
    finish, nothing new starts, and this is raised with the exact report. It
    is a ``KeyboardInterrupt``, so code that does not look for it still stops.
    """

    def __init__(self, report: BulkReport) -> None:
        super().__init__(
            f"{report.operation} interrupted: {report.done} done, "
            f"{report.not_started} not started, {report.failed} failed"
        )
        self.report = report


def keep(report: BulkReport, stop: BulkStop | None, error: BaseException | None = None) -> None:
    """Leave a call's report where the caller finds it: on its stop and on its exception."""
    if stop is not None:
        stop.report = report
    if error is not None:
        with contextlib.suppress(AttributeError):  # an exception type that takes no attributes
            setattr(error, "report", report)  # noqa: B010 (exceptions have no such field)

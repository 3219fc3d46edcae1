"""What a bulk operation tells a service: one INTERNAL span over it, and its outcome logged.

The span (``bulk.prune_caches``) is the parent of every call the operation
makes, listings and deletes alike; at the end it carries the counts. The
record on ``ghactions_async.bulk`` is INFO, or WARNING when items failed.
"""

from __future__ import annotations

import functools
import logging
from collections.abc import Awaitable, Callable
from typing import TYPE_CHECKING, Any, TypeVar

if TYPE_CHECKING:
    from .._http._requester import Requester
    from ._report import BulkReport

logger = logging.getLogger("ghactions_async.bulk")

F = TypeVar("F", bound=Callable[..., Awaitable["BulkReport"]])


async def observed(requester: Requester, name: str, run: Awaitable[BulkReport]) -> BulkReport:
    """Await ``run`` (the bulk operation ``name``) under its span, then log its outcome."""
    with requester.tracing.span(f"bulk.{name}", {"github.bulk.operation": name}) as span:
        report = await run
        if span is not None:
            span.set_attributes(
                {
                    "github.bulk.dry_run": report.dry_run,
                    "github.bulk.planned": report.planned,
                    "github.bulk.done": report.done,
                    "github.bulk.failed": report.failed,
                    "github.bulk.requests": report.requests,
                }
            )
    logger.log(
        logging.WARNING if report.failed else logging.INFO,
        "%s: %d planned, %d done, %d already gone, %d failed, %d not started"
        " (%d requests in %.1f s%s)",
        name,
        report.planned,
        report.done,
        report.already_gone,
        report.failed,
        report.not_started,
        report.requests,
        report.elapsed,
        ", dry run" if report.dry_run else "",
        extra={"bulk_operation": name, "bulk_summary": report.summary()},
    )
    return report


def observe(requester_of: Callable[[Any], Requester], method: F) -> F:
    """``method`` of a bulk area, run through ``observed`` (signature kept)."""

    @functools.wraps(method)
    async def run(self: Any, *args: Any, **kwargs: Any) -> BulkReport:
        return await observed(requester_of(self), method.__name__, method(self, *args, **kwargs))

    return run  # type: ignore[return-value]

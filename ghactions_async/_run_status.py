"""The statuses and conclusions GitHub's workflow-run filters take.

One definition serves the ``status`` parameters, the bulk run operations and
the command line's choices; it imports nothing heavy, so the command line
offers the choices without loading the models.
"""

from __future__ import annotations

from typing import Literal, get_args

RunStatus = Literal[
    "completed",
    "action_required",
    "cancelled",
    "failure",
    "neutral",
    "skipped",
    "stale",
    "success",
    "timed_out",
    "in_progress",
    "queued",
    "requested",
    "waiting",
    "pending",
]
"""A run's status or conclusion, as the ``status`` filter takes it."""

CancellableStatus = Literal["queued", "in_progress", "waiting", "pending", "requested"]
"""The statuses of a run that has not completed, which a cancellation can act on."""

RUN_STATUSES: tuple[RunStatus, ...] = get_args(RunStatus)
NOT_COMPLETED: tuple[CancellableStatus, ...] = get_args(CancellableStatus)

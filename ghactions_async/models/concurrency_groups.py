"""Models of ``gh.concurrency_groups``: who holds a concurrency group and who waits for it.

A workflow or job with ``concurrency: <group>`` takes the group's lease
before it runs; others with the same group wait in a queue. These answers
show which runs and jobs hold or wait for each group.
"""

from __future__ import annotations

from datetime import datetime

from attrs import frozen


@frozen(kw_only=True)
class ConcurrencyGroupSummary:
    """An active concurrency group of a repository, as listed: its name and last acquisition."""

    group_name: str
    group_url: str | None = None
    last_acquired_at: datetime | None = None


@frozen(kw_only=True)
class ConcurrencyGroupMember:
    """A run, or a job of a run, that holds a group (``in_progress``) or waits for it (``pending``).

    ``job_id`` and ``job_name`` are set when a job-level or reusable-workflow
    lease is meant rather than the whole run.
    """

    run_id: int
    run_name: str | None = None
    run_url: str | None = None
    run_html_url: str | None = None
    job_id: int | None = None
    job_name: str | None = None
    job_url: str | None = None
    job_html_url: str | None = None
    status: str | None = None


@frozen(kw_only=True)
class ConcurrencyGroup:
    """One concurrency group and its queue, holder first: what is blocking a run or job."""

    group_name: str
    group_url: str | None = None
    total_count: int | None = None
    group_members: list[ConcurrencyGroupMember] | None = None


@frozen(kw_only=True)
class RunConcurrencyGroupMember:
    """An item of one run in a concurrency group, with its place in the queue.

    ``position`` 0 holds the lease; 1 or more waits. ``position_url`` asks the
    group for the items ahead of this one.
    """

    run_id: int
    run_name: str | None = None
    run_url: str | None = None
    run_html_url: str | None = None
    status: str | None = None
    position: int | None = None
    position_url: str | None = None
    job_id: int | None = None
    job_name: str | None = None
    job_url: str | None = None
    job_html_url: str | None = None


@frozen(kw_only=True)
class RunConcurrencyGroup:
    """A concurrency group a run takes part in by its configuration.

    ``group_members`` are the run's own items that hold or wait for the group;
    it is empty once the run has left the group.
    """

    group_name: str
    group_url: str | None = None
    group_members: list[RunConcurrencyGroupMember] | None = None

"""Models of ``gh.jobs``: the jobs of a workflow run and their steps."""

from __future__ import annotations

from datetime import datetime

from attrs import frozen


@frozen(kw_only=True)
class JobStep:
    """One step of a job: what ran, and how it ended (``conclusion`` once completed)."""

    status: str
    conclusion: str | None
    name: str
    number: int
    started_at: datetime | None = None
    completed_at: datetime | None = None


@frozen(kw_only=True)
class Job:
    """One job of a workflow run attempt: its state, its runner, and its steps.

    ``status`` is ``queued``, ``in_progress``, ``completed``, ``waiting``,
    ``requested`` or ``pending``; ``conclusion`` is set once it completed
    (``success``, ``failure``, ``cancelled``, ``skipped`` ...).
    """

    id: int
    run_id: int
    run_url: str
    run_attempt: int | None = None
    node_id: str
    head_sha: str
    url: str
    html_url: str | None
    status: str
    conclusion: str | None
    # Required by the schema, yet GitHub's own example of a job leaves it out.
    created_at: datetime | None = None
    started_at: datetime
    completed_at: datetime | None
    name: str
    steps: list[JobStep] | None = None
    check_run_url: str
    labels: list[str]
    runner_id: int | None
    runner_name: str | None
    runner_group_id: int | None
    runner_group_name: str | None
    workflow_name: str | None
    head_branch: str | None

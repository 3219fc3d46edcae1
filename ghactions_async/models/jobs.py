"""Models of ``gh.jobs``: the jobs of a workflow run and their steps."""

from __future__ import annotations

from datetime import datetime

from attrs import frozen


@frozen(kw_only=True)
class JobStep:
    """One step of a job: what ran, and how it ended (``conclusion`` once completed)."""

    status: str | None = None
    conclusion: str | None = None
    name: str | None = None
    number: int | None = None
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
    run_url: str | None = None
    run_attempt: int | None = None
    node_id: str | None = None
    head_sha: str | None = None
    url: str | None = None
    html_url: str | None = None
    status: str | None = None
    conclusion: str | None = None
    created_at: datetime | None = None
    started_at: datetime | None = None
    completed_at: datetime | None = None
    name: str | None = None
    steps: list[JobStep] | None = None
    check_run_url: str | None = None
    labels: list[str] | None = None
    runner_id: int | None = None
    runner_name: str | None = None
    runner_group_id: int | None = None
    runner_group_name: str | None = None
    workflow_name: str | None = None
    head_branch: str | None = None

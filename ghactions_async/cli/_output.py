"""What the command line shows: tables for people, JSON for scripts, errors, progress.

Results go to stdout (a table, or JSON with ``--json``); everything else
(progress, confirmations, summaries beside JSON, errors) goes to stderr, so
``ghactions ... --json | jq`` always reads clean JSON.
"""

from __future__ import annotations

import json
import os
import sys
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import contextmanager
from datetime import datetime, timedelta, timezone
from typing import TYPE_CHECKING, Any

import click
from rich.console import Console
from rich.table import Table
from rich.text import Text

if TYPE_CHECKING:
    from .._bulk._report import BulkProgress, BulkReport
    from .._errors import GhActionsError
    from ._connect import Connection

WIDE = 200
"""Width for output that is not a terminal (a file, a pipe): no wrapping of table cells."""


def _console(*, stderr: bool) -> Console:
    stream = sys.stderr if stderr else sys.stdout
    terminal = stream.isatty()
    width = None if terminal or os.environ.get("COLUMNS") else WIDE
    return Console(stderr=stderr, width=width, highlight=False, soft_wrap=False)


def out_console() -> Console:
    """Results for people, on stdout."""
    return _console(stderr=False)


def err_console() -> Console:
    """Progress, notes and errors, on stderr."""
    return _console(stderr=True)


def interactive() -> bool:
    """Whether a person can answer a prompt (stdin is a terminal)."""
    return sys.stdin.isatty()


# -- values ------------------------------------------------------------------


def format_size(size: int | None) -> str:
    """Bytes in decimal units, as GitHub shows them: ``512 B``, ``1.5 GB``; ``-`` when unknown."""
    if size is None:
        return "-"
    value = float(size)
    for unit in ("B", "KB", "MB", "GB", "TB"):
        if abs(value) < 1000 or unit == "TB":
            return f"{size:,} B" if unit == "B" else f"{value:,.1f} {unit}"
        value /= 1000
    raise AssertionError("unreachable")


def format_age(moment: datetime | None, now: datetime | None = None) -> str:
    """``5m ago``, ``3h ago``, ``12d ago``; ``in 4d`` for the future; ``-`` when unknown."""
    if moment is None:
        return "-"
    delta = (now or datetime.now(timezone.utc)) - moment
    future = delta < timedelta()
    seconds = abs(delta.total_seconds())
    if seconds < 60:
        text = f"{seconds:.0f}s"
    elif seconds < 3600:
        text = f"{seconds // 60:.0f}m"
    elif seconds < 86400:
        text = f"{seconds // 3600:.0f}h"
    else:
        text = f"{seconds // 86400:.0f}d"
    return f"in {text}" if future else f"{text} ago"


def format_duration(seconds: float) -> str:
    return f"{seconds:.2f}s" if seconds < 60 else f"{seconds // 60:.0f}m{seconds % 60:02.0f}s"


def plural(count: int, noun: str) -> str:
    """``1 cache``, ``2 caches``, ``1 repository`` (``noun`` is the plural)."""
    if count != 1:
        singular = noun
    elif noun.endswith("ies"):
        singular = noun[:-3] + "y"
    elif noun.endswith("s"):
        singular = noun[:-1]
    else:
        singular = noun
    return f"{count:,} {singular}"


def model_json(model: Any, *, repo: str | None = None) -> dict[str, Any]:
    """A model as JSON-ready data (ISO timestamps), with the repository it came from."""
    from .._convert import converter

    data: dict[str, Any] = converter.unstructure(model)
    if repo is not None:
        data["repo"] = repo
    return data


def print_json(data: Any) -> None:
    """Machine-readable output: the only thing ``--json`` writes to stdout."""
    click.echo(json.dumps(data, indent=2, ensure_ascii=False))


NUMERIC = frozenset({"id", "run", "size", "caches", "planned", "done", "failed"})
"""Columns whose values line up on the right."""


def table(
    title: str | None,
    columns: Sequence[str],
    rows: Iterable[Sequence[str]],
    *,
    numeric: Iterable[str] = (),
) -> Table:
    """A borderless table; numeric columns (``NUMERIC`` and ``numeric``) are right-aligned."""
    right = NUMERIC | set(numeric)
    result = Table(title=title, title_justify="left", show_edge=False, pad_edge=False)
    for name in columns:
        result.add_column(name, justify="right" if name in right else "left", no_wrap=True)
    for row in rows:
        result.add_row(*(Text(cell) for cell in row))  # names and keys are never markup
    return result


def print_table(noun: str, columns: Sequence[str], rows: Sequence[Sequence[str]]) -> None:
    """A list for people on stdout; an empty one says so on stderr."""
    if not rows:
        err_console().print(f"No {noun} found.")
        return
    out_console().print(table(None, columns, rows))


# -- errors and notes ----------------------------------------------------------


def describe_error(error: BaseException) -> str:
    """One line for an error: its type, status, message and GitHub's request id."""
    text = f"{type(error).__name__}: {error}"
    reset_at = getattr(error, "reset_at", None)
    if isinstance(reset_at, datetime):
        text += f"; the rate limit resets at {reset_at:%H:%M:%S} UTC"
    retry_after = getattr(error, "retry_after", None)
    if isinstance(retry_after, (int, float)):
        text += f"; GitHub asks to wait {retry_after:g}s"
    return text


def print_error(error: GhActionsError, connection: Connection | None = None) -> None:
    """A failed API call, cleanly: no traceback, the request id kept, a hint for auth trouble."""
    console = err_console()
    line = " ".join(describe_error(error).split())  # one line, whatever the server said
    console.print(f"[bold red]error:[/bold red] {escape(line)}", soft_wrap=True)
    status = getattr(error, "status", None)
    if connection is None or status not in (401, 403, 404):
        return
    if connection.token is None:
        console.print(
            "hint: no token was found: set GITHUB_TOKEN or GH_TOKEN (GH_ENTERPRISE_TOKEN for "
            "a GitHub Enterprise host); without one, private repositories look like 404",
            style="dim",
            soft_wrap=True,
        )
    elif status == 401:
        console.print(
            escape(
                f"hint: {connection.base_url} refused the token from {connection.token_source} "
                f"(API URL from {connection.url_source})"
            ),
            style="dim",
            soft_wrap=True,
        )


def escape(text: str) -> str:
    from rich.markup import escape as rich_escape

    return rich_escape(text)


def note(text: str) -> None:
    err_console().print(text)


# -- bulk operations -----------------------------------------------------------


class ProgressBar:
    """A live bar on stderr fed by a bulk operation's ``on_progress`` (quiet off a terminal).

    ``status`` says what holds the work up (a rate-limit pause), shown after the counts.
    """

    def __init__(
        self, description: str, *, enabled: bool, status: Callable[[], str] | None = None
    ) -> None:
        from rich.progress import (
            BarColumn,
            MofNCompleteColumn,
            Progress,
            SpinnerColumn,
            TextColumn,
            TimeElapsedColumn,
        )

        console = err_console()
        self.progress = Progress(
            SpinnerColumn(),
            TextColumn("{task.description}"),
            BarColumn(),
            MofNCompleteColumn(),
            TextColumn("{task.fields[detail]}"),
            TimeElapsedColumn(),
            console=console,
            disable=not (enabled and console.is_terminal),
            transient=False,
        )
        self.task = self.progress.add_task(f"{description} (planning)", total=None, detail="")
        self.description = description
        self.console = console
        self.status = status
        self.failed = 0

    def update(self, progress: BulkProgress) -> None:
        self.failed = progress.failed
        self.progress.update(
            self.task,
            description=self.description,
            total=progress.planned,
            completed=progress.finished,
            detail=self._detail(),
        )

    def refresh_status(self) -> None:
        """Show the status now (a pause began), not only at the next item."""
        self.progress.update(self.task, detail=self._detail())

    def _detail(self) -> str:
        parts = [f"[red]{self.failed} failed[/red]"] if self.failed else []
        status = self.status() if self.status is not None else ""
        if status:
            parts.append(f"[yellow]{escape(status)}[/yellow]")
        return " ".join(parts)

    def stopping(self) -> None:
        """Say that Ctrl-C was heard (called from the signal handler)."""
        if self.progress.disable:
            self.console.print("stopping: requests in flight finish; Ctrl-C again to abort")
        else:
            self.progress.update(
                self.task, description=f"{self.description} (stopping: Ctrl-C again to abort)"
            )

    def __enter__(self) -> ProgressBar:
        self.progress.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.progress.stop()


@contextmanager
def spinner(text: str, *, enabled: bool) -> Iterator[None]:
    """A spinner on stderr while something is fetched (only on a terminal)."""
    console = err_console()
    if not (enabled and console.is_terminal):
        yield
        return
    with console.status(text):
        yield


def by_repository(report: BulkReport) -> list[dict[str, Any]]:
    """Counts and bytes per repository, most items first.

    ``listed`` is false for a repository the operation could not list (its
    listing error is among the report's failures, as an item of kind
    "repository"); ``planned`` counts the items found to act on.
    """
    rows: dict[str, dict[str, Any]] = {}
    for outcome in report.outcomes:
        item = outcome.item
        row = rows.setdefault(
            item.repo,
            {"repo": item.repo, "listed": True, "planned": 0, "done": 0, "failed": 0, "bytes": 0},
        )
        if outcome.outcome == "failed":
            row["failed"] += 1
        if item.kind == "repository":
            row["listed"] = False
            continue
        row["planned"] += 1
        row["bytes"] += item.size_in_bytes
        if outcome.outcome == "done":
            row["done"] += 1
    return sorted(rows.values(), key=lambda r: (-r["planned"], -r["bytes"], r["repo"]))


def report_json(report: BulkReport) -> dict[str, Any]:
    """``BulkReport.summary()``, with the per-repository breakdown."""
    return {**report.summary(), "by_repository": by_repository(report)}


def _repository_table(
    rows: list[dict[str, Any]],
    columns: Sequence[tuple[str, str]],
    *,
    sized: bool,
    limit: int | None,
    title: str | None = None,
) -> Table:
    """One row per repository (``columns``: heading and row key), ``... N more`` past ``limit``."""
    headings = ["repository", *(heading for heading, _ in columns)] + (["size"] if sized else [])

    def cells(name: str, group: Sequence[dict[str, Any]]) -> list[str]:
        counts = [f"{sum(r[key] for r in group):,}" for _, key in columns]
        if len(group) == 1 and not group[0]["listed"]:
            counts = ["not listed", *counts[1:]]
        size = [format_size(sum(r["bytes"] for r in group))] if sized else []
        return [name, *counts, *size]

    shown = rows if limit is None else rows[:limit]
    body = [cells(r["repo"], [r]) for r in shown]
    rest = rows[len(shown) :]
    if rest:
        body.append(cells(f"... {plural(len(rest), 'more repositories')}", rest))
    return table(title, headings, body, numeric=headings[1:])


def print_plan(
    report: BulkReport,
    noun: str,
    verb: str,
    *,
    limit: int | None = 20,
    console: Console | None = None,
) -> None:
    """What a dry run found: per repository, then the totals (on stdout unless told)."""
    console = console or out_console()
    rows = [r for r in by_repository(report) if r["planned"]]
    if rows:
        sized = report.bytes_planned > 0
        console.print(
            _repository_table(
                rows, [(noun, "planned")], sized=sized, limit=limit, title=f"Would {verb}:"
            )
        )
        size = f" ({format_size(report.bytes_planned)})" if sized else ""
        count, repositories = plan_counts(report)
        console.print(
            f"[bold]Dry run:[/bold] would {verb} {plural(count, noun)}{size}"
            f" in {plural(repositories, 'repositories')}; nothing was changed "
            f"({report.requests:,} requests, {format_duration(report.elapsed)})."
        )
    else:
        console.print(f"Nothing to {verb}: no {noun} match.")
    print_failures(report)


def plan_counts(report: BulkReport) -> tuple[int, int]:
    """The items a report planned to act on, and how many repositories they are in.

    A repository that could not be listed is not an item to act on.
    """
    repos = [o.item.repo for o in report.outcomes if o.item.kind != "repository"]
    return len(repos), len(set(repos))


def _unlisted(report: BulkReport, outcome: str) -> int:
    """Repositories that were not listed: their listing failed, or a stop came first."""
    return sum(1 for o in report.outcomes if o.item.kind == "repository" and o.outcome == outcome)


def print_report(
    report: BulkReport,
    noun: str,
    past: str,
    *,
    stopped: bool = False,
    limit: int | None = 20,
) -> None:
    """What a bulk operation did: per repository, the outcome counts, bytes and requests."""
    console = out_console()
    rows = by_repository(report)
    sized = report.bytes_planned > 0
    if len(rows) > 1:
        columns = [("planned", "planned"), ("done", "done"), ("failed", "failed")]
        console.print(_repository_table(rows, columns, sized=sized, limit=limit))
    unlisted, skipped = _unlisted(report, "failed"), _unlisted(report, "not_started")
    parts = [f"{past} {plural(report.done, noun)}"]
    if sized:
        parts[0] += f" ({format_size(report.bytes_freed)})"
    for count, label in (
        (report.already_gone, "already gone"),
        (report.failed - unlisted, "failed"),
        (report.not_started - skipped, "not started"),
        (unlisted, "repositories not listed"),
        (skipped, "repositories not listed before the stop"),
    ):
        if count:
            parts.append(f"{count:,} {label}")
    if report.unplanned_deleted:
        parts.append(f"{report.unplanned_deleted:,} newer caches went with their key")
    if report.planned == 0:
        console.print(f"Nothing to do: no {noun} match.")
    else:
        head = "[bold yellow]Stopped:[/bold yellow] " if stopped else "[bold]Done:[/bold] "
        console.print(head + ", ".join(parts) + ".")
    per_item = f", {report.requests / report.done:.2f} per item" if report.done else ""
    console.print(f"{report.requests:,} requests{per_item}, {format_duration(report.elapsed)}.")
    print_failures(report)


def print_failures(report: BulkReport, *, limit: int = 10) -> None:
    """The first failures of a report, one line each, on stderr."""
    problems = report.failures
    console = err_console()
    for outcome in problems[:limit]:
        item = outcome.item
        error = escape(describe_error(outcome.error)) if outcome.error else "failed"
        if item.kind == "repository":
            console.print(f"[red]could not list[/red] {escape(item.repo)}: {error}")
        else:
            console.print(
                f"[red]failed[/red] {escape(item.repo)} {item.kind} {item.id} "
                f"{escape(item.name)}: {error}"
            )
    if len(problems) > limit:
        console.print(f"... and {len(problems) - limit:,} more failures (--json lists them all)")

"""Running a bulk operation from the command line: preview, confirm, progress, Ctrl-C, report.

Without ``--yes`` the operation is planned once as a dry run, its summary
shown and a confirmation asked (refused outright when stdin is not a
terminal); then it runs for real under a progress bar. The first Ctrl-C asks
the operation to stop (requests in flight finish, nothing new starts, the
exact report is printed, exit code 130); a second one aborts at once.
"""

from __future__ import annotations

import signal
import threading
from collections.abc import Awaitable, Callable, Mapping, Sequence
from types import FrameType, TracebackType
from typing import TYPE_CHECKING, Any

import click
from attrs import evolve

from ._common import INTERRUPTED, ask, refuse_without_terminal
from ._connect import Settings, run
from ._output import (
    ProgressBar,
    err_console,
    format_size,
    note,
    out_console,
    plan_counts,
    plural,
    print_failures,
    print_json,
    print_plan,
    print_report,
    report_json,
    spinner,
)
from ._waits import Waits

if TYPE_CHECKING:
    from .._bulk._engine import ProgressHook
    from .._bulk._report import BulkReport, BulkStop
    from .._client import AsyncGitHubActions
    from .._errors import GhActionsError
    from .._http._limits import RateLimitWait

BulkMethod = Callable[["AsyncGitHubActions"], Callable[..., Awaitable["BulkReport"]]]
"""Picks the bulk method from a client, e.g. ``lambda gh: gh.bulk.prune_caches``."""


class Interrupts:
    """First Ctrl-C: ``stop`` the operation; second: abort (KeyboardInterrupt).

    Installed only in the main thread (where Python delivers signals).
    """

    def __init__(self, stop: BulkStop, on_first: Callable[[], object]) -> None:
        self.stop = stop
        self.on_first = on_first
        self.count = 0
        self._previous: object = None
        self._installed = False

    def _handle(self, signum: int, frame: FrameType | None) -> None:
        self.count += 1
        if self.count > 1:
            raise KeyboardInterrupt
        self.stop.stop()
        self.on_first()

    def __enter__(self) -> Interrupts:
        if threading.current_thread() is threading.main_thread():
            self._previous = signal.signal(signal.SIGINT, self._handle)
            self._installed = True
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        if self._installed:
            signal.signal(signal.SIGINT, self._previous)  # type: ignore[arg-type]
            self._installed = False


def run_bulk(
    settings: Settings,
    method: BulkMethod,
    filters: Mapping[str, Any],
    *,
    scope: tuple[list[str] | None, str | None],
    noun: str,
    verb: str,
    past: str,
    dry_run: bool,
    yes: bool,
    as_json: bool,
) -> None:
    """Preview (unless ``--yes``), confirm, run with progress, report; exit with its code.

    ``method`` is called with the command's ``filters``, its ``scope`` (from
    ``check_scope``) and the run's settings. ``noun`` is plural (``caches``),
    ``verb`` the action (``delete``), ``past`` its past participle
    (``deleted``). Rate-limit waits show on the progress line and, counted,
    after the report.
    """
    names, org = scope
    waits = Waits()  # of the real run

    async def operation(
        gh: AsyncGitHubActions, dry: bool, hook: ProgressHook | None, stop: BulkStop | None
    ) -> BulkReport:
        try:
            return await method(gh)(
                **filters,
                org=org,
                repos=names,
                dry_run=dry,
                concurrency=settings.concurrency,
                on_progress=hook,
                stop=stop,
            )
        finally:
            throttle = gh.throttle
            if not dry and throttle is not None:
                waits.limit_answers += throttle.limit_answers

    refuse_without_terminal(yes=yes, dry_run=dry_run, what=f"{verb} {noun}")
    if dry_run or not yes:
        with spinner(f"Finding the {noun} to {verb}...", enabled=not as_json):
            plan = run(settings, lambda gh: operation(gh, True, None, None))
        actionable, repos = plan_counts(plan)
        if dry_run or actionable == 0:
            if as_json:
                print_json(report_json(plan))
                print_failures(plan)
            else:
                print_plan(plan, noun, verb)
            if plan.failed:
                raise click.exceptions.Exit(1)
            return
        print_plan(plan, noun, verb, console=err_console())
        size = f" ({format_size(plan.bytes_planned)})" if plan.bytes_planned else ""
        question = (
            f"{verb.capitalize()} {plural(actionable, noun)}{size} "
            f"in {plural(repos, 'repositories')}?"
        )
        ask(question, yes=False, nothing=f"Nothing was {past}.")

    from .._bulk._report import BulkStop

    stop = BulkStop()
    with (
        ProgressBar(f"{verb.capitalize()} {noun}", enabled=not as_json, status=waits.status) as bar,
        Interrupts(stop, bar.stopping),
    ):

        def heard(wait: RateLimitWait) -> None:
            waits.heard(wait)
            bar.refresh_status()

        watched = evolve(settings, on_wait=heard)
        report = run(watched, lambda gh: operation(gh, False, bar.update, stop))
    if as_json:
        print_json(report_json(report))
        print_failures(report)  # errors belong on stderr, also beside JSON
    else:
        print_report(report, noun, past, stopped=stop.stopped)
        if waits.summary():
            out_console().print(f"Rate limits: {waits.summary()}.")
    if stop.stopped:
        note("Stopped by Ctrl-C: requests in flight finished, the rest did not start.")
        raise click.exceptions.Exit(INTERRUPTED)
    if report.failed:
        raise click.exceptions.Exit(1)


def run_each(
    settings: Settings,
    ids: Sequence[int],
    act: Callable[[AsyncGitHubActions, int], Awaitable[object]],
) -> tuple[list[int], list[tuple[int, GhActionsError]], list[int]]:
    """``act`` on every id concurrently; the ids done, the failures, and those not started.

    It runs as a bulk ``map``, so the first Ctrl-C stops it as it stops a
    prune: requests in flight finish and the rest is not started.
    """
    from .._bulk._report import BulkStop
    from .._errors import GhActionsError

    stop = BulkStop()

    async def work(gh: AsyncGitHubActions) -> BulkReport:
        async def one(item: int) -> object:
            return await act(gh, item)

        return await gh.bulk.map(one, list(ids), stop=stop)

    def stopping() -> None:
        note("stopping: requests in flight finish; Ctrl-C again to abort")

    with Interrupts(stop, stopping):
        report = run(settings, work)
    done: list[int] = []
    failures: list[tuple[int, GhActionsError]] = []
    not_started: list[int] = []
    for outcome in sorted(report.outcomes, key=lambda o: o.item.id):  # map's ids: the indices
        item = ids[outcome.item.id]
        if outcome.outcome == "done":
            done.append(item)
        elif outcome.outcome == "not_started":
            not_started.append(item)
        elif isinstance(outcome.error, GhActionsError):
            failures.append((item, outcome.error))
        elif outcome.error is not None:
            raise outcome.error  # not GitHub's answer: a failure of its own
    return done, failures, not_started

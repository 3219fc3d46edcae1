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
from collections.abc import Awaitable, Callable, Mapping
from types import FrameType, TracebackType
from typing import TYPE_CHECKING, Any

import click
from attrs import evolve

from ._common import ask, refuse_without_terminal
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
    from .._http._limits import RateLimitWait

BulkMethod = Callable[["AsyncGitHubActions"], Callable[..., Awaitable["BulkReport"]]]
"""Picks the bulk method from a client, e.g. ``lambda gh: gh.bulk.prune_caches``."""

INTERRUPTED = 130


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
